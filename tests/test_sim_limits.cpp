// Bounded work on hostile scenarios: the expected work of a run is computed before it starts
// (expected_work), a run beyond run_options' bounds is refused naming the level and the limit,
// and a replication that goes past its budget anyway stops with an error instead of running
// on. Expected figures are worked out by hand from the traffic equations.
#include <string>

#include "catch.hpp"
#include "failures.hpp"
#include "iopcare/sim/simulation.hpp"

using namespace iopcare;
using namespace iopcare::sim;
using dist = duration_distribution;
using Catch::Matchers::WithinRel;

namespace {

error_info failure(const scenario& s, const run_options& o = {}) {
    return iopcare::testing::failure([&] { (void)simulate(s, o); });
}
using iopcare::testing::mentions;

// One unlimited level fed at `rate` a day, whose stays loop back with probability `p_back`.
scenario loop(double rate, double p_back, double los_days, double horizon = 10) {
    scenario_builder b("loop");
    b.horizon(sim_days(horizon)).warmup(sim_days(0)).replications(1);
    b.level("a", "2.1").unlimited().los(dist::fixed(sim_days(los_days))).poisson_arrivals(rate);
    b.route("a", "a", p_back).route("a", "discharge", 1.0 - p_back);
    return b.build();
}

}  // namespace

TEST_CASE("expected work from the traffic equations", "[sim][limits]") {
    // 2 arrivals a day for 10 days; each stay loops back with p = 0.5, so a patient has 1 / (1 -
    // 0.5) = 2 stays on average: 20 arrivals, 40 stays, 60 events; census 4 a day x 3 days = 12.
    const auto w = expected_work(loop(2.0, 0.5, 3.0));
    REQUIRE(w.size() == 1);
    CHECK_THAT(w[0].arrivals, WithinRel(20.0, 1e-12));
    CHECK_THAT(w[0].stays, WithinRel(40.0, 1e-12));
    CHECK_THAT(w[0].events(), WithinRel(60.0, 1e-12));
    CHECK_THAT(w[0].census, WithinRel(12.0, 1e-12));
}

TEST_CASE("a billion arrivals a day is refused before it runs", "[sim][limits]") {
    // 1e9 a day for 10 days with no loop: 1e10 arrivals and 1e10 stay ends, 2e10 events.
    const auto e = failure(loop(1e9, 0.0, 1e-6));
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "/levels/0 (a)");
    CHECK(mentions(e.message, "about 2e+10 events expected in 1 replication(s) of 10 days"));
    CHECK(mentions(e.message, "more than the limit of 2000000000 (run_options::max_events"));
}

TEST_CASE("replications multiply the expected events", "[sim][limits]") {
    // 60 events a replication (above): 1000 replications are 60,000 events.
    scenario s = loop(2.0, 0.5, 3.0);
    run_options o;
    o.threads = 1;
    o.replications = 1000;
    o.max_events = 59'999;
    const auto e = failure(s, o);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(mentions(e.message, "about 6e+04 events expected in 1000 replication(s)"));
    o.max_events = 60'000;
    o.replications = 2;  // within the limit, and quick
    CHECK_NOTHROW(simulate(s, o));
}

TEST_CASE("a near-closed loop with near-zero stays is refused", "[sim][limits]") {
    // A stay returns with p = 1 - 1e-9: 1e9 stays per arrival, 1e10 for 10 arrivals. Time
    // barely moves (stays of 1e-12 days), so without the bound the run would not end for hours.
    const auto e = failure(loop(1.0, 1.0 - 1e-9, 1e-12));
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "/levels/0 (a)");
    CHECK(mentions(e.message, "run_options::max_events"));
}

TEST_CASE("a census beyond max_patients is refused before it runs", "[sim][limits]") {
    // 1000 a day staying 10,000 days at an unlimited level: 10 million patients at once.
    const auto e = failure(loop(1000.0, 0.0, 10000.0, 100));
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "/levels/0 (a)");
    CHECK(mentions(e.message, "about 1e+07 patients expected in the system at once, more than the limit of 1000000"));
    // A capacity bounds the census by the slots plus the waitlist limit: 50 + 100,000.
    scenario capped = loop(1000.0, 0.0, 10000.0, 100);
    capped.levels[0].capacity = 50;
    run_options o;
    o.max_waitlist = 1000;  // the waitlist overflows at once: the replication stops as unstable
    const auto r = simulate(capped, o);
    CHECK(r.unstable);
}

TEST_CASE("the patient guard stops a replication whose census outruns the estimate", "[sim][limits]") {
    // Ten arrivals at time 0 staying a day, over a 100-day horizon: the long-run census is
    // 10 / 100 x 1 = 0.1, but at time 0 ten patients are in at once.
    scenario s = scenario_builder("burst")
                     .horizon(sim_days(100)).warmup(sim_days(0)).replications(1)
                     .level("a", "2.1").unlimited().los(dist::fixed(sim_days(1)))
                     .arrivals(arrival_process::at(std::vector<sim_days>(10, sim_days(0))))
                     .route("a", "discharge", 1.0)
                     .build();
    run_options o;
    o.max_patients = 3;  // the guard allows twice that, 6
    const auto e = failure(s, o);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "replication 0");
    CHECK(e.value == "6");
    o.max_patients = 5;  // 10 at once is within twice 5
    CHECK_NOTHROW(simulate(s, o));
}

TEST_CASE("the event budget stops a replication that loops more than the rates say", "[sim][limits]") {
    // Routes listed as a -> discharge with p = 0 and a -> a with p = 0.9999991 sum to 1 within
    // the tolerance; the traffic equations expect 1 / (1 - 0.9999991) = 1.11e6 stays per
    // arrival, but the engine gives the last route the remainder, so every stay loops. One
    // arrival, stays of 1e-9 days over 10 days: 1e10 stays, far past the budget of ten times
    // (1 + 1.11e6) = 1.11e7 events.
    scenario s = scenario_builder("leak")
                     .horizon(sim_days(10)).warmup(sim_days(0)).replications(1)
                     .level("a", "2.1").unlimited().los(dist::fixed(sim_days(1e-9)))
                     .arrivals(arrival_process::at({sim_days(0)}))
                     .route("a", "discharge", 0.0).route("a", "a", 0.9999991)
                     .build();
    const auto e = failure(s);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.where == "replication 0");
    CHECK_THAT(std::stod(e.value), WithinRel(10.0 * (1.0 + 1.0 / 9e-7), 1e-6));
}

TEST_CASE("a scenario holds at most 500 levels and 7 or 168 weekly rates", "[sim][limits]") {
    scenario s = loop(1.0, 0.0, 1.0);
    for (int i = 0; i < 500; ++i) {
        level_spec l = s.levels[0];
        l.id = "x" + std::to_string(i);
        s.levels.push_back(l);
        s.transitions.push_back({l.id, "discharge", 1.0});
    }
    const auto many = try_validate(s);
    REQUIRE_FALSE(many.ok());
    CHECK(many.error().where == "/levels");
    CHECK(many.error().value == "501 levels");

    for (std::size_t n : {1u, 5u, 8u, 167u, 169u}) {
        scenario w = loop(1.0, 0.0, 1.0);
        w.levels[0].arrivals = arrival_process::weekly(std::vector<double>(n, 1.0));
        const auto r = try_validate(w);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().where == "/levels/0/arrivals_per_day");
        CHECK(r.error().value == std::to_string(n) + " rates");
    }
    for (std::size_t n : {7u, 168u}) {
        scenario w = loop(1.0, 0.0, 1.0);
        w.levels[0].arrivals = arrival_process::weekly(std::vector<double>(n, 1.0));
        CHECK(try_validate(w).ok());
    }
}
