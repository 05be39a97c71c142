// iopcare schedule --program program.json --from YYYY-MM-DD --weeks N
//                  [--format text|ics|csv|json] [--out FILE] [--dst-policy POLICY]
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include <iopcare/catalog.hpp>
#include <iopcare/io/icalendar.hpp>
#include <iopcare/io/program.hpp>
#include <iopcare/io/sessions.hpp>
#include <iopcare/schedule.hpp>

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

std::string hours_text(minutes m) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f h", static_cast<double>(m.count()) / 60.0);
    return buf;
}

std::string as_text(const schedule& s, const expansion& x, year_month_day from, unsigned weeks) {
    const program& p = s.prog();
    std::string out;
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s (level %s, %s, %s): %zu sessions in %u weeks from %s\n", p.name.c_str(),
                  p.level.c_str(), std::string(to_string(p.population)).c_str(),
                  p.zone ? p.zone->name().c_str() : "UTC", x.sessions.size(), weeks, format_date(from).c_str());
    out += buf;
    const care_level* level = catalog::asam3().find(p.level);
    const std::optional<hour_band> band = level ? level->hours_for(p.population) : std::nullopt;
    if (band) out += "hour band of level " + p.level + ": " + band->describe() + "\n";

    std::map<std::uint32_t, std::vector<session>> by_patient;
    for (const auto& v : x.sessions) by_patient[v.patient.value].push_back(v);
    for (const auto& [patient, list] : by_patient) {
        std::string groups;
        for (const auto& v : list) {
            if (v.group == no_index) continue;
            const std::string& g = s.name(v.group);
            if (groups.find(g) == std::string::npos) groups += (groups.empty() ? "" : ", ") + g;
        }
        out += "\npatient " + std::to_string(patient) + (groups.empty() ? "" : " (" + groups + ")") + "\n";
        for (const auto& w : weekly_minutes(list)) {
            std::string flag;
            if (band && band->below(w.planned)) flag = "  below the band";
            if (band && band->above(w.planned)) flag = "  above the band";
            const year_month_day ws{sys_days{w.week_start.time_since_epoch()}};
            out += "  week of " + format_date(ws) + "  " + hours_text(w.planned) + flag + "\n";
        }
    }
    out += "\nsessions (local time, zone abbreviation)\n";
    const time_zone zone = p.zone ? *p.zone : time_zone::utc();
    for (const auto& v : x.sessions) {
        const std::string local = format_local(v.local_start);
        std::snprintf(buf, sizeof buf, "  %s %s %-5s %4lld min  %-22s %-12s patient %u\n", local.substr(0, 10).c_str(),
                      local.substr(11, 5).c_str(), zone.abbreviation(v.utc_start).c_str(),
                      static_cast<long long>(v.length.count()), s.name(v.service).c_str(),
                      v.group == no_index ? "-" : s.name(v.group).c_str(), v.patient.value);
        out += buf;
    }
    if (!x.skipped.empty()) {
        out += "\nskipped (local times that do not exist, under --dst-policy skip)\n";
        for (std::size_t i = 0; i < x.skipped.size(); ++i) {
            out += "  " + format_local(x.skipped[i]) + "  patient " + std::to_string(x.skipped_patients[i].value) + "\n";
        }
    }
    return out;
}

}  // namespace

void add_schedule(CLI::App& app, command& run) {
    auto* cmd = app.add_subcommand("schedule", "Expand a program's weekly template into sessions");
    auto o = std::make_shared<schedule_options>();
    cmd->add_option("--program", o->program_file, "a program in iopcare.program/1 JSON")->required();
    cmd->add_option("--from", o->from, "first day, YYYY-MM-DD")->required();
    cmd->add_option("--weeks", o->weeks, "number of weeks")->required()->check(CLI::Range(1U, 520U));
    cmd->add_option("--format", o->format, "text, ics (iCalendar), csv or json")
        ->check(CLI::IsMember({"text", "ics", "csv", "json"}))
        ->capture_default_str();
    cmd->add_option("--out", o->out, "write to this file instead of stdout");
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
                            std::to_string(o->weeks) + " weeks from " + o->from +
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
                    e.patient = patient_id{id++};
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
                        info.where = o->program_file + " /enrollments/" + std::to_string(i) +
                                     (info.where.empty() ? "" : " " + info.where);
                        throw error(std::move(info));
                    }
                }
            }
            // The size is known before anything is expanded: refuse it naming the options.
            s.set_max_sessions(o->max_sessions);
            if (const auto n = s.expected_sessions(*from, to); n > o->max_sessions) {
                throw error(errc::limit_exceeded, "--weeks", std::to_string(o->weeks),
                            std::to_string(o->weeks) + " weeks of " + o->program_file + " (" +
                                std::to_string(s.enrolled().size()) + " patients) make up to " + std::to_string(n) +
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
            else text = as_text(s, x, *from, o->weeks);
            if (o->out.empty()) {
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
