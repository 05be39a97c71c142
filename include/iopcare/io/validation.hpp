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
#include <memory>
#include <string>
#include <string_view>

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

/// A report written as it is made: each patient as the validator judges it
/// (validator::finish(const validator::patient_sink&)), then the summary. The bytes are those
/// of write_validation_json, write_validation_csv or write_validation_text for the whole report,
/// and only a block of them is held at a time.
///
/// @code
///   io::validation_writer out(std::cout, io::validation_writer::format::json, rules);
///   auto summary = v.finish([&](patient_result&& p) { out.patient(p); });
///   out.finish(summary);
/// @endcode
class IOPCARE_IO_API validation_writer {
public:
    /// The three forms of the report: `text`, `json` and `csv`, as write_validation_text,
    /// write_validation_json and write_validation_csv write them.
    enum class format { text, json, csv };
    /// Writes to `out` against `rules` (the rule set the patients were checked against); the
    /// JSON is indented by `indent` spaces a level (compact when negative).
    validation_writer(std::ostream& out, format f, const rule_set& rules, int indent = 2);
    /// Writes nothing more (finish() ends the report).
    ~validation_writer();
    /// Not copyable.
    ///@{
    validation_writer(const validation_writer&) = delete;
    validation_writer& operator=(const validation_writer&) = delete;
    ///@}
    /// Writes one patient's result, the next in the report's order.
    void patient(const patient_result& p);
    /// One patient's part of the report, for patient(std::string_view): what patient(p) would
    /// write, but for the separator before a JSON element, which patient(text) adds. It reads
    /// only what the writer was made with, so several threads may call it at once while
    /// another writes; with validator::finish(render, each) the report is formatted on the
    /// judging threads:
    ///
    /// @code
    ///   auto summary = v.finish([&](const patient_result& p) { return out.render(p); },
    ///                           [&](patient_result&&, std::string&& text) { out.patient(text); });
    ///   out.finish(summary);
    /// @endcode
    [[nodiscard]] std::string render(const patient_result& p) const;
    /// Writes a patient's part that render() made, the next in the report's order.
    void patient(std::string_view rendered);
    /// Writes the patients of `r` (none when they were streamed), then the summary of `r`, and
    /// flushes; the summary's patient count includes the patients written before.
    void finish(const validation_report& r);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// The report as JSON (with the rule set it was checked against), or as CSV, one row per
/// patient-week.
///@{
[[nodiscard]] IOPCARE_IO_API std::string validation_to_json(const validation_report& r, const rule_set& rules, int indent = 2);
[[nodiscard]] IOPCARE_IO_API std::string validation_to_csv(const validation_report& r);
///@}
/// For a person: ids, names and values from the input escaped (iopcare/text.hpp).
[[nodiscard]] IOPCARE_IO_API std::string validation_to_text(const validation_report& r, const rule_set& rules);

}  // namespace iopcare::io
