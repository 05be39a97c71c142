// Running a scenario: the replication runner, simulate() over threads, and the summaries of
// finished replications (the engine is in engine.cpp).
#include "iopcare/sim/simulation.hpp"

#include <chrono>
#include <cmath>
#include <limits>

#include "sim/engine.hpp"
#include "sim/parallel.hpp"

namespace iopcare::sim {

std::string_view to_string(event_kind k) noexcept {
    switch (k) {
        case event_kind::arrival: return "arrival";
        case event_kind::admission: return "admission";
        case event_kind::departure: return "departure";
        case event_kind::dropout: return "dropout";
    }
    return "unknown";
}

summary summarize(const std::vector<double>& values) {
    constexpr double undefined = std::numeric_limits<double>::quiet_NaN();
    summary s;
    s.mean = s.sd = s.ci95_low = s.ci95_high = undefined;
    double sum = 0.0;
    for (double v : values) {
        if (std::isnan(v)) continue;
        sum += v;
        ++s.n;
    }
    if (s.n == 0) return s;
    s.mean = sum / static_cast<double>(s.n);
    if (s.n > 1) {
        double ss = 0.0;
        for (double v : values) {
            if (!std::isnan(v)) ss += (v - s.mean) * (v - s.mean);
        }
        s.sd = std::sqrt(ss / static_cast<double>(s.n - 1));
        const double half = student_t_975(s.n - 1) * s.sd / std::sqrt(static_cast<double>(s.n));
        s.ci95_low = s.mean - half;
        s.ci95_high = s.mean + half;
    }
    return s;
}

namespace {

// One figure of every replication, summarised.
template <class Get>
summary across(const std::vector<replication_result>& runs, Get get) {
    std::vector<double> v;
    v.reserve(runs.size());
    for (const auto& r : runs) v.push_back(get(r));
    return summarize(v);
}

void summarize_level(const std::vector<replication_result>& runs, std::size_t i, level_result& l) {
    auto level = [&](double level_replication::*member) {
        return across(runs, [&](const replication_result& r) { return r.levels[i].*member; });
    };
    l.occupancy = level(&level_replication::occupancy);
    l.utilization = level(&level_replication::utilization);
    l.waitlist = level(&level_replication::waitlist);
    l.admissions_per_year = level(&level_replication::admissions_per_year);
    l.mean_wait_days = level(&level_replication::mean_wait_days);
    l.wait_p90_days = level(&level_replication::wait_p90_days);
    l.mean_los_days = level(&level_replication::mean_los_days);
    l.cost_per_year = level(&level_replication::cost_per_year);
    for (std::size_t k = 0; k < discharge_outcome_count; ++k) {
        l.discharges_per_year[k] = across(runs, [&](const replication_result& r) { return r.levels[i].discharges_per_year[k]; });
        l.discharge_los_days[k] = across(runs, [&](const replication_result& r) { return r.levels[i].discharge_los_days[k]; });
    }
}

totals_result summarize_totals(const std::vector<replication_result>& runs) {
    auto total = [&](double totals_replication::*member) {
        return across(runs, [&](const replication_result& r) { return r.totals.*member; });
    };
    totals_result t;
    t.cost_per_year = total(&totals_replication::cost_per_year);
    t.episodes_per_year = total(&totals_replication::episodes_per_year);
    t.completed_per_year = total(&totals_replication::completed_per_year);
    t.cost_per_episode = total(&totals_replication::cost_per_episode);
    t.cost_per_completed_episode = total(&totals_replication::cost_per_completed_episode);
    return t;
}

void check_index(int index) {
    if (index < 0) throw error(errc::invalid_argument, "index", std::to_string(index), "a replication index is >= 0");
}

int replications_of(const scenario& s, const run_options& o) {
    const int reps = o.replications.value_or(s.replications);
    if (reps < 1) {
        throw error(errc::invalid_argument, "replications", std::to_string(reps), "at least one replication is needed");
    }
    return reps;
}

}  // namespace

simulation_result summarize_runs(const scenario& s, std::vector<replication_result> runs) {
    simulation_result out;
    out.scenario_name = s.name;
    out.replications = static_cast<int>(runs.size());
    const std::vector<double> offered = offered_rates_per_day(s);
    const std::vector<double> stay = mean_stay_days(s);
    out.levels.resize(s.levels.size());
    for (std::size_t i = 0; i < s.levels.size(); ++i) {
        level_result& l = out.levels[i];
        l.id = s.levels[i].id;
        l.code = s.levels[i].code;
        l.capacity = s.levels[i].capacity;
        l.offered_rate_per_day = offered[i];
        l.offered_load = offered[i] * stay[i];
        l.overloaded = l.capacity && l.offered_load >= static_cast<double>(*l.capacity);
        summarize_level(runs, i, l);
    }
    out.totals = summarize_totals(runs);
    for (const auto& r : runs) out.events += r.events;
    for (std::size_t i = 0; i < s.levels.size(); ++i) {
        bool stopped_here = false;
        for (const auto& r : runs) stopped_here = stopped_here || r.unstable_level == static_cast<int>(i);
        if (stopped_here || out.levels[i].overloaded) out.unstable_levels.push_back(s.levels[i].id);
    }
    out.unstable = !out.unstable_levels.empty();
    out.runs = std::move(runs);
    return out;
}

// ---- the runner --------------------------------------------------------------------------

struct replication_runner::state {
    scenario s;
    run_options o;
    std::uint64_t seed;
    detail::run_plan plan;
};

replication_runner::replication_runner(scenario s, const run_options& options, int replications) {
    validate(s);
    if (replications < 1) {
        throw error(errc::invalid_argument, "replications", std::to_string(replications),
                    "at least one replication is needed");
    }
    auto st = std::make_unique<state>();
    st->plan = detail::plan_run(s, replications, options);
    st->seed = options.seed.value_or(s.seed);
    st->s = std::move(s);
    st->o = options;
    state_ = std::move(st);
}
replication_runner::~replication_runner() = default;
replication_runner::replication_runner(replication_runner&&) noexcept = default;
replication_runner& replication_runner::operator=(replication_runner&&) noexcept = default;

const scenario& replication_runner::spec() const noexcept { return state_->s; }
std::uint64_t replication_runner::seed() const noexcept { return state_->seed; }

namespace {

// A replication's events as text in a string, or one by one to a sink.
class direct_recorder final : public detail::event_recorder {
public:
    direct_recorder(const run_options& o, std::string* text) : o_(o), text_(text) {}
    void record(std::span<const flow_event> events) override {
        if (text_ && o_.log) o_.log->format(events, *text_);
        if (o_.events) {
            for (const auto& e : events) o_.events(e);
        }
    }

private:
    const run_options& o_;
    std::string* text_;
};

}  // namespace

replication_result replication_runner::run(int index, std::string* log, int point) const {
    check_index(index);
    const state& st = *state_;
    direct_recorder rec(st.o, log);
    const bool logging = (log && st.o.log) || st.o.events;
    return detail::run_engine(st.s, index, st.o, st.seed, st.plan, logging ? &rec : nullptr, point);
}

replication_result simulate_replication(const scenario& s, int index, const run_options& options) {
    return replication_runner(s, options, 1).run(index);
}

const level_result* simulation_result::find(std::string_view id) const noexcept {
    for (const auto& l : levels) {
        if (l.id == id) return &l;
    }
    return nullptr;
}

simulation_result simulate(const scenario& s, const run_options& options) {
    const auto started = std::chrono::steady_clock::now();
    validate(s);
    const int reps = replications_of(s, options);
    const detail::run_plan plan = detail::plan_run(s, reps, options);
    const std::uint64_t seed = options.seed.value_or(s.seed);

    std::vector<replication_result> runs(static_cast<std::size_t>(reps));
    detail::run_logs logs(options);
    const int threads = detail::run_tasks(
        reps, options.threads,
        [&](int i) {
            detail::run_logs::recorder rec(logs, i);
            runs[static_cast<std::size_t>(i)] =
                detail::run_engine(s, i, options, seed, plan, logs.any() ? &rec : nullptr, 0);
            rec.finish();
        },
        options.progress);
    simulation_result out = summarize_runs(s, std::move(runs));
    out.threads_used = threads;
    out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

}  // namespace iopcare::sim
