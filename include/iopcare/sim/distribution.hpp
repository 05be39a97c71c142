// iopcare/sim/distribution.hpp — length-of-stay (and time-to-dropout) distributions for the
// patient-flow simulation.
//
// A `duration_distribution` is a small value type: a kind and its parameters, all times in days
// (`sim_days`). Sampling is done by iopcare itself from uniform numbers (inverse transform,
// Marsaglia-Tsang), never by std:: distributions, whose output is
// implementation-defined: a seed gives the same stays with every standard library.
#pragma once

#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/detail/export.hpp"

namespace iopcare::sim {

// Simulation time: days as a double-precision chrono duration.
using sim_days = std::chrono::duration<double, std::ratio<86400>>;

enum class distribution_kind : unsigned char { exponential, lognormal, gamma, weibull, uniform, fixed, empirical };

[[nodiscard]] IOPCARE_API std::string_view to_string(distribution_kind k) noexcept;

// A source of uniform numbers in the open interval (0, 1): anything with `double next()`.
template <class U>
concept uniform_source = requires(U& u) {
    { u.next() } -> std::convertible_to<double>;
};

namespace detail {
// Standard normal quantile by Acklam's rational approximation (relative error below 1.2e-9),
// branch-light and free of trigonometry: one uniform gives one normal.
[[nodiscard]] inline double normal_quantile(double p) noexcept {
    constexpr double a0 = -3.969683028665376e+01, a1 = 2.209460984245205e+02, a2 = -2.759285104469687e+02,
                     a3 = 1.383577518672690e+02, a4 = -3.066479806614716e+01, a5 = 2.506628277459239e+00;
    constexpr double b0 = -5.447609879822406e+01, b1 = 1.615858368580409e+02, b2 = -1.556989798598866e+02,
                     b3 = 6.680131188771972e+01, b4 = -1.328068155288572e+01;
    constexpr double c0 = -7.784894002430293e-03, c1 = -3.223964580411365e-01, c2 = -2.400758277161838e+00,
                     c3 = -2.549732539343734e+00, c4 = 4.374664141464968e+00, c5 = 2.938163982698783e+00;
    constexpr double d0 = 7.784695709041462e-03, d1 = 3.224671290700398e-01, d2 = 2.445134137142996e+00,
                     d3 = 3.754408661907416e+00;
    constexpr double plow = 0.02425;
    if (p > plow && p < 1.0 - plow) {
        const double q = p - 0.5, r = q * q;
        return (((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q /
               (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1.0);
    }
    const double tail = p < 0.5 ? p : 1.0 - p;
    const double q = std::sqrt(-2.0 * std::log(tail));
    const double x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
                     ((((d0 * q + d1) * q + d2) * q + d3) * q + 1.0);
    return p < 0.5 ? x : -x;
}

// 2^(j/64) for j = 0..63, each the double nearest the exact value.
inline constexpr std::array<double, 64> exp2_64ths{
    0x1.0000000000000p+0, 0x1.02c9a3e778061p+0, 0x1.059b0d3158574p+0, 0x1.0874518759bc8p+0,
    0x1.0b5586cf9890fp+0, 0x1.0e3ec32d3d1a2p+0, 0x1.11301d0125b51p+0, 0x1.1429aaea92de0p+0,
    0x1.172b83c7d517bp+0, 0x1.1a35beb6fcb75p+0, 0x1.1d4873168b9aap+0, 0x1.2063b88628cd6p+0,
    0x1.2387a6e756238p+0, 0x1.26b4565e27cddp+0, 0x1.29e9df51fdee1p+0, 0x1.2d285a6e4030bp+0,
    0x1.306fe0a31b715p+0, 0x1.33c08b26416ffp+0, 0x1.371a7373aa9cbp+0, 0x1.3a7db34e59ff7p+0,
    0x1.3dea64c123422p+0, 0x1.4160a21f72e2ap+0, 0x1.44e086061892dp+0, 0x1.486a2b5c13cd0p+0,
    0x1.4bfdad5362a27p+0, 0x1.4f9b2769d2ca7p+0, 0x1.5342b569d4f82p+0, 0x1.56f4736b527dap+0,
    0x1.5ab07dd485429p+0, 0x1.5e76f15ad2148p+0, 0x1.6247eb03a5585p+0, 0x1.6623882552225p+0,
    0x1.6a09e667f3bcdp+0, 0x1.6dfb23c651a2fp+0, 0x1.71f75e8ec5f74p+0, 0x1.75feb564267c9p+0,
    0x1.7a11473eb0187p+0, 0x1.7e2f336cf4e62p+0, 0x1.82589994cce13p+0, 0x1.868d99b4492edp+0,
    0x1.8ace5422aa0dbp+0, 0x1.8f1ae99157736p+0, 0x1.93737b0cdc5e5p+0, 0x1.97d829fde4e50p+0,
    0x1.9c49182a3f090p+0, 0x1.a0c667b5de565p+0, 0x1.a5503b23e255dp+0, 0x1.a9e6b5579fdbfp+0,
    0x1.ae89f995ad3adp+0, 0x1.b33a2b84f15fbp+0, 0x1.b7f76f2fb5e47p+0, 0x1.bcc1e904bc1d2p+0,
    0x1.c199bdd85529cp+0, 0x1.c67f12e57d14bp+0, 0x1.cb720dcef9069p+0, 0x1.d072d4a07897cp+0,
    0x1.d5818dcfba487p+0, 0x1.da9e603db3285p+0, 0x1.dfc97337b9b5fp+0, 0x1.e502ee78b3ff6p+0,
    0x1.ea4afa2a490dap+0, 0x1.efa1bee615a27p+0, 0x1.f50765b6e4540p+0, 0x1.fa7c1819e90d8p+0};

// e^x within two ulps of the C library's exp (checked over a million arguments in the tests),
// inline, and the same on every platform with IEEE doubles (C libraries' exp differ in the
// last bit, and as a call it makes the compiler spill registers around it).
// x = (k/64) ln 2 + r with |r| <= ln2/128, so e^x = 2^(k div 64) 2^((k mod 64)/64) e^r, the
// last by its Taylor polynomial to r^5 (truncation below 4e-17). Arguments outside +-708
// (overflow, underflow, NaN) go to std::exp.
[[nodiscard]] inline double exp(double x) noexcept {
    if (!(x > -708.0 && x < 708.0)) return std::exp(x);
    constexpr double shifter = 0x1.8p52;               // adding it rounds to an integer
    constexpr double inv_step = 0x1.71547652b82fep+6;  // 64 / ln 2
    constexpr double step_hi = 0x1.62e42fee00000p-7;   // ln 2 / 64 in two parts, the first
    constexpr double step_lo = 0x1.a39ef35793c76p-39;  //   exact when multiplied by |k| < 2^21
    const double kd = (x * inv_step + shifter) - shifter;  // round(x * 64 / ln 2), exactly
    const auto k = static_cast<std::int64_t>(kd);
    const double r = (x - kd * step_hi) - kd * step_lo;
    const double r2 = r * r;
    const double p = 1.0 + (r + r2 * (0.5 + r * (1.0 / 6.0) + r2 * (1.0 / 24.0 + r * (1.0 / 120.0))));
    const std::uint64_t scale = std::bit_cast<std::uint64_t>(exp2_64ths[static_cast<std::size_t>(k & 63)]) +
                                (static_cast<std::uint64_t>(k >> 6) << 52);
    return std::bit_cast<double>(scale) * p;
}
}  // namespace detail

class IOPCARE_API duration_distribution {
public:
    // Natural parameters. Every factory validates and throws errc::invalid_distribution
    // naming the parameter ("sd", "shape", ...) and its value.
    [[nodiscard]] static duration_distribution exponential(sim_days mean);
    // Lognormal by the mean and sd of log(days).
    [[nodiscard]] static duration_distribution lognormal(double mu, double sigma);
    // Lognormal by the mean and sd of the stay itself.
    [[nodiscard]] static duration_distribution lognormal_mean_sd(sim_days mean, sim_days sd);
    [[nodiscard]] static duration_distribution gamma(double shape, sim_days scale);
    [[nodiscard]] static duration_distribution gamma_mean_sd(sim_days mean, sim_days sd);
    [[nodiscard]] static duration_distribution weibull(double shape, sim_days scale);
    [[nodiscard]] static duration_distribution uniform(sim_days low, sim_days high);
    [[nodiscard]] static duration_distribution fixed(sim_days value);
    // Equally likely observed values (resampled as given).
    [[nodiscard]] static duration_distribution empirical(std::vector<sim_days> values);

    duration_distribution() = default;  // fixed at zero days

    [[nodiscard]] distribution_kind kind() const noexcept { return kind_; }
    // The two natural parameters (mu/sigma, shape/scale, low/high, mean, value; unused = 0).
    [[nodiscard]] double first() const noexcept { return a_; }
    [[nodiscard]] double second() const noexcept { return b_; }
    [[nodiscard]] const std::vector<double>& values() const noexcept { return values_; }

    // Analytic mean and variance (days, days squared).
    [[nodiscard]] sim_days mean() const noexcept;
    [[nodiscard]] double variance() const noexcept;

    // One draw, in days. Uses one uniform (the lognormal by the inverse normal) except gamma,
    // which takes a few by rejection.
    template <uniform_source U>
    [[nodiscard]] double sample_days(U& u) const noexcept;
    template <uniform_source U>
    [[nodiscard]] sim_days sample(U& u) const noexcept { return sim_days(sample_days(u)); }

    // "lognormal(mean 28, sd 10)" and so on.
    [[nodiscard]] std::string describe() const;

    friend bool operator==(const duration_distribution&, const duration_distribution&) = default;

private:
    duration_distribution(distribution_kind k, double a, double b) noexcept : kind_(k), a_(a), b_(b) {}
    distribution_kind kind_ = distribution_kind::fixed;
    double a_ = 0.0;
    double b_ = 0.0;
    std::vector<double> values_{};
};

// Inverse of the standard normal distribution function (detail::normal_quantile refined by one
// Halley step to near double precision); for statistics and for hosts that draw their own.
[[nodiscard]] IOPCARE_API double inverse_normal(double p) noexcept;

// The 0.975 quantile of Student's t with `df` degrees of freedom (for 95% intervals).
[[nodiscard]] IOPCARE_API double student_t_975(int df) noexcept;

template <uniform_source U>
double duration_distribution::sample_days(U& u) const noexcept {
    switch (kind_) {
        case distribution_kind::exponential: return -a_ * std::log(u.next());
        case distribution_kind::lognormal: return detail::exp(a_ + b_ * detail::normal_quantile(u.next()));
        case distribution_kind::gamma: {
            // Marsaglia and Tsang (2000); shape < 1 boosted by U^(1/shape).
            const double k = a_ < 1.0 ? a_ + 1.0 : a_;
            const double d = k - 1.0 / 3.0;
            const double c = 1.0 / std::sqrt(9.0 * d);
            double x = 0.0;
            for (;;) {
                const double z = detail::normal_quantile(u.next());
                const double v0 = 1.0 + c * z;
                if (v0 <= 0.0) continue;
                const double v = v0 * v0 * v0;
                const double w = u.next();
                if (std::log(w) < 0.5 * z * z + d - d * v + d * std::log(v)) {
                    x = d * v;
                    break;
                }
            }
            if (a_ < 1.0) x *= std::pow(u.next(), 1.0 / a_);
            return x * b_;
        }
        case distribution_kind::weibull: return b_ * std::pow(-std::log(u.next()), 1.0 / a_);
        case distribution_kind::uniform: return a_ + (b_ - a_) * u.next();
        case distribution_kind::fixed: return a_;
        case distribution_kind::empirical: {
            const auto n = values_.size();
            auto i = static_cast<std::size_t>(u.next() * static_cast<double>(n));
            if (i >= n) i = n - 1;
            return values_[i];
        }
    }
    return a_;
}

}  // namespace iopcare::sim
