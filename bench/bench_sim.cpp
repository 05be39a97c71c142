// Raw speed of the patient-flow engine: events per second on a single level (an M/M/c queue),
// one replication of continuum-ref (checked each time, and prepared once), and 100
// replications of continuum-ref on 1..N threads.
#include <benchmark/benchmark.h>

#include <thread>

#include "iopcare/sim/simulation.hpp"

namespace {

using namespace iopcare::sim;

scenario single_level(double days) {
    return scenario_builder("mmc")
        .horizon(sim_days(days)).warmup(sim_days(0)).replications(1)
        .level("iop", "2.1").capacity(20).los(duration_distribution::exponential(sim_days(2)))
            .poisson_arrivals(9.0)
        .route("iop", "discharge", 1.0)
        .build();
}

void single_level_events(benchmark::State& state) {
    const scenario s = single_level(100000);
    std::uint64_t events = 0;
    int rep = 0;
    for (auto _ : state) {
        const auto r = simulate_replication(s, rep++);
        events += r.events;
        benchmark::DoNotOptimize(r.levels[0].occupancy);
    }
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
    state.SetItemsProcessed(static_cast<std::int64_t>(events));
}
BENCHMARK(single_level_events)->Unit(benchmark::kMillisecond);

void continuum_ref_replication(benchmark::State& state) {
    const scenario s = continuum_ref();
    std::uint64_t events = 0;
    int rep = 0;
    for (auto _ : state) {
        const auto r = simulate_replication(s, rep++);
        events += r.events;
        benchmark::DoNotOptimize(r.levels[0].occupancy);
    }
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
    state.counters["replications/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(continuum_ref_replication)->Unit(benchmark::kMillisecond);

// The same with the scenario validated and its work checked once (replication_runner), as
// simulate() does: the engine alone.
void continuum_ref_replication_prepared(benchmark::State& state) {
    const replication_runner runner(continuum_ref(), run_options{}, 1);
    std::uint64_t events = 0;
    int rep = 0;
    for (auto _ : state) {
        const auto r = runner.run(rep++);
        events += r.events;
        benchmark::DoNotOptimize(r.levels[0].occupancy);
    }
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
    state.counters["replications/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(continuum_ref_replication_prepared)->Unit(benchmark::kMillisecond);

void continuum_ref_100_replications(benchmark::State& state) {
    const scenario s = continuum_ref();
    run_options o;
    o.threads = static_cast<int>(state.range(0));
    o.replications = 100;
    for (auto _ : state) {
        const auto r = simulate(s, o);
        benchmark::DoNotOptimize(r.levels[0].occupancy.mean);
    }
    state.counters["replications/s"] =
        benchmark::Counter(100.0 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(continuum_ref_100_replications)
    ->DenseRange(1, static_cast<int>(std::max(1U, std::thread::hardware_concurrency())))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
