// The engine's random streams (src/sim/random.hpp, internal): first_pair, the hot path's two
// uniforms, is exactly the first two numbers of the same stream, and a stream placed after the
// first reads on as the whole stream does.
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
            const first_block u = first_pair(key, entity, p_stay, index);
            CHECK(u.first() == a);
            CHECK(u.second() == b);
            CHECK(a > 0.0);
            CHECK(a < 1.0);
            // Placed after the first number, a stream reads on exactly as the whole stream does,
            // into the blocks after the first.
            stream rest(key, entity, p_stay, index, u);
            CHECK(rest.next() == b);
            for (int k = 0; k < 5; ++k) CHECK(rest.next() == s.next());
        }
    }
}
