// iopcare/rules.hpp — hour-requirement rule sets as data: weekly hour bands, qualifying days,
// counted services, week boundaries, admission/discharge-week policy, step-down allowance,
// service-mix requirements and recertification, plus the built-in sets with their sources.
//
// A host builds its own rule_set field by field or starts from a built-in one and edits it.
// Where the sources leave a choice open (week start, rolling vs calendar weeks, the edge
// weeks), the field is a parameter and the built-in value is marked as our choice.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/detail/export.hpp"
#include "iopcare/error.hpp"
#include "iopcare/service.hpp"

namespace iopcare {

// The first day of a calendar week, in the program's local time.
enum class week_start_day : unsigned char { monday, sunday };
// calendar: weeks begin on week_start. rolling: consecutive 7-day windows from the first day
// of the patient's span (the admission date, else the first record's date).
enum class week_kind : unsigned char { calendar, rolling };
// How a week only partly inside the enrollment (admission or discharge week) is judged.
//   exempt:   reported, never failed (status `exempt`)
//   prorated: minimums scaled by the enrolled days / 7 (days rounded up); maximums kept
//   strict:   judged like a full week
enum class edge_week_policy : unsigned char { exempt, prorated, strict };

[[nodiscard]] IOPCARE_API std::string_view to_string(week_start_day d) noexcept;
[[nodiscard]] IOPCARE_API std::string_view to_string(week_kind k) noexcept;
[[nodiscard]] IOPCARE_API std::string_view to_string(edge_week_policy p) noexcept;
[[nodiscard]] IOPCARE_API std::optional<week_start_day> parse_week_start_day(std::string_view text) noexcept;
[[nodiscard]] IOPCARE_API std::optional<week_kind> parse_week_kind(std::string_view text) noexcept;
[[nodiscard]] IOPCARE_API std::optional<edge_week_policy> parse_edge_week_policy(std::string_view text) noexcept;

// "At least `min_count` attended sessions of `service` in every block of `per_weeks` weeks",
// optionally only in the weeks that overlap the first `within_first_days` days of the span.
struct service_requirement {
    std::string service;                       // a service id ("individual_therapy")
    unsigned min_count = 1;
    unsigned per_weeks = 1;                    // >= 1; blocks start at the first week of the span
    std::optional<unsigned> within_first_days; // e.g. 30: drug testing in the first 30 days
    std::string source;                        // where the requirement comes from

    friend bool operator==(const service_requirement&, const service_requirement&) = default;
};

struct rule_set {
    std::string id;                            // "asam-iop-adult"
    std::string name;                          // for people
    std::string source;                        // citation of the thresholds

    // Weekly counted hours: a week meets the minimum with counted >= min_weekly; it is above
    // the maximum with counted > max_weekly (max_inclusive) or counted >= max_weekly (not).
    std::optional<std::chrono::minutes> min_weekly;
    std::optional<std::chrono::minutes> max_weekly;
    bool max_inclusive = false;

    // A day qualifies with at least min_daily counted time (and min_services_per_day counted
    // sessions when set); a week needs min_days_per_week qualifying days.
    unsigned min_days_per_week = 0;
    std::chrono::minutes min_daily{0};
    unsigned min_services_per_day = 0;

    // Services whose attended time counts; empty = every service the catalog marks as
    // counting toward clinical hours.
    std::vector<std::string> counted_services;

    week_start_day week_start = week_start_day::monday;
    week_kind weeks = week_kind::calendar;
    edge_week_policy edge_weeks = edge_week_policy::prorated;

    // Weeks under the minimum hours (or qualifying days) tolerated in a row: a step-down
    // period, as ASAM lets IOP continue 1-2 weeks under 9 h before level 1. Such weeks keep the
    // status below_minimum, with their violations marked `allowed`; a longer run raises the
    // step-down review. An admission week never starts a run.
    unsigned step_down_allowance = 1;
    // Weeks above the maximum (in total) that raise the higher-level (PHP) review; 0 = never.
    unsigned higher_level_review_after = 2;

    std::vector<service_requirement> service_mix;

    // Recertification of need at least this often (Medicare IOP: every other month). When set
    // and certification dates are given, every week with a day after a recertification fell
    // due (or before the first certification) is flagged.
    std::optional<std::chrono::months> recertification_interval;

    friend bool operator==(const rule_set&, const rule_set&) = default;
};

// The ids of the built-in rule sets, in a stable order.
[[nodiscard]] IOPCARE_API std::span<const std::string_view> builtin_rule_ids() noexcept;
// A copy of a built-in rule set; an unknown id throws errc::unknown_rule_set naming it and
// listing the known ids.
[[nodiscard]] IOPCARE_API rule_set builtin_rules(std::string_view id);
[[nodiscard]] IOPCARE_API result<rule_set> try_builtin_rules(std::string_view id) noexcept;

// Problems in a rule set, checked against a service catalog (unknown services, min above
// max, per_weeks of 0, a day minimum above 24 h, ...). Empty when the set is usable.
[[nodiscard]] IOPCARE_API std::vector<error_info> rule_set_problems(
    const rule_set& rules, const service_catalog& services = service_catalog::standard());
// Throws errc::invalid_rule_set for the first problem, naming the field and value.
IOPCARE_API void check_rule_set(const rule_set& rules,
                                const service_catalog& services = service_catalog::standard());

}  // namespace iopcare
