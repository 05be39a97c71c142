// Runs simulate and experiment over MPI ranks (Boost.MPI): rank 0 reads the input, sends every
// rank the scenarios, and hands out (point, replication) tasks one at a time as ranks ask for
// them, computing tasks itself on a second thread; the other ranks run tasks and send back each
// replication's result (and its event log's text). Rank 0 summarises the results exactly as
// one process does, so the output is the same, byte for byte, for any number of ranks.
#pragma once

#include <boost/mpi/communicator.hpp>

#include <iopcare/sim/experiment.hpp>
#include <iopcare/sim/simulation.hpp>

namespace iopcare::mpi {

// On rank 0: a scenario's replications over every rank (the options' threads are not used:
// each rank runs one task at a time, rank 0 beside its coordination).
[[nodiscard]] sim::simulation_result simulate(const boost::mpi::communicator& world, const sim::scenario& s,
                                              const sim::run_options& o);
// On rank 0: an experiment's (point, replication) tasks over every rank.
[[nodiscard]] sim::experiment_result run_experiment(const boost::mpi::communicator& world, const sim::experiment& e,
                                                    const sim::run_options& o);
// On rank 0, when it is done: lets the other ranks leave serve().
void release_workers(const boost::mpi::communicator& world);
// On the other ranks: runs the tasks of each job rank 0 sends, until released.
void serve(const boost::mpi::communicator& world);

// What a rank did in the last job, for the scaling benchmark.
struct rank_stats {
    int tasks = 0;
    double peak_memory_mb = 0.0;  // the process's peak resident set (VmHWM)
};
[[nodiscard]] rank_stats last_stats();

}  // namespace iopcare::mpi
