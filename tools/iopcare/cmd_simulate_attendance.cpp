// iopcare simulate-attendance --program FILE --rules ID|FILE [--patients N --weeks W --from DATE]
//     [--scenario NAME|FILE --level ID --weeks W --from DATE]
//     [--attendance-rate MEAN] [--concentration K] [--partial P] [--partial-minutes M] [--makeups on|off]
//     [--dropout-after K] [--replications R] [--seed S] [--threads T] [--format text|json]
//     [--attendance-out FILE]
// Exit 0 when the run completes (low compliance is the answer, not an error); 2 for bad input.
#include <memory>
#include <optional>
#include <string>

#include <iopcare/io/attendance.hpp>
#include <iopcare/io/attendance_simulation.hpp>
#include <iopcare/io/program.hpp>
#include <iopcare/sim/attendance.hpp>

#include "cli.hpp"
#include "output_file.hpp"
#include "run_flags.hpp"

namespace iopcare::cli {

namespace {

using namespace std::chrono;

struct attendance_cli {
    std::string program;
    std::string rules;
    std::optional<unsigned> patients;
    std::string scenario;
    std::string level;
    std::optional<unsigned> weeks;
    std::string from;
    sim::attendance_model model;
    std::string makeups = "on";
    std::optional<unsigned> dropout_after;
    std::optional<unsigned> partial_minutes;
    int replications = 100;
    std::string seed = "1";
    int threads = 0;
    std::string format = "text";
    std::string attendance_out;
};

// --from, a date whose stays of --weeks end within the supported years.
year_month_day from_argument(const attendance_cli& o) {
    const auto from = parse_iso_date(o.from);
    if (!from || !supported_year(from->year()) || year_month_day{sys_days{*from} + days{7 * *o.weeks}}.year() > last_supported_year)
        throw error(errc::invalid_date, "--from", o.from, "expected a date as YYYY-MM-DD within the supported years");
    return *from;
}

// The program file's enrollments as the cohort, each error placed at its enrollment.
schedule enrolled_cohort(const attendance_cli& o, const io::program_file& file) {
    if (o.weeks || !o.from.empty())
        throw error(errc::invalid_argument, o.weeks ? "--weeks" : "--from", o.weeks ? std::to_string(*o.weeks) : o.from,
                    "--weeks and --from go with --patients or --scenario; without them the program file's enrollments "
                    "are the cohort");
    if (file.enrollments.empty())
        throw error(errc::missing_field, "--patients", "",
                    input_name(o.program) + " has no enrollments: give a cohort with --patients N --weeks W --from DATE");
    schedule s(file.prog, overflow_policy::refuse);
    for (std::size_t i = 0; i < file.enrollments.size(); ++i)
        in_file(o.program, [&] {
            try {
                return s.enroll(file.enrollments[i]);
            } catch (const error& e) {
                error_info info = e.info();
                info.where = "/enrollments/" + std::to_string(i) + (info.where.empty() ? "" : "/" + info.where);
                throw error(std::move(info));
            }
        });
    return s;
}

// The admissions to --level of --scenario in the --weeks after its warm-up, from --from.
schedule flow_cohort_argument(const attendance_cli& o, const io::program_file& file) {
    if (o.patients)
        throw error(errc::invalid_argument, "--patients", std::to_string(*o.patients),
                    "give either --patients or --scenario with --level, not both");
    if (o.level.empty()) throw error(errc::missing_field, "--level", "", "--scenario needs --level ID, --weeks W and --from YYYY-MM-DD");
    if (!o.weeks || o.from.empty())
        throw error(errc::missing_field, o.weeks ? "--from" : "--weeks", "", "--scenario needs --level ID, --weeks W and --from YYYY-MM-DD");
    const sim::scenario sc = scenario_argument(o.scenario);
    try {
        return sim::flow_cohort_schedule(file.prog, sc, sim::flow_cohort{o.level, from_argument(o), *o.weeks});
    } catch (const error& e) {
        if (e.where() != "level" && e.where() != "weeks") throw;
        error_info info = e.info();
        info.set_where("--" + info.where);  // the option the user gave
        throw error(std::move(info));
    }
}

// The cohort: --patients admitted on --from for --weeks, a level's admissions in a flow
// --scenario, or the program file's enrollments.
schedule cohort_argument(const attendance_cli& o, const io::program_file& file) {
    if (!o.scenario.empty()) return flow_cohort_argument(o, file);
    if (!o.level.empty()) throw error(errc::invalid_argument, "--level", o.level, "--level goes with --scenario");
    if (!o.patients) return enrolled_cohort(o, file);
    if (!o.weeks || o.from.empty())
        throw error(errc::missing_field, o.weeks ? "--from" : "--weeks", "", "--patients needs --weeks W and --from YYYY-MM-DD");
    const auto from = from_argument(o);
    return in_file(o.program, [&] { return sim::cohort_schedule(file.prog, *o.patients, from, *o.weeks); });
}

int run_simulate_attendance(const attendance_cli& o, std::string& out) {
    const rule_set rules = rules_argument(o.rules);
    const io::program_file file =
        load_file(o.program, [](const std::string& text, const std::string& src) { return io::parse_program(text, src); });
    const schedule cohort = cohort_argument(o, file);
    sim::attendance_options opts;
    opts.model = o.model;
    opts.model.makeups = o.makeups == "on";
    opts.model.dropout_after = o.dropout_after;
    if (o.partial_minutes) opts.model.partial_minutes = minutes{*o.partial_minutes};
    opts.replications = o.replications;
    opts.seed = seed_argument(o.seed);
    opts.threads = o.threads;
    const auto r = in_file(o.program, [&] { return sim::simulate_attendance(cohort, rules, opts); });
    if (!o.attendance_out.empty()) {
        if (o.attendance_out == stdin_path)
            throw error(errc::invalid_argument, "--attendance-out", o.attendance_out,
                        "standard output carries the report: give a file for the attendance");
        // Replication 0 again: the streams make it the same attendance the run validated.
        const attendance_log log = sim::simulated_attendance(cohort, rules, opts, 0);
        output_file f(o.attendance_out);
        f.stream() << io::attendance_to_json(log, *cohort.prog().zone);
        f.commit();
    }
    out = o.format == "json" ? io::attendance_simulation_to_json(r) : io::attendance_simulation_to_text(r);
    return exit_ok;
}

}  // namespace

void add_simulate_attendance(CLI::App& app, command& run) {
    auto* cmd = app.add_subcommand(
        "simulate-attendance",
        "Simulate attendance session by session on a program's schedule and validate it: the share of patient-weeks "
        "that meets a rule set");
    auto o = std::make_shared<attendance_cli>();
    cmd->add_option("--program", o->program, "a program in iopcare.program/1 JSON ('-': standard input)")->required();
    std::string ids;
    for (auto id : builtin_rule_ids()) ids += (ids.empty() ? "" : ", ") + std::string(id);
    cmd->add_option("--rules", o->rules, "a built-in rule set (" + ids + ") or an iopcare.rules/1 file")->required();
    cmd->add_option("--patients", o->patients, "a cohort of N patients admitted on --from for --weeks whole weeks "
                                               "(default: the program file's enrollments)")
        ->check(CLI::Range(1U, 1000000U));
    cmd->add_option("--scenario", o->scenario,
                    "a flow scenario (an embedded name such as continuum-ref, or an iopcare.scenario/1 file) whose "
                    "admissions to --level in the --weeks after its warm-up are the cohort, with their stays");
    cmd->add_option("--level", o->level, "the --scenario level whose admissions are the cohort (its id, e.g. iop)");
    cmd->add_option("--weeks", o->weeks,
                    "whole weeks each of the --patients stays; with --scenario, the weeks of admissions taken")
        ->check(CLI::Range(1U, 156U));
    cmd->add_option("--from", o->from,
                    "the --patients' admission day, or the day the --scenario's warm-up ends on, YYYY-MM-DD");
    cmd->add_option("--attendance-rate", o->model.attendance_rate, "mean chance a patient attends a session (0 to 1)")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    cmd->add_option("--concentration", o->model.concentration,
                    "Beta concentration of the patients' attendance propensities: small spreads them, large makes "
                    "everyone attend at the rate (> 0)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cmd->add_option("--partial", o->model.partial, "chance a session attended is only partly attended")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    cmd->add_option("--partial-minutes", o->partial_minutes,
                    "minutes a partly attended session gives (default: half the session, rounded down)")
        ->check(CLI::Range(0U, 1440U));
    cmd->add_option("--makeups", o->makeups, "offer makeup sessions when a week heads below the minimum: on or off")
        ->check(CLI::IsMember({"on", "off"}))
        ->capture_default_str();
    cmd->add_option("--dropout-after", o->dropout_after, "a patient drops out after K missed sessions in a row (default: never)")
        ->check(CLI::Range(1U, 1000U));
    cmd->add_option("--replications", o->replications, "independent replications")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    cmd->add_option("--seed", o->seed, "master seed, a whole number >= 0")->capture_default_str();
    cmd->add_option("--threads", o->threads, "worker threads (0: all cores); the result does not depend on it")
        ->check(CLI::Range(0, 1024))
        ->capture_default_str();
    cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    cmd->add_option("--attendance-out", o->attendance_out,
                    "write replication 0's attendance to this file as iopcare.attendance/1 JSON, to inspect or "
                    "re-validate");
    cmd->callback([&run, o] { run = [o](std::string& out) { return run_simulate_attendance(*o, out); }; });
}

}  // namespace iopcare::cli
