// iopcare validate --attendance FILE (json or csv) --rules NAME|rules.json
//                  [--format text|json|csv] [--timezone ZONE] [--through YYYY-MM-DD]
//                  [--program program.json] [--max-span-weeks N] [--dst-policy POLICY] [--strict]
// Exit 0 when every checked week is compliant (no violation outside the step-down allowance);
// 1 when some week is not (or records were rejected and reported); 2 on bad input or usage
// (with --strict, also for a rejected record).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include <iostream>

#include <iopcare/io/attendance.hpp>
#include <iopcare/io/fhir.hpp>
#include <iopcare/io/program.hpp>
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
    std::string program;
    unsigned max_span_weeks = validate_options{}.max_span_weeks;
    bool strict = false;
};

std::string hours_text(double h) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", h);
    return buf;
}

std::string day_text(local_days d) { return format_date(year_month_day{sys_days{d.time_since_epoch()}}); }

double rounded_hours(double h) { return std::round(h * 10000.0) / 10000.0; }

nlohmann::ordered_json days_json(const week_result& w) {
    nlohmann::ordered_json days = nlohmann::ordered_json::array();
    for (const auto& d : w.days) {
        days.push_back({{"date", day_text(d.date)},
                        {"services", d.services},
                        {"hours", rounded_hours(d.hours())},
                        {"tier", d.tier}});
    }
    return days;
}

// Days of the week at each tier, in the report's tier order.
std::vector<std::size_t> tier_counts(const week_result& w, const validation_report& r) {
    std::vector<std::size_t> n(r.day_tiers.size(), 0);
    for (const auto& d : w.days)
        for (std::size_t k = 0; k < r.day_tiers.size(); ++k)
            if (r.day_tiers[k].label == d.tier) ++n[k];
    return n;
}

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
            wj["hours"] = rounded_hours(w.hours());
            wj["qualifying_days"] = w.qualifying_days;
            wj["status"] = std::string(to_string(w.status));
            wj["counted_sessions"] = w.counted_sessions;
            wj["days_in_span"] = w.days_in_span;
            if (w.admission_week) wj["admission_week"] = true;
            if (w.discharge_week) wj["discharge_week"] = true;
            if (w.closed_days > 0) wj["closed_days"] = w.closed_days;
            wj["compliant"] = w.compliant;
            if (!rules.day_tiers.empty()) wj["days"] = days_json(w);
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
    if (!r.day_tiers.empty()) {
        nlohmann::ordered_json tiers;
        for (const auto& t : r.day_tiers) tiers[t.label] = t.days;
        summary["day_tiers"] = std::move(tiers);
    }
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

// One line per patient-week; with day tiers, the week's days at each tier as the last columns.
std::string as_csv(const validation_report& r) {
    std::string out = "patient,week_start,hours,qualifying_days,status,violations,compliant";
    for (const auto& t : r.day_tiers) out += "," + csv_field(t.label);
    out += "\n";
    for (const auto& p : r.patients) {
        for (const auto& w : p.weeks) {
            std::string codes;
            for (const auto& v : w.violations) codes += (codes.empty() ? "" : ";") + v.code;
            out += csv_field(p.patient) + "," + day_text(w.week_start) + "," + hours_text(w.hours()) + "," +
                   std::to_string(w.qualifying_days) + "," + std::string(to_string(w.status)) + "," + csv_field(codes) +
                   "," + (w.compliant ? "true" : "false");
            for (const auto n : tier_counts(w, r)) out += "," + std::to_string(n);
            out += "\n";
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
            for (const auto& d : w.days) {
                out += "    " + day_text(d.date) + "  " + std::to_string(d.services) +
                       (d.services == 1 ? " service   " : " services  ") + hours_text(d.hours()) + " h  " + d.tier + "\n";
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
    if (!r.day_tiers.empty()) {
        std::string tiers;
        for (const auto& t : r.day_tiers) tiers += (tiers.empty() ? "" : ", ") + std::to_string(t.days) + " " + t.label;
        out += "day tiers: " + tiers + "\n";
    }
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
    if (arg == stdin_path || std::filesystem::exists(arg, ec)) {
        return load_file(arg, [](const std::string& text, const std::string& src) { return io::parse_rules(text, src); });
    }
    std::string known;
    for (auto id : builtin_rule_ids()) known += (known.empty() ? "" : ", ") + std::string(id);
    throw error(errc::unknown_rule_set, "--rules", arg, "neither a built-in rule set (" + known + ") nor a file");
}

// "FHIR: ignored Appointment 1, Patient 1; skipped 1 Encounter entered in error, 1 in-progress"
std::string fhir_summary(const io::fhir_attendance& f) {
    auto listing = [](const io::fhir_counts& counts) {
        std::string out;
        for (const auto& [name, n] : counts) out += (out.empty() ? "" : ", ") + name + " " + std::to_string(n);
        return out;
    };
    std::string out = "FHIR: " + std::to_string(f.file.log.records.size()) + " Encounters read as records";
    if (!f.ignored.empty()) out += "; ignored " + listing(f.ignored);
    if (f.entered_in_error > 0) out += "; skipped " + std::to_string(f.entered_in_error) + " entered in error";
    if (!f.not_finished.empty()) out += "; skipped as not finished: " + listing(f.not_finished);
    return out + "\n";
}

}  // namespace

void add_validate(CLI::App& app, command& run) {
    auto* cmd = app.add_subcommand("validate", "Check attendance week by week against an hour-requirement rule set");
    auto o = std::make_shared<validate_options_cli>();
    cmd->add_option("--attendance", o->attendance, "attendance as iopcare.attendance/1 JSON, CSV (*.csv), or a FHIR R4 Bundle or NDJSON of Encounters (needs --timezone); '-': standard input, CSV unless it starts with '{' or '['")->required();
    std::string ids;
    for (auto id : builtin_rule_ids()) ids += (ids.empty() ? "" : ", ") + std::string(id);
    cmd->add_option("--rules", o->rules, "a built-in rule set (" + ids + ") or an iopcare.rules/1 file ('-': standard input)")->required();
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
    cmd->add_option("--program", o->program,
                    "an iopcare.program/1 file ('-': standard input) whose closures (dates and holidays) are the program's closed days");
    cmd->add_option("--max-span-weeks", o->max_span_weeks,
                    "the longest span checked for one patient; a longer one is rejected with its records")
        ->check(CLI::Range(1u, 5200u))
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
            opts.max_span_weeks = o->max_span_weeks;
            if (!o->program.empty()) {
                opts.closures = load_file(o->program, [](const std::string& text, const std::string& src) {
                                    return io::parse_program(text, src);
                                }).prog.closures;
            }
            if (!o->through.empty()) {
                const auto d = parse_iso_date(o->through);
                if (!d) throw error(errc::invalid_date, "--through", o->through, "expected a date as YYYY-MM-DD");
                opts.through = *d;
            }
            // A file is CSV by its name (checked before it is read), standard input by its content.
            if (o->attendance != stdin_path && attendance_is_csv(o->attendance, "") && !zone) {
                throw error(errc::missing_field, "--timezone", "",
                            "a CSV attendance file carries no zone; give one, e.g. --timezone America/New_York");
            }
            std::optional<io::fhir_attendance> fhir;
            const io::attendance_file file =
                load_file(o->attendance, [&](const std::string& text, const std::string& src) {
                    if (attendance_is_csv(o->attendance, text)) {
                        if (!zone) {
                            throw error(errc::missing_field, "--timezone", "",
                                        "CSV attendance carries no zone; give one, e.g. --timezone America/New_York");
                        }
                        return io::parse_attendance_csv(text, *zone, src);
                    }
                    if (io::looks_like_fhir(text)) {
                        if (!zone) {
                            throw error(errc::missing_field, "--timezone", "",
                                        "FHIR times are instants; give the program's zone for its local weeks, "
                                        "e.g. --timezone America/New_York");
                        }
                        fhir = io::parse_fhir_attendance(text, *zone, src);
                        return fhir->file;
                    }
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
                throw error(errc::invalid_argument, input_name(o->attendance) + " /records/" + std::to_string(x.index) + "/" + x.field,
                            x.value,
                            x.reason + " (" + std::to_string(report.rejected.size()) + " records rejected in all)");
            }
            if (o->format == "json") out = as_json(report, rules);
            else if (o->format == "csv") out = as_csv(report);
            else out = as_text(report, rules);
            // What the FHIR reader skipped is said, never dropped: in the text report, or on
            // stderr next to machine-readable output.
            if (fhir) {
                if (o->format == "text") out += fhir_summary(*fhir);
                else std::cerr << fhir_summary(*fhir);
            }
            // Exit 0 only when every checked (non-exempt) week is compliant (a shortfall within the
            // step-down allowance is allowed by the rules) and no record was rejected.
            bool all_compliant = true;
            for (const auto& p : report.patients)
                for (const auto& w : p.weeks) all_compliant = all_compliant && w.compliant;
            return all_compliant && report.rejected.empty() ? exit_ok : exit_not_met;
        };
    });
}

}  // namespace iopcare::cli
