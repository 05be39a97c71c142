/// @file
/// The `iopcare.episodes/1` JSON format of episodes of care, and the
/// episode report as JSON, CSV and text. Part of the optional iopcare::io target.
///
/// iopcare.episodes/1:
/// ```
///   { "format": "iopcare.episodes/1", "edition": "asam3" | "asam4",
///     "episodes": [ { "patient": "A",
///                     "stays": [ { "level": "3.5", "admitted": "2026-01-05",
///                                  "discharged": "2026-02-04",      (optional: open stay)
///                                  "reason": "completed" } ] } ] }   (optional; see below)
/// ```
///
/// Reasons are TEDS-D's: completed, transferred, dropped_out, terminated, incarcerated, died,
/// other, unknown. A discharge without a reason is a data problem the report lists, not bad
/// input. Unknown fields, level codes not in the edition's catalog, unknown reasons and dates
/// that are not calendar dates are errors naming the JSON path and the value.
#pragma once

#include <string>
#include <string_view>

#include "iopcare/io/export.hpp"
#include "iopcare/episodes.hpp"

namespace iopcare::io {

/// Parses iopcare.episodes/1 JSON. Throws the loaders' errors (see iopcare::io).
[[nodiscard]] IOPCARE_IO_API episode_record parse_episodes(std::string_view json_text, std::string_view source = "<input>");
/// Reads and parses an iopcare.episodes/1 file.
[[nodiscard]] IOPCARE_IO_API episode_record load_episodes(const std::string& path);
/// The record as iopcare.episodes/1 (pretty-printed with `indent` spaces; -1 for one line).
[[nodiscard]] IOPCARE_IO_API std::string to_json(const episode_record& record, int indent = 2);

/// The report (what `iopcare episodes` prints). JSON keys: levels (an object keyed by level
/// code, in continuum order, each {stays, discharges, reasons: {REASON: count}, completion_rate,
/// median_los_days, mean_los_days}; undefined figures are null), moves (each {patient, episode,
/// stay, date, from, to, kind, allowed, skipped}), follow_up {discharges, within_7, within_30,
/// rate_7, rate_30}, problems (each {patient, episode, stay, code, message}).
[[nodiscard]] IOPCARE_IO_API std::string episode_report_to_json(const episode_report& report, int indent = 2);

/// One table of the report as RFC 4180 CSV (a header row, then one row per item; undefined
/// figures are empty fields).
/// The tables are `levels`, `moves`, `follow_up` and `problems`, as in the JSON form.
enum class episode_table : unsigned char { levels, moves, follow_up, problems };
/// One table of the report as CSV.
[[nodiscard]] IOPCARE_IO_API std::string episode_report_to_csv(const episode_report& report, episode_table table);
/// "levels", "moves", "follow_up" or "problems".
[[nodiscard]] IOPCARE_IO_API std::string_view to_string(episode_table t) noexcept;

/// The report as text for a person.
[[nodiscard]] IOPCARE_IO_API std::string episode_report_to_text(const episode_report& report);

}  // namespace iopcare::io
