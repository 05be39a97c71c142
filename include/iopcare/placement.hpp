/// @file
/// Placement from a six-dimension assessment: the level the assessment
/// indicates, the level actually provided, and the reason when the two differ.
///
/// ASAM's decision rules are licensed, so iopcare holds placement rules only as data a host
/// supplies: a rule says "when dimension D is rated at least R, the indicated level is at least
/// L", with a reason in the host's words. The indicated level is the most intensive level (by the
/// catalog's intensity rank) among the matching rules; on a rank tie the first matching rule in
/// dimension order, then in rule order, wins; with no match, the rule set's default level. Ranking
/// withdrawal-management and treatment levels on one intensity scale is a simplification that
/// illustrative rules can live with and a host's real rules may not need.
///
/// The library ships one illustrative rule set per edition, labelled as such: it shows the shape
/// of real rules and is NOT ASAM's placement algorithm.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/catalog.hpp"
#include "iopcare/detail/export.hpp"
#include "iopcare/error.hpp"
#include "iopcare/level.hpp"
#include "iopcare/patient.hpp"

namespace iopcare {

/// Dimensions are numbered 1 to 6; each is rated from 0 (no risk) to 4 (severe).
///@{
inline constexpr int dimension_count = 6;
inline constexpr int max_rating = 4;
///@}

/// The name of dimension 1..6 in an edition (docs/sources.md §1); empty for edition::custom or
/// a number outside 1..6.
[[nodiscard]] IOPCARE_API std::string_view dimension_name(edition ed, int dimension) noexcept;

/// Why the level provided is not the level indicated. State systems ask for one of these.
enum class variance_reason : unsigned char {
    /// The patient chose another level.
    patient_preference,
    /// The indicated level is not offered within reach.
    not_available,
    /// The indicated level has no place yet; the patient waits in another.
    waitlist,
    /// The payer did not authorize the indicated level.
    payer,
    /// The clinician placed otherwise, for reasons the dimensions do not capture.
    clinical_judgment,
    /// Distance or transport keeps the patient from the indicated level.
    geographic_access,
    /// Any other reason (say which in the record's notes).
    other,
};

/// The snake_case name of a reason ("clinical_judgment").
[[nodiscard]] IOPCARE_API std::string_view to_string(variance_reason r) noexcept;
/// "waitlist" and so on (also with '-' or ' ' for '_'); nothing for an unknown word.
[[nodiscard]] IOPCARE_API std::optional<variance_reason> parse_variance_reason(std::string_view text) noexcept;

/// One placement assessment of one patient.
struct assessment {
    /// The edition whose dimensions were rated.
    edition assessed_edition = edition::asam3;
    /// Who was assessed.
    patient_id patient{};
    /// The day of the assessment.
    std::chrono::year_month_day date{};
    std::array<int, dimension_count> ratings{};            ///< dimension d's rating at [d - 1]
    std::array<std::string, dimension_count> notes{};      ///< optional free text per dimension
    std::optional<level_code> provided_level{};            ///< the level the patient was placed in
    std::optional<variance_reason> reason_for_variance{};  ///< required when provided != indicated

    /// The rating of dimension 1..6 (a precondition).
    [[nodiscard]] int rating(int dimension) const {
        IOPCARE_EXPECTS(dimension >= 1 && dimension <= dimension_count);
        return ratings[static_cast<std::size_t>(dimension - 1)];
    }
};

/// "When dimension `dimension` is rated at least `min_rating`, the indicated level is at least
/// `level`."
struct placement_rule {
    /// The dimension, 1 to 6.
    int dimension = 1;
    /// The least rating, 0 to 4, at which the rule matches.
    int min_rating = 0;
    /// The level the rule indicates at least.
    level_code level{};
    /// Why, in the host's words (reported with the placement).
    std::string reason{};

    /// Equal when every field is.
    friend bool operator==(const placement_rule&, const placement_rule&) = default;
};

/// A placement rule set: rules as data, for one edition, with a default level.
struct placement_rules {
    /// A short stable id ("illustrative-asam3").
    std::string id{};
    /// A name for people.
    std::string name{};
    /// The edition whose levels and dimensions the rules use.
    edition rules_edition = edition::asam3;
    std::string source{};      ///< where the rules come from (a host's policy, a licence)
    level_code default_level{};  ///< indicated when no rule matches
    /// The rules, in the order ties are decided.
    std::vector<placement_rule> rules{};

    /// The shipped illustrative set of an edition ("illustrative-asam3", "illustrative-asam4"):
    /// an example of the shape of placement rules, not ASAM's algorithm. Throws
    /// errc::invalid_argument for edition::custom.
    [[nodiscard]] IOPCARE_API static const placement_rules& illustrative(edition ed);

    /// Equal when every field is.
    friend bool operator==(const placement_rules&, const placement_rules&) = default;
};

/// Checks a rule set against a catalog: an id, dimensions 1..6, minimum ratings 0..4, every
/// level (and the default) a level of the catalog, a reason for every rule. Throws
/// errc::invalid_placement_rules naming the field ("/rules/3/level") and the value; an
/// unknown or ambiguous level code keeps its catalog error code.
IOPCARE_API void check_rules(const placement_rules& rules, const catalog& levels);

/// Checks an assessment: a patient, a valid date, ratings 0..4, a provided level of the
/// catalog. Throws errc::invalid_assessment naming the field ("/ratings/3") and the value.
IOPCARE_API void check_assessment(const assessment& a, const catalog& levels);

/// One matching rule, as a reason for the indicated level.
struct placement_reason {
    /// The rule's dimension, 1 to 6.
    int dimension = 1;
    int rating = 0;       ///< the assessment's rating of that dimension
    level_code level{};   ///< the rule's level
    /// The rule's reason.
    std::string reason{};

    /// Equal when every field is.
    friend bool operator==(const placement_reason&, const placement_reason&) = default;
};

/// The result of place(): the indicated level, why, and how it compares with the level provided.
struct placement {
    /// The most intensive level among the matching rules (or the default).
    level_code indicated_level{};
    bool by_default = false;                    ///< no rule matched: the rules' default level
    /// The level the patient was placed in, when the assessment says.
    std::optional<level_code> provided_level{};
    bool variance = false;                      ///< a provided level is given and differs
    /// The assessment's reason for a variance.
    std::optional<variance_reason> reason_for_variance{};
    std::vector<placement_reason> reasons{};    ///< every matching rule, in dimension order

    /// A variance needs its reason; without one the record is incomplete.
    [[nodiscard]] bool complete() const noexcept { return !variance || reason_for_variance.has_value(); }
};

/// The placement an assessment indicates under a rule set. The assessment's edition must be the
/// rules' edition; level codes are resolved in `levels` (catalog::of(edition) by default).
/// Throws what check_rules and check_assessment throw, and errc::invalid_assessment when the
/// editions differ.
/// Non-throwing form: try_place().
///@{
[[nodiscard]] IOPCARE_API placement place(const assessment& a, const placement_rules& rules, const catalog& levels);
[[nodiscard]] IOPCARE_API placement place(const assessment& a, const placement_rules& rules);
///@}
/// Non-throwing form.
[[nodiscard]] IOPCARE_API result<placement> try_place(const assessment& a, const placement_rules& rules) noexcept;

/// Whether a patient is a candidate for a level (IOP, "2.1", by default), read from the same
/// rules: the level is ruled out by every dimension whose matching rules call for a more
/// intensive level (seeds 000-004: an IOP patient lives at home safely, needs no medically
/// managed withdrawal, is medically stable and can keep a schedule).
struct candidacy {
    /// The level considered (canonical code).
    level_code level{};
    /// Whether no dimension rules the level out.
    bool candidate = false;
    std::vector<int> ruled_out_by{};            ///< dimensions, ascending
    std::vector<placement_reason> reasons{};    ///< the rules that rule the level out
};

/// Whether the assessed patient is a candidate for `level` under the rules. Throws what place()
/// throws, and errc::unknown_level for a level the catalog lacks.
[[nodiscard]] IOPCARE_API candidacy assess_candidacy(const assessment& a, const placement_rules& rules,
                                                     const catalog& levels, std::string_view level = "2.1");

}  // namespace iopcare
