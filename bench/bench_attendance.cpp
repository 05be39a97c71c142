// Patient-weeks simulated and validated per second on one thread: a cohort of 1,000 patients
// for 12 weeks of four 3-hour sessions (Mon-Thu, two tracks), 85% attendance with a spread of
// propensities, against asam-iop-adult in America/New_York. Makeups off and on, and with
// partial sessions and dropout. The goal is at least a million patient-weeks a second for the
// four-session week; after the runs it prints the figure for each.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "iopcare/sim/attendance.hpp"

using namespace std::chrono;
using namespace iopcare;

namespace {

constexpr unsigned n_patients = 1000;
constexpr unsigned n_weeks = 12;

template_line track(hours start, const char* group) {
    return {.days = {Monday, Tuesday, Wednesday, Thursday}, .start = start, .length = 180min,
            .service = "group_therapy", .group = group, .capacity = 1000};
}

const schedule& cohort() {
    static const schedule s = [] {
        program p;
        p.name = "bench";
        p.level = "2.1";
        p.zone = time_zone::locate("America/New_York");
        p.phases.push_back({"core", 0, {track(9h, "morning"), track(18h, "evening")}});
        return sim::cohort_schedule(p, n_patients, 2026y / March / 2d, n_weeks);
    }();
    return s;
}

void bm_attendance(benchmark::State& state, bool makeups, bool partial_and_dropout) {
    const rule_set rules = builtin_rules("asam-iop-adult");
    sim::attendance_options o;
    o.model.attendance_rate = 0.85;
    o.model.concentration = 8;
    o.model.makeups = makeups;
    if (partial_and_dropout) {
        o.model.partial = 0.1;
        o.model.dropout_after = 4;
    }
    o.replications = 4;
    o.threads = 1;
    double weeks = 0;
    for (auto _ : state) {
        const auto r = sim::simulate_attendance(cohort(), rules, o);
        weeks = (r.weeks.meets + r.weeks.below_minimum + r.weeks.above_maximum + r.weeks.exempt) * o.replications;
        benchmark::DoNotOptimize(r.compliance.mean);
    }
    state.counters["patient_weeks"] = weeks;
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(weeks));
}

void bm_makeups_off(benchmark::State& s) { bm_attendance(s, false, false); }
void bm_makeups_on(benchmark::State& s) { bm_attendance(s, true, false); }
void bm_partial_dropout(benchmark::State& s) { bm_attendance(s, true, true); }

BENCHMARK(bm_makeups_off)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_makeups_on)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_partial_dropout)->Unit(benchmark::kMillisecond);

// Keeps each run's rates to print them at the end: per second of the thread's CPU time (what
// one core does, even on a machine shared with other jobs) and of wall-clock time.
class rate_reporter : public benchmark::ConsoleReporter {
public:
    struct rate {
        double cpu = 0.0;
        double wall = 0.0;
    };
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const auto& r : runs) {
            if (r.run_type != Run::RT_Iteration || r.iterations == 0) continue;
            const double weeks = r.counters.at("patient_weeks") * static_cast<double>(r.iterations);
            rates[r.benchmark_name()] = {weeks / r.cpu_accumulated_time, weeks / r.real_accumulated_time};
        }
        ConsoleReporter::ReportRuns(runs);
    }
    std::map<std::string, rate> rates;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    rate_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    std::printf("\n%u patients x %u weeks x 4 replications, four sessions a week, one thread\n", n_patients, n_weeks);
    for (const auto& [name, r] : reporter.rates)
        std::printf("%-20s %5.2f M patient-weeks/s simulated and validated per CPU second (%.2f M per wall second; "
                    "goal: 1 M)\n",
                    name.c_str(), r.cpu / 1e6, r.wall / 1e6);
    return 0;
}
