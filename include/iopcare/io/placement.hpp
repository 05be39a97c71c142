/// @file
/// The `iopcare.placement-rules/1` and `iopcare.assessment/1` JSON
/// formats, and the placement report as JSON and text. Part of the optional iopcare::io target.
///
/// The `iopcare.placement-rules/1` format:
/// ```
///   { "format": "iopcare.placement-rules/1", "id": "state-rules", "name": "...",   (name optional)
///     "edition": "asam3" | "asam4", "source": "...",                               (source optional)
///     "default_level": "0.5",
///     "rules": [ { "dimension": 1..6, "min_rating": 0..4, "level": "2.1", "reason": "..." } ] }
/// ```
///
/// The `iopcare.assessment/1` format:
/// ```
///   { "format": "iopcare.assessment/1", "edition": "asam3" | "asam4", "patient": "p-104",
///     "date": "2026-11-20", "ratings": { "1": 0..4, "2": ..., "6": ... },    (all six required)
///     "provided_level": "2.1",                                                (optional)
///     "variance_reason": "waitlist",                                          (optional)
///     "notes": { "3": "free text", ... } }                                    (optional)
/// ```
///
/// Unknown fields are errors; every error names the JSON path and the value. Level codes are
/// checked against the edition's catalog and stored in canonical spelling.
#pragma once

#include <string>
#include <string_view>

#include "iopcare/io/export.hpp"
#include "iopcare/placement.hpp"

namespace iopcare::io {

/// Parses iopcare.placement-rules/1 JSON and checks the rules against their edition's catalog.
/// Throws the loaders' errors (see iopcare::io) and errc::invalid_placement_rules.
[[nodiscard]] IOPCARE_IO_API placement_rules parse_placement_rules(std::string_view json_text,
                                                                std::string_view source = "<input>");
/// Reads and parses an iopcare.placement-rules/1 file.
[[nodiscard]] IOPCARE_IO_API placement_rules load_placement_rules(const std::string& path);
/// The rules as iopcare.placement-rules/1 (pretty-printed with `indent` spaces; -1 for one line).
[[nodiscard]] IOPCARE_IO_API std::string to_json(const placement_rules& rules, int indent = 2);

/// Parses iopcare.assessment/1 JSON. Throws the loaders' errors (see iopcare::io) and
/// errc::invalid_assessment.
[[nodiscard]] IOPCARE_IO_API assessment parse_assessment(std::string_view json_text, std::string_view source = "<input>");
/// Reads and parses an iopcare.assessment/1 file.
[[nodiscard]] IOPCARE_IO_API assessment load_assessment(const std::string& path);
/// The assessment as iopcare.assessment/1 (pretty-printed with `indent` spaces; -1 for one line).
[[nodiscard]] IOPCARE_IO_API std::string to_json(const assessment& a, int indent = 2);

/// The placement report (what `iopcare place` prints). JSON keys: patient, date, edition, rules,
/// indicated_level, by_default, provided_level (null when absent), variance, variance_reason
/// (null when absent), complete, reasons [{dimension, dimension_name, rating, level, reason}],
/// candidacy {level, candidate, ruled_out_by} (for IOP, 2.1, unless another level is asked).
[[nodiscard]] IOPCARE_IO_API std::string placement_to_json(const assessment& a, const placement_rules& rules,
                                                        const placement& p, const candidacy& iop, int indent = 2);
/// The same report as text for a person; level names come from `levels`.
[[nodiscard]] IOPCARE_IO_API std::string placement_to_text(const assessment& a, const placement_rules& rules,
                                                        const placement& p, const candidacy& iop,
                                                        const catalog& levels);

}  // namespace iopcare::io
