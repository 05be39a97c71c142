// Expanding a year of an evening IOP for 10,000 enrolled patients: local wall-clock times only,
// and with every session's UTC start resolved through America/New_York (two DST changes).
// Enrolling n patients into one capacity-checked group (n log^2 n since issue 13; it was
// quadratic), and computing an expansion's size up front.
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
        e.patient = patient_id{std::to_string(i)};
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

// n patients admitted over n / 50 weeks into one group whose capacity every one is checked
// against: the counting of overlapping stays is what grows with n.
void bm_enroll_one_group(benchmark::State& state) {
    const auto n = static_cast<std::uint32_t>(state.range(0));
    program p;
    p.name = "Scale";
    p.level = "2.1";
    template_line t;
    t.days = {Monday, Wednesday};
    t.start = hours{18};
    t.length = minutes{180};
    t.service = "group_therapy";
    t.group = "g";
    t.capacity = 1000;
    p.phases.push_back(program_phase{"core", 0, {t}});
    const sys_days first{2026y / January / 5d};
    for (auto _ : state) {
        schedule s(p, overflow_policy::waitlist);
        for (std::uint32_t i = 0; i < n; ++i) {
            enrollment e;
            e.patient = patient_id{std::to_string(i)};
            e.admit = year_month_day{first + days{7 * static_cast<int>(i / 50)}};
            e.weeks = 12;
            e.group = "g";
            s.enroll(std::move(e));
        }
        benchmark::DoNotOptimize(s.enrolled().size());
    }
    state.SetComplexityN(state.range(0));
}
BENCHMARK(bm_enroll_one_group)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Complexity();

void bm_expected_sessions_10k(benchmark::State& state) {
    const auto s = make_schedule(10000);
    std::uint64_t n = 0;
    for (auto _ : state) {
        n = s.expected_sessions(2026y / January / 1d, 2027y / January / 1d);
        benchmark::DoNotOptimize(n);
    }
    state.counters["sessions"] = static_cast<double>(n);
}
BENCHMARK(bm_expected_sessions_10k)->Unit(benchmark::kMicrosecond);

}  // namespace
BENCHMARK_MAIN();
