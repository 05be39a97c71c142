// How CSV attendance rows are split into fields wherever their bytes fall. The reader looks at a
// row eight bytes at a time (its line end, commas, quotes and CRs in the same words), so every
// row here is written with a patient id of 1 to 17 characters: each later comma, CR and line end
// then lands at every place in a word. The expected records are the values the rows were written
// from, and a bad byte's column is counted here from where it was put.
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"
#include "failures.hpp"
#include "iopcare/io/attendance.hpp"

using namespace iopcare;
using namespace std::chrono;
using iopcare::testing::failure;
using iopcare::testing::mentions;

namespace {

const std::string header = "patient,service,start,minutes,status,attended_minutes\n";

const time_zone& utc() {
    static const time_zone z = time_zone::locate("UTC");
    return z;
}

std::vector<attendance_record> read(const std::string& text) {
    std::vector<attendance_record> out;
    (void)io::read_attendance_csv(std::string_view(text), utc(), [&](const attendance_record& r) { out.push_back(r); },
                                  "a.csv", 1);
    return out;
}

// Patient k's id: "p" and k copies of a letter (k + 1 characters, 1 to 17).
std::string id(std::size_t k) { return "p" + std::string(k, static_cast<char>('a' + k % 26)); }

// Row k: the patient's id, group therapy on day 1 + k of March at 18:00, 60 + k minutes, partial
// with k minutes attended when k is odd, else attended; `end` after it.
std::string row(std::size_t k, std::string_view end) {
    const std::string day = (k + 1 < 10 ? "0" : "") + std::to_string(k + 1);
    return id(k) + ",group_therapy,2026-03-" + day + "T18:00:00," + std::to_string(60 + k) + "," +
           (k % 2 == 1 ? "partial," + std::to_string(k) : std::string("attended,")) + std::string(end);
}

void check_rows(const std::vector<attendance_record>& got, std::size_t n) {
    REQUIRE(got.size() == n);
    for (std::size_t k = 0; k < n; ++k) {
        CAPTURE(k);
        CHECK(got[k].patient.str() == id(k));
        CHECK(got[k].service == "group_therapy");
        CHECK(got[k].start == record_start(local_days{2026y / March / static_cast<unsigned>(k + 1)} + 18h));
        CHECK(got[k].scheduled == minutes(60 + k));
        CHECK(got[k].status == (k % 2 == 1 ? attendance_status::partial : attendance_status::attended));
        CHECK(got[k].attended == (k % 2 == 1 ? minutes(k) : minutes(0)));
    }
}

}  // namespace

TEST_CASE("CSV rows split into the same fields wherever their commas and line ends fall in a word",
          "[io][csv][rows]") {
    constexpr std::size_t n = 17;
    for (const std::string_view end : {std::string_view("\n"), std::string_view("\r\n")}) {
        CAPTURE(end.size());
        std::string text = header;
        for (std::size_t k = 0; k < n; ++k) text += row(k, end);
        check_rows(read(text), n);
        // The last row without its line end, and with a blank line after each row.
        text.resize(text.size() - end.size());
        check_rows(read(text), n);
        std::string blank = header;
        for (std::size_t k = 0; k < n; ++k) blank += row(k, end) + std::string(end);
        check_rows(read(blank), n);
    }
}

TEST_CASE("CSV rows with UTF-8 ids read back whole wherever the multi-byte characters fall", "[io][csv][rows]") {
    for (std::size_t lead = 0; lead < 10; ++lead) {
        CAPTURE(lead);
        const std::string who = std::string(lead, 'x') + "J\xC3\xA9r\xC3\xB4me";  // Jérôme
        const auto got = read(header + who + ",group_therapy,2026-03-02T18:00:00,180,attended,\n");
        REQUIRE(got.size() == 1);
        CHECK(got[0].patient.str() == who);
    }
}

TEST_CASE("a bad byte in a CSV row is named at its column wherever it falls in a word", "[io][csv][rows][hostile]") {
    // Row 2 of the file is the row with patient id k; the bad byte follows the id's k + 1 characters.
    for (std::size_t k = 0; k < 17; ++k) {
        CAPTURE(k);
        const std::string tail = ",group_therapy,2026-03-02T18:00:00,180,attended,\n";
        // A quote inside an unquoted field.
        const auto quoted = failure([&] { (void)read(header + id(k) + "\"x" + tail); });
        CHECK(quoted.where == "a.csv:2:" + std::to_string(k + 2));
        CHECK(mentions(quoted.message, "quote inside an unquoted field"));
        // A byte that is not UTF-8, after a valid two-byte character.
        const auto binary = failure([&] { (void)read(header + id(k) + "\xC3\xA9\xFF" + tail); });
        CHECK(binary.where == "a.csv:2:1");
        CHECK(mentions(binary.message, "patient field is not UTF-8 text (byte " + std::to_string(k + 4) + " "));
        // The same in the last field, in the word that holds the line end.
        const std::string to_last = ",group_therapy,2026-03-02T18:00:00,180,partial,12";
        const auto quoted_last = failure([&] { (void)read(header + id(k) + to_last + "\"\n"); });
        CHECK(quoted_last.where == "a.csv:2:" + std::to_string(k + 51));
        CHECK(mentions(quoted_last.message, "quote inside an unquoted field"));
        const auto binary_last = failure([&] { (void)read(header + id(k) + to_last + "\xFF\n"); });
        CHECK(binary_last.where == "a.csv:2:" + std::to_string(k + 49));
        CHECK(mentions(binary_last.message, "attended_minutes field is not UTF-8 text (byte 3 "));
        // A lone CR ends the row there (an old Mac line end): the rest is a row of its own.
        const auto lone = failure([&] { (void)read(header + id(k) + "\r" + tail); });
        CHECK(mentions(lone.where, "a.csv:2:"));
        CHECK(mentions(lone.message, "expected 6 fields, found 1"));
        // And near the line end: the row before it is whole (1 minute attended), "2" is line 3.
        const auto lone_last = failure([&] { (void)read(header + id(k) + to_last + "\r2\n"); });
        CHECK(mentions(lone_last.where, "a.csv:3:"));
        CHECK(mentions(lone_last.message, "expected 6 fields, found 1"));
    }
}
