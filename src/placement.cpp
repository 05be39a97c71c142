#include "iopcare/placement.hpp"

#include <algorithm>
#include <string>

#include "detail/text.hpp"

namespace iopcare {

std::string_view dimension_name(edition ed, int dimension) noexcept {
    // docs/sources.md §1: the six dimensions' names, which the 4th edition changed.
    static constexpr std::string_view third[] = {
        "acute intoxication and/or withdrawal potential",
        "biomedical conditions and complications",
        "emotional, behavioral or cognitive conditions and complications",
        "readiness to change",
        "relapse, continued use or continued problem potential",
        "recovery/living environment",
    };
    static constexpr std::string_view fourth[] = {
        "intoxication, withdrawal and addiction medications",
        "biomedical conditions",
        "psychiatric and cognitive conditions",
        "substance use-related risks",
        "recovery environment interactions",
        "person-centered considerations",
    };
    if (dimension < 1 || dimension > dimension_count) return {};
    const auto i = static_cast<std::size_t>(dimension - 1);
    switch (ed) {
        case edition::asam3: return third[i];
        case edition::asam4: return fourth[i];
        case edition::custom: break;
    }
    return {};
}

namespace {
constexpr variance_reason all_variance_reasons[] = {
    variance_reason::patient_preference, variance_reason::not_available, variance_reason::waitlist,
    variance_reason::payer,              variance_reason::clinical_judgment, variance_reason::geographic_access,
    variance_reason::other,
};
}  // namespace

std::string_view to_string(variance_reason r) noexcept {
    switch (r) {
        case variance_reason::patient_preference: return "patient_preference";
        case variance_reason::not_available: return "not_available";
        case variance_reason::waitlist: return "waitlist";
        case variance_reason::payer: return "payer";
        case variance_reason::clinical_judgment: return "clinical_judgment";
        case variance_reason::geographic_access: return "geographic_access";
        case variance_reason::other: return "other";
    }
    return "other";
}

std::optional<variance_reason> parse_variance_reason(std::string_view text) noexcept {
    for (auto r : all_variance_reasons) {
        if (detail::word_equals(text, to_string(r))) return r;
    }
    return std::nullopt;
}

namespace {

std::string rule_path(std::size_t i, std::string_view field) {
    return "/rules/" + std::to_string(i) + "/" + std::string(field);
}

[[noreturn]] void bad_rules(std::string where, std::string value, std::string message) {
    throw error(errc::invalid_placement_rules, std::move(where), std::move(value), std::move(message));
}

[[noreturn]] void bad_assessment(std::string where, std::string value, std::string message) {
    throw error(errc::invalid_assessment, std::move(where), std::move(value), std::move(message));
}

// A level of the catalog; an unknown or ambiguous code keeps its catalog error, placed at `where`.
const care_level& level_at(const catalog& levels, const level_code& code, std::string where) {
    if (const care_level* l = levels.find(code.str())) return *l;
    error_info why = levels.lookup_error(code.str());
    why.set_where(std::move(where));
    throw error(std::move(why));
}

void check_rule(const placement_rule& r, std::size_t i, const catalog& levels) {
    if (r.dimension < 1 || r.dimension > dimension_count) {
        bad_rules(rule_path(i, "dimension"), std::to_string(r.dimension), "a dimension is numbered from 1 to 6");
    }
    if (r.min_rating < 0 || r.min_rating > max_rating) {
        bad_rules(rule_path(i, "min_rating"), std::to_string(r.min_rating), "a rating runs from 0 to 4");
    }
    (void)level_at(levels, r.level, rule_path(i, "level"));
    if (detail::trim(r.reason).empty()) bad_rules(rule_path(i, "reason"), "", "every rule needs a reason");
}

}  // namespace

void check_rules(const placement_rules& rules, const catalog& levels) {
    if (detail::trim(rules.id).empty()) bad_rules("/id", rules.id, "a placement rule set needs an id");
    (void)level_at(levels, rules.default_level, "/default_level");
    for (std::size_t i = 0; i < rules.rules.size(); ++i) check_rule(rules.rules[i], i, levels);
}

void check_assessment(const assessment& a, const catalog& levels) {
    if (detail::trim(a.patient.str()).empty()) bad_assessment("/patient", a.patient.str(), "an assessment needs a patient");
    if (!a.date.ok()) bad_assessment("/date", "", "not a calendar date");
    for (int d = 1; d <= dimension_count; ++d) {
        const int r = a.rating(d);
        if (r < 0 || r > max_rating) {
            bad_assessment("/ratings/" + std::to_string(d), std::to_string(r), "a rating runs from 0 to 4");
        }
    }
    if (a.provided_level) (void)level_at(levels, *a.provided_level, "/provided_level");
}

namespace {

// The rules an assessment matches, in dimension order and, within a dimension, rule order.
std::vector<const placement_rule*> matching_rules(const assessment& a, const placement_rules& rules) {
    std::vector<const placement_rule*> out;
    for (const auto& r : rules.rules) {
        if (a.rating(r.dimension) >= r.min_rating) out.push_back(&r);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const placement_rule* x, const placement_rule* y) { return x->dimension < y->dimension; });
    return out;
}

placement_reason reason_of(const assessment& a, const placement_rule& r, const catalog& levels) {
    return {r.dimension, a.rating(r.dimension), levels.at(r.level.str()).code, r.reason};
}

void check_editions(const assessment& a, const placement_rules& rules) {
    if (a.assessed_edition != rules.rules_edition) {
        bad_assessment("/edition", std::string(to_string(a.assessed_edition)),
                       "the placement rules '" + rules.id + "' are for " + std::string(to_string(rules.rules_edition)));
    }
}

}  // namespace

placement place(const assessment& a, const placement_rules& rules, const catalog& levels) {
    check_editions(a, rules);
    check_rules(rules, levels);
    check_assessment(a, levels);
    placement p;
    const care_level* indicated = nullptr;
    for (const placement_rule* r : matching_rules(a, rules)) {
        const care_level& l = levels.at(r->level.str());
        // Strictly more intensive only: on a tie the earlier rule (dimension order) stays.
        if (indicated == nullptr || l.intensity_rank > indicated->intensity_rank) indicated = &l;
        p.reasons.push_back(reason_of(a, *r, levels));
    }
    p.by_default = indicated == nullptr;
    p.indicated_level = p.by_default ? levels.at(rules.default_level.str()).code : indicated->code;
    if (a.provided_level) p.provided_level = levels.at(a.provided_level->str()).code;
    p.variance = p.provided_level && *p.provided_level != p.indicated_level;
    p.reason_for_variance = a.reason_for_variance;
    return p;
}

placement place(const assessment& a, const placement_rules& rules) {
    return place(a, rules, catalog::of(a.assessed_edition));
}

result<placement> try_place(const assessment& a, const placement_rules& rules) noexcept {
    return try_call([&] { return place(a, rules); });
}

candidacy assess_candidacy(const assessment& a, const placement_rules& rules, const catalog& levels,
                           std::string_view level) {
    check_editions(a, rules);
    check_rules(rules, levels);
    check_assessment(a, levels);
    const care_level& target = levels.at(level);
    candidacy c;
    c.level = target.code;
    for (const placement_rule* r : matching_rules(a, rules)) {
        if (levels.at(r->level.str()).intensity_rank <= target.intensity_rank) continue;
        if (c.ruled_out_by.empty() || c.ruled_out_by.back() != r->dimension) c.ruled_out_by.push_back(r->dimension);
        c.reasons.push_back(reason_of(a, *r, levels));
    }
    c.candidate = c.ruled_out_by.empty();
    return c;
}

}  // namespace iopcare
