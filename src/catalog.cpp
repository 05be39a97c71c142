#include "iopcare/catalog.hpp"

#include <algorithm>
#include <string>

#include "detail/text.hpp"

namespace iopcare {

namespace {

using namespace std::chrono_literals;

// Sources of the hour bands, named as in DOMAIN.md.
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
                      std::move(adult), std::move(adolescent)};
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
    c.add(make("1-WM", "Ambulatory withdrawal management without extended on-site monitoring", e,
               S::outpatient, 10, false, M::medically_monitored, true));
    c.add(make("2-WM", "Ambulatory withdrawal management with extended on-site monitoring", e, S::day,
               20, false, M::medically_monitored, true));
    c.add(make("3.2-WM", "Clinically managed residential withdrawal management", e, S::residential, 32,
               true, M::clinically_managed, true));
    c.add(make("3.7-WM", "Medically monitored inpatient withdrawal management", e, S::residential, 37,
               true, M::medically_monitored, true));
    c.add(make("4-WM", "Medically managed intensive inpatient withdrawal management", e, S::hospital,
               40, true, M::medically_managed, true));
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

const care_level* catalog::find(std::string_view spelling) const noexcept {
    auto exact = [this](std::string_view code) -> const care_level* {
        for (const auto& l : levels_) {
            if (detail::iequals(l.code.str(), code)) return &l;
        }
        return nullptr;
    };
    try {
        const auto parsed = parse_level_code(spelling);
        if (!parsed) return exact(detail::trim(spelling));
        if (const auto* l = exact(parsed->str())) return l;
        // "1.0" and "1" name the same number; editions differ in which they print.
        std::string alt = parsed->str();
        const auto dash = alt.find('-');
        std::string number = alt.substr(0, dash);
        const std::string suffix = dash == std::string::npos ? "" : alt.substr(dash);
        if (number.size() == 3 && number.ends_with(".0")) {
            number.resize(1);
        } else if (number.size() == 1) {
            number += ".0";
        } else {
            return nullptr;
        }
        return exact(number + suffix);
    } catch (...) {  // allocation failure while normalising: report not found
        return nullptr;
    }
}

const care_level& catalog::at(std::string_view spelling) const {
    if (const auto* l = find(spelling)) return *l;
    throw error(errc::unknown_level, "code", std::string(spelling),
                "no level with this code in the catalog '" + name_ + "'");
}

result<const care_level*> catalog::lookup(std::string_view spelling) const {
    if (const auto* l = find(spelling)) return l;
    return error_info{errc::unknown_level, "code", std::string(spelling),
                      "no level with this code in the catalog '" + name_ + "'"};
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
        entry("3.7", "3.7", M::equivalent, "medically monitored becomes medically managed residential"),
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
