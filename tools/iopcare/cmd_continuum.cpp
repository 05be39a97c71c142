// iopcare continuum [--file continuum.json] [--edition 3|4] [--from CODE --to CODE]
//                   [--format text|json|dot]
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <iopcare/continuum.hpp>
#include <iopcare/io/continuum_json.hpp>
#include <iopcare/io/text_report.hpp>
#include <iopcare/text.hpp>

#include "cli.hpp"

namespace iopcare::cli {

namespace {

struct continuum_options {
    std::string file;
    int edition_number = 3;
    std::string from;
    std::string to;
    std::string format = "text";
};

std::string move_report(const continuum& c, const std::string& from, const std::string& to, const std::string& format) {
    const move_assessment a = c.assess(from, to);
    // Echo the canonical spellings, so "II.1" comes back as "2.1".
    auto canonical = [&c](const std::string& code) {
        const care_level* l = c.find_level(code);
        return l ? l->code.str() : code;
    };
    if (format == "json") {
        nlohmann::json j;
        j["from"] = canonical(from);
        j["to"] = canonical(to);
        j["allowed"] = a.allowed;
        j["kind"] = std::string(to_string(a.kind));
        j["reachable"] = a.reachable;
        nlohmann::json skipped = nlohmann::json::array();
        for (const auto& s : a.skipped) skipped.push_back(s.str());
        j["skipped"] = std::move(skipped);
        j["ranks_between"] = a.ranks_between;
        if (const transition* t = c.find(from, to); t && !t->criteria.empty()) j["criteria"] = t->criteria;
        return j.dump(2);
    }
    std::string out = escape_text(canonical(from)) + " -> " + escape_text(canonical(to)) + ": ";
    out += a.allowed ? "allowed" : "not a transition of this continuum";
    out += " (" + std::string(to_string(a.kind)) + ")";
    if (!a.skipped.empty()) {
        out += "; skips";
        for (const auto& s : a.skipped) out += " " + escape_text(s.str());
    } else if (!a.allowed && !a.reachable) {
        out += "; not reachable at all";
    }
    return out + "\n";
}

}  // namespace

void add_continuum(CLI::App& app, command& run) {
    auto* cmd = app.add_subcommand("continuum", "Show the standard (or a given) continuum of care, or assess one move");
    auto o = std::make_shared<continuum_options>();
    cmd->add_option("--file", o->file, "a continuum in iopcare.continuum/1 JSON, '-' for standard input (default: the standard one)");
    auto* edition_opt = cmd->add_option("--edition", o->edition_number,
                                        "ASAM edition of the standard continuum: 3 or 4 (not with --file)")
                            ->check(CLI::IsMember({3, 4}))
                            ->capture_default_str();
    auto* from = cmd->add_option("--from", o->from, "level code the patient is at (or 'community')");
    auto* to = cmd->add_option("--to", o->to, "level code of the move's target (or 'discharge')");
    from->needs(to);
    to->needs(from);
    cmd->add_option("--format", o->format, "text, json or dot")
        ->check(CLI::IsMember({"text", "json", "dot"}))
        ->capture_default_str();
    cmd->callback([&run, o, edition_opt] {
        // A continuum file fixes its own edition (its "edition" field, asam3 when absent), which
        // cannot be told apart from a default; so --edition, which picks the standard continuum,
        // is refused next to --file rather than silently ignored.
        const bool edition_given = edition_opt->count() > 0;
        run = [o, edition_given](std::string& out) {
            if (edition_given && !o->file.empty()) {
                throw error(errc::invalid_argument, "--edition", std::to_string(o->edition_number),
                            "--edition chooses the standard continuum and cannot be combined with --file " +
                                o->file + ", whose edition comes from the file");
            }
            std::optional<continuum> loaded;
            edition ed = o->edition_number == 4 ? edition::asam4 : edition::asam3;
            if (!o->file.empty()) {
                auto doc = load_file(o->file, [](const std::string& text, const std::string& source) {
                    return io::parse_continuum(text, source);
                });
                ed = doc.catalog_edition;
                loaded = in_file(o->file, [&] { return continuum::build(doc.spec, catalog::of(ed)); });
            }
            const continuum& c = loaded ? *loaded : continuum::standard(ed);
            if (!o->from.empty()) {
                if (o->format == "dot") {
                    throw error(errc::invalid_argument, "--format", "dot", "--from/--to answer in text or json");
                }
                out = move_report(c, o->from, o->to, o->format);
            } else if (o->format == "json") {
                out = io::to_json(c, ed);
            } else if (o->format == "dot") {
                out = c.to_dot();
            } else {
                out = io::continuum_to_text(c);
            }
            return exit_ok;
        };
    });
}

}  // namespace iopcare::cli
