// Loading JSON files of growing size: the time per record must stay flat from 10,000 to 100,000
// records. It did not once: nlohmann's callback parser, which the loaders used for their
// duplicate-key and nesting checks, rescanned an array's earlier elements each time one of its
// objects ended, so loading grew with the square of the records (100 patients of attendance
// took 2.6 times as long as 50). Compare the "per record" column of the two sizes.
#include <benchmark/benchmark.h>

#include <string>

#include "iopcare/io/attendance.hpp"
#include "iopcare/io/episodes.hpp"

namespace {

// `n` attendance records of 100 patients, as iopcare.attendance/1.
std::string attendance_json(std::size_t n) {
    std::string text = R"({"format": "iopcare.attendance/1", "timezone": "America/New_York", "records": [)";
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned day = 1 + static_cast<unsigned>(i / 100 % 28);
        text += (i == 0 ? "\n" : ",\n");
        text += R"({"patient": "P)" + std::to_string(i % 100) + R"(", "service": "group_therapy", "start": "2026-02-)" +
                (day < 10 ? "0" : "") + std::to_string(day) + R"(T18:00:00", "minutes": 180, "status": "attended"})";
    }
    return text + "]}";
}

// `n` episodes of one stay each, as iopcare.episodes/1.
std::string episodes_json(std::size_t n) {
    std::string text = R"({"format": "iopcare.episodes/1", "edition": "asam3", "episodes": [)";
    for (std::size_t i = 0; i < n; ++i) {
        text += (i == 0 ? "\n" : ",\n");
        text += R"({"patient": "P)" + std::to_string(i) +
                R"(", "stays": [{"level": "2.1", "admitted": "2026-01-05", "discharged": "2026-02-16", "reason": "completed"}]})";
    }
    return text + "]}";
}

void BM_attendance_json(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const std::string text = attendance_json(n);
    for (auto _ : state) benchmark::DoNotOptimize(iopcare::io::parse_attendance_json(text, "bench"));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
    state.counters["per record"] =
        benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_episodes_json(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const std::string text = episodes_json(n);
    for (auto _ : state) benchmark::DoNotOptimize(iopcare::io::parse_episodes(text, "bench"));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
    state.counters["per record"] =
        benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace

BENCHMARK(BM_attendance_json)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_episodes_json)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
