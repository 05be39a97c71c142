// iopcare-mpi's scaling, under mpirun (bench/mpi_scaling.sh runs it with 1 and 2 ranks):
// the wall time of continuum-ref's replications handed out over the ranks, each rank's tasks
// and peak memory for 100, 1,000 and 4,000 replications (memory per rank should not grow with
// them), the bytes of one task's result as sent, and the round trip of a task through rank 0.
//
//   mpirun -np N bench_mpi_scaling [--replications R ...]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/mpi/packed_oarchive.hpp>

#include "mpi_backend.hpp"
#include "serialize.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t0) {
    return std::chrono::duration<double>(clock_type::now() - t0).count();
}

// One replication's result as Boost.MPI packs it to send.
std::size_t packed_bytes(const boost::mpi::communicator& world, const iopcare::sim::replication_result& r) {
    boost::mpi::packed_oarchive out(world);
    out << r;
    return out.size();
}

// The round trip of a result to rank 0 and a task number back, as the hand-out does it.
double round_trip_us(const boost::mpi::communicator& world, const iopcare::sim::replication_result& r) {
    constexpr int n = 2000;
    world.barrier();
    const auto t0 = clock_type::now();
    for (int i = 0; i < n; ++i) {
        if (world.rank() == 1) {
            world.send(0, 7, r);
            int t = 0;
            world.recv(0, 8, t);
        } else if (world.rank() == 0) {
            iopcare::sim::replication_result got;
            world.recv(1, 7, got);
            world.send(1, 8, i);
        }
    }
    return seconds_since(t0) / n * 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    boost::mpi::environment env(argc, argv, boost::mpi::threading::funneled);
    boost::mpi::communicator world;
    std::vector<int> counts;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--replications") counts.push_back(std::atoi(argv[i + 1]));
    }
    if (counts.empty()) counts = {100, 1000, 4000};
    if (world.rank() != 0) {
        iopcare::mpi::serve(world);
    } else {
        const iopcare::sim::scenario s = iopcare::sim::continuum_ref();
        std::printf("continuum-ref over %d rank(s)\n%12s %10s %14s\n", world.size(), "replications", "seconds",
                    "replications/s");
        for (int reps : counts) {
            iopcare::sim::run_options o;
            o.replications = reps;
            const auto t0 = clock_type::now();
            const auto r = iopcare::mpi::simulate(world, s, o);
            const double secs = seconds_since(t0);
            std::printf("%12d %10.3f %14.1f\n", reps, secs, reps / secs);
            std::printf("  result of one task: %zu bytes packed\n", packed_bytes(world, r.runs.front()));
        }
        iopcare::mpi::release_workers(world);
    }
    // Each rank's share of the last run and its peak memory over the whole program.
    const auto mine = iopcare::mpi::last_stats();
    std::vector<double> memory;
    std::vector<int> tasks;
    boost::mpi::gather(world, mine.peak_memory_mb, memory, 0);
    boost::mpi::gather(world, mine.tasks, tasks, 0);
    if (world.rank() == 0) {
        for (std::size_t k = 0; k < memory.size(); ++k) {
            std::printf("rank %zu: %d tasks in the last run, peak memory %.1f MB\n", k, tasks[k], memory[k]);
        }
    }
    if (world.size() >= 2) {
        const double us = round_trip_us(world, iopcare::sim::simulate_replication(iopcare::sim::continuum_ref(), 0));
        if (world.rank() == 0) std::printf("round trip of a result and a task between two ranks: %.1f us\n", us);
    }
    return 0;
}
