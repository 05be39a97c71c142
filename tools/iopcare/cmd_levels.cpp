// iopcare levels [--edition 3|4] [--format text|json]
#include <memory>
#include <string>

#include <iopcare/catalog.hpp>
#include <iopcare/io/continuum_json.hpp>
#include <iopcare/io/text_report.hpp>

#include "cli.hpp"

namespace iopcare::cli {

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
            out = *format == "json" ? io::to_json(c) : io::levels_to_text(c);
            return exit_ok;
        };
    });
}

}  // namespace iopcare::cli
