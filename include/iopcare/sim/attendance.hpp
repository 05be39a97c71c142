/// @file
/// Attendance simulated session by session on a real program
/// schedule and checked by the real validator: "with this schedule, this no-show rate and these
/// makeup rules, what share of patient-weeks meets the rule set?"
///
/// ```
///   iopcare::schedule cohort = iopcare::sim::cohort_schedule(prog, 12, 2026y / March / 2d, 8);
///   iopcare::sim::attendance_options o;
///   o.model.attendance_rate = 0.8;
///   auto r = iopcare::sim::simulate_attendance(cohort, iopcare::builtin_rules("asam-iop-adult"), o);
///   // r.compliance.mean: the share of checked patient-weeks whose status is `meets`
/// ```
///
/// Each scheduled session (closures and holidays already removed by the schedule) is attended,
/// partly attended or missed by chance. A patient's propensity to attend is drawn from a Beta
/// distribution with the given mean and concentration, so some patients are reliable and some
/// are not. The attendance made is fed, patient by patient, to iopcare::validator: the rules
/// are judged by the one validator real data goes through, never by a copy of them.
///
/// Reproducible by construction, like the flow simulation (sim/simulation.hpp): every draw is
/// keyed by (seed, replication, patient, purpose, index) in the same counter-based generator
/// (Philox), and patients of a replication are simulated in cohort order, so results do not
/// depend on the thread count.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "iopcare/attendance.hpp"
#include "iopcare/detail/export.hpp"
#include "iopcare/error.hpp"
#include "iopcare/rules.hpp"
#include "iopcare/schedule.hpp"
#include "iopcare/sim/simulation.hpp"
#include "iopcare/validate.hpp"

namespace iopcare::sim {

/// How patients attend: the chance model behind every simulated session.
struct attendance_model {
    /// Mean attendance propensity over patients (the Beta distribution's mean), in [0, 1].
    /// The default is our assumption, not a published figure: set it from the program's data.
    double attendance_rate = 0.8;
    /// The Beta distribution's concentration (alpha + beta), > 0: small values spread patients
    /// from unreliable to reliable, large values make every patient's propensity the mean.
    /// Infinity is allowed and means exactly the mean for everyone.
    double concentration = 10.0;
    /// Chance that a session the patient comes to is only partly attended, in [0, 1].
    double partial = 0.0;
    /// Minutes a partly attended session gives; empty: half the session, rounded down.
    std::optional<std::chrono::minutes> partial_minutes{};
    /// Offer makeups when a week heads below the rule set's minimum (see simulate_attendance).
    bool makeups = true;
    /// A patient who misses this many scheduled sessions in a row drops out: discharged on the
    /// day of the last miss. Empty: nobody drops out.
    std::optional<unsigned> dropout_after{};
};

/// What to run: the model, the replications, the seed and the threads.
struct attendance_options {
    /// The chance model.
    attendance_model model{};
    /// Independent replications of the whole cohort, >= 1.
    int replications = 100;
    /// The master seed; replication r uses the key derived from (seed, r).
    std::uint64_t seed = 1;
    /// Worker threads (0: all hardware threads); the result does not depend on it.
    int threads = 0;
    /// Passed to the validator (its closures are joined by the program's own).
    validate_options validation{};
};

/// One validation code's count in a replication, or its mean over replications.
struct violation_count {
    /// A stable violation code ("hours.below_minimum").
    std::string code;
    /// Violations with this code (in one replication), or their mean (over replications).
    double count = 0.0;
};

/// One replication: the validator's counts and what the simulation did.
struct attendance_replication {
    /// The replication's index, from 0.
    int index = 0;
    /// Patient-weeks by status, as the validator reported them.
    status_counts weeks{};
    /// Violations per code, codes in first-seen order.
    std::vector<violation_count> violations;
    /// Makeup sessions offered (seats booked) and attended.
    std::size_t makeups_offered = 0;
    /// Makeup sessions attended.
    std::size_t makeups_attended = 0;
    /// Patients who dropped out.
    std::size_t dropouts = 0;
    /// Records generated (scheduled sessions until dropout, and makeups).
    std::size_t records = 0;
    /// Records the validator rejected (expected 0: a sign of a DST gap or a bug otherwise).
    std::size_t rejected = 0;
    /// Share of checked (not exempt) patient-weeks with status `meets`; NaN with none checked.
    [[nodiscard]] IOPCARE_API double compliance() const noexcept;
};

/// Means of the replications' week counts.
struct week_means {
    /// Mean patient-weeks with status `meets`.
    double meets = 0.0;
    /// Mean patient-weeks below the minimum.
    double below_minimum = 0.0;
    /// Mean patient-weeks above the maximum.
    double above_maximum = 0.0;
    /// Mean exempt patient-weeks (admission and discharge weeks under edge_weeks = exempt).
    double exempt = 0.0;
};

/// The run summarised over replications.
struct attendance_result {
    /// The rule set's id.
    std::string rule_set;
    /// Replications run.
    int replications = 0;
    /// Threads used.
    int threads_used = 0;
    /// Patients in the cohort.
    std::size_t patients = 0;
    /// The model the run used.
    attendance_model model{};
    /// The master seed the run used.
    std::uint64_t seed = 0;
    /// Share of checked patient-weeks meeting the rules: mean, sd and 95% interval.
    summary compliance{};
    /// Patient-weeks by status, means over replications.
    week_means weeks{};
    /// Mean count per violation code, in the order codes were first seen.
    std::vector<violation_count> violations;
    /// Mean makeups offered per replication.
    double makeups_offered = 0.0;
    /// Mean makeups attended per replication.
    double makeups_attended = 0.0;
    /// Mean dropouts per replication.
    double dropouts = 0.0;
    /// Every replication, in order.
    std::vector<attendance_replication> runs;
};

/// A cohort of `patients` patients ("1", "2", ...) admitted on `admitted` for `weeks` whole
/// weeks (discharged the day before the same weekday `weeks` weeks later), spread over the
/// program's groups in turn. Throws as schedule::enroll: errc::capacity_exceeded when a group
/// is full, naming it.
[[nodiscard]] IOPCARE_API schedule cohort_schedule(const program& p, unsigned patients,
                                                   std::chrono::year_month_day admitted, unsigned weeks);

/// A cohort drawn from a flow scenario: the patients one of its levels admits (from the
/// community or from another level) in the weeks after the warm-up, with the stays the flow
/// simulation gave them. See flow_cohort_schedule().
struct flow_cohort {
    /// The id of the scenario level whose admissions make the cohort ("iop").
    std::string level;
    /// The calendar day the end of the warm-up falls on: simulated time `warmup + d` days is
    /// this day plus floor(d) days.
    std::chrono::year_month_day from{};
    /// Admissions within this many weeks after the warm-up join the cohort, >= 1.
    unsigned weeks = 0;
};

/// The patients the flow simulation of `s` (its replication 0, under its own seed) admits to
/// `c.level` in [warmup, warmup + 7 * c.weeks) days, enrolled in the program: admitted on the
/// calendar day their admission falls on, for a stay of L days covering ceil(L) calendar days
/// (at least one), so a stay of exactly 28 days admitted on a Monday is discharged on the
/// Sunday four weeks later, as cohort_schedule() does. A stay the horizon cuts off ends on the
/// horizon's last day. Patient ids are the flow's patient numbers (sim::patient_number) in
/// decimal, with "-2", "-3"... for a patient's later admissions to the level. Each patient
/// goes to the program's first group, in turn from the previous patient's, with a seat for the
/// whole stay.
///
/// Throws errc::invalid_argument naming `level` (not a level of the scenario) or `weeks` (0, or
/// past the scenario's horizon), errc::capacity_exceeded when no group has a seat for a stay
/// (the level holds more patients than the program's groups), and as simulate() for a bad
/// scenario.
[[nodiscard]] IOPCARE_API schedule flow_cohort_schedule(const program& p, const scenario& s, const flow_cohort& c);

/// Simulates the cohort enrolled in `cohort` and validates every replication against `rules`.
///
/// Per session: attended with the patient's propensity, then only partly with
/// model.partial; otherwise missed (absent). With model.makeups, after a missed or partial
/// session whose week can no longer reach the rule set's weekly minimum (hours, and qualifying
/// days when the rules count days) with the sessions left, the patient is offered makeups as
/// propose_makeups() finds them: occurrences of another group with the same service later in
/// the same week (the rule set's week) and within the stay, with an open seat (capacity less
/// those enrolled and the makeups already booked in the replication) and no clash with the
/// patient's sessions, in time order until their minutes reach the minutes missed (or none
/// when they cannot). Each is attended with the patient's propensity. Seats go to patients in
/// cohort order.
///
/// Throws errc::invalid_argument naming the field for a model out of range, errc::invalid_program
/// for a program without a zone, errc::invalid_rule_set for a bad rule set and
/// errc::limit_exceeded when the cohort's sessions exceed cohort.max_sessions().
[[nodiscard]] IOPCARE_API attendance_result simulate_attendance(const schedule& cohort, const rule_set& rules,
                                                                const attendance_options& options = {});
/// The same without exceptions.
[[nodiscard]] IOPCARE_API result<attendance_result> try_simulate_attendance(
    const schedule& cohort, const rule_set& rules, const attendance_options& options = {}) noexcept;

/// The attendance of one replication, exactly as simulate_attendance generated and validated
/// it: records, enrollments (a dropout discharged on its last day) and the program's closed
/// days in the cohort's span. Validating it with options.validation gives that replication's
/// counts.
[[nodiscard]] IOPCARE_API attendance_log simulated_attendance(const schedule& cohort, const rule_set& rules,
                                                              const attendance_options& options, int replication);

/// Throws errc::invalid_argument naming the first field of the model out of its range.
IOPCARE_API void check_attendance_model(const attendance_model& m);

}  // namespace iopcare::sim
