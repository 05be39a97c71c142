// Sampling of length-of-stay distributions against analytic moments computed here by hand.
#include <cmath>
#include <cstdint>
#include <numbers>

#include "catch.hpp"
#include "iopcare/error.hpp"
#include "iopcare/sim/distribution.hpp"

using namespace iopcare;
using namespace iopcare::sim;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// splitmix64: an independent uniform source for the tests.
struct splitmix {
    std::uint64_t s;
    double next() {
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z ^= z >> 31;
        return (static_cast<double>(z >> 11) + 0.5) * 0x1p-53;
    }
};

struct moments {
    double mean, var;
};

moments sample_moments(const duration_distribution& d, int n = 200000) {
    splitmix u{12345};
    double s = 0, ss = 0;
    for (int i = 0; i < n; ++i) {
        const double x = d.sample_days(u);
        s += x;
        ss += x * x;
    }
    const double m = s / n;
    return {m, ss / n - m * m};
}

}  // namespace

TEST_CASE("sampled means and variances match the analytic values", "[sim][distribution]") {
    struct expected {
        duration_distribution d;
        double mean, var;
    };
    const double pi = std::numbers::pi;
    const expected cases[] = {
        {duration_distribution::exponential(sim_days(5)), 5.0, 25.0},
        {duration_distribution::lognormal_mean_sd(sim_days(28), sim_days(10)), 28.0, 100.0},
        // lognormal(mu 1, sigma 0.5): mean e^(1.125), variance (e^0.25 - 1) e^(2.25)
        {duration_distribution::lognormal(1.0, 0.5), std::exp(1.125), (std::exp(0.25) - 1) * std::exp(2.25)},
        {duration_distribution::gamma(2.0, sim_days(3)), 6.0, 18.0},
        {duration_distribution::gamma(0.5, sim_days(2)), 1.0, 2.0},
        {duration_distribution::gamma_mean_sd(sim_days(15), sim_days(5)), 15.0, 25.0},
        // Weibull(shape 2, scale 1): mean sqrt(pi)/2, variance 1 - pi/4
        {duration_distribution::weibull(2.0, sim_days(1)), std::sqrt(pi) / 2, 1 - pi / 4},
        {duration_distribution::uniform(sim_days(2), sim_days(4)), 3.0, 1.0 / 3.0},
        {duration_distribution::fixed(sim_days(7)), 7.0, 0.0},
        {duration_distribution::empirical({sim_days(1), sim_days(2), sim_days(3), sim_days(10)}), 4.0, 12.5},
    };
    for (const auto& c : cases) {
        INFO(c.d.describe());
        CHECK_THAT(c.d.mean().count(), WithinRel(c.mean, 1e-9));
        CHECK_THAT(c.d.variance(), WithinAbs(c.var, 1e-9 * (1 + c.var)));
        const moments m = sample_moments(c.d);
        CHECK_THAT(m.mean, WithinRel(c.mean, 0.01));
        CHECK_THAT(m.var, WithinAbs(c.var, 0.04 * c.var + 1e-9));
    }
}

TEST_CASE("the same uniforms give the same draws", "[sim][distribution]") {
    const auto d = duration_distribution::gamma(0.7, sim_days(4));
    splitmix a{99}, b{99};
    for (int i = 0; i < 1000; ++i) CHECK(d.sample_days(a) == d.sample_days(b));
}

TEST_CASE("distribution parameters out of range are errors naming the parameter", "[sim][distribution]") {
    auto code_and_where = [](auto f, const char* where) {
        try {
            f();
            FAIL("no error");
        } catch (const error& e) {
            CHECK(e.code() == errc::invalid_distribution);
            CHECK(e.where() == where);
        }
    };
    code_and_where([] { (void)duration_distribution::lognormal_mean_sd(sim_days(28), sim_days(-1)); }, "sd");
    code_and_where([] { (void)duration_distribution::exponential(sim_days(0)); }, "mean");
    code_and_where([] { (void)duration_distribution::gamma(-2, sim_days(1)); }, "shape");
    code_and_where([] { (void)duration_distribution::weibull(1, sim_days(0)); }, "scale");
    code_and_where([] { (void)duration_distribution::uniform(sim_days(4), sim_days(2)); }, "high");
    code_and_where([] { (void)duration_distribution::empirical({}); }, "values");
    code_and_where([] { (void)duration_distribution::empirical({sim_days(1), sim_days(-3)}); }, "values/1");
}

TEST_CASE("normal and Student t quantiles match published tables", "[sim][distribution]") {
    CHECK_THAT(inverse_normal(0.975), WithinAbs(1.959964, 1e-6));
    CHECK_THAT(inverse_normal(0.5), WithinAbs(0.0, 1e-12));
    CHECK_THAT(inverse_normal(0.001), WithinAbs(-3.090232, 1e-6));
    CHECK_THAT(student_t_975(4), WithinAbs(2.776, 1e-3));
    CHECK_THAT(student_t_975(19), WithinAbs(2.093, 1e-3));
    CHECK_THAT(student_t_975(60), WithinAbs(2.000, 1e-3));
    CHECK_THAT(student_t_975(120), WithinAbs(1.980, 1e-3));
}

TEST_CASE("the sampling quantile agrees with the exact one: 2e-11 in the centre, 1.2e-9 in the tails",
          "[sim][distribution]") {
    // The exact quantile solves Phi(x) = p with the C library's erfc; its value at a few
    // points is in published tables (above). Checked at a million points and at both ends of
    // every slice of the centre's table.
    double worst_centre = 0.0, worst_tail = 0.0;
    auto check = [&](double p) {
        const double exact = inverse_normal(p), got = sim::detail::normal_quantile(p);
        const double err = exact == 0.0 ? std::abs(got) : std::abs(got - exact) / std::abs(exact);
        double& worst = std::abs(p - 0.5) < 0.47575 ? worst_centre : worst_tail;
        worst = std::max(worst, err);
    };
    for (int k = 1; k < 1000000; ++k) check(k / 1e6);
    for (int i = 0; i <= 64; ++i) {
        const double q = 0.47575 * i / 64;
        for (double d : {-1e-12, 0.0, 1e-12}) {
            if (q + d > 0 && q + d < 0.47575) {
                check(0.5 + q + d);
                check(0.5 - q - d);
            }
        }
    }
    for (double p : {0x1p-54, 1e-15, 1e-10, 1e-5, 0.02}) {
        check(p);
        check(1.0 - p);
    }
    INFO("worst relative error: centre " << worst_centre << ", tails " << worst_tail);
    CHECK(worst_centre < 2e-11);
    CHECK(worst_tail < 1.2e-9);
}

TEST_CASE("the inline exp agrees with the C library's to two ulps", "[sim][distribution]") {
    // Exact anchors, then e and 1/e to the digits of the published constant.
    CHECK(sim::detail::exp(0.0) == 1.0);
    CHECK(sim::detail::exp(-0.0) == 1.0);
    CHECK_THAT(sim::detail::exp(1.0), WithinRel(std::numbers::e, 3e-16));
    CHECK_THAT(sim::detail::exp(-1.0), WithinRel(1.0 / std::numbers::e, 3e-16));
    CHECK(sim::detail::exp(std::log(2.0) * 10.0) == Approx(1024.0).epsilon(1e-15));
    // Outside +-708: overflow, underflow and NaN as std::exp has them.
    CHECK(std::isinf(sim::detail::exp(710.0)));
    CHECK(sim::detail::exp(-800.0) == 0.0);
    CHECK(std::isnan(sim::detail::exp(std::nan(""))));
    // A million arguments over the whole range and over the range lognormal stays use.
    splitmix u{42};
    double worst = 0.0;
    for (int i = 0; i < 1000000; ++i) {
        const double x = i % 2 == 0 ? -707.0 + 1414.0 * u.next() : -20.0 + 40.0 * u.next();
        const double want = std::exp(x);
        const double ulp = std::nextafter(want, INFINITY) - want;
        worst = std::max(worst, std::abs(sim::detail::exp(x) - want) / ulp);
    }
    INFO("largest difference " << worst << " ulps");
    CHECK(worst <= 2.0);
}
