// iopcare episodes --file FILE [--continuum FILE] [--format text|json|csv]
//                  [--table levels|moves|follow_up|problems]
// Exit 0 when the record has no data problems; 1 when it has some (the report is still
// printed); 2 for input that cannot be read as iopcare.episodes/1.
#include <memory>
#include <optional>
#include <string>

#include <iopcare/episodes.hpp>
#include <iopcare/io/continuum_json.hpp>
#include <iopcare/io/episodes.hpp>

#include "cli.hpp"

namespace iopcare::cli {

namespace {

struct episodes_options {
    std::string file;
    std::string continuum_file;
    std::string format = "text";
    std::string table = "levels";
};

// The continuum moves are judged against: a file's, which must be of the record's edition, or
// the standard one of that edition.
std::optional<continuum> load_continuum(const std::string& path, edition record_edition) {
    if (path.empty()) return std::nullopt;
    const auto doc = load_file(path, [](const std::string& text, const std::string& source) {
        return io::parse_continuum(text, source);
    });
    if (doc.catalog_edition != record_edition) {
        throw error(errc::invalid_argument, "--continuum", path,
                    "the continuum is " + std::string(to_string(doc.catalog_edition)) + ", the episodes " +
                        std::string(to_string(record_edition)));
    }
    return in_file(path, [&] { return continuum::build(doc.spec, catalog::of(doc.catalog_edition)); });
}

io::episode_table table_of(const std::string& name) {
    for (auto t : {io::episode_table::levels, io::episode_table::moves, io::episode_table::follow_up,
                   io::episode_table::problems}) {
        if (io::to_string(t) == name) return t;
    }
    return io::episode_table::levels;  // CLI11 has already refused anything else
}

}  // namespace

void add_episodes(CLI::App& app, command& run) {
    auto* cmd = app.add_subcommand("episodes",
                                   "Episodes of care: outcome figures per level, moves between levels, follow-up "
                                   "after high-intensity care, data problems");
    auto o = std::make_shared<episodes_options>();
    cmd->add_option("--file", o->file, "episodes as iopcare.episodes/1 JSON ('-': standard input)")->required();
    cmd->add_option("--continuum", o->continuum_file,
                    "an iopcare.continuum/1 file to judge moves against, '-' for standard input (default: the "
                    "standard one of the record's edition)");
    cmd->add_option("--format", o->format, "text, json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    cmd->add_option("--table", o->table, "with --format csv, which table: levels, moves, follow_up or problems")
        ->check(CLI::IsMember({"levels", "moves", "follow_up", "problems"}))
        ->capture_default_str();
    cmd->callback([&run, o] {
        run = [o](std::string& out) {
            const episode_record record = load_file(o->file, [](const std::string& text, const std::string& source) {
                return io::parse_episodes(text, source);
            });
            const auto custom = load_continuum(o->continuum_file, record.record_edition);
            const continuum& care = custom ? *custom : continuum::standard(record.record_edition);
            const episode_report report = in_file(o->file, [&] { return analyze(record, care); });
            if (o->format == "json") out = io::episode_report_to_json(report);
            else if (o->format == "csv") out = io::episode_report_to_csv(report, table_of(o->table));
            else out = io::episode_report_to_text(report);
            return report.ok() ? exit_ok : exit_not_met;
        };
    });
}

}  // namespace iopcare::cli
