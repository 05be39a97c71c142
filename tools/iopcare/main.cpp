// iopcare — the command-line tool over the library: levels, continuum, schedule, validate,
// rules, simulate, simulate-attendance, experiment, place, episodes, fhir. Exit codes: 0 success, 1 findings (rules not met, an
// incomplete placement, problems in a record), 2 bad input or usage, 3 an internal error.
// Every input option takes "-" for standard input, and every command has --out FILE ("-":
// standard output, the default).
#include <string>

#include <iopcare/version.hpp>

#include "cli.hpp"

int main(int argc, char** argv) {
    using namespace iopcare::cli;
    CLI::App app{"iopcare: levels of care, the continuum, program schedules, hour validation and "
                 "patient-flow simulation"};
    app.name("iopcare");
    app.set_version_flag("--version", std::string("iopcare ") + iopcare::library_version_string());
    app.require_subcommand(1);
    app.fallthrough(false);

    command run;
    add_levels(app, run);
    add_continuum(app, run);
    add_schedule(app, run);
    add_validate(app, run);
    add_rules(app, run);
    add_simulate(app, run);
    add_simulate_attendance(app, run);
    add_place(app, run);
    add_episodes(app, run);
    add_fhir(app, run);
    add_experiment(app, run);

    return run_app(app, run, argc, argv);
}
