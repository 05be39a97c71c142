// iopcare/sim/scenario.hpp — a patient-flow scenario: the levels of a continuum with their
// capacities, lengths of stay and arrivals, the routing probabilities between them, and the
// run settings (horizon, warm-up, replications, seed, blocking and queue rules).
//
// A scenario is plain data; `scenario_builder` assembles one in a readable chain, `validate`
// reports a bad one naming the field ("/levels/2/capacity"), and `to_continuum_spec` turns its
// routing into the same continuum model the clinic side uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/catalog.hpp"
#include "iopcare/continuum.hpp"
#include "iopcare/detail/export.hpp"
#include "iopcare/error.hpp"
#include "iopcare/level.hpp"
#include "iopcare/sim/distribution.hpp"

namespace iopcare::sim {

// External arrivals to a level (from the community).
struct arrival_process {
    enum class kind : unsigned char { none, poisson, weekly, times };
    kind type = kind::none;
    double rate_per_day = 0.0;          // poisson: the constant rate
    // weekly: rates per day for equal slices of a week starting at time 0 (7 gives one rate
    // per day, 168 one per hour); a non-homogeneous Poisson process drawn by thinning.
    std::vector<double> weekly_rates_per_day{};
    std::vector<sim_days> arrival_times{};  // times: the given arrival times, ascending

    [[nodiscard]] static arrival_process none() { return {}; }
    [[nodiscard]] static arrival_process poisson(double per_day) { return {kind::poisson, per_day, {}, {}}; }
    [[nodiscard]] static arrival_process weekly(std::vector<double> rates_per_day) {
        return {kind::weekly, 0.0, std::move(rates_per_day), {}};
    }
    [[nodiscard]] static arrival_process at(std::vector<sim_days> times) { return {kind::times, 0.0, {}, std::move(times)}; }

    // Long-run mean arrivals per day (the list's count over the horizon for `times`).
    [[nodiscard]] IOPCARE_API double mean_rate_per_day(sim_days horizon) const noexcept;
};

// One level of care in a scenario. `id` names it in the scenario ("residential"), `code` is its
// level code in the catalog ("3.5"). No capacity means unlimited.
struct level_spec {
    std::string id;
    std::string code;
    std::optional<std::int64_t> capacity{};
    duration_distribution los{};
    arrival_process arrivals{};
    // Competing dropout: a stay ends early, as a dropout discharge, when this time comes first.
    std::optional<duration_distribution> dropout{};
};

// A routing probability at the end of a stay; `to` is a level id or "discharge".
struct route_spec {
    std::string from;
    std::string to;
    double p = 0.0;
};

// What happens when the next level is full.
enum class blocking_policy : unsigned char {
    wait_in_community,  // the slot is released; the patient waits on the next level's list
    hold,               // the patient keeps the slot until the next level admits (boarding)
};
// Order of a level's waitlist.
enum class queue_discipline : unsigned char {
    fifo,      // first come, first admitted
    priority,  // patients transferred from another level before community arrivals, FIFO within
};

[[nodiscard]] IOPCARE_API std::string_view to_string(blocking_policy b) noexcept;
[[nodiscard]] IOPCARE_API std::string_view to_string(queue_discipline q) noexcept;
[[nodiscard]] IOPCARE_API std::optional<blocking_policy> parse_blocking_policy(std::string_view s) noexcept;
[[nodiscard]] IOPCARE_API std::optional<queue_discipline> parse_queue_discipline(std::string_view s) noexcept;

inline constexpr std::string_view discharge_id = "discharge";

// Bounds on a scenario's size that validate() enforces: a thousand years of horizon, 500
// levels (the traffic equations are solved by elimination, cubic in the count) and 100,000
// transitions. How much work a run may do is bounded by run_options (simulation.hpp).
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

    // The index of the level with this id, or -1.
    [[nodiscard]] IOPCARE_API int find_level(std::string_view id) const noexcept;
};

// Throws errc::invalid_scenario (or errc::unknown_level for a code the catalog of the
// scenario's edition lacks, errc::invalid_distribution for bad parameters) naming the field:
// "/levels/1/capacity", "/transitions/4/to", "/levels/0 (residential) transitions" ...
IOPCARE_API void validate(const scenario& s);
// Non-throwing form: the first problem, or ok.
[[nodiscard]] IOPCARE_API result<std::monostate> try_validate(const scenario& s) noexcept;

// The scenario's routing as a continuum over level codes: an admission edge from the community
// to each level with external arrivals, and one edge per transition with its probability
// (transitions between levels of the same code are merged). continuum::build accepts it.
[[nodiscard]] IOPCARE_API continuum_spec to_continuum_spec(const scenario& s);

// Long-run admission rate per day of each level (in level order), solving the traffic
// equations lambda = external + P^T lambda. Ignores capacity.
[[nodiscard]] IOPCARE_API std::vector<double> offered_rates_per_day(const scenario& s);

// What one replication is expected to do at a level, from the traffic equations with capacity
// ignored (so at most what blocking allows): computed before a run, so that a scenario that
// could not finish, or not fit in memory, is refused up front (run_options::max_events and
// max_patients in simulation.hpp).
struct level_work {
    double arrivals = 0.0;  // external arrivals per replication
    double stays = 0.0;     // stays per replication, transfers in included: each ends in one event
    double census = 0.0;    // patients at the level at a time, on average: offered rate x mean stay
    [[nodiscard]] double events() const noexcept { return arrivals + stays; }
};
// Per level, in level order; throws as offered_rates_per_day for a routing with no way out.
[[nodiscard]] IOPCARE_API std::vector<level_work> expected_work(const scenario& s);

// The reference scenario `continuum-ref` (residential, php, iop, op; README, "Patient-flow
// simulation", and examples/continuum-ref.json).
[[nodiscard]] IOPCARE_API scenario continuum_ref();

// Assembles a scenario in a chain that reads like a description:
//   auto s = scenario_builder("study")
//       .horizon(sim_days(3650)).warmup(sim_days(365)).replications(20).seed(7)
//       .level("iop", "2.1").capacity(160).los(duration_distribution::lognormal_mean_sd(...))
//           .poisson_arrivals(1.2)
//       .route("iop", "discharge", 1.0)
//       .build();   // validated
// capacity / unlimited / los / arrivals / dropout apply to the level added last.
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

    scenario_builder& route(std::string from, std::string to, double p);

    // The scenario, validated (throws as validate()).
    [[nodiscard]] scenario build() const;
    // The scenario as assembled, not validated.
    [[nodiscard]] const scenario& draft() const noexcept { return s_; }

private:
    level_spec& current();
    scenario s_;
};

}  // namespace iopcare::sim
