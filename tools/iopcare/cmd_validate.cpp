// iopcare validate --attendance FILE (json or csv) --rules NAME|rules.json
//                  [--format text|json|csv] [--timezone ZONE] [--through YYYY-MM-DD]
//                  [--program program.json] [--max-span-weeks N] [--dst-policy POLICY] [--strict]
//                  [--threads N]
// Exit 0 when every checked week is compliant (no violation outside the step-down allowance);
// 1 when some week is not (or records were rejected and reported); 2 on bad input or usage
// (with --strict, also for a rejected record).
#include <algorithm>
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
    unsigned threads = 0;
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

std::optional<time_zone> zone_of(const validate_options_cli& o) {
    if (o.timezone.empty()) return std::nullopt;
    auto z = time_zone::try_locate(o.timezone);
    if (!z) throw error(errc::unknown_time_zone, "--timezone", o.timezone, "unknown time zone");
    return *z;
}

validate_options options_of(const validate_options_cli& o) {
    validate_options opts;
    opts.local_times = *parse_dst_policy(o.policy);
    opts.max_span_weeks = o.max_span_weeks;
    opts.threads = o.threads;
    if (!o.program.empty()) {
        opts.closures = load_file(o.program, [](const std::string& text, const std::string& src) {
                            return io::parse_program(text, src);
                        }).prog.closures;
    }
    if (!o.through.empty()) {
        const auto d = parse_iso_date(o.through);
        if (!d) throw error(errc::invalid_date, "--through", o.through, "expected a date as YYYY-MM-DD");
        opts.through = *d;
    }
    return opts;
}

error no_zone(const char* why) { return error(errc::missing_field, "--timezone", "", why); }

// A CSV file is read a block at a time, each record going straight to the validator: memory
// holds the validator's compact entries, not the file or its records.
validation_report validate_csv_file(const validate_options_cli& o, const rule_set& rules, const time_zone& zone,
                                    validate_options opts) {
    validator v(rules, zone, std::move(opts));
    std::ifstream in = open_input(o.attendance);
    // Room for as many records as the file could hold (a row takes at least 30 bytes; at most
    // 64 M): the entries never move while growing, and room never written to costs no memory.
    std::error_code ec;
    if (const auto size = std::filesystem::file_size(o.attendance, ec); !ec) {
        v.reserve(static_cast<std::size_t>(std::min<std::uintmax_t>(size / 30, std::uintmax_t{1} << 26)));
    }
    in_file(o.attendance, [&] {
        return io::read_attendance_csv(in, zone, [&](const attendance_record& r) { v.add(r); },
                                       input_name(o.attendance));
    });
    return v.finish();
}

// JSON, FHIR, or CSV on standard input: read whole, then validated.
io::attendance_file load_attendance_input(const validate_options_cli& o, const std::optional<time_zone>& zone,
                                          std::optional<io::fhir_attendance>& fhir) {
    return load_file(o.attendance, [&](const std::string& text, const std::string& src) {
        if (attendance_is_csv(o.attendance, text)) {
            if (!zone) throw no_zone("CSV attendance carries no zone; give one, e.g. --timezone America/New_York");
            return io::parse_attendance_csv(text, *zone, src);
        }
        if (io::looks_like_fhir(text)) {
            if (!zone) {
                throw no_zone("FHIR times are instants; give the program's zone for its local weeks, "
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
}

// The report in the chosen format, streamed to the output once the command has succeeded;
// what the FHIR reader skipped is said, never dropped: in the text report, or on stderr next
// to machine-readable output.
void stream_report(const validate_options_cli& o, std::shared_ptr<const validation_report> report,
                   std::shared_ptr<const rule_set> rules, std::optional<io::fhir_attendance> fhir,
                   command_output& out) {
    if (fhir && o.format != "text") std::cerr << fhir_summary(*fhir);
    const std::string summary = fhir && o.format == "text" ? fhir_summary(*fhir) : std::string();
    const std::string format = o.format;
    out.stream_ends_line = format != "json";
    out.stream = [report, rules, format, summary](std::ostream& os) {
        if (format == "json") io::write_validation_json(os, *report, *rules);
        else if (format == "csv") io::write_validation_csv(os, *report);
        else io::write_validation_text(os, *report, *rules);
        os << summary;
    };
}

int run_validate(const validate_options_cli& o, command_output& out) {
    auto rules = std::make_shared<const rule_set>(rules_argument(o.rules));
    const std::optional<time_zone> zone = zone_of(o);
    validate_options opts = options_of(o);
    // A file is CSV by its name (checked before it is read), standard input by its content.
    const bool csv_file = o.attendance != stdin_path && attendance_is_csv(o.attendance, "");
    if (csv_file && !zone) throw no_zone("a CSV attendance file carries no zone; give one, e.g. --timezone America/New_York");
    std::optional<io::fhir_attendance> fhir;
    std::shared_ptr<const validation_report> report;
    if (csv_file) {
        report = std::make_shared<const validation_report>(validate_csv_file(o, *rules, *zone, std::move(opts)));
    } else {
        const io::attendance_file file = load_attendance_input(o, zone, fhir);
        report = std::make_shared<const validation_report>(validate(file.log, *rules, file.zone, opts));
    }
    if (o.strict && !report->rejected.empty()) {
        const auto& x = report->rejected.front();
        throw error(errc::invalid_argument, input_name(o.attendance) + " /records/" + std::to_string(x.index) + "/" + x.field,
                    x.value, x.reason + " (" + std::to_string(report->rejected.size()) + " records rejected in all)");
    }
    // Exit 0 only when every checked (non-exempt) week is compliant (a shortfall within the
    // step-down allowance is allowed by the rules) and no record was rejected.
    bool all_compliant = true;
    for (const auto& p : report->patients)
        for (const auto& w : p.weeks) all_compliant = all_compliant && w.compliant;
    const int code = all_compliant && report->rejected.empty() ? exit_ok : exit_not_met;
    stream_report(o, std::move(report), std::move(rules), std::move(fhir), out);
    return code;
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
    cmd->add_option("--threads", o->threads,
                    "threads that judge patients (0: one per core); the report is the same for any number")
        ->check(CLI::Range(0u, 1024u))
        ->capture_default_str();
    cmd->callback([&run, o] { run = [o](command_output& out) { return run_validate(*o, out); }; });
}

}  // namespace iopcare::cli
