// Experiments: the grid's numbering, checks, (point, replication) tasks on threads, and the
// paired differences against the baseline (experiment.hpp).
#include "iopcare/sim/experiment.hpp"

#include <chrono>
#include <limits>

#include "detail/text.hpp"
#include "sim/engine.hpp"
#include "sim/parallel.hpp"

namespace iopcare::sim {

std::size_t grid_size(const std::vector<factor>& factors) noexcept {
    std::size_t n = 1;
    for (const auto& f : factors) n *= f.values.size();
    return n;
}

std::string experiment::point_label(std::size_t point) const {
    std::string s = "/factors, point " + std::to_string(point);
    const auto at = value_indices(point);
    for (std::size_t k = 0; k < factors.size(); ++k) {
        s += (k == 0 ? " (" : ", ") + factors[k].path + " = " + factors[k].values[at[k]];
    }
    return s + (factors.empty() ? "" : ")");
}

std::vector<std::size_t> experiment::value_indices(std::size_t point) const {
    // Row-major: the last factor varies fastest, so peel the factors off from the last.
    std::vector<std::size_t> at(factors.size());
    for (std::size_t k = factors.size(); k-- > 0;) {
        const std::size_t n = factors[k].values.size();
        at[k] = n == 0 ? 0 : point % n;
        point = n == 0 ? point : point / n;
    }
    return at;
}

namespace {

[[noreturn]] void bad(std::string where, std::string value, std::string message) {
    throw error(errc::invalid_experiment, std::move(where), std::move(value), std::move(message));
}

void check_design(const experiment& e) {
    if (e.points.empty()) bad("/factors", "", "an experiment needs at least one design point");
    if (e.replications < 1) bad("/replications", std::to_string(e.replications), "at least one replication is needed");
    if (e.baseline >= e.points.size()) {
        bad("/baseline", std::to_string(e.baseline),
            "the baseline is a point's index, from 0 to " + std::to_string(e.points.size() - 1));
    }
    if (!e.factors.empty() && grid_size(e.factors) != e.points.size()) {
        bad("/factors", std::to_string(e.points.size()) + " points",
            "the points are the full grid of the factors' values: " + std::to_string(grid_size(e.factors)));
    }
    const scenario& first = e.points.front();
    for (std::size_t p = 1; p < e.points.size(); ++p) {
        const scenario& s = e.points[p];
        bool same = s.levels.size() == first.levels.size();
        for (std::size_t i = 0; same && i < s.levels.size(); ++i) same = s.levels[i].id == first.levels[i].id;
        if (!same) {
            bad(e.point_label(p), "", "every design point must have the same levels (ids, in the same order), "
                                       "so that its figures pair with the baseline's");
        }
    }
}

// A point's problem, placed at the point.
template <class F>
auto at_point(const experiment& e, std::size_t p, F&& f) {
    try {
        return f();
    } catch (const error& x) {
        error_info info = x.info();
        info.set_where(e.point_label(p) + (info.where.empty() ? "" : ": " + info.where));
        throw error(std::move(info));
    }
}

struct prepared {
    std::vector<detail::run_plan> plans;
    int replications = 0;
    std::uint64_t seed = 0;
};

// Validates each point and checks the work of all the runs against the options' bounds.
prepared prepare(const experiment& e, const run_options& o) {
    check_design(e);
    prepared out;
    out.replications = o.replications.value_or(e.replications);
    if (out.replications < 1) bad("replications", std::to_string(out.replications), "at least one replication is needed");
    out.seed = o.seed.value_or(e.seed);
    run_options per_point = o;
    per_point.max_events = std::numeric_limits<std::uint64_t>::max();  // the sum is checked below
    double total = 0.0, most = 0.0;
    std::size_t heaviest = 0;
    for (std::size_t p = 0; p < e.points.size(); ++p) {
        out.plans.push_back(at_point(e, p, [&] {
            validate(e.points[p]);
            return detail::plan_run(e.points[p], out.replications, per_point);
        }));
        const double events = out.plans.back().expected_events * out.replications;
        total += events;
        if (events > most) {
            most = events;
            heaviest = p;
        }
    }
    if (!(total <= static_cast<double>(o.max_events))) {
        throw error(errc::limit_exceeded, e.point_label(heaviest), iopcare::detail::printf_string("%.3g events", most),
                    iopcare::detail::printf_string("about %.3g events expected in the %zu points' %d replication(s), more "
                                                   "than the limit of %llu (run_options::max_events, --max-events); "
                                                   "this point weighs most",
                                                   total, e.points.size(), out.replications,
                                                   static_cast<unsigned long long>(o.max_events)));
    }
    return out;
}

}  // namespace

void validate(const experiment& e, const run_options& options) { (void)prepare(e, options); }

replication_result paired_difference(const replication_result& a, const replication_result& b) {
    replication_result d;
    d.index = a.index;
    d.levels.resize(std::min(a.levels.size(), b.levels.size()));
    for (std::size_t i = 0; i < d.levels.size(); ++i) {
        const level_replication &x = a.levels[i], &y = b.levels[i];
        level_replication& z = d.levels[i];
        z.occupancy = x.occupancy - y.occupancy;
        z.utilization = x.utilization - y.utilization;
        z.waitlist = x.waitlist - y.waitlist;
        z.admissions_per_year = x.admissions_per_year - y.admissions_per_year;
        z.mean_wait_days = x.mean_wait_days - y.mean_wait_days;
        z.wait_p50_days = x.wait_p50_days - y.wait_p50_days;
        z.wait_p90_days = x.wait_p90_days - y.wait_p90_days;
        z.wait_p95_days = x.wait_p95_days - y.wait_p95_days;
        z.mean_los_days = x.mean_los_days - y.mean_los_days;
        z.cost_per_year = x.cost_per_year - y.cost_per_year;
        for (std::size_t k = 0; k < discharge_outcome_count; ++k) {
            z.discharges_per_year[k] = x.discharges_per_year[k] - y.discharges_per_year[k];
            z.discharge_los_days[k] = x.discharge_los_days[k] - y.discharge_los_days[k];
        }
    }
    d.totals.cost_per_year = a.totals.cost_per_year - b.totals.cost_per_year;
    d.totals.episodes_per_year = a.totals.episodes_per_year - b.totals.episodes_per_year;
    d.totals.completed_per_year = a.totals.completed_per_year - b.totals.completed_per_year;
    d.totals.cost_per_episode = a.totals.cost_per_episode - b.totals.cost_per_episode;
    d.totals.cost_per_completed_episode = a.totals.cost_per_completed_episode - b.totals.cost_per_completed_episode;
    return d;
}

experiment_result summarize_experiment(const experiment& e, std::vector<std::vector<replication_result>> runs) {
    check_design(e);
    if (runs.size() != e.points.size()) bad("runs", std::to_string(runs.size()), "one list of replications per point");
    experiment_result out;
    for (std::size_t p = 0; p < e.points.size(); ++p) {
        out.points.push_back(summarize_runs(e.points[p], std::move(runs[p])));
        out.events += out.points.back().events;
    }
    const simulation_result& base = out.points[e.baseline];
    for (std::size_t p = 0; p < e.points.size(); ++p) {
        if (p == e.baseline) continue;
        const simulation_result& point = out.points[p];
        std::vector<replication_result> diffs;
        for (std::size_t r = 0; r < point.runs.size() && r < base.runs.size(); ++r) {
            diffs.push_back(paired_difference(point.runs[r], base.runs[r]));
        }
        simulation_result d = summarize_runs(e.points[p], std::move(diffs));
        for (std::size_t i = 0; i < d.levels.size(); ++i) {
            d.levels[i].overloaded = point.levels[i].overloaded || base.levels[i].overloaded;
        }
        out.differences.push_back({p, std::move(d.levels), d.totals});
    }
    return out;
}

experiment_result run_experiment(const experiment& e, const run_options& options) {
    const auto started = std::chrono::steady_clock::now();
    const prepared prep = prepare(e, options);
    const auto reps = static_cast<std::size_t>(prep.replications);
    std::vector<std::vector<replication_result>> runs(e.points.size(), std::vector<replication_result>(reps));
    detail::run_logs logs(options);
    // Task t is replication t % reps of point t / reps: the log is in point, then replication, order.
    const int threads = detail::run_tasks(
        static_cast<int>(e.points.size() * reps), options.threads,
        [&](int t) {
            const auto p = static_cast<std::size_t>(t) / reps, r = static_cast<std::size_t>(t) % reps;
            detail::run_logs::recorder rec(logs, t);
            runs[p][r] = detail::run_engine(e.points[p], static_cast<int>(r), options, prep.seed, prep.plans[p],
                                            logs.any() ? &rec : nullptr, static_cast<int>(p));
            rec.finish();
        },
        options.progress);
    experiment_result out = summarize_experiment(e, std::move(runs));
    out.threads_used = threads;
    out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

}  // namespace iopcare::sim
