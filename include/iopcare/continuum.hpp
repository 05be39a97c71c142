/// @file
/// The continuum of care as a graph of transitions between levels.
///
/// Vertices are care levels plus two pseudo-levels: "community" (where admissions come from)
/// and "discharge" (where stays end). Edges are transitions with a kind, an optional default
/// probability (used by simulation) and criteria text. The graph is Boost.Graph inside; none of
/// it appears here. Every listing is in a deterministic order: the order levels and transitions
/// were given in.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/catalog.hpp"
#include "iopcare/detail/export.hpp"
#include "iopcare/error.hpp"
#include "iopcare/level.hpp"

namespace iopcare {

/// A step-down or step-up changes intensity (by the levels' intensity ranks); a lateral move
/// keeps it, or hands over between withdrawal management and treatment (level_purpose), which
/// is lateral whatever the ranks. Values: `admission` (from the community into a level),
/// `step_down`, `step_up`, `lateral`, `discharge` (out of care).
enum class transition_kind : unsigned char { admission, step_down, step_up, lateral, discharge };

/// "admission", "step_down", "step_up", "lateral" or "discharge".
[[nodiscard]] IOPCARE_API std::string_view to_string(transition_kind k) noexcept;
/// "admission", "step_down" (also "step-down"), ...; nothing for an unknown word.
[[nodiscard]] IOPCARE_API std::optional<transition_kind> parse_transition_kind(std::string_view text) noexcept;

/// The pseudo-levels at the two ends of every continuum.
///@{
inline constexpr std::string_view community_code = "community";
inline constexpr std::string_view discharge_code = "discharge";
///@}

/// A transition as a host writes it: codes in any spelling, kind optional (inferred from the
/// ends and the levels' intensity ranks when absent).
struct transition_spec {
    /// Where the move starts: a level code in any spelling, or "community" for an admission.
    std::string from;
    /// Where it ends: a level code in any spelling, or "discharge".
    std::string to;
    /// The kind; inferred from the ends and the intensity ranks when absent.
    std::optional<transition_kind> kind{};
    /// The default probability of taking this transition out of `from` (for simulation), 0 to 1; give
    /// all of a level's or none.
    std::optional<double> probability{};
    /// When the move is made, in a host's own words (free text, shown in listings).
    std::string criteria{};
};

/// A continuum as plain data: what a host assembles or a loader reads. When `levels` is empty
/// the levels are taken from the transitions, in order of first mention.
struct continuum_spec {
    /// The continuum's name.
    std::string name;
    /// The level codes, in any spelling; empty to take them from the transitions.
    std::vector<std::string> levels;
    /// The allowed moves.
    std::vector<transition_spec> transitions;
};

/// What can be wrong with a continuum_spec. All problems are reported at once by check().
enum class continuum_problem_kind : unsigned char {
    unknown_level,          ///< a code the catalog (or the spec's level list) does not have
    duplicate_level,        ///< a level listed twice
    duplicate_transition,   ///< the same (from, to) twice
    invalid_transition,     ///< a kind that contradicts its ends (admission not from community...)
    invalid_probability,    ///< a probability outside [0, 1] or not a number
    probabilities_do_not_sum_to_one,  ///< a level whose outgoing probabilities do not sum to 1
    unreachable_level,      ///< no path from community (no admission leads to it)
    no_discharge_path,      ///< no path to discharge
};

/// The snake_case name of a problem kind ("unreachable_level").
[[nodiscard]] IOPCARE_API std::string_view to_string(continuum_problem_kind k) noexcept;

/// One problem check() found in a continuum_spec.
struct continuum_problem {
    /// What is wrong.
    continuum_problem_kind kind;
    std::string where;    ///< "/levels/2", "/transitions/5", or "level 3.5"
    std::string value;    ///< the offending code, pair or number
    std::string message;  ///< what is wrong, in one plain sentence
};

/// Every problem of a spec against a catalog, in a fixed order (by kind, then position).
[[nodiscard]] IOPCARE_API std::vector<continuum_problem> check(const continuum_spec& spec,
                                                               const catalog& levels);

/// A transition of a built continuum, codes canonical.
struct transition {
    /// The level the move starts at, or "community".
    level_code from;
    /// The level it ends at, or "discharge".
    level_code to;
    /// The kind, given or inferred.
    transition_kind kind = transition_kind::lateral;
    /// The default probability for simulation, if the spec gave one.
    std::optional<double> probability{};
    /// When the move is made (free text from the spec).
    std::string criteria{};
};

/// The answer to "may a patient move from A to B?".
struct move_assessment {
    bool allowed = false;                 ///< the continuum has this transition
    transition_kind kind = transition_kind::lateral;  ///< the edge's kind, or inferred from ranks
    bool reachable = false;               ///< B can be reached from A at all
    /// Skipping a step is stepping down past a level (seed 003 of the project's sources): the
    /// levels of the shortest path of step-downs (and a discharge, for a move out of care)
    /// that a downward move not in the continuum jumps over. Residential 3.5 straight to
    /// outpatient 1 skips 2.1. Empty for an allowed move, a step-up (going straight to the
    /// level a placement indicates is no skip) and a lateral move.
    std::vector<level_code> skipped;
    /// How many distinct intensity ranks of the continuum's treatment levels lie strictly
    /// between the two levels, in either direction: 1 -> 2.5 passes one (2.1). 0 when an end
    /// is "community" or "discharge".
    int ranks_between = 0;
    /// Whether the move jumps over a step (`skipped` is not empty).
    [[nodiscard]] bool skips_a_step() const noexcept { return !skipped.empty(); }
};

/// A built, checked continuum of care: levels and the transitions between them, with queries for
/// next steps, skipped steps and step-down pathways. Build one with build() or try_build(), or use
/// standard().
class IOPCARE_API continuum {
public:
    /// The standard continuum of an edition, built from catalog::of(ed): withdrawal management
    /// hands over (laterally) to treatment; inpatient -> residential -> partial hospitalization
    /// -> intensive outpatient -> outpatient by step-downs, with step-ups, admissions to every
    /// level and a discharge from every level (patients complete, transfer or drop out
    /// anywhere; the episode records why). No probabilities.
    [[nodiscard]] static const continuum& standard(edition ed = edition::asam3);
    /// The spec behind standard(ed), for hosts that want to start from it and edit.
    [[nodiscard]] static continuum_spec standard_spec(edition ed = edition::asam3);

    /// Builds a continuum; throws errc::invalid_continuum whose message lists every problem
    /// check() finds (the first one's place and value are the error's where() and value()).
    /// Non-throwing form: try_build().
    [[nodiscard]] static continuum build(const continuum_spec& spec, const catalog& levels);
    /// Non-throwing form of build().
    [[nodiscard]] static result<continuum> try_build(const continuum_spec& spec, const catalog& levels) noexcept;

    /// Copies and moves; copying copies the whole graph, moving is cheap.
    ///@{
    continuum(const continuum& other);
    continuum(continuum&& other) noexcept;
    continuum& operator=(const continuum& other);
    continuum& operator=(continuum&& other) noexcept;
    ~continuum();
    ///@}

    /// The continuum's name.
    [[nodiscard]] const std::string& name() const noexcept;
    /// The levels (without the pseudo-levels), in spec order.
    [[nodiscard]] std::span<const care_level> levels() const noexcept;
    /// All transitions, in spec order.
    [[nodiscard]] std::span<const transition> transitions() const noexcept;

    /// The level with this code (any spelling), or nullptr; the pseudo-levels are not levels.
    [[nodiscard]] const care_level* find_level(std::string_view code) const noexcept;
    /// As find_level(), but a code that names no level throws errc::unknown_level (or
    /// errc::ambiguous_level, naming the candidates).
    [[nodiscard]] const care_level& level_at(std::string_view code) const;
    /// Whether a code names a vertex: a level or a pseudo-level.
    [[nodiscard]] bool has_vertex(std::string_view code) const noexcept;

    /// The transition from -> to, or nullptr. Unknown codes throw errc::unknown_level.
    [[nodiscard]] const transition* find(std::string_view from, std::string_view to) const;
    /// Whether the continuum has the transition from -> to. Unknown codes throw errc::unknown_level.
    [[nodiscard]] bool allows(std::string_view from, std::string_view to) const { return find(from, to) != nullptr; }
    /// Whether a move is allowed, its kind, and the steps it skips. Unknown codes throw
    /// errc::unknown_level.
    [[nodiscard]] move_assessment assess(std::string_view from, std::string_view to) const;

    /// Outgoing transitions of a vertex, in spec order ("community" gives the admissions).
    [[nodiscard]] std::vector<transition> next_steps(std::string_view from) const;
    /// The shortest path of step-downs from `from` to `to`, both ends included; empty when
    /// there is none. Towards "discharge" the path steps down to a level no step-down leaves
    /// and is discharged from there: 3.7 -> 3.5 -> 2.1 -> 1 -> discharge in the standard one.
    [[nodiscard]] std::vector<level_code> step_down_pathway(std::string_view from, std::string_view to) const;
    /// Every vertex reachable from `from` through any transitions, breadth-first, `from` excluded.
    [[nodiscard]] std::vector<level_code> reachable_from(std::string_view from) const;

    /// Graphviz DOT text: one node per vertex, one edge per transition labelled with its kind
    /// (and probability when set).
    [[nodiscard]] std::string to_dot() const;

private:
    struct impl;
    explicit continuum(std::unique_ptr<impl> p) noexcept;
    std::unique_ptr<impl> impl_;
};

}  // namespace iopcare
