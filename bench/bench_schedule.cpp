// Expanding a year of an evening IOP for 10,000 enrolled patients: local wall-clock times only,
// and with every session's UTC start resolved through America/New_York (two DST changes).
#include <benchmark/benchmark.h>

#include "iopcare/schedule.hpp"

using namespace std::chrono;
using namespace iopcare;

namespace {

schedule make_schedule(unsigned patients) {
    program p;
    p.name = "Evening IOP";
    p.level = "2.1";
    p.zone = time_zone::locate("America/New_York");
    for (unsigned g = 0; g < 100; ++g) {
        template_line t;
        t.days = {Monday, Tuesday, Thursday};
        t.start = hours{18};
        t.length = minutes{180};
        t.service = "group_therapy";
        t.group = "g" + std::to_string(g);
        t.capacity = 1000;
        p.phases.push_back(program_phase{"core", 0, {}});
        p.phases.back().sessions.push_back(t);
    }
    // One phase holding all groups.
    program_phase all{"core", 0, {}};
    for (auto& ph : p.phases) all.sessions.push_back(ph.sessions[0]);
    p.phases = {all};
    for (auto& r : us_federal_holidays()) p.closures.add_rule(r);
    schedule s(p);
    for (unsigned i = 0; i < patients; ++i) {
        enrollment e;
        e.patient = patient_id{i};
        e.admit = 2026y / January / 5d;
        e.weeks = 52;
        e.group = "g" + std::to_string(i % 100);
        e.extras.push_back(extra_session{Wednesday, hours{17}, minutes{50}, "individual_therapy", std::nullopt, std::nullopt});
        s.enroll(e);
    }
    return s;
}

void bm_expand_year_10k(benchmark::State& state) {
    const auto s = make_schedule(10000);
    std::size_t n = 0;
    for (auto _ : state) {
        auto x = s.expand_local(2026y / January / 1d, 2027y / January / 1d);
        n = x.sessions.size();
        benchmark::DoNotOptimize(x.sessions.data());
    }
    state.counters["sessions"] = static_cast<double>(n);
}
BENCHMARK(bm_expand_year_10k)->Unit(benchmark::kMillisecond);

void bm_expand_year_10k_utc(benchmark::State& state) {
    const auto s = make_schedule(10000);
    std::size_t n = 0;
    for (auto _ : state) {
        auto x = s.expand(2026y / January / 1d, 2027y / January / 1d, dst_policy::shift_forward);
        n = x.sessions.size();
        benchmark::DoNotOptimize(x.sessions.data());
    }
    state.counters["sessions"] = static_cast<double>(n);
}
BENCHMARK(bm_expand_year_10k_utc)->Unit(benchmark::kMillisecond);

}  // namespace
BENCHMARK_MAIN();
