// CSV attendance parsed on several threads (io::read_attendance_csv with a thread count), from a
// stream and from text in memory: the same records, the same calls to the sink and the same
// errors as on one thread, wherever the reader cuts the input into pieces (a stream just after a
// row end, which a quoted field with line ends inside, CRLF or a lone CR must not fool; text in
// memory after the first line end past each quarter mebibyte, which may be inside a quoted
// field), and an error in a later piece still names its line.
#include <functional>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"
#include "failures.hpp"
#include "iopcare/io/attendance.hpp"
#include "io/attendance_csv_pieces.hpp"

using namespace iopcare;
using iopcare::testing::failure;
using iopcare::testing::mentions;

namespace {

const std::string header = "patient,service,start,minutes,status,attended_minutes\n";
const std::string plain_row = "p-1,group_therapy,2026-03-02T18:00:00,180,attended,\n";
constexpr std::size_t block = std::size_t{1} << 20;  // the reader's block
constexpr std::size_t piece = block / 4;             // what text in memory is cut after

// Where the rows come from: a stream, or the text in memory.
enum class form { stream, memory };
constexpr form both_forms[] = {form::stream, form::memory};

const time_zone& new_york() {
    static const time_zone z = time_zone::locate("America/New_York");
    return z;
}

// `text`'s records to `sink` on `threads` threads, read as `f`, from "a.csv".
std::size_t read_csv(const std::string& text, unsigned threads, form f, const io::attendance_sink& sink) {
    if (f == form::memory) return io::read_attendance_csv(std::string_view(text), new_york(), sink, "a.csv", threads);
    std::istringstream in(text);
    return io::read_attendance_csv(in, new_york(), sink, "a.csv", threads);
}

// The records handed to the sink on `threads` threads, in the order handed.
std::vector<attendance_record> read_on(const std::string& text, unsigned threads, form f = form::stream) {
    std::vector<attendance_record> out;
    const auto n = read_csv(text, threads, f, [&](const attendance_record& r) { out.push_back(r); });
    CHECK(n == out.size());
    return out;
}

bool same(const attendance_record& a, const attendance_record& b) {
    return a.patient == b.patient && a.service == b.service && a.start == b.start && a.scheduled == b.scheduled &&
           a.status == b.status && a.attended == b.attended;
}

void require_same(const std::vector<attendance_record>& a, const std::vector<attendance_record>& b) {
    REQUIRE(a.size() == b.size());
    std::size_t i = 0;
    while (i < a.size() && same(a[i], b[i])) ++i;
    CHECK(i == a.size());  // else the first record that differs
}

// `text` fails on each of `threads` threads, read as each of `forms`, where and as it fails on
// one thread (a stream), after handing on as many records; returns the one-thread failure.
iopcare::error_info require_same_failure(const std::string& text, std::initializer_list<form> forms,
                                         std::initializer_list<unsigned> threads) {
    std::size_t handed_one = 0;
    const auto one = failure([&] { (void)read_csv(text, 1, form::stream, [&](const auto&) { ++handed_one; }); });
    for (const form f : forms) {
        for (unsigned n : threads) {
            CAPTURE(n);
            std::size_t handed = 0;
            const auto e = failure([&] { (void)read_csv(text, n, f, [&](const auto&) { ++handed; }); });
            CHECK(e.where == one.where);
            CHECK(e.message == one.message);
            CHECK(handed == handed_one);
        }
    }
    return one;
}

// Plain rows (and one padded row) up to `goal` bytes, then `tail`, then `after` more plain rows.
// A pipelined reader cuts a piece at the last row end before each of its reads' ends: the
// header's block, then every quarter block, so byte 2 * block is one of them.
std::string with_tail_at(std::size_t goal, const std::string& tail, std::size_t after) {
    std::string text = header;
    while (text.size() + 2 * plain_row.size() < goal) text += plain_row;
    const std::size_t pad = goal - text.size() - (plain_row.size() - 3);  // the padded row's id length
    text += std::string(pad, 'x') + plain_row.substr(3);
    REQUIRE(text.size() == goal);
    text += tail;
    for (std::size_t i = 0; i < after; ++i) text += plain_row;
    return text;
}

// Quoted fields with quotes, commas and line ends inside (a quoted CRLF too), a CRLF row, a lone
// CR and a blank line.
const std::string tricky = "\"p \"\"q\"\",\r\nx\",group_therapy,2026-03-02T18:00:00,180,partial,120\r\n"
                           "p-2,individual_therapy,2026-03-03T17:00:00Z,60,attended,\r"
                           "\n"
                           "\"p\n3\",\"drug_testing\",2026-03-04T17:00:00-05:00,15,absent,\r"
                           "p-4,group_therapy,2026-03-05T18:00:00,180,excused,\n";

}  // namespace

TEST_CASE("CSV parsed on several threads gives the one-thread records wherever a piece ends",
          "[io][csv][stream][threads]") {
    for (std::size_t offset = 0; offset <= tricky.size() + 1; offset += 3) {
        CAPTURE(offset);
        const std::string text = with_tail_at(2 * block - offset, tricky, 40);
        const auto one = read_on(text, 1);
        require_same(read_on(text, 2 + offset % 2), one);
        CHECK(one[one.size() - 44].patient == "p \"q\",\r\nx");
        CHECK(one[one.size() - 42].patient == "p\n3");
    }
}

TEST_CASE("CSV in memory on several threads: a piece cut inside a quoted field gives the one-thread records",
          "[io][csv][threads]") {
    // The first piece ends after the first line end at or past header + piece: with the tricky
    // rows there, that line end is, for some offsets, inside one of their quoted fields.
    for (std::size_t offset = 0; offset <= tricky.size() + 1; ++offset) {
        CAPTURE(offset);
        const std::string text = with_tail_at(header.size() + piece - offset, tricky, 40);
        const auto one = read_on(text, 1);
        REQUIRE(one.size() >= 44);
        for (unsigned threads : {1u, 2u, 3u}) require_same(read_on(text, threads, form::memory), one);
        CHECK(one[one.size() - 44].patient == "p \"q\",\r\nx");
        CHECK(one[one.size() - 42].patient == "p\n3");
        CHECK(one.back().patient == "p-1");
    }
}

TEST_CASE("CSV in memory: after a piece cut inside a quoted field, later pieces and a late error are one thread's",
          "[io][csv][threads][hostile]") {
    const std::string bad = "p-9,group_therapy,2026-03-02T18:00:00,1\"80,attended,\n";
    for (std::size_t offset : {0u, 3u, 9u, 40u}) {  // the first cut inside the tricky rows' quoted fields, or not
        CAPTURE(offset);
        std::string text = with_tail_at(header.size() + piece - offset, tricky, 0);
        while (text.size() < 5 * piece) text += plain_row;  // several pieces after the first
        text += tricky;
        const std::string good = text + "p-5,group_therapy,2026-03-06T18:00:00,180,attended,\n";
        const auto one = read_on(good, 1);
        for (unsigned threads : {2u, 3u}) require_same(read_on(good, threads, form::memory), one);
        CHECK(mentions(require_same_failure(text + bad, {form::memory}, {2u, 3u}).message, "a quote inside"));
    }
}

TEST_CASE("CSV in memory on several threads: no line end for a long stretch gives the one-thread records",
          "[io][csv][threads]") {
    // Old Mac line ends (a lone CR) throughout, after a first piece of usual rows; and a row
    // with a quoted field of several pieces' length, line ends inside, in the middle.
    std::string cr_rows = header;
    while (cr_rows.size() < 2 * piece) cr_rows += plain_row;
    while (cr_rows.size() < 6 * piece) cr_rows += "p-2,individual_therapy,2026-03-03T17:00:00Z,60,attended,\r";
    std::string long_field = header;
    while (long_field.size() < piece) long_field += plain_row;
    // (Under the stream reader's 1 MiB a row, so that both forms read it.)
    long_field += "\"p-" + std::string(2 * piece, 'x') + "\n" + std::string(piece, 'y') +
                  "\",group_therapy,2026-03-02T18:00:00,180,attended,\n";
    for (int i = 0; i < 9000; ++i) long_field += plain_row;
    for (const auto& text : {cr_rows, long_field}) {
        const auto one = read_on(text, 1);
        REQUIRE(one.size() > 4000);
        for (unsigned threads : {1u, 2u, 3u}) require_same(read_on(text, threads, form::memory), one);
    }
}

TEST_CASE("CSV on many threads: many pieces, the tricky rows throughout, a file without a last line end",
          "[io][csv][stream][threads]") {
    std::string text = header;
    while (text.size() < 5 * block) {
        for (int i = 0; i < 300; ++i) text += plain_row;
        text += tricky + "\n";
    }
    text += "p-5,group_therapy,2026-03-06T18:00:00,180,attended,";  // no line end at the end
    const auto one = read_on(text, 1);
    for (const form f : both_forms) {
        for (unsigned threads : {0u, 2u, 3u, 8u}) {
            CAPTURE(threads);
            require_same(read_on(text, threads, f), one);
        }
    }
    CHECK(one.back().patient == "p-5");
}

TEST_CASE("CSV on several threads: an error in a later piece names its line, after the same records",
          "[io][csv][stream][threads][hostile]") {
    const std::string bad = "p-9,group_therapy,2026-03-02T18:00:00,1\"80,attended,\n";
    // Lines before the error that are not rows: line ends in quoted fields, CRLF, lone CR.
    std::string text = with_tail_at(block / 2, tricky, 0);
    text = with_tail_at(3 * block + 11, text.substr(header.size()) + bad, 200);
    for (const auto& t : {text, header + tricky + bad, with_tail_at(2 * block - 20, bad, 5)}) {
        const auto one = require_same_failure(t, {form::stream, form::memory}, {2u, 3u});
        CHECK(mentions(one.message, "a quote inside an unquoted field"));
    }
}

TEST_CASE("CSV on several threads: truncated, huge-line and binary files fail as on one thread",
          "[io][csv][stream][threads][hostile]") {
    std::string binary = header;
    for (int i = 0; i < 3 * static_cast<int>(block); ++i) binary += static_cast<char>((i * 131 + 7) % 256);
    const std::vector<std::string> texts = {
        header + plain_row + "p-1,group_th",
        header + "\"p-1,group_therapy",
        with_tail_at(2 * block - 7, std::string(3 * block, 'z') + "\n", 3),
        with_tail_at(block, "\"" + std::string(2 * block, 'q') + "\n", 3),
        binary,
    };
    for (std::size_t k = 0; k < texts.size(); ++k) {
        CAPTURE(k);
        for (const form f : both_forms) {
            // Text in memory has no block: a row longer than one is read to its end, as
            // parse_attendance_csv reads it, so a form's own one-thread reading is the measure.
            const auto one = failure([&] { (void)read_csv(texts[k], 1, f, [](const auto&) {}); });
            CHECK(one.where != "a.csv:1:1");
            const auto e = failure([&] { (void)read_csv(texts[k], 2, f, [](const auto&) {}); });
            CHECK(e.where == one.where);
            CHECK(e.message == one.message);
        }
    }
}

TEST_CASE("CSV in memory cut into pieces of 1 to 97 bytes gives the one-thread records or its first error",
          "[io][csv][threads][hostile]") {
    // With pieces this small a cut falls at every kind of place: inside quoted fields (with
    // quotes, commas and line ends inside), between a CR and its LF, after a lone CR, in a row
    // longer than two pieces, before a blank line; and an error comes after many pieces.
    const std::string bad = "p-9,group_therapy,2026-03-02T18:00:00,1\"80,attended,\n";
    const std::string long_row = "\"p-" + std::string(300, 'x') + "\n" + std::string(50, 'y') +
                                 "\",group_therapy,2026-03-02T18:00:00,180,attended,\n";
    const std::string good = header + plain_row + tricky + long_row + plain_row + tricky + plain_row;
    const std::string no_last_end = good + "p-5,group_therapy,2026-03-06T18:00:00,180,attended,";
    const auto one = read_on(good, 1);
    const auto one_more = read_on(no_last_end, 1);
    REQUIRE(one.size() == 12);
    REQUIRE(one_more.size() == 13);
    std::size_t handed_one = 0;
    const auto fails_one = failure([&] { (void)read_csv(good + bad, 1, form::stream, [&](const auto&) { ++handed_one; }); });
    const auto in_pieces = [](const std::string& text, unsigned threads, std::size_t piece_bytes, auto&& sink) {
        return io::detail::read_attendance_csv_in_pieces(text, sink, "a.csv", threads, piece_bytes);
    };
    for (std::size_t bytes = 1; bytes <= 97; ++bytes) {
        CAPTURE(bytes);
        for (unsigned threads : {2u, 3u}) {
            CAPTURE(threads);
            std::vector<attendance_record> got;
            in_pieces(good, threads, bytes, [&](const attendance_record& r) { got.push_back(r); });
            require_same(got, one);
            got.clear();
            in_pieces(no_last_end, threads, bytes, [&](const attendance_record& r) { got.push_back(r); });
            require_same(got, one_more);
            std::size_t handed = 0;
            const auto e = failure([&] { (void)in_pieces(good + bad, threads, bytes, [&](const auto&) { ++handed; }); });
            CHECK(e.where == fails_one.where);
            CHECK(e.message == fails_one.message);
            CHECK(handed == handed_one);
        }
    }
}
