// The simulation engine against independent expectations: Little's law and the traffic
// equations on continuum-ref, Erlang C for M/M/c, hand-traced small cases for the blocking and
// queue rules, analytic dropout, and reproducibility (threads, common random numbers).
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

namespace {

bool within_ci(const summary& s, double expected) { return s.ci95_low <= expected && expected <= s.ci95_high; }

// Simultaneous 95% intervals for a family of checks: support/sim_stats.hpp.
using iopcare::test::t_quantile;
using iopcare::test::within_family_ci;

// For secondary checks made many at a time: within 3.5 standard errors (a 95% interval alone
// would miss one check in twenty by chance).
bool within_se(const summary& s, double expected, double k = 3.5) {
    return std::abs(s.mean - expected) <= k * s.sd / std::sqrt(static_cast<double>(s.n));
}

using dist = duration_distribution;

// Two levels traced by hand: a (1 slot, 1 day) feeds b (1 slot, 10 days).
scenario two_step(blocking_policy b) {
    return scenario_builder("two-step")
        .horizon(sim_days(30)).warmup(sim_days(0)).replications(1).blocking(b)
        .level("a", "2.1").capacity(1).los(dist::fixed(sim_days(1)))
            .arrivals(arrival_process::at({sim_days(0), sim_days(0.5)}))
        .level("b", "1").capacity(1).los(dist::fixed(sim_days(10)))
        .route("a", "b", 1.0)
        .route("b", "discharge", 1.0)
        .build();
}

}  // namespace

TEST_CASE("the tests' own t quantile matches published tables", "[sim][engine]") {
    // Student t table values (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
    CHECK_THAT(t_quantile(0.975, 19), WithinAbs(2.093, 0.005));
    CHECK_THAT(t_quantile(0.995, 19), WithinAbs(2.861, 0.01));
    CHECK_THAT(t_quantile(0.995, 99), WithinAbs(2.626, 0.005));
}

TEST_CASE("continuum-ref: admissions follow the traffic equations and occupancy Little's law", "[sim][engine]") {
    const scenario s = continuum_ref();
    // Traffic equations solved by hand (fixed point of lambda = e + P^T lambda).
    const double P[4][4] = {{0, .25, .45, .10}, {.05, 0, .60, .15}, {.05, .05, 0, .55}, {0, 0, .08, 0}};
    const double e[4] = {1.0, 0.6, 1.2, 0.8};
    const double mean_los[4] = {28, 15, 56, 90};
    const double capacity[4] = {38, 18, 160, 250};
    double l[4] = {1, 1, 1, 1};
    for (int it = 0; it < 500; ++it) {
        double n[4];
        for (int j = 0; j < 4; ++j) {
            n[j] = e[j];
            for (int i = 0; i < 4; ++i) n[j] += l[i] * P[i][j];
        }
        for (int j = 0; j < 4; ++j) l[j] = n[j];
    }
    run_options o;
    o.threads = 2;
    const simulation_result r = simulate(s, o);
    REQUIRE(r.levels.size() == 4);
    CHECK_FALSE(r.unstable);
    for (std::size_t j = 0; j < 4; ++j) {
        INFO(r.levels[j].id << " occupancy " << r.levels[j].occupancy.mean << " expected " << l[j] * mean_los[j]);
        // Every level's offered load is below its capacity, so in the long run every arrival is
        // admitted: admissions per year = 365 lambda, occupancy = lambda E[LOS].
        REQUIRE(l[j] * mean_los[j] < capacity[j]);
        // Eight interval checks (two per level), made as one family.
        CHECK(within_family_ci(r.levels[j].admissions_per_year, 365.0 * l[j], 8));
        CHECK(within_family_ci(r.levels[j].occupancy, l[j] * mean_los[j], 8));
        INFO("realized LOS " << r.levels[j].mean_los_days.mean << " sd " << r.levels[j].mean_los_days.sd);
        CHECK(within_se(r.levels[j].mean_los_days, mean_los[j]));
        CHECK_THAT(r.levels[j].utilization.mean, WithinRel(r.levels[j].occupancy.mean / capacity[j], 1e-9));
        CHECK(r.levels[j].mean_wait_days.mean >= 0.0);
        CHECK(r.levels[j].utilization.mean < 1.0);
    }
}

TEST_CASE("M/M/c: mean wait and utilization match Erlang C", "[sim][engine]") {
    const int c = 5;
    const double lambda = 4.0, mu = 1.0, a = lambda / mu;
    // Erlang C by hand.
    double term = 1.0, sum = 0.0;
    for (int k = 0; k < c; ++k) {
        sum += term;
        term *= a / (k + 1);
    }
    const double tail = term * c / (c - a);  // a^c / c! * c / (c - a)
    const double erlang_c = tail / (sum + tail);
    const double wq = erlang_c / (c * mu - lambda);
    const scenario s = scenario_builder("mmc")
                           .horizon(sim_days(20000)).warmup(sim_days(1000)).replications(10).seed(7)
                           .level("iop", "2.1").capacity(c).los(dist::exponential(sim_days(1.0 / mu))).poisson_arrivals(lambda)
                           .route("iop", "discharge", 1.0)
                           .build();
    run_options o;
    o.threads = 2;
    const auto r = simulate(s, o);
    INFO("Erlang C wait " << wq << ", simulated " << r.levels[0].mean_wait_days.mean << " ["
                          << r.levels[0].mean_wait_days.ci95_low << ", " << r.levels[0].mean_wait_days.ci95_high << "]");
    CHECK(within_family_ci(r.levels[0].mean_wait_days, wq, 3));
    CHECK(within_family_ci(r.levels[0].utilization, a / c, 3));
    // Little's law on the waitlist: Lq = lambda Wq.
    CHECK(within_family_ci(r.levels[0].waitlist, lambda * wq, 3));
}

TEST_CASE("results are bit-identical for 1, 2 and 8 threads", "[sim][engine][reproducible]") {
    scenario s = continuum_ref();
    s.horizon = sim_days(1500);
    s.replications = 8;
    std::vector<simulation_result> rs;
    for (int t : {1, 2, 8}) {
        run_options o;
        o.threads = t;
        // Progress is reported once per replication, counting up to the total.
        std::vector<std::pair<int, int>> calls;
        o.progress = [&calls](int done, int total) { calls.emplace_back(done, total); };
        rs.push_back(simulate(s, o));
        REQUIRE(calls.size() == 8);
        for (std::size_t i = 0; i < calls.size(); ++i) {
            CHECK(calls[i].first == static_cast<int>(i) + 1);
            CHECK(calls[i].second == 8);
        }
    }
    for (std::size_t k = 1; k < rs.size(); ++k) {
        REQUIRE(rs[k].runs.size() == rs[0].runs.size());
        for (std::size_t i = 0; i < rs[0].runs.size(); ++i) {
            CHECK(rs[k].runs[i].events == rs[0].runs[i].events);
            for (std::size_t j = 0; j < 4; ++j) {
                const auto& x = rs[0].runs[i].levels[j];
                const auto& y = rs[k].runs[i].levels[j];
                CHECK(x.occupancy == y.occupancy);
                CHECK(x.mean_wait_days == y.mean_wait_days);
                CHECK(x.wait_p90_days == y.wait_p90_days);
                CHECK(x.admissions == y.admissions);
                CHECK(x.mean_los_days == y.mean_los_days);
            }
        }
        CHECK(rs[k].levels[2].occupancy.mean == rs[0].levels[2].occupancy.mean);
    }
    // A replication alone gives the same as inside a run.
    const auto alone = simulate_replication(s, 5);
    CHECK(alone.levels[1].occupancy == rs[0].runs[5].levels[1].occupancy);
    // Another seed gives another result.
    run_options other;
    other.seed = 99;
    other.replications = 1;
    CHECK(simulate(s, other).runs[0].levels[2].occupancy != rs[0].runs[0].levels[2].occupancy);
}

TEST_CASE("common random numbers: a capacity change keeps arrivals, stays and routes", "[sim][engine][reproducible]") {
    struct trace {
        std::map<std::uint64_t, double> external_arrivals;            // patient -> time
        std::map<std::uint64_t, std::vector<int>> route;              // patient -> levels departed to
        std::map<std::uint64_t, std::vector<double>> stays;           // patient -> realized stays
        std::map<std::uint64_t, double> admitted_at;
    };
    auto run = [](std::int64_t iop_capacity) {
        scenario s = continuum_ref();
        s.horizon = sim_days(1200);
        s.warmup = sim_days(100);
        s.levels[2].capacity = iop_capacity;
        trace t;
        run_options o;
        o.threads = 1;
        o.replications = 1;
        o.log_warmup = true;  // the stays that begin in the warm-up too
        o.events = [&t](const flow_event& e) {
            if (e.kind == event_kind::arrival && e.from == community_index) t.external_arrivals[e.patient] = e.time.count();
            if (e.kind == event_kind::admission) t.admitted_at[e.patient] = e.time.count();
            if (e.kind == event_kind::departure) {
                t.route[e.patient].push_back(e.to);
                t.stays[e.patient].push_back(e.time.count() - t.admitted_at[e.patient]);
            }
        };
        (void)simulate(s, o);
        return t;
    };
    const trace a = run(160), b = run(120);
    CHECK(a.external_arrivals == b.external_arrivals);
    std::size_t compared = 0, differing_stays = 0;
    for (const auto& [patient, route] : a.route) {
        auto it = b.route.find(patient);
        if (it == b.route.end()) continue;
        const std::size_t n = std::min(route.size(), it->second.size());
        for (std::size_t k = 0; k < n; ++k) {
            CHECK(route[k] == it->second[k]);
            if (std::abs(a.stays.at(patient)[k] - b.stays.at(patient)[k]) > 1e-9) ++differing_stays;
            ++compared;
        }
    }
    CHECK(compared > 1000);
    CHECK(differing_stays == 0);
}

TEST_CASE("an unstable level is reported, not hung", "[sim][engine]") {
    const scenario s = scenario_builder("overload")
                           .horizon(sim_days(365000)).warmup(sim_days(0)).replications(2)
                           .level("res", "3.5").capacity(5).los(dist::fixed(sim_days(10))).poisson_arrivals(2.0)
                           .route("res", "discharge", 1.0)
                           .build();
    run_options o;
    o.max_waitlist = 500;
    const auto r = simulate(s, o);
    CHECK(r.unstable);
    REQUIRE(r.unstable_levels.size() == 1);
    CHECK(r.unstable_levels[0] == "res");
    CHECK(r.levels[0].overloaded);
    CHECK_THAT(r.levels[0].offered_load, WithinAbs(20.0, 1e-9));  // 2/day x 10 days
    CHECK(r.runs[0].stopped_unstable);
    // The waitlist grows by about 2 - 5/10 = 1.5 a day: 500 waiting after roughly 333 days.
    CHECK(r.runs[0].stopped_at.count() < 1000.0);
}

TEST_CASE("a level that admits nobody after the warm-up reports no wait, and the run is unstable", "[sim][engine]") {
    // One slot, taken at day 0 by a stay of 1000 days: after the warm-up nobody is admitted
    // and nobody leaves, while about one patient a day joins the waitlist.
    const scenario s = scenario_builder("closed door")
                           .horizon(sim_days(400)).warmup(sim_days(10)).replications(3)
                           .level("res", "3.5").capacity(1).los(dist::fixed(sim_days(1000)))
                               .arrivals(arrival_process::poisson(1.0))
                           .route("res", "discharge", 1.0)
                           .build();
    const auto r = simulate(s);
    CHECK(r.unstable);
    CHECK(r.levels[0].overloaded);
    CHECK(r.levels[0].admissions_per_year.mean == 0.0);
    // Nobody was admitted after the warm-up, so there is no wait (and no length of stay) to average.
    CHECK(r.levels[0].mean_wait_days.n == 0);
    CHECK(std::isnan(r.levels[0].mean_wait_days.mean));
    CHECK(std::isnan(r.levels[0].mean_los_days.mean));
    // The waitlist grows by one a day: over days 10 to 400 it averages about 10 + 390 / 2 = 205.
    CHECK_THAT(r.levels[0].waitlist.mean, WithinRel(205.0, 0.15));
}

TEST_CASE("a level of capacity 0 is refused, naming the field", "[sim][engine]") {
    scenario s = continuum_ref();
    s.levels[2].capacity = 0;
    const auto e = try_validate(s);
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().code == errc::invalid_scenario);
    CHECK(e.error().where == "/levels/2/capacity");
    CHECK(e.error().value == "0");
    CHECK_THAT(e.error().message, Catch::Matchers::Contains("at least 1 slot"));
}

TEST_CASE("summaries: one value has no spread, undefined values are left out", "[sim][engine]") {
    const summary one = summarize({4.0});
    CHECK(one.n == 1);
    CHECK(one.mean == 4.0);
    CHECK(std::isnan(one.sd));
    CHECK(std::isnan(one.ci95_low));
    CHECK(std::isnan(one.ci95_high));
    // {1, 3, NaN}: mean 2, sd sqrt(2), half-width t(0.975, 1) sqrt(2) / sqrt(2) = 12.706.
    const summary two = summarize({1.0, std::nan(""), 3.0});
    CHECK(two.n == 2);
    CHECK(two.mean == 2.0);
    CHECK_THAT(two.sd, WithinAbs(std::sqrt(2.0), 1e-12));
    CHECK_THAT(two.ci95_high - two.mean, WithinAbs(12.706, 0.01));
    CHECK(std::isnan(summarize({}).mean));
}

TEST_CASE("a horizon past a thousand years is refused", "[sim][engine]") {
    auto build = [](double horizon) {
        return scenario_builder("long")
            .horizon(sim_days(horizon)).warmup(sim_days(0)).replications(1)
            .level("res", "3.5").capacity(5).los(dist::fixed(sim_days(1))).poisson_arrivals(1.0)
            .route("res", "discharge", 1.0)
            .build();
    };
    CHECK_NOTHROW(build(365250));
    CHECK_THROWS_WITH(build(1e12), Catch::Contains("/horizon_days") && Catch::Contains("1000 years"));
}

TEST_CASE("blocking policies, traced by hand", "[sim][engine]") {
    // a: p1 [0,1], p2 waits 0.5 then [1,2]. b: p1 [1,11], p2 waits 2 -> 11 then [11,21].
    // wait in community: a is busy [0,2]. hold: p2 keeps a's slot from 2 until b admits at 11.
    const auto wic = simulate(two_step(blocking_policy::wait_in_community));
    const auto hold = simulate(two_step(blocking_policy::hold));
    CHECK_THAT(wic.runs[0].levels[0].occupancy, WithinAbs(2.0 / 30.0, 1e-12));
    CHECK_THAT(hold.runs[0].levels[0].occupancy, WithinAbs(11.0 / 30.0, 1e-12));
    CHECK_THAT(wic.runs[0].levels[1].mean_wait_days, WithinAbs(4.5, 1e-12));   // (0 + 9) / 2
    CHECK_THAT(hold.runs[0].levels[1].mean_wait_days, WithinAbs(4.5, 1e-12));
    CHECK_THAT(wic.runs[0].levels[0].mean_wait_days, WithinAbs(0.25, 1e-12));  // (0 + 0.5) / 2
    CHECK_THAT(hold.runs[0].levels[0].mean_los_days, WithinAbs(1.0, 1e-12));   // boarding is not treatment
    CHECK(wic.runs[0].levels[1].completed_to_discharge == 2);                  // at 11 and 21
}

TEST_CASE("priority waitlists admit transfers before community arrivals", "[sim][engine]") {
    // x: one slot, 2-day stays; community arrivals at 0 and 0.5. y: a community arrival at 0.2
    // stays 1 day and moves to x at 1.2. At 2 x frees: FIFO admits the 0.5 arrival, priority
    // the transfer.
    auto order = [](queue_discipline q) {
        const scenario s = scenario_builder("prio")
                               .horizon(sim_days(20)).warmup(sim_days(0)).replications(1).queue(q)
                               .level("x", "2.1").capacity(1).los(dist::fixed(sim_days(2)))
                                   .arrivals(arrival_process::at({sim_days(0), sim_days(0.5)}))
                               .level("y", "2.5").unlimited().los(dist::fixed(sim_days(1)))
                                   .arrivals(arrival_process::at({sim_days(0.2)}))
                               .route("x", "discharge", 1.0)
                               .route("y", "x", 1.0)
                               .build();
        std::vector<double> admitted_to_x_from_waitlist;
        std::map<std::uint64_t, double> joined;
        std::vector<double> waits;
        run_options o;
        o.events = [&](const flow_event& e) {
            if (e.kind == event_kind::arrival && e.to == 0) joined[e.patient] = e.time.count();
            if (e.kind == event_kind::admission && e.to == 0) waits.push_back(e.time.count() - joined[e.patient]);
        };
        (void)simulate(s, o);
        return waits;
    };
    const auto fifo = order(queue_discipline::fifo);
    const auto prio = order(queue_discipline::priority);
    REQUIRE(fifo.size() == 3);
    REQUIRE(prio.size() == 3);
    CHECK_THAT(fifo[1], WithinAbs(1.5, 1e-12));  // the 0.5 arrival at 2
    CHECK_THAT(fifo[2], WithinAbs(2.8, 1e-12));  // the transfer at 4
    CHECK_THAT(prio[1], WithinAbs(0.8, 1e-12));  // the transfer at 2
    CHECK_THAT(prio[2], WithinAbs(3.5, 1e-12));  // the 0.5 arrival at 4
}

TEST_CASE("competing dropout ends stays at the analytic rate", "[sim][engine]") {
    // Stay fixed 10 days, dropout exponential with mean 10: P(dropout) = 1 - e^-1 and the
    // realized stay is E[min(10, T)] = 10 (1 - e^-1).
    const scenario s = scenario_builder("dropout")
                           .horizon(sim_days(20000)).warmup(sim_days(100)).replications(10)
                           .level("iop", "2.1").unlimited().los(dist::fixed(sim_days(10)))
                               .dropout(dist::exponential(sim_days(10))).poisson_arrivals(2.0)
                           .route("iop", "discharge", 1.0)
                           .build();
    const auto r = simulate(s);
    std::int64_t drop = 0, done = 0;
    for (const auto& run : r.runs) {
        drop += run.levels[0].dropouts;
        done += run.levels[0].completed_to_discharge;
    }
    const double p = 1.0 - std::exp(-1.0);
    CHECK_THAT(static_cast<double>(drop) / static_cast<double>(drop + done), WithinAbs(p, 0.01));
    CHECK_THAT(r.levels[0].mean_los_days.mean, WithinAbs(10.0 * p, 0.05));
    INFO("occupancy " << r.levels[0].occupancy.mean << " [" << r.levels[0].occupancy.ci95_low << ", " << r.levels[0].occupancy.ci95_high << "]");
    CHECK(within_ci(r.levels[0].occupancy, 2.0 * 10.0 * p));
}

TEST_CASE("weekly arrival profiles, census and the CSV event log", "[sim][engine]") {
    // All arrivals on the first day of the week at 7 a day: 1 a day on average.
    const scenario s = scenario_builder("weekly")
                           .horizon(sim_days(700)).warmup(sim_days(0)).replications(1)
                           .level("op", "1").unlimited().los(dist::fixed(sim_days(3)))
                               .arrivals(arrival_process::weekly({7, 0, 0, 0, 0, 0, 0}))
                           .route("op", "discharge", 1.0)
                           .build();
    std::ostringstream csv;
    run_options o;
    o.daily_census = true;
    std::size_t off_day = 0, arrivals = 0;
    auto writer = csv_event_writer(csv, s);
    o.events = [&](const flow_event& e) {
        writer(e);
        if (e.kind == event_kind::arrival) {
            ++arrivals;
            if (std::fmod(e.time.count(), 7.0) >= 1.0) ++off_day;
        }
    };
    const auto r = simulate(s, o);
    CHECK(off_day == 0);
    CHECK_THAT(static_cast<double>(arrivals), WithinAbs(700.0, 4 * std::sqrt(700.0)));
    CHECK(r.runs[0].levels[0].daily_census.size() == 700);
    // The census at the start of day 4: the week's patients came in [0, 1) and stayed 3 days, so all
    // left before day 4 and nobody is in.
    CHECK(r.runs[0].levels[0].daily_census[4] == 0.0);
    const std::string text = csv.str();
    CHECK(text.rfind("replication,patient,time_days,kind,from,to,outcome\r\n", 0) == 0);
    CHECK(text.find(",arrival,community,op,\r\n") != std::string::npos);
    CHECK(text.find(",departure,op,discharge,completed\r\n") != std::string::npos);
}

TEST_CASE("running a bad scenario throws the validation error", "[sim][engine]") {
    scenario s = continuum_ref();
    s.levels[1].capacity = -1;
    try {
        (void)simulate_replication(s, 0);
        FAIL("no error");
    } catch (const error& e) {
        CHECK(e.code() == errc::invalid_scenario);
        CHECK(e.where() == "/levels/1/capacity");
    }
    CHECK_THROWS_AS(simulate(s), error);
}

TEST_CASE("a level with more routes than the fixed search holds routes in proportion", "[sim][engine]") {
    // Six routes out of "hub": past the four bounds the engine keeps inline, so its draws take
    // the searched list; each share is 1/6 (four levels, discharge, and back to the hub).
    scenario_builder b("six-routes");
    b.horizon(sim_days(2000)).warmup(sim_days(0)).replications(1);
    b.level("hub", "1").los(dist::exponential(sim_days(1))).poisson_arrivals(5.0);
    for (const char* id : {"l1", "l2", "l3", "l4"}) {
        b.level(id, "1").los(dist::exponential(sim_days(1)));
        b.route("hub", id, 1.0 / 6.0);
        b.route(id, "discharge", 1.0);
    }
    b.route("hub", "discharge", 1.0 / 6.0).route("hub", "hub", 1.0 / 6.0);
    const scenario s = b.build();
    std::map<int, double> to;  // departures from the hub by destination
    double n = 0.0;
    run_options o;
    o.threads = 1;
    o.events = [&](const flow_event& e) {
        if (e.kind != event_kind::departure || e.from != 0) return;
        to[e.to] += 1.0;
        n += 1.0;
    };
    (void)simulate(s, o);
    REQUIRE(n > 10000.0);
    REQUIRE(to.size() == 6);
    for (const auto& [level, count] : to) {
        INFO("destination " << level);
        // Binomial: within 4 standard errors of 1/6.
        CHECK(std::abs(count / n - 1.0 / 6.0) < 4.0 * std::sqrt((1.0 / 6.0) * (5.0 / 6.0) / n));
    }
}
