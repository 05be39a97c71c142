// iopcare/sim/simulation.hpp — runs a scenario: independent replications in parallel, each a
// discrete-event simulation of patients moving through the levels, summarised per level with
// means, standard deviations and 95% confidence intervals across replications.
//
// Reproducible by construction: every random draw is keyed by (seed, replication, patient,
// purpose, draw index) in a counter-based generator (Philox), so a replication's result depends
// only on the seed and its index, never on the thread count, and two scenarios differing in a
// capacity see the same arrivals, lengths of stay and routes (common random numbers).
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "iopcare/detail/export.hpp"
#include "iopcare/sim/scenario.hpp"

namespace iopcare::sim {

// One move of a patient, as streamed to an event sink. Levels are indices into the scenario's
// levels; community_index and discharge_index mark the two ends.
inline constexpr int community_index = -1;
inline constexpr int discharge_index = -2;

enum class event_kind : unsigned char {
    arrival,    // joined a level's waitlist (from the community or from a level)
    admission,  // admitted to a level (from its waitlist)
    departure,  // left a level (to another level's waitlist or to discharge)
    dropout,    // left a level early by competing dropout
};
[[nodiscard]] IOPCARE_API std::string_view to_string(event_kind k) noexcept;

struct flow_event {
    int replication = 0;
    std::uint64_t patient = 0;
    sim_days time{};
    event_kind kind = event_kind::arrival;
    int from = community_index;
    int to = community_index;
};

// Receives events as they happen. With several threads, calls are serialised (never
// concurrent) but replications interleave; use threads = 1 for a file in replication order.
using event_sink = std::function<void(const flow_event&)>;

struct run_options {
    int threads = 0;                 // 0: all hardware threads
    std::optional<int> replications{};  // overrides the scenario's
    std::optional<std::uint64_t> seed{};  // overrides the scenario's
    bool daily_census = false;       // keep each replication's census at every whole day
    event_sink events{};             // optional event log
    // Called after each replication finishes with (finished so far, total); calls are
    // serialised. For progress displays; must not throw.
    std::function<void(int, int)> progress{};
    // A replication stops, and the level is reported unstable, when a waitlist exceeds this.
    std::int64_t max_waitlist = 100000;
    // Work bounds, checked before anything runs (see expected_work): a run whose replications
    // are expected to process more events in all, or whose patients at once in a replication
    // (at each level at most its capacity plus max_waitlist) are expected to be more, is
    // refused with errc::limit_exceeded naming the level that weighs most. 2e9 events take
    // about two minutes on one core; a patient costs about 100 bytes per thread. As a last
    // guard a replication stops with the same error once it passes ten times its expected
    // events (at least a million), or twice max_patients patients at once.
    std::uint64_t max_events = 2'000'000'000;
    std::int64_t max_patients = 1'000'000;
};

// A statistic across replications. Replications where the statistic is undefined (NaN: the
// mean wait of a level that admitted nobody) are left out, and n counts the others. With fewer
// than two values, sd and the interval are NaN (written as null in JSON): one value says
// nothing about the spread.
struct summary {
    double mean = 0.0;
    double sd = 0.0;
    double ci95_low = 0.0;
    double ci95_high = 0.0;
    int n = 0;
};

// One level's result in one replication (statistics over the time after the warm-up).
struct level_replication {
    double occupancy = 0.0;            // time-average patients in slots
    double utilization = 0.0;          // occupancy / capacity (0 when unlimited)
    double waitlist = 0.0;             // time-average patients waiting
    double admissions_per_year = 0.0;  // admissions after the warm-up per 365 days
    double mean_wait_days = 0.0;       // of patients admitted after the warm-up (NaN: none was)
    double wait_p50_days = 0.0;
    double wait_p90_days = 0.0;
    double wait_p95_days = 0.0;
    double mean_los_days = 0.0;        // realized, of stays ending after the warm-up (NaN: none did)
    std::int64_t admissions = 0;
    std::int64_t completed_to_discharge = 0;  // ended by routing to discharge
    std::int64_t transferred = 0;             // ended by routing to another level
    std::int64_t dropouts = 0;                // ended by competing dropout
    std::vector<double> daily_census{};       // patients in slots at day 0, 1, ... (optional)
};

struct replication_result {
    int index = 0;
    std::vector<level_replication> levels;
    std::uint64_t events = 0;   // events processed
    bool stopped_unstable = false;
    int unstable_level = -1;    // the level whose waitlist exceeded max_waitlist
    sim_days stopped_at{};
};

struct level_result {
    std::string id;
    std::string code;
    std::optional<std::int64_t> capacity;
    double offered_rate_per_day = 0.0;  // from the traffic equations
    double offered_load = 0.0;          // offered rate x mean LOS (slots needed on average)
    bool overloaded = false;            // offered load >= capacity: waitlists grow without bound
    summary occupancy, utilization, waitlist, admissions_per_year, mean_wait_days, wait_p90_days,
        mean_los_days;
};

struct simulation_result {
    std::string scenario_name;
    int replications = 0;
    int threads_used = 0;
    std::vector<level_result> levels;
    std::vector<replication_result> runs;  // in replication order
    std::uint64_t events = 0;
    bool unstable = false;  // some level is overloaded, or a replication stopped on a growing waitlist
    std::vector<std::string> unstable_levels;  // ids, overloaded or stopped
    double wall_seconds = 0.0;
};

// Validates and runs the scenario. Throws as validate() for a bad scenario; an unstable level
// is reported in the result, not thrown.
[[nodiscard]] IOPCARE_API simulation_result simulate(const scenario& s, const run_options& options = {});
// One replication alone (what simulate runs on each thread), after validating the scenario.
[[nodiscard]] IOPCARE_API replication_result simulate_replication(const scenario& s, int index,
                                                                  const run_options& options = {});

// Mean, sd and Student-t 95% interval of the values that are not NaN (see summary).
[[nodiscard]] IOPCARE_API summary summarize(const std::vector<double>& values);

// A sink writing "replication,patient,time_days,kind,from,to" CSV lines (level ids, "community",
// "discharge") to a stream the caller keeps alive.
[[nodiscard]] IOPCARE_API event_sink csv_event_writer(std::ostream& out, const scenario& s);

}  // namespace iopcare::sim
