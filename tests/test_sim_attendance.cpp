// The attendance simulation against independent expectations: weeks as Bernoulli trials (p^3,
// at least 3 of 4, partial sessions), a Beta propensity's third moment, hand-traced makeups and
// dropouts, the same counts for any thread count, and written attendance that re-validates to
// the same counts.
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "catch.hpp"
#include "sim_stats.hpp"
#include "iopcare/io/attendance.hpp"
#include "iopcare/sim/attendance.hpp"

using namespace std::chrono;
using namespace iopcare;
using namespace iopcare::sim;
using Catch::Matchers::WithinAbs;
using iopcare::test::family_half_width;
using iopcare::test::within_family_ci;

namespace {

// 3-hour group sessions of group_therapy at 18:00 on `days`; in UTC, so no clock change
// touches them.
template_line evening(std::vector<weekday> days, std::string group, unsigned capacity, hours start = hours{18}) {
    template_line t;
    t.days = std::move(days);
    t.start = start;
    t.length = minutes{180};
    t.service = "group_therapy";
    t.group = std::move(group);
    t.capacity = capacity;
    return t;
}

program iop(std::vector<template_line> lines) {
    program p;
    p.name = "Test IOP";
    p.level = "2.1";
    p.zone = time_zone::utc();
    p.phases.push_back(program_phase{"core", 0, std::move(lines)});
    return p;
}

// Monday 2026-03-02: the cohort's weeks are whole calendar weeks, none an edge week.
constexpr year_month_day monday = 2026y / March / 2d;

attendance_options fixed_rate(double p, int replications) {
    attendance_options o;
    o.model.attendance_rate = p;
    o.model.concentration = 1e9;  // every patient's propensity is p, within 1e-4
    o.model.makeups = false;
    o.replications = replications;
    o.seed = 2026;
    o.threads = 2;
    return o;
}

const rule_set nine_hours = builtin_rules("asam-iop-adult");  // at least 9 h a week

}  // namespace

TEST_CASE("weeks as independent trials meet the rules as arithmetic says", "[sim][attendance]") {
    // Four checks at once: simultaneous 95% intervals.
    constexpr int family = 4;
    constexpr double p = 0.7;
    const schedule three = cohort_schedule(iop({evening({Monday, Tuesday, Thursday}, "g", 500)}), 30, monday, 8);
    const schedule four = cohort_schedule(iop({evening({Monday, Tuesday, Wednesday, Thursday}, "g", 500)}), 30, monday, 8);

    // Three 3-hour sessions against 9 h: every one attended. 30 replications of 240
    // patient-weeks: well under a second even under the sanitizers.
    const auto r3 = simulate_attendance(three, nine_hours, fixed_rate(p, 30));
    CHECK(within_family_ci(r3.compliance, p * p * p, family));
    CHECK(family_half_width(r3.compliance, family) < 0.03);  // the check has power
    CHECK_THAT(r3.weeks.meets + r3.weeks.below_minimum, WithinAbs(30.0 * 8, 1e-9));
    CHECK(r3.weeks.exempt == 0.0);

    // Four 3-hour sessions: at least 3 of 4.
    const auto r4 = simulate_attendance(four, nine_hours, fixed_rate(p, 30));
    CHECK(within_family_ci(r4.compliance, 4 * p * p * p * (1 - p) + p * p * p * p, family));

    // Partial sessions (our case): 90 of 180 minutes with chance q once there. With a = p(1-q)
    // whole sessions and b = pq partial ones, 9 h is 3 whole sessions, or 2 whole and 2 partial:
    // a^4 + 4a^3(1 - a) + 6a^2 b^2.
    attendance_options partly = fixed_rate(p, 30);
    partly.model.partial = 0.2;
    partly.model.partial_minutes = minutes{90};
    const double a = p * 0.8, b = p * 0.2;
    const auto rp = simulate_attendance(four, nine_hours, partly);
    CHECK(within_family_ci(rp.compliance, a * a * a * a + 4 * a * a * a * (1 - a) + 6 * a * a * b * b, family));

    // Patients differ (our case): propensity ~ Beta(m k, (1 - m) k), so a week of three meets
    // with E[P^3] = A(A + 1)(A + 2) / (k(k + 1)(k + 2)), A = m k.
    attendance_options spread = fixed_rate(0.75, 30);
    spread.model.concentration = 4.0;
    const double A = 3.0, k = 4.0;
    const auto rb = simulate_attendance(three, nine_hours, spread);
    CHECK(within_family_ci(rb.compliance, A * (A + 1) * (A + 2) / (k * (k + 1) * (k + 2)), family));
    CHECK(std::abs(rb.compliance.mean - 0.75 * 0.75 * 0.75) > 0.05);  // not the fixed-rate answer
}

TEST_CASE("a run's counts do not depend on the thread count", "[sim][attendance]") {
    const schedule s = cohort_schedule(iop({evening({Monday, Wednesday, Friday}, "a", 8),
                                            evening({Tuesday, Thursday, Saturday}, "b", 8)}),
                                       12, monday, 6);
    attendance_options o;
    o.model.partial = 0.1;
    o.model.dropout_after = 3;
    o.replications = 6;
    o.threads = 1;
    const auto one = simulate_attendance(s, nine_hours, o);
    o.threads = 3;
    const auto three = simulate_attendance(s, nine_hours, o);
    REQUIRE(one.runs.size() == three.runs.size());
    for (std::size_t i = 0; i < one.runs.size(); ++i) {
        CHECK(one.runs[i].weeks.meets == three.runs[i].weeks.meets);
        CHECK(one.runs[i].weeks.below_minimum == three.runs[i].weeks.below_minimum);
        CHECK(one.runs[i].makeups_offered == three.runs[i].makeups_offered);
        CHECK(one.runs[i].dropouts == three.runs[i].dropouts);
        CHECK(one.runs[i].records == three.runs[i].records);
    }
    CHECK(one.compliance.mean == three.compliance.mean);
}

TEST_CASE("makeups are offered from the other group's open seats, traced by hand", "[sim][attendance]") {
    // Patient 1 in group a (Mon, Wed, Fri), patient 2 in b (Tue, Thu, Sat); one of two seats
    // taken at each occurrence. Nobody attends, so every week heads below 9 h from its first
    // session. Patient 1 misses Monday and books Tuesday's b, Wednesday -> Thursday's b, Friday
    // -> Saturday's b. Patient 2 misses Tuesday -> Wednesday's a, Thursday -> Friday's a,
    // Saturday -> nothing later that week. Five a week, none attended.
    const program p = iop({evening({Monday, Wednesday, Friday}, "a", 2), evening({Tuesday, Thursday, Saturday}, "b", 2)});
    attendance_options o;
    o.model.attendance_rate = 0.0;
    o.replications = 2;
    const auto r = simulate_attendance(cohort_schedule(p, 2, monday, 2), nine_hours, o);
    CHECK(r.makeups_offered == 10.0);
    CHECK(r.makeups_attended == 0.0);
    CHECK(r.runs[0].records == 2 * 2 * 3 + 10);

    // Admitted on Wednesday 2026-03-04 for a week (to Tuesday 03-10): in the first week patient
    // 1 books Thursday's and Saturday's b, patient 2 Friday's a; in the second patient 1 books
    // Tuesday's b, but patient 2's Tuesday has only Wednesday's a after it, past the discharge.
    attendance_options one = o;
    one.replications = 1;
    const auto edge = simulate_attendance(cohort_schedule(p, 2, 2026y / March / 4d, 1), nine_hours, one);
    CHECK(edge.makeups_offered == 4.0);
    CHECK(edge.runs[0].rejected == 0);

    // Full groups leave no seat.
    const program full = iop({evening({Monday, Wednesday, Friday}, "a", 1), evening({Tuesday, Thursday, Saturday}, "b", 1)});
    CHECK(simulate_attendance(cohort_schedule(full, 2, monday, 2), nine_hours, o).makeups_offered == 0.0);

    // Everyone attending needs none; makeups off offers none.
    o.model.attendance_rate = 1.0;
    CHECK(simulate_attendance(cohort_schedule(p, 2, monday, 2), nine_hours, o).makeups_offered == 0.0);
    o.model.attendance_rate = 0.0;
    o.model.makeups = false;
    CHECK(simulate_attendance(cohort_schedule(p, 2, monday, 2), nine_hours, o).makeups_offered == 0.0);
}

TEST_CASE("a patient who misses K sessions in a row is discharged that day", "[sim][attendance]") {
    // Nobody attends; after the second miss (Tuesday 2026-03-03) each patient leaves.
    const schedule s = cohort_schedule(iop({evening({Monday, Tuesday, Thursday}, "g", 10)}), 5, monday, 4);
    attendance_options o;
    o.model.attendance_rate = 0.0;
    o.model.makeups = false;
    o.model.dropout_after = 2;
    o.replications = 1;
    const auto r = simulate_attendance(s, nine_hours, o);
    CHECK(r.dropouts == 5.0);
    CHECK(r.runs[0].records == 10);
    // One week each, cut to two days: prorated to 2/7 of 9 h and failed.
    CHECK(r.weeks.below_minimum == 5.0);
    CHECK(r.weeks.meets == 0.0);
    const attendance_log log = simulated_attendance(s, nine_hours, o, 0);
    REQUIRE(log.enrollments.size() == 5);
    for (const auto& e : log.enrollments) CHECK(e.discharged == year_month_day{2026y / March / 3d});
}

TEST_CASE("written attendance re-validates to the run's counts", "[sim][attendance]") {
    const program p = iop({evening({Monday, Wednesday, Friday}, "a", 6), evening({Tuesday, Thursday, Saturday}, "b", 6)});
    // Admitted on a Wednesday: edge weeks, prorated by the rules, are in the counts too.
    const schedule s = cohort_schedule(p, 8, 2026y / March / 4d, 5);
    attendance_options o;
    o.model.attendance_rate = 0.7;
    o.model.partial = 0.2;
    o.model.dropout_after = 3;
    o.replications = 3;
    o.seed = 99;
    const auto r = simulate_attendance(s, nine_hours, o);
    const attendance_log log = simulated_attendance(s, nine_hours, o, 0);
    const auto text = io::attendance_to_json(log, time_zone::utc());
    const auto file = io::parse_attendance_json(text, "written");
    CHECK(file.log.records.size() == r.runs[0].records);
    CHECK(r.runs[0].rejected == 0);
    const validation_report again = validate(file.log, nine_hours, file.zone);
    CHECK(again.rejected.empty());
    CHECK(again.weeks.meets == r.runs[0].weeks.meets);
    CHECK(again.weeks.below_minimum == r.runs[0].weeks.below_minimum);
    CHECK(again.weeks.above_maximum == r.runs[0].weeks.above_maximum);
    CHECK(again.weeks.exempt == r.runs[0].weeks.exempt);
    CHECK(r.runs[0].weeks.total() > 0);
}

TEST_CASE("bad settings are errors naming the field, without exceptions on request", "[sim][attendance]") {
    const schedule s = cohort_schedule(iop({evening({Monday, Tuesday, Thursday}, "g", 10)}), 2, monday, 2);
    attendance_options o;
    o.model.attendance_rate = 1.5;
    auto r = try_simulate_attendance(s, nine_hours, o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == errc::invalid_argument);
    CHECK(r.error().where == "attendance_rate");
    CHECK(r.error().value == "1.5");
    o = {};
    o.model.concentration = std::nan("");
    CHECK(try_simulate_attendance(s, nine_hours, o).error().where == "concentration");
    o = {};
    o.replications = 0;
    CHECK(try_simulate_attendance(s, nine_hours, o).error().where == "replications");

    program no_zone = iop({evening({Monday}, "g", 10)});
    no_zone.zone.reset();
    const auto z = try_simulate_attendance(cohort_schedule(no_zone, 1, monday, 1), nine_hours, {});
    CHECK(z.error().code == errc::invalid_program);
    CHECK(z.error().where == "zone");
    // A group that is full refuses the cohort, naming it.
    const auto full = try_call([] { return cohort_schedule(iop({evening({Monday}, "g", 3)}), 4, monday, 1); });
    CHECK(full.error().code == errc::capacity_exceeded);
    CHECK(full.error().value == "g");
}

namespace {

// One IOP level with arrivals at the given days after a 10-day warm-up, a fixed stay and
// unlimited capacity, every stay ending in discharge; its horizon is the warm-up plus `days`.
scenario fixed_flow(std::vector<double> arrivals_after_warmup, double stay, double days = 60.0) {
    std::vector<sim_days> at;
    for (double d : arrivals_after_warmup) at.push_back(sim_days{10.0 + d});
    return scenario_builder("fixed flow")
        .horizon(sim_days{10.0 + days})
        .warmup(sim_days{10.0})
        .level("iop", "2.1")
        .unlimited()
        .los(duration_distribution::fixed(sim_days{stay}))
        .arrivals(arrival_process::at(std::move(at)))
        .route("iop", "discharge", 1.0)
        .build();
}

std::string first_day(const enrollment& e) { return format_date(e.admit); }
std::string last_day(const enrollment& e) { return format_date(*e.discharge); }

}  // namespace

TEST_CASE("a flow cohort is the level's admissions in the window with their stays, traced by hand",
          "[sim][attendance][flow]") {
    // Arrivals 1 day before the window (still there in it, but admitted before), then at days
    // 0.25, 3.5 and 7.25 of the window, and one exactly at its end (14: outside [0, 14)).
    const scenario s = fixed_flow({-1.0, 0.25, 3.5, 7.25, 14.0}, 28.0);
    const schedule c = flow_cohort_schedule(iop({evening({Monday, Tuesday, Thursday}, "g", 500)}), s,
                                            flow_cohort{"iop", monday, 2});
    const auto& e = c.enrolled();
    REQUIRE(e.size() == 3);
    // Patient numbers: level 0's arrivals from the community, counted from 0 with the one before
    // the window.
    CHECK(e[0].patient.str() == "1000000000001");
    CHECK(e[2].patient.str() == "1000000000003");
    // A 28-day stay covers 28 calendar days from the day of admission.
    CHECK(first_day(e[0]) == "2026-03-02");
    CHECK(last_day(e[0]) == "2026-03-29");
    CHECK(first_day(e[1]) == "2026-03-05");
    CHECK(last_day(e[1]) == "2026-04-01");
    CHECK(first_day(e[2]) == "2026-03-09");
    CHECK(last_day(e[2]) == "2026-04-05");
    CHECK(e[0].group == "g");
}

TEST_CASE("a flow cohort's short, cut-off and crowded stays", "[sim][attendance][flow]") {
    // A stay shorter than a day covers its day; one the horizon cuts off ends on its last day.
    const schedule short_stay = flow_cohort_schedule(iop({evening({Monday}, "g", 10)}),
                                                     fixed_flow({0.5}, 0.2), flow_cohort{"iop", monday, 1});
    REQUIRE(short_stay.enrolled().size() == 1);
    CHECK(last_day(short_stay.enrolled()[0]) == "2026-03-02");
    const schedule cut = flow_cohort_schedule(iop({evening({Monday}, "g", 10)}), fixed_flow({0.5}, 100.0, 30.0),
                                              flow_cohort{"iop", monday, 1});
    REQUIRE(cut.enrolled().size() == 1);
    CHECK(last_day(cut.enrolled()[0]) == "2026-03-31");  // day 29 of a 30-day window

    // Three overlapping stays, groups of two seats: the third goes to the second group (groups
    // are tried in turn), and with one group it has no seat.
    const scenario three = fixed_flow({0.0, 1.0, 2.0}, 28.0);
    const schedule two_groups = flow_cohort_schedule(
        iop({evening({Monday}, "a", 2), evening({Tuesday}, "b", 2)}), three, flow_cohort{"iop", monday, 1});
    REQUIRE(two_groups.enrolled().size() == 3);
    CHECK(two_groups.enrolled()[0].group == "a");
    CHECK(two_groups.enrolled()[1].group == "b");
    CHECK(two_groups.enrolled()[2].group == "a");
    const auto full = try_call([&] {
        return flow_cohort_schedule(iop({evening({Monday}, "a", 2)}), three, flow_cohort{"iop", monday, 1});
    });
    REQUIRE_FALSE(full.ok());
    CHECK(full.error().code == errc::capacity_exceeded);
    CHECK(full.error().value == "1000000000002");
}

TEST_CASE("a flow cohort's bad level and window are errors naming the field", "[sim][attendance][flow]") {
    const program p = iop({evening({Monday}, "g", 10)});
    const scenario s = fixed_flow({0.5}, 7.0);
    const auto level = try_call([&] { return flow_cohort_schedule(p, s, flow_cohort{"php", monday, 1}); });
    CHECK(level.error().where == "level");
    CHECK(level.error().value == "php");
    const auto zero = try_call([&] { return flow_cohort_schedule(p, s, flow_cohort{"iop", monday, 0}); });
    CHECK(zero.error().where == "weeks");
    const auto long_window = try_call([&] { return flow_cohort_schedule(p, s, flow_cohort{"iop", monday, 9}); });
    CHECK(long_window.error().where == "weeks");  // 60 days hold 8 whole weeks
    CHECK(long_window.error().message.find("8 whole weeks") != std::string::npos);
}

TEST_CASE("a flow cohort from Poisson arrivals has the arrivals' count and simulates", "[sim][attendance][flow]") {
    // 2 a day for 8 weeks, unlimited: the count of admissions is Poisson with mean 112 (sd 10.6);
    // within 4 sd, a chance of failing of 6e-5 for this fixed seed's one draw.
    const scenario s = scenario_builder("poisson flow")
                           .horizon(sim_days{200.0})
                           .warmup(sim_days{30.0})
                           .seed(11)
                           .level("iop", "2.1")
                           .unlimited()
                           .los(duration_distribution::fixed(sim_days{21.0}))
                           .poisson_arrivals(2.0)
                           .route("iop", "discharge", 1.0)
                           .build();
    const schedule c = flow_cohort_schedule(iop({evening({Monday, Tuesday, Thursday}, "g", 0)}), s,
                                            flow_cohort{"iop", monday, 8});
    CHECK(std::abs(static_cast<double>(c.enrolled().size()) - 112.0) < 4.0 * std::sqrt(112.0));
    for (const auto& e : c.enrolled()) CHECK(sys_days{*e.discharge} - sys_days{e.admit} == days{20});
    // The cohort runs like any other. With partial weeks exempt and everyone attending
    // everything, the weeks that meet 9 h are the whole Monday-to-Sunday weeks of the stays,
    // counted here day by day.
    double expected_meets = 0;
    for (const auto& e : c.enrolled()) {
        const sys_days admitted{e.admit}, discharged{*e.discharge};
        for (sys_days mon = admitted - (weekday{admitted} - Monday); mon <= discharged; mon += weeks{1})
            if (mon >= admitted && mon + days{6} <= discharged) ++expected_meets;
    }
    rule_set edges_exempt = nine_hours;
    edges_exempt.edge_weeks = edge_week_policy::exempt;
    const auto r = simulate_attendance(c, edges_exempt, fixed_rate(1.0, 1));
    CHECK(expected_meets > 100);
    CHECK(r.weeks.below_minimum == 0.0);
    CHECK(r.weeks.meets == expected_meets);
}
