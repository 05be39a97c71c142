// iopcare validate --attendance FILE (json or csv) --rules NAME|rules.json
//                  [--format text|json|csv] [--timezone ZONE] [--through YYYY-MM-DD]
//                  [--dst-policy POLICY] [--strict]
// Exit 0 when every checked week meets the rules; 1 when some week does not (or records were
// rejected and reported); 2 on bad input or usage (with --strict, also for a rejected record).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include <iopcare/io/attendance.hpp>
#include <iopcare/io/rules.hpp>
#include <iopcare/text.hpp>
#include <iopcare/validate.hpp>

#include "cli.hpp"

namespace iopcare::cli {

namespace {

using namespace std::chrono;

struct validate_options_cli {
    std::string attendance;
    std::string rules;
    std::string format = "text";
    std::string timezone;
    std::string through;
    std::string policy = "skip";
    bool strict = false;
};

std::string hours_text(double h) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", h);
    return buf;
}

std::string day_text(local_days d) { return format_date(year_month_day{sys_days{d.time_since_epoch()}}); }

std::string as_json(const validation_report& r, const rule_set& rules) {
    nlohmann::ordered_json j;
    j["rule_set"] = r.rule_set;
    j["source"] = rules.source;
    nlohmann::ordered_json patients = nlohmann::ordered_json::array();
    for (const auto& p : r.patients) {
        nlohmann::ordered_json pj;
        pj["patient"] = p.patient;
        nlohmann::ordered_json weeks = nlohmann::ordered_json::array();
        for (const auto& w : p.weeks) {
            nlohmann::ordered_json wj;
            wj["week_start"] = day_text(w.week_start);
            wj["hours"] = std::round(w.hours() * 10000.0) / 10000.0;
            wj["qualifying_days"] = w.qualifying_days;
            wj["status"] = std::string(to_string(w.status));
            wj["counted_sessions"] = w.counted_sessions;
            wj["days_in_span"] = w.days_in_span;
            if (w.admission_week) wj["admission_week"] = true;
            if (w.discharge_week) wj["discharge_week"] = true;
            nlohmann::ordered_json vs = nlohmann::ordered_json::array();
            for (const auto& v : w.violations) {
                nlohmann::ordered_json vj{{"code", v.code}, {"message", v.message}, {"source", v.source}};
                if (!v.subject.empty()) vj["subject"] = v.subject;
                if (v.allowed) vj["allowed"] = true;
                vs.push_back(std::move(vj));
            }
            wj["violations"] = std::move(vs);
            weeks.push_back(std::move(wj));
        }
        pj["weeks"] = std::move(weeks);
        pj["weeks_checked"] = p.weeks_checked;
        pj["weeks_met"] = p.weeks_met;
        pj["longest_failing_run"] = p.longest_failing_run;
        pj["consider_step_down"] = p.consider_step_down;
        pj["consider_higher_level"] = p.consider_higher_level;
        if (!p.review.empty()) pj["review"] = p.review;
        nlohmann::ordered_json ov = nlohmann::ordered_json::array();
        for (const auto& o : p.overlaps) {
            ov.push_back({{"records", {o.first, o.second}}, {"minutes", static_cast<double>(o.time.count()) / 60.0}});
        }
        pj["overlaps"] = std::move(ov);
        patients.push_back(std::move(pj));
    }
    j["patients"] = std::move(patients);
    nlohmann::ordered_json summary;
    summary["patients"] = r.patients.size();
    summary["patient_weeks"] = {{"meets", r.weeks.meets},
                                {"below_minimum", r.weeks.below_minimum},
                                {"above_maximum", r.weeks.above_maximum},
                                {"exempt", r.weeks.exempt}};
    summary["records"] = r.records;
    summary["records_counted"] = r.records_counted;
    summary["overlaps"] = r.overlaps;
    nlohmann::ordered_json rejected = nlohmann::ordered_json::array();
    for (const auto& x : r.rejected) {
        rejected.push_back({{"record", x.index}, {"field", x.field}, {"value", x.value}, {"reason", x.reason}});
    }
    summary["rejected"] = std::move(rejected);
    j["summary"] = std::move(summary);
    return j.dump(2);
}

std::string as_csv(const validation_report& r) {
    std::string out = "patient,week_start,hours,qualifying_days,status,violations\n";
    for (const auto& p : r.patients) {
        for (const auto& w : p.weeks) {
            std::string codes;
            for (const auto& v : w.violations) codes += (codes.empty() ? "" : ";") + v.code;
            out += csv_field(p.patient) + "," + day_text(w.week_start) + "," + hours_text(w.hours()) + "," +
                   std::to_string(w.qualifying_days) + "," + std::string(to_string(w.status)) + "," + csv_field(codes) +
                   "\n";
        }
    }
    return out;
}

std::string as_text(const validation_report& r, const rule_set& rules) {
    // Ids, names and values from the input go through escape_text: a newline or a control
    // character in them must not make a line of its own.
    std::string out = "rules: " + escape_text(rules.id) +
                      (rules.name.empty() || rules.name == rules.id ? "" : " — " + escape_text(rules.name)) + "\n";
    if (!rules.source.empty()) out += "source: " + escape_text(rules.source) + "\n";
    for (const auto& p : r.patients) {
        out += "\npatient " + escape_text(p.patient) + ": " + std::to_string(p.weeks_met) + " of " + std::to_string(p.weeks_checked) +
               " checked weeks meet the rules";
        if (p.longest_failing_run > 0) {
            out += "; longest failing run " + std::to_string(p.longest_failing_run) +
                   (p.longest_failing_run == 1 ? " week" : " weeks");
        }
        out += "\n";
        for (const auto& w : p.weeks) {
            char buf[128];
            std::snprintf(buf, sizeof buf, "  week of %s  %6.2f h  %u qualifying days  %s\n", day_text(w.week_start).c_str(),
                          w.hours(), w.qualifying_days, std::string(to_string(w.status)).c_str());
            out += buf;
            for (const auto& v : w.violations) {
                out += "    " + v.code + (v.allowed ? " (within the step-down allowance)" : "") + ": " +
                       escape_text(v.message) + "\n";
            }
        }
        if (!p.review.empty()) out += "  review: " + escape_text(p.review) + "\n";
        for (const auto& o : p.overlaps) {
            out += "  overlap: records " + std::to_string(o.first) + " and " + std::to_string(o.second) + " share " +
                   std::to_string(o.time.count() / 60) + " min, counted once\n";
        }
    }
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "\nsummary: %zu patients, %zu patient-weeks: %zu meet, %zu below the minimum, %zu above the maximum, "
                  "%zu exempt\n",
                  r.patients.size(), r.weeks.total(), r.weeks.meets, r.weeks.below_minimum, r.weeks.above_maximum,
                  r.weeks.exempt);
    out += buf;
    std::snprintf(buf, sizeof buf, "records: %zu read, %zu counted, %zu rejected, %zu overlapping pairs\n", r.records,
                  r.records_counted, r.rejected.size(), r.overlaps);
    out += buf;
    for (const auto& x : r.rejected) {
        out += "  rejected record " + std::to_string(x.index) + " (" + x.field +
               (x.value.empty() ? "" : " = " + escape_text(x.value)) + "): " + escape_text(x.reason) + "\n";
    }
    return out;
}

rule_set resolve_rules(const std::string& arg) {
    if (auto b = try_builtin_rules(arg)) return *b;
    std::error_code ec;
    if (std::filesystem::exists(arg, ec)) {
        return load_file(arg, [](const std::string& text, const std::string& src) { return io::parse_rules(text, src); });
    }
    std::string known;
    for (auto id : builtin_rule_ids()) known += (known.empty() ? "" : ", ") + std::string(id);
    throw error(errc::unknown_rule_set, "--rules", arg, "neither a built-in rule set (" + known + ") nor a file");
}

}  // namespace

void add_validate(CLI::App& app, command& run) {
    auto* cmd = app.add_subcommand("validate", "Check attendance week by week against an hour-requirement rule set");
    auto o = std::make_shared<validate_options_cli>();
    cmd->add_option("--attendance", o->attendance, "attendance as iopcare.attendance/1 JSON, or CSV (*.csv)")->required();
    std::string ids;
    for (auto id : builtin_rule_ids()) ids += (ids.empty() ? "" : ", ") + std::string(id);
    cmd->add_option("--rules", o->rules, "a built-in rule set (" + ids + ") or an iopcare.rules/1 file")->required();
    cmd->add_option("--format", o->format, "text, json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    cmd->add_option("--timezone", o->timezone, "the zone of local times in a CSV file (IANA name or POSIX TZ)");
    cmd->add_option("--through", o->through, "last day checked for enrollments without a discharge date, YYYY-MM-DD");
    cmd->add_option("--dst-policy", o->policy,
                    "record starts a DST change skips or repeats: skip (reject a skipped time), shift_forward, "
                    "earliest, latest or error")
        ->check(CLI::IsMember({"shift_forward", "earliest", "latest", "skip", "error"}))
        ->capture_default_str();
    cmd->add_flag("--strict", o->strict, "a rejected record is an error (exit 2, no report)");
    cmd->callback([&run, o] {
        run = [o](std::string& out) {
            const rule_set rules = resolve_rules(o->rules);
            std::optional<time_zone> zone;
            if (!o->timezone.empty()) {
                auto z = time_zone::try_locate(o->timezone);
                if (!z) throw error(errc::unknown_time_zone, "--timezone", o->timezone, "unknown time zone");
                zone = *z;
            }
            validate_options opts;
            opts.local_times = *parse_dst_policy(o->policy);
            if (!o->through.empty()) {
                const auto d = parse_iso_date(o->through);
                if (!d) throw error(errc::invalid_date, "--through", o->through, "expected a date as YYYY-MM-DD");
                opts.through = *d;
            }
            const bool csv = o->attendance.size() >= 4 &&
                             (o->attendance.compare(o->attendance.size() - 4, 4, ".csv") == 0 ||
                              o->attendance.compare(o->attendance.size() - 4, 4, ".CSV") == 0);
            if (csv && !zone) {
                throw error(errc::missing_field, "--timezone", "",
                            "a CSV attendance file carries no zone; give one, e.g. --timezone America/New_York");
            }
            const io::attendance_file file =
                load_file(o->attendance, [&](const std::string& text, const std::string& src) {
                    if (csv) return io::parse_attendance_csv(text, *zone, src);
                    auto f = io::parse_attendance_json(text, src);
                    if (zone && !(*zone == f.zone)) {
                        throw error(errc::invalid_argument, "/timezone", f.zone.name(),
                                    "the file's zone differs from --timezone " + zone->name());
                    }
                    return f;
                });
            const validation_report report = validate(file.log, rules, file.zone, opts);
            if (o->strict && !report.rejected.empty()) {
                const auto& x = report.rejected.front();
                throw error(errc::invalid_argument, o->attendance + " /records/" + std::to_string(x.index) + "/" + x.field,
                            x.value,
                            x.reason + " (" + std::to_string(report.rejected.size()) + " records rejected in all)");
            }
            if (o->format == "json") out = as_json(report, rules);
            else if (o->format == "csv") out = as_csv(report);
            else out = as_text(report, rules);
            // Exit 0 only when every checked (non-exempt) week has the status `meets` with no
            // violation outside the step-down allowance, and no record was rejected. A week whose
            // shortfall is within the allowance is still not met: its status is not `meets`.
            bool all_met = true;
            for (const auto& p : report.patients) {
                for (const auto& w : p.weeks) {
                    if (w.status == week_status::exempt) continue;
                    if (w.status != week_status::meets) all_met = false;
                    for (const auto& v : w.violations) {
                        if (!v.allowed) all_met = false;
                    }
                }
            }
            return all_met && report.rejected.empty() ? exit_ok : exit_not_met;
        };
    });
}

}  // namespace iopcare::cli
