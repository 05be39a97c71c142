// The usual iopcare.attendance/1 file read in one pass, without a document tree: a small reader
// of plain JSON (below) hands its events straight to a handler that fills the records. It takes
// only what it is sure of: one object of "format", "timezone" and "records", each record an
// object of the known keys with values of the right type, each key once; strings without
// escapes, whole numbers without fraction or exponent. Anything else (a syntax error, an escape,
// enrollments, a null, 1e2, a repeated key) gives up, and the full reader (attendance_json.cpp,
// nlohmann's lexer and a document tree) reads the file and says what is wrong, as before: what
// this reader accepts is JSON that reader reads to the same records.
#include <algorithm>
#include <bit>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "iopcare/text.hpp"

#include "detail/bytes.hpp"
#include "io/attendance_common.hpp"
#include "io/attendance_json_pieces.hpp"
#include "io/record_relay.hpp"
#include "io/start_workers.hpp"

namespace iopcare::io::detail {

namespace {

using namespace std::chrono;

// Records go to the file's log, or (streaming) to a sink once the zone has been accepted.
class attendance_sax {
public:
    explicit attendance_sax(attendance_file& out) : out_(out) {}
    // The top level up to the records array, which it stops at (refusing it) when "format" and
    // "timezone" came before it: records_next() then says so.
    struct header_only {};
    attendance_sax(attendance_file& out, header_only) : out_(out), header_only_(true) {}
    // Records alone, as a piece of the records array holds them, each to `sink`.
    attendance_sax(attendance_file& out, const attendance_sink& sink) : out_(out), sink_(&sink), at_(place::records) {}
    attendance_sax(attendance_file& out, const std::function<bool(const time_zone&)>& on_zone,
                   const attendance_sink& sink)
        : out_(out), on_zone_(&on_zone), sink_(&sink) {}

    // Events as nlohmann's SAX interface names them; each returns false to give up.
    bool number_integer(std::int64_t v) { return integer(v); }
    bool number_unsigned(std::uint64_t v) {
        return v <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) &&
               integer(static_cast<std::int64_t>(v));
    }

    bool start_object(std::size_t /*size*/) {
        if (at_ == place::start) return at_ = place::top, true;
        if (at_ != place::records) return false;
        at_ = place::record;
        seen_ = 0;
        rec_.attended = {};  // the one field a record may leave unset; the others are required
        return true;
    }
    bool start_array(std::size_t /*size*/) {
        if (at_ != place::top || pending_ != records_key) return false;
        if (header_only_) {
            constexpr unsigned before = (1u << format_key) | (1u << timezone_key);
            records_next_ = (top_seen_ & before) == before;
            return false;
        }
        // Streamed records are read in the zone, so it must come first and be accepted.
        if (sink_ != nullptr && ((top_seen_ & (1u << timezone_key)) == 0 || !(*on_zone_)(out_.zone))) return false;
        pending_ = none;
        at_ = place::records;
        return true;
    }
    bool end_array() { return at_ == place::records && (at_ = place::top, true); }
    bool key(std::string_view k) {
        static constexpr std::string_view record_keys[] = {"patient", "service", "start", "minutes", "status",
                                                           "attended_minutes"};
        static constexpr std::string_view top_keys[] = {"format", "timezone", "records"};
        const auto* first = at_ == place::record ? std::begin(record_keys) : std::begin(top_keys);
        const auto* last = at_ == place::record ? std::end(record_keys) : std::end(top_keys);
        const auto* found = std::find(first, last, k);
        if (found == last) return false;
        pending_ = static_cast<unsigned>(found - first) + (at_ == place::record ? 0u : format_key);
        unsigned& seen = at_ == place::record ? seen_ : top_seen_;
        const unsigned bit = 1u << pending_;
        if ((seen & bit) != 0) return false;
        seen |= bit;
        return true;
    }
    bool string(std::string_view s);
    bool end_object();

    [[nodiscard]] bool finished() const noexcept { return at_ == place::finished; }
    [[nodiscard]] bool records_next() const noexcept { return records_next_; }

private:
    enum class place { start, top, records, record, finished };
    // Keys by number: a record's, then the top level's (bits of seen_).
    static constexpr unsigned patient_key = 0, service_key = 1, start_key = 2, minutes_key = 3, status_key = 4,
                              attended_key = 5, format_key = 6, timezone_key = 7, records_key = 8, none = 31;

    bool integer(std::int64_t v);

    attendance_file& out_;
    const std::function<bool(const time_zone&)>* on_zone_ = nullptr;
    const attendance_sink* sink_ = nullptr;
    bool header_only_ = false;
    bool records_next_ = false;
    place at_ = place::start;
    unsigned pending_ = none;
    unsigned seen_ = 0;      // the keys of the record being read
    unsigned top_seen_ = 0;  // the keys of the top level
    attendance_record rec_;
};

bool attendance_sax::integer(std::int64_t v) {
    if (at_ != place::record) return false;
    const unsigned k = std::exchange(pending_, none);
    if (k == patient_key) return rec_.patient = patient_id(std::to_string(v)), true;  // as written
    if (k != minutes_key && k != attended_key) return false;
    if (v < -max_minutes || v > max_minutes) return false;
    (k == minutes_key ? rec_.scheduled : rec_.attended) = minutes{v};
    return true;
}

bool attendance_sax::string(std::string_view s) {
    const unsigned k = std::exchange(pending_, none);
    if (at_ == place::top) {
        if (k == format_key) return s == "iopcare.attendance/1";
        if (k != timezone_key) return false;
        auto z = time_zone::try_locate(s);
        return z && (out_.zone = *z, true);
    }
    if (at_ != place::record) return false;
    switch (k) {
        // A view of the text: the record keeps its buffers from record to record, and a file
        // grouped by patient makes its id once per patient.
        case patient_key: {
            if (s.empty()) return false;
            if (rec_.patient.str() != s) rec_.patient = patient_id(s);
            return true;
        }
        case service_key: return rec_.service = s, true;
        case start_key: {
            const auto t = parse_iso_datetime(s);
            return t && (rec_.start = to_record_start(*t), true);
        }
        case status_key: {
            const auto st = parse_attendance_status(s);
            return st && (rec_.status = *st, true);
        }
        default: return false;
    }
}

bool attendance_sax::end_object() {
    if (at_ == place::record) {
        constexpr unsigned needed = (1u << patient_key) | (1u << service_key) | (1u << start_key) |
                                    (1u << minutes_key) | (1u << status_key);
        const bool partial = rec_.status == attendance_status::partial;
        if ((seen_ & needed) != needed || partial != ((seen_ & (1u << attended_key)) != 0)) return false;
        if (sink_ != nullptr) (*sink_)(rec_);
        else out_.log.records.push_back(rec_);
        at_ = place::records;
        return true;
    }
    if (at_ != place::top) return false;
    constexpr unsigned needed = (1u << format_key) | (1u << timezone_key) | (1u << records_key);
    if ((top_seen_ & needed) != needed) return false;
    at_ = place::finished;
    return true;
}

// JSON's white space (the reader's, and what a cut between records may hold).
bool blank(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Plain JSON as events for a handler with nlohmann's SAX interface. False (give up) on anything
// outside plain JSON as described above, or when the handler refuses an event.
template <class Handler>
class plain_json {
public:
    plain_json(std::string_view text, Handler& h) : s_(text), h_(h) {}

    // The whole text: one value, then only white space.
    bool run() {
        if (!value()) return false;
        skip_space();
        return i_ == s_.size();
    }
    // The whole text: values separated by commas (the inside of an array, or a piece of it).
    bool run_values() {
        do {
            if (!value()) return false;
        } while (eat(','));
        skip_space();
        return i_ == s_.size();
    }
    // Where reading stopped.
    [[nodiscard]] std::size_t position() const noexcept { return i_; }

private:
    void skip_space() {
        while (i_ < s_.size() && blank(s_[i_])) ++i_;
    }
    bool eat(char c) {
        skip_space();
        if (i_ >= s_.size() || s_[i_] != c) return false;
        ++i_;
        return true;
    }
    bool value() {
        skip_space();
        if (i_ >= s_.size()) return false;
        const char c = s_[i_];
        if (c == '{') return object();
        if (c == '[') return array();
        std::string_view t;
        if (c == '"') return string(t) && h_.string(t);
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        return false;  // true, false, null: nothing the handler takes
    }
    bool object() {
        ++i_;
        if (!h_.start_object(std::size_t(-1))) return false;
        if (eat('}')) return h_.end_object();
        do {
            skip_space();
            std::string_view k;
            if (!string(k) || !h_.key(k) || !eat(':') || !value()) return false;
        } while (eat(','));
        return eat('}') && h_.end_object();
    }
    bool array() {
        ++i_;
        if (!h_.start_array(std::size_t(-1))) return false;
        if (eat(']')) return h_.end_array();
        do {
            if (!value()) return false;
        } while (eat(','));
        return eat(']') && h_.end_array();
    }
    // A string without escapes or control characters, UTF-8, as `t` (a view of the text, which
    // the handler copies what it keeps of: no copy of every string). Looked at eight bytes
    // at a time up to the byte that ends it (a quote) or makes it not plain; `high` may take in
    // bytes after the end, which only costs the closer UTF-8 look.
    bool string(std::string_view& t) {
        if (i_ >= s_.size() || s_[i_] != '"') return false;
        const std::size_t from = ++i_;
        std::uint64_t high = 0;
        if constexpr (iopcare::detail::bytes_in_order) {
            using namespace iopcare::detail;
            for (; i_ + 8 <= s_.size(); i_ += 8) {
                const std::uint64_t w = load_word(s_.data() + i_);
                high |= w;
                const std::uint64_t stop = bytes_equal(w, '"') | bytes_equal(w, '\\') | bytes_below(w, 0x20);
                if (stop != 0) {
                    i_ += static_cast<std::size_t>(std::countr_zero(stop)) / 8;
                    break;
                }
            }
        }
        while (i_ < s_.size() && s_[i_] != '"') {
            const auto b = static_cast<unsigned char>(s_[i_]);
            if (b < 0x20 || b == '\\') return false;
            high |= b;
            ++i_;
        }
        if (i_ >= s_.size()) return false;
        t = s_.substr(from, i_ - from);
        ++i_;
        return (high & iopcare::detail::byte_highs) == 0 || invalid_utf8_at(t) == std::string_view::npos;
    }
    // -?(0|[1-9][0-9]*), at most 18 digits, not followed by a fraction or an exponent.
    bool number() {
        const bool negative = s_[i_] == '-';
        if (negative) ++i_;
        const std::size_t from = i_;
        std::int64_t v = 0;
        // Digits past the 18th are only counted (the number is then refused): 19 digits could
        // overflow the accumulator.
        while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') {
            if (i_ - from < 18) v = v * 10 + (s_[i_] - '0');
            ++i_;
        }
        const std::size_t digits = i_ - from;
        if (digits == 0 || digits > 18 || (digits > 1 && s_[from] == '0')) return false;
        if (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E')) return false;
        if (negative) return h_.number_integer(-v);
        return h_.number_unsigned(static_cast<std::uint64_t>(v));
    }

    std::string_view s_;
    Handler& h_;
    std::size_t i_ = 0;
};

// Records of a run of the records array to `sink`: false when the text is not whole plain
// records separated by commas.
bool read_records(std::string_view text, const attendance_sink& sink) {
    attendance_file unused;
    attendance_sax sax(unused, sink);
    plain_json<attendance_sax> reader(text, sax);
    return reader.run_values();
}

// Cuts the next piece off the front of `rest` (the records array's inside, from a record's
// start): about `piece_bytes`, ending after a `}` followed by a comma and a `{` with only white
// space between, as two records of the array are. Whether that `}` really ended a record, and
// was not inside a string, only the reading of the piece shows: a piece read from a record's
// start to its end proves that the next starts at one (records hold no objects).
std::string_view next_piece(std::string_view& rest, std::size_t piece_bytes) {
    for (std::size_t at = piece_bytes; at < rest.size(); ++at) {
        at = rest.find('}', at);
        if (at == std::string_view::npos) break;
        std::size_t i = at + 1;
        while (i < rest.size() && blank(rest[i])) ++i;
        if (i == rest.size() || rest[i] != ',') continue;
        ++i;
        while (i < rest.size() && blank(rest[i])) ++i;
        if (i == rest.size() || rest[i] != '{') continue;
        const std::string_view piece = rest.substr(0, at + 1);
        rest.remove_prefix(i);
        return piece;
    }
    return std::exchange(rest, std::string_view());
}

// The records array's pieces read on worker threads, a few pieces ahead, while the calling
// thread hands their records to the sink in text order. A piece that does not read (a cut
// inside a string, or a fault) stops the workers, and the text from its start is read on the
// calling thread: the result is that of one thread.
class record_pieces {
public:
    record_pieces(std::string_view body, std::size_t piece_bytes, unsigned workers)
        : rest_(body), piece_bytes_(std::max<std::size_t>(piece_bytes, 1)), slots_(2 * std::size_t{workers} + 2) {
        start_workers(threads_, workers, [this] { work(); }, [this] { stop(); });
    }
    ~record_pieces() { stop(); }
    record_pieces(const record_pieces&) = delete;
    record_pieces& operator=(const record_pieces&) = delete;

    bool run(const attendance_sink& sink) {
        for (std::size_t k = 0;; ++k) {
            slot& p = slots_[k % slots_.size()];
            {
                std::unique_lock lock(m_);
                done_cv_.wait(lock, [&] { return p.read || (rest_.empty() && k == taken_); });
                if (!p.read) return true;  // every piece handed on
            }
            if (!p.ok) {
                stop();
                return read_records(std::string_view(p.text.data(), end_of(p.text)), sink);
            }
            for (std::size_t i = 0; i < p.count; ++i) sink(p.records[i]);
            {
                const std::lock_guard lock(m_);
                p.read = false;
                handed_ = k + 1;
            }
            work_cv_.notify_one();
        }
    }

private:
    struct slot {
        std::string_view text;
        std::vector<attendance_record> records;  // reused: their strings keep their room
        std::size_t count = 0;
        bool ok = false;
        bool read = false;
    };

    // The end of the whole body, seen from a piece of it.
    std::size_t end_of(std::string_view piece) const noexcept {
        return static_cast<std::size_t>(body_end_ - piece.data());
    }

    void work() {
        for (;;) {
            slot* p = nullptr;
            {
                std::unique_lock lock(m_);
                work_cv_.wait(lock, [&] { return stop_ || (!rest_.empty() && taken_ < handed_ + slots_.size()); });
                if (stop_) return;
                p = &slots_[taken_++ % slots_.size()];
                p->text = next_piece(rest_, piece_bytes_);
            }
            parse(*p);
            {
                const std::lock_guard lock(m_);
                p->read = true;
            }
            done_cv_.notify_all();
        }
    }

    static void parse(slot& p) noexcept {
        p.count = 0;
        try {
            const auto keep = [&p](const attendance_record& r) {
                if (p.count == p.records.size()) p.records.push_back(r);
                else p.records[p.count] = r;
                ++p.count;
            };
            p.ok = read_records(p.text, keep);
        } catch (...) {  // out of memory: the calling thread reads the piece again
            p.ok = false;
        }
    }

    void stop() {
        {
            const std::lock_guard lock(m_);
            stop_ = true;
        }
        work_cv_.notify_all();
        for (auto& t : threads_) t.join();
        threads_.clear();
    }

    std::string_view rest_;  // not yet cut into pieces
    const char* body_end_ = rest_.data() + rest_.size();
    std::size_t piece_bytes_;
    std::vector<slot> slots_;  // a ring: piece k in slots_[k % size]
    std::size_t taken_ = 0;    // pieces cut and given to a worker
    std::size_t handed_ = 0;   // pieces handed on
    std::mutex m_;
    std::condition_variable work_cv_;  // a slot is free, or stop_
    std::condition_variable done_cv_;  // a piece is read
    bool stop_ = false;
    std::vector<std::thread> threads_;
};

// The inside of the records array and the zone, when the text is the usual shape: "format" and
// "timezone" before "records", and after the array only the top level's closing brace.
struct records_body {
    std::string_view body;
    time_zone zone;
};
std::optional<records_body> find_records(std::string_view text) {
    attendance_file header;
    attendance_sax sax(header, attendance_sax::header_only{});
    plain_json<attendance_sax> reader(text, sax);
    if (reader.run() || !sax.records_next()) return std::nullopt;
    std::size_t end = text.size();
    while (end > 0 && blank(text[end - 1])) --end;
    if (end == 0 || text[end - 1] != '}') return std::nullopt;
    --end;
    while (end > 0 && blank(text[end - 1])) --end;
    if (end == 0 || text[end - 1] != ']' || end - 1 < reader.position()) return std::nullopt;
    return records_body{text.substr(reader.position(), end - 1 - reader.position()), header.zone};
}

}  // namespace

std::optional<attendance_file> read_attendance_fast(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) return std::nullopt;  // a byte-order mark: the full reader's
    attendance_file out;
    // Room for as many records as the text could hold (one takes well over 64 bytes): no copy
    // while growing, and room never written to costs no memory.
    out.log.records.reserve(text.size() / 64);
    attendance_sax sax(out);
    plain_json<attendance_sax> reader(text, sax);
    if (!reader.run() || !sax.finished()) return std::nullopt;
    return out;
}

}  // namespace iopcare::io::detail

namespace iopcare::io {

bool stream_attendance_json(std::string_view json_text, const std::function<bool(const time_zone&)>& on_zone,
                            const attendance_sink& sink) {
    if (json_text.starts_with("\xEF\xBB\xBF")) return false;  // as read_attendance_fast
    attendance_file zone_only;
    detail::attendance_sax sax(zone_only, on_zone, sink);
    detail::plain_json<detail::attendance_sax> reader(json_text, sax);
    return reader.run() && sax.finished();
}

bool stream_attendance_json(std::string_view json_text, const std::function<bool(const time_zone&)>& on_zone,
                            const attendance_sink& sink, unsigned threads) {
    return detail::stream_attendance_json_in_pieces(json_text, on_zone, sink, threads, detail::json_piece_size);
}

bool detail::stream_attendance_json_in_pieces(std::string_view json_text,
                                              const std::function<bool(const time_zone&)>& on_zone,
                                              const attendance_sink& sink, unsigned threads, std::size_t piece_bytes) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    if (threads == 1) return stream_attendance_json(json_text, on_zone, sink);
    if (json_text.starts_with("\xEF\xBB\xBF")) return false;  // as read_attendance_fast
    const auto found = find_records(json_text);
    if (!found) {  // another shape (the zone after the records, say): read in one pass beside the sink
        const auto read = [&](const attendance_sink& put) { return stream_attendance_json(json_text, on_zone, put); };
        return record_relay().run(read, sink);
    }
    if (!on_zone(found->zone)) return false;
    if (std::all_of(found->body.begin(), found->body.end(), blank)) return true;  // no records
    return record_pieces(found->body, piece_bytes, threads).run(sink);
}

}  // namespace iopcare::io
