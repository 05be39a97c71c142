/// @file
/// The `iopcare.program/1` JSON format of a program's schedule.
/// Part of the optional iopcare::io target (nlohmann-json stays out of this header).
///
/// ```
///   { "format": "iopcare.program/1",
///     "name": "Evening IOP", "level": "2.1", "population": "adult" | "adolescent",
///     "timezone": "America/New_York",                   (IANA name or POSIX TZ string)
///     "sessions": [ { "days": ["MO","TU","TH"], "start": "18:00", "minutes": 180,
///                     "service": "group_therapy", "group": "evening", "capacity": 12,
///                     "room": "Room A", "facilitator": "J. Rivera" } ],  (room, facilitator optional)
///     "phases": [ { "name": "intensive", "weeks": 4, "sessions": [ ... ] },
///                 { "name": "step-down", "weeks": 8 } ],  (optional; a phase without
///                                                       sessions uses the top-level ones)
///     "closures": ["2026-12-25", ...],                   (optional)
///     "holidays": "us_federal",                          (optional: close on US federal holidays)
///     "enrollments": [ { "patient": 1, "admitted": "2026-10-05", "weeks": 12 | "discharged":
///                        "2026-12-20", "group": "evening" } ] }  (optional)
/// ```
///
/// Without phases the program has one open-ended phase named "main" with the top-level sessions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "iopcare/io/export.hpp"
#include "iopcare/program.hpp"
#include "iopcare/schedule.hpp"

namespace iopcare::io {

/// A loaded program file: the program and the enrollments it lists.
struct program_file {
    /// The program, validated.
    program prog;
    std::vector<enrollment> enrollments;  ///< empty when the file names none
};

/// Parses and validates a program (levels against the ASAM 3rd-edition catalog, services against
/// the standard catalog, the time zone against tzdata). Errors name the JSON path
/// ("/sessions/0/start") or SOURCE:LINE:COLUMN for a syntax error.
[[nodiscard]] IOPCARE_IO_API program_file parse_program(std::string_view json_text, std::string_view source = "<input>");
/// Reads and parses an iopcare.program/1 file.
[[nodiscard]] IOPCARE_IO_API program_file load_program(const std::string& path);

}  // namespace iopcare::io
