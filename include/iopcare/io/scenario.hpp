/// @file
/// The `iopcare.scenario/1` JSON format of a simulation scenario.
/// Part of the optional iopcare::io target (nlohmann-json stays out of this header).
///
/// ```
///   { "format": "iopcare.scenario/1",                     (optional, checked when present)
///     "name": "continuum-ref", "edition": "asam3",        (edition optional)
///     "horizon_days": 3650, "warmup_days": 365, "replications": 20, "seed": 20260101,
///     "blocking": "wait_in_community" | "hold",           (optional)
///     "queue": "fifo" | "priority",                       (optional)
///     "levels": [ { "id": "residential", "code": "3.5",
///                   "capacity": 38 | "unlimited",
///                   "los_days": { "dist": "lognormal", "mean": 28, "sd": 10 },
///                   "arrivals_per_day": 1.0 | [7 or 168 rates for a weekly profile],
///                   "arrival_times_days": [ ... ],        (optional, instead of a rate)
///                   "dropout_days": { "dist": ... },       (optional)
///                   "outcomes": { "completed": 0.46 | { "p": 0.46, "los_days": { ... } },
///                                 "dropped_out": ..., "terminated": ..., "other": ...,
///                                 "transferred_out": ... },  (optional; summing to 1)
///                   "cost_per_day": 450, "cost_per_admission": 300,
///                   "cost_per_waiting_day": 20 } ],       (optional, default 0)
///     "transitions": [ { "from": "residential", "to": "php" | "discharge", "p": 0.25 } ] }
/// ```
///
/// Distributions: exponential {mean}, lognormal {mean, sd} or {mu, sigma}, gamma {mean, sd} or
/// {shape, scale}, weibull {shape, scale}, uniform {low, high}, fixed {value},
/// empirical {values: [...]}.
#pragma once

#include <string>
#include <string_view>

#include "iopcare/io/export.hpp"
#include "iopcare/sim/scenario.hpp"

namespace iopcare::io {

/// Parses and validates a scenario. Errors name the JSON path ("/levels/2/los_days/sd") or
/// SOURCE:LINE:COLUMN for a syntax error.
[[nodiscard]] IOPCARE_IO_API sim::scenario parse_scenario(std::string_view json_text, std::string_view source = "<input>");
/// Reads a file and parses it.
[[nodiscard]] IOPCARE_IO_API sim::scenario load_scenario(const std::string& path);
/// The scenario as iopcare.scenario/1 (pretty-printed with `indent` spaces; -1 for one line).
[[nodiscard]] IOPCARE_IO_API std::string to_json(const sim::scenario& s, int indent = 2);

}  // namespace iopcare::io
