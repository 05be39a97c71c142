// iopcare validate --attendance FILE (json or csv) --rules NAME|rules.json
//                  [--format text|json|csv] [--timezone ZONE] [--through YYYY-MM-DD]
//                  [--program program.json] [--max-span-weeks N] [--dst-policy POLICY] [--strict]
// Exit 0 when every checked week is compliant (no violation outside the step-down allowance);
// 1 when some week is not (or records were rejected and reported); 2 on bad input or usage
// (with --strict, also for a rejected record).
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include <iostream>

#include <iopcare/io/attendance.hpp>
#include <iopcare/io/fhir.hpp>
#include <iopcare/io/program.hpp>
#include <iopcare/io/rules.hpp>
#include <iopcare/io/validation.hpp>
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
            const rule_set rules = rules_argument(o->rules);
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
            if (o->format == "json") out = io::validation_to_json(report, rules);
            else if (o->format == "csv") out = io::validation_to_csv(report);
            else out = io::validation_to_text(report, rules);
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
