// The iopcare.program/1 loader: the shipped sample, defaults, and errors named by JSON path.
#include "catch.hpp"

#include <string>

#include "iopcare/io/continuum_json.hpp"
#include "iopcare/io/program.hpp"

using namespace std::chrono;
using namespace iopcare;

namespace {
std::string where_of(const std::string& text) {
    try {
        (void)io::parse_program(text, "t.json");
    } catch (const error& e) {
        return e.where() + " | " + e.value();
    }
    return "accepted";
}
const std::string head = R"({"format": "iopcare.program/1", "name": "x", "level": "2.1", "timezone": "UTC", )";
}  // namespace

TEST_CASE("the sample program file loads as written", "[io][program]") {
    const auto f = io::load_program(std::string(IOPCARE_SOURCE_DIR) + "/examples/formats/program.json");
    const program& p = f.prog;
    CHECK(p.name == "Evening IOP");
    CHECK(p.level == "2.1");
    CHECK(p.population == population::adult);
    REQUIRE(p.zone.has_value());
    CHECK(p.zone->name() == "America/New_York");
    REQUIRE(p.phases.size() == 2);
    CHECK(p.phases[0].name == "intensive");
    CHECK(p.phases[0].weeks == 4);
    REQUIRE(p.phases[0].sessions.size() == 1);
    CHECK(p.phases[0].sessions[0].days.size() == 4);
    CHECK(p.phases[0].sessions[0].start == hours{18});
    CHECK(p.phases[0].sessions[0].length == minutes{180});
    CHECK(p.phases[0].sessions[0].capacity == 12);
    CHECK(p.phases[0].sessions[0].room == "Room A");
    // The step-down phase names no sessions, so it takes the top-level Mon/Tue/Thu line.
    CHECK(p.phases[1].weeks == 8);
    REQUIRE(p.phases[1].sessions.size() == 1);
    CHECK(p.phases[1].sessions[0].days == std::vector<weekday>{Monday, Tuesday, Thursday});
    // Explicit closure and the US federal rules (Thanksgiving 2026 is November 26).
    CHECK(p.closures.closed(year{2026} / December / 24));
    CHECK(p.closures.closed(year{2026} / November / 26));
    CHECK_FALSE(p.closures.closed(year{2026} / November / 27));
    CHECK(f.enrollments.empty());

    // Phases count from admission. Admitted Monday 2026-11-16: weeks 1-4 are intensive (Mon-Thu,
    // 4 x 3 h = 12 h), except that Thanksgiving closes Thursday 11-26 (9 h); week 5 is the
    // step-down (Mon/Tue/Thu, 9 h); Christmas Eve closes Thursday 12-24 in week 6 (6 h).
    const auto plan = plan_weeks(p, year{2026} / November / 16, 6);
    REQUIRE(plan.size() == 6);
    CHECK(plan[0].planned == hours{12});
    CHECK(plan[1].planned == hours{9});
    CHECK(plan[1].closed_days == 1);
    CHECK(plan[2].planned == hours{12});
    CHECK(plan[3].planned == hours{12});
    CHECK(plan[4].phase == 1);
    CHECK(plan[4].planned == hours{9});
    CHECK(plan[5].planned == hours{6});
    CHECK(plan[5].closed_days == 1);
}

TEST_CASE("a program without phases has one open-ended phase", "[io][program]") {
    const auto f = io::parse_program(head + R"("sessions": [{"days": ["SA"], "start": "09:30", "minutes": 60,
        "service": "Individual Therapy"}], "enrollments": [{"patient": 7, "admitted": "2026-03-02", "discharged": "2026-03-20"}]})");
    REQUIRE(f.prog.phases.size() == 1);
    CHECK(f.prog.phases[0].weeks == 0);
    CHECK(f.prog.phases[0].sessions[0].service == "individual_therapy");  // spelling normalised
    CHECK(f.prog.phases[0].sessions[0].start == hours{9} + minutes{30});
    CHECK(f.prog.population == population::adult);
    REQUIRE(f.enrollments.size() == 1);
    CHECK(f.enrollments[0].patient == "7");  // a number, kept as its text
    CHECK(f.enrollments[0].discharge == year{2026} / March / 20);
}

TEST_CASE("program errors name the JSON path and the value", "[io][program]") {
    const std::string line = R"({"days": ["MO"], "start": "18:00", "minutes": 180, "service": "group_therapy", "group": "g", "capacity": 8})";
    CHECK(where_of(head + R"("sessions": [)" + line + R"(], "population": "senior"})") == "/population | senior");
    CHECK(where_of(head + R"("sessions": [)" + line + R"(], "phases": []})") == "/phases | []");
    CHECK(where_of(head + R"("phases": [{"name": "a", "weeks": 2}]})") == "/phases/0/sessions | ");
    CHECK(where_of(head + R"("sessions": [)" + line + R"(], "holidays": "uk"})") == "/holidays | uk");
    CHECK(where_of(head + R"("sessions": [{"days": [], "start": "18:00", "minutes": 60, "service": "group_therapy"}]})") ==
          "/sessions/0/days | []");
    CHECK(where_of(head + R"("sessions": [{"days": ["MO", "MO"], "start": "18:00", "minutes": 60, "service": "group_therapy"}]})") ==
          "/sessions/0/days/1 | MO");
    CHECK(where_of(head + R"("sessions": [)" + line + R"(], "enrollments": [{"patient": 1, "admitted": "2026-03-02"}]})") ==
          "/enrollments/0 | ");
    CHECK(where_of(head + R"("sessions": [)" + line +
                   R"(], "enrollments": [{"patient": 1, "admitted": "2026-03-02", "discharged": "2026-03-01"}]})") ==
          "/enrollments/0/discharged | 2026-03-01");
    // Patient ids are text (numbers are read as their text); a boolean is neither.
    CHECK(where_of(head + R"("sessions": [)" + line + R"(], "enrollments": [{"patient": true, "admitted": "2026-03-02", "weeks": 2}]})") ==
          "/enrollments/0/patient | true");
    // A patient enrolled twice would have its hours counted twice (as attendance files, refused).
    CHECK(where_of(head + R"("sessions": [)" + line +
                   R"(], "enrollments": [{"patient": 7, "admitted": "2026-03-02", "weeks": 2, "group": "g"},)" +
                   R"({"patient": 8, "admitted": "2026-03-02", "weeks": 2, "group": "g"},)" +
                   R"({"patient": 7, "admitted": "2026-04-06", "weeks": 2, "group": "g"}]})") ==
          "/enrollments/2/patient | 7");
    CHECK(where_of(R"({"format": "iopcare.program/1", "name": "x", "level": "2.1", "timezone": "Nowhere/Land", "sessions": []})") ==
          "/timezone | Nowhere/Land");
}
