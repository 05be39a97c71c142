// Discharge outcomes and costs against independent expectations: outcome shares and lengths of
// stay by outcome reproduce their inputs (simultaneous intervals), costs are the documented
// identity in every replication and match a case traced by hand, continuum-teds carries the
// TEDS-D shares of docs/sources.md section 6, and the event log is what a researcher reads.
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "sim_stats.hpp"
#include "iopcare/sim/simulation.hpp"

using namespace iopcare;
using namespace iopcare::sim;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using dist = duration_distribution;
using out = discharge_outcome;

namespace {

// Simultaneous (Bonferroni) 95% intervals for a family of m checks: support/sim_stats.hpp.
using iopcare::test::within_family_ci;

// A level with room for everyone (no waiting), 80% of stays discharged with four outcomes, 20%
// moving on to an outpatient level.
scenario outcome_study() {
    return scenario_builder("outcomes")
        .horizon(sim_days(3650)).warmup(sim_days(365)).replications(20).seed(11)
        .level("iop", "2.1").unlimited().los(dist::lognormal_mean_sd(sim_days(42), sim_days(15)))
            .poisson_arrivals(2.0)
            .outcome(out::completed, 0.5, dist::lognormal_mean_sd(sim_days(50), sim_days(15)))
            .outcome(out::dropped_out, 0.3, dist::lognormal_mean_sd(sim_days(26), sim_days(10)))
            .outcome(out::terminated, 0.15, dist::gamma_mean_sd(sim_days(36), sim_days(12)))
            .outcome(out::other, 0.05)
        .level("op", "1").unlimited().los(dist::exponential(sim_days(30)))
        .route("iop", "discharge", 0.8).route("iop", "op", 0.2)
        .route("op", "discharge", 1.0)
        .build();
}

}  // namespace

TEST_CASE("discharge outcome shares and lengths of stay by outcome reproduce their inputs", "[sim][outcomes]") {
    const scenario s = outcome_study();
    const simulation_result r = simulate(s);
    const double p[4] = {0.5, 0.3, 0.15, 0.05};
    const double los[4] = {50, 26, 36, 42};  // `other` has no length of its own: the level's
    // Eight checks (four shares, four mean stays) made as one family.
    std::vector<std::vector<double>> shares(4);
    for (const auto& run : r.runs) {
        const auto& d = run.levels[0].discharges;
        std::int64_t all = 0;
        for (auto n : d) all += n;
        REQUIRE(all > 0);
        CHECK(d[static_cast<std::size_t>(out::transferred_out)] == 0);
        for (std::size_t k = 0; k < 4; ++k) shares[k].push_back(static_cast<double>(d[k]) / static_cast<double>(all));
    }
    for (std::size_t k = 0; k < 4; ++k) {
        const summary share = summarize(shares[k]);
        INFO(to_string(all_discharge_outcomes[k]) << " share " << share.mean << ", expected " << p[k]);
        CHECK(within_family_ci(share, p[k], 8));
        const summary stay = r.levels[0].discharge_los_days[k];
        INFO("mean stay " << stay.mean << " sd " << stay.sd << ", expected " << los[k]);
        CHECK(within_family_ci(stay, los[k], 8));
    }
    // Discharges a year by the traffic equations: 2 a day, 80% discharged, times the share.
    for (std::size_t k = 0; k < 4; ++k) {
        CHECK(within_family_ci(r.levels[0].discharges_per_year[k], 2.0 * 0.8 * p[k] * 365.0, 4));
    }
    // The op level has no outcomes: every discharge completed.
    for (const auto& run : r.runs) {
        const auto& op = run.levels[1];
        CHECK(op.discharges[static_cast<std::size_t>(out::completed)] == op.completed_to_discharge);
        CHECK(op.discharges[static_cast<std::size_t>(out::dropped_out)] == 0);
    }
}

TEST_CASE("the mean stay and the offered load count each outcome's length of stay", "[sim][outcomes]") {
    const scenario s = outcome_study();
    // iop: 20% move on after 42 days; 80% are discharged after 50, 26, 36 or 42 days.
    const double iop = 0.2 * 42 + 0.8 * (0.5 * 50 + 0.3 * 26 + 0.15 * 36 + 0.05 * 42);
    const auto stay = mean_stay_days(s);
    CHECK_THAT(stay[0], WithinRel(iop, 1e-9));
    CHECK_THAT(stay[1], WithinRel(30.0, 1e-9));
    const simulation_result r = simulate(s);
    CHECK_THAT(r.levels[0].offered_load, WithinRel(2.0 * iop, 1e-9));
    // Little's law at a level where nobody waits: occupancy = arrival rate x mean stay.
    CHECK(within_family_ci(r.levels[0].occupancy, 2.0 * iop, 2));
    CHECK(within_family_ci(r.levels[1].occupancy, 0.4 * 30.0, 2));
}

TEST_CASE("competing dropout is a dropped_out discharge, and without outcomes every routed discharge is completed",
          "[sim][outcomes]") {
    const scenario s = scenario_builder("dropout")
                           .horizon(sim_days(2000)).warmup(sim_days(100)).replications(4)
                           .level("iop", "2.1").unlimited().los(dist::fixed(sim_days(10)))
                               .dropout(dist::exponential(sim_days(10))).poisson_arrivals(2.0)
                           .route("iop", "discharge", 1.0)
                           .build();
    for (const auto& run : simulate(s).runs) {
        const auto& l = run.levels[0];
        CHECK(l.discharges[static_cast<std::size_t>(out::dropped_out)] == l.dropouts);
        CHECK(l.discharges[static_cast<std::size_t>(out::completed)] == l.completed_to_discharge);
        CHECK(l.dropouts > 0);
    }
}

TEST_CASE("a cost a year is occupancy x cost x 365 + admissions x cost + waitlist x cost x 365, exactly", "[sim][costs]") {
    scenario s = continuum_ref();
    s.replications = 6;
    s.horizon = sim_days(2000);
    const double day[4] = {450, 300, 110, 25}, admission[4] = {300, 200, 150, 100}, waiting[4] = {20, 15, 10, 5};
    for (std::size_t i = 0; i < 4; ++i) {
        s.levels[i].cost_per_day = day[i];
        s.levels[i].cost_per_admission = admission[i];
        s.levels[i].cost_per_waiting_day = waiting[i];
    }
    const simulation_result r = simulate(s);
    const double span = s.horizon.count() - s.warmup.count();
    for (const auto& run : r.runs) {
        double total = 0.0;
        std::int64_t episodes = 0, completed = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            const auto& l = run.levels[i];
            CHECK(l.cost_per_year == l.occupancy * day[i] * 365.0 + l.admissions_per_year * admission[i] +
                                         l.waitlist * waiting[i] * 365.0);
            total += l.cost_per_year;
            episodes += l.episodes;
            completed += l.discharges[static_cast<std::size_t>(out::completed)];
        }
        CHECK(run.totals.cost_per_year == total);
        CHECK(run.totals.episodes_per_year == static_cast<double>(episodes) / span * 365.0);
        CHECK(run.totals.cost_per_episode == total / run.totals.episodes_per_year);
        CHECK(run.totals.cost_per_completed_episode == total / (static_cast<double>(completed) / span * 365.0));
    }
    // New episodes are the community's arrivals: about 1.0 + 0.6 + 1.2 + 0.8 = 3.6 a day.
    CHECK(within_family_ci(r.totals.episodes_per_year, 3.6 * 365.0, 1));
}

TEST_CASE("costs of a case traced by hand", "[sim][costs]") {
    // One slot, stays of 1 day, arrivals at 0 and 0.5: occupied [0, 2], the second patient
    // waits 0.5 days; both are new episodes and complete. Over 30 days:
    const scenario s = scenario_builder("by hand")
                           .horizon(sim_days(30)).warmup(sim_days(0)).replications(1)
                           .level("a", "2.1").capacity(1).los(dist::fixed(sim_days(1)))
                               .arrivals(arrival_process::at({sim_days(0), sim_days(0.5)}))
                               .costs(100.0, 50.0, 10.0)
                           .route("a", "discharge", 1.0)
                           .build();
    const auto run = simulate(s).runs[0];
    const double occupancy = 2.0 / 30, admissions = 2.0 / 30 * 365, waitlist = 0.5 / 30;
    const double cost = occupancy * 100 * 365 + admissions * 50 + waitlist * 10 * 365;  // 2433.33 + 1216.67 + 60.83
    CHECK_THAT(run.levels[0].cost_per_year, WithinRel(cost, 1e-12));
    CHECK_THAT(run.totals.cost_per_episode, WithinRel(cost / admissions, 1e-12));
    CHECK_THAT(run.totals.cost_per_completed_episode, WithinRel(cost / admissions, 1e-12));
    CHECK(run.levels[0].episodes == 2);
}

TEST_CASE("continuum-teds carries the TEDS-D shares of docs/sources.md section 6", "[sim][outcomes]") {
    const scenario s = continuum_teds();
    REQUIRE(s.levels.size() == 3);
    // Percent completed, transferred, dropped out, terminated, other (TEDS-D 2004): the
    // transferred share is routing within the model, the other four renormalised.
    struct row {
        const char* id;
        double completed, transferred, dropped, terminated, other;
    };
    const row table[] = {{"residential", 61.5, 14.3, 14.1, 6.3, 3.9},
                         {"iop", 37.7, 17.9, 23.2, 14.0, 7.2},
                         {"op", 36.4, 11.7, 27.2, 10.5, 14.2}};
    for (const row& t : table) {
        const int i = s.find_level(t.id);
        REQUIRE(i >= 0);
        const level_spec& l = s.levels[static_cast<std::size_t>(i)];
        const double rest = t.completed + t.dropped + t.terminated + t.other;
        CHECK_THAT(l.outcome(out::completed).p, WithinAbs(t.completed / rest, 1e-12));
        CHECK_THAT(l.outcome(out::dropped_out).p, WithinAbs(t.dropped / rest, 1e-12));
        CHECK_THAT(l.outcome(out::terminated).p, WithinAbs(t.terminated / rest, 1e-12));
        CHECK_THAT(l.outcome(out::other).p, WithinAbs(t.other / rest, 1e-12));
        CHECK(l.outcome(out::transferred_out).p == 0.0);
        double moving_on = 0.0;
        for (const auto& r : s.transitions) {
            if (r.from == t.id && r.to != discharge_id) moving_on += r.p;
        }
        CHECK_THAT(moving_on, WithinAbs(t.transferred / 100.0, 1e-12));
    }
    // IOP median stays by outcome: completed 50, dropped out 26, terminated 36 days (lognormal:
    // the median is e^mu).
    const level_spec& iop = s.levels[static_cast<std::size_t>(s.find_level("iop"))];
    CHECK_THAT(std::exp(iop.outcome(out::completed).los->first()), WithinRel(50.0, 1e-12));
    CHECK_THAT(std::exp(iop.outcome(out::dropped_out).los->first()), WithinRel(26.0, 1e-12));
    CHECK_THAT(std::exp(iop.outcome(out::terminated).los->first()), WithinRel(36.0, 1e-12));
    CHECK(embedded_scenario("continuum-teds").has_value());
    CHECK_FALSE(embedded_scenario("continuum-xyz").has_value());
}

TEST_CASE("bad outcomes and costs are reported naming the field", "[sim][outcomes]") {
    scenario s = continuum_teds();
    SECTION("outcomes not summing to one") {
        s.levels[1].outcome(out::other).p = 0.2;
        const auto e = try_validate(s);
        REQUIRE_FALSE(e.ok());
        CHECK(e.error().where == "/levels/1 (iop) outcomes");
    }
    SECTION("a negative cost") {
        s.levels[2].cost_per_admission = -1;
        const auto e = try_validate(s);
        REQUIRE_FALSE(e.ok());
        CHECK(e.error().where == "/levels/2/cost_per_admission");
        CHECK(e.error().value == "-1");
    }
    SECTION("an outcome probability out of range") {
        s.levels[0].outcome(out::dropped_out).p = 1.5;
        const auto e = try_validate(s);
        REQUIRE_FALSE(e.ok());
        CHECK(e.error().where == "/levels/0/outcomes/dropped_out/p");
    }
}

TEST_CASE("a negative sd given to the builder names the level", "[sim][scenario]") {
    try {
        (void)scenario_builder("x")
            .level("residential", "3.5").capacity(5).los(dist::exponential, sim_days(10))
            .level("iop", "2.1").capacity(5).los(dist::lognormal_mean_sd, sim_days(56), sim_days(-21));
        FAIL("no error");
    } catch (const error& e) {
        CHECK(e.code() == errc::invalid_distribution);
        CHECK(e.where() == "level iop: los: sd");
        CHECK(e.value() == "-21");
    }
}

TEST_CASE("the event log: documented patient ids, admissions from where the patient came, warm-up left out",
          "[sim][events]") {
    scenario s = continuum_ref();
    s.horizon = sim_days(600);
    s.warmup = sim_days(200);
    s.replications = 1;
    std::vector<flow_event> events;
    run_options o;
    o.events = [&](const flow_event& e) { events.push_back(e); };
    (void)simulate(s, o);
    REQUIRE(events.size() > 1000);
    std::map<std::uint64_t, int> last_left;  // patient -> the level it last left
    for (const auto& e : events) {
        CHECK(e.time.count() >= 200.0);
        CHECK(entry_level_of(e.patient) >= 0);
        CHECK(entry_level_of(e.patient) < 4);
        CHECK(e.patient == patient_number(entry_level_of(e.patient), arrival_number_of(e.patient)));
        if (e.kind == event_kind::arrival && e.from == community_index) CHECK(e.to == entry_level_of(e.patient));
        if (e.kind == event_kind::departure && e.to >= 0) last_left[e.patient] = e.from;
        if (e.kind == event_kind::admission) {
            CHECK(e.from != e.to);
            auto it = last_left.find(e.patient);
            if (it != last_left.end()) CHECK(e.from == it->second);
        }
    }
    // 3000000000017 is the 18th arrival at level 2.
    CHECK(entry_level_of(3000000000017u) == 2);
    CHECK(arrival_number_of(3000000000017u) == 17);
}

TEST_CASE("the CSV log is the same for 1 and 3 threads, in replication order, with times to the microday",
          "[sim][events]") {
    // Arrivals at given times, far into a long horizon: the log shows them to the microday.
    const scenario late = scenario_builder("late")
                              .horizon(sim_days(300000)).warmup(sim_days(0)).replications(1)
                              .level("a", "2.1").capacity(1).los(dist::fixed(sim_days(0.25)))
                                  .arrivals(arrival_process::at({sim_days(299999.123456)}))
                              .route("a", "discharge", 1.0)
                              .build();
    std::ostringstream one;
    csv_event_log late_log(one, late);
    run_options lo;
    lo.log = &late_log;
    (void)simulate(late, lo);
    CHECK(one.str().find("0,1000000000000,299999.123456,arrival,community,a,\r\n") != std::string::npos);
    CHECK(one.str().find("0,1000000000000,299999.373456,departure,a,discharge,completed\r\n") != std::string::npos);

    scenario s = continuum_ref();
    s.horizon = sim_days(800);
    s.replications = 5;
    std::string text[2];
    int k = 0;
    for (int threads : {1, 3}) {
        std::ostringstream csv;
        csv_event_log log(csv, s);
        run_options o;
        o.threads = threads;
        o.log = &log;
        (void)simulate(s, o);
        text[k++] = csv.str();
    }
    CHECK(text[0] == text[1]);
    // Replications in order: the first field never decreases.
    std::istringstream in(text[1]);
    std::string line;
    std::getline(in, line);
    int last = 0, lines = 0;
    while (std::getline(in, line)) {
        const int rep = std::stoi(line.substr(0, line.find(',')));
        CHECK(rep >= last);
        last = rep;
        ++lines;
    }
    CHECK(last == 4);
    CHECK(lines > 10000);
}
