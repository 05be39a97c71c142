// iopcare schedule --program program.json --from YYYY-MM-DD --weeks N
//                  [--format text|ics|csv|json] [--out FILE] [--dst-policy POLICY] [--max-sessions N]
#include <algorithm>
#include <memory>
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
    cmd->callback([&run, o] {
        run = [o](std::string& out) {
            const auto from = parse_iso_date(o->from);
            if (!from) throw error(errc::invalid_date, "--from", o->from, "expected a date as YYYY-MM-DD");
            // The library covers the years 1400 through 9999; check here so the message names the option.
            if (!supported_year(from->year())) {
                throw error(errc::invalid_date, "--from", o->from,
                            "outside the supported dates 1400-01-01 to 9999-12-31");
            }
            if (year_month_day{sys_days{*from} + days{7 * o->weeks - 1}}.year() > last_supported_year) {
                throw error(errc::invalid_date, "--weeks", std::to_string(o->weeks),
                            counted(o->weeks, "week") + " from " + o->from +
                                " run past 9999-12-31, the last supported date");
            }
            io::program_file file = load_file(o->program_file, [](const std::string& text, const std::string& src) {
                return io::parse_program(text, src);
            });
            const auto to = year_month_day{sys_days{*from} + days{7 * o->weeks}};
            schedule s(file.prog, overflow_policy::refuse);
            if (file.enrollments.empty()) {
                // No patients named: one patient per group (and one for a template without
                // groups), admitted on --from, shows the program's own calendar.
                std::vector<std::string> groups;
                for (const auto& ph : file.prog.phases) {
                    for (const auto& l : ph.sessions) {
                        if (!l.group.empty() && std::find(groups.begin(), groups.end(), l.group) == groups.end())
                            groups.push_back(l.group);
                    }
                }
                if (groups.empty()) groups.emplace_back();
                std::uint32_t id = 1;
                for (const auto& g : groups) {
                    enrollment e;
                    e.patient = patient_id(std::to_string(id++));
                    e.admit = *from;
                    e.weeks = o->weeks;
                    e.group = g;
                    s.enroll(std::move(e));
                }
            } else {
                for (std::size_t i = 0; i < file.enrollments.size(); ++i) {
                    try {
                        s.enroll(file.enrollments[i]);
                    } catch (const error& e) {
                        error_info info = e.info();
                        info.set_where(input_name(o->program_file) + " /enrollments/" + std::to_string(i) +
                                       (info.where.empty() ? "" : " " + info.where));
                        info.place.file = input_name(o->program_file);
                        throw error(std::move(info));
                    }
                }
            }
            // The size is known before anything is expanded: refuse it naming the options.
            s.set_max_sessions(o->max_sessions);
            if (const auto n = s.expected_sessions(*from, to); n > o->max_sessions) {
                throw error(errc::limit_exceeded, "--weeks", std::to_string(o->weeks),
                            counted(o->weeks, "week") + " of " + input_name(o->program_file) + " (" +
                                counted(s.enrolled().size(), "patient") + ") make up to " + std::to_string(n) +
                                " sessions, more than --max-sessions " + std::to_string(o->max_sessions));
            }
            const expansion x = s.expand(*from, to, *parse_dst_policy(o->policy));
            std::string text;
            if (o->format == "json") text = io::sessions_to_json(s, x);
            else if (o->format == "csv") text = io::sessions_to_csv(s, x);
            else if (o->format == "ics") {
                io::icalendar_options ical;
                ical.policy = *parse_dst_policy(o->policy);
                text = io::schedule_to_icalendar(s, *from, to, ical);
            }
            else text = io::sessions_to_text(s, x, *from, o->weeks);
            if (is_stdout(o->out)) {
                out = std::move(text);
            } else {
                write_output(text, o->out);
                out = "wrote " + std::to_string(x.sessions.size()) + " sessions to " + o->out + "\n";
            }
            return exit_ok;
        };
    });
}

}  // namespace iopcare::cli
