// Time-zone conversions: iopcare::time_zone (TZif table + POSIX footer) side by side with
// Boost.Date_Time's local_date_time over a posix_time_zone with the same US rule. Both convert
// the same local wall-clock times (18:00 on every day of 2020-2029, plus times in the gaps) to
// UTC. After the table it prints the ratio of Boost's time per conversion to iopcare's.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <vector>

#include <boost/date_time/local_time/local_time.hpp>

#include "iopcare/calendar.hpp"

namespace {

using namespace std::chrono;

// Nanoseconds per conversion, measured around each benchmark's loop, for the closing ratio.
double iopcare_ns_per_item = 0.0;
double boost_ns_per_item = 0.0;

template <class F>
double timed_per_item(benchmark::State& state, std::size_t items, F&& body) {
    const auto t0 = steady_clock::now();
    for (auto _ : state) body();
    const double ns = duration<double, std::nano>(steady_clock::now() - t0).count();
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * items));
    return ns / (static_cast<double>(state.iterations()) * static_cast<double>(items));
}

std::vector<local_seconds> local_inputs() {
    std::vector<local_seconds> v;
    for (local_days d = local_days{year{2020} / 1 / 1}; d < local_days{year{2030} / 1 / 1}; d += days{1}) {
        v.push_back(d + hours{18});
        v.push_back(d + hours{2} + minutes{30});
    }
    return v;
}


void iopcare_to_utc(benchmark::State& state) {
    const auto zone = iopcare::time_zone::locate("America/New_York");
    const auto in = local_inputs();
    std::int64_t sum = 0;
    iopcare_ns_per_item = timed_per_item(state, in.size(), [&] {
        for (const auto t : in) sum += zone.to_utc(t, iopcare::dst_policy::shift_forward)->time_since_epoch().count();
        benchmark::DoNotOptimize(sum);
    });
}
BENCHMARK(iopcare_to_utc);

void iopcare_to_local(benchmark::State& state) {
    const auto zone = iopcare::time_zone::locate("America/New_York");
    std::vector<sys_seconds> in;
    for (const auto t : local_inputs()) in.push_back(sys_seconds{t.time_since_epoch()});
    std::int64_t sum = 0;
    for (auto _ : state) {
        for (const auto t : in) sum += zone.to_local(t).time_since_epoch().count();
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}
BENCHMARK(iopcare_to_local);

void boost_local_date_time(benchmark::State& state) {
    namespace lt = boost::local_time;
    namespace pt = boost::posix_time;
    namespace g = boost::gregorian;
    // Boost counts the offset east-positive, the opposite of POSIX.
    const lt::time_zone_ptr zone(new lt::posix_time_zone("EST-05EDT,M3.2.0,M11.1.0"));
    std::vector<std::pair<g::date, pt::time_duration>> in;
    for (const auto t : local_inputs()) {
        const auto d = floor<days>(t);
        const year_month_day ymd{sys_days{d.time_since_epoch()}};
        const auto tod = t - d;
        in.emplace_back(g::date(static_cast<unsigned short>(static_cast<int>(ymd.year())),
                                static_cast<unsigned short>(static_cast<unsigned>(ymd.month())),
                                static_cast<unsigned short>(static_cast<unsigned>(ymd.day()))),
                        pt::seconds(static_cast<long>(tod.count())));
    }
    std::int64_t sum = 0;
    boost_ns_per_item = timed_per_item(state, in.size(), [&] {
        for (const auto& [d, tod] : in) {
            // NOT_DATE_TIME_ON_ERROR: a time in the gap becomes not-a-date-time instead of throwing.
            const lt::local_date_time ldt(d, tod, zone, lt::local_date_time::NOT_DATE_TIME_ON_ERROR);
            if (!ldt.is_not_a_date_time()) sum += ldt.utc_time().time_of_day().total_seconds();
        }
        benchmark::DoNotOptimize(sum);
    });
}
BENCHMARK(boost_local_date_time);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (iopcare_ns_per_item > 0.0 && boost_ns_per_item > 0.0) {
        std::printf("\nlocal -> UTC, America/New_York: iopcare %.1f ns, Boost local_date_time %.1f ns; "
                    "iopcare is %.1fx faster\n",
                    iopcare_ns_per_item, boost_ns_per_item, boost_ns_per_item / iopcare_ns_per_item);
    }
    return 0;
}
