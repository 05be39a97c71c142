// The engine's lognormal quantile table (src/sim/lognormal_quantile.hpp, internal, compiled in
// here) against the exact lognormal quantile exp(mu + sigma * Phi^-1(p)).
#include <algorithm>
#include <cmath>

#include "catch.hpp"
#include "iopcare/sim/distribution.hpp"
#include "sim/lognormal_quantile.hpp"

using namespace iopcare::sim;

TEST_CASE("the lognormal table agrees with the exact quantile within 1e-9 in the centre, and is the old "
          "draw in the tails", "[sim][distribution]") {
    for (double sigma : {0.05, 0.357, 1.0, 2.0}) {
        const double mu = 3.2;
        const detail::lognormal_quantile table(mu, sigma);
        double worst = 0.0;
        bool tails_same = true;
        auto check = [&](double p) {
            const double got = table(p);
            if (std::abs(p - 0.5) < 0.47575) {
                const double exact = std::exp(mu + sigma * inverse_normal(p));
                worst = std::max(worst, std::abs(got - exact) / exact);
            } else {
                tails_same = tails_same && got == detail::exp(mu + sigma * detail::normal_quantile(p));
            }
        };
        for (int k = 1; k < 200000; ++k) check(k / 2e5);
        // Both ends of every slice, and just past the centre.
        for (int i = 0; i <= 128; ++i) {
            const double q = -0.47575 + 0.9515 * i / 128;
            for (double d : {-1e-12, 0.0, 1e-12}) check(0.5 + q + d);
        }
        INFO("sigma " << sigma << ": worst relative error in the centre " << worst);
        CHECK(worst < 1e-9);
        CHECK(tails_same);
        CHECK(table.mu() == mu);
        CHECK(table.sigma() == sigma);
    }
}
