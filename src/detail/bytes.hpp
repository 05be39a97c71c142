// Internal: tests on the eight bytes of a word at once, for the readers' and writers' inner
// loops (a row of CSV, a string of a report). A word is read with load_word, in the machine's
// order; a result has the high bit of each byte that passes set (bytes_equal: exactly those;
// bytes_below: at least the first, which is all its callers ask: whether any byte passes).
#pragma once

#include <bit>
#include <cstddef>
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

inline std::uint32_t load_half(const char* p) noexcept {
    std::uint32_t w = 0;
    std::memcpy(&w, p, sizeof w);
    return w;
}

// Whether the n bytes at `a` and `b` are equal, compared a word at a time in line. The texts a
// validator compares for every record (its service, the patient at hand) are short, and the call
// to memcmp cost more than the comparison itself.
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
    if (n >= 8) {
        for (std::size_t i = 0; i + 8 < n; i += 8)
            if (load_word(a + i) != load_word(b + i)) return false;
        return load_word(a + n - 8) == load_word(b + n - 8);  // the last word, overlapping
    }
    if (n >= 4) return load_half(a) == load_half(b) && load_half(a + n - 4) == load_half(b + n - 4);
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
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
