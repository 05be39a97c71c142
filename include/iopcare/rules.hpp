/// @file
/// Hour-requirement rule sets as data: weekly hour bands, qualifying days,
/// counted services, week boundaries, admission/discharge-week and closure policies, step-down
/// allowance, service-mix requirements, per-day payment tiers and (re)certification, plus the
/// built-in sets with their sources.
///
/// A host builds its own rule_set field by field or starts from a built-in one and edits it.
/// Where the sources leave a choice open (week start, rolling vs calendar weeks, the edge
/// weeks), the field is a parameter and the built-in value is marked as our choice.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/detail/export.hpp"
#include "iopcare/error.hpp"
#include "iopcare/level.hpp"
#include "iopcare/service.hpp"

namespace iopcare {

/// The first day of a calendar week, in the program's local time: `monday` or `sunday`.
enum class week_start_day : unsigned char { monday, sunday };
/// How a stay is cut into weeks. `calendar`: weeks begin on week_start. `rolling`: consecutive 7-day windows from the first day
/// of the patient's span (the admission date, else the first record's date).
enum class week_kind : unsigned char { calendar, rolling };
/// How a week only partly inside the enrollment (admission or discharge week) is judged.
/// - `exempt`: reported, never failed (status `exempt`)
/// - `prorated`: minimums scaled by the enrolled days / 7 (days rounded up); maximums kept
/// - `strict`: judged like a full week
enum class edge_week_policy : unsigned char { exempt, prorated, strict };
/// What a program closure (a holiday, a snow day) does to a week's minimums.
/// - `ignore`: nothing; hours are hours delivered (how payers count)
/// - `prorate`: minimums scaled by the open days / 7, as an admission week's are
enum class closure_policy : unsigned char { ignore, prorate };
/// How "day N of the stay" is counted for the first recertification: every calendar day from
/// the admission (day 1, `calendar_day`), or only days with counted services ("the 18th day of
/// services", `service_day`).
enum class stay_day_basis : unsigned char { calendar_day, service_day };

/// The word files use for a value ("monday", "rolling", "prorated", "prorate", "service_day").
///@{
[[nodiscard]] IOPCARE_API std::string_view to_string(week_start_day d) noexcept;
[[nodiscard]] IOPCARE_API std::string_view to_string(week_kind k) noexcept;
[[nodiscard]] IOPCARE_API std::string_view to_string(edge_week_policy p) noexcept;
[[nodiscard]] IOPCARE_API std::string_view to_string(closure_policy p) noexcept;
[[nodiscard]] IOPCARE_API std::string_view to_string(stay_day_basis b) noexcept;
///@}
/// The value a word names, as to_string() writes it; nothing for an unknown word.
///@{
[[nodiscard]] IOPCARE_API std::optional<week_start_day> parse_week_start_day(std::string_view text) noexcept;
[[nodiscard]] IOPCARE_API std::optional<week_kind> parse_week_kind(std::string_view text) noexcept;
[[nodiscard]] IOPCARE_API std::optional<edge_week_policy> parse_edge_week_policy(std::string_view text) noexcept;
[[nodiscard]] IOPCARE_API std::optional<closure_policy> parse_closure_policy(std::string_view text) noexcept;
[[nodiscard]] IOPCARE_API std::optional<stay_day_basis> parse_stay_day_basis(std::string_view text) noexcept;
///@}

/// "At least `min_count` attended sessions of `service` in every block of `per_weeks` weeks",
/// optionally only in the weeks that overlap the first `within_first_days` days of the span.
struct service_requirement {
    std::string service;                       ///< a service id ("individual_therapy")
    /// The least number of attended sessions per block.
    unsigned min_count = 1;
    unsigned per_weeks = 1;                    ///< >= 1; blocks start at the first week of the span
    std::optional<unsigned> within_first_days; ///< e.g. 30: only in the first 30 days
    std::string source;                        ///< where the requirement comes from

    /// Equal when every field is.
    friend bool operator==(const service_requirement&, const service_requirement&) = default;
};

/// A per-day payment tier: a day with at least `min_services` counted services (attended or
/// partial sessions) gets `label`, unless it meets a higher tier. Medicare pays IOP and PHP days
/// with 3 services at one rate and days with 4 or more at another (CY2024 OPPS).
struct day_tier {
    /// The least number of counted services a day needs for this tier.
    unsigned min_services = 1;
    std::string label;                         ///< "3_services"; never "below_tier"

    /// Equal when every field is.
    friend bool operator==(const day_tier&, const day_tier&) = default;
};

/// The label of a day with counted services under the lowest tier: a count, not a payment
/// decision (what a payer pays for such a day is not settled by the sources).
inline constexpr std::string_view below_tier = "below_tier";

/// An hour-requirement rule set: what a week (and a day) of attendance must hold at a level, and
/// how weeks are counted. See builtin_rules() for the shipped ones.
struct rule_set {
    std::string id;                            ///< "asam-iop-adult"
    std::string name;                          ///< a name for people
    std::string source;                        ///< citation of the thresholds

    /// Weekly counted hours: a week meets the minimum with counted >= minimum; it is above the
    /// maximum with counted > maximum (maximum_inclusive) or counted >= maximum (not).
    hour_band weekly;

    /// A day qualifies with at least min_daily counted time (and min_services_per_day counted
    /// sessions when set); a week needs min_days_per_week qualifying days.
    ///@{
    unsigned min_days_per_week = 0;
    std::chrono::minutes min_daily{0};
    unsigned min_services_per_day = 0;
    ///@}

    /// Services whose attended time counts; empty = every service the catalog marks as
    /// counting toward clinical hours.
    std::vector<std::string> counted_services;

    /// The first day of a calendar week.
    week_start_day week_start = week_start_day::monday;
    /// Calendar or rolling weeks.
    week_kind weeks = week_kind::calendar;
    /// How admission and discharge weeks are judged.
    edge_week_policy edge_weeks = edge_week_policy::prorated;
    /// What program closures do to a week's minimums.
    closure_policy closures = closure_policy::ignore;

    /// Weeks under the minimum hours (or qualifying days) tolerated while stepping down, as ASAM
    /// lets IOP continue 1-2 weeks under 9 h before level 1: the last weeks of a run of short
    /// weeks that ends with the discharge, or the first weeks of one that starts in or after
    /// the week of the enrollment's step_down date. Their violations are marked `allowed`. A
    /// short week in the middle of a stay is never allowed, and an admission week never starts
    /// a run. A run longer than this (and than one week) raises the step-down review.
    unsigned step_down_allowance = 0;
    /// Weeks above the maximum (in total) that raise the higher-level (PHP) review; 0 = never.
    unsigned higher_level_review_after = 2;

    /// Services required at a pace (an individual session every week, ...).
    std::vector<service_requirement> service_mix;

    /// Per-day payment tiers, lowest first (strictly increasing min_services); empty = none.
    std::vector<day_tier> day_tiers;

    /// Certification of need. With certification_required, a patient without a certification
    /// on file fails every checked week (certification.missing). Recertification is due after
    /// the first certification by first_recertification_day of the stay (day 1 = admission,
    /// counted as first_recertification_basis says), and after each later one within the
    /// interval, in months or in days (not both). Without certification_required the check runs
    /// only when some certification is given.
    ///@{
    bool certification_required = false;
    std::optional<std::chrono::months> recertification_interval;
    std::optional<std::chrono::days> recertification_interval_days;
    std::optional<unsigned> first_recertification_day;
    stay_day_basis first_recertification_basis = stay_day_basis::calendar_day;
    ///@}

    /// Equal when every field is.
    friend bool operator==(const rule_set&, const rule_set&) = default;
};

/// The first day of the week holding `day` when weeks are calendar weeks; `day` itself for
/// rolling weeks (which start on the first day of the span).
[[nodiscard]] IOPCARE_API std::chrono::local_days first_week_day(const rule_set& rules,
                                                                 std::chrono::local_days day) noexcept;
/// The days of 7 a week's minimums are scaled to: the days in the stay for an admission or
/// discharge week under edge_weeks = prorated (else 7), less the closed days among them under
/// closures = prorate.
[[nodiscard]] IOPCARE_API unsigned minimum_days(const rule_set& rules, unsigned days_in_stay,
                                                unsigned closed_in_stay) noexcept;
/// Whether the rule set counts a service's time: listed in counted_services, or, when that is
/// empty, marked as counting by the catalog.
[[nodiscard]] IOPCARE_API bool counts_service(const rule_set& rules, const service& s,
                                              const service_catalog& services = service_catalog::standard());

/// The ids of the built-in rule sets, in a stable order.
[[nodiscard]] IOPCARE_API std::span<const std::string_view> builtin_rule_ids() noexcept;
/// A copy of a built-in rule set; an unknown id throws errc::unknown_rule_set naming it and
/// listing the known ids.
/// Non-throwing form: try_builtin_rules().
[[nodiscard]] IOPCARE_API rule_set builtin_rules(std::string_view id);
/// Non-throwing form of builtin_rules().
[[nodiscard]] IOPCARE_API result<rule_set> try_builtin_rules(std::string_view id) noexcept;

/// Problems in a rule set, checked against a service catalog (unknown services, min above
/// max, per_weeks of 0, a day minimum above 24 h, ...). Empty when the set is usable.
[[nodiscard]] IOPCARE_API std::vector<error_info> rule_set_problems(
    const rule_set& rules, const service_catalog& services = service_catalog::standard());
/// Throws errc::invalid_rule_set for the first problem, naming the field and value.
IOPCARE_API void check_rule_set(const rule_set& rules,
                                const service_catalog& services = service_catalog::standard());

}  // namespace iopcare
