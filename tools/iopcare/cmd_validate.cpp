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
#include "mapped_file.hpp"

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

// A CSV file's rows are parsed on --threads threads, each record going straight to the
// validator in file order: memory holds the validator's compact entries and the file's pages
// (a regular file is mapped and read in place; anything else is read a block at a time), not
// its records.
std::shared_ptr<validator> read_csv_file(const validate_options_cli& o, const rule_set& rules, const time_zone& zone,
                                         validate_options opts) {
    auto v = std::make_shared<validator>(rules, zone, std::move(opts));
    // Room for as many records as the file could hold (a row takes at least 30 bytes; at most
    // 64 M): the entries never move while growing, and room never written to costs no memory.
    std::error_code ec;
    if (const auto size = std::filesystem::file_size(o.attendance, ec); !ec) {
        v->reserve(static_cast<std::size_t>(std::min<std::uintmax_t>(size / 30, std::uintmax_t{1} << 26)));
    }
    const auto add = [&](const attendance_record& r) { v->add(r); };
    if (const auto mapped = mapped_file::open(o.attendance)) {
        in_file(o.attendance, [&] {
            return io::read_attendance_csv(mapped->text(), zone, add, input_name(o.attendance), o.threads);
        });
        return v;
    }
    std::ifstream in = open_input(o.attendance);
    in_file(o.attendance, [&] { return io::read_attendance_csv(in, zone, add, input_name(o.attendance), o.threads); });
    return v;
}

// JSON, FHIR, or CSV on standard input, read whole.
io::attendance_file parse_attendance_text(const validate_options_cli& o, std::string_view text,
                                          const std::string& src, const std::optional<time_zone>& zone,
                                          std::optional<io::fhir_attendance>& fhir) {
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
}

// Plain JSON records streamed into a new validator as they are read, on a thread of their own
// unless --threads 1 (nothing but the text is held); nothing for other input, or JSON the
// one-pass reader does not take (then what it handed over is dropped).
std::shared_ptr<validator> stream_json(const validate_options_cli& o, const rule_set& rules,
                                       const std::optional<time_zone>& zone, const validate_options& opts,
                                       std::string_view text) {
    if (attendance_is_csv(o.attendance, text) || io::looks_like_fhir(text)) return nullptr;
    std::shared_ptr<validator> v;
    const auto start = [&](const time_zone& z) {
        if (zone && !(*zone == z)) return false;  // the full reader says so
        v = std::make_shared<validator>(rules, z, opts);
        v->reserve(text.size() / 64);  // a record takes well over 64 bytes; untouched room costs nothing
        return true;
    };
    // `start` runs on the reading thread, before the first record reaches `add`.
    const auto add = [&](const attendance_record& r) { v->add(r); };
    if (io::stream_attendance_json(text, start, add, opts.threads)) return v;
    return nullptr;
}

// Input other than a CSV file, given to a validator: plain JSON streamed, anything else read
// whole first. A regular file is read in place (mapped), once, whichever reader takes it.
std::shared_ptr<validator> load_attendance_input(const validate_options_cli& o, const rule_set& rules,
                                                 const std::optional<time_zone>& zone, const validate_options& opts,
                                                 std::optional<io::fhir_attendance>& fhir) {
    const auto from_text = [&](std::string_view text, const std::string& src) {
        if (auto v = stream_json(o, rules, zone, opts, text)) return v;
        const io::attendance_file file = parse_attendance_text(o, text, src, zone, fhir);
        return std::make_shared<validator>(validator_for(file.log, rules, file.zone, opts));
    };
    if (o.attendance != stdin_path) {
        if (const auto mapped = mapped_file::open(o.attendance)) {
            return in_file(o.attendance, [&] { return from_text(mapped->text(), input_name(o.attendance)); });
        }
    }
    return load_file(o.attendance, from_text);
}

io::validation_writer::format format_of(const std::string& name) {
    using f = io::validation_writer::format;
    return name == "json" ? f::json : name == "csv" ? f::csv : f::text;
}

bool compliant(const patient_result& p) {
    return std::all_of(p.weeks.begin(), p.weeks.end(), [](const week_result& w) { return w.compliant; });
}

// Exit 0 only when every checked (non-exempt) week is compliant (a shortfall within the
// step-down allowance is allowed by the rules) and no record was rejected.
int exit_code(bool all_compliant, const validation_report& r) {
    return all_compliant && r.rejected.empty() ? exit_ok : exit_not_met;
}

// What the FHIR reader skipped is said, never dropped: on stderr next to machine-readable
// output, now; for the text report, the returned line, which goes after it.
std::string fhir_note(const validate_options_cli& o, const std::optional<io::fhir_attendance>& fhir) {
    if (!fhir) return {};
    if (o.format != "text") {
        std::cerr << fhir_summary(*fhir);
        return {};
    }
    return fhir_summary(*fhir);
}

// A held report in the chosen format, streamed to the output once the command has succeeded.
void stream_report(const validate_options_cli& o, std::shared_ptr<const validation_report> report,
                   std::shared_ptr<const rule_set> rules, std::string summary, command_output& out) {
    const auto form = format_of(o.format);
    out.stream_ends_line = o.format != "json";
    out.stream = [report, rules, form, summary](std::ostream& os) {
        io::validation_writer(os, form, *rules).finish(*report);
        os << summary;
    };
}

// Judged while written: each patient goes to the output as soon as it is judged, so nothing
// proportional to the report is held; the exit code follows from what was written. Each
// patient's part is formatted on the thread that judged it; only the writing is in order.
void stream_judged(const validate_options_cli& o, std::shared_ptr<validator> v, std::shared_ptr<const rule_set> rules,
                   std::string summary, command_output& out) {
    const auto form = format_of(o.format);
    out.stream_ends_line = o.format != "json";
    command_output* result = &out;  // the stream runs while `out` lives, inside write_output
    out.stream = [v, rules, form, summary, result](std::ostream& os) {
        io::validation_writer w(os, form, *rules);
        bool all_compliant = true;
        const auto r = v->finish([&w](const patient_result& p) { return w.render(p); },
                                 [&](patient_result&& p, std::string&& text) {
                                     all_compliant = all_compliant && compliant(p);
                                     w.patient(text);
                                 });
        w.finish(r);
        os << summary;
        result->code_after_stream = exit_code(all_compliant, r);
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
    std::shared_ptr<validator> v;
    if (csv_file) {
        v = read_csv_file(o, *rules, *zone, std::move(opts));
    } else {
        v = load_attendance_input(o, *rules, zone, opts, fhir);
    }
    std::string summary = fhir_note(o, fhir);
    // --strict must see every rejection before anything is written: only then is the report held.
    if (!o.strict) return stream_judged(o, std::move(v), std::move(rules), std::move(summary), out), exit_ok;
    auto report = std::make_shared<const validation_report>(v->finish());
    if (!report->rejected.empty()) {
        const auto& x = report->rejected.front();
        throw error(errc::invalid_argument, input_name(o.attendance) + " /records/" + std::to_string(x.index) + "/" + x.field,
                    x.value, x.reason + " (" + std::to_string(report->rejected.size()) + " records rejected in all)");
    }
    const int code = exit_code(std::all_of(report->patients.begin(), report->patients.end(), compliant), *report);
    stream_report(o, std::move(report), std::move(rules), std::move(summary), out);
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
