// iopcare simulate [--scenario FILE] [--replications N] [--threads N] [--seed S]
//                  [--format text|json|csv] [--events FILE] [--max-events N] [--max-patients N]
// With no scenario, the embedded reference scenario `continuum-ref`.
#include <charconv>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <iopcare/io/scenario.hpp>
#include <iopcare/io/simulation.hpp>
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
                    "a scenario in iopcare.scenario/1 JSON, '-' for standard input (default: the embedded continuum-ref)");
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
            if (o->format == "json") out = io::simulation_to_json(sc, r, seed);
            else if (o->format == "csv") out = io::simulation_to_csv(r);
            else out = io::simulation_to_text(sc, r, seed);
            // An unstable level is a finding reported in the output, not a failure of the run.
            return exit_ok;
        };
    });
}

}  // namespace iopcare::cli
