// The placement report as JSON and as text.
#include <nlohmann/json.hpp>

#include "iopcare/calendar.hpp"
#include "iopcare/io/placement.hpp"
#include "iopcare/text.hpp"
#include "io/json_reader.hpp"

namespace iopcare::io {

namespace {

using ordered = nlohmann::ordered_json;

ordered as_json(const placement_reason& r, edition ed) {
    ordered j;
    j["dimension"] = r.dimension;
    j["dimension_name"] = std::string(dimension_name(ed, r.dimension));
    j["rating"] = r.rating;
    j["level"] = r.level.str();
    j["reason"] = r.reason;
    return j;
}

ordered as_json(const candidacy& c) {
    ordered j;
    j["level"] = c.level.str();
    j["candidate"] = c.candidate;
    j["ruled_out_by"] = c.ruled_out_by;
    return j;
}

// "3", "3 and 6", "1, 3 and 6"
std::string and_list(const std::vector<int>& numbers) {
    std::string out;
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        if (i > 0) out += i + 1 == numbers.size() ? " and " : ", ";
        out += std::to_string(numbers[i]);
    }
    return out;
}

std::string level_line(const level_code& code, const catalog& levels) {
    const care_level* l = levels.find(code.str());
    return code.str() + (l != nullptr ? "  " + l->name : std::string{});
}

std::string variance_line(const placement& p) {
    if (!p.provided_level) return "variance:        none recorded (no provided level)\n";
    if (!p.variance) return "variance:        no\n";
    if (!p.reason_for_variance) return "variance:        yes, without a reason: the record is incomplete\n";
    return "variance:        yes, reason: " + std::string(to_string(*p.reason_for_variance)) + "\n";
}

std::string candidacy_line(const candidacy& c) {
    std::string out = "candidacy for " + c.level.str() + ": ";
    if (c.candidate) return out + "yes, no dimension calls for more intensive care\n";
    return out + "no, ruled out by dimension" + (c.ruled_out_by.size() > 1 ? "s " : " ") + and_list(c.ruled_out_by) + "\n";
}

}  // namespace

std::string placement_to_json(const assessment& a, const placement_rules& rules, const placement& p,
                              const candidacy& iop, int indent) {
    ordered j;
    j["patient"] = a.patient;
    j["date"] = format_date(a.date);
    j["edition"] = std::string(to_string(a.assessed_edition));
    j["rules"] = rules.id;
    j["indicated_level"] = p.indicated_level.str();
    j["by_default"] = p.by_default;
    j["provided_level"] = p.provided_level ? ordered(p.provided_level->str()) : ordered(nullptr);
    j["variance"] = p.variance;
    j["variance_reason"] =
        p.reason_for_variance ? ordered(std::string(to_string(*p.reason_for_variance))) : ordered(nullptr);
    j["complete"] = p.complete();
    ordered reasons = ordered::array();
    for (const auto& r : p.reasons) reasons.push_back(as_json(r, a.assessed_edition));
    j["reasons"] = std::move(reasons);
    j["candidacy"] = as_json(iop);
    return detail::dump_text(j, indent);
}

std::string placement_to_text(const assessment& a, const placement_rules& rules, const placement& p,
                              const candidacy& iop, const catalog& levels) {
    // Ids, rule texts and sources come from someone else's files: escaped (iopcare/text.hpp).
    std::string out = "patient " + escape_text(a.patient.str()) + ", assessed " + format_date(a.date) + " (" +
                      std::string(to_string(a.assessed_edition)) + ")\n";
    out += "rules:           " + escape_text(rules.id) + (rules.source.empty() ? "" : " (" + escape_text(rules.source) + ")") + "\n";
    out += "indicated level: " + level_line(p.indicated_level, levels) +
           (p.by_default ? "  (no rule matched: the rules' default level)" : "") + "\n";
    out += "provided level:  " + (p.provided_level ? level_line(*p.provided_level, levels) : "not recorded") + "\n";
    out += variance_line(p);
    if (!p.reasons.empty()) out += "reasons (every matching rule, in dimension order):\n";
    for (const auto& r : p.reasons) {
        out += "  dimension " + std::to_string(r.dimension) + " (" +
               std::string(dimension_name(a.assessed_edition, r.dimension)) + ") rated " + std::to_string(r.rating) +
               ": at least " + r.level.str() + ", " + escape_text(r.reason) + "\n";
    }
    return out + candidacy_line(iop);
}

}  // namespace iopcare::io
