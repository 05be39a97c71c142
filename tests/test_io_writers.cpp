// The report writers with hostile ids (issue 13): names of hundreds of characters are printed
// in full with every number after them, a newline or a control character in an id never makes
// a line of its own in text nor breaks a CSV record, and bytes that are not UTF-8 (possible
// from a host's API) never make a JSON writer throw. Expected rows are formatted by hand.
#include <sstream>
#include <string>

#include "catch.hpp"
#include "iopcare/io/sessions.hpp"
#include "iopcare/io/simulation.hpp"
#include "iopcare/io/text_report.hpp"
#include "iopcare/schedule.hpp"
#include "iopcare/sim/simulation.hpp"

using namespace iopcare;
using namespace std::chrono;

namespace {

std::size_t count(const std::string& s, const std::string& part) {
    std::size_t n = 0;
    for (auto at = s.find(part); at != std::string::npos; at = s.find(part, at + part.size())) ++n;
    return n;
}

std::size_t lines(const std::string& s) { return count(s, "\n"); }

// One group line on Mondays and Wednesdays and one patient in it for a week: 2 sessions.
schedule one_week(const std::string& name, const std::string& group) {
    program p;
    p.name = name;
    p.level = "2.1";
    p.zone = time_zone::utc();  // UTC on purpose: the tests read clock times as instants
    template_line t;
    t.days = {Monday, Wednesday};
    t.start = hours{18};
    t.length = minutes{180};
    t.service = "group_therapy";
    t.group = group;
    t.capacity = 10;
    p.phases.push_back(program_phase{"core", 0, {t}});
    schedule s(p);
    enrollment e;
    e.patient = patient_id{"7"};
    e.admit = 2026y / March / 2d;
    e.weeks = 1;
    e.group = group;
    s.enroll(e);
    return s;
}

sim::summary stat(double mean, double low, double high) { return {mean, 0.1, low, high, 20}; }

sim::simulation_result one_level(const std::string& id) {
    sim::simulation_result r;
    r.scenario_name = "s";
    r.replications = 20;
    sim::level_result l;
    l.id = id;
    l.code = "2.1";
    l.capacity = 10;
    l.occupancy = stat(5.5, 5.0, 6.0);
    l.utilization = stat(0.55, 0.5, 0.6);
    l.admissions_per_year = stat(100.0, 90.0, 110.0);
    l.mean_wait_days = stat(1.2, 1.0, 1.4);
    r.levels.push_back(l);
    return r;
}

}  // namespace

TEST_CASE("a long program name and group are printed whole, with the patient on every row", "[io][writers]") {
    const std::string name(1000, 'N'), group(300, 'g');
    const schedule s = one_week(name, group);
    const expansion x = s.expand(2026y / March / 2d, 2026y / March / 9d);
    REQUIRE(x.sessions.size() == 2);
    const std::string text = io::sessions_to_text(s, x, 2026y / March / 2d, 1);
    CHECK(text.rfind(name + " (level 2.1, adult, UTC): 2 sessions in 1 weeks from 2026-03-02\n", 0) == 0);
    CHECK(count(text, "\npatient 7 (" + group + ")\n") == 1);
    CHECK(count(text, " " + group + " patient 7\n") == 2);  // both session rows end with the patient
}

TEST_CASE("a newline in a group name stays inside its line and its CSV field", "[io][writers]") {
    const std::string group = "evening\n  week of 2026-03-02  99.00 h";
    const schedule s = one_week("P", group);
    const expansion x = s.expand(2026y / March / 2d, 2026y / March / 9d);
    const std::string text = io::sessions_to_text(s, x, 2026y / March / 2d, 1);
    CHECK(count(text, "99.00 h") == 3);  // the name, escaped, on the patient line and two rows
    CHECK(count(text, "\n  week of 2026-03-02  99.00 h") == 0);
    CHECK(count(text, "evening\\n  week of") == 3);
    const std::string csv = io::sessions_to_csv(s, x);
    CHECK(count(csv, "\r\n") == 3);  // header and two records; the newline is inside quotes
    CHECK(count(csv, ",\"evening\n  week of 2026-03-02  99.00 h\",") == 2);
}

TEST_CASE("a 600-character level id keeps all its numbers in the simulate table", "[io][writers]") {
    const std::string id(600, 'L');
    const auto r = one_level(id);
    sim::scenario s;
    const std::string text = io::simulation_to_text(s, r, 42);
    // By hand: "%-12s %-4s %9s %6.1f [%5.1f, %5.1f] %6s %10.0f %5.1f [%4.1f, %4.1f]".
    CHECK(count(text, id + " 2.1         10    5.5 [  5.0,   6.0]  55.0%        100   1.2 [ 1.0,  1.4]\n") == 1);
    // Title, blank, header, the row; blank, the discharges' header and row.
    CHECK(lines(text) == 7);
}

TEST_CASE("level ids with commas, quotes and newlines stay one CSV field", "[io][writers]") {
    const std::string id = "a,b \"c\"\nd";
    const std::string csv = io::simulation_to_csv(one_level(id));
    CHECK(count(csv, "\r\n\"a,b \"\"c\"\"\nd\",2.1,occupancy,5.5,0.1,5,6,20\r\n") == 1);
    // One record per statistic: 8 figures, then discharges and their stays for 5 outcomes.
    CHECK(count(csv, "\"a,b \"\"c\"\"\nd\",2.1,") == 18);

    // The event log: an id needing quotes is quoted in every line naming it.
    const sim::scenario sc = sim::scenario_builder("log")
                                 .horizon(sim::sim_days(10)).warmup(sim::sim_days(0)).replications(1)
                                 .level(id, "2.1").capacity(1).los(sim::duration_distribution::fixed(sim::sim_days(1)))
                                 .arrivals(sim::arrival_process::at({sim::sim_days(0)}))
                                 .route(id, "discharge", 1.0)
                                 .build();
    std::ostringstream out;
    sim::run_options o;
    o.events = sim::csv_event_writer(out, sc);
    (void)sim::simulate(sc, o);
    // One patient, the first to arrive at level 0 (id 1 x 10^12 + 0): arrival at 0, admission
    // from the community at 0, departure at 1 as a completed discharge.
    // RFC 4180 line ends (CRLF), as every CSV iopcare writes; the newline inside the id is data.
    CHECK(out.str() == "replication,patient,time_days,kind,from,to,outcome\r\n"
                       "0,1000000000000,0.000000,arrival,community,\"a,b \"\"c\"\"\nd\",\r\n"
                       "0,1000000000000,0.000000,admission,community,\"a,b \"\"c\"\"\nd\",\r\n"
                       "0,1000000000000,1.000000,departure,\"a,b \"\"c\"\"\nd\",discharge,completed\r\n");
}

TEST_CASE("control characters in names are escaped in the text tables", "[io][writers]") {
    const auto r = one_level("x\x1B[2Jy");
    sim::scenario s;
    // Once in the level table, once in the discharges table.
    CHECK(count(io::simulation_to_text(s, r, 1), "x\\x1B[2Jy") == 2);
    catalog c("Clinic \xE2\x80\xAE levels");
    care_level l;
    l.code = level_code("2.1");
    l.name = std::string(1000, 'n') + "\r";
    c.add(l);
    const std::string text = io::levels_to_text(c);
    CHECK(text.rfind("Clinic \\u202E levels\n", 0) == 0);
    CHECK(count(text, std::string(1000, 'n') + "\\r\n") == 1);
}

TEST_CASE("names that are not UTF-8 never make a JSON writer throw", "[io][writers]") {
    const schedule s = one_week("P", "g\xFF");
    const expansion x = s.expand(2026y / March / 2d, 2026y / March / 9d);
    std::string json;
    REQUIRE_NOTHROW(json = io::sessions_to_json(s, x));
    CHECK(count(json, "\"group\": \"g\xEF\xBF\xBD\"") == 2);  // U+FFFD for the byte
    std::string sim_json;
    REQUIRE_NOTHROW(sim_json = io::simulation_to_json(sim::scenario{}, one_level("\xC0"), 1));
    CHECK(count(sim_json, "\"\xEF\xBF\xBD\": {") == 1);
}

TEST_CASE("an overloaded level says plainly that its figures are not steady-state estimates", "[io][writers]") {
    auto r = one_level("res");
    r.levels[0].overloaded = true;
    r.levels[0].offered_load = 12.0;
    r.unstable = true;
    r.unstable_levels = {"res"};
    sim::scenario s;
    const std::string text = io::simulation_to_text(s, r, 1);
    // The row keeps its means, loses its intervals, and is marked; a note under the table says why.
    CHECK(count(text, "res          2.1         10    5.5 [  n/a,   n/a]  55.0%        100   1.2 [ n/a,  n/a]  "
                      "OVERLOADED: not a steady state\n") == 1);
    CHECK(count(text, "\nres: overloaded: offered load 12.0 slots at or above capacity 10; the waitlist grows without "
                      "bound, so these figures depend on the horizon and are not steady-state estimates") == 1);
    const std::string json = io::simulation_to_json(s, r, 1);
    CHECK(count(json, "\"overloaded\": true,\n      \"note\": \"overloaded: offered load 12.0 slots") == 1);
    CHECK(count(json, "\"mean\": 5.5,\n        \"sd\": 0.1,\n        \"ci95\": [\n          null,\n          null\n        ]") == 1);
    const std::string csv = io::simulation_to_csv(r);
    CHECK(count(csv, "\nres,2.1,occupancy,5.5,0.1,,,20\r\n") == 1);
}
