/// @file
/// The `iopcare.experiment/1` format and an experiment's results as
/// text, CSV or JSON, as `iopcare experiment` prints them; part of the optional iopcare::io
/// target.
///
/// ```
///   { "format": "iopcare.experiment/1",
///     "name": "iop capacity",
///     "scenario": "continuum-teds" | "scenario.json",    (an embedded name, or a file relative
///                                                          to the experiment file's folder)
///     "factors": [ { "path": "/levels/1/capacity", "values": [120, 150, 180] }, ... ],
///     "replications": 20, "seed": 7,
///     "baseline": 1 }                                     (optional, a point's index; default 0)
/// ```
///
/// A factor's path is a JSON pointer into the scenario as iopcare.scenario/1 writes it (every
/// field is there, costs included); its values are any JSON values, checked when each point's
/// scenario is read. `/seed` and `/replications` belong to the experiment and cannot be factors.
/// The design is the full grid of the factors' values, numbered from 0 in row-major order (the
/// first factor varies slowest). At most 10,000 points (building one takes about 0.1 ms),
/// holding at most five million levels and
/// transitions in all; a scenario file must be a regular file.
///
/// Output. JSON: "experiment", "scenario", "replications", "seed", "baseline", "factors" (the
/// paths), "points" (each {"index", "factors": {PATH: value}, "levels": {ID: the figures of
/// `iopcare simulate --format json`}, "totals": {...}, "unstable"}), "differences" (each point
/// but the baseline: {"index", "levels": {ID: {FIGURE: {"mean", "ci95"}}}, "totals": {...}}, the
/// paired difference point minus baseline, discharges keyed by outcome as in points), "events".
/// CSV: point, one column per factor (named by its path), level, statistic, mean, sd,
/// ci95_low, ci95_high, n, then the paired difference with the baseline: diff_mean,
/// diff_ci95_low, diff_ci95_high (empty for the baseline); the totals as lines with an empty
/// level. Text: the factors, then per point its values and the tables of `iopcare simulate`,
/// then the differences with the baseline. These names are a contract.
#pragma once

#include <string>
#include <string_view>

#include "iopcare/io/export.hpp"
#include "iopcare/sim/experiment.hpp"

namespace iopcare::io {

/// The most design points an experiment's grid may have (errc::limit_exceeded past it).
inline constexpr std::size_t max_design_points = 10000;
inline constexpr std::size_t max_design_entries = 5'000'000;  ///< levels + transitions, all points

/// Parses an experiment and builds its points (each validated). A scenario file named in it is
/// read relative to the folder of `source` (the experiment file's path). Errors name the JSON
/// path in the experiment ("/factors/0/path"), or the point and the path in the scenario
/// ("point 2 (/levels/1/capacity = -5): /levels/1/capacity: ...").
[[nodiscard]] IOPCARE_IO_API sim::experiment parse_experiment(std::string_view json_text, std::string_view source = "<input>");
/// Reads and parses an iopcare.experiment/1 file; scenario files are read relative to its folder.
[[nodiscard]] IOPCARE_IO_API sim::experiment load_experiment(const std::string& path);

/// The factors' values of a point as a JSON object text, {"PATH": value, ...}.
[[nodiscard]] IOPCARE_IO_API std::string point_factors_json(const sim::experiment& e, std::size_t point);

/// The experiment's report, as `iopcare experiment` prints it: each point's results, then each
/// point's paired differences with the baseline; as text for a person, CSV or JSON.
///@{
[[nodiscard]] IOPCARE_IO_API std::string experiment_to_text(const sim::experiment& e, const sim::experiment_result& r);
[[nodiscard]] IOPCARE_IO_API std::string experiment_to_csv(const sim::experiment& e, const sim::experiment_result& r);
[[nodiscard]] IOPCARE_IO_API std::string experiment_to_json(const sim::experiment& e, const sim::experiment_result& r);
///@}

}  // namespace iopcare::io
