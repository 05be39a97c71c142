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
    enum class kind : unsigned char { none, poisson, weekly, times };
    kind type = kind::none;
    double rate_per_day = 0.0;          ///< poisson: the constant rate
    /// weekly: rates per day for equal slices of a week starting at time 0 (7 gives one rate
    /// per day, 168 one per hour); a non-homogeneous Poisson process drawn by thinning.
    std::vector<double> weekly_rates_per_day{};
    std::vector<sim_days> arrival_times{};  ///< times: the given arrival times, ascending

    [[nodiscard]] static arrival_process none() { return {}; }
    [[nodiscard]] static arrival_process poisson(double per_day) { return {kind::poisson, per_day, {}, {}}; }
    [[nodiscard]] static arrival_process weekly(std::vector<double> rates_per_day) {
        return {kind::weekly, 0.0, std::move(rates_per_day), {}};
    }
    [[nodiscard]] static arrival_process at(std::vector<sim_days> times) { return {kind::times, 0.0, {}, std::move(times)}; }

    /// Long-run mean arrivals per day (the list's count over the horizon for `times`).
    [[nodiscard]] IOPCARE_API double mean_rate_per_day(sim_days horizon) const noexcept;
};

/// How a stay that ends in discharge ended: the TEDS-D reasons for discharge the model tells
/// apart (docs/sources.md section 6). A transfer to another level of the scenario is a routing,
/// not an outcome; `transferred_out` is a transfer to a program outside the scenario.
enum class discharge_outcome : unsigned char { completed, dropped_out, terminated, other, transferred_out };
inline constexpr std::size_t discharge_outcome_count = 5;
inline constexpr std::array<discharge_outcome, discharge_outcome_count> all_discharge_outcomes{
    discharge_outcome::completed, discharge_outcome::dropped_out, discharge_outcome::terminated,
    discharge_outcome::other, discharge_outcome::transferred_out};

/// "completed", "dropped_out", "terminated", "other", "transferred_out" (the JSON keys).
[[nodiscard]] IOPCARE_API std::string_view to_string(discharge_outcome o) noexcept;
[[nodiscard]] IOPCARE_API std::optional<discharge_outcome> parse_discharge_outcome(std::string_view s) noexcept;
/// The clinical record's reason for the same discharge (transferred_out is `transferred`).
[[nodiscard]] IOPCARE_API discharge_reason as_discharge_reason(discharge_outcome o) noexcept;

/// One discharge outcome of a level: its probability among the stays that end in discharge,
/// and optionally the length of those stays (TEDS-D: IOP stays that complete are longer than
/// those that drop out). Without one, such stays take the level's `los`.
struct outcome_spec {
    double p = 0.0;
    std::optional<duration_distribution> los{};
};

/// One level of care in a scenario. `id` names it in the scenario ("residential"), `code` is its
/// level code in the catalog ("3.5"). No capacity means unlimited; a capacity is at least 1.
struct level_spec {
    std::string id;
    std::string code;
    std::optional<std::int64_t> capacity{};
    duration_distribution los{};  ///< stays that move on; and discharges whose outcome has none
    arrival_process arrivals{};
    /// Competing dropout: a stay ends early, as a `dropped_out` discharge, when this time comes
    /// first.
    std::optional<duration_distribution> dropout{};
    /// Outcomes of the stays routed to discharge, indexed by discharge_outcome. All zero (the
    /// default): every such stay is `completed`. Otherwise the probabilities sum to 1.
    std::array<outcome_spec, discharge_outcome_count> outcomes{};
    /// Costs, in any currency unit (all default 0): per occupied slot a day, per admission, and
    /// per patient a day on the waitlist. A replication's cost a year at this level is exactly
    ///   occupancy * cost_per_day * 365 + admissions_per_year * cost_per_admission
    ///     + waitlist * cost_per_waiting_day * 365   (evaluated in this order).
    double cost_per_day = 0.0;
    double cost_per_admission = 0.0;
    double cost_per_waiting_day = 0.0;

    [[nodiscard]] outcome_spec& outcome(discharge_outcome o) noexcept { return outcomes[static_cast<std::size_t>(o)]; }
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
    std::string from;
    std::string to;
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

[[nodiscard]] IOPCARE_API std::string_view to_string(blocking_policy b) noexcept;
[[nodiscard]] IOPCARE_API std::string_view to_string(queue_discipline q) noexcept;
[[nodiscard]] IOPCARE_API std::optional<blocking_policy> parse_blocking_policy(std::string_view s) noexcept;
[[nodiscard]] IOPCARE_API std::optional<queue_discipline> parse_queue_discipline(std::string_view s) noexcept;

inline constexpr std::string_view discharge_id = "discharge";

/// Bounds on a scenario's size that validate() enforces: a thousand years of horizon, 500
/// levels (the traffic equations are solved by elimination, cubic in the count) and 100,000
/// transitions. How much work a run may do is bounded by run_options (simulation.hpp).
inline constexpr double max_horizon_days = 365250.0;
inline constexpr std::size_t max_levels = 500;
inline constexpr std::size_t max_transitions = 100000;

struct scenario {
    std::string name;
    edition catalog_edition = edition::asam3;
    std::vector<level_spec> levels;
    std::vector<route_spec> transitions;
    sim_days horizon{3650.0};
    sim_days warmup{365.0};
    int replications = 10;
    std::uint64_t seed = 1;
    blocking_policy blocking = blocking_policy::wait_in_community;
    queue_discipline queue = queue_discipline::fifo;

    /// The index of the level with this id, or -1.
    [[nodiscard]] IOPCARE_API int find_level(std::string_view id) const noexcept;
};

/// Throws errc::invalid_scenario (or errc::unknown_level for a code the catalog of the
/// scenario's edition lacks, errc::invalid_distribution for bad parameters) naming the field:
/// "/levels/1/capacity", "/transitions/4/to", "/levels/0 (residential) transitions" ...
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
[[nodiscard]] IOPCARE_API std::vector<std::string_view> embedded_scenario_names();

/// Assembles a scenario in a chain that reads like a description:
///   auto s = scenario_builder("study")
///       .horizon(sim_days(3650)).warmup(sim_days(365)).replications(20).seed(7)
///       .level("iop", "2.1").capacity(160).los(duration_distribution::lognormal_mean_sd(...))
///           .poisson_arrivals(1.2)
///       .route("iop", "discharge", 1.0)
///       .build();   // validated
/// capacity / unlimited / los / arrivals / dropout / outcome / costs apply to the level added
/// last. A distribution's factory checks its parameters before the builder sees it; to have an
/// error name the level, give the factory and its arguments instead:
///   .level("iop", "2.1").los(d::lognormal_mean_sd, sim_days(56), sim_days(21))
class IOPCARE_API scenario_builder {
public:
    explicit scenario_builder(std::string name);

    scenario_builder& edition_of_codes(edition ed);
    scenario_builder& horizon(sim_days d);
    scenario_builder& warmup(sim_days d);
    scenario_builder& replications(int n);
    scenario_builder& seed(std::uint64_t s);
    scenario_builder& blocking(blocking_policy b);
    scenario_builder& queue(queue_discipline q);

    scenario_builder& level(std::string id, std::string code);
    scenario_builder& capacity(std::int64_t slots);
    scenario_builder& unlimited();
    scenario_builder& los(duration_distribution d);
    scenario_builder& poisson_arrivals(double per_day);
    scenario_builder& arrivals(arrival_process a);
    scenario_builder& dropout(duration_distribution d);
    /// The probability of a discharge outcome, and optionally the length of those stays.
    scenario_builder& outcome(discharge_outcome o, double p);
    scenario_builder& outcome(discharge_outcome o, double p, duration_distribution los);
    scenario_builder& costs(double per_day, double per_admission, double per_waiting_day = 0.0);

    /// The same with the distribution made here: an error in its parameters names the level
    /// ("level iop: los: sd must be a positive number").
    template <class... P, class... A>
    scenario_builder& los(duration_distribution (*make)(P...), A&&... args) {
        return los(made("los", make, std::forward<A>(args)...));
    }
    template <class... P, class... A>
    scenario_builder& dropout(duration_distribution (*make)(P...), A&&... args) {
        return dropout(made("dropout", make, std::forward<A>(args)...));
    }

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
