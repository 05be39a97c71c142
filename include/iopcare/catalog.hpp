/// @file
/// Catalogs of care levels (ASAM 3rd and 4th edition) and the crosswalk
/// between the two editions. Hosts copy a built-in catalog and add their own levels
/// (state-specific ones) at run time.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/detail/export.hpp"
#include "iopcare/error.hpp"
#include "iopcare/level.hpp"

namespace iopcare {

/// The levels of care a host works with: a built-in edition's, or its own. Looks levels up by any
/// common spelling of their code.
class IOPCARE_API catalog {
public:
    /// Iterates the levels in insertion order.
    using const_iterator = std::vector<care_level>::const_iterator;

    /// An empty, unnamed catalog of edition::custom.
    catalog() = default;
    /// An empty catalog with a name (used in error messages) and an edition.
    explicit catalog(std::string name, edition ed = edition::custom)
        : name_(std::move(name)), edition_(ed) {}

    /// The built-in catalogs: shared, immutable, built once. Copy one to extend it.
    ///@{
    [[nodiscard]] static const catalog& asam3();
    [[nodiscard]] static const catalog& asam4();
    ///@}
    /// asam3() or asam4(); throws errc::invalid_argument for edition::custom.
    [[nodiscard]] static const catalog& of(edition ed);

    /// Adds a level. Throws errc::invalid_level when its code is empty or not a level-code
    /// spelling, errc::duplicate_level when a level with the same canonical code exists.
    void add(care_level level);

    /// Finds a level by any common spelling ("2.1", "II.1", "Level 2.1", "3.2-D"); nullptr when
    /// no level or more than one matches. In a 3rd edition catalog "1.0" finds "1". A bare
    /// number matches every level it may stand for: in the 4th edition "1" may be 1.0, 1.5 or
    /// 1.7, so find("1") is nullptr there and at("1") names the three.
    [[nodiscard]] const care_level* find(std::string_view spelling) const noexcept;
    /// Every level a spelling may name: one for a code in the catalog, several for an
    /// ambiguous bare number, none for an unknown code.
    [[nodiscard]] std::vector<const care_level*> matches(std::string_view spelling) const;
    /// As find(), but an unknown code throws errc::unknown_level naming the code and catalog,
    /// and an ambiguous one errc::ambiguous_level naming the candidates.
    /// Non-throwing form: lookup().
    [[nodiscard]] const care_level& at(std::string_view spelling) const;
    /// Non-throwing form of at().
    [[nodiscard]] result<const care_level*> lookup(std::string_view spelling) const;
    /// The error at() reports for a spelling that find() does not resolve.
    [[nodiscard]] error_info lookup_error(std::string_view spelling) const;
    /// Whether find() resolves the spelling to exactly one level.
    [[nodiscard]] bool contains(std::string_view spelling) const noexcept { return find(spelling) != nullptr; }

    /// Levels in insertion order (the built-in catalogs list them by rising intensity).
    [[nodiscard]] std::span<const care_level> levels() const noexcept { return levels_; }
    /// First level, for range-for over the catalog.
    [[nodiscard]] const_iterator begin() const noexcept { return levels_.begin(); }
    /// Past the last level.
    [[nodiscard]] const_iterator end() const noexcept { return levels_.end(); }
    /// How many levels.
    [[nodiscard]] std::size_t size() const noexcept { return levels_.size(); }

    /// The catalog's name ("ASAM Criteria, 3rd edition (2013)" for the built-in one).
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// The edition of its levels.
    [[nodiscard]] edition catalog_edition() const noexcept { return edition_; }

private:
    [[nodiscard]] const care_level* exact(std::string_view canonical) const noexcept;

    std::string name_;
    edition edition_ = edition::custom;
    std::vector<care_level> levels_;
};

/// How a 3rd-edition level corresponds to a 4th-edition one.
enum class crosswalk_match : unsigned char {
    equivalent,   ///< same code and purpose
    approximate,  ///< the nearest 4th-edition level; the 4th edition reorganised this care
    none,         ///< the 4th edition has no such level
};

/// "equivalent", "approximate" or "none".
[[nodiscard]] IOPCARE_API std::string_view to_string(crosswalk_match m) noexcept;

/// One correspondence of the crosswalk between the editions.
struct crosswalk_entry {
    level_code third;                   ///< a code of catalog::asam3()
    std::optional<level_code> fourth;   ///< a code of catalog::asam4(), absent for `none`
    /// How close the correspondence is.
    crosswalk_match match = crosswalk_match::none;
    /// Why the entry is what it is, in a sentence (our reading, where the 4th edition says nothing).
    std::string note;
};

/// The whole crosswalk, one entry per (3rd, 4th) pair, 3rd-edition levels in catalog order.
/// The 4th edition's own mapping is not public; `approximate` entries are this library's
/// reading and are documented as such (unconfirmed, see docs/sources.md).
[[nodiscard]] IOPCARE_API std::span<const crosswalk_entry> asam_crosswalk();

/// The crosswalk entries of one level; the code may be in any spelling. An unknown code
/// throws errc::unknown_level.
[[nodiscard]] IOPCARE_API std::vector<crosswalk_entry> crosswalk_from_third(std::string_view code);
/// The same from the 4th edition's side: the entries whose `fourth` is this level.
[[nodiscard]] IOPCARE_API std::vector<crosswalk_entry> crosswalk_from_fourth(std::string_view code);

}  // namespace iopcare
