/// @file
/// An attendance simulation's results as JSON and text,
/// as `iopcare simulate-attendance` prints them; part of the optional iopcare::io target.
///
/// JSON keys (a contract): "compliance" {"mean", "sd", "ci95": [low, high]} — the share of
/// checked patient-weeks with status `meets`, over replications; "weeks" {"meets",
/// "below_minimum", "above_maximum", "exempt"} — means per replication; "violations" — the mean
/// count per violation code; "makeups" {"offered", "attended"} — means per replication;
/// "dropouts" — the mean per replication. An undefined figure (NaN: one replication has no
/// spread) is null.
#pragma once

#include <string>

#include "iopcare/io/export.hpp"
#include "iopcare/sim/attendance.hpp"

namespace iopcare::io {

/// The result as JSON, with the keys above.
[[nodiscard]] IOPCARE_IO_API std::string attendance_simulation_to_json(const sim::attendance_result& r);
/// The result for a person: the settings, the compliance with its interval, the weeks by
/// status, the violations, makeups and dropouts, and any records the validator rejected.
[[nodiscard]] IOPCARE_IO_API std::string attendance_simulation_to_text(const sim::attendance_result& r);

}  // namespace iopcare::io
