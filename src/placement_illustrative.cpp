// The illustrative placement rule sets shipped with iopcare: one per ASAM edition.
//
// They are examples of the shape of placement rules, written for this library, and NOT ASAM's
// placement algorithm (which is licensed and not reproduced). Thresholds follow one plain idea:
// the more severe a dimension's rating, the more intensive the care it calls for, and the
// dimensions the seeds name for IOP candidacy (living at home safely, no medically managed
// withdrawal, medical stability, keeping a schedule) call for more than IOP at ratings of 3 or 4.
// Hosts load their own rules (iopcare.placement-rules/1) for real placement.
#include "iopcare/placement.hpp"

namespace iopcare {

namespace {

constexpr const char* illustrative_source =
    "iopcare's illustrative rules: an example of the format, not ASAM's placement algorithm; "
    "do not use for clinical placement";

placement_rule rule(int dimension, int min_rating, const char* level, const char* reason) {
    return placement_rule{dimension, min_rating, level_code(level), reason};
}

placement_rules illustrative_asam3() {
    placement_rules r;
    r.id = "illustrative-asam3";
    r.name = "Illustrative placement rules (ASAM 3rd edition codes)";
    r.rules_edition = edition::asam3;
    r.source = illustrative_source;
    r.default_level = level_code("0.5");
    r.rules = {
        rule(1, 1, "1-WM", "mild withdrawal risk: ambulatory withdrawal management"),
        rule(1, 2, "2-WM", "moderate withdrawal risk: withdrawal management with on-site monitoring"),
        rule(1, 3, "3.7-WM", "severe withdrawal risk: medically monitored withdrawal management"),
        rule(1, 4, "4-WM", "withdrawal needs medical management in a hospital"),
        rule(2, 3, "3.7", "medical problems need 24-hour medical monitoring"),
        rule(2, 4, "4", "medical problems need hospital care"),
        rule(3, 1, "1", "emotional or behavioral problems need outpatient care"),
        rule(3, 2, "2.1", "emotional or behavioral problems need several sessions a week"),
        rule(3, 3, "2.5", "emotional or behavioral problems need daily structure"),
        rule(3, 4, "3.7", "emotional or behavioral problems need 24-hour monitoring"),
        rule(4, 1, "1", "ambivalence about change calls for outpatient engagement"),
        rule(4, 3, "2.1", "low readiness calls for frequent structured contact"),
        rule(5, 1, "1", "some risk of continued use"),
        rule(5, 2, "2.1", "continued use likely without several sessions a week"),
        rule(5, 3, "2.5", "continued use likely without daily structure"),
        rule(5, 4, "3.5", "continued use very likely outside a residential setting"),
        rule(6, 1, "1", "the home environment needs some support"),
        rule(6, 2, "2.1", "the home environment needs frequent support"),
        rule(6, 3, "3.1", "the patient cannot live at home safely: a structured residence"),
        rule(6, 4, "3.5", "the living environment is dangerous to recovery"),
    };
    return r;
}

placement_rules illustrative_asam4() {
    placement_rules r;
    r.id = "illustrative-asam4";
    r.name = "Illustrative placement rules (ASAM 4th edition codes)";
    r.rules_edition = edition::asam4;
    r.source = illustrative_source;
    r.default_level = level_code("1.0");
    r.rules = {
        rule(1, 1, "1.7", "withdrawal or addiction medications need medical management"),
        rule(1, 2, "2.7", "withdrawal needs daily medical management"),
        rule(1, 3, "3.7", "withdrawal needs 24-hour medical management"),
        rule(1, 4, "4", "withdrawal needs hospital care"),
        rule(2, 3, "3.7", "medical problems need 24-hour medical management"),
        rule(2, 4, "4", "medical problems need hospital care"),
        rule(3, 1, "1.5", "psychiatric problems need outpatient therapy"),
        rule(3, 2, "2.1", "psychiatric problems need several sessions a week"),
        rule(3, 3, "2.5", "psychiatric problems need daily structure"),
        rule(3, 4, "3.7", "psychiatric problems need 24-hour medical management"),
        rule(4, 1, "1.5", "some substance use-related risk"),
        rule(4, 2, "2.1", "substance use-related risks need several sessions a week"),
        rule(4, 3, "2.5", "substance use-related risks need daily structure"),
        rule(4, 4, "3.5", "substance use-related risks need a residential setting"),
        rule(5, 2, "2.1", "the recovery environment needs frequent support"),
        rule(5, 3, "3.1", "the patient cannot live at home safely: a structured residence"),
        rule(5, 4, "3.5", "the recovery environment is dangerous to recovery"),
        rule(6, 1, "1.5", "personal circumstances call for outpatient support"),
        rule(6, 3, "2.1", "personal circumstances call for frequent structured contact"),
    };
    return r;
}

}  // namespace

const placement_rules& placement_rules::illustrative(edition ed) {
    static const placement_rules third = illustrative_asam3();
    static const placement_rules fourth = illustrative_asam4();
    switch (ed) {
        case edition::asam3: return third;
        case edition::asam4: return fourth;
        case edition::custom: break;
    }
    throw error(errc::invalid_argument, "edition", std::string(to_string(ed)),
                "only the asam3 and asam4 editions have illustrative placement rules");
}

}  // namespace iopcare
