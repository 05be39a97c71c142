// Statistics the simulation tests share: checking a simulated mean against an analytic value.
//
// A test that checks m expectations at once against 95% intervals fails by chance one run in
// 1 - 0.95^m (a third of the time for m = 8), so such a family gets simultaneous 95% intervals
// (Bonferroni): each is the mean +- t(1 - 0.025/m, n - 1) sd / sqrt(n), the Student t quantile
// taken from the normal one by its Cornish-Fisher expansion (Abramowitz & Stegun 26.7.5).
#pragma once

#include <cmath>

#include "iopcare/sim/distribution.hpp"
#include "iopcare/sim/simulation.hpp"

namespace iopcare::test {

inline double t_quantile(double p, int df) {
    const double z = sim::inverse_normal(p), z3 = z * z * z, z5 = z3 * z * z, v = df;
    return z + (z3 + z) / (4.0 * v) + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * v * v);
}

// Half the width of the simultaneous interval of one of m checks.
inline double family_half_width(const sim::summary& s, int m) {
    return t_quantile(1.0 - 0.025 / m, s.n - 1) * s.sd / std::sqrt(static_cast<double>(s.n));
}

inline bool within_family_ci(const sim::summary& s, double expected, int m) {
    return std::abs(s.mean - expected) <= family_half_width(s, m);
}

}  // namespace iopcare::test
