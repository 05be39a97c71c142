/// @file
/// A simulation's results as a text table, CSV or JSON, as the
/// `iopcare simulate` command prints them; part of the optional iopcare::io target.
///
/// Text: a title line, then one row per level (id, code, capacity, occupancy with its 95%
/// interval, utilization, admissions a year, wait with its interval), a table of discharges a
/// year by outcome, and, when the scenario has costs, each level's cost a year and the totals
/// (a year, per episode, per completed episode). An overloaded level's row is marked
/// "OVERLOADED: not a steady state", shows no intervals, and a note under the table says why.
/// CSV: level,code,statistic,mean,sd,ci95_low,ci95_high,n with one line per level and statistic
/// (occupancy, utilization, waitlist, wait_days, wait_p90_days, los_days, admissions_per_year,
/// cost_per_year, discharges.OUTCOME, discharge_los_days.OUTCOME), then the totals as lines with
/// an empty level and code. JSON: "scenario", "replications", "seed", "horizon_days",
/// "warmup_days", "events", "levels" keyed by level id (each with "code", "capacity",
/// "offered_load", "overloaded", for an overloaded level a "note", and the statistics, each
/// {"mean", "sd", "ci95": [low, high], "n"}, with "discharges" and "discharge_los_days" keyed by
/// outcome), "totals" (cost_per_year, cost_per_episode, cost_per_completed_episode,
/// episodes_per_year, completed_per_year), "unstable", "unstable_levels". These names are a
/// contract. An undefined statistic (NaN) is null in JSON, empty in CSV and "n/a" in text; an
/// overloaded level's intervals are null (JSON) or empty (CSV). Ids and names of any length are
/// written in full: escaped in text (iopcare/text.hpp), quoted in CSV, and in JSON with bytes
/// that are not UTF-8 replaced by U+FFFD.
#pragma once

#include <cstdint>
#include <string>

#include "iopcare/io/export.hpp"
#include "iopcare/sim/simulation.hpp"

namespace iopcare::io {

/// A simulation's report, as `iopcare simulate` prints it: per level and for the whole
/// continuum, means with 95% intervals; as text for a person, CSV (per level) or JSON. `seed` is
/// the seed the run used.
///@{
[[nodiscard]] IOPCARE_IO_API std::string simulation_to_text(const sim::scenario& s, const sim::simulation_result& r,
                                                         std::uint64_t seed);
[[nodiscard]] IOPCARE_IO_API std::string simulation_to_csv(const sim::simulation_result& r);
[[nodiscard]] IOPCARE_IO_API std::string simulation_to_json(const sim::scenario& s, const sim::simulation_result& r,
                                                         std::uint64_t seed);
///@}

}  // namespace iopcare::io
