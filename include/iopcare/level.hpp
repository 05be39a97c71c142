/// @file
/// A level of care: its code, setting, intensity and weekly hour bands.
///
/// Value types only; the published catalogs (ASAM 3rd and 4th edition) live in catalog.hpp.
/// Hour thresholds are facts cited from public sources (listed in docs/sources.md); no criteria
/// text is reproduced.
#pragma once

#include <chrono>
#include <compare>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "iopcare/detail/export.hpp"

namespace iopcare {

/// Clinical time is counted in whole minutes (`std::chrono::minutes`).
using std::chrono::minutes;

/// Hours as a real number, for reports ("9.5 h"). Interfaces take and store minutes.
using fractional_hours = std::chrono::duration<double, std::ratio<3600>>;

/// Which ASAM Criteria edition a level belongs to: `asam3` (3rd edition, 2013), `asam4` (4th
/// edition, 2023), or `custom` for host-defined catalogs.
enum class edition : unsigned char { asam3 = 3, asam4 = 4, custom = 0 };

/// Where care is delivered: `outpatient` (the patient comes for sessions), `day` (most of the
/// day, partial hospitalization), `residential` (a 24-hour facility that is not a hospital),
/// `hospital` (an inpatient unit).
enum class care_setting : unsigned char { outpatient, day, residential, hospital };

/// Who directs care: clinicians (`clinically_managed`), medical staff monitoring
/// (`medically_monitored`), or physicians managing (`medically_managed`).
enum class medical_care : unsigned char { clinically_managed, medically_monitored, medically_managed };

/// Whose hour band applies: an `adult`'s or an `adolescent`'s.
enum class population : unsigned char { adult, adolescent };

/// What a level is for. The 3rd edition's "-WM" levels exist to manage withdrawal and hand the
/// patient over to a treatment level; the 4th edition folds withdrawal management into its
/// treatment levels (their `withdrawal_management` is true, their purpose is treatment).
/// Values: `treatment`, `withdrawal_management`.
enum class level_purpose : unsigned char { treatment, withdrawal_management };

/// The lower-case name of a value as files and reports write it ("asam3", "residential",
/// "medically_monitored", "adolescent", "withdrawal_management"), for each enum of this header.
///@{
[[nodiscard]] IOPCARE_API std::string_view to_string(edition e) noexcept;
[[nodiscard]] IOPCARE_API std::string_view to_string(care_setting s) noexcept;
[[nodiscard]] IOPCARE_API std::string_view to_string(medical_care m) noexcept;
[[nodiscard]] IOPCARE_API std::string_view to_string(population p) noexcept;
[[nodiscard]] IOPCARE_API std::string_view to_string(level_purpose p) noexcept;
///@}

/// A level code in canonical spelling: "2.1", "3.2-WM", "OTS", "1.0". Construct through
/// parse_level_code() or a catalog lookup; the constructor takes the canonical text as given.
class level_code {
public:
    /// An empty code (no level).
    level_code() = default;
    /// A code taken as given: pass canonical text only (see parse_level_code()).
    explicit level_code(std::string canonical) : text_(std::move(canonical)) {}

    /// The canonical text, such as "2.1".
    [[nodiscard]] const std::string& str() const noexcept { return text_; }
    /// Whether this is the empty code.
    [[nodiscard]] bool empty() const noexcept { return text_.empty(); }

    /// Ordered as the text (not by intensity: compare care_level::intensity_rank for that).
    friend auto operator<=>(const level_code&, const level_code&) = default;
    /// Equal when the canonical texts are.
    friend bool operator==(const level_code&, const level_code&) = default;

private:
    std::string text_;
};

/// Prints the canonical code.
IOPCARE_API std::ostream& operator<<(std::ostream& os, const level_code& code);

/// Normalises the common spellings of a level code, edition-agnostically: surrounding blanks
/// and a leading "Level"/"ASAM" are dropped, Roman numerals become Arabic ("II.1" -> "2.1",
/// "IV" -> "4"), the withdrawal suffix "-D"/"WM"/"-wm" becomes "-WM" ("3.2-D" -> "3.2-WM"),
/// "OTP" becomes "OTS". Returns nothing when the text is not shaped like a level code.
/// Whether "1" means 3rd-edition level 1 or 4th-edition 1.0 is decided by the catalog.
[[nodiscard]] IOPCARE_API std::optional<level_code> parse_level_code(std::string_view text);

/// A weekly clinical-hour band: at least `minimum`, and below (or up to, when
/// `maximum_inclusive`) `maximum` when one is set. ASAM's "9 to 19 hours" for adult IOP is
/// {9 h, 20 h, exclusive}: 19.5 hours is still IOP, 20 hours is partial hospitalization.
/// The one band type of the library: a level's band, a rule set's weekly bounds and the plan
/// check all compare through it. A minimum of 0 is no minimum.
struct hour_band {
    /// The least weekly clinical time; 0 is no minimum.
    minutes minimum{0};
    /// The upper bound, if any: exclusive unless `maximum_inclusive`.
    std::optional<minutes> maximum{};
    /// Whether `maximum` itself is still inside the band.
    bool maximum_inclusive = false;
    std::string source{};  ///< where the numbers come from, e.g. "ASAM via Aetna"

    /// The minimum for a week of which only `days` of 7 count (an admission or discharge week,
    /// a closure): scaled and rounded up to the second, so no fraction of a week asks for less.
    [[nodiscard]] constexpr std::chrono::seconds minimum_for(unsigned days) const noexcept {
        return std::chrono::seconds{(std::chrono::seconds{minimum}.count() * days + 6) / 7};
    }
    /// Whether `weekly` time falls short of the minimum for a week of `days` counted days.
    [[nodiscard]] bool below(std::chrono::seconds weekly, unsigned days = 7) const noexcept {
        return weekly < minimum_for(days);
    }
    /// Whether `weekly` time is past the maximum (never, without one).
    [[nodiscard]] bool above(std::chrono::seconds weekly) const noexcept {
        return maximum && (maximum_inclusive ? weekly > *maximum : weekly >= *maximum);
    }
    /// Whether a full week's `weekly` time lies in the band.
    [[nodiscard]] bool contains(std::chrono::seconds weekly) const noexcept { return !below(weekly) && !above(weekly); }
    /// "9-<20 h/week", "20+ h/week", "<9 h/week"
    [[nodiscard]] IOPCARE_API std::string describe() const;

    /// Equal when the bounds are; `source` is not compared.
    friend bool operator==(const hour_band& a, const hour_band& b) noexcept {
        return a.minimum == b.minimum && a.maximum == b.maximum &&
               a.maximum_inclusive == b.maximum_inclusive;
    }
};

/// A level of care.
struct care_level {
    /// The canonical code, such as "2.1".
    level_code code;
    /// The level's name in plain words ("Intensive outpatient services").
    std::string name;
    /// The edition whose catalog defines the level.
    edition catalog_edition = edition::custom;
    /// Where the care is delivered.
    care_setting setting = care_setting::outpatient;
    /// Higher is more intensive. The built-in catalogs use the level number times ten
    /// (0.5 -> 5, 2.1 -> 21, 4 -> 40), so step-up and step-down can be told apart by rank.
    int intensity_rank = 0;
    /// Whether care is around the clock (residential and inpatient levels).
    bool twenty_four_hour = false;
    /// Who directs the care.
    medical_care medical = medical_care::clinically_managed;
    bool withdrawal_management = false;  ///< the level delivers withdrawal management
    /// The weekly clinical-hour band for adults, when the level has one.
    std::optional<hour_band> adult_hours{};
    /// The weekly clinical-hour band for adolescents, when the level has one.
    std::optional<hour_band> adolescent_hours{};
    /// Whether the level treats or only manages withdrawal before handing over.
    level_purpose purpose = level_purpose::treatment;

    /// The band for a population, if the level defines one.
    [[nodiscard]] const std::optional<hour_band>& hours_for(population p) const noexcept {
        return p == population::adult ? adult_hours : adolescent_hours;
    }
};

}  // namespace iopcare
