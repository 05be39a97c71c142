// CSV and JSON export of expanded sessions: the contract keys and hand-written values.
#include "catch.hpp"

#include <sstream>

#include <nlohmann/json.hpp>

#include "iopcare/io/sessions.hpp"

using namespace std::chrono;
using namespace iopcare;

namespace {

// A level 2.1 program of one three-hour group session on three days a week.
program one_group(std::vector<weekday> days, hours start, std::string service, std::string group, unsigned capacity) {
    program p;
    p.name = "IOP";
    p.level = "2.1";
    template_line t;
    t.days = std::move(days);
    t.start = start;
    t.length = minutes{180};
    t.service = std::move(service);
    t.group = std::move(group);
    t.capacity = capacity;
    p.phases.push_back(program_phase{"core", 0, {t}});
    return p;
}

}  // namespace

TEST_CASE("sessions export to CSV and JSON", "[schedule][io]") {
    // A comma in the group's name forces CSV quoting.
    schedule s(one_group({Monday, Tuesday, Thursday}, hours{18}, "group_therapy", "evening, north", 8));
    enrollment e;
    e.patient = patient_id{"42"};
    e.admit = 2026y / March / 2d;
    e.weeks = 1;
    e.group = "evening, north";
    s.enroll(e);
    auto x = s.expand_local(2026y / March / 2d, 2026y / March / 9d);
    REQUIRE(x.sessions.size() == 3);
    // Pretend UTC resolution for New York in EST (UTC-5): 18:00 local is 23:00Z.
    for (auto& v : x.sessions) v.utc_start = sys_seconds{v.local_start.time_since_epoch()} + hours{5};

    const auto csv = io::sessions_to_csv(s, x);
    CHECK(csv.rfind("patient,local_start,utc_start,minutes,service,group,phase,room,facilitator\r\n", 0) == 0);
    CHECK(csv.find("42,2026-03-02T18:00:00,2026-03-02T23:00:00Z,180,group_therapy,\"evening, north\",0,,\r\n") !=
          std::string::npos);

    const auto j = nlohmann::json::parse(io::sessions_to_json(s, x));
    REQUIRE(j["sessions"].size() == 3);
    CHECK(j["sessions"][2]["local_start"] == "2026-03-05T18:00:00");
    CHECK(j["sessions"][2]["utc_start"] == "2026-03-05T23:00:00Z");
    CHECK(j["sessions"][2]["minutes"] == 180);
    CHECK(j["sessions"][2]["service"] == "group_therapy");
    REQUIRE(j["weeks"].size() == 1);
    CHECK(j["weeks"][0]["week_start"] == "2026-03-02");
    CHECK(j["weeks"][0]["planned_hours"].get<double>() == 9.0);
}

TEST_CASE("the schedule CSV streams, block by block, the same text", "[schedule][io]") {
    // A service named with quotes: quoted, with its quotes doubled.
    schedule s(one_group({Monday, Wednesday, Friday}, hours{9}, "group \"A\"", "day", 500));
    constexpr int patients = 400, weeks = 20;
    for (int i = 0; i < patients; ++i) {
        enrollment e;
        e.patient = patient_id{"p," + std::to_string(i)};  // a comma: quoted too
        e.admit = 2026y / January / 5d;
        e.weeks = weeks;
        e.group = "day";
        s.enroll(e);
    }
    const auto x = s.expand_local(2026y / January / 5d, 2026y / June / 1d);
    std::ostringstream streamed;
    io::write_sessions_csv(streamed, s, x);
    const std::string text = streamed.str();
    REQUIRE(text.size() > (std::size_t{1} << 20));  // more than one 1 MiB block
    CHECK(text == io::sessions_to_csv(s, x));

    // Each patient's rows carry its own id: 3 days x 20 weeks, counted line by line.
    std::istringstream lines(text);
    std::string line;
    std::getline(lines, line);
    std::vector<int> rows(patients);
    while (std::getline(lines, line)) {
        REQUIRE(line.rfind("\"p,", 0) == 0);
        ++rows.at(static_cast<std::size_t>(std::stoi(line.substr(3))));
        CHECK(line.find(",180,\"group \"\"A\"\"\",day,0,,\r") != std::string::npos);
    }
    CHECK(std::count(rows.begin(), rows.end(), 3 * weeks) == patients);
    CHECK(text.find("\"p,7\",2026-01-09T09:00:00,2026-01-09T09:00:00Z,180,") != std::string::npos);
}
