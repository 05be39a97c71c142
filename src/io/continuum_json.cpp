#include "iopcare/io/continuum_json.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/json_reader.hpp"

namespace iopcare::io {

using detail::json;
using detail::object_reader;

std::string read_text_file(const std::string& path) {
    // A directory opens like a file on POSIX and reads as nothing, which the parsers would
    // report as a syntax error at 1:1; say what it is instead.
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        detail::fail_file(errc::io_error, path, "this is a directory; expected a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) detail::fail_file(errc::io_error, path, "cannot open the file for reading");
    // A regular file is read in one piece, its size known: a buffer grown while reading would
    // copy a large file several times over. Whatever else comes (a pipe has no size, a file
    // may grow) is read after it.
    std::string text;
    if (const auto size = std::filesystem::file_size(path, ec); !ec && size > 0) {
        text.resize(static_cast<std::size_t>(size));
        in.read(text.data(), static_cast<std::streamsize>(size));
        text.resize(static_cast<std::size_t>(in.gcount()));
    }
    if (in) {
        std::ostringstream rest;
        rest << in.rdbuf();
        text += std::move(rest).str();
    }
    if (in.bad()) detail::fail_file(errc::io_error, path, "error while reading the file");
    return text;
}

continuum_document parse_continuum(std::string_view json_text, std::string_view source) {
    const json root = detail::parse(json_text, source);
    object_reader r(root, "");
    r.expect_format("iopcare.continuum/1");
    continuum_document doc;
    doc.spec.name = r.optional_string("name").value_or("custom continuum");
    doc.catalog_edition = detail::optional_edition(r).value_or(edition::asam3);
    if (const json* levels = r.optional_array("levels")) {
        for (std::size_t i = 0; i < levels->size(); ++i) {
            doc.spec.levels.push_back(object_reader::as_string((*levels)[i], "/levels/" + std::to_string(i)));
        }
    }
    const json& transitions = r.array("transitions");
    for (std::size_t i = 0; i < transitions.size(); ++i) {
        object_reader t(transitions[i], "/transitions/" + std::to_string(i));
        transition_spec spec;
        spec.from = t.string("from");
        spec.to = t.string("to");
        if (auto kind = t.optional_string("kind")) {
            spec.kind = parse_transition_kind(*kind);
            if (!spec.kind) {
                throw error(errc::invalid_argument, t.path_of("kind"), *kind,
                            "expected one of admission, step_down, step_up, lateral, discharge");
            }
        }
        spec.probability = t.optional_number("p");
        spec.criteria = t.optional_string("criteria").value_or("");
        t.finish();
        doc.spec.transitions.push_back(std::move(spec));
    }
    r.finish();
    return doc;
}

std::string to_json(const continuum& c, edition ed, int indent) {
    json j;
    j["format"] = "iopcare.continuum/1";
    j["name"] = c.name();
    j["edition"] = std::string(to_string(ed));
    json levels = json::array();
    for (const auto& l : c.levels()) levels.push_back(l.code.str());
    j["levels"] = std::move(levels);
    json transitions = json::array();
    for (const auto& t : c.transitions()) {
        json e;
        e["from"] = t.from.str();
        e["to"] = t.to.str();
        e["kind"] = std::string(to_string(t.kind));
        if (t.probability) e["p"] = *t.probability;
        if (!t.criteria.empty()) e["criteria"] = t.criteria;
        transitions.push_back(std::move(e));
    }
    j["transitions"] = std::move(transitions);
    return detail::dump_text(j, indent);
}

namespace {
json band_json(const std::optional<hour_band>& band) {
    if (!band) return nullptr;
    json b;
    b["min_hours"] = static_cast<double>(band->minimum.count()) / 60.0;
    if (band->maximum) {
        b["max_hours"] = static_cast<double>(band->maximum->count()) / 60.0;
    } else {
        b["max_hours"] = nullptr;
    }
    b["max_inclusive"] = band->maximum_inclusive;
    b["describe"] = band->describe();
    b["source"] = band->source;
    return b;
}
}  // namespace

std::string to_json(const catalog& c, int indent) {
    json j;
    j["catalog"] = c.name();
    j["edition"] = std::string(to_string(c.catalog_edition()));
    json levels = json::array();
    for (const auto& l : c) {
        json e;
        e["code"] = l.code.str();
        e["name"] = l.name;
        e["setting"] = std::string(to_string(l.setting));
        e["intensity_rank"] = l.intensity_rank;
        e["twenty_four_hour"] = l.twenty_four_hour;
        e["medical"] = std::string(to_string(l.medical));
        e["withdrawal_management"] = l.withdrawal_management;
        e["purpose"] = std::string(to_string(l.purpose));
        e["hours"] = {{"adult", band_json(l.adult_hours)}, {"adolescent", band_json(l.adolescent_hours)}};
        levels.push_back(std::move(e));
    }
    j["levels"] = std::move(levels);
    return detail::dump_text(j, indent);
}

}  // namespace iopcare::io
