// iopcare place --assessment FILE [--rules ID|FILE] [--level CODE] [--format text|json]
// Exit 0 for a placement; 1 when the provided level differs from the indicated one and no
// variance reason is given (the record is incomplete; the report is still printed); 2 for bad
// input.
#include <memory>
#include <string>

#include <iopcare/io/placement.hpp>
#include <iopcare/placement.hpp>

#include "cli.hpp"

namespace iopcare::cli {

namespace {

struct place_options {
    std::string assessment;
    std::string rules;
    std::string level = "2.1";
    std::string format = "text";
};

// A shipped rule set by id, or an iopcare.placement-rules/1 file; none given: the illustrative
// set of the assessment's edition.
placement_rules resolve_rules(const std::string& arg, edition ed) {
    if (arg.empty()) return placement_rules::illustrative(ed);
    for (auto e : {edition::asam3, edition::asam4}) {
        if (arg == placement_rules::illustrative(e).id) return placement_rules::illustrative(e);
    }
    return load_file(arg, [](const std::string& text, const std::string& source) {
        return io::parse_placement_rules(text, source);
    });
}

}  // namespace

void add_place(CLI::App& app, command& run) {
    auto* cmd = app.add_subcommand("place", "Place a patient from a six-dimension assessment: indicated vs provided level");
    auto o = std::make_shared<place_options>();
    cmd->add_option("--assessment", o->assessment, "an assessment as iopcare.assessment/1 JSON ('-': standard input)")->required();
    cmd->add_option("--rules", o->rules,
                    "placement rules: an iopcare.placement-rules/1 file ('-': standard input), or illustrative-asam3 / illustrative-asam4 "
                    "(default: the illustrative set of the assessment's edition, NOT ASAM's algorithm)");
    cmd->add_option("--level", o->level, "the level whose candidacy is reported")->capture_default_str();
    cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    cmd->callback([&run, o] {
        run = [o](std::string& out) {
            const assessment a = load_file(o->assessment, [](const std::string& text, const std::string& source) {
                return io::parse_assessment(text, source);
            });
            const placement_rules rules = resolve_rules(o->rules, a.assessed_edition);
            const catalog& levels = catalog::of(a.assessed_edition);
            const placement p = in_file(o->assessment, [&] { return place(a, rules, levels); });
            const candidacy c = in_file(o->assessment, [&] {
                try {
                    return assess_candidacy(a, rules, levels, o->level);
                } catch (const error& e) {  // the level is the option's, not the file's
                    if (e.where() != "code") throw;
                    error_info info = e.info();
                    info.set_where("--level");
                    throw error(std::move(info));
                }
            });
            out = o->format == "json" ? io::placement_to_json(a, rules, p, c) : io::placement_to_text(a, rules, p, c, levels);
            return p.complete() ? exit_ok : exit_not_met;
        };
    });
}

}  // namespace iopcare::cli
