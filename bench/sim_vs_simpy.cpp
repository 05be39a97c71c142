// Side-by-side: iopcare and the same continuum-ref model written in SimPy 3, run for the same
// replications in one run on the same machine. Checks that their per-level means agree and
// prints the speed ratio per replication, on one thread and on all cores.
// The two take turns, one replication each (SimPy's script waits for a line before each of its
// own): on a shared machine whose speed moves by a third from one minute to the next, timing
// all of one and then all of the other put the ratio anywhere from 81x to 181x in three runs
// of one afternoon; each pair of replications now runs under the same load.
//
//   bench_sim_vs_simpy [--replications N] [--python CMD] [--script FILE]
// CMD is a Python 3 with the simpy module (default: $IOPCARE_PYTHON, else "python3").
#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

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

// The SimPy script started with --paced: it runs a replication each time it is sent a line.
class paced_peer {
public:
    explicit paced_peer(const std::string& cmd) {
        // A peer that exits early (no simpy) must make a write fail, not end this process.
        std::signal(SIGPIPE, SIG_IGN);
        int to[2], from[2];
        if (pipe(to) != 0) return;
        if (pipe(from) != 0) {
            close_all(to, nullptr);
            return;
        }
        pid_ = fork();
        if (pid_ < 0) {
            close_all(to, from);
            return;
        }
        if (pid_ == 0) {
            dup2(to[0], 0);
            dup2(from[1], 1);
            close(to[1]);
            close(from[0]);
            execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        close(to[0]);
        close(from[1]);
        in_ = fdopen(to[1], "w");
        out_ = fdopen(from[0], "r");
    }
    paced_peer(const paced_peer&) = delete;
    paced_peer& operator=(const paced_peer&) = delete;

    // Runs replication i: its time and its `levels` stat lines go into `run`; false when the
    // peer stopped or answered something else.
    bool next(int i, std::size_t levels, peer_run& run) {
        if (in_ == nullptr || out_ == nullptr || std::fputs("go\n", in_) < 0 || std::fflush(in_) != 0) return false;
        char line[512];
        std::size_t stats = 0;
        bool timed = false;
        while (stats < levels && std::fgets(line, sizeof line, out_)) {
            std::istringstream in(line);
            std::string tag;
            int at = -1;
            in >> tag >> at;
            if (at != i) return false;
            if (tag == "rep") {
                double s = 0;
                in >> s;
                run.seconds.push_back(s);
                timed = true;
            } else if (tag == "stat") {
                std::string id;
                double occ = 0, adm = 0, wait = 0;
                in >> id >> occ >> adm >> wait;
                run.stats[id].push_back({occ, adm, wait});
                ++stats;
            }
        }
        return timed && stats == levels;
    }

    // Closes the peer's input (it stops at the next replication) and waits for it.
    bool finish() {
        if (in_ != nullptr) std::fclose(in_);
        if (out_ != nullptr) std::fclose(out_);
        in_ = out_ = nullptr;
        int status = 0;
        return pid_ > 0 && waitpid(pid_, &status, 0) == pid_ && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    ~paced_peer() {
        if (in_ != nullptr || out_ != nullptr) finish();
    }

private:
    static void close_all(const int* a, const int* b) {
        for (const int* p : {a, b})
            if (p != nullptr) {
                close(p[0]);
                close(p[1]);
            }
    }

    pid_t pid_ = -1;
    FILE* in_ = nullptr;
    FILE* out_ = nullptr;
};

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

    // iopcare, one thread, each replication timed alone right after SimPy's replication of the
    // same index, warm (after the same replication untimed). The scenario is checked once, as
    // simulate() does (replication_runner), as SimPy's model is built once.
    const replication_runner runner(s, run_options{}, reps);
    std::vector<double> ours_seconds;
    std::vector<replication_result> ours;
    peer_run peer;
    const std::string cmd = python + " \"" + script + "\" --paced --replications " + std::to_string(reps);
    paced_peer simpy(cmd);
    const auto t_both = std::chrono::steady_clock::now();
    double ours_total = 0;  // iopcare's share of the loop, warm-up runs included
    for (int i = 0; i < reps; ++i) {
        if (!simpy.next(i, s.levels.size(), peer)) {
            std::fprintf(stderr, "could not run SimPy: %s\n(set IOPCARE_PYTHON to a Python 3 with simpy)\n", cmd.c_str());
            return 2;
        }
        // Warm again first: after a quarter second of Python, caches hold SimPy's objects and
        // the idle core may have slept, which cost a cold replication half as much again here.
        const auto warm = std::chrono::steady_clock::now();
        (void)runner.run(i);
        const auto t0 = std::chrono::steady_clock::now();
        ours.push_back(runner.run(i));
        ours_seconds.push_back(seconds_since(t0));
        ours_total += seconds_since(warm);
    }
    const double peer_total = seconds_since(t_both) - ours_total;
    const double one_thread = std::accumulate(ours_seconds.begin(), ours_seconds.end(), 0.0);
    if (!simpy.finish()) {
        std::fprintf(stderr, "SimPy did not end cleanly: %s\n", cmd.c_str());
        return 2;
    }
    // iopcare, all cores.
    run_options all;
    all.replications = reps;
    const simulation_result par = simulate(s, all);

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
    // Each pair ran back to back, so its ratio is the least moved by the machine's load.
    std::vector<double> paired;
    for (std::size_t i = 0; i < ours_seconds.size() && i < peer.seconds.size(); ++i)
        paired.push_back(peer.seconds[i] / ours_seconds[i]);
    std::printf("median of the paired ratios (replication i of each, back to back): %.0fx on 1 thread\n",
                median(paired));
    std::printf("events per replication: %.0f; iopcare %.2f million events/s on 1 thread\n",
                static_cast<double>(par.events) / reps, static_cast<double>(par.events) / one_thread / 1e6);
    std::printf("means agree: %s\n", all_agree ? "yes" : "NO");
    return all_agree ? 0 : 1;
}
