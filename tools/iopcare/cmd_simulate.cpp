// iopcare simulate [--scenario NAME|FILE] [--replications N] [--threads N] [--seed S]
//                  [--format text|json|csv] [--events FILE] [--events-warmup] [--max-events N]
//                  [--max-patients N]
// With no scenario, the embedded reference scenario `continuum-ref`.
#include <memory>
#include <optional>
#include <string>

#include <iopcare/io/simulation.hpp>

#include "cli.hpp"
#include "run_flags.hpp"

namespace iopcare::cli {

namespace {

struct simulate_options {
    std::string scenario = "continuum-ref";
    std::optional<int> replications;
    std::string seed_text;  // as given; parsed by parse_seed
    std::string format = "text";
    run_flags run;
};

int run_simulate(const simulate_options& o, const run_backend& backend, std::string& out) {
    const sim::scenario sc = scenario_argument(o.scenario);
    sim::run_options opts = o.run.options();
    opts.replications = o.replications;
    if (!o.seed_text.empty()) opts.seed = seed_argument(o.seed_text);
    const std::uint64_t seed = opts.seed.value_or(sc.seed);
    events_output events(o.run, sc, false);
    opts.log = events.log();
    progress_bar bar(o.run.progress, "replications");
    opts.progress = bar.callback();
    // The scenario's own problems found at run time (its expected work past a limit) name the
    // scenario file.
    const auto simulate_now = [&] { return backend.simulate(sc, opts); };
    const bool embedded = sim::embedded_scenario(o.scenario).has_value();
    const sim::simulation_result r = embedded ? simulate_now() : in_file(o.scenario, simulate_now);
    bar.clear();
    events.commit();
    if (o.format == "json") out = io::simulation_to_json(sc, r, seed);
    else if (o.format == "csv") out = io::simulation_to_csv(r);
    else out = io::simulation_to_text(sc, r, seed);
    // An unstable level is a finding reported in the output, not a failure of the run.
    return exit_ok;
}

}  // namespace

void add_simulate(CLI::App& app, command& run, const run_backend& backend) {
    auto* cmd = app.add_subcommand("simulate", "Simulate patients flowing through the continuum (default: continuum-ref)");
    auto o = std::make_shared<simulate_options>();
    cmd->add_option("--scenario", o->scenario,
                    "an embedded scenario (continuum-ref, continuum-teds), a file in iopcare.scenario/1 JSON, or '-' for "
                    "standard input")
        ->capture_default_str();
    cmd->add_option("--replications", o->replications, "number of replications (overrides the scenario's)")
        ->check(CLI::Range(1, 1000000));
    cmd->add_option("--seed", o->seed_text, "master seed, a whole number >= 0 (overrides the scenario's)");
    cmd->add_option("--format", o->format, "text, json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    o->run.add_to(cmd, backend.threads);
    cmd->callback([&run, o, backend] { run = [o, backend](std::string& out) { return run_simulate(*o, backend, out); }; });
}

void add_simulate(CLI::App& app, command& run) { add_simulate(app, run, local_backend()); }

}  // namespace iopcare::cli
