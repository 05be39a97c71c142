/// @file
/// A designed experiment: a scenario varied over a grid of factor
/// values (the design points), every point run for the same replications with the same random
/// streams (common random numbers), and each point compared with a baseline point by paired
/// differences, whose intervals are narrower than comparing two independent runs.
///
/// io::load_experiment reads the `iopcare.experiment/1` format and builds the grid from JSON
/// pointers into the scenario; a C++ host can fill `points` itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "iopcare/detail/export.hpp"
#include "iopcare/sim/simulation.hpp"

namespace iopcare::sim {

/// One factor of the grid: what it changes and its values, each as JSON text ("120", "\"hold\"").
struct factor {
    std::string path;  ///< a JSON pointer into the scenario: "/levels/2/capacity"
    /// The values it takes, each as JSON text.
    std::vector<std::string> values;
};

/// A designed experiment: a grid of scenarios (design points) that differ in the factors' values,
/// each run for the same replications with common random numbers.
struct experiment {
    /// The experiment's name.
    std::string name;
    /// The factors, slowest-varying first.
    std::vector<factor> factors;
    /// The design points: the full grid of the factors' values in row-major order (the first
    /// factor varies slowest, the last fastest), numbered from 0. Every point has the same
    /// levels (ids, in the same order).
    std::vector<scenario> points;
    /// Replications per point.
    int replications = 10;
    std::uint64_t seed = 1;  ///< every point's replication r uses the streams of (seed, r)
    /// The point the others are compared with.
    std::size_t baseline = 0;

    /// The index, in each factor's values, of point `point`'s value.
    [[nodiscard]] IOPCARE_API std::vector<std::size_t> value_indices(std::size_t point) const;
    /// Where a point's problem lies, for errors: "/factors, point 2 (/levels/1/capacity = 200)".
    [[nodiscard]] IOPCARE_API std::string point_label(std::size_t point) const;
};

/// The number of points of the full grid of these factors (1 with no factor).
[[nodiscard]] IOPCARE_API std::size_t grid_size(const std::vector<factor>& factors) noexcept;

/// A point against the baseline: each figure is the summary of the paired differences
/// (point's replication r minus the baseline's replication r), laid out as a result.
struct point_difference {
    /// The point's index.
    std::size_t point = 0;
    std::vector<level_result> levels;  ///< figures are differences; id, code and capacity the point's
    /// The whole continuum's figures, as differences.
    totals_result totals{};
};

/// What run_experiment() returns: each point's results and its differences with the baseline.
struct experiment_result {
    std::vector<simulation_result> points;         ///< in point order
    std::vector<point_difference> differences;     ///< every point but the baseline, in order
    /// Events processed in all runs.
    std::uint64_t events = 0;
    /// Threads the run used.
    int threads_used = 0;
    /// How long the run took, in seconds of wall-clock time.
    double wall_seconds = 0.0;
};

/// Checks the experiment (throws errc::invalid_experiment naming the field, or as validate()
/// for a point: "/factors, point 2 (/levels/1/capacity = 200): /levels/1/capacity") and the work of all its runs
/// against the options' bounds (errc::limit_exceeded naming the point that weighs most).
IOPCARE_API void validate(const experiment& e, const run_options& options = {});

/// Runs every (point, replication) on the options' threads and summarises. The options'
/// replications and seed, when set, override the experiment's; the event log has each event's
/// point.
[[nodiscard]] IOPCARE_API experiment_result run_experiment(const experiment& e, const run_options& options = {});

/// run_experiment's result from finished replications, runs[point][replication]: for hosts that
/// hand out the (point, replication) tasks themselves (iopcare-mpi).
[[nodiscard]] IOPCARE_API experiment_result summarize_experiment(const experiment& e,
                                                                 std::vector<std::vector<replication_result>> runs);

/// Replication `a` minus replication `b`, figure by figure (a NaN on either side stays NaN).
[[nodiscard]] IOPCARE_API replication_result paired_difference(const replication_result& a, const replication_result& b);

}  // namespace iopcare::sim
