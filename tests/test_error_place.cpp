// Errors carry a structured place (issue 14): a host reads the file, line, column, JSON
// pointer, record and C++ field from error_place instead of parsing error::where(). Each case
// is an input whose place is worked out by hand.
#include <string>

#include "catch.hpp"
#include "failures.hpp"
#include "iopcare/io/attendance.hpp"
#include "iopcare/io/continuum_json.hpp"
#include "iopcare/io/program.hpp"
#include "iopcare/catalog.hpp"
#include "iopcare/program.hpp"
#include "iopcare/rules.hpp"
#include "iopcare/schedule.hpp"
#include "iopcare/service.hpp"

using namespace iopcare;
using iopcare::testing::failure;

namespace {

// A one-line program in UTC: `line` on Mondays in a phase without end.
program one_line_program(std::string name, template_line line) {
    program p;
    p.name = std::move(name);
    p.level = "2.1";
    p.zone = time_zone::utc();
    line.days = {std::chrono::Monday};
    p.phases.push_back(program_phase{"core", 0, {std::move(line)}});
    return p;
}

}  // namespace

TEST_CASE("parse_place reads each form iopcare writes", "[error][place]") {
    const error_place flc = parse_place("visits.csv:3:41");
    CHECK(flc.file == "visits.csv");
    CHECK(flc.line == 3);
    CHECK(flc.column == 41);
    CHECK(flc.pointer.empty());
    CHECK_FALSE(flc.record.has_value());

    const error_place ptr = parse_place("/records/12/minutes");
    CHECK(ptr.pointer == "/records/12/minutes");
    CHECK(ptr.record == 12u);
    CHECK(ptr.file.empty());
    CHECK(ptr.field.empty());

    // The tool's form: the file, then the pointer; a note after the pointer is not part of it.
    const error_place in_file = parse_place("program.json /enrollments/2/patient");
    CHECK(in_file.file == "program.json");
    CHECK(in_file.pointer == "/enrollments/2/patient");
    CHECK(in_file.record == 2u);
    CHECK(parse_place("/levels/0 (iop)").pointer == "/levels/0");
    CHECK_FALSE(parse_place("/levels/0 (iop)").record.has_value());  // a level is not a record

    // A syntax error inside a value being read: file, line, column and the pointer.
    const error_place both = parse_place("a.json:4:9 /records/1");
    CHECK(both.file == "a.json");
    CHECK(both.line == 4);
    CHECK(both.column == 9);
    CHECK(both.pointer == "/records/1");
    CHECK(both.record == 1u);

    CHECK(parse_place("zone").field == "zone");
    CHECK(parse_place("--timezone").field == "--timezone");
    CHECK(parse_place("phases[0].sessions[1].length").field == "phases[0].sessions[1].length");
    CHECK(parse_place("").empty());
    // Not a line and column: "x:y:z" with words keeps the whole as a field.
    CHECK(parse_place("level iop: los: sd").field == "level iop: los: sd");
}

TEST_CASE("a loader's error has its JSON pointer and record", "[error][place][io]") {
    const std::string text = R"({"format": "iopcare.attendance/1", "timezone": "America/New_York", "records": [
      {"patient": "p-1", "service": "group_therapy", "start": "2026-03-02T18:00:00", "minutes": 180, "status": "attended"},
      {"patient": "p-1", "service": "group_therapy", "start": "2026-03-03T18:00:00", "minutes": "ninety", "status": "attended"}]})";
    try {
        (void)io::parse_attendance_json(text, "a.json");
        FAIL("expected an error");
    } catch (const error& e) {
        CHECK(e.place().pointer == "/records/1/minutes");
        CHECK(e.place().record == 1u);
        CHECK(e.where() == "/records/1/minutes");  // the printable place is unchanged
    }
}

TEST_CASE("a syntax error has its file, line and column", "[error][place][io]") {
    // Line 2, column 14: the stray 'x' after "records": (13 bytes of indentation and key).
    const std::string text = "{\"format\": \"iopcare.attendance/1\",\n  \"records\": x}";
    try {
        (void)io::parse_attendance_json(text, "b.json");
        FAIL("expected an error");
    } catch (const error& e) {
        CHECK(e.code() == errc::parse_error);
        CHECK(e.place().file == "b.json");
        CHECK(e.place().line == 2);
        CHECK(e.place().column == 14);
    }

    // CSV: the second line's minutes field starts after "p,group_therapy,2026-03-02T18:00:00,"
    // (1 + 1 + 13 + 1 + 19 + 1 = 36 bytes), at column 37.
    const std::string csv = "patient,service,start,minutes,status\np,group_therapy,2026-03-02T18:00:00,abc,attended\n";
    try {
        (void)io::parse_attendance_csv(csv, time_zone::utc(), "c.csv");
        FAIL("expected an error");
    } catch (const error& e) {
        CHECK(e.place().file == "c.csv");
        CHECK(e.place().line == 2);
        CHECK(e.place().column == 37);
    }
}

TEST_CASE("a C++ caller's error names the member, a file's names its key", "[error][place][program]") {
    template_line line;
    line.start = std::chrono::hours{22};
    line.length = std::chrono::minutes{180};  // 22:00 + 3 h runs past midnight
    line.service = "individual_therapy";
    const program p = one_line_program("evening", line);
    const auto errs = validation_errors(p, catalog::asam3(), service_catalog::standard());
    REQUIRE(errs.size() == 1);
    CHECK(errs[0].place.field == "phases[0].sessions[0].length");
    CHECK(errs[0].value == "180 min");

    // The same line in a program file: the key is "minutes", the place a JSON pointer.
    const std::string file = R"({"format": "iopcare.program/1", "name": "evening", "level": "2.1",
      "timezone": "UTC", "sessions": [{"days": ["MO"], "start": "22:00", "minutes": 180,
      "service": "individual_therapy"}]})";
    try {
        (void)io::parse_program(file, "p.json");
        FAIL("expected an error");
    } catch (const error& e) {
        CHECK(e.code() == errc::invalid_program);
        CHECK(e.place().pointer == "/sessions/0/minutes");
        CHECK(e.place().field.empty());
    }
}

TEST_CASE("a full group of one says '1 place'", "[error][schedule]") {
    template_line line;
    line.start = std::chrono::hours{18};
    line.length = std::chrono::minutes{180};
    line.service = "group_therapy";
    line.group = "g";
    line.capacity = 1;
    schedule s(one_line_program("one chair", line), overflow_policy::refuse);
    enrollment a;
    a.patient = "a";
    a.admit = std::chrono::year{2026} / 3 / 2;
    a.weeks = 4;
    a.group = "g";
    s.enroll(a);
    enrollment b = a;
    b.patient = "b";
    const auto e = failure([&] { s.enroll(b); });
    CHECK(e.code == errc::capacity_exceeded);
    CHECK(e.message == "group is full (1 place)");
}

TEST_CASE("problems returned in a list carry their place too", "[error][place][rules]") {
    // A rule set whose day minimum is above 24 hours: the member the caller set is the place.
    rule_set rules = builtin_rules("asam-iop-adult");
    rules.min_daily = std::chrono::hours{25};
    const auto problems = rule_set_problems(rules);
    REQUIRE_FALSE(problems.empty());
    CHECK(problems.front().where == "min_daily");
    CHECK(problems.front().place.field == "min_daily");
    CHECK(problems.front().place.pointer.empty());
}

TEST_CASE("an input that cannot be read is placed at its file", "[error][place][io]") {
    const auto e = failure([] { (void)io::read_text_file("no/such/dir/visits.json"); });
    CHECK(e.code == errc::io_error);
    CHECK(e.place.file == "no/such/dir/visits.json");
    CHECK(e.place.field.empty());  // a path is not a field, whatever its slashes
}
