// iopcare simulate [--scenario FILE] [--replications N] [--threads N] [--seed S]
//                  [--format text|json|csv] [--events FILE]
// With no scenario, the embedded reference scenario `continuum-ref`.
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <iopcare/io/scenario.hpp>
#include <iopcare/sim/simulation.hpp>

#include "cli.hpp"
#include "output_file.hpp"

namespace iopcare::cli {

namespace {

struct simulate_options {
    std::string scenario_file;
    std::optional<int> replications;
    int threads = 0;
    std::string seed_text;  // as given; parsed by parse_seed
    std::optional<std::uint64_t> seed;
    std::string format = "text";
    std::string events_file;
    bool progress = true;
    std::uint64_t max_events = sim::run_options{}.max_events;
    std::int64_t max_patients = sim::run_options{}.max_patients;
};

// An undefined statistic (NaN: one replication has no spread, a level that admitted nobody
// has no wait) is null in JSON (nlohmann writes NaN so), empty in CSV and "n/a" in text.
nlohmann::ordered_json stat_json(const sim::summary& s) {
    return {{"mean", s.mean}, {"sd", s.sd}, {"ci95", {s.ci95_low, s.ci95_high}}, {"n", s.n}};
}

std::string num_csv(double v) {
    if (std::isnan(v)) return "";
    char b[32];
    std::snprintf(b, sizeof b, "%.6g", v);
    return b;
}

// "%6.1f" or "n/a" right-aligned in the same width.
std::string num_text(double v, int width, int decimals) {
    char b[48];
    if (std::isnan(v)) {
        std::snprintf(b, sizeof b, "%*s", width, "n/a");
    } else {
        std::snprintf(b, sizeof b, "%*.*f", width, decimals, v);
    }
    return b;
}

std::string as_json(const sim::scenario& sc, const sim::simulation_result& r, std::uint64_t seed) {
    nlohmann::ordered_json j;
    j["scenario"] = r.scenario_name;
    j["replications"] = r.replications;
    j["seed"] = seed;
    j["horizon_days"] = sc.horizon.count();
    j["warmup_days"] = sc.warmup.count();
    j["events"] = r.events;
    nlohmann::ordered_json levels = nlohmann::ordered_json::object();
    for (const auto& l : r.levels) {
        nlohmann::ordered_json x;
        x["code"] = l.code;
        if (l.capacity) x["capacity"] = *l.capacity;
        else x["capacity"] = "unlimited";
        x["offered_load"] = l.offered_load;
        x["overloaded"] = l.overloaded;
        x["occupancy"] = stat_json(l.occupancy);
        x["utilization"] = stat_json(l.utilization);
        x["waitlist"] = stat_json(l.waitlist);
        x["wait_days"] = stat_json(l.mean_wait_days);
        x["wait_p90_days"] = stat_json(l.wait_p90_days);
        x["los_days"] = stat_json(l.mean_los_days);
        x["admissions_per_year"] = stat_json(l.admissions_per_year);
        levels[l.id] = std::move(x);
    }
    j["levels"] = std::move(levels);
    j["unstable"] = r.unstable;
    j["unstable_levels"] = r.unstable_levels;
    return j.dump(2);
}

std::string as_csv(const sim::simulation_result& r) {
    std::string out = "level,code,statistic,mean,sd,ci95_low,ci95_high,n\n";
    char buf[256];
    for (const auto& l : r.levels) {
        const std::pair<const char*, const sim::summary*> stats[] = {
            {"occupancy", &l.occupancy},         {"utilization", &l.utilization},
            {"waitlist", &l.waitlist},           {"wait_days", &l.mean_wait_days},
            {"wait_p90_days", &l.wait_p90_days}, {"los_days", &l.mean_los_days},
            {"admissions_per_year", &l.admissions_per_year}};
        for (const auto& [name, s] : stats) {
            std::snprintf(buf, sizeof buf, "%s,%s,%s,%s,%s,%s,%s,%d\n", l.id.c_str(), l.code.c_str(), name,
                          num_csv(s->mean).c_str(), num_csv(s->sd).c_str(), num_csv(s->ci95_low).c_str(),
                          num_csv(s->ci95_high).c_str(), s->n);
            out += buf;
        }
    }
    return out;
}

std::string as_text(const sim::scenario& sc, const sim::simulation_result& r, std::uint64_t seed) {
    std::string out;
    char buf[512];
    std::snprintf(buf, sizeof buf, "%s: %d replications of %.0f days (warm-up %.0f days), seed %llu\n\n",
                  r.scenario_name.c_str(), r.replications, sc.horizon.count(), sc.warmup.count(),
                  static_cast<unsigned long long>(seed));
    out += buf;
    std::snprintf(buf, sizeof buf, "%-12s %-4s %9s %20s %6s %10s %18s\n", "level", "code", "capacity",
                  "occupancy [95% CI]", "util", "admits/yr", "wait days [95% CI]");
    out += buf;
    for (const auto& l : r.levels) {
        const std::string cap = l.capacity ? std::to_string(*l.capacity) : std::string("unlimited");
        const std::string util = l.capacity ? [&] {
            char u[16];
            std::snprintf(u, sizeof u, "%.1f%%", 100.0 * l.utilization.mean);
            return std::string(u);
        }()
                                            : std::string("-");
        std::snprintf(buf, sizeof buf, "%-12s %-4s %9s %s [%s, %s] %6s %10.0f %s [%s, %s]%s\n", l.id.c_str(),
                      l.code.c_str(), cap.c_str(), num_text(l.occupancy.mean, 6, 1).c_str(),
                      num_text(l.occupancy.ci95_low, 5, 1).c_str(), num_text(l.occupancy.ci95_high, 5, 1).c_str(),
                      util.c_str(), l.admissions_per_year.mean, num_text(l.mean_wait_days.mean, 5, 1).c_str(),
                      num_text(l.mean_wait_days.ci95_low, 4, 1).c_str(),
                      num_text(l.mean_wait_days.ci95_high, 4, 1).c_str(), l.overloaded ? "  OVERLOADED" : "");
        out += buf;
    }
    if (r.unstable) {
        out += "\nunstable: waitlists grow without bound in";
        for (const auto& id : r.unstable_levels) out += " " + id;
        out += "\n";
    }
    return out;
}

// A seed is a whole number from 0 to 2^64-1, like the scenario file's "seed". Parsed here
// because the option parser would wrap "-1" around to 2^64-1.
std::uint64_t parse_seed(const std::string& text) {
    std::uint64_t v = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || text.front() == '-' || text.front() == '+' || ec != std::errc{} || ptr != end) {
        throw error(errc::invalid_argument, "--seed", text, "expected a whole number from 0 to 18446744073709551615");
    }
    return v;
}

}  // namespace

void add_simulate(CLI::App& app, command& run) {
    auto* cmd = app.add_subcommand("simulate", "Simulate patients flowing through the continuum (default: continuum-ref)");
    auto o = std::make_shared<simulate_options>();
    cmd->add_option("--scenario", o->scenario_file,
                    "a scenario in iopcare.scenario/1 JSON (default: the embedded continuum-ref)");
    cmd->add_option("--replications", o->replications, "number of replications (overrides the scenario's)")
        ->check(CLI::Range(1, 1000000));
    cmd->add_option("--threads", o->threads, "worker threads (0: all cores)")->check(CLI::Range(0, 1024))->capture_default_str();
    cmd->add_option("--seed", o->seed_text, "master seed, a whole number >= 0 (overrides the scenario's)");
    cmd->add_option("--format", o->format, "text, json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    cmd->add_option("--events", o->events_file,
                    "stream every admission, move and discharge as CSV to this file (replication order with --threads 1)");
    cmd->add_flag("!--no-progress", o->progress, "never show a progress bar");
    cmd->add_option("--max-events", o->max_events,
                    "refuse a run expected to process more events in all replications")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 62))
        ->capture_default_str();
    cmd->add_option("--max-patients", o->max_patients,
                    "refuse a run expected to hold more patients at once in a replication")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{8'000'000}))
        ->capture_default_str();
    cmd->callback([&run, o] {
        run = [o](std::string& out) {
            sim::scenario sc = o->scenario_file.empty()
                                   ? sim::continuum_ref()
                                   : load_file(o->scenario_file, [](const std::string& text, const std::string& src) {
                                         return io::parse_scenario(text, src);
                                     });
            if (!o->seed_text.empty()) o->seed = parse_seed(o->seed_text);
            sim::run_options opts;
            opts.threads = o->threads;
            opts.replications = o->replications;
            opts.seed = o->seed;
            const std::uint64_t seed = o->seed.value_or(sc.seed);

            opts.max_events = o->max_events;
            opts.max_patients = o->max_patients;
            // The event log streams as the run goes (never held in memory), through the one
            // output writer: a regular file is replaced only when the run succeeded.
            std::optional<output_file> events;
            if (!o->events_file.empty()) {
                events.emplace(o->events_file);
                opts.events = sim::csv_event_writer(events->stream(), sc);
            }

            // A progress bar on stderr, only for a terminal and a run long enough to need one.
            const auto started = std::chrono::steady_clock::now();
            const bool show = o->progress && stderr_is_terminal();
            bool drawn = false;
            if (show) {
                opts.progress = [&](int done, int total) {
                    const double secs =
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                    if (secs < 1.0 && !drawn) return;
                    drawn = true;
                    const int width = 30;
                    const int filled = total > 0 ? done * width / total : width;
                    std::fprintf(stderr, "\r[%.*s%*s] %d/%d replications", filled,
                                 "##############################", width - filled, "", done, total);
                    std::fflush(stderr);
                };
            }
            // The scenario's own problems found at run time (its expected work past a limit)
            // name the scenario file.
            const auto simulate_now = [&] { return sim::simulate(sc, opts); };
            const sim::simulation_result r =
                o->scenario_file.empty() ? simulate_now() : in_file(o->scenario_file, simulate_now);
            if (drawn) std::fprintf(stderr, "\r%*s\r", 60, "");
            if (events) events->commit();
            if (o->format == "json") out = as_json(sc, r, seed);
            else if (o->format == "csv") out = as_csv(r);
            else out = as_text(sc, r, seed);
            // An unstable level is a finding reported in the output, not a failure of the run.
            return exit_ok;
        };
    });
}

}  // namespace iopcare::cli
