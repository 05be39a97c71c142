// What the JSON and the CSV attendance readers share: the bounds of a record's minutes, and the
// one-pass JSON reader the full one tries first.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "iopcare/io/attendance.hpp"

namespace iopcare::io::detail {

inline constexpr std::int64_t max_minutes = 7 * 24 * 60;  // a week: more is certainly a typo

// Negative minutes pass through for validation to reject and report; absurd ones cannot be
// represented and are errors in the readers.
inline constexpr std::string_view minutes_range = "expected minutes within a week (at most 10080)";

// The usual file (format, timezone and records only, every value plainly right) read without a
// document tree; nothing when the file is anything else, for the full reader to read or refuse
// (attendance_json_fast.cpp).
std::optional<attendance_file> read_attendance_fast(std::string_view text);

}  // namespace iopcare::io::detail
