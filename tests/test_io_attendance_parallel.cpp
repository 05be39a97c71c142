// CSV attendance parsed on several threads (io::read_attendance_csv with a thread count): the
// same records, the same calls to the sink and the same errors as on one thread, wherever the
// reader cuts the input into pieces (just after a row end, which a quoted field with line ends
// inside, CRLF or a lone CR must not fool), and an error in a later piece still names its line.
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "failures.hpp"
#include "iopcare/io/attendance.hpp"

using namespace iopcare;
using iopcare::testing::failure;
using iopcare::testing::mentions;

namespace {

const std::string header = "patient,service,start,minutes,status,attended_minutes\n";
const std::string plain_row = "p-1,group_therapy,2026-03-02T18:00:00,180,attended,\n";
constexpr std::size_t block = std::size_t{1} << 20;  // the reader's block

const time_zone& new_york() {
    static const time_zone z = time_zone::locate("America/New_York");
    return z;
}

// The records handed to the sink on `threads` threads, in the order handed.
std::vector<attendance_record> read_on(const std::string& text, unsigned threads) {
    std::istringstream in(text);
    std::vector<attendance_record> out;
    const auto n = io::read_attendance_csv(
        in, new_york(), [&](const attendance_record& r) { out.push_back(r); }, "a.csv", threads);
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

TEST_CASE("CSV on many threads: many pieces, the tricky rows throughout, a file without a last line end",
          "[io][csv][stream][threads]") {
    std::string text = header;
    while (text.size() < 5 * block) {
        for (int i = 0; i < 300; ++i) text += plain_row;
        text += tricky + "\n";
    }
    text += "p-5,group_therapy,2026-03-06T18:00:00,180,attended,";  // no line end at the end
    const auto one = read_on(text, 1);
    for (unsigned threads : {0u, 2u, 3u, 8u}) {
        CAPTURE(threads);
        require_same(read_on(text, threads), one);
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
        std::size_t handed_one = 0;
        std::istringstream one_in(t);
        const auto one = failure([&] {
            (void)io::read_attendance_csv(one_in, new_york(), [&](const attendance_record&) { ++handed_one; }, "a.csv");
        });
        CHECK(mentions(one.message, "a quote inside an unquoted field"));
        for (unsigned threads : {2u, 3u}) {
            CAPTURE(threads);
            std::size_t handed = 0;
            std::istringstream in(t);
            const auto e = failure([&] {
                (void)io::read_attendance_csv(in, new_york(), [&](const attendance_record&) { ++handed; }, "a.csv",
                                              threads);
            });
            CHECK(e.where == one.where);
            CHECK(e.message == one.message);
            CHECK(handed == handed_one);
        }
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
        std::istringstream one_in(texts[k]);
        const auto one = failure([&] { (void)io::read_attendance_csv(one_in, new_york(), [](const auto&) {}, "a.csv"); });
        CHECK(one.where != "a.csv:1:1");
        std::istringstream in(texts[k]);
        const auto e = failure([&] { (void)io::read_attendance_csv(in, new_york(), [](const auto&) {}, "a.csv", 2); });
        CHECK(e.where == one.where);
        CHECK(e.message == one.message);
    }
}
