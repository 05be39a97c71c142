/// @file
/// Runs a scenario: independent replications in parallel, each a
/// discrete-event simulation of patients moving through the levels, summarised per level with
/// means, standard deviations and 95% confidence intervals across replications.
///
/// Reproducible by construction: every random draw is keyed by (seed, replication, patient,
/// purpose, draw index) in a counter-based generator (Philox), so a replication's result depends
/// only on the seed and its index, never on the thread count, and two scenarios differing in a
/// capacity see the same arrivals, lengths of stay and routes (common random numbers).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/detail/export.hpp"
#include "iopcare/sim/scenario.hpp"

namespace iopcare::sim {

/// The level index of the two ends in a flow_event: the community (where arrivals come from)
/// and discharge. Other levels are indices into the scenario's levels.
///@{
inline constexpr int community_index = -1;
inline constexpr int discharge_index = -2;
///@}

/// What a flow_event records.
enum class event_kind : unsigned char {
    arrival,    ///< joined a level's waitlist (from the community or from a level)
    admission,  ///< admitted to a level (from its waitlist): `from` is where the patient came
                ///< from (community_index, or the level it left), `to` the level
    departure,  ///< left a level (to another level's waitlist or to discharge)
    dropout,    ///< left a level early by competing dropout (to discharge)
};
/// "arrival", "admission", "departure" or "dropout".
[[nodiscard]] IOPCARE_API std::string_view to_string(event_kind k) noexcept;

/// A patient's number in a replication's events (a simulated patient, not a host's iopcare::patient_id): (entry level index + 1) * 10^12 + the number of
/// the patient's arrival from the community at that level, from 0. So 3000000000017 is the 18th
/// patient to arrive at level 2. Ids do not depend on the thread count, and a patient keeps its
/// id between the design points of an experiment (common random numbers).
inline constexpr std::uint64_t patient_number_base = 1'000'000'000'000;
/// The number of the `arrival`-th patient (from 0) to arrive from the community at level
/// `entry_level`.
[[nodiscard]] constexpr std::uint64_t patient_number(int entry_level, std::uint64_t arrival) noexcept {
    return static_cast<std::uint64_t>(entry_level + 1) * patient_number_base + arrival;
}
/// The level a patient number's patient first arrived at.
[[nodiscard]] constexpr int entry_level_of(std::uint64_t patient) noexcept {
    return static_cast<int>(patient / patient_number_base) - 1;
}
/// The patient's place (from 0) among the arrivals at its entry level.
[[nodiscard]] constexpr std::uint64_t arrival_number_of(std::uint64_t patient) noexcept {
    return patient % patient_number_base;
}

/// One move of one patient in one replication.
struct flow_event {
    /// The replication's index.
    int replication = 0;
    std::uint64_t patient = 0;  ///< patient_number()
    /// When, in days from the replication's start.
    sim_days time{};
    /// What happened.
    event_kind kind = event_kind::arrival;
    /// The level left (an index), or community_index.
    int from = community_index;
    /// The level entered (an index), or discharge_index.
    int to = community_index;
    int point = 0;  ///< the design point of an experiment (0 in a plain run)
    /// For a departure to discharge or a dropout: how the stay ended.
    discharge_outcome outcome = discharge_outcome::completed;
};

/// Receives events one by one, in replication order whatever the thread count (a replication's
/// events wait in memory while an earlier replication is still running); calls are never
/// concurrent.
using event_sink = std::function<void(const flow_event&)>;

/// A text event log, written in replication order whatever the thread count: each replication's
/// events are turned into text on the thread that ran it, and the text is written in order (a
/// replication's text waits in memory while an earlier one is still running; the replication
/// next in order writes as it goes). Faster than an event_sink for large logs.
class IOPCARE_API event_log {
public:
    /// A log is destroyed through this base.
    virtual ~event_log() = default;
    /// Appends the text of `events` (one replication's, in order) to `out`. Called from several
    /// threads at once: must not change the log.
    virtual void format(std::span<const flow_event> events, std::string& out) const = 0;
    /// Writes text, in replication order. Never called concurrently.
    virtual void write(std::string_view text) = 0;
};

/// The CSV event log: a header, then "replication,patient,time_days,kind,from,to,outcome" lines
/// (with `point,` first in an experiment's log, `with_point`): level ids quoted as CSV needs,
/// "community" and "discharge" for the two ends, time in days with six decimals (to a tenth of
/// a second at any horizon), and the discharge_outcome of a departure to discharge or a dropout
/// (empty otherwise). The stream must outlive the log.
class IOPCARE_API csv_event_log final : public event_log {
public:
    /// A log writing to `out` for the scenario's level ids; `with_point` adds the design-point column.
    csv_event_log(std::ostream& out, const scenario& s, bool with_point = false);
    /// The events as CSV lines.
    void format(std::span<const flow_event> events, std::string& out) const override;
    /// Writes the text to the stream.
    void write(std::string_view text) override;

private:
    char* put_line(char* p, const flow_event& e, std::string_view from, std::string_view to) const;
    std::ostream& out_;
    std::vector<std::string> names_;  ///< level ids, CSV-quoted
    bool with_point_;
};

/// Options of simulate() and replication_runner.
struct run_options {
    int threads = 0;                 ///< 0: all hardware threads
    std::optional<int> replications{};  ///< overrides the scenario's
    std::optional<std::uint64_t> seed{};  ///< overrides the scenario's
    bool daily_census = false;       ///< keep each replication's census at every whole day
    event_sink events{};             ///< optional: every event, in replication order
    event_log* log = nullptr;        ///< optional: a text log the caller keeps alive
    bool log_warmup = false;         ///< events and log: include the events of the warm-up
    /// Called after each replication finishes with (finished so far, total); calls are
    /// serialised. For progress displays; must not throw.
    std::function<void(int, int)> progress{};
    /// A replication stops, and the level is reported unstable, when a waitlist exceeds this.
    std::int64_t max_waitlist = 100000;
    /// Work bounds, checked before anything runs (see expected_work): a run whose replications
    /// are expected to process more events in all, or whose patients at once in a replication
    /// (at each level at most its capacity plus max_waitlist) are expected to be more, is
    /// refused with errc::limit_exceeded naming the level that weighs most. 2e9 events take
    /// about two minutes on one core; a patient costs about 100 bytes per thread. As a last
    /// guard a replication stops with the same error once it passes ten times its expected
    /// events (at least a million), or twice max_patients patients at once.
    ///@{
    std::uint64_t max_events = 2'000'000'000;
    std::int64_t max_patients = 1'000'000;
    ///@}
};

/// A statistic across replications. Replications where the statistic is undefined (NaN: the
/// mean wait of a level that admitted nobody) are left out, and n counts the others. With fewer
/// than two values, sd and the interval are NaN (written as null in JSON): one value says
/// nothing about the spread.
struct summary {
    /// The mean.
    double mean = 0.0;
    /// The standard deviation (NaN with fewer than two values).
    double sd = 0.0;
    /// Lower end of the 95% confidence interval of the mean.
    double ci95_low = 0.0;
    /// Upper end of the 95% confidence interval of the mean.
    double ci95_high = 0.0;
    /// How many replications gave a value.
    int n = 0;
};

/// Per discharge outcome (indexed by discharge_outcome).
template <class T>
using by_outcome = std::array<T, discharge_outcome_count>;

/// One level's result in one replication (statistics over the time after the warm-up).
struct level_replication {
    double occupancy = 0.0;            ///< time-average patients in slots
    double utilization = 0.0;          ///< occupancy / capacity (0 when unlimited)
    double waitlist = 0.0;             ///< time-average patients waiting
    double admissions_per_year = 0.0;  ///< admissions after the warm-up per 365 days
    double mean_wait_days = 0.0;       ///< of patients admitted after the warm-up (NaN: none was)
    /// Median wait, in days, of the patients admitted after the warm-up.
    double wait_p50_days = 0.0;
    /// 90th percentile of the wait, in days.
    double wait_p90_days = 0.0;
    /// 95th percentile of the wait, in days.
    double wait_p95_days = 0.0;
    double mean_los_days = 0.0;        ///< realized, of stays ending after the warm-up (NaN: none did)
    /// The level's costs a year (level_spec: occupancy, admissions and waitlist times the costs).
    double cost_per_year = 0.0;
    /// Discharges after the warm-up per 365 days, and their mean stay (NaN: none), by outcome.
    ///@{
    by_outcome<double> discharges_per_year{};
    by_outcome<double> discharge_los_days{};
    ///@}
    /// Admissions after the warm-up.
    std::int64_t admissions = 0;
    std::int64_t episodes = 0;                ///< admissions of patients new from the community
    std::int64_t completed_to_discharge = 0;  ///< ended by routing to discharge (any outcome)
    std::int64_t transferred = 0;             ///< ended by routing to another level
    std::int64_t dropouts = 0;                ///< ended by competing dropout
    by_outcome<std::int64_t> discharges{};    ///< routed to discharge or dropped out, by outcome
    std::vector<double> daily_census{};       ///< patients in slots at day 0, 1, ... (optional)
};

/// The whole continuum in one replication, after the warm-up.
struct totals_replication {
    double cost_per_year = 0.0;               ///< the levels' cost_per_year summed in level order
    double episodes_per_year = 0.0;           ///< admissions of patients new from the community
    double completed_per_year = 0.0;          ///< discharges with outcome `completed`
    double cost_per_episode = 0.0;            ///< cost_per_year / episodes_per_year (NaN: none)
    double cost_per_completed_episode = 0.0;  ///< cost_per_year / completed_per_year (NaN: none)
};

/// One replication's results.
struct replication_result {
    /// The replication's index.
    int index = 0;
    /// Per level, in level order.
    std::vector<level_replication> levels;
    /// The whole continuum.
    totals_replication totals{};
    std::uint64_t events = 0;   ///< events processed
    /// Whether the replication stopped because a waitlist passed run_options::max_waitlist.
    bool stopped_unstable = false;
    int unstable_level = -1;    ///< the level whose waitlist exceeded max_waitlist
    /// When it stopped, if it did.
    sim_days stopped_at{};
};

/// One level's results across replications.
struct level_result {
    /// The level's id in the scenario.
    std::string id;
    /// Its level code.
    std::string code;
    /// Its capacity; none for unlimited.
    std::optional<std::int64_t> capacity;
    double offered_rate_per_day = 0.0;  ///< from the traffic equations
    double offered_load = 0.0;          ///< offered rate x mean stay (slots needed on average)
    /// Offered load >= capacity: the waitlist grows without bound, so the figures below depend
    /// on the horizon and are not steady-state estimates (the writers say so).
    bool overloaded = false;
    /// Across replications: the level_replication figure of the same name.
    ///@{
    summary occupancy, utilization, waitlist, admissions_per_year, mean_wait_days, wait_p90_days,
        mean_los_days, cost_per_year;
    by_outcome<summary> discharges_per_year{};
    by_outcome<summary> discharge_los_days{};
    ///@}
};

/// The whole continuum across replications.
struct totals_result {
    /// Across replications: the totals_replication figure of the same name.
    ///@{
    summary cost_per_year, episodes_per_year, completed_per_year, cost_per_episode, cost_per_completed_episode;
    ///@}
};

/// What simulate() returns: per level and for the whole continuum, across replications, with each
/// replication's own results.
struct simulation_result {
    /// The scenario's name.
    std::string scenario_name;
    /// Replications run.
    int replications = 0;
    /// Threads the run used.
    int threads_used = 0;
    /// Per level, in level order.
    std::vector<level_result> levels;
    /// The whole continuum.
    totals_result totals{};
    std::vector<replication_result> runs;  ///< in replication order
    /// Events processed in all replications.
    std::uint64_t events = 0;
    bool unstable = false;  ///< some level is overloaded, or a replication stopped on a growing waitlist
    std::vector<std::string> unstable_levels;  ///< ids, overloaded or stopped
    /// How long the run took, in seconds of wall-clock time.
    double wall_seconds = 0.0;

    /// The figures of the level with this id (the scenario's level id, "iop"), or nullptr.
    [[nodiscard]] IOPCARE_API const level_result* find(std::string_view id) const noexcept;
};

/// Validates and runs the scenario. Throws as validate() for a bad scenario; an unstable level
/// is reported in the result, not thrown.
[[nodiscard]] IOPCARE_API simulation_result simulate(const scenario& s, const run_options& options = {});
/// One replication alone (what simulate runs on each thread), after validating the scenario.
[[nodiscard]] IOPCARE_API replication_result simulate_replication(const scenario& s, int index,
                                                                  const run_options& options = {});

/// A scenario validated, and its work checked, once, then run replication by replication: for
/// hosts that hand out replications themselves (iopcare-mpi, a job queue) and for timing one
/// replication without the checks. run() may be called from several threads at once.
class IOPCARE_API replication_runner {
public:
    /// Validates `s` and checks the expected work of `replications` replications against the
    /// options' bounds (throws as simulate()). The options' seed overrides the scenario's; the
    /// runner keeps a copy of both.
    replication_runner(scenario s, const run_options& options, int replications);
    /// Releases the runner.
    ~replication_runner();
    /// Movable, not copyable.
    ///@{
    replication_runner(replication_runner&&) noexcept;
    replication_runner& operator=(replication_runner&&) noexcept;
    ///@}

    /// Replication `index` (>= 0). With `log` (the options' log must be set), the text of its
    /// events is appended to *log; `point` is put in each event.
    [[nodiscard]] replication_result run(int index, std::string* log = nullptr, int point = 0) const;
    /// The validated scenario (with the options' seed).
    [[nodiscard]] const scenario& spec() const noexcept;
    /// The seed in use.
    [[nodiscard]] std::uint64_t seed() const noexcept;

private:
    struct state;
    std::unique_ptr<state> state_;
};

/// simulate()'s result from finished replications (in replication order, one per index from 0):
/// how hosts that run replications themselves summarise them exactly as simulate() does.
[[nodiscard]] IOPCARE_API simulation_result summarize_runs(const scenario& s, std::vector<replication_result> runs);

/// Mean, sd and Student-t 95% interval of the values that are not NaN (see summary).
[[nodiscard]] IOPCARE_API summary summarize(const std::vector<double>& values);

/// A sink writing the CSV of csv_event_log, event by event, to a stream the caller keeps alive
/// (csv_event_log, as run_options::log, is faster).
[[nodiscard]] IOPCARE_API event_sink csv_event_writer(std::ostream& out, const scenario& s);

}  // namespace iopcare::sim
