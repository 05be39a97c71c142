// iopcare levels [--edition 3|4] [--format text|json]
#include <cstdio>
#include <string>

#include <iopcare/catalog.hpp>
#include <iopcare/io/continuum_json.hpp>

#include "cli.hpp"

namespace iopcare::cli {

namespace {

std::string band_text(const std::optional<hour_band>& band) {
    return band ? band->describe() : std::string("-");
}

std::string levels_text(const catalog& c) {
    std::string out = c.name() + "\n";
    char line[512];
    std::snprintf(line, sizeof line, "%-7s %-11s %-5s %-14s %-18s %s\n", "code", "setting", "24h", "adult",
                  "adolescent", "name");
    out += line;
    for (const auto& l : c) {
        std::snprintf(line, sizeof line, "%-7s %-11s %-5s %-14s %-18s %s\n", l.code.str().c_str(),
                      std::string(to_string(l.setting)).c_str(), l.twenty_four_hour ? "yes" : "no",
                      band_text(l.adult_hours).c_str(), band_text(l.adolescent_hours).c_str(), l.name.c_str());
        out += line;
    }
    return out;
}

}  // namespace

void add_levels(CLI::App& app, command& run) {
    auto* cmd = app.add_subcommand("levels", "List the levels of care of an ASAM edition with their hour bands");
    auto edition_number = std::make_shared<int>(3);
    auto format = std::make_shared<std::string>("text");
    cmd->add_option("--edition", *edition_number, "ASAM Criteria edition: 3 or 4")
        ->check(CLI::IsMember({3, 4}))
        ->capture_default_str();
    cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    cmd->callback([&run, edition_number, format] {
        run = [edition_number, format](std::string& out) {
            const catalog& c = catalog::of(*edition_number == 4 ? edition::asam4 : edition::asam3);
            out = *format == "json" ? io::to_json(c) : levels_text(c);
            return exit_ok;
        };
    });
}

}  // namespace iopcare::cli
