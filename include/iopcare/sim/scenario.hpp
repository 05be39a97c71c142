/// @file
/// A patient-flow scenario: the levels of a continuum with their
/// capacities, lengths of stay and arrivals, the routing probabilities between them, and the
/// run settings (horizon, warm-up, replications, seed, blocking and queue rules).
///
/// A scenario is plain data; `scenario_builder` assembles one in a readable chain, `validate`
/// reports a bad one naming the field ("/levels/2/capacity"), and `to_continuum_spec` turns its
/// routing into the same continuum model the clinic side uses.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "iopcare/catalog.hpp"
#include "iopcare/continuum.hpp"
#include "iopcare/detail/export.hpp"
#include "iopcare/episodes.hpp"
#include "iopcare/error.hpp"
#include "iopcare/level.hpp"
#include "iopcare/sim/distribution.hpp"

namespace iopcare::sim {

/// External arrivals to a level (from the community).
struct arrival_process {
    /// `none` (no external arrivals), `poisson` (a constant rate), `weekly` (a rate profile over
    /// the week) or `times` (given arrival times).
    enum class kind : unsigned char { none, poisson, weekly, times };
    /// Which kind of process.
    kind type = kind::none;
    double rate_per_day = 0.0;          ///< poisson: the constant rate
    /// weekly: rates per day for equal slices of a week starting at time 0 (7 gives one rate
    /// per day, 168 one per hour); a non-homogeneous Poisson process drawn by thinning.
    std::vector<double> weekly_rates_per_day{};
    std::vector<sim_days> arrival_times{};  ///< times: the given arrival times, ascending

    /// No external arrivals.
    [[nodiscard]] static arrival_process none() { return {}; }
    /// Poisson arrivals at a constant rate per day.
    [[nodiscard]] static arrival_process poisson(double per_day) { return {kind::poisson, per_day, {}, {}}; }
    /// Poisson arrivals whose rate follows a weekly profile (7 or 168 rates per day).
    [[nodiscard]] static arrival_process weekly(std::vector<double> rates_per_day) {
        return {kind::weekly, 0.0, std::move(rates_per_day), {}};
    }
    /// Arrivals at the given times (days from the start), ascending.
    [[nodiscard]] static arrival_process at(std::vector<sim_days> times) { return {kind::times, 0.0, {}, std::move(times)}; }

    /// Long-run mean arrivals per day (the list's count over the horizon for `times`).
    [[nodiscard]] IOPCARE_API double mean_rate_per_day(sim_days horizon) const noexcept;
};

/// How a stay that ends in discharge ended: the TEDS-D reasons for discharge the model tells
/// apart (docs/sources.md section 6). A transfer to another level of the scenario is a routing,
/// not an outcome; `transferred_out` is a transfer to a program outside the scenario.
/// Values: `completed`, `dropped_out`, `terminated`, `other`, `transferred_out`.
enum class discharge_outcome : unsigned char { completed, dropped_out, terminated, other, transferred_out };
/// How many discharge outcomes there are.
inline constexpr std::size_t discharge_outcome_count = 5;
/// Every discharge outcome, in enum order (for loops).
inline constexpr std::array<discharge_outcome, discharge_outcome_count> all_discharge_outcomes{
    discharge_outcome::completed, discharge_outcome::dropped_out, discharge_outcome::terminated,
    discharge_outcome::other, discharge_outcome::transferred_out};

/// "completed", "dropped_out", "terminated", "other", "transferred_out" (the JSON keys).
[[nodiscard]] IOPCARE_API std::string_view to_string(discharge_outcome o) noexcept;
/// The outcome a JSON key names; nothing for an unknown one.
[[nodiscard]] IOPCARE_API std::optional<discharge_outcome> parse_discharge_outcome(std::string_view s) noexcept;
/// The clinical record's reason for the same discharge (transferred_out is `transferred`).
[[nodiscard]] IOPCARE_API discharge_reason as_discharge_reason(discharge_outcome o) noexcept;

/// One discharge outcome of a level: its probability among the stays that end in discharge,
/// and optionally the length of those stays (TEDS-D: IOP stays that complete are longer than
/// those that drop out). Without one, such stays take the level's `los`.
struct outcome_spec {
    /// The probability, 0 to 1.
    double p = 0.0;
    /// The length of such stays, when it differs from the level's.
    std::optional<duration_distribution> los{};
};

/// One level of care in a scenario. `id` names it in the scenario ("residential"), `code` is its
/// level code in the catalog ("3.5"). No capacity means unlimited; a capacity is at least 1.
struct level_spec {
    /// The level's id in the scenario.
    std::string id;
    /// Its level code in the catalog.
    std::string code;
    /// Slots (patients at a time); none for unlimited.
    std::optional<std::int64_t> capacity{};
    duration_distribution los{};  ///< stays that move on; and discharges whose outcome has none
    /// External arrivals from the community.
    arrival_process arrivals{};
    /// Competing dropout: a stay ends early, as a `dropped_out` discharge, when this time comes
    /// first.
    std::optional<duration_distribution> dropout{};
    /// Outcomes of the stays routed to discharge, indexed by discharge_outcome. All zero (the
    /// default): every such stay is `completed`. Otherwise the probabilities sum to 1.
    std::array<outcome_spec, discharge_outcome_count> outcomes{};
    /// Costs, in any currency unit (all default 0): per occupied slot a day, per admission, and
    /// per patient a day on the waitlist. A replication's cost a year at this level is exactly
    /// (evaluated in this order)
    /// @code
    ///   occupancy * cost_per_day * 365 + admissions_per_year * cost_per_admission
    ///     + waitlist * cost_per_waiting_day * 365
    /// @endcode
    ///@{
    double cost_per_day = 0.0;
    double cost_per_admission = 0.0;
    double cost_per_waiting_day = 0.0;
    ///@}

    /// The spec of one outcome.
    [[nodiscard]] outcome_spec& outcome(discharge_outcome o) noexcept { return outcomes[static_cast<std::size_t>(o)]; }
    /// The spec of one outcome.
    [[nodiscard]] const outcome_spec& outcome(discharge_outcome o) const noexcept {
        return outcomes[static_cast<std::size_t>(o)];
    }
    /// Whether any outcome probability is set (otherwise every discharge is `completed`).
    [[nodiscard]] bool has_outcomes() const noexcept {
        for (const auto& o : outcomes) {
            if (o.p != 0.0) return true;
        }
        return false;
    }
};

/// A routing probability at the end of a stay; `to` is a level id or "discharge".
struct route_spec {
    /// The level id the stay ends at.
    std::string from;
    /// The next level's id, or "discharge".
    std::string to;
    /// The probability, 0 to 1; a level's routes sum to 1.
    double p = 0.0;
};

/// What happens when the next level is full.
enum class blocking_policy : unsigned char {
    wait_in_community,  ///< the slot is released; the patient waits on the next level's list
    hold,               ///< the patient keeps the slot until the next level admits (boarding)
};
/// Order of a level's waitlist.
enum class queue_discipline : unsigned char {
    fifo,      ///< first come, first admitted
    priority,  ///< patients transferred from another level before community arrivals, FIFO within
};

/// The word scenario files use ("wait_in_community", "hold", "fifo", "priority").
///@{
[[nodiscard]] IOPCARE_API std::string_view to_string(blocking_policy b) noexcept;
[[nodiscard]] IOPCARE_API std::string_view to_string(queue_discipline q) noexcept;
///@}
/// The value a word names, as to_string() writes it; nothing for an unknown word.
///@{
[[nodiscard]] IOPCARE_API std::optional<blocking_policy> parse_blocking_policy(std::string_view s) noexcept;
[[nodiscard]] IOPCARE_API std::optional<queue_discipline> parse_queue_discipline(std::string_view s) noexcept;
///@}

/// The `to` of a route out of care.
inline constexpr std::string_view discharge_id = "discharge";

/// Bounds on a scenario's size that validate() enforces: a thousand years of horizon, 500
/// levels (the traffic equations are solved by elimination, cubic in the count) and 100,000
/// transitions. How much work a run may do is bounded by run_options (simulation.hpp).
///@{
inline constexpr double max_horizon_days = 365250.0;
inline constexpr std::size_t max_levels = 500;
inline constexpr std::size_t max_transitions = 100000;
///@}

/// A simulation scenario: levels, routing, and run settings.
struct scenario {
    /// The scenario's name.
    std::string name;
    /// The edition whose catalog the level codes belong to.
    edition catalog_edition = edition::asam3;
    /// The levels.
    std::vector<level_spec> levels;
    /// The routing at the end of stays.
    std::vector<route_spec> transitions;
    /// How long a replication runs, warm-up included.
    sim_days horizon{3650.0};
    /// The start of a replication left out of the statistics.
    sim_days warmup{365.0};
    /// Independent replications to run.
    int replications = 10;
    /// The seed; the same seed gives the same results.
    std::uint64_t seed = 1;
    /// What happens when the next level is full.
    blocking_policy blocking = blocking_policy::wait_in_community;
    /// The order of waitlists.
    queue_discipline queue = queue_discipline::fifo;

    /// The index of the level with this id, or -1.
    [[nodiscard]] IOPCARE_API int find_level(std::string_view id) const noexcept;
};

/// Throws errc::invalid_scenario (or errc::unknown_level for a code the catalog of the
/// scenario's edition lacks, errc::invalid_distribution for bad parameters) naming the field:
/// "/levels/1/capacity", "/transitions/4/to", "/levels/0 (residential) transitions" ...
/// Non-throwing form: try_validate().
IOPCARE_API void validate(const scenario& s);
/// Non-throwing form: the first problem, or ok.
[[nodiscard]] IOPCARE_API result<std::monostate> try_validate(const scenario& s) noexcept;

/// The scenario's routing as a continuum over level codes: an admission edge from the community
/// to each level with external arrivals, and one edge per transition with its probability
/// (transitions between levels of the same code are merged). continuum::build accepts it.
[[nodiscard]] IOPCARE_API continuum_spec to_continuum_spec(const scenario& s);

/// Long-run admission rate per day of each level (in level order), solving the traffic
/// equations lambda = external + P^T lambda. Ignores capacity.
[[nodiscard]] IOPCARE_API std::vector<double> offered_rates_per_day(const scenario& s);

/// The mean stay at each level (in level order), days: the level's `los` for stays that move on
/// and the outcomes' own lengths for discharges (competing dropout, which can only shorten a
/// stay, is left out). With offered_rates_per_day it gives the offered load.
[[nodiscard]] IOPCARE_API std::vector<double> mean_stay_days(const scenario& s);

/// What one replication is expected to do at a level, from the traffic equations with capacity
/// ignored (so at most what blocking allows): computed before a run, so that a scenario that
/// could not finish, or not fit in memory, is refused up front (run_options::max_events and
/// max_patients in simulation.hpp).
struct level_work {
    double arrivals = 0.0;  ///< external arrivals per replication
    double stays = 0.0;     ///< stays per replication, transfers in included: each ends in one event
    double census = 0.0;    ///< patients at the level at a time, on average: offered rate x mean stay
    /// Events per replication at the level (arrivals and stay ends).
    [[nodiscard]] double events() const noexcept { return arrivals + stays; }
};
/// Per level, in level order; throws as offered_rates_per_day for a routing with no way out.
[[nodiscard]] IOPCARE_API std::vector<level_work> expected_work(const scenario& s);

/// The reference scenario `continuum-ref` (residential, php, iop, op; README, "Patient-flow
/// simulation", and examples/continuum-ref.json).
[[nodiscard]] IOPCARE_API scenario continuum_ref();
/// `continuum-teds` (residential, iop, op): TEDS-D discharge outcomes and lengths of stay by
/// outcome (docs/sources.md section 6), with illustrative capacities, arrivals and costs
/// (README, "Costs and discharge outcomes", and examples/continuum-teds.json).
[[nodiscard]] IOPCARE_API scenario continuum_teds();
/// The embedded scenarios by name ("continuum-ref", "continuum-teds"), or nothing.
[[nodiscard]] IOPCARE_API std::optional<scenario> embedded_scenario(std::string_view name);
/// The names of the embedded scenarios.
[[nodiscard]] IOPCARE_API std::vector<std::string_view> embedded_scenario_names();

/// Assembles a scenario in a chain that reads like a description:
/// @code
///   auto s = scenario_builder("study")
///       .horizon(sim_days(3650)).warmup(sim_days(365)).replications(20).seed(7)
///       .level("iop", "2.1").capacity(160).los(duration_distribution::lognormal_mean_sd(...))
///           .poisson_arrivals(1.2)
///       .route("iop", "discharge", 1.0)
///       .build();   // validated
/// @endcode
/// capacity / unlimited / los / arrivals / dropout / outcome / costs apply to the level added
/// last. A distribution's factory checks its parameters before the builder sees it; to have an
/// error name the level, give the factory and its arguments instead:
/// @code
///   .level("iop", "2.1").los(d::lognormal_mean_sd, sim_days(56), sim_days(21))
/// @endcode
/// A level setting before any level() throws errc::precondition_failed.
class IOPCARE_API scenario_builder {
public:
    /// A builder for an empty scenario with this name and the default settings.
    explicit scenario_builder(std::string name);

    /// Sets scenario::catalog_edition.
    scenario_builder& edition_of_codes(edition ed);
    /// Sets scenario::horizon.
    scenario_builder& horizon(sim_days d);
    /// Sets scenario::warmup.
    scenario_builder& warmup(sim_days d);
    /// Sets scenario::replications.
    scenario_builder& replications(int n);
    /// Sets scenario::seed.
    scenario_builder& seed(std::uint64_t s);
    /// Sets scenario::blocking.
    scenario_builder& blocking(blocking_policy b);
    /// Sets scenario::queue.
    scenario_builder& queue(queue_discipline q);

    /// Adds a level (its id in the scenario, its level code); the level settings below apply to it.
    scenario_builder& level(std::string id, std::string code);
    /// Gives the last level a capacity in slots.
    scenario_builder& capacity(std::int64_t slots);
    /// Makes the last level's capacity unlimited.
    scenario_builder& unlimited();
    /// Sets the last level's length of stay.
    scenario_builder& los(duration_distribution d);
    /// Gives the last level Poisson arrivals at a rate per day.
    scenario_builder& poisson_arrivals(double per_day);
    /// Gives the last level an arrival process.
    scenario_builder& arrivals(arrival_process a);
    /// Gives the last level a competing time to dropout.
    scenario_builder& dropout(duration_distribution d);
    /// The probability of a discharge outcome, and optionally the length of those stays.
    ///@{
    scenario_builder& outcome(discharge_outcome o, double p);
    scenario_builder& outcome(discharge_outcome o, double p, duration_distribution los);
    ///@}
    /// Sets the last level's costs (see level_spec).
    scenario_builder& costs(double per_day, double per_admission, double per_waiting_day = 0.0);

    /// The same with the distribution made here: an error in its parameters names the level
    /// ("level iop: los: sd must be a positive number").
    ///@{
    template <class... P, class... A>
    scenario_builder& los(duration_distribution (*make)(P...), A&&... args) {
        return los(made("los", make, std::forward<A>(args)...));
    }
    template <class... P, class... A>
    scenario_builder& dropout(duration_distribution (*make)(P...), A&&... args) {
        return dropout(made("dropout", make, std::forward<A>(args)...));
    }
    ///@}

    /// Adds a route: from a level id to a level id or "discharge", with a probability.
    scenario_builder& route(std::string from, std::string to, double p);

    /// The scenario, validated (throws as validate()).
    [[nodiscard]] scenario build() const;
    /// The scenario as assembled, not validated.
    [[nodiscard]] const scenario& draft() const noexcept { return s_; }

private:
    level_spec& current();
    template <class... P, class... A>
    duration_distribution made(const char* what, duration_distribution (*make)(P...), A&&... args) {
        try {
            return make(std::forward<A>(args)...);
        } catch (const error& e) {
            rethrow_for_level(what, e);
        }
    }
    [[noreturn]] void rethrow_for_level(const char* what, const error& e) const;
    scenario s_;
};

}  // namespace iopcare::sim
