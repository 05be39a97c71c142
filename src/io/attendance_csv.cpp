// The CSV form of iopcare.attendance/1 (iopcare/io/attendance.hpp). Read a block at a time from
// a stream or straight from a text in memory: a field is a view into the block (only a quoted
// field with a doubled quote is copied), and one record is reused from row to row, so a
// million-row file costs no allocation per field and memory holds a block and the longest row.
// On several threads (csv_pipeline), workers parse pieces of whole rows while the calling thread
// reads and hands the records on in file order.
#include <algorithm>
#include <bit>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <istream>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "iopcare/io/attendance.hpp"
#include "iopcare/text.hpp"
#include "detail/bytes.hpp"
#include "io/attendance_common.hpp"
#include "io/attendance_csv_pieces.hpp"
#include "io/start_workers.hpp"
#include "io/csv_reader.hpp"

namespace iopcare::io {

namespace {

using namespace std::chrono;
using detail::max_minutes;
using detail::minutes_range;

using detail::csv_field;
using detail::csv_rows;

// What the pipeline reads for a piece: small enough that a piece's records are still in cache
// when the calling thread hands them on. (Tests and fuzzers cut small inputs into many smaller
// pieces: detail::read_attendance_csv_in_pieces.)
constexpr std::size_t default_piece_size = std::size_t{1} << 18;

// Minutes as a whole number within a week (see read_minutes); `what` names the column.
minutes csv_minutes(const csv_rows& in, const csv_field& f, const char* what) {
    std::int64_t v = 0;
    bool negative = false;
    std::size_t k = 0;
    const std::string_view t = f.text;
    if (!t.empty() && (t[0] == '-' || t[0] == '+')) negative = t[0] == '-', k = 1;
    const auto not_a_number = [&] {
        in.fail(f.line, f.column, std::string("expected ") + what + ": a whole number of minutes", t, errc::wrong_type);
    };
    if (k == t.size() || t.size() - k > 9) not_a_number();
    for (; k < t.size(); ++k) {
        if (t[k] < '0' || t[k] > '9') not_a_number();
        v = v * 10 + (t[k] - '0');
    }
    if (negative) v = -v;
    if (v > max_minutes || v < -max_minutes) in.fail(f.line, f.column, std::string(minutes_range), t, errc::invalid_argument);
    return minutes{v};
}

enum column { patient, service, start, minutes_col, status, attended_minutes, column_count };
constexpr std::string_view column_names[column_count] = {"patient", "service", "start",
                                                          "minutes", "status",  "attended_minutes"};

// Ids and names go into reports and JSON, so every field must be UTF-8 text. ASCII, the usual
// case, is UTF-8 and is told by one OR over its bytes.
void require_utf8(const csv_rows& in, const csv_field& f, std::string_view column_name) {
    unsigned char any = 0;
    for (const char c : f.text) any |= static_cast<unsigned char>(c);
    if (any < 0x80) return;
    const std::size_t bad = invalid_utf8_at(f.text);
    if (bad == std::string_view::npos) return;
    in.fail(f.line, f.column,
            "the " + std::string(column_name) + " field is not UTF-8 text (byte " + std::to_string(bad + 1) +
                " of the field)",
            f.text, errc::invalid_argument);
}

// Which field of a row holds each column (-1: absent), from the header.
struct csv_columns {
    int at[column_count];
    std::size_t present = 0;
    [[nodiscard]] const csv_field& of(const std::vector<csv_field>& row, column k) const {
        return row[static_cast<std::size_t>(at[k])];
    }
};

csv_columns read_header(csv_rows& in, std::vector<csv_field>& row) {
    constexpr std::string_view expected = "patient,service,start,minutes,status,attended_minutes";
    if (!in.next(row)) in.fail(1, 1, "the file is empty; expected the header " + std::string(expected));
    csv_columns cols;
    std::fill(std::begin(cols.at), std::end(cols.at), -1);
    for (std::size_t c = 0; c < row.size(); ++c) {
        require_utf8(in, row[c], "header");
        const std::string_view name = row[c].text;
        const auto* found = std::find(std::begin(column_names), std::end(column_names), name);
        if (found == std::end(column_names)) {
            in.fail(row[c].line, row[c].column, "unknown column; expected " + std::string(expected), name,
                    errc::unknown_field);
        }
        int& at = cols.at[found - std::begin(column_names)];
        if (at >= 0) in.fail(row[c].line, row[c].column, "this column appears twice", name, errc::unknown_field);
        at = static_cast<int>(c);
        ++cols.present;
    }
    for (int k = 0; k < attended_minutes; ++k) {
        if (cols.at[k] < 0) {
            in.fail(1, 1, "the header lacks the column '" + std::string(column_names[k]) + "'", "", errc::missing_field);
        }
    }
    return cols;
}

// The status, and attended minutes for a partial record (none for the others).
void read_status(const csv_rows& in, const std::vector<csv_field>& row, const csv_columns& cols,
                 attendance_record& rec) {
    const csv_field& st = cols.of(row, status);
    const auto parsed = parse_attendance_status(st.text);
    if (!parsed) {
        in.fail(st.line, st.column, "expected one of attended, partial, absent, excused, cancelled", st.text,
                errc::invalid_argument);
    }
    rec.status = *parsed;
    rec.attended = seconds{0};
    const bool has_attended = cols.at[attended_minutes] >= 0 && !cols.of(row, attended_minutes).text.empty();
    if (rec.status == attendance_status::partial) {
        if (!has_attended) in.fail(in.row_line(), 1, "a partial record needs attended_minutes", "", errc::missing_field);
        rec.attended = csv_minutes(in, cols.of(row, attended_minutes), "attended_minutes");
    } else if (has_attended) {
        const csv_field& a = cols.of(row, attended_minutes);
        in.fail(a.line, a.column, "attended_minutes is for records with status partial", a.text, errc::invalid_argument);
    }
}

// Fills `rec` from a row. The patient id is made anew only when it changes from the row before
// (files are usually grouped by patient).
void read_record(const csv_rows& in, const std::vector<csv_field>& row, const csv_columns& cols,
                 attendance_record& rec) {
    if (row.size() != cols.present) {
        in.fail(in.row_line(), 1,
                "expected " + std::to_string(cols.present) + " fields, found " + std::to_string(row.size()), "",
                errc::wrong_type);
    }
    for (int k = 0; k < column_count && !in.row_ascii(); ++k) {
        if (cols.at[k] >= 0) require_utf8(in, cols.of(row, static_cast<column>(k)), column_names[k]);
    }
    const csv_field& p = cols.of(row, patient);
    if (p.text.empty()) in.fail(p.line, p.column, "a patient id must not be empty");
    if (rec.patient.str() != p.text) rec.patient = patient_id(p.text);
    rec.service.assign(cols.of(row, service).text);
    const csv_field& st = cols.of(row, start);
    const auto t = parse_iso_datetime(st.text);
    if (!t) {
        in.fail(st.line, st.column, "expected a date-time as YYYY-MM-DDTHH:MM:SS, optionally ending in Z or an offset",
                st.text, errc::invalid_date);
    }
    rec.start = to_record_start(*t);
    rec.scheduled = csv_minutes(in, cols.of(row, minutes_col), "minutes");
    read_status(in, row, cols, rec);
}

// The rows after the header: the n-th is read into the record `slot(n)` gives, which then goes
// to `done`.
// (Text in memory: rows that start before `until`, a place in the text.)
template <class Slot, class Done>
std::size_t read_body(csv_rows& in, const csv_columns& cols, Slot slot, Done done,
                      std::size_t until = std::numeric_limits<std::size_t>::max()) {
    std::vector<csv_field> row;
    std::size_t n = 0;
    while (in.position() < until && in.next(row)) {
        if (row.size() == 1 && row[0].text.empty()) continue;  // a blank line
        attendance_record& rec = slot(n);
        read_record(in, row, cols, rec);
        done(rec);
        ++n;
    }
    return n;
}

// The rows after the header, each a record for `sink`.
std::size_t read_body(csv_rows& in, const csv_columns& cols, const attendance_sink& sink,
                      std::size_t until = std::numeric_limits<std::size_t>::max()) {
    attendance_record rec;
    return read_body(in, cols, [&rec](std::size_t) -> attendance_record& { return rec; }, sink, until);
}

std::size_t read_rows(csv_rows& in, const attendance_sink& sink) {
    std::vector<csv_field> row;
    const csv_columns cols = read_header(in, row);
    return read_body(in, cols, sink);
}

// Where `text` may be cut so that it ends with a whole row: just after its last line end outside
// a quoted field (0: nowhere). Outside means after an even number of quotes, as a field's quotes
// come in pairs (the two around it, and each doubled one inside): until the first malformed row
// this is where the parser itself would stand, and a piece cut after that row is never handed
// on, as the piece holding it throws first.
std::size_t last_row_end(std::string_view text) {
    if (std::memchr(text.data(), '"', text.size()) == nullptr) {
        const auto nl = text.rfind('\n');
        return nl == std::string_view::npos ? 0 : nl + 1;
    }
    std::size_t cut = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '"') quoted = !quoted;
        if (text[i] == '\n' && !quoted) cut = i + 1;
    }
    return cut;
}

// A run of whole rows of the input (only the last piece may lack its final line end) and the
// records a worker read from it.
struct csv_piece {
    std::string_view text;                   // in `room`, or in the text the input is
    std::string room;                        // the piece's own copy, for a stream
    std::size_t from = 0;                    // where the piece starts in the text in memory
    std::vector<attendance_record> records;  // reused from piece to piece: their strings keep their room
    std::size_t count = 0;                   // records read into `records`
    std::size_t lines = 0;                   // line ends in `text`
    bool failed = false;  // the text has an error: it is read again in turn, to throw with its line
    bool parsed = false;  // by a worker, since it was last queued (guarded by the pipeline's mutex)
};

// Where the pipeline's pieces come from: a stream, read a block at a time into each piece's own
// room, or text in memory (a mapped file, say), whose pieces are views of it and never copied.
//
// A stream's block is cut after its last line end outside quotes, which takes a look at every
// byte of it. Text in memory is cut after the first line end past each quarter mebibyte, read
// no further: the worker that parses the piece finds out whether that line end was inside a
// quoted field (the piece then ends in an unclosed one and fails). A failed piece is read
// again on the calling thread from its start, to the first row that starts past its end (or
// to the error, which is thrown), and the pieces after it are cut afresh from there. Each
// piece starts where a row does as long as the ones before it did not fail, so only the order
// of reading changes, never the records or the error. Looking at every byte on the calling
// thread cost a sixth of the command's time on a 61 MB file.
class piece_source {
public:
    enum class cut { piece, last, none, empty };

    // The stream after `carry` (the unread text after the header; `at_end` when it is all the
    // input left).
    piece_source(std::istream& in, std::string carry, bool at_end)
        : in_(&in), carry_(std::move(carry)), at_end_(at_end) {}
    // The text from `from` on, in pieces of about `piece_size` bytes.
    piece_source(std::string_view text, std::size_t from, std::size_t piece_size = default_piece_size)
        : text_(text), pos_(from), piece_size_(std::max<std::size_t>(piece_size, 1)) {}

    // The next piece of whole rows into `p.text`. `none` when no row ends within a block (a row
    // longer than a block, or a failed read): the rest is then left to the one-thread reader,
    // which says what is wrong.
    cut next(csv_piece& p) { return in_ != nullptr ? next_read(p) : next_view(p); }

    // Text in memory: a failed piece is read again past its end and the pieces are cut afresh,
    // and a stretch without line ends is read on the calling thread; a stream's pieces end
    // where rows do, so a failed one is read again alone, and after `none` the rest is read.
    [[nodiscard]] bool in_memory() const noexcept { return in_ == nullptr; }
    [[nodiscard]] bool at_end() const noexcept { return pos_ >= text_.size(); }
    // Text in memory: the rows from `from` (where a row starts, on line `line`) that start
    // before `until`, to `sink` on the calling thread; the next piece starts after them.
    std::size_t read_stretch(std::size_t from, std::size_t until, std::string_view source, std::size_t& line,
                             const csv_columns& cols, const attendance_sink& sink) {
        csv_rows rows(text_.substr(from), source, line);
        const std::size_t n = read_body(rows, cols, sink, until - from);
        pos_ = from + rows.position();
        line = rows.line();
        return n;
    }
    // Text in memory: the rows of the stretch without a line end near that `none` was for.
    std::size_t read_stretch(std::string_view source, std::size_t& line, const csv_columns& cols,
                             const attendance_sink& sink) {
        return read_stretch(pos_, pos_ + 2 * piece_size_, source, line, cols, sink);
    }

    // A stream's rest after `none`, read on the calling thread from line `line`.
    std::size_t read_rest(std::string_view source, std::size_t line, const csv_columns& cols,
                          const attendance_sink& sink) {
        csv_rows rows(*in_, source, std::move(carry_), line);
        return read_body(rows, cols, sink);
    }

private:
    cut next_read(csv_piece& p);
    cut next_view(csv_piece& p);

    std::istream* in_ = nullptr;
    std::string carry_;  // read from the stream, not yet in a piece
    bool at_end_ = true;
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t piece_size_ = default_piece_size;
};

piece_source::cut piece_source::next_read(csv_piece& p) {
    // Copied, not swapped: each piece keeps the room it grew to, so no block needs fresh pages
    // (which the kernel would zero) once every piece has been used.
    std::string& room = p.room;
    room.assign(carry_);
    carry_.clear();
    if (!at_end_) {
        const std::size_t keep = room.size();
        room.resize(keep + piece_size_);
        in_->read(room.data() + keep, static_cast<std::streamsize>(piece_size_));
        const auto got = static_cast<std::size_t>(in_->gcount());
        room.resize(keep + got);
        if (in_->bad()) return carry_.swap(room), cut::none;
        at_end_ = got < piece_size_;
    }
    p.text = room;
    if (at_end_) return room.empty() ? cut::empty : cut::last;
    const std::size_t end = last_row_end(room);
    if (end == 0) return carry_.swap(room), cut::none;
    carry_.assign(room, end);
    room.resize(end);
    p.text = room;
    return cut::piece;
}

piece_source::cut piece_source::next_view(csv_piece& p) {
    if (pos_ >= text_.size()) return cut::empty;
    std::size_t end = text_.size();
    if (text_.size() - pos_ > piece_size_) {
        // The line end is looked for within another piece's length: a piece holds its records
        // until it is handed on, so a stretch without line ends (lone CRs, one huge row) is
        // read on the calling thread, which keeps none of them.
        const std::string_view after = text_.substr(pos_ + piece_size_, piece_size_);
        if (const void* nl = std::memchr(after.data(), '\n', after.size())) {
            end = static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) + 1;
        } else if (text_.size() - pos_ > 2 * piece_size_) {
            return cut::none;
        }
    }
    p.text = text_.substr(pos_, end - pos_);
    p.from = pos_;
    pos_ = end;
    return end == text_.size() ? cut::last : cut::piece;
}

// Rows parsed on worker threads a block at a time while the calling thread reads the stream and
// hands the records to the sink in file order. The line a piece starts on is known only once the
// pieces before it are handed on, so a worker reads a piece as if from line 1 and a piece with an
// error is read again on the calling thread, in turn: the first error in file order is thrown,
// naming its line, after the records before it, exactly as on one thread.
class csv_pipeline {
public:
    csv_pipeline(piece_source input, std::string_view source, const csv_columns& cols, unsigned workers)
        : input_(std::move(input)), source_(source), cols_(cols), pieces_(2 * std::size_t{workers} + 2) {
        detail::start_workers(threads_, workers, [this] { work(); }, [this] { stop(); });
    }
    ~csv_pipeline() { stop(); }
    csv_pipeline(const csv_pipeline&) = delete;
    csv_pipeline& operator=(const csv_pipeline&) = delete;

    // Every record of the input, whose first row is on line `line`, to `sink`; returns how many.
    std::size_t run(std::size_t line, const attendance_sink& sink);

private:
    using cut = piece_source::cut;
    std::size_t hand_on(csv_piece& p, std::size_t& line, const attendance_sink& sink) const;
    void parse(csv_piece& p) const;
    void parse_queued(csv_piece& p);
    void await(csv_piece& p);
    void work();
    // Pieces [first, last) of the input are not wanted: the queued ones are taken off the
    // queue, and those a worker has are waited for, so that their places can be used again.
    void drop_after(std::size_t first, std::size_t last) {
        {
            const std::lock_guard lock(m_);
            for (csv_piece* q : queue_) q->parsed = true;  // never parsed, never handed on
            queue_.clear();
        }
        for (std::size_t k = first; k < last; ++k) await(pieces_[k % pieces_.size()]);
    }
    void stop() {
        {
            const std::lock_guard lock(m_);
            stop_ = true;
        }
        work_cv_.notify_all();
        for (auto& t : threads_) t.join();
    }

    piece_source input_;
    std::string_view source_;
    csv_columns cols_;
    std::vector<csv_piece> pieces_;  // a ring: piece k of the input in pieces_[k % size]
    std::deque<csv_piece*> queue_;
    std::mutex m_;
    std::condition_variable work_cv_;  // a piece is queued, or stop_
    std::condition_variable done_cv_;  // a piece is parsed
    bool stop_ = false;
    std::vector<std::thread> threads_;
};

std::size_t csv_pipeline::run(std::size_t line, const attendance_sink& sink) {
    std::size_t queued = 0;
    std::size_t handed = 0;
    std::size_t n = 0;
    bool more = true;
    bool stretch = false;  // `none`: no line end near, once the pieces before are handed on
    for (;;) {
        while (more && queued - handed < pieces_.size()) {  // keep the workers fed
            csv_piece& p = pieces_[queued % pieces_.size()];
            const cut c = input_.next(p);
            more = c == cut::piece;
            stretch = c == cut::none;
            if (c != cut::piece && c != cut::last) break;
            {
                const std::lock_guard lock(m_);
                p.parsed = false;
                queue_.push_back(&p);
            }
            work_cv_.notify_one();
            ++queued;
        }
        if (handed == queued) {
            if (!stretch || !input_.in_memory()) break;
            n += input_.read_stretch(source_, line, cols_, sink);
            stretch = false;
            more = !input_.at_end();
            continue;
        }
        csv_piece& p = pieces_[handed % pieces_.size()];
        await(p);
        if (p.failed && input_.in_memory()) {
            // The pieces after it may start inside a quoted field: dropped, and cut afresh.
            drop_after(handed + 1, queued);
            n += input_.read_stretch(p.from, p.from + p.text.size(), source_, line, cols_, sink);
            handed = queued;
            stretch = false;
            more = !input_.at_end();
            continue;
        }
        n += hand_on(p, line, sink);
        ++handed;
    }
    if (!stretch) return n;
    return n + input_.read_rest(source_, line, cols_, sink);
}

std::size_t csv_pipeline::hand_on(csv_piece& p, std::size_t& line, const attendance_sink& sink) const {
    if (p.failed) {
        csv_rows rows(p.text, source_, line);
        const std::size_t n = read_body(rows, cols_, sink);  // throws, unless the worker ran out of memory
        line = rows.line();
        return n;
    }
    for (std::size_t i = 0; i < p.count; ++i) sink(p.records[i]);
    line += p.lines;
    return p.count;
}

void csv_pipeline::parse(csv_piece& p) const {
    p.count = 0;
    p.failed = false;
    try {
        csv_rows rows(p.text, source_, 1);
        const auto slot = [&p](std::size_t n) -> attendance_record& {
            if (n == p.records.size()) p.records.emplace_back();
            return p.records[n];
        };
        p.count = read_body(rows, cols_, slot, [](const attendance_record&) {});
        p.lines = rows.line() - 1;
    } catch (...) {
        p.failed = true;
    }
}

// A piece taken off the queue, parsed and marked so.
void csv_pipeline::parse_queued(csv_piece& p) {
    parse(p);
    {
        const std::lock_guard lock(m_);
        p.parsed = true;
    }
    done_cv_.notify_all();
}

// Until `p` is parsed, the calling thread parses queued pieces itself rather than wait: parsing
// costs more than handing records on, so the workers alone would keep it idle.
void csv_pipeline::await(csv_piece& p) {
    for (;;) {
        csv_piece* q = nullptr;
        {
            std::unique_lock lock(m_);
            if (p.parsed) return;
            if (queue_.empty()) return done_cv_.wait(lock, [&] { return p.parsed; });
            q = queue_.front();
            queue_.pop_front();
        }
        parse_queued(*q);
    }
}

void csv_pipeline::work() {
    for (;;) {
        csv_piece* p = nullptr;
        {
            std::unique_lock lock(m_);
            work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
            if (stop_) return;
            p = queue_.front();
            queue_.pop_front();
        }
        parse_queued(*p);
    }
}

}  // namespace

attendance_file parse_attendance_csv(std::string_view csv_text, const time_zone& zone, std::string_view source) {
    attendance_file out;
    out.zone = zone;
    csv_rows in(csv_text, source);
    read_rows(in, [&](const attendance_record& r) { out.log.records.push_back(r); });
    return out;
}

// Local times stay local (validation reads them in the zone), so the zone is not needed here.
std::size_t read_attendance_csv(std::istream& in, const time_zone& /*zone*/, const attendance_sink& sink,
                                std::string_view source) {
    csv_rows rows(in, source);
    return read_rows(rows, sink);
}

std::size_t read_attendance_csv(std::istream& in, const time_zone& zone, const attendance_sink& sink,
                                std::string_view source, unsigned threads) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    if (threads == 1) return read_attendance_csv(in, zone, sink, source);
    csv_rows rows(in, source);
    std::vector<csv_field> row;
    const csv_columns cols = read_header(rows, row);
    std::string rest;
    const bool at_end = rows.take_rest(rest);
    csv_pipeline pipeline(piece_source(in, std::move(rest), at_end), source, cols, threads - 1);
    return pipeline.run(rows.line(), sink);
}

std::size_t read_attendance_csv(std::string_view csv_text, const time_zone& /*zone*/, const attendance_sink& sink,
                                std::string_view source, unsigned threads) {
    return detail::read_attendance_csv_in_pieces(csv_text, sink, source, threads, default_piece_size);
}

std::size_t detail::read_attendance_csv_in_pieces(std::string_view csv_text, const attendance_sink& sink,
                                                  std::string_view source, unsigned threads, std::size_t piece_bytes) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    csv_rows rows(csv_text, source);
    if (threads == 1) return read_rows(rows, sink);
    std::vector<csv_field> row;
    const csv_columns cols = read_header(rows, row);
    csv_pipeline pipeline(piece_source(csv_text, rows.position(), piece_bytes), source, cols, threads - 1);
    return pipeline.run(rows.line(), sink);
}

}  // namespace iopcare::io
