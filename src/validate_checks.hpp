// Internal to validation (validate.cpp, validate_checks.cpp): the per-patient table every
// rule family reads, the week and stay views, and the checks themselves, one per rule family.
// validate.cpp reads records into the table; validate_checks.cpp judges it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "iopcare/rules.hpp"
#include "iopcare/validate.hpp"

namespace iopcare::detail::checks {

using namespace std::chrono;
using namespace std::chrono_literals;

inline constexpr std::int64_t day_seconds = 86400;
// Dates outside 1900-2199 are taken for typing errors (and would make day tables huge).
inline constexpr std::int64_t earliest_day = -25567;  // 1900-01-01, days since 1970-01-01
inline constexpr std::int64_t latest_day = 84006;     // 2200-01-01
static_assert(sys_days{1900y / 1 / 1}.time_since_epoch().count() == earliest_day);
static_assert(sys_days{2200y / 1 / 1}.time_since_epoch().count() == latest_day);

[[nodiscard]] inline std::int64_t day_number(const year_month_day& d) { return local_days{d}.time_since_epoch().count(); }

// "2026-03-02": a local day (days since the epoch) as a date.
[[nodiscard]] std::string fmt_day(std::int64_t day);

// One patient's stay in local days (days since the epoch).
struct stay {
    std::int64_t first = 0;   // first and last day checked
    std::int64_t last = 0;
    std::int64_t anchor = 0;  // first day of the first week
    std::int64_t origin = 0;  // day 1 of the stay: the admission, else the first record's day
    std::size_t weeks = 0;
    const enrollment_period* enrollment = nullptr;  // nullptr without one
};

struct day_cell {
    std::int64_t secs = 0;       // counted time, an overlap counted once
    std::uint16_t sessions = 0;  // attended (or partial) sessions of counted services
    bool closed = false;
};

// The table every check reads, built once per patient: the days of its weeks (whole weeks from
// the anchor) and, per week, the attended sessions of each service-mix requirement.
struct patient_table {
    stay s;
    std::vector<day_cell> days;
    std::vector<std::uint32_t> mix;  // week * n_mix + requirement
    std::size_t n_mix = 0;
    [[nodiscard]] const day_cell& at(std::int64_t day) const { return days[static_cast<std::size_t>(day - s.anchor)]; }
};

// One week as the checks see it.
struct week_view {
    std::size_t index = 0;
    std::int64_t start = 0;    // first day of the week
    std::int64_t lo = 0;       // its days in the stay, [lo, hi]
    std::int64_t hi = 0;
    unsigned scale = 7;        // days of 7 its minimums are scaled to
    unsigned thin_days = 0;    // days with counted time but fewer sessions than a day needs
};

// Days of a stay without a certification in force: before the first (missing), or after a
// recertification fell due and before the next (overdue). In order, not overlapping.
struct cert_gap {
    std::int64_t from = 0;  // inclusive
    std::int64_t to = 0;
    std::int64_t due = 0;   // overdue: the day the recertification was due
    std::int64_t last = 0;  // overdue: the certification before
    bool missing = false;
};

// Counted time, sessions, qualifying and closed days, and the days its minimums scale to.
void tally_week(const rule_set& rules, const patient_table& t, week_view& v, week_result& wr);

void check_weekly_hours(const rule_set& rules, const week_view& v, week_result& wr);

void check_qualifying_days(const rule_set& rules, const week_view& v, week_result& wr);

// Each day with counted services gets the label of the highest tier it meets (tiers go up).
void list_day_tiers(const rule_set& rules, const patient_table& t, const week_view& v, week_result& wr,
                    std::vector<std::size_t>& tier_days);

void check_service_mix(const rule_set& rules, const patient_table& t, const week_view& v, week_result& wr);

void check_certification(const rule_set& rules, std::span<const cert_gap> gaps, std::size_t& cursor,
                         std::int64_t origin, const week_view& v, week_result& wr);

void certification_gaps(const rule_set& rules, const patient_table& t, std::span<const std::int64_t> certs,
                        std::vector<cert_gap>& out);

// Runs of short (below_minimum) weeks; exempt weeks neither extend nor break a run, and a
// short admission week is no step-down: it starts no run.
void apply_step_down(const rule_set& rules, const stay& s, patient_result& pr, std::vector<std::size_t>& run);

// Compliance, the patient's and report's counts, the failing run and the higher-level review.
void settle(const rule_set& rules, patient_result& pr, validation_report& out);

}  // namespace iopcare::detail::checks
