// Options and helpers shared by the simulate and experiment commands (run_flags.hpp).
#include "run_flags.hpp"

#include <cstdio>

#include <iopcare/io/scenario.hpp>

namespace iopcare::cli {

run_backend local_backend() {
    return {[](const sim::scenario& s, const sim::run_options& o) { return sim::simulate(s, o); },
            [](const sim::experiment& e, const sim::run_options& o) { return sim::run_experiment(e, o); }, true};
}

void run_flags::add_to(CLI::App* cmd, bool threads_option) {
    if (threads_option) {
        cmd->add_option("--threads", threads, "worker threads (0: all cores)")->check(CLI::Range(0, 1024))->capture_default_str();
    }
    cmd->add_option("--events", events_file,
                    "write every arrival, admission and departure after the warm-up as CSV to this file, in "
                    "replication order");
    cmd->add_flag("--events-warmup", events_warmup, "include the warm-up's events in --events");
    cmd->add_flag("!--no-progress", progress, "never show a progress bar");
    cmd->add_option("--max-events", max_events, "refuse a run expected to process more events in all replications")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 62))
        ->capture_default_str();
    cmd->add_option("--max-patients", max_patients, "refuse a run expected to hold more patients at once in a replication")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{8'000'000}))
        ->capture_default_str();
}

sim::run_options run_flags::options() const {
    sim::run_options o;
    o.threads = threads;
    o.max_events = max_events;
    o.max_patients = max_patients;
    o.log_warmup = events_warmup;
    return o;
}

events_output::events_output(const run_flags& f, const sim::scenario& s, bool with_point) {
    if (f.events_file.empty()) return;
    file_.emplace(f.events_file);
    log_ = std::make_unique<sim::csv_event_log>(file_->stream(), s, with_point);
}

void events_output::commit() {
    if (file_) file_->commit();
}

progress_bar::progress_bar(bool wanted, const char* unit) : show_(wanted && stderr_is_terminal()), unit_(unit) {}

std::function<void(int, int)> progress_bar::callback() {
    if (!show_) return {};
    return [this](int done, int total) {
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        if (secs < 1.0 && !drawn_) return;
        drawn_ = true;
        const int width = 30;
        const int filled = total > 0 ? done * width / total : width;
        std::fprintf(stderr, "\r[%.*s%*s] %d/%d %s", filled, "##############################", width - filled, "", done,
                     total, unit_);
        std::fflush(stderr);
    };
}

void progress_bar::clear() {
    if (drawn_) std::fprintf(stderr, "\r%*s\r", 60, "");
}

sim::scenario scenario_argument(const std::string& name_or_file) {
    if (auto s = sim::embedded_scenario(name_or_file)) return *s;
    return load_file(name_or_file, [](const std::string& text, const std::string& src) { return io::parse_scenario(text, src); });
}

}  // namespace iopcare::cli
