// The lognormal quantile table (lognormal_quantile.hpp): each slice of the centre is the
// degree-7 polynomial through the exact quantile at the slice's eight Chebyshev nodes, whose
// error over a slice this narrow is below double rounding.
#include "sim/lognormal_quantile.hpp"

#include <numbers>

namespace iopcare::sim::detail {

namespace {

constexpr std::size_t degree = 7, nodes = degree + 1;

// The coefficients, in powers of s, of sum a_k T_k(s) (Chebyshev polynomials of the first
// kind, from T_{k+1} = 2 s T_k - T_{k-1}).
std::array<double, nodes> chebyshev_to_powers(const std::array<double, nodes>& a) {
    std::array<double, nodes> out{}, prev{}, cur{}, next{};
    prev[0] = 1.0;  // T_0
    cur[1] = 1.0;   // T_1
    for (std::size_t j = 0; j < nodes; ++j) out[j] += a[0] * prev[j] + a[1] * cur[j];
    for (std::size_t k = 2; k < nodes; ++k) {
        next[0] = -prev[0];
        for (std::size_t j = 1; j < nodes; ++j) next[j] = 2.0 * cur[j - 1] - prev[j];
        for (std::size_t j = 0; j < nodes; ++j) out[j] += a[k] * next[j];
        prev = cur;
        cur = next;
    }
    return out;
}

}  // namespace

lognormal_quantile::lognormal_quantile(double mu, double sigma) : mu_(mu), sigma_(sigma), coef_(slices) {
    const double h = 0.5 * normal_central_slice;
    // cosines[k][j] = T_k(s_j) at the nodes s_j = cos(pi (2j + 1) / 16).
    std::array<std::array<double, nodes>, nodes> cosines{};
    for (std::size_t k = 0; k < nodes; ++k) {
        for (std::size_t j = 0; j < nodes; ++j) {
            const double angle = std::numbers::pi * (2.0 * static_cast<double>(j) + 1.0) / (2.0 * nodes);
            cosines[k][j] = std::cos(static_cast<double>(k) * angle);
        }
    }
    std::array<double, nodes> f{};
    for (std::size_t i = 0; i < slices; ++i) {
        const double centre = centre_of(i);
        for (std::size_t j = 0; j < nodes; ++j) f[j] = std::exp(mu + sigma * inverse_normal(0.5 + centre + h * cosines[1][j]));
        std::array<double, nodes> a{};
        for (std::size_t k = 0; k < nodes; ++k) {
            double sum = 0.0;
            for (std::size_t j = 0; j < nodes; ++j) sum += f[j] * cosines[k][j];
            a[k] = sum * (k == 0 ? 1.0 : 2.0) / static_cast<double>(nodes);
        }
        // Powers of s = t / h become powers of t.
        const std::array<double, nodes> m = chebyshev_to_powers(a);
        double scale = 1.0;
        for (std::size_t k = 0; k < nodes; ++k) {
            coef_[i].c[k] = m[k] * scale;
            scale /= h;
        }
    }
}

}  // namespace iopcare::sim::detail
