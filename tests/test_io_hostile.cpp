// What the loaders do with hostile or careless input (issue 13): integers of 2^63 and more,
// seeds up to 2^64-1, ids that are not UTF-8, CSV with old Mac line ends, a directory given as
// a file, ids of a thousand characters, and scenario errors that must name the field and show
// the value as written. Big inputs are generated here, never stored.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>

#include "catch.hpp"
#include "failures.hpp"
#include "iopcare/io/attendance.hpp"
#include "iopcare/io/continuum_json.hpp"
#include "iopcare/io/program.hpp"
#include "iopcare/io/rules.hpp"
#include "iopcare/io/scenario.hpp"

using namespace iopcare;
using iopcare::testing::failure;
using iopcare::testing::mentions;

namespace {

std::string attendance(const std::string& minutes, const std::string& patient = "\"p-001\"") {
    return R"({"format": "iopcare.attendance/1", "timezone": "America/New_York", "records": [
      {"patient": )" + patient + R"(, "service": "group_therapy", "start": "2026-03-02T18:00:00",
       "minutes": )" + minutes + R"(, "status": "attended"}]})";
}

std::string scenario(const std::string& level_fields, const std::string& extra = "") {
    return R"({"format": "iopcare.scenario/1", "name": "s", "horizon_days": 100, "warmup_days": 0,
      "replications": 1)" + extra + R"(, "levels": [{"id": "iop", "code": "2.1", )" + level_fields + R"(}],
      "transitions": [{"from": "iop", "to": "discharge", "p": 1}]})";
}
const std::string plain_level = R"("capacity": 10, "los_days": {"dist": "exponential", "mean": 10}, "arrivals_per_day": 0.5)";

const std::string csv_header = "patient,service,start,minutes,status,attended_minutes";

io::attendance_file csv(const std::string& text) {
    return io::parse_attendance_csv(text, time_zone::locate("America/New_York"), "a.csv");
}

}  // namespace

TEST_CASE("integers of 2^63 and more are out of range, never wrapped", "[io][hostile][integers]") {
    // 18446744073709551436 is 2^64 - 180: read as a signed 64-bit number it would be -180.
    auto e = failure([] { (void)io::parse_attendance_json(attendance("18446744073709551436"), "a.json"); });
    CHECK(e.code == errc::invalid_argument);
    CHECK(e.where == "/records/0/minutes");
    CHECK(e.value == "18446744073709551436");
    CHECK(e.message == "expected minutes within a week (at most 10080)");
    e = failure([] { (void)io::parse_attendance_json(attendance("9223372036854775808"), "a.json"); });
    CHECK(e.value == "9223372036854775808");  // 2^63
    CHECK(io::parse_attendance_json(attendance("10080"), "a.json").log.records[0].scheduled == std::chrono::minutes{10080});

    // A capacity of 2^64 - 1 is not -1 and not accepted.
    e = failure([] {
        (void)io::parse_scenario(scenario(R"("capacity": 18446744073709551615, "los_days": {"dist": "fixed", "value": 1})"));
    });
    CHECK(e.where == "/levels/0/capacity");
    CHECK(e.value == "18446744073709551615");

    // A program's numeric patient id is text as written, whatever its size: never wrapped.
    const std::string program = R"({"format": "iopcare.program/1", "name": "P", "level": "2.1",
      "timezone": "UTC", "sessions": [{"days": ["MO"], "start": "18:00", "minutes": 60,
      "service": "individual_therapy"}], "enrollments": [{"patient": 18446744073709551615, "admitted": "2026-01-05",
      "weeks": 1}]})";
    CHECK(io::parse_program(program, "p.json").enrollments[0].patient == "18446744073709551615");
}

TEST_CASE("a scenario seed may be any 64-bit number, 2^64-1 included", "[io][hostile][integers]") {
    CHECK(io::parse_scenario(scenario(plain_level, R"(, "seed": 18446744073709551615)")).seed ==
          std::numeric_limits<std::uint64_t>::max());
    CHECK(io::parse_scenario(scenario(plain_level, R"(, "seed": 0)")).seed == 0);
    auto e = failure([] { (void)io::parse_scenario(scenario(plain_level, R"(, "seed": -1)")); });
    CHECK(e.where == "/seed");
    CHECK(e.value == "-1");
    e = failure([] { (void)io::parse_scenario(scenario(plain_level, R"(, "seed": 18446744073709551616)")); });
    CHECK(e.where == "/seed");  // 2^64 no longer fits an integer: a wrong type
}

TEST_CASE("ids that are not UTF-8 are errors naming the record and the field", "[io][hostile][utf8]") {
    // CSV: the place is FILE:LINE:COLUMN of the field, the message names the column.
    auto e = failure([] { (void)csv(csv_header + "\np-001,group_therapy,2026-03-02T18:00:00,180,attended,\n"
                                                  "p\xFF,group_therapy,2026-03-03T18:00:00,180,attended,\n"); });
    CHECK(e.code == errc::invalid_argument);
    CHECK(e.where == "a.csv:3:1");
    CHECK(e.message == "the patient field is not UTF-8 text (byte 2 of the field)");
    CHECK(e.value == "p\xFF");
    e = failure([] { (void)csv(csv_header + "\np,group_\xC0\xAF,2026-03-02T18:00:00,180,attended,\n"); });
    CHECK(e.where == "a.csv:2:3");
    CHECK(mentions(e.message, "the service field is not UTF-8"));

    // JSON: the parser refuses the bytes; the message names the JSON path being read.
    e = failure([] { (void)io::parse_attendance_json(attendance("180", "\"p\xFF\""), "a.json"); });
    CHECK(e.code == errc::parse_error);
    CHECK(mentions(e.message, "not valid JSON at /records/0/patient: "));
    CHECK(mentions(e.message, "ill-formed UTF-8"));
}

TEST_CASE("a CSV with lone CR line ends counts its lines", "[io][hostile][csv]") {
    const std::string text = csv_header + "\rp-001,group_therapy,2026-03-02T18:00:00,180,attended,\r"
                                          "p-001,group_therapy,2026-03-03T18:00:00,abc,attended,\r";
    const auto e = failure([&] { (void)csv(text); });
    CHECK(e.where == "a.csv:3:41");  // the third line, the minutes column: 5 + 1 + 13 + 1 + 19 + 1 bytes in
    CHECK(e.value == "abc");
    // Without the bad record the file reads as two records.
    const std::string good = csv_header + "\rp-001,group_therapy,2026-03-02T18:00:00,180,attended,\r"
                                          "p-002,group_therapy,2026-03-03T18:00:00,60,attended,\r";
    const auto f = csv(good);
    REQUIRE(f.log.records.size() == 2);
    CHECK(f.log.records[1].patient == "p-002");
}

TEST_CASE("ids and names of a thousand characters are kept whole", "[io][hostile][long]") {
    const std::string id(1000, 'p');
    const auto j = io::parse_attendance_json(attendance("180", "\"" + id + "\""), "a.json");
    CHECK(j.log.records[0].patient == id);
    const auto c = csv(csv_header + "\n\"" + id + "\",group_therapy,2026-03-02T18:00:00,180,attended,\n");
    CHECK(c.log.records[0].patient == id);
    const std::string level(1000, 'l');
    const auto s = io::parse_scenario(R"({"name": ")" + std::string(1000, 'n') + R"(", "horizon_days": 10,
      "levels": [{"id": ")" + level + R"(", "code": "2.1", "los_days": {"dist": "fixed", "value": 1}}],
      "transitions": [{"from": ")" + level + R"(", "to": "discharge", "p": 1}]})");
    CHECK(s.levels[0].id == level);
    CHECK(s.name.size() == 1000);
}

TEST_CASE("a directory given as a file says so", "[io][hostile][files]") {
    const auto dir = std::filesystem::temp_directory_path();
    const auto e = failure([&] { (void)io::read_text_file(dir.string()); });
    CHECK(e.code == errc::io_error);
    CHECK(e.where == dir.string());
    CHECK(e.message == "this is a directory; expected a file");
    CHECK(failure([&] { (void)io::load_scenario(dir.string()); }).code == errc::io_error);
}

TEST_CASE("scenario errors name the field as the file spells it and the value as written", "[io][hostile][scenario]") {
    // arrival_times_days, not an internal name.
    auto e = failure([] {
        (void)io::parse_scenario(scenario(R"("los_days": {"dist": "fixed", "value": 1}, "arrival_times_days": [1, 3, 2])"));
    });
    CHECK(e.where == "/levels/0/arrival_times_days/2");
    CHECK(e.value == "2");
    // An sd so small its square underflows is the sd's problem, shown as written.
    e = failure([] {
        (void)io::parse_scenario(scenario(R"("los_days": {"dist": "lognormal", "mean": 10, "sd": 1e-320}, "arrivals_per_day": 1)"));
    });
    CHECK(e.code == errc::invalid_distribution);
    CHECK(e.where == "/levels/0/los_days/sd");
    CHECK(e.value == "1e-320");
    e = failure([] {
        (void)io::parse_scenario(scenario(R"("los_days": {"dist": "gamma", "mean": 10, "sd": 1e-320}, "arrivals_per_day": 1)"));
    });
    CHECK(e.where == "/levels/0/los_days/sd");
    // A probability just above 1 reads as written, not as "1".
    const std::string above = R"({"name": "s", "horizon_days": 10, "levels": [{"id": "a", "code": "2.1",
      "los_days": {"dist": "fixed", "value": 1}}], "transitions": [{"from": "a", "to": "discharge", "p": 1.0000001}]})";
    e = failure([&] { (void)io::parse_scenario(above); });
    CHECK(e.where == "/transitions/0/p");
    CHECK(e.value == "1.0000001");
    // A weekly profile has 7 or 168 rates.
    e = failure([] {
        (void)io::parse_scenario(scenario(R"("los_days": {"dist": "fixed", "value": 1}, "arrivals_per_day": [1, 1, 1, 1, 1])"));
    });
    CHECK(e.where == "/levels/0/arrivals_per_day");
    CHECK(e.value == "5 rates");
    CHECK(e.message == "a weekly profile has 7 rates (one per day) or 168 (one per hour)");
}

TEST_CASE("a closed loop between levels sharing a code is found when the scenario is read", "[io][hostile][scenario]") {
    // Two levels with code 2.1 escape the continuum check (it needs distinct codes); the traffic
    // equations have no solution, and the error comes from the loader, so a file can name it.
    const std::string loop = R"({"name": "loop", "horizon_days": 10, "levels": [
      {"id": "a", "code": "2.1", "los_days": {"dist": "fixed", "value": 1}, "arrivals_per_day": 1},
      {"id": "b", "code": "2.1", "los_days": {"dist": "fixed", "value": 1}}],
      "transitions": [{"from": "a", "to": "b", "p": 1}, {"from": "b", "to": "a", "p": 1}]})";
    const auto e = failure([&] { (void)io::parse_scenario(loop); });
    CHECK(e.code == errc::invalid_scenario);
    CHECK(e.where == "/transitions");
    CHECK(mentions(e.message, "closed loop"));
}

TEST_CASE("an hour limit between two whole minutes is refused, not rounded", "[io][hostile][rules]") {
    const auto e = failure([] {
        (void)io::parse_rules(R"({"format": "iopcare.rules/1", "extends": "asam-iop-adult", "id": "x",
                                   "min_weekly_hours": 9.001})");
    });
    CHECK(e.code == errc::invalid_rule_set);
    CHECK(e.where == "/min_weekly_hours");
    CHECK(e.value == "9.001");
    CHECK(mentions(e.message, "540.06 minutes"));
    // 9 h 20 min written to four decimals is 560 minutes within a hundredth.
    CHECK(io::parse_rules(R"({"format": "iopcare.rules/1", "extends": "asam-iop-adult", "id": "x",
                               "min_weekly_hours": 9.3333})")
              .weekly.minimum == std::chrono::minutes{560});
}

TEST_CASE("100,000 enrollments load, and the repeated one is found at its index", "[io][hostile][scale]") {
    // Generated, never stored: each patient once, then patient 17 again at index 100,000.
    std::string program = R"({"format": "iopcare.program/1", "name": "Big", "level": "2.1",
      "timezone": "UTC", "sessions": [{"days": ["MO", "WE"], "start": "18:00", "minutes": 180,
      "service": "group_therapy", "group": "g", "capacity": 100000}], "enrollments": [)";
    std::string att = R"({"format": "iopcare.attendance/1", "timezone": "UTC", "records": [], "enrollments": [)";
    for (int i = 0; i < 100000; ++i) {
        program += R"({"patient": )" + std::to_string(i) + R"(, "admitted": "2026-01-05", "weeks": 1, "group": "g"},)";
        att += R"({"patient": "p)" + std::to_string(i) + R"(", "admitted": "2026-01-05"},)";
    }
    const auto p = io::parse_program(program.substr(0, program.size() - 1) + "]}", "p.json");
    CHECK(p.enrollments.size() == 100000);
    const auto a = io::parse_attendance_json(att.substr(0, att.size() - 1) + "]}", "a.json");
    CHECK(a.log.enrollments.size() == 100000);

    auto e = failure([&] {
        (void)io::parse_program(program + R"({"patient": 17, "admitted": "2026-03-02", "weeks": 1, "group": "g"}]})", "p.json");
    });
    CHECK(e.where == "/enrollments/100000/patient");
    CHECK(e.value == "17");
    e = failure([&] { (void)io::parse_attendance_json(att + R"({"patient": "p17", "admitted": "2026-03-02"}]})", "a.json"); });
    CHECK(e.where == "/enrollments/100000/patient");
    CHECK(e.value == "p17");
}
