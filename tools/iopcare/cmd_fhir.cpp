// iopcare fhir export [--program FILE --from DATE --weeks N] [--attendance FILE [--timezone ZONE]]
//                     [--episodes FILE] [--bundle collection|transaction] [--base URL] [--out FILE]
// A FHIR R4 Bundle of what is given: EpisodeOfCare, Schedule, Slot, Appointment, Encounter and
// the Patients they name. With --out, a summary of the resources written goes to stdout.
#include <memory>
#include <optional>
#include <string>

#include <iopcare/io/attendance.hpp>
#include <iopcare/io/episodes.hpp>
#include <iopcare/io/fhir.hpp>
#include <iopcare/io/program.hpp>

#include "cli.hpp"

namespace iopcare::cli {

namespace {

struct fhir_export_options {
    std::string program_file;
    std::string from;
    unsigned weeks = 0;
    std::string attendance_file;
    std::string timezone;
    std::string episodes_file;
    std::string bundle = "collection";
    std::string base;
    std::string out;
};

std::optional<schedule> load_schedule(const std::string& path) {
    if (path.empty()) return std::nullopt;
    const io::program_file file = load_file(path, [](const std::string& text, const std::string& source) {
        return io::parse_program(text, source);
    });
    schedule s(file.prog, overflow_policy::refuse);
    enroll_from_file(s, file, path);
    return s;
}

std::optional<io::attendance_file> load_attendance(const std::string& path, const std::string& zone_name) {
    if (path.empty()) return std::nullopt;
    std::optional<time_zone> zone;
    if (!zone_name.empty()) {
        auto z = time_zone::try_locate(zone_name);
        if (!z) throw error(errc::unknown_time_zone, "--timezone", zone_name, "unknown time zone");
        zone = *z;
    }
    if (path != stdin_path) return in_file(path, [&] { return io::load_attendance(path, zone); });
    // Standard input: CSV or JSON by its content, with load_attendance's rules for the zone.
    return load_file(path, [&](const std::string& text, const std::string& source) {
        if (attendance_is_csv(path, text)) {
            if (!zone) throw error(errc::missing_field, "--timezone", "", "CSV attendance carries no zone; give one");
            return io::parse_attendance_csv(text, *zone, source);
        }
        auto file = io::parse_attendance_json(text, source);
        if (zone && !(*zone == file.zone)) {
            throw error(errc::invalid_argument, "/timezone", file.zone.name(),
                        "the file's zone differs from --timezone " + zone->name());
        }
        return file;
    });
}

std::string summary(const io::fhir_bundle& b, const std::string& path, std::string_view type) {
    std::size_t total = 0;
    std::string parts;
    for (const auto& [resource, n] : b.counts) {
        total += n;
        parts += (parts.empty() ? "" : ", ") + resource + " " + std::to_string(n);
    }
    return "wrote a " + std::string(type) + " Bundle of " + std::to_string(total) + " resources to " + path + ": " + parts + "\n";
}

void add_export(CLI::App& fhir, command& run) {
    auto* cmd = fhir.add_subcommand("export", "Export a program's schedule, attendance and episodes as a FHIR R4 Bundle");
    auto o = std::make_shared<fhir_export_options>();
    cmd->add_option("--program", o->program_file, "a program (iopcare.program/1; '-': standard input): Schedule, Slot, Appointment");
    auto* from = cmd->add_option("--from", o->from, "first day of the exported sessions, YYYY-MM-DD");
    auto* weeks = cmd->add_option("--weeks", o->weeks, "number of weeks of sessions")->check(CLI::Range(1u, 520u));
    from->needs(weeks);
    weeks->needs(from);
    cmd->add_option("--attendance", o->attendance_file, "attendance (iopcare.attendance/1 JSON, or CSV; '-': standard input): Encounters and Appointment statuses");
    cmd->add_option("--timezone", o->timezone, "the zone of local times in a CSV attendance file");
    cmd->add_option("--episodes", o->episodes_file, "episodes of care (iopcare.episodes/1; '-': standard input): EpisodeOfCare per stay");
    cmd->add_option("--bundle", o->bundle, "collection, or transaction (PUT entries for a FHIR server)")
        ->check(CLI::IsMember({"collection", "transaction"}))
        ->capture_default_str();
    cmd->add_option("--base", o->base, "canonical base of iopcare's code systems and extensions (default http://iopcare.org/fhir)");
    cmd->add_option("--out", o->out, "write the Bundle to this file instead of standard output ('-': standard output)");
    cmd->callback([&run, o] {
        run = [o](std::string& out) {
            if (!o->program_file.empty() && o->from.empty()) {
                throw error(errc::missing_field, "--from", "", "--program needs --from and --weeks: which sessions to export");
            }
            const auto sched = load_schedule(o->program_file);
            const auto attendance = load_attendance(o->attendance_file, o->timezone);
            const auto episodes = o->episodes_file.empty()
                                      ? std::optional<episode_record>()
                                      : load_file(o->episodes_file, [](const std::string& text, const std::string& source) {
                                            return io::parse_episodes(text, source);
                                        });
            io::fhir_export what;
            if (sched) {
                const auto day = parse_iso_date(o->from);
                if (!day) throw error(errc::invalid_date, "--from", o->from, "expected a date as YYYY-MM-DD");
                what.program_schedule = &*sched;
                what.from = *day;
                what.weeks = o->weeks;
            }
            if (attendance) {
                what.attendance = &attendance->log;
                what.zone = &attendance->zone;
            }
            if (episodes) what.episodes = &*episodes;
            io::fhir_options options;
            options.bundle = o->bundle == "transaction" ? io::fhir_bundle_type::transaction : io::fhir_bundle_type::collection;
            if (!o->base.empty()) options.base = o->base;
            const io::fhir_bundle bundle = io::to_fhir_bundle(what, options);
            if (is_stdout(o->out)) {
                out = bundle.json;
            } else {
                write_output(bundle.json, o->out);
                out = summary(bundle, o->out, o->bundle);
            }
            return exit_ok;
        };
    });
}

}  // namespace

void add_fhir(CLI::App& app, command& run) {
    auto* fhir = app.add_subcommand("fhir", "FHIR R4 exchange: export a Bundle (import is `validate --attendance BUNDLE`)");
    fhir->require_subcommand(1);
    add_export(*fhir, run);
}

}  // namespace iopcare::cli
