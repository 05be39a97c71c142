// Scenarios: validation names the field; the routing maps onto the continuum model; the
// traffic equations.
#include <string>

#include "catch.hpp"
#include "iopcare/continuum.hpp"
#include "iopcare/sim/scenario.hpp"

using namespace iopcare;
using namespace iopcare::sim;
using Catch::Matchers::WithinAbs;

namespace {

error_info problem_of(const scenario& s) {
    auto r = try_validate(s);
    REQUIRE_FALSE(r.ok());
    return r.error();
}

}  // namespace

TEST_CASE("continuum-ref is the table of the issue", "[sim][scenario]") {
    const scenario s = continuum_ref();
    REQUIRE(s.levels.size() == 4);
    CHECK(s.levels[0].id == "residential");
    CHECK(s.levels[0].code == "3.5");
    CHECK(s.levels[0].capacity == 38);
    CHECK_THAT(s.levels[0].los.mean().count(), WithinAbs(28.0, 1e-9));
    CHECK_THAT(std::sqrt(s.levels[0].los.variance()), WithinAbs(10.0, 1e-9));
    CHECK(s.levels[3].capacity == 250);
    CHECK_THAT(s.levels[2].arrivals.rate_per_day, WithinAbs(1.2, 0));
    CHECK(s.transitions.size() == 14);
    CHECK_THAT(s.horizon.count(), WithinAbs(3650, 0));
    CHECK_THAT(s.warmup.count(), WithinAbs(365, 0));
    CHECK(s.blocking == blocking_policy::wait_in_community);
    CHECK(s.queue == queue_discipline::fifo);
}

TEST_CASE("a scenario's routing builds as a continuum with probabilities", "[sim][scenario]") {
    const continuum c = continuum::build(to_continuum_spec(continuum_ref()), catalog::asam3());
    CHECK(c.levels().size() == 4);
    const transition* t = c.find("3.5", "2.5");
    REQUIRE(t != nullptr);
    CHECK_THAT(t->probability.value_or(-1), WithinAbs(0.25, 1e-12));
    CHECK(c.allows("community", "2.1"));
    CHECK(c.allows("1", "discharge"));
    CHECK_FALSE(c.allows("1", "3.5"));
}

TEST_CASE("traffic equations of continuum-ref", "[sim][scenario]") {
    // Fixed-point iteration lambda_j = e_j + sum_i lambda_i p_ij, by hand here.
    const double P[4][4] = {{0, .25, .45, .10}, {.05, 0, .60, .15}, {.05, .05, 0, .55}, {0, 0, .08, 0}};
    const double e[4] = {1.0, 0.6, 1.2, 0.8};
    double l[4] = {1.0, 0.6, 1.2, 0.8};
    for (int it = 0; it < 500; ++it) {
        double n[4];
        for (int j = 0; j < 4; ++j) {
            n[j] = e[j];
            for (int i = 0; i < 4; ++i) n[j] += l[i] * P[i][j];
        }
        for (int j = 0; j < 4; ++j) l[j] = n[j];
    }
    const auto rates = offered_rates_per_day(continuum_ref());
    for (int j = 0; j < 4; ++j) CHECK_THAT(rates[static_cast<std::size_t>(j)], WithinAbs(l[j], 1e-9));
}

TEST_CASE("bad scenarios are reported naming the field", "[sim][scenario]") {
    SECTION("probabilities not summing to one") {
        scenario s = continuum_ref();
        s.transitions[0].p = 0.30;  // residential now sums to 1.05
        const auto e = problem_of(s);
        CHECK(e.code == errc::invalid_scenario);
        CHECK(e.where == "/levels/0 (residential) transitions");
        CHECK(e.value == "1.05");
    }
    SECTION("negative capacity") {
        scenario s = continuum_ref();
        s.levels[1].capacity = -3;
        const auto e = problem_of(s);
        CHECK(e.code == errc::invalid_scenario);
        CHECK(e.where == "/levels/1/capacity");
        CHECK(e.value == "-3");
    }
    SECTION("unknown level in a transition") {
        scenario s = continuum_ref();
        s.transitions[4].to = "detox";
        const auto e = problem_of(s);
        CHECK(e.where == "/transitions/4/to");
        CHECK(e.value == "detox");
    }
    SECTION("unknown level code") {
        scenario s = continuum_ref();
        s.levels[2].code = "2.3";
        const auto e = problem_of(s);
        CHECK(e.code == errc::unknown_level);
        CHECK(e.where == "/levels/2/code");
    }
    SECTION("a probability out of range") {
        scenario s = continuum_ref();
        s.transitions[13].p = 1.5;
        CHECK(problem_of(s).where == "/transitions/13/p");
    }
    SECTION("warm-up not shorter than the horizon") {
        scenario s = continuum_ref();
        s.warmup = sim_days(4000);
        CHECK(problem_of(s).where == "/warmup_days");
    }
    SECTION("a zero length of stay") {
        scenario s = continuum_ref();
        s.levels[3].los = duration_distribution::fixed(sim_days(0));
        const auto e = problem_of(s);
        CHECK(e.code == errc::invalid_distribution);
        CHECK(e.where == "/levels/3/los_days");
    }
    SECTION("a loop with no way to discharge") {
        scenario s = scenario_builder("loop")
                         .level("a", "2.1").capacity(5).los(duration_distribution::exponential(sim_days(3))).poisson_arrivals(1)
                         .level("b", "1").capacity(5).los(duration_distribution::exponential(sim_days(3)))
                         .route("a", "b", 1.0)
                         .route("b", "a", 1.0)
                         .draft();
        CHECK(problem_of(s).where == "/transitions");
    }
    SECTION("the builder validates") {
        CHECK_THROWS_AS(scenario_builder("x").level("a", "9.9").build(), error);
    }
}
