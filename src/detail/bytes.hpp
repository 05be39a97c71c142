// Internal: tests on the eight bytes of a word at once, for the readers' and writers' inner
// loops (a row of CSV, a string of a report). A word is read with load_word, in the machine's
// order; a result has the high bit of each byte that passes set (bytes_equal: exactly those;
// bytes_below: at least the first, which is all its callers ask: whether any byte passes).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace iopcare::detail {

inline constexpr std::uint64_t byte_ones = 0x0101010101010101ULL;
inline constexpr std::uint64_t byte_highs = 0x8080808080808080ULL;

// Bytes are numbered from the lowest in memory only on a little-endian machine; callers that
// need a byte's position check this, the others need not.
inline constexpr bool bytes_in_order = std::endian::native == std::endian::little;

inline std::uint64_t load_word(const char* p) noexcept {
    std::uint64_t w = 0;
    std::memcpy(&w, p, sizeof w);
    return w;
}

// Bytes equal to `c`.
constexpr std::uint64_t bytes_equal(std::uint64_t w, unsigned char c) noexcept {
    constexpr std::uint64_t low7 = ~byte_highs;
    const std::uint64_t x = w ^ (byte_ones * c);
    return ~(((x & low7) + low7) | x | low7);
}

// Nonzero when some byte is below `n` (n <= 128); only the first such byte is sure to be marked.
constexpr std::uint64_t bytes_below(std::uint64_t w, unsigned char n) noexcept {
    return (w - byte_ones * n) & ~w & byte_highs;
}

}  // namespace iopcare::detail
