/// @file
/// The validation report as JSON, CSV and text: what `iopcare
/// validate` prints, for a host to print the same. Part of the optional iopcare::io target.
///
/// JSON keys: rule_set, source, patients (each {patient, weeks: [{week_start, hours,
/// qualifying_days, status, counted_sessions, days_in_span, admission_week?, discharge_week?,
/// closed_days?, compliant, days? (with day tiers: {date, services, hours, tier}), violations:
/// [{code, message, source, subject?, allowed?}]}], weeks_checked, weeks_met,
/// longest_failing_run, consider_step_down, consider_higher_level, review?, overlaps}), summary
/// {patients, patient_weeks {meets, below_minimum, above_maximum, exempt}, day_tiers?, records,
/// records_counted, overlaps, rejected [{record, field, value, reason}]}.
/// CSV: one row per patient-week (patient, week_start, hours, qualifying_days, status,
/// violations, compliant, then one column per day tier), RFC 4180 with CRLF line ends.
#pragma once

#include <iosfwd>
#include <string>

#include "iopcare/io/export.hpp"
#include "iopcare/rules.hpp"
#include "iopcare/validate.hpp"

namespace iopcare::io {

/// The same bytes as validation_to_json, written to `out` as they are made, a block at a time
/// (nothing proportional to the report is held): for reports of many patients.
IOPCARE_IO_API void write_validation_json(std::ostream& out, const validation_report& r, const rule_set& rules,
                                          int indent = 2);
/// The same bytes as validation_to_csv, streamed to `out`.
IOPCARE_IO_API void write_validation_csv(std::ostream& out, const validation_report& r);
/// The same bytes as validation_to_text, streamed to `out`.
IOPCARE_IO_API void write_validation_text(std::ostream& out, const validation_report& r, const rule_set& rules);

/// The report as JSON (with the rule set it was checked against), or as CSV, one row per
/// patient-week.
///@{
[[nodiscard]] IOPCARE_IO_API std::string validation_to_json(const validation_report& r, const rule_set& rules, int indent = 2);
[[nodiscard]] IOPCARE_IO_API std::string validation_to_csv(const validation_report& r);
///@}
/// For a person: ids, names and values from the input escaped (iopcare/text.hpp).
[[nodiscard]] IOPCARE_IO_API std::string validation_to_text(const validation_report& r, const rule_set& rules);

}  // namespace iopcare::io
