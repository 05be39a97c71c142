// What the simulate and experiment commands share: how they run their replications (on this
// process's threads in `iopcare`, over MPI ranks in `iopcare-mpi`), the options that bound and
// show a run, the event log file, and the scenario argument.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include <iopcare/sim/experiment.hpp>
#include <iopcare/sim/simulation.hpp>

#include "cli.hpp"
#include "output_file.hpp"

namespace iopcare::cli {

struct run_backend {
    std::function<sim::simulation_result(const sim::scenario&, const sim::run_options&)> simulate;
    std::function<sim::experiment_result(const sim::experiment&, const sim::run_options&)> experiment;
    bool threads = true;  // whether --threads means something (one process's threads)
};
// simulate() and run_experiment() on this process's threads.
[[nodiscard]] run_backend local_backend();

void add_simulate(CLI::App& app, command& run, const run_backend& backend);
void add_experiment(CLI::App& app, command& run, const run_backend& backend);

// --threads, --events, --events-warmup, --no-progress, --max-events, --max-patients.
struct run_flags {
    int threads = 0;
    std::string events_file;
    bool events_warmup = false;
    bool progress = true;
    std::uint64_t max_events = sim::run_options{}.max_events;
    std::int64_t max_patients = sim::run_options{}.max_patients;

    void add_to(CLI::App* cmd, bool threads_option);
    [[nodiscard]] sim::run_options options() const;
};

// The event log file of a run: written through output_file, so a regular file is replaced
// only when the run succeeded.
class events_output {
public:
    // Nothing when no --events was given.
    events_output(const run_flags& f, const sim::scenario& s, bool with_point);
    [[nodiscard]] sim::event_log* log() noexcept { return log_.get(); }
    void commit();

private:
    std::optional<output_file> file_;
    std::unique_ptr<sim::csv_event_log> log_;
};

// A progress bar on stderr, only for a terminal and a run long enough to need one.
class progress_bar {
public:
    explicit progress_bar(bool wanted, const char* unit);
    [[nodiscard]] std::function<void(int, int)> callback();
    void clear();

private:
    bool show_;
    bool drawn_ = false;
    const char* unit_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// A --scenario argument: an embedded scenario's name, or a scenario file.
[[nodiscard]] sim::scenario scenario_argument(const std::string& name_or_file);

}  // namespace iopcare::cli
