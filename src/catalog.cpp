#include "iopcare/catalog.hpp"

#include <algorithm>
#include <string>

#include "detail/text.hpp"

namespace iopcare {

namespace {

using namespace std::chrono_literals;

// Sources of the hour bands, as listed in docs/sources.md.
constexpr const char* src_asam_aetna = "ASAM Criteria 3rd ed., as quoted on Aetna's ASAM criteria page";
constexpr const char* src_asam_secondary = "ASAM Criteria 3rd ed., secondary sources (unconfirmed wording)";
constexpr const char* src_nd_31 = "N.D. Admin. Code 75-09.1-02.1-01 (ASAM 3.1: at least 5 h/week)";
constexpr const char* src_asam4_secondary = "ASAM Criteria 4th ed. (2023), secondary sources (unconfirmed)";

hour_band band(minutes lo, std::optional<minutes> hi, const char* source) {
    return hour_band{lo, hi, false, source};
}

care_level make(const char* code, const char* name, edition ed, care_setting setting, int rank,
                bool twenty_four_hour, medical_care medical, bool wm,
                std::optional<hour_band> adult = std::nullopt,
                std::optional<hour_band> adolescent = std::nullopt) {
    return care_level{level_code(code), name, ed, setting, rank, twenty_four_hour, medical, wm,
                      std::move(adult), std::move(adolescent), level_purpose::treatment};
}

// A 3rd-edition "-WM" level: withdrawal management is what it is for.
care_level withdrawal_level(const char* code, const char* name, care_setting setting, int rank,
                            bool twenty_four_hour, medical_care medical) {
    care_level l = make(code, name, edition::asam3, setting, rank, twenty_four_hour, medical, true);
    l.purpose = level_purpose::withdrawal_management;
    return l;
}

catalog build_asam3() {
    constexpr auto e = edition::asam3;
    using S = care_setting;
    using M = medical_care;
    catalog c("ASAM Criteria, 3rd edition (2013)", e);
    c.add(make("0.5", "Early intervention", e, S::outpatient, 5, false, M::clinically_managed, false));
    c.add(make("1", "Outpatient services", e, S::outpatient, 10, false, M::clinically_managed, false,
               band(0min, 9h, src_asam_secondary), band(0min, 6h, src_asam_secondary)));
    c.add(make("2.1", "Intensive outpatient services", e, S::outpatient, 21, false,
               M::clinically_managed, false, band(9h, 20h, src_asam_aetna), band(6h, 20h, src_asam_aetna)));
    c.add(make("2.5", "Partial hospitalization services", e, S::day, 25, false, M::clinically_managed,
               false, band(20h, std::nullopt, src_asam_secondary), band(20h, std::nullopt, src_asam_secondary)));
    c.add(make("3.1", "Clinically managed low-intensity residential services", e, S::residential, 31,
               true, M::clinically_managed, false, band(5h, std::nullopt, src_nd_31)));
    c.add(make("3.3", "Clinically managed population-specific high-intensity residential services", e,
               S::residential, 33, true, M::clinically_managed, false));
    c.add(make("3.5", "Clinically managed high-intensity residential services", e, S::residential, 35,
               true, M::clinically_managed, false));
    c.add(make("3.7", "Medically monitored intensive inpatient services", e, S::residential, 37, true,
               M::medically_monitored, false));
    c.add(make("4", "Medically managed intensive inpatient services", e, S::hospital, 40, true,
               M::medically_managed, false));
    c.add(withdrawal_level("1-WM", "Ambulatory withdrawal management without extended on-site monitoring",
                           S::outpatient, 10, false, M::medically_monitored));
    c.add(withdrawal_level("2-WM", "Ambulatory withdrawal management with extended on-site monitoring",
                           S::day, 20, false, M::medically_monitored));
    c.add(withdrawal_level("3.2-WM", "Clinically managed residential withdrawal management", S::residential,
                           32, true, M::clinically_managed));
    c.add(withdrawal_level("3.7-WM", "Medically monitored inpatient withdrawal management", S::residential,
                           37, true, M::medically_monitored));
    c.add(withdrawal_level("4-WM", "Medically managed intensive inpatient withdrawal management",
                           S::hospital, 40, true, M::medically_managed));
    c.add(make("OTS", "Opioid treatment services", e, S::outpatient, 10, false, M::medically_monitored,
               false));
    return c;
}

catalog build_asam4() {
    constexpr auto e = edition::asam4;
    using S = care_setting;
    using M = medical_care;
    catalog c("ASAM Criteria, 4th edition (2023)", e);
    c.add(make("1.0", "Long-term remission monitoring", e, S::outpatient, 10, false,
               M::clinically_managed, false));
    c.add(make("1.5", "Outpatient therapy", e, S::outpatient, 15, false, M::clinically_managed, false,
               band(0min, 9h, src_asam4_secondary)));
    c.add(make("1.7", "Medically managed outpatient", e, S::outpatient, 17, false,
               M::medically_managed, true));
    c.add(make("2.1", "Intensive outpatient", e, S::outpatient, 21, false, M::clinically_managed, false,
               band(9h, 20h, src_asam4_secondary)));
    c.add(make("2.5", "High-intensity outpatient", e, S::day, 25, false, M::clinically_managed, false,
               band(20h, std::nullopt, src_asam4_secondary)));
    c.add(make("2.7", "Medically managed intensive outpatient", e, S::day, 27, false,
               M::medically_managed, true));
    c.add(make("3.1", "Clinically managed low-intensity residential", e, S::residential, 31, true,
               M::clinically_managed, false));
    c.add(make("3.5", "Clinically managed high-intensity residential", e, S::residential, 35, true,
               M::clinically_managed, false));
    c.add(make("3.7", "Medically managed residential", e, S::residential, 37, true,
               M::medically_managed, true));
    c.add(make("4", "Medically managed inpatient", e, S::hospital, 40, true, M::medically_managed,
               true));
    return c;
}

// The canonical form a catalog stores: a level-code spelling when the text is one, else the
// trimmed text itself (host codes such as "CO-SUD-IOP").
std::string canonical_text(std::string_view text) {
    if (auto code = parse_level_code(text)) return code->str();
    return std::string(detail::trim(text));
}

}  // namespace

const catalog& catalog::asam3() {
    static const catalog c = build_asam3();
    return c;
}

const catalog& catalog::asam4() {
    static const catalog c = build_asam4();
    return c;
}

const catalog& catalog::of(edition ed) {
    switch (ed) {
        case edition::asam3: return asam3();
        case edition::asam4: return asam4();
        case edition::custom: break;
    }
    throw error(errc::invalid_argument, "edition", std::string(to_string(ed)),
                "only the asam3 and asam4 editions have a built-in catalog");
}

void catalog::add(care_level level) {
    const std::string canonical = canonical_text(level.code.str());
    if (canonical.empty()) {
        throw error(errc::invalid_level, "code", level.code.str(), "a care level needs a non-empty code");
    }
    if (level.name.empty()) {
        throw error(errc::invalid_level, "name", canonical, "a care level needs a name");
    }
    if (find(canonical) != nullptr) {
        throw error(errc::duplicate_level, "code", canonical,
                    "the catalog '" + name_ + "' already has a level with this code");
    }
    level.code = level_code(canonical);
    levels_.push_back(std::move(level));
}

const care_level* catalog::exact(std::string_view canonical) const noexcept {
    for (const auto& l : levels_) {
        if (detail::iequals(l.code.str(), canonical)) return &l;
    }
    return nullptr;
}

std::vector<const care_level*> catalog::matches(std::string_view spelling) const {
    const auto parsed = parse_level_code(spelling);
    if (!parsed) {
        const care_level* l = exact(detail::trim(spelling));
        return l ? std::vector<const care_level*>{l} : std::vector<const care_level*>{};
    }
    if (const care_level* l = exact(parsed->str())) return {l};
    // "1.0" and "1" name the same number; editions differ in which they print. A bare "1"
    // may also mean any "1.x" (the 4th edition's 1.0, 1.5 and 1.7): every such level matches.
    const std::string& code = parsed->str();
    const auto dash = code.find('-');
    const std::string_view number = std::string_view(code).substr(0, dash);
    const std::string_view suffix = dash == std::string::npos ? std::string_view{} : std::string_view(code).substr(dash);
    std::vector<const care_level*> out;
    if (number.size() == 3 && number.ends_with(".0")) {
        if (const care_level* l = exact(std::string(number.substr(0, 1)) + std::string(suffix))) out.push_back(l);
    } else if (number.find('.') == std::string_view::npos) {
        for (const auto& l : levels_) {
            const std::string_view other = l.code.str();
            const auto other_dash = other.find('-');
            const std::string_view other_number = other.substr(0, other_dash);
            const std::string_view other_suffix = other_dash == std::string_view::npos ? std::string_view{} : other.substr(other_dash);
            if (other_number.size() > number.size() + 1 && other_number.starts_with(number) &&
                other_number[number.size()] == '.' && detail::iequals(other_suffix, suffix)) {
                out.push_back(&l);
            }
        }
    }
    return out;
}

const care_level* catalog::find(std::string_view spelling) const noexcept {
    try {
        const auto found = matches(spelling);
        return found.size() == 1 ? found.front() : nullptr;
    } catch (...) {  // allocation failure while normalising: report not found
        return nullptr;
    }
}

error_info catalog::lookup_error(std::string_view spelling) const {
    const auto found = matches(spelling);
    if (found.size() > 1) {
        std::string names;
        for (std::size_t i = 0; i < found.size(); ++i) {
            if (i > 0) names += i + 1 == found.size() ? " or " : ", ";
            names += found[i]->code.str();
        }
        return {errc::ambiguous_level, "code", std::string(spelling),
                "the code is ambiguous in the catalog '" + name_ + "': it may mean " + names};
    }
    return {errc::unknown_level, "code", std::string(spelling), "no level with this code in the catalog '" + name_ + "'"};
}

const care_level& catalog::at(std::string_view spelling) const {
    if (const auto* l = find(spelling)) return *l;
    throw error(lookup_error(spelling));
}

result<const care_level*> catalog::lookup(std::string_view spelling) const {
    if (const auto* l = find(spelling)) return l;
    return lookup_error(spelling);
}

std::string_view to_string(crosswalk_match m) noexcept {
    switch (m) {
        case crosswalk_match::equivalent: return "equivalent";
        case crosswalk_match::approximate: return "approximate";
        case crosswalk_match::none: return "none";
    }
    return "none";
}

namespace {

std::vector<crosswalk_entry> build_crosswalk() {
    using M = crosswalk_match;
    auto entry = [](const char* third, const char* fourth, M match, const char* note) {
        return crosswalk_entry{level_code(third),
                               fourth ? std::optional<level_code>(level_code(fourth)) : std::nullopt,
                               match, note};
    };
    return {
        entry("0.5", nullptr, M::none, "the 4th edition has no early-intervention level"),
        entry("1", "1.5", M::approximate, "outpatient services become outpatient therapy"),
        entry("2.1", "2.1", M::equivalent, "intensive outpatient"),
        entry("2.5", "2.5", M::equivalent, "partial hospitalization is renamed high-intensity outpatient"),
        entry("3.1", "3.1", M::equivalent, "clinically managed low-intensity residential"),
        entry("3.3", "3.1", M::approximate, "3.3 is removed in the 4th edition; its patients go to 3.1 or 3.5"),
        entry("3.3", "3.5", M::approximate, "3.3 is removed in the 4th edition; its patients go to 3.1 or 3.5"),
        entry("3.5", "3.5", M::equivalent, "clinically managed high-intensity residential"),
        entry("3.7", "3.7", M::approximate, "medically monitored care becomes medically managed residential care"),
        entry("4", "4", M::equivalent, "medically managed inpatient"),
        entry("1-WM", "1.7", M::approximate, "withdrawal management is integrated into 1.7"),
        entry("2-WM", "2.7", M::approximate, "withdrawal management is integrated into 2.7"),
        entry("3.2-WM", "3.5", M::approximate, "3.2-WM is removed in the 4th edition"),
        entry("3.7-WM", "3.7", M::approximate, "withdrawal management is integrated into 3.7"),
        entry("4-WM", "4", M::approximate, "withdrawal management is integrated into 4"),
        entry("OTS", "1.7", M::approximate, "opioid treatment is delivered within medically managed outpatient care"),
    };
}

}  // namespace

std::span<const crosswalk_entry> asam_crosswalk() {
    static const std::vector<crosswalk_entry> entries = build_crosswalk();
    return entries;
}

std::vector<crosswalk_entry> crosswalk_from_third(std::string_view code) {
    const auto& level = catalog::asam3().at(code);
    std::vector<crosswalk_entry> out;
    for (const auto& e : asam_crosswalk()) {
        if (e.third == level.code) out.push_back(e);
    }
    return out;
}

std::vector<crosswalk_entry> crosswalk_from_fourth(std::string_view code) {
    const auto& level = catalog::asam4().at(code);
    std::vector<crosswalk_entry> out;
    for (const auto& e : asam_crosswalk()) {
        if (e.fourth && *e.fourth == level.code) out.push_back(e);
    }
    return out;
}

}  // namespace iopcare
