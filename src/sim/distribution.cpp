// Length-of-stay distributions: validation, moments, descriptions, and the numeric helpers
// (inverse normal, Student t quantile) the simulation's statistics need.
#include "iopcare/sim/distribution.hpp"

#include <array>
#include <cmath>
#include <sstream>

#include "iopcare/error.hpp"

#include "detail/text.hpp"

namespace iopcare::sim {

namespace {

// Values in messages read back exactly as given (1.0000001, not 1).
std::string num(double v) { return iopcare::detail::shortest(v); }

void require(bool ok, const char* param, double value, const char* what) {
    if (!ok) throw error(errc::invalid_distribution, param, num(value), what);
}

void positive(const char* param, double v) { require(std::isfinite(v) && v > 0.0, param, v, "must be a positive number"); }

}  // namespace

std::string_view to_string(distribution_kind k) noexcept {
    switch (k) {
        case distribution_kind::exponential: return "exponential";
        case distribution_kind::lognormal: return "lognormal";
        case distribution_kind::gamma: return "gamma";
        case distribution_kind::weibull: return "weibull";
        case distribution_kind::uniform: return "uniform";
        case distribution_kind::fixed: return "fixed";
        case distribution_kind::empirical: return "empirical";
    }
    return "unknown";
}

duration_distribution duration_distribution::exponential(sim_days mean) {
    positive("mean", mean.count());
    return {distribution_kind::exponential, mean.count(), 0.0};
}

duration_distribution duration_distribution::lognormal(double mu, double sigma) {
    require(std::isfinite(mu), "mu", mu, "must be a finite number");
    positive("sigma", sigma);
    return {distribution_kind::lognormal, mu, sigma};
}

duration_distribution duration_distribution::lognormal_mean_sd(sim_days mean, sim_days sd) {
    positive("mean", mean.count());
    positive("sd", sd.count());
    const double m = mean.count(), s = sd.count();
    const double s2 = std::log1p((s * s) / (m * m));
    // An sd so small beside the mean (1e-320) that the spread rounds to nothing, or so large
    // that it overflows: say so of the sd the user gave, not of a derived sigma of 0 or inf.
    require(s2 > 0.0 && std::isfinite(s2), "sd", s,
            "too small or too large beside the mean for a lognormal: its square underflows or overflows");
    return lognormal(std::log(m) - 0.5 * s2, std::sqrt(s2));
}

duration_distribution duration_distribution::gamma(double shape, sim_days scale) {
    positive("shape", shape);
    positive("scale", scale.count());
    return {distribution_kind::gamma, shape, scale.count()};
}

duration_distribution duration_distribution::gamma_mean_sd(sim_days mean, sim_days sd) {
    positive("mean", mean.count());
    positive("sd", sd.count());
    const double m = mean.count(), s = sd.count();
    const double shape = (m * m) / (s * s), scale = (s * s) / m;
    require(shape > 0.0 && std::isfinite(shape) && scale > 0.0 && std::isfinite(scale), "sd", s,
            "too small or too large beside the mean for a gamma: its square underflows or overflows");
    return gamma(shape, sim_days(scale));
}

duration_distribution duration_distribution::weibull(double shape, sim_days scale) {
    positive("shape", shape);
    positive("scale", scale.count());
    return {distribution_kind::weibull, shape, scale.count()};
}

duration_distribution duration_distribution::uniform(sim_days low, sim_days high) {
    require(std::isfinite(low.count()) && low.count() >= 0.0, "low", low.count(), "must be a number >= 0");
    require(std::isfinite(high.count()) && high.count() > low.count(), "high", high.count(),
            "must be a number greater than low");
    return {distribution_kind::uniform, low.count(), high.count()};
}

duration_distribution duration_distribution::fixed(sim_days value) {
    require(std::isfinite(value.count()) && value.count() >= 0.0, "value", value.count(), "must be a number >= 0");
    return {distribution_kind::fixed, value.count(), 0.0};
}

duration_distribution duration_distribution::empirical(std::vector<sim_days> values) {
    if (values.empty()) throw error(errc::invalid_distribution, "values", "", "needs at least one value");
    duration_distribution d{distribution_kind::empirical, 0.0, 0.0};
    d.values_.reserve(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double v = values[i].count();
        if (!(std::isfinite(v) && v >= 0.0)) {
            throw error(errc::invalid_distribution, "values/" + std::to_string(i), num(v), "must be a number >= 0");
        }
        d.values_.push_back(v);
    }
    return d;
}

sim_days duration_distribution::mean() const noexcept {
    switch (kind_) {
        case distribution_kind::exponential: return sim_days(a_);
        case distribution_kind::lognormal: return sim_days(std::exp(a_ + 0.5 * b_ * b_));
        case distribution_kind::gamma: return sim_days(a_ * b_);
        case distribution_kind::weibull: return sim_days(b_ * std::tgamma(1.0 + 1.0 / a_));
        case distribution_kind::uniform: return sim_days(0.5 * (a_ + b_));
        case distribution_kind::fixed: return sim_days(a_);
        case distribution_kind::empirical: {
            double s = 0.0;
            for (double v : values_) s += v;
            return sim_days(values_.empty() ? 0.0 : s / static_cast<double>(values_.size()));
        }
    }
    return sim_days(0.0);
}

double duration_distribution::variance() const noexcept {
    switch (kind_) {
        case distribution_kind::exponential: return a_ * a_;
        case distribution_kind::lognormal: return std::expm1(b_ * b_) * std::exp(2.0 * a_ + b_ * b_);
        case distribution_kind::gamma: return a_ * b_ * b_;
        case distribution_kind::weibull: {
            const double g1 = std::tgamma(1.0 + 1.0 / a_), g2 = std::tgamma(1.0 + 2.0 / a_);
            return b_ * b_ * (g2 - g1 * g1);
        }
        case distribution_kind::uniform: return (b_ - a_) * (b_ - a_) / 12.0;
        case distribution_kind::fixed: return 0.0;
        case distribution_kind::empirical: {
            const double m = mean().count();
            double s = 0.0;
            for (double v : values_) s += (v - m) * (v - m);
            return values_.empty() ? 0.0 : s / static_cast<double>(values_.size());
        }
    }
    return 0.0;
}

std::string duration_distribution::describe() const {
    std::ostringstream o;
    o << to_string(kind_);
    switch (kind_) {
        case distribution_kind::exponential: o << "(mean " << a_ << ")"; break;
        case distribution_kind::lognormal:
            o << "(mean " << mean().count() << ", sd " << std::sqrt(variance()) << ")";
            break;
        case distribution_kind::gamma:
        case distribution_kind::weibull: o << "(shape " << a_ << ", scale " << b_ << ")"; break;
        case distribution_kind::uniform: o << "(" << a_ << ", " << b_ << ")"; break;
        case distribution_kind::fixed: o << "(" << a_ << ")"; break;
        case distribution_kind::empirical: o << "(" << values_.size() << " values)"; break;
    }
    return o.str();
}

double inverse_normal(double p) noexcept {
    if (!(p > 0.0 && p < 1.0)) return p <= 0.0 ? -INFINITY : INFINITY;
    const double x = detail::normal_quantile(p);
    // One Halley step against the exact distribution function.
    const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
    const double u = e * std::sqrt(2.0 * 3.14159265358979323846) * std::exp(x * x / 2.0);
    return x - u / (1.0 + x * u / 2.0);
}

double student_t_975(int df) noexcept {
    static constexpr std::array<double, 30> table{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                                  2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                                  2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    if (df < 1) return INFINITY;
    if (df <= 30) return table[static_cast<std::size_t>(df - 1)];
    // Cornish-Fisher expansion around the normal quantile.
    const double z = 1.959963984540054, n = df;
    const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
    return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
           (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
}

}  // namespace iopcare::sim
