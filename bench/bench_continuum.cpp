// Continuum queries: how fast a host can ask "is this move allowed, what does it skip".
#include <benchmark/benchmark.h>

#include <iopcare/continuum.hpp>

static void assess_allowed_move(benchmark::State& state) {
    const auto& c = iopcare::continuum::standard();
    for (auto _ : state) benchmark::DoNotOptimize(c.assess("3.5", "2.1"));
}
BENCHMARK(assess_allowed_move);

static void assess_skipping_move(benchmark::State& state) {
    const auto& c = iopcare::continuum::standard();
    for (auto _ : state) benchmark::DoNotOptimize(c.assess("3.5", "discharge"));
}
BENCHMARK(assess_skipping_move);

static void build_standard_continuum(benchmark::State& state) {
    const auto spec = iopcare::continuum::standard_spec();
    for (auto _ : state) benchmark::DoNotOptimize(iopcare::continuum::build(spec, iopcare::catalog::asam3()));
}
BENCHMARK(build_standard_continuum);

BENCHMARK_MAIN();
