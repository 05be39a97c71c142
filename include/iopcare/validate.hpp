/// @file
/// Checks attendance (or planned sessions) against a rule set, week by
/// week and patient by patient, and explains every failing week.
///
/// @code
///   auto zone = iopcare::time_zone::locate("America/New_York");
///   auto report = iopcare::validate(log, iopcare::builtin_rules("asam-iop-adult"), zone);
///   for (const auto& p : report.patients)
///       for (const auto& w : p.weeks)
///           if (w.status != iopcare::week_status::meets) ...   // w.violations say why
/// @endcode
///
/// Records are streamed: `validator::add` keeps a compact entry per usable record, so a host
/// can feed records as it reads them. Bad records (unknown service, negative or inconsistent
/// times, a local time that does not exist in the zone, a time outside the patient's
/// enrollment) are listed in the report with the reason and never stop the others.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/attendance.hpp"
#include "iopcare/calendar.hpp"
#include "iopcare/detail/export.hpp"
#include "iopcare/error.hpp"
#include "iopcare/holidays.hpp"
#include "iopcare/rules.hpp"
#include "iopcare/service.hpp"

namespace iopcare {

class schedule;
struct expansion;

/// How a week's hours and qualifying days compare with the rule set: it `meets` them, is
/// `below_minimum` or `above_maximum`, or is `exempt` (an edge week under
/// edge_week_policy::exempt).
enum class week_status : unsigned char { meets, below_minimum, above_maximum, exempt };

/// "meets", "below_minimum", "above_maximum" or "exempt".
[[nodiscard]] IOPCARE_API std::string_view to_string(week_status s) noexcept;
/// The status a word names, as to_string() writes it; nothing for an unknown word.
[[nodiscard]] IOPCARE_API std::optional<week_status> parse_week_status(std::string_view text) noexcept;

/// One unmet requirement of a week. Codes are stable:
/// ```
///   hours.below_minimum, hours.above_maximum, days.below_minimum, days.too_few_services,
///   services.below_minimum, certification.missing, certification.overdue
/// ```
///
/// `code` and `source` are views of text the library keeps for as long as the program runs
/// (each distinct citation is stored once, however many violations cite it), so a report of
/// many violations holds no copies of them. A host that fills a violation itself must keep
/// the text it views alive while the violation is used.
struct violation {
    /// The stable code, such as "hours.below_minimum".
    std::string_view code;
    std::string message;       ///< plain language, with the numbers
    std::string_view source;   ///< the rule's citation
    std::string subject;       ///< the service for services.*, else empty
    bool allowed = false;      ///< under the minimum within the step-down allowance
};

/// One local day with counted services, under a rule set with day tiers.
struct day_result {
    /// The day (local date).
    std::chrono::local_days date{};
    unsigned services = 0;                  ///< attended or partial sessions of counted services
    std::chrono::seconds counted{};         ///< real elapsed time of counted services
    std::string tier;                       ///< the label of the highest tier met, or "below_tier"

    /// Counted time in hours, for reports.
    [[nodiscard]] double hours() const noexcept { return static_cast<double>(counted.count()) / 3600.0; }
};

/// One week of one patient: its counted time, qualifying days, status and every violation.
struct week_result {
    std::chrono::local_days week_start{};   ///< first day of the week (local date)
    unsigned days_in_span = 7;              ///< days of the week inside the patient's span
    unsigned closed_days = 0;               ///< of those, days the program was closed
    bool admission_week = false;            ///< partly before the enrollment's admission
    bool discharge_week = false;            ///< partly after the enrollment's discharge
    std::chrono::seconds counted{};         ///< real elapsed time of counted services
    /// Days that qualify under the rule set's daily minimums.
    unsigned qualifying_days = 0;
    unsigned counted_sessions = 0;          ///< attended sessions of counted services
    /// Hours and qualifying days only: services and certification do not change it.
    week_status status = week_status::meets;
    /// No violation other than allowed ones (a `meets` week with a missing certification is not).
    bool compliant = true;
    /// Every unmet requirement, allowed ones included.
    std::vector<violation> violations;
    std::vector<day_result> days;           ///< with day tiers: each day with counted services

    /// Counted time in hours, for reports.
    [[nodiscard]] double hours() const noexcept { return static_cast<double>(counted.count()) / 3600.0; }
};

/// Two records of one patient whose attended times overlap; the overlap is counted once.
struct overlap {
    std::size_t first = 0;      ///< record indices (the order records were given or added)
    /// The later record's index.
    std::size_t second = 0;
    /// How long the two overlap.
    std::chrono::seconds time{};
};

/// One patient's weeks, counts and review flags.
struct patient_result {
    /// Whose result.
    patient_id patient;
    std::vector<week_result> weeks;      ///< every week of the span, in order, empty weeks included
    unsigned weeks_checked = 0;          ///< weeks not exempt
    unsigned weeks_met = 0;              ///< status `meets` and compliant
    unsigned weeks_allowed = 0;          ///< under the minimum within the step-down allowance (compliant)
    unsigned longest_failing_run = 0;    ///< consecutive weeks below the minimum or above the maximum
    bool consider_step_down = false;     ///< a run of short weeks longer than the allowance (and one week)
    bool consider_higher_level = false;  ///< above the maximum in enough weeks (PHP review)
    std::string review;                  ///< a sentence explaining the flags, empty without flags
    /// Records of this patient whose attended times overlap.
    std::vector<overlap> overlaps;
};

/// A record that was not used, and why.
struct rejected_record {
    /// The position among the records (0-based, in the order given or added); for field
    /// "enrollment" or "certification", the position among those instead.
    std::size_t index = 0;
    std::string field;          ///< "patient", "service", "start", "scheduled", "attended",
                                ///< "enrollment", "certification"
    /// The offending value as text.
    std::string value;
    /// Why it was not used, in a sentence.
    std::string reason;
};

/// A rule family the report could not check, and why: a pass never hides a check that did not
/// run. check: "certification" (the rule set recertifies, does not require a certification, and
/// none was given, so neither missing nor overdue certifications were looked for).
struct unchecked_rule {
    /// The rule family, such as "certification".
    std::string check;
    /// Why it did not run, in a sentence.
    std::string reason;
    /// Equal when both fields are.
    friend bool operator==(const unchecked_rule&, const unchecked_rule&) = default;
};

/// Patient-weeks by status.
struct status_counts {
    /// Weeks that meet the rule set.
    std::size_t meets = 0;
    /// Weeks below the minimum.
    std::size_t below_minimum = 0;
    /// Weeks above the maximum.
    std::size_t above_maximum = 0;
    /// Exempt edge weeks.
    std::size_t exempt = 0;
    /// All weeks.
    [[nodiscard]] std::size_t total() const noexcept { return meets + below_minimum + above_maximum + exempt; }
};

/// Days with counted services at one tier (or "below_tier").
struct tier_count {
    /// The tier's label, or "below_tier".
    std::string label;
    /// How many days.
    std::size_t days = 0;
};

/// What validation found: per patient and week, with totals and every rejected record.
struct validation_report {
    std::string rule_set;                ///< the rule set's id
    std::vector<patient_result> patients;  ///< in order of first appearance
    status_counts weeks;                 ///< patient-weeks by status
    /// With day tiers: days per tier over all checked weeks, in the rule set's order, then
    /// "below_tier". Empty without tiers.
    std::vector<tier_count> day_tiers;
    std::size_t records = 0;             ///< records read
    std::size_t records_counted = 0;     ///< records that gave counted time
    std::size_t overlaps = 0;            ///< overlapping pairs, over all patients
    /// Every record, enrollment or certification that was not used, with the reason.
    std::vector<rejected_record> rejected;
    std::vector<unchecked_rule> not_checked;  ///< rule families that did not run, with the reason

    /// The patient's result, or nullptr.
    [[nodiscard]] IOPCARE_API const patient_result* find(const patient_id& patient) const noexcept;
};

/// Options of validate() and validator.
struct validate_options {
    /// Services known to the program; unknown services are rejected. nullptr = standard().
    /// A validator keeps the pointer: the catalog must outlive it.
    const service_catalog* services = nullptr;
    /// Local record starts the zone skips or repeats: skip (default) rejects a skipped time and
    /// takes the earlier of a repeated one; shift_forward moves a skipped time forward;
    /// earliest/latest pick an instant; error rejects both kinds.
    dst_policy local_times = dst_policy::skip;
    /// Last day checked for a patient whose enrollment has no discharge date (e.g. today);
    /// without it such a span ends with the week of the patient's last record.
    std::optional<std::chrono::year_month_day> through;
    /// Days the program was closed (explicit dates and yearly rules), for rule sets with
    /// closures = prorate. validate(log, ...) adds the log's closures.
    closure_calendar closures;
    /// The longest span of weeks checked for one patient (156: three years). A patient whose
    /// span is longer is not checked: its records (and enrollment) are rejected with the reason,
    /// so the work stays bounded by the input.
    unsigned max_span_weeks = 156;
    /// Threads that judge patients in finish() (patients are independent; each thread takes a
    /// contiguous share of them). 0: one per core. The report is the same for any count.
    unsigned threads = 1;
};

/// Streaming validation: add records (and enrollments, certifications) in any order, then
/// finish(). Memory is a few dozen bytes per usable record.
class IOPCARE_API validator {
public:
    /// Throws errc::invalid_rule_set when the rule set has a problem (see check_rule_set).
    validator(rule_set rules, time_zone zone, validate_options options = {});
    /// Ends validation without a report.
    ~validator();
    /// Movable, not copyable.
    ///@{
    validator(validator&&) noexcept;
    validator& operator=(validator&&) noexcept;
    validator(const validator&) = delete;
    validator& operator=(const validator&) = delete;
    ///@}

    /// Room for this many records (optional; saves regrowth when the count is known).
    void reserve(std::size_t records);
    /// Adds a record; it gets the next index (0, 1, ...). A bad record is noted, not thrown.
    void add(const attendance_record& record);
    /// An enrollment bounds the patient's span; a second one for a patient, or a discharge
    /// before the admission, is rejected (reported with field "enrollment").
    void add(const enrollment_period& enrollment);
    /// A certification of need for a patient (counted when the rule set asks for certification).
    void add(const certification& cert);

    /// The report; the validator is empty afterwards.
    [[nodiscard]] validation_report finish();

    /// Receives judged patients one at a time (see finish(const patient_sink&)).
    using patient_sink = std::function<void(patient_result&&)>;
    /// The report without its patients: each goes to `each` as soon as it is judged, in the
    /// order finish() lists them, so that a host can write a report of many patients without
    /// holding it (io::validation_writer). Calls never overlap, though with several threads
    /// they may come from any of them. The counts and rejections of the returned report cover
    /// every patient; its `patients` is empty. The validator is empty afterwards.
    [[nodiscard]] validation_report finish(const patient_sink& each);

    /// Makes a patient's text (a report's part, say) on the thread that judged it.
    using patient_render = std::function<std::string(const patient_result&)>;
    /// Receives a judged patient with the text `render` made of it.
    using rendered_sink = std::function<void(patient_result&&, std::string&&)>;
    /// As finish(each), with each patient first given to `render` on the thread that judged
    /// it: calls to `render` may overlap (it must be safe to call from several threads at once)
    /// and come in any order, while `each` gets the patients and their texts in report order,
    /// one call at a time. Formatting a report this way spreads it over the threads, leaving
    /// only the writing in order (io::validation_writer::render).
    [[nodiscard]] validation_report finish(const patient_render& render, const rendered_sink& each);

private:
    struct state;
    std::unique_ptr<state> s_;
};

/// Validates records (or a whole log, with its enrollments, certifications and closures) in one
/// call, as a validator would. Throws errc::invalid_rule_set for a rule set with a problem; bad
/// records are rejected in the report, not thrown. try_validate() is the non-throwing form.
///@{
[[nodiscard]] IOPCARE_API validation_report validate(std::span<const attendance_record> records, const rule_set& rules,
                                                     const time_zone& zone, const validate_options& options = {});
[[nodiscard]] IOPCARE_API validation_report validate(const attendance_log& log, const rule_set& rules,
                                                     const time_zone& zone, const validate_options& options = {});
///@}
/// A validator holding a whole log (its records, enrollments, certifications and closures) as
/// validate(log, ...) checks it: its finish() gives that report, and finish(sink) the same
/// patient by patient. Throws what validate() throws.
[[nodiscard]] IOPCARE_API validator validator_for(const attendance_log& log, const rule_set& rules,
                                                  const time_zone& zone, const validate_options& options = {});
/// The same without exceptions: a bad rule set comes back as the error.
[[nodiscard]] IOPCARE_API result<validation_report> try_validate(const attendance_log& log, const rule_set& rules,
                                                                 const time_zone& zone,
                                                                 const validate_options& options = {}) noexcept;

/// Planned sessions of a schedule checked as if every one were attended: patients keep their
/// ids, enrollments come from the schedule, the zone is the program's (validate_plan() throws
/// errc::invalid_program naming `zone` when it has none) and the program's closures are added
/// to options.closures. For the same plan its hours findings are those of check_plan(plan_weeks(program, admit, weeks, rules), rules).
[[nodiscard]] IOPCARE_API attendance_log planned_attendance(const schedule& s, const expansion& x);
/// The report of planned_attendance(s, x) under a rule set. Throws what validate() throws.
[[nodiscard]] IOPCARE_API validation_report validate_plan(const schedule& s, const expansion& x, const rule_set& rules,
                                                          const validate_options& options = {});

}  // namespace iopcare
