/// @file
/// Episodes of care: each patient's level stays with admission,
/// discharge and the reason for discharge; the moves between consecutive stays; outcome figures
/// per level in the manner of TEDS-D; and follow-up after high-intensity care.
///
/// A stay covers the days [admitted, discharged): a stay that starts on the day the previous one
/// ends follows it, it does not overlap it. Data problems (a discharge before the admission,
/// overlapping stays, a discharge without a reason) are reported all at once in the report;
/// input that is not a record at all (an unknown level code, an empty patient, a date that is not
/// a calendar date) is an iopcare::error.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/continuum.hpp"
#include "iopcare/detail/export.hpp"
#include "iopcare/error.hpp"
#include "iopcare/level.hpp"
#include "iopcare/patient.hpp"

namespace iopcare {

/// TEDS-D's reasons for discharge (docs/sources.md §7).
enum class discharge_reason : unsigned char {
    /// Treatment completed.
    completed,
    /// Transferred to another program or level.
    transferred,
    /// Left against advice, or stopped coming.
    dropped_out,
    /// Discharged by the facility (rule violations and the like).
    terminated,
    /// Jailed or otherwise taken into custody.
    incarcerated,
    /// Died.
    died,
    /// Another reason.
    other,
    /// Not known (also how a missing reason is counted).
    unknown,
};
/// How many discharge reasons there are (the size of level_outcomes::reasons).
inline constexpr std::size_t discharge_reason_count = 8;

/// The snake_case name of a reason ("dropped_out").
[[nodiscard]] IOPCARE_API std::string_view to_string(discharge_reason r) noexcept;
/// "dropped_out" and so on (also with '-' or ' ' for '_'); nothing for an unknown word.
[[nodiscard]] IOPCARE_API std::optional<discharge_reason> parse_discharge_reason(std::string_view text) noexcept;

/// One stay at one level of care.
struct stay {
    /// The level of care (canonical code).
    level_code level{};
    /// The first day of the stay.
    std::chrono::year_month_day admitted{};
    std::optional<std::chrono::year_month_day> discharged{};  ///< absent while the stay is open
    std::optional<discharge_reason> reason{};                 ///< required once discharged

    /// Days in care, discharge minus admission; nothing for an open stay.
    [[nodiscard]] std::optional<int> length_of_stay_days() const noexcept {
        if (!discharged) return std::nullopt;
        return static_cast<int>((std::chrono::sys_days{*discharged} - std::chrono::sys_days{admitted}).count());
    }
};

/// A patient's sequence of stays; a patient may have several episodes (a readmission after a
/// break in care is a new episode).
struct episode {
    /// Whose episode.
    patient_id patient{};
    /// The stays, in admission order.
    std::vector<stay> stays{};
};

/// The episodes a host hands over for analysis, with the edition of their level codes.
struct episode_record {
    /// The edition the level codes belong to.
    edition record_edition = edition::asam3;
    /// The episodes.
    std::vector<episode> episodes{};
};

/// Residential, inpatient (hospital) and withdrawal-management levels: the care after which
/// follow-up is measured.
[[nodiscard]] IOPCARE_API bool is_high_intensity(const care_level& level) noexcept;

/// What can be wrong with the stays of a record; analyze() reports each one found.
enum class episode_problem_kind : unsigned char {
    /// A stay discharged before it was admitted.
    discharge_before_admission,
    overlapping_stays,        ///< two stays of one patient share a day
    missing_reason,           ///< a discharged stay without a reason
    reason_without_discharge, ///< a reason on a stay that is still open
};

/// The snake_case name of a problem kind ("missing_reason").
[[nodiscard]] IOPCARE_API std::string_view to_string(episode_problem_kind k) noexcept;

/// One problem of a record, with where it is.
struct episode_problem {
    /// Whose stay.
    patient_id patient;
    std::size_t episode = 0;  ///< index in episode_record::episodes
    std::size_t stay = 0;     ///< index in that episode's stays
    /// What is wrong.
    episode_problem_kind kind = episode_problem_kind::missing_reason;
    /// One plain sentence.
    std::string message;
};

/// A move between two consecutive stays of an episode (in admission order). A stay at the same
/// level as the one before it continues that level's care and is not a move.
struct level_move {
    /// Whose move.
    patient_id patient;
    /// Index in episode_record::episodes.
    std::size_t episode = 0;
    std::size_t stay = 0;  ///< index of the stay moved to
    /// The level moved from.
    level_code from{};
    /// The level moved to.
    level_code to{};
    std::chrono::year_month_day date{};  ///< admission to `to`
    /// The move's kind: the continuum's, or inferred from the intensity ranks.
    transition_kind kind = transition_kind::lateral;
    bool allowed = false;                ///< the continuum has this transition
    std::vector<level_code> skipped{};   ///< for a step-down past levels; empty otherwise
};

/// Outcome figures of one level, TEDS-D style. Lengths of stay count discharged stays whose
/// discharge is not before their admission; open stays count only in `stays`.
struct level_outcomes {
    /// The level (canonical code).
    level_code level{};
    /// Stays at the level, open ones included.
    std::size_t stays = 0;
    /// Discharged stays.
    std::size_t discharges = 0;
    std::array<std::size_t, discharge_reason_count> reasons{};  ///< by discharge_reason; a
                                                                ///< missing reason counts as unknown
    double completion_rate = 0.0;  ///< completed / discharges; NaN without discharges
    double median_los_days = 0.0;  ///< median length of stay, days; NaN without lengths of stay
    double mean_los_days = 0.0;    ///< mean length of stay, days; NaN without lengths of stay

    /// Discharges for one reason.
    [[nodiscard]] std::size_t count(discharge_reason r) const noexcept {
        return reasons[static_cast<std::size_t>(r)];
    }
};

/// Follow-up after high-intensity care, modelled on HEDIS FUI (docs/sources.md §7) with its own
/// definition: every discharged stay at a high-intensity level whose reason is not `died` is a
/// discharge; it is followed up within N days when the patient's next stay, at any level, is
/// admitted 0 to N days after the discharge date (a same-day start counts).
struct follow_up_figures {
    /// Discharges from high-intensity care that count (reason other than died).
    std::size_t discharges = 0;
    /// Of those, followed up within 7 days.
    std::size_t within_7 = 0;
    /// Of those, followed up within 30 days.
    std::size_t within_30 = 0;
    double rate_7 = 0.0;   ///< within_7 / discharges; NaN without discharges
    double rate_30 = 0.0;  ///< within_30 / discharges; NaN without discharges
};

/// What analyze() finds in a record: outcome figures per level, the moves, follow-up, and every
/// data problem.
struct episode_report {
    std::size_t episodes = 0;  ///< episodes in the record
    /// Distinct patients.
    std::size_t patients = 0;
    /// Stays in all.
    std::size_t stays = 0;
    std::vector<level_outcomes> levels;  ///< levels with at least one stay, in continuum order
    std::vector<level_move> moves;       ///< by episode, then admission order
    /// Follow-up after high-intensity care.
    follow_up_figures follow_up;
    std::vector<episode_problem> problems;  ///< by episode, then stay

    /// Whether the record had no problems.
    [[nodiscard]] bool ok() const noexcept { return problems.empty(); }
    /// The figures of one level (any spelling of its code), or nullptr.
    [[nodiscard]] IOPCARE_API const level_outcomes* find(std::string_view level) const noexcept;
};

/// Checks that a record can be analysed: every patient named, every date a calendar date, every
/// level a level of the continuum. Throws errc::invalid_episode (errc::unknown_level or
/// errc::ambiguous_level for a code) naming the place ("/episodes/2/stays/0/level").
IOPCARE_API void check_record(const episode_record& record, const continuum& care);

/// The report of a record against a continuum (levels, moves and what each move skips).
/// Non-throwing form: try_analyze().
[[nodiscard]] IOPCARE_API episode_report analyze(const episode_record& record, const continuum& care);
/// Against the standard continuum of the record's edition.
[[nodiscard]] IOPCARE_API episode_report analyze(const episode_record& record);
/// Non-throwing form.
[[nodiscard]] IOPCARE_API result<episode_report> try_analyze(const episode_record& record,
                                                             const continuum& care) noexcept;

}  // namespace iopcare
