// iopcare experiment --file FILE [--threads N] [--format text|json|csv] [--events FILE]
//                    [--events-warmup] [--max-events N] [--max-patients N]
// Runs every design point of an iopcare.experiment/1 file with common random numbers and
// prints each point and its paired differences with the baseline.
#include <memory>
#include <string>

#include <iopcare/io/experiment.hpp>

#include "cli.hpp"
#include "run_flags.hpp"

namespace iopcare::cli {

namespace {

struct experiment_options {
    std::string file;
    std::string format = "text";
    run_flags run;
};

int run_experiment_command(const experiment_options& o, const run_backend& backend, std::string& out) {
    const sim::experiment e = load_file(o.file, [](const std::string& text, const std::string& src) {
        return io::parse_experiment(text, src);
    });
    sim::run_options opts = o.run.options();
    events_output events(o.run, e.points.front(), true);
    opts.log = events.log();
    progress_bar bar(o.run.progress, "runs");
    opts.progress = bar.callback();
    const sim::experiment_result r = in_file(o.file, [&] { return backend.experiment(e, opts); });
    bar.clear();
    events.commit();
    if (o.format == "json") out = io::experiment_to_json(e, r);
    else if (o.format == "csv") out = io::experiment_to_csv(e, r);
    else out = io::experiment_to_text(e, r);
    // An unstable point is marked in the output; the experiment itself ran.
    return exit_ok;
}

}  // namespace

void add_experiment(CLI::App& app, command& run, const run_backend& backend) {
    auto* cmd = app.add_subcommand("experiment",
                                   "Run a scenario's design points (iopcare.experiment/1) with common random numbers and "
                                   "compare each with the baseline");
    auto o = std::make_shared<experiment_options>();
    cmd->add_option("--file", o->file, "the experiment, in iopcare.experiment/1 JSON")->required();
    cmd->add_option("--format", o->format, "text, json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    o->run.add_to(cmd, backend.threads);
    cmd->callback([&run, o, backend] {
        run = [o, backend](std::string& out) { return run_experiment_command(*o, backend, out); };
    });
}

void add_experiment(CLI::App& app, command& run) { add_experiment(app, run, local_backend()); }

}  // namespace iopcare::cli
