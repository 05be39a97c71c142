// Runs the reference scenario `continuum-ref` (residential, PHP, IOP, outpatient) and prints a
// per-level table; then asks what ten more residential beds would change.
#include <cstdio>

#include "iopcare/sim/simulation.hpp"

int main() {
    using namespace iopcare::sim;

    const scenario ref = continuum_ref();  // the same as examples/continuum-ref.json
    const simulation_result r = simulate(ref);

    std::printf("%s: %d replications of %.0f days (warm-up %.0f) on %d threads, %llu events in %.3f s\n\n",
                r.scenario_name.c_str(), r.replications, ref.horizon.count(), ref.warmup.count(), r.threads_used,
                static_cast<unsigned long long>(r.events), r.wall_seconds);
    std::printf("%-12s %-4s %5s %19s %6s %10s %16s %9s\n", "level", "code", "slots", "occupancy (95% CI)", "util",
                "admits/yr", "wait days (CI)", "p90 wait");
    for (const level_result& l : r.levels) {
        std::printf("%-12s %-4s %5lld %7.1f [%5.1f,%5.1f] %5.1f%% %10.0f %5.1f [%4.1f,%4.1f] %9.1f\n", l.id.c_str(),
                    l.code.c_str(), static_cast<long long>(l.capacity.value_or(-1)), l.occupancy.mean,
                    l.occupancy.ci95_low, l.occupancy.ci95_high, 100.0 * l.utilization.mean, l.admissions_per_year.mean,
                    l.mean_wait_days.mean, l.mean_wait_days.ci95_low, l.mean_wait_days.ci95_high, l.wait_p90_days.mean);
    }

    // What if residential opened ten more beds? Common random numbers: the same patients arrive,
    // stay and move as before; only the capacity differs.
    scenario more_beds = ref;
    more_beds.levels[0].capacity = 48;
    const simulation_result w = simulate(more_beds);
    std::printf("\nresidential with 48 beds: mean wait %.1f days (was %.1f), iop wait %.1f days (was %.1f)\n",
                w.levels[0].mean_wait_days.mean, r.levels[0].mean_wait_days.mean, w.levels[2].mean_wait_days.mean,
                r.levels[2].mean_wait_days.mean);
    return r.unstable ? 1 : 0;
}
