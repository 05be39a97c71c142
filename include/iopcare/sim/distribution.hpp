// iopcare/sim/distribution.hpp — length-of-stay (and time-to-dropout) distributions for the
// patient-flow simulation.
//
// A `duration_distribution` is a small value type: a kind and its parameters, all times in days
// (`sim_days`). Sampling is done by iopcare itself from uniform numbers (inverse transform,
// Marsaglia-Tsang), never by std:: distributions, whose output is
// implementation-defined: a seed gives the same stays with every standard library.
#pragma once

#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
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
        case distribution_kind::lognormal: return std::exp(a_ + b_ * detail::normal_quantile(u.next()));
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
