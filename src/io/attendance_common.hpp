// What the JSON and the CSV attendance readers share: the bounds of a record's minutes.
#pragma once

#include <cstdint>
#include <string_view>

namespace iopcare::io::detail {

inline constexpr std::int64_t max_minutes = 7 * 24 * 60;  // a week: more is certainly a typo

// Negative minutes pass through for validation to reject and report; absurd ones cannot be
// represented and are errors in the readers.
inline constexpr std::string_view minutes_range = "expected minutes within a week (at most 10080)";

}  // namespace iopcare::io::detail
