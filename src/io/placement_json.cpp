// The iopcare.placement-rules/1 and iopcare.assessment/1 loaders and writers.
#include "iopcare/io/placement.hpp"

#include "iopcare/calendar.hpp"
#include "iopcare/io/continuum_json.hpp"
#include "io/json_reader.hpp"

namespace iopcare::io {

namespace {

using detail::json;
using detail::object_reader;

// An integer within [low, high]; outside is `code` naming the path and the value.
int read_in_range(const json& v, const std::string& path, int low, int high, errc code, std::string_view what) {
    const std::int64_t n = object_reader::as_integer(v, path);
    if (n < low || n > high) throw error(code, path, std::to_string(n), std::string(what));
    return static_cast<int>(n);
}

placement_rule read_rule(const json& v, const std::string& path, const catalog& levels) {
    object_reader r(v, path);
    placement_rule rule;
    rule.dimension = read_in_range(r.require("dimension"), r.path_of("dimension"), 1, dimension_count,
                                   errc::invalid_placement_rules, "a dimension is numbered from 1 to 6");
    rule.min_rating = read_in_range(r.require("min_rating"), r.path_of("min_rating"), 0, max_rating,
                                    errc::invalid_placement_rules, "a rating runs from 0 to 4");
    rule.level = detail::as_level(r.require("level"), r.path_of("level"), levels);
    rule.reason = r.string("reason");
    r.finish();
    return rule;
}

edition required_edition(object_reader& r) {
    const auto ed = detail::optional_edition(r);
    if (!ed) throw error(errc::missing_field, r.path_of("edition"), "", "required field 'edition' is missing");
    return *ed;
}

nlohmann::ordered_json as_json(const placement_rule& rule) {
    nlohmann::ordered_json j;
    j["dimension"] = rule.dimension;
    j["min_rating"] = rule.min_rating;
    j["level"] = rule.level.str();
    j["reason"] = rule.reason;
    return j;
}

}  // namespace

placement_rules parse_placement_rules(std::string_view json_text, std::string_view source) {
    const json root = detail::parse(json_text, source);
    object_reader r(root, "");
    r.expect_format("iopcare.placement-rules/1");
    placement_rules rules;
    rules.id = r.string("id");
    rules.name = r.optional_string("name").value_or("");
    rules.rules_edition = required_edition(r);
    rules.source = r.optional_string("source").value_or("");
    const catalog& levels = catalog::of(rules.rules_edition);
    rules.default_level = detail::as_level(r.require("default_level"), r.path_of("default_level"), levels);
    const json& list = r.array("rules");
    for (std::size_t i = 0; i < list.size(); ++i) {
        rules.rules.push_back(read_rule(list[i], "/rules/" + std::to_string(i), levels));
    }
    r.finish();
    check_rules(rules, levels);  // what the format cannot say: an empty id or reason
    return rules;
}

placement_rules load_placement_rules(const std::string& path) {
    return parse_placement_rules(read_text_file(path), path);
}

std::string to_json(const placement_rules& rules, int indent) {
    nlohmann::ordered_json j;
    j["format"] = "iopcare.placement-rules/1";
    j["id"] = rules.id;
    j["name"] = rules.name;
    j["edition"] = std::string(to_string(rules.rules_edition));
    j["source"] = rules.source;
    j["default_level"] = rules.default_level.str();
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& rule : rules.rules) list.push_back(as_json(rule));
    j["rules"] = std::move(list);
    return detail::dump_text(j, indent);
}

namespace {

void read_ratings(object_reader& r, assessment& a) {
    object_reader ratings(r.require("ratings"), r.path_of("ratings"));
    for (int d = 1; d <= dimension_count; ++d) {
        const std::string key = std::to_string(d);
        a.ratings[static_cast<std::size_t>(d - 1)] = read_in_range(
            ratings.require(key), ratings.path_of(key), 0, max_rating, errc::invalid_assessment, "a rating runs from 0 to 4");
    }
    ratings.finish();
}

void read_notes(object_reader& r, assessment& a) {
    const json* notes = r.find("notes");
    if (notes == nullptr) return;
    object_reader n(*notes, r.path_of("notes"));
    for (int d = 1; d <= dimension_count; ++d) {
        if (auto text = n.optional_string(std::to_string(d))) a.notes[static_cast<std::size_t>(d - 1)] = *text;
    }
    n.finish();
}

std::optional<variance_reason> read_variance_reason(object_reader& r) {
    const auto text = r.optional_string("variance_reason");
    if (!text) return std::nullopt;
    if (auto reason = parse_variance_reason(*text)) return reason;
    throw error(errc::invalid_assessment, r.path_of("variance_reason"), *text,
                "expected one of patient_preference, not_available, waitlist, payer, clinical_judgment, "
                "geographic_access, other");
}

}  // namespace

assessment parse_assessment(std::string_view json_text, std::string_view source) {
    const json root = detail::parse(json_text, source);
    object_reader r(root, "");
    r.expect_format("iopcare.assessment/1");
    assessment a;
    a.assessed_edition = required_edition(r);
    a.patient = detail::as_patient(r.require("patient"), r.path_of("patient"));
    a.date = detail::as_date(r.require("date"), r.path_of("date"));
    read_ratings(r, a);
    read_notes(r, a);
    if (const json* level = r.find("provided_level")) {
        a.provided_level = detail::as_level(*level, r.path_of("provided_level"), catalog::of(a.assessed_edition));
    }
    a.reason_for_variance = read_variance_reason(r);
    r.finish();
    check_assessment(a, catalog::of(a.assessed_edition));  // an empty patient
    return a;
}

assessment load_assessment(const std::string& path) { return parse_assessment(read_text_file(path), path); }

std::string to_json(const assessment& a, int indent) {
    nlohmann::ordered_json j;
    j["format"] = "iopcare.assessment/1";
    j["edition"] = std::string(to_string(a.assessed_edition));
    j["patient"] = a.patient;
    j["date"] = format_date(a.date);
    nlohmann::ordered_json ratings, notes;
    for (int d = 1; d <= dimension_count; ++d) {
        const auto i = static_cast<std::size_t>(d - 1);
        ratings[std::to_string(d)] = a.ratings[i];
        if (!a.notes[i].empty()) notes[std::to_string(d)] = a.notes[i];
    }
    j["ratings"] = std::move(ratings);
    if (a.provided_level) j["provided_level"] = a.provided_level->str();
    if (a.reason_for_variance) j["variance_reason"] = std::string(to_string(*a.reason_for_variance));
    if (!notes.empty()) j["notes"] = std::move(notes);
    return detail::dump_text(j, indent);
}

}  // namespace iopcare::io
