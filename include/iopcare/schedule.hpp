/// @file
/// Enrollments in a program, expansion into concrete sessions, group
/// capacity with refusal or waitlist, conflict detection, and range-v3 views over sessions.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <range/v3/view/filter.hpp>

#include "iopcare/calendar.hpp"
#include "iopcare/detail/export.hpp"
#include "iopcare/detail/sorted_runs.hpp"
#include "iopcare/patient.hpp"
#include "iopcare/program.hpp"

namespace iopcare {


/// An extra individual session for one patient, e.g. weekly individual therapy.
struct extra_session {
    /// The weekday it recurs on.
    std::chrono::weekday day{};
    /// Local time of day, 0 <= start < 24 h.
    std::chrono::seconds start{};
    /// How long it lasts.
    std::chrono::minutes length{};
    /// A service id of the catalog.
    std::string service{};
    /// Where, if a room is booked.
    std::optional<std::string> room{};
    /// Who leads it, if named.
    std::optional<std::string> facilitator{};
};

/// A patient's place in the program. Every member has a default, so designated initialisers
/// compile warning-free:
/// @code
///   s.enroll({.patient = "mrn-1", .admit = 2026y / March / 2d, .weeks = 12, .group = "evening"});
/// @endcode
struct enrollment {
    /// Who is enrolled.
    patient_id patient{};
    /// The first day in the program (local date).
    std::chrono::year_month_day admit{};
    std::optional<unsigned> weeks{};                      ///< planned length in weeks, or instead:
    std::optional<std::chrono::year_month_day> discharge{};  ///< last day attended (inclusive)
    std::string group{};                                  ///< the group (track) the patient joins
    /// Individual sessions on top of the group's template.
    std::vector<extra_session> extras{};
    std::string name{};  ///< a display name the exports show (iCalendar, FHIR); the id when empty

    /// First day after the enrollment: admit + weeks*7, or discharge + 1; throws
    /// errc::invalid_enrollment when neither is set or discharge precedes admit.
    [[nodiscard]] IOPCARE_API std::chrono::sys_days end() const;
};

/// The index of no name: a session without a group, room or facilitator.
inline constexpr std::uint16_t no_index = std::numeric_limits<std::uint16_t>::max();

/// One concrete session. Names are indices into the schedule's name table.
struct session {
    /// Whose session.
    patient_id patient;
    /// Wall-clock start in the program's zone.
    local_seconds local_start{};
    sys_seconds utc_start{};            ///< filled by resolve_utc(); equals local_start until then
    /// How long it lasts.
    std::chrono::minutes length{};
    /// The service's name index.
    std::uint16_t service = no_index;
    std::uint16_t group = no_index;     ///< no_index for individual extras
    /// The program phase it belongs to (index into program::phases).
    std::uint16_t phase = 0;
    /// The room's name index, or no_index.
    std::uint16_t room = no_index;
    /// The facilitator's name index, or no_index.
    std::uint16_t facilitator = no_index;
};

/// What enrolling into a full group does: `refuse` it (errc::capacity_exceeded), or put the
/// patient on the `waitlist`.
enum class overflow_policy : unsigned char { refuse, waitlist };

/// What schedule::enroll() did.
struct enroll_outcome {
    /// Whether the patient went on the waitlist instead of into the group.
    bool waitlisted = false;
};

/// A conflict: two sessions of the same patient, room or facilitator overlap.
struct conflict {
    /// What the two sessions share: a `patient`, a `room` or a `facilitator`.
    enum class kind : unsigned char { patient, room, facilitator };
    /// What the two sessions share.
    kind what = kind::patient;
    std::size_t first = 0;   ///< indices into the expanded sessions
    /// The other session's index.
    std::size_t second = 0;
};

/// The sessions a schedule expands to over a range of days, and what a DST skip dropped.
struct expansion {
    std::vector<session> sessions;          ///< ordered by patient, then start
    std::vector<local_seconds> skipped;     ///< local times dropped by dst_policy::skip (per session)
    /// The patient of each skipped occurrence, in the order of `skipped`.
    std::vector<patient_id> skipped_patients;
};

/// A program with its enrolled patients: enrollment with group capacity, cancellations and
/// reschedulings of group occurrences, and expansion into concrete sessions.
class IOPCARE_API schedule {
public:
    /// A schedule of a program with nobody enrolled; `overflow` says what enrolling into a full group
    /// does.
    explicit schedule(program p, overflow_policy overflow = overflow_policy::refuse);

    /// The program.
    [[nodiscard]] const program& prog() const noexcept { return program_; }
    /// Enrolls a patient; a full group (capacity reached by enrollments overlapping in time)
    /// throws errc::capacity_exceeded under refuse, or waitlists under waitlist. A bad
    /// enrollment (unknown group, no length, a patient already enrolled or waitlisted) throws
    /// errc::invalid_enrollment. O(log^2 n) in the enrollments so far, so n of them take
    /// O(n log^2 n) in all.
    /// Non-throwing form: try_enroll().
    enroll_outcome enroll(enrollment e);
    /// Non-throwing form of enroll(): the outcome, or why the enrollment was refused.
    [[nodiscard]] result<enroll_outcome> try_enroll(enrollment e) noexcept;
    /// The enrolled patients, in enrollment order.
    [[nodiscard]] const std::vector<enrollment>& enrolled() const noexcept { return enrolled_; }
    /// The waitlisted patients, in enrollment order.
    [[nodiscard]] const std::vector<enrollment>& waitlist() const noexcept { return waitlist_; }

    /// Sessions of every enrolled patient on days in [from, to), local times only (utc_start
    /// equals the wall-clock reading until resolve_utc runs); closed days produce none, cancelled
    /// occurrences none, and a rescheduled occurrence appears at its new time when that is in
    /// the range. Days outside the supported years (see holidays.hpp) throw errc::invalid_date.
    /// Expansions larger than max_sessions() throw errc::limit_exceeded before any session is
    /// made (see expected_sessions).
    [[nodiscard]] expansion expand_local(std::chrono::year_month_day from, std::chrono::year_month_day to) const;
    /// expand_local, then resolve_utc with the program's zone. A program without a zone throws
    /// errc::invalid_program naming "zone" (set time_zone::utc() to mean UTC); `to` before
    /// `from` throws errc::invalid_argument.
    [[nodiscard]] expansion expand(std::chrono::year_month_day from, std::chrono::year_month_day to,
                                   dst_policy policy = dst_policy::shift_forward) const;
    /// The sessions of `weeks` weeks from the local day `from`: the form results hand back.
    /// Non-throwing form: try_expand().
    [[nodiscard]] expansion expand(local_days from, unsigned weeks, dst_policy policy = dst_policy::shift_forward) const;
    /// Non-throwing form of expand(from, weeks).
    [[nodiscard]] result<expansion> try_expand(local_days from, unsigned weeks,
                                               dst_policy policy = dst_policy::shift_forward) const noexcept;

    /// How many sessions expand_local(from, to) makes at most: the template's sessions on each
    /// enrolled day, computed week by week from the template without expanding (closures,
    /// cancellations and moves, which only remove or relocate sessions, are not subtracted).
    [[nodiscard]] std::uint64_t expected_sessions(std::chrono::year_month_day from, std::chrono::year_month_day to) const;
    /// The largest expansion allowed; a session costs about 40 bytes, and 100 to 300 more once
    /// written as text, CSV or JSON.
    static constexpr std::uint64_t default_max_sessions = 5'000'000;
    /// The largest expansion allowed for this schedule (default_max_sessions unless set).
    [[nodiscard]] std::uint64_t max_sessions() const noexcept { return max_sessions_; }
    /// Sets the largest expansion allowed.
    void set_max_sessions(std::uint64_t n) noexcept { max_sessions_ = n; }
    /// Throws errc::limit_exceeded when expected_sessions(from, to) exceeds max_sessions(); what
    /// expand_local and the iCalendar export check before they start.
    void check_size(std::chrono::year_month_day from, std::chrono::year_month_day to) const;

    /// Cancels one occurrence of a group (every patient's session at that local start);
    /// throws errc::invalid_argument for an unknown group.
    void cancel(std::string_view group, local_seconds start);
    /// Whether the occurrence of a group (by name index) at a local start was cancelled.
    [[nodiscard]] bool cancelled(std::uint16_t group, local_seconds start) const noexcept;
    /// A cancelled group occurrence.
    struct cancellation {
        /// The group's name index.
        std::uint16_t group = no_index;
        /// The occurrence's local start.
        local_seconds start{};
    };
    /// Every cancellation, in the order made.
    [[nodiscard]] const std::vector<cancellation>& cancellations() const noexcept { return cancelled_; }

    /// Moves one occurrence of a group (every patient's session at local start `from`) to the
    /// local start `to`, keeping its length: a session moved to another hour or day. Throws
    /// errc::invalid_argument for an unknown group, or when the occurrence was already moved.
    void reschedule(std::string_view group, local_seconds from, local_seconds to);
    /// A rescheduled group occurrence.
    struct move {
        /// The group's name index.
        std::uint16_t group = no_index;
        /// The occurrence's original local start.
        local_seconds from{};
        /// Its new local start.
        local_seconds to{};
    };
    /// Every rescheduling, in the order made.
    [[nodiscard]] const std::vector<move>& moves() const noexcept { return moved_; }
    /// The move of the occurrence of `group` at `from`, or nullptr.
    [[nodiscard]] const move* moved(std::uint16_t group, local_seconds from) const noexcept;

    /// The capacity of a group (0 = unlimited).
    [[nodiscard]] unsigned capacity(std::uint16_t group) const noexcept;

    /// The name behind an index in a session.
    /// Throws errc::invalid_argument for an index with no name.
    [[nodiscard]] const std::string& name(std::uint16_t index) const;
    [[nodiscard]] std::uint16_t index_of(std::string_view name) const noexcept;  ///< no_index if unknown

private:
    /// A group's capacity (the smallest of its lines' capacities, 0 = unlimited) and the stays
    /// enrolled in it, as first days and days after, so that counting the stays a new one
    /// overlaps needs no scan.
    struct group_load {
        unsigned capacity = 0;
        detail::sorted_runs admits;
        detail::sorted_runs ends;
    };
    struct name_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };

    std::uint16_t intern(const std::string& s);
    // The checks expand_local makes before any work: a range in order, supported years, size.
    void check_range(std::chrono::year_month_day from, std::chrono::year_month_day to) const;
    program program_;
    overflow_policy overflow_;
    std::vector<enrollment> enrolled_;
    std::vector<enrollment> waitlist_;
    std::unordered_set<patient_id> patients_;  ///< enrolled or waitlisted
    std::unordered_map<std::string, group_load, name_hash, std::equal_to<>> groups_;
    std::vector<std::string> names_;
    std::unordered_map<std::string, std::uint16_t, name_hash, std::equal_to<>> name_index_;
    std::vector<cancellation> cancelled_;
    std::vector<move> moved_;
    std::uint64_t max_sessions_ = default_max_sessions;
};

/// A makeup proposal: an occurrence of another group with the same service, in the same
/// Monday-to-Sunday week, with an open seat and no clash with the patient's own sessions.
struct makeup {
    /// The other group's name index.
    std::uint16_t group = no_index;
    /// The occurrence's local start.
    local_seconds start{};
    /// Its length.
    std::chrono::minutes length{};
    /// Seats left in it.
    unsigned open_seats = 0;
};

/// Makeups for `patient` whose session of `group` at `cancelled_start` was cancelled: chosen in
/// time order until their minutes reach the cancelled session's length. `x` is the expansion
/// of the week (with the cancellation applied); `all_lines` are looked up in the program.
[[nodiscard]] IOPCARE_API std::vector<makeup> propose_makeups(const schedule& s, const expansion& x,
                                                              const patient_id& patient, std::uint16_t group,
                                                              local_seconds cancelled_start);

/// Planned minutes per Monday-to-Sunday week for one patient (or everyone when nullopt).
struct week_minutes {
    /// The Monday the week starts on.
    std::chrono::local_days week_start{};
    /// Minutes planned in the week.
    std::chrono::minutes planned{};
};
/// Planned minutes of the sessions, by week, in week order.
[[nodiscard]] IOPCARE_API std::vector<week_minutes> weekly_minutes(const std::vector<session>& sessions,
                                                                   const std::optional<patient_id>& patient = std::nullopt);

/// Fills utc_start through the zone under the policy; occurrences a skip policy drops are
/// removed from `sessions` and listed in `skipped`.
IOPCARE_API void resolve_utc(expansion& x, const time_zone& zone, dst_policy policy);

/// Overlapping sessions of one patient, one room or one facilitator.
[[nodiscard]] IOPCARE_API std::vector<conflict> find_conflicts(const std::vector<session>& sessions);

/// Views (no copies) over expanded sessions: those of a patient, of a group, of a service, or
/// starting (local time) in [from, to). The sessions must outlive the view.
///@{
[[nodiscard]] inline auto sessions_of(const std::vector<session>& s, patient_id p) {
    return s | ranges::views::filter([p = std::move(p)](const session& x) { return x.patient == p; });
}
[[nodiscard]] inline auto sessions_in_group(const std::vector<session>& s, std::uint16_t group) {
    return s | ranges::views::filter([group](const session& x) { return x.group == group; });
}
[[nodiscard]] inline auto sessions_of_service(const std::vector<session>& s, std::uint16_t service) {
    return s | ranges::views::filter([service](const session& x) { return x.service == service; });
}
[[nodiscard]] inline auto sessions_between(const std::vector<session>& s, local_seconds from, local_seconds to) {
    return s | ranges::views::filter([from, to](const session& x) { return x.local_start >= from && x.local_start < to; });
}
///@}

/// Enrolls one stand-in patient per group of the program ("1", "2", ... in the order of
/// program::groups(), or one patient "1" with no group when it has none), admitted on `from`
/// for `weeks`: the sessions a program runs before anyone is enrolled, for a schedule or its
/// FHIR Slots. Throws as schedule::enroll does.
IOPCARE_API void enroll_stand_ins(schedule& s, std::chrono::year_month_day from, unsigned weeks);

}  // namespace iopcare
