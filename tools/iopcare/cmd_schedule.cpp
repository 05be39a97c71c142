// iopcare schedule --program program.json --from YYYY-MM-DD --weeks N
//                  [--format text|ics|csv|json] [--out FILE] [--dst-policy POLICY] [--max-sessions N]
#include <algorithm>
#include <memory>
#include <ostream>
#include <string>

#include <iopcare/io/icalendar.hpp>
#include <iopcare/io/program.hpp>
#include <iopcare/io/sessions.hpp>
#include <iopcare/schedule.hpp>

#include <iopcare/text.hpp>

#include "cli.hpp"

namespace iopcare::cli {

namespace {

using namespace std::chrono;

struct schedule_options {
    std::string program_file;
    std::string from;
    unsigned weeks = 0;
    std::string format = "text";
    std::string out;
    std::string policy = "shift_forward";
    std::uint64_t max_sessions = schedule::default_max_sessions;
};

// The first day, checked against the years the library covers so the message names the options.
year_month_day first_day(const schedule_options& o) {
    const auto from = parse_iso_date(o.from);
    if (!from) throw error(errc::invalid_date, "--from", o.from, "expected a date as YYYY-MM-DD");
    if (!supported_year(from->year())) {
        throw error(errc::invalid_date, "--from", o.from, "outside the supported dates 1400-01-01 to 9999-12-31");
    }
    if (year_month_day{sys_days{*from} + days{7 * o.weeks - 1}}.year() > last_supported_year) {
        throw error(errc::invalid_date, "--weeks", std::to_string(o.weeks),
                    counted(o.weeks, "week") + " from " + o.from + " run past 9999-12-31, the last supported date");
    }
    return *from;
}

std::string schedule_text(const schedule_options& o, const schedule& s, const expansion& x, year_month_day from,
                          year_month_day to) {
    if (o.format == "json") return io::sessions_to_json(s, x);
    if (o.format == "ics") {
        io::icalendar_options ical;
        ical.policy = *parse_dst_policy(o.policy);
        return io::schedule_to_icalendar(s, from, to, ical);
    }
    return io::sessions_to_text(s, x, from, o.weeks);
}

// The CSV, a block at a time: a year of a large program is a million rows, not worth holding.
command_output csv_stream(std::shared_ptr<const schedule> s, std::shared_ptr<const expansion> x) {
    command_output csv;
    csv.stream = [s = std::move(s), x = std::move(x)](std::ostream& os) { io::write_sessions_csv(os, *s, *x); };
    return csv;
}

// The schedule, refused naming the options when it would expand to more than --max-sessions
// (the size is known before anything is expanded).
std::shared_ptr<schedule> load_schedule(const schedule_options& o, year_month_day from, year_month_day to) {
    io::program_file file = load_file(o.program_file, [](const std::string& text, const std::string& src) {
        return io::parse_program(text, src);
    });
    auto s = std::make_shared<schedule>(file.prog, overflow_policy::refuse);
    // No patients named: a stand-in per group, admitted on --from, shows the program's own calendar.
    if (file.enrollments.empty()) enroll_stand_ins(*s, from, o.weeks);
    else enroll_from_file(*s, file, o.program_file);
    s->set_max_sessions(o.max_sessions);
    if (const auto n = s->expected_sessions(from, to); n > o.max_sessions) {
        throw error(errc::limit_exceeded, "--weeks", std::to_string(o.weeks),
                    counted(o.weeks, "week") + " of " + input_name(o.program_file) + " (" +
                        counted(s->enrolled().size(), "patient") + ") make up to " + std::to_string(n) +
                        " sessions, more than --max-sessions " + std::to_string(o.max_sessions));
    }
    return s;
}

int run_schedule(const schedule_options& o, command_output& out) {
    const year_month_day from = first_day(o);
    const auto to = year_month_day{sys_days{from} + days{7 * o.weeks}};
    const std::shared_ptr<const schedule> s = load_schedule(o, from, to);
    const auto x = std::make_shared<const expansion>(s->expand(from, to, *parse_dst_policy(o.policy)));
    command_output result;
    if (o.format == "csv") result = csv_stream(s, x);
    else result.text = schedule_text(o, *s, *x, from, to);
    if (is_stdout(o.out)) {
        out = std::move(result);
    } else {
        write_output(result, o.out);
        out.text = "wrote " + std::to_string(x->sessions.size()) + " sessions to " + o.out + "\n";
    }
    return exit_ok;
}

}  // namespace

void add_schedule(CLI::App& app, command& run) {
    auto* cmd = app.add_subcommand("schedule", "Expand a program's weekly template into sessions");
    auto o = std::make_shared<schedule_options>();
    cmd->add_option("--program", o->program_file, "a program in iopcare.program/1 JSON ('-': standard input)")->required();
    cmd->add_option("--from", o->from, "first day, YYYY-MM-DD")->required();
    cmd->add_option("--weeks", o->weeks, "number of weeks")->required()->check(CLI::Range(1U, 520U));
    cmd->add_option("--format", o->format, "text, ics (iCalendar), csv or json")
        ->check(CLI::IsMember({"text", "ics", "csv", "json"}))
        ->capture_default_str();
    cmd->add_option("--out", o->out, "write to this file instead of standard output ('-': standard output)");
    cmd->add_option("--dst-policy", o->policy,
                    "local times in a DST gap or overlap: shift_forward, earliest, latest, skip or error")
        ->check(CLI::IsMember({"shift_forward", "earliest", "latest", "skip", "error"}))
        ->capture_default_str();
    cmd->add_option("--max-sessions", o->max_sessions, "refuse to expand more sessions than this")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40))
        ->capture_default_str();
    cmd->callback([&run, o] { run = [o](command_output& out) { return run_schedule(*o, out); }; });
}

}  // namespace iopcare::cli
