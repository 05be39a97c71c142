// A deterministic short hash for ids that must be the same on every run and platform (FHIR
// resource ids, iCalendar UIDs): 64-bit FNV-1a over bytes (not installed).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace iopcare::detail {

// A deterministic id: a prefix and 16 hex digits of the 64-bit FNV-1a hash of the key parts
// (each followed by a unit separator, so ("ab", "c") and ("a", "bc") differ). FNV-1a reads
// bytes, so the id is the same on every platform.
class id_hash {
public:
    id_hash& add(std::string_view part) noexcept {
        for (unsigned char c : part) mix(c);
        mix(0x1f);
        return *this;
    }
    id_hash& add(std::int64_t n) { return add(std::to_string(n)); }
    [[nodiscard]] std::string id(std::string_view prefix) const {
        static constexpr char digits[] = "0123456789abcdef";
        std::string out(prefix);
        out += '-';
        for (int shift = 60; shift >= 0; shift -= 4) out += digits[(value_ >> shift) & 0xf];
        return out;
    }

private:
    void mix(unsigned char c) noexcept {
        value_ ^= c;
        value_ *= 0x100000001b3ULL;
    }
    std::uint64_t value_ = 0xcbf29ce484222325ULL;
};

}  // namespace iopcare::detail
