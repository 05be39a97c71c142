// Side-by-side: iopcare and the same continuum-ref model written in SimPy 3, run for the same
// replications in one run on the same machine. Checks that their per-level means agree and
// prints the speed ratio per replication, on one thread and on all cores.
//
//   bench_sim_vs_simpy [--replications N] [--python CMD] [--script FILE]
// CMD is a Python 3 with the simpy module (default: $IOPCARE_PYTHON, else "python3").
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "iopcare/sim/simulation.hpp"

using namespace iopcare::sim;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct peer_run {
    std::vector<double> seconds;
    std::map<std::string, std::vector<std::vector<double>>> stats;  // level -> {occ, adm, wait} per rep
};

bool run_peer(const std::string& cmd, peer_run& out) {
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return false;
    char line[512];
    while (std::fgets(line, sizeof line, p)) {
        std::istringstream in(line);
        std::string tag;
        in >> tag;
        if (tag == "rep") {
            int i = 0;
            double s = 0;
            in >> i >> s;
            out.seconds.push_back(s);
        } else if (tag == "stat") {
            int i = 0;
            std::string id;
            double occ = 0, adm = 0, wait = 0;
            in >> i >> id >> occ >> adm >> wait;
            out.stats[id].push_back({occ, adm, wait});
        }
    }
    return pclose(p) == 0 && !out.seconds.empty();
}

}  // namespace

int main(int argc, char** argv) {
    int reps = 20;
    const char* env_python = std::getenv("IOPCARE_PYTHON");
    std::string python = env_python ? env_python : "python3";
    std::string script = IOPCARE_SIMPY_SCRIPT;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--replications") reps = std::atoi(argv[i + 1]);
        else if (a == "--python") python = argv[i + 1];
        else if (a == "--script") script = argv[i + 1];
    }
    const scenario s = continuum_ref();

    // iopcare, one thread, each replication timed alone, after one untimed replication (an
    // index past the timed ones) has brought code and allocator up to speed. The scenario is
    // checked once, as simulate() does (replication_runner), as SimPy's model is built once.
    const replication_runner runner(s, run_options{}, reps + 1);
    (void)runner.run(reps);
    std::vector<double> ours_seconds;
    std::vector<replication_result> ours;
    const auto t_one = std::chrono::steady_clock::now();
    for (int i = 0; i < reps; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        ours.push_back(runner.run(i));
        ours_seconds.push_back(seconds_since(t0));
    }
    const double one_thread = seconds_since(t_one);
    // iopcare, all cores.
    run_options all;
    all.replications = reps;
    const simulation_result par = simulate(s, all);

    // SimPy.
    peer_run peer;
    const std::string cmd = python + " \"" + script + "\" --replications " + std::to_string(reps);
    const auto t_peer = std::chrono::steady_clock::now();
    if (!run_peer(cmd, peer)) {
        std::fprintf(stderr, "could not run SimPy: %s\n(set IOPCARE_PYTHON to a Python 3 with simpy)\n", cmd.c_str());
        return 2;
    }
    const double peer_total = seconds_since(t_peer);

    std::printf("continuum-ref, %d replications of %.0f days (warm-up %.0f)\n\n", reps, s.horizon.count(), s.warmup.count());
    std::printf("%-12s %-22s %26s %26s  %s\n", "level", "statistic", "iopcare mean [95% CI]", "SimPy mean [95% CI]",
                "agree (difference)");
    bool all_agree = true;
    const char* names[3] = {"occupancy", "admissions/year", "mean wait (days)"};
    for (std::size_t j = 0; j < s.levels.size(); ++j) {
        const auto& rows = peer.stats[s.levels[j].id];
        for (int k = 0; k < 3; ++k) {
            std::vector<double> a, b;
            for (const auto& r : ours) {
                const auto& l = r.levels[j];
                a.push_back(k == 0 ? l.occupancy : k == 1 ? l.admissions_per_year : l.mean_wait_days);
            }
            for (const auto& r : rows) b.push_back(r[static_cast<std::size_t>(k)]);
            const summary x = summarize(a), y = summarize(b);
            // Two independent estimates (different generators) agree when their difference is
            // within 3 combined standard errors: twelve statistics are compared at once, so a
            // 95% criterion would flag one of them by chance in about half of the runs.
            const double se = std::sqrt((x.sd * x.sd) / x.n + (y.sd * y.sd) / y.n);
            const double z = se > 0 ? std::abs(x.mean - y.mean) / se : 0.0;
            const bool ok = z <= 3.0;
            all_agree = all_agree && ok;
            std::printf("%-12s %-22s %9.3f [%7.3f,%7.3f] %9.3f [%7.3f,%7.3f]  %s (%.1f se)\n",
                        k == 0 ? s.levels[j].id.c_str() : "", names[k], x.mean, x.ci95_low, x.ci95_high, y.mean,
                        y.ci95_low, y.ci95_high, ok ? "yes" : "NO", z);
        }
    }

    std::printf("\n%-5s %14s %16s %10s\n", "rep", "SimPy (s)", "iopcare 1t (s)", "ratio");
    double peer_sum = 0;
    for (int i = 0; i < reps && i < static_cast<int>(peer.seconds.size()); ++i) {
        const auto u = static_cast<std::size_t>(i);
        peer_sum += peer.seconds[u];
        std::printf("%-5d %14.4f %16.6f %9.0fx\n", i, peer.seconds[u], ours_seconds[u], peer.seconds[u] / ours_seconds[u]);
    }
    const double per_peer = peer_sum / reps, per_one = one_thread / reps, per_all = par.wall_seconds / reps;
    std::printf("\nper replication: SimPy %.4f s (process total %.2f s), iopcare %.6f s on 1 thread, %.6f s on %d threads\n",
                per_peer, peer_total, per_one, per_all, par.threads_used);
    std::printf("speed ratio: %.0fx on 1 thread, %.0fx on %d threads (speed-up %.2f on %d threads)\n", per_peer / per_one,
                per_peer / per_all, par.threads_used, per_one / per_all, par.threads_used);
    // Medians are less moved by other jobs on the machine than means.
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        const std::size_t n = v.size();
        return n == 0 ? 0.0 : n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    };
    const double med_peer = median(peer.seconds), med_one = median(ours_seconds);
    std::printf("median replication: SimPy %.4f s, iopcare %.6f s on 1 thread: ratio %.0fx\n", med_peer, med_one,
                med_peer / med_one);
    std::printf("events per replication: %.0f; iopcare %.2f million events/s on 1 thread\n",
                static_cast<double>(par.events) / reps, static_cast<double>(par.events) / one_thread / 1e6);
    std::printf("means agree: %s\n", all_agree ? "yes" : "NO");
    return all_agree ? 0 : 1;
}
