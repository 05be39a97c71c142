/// @file
/// A program's weekly session template: phases, template lines,
/// closures, validation against the level and service catalogs, and the weekly-hours plan check.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "iopcare/calendar.hpp"
#include "iopcare/catalog.hpp"
#include "iopcare/detail/export.hpp"
#include "iopcare/holidays.hpp"
#include "iopcare/level.hpp"
#include "iopcare/rules.hpp"
#include "iopcare/service.hpp"

namespace iopcare {

/// One recurring session of a weekly template: on each of `days`, at `start` (local time of
/// day), for `length`.
/// Every member has a default, so designated initialisers compile warning-free:
/// @code
///   template_line{.days = {Monday, Tuesday, Thursday}, .start = 18h, .length = 180min,
///                 .service = "group_therapy", .group = "evening", .capacity = 12}
/// @endcode
struct template_line {
    /// The weekdays it recurs on.
    std::vector<std::chrono::weekday> days{};
    std::chrono::seconds start{};        ///< local time of day, 0 <= start < 24 h
    std::chrono::minutes length{};       ///< how long each session lasts, > 0
    std::string service{};               ///< an id in the service catalog
    std::string group{};                 ///< the group (track) the line belongs to
    unsigned capacity = 0;               ///< group size; 0 = no limit (individual sessions)
    /// Where, if a room is booked.
    std::optional<std::string> room{};
    /// Who leads it, if named.
    std::optional<std::string> facilitator{};
};

/// A phase: a template that runs for `weeks` weeks (TIP 47's phases).
struct program_phase {
    /// The phase's name ("engagement", "early recovery").
    std::string name;
    unsigned weeks = 0;                  ///< 0 only for a last, open-ended phase
    /// The weekly template of the phase.
    std::vector<template_line> sessions;
};

/// An intensive outpatient program (or any level's program): its level, population, zone, phases
/// and closures. Check it with validate(); expand it with a schedule.
struct program {
    /// The program's name.
    std::string name;
    std::string level;                   ///< a level code known to the catalog, e.g. "2.1"
    /// Whose hour band applies.
    iopcare::population population = population::adult;
    std::optional<time_zone> zone;       ///< set before expanding into UTC
    /// The phases, in order; the last may be open-ended.
    std::vector<program_phase> phases;
    /// Days the program is closed.
    closure_calendar closures;

    /// Index of the phase for week `week_index` (0-based) of an enrollment, or nothing past
    /// the end of the last phase when it has a fixed length.
    [[nodiscard]] IOPCARE_API std::optional<std::size_t> phase_for_week(unsigned week_index) const noexcept;
    /// The zone, for whatever needs instants or local weeks (expanding into UTC, iCalendar,
    /// validating a plan, simulating attendance). Throws errc::invalid_program naming `zone`
    /// when there is none: taking UTC for a clinic's clock would put every session at the
    /// wrong hour without a word (time_zone::utc() says UTC on purpose).
    [[nodiscard]] IOPCARE_API const time_zone& required_zone() const;
    /// The names of its groups, each once, in order of first appearance across phases and
    /// lines; empty when every line is an individual session.
    [[nodiscard]] IOPCARE_API std::vector<std::string> groups() const;
};

/// Throws errc::invalid_program naming the field path ("phases/0/sessions/2/minutes") and value
/// for the first problem found: unknown level or service, empty days, out-of-range start time,
/// non-positive length, a group line without capacity, a fixed-length phase of 0 weeks
/// (other than the last), or no phases at all.
IOPCARE_API void validate(const program& p, const catalog& levels, const service_catalog& services);
/// Every problem validate() would throw for, in order; empty when the program is valid.
[[nodiscard]] IOPCARE_API std::vector<error_info> validation_errors(const program& p, const catalog& levels,
                                                                    const service_catalog& services);

/// Planned minutes in the week starting at `week_start` (a Monday, normally), for a patient in
/// `group` ("" = every line), under the phase that applies, with closed days removed.
struct planned_week {
    /// The first day of the week.
    std::chrono::year_month_day week_start{};
    std::size_t phase = 0;               ///< the phase of the week's first day in the stay
    /// Minutes planned in the week.
    std::chrono::minutes planned{};
    unsigned closed_days = 0;            ///< days in the week with a template session that were closed
    unsigned days_in_stay = 7;           ///< days of the week inside the enrollment
    unsigned closed_in_stay = 0;         ///< of those, days the program is closed (sessions or not)
};

/// The weekly plan of an enrollment admitted on `admit` for `weeks` weeks, every template
/// minute counted. Week k runs [admit + 7k, admit + 7k + 7) days.
[[nodiscard]] IOPCARE_API std::vector<planned_week> plan_weeks(const program& p, std::chrono::year_month_day admit,
                                                               unsigned weeks, std::string_view group = {});
/// The same plan measured as `rules` measures attendance, so that check_plan(..., rules) and
/// validate_plan() agree: the rule set's weeks (calendar weeks from its week_start, or 7-day
/// windows from the admission; the first and last may be partial), and only the services it
/// counts (drug testing, mutual-help meetings and yoga do not count under any built-in set).
/// The stay runs from `admit` to admit + 7 * weeks - 1.
[[nodiscard]] IOPCARE_API std::vector<planned_week> plan_weeks(
    const program& p, std::chrono::year_month_day admit, unsigned weeks, const rule_set& rules,
    std::string_view group = {}, const service_catalog& services = service_catalog::standard());

/// A week outside an hour band.
struct plan_issue {
    /// Whether the week plans too little (`below` the band) or too much (`above` it).
    enum class kind : unsigned char { below, above };
    /// Below or above the band.
    kind problem = kind::below;
    /// The week.
    planned_week week;
    /// The band it was checked against.
    hour_band band;
};

/// Checks every planned week against `level.hours_for(population)`; a level without a band
/// gives no issues.
[[nodiscard]] IOPCARE_API std::vector<plan_issue> check_plan(const std::vector<planned_week>& weeks,
                                                             const care_level& level,
                                                             iopcare::population pop);
/// Checks weeks from plan_weeks(..., rules) against the rule set's weekly band as validation
/// does: an admission or discharge week exempt or prorated by its edge_weeks policy, closed days
/// prorated when its closures policy says so.
[[nodiscard]] IOPCARE_API std::vector<plan_issue> check_plan(const std::vector<planned_week>& weeks,
                                                             const rule_set& rules);

}  // namespace iopcare
