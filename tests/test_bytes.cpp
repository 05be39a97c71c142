// The word-at-a-time byte tests of src/detail/bytes.hpp (internal), each against a plain loop
// over the same bytes: same_bytes against memcmp for every length up to 40 with a difference at
// every position, and bytes_equal and bytes_below on every byte value in every lane.
#include <cstddef>
#include <cstring>
#include <string>

#include "catch.hpp"
#include "detail/bytes.hpp"

using namespace iopcare::detail;

TEST_CASE("same_bytes agrees with memcmp at every length and every differing position", "[bytes]") {
    const std::string base = "group_therapy-individual_therapy-drug_testing";
    for (std::size_t n = 0; n <= 40; ++n) {
        CHECK(same_bytes(base.data(), std::string(base).data(), n));  // equal, at another address
        for (std::size_t at = 0; at < n; ++at) {
            std::string other = base;
            other[at] = static_cast<char>(other[at] ^ 0x20);
            INFO("length " << n << ", byte " << at << " differs");
            CHECK(same_bytes(base.data(), other.data(), n) == (std::memcmp(base.data(), other.data(), n) == 0));
            CHECK_FALSE(same_bytes(base.data(), other.data(), n));
        }
        if (n < base.size()) {  // a difference just past the end is not seen
            std::string other = base;
            other[n] = '#';
            CHECK(same_bytes(base.data(), other.data(), n));
        }
    }
}

TEST_CASE("bytes_equal marks exactly the bytes equal to its character in every lane", "[bytes]") {
    for (unsigned lane = 0; lane < 8; ++lane) {
        for (unsigned v = 0; v < 256; ++v) {
            char word[8] = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'};
            word[lane] = static_cast<char>(v);
            const std::uint64_t marks = bytes_equal(load_word(word), ',');
            for (unsigned k = 0; k < 8; ++k) {
                const unsigned shift = bytes_in_order ? 8 * k + 7 : 8 * (7 - k) + 7;
                INFO("lane " << lane << " value " << v << " byte " << k);
                CHECK(((marks >> shift) & 1U) == (word[k] == ',' ? 1U : 0U));
            }
            CHECK((marks & ~byte_highs) == 0);  // only high bits are set
        }
    }
}

TEST_CASE("bytes_below finds a word with a byte below its bound and no other", "[bytes]") {
    for (unsigned lane = 0; lane < 8; ++lane) {
        for (unsigned v = 0; v < 256; ++v) {
            char word[8] = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'};
            word[lane] = static_cast<char>(v);
            INFO("lane " << lane << " value " << v);
            CHECK((bytes_below(load_word(word), 32) != 0) == (v < 32));
        }
    }
}
