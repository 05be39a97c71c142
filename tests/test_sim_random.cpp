// The engine's random streams (src/sim/random.hpp, internal): first_pair, the hot path's two
// uniforms, is exactly the first two numbers of the same stream.
#include <cstdint>

#include "catch.hpp"
#include "sim/random.hpp"

using namespace iopcare::sim::detail;

TEST_CASE("first_pair is the first two draws of its stream, bit for bit", "[sim][random]") {
    const std::uint64_t key = replication_key(20240601, 7);
    for (std::uint64_t entity : {std::uint64_t{0}, std::uint64_t{1} << 40 | 12345, ~std::uint64_t{0}}) {
        for (std::uint64_t index : {0u, 1u, 4000000000u}) {
            stream s(key, entity, p_stay, index);
            const double a = s.next(), b = s.next();
            const uniform_pair u = first_pair(key, entity, p_stay, index);
            CHECK(u.first == a);
            CHECK(u.second == b);
            CHECK(a > 0.0);
            CHECK(a < 1.0);
        }
    }
}
