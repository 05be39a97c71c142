// Internal: the discrete-event engine of one replication and the plan of a run (the work
// bounds decided before it starts), shared by simulate(), replication_runner and experiments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "iopcare/sim/simulation.hpp"
#include "sim/lognormal_quantile.hpp"

namespace iopcare::sim::detail {

// Lognormal quantile tables, shared by the run plans that use the same distribution.
using lognormal_tables = std::vector<std::shared_ptr<const lognormal_quantile>>;

// What a run may do, decided before it starts (run_options::max_events and max_patients), and
// what every replication of a scenario needs and would otherwise recompute.
struct run_plan {
    std::vector<double> rates;       // offered admissions per day at each level
    std::vector<double> mean_stay;   // mean stay at each level, days
    std::uint64_t event_budget = 0;  // events one replication may process
    std::size_t patient_limit = 0;   // patients one replication may hold at once
    double expected_events = 0.0;    // per replication
    // One table per distinct lognormal length of stay (a level's, or an outcome's), built
    // here once rather than in every replication (8 KB each), and shared with every other
    // plan alive that has the same distribution (an experiment's points, iopcare-mpi's
    // runners): a table depends on nothing but its parameters.
    lognormal_tables lognormals;
    // The table of `d` when it is a lognormal, else null.
    [[nodiscard]] const lognormal_quantile* table_for(const duration_distribution& d) const noexcept;
};

// Checks the expected work of `replications` replications against the options' bounds,
// naming the level that weighs most, and sets the per-replication guards. The scenario must be
// valid.
[[nodiscard]] run_plan plan_run(const scenario& s, int replications, const run_options& o);

// Receives a replication's events in order, a chunk at a time.
class event_recorder {
public:
    virtual ~event_recorder() = default;
    virtual void record(std::span<const flow_event> events) = 0;
};

// One replication. Events go to `recorder` when it is not null (those of the warm-up only
// with o.log_warmup); each carries `point`.
[[nodiscard]] replication_result run_engine(const scenario& s, int index, const run_options& o, std::uint64_t seed,
                                            const run_plan& plan, event_recorder* recorder, int point);

}  // namespace iopcare::sim::detail
