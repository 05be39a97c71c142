/// @file
/// The `iopcare.rules/1` JSON format of an hour-requirement rule set.
/// Part of the optional iopcare::io target (nlohmann-json stays out of this header).
///
/// ```
///   { "format": "iopcare.rules/1",
///     "extends": "asam-iop-adult",              (optional: start from a built-in set)
///     "id": "state-iop", "name": "...", "source": "...",
///     "min_weekly_hours": 9, "max_weekly_hours": 19, "max_inclusive": true,
///     "min_days_per_week": 3, "min_daily_hours": 3, "min_services_per_day": 0,
///     "counted_services": ["group_therapy", ...],  (empty or absent: the catalog's clinical services)
///     "week_start": "monday" | "sunday", "weeks": "calendar" | "rolling",
///     "edge_weeks": "exempt" | "prorated" | "strict", "closures": "ignore" | "prorate",
///     "step_down_allowance_weeks": 2, "higher_level_review_after_weeks": 2,
///     "service_mix": [ { "service": "individual_therapy", "min_count": 1, "per_weeks": 1,
///                        "within_first_days": 30, "source": "..." } ],
///     "day_tiers": [ { "min_services": 3, "label": "3_services" },
///                    { "min_services": 4, "label": "4_plus_services" } ],
///     "certification_required": true,
///     "recertification_interval_months": 2,     (or "recertification_interval_days": 30)
///     "first_recertification_day": 18,
///     "first_recertification_basis": "calendar_day" | "service_day" }
/// ```
///
/// Every field but "format" is optional when "extends" is given; without it, "id" is required.
/// A weekly bound, an interval or first_recertification_day of null removes the inherited one.
#pragma once

#include <string>
#include <string_view>

#include "iopcare/io/export.hpp"
#include "iopcare/rules.hpp"

namespace iopcare::io {

/// Parses iopcare.rules/1 JSON (starting from the built-in set it `extends`, if any) and checks
/// the result. Throws the loaders' errors (see iopcare::io) and errc::invalid_rule_set or
/// errc::unknown_rule_set.
[[nodiscard]] IOPCARE_IO_API rule_set parse_rules(std::string_view json_text, std::string_view source = "<input>");
/// Reads and parses an iopcare.rules/1 file.
[[nodiscard]] IOPCARE_IO_API rule_set load_rules(const std::string& path);
/// The rule set as iopcare.rules/1 (every field written out; pretty-printed with `indent`).
[[nodiscard]] IOPCARE_IO_API std::string to_json(const rule_set& rules, int indent = 2);

}  // namespace iopcare::io
