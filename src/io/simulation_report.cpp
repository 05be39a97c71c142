// A simulation's results as text, CSV and JSON (see iopcare/io/simulation.hpp).
#include "iopcare/io/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "detail/text.hpp"
#include "io/json_reader.hpp"
#include "io/simulation_parts.hpp"
#include "iopcare/text.hpp"

namespace iopcare::io {

namespace detail {

using iopcare::detail::printf_string;

// nlohmann writes NaN as null, which is what an undefined statistic is.
ordered_json stat_json(const sim::summary& s, bool steady) {
    constexpr double none = std::numeric_limits<double>::quiet_NaN();
    return {{"mean", s.mean},
            {"sd", s.sd},
            {"ci95", {steady ? s.ci95_low : none, steady ? s.ci95_high : none}},
            {"n", s.n}};
}

namespace {

std::string overload_note(const sim::level_result& l) {
    return printf_string("overloaded: offered load %.1f slots at or above capacity %lld; the waitlist grows without "
                         "bound, so these figures depend on the horizon and are not steady-state estimates "
                         "(intervals left out)",
                         l.offered_load, static_cast<long long>(l.capacity.value_or(0)));
}

ordered_json by_outcome_json(const sim::by_outcome<sim::summary>& s, bool steady) {
    ordered_json j = ordered_json::object();
    for (sim::discharge_outcome o : sim::all_discharge_outcomes) {
        j[std::string(sim::to_string(o))] = stat_json(s[static_cast<std::size_t>(o)], steady);
    }
    return j;
}

}  // namespace

ordered_json level_json(const sim::level_result& l) {
    const bool steady = !l.overloaded;
    ordered_json x;
    x["code"] = l.code;
    if (l.capacity) x["capacity"] = *l.capacity;
    else x["capacity"] = "unlimited";
    x["offered_load"] = l.offered_load;
    x["overloaded"] = l.overloaded;
    if (l.overloaded) x["note"] = overload_note(l);
    x["occupancy"] = stat_json(l.occupancy, steady);
    x["utilization"] = stat_json(l.utilization, steady);
    x["waitlist"] = stat_json(l.waitlist, steady);
    x["wait_days"] = stat_json(l.mean_wait_days, steady);
    x["wait_p90_days"] = stat_json(l.wait_p90_days, steady);
    x["los_days"] = stat_json(l.mean_los_days, steady);
    x["admissions_per_year"] = stat_json(l.admissions_per_year, steady);
    x["cost_per_year"] = stat_json(l.cost_per_year, steady);
    x["discharges"] = by_outcome_json(l.discharges_per_year, steady);
    x["discharge_los_days"] = by_outcome_json(l.discharge_los_days, steady);
    return x;
}

ordered_json totals_json(const sim::totals_result& t, bool steady) {
    ordered_json j = ordered_json::object();
    for_each_total(t, [&](const std::string& name, const sim::summary& s) { j[name] = stat_json(s, steady); });
    return j;
}

bool steady(const sim::simulation_result& r) {
    return std::none_of(r.levels.begin(), r.levels.end(), [](const sim::level_result& l) { return l.overloaded; });
}

std::string num_csv(double v) { return std::isnan(v) ? std::string() : printf_string("%.6g", v); }

std::string stat_csv(const sim::summary& s, bool steady) {
    return num_csv(s.mean) + ',' + num_csv(s.sd) + ',' + (steady ? num_csv(s.ci95_low) : std::string()) + ',' +
           (steady ? num_csv(s.ci95_high) : std::string()) + ',' + std::to_string(s.n);
}

namespace {

// "%6.1f", or "n/a" right-aligned in the same width.
std::string num_text(double v, int width, int decimals) {
    return std::isnan(v) ? printf_string("%*s", width, "n/a") : printf_string("%*.*f", width, decimals, v);
}

std::string level_row(const sim::level_result& l) {
    const std::string cap = l.capacity ? std::to_string(*l.capacity) : std::string("unlimited");
    const std::string util = l.capacity ? printf_string("%.1f%%", 100.0 * l.utilization.mean) : std::string("-");
    // An overloaded level's intervals are not shown: they would pretend to a precision that a
    // figure depending on the horizon does not have.
    const double none = std::numeric_limits<double>::quiet_NaN();
    const auto low = [&](const sim::summary& s) { return l.overloaded ? none : s.ci95_low; };
    const auto high = [&](const sim::summary& s) { return l.overloaded ? none : s.ci95_high; };
    return printf_string("%-12s %-4s %9s %s [%s, %s] %6s %10.0f %s [%s, %s]%s\n", escape_text(l.id).c_str(),
                         escape_text(l.code).c_str(), cap.c_str(), num_text(l.occupancy.mean, 6, 1).c_str(),
                         num_text(low(l.occupancy), 5, 1).c_str(), num_text(high(l.occupancy), 5, 1).c_str(),
                         util.c_str(), l.admissions_per_year.mean, num_text(l.mean_wait_days.mean, 5, 1).c_str(),
                         num_text(low(l.mean_wait_days), 4, 1).c_str(), num_text(high(l.mean_wait_days), 4, 1).c_str(),
                         l.overloaded ? "  OVERLOADED: not a steady state" : "");
}

std::string discharge_rows(const sim::simulation_result& r) {
    std::string out = printf_string("%-13s", "discharges/yr");
    for (sim::discharge_outcome o : sim::all_discharge_outcomes) out += printf_string(" %15s", sim::to_string(o).data());
    out += '\n';
    for (const auto& l : r.levels) {
        out += printf_string("%-13s", escape_text(l.id).c_str());
        for (const auto& s : l.discharges_per_year) out += " " + num_text(s.mean, 15, 0);
        out += '\n';
    }
    return out;
}

std::string cost_line(const char* label, const sim::summary& s, bool steady) {
    const double none = std::numeric_limits<double>::quiet_NaN();
    return printf_string("%-22s %s [%s, %s]\n", label, num_text(s.mean, 10, 0).c_str(),
                         num_text(steady ? s.ci95_low : none, 10, 0).c_str(),
                         num_text(steady ? s.ci95_high : none, 10, 0).c_str());
}

std::string cost_rows(const sim::simulation_result& r) {
    std::string out = printf_string("%-22s %10s %24s\n", "cost/yr", "mean", "[95% CI]");
    // With an overloaded level the totals grow with the horizon too: no intervals.
    const bool all_steady = steady(r);
    for (const auto& l : r.levels) out += cost_line(escape_text(l.id).c_str(), l.cost_per_year, !l.overloaded);
    out += cost_line("total", r.totals.cost_per_year, all_steady);
    out += cost_line("per episode", r.totals.cost_per_episode, all_steady);
    out += cost_line("per completed episode", r.totals.cost_per_completed_episode, all_steady);
    return out;
}

bool has_costs(const sim::scenario& s) {
    return std::any_of(s.levels.begin(), s.levels.end(), [](const sim::level_spec& l) {
        return l.cost_per_day != 0.0 || l.cost_per_admission != 0.0 || l.cost_per_waiting_day != 0.0;
    });
}

}  // namespace

std::string levels_text(const sim::scenario& s, const sim::simulation_result& r) {
    std::string out = printf_string("%-12s %-4s %9s %20s %6s %10s %18s\n", "level", "code", "capacity",
                                    "occupancy [95% CI]", "util", "admits/yr", "wait days [95% CI]");
    for (const auto& l : r.levels) out += level_row(l);
    for (const auto& l : r.levels) {
        if (l.overloaded) out += escape_text(l.id) + ": " + overload_note(l) + "\n";
    }
    out += '\n' + discharge_rows(r);
    if (has_costs(s)) out += '\n' + cost_rows(r);
    return out;
}

}  // namespace detail

std::string simulation_to_text(const sim::scenario& s, const sim::simulation_result& r, std::uint64_t seed) {
    using iopcare::detail::printf_string;
    std::string out = printf_string("%s: %d replications of %.0f days (warm-up %.0f days), seed %llu\n\n",
                                    escape_text(r.scenario_name).c_str(), r.replications, s.horizon.count(),
                                    s.warmup.count(), static_cast<unsigned long long>(seed));
    out += detail::levels_text(s, r);
    if (r.unstable) {
        out += "\nunstable: waitlists grow without bound in";
        for (const auto& id : r.unstable_levels) out += " " + escape_text(id);
        out += "\n";
    }
    return out;
}

std::string simulation_to_csv(const sim::simulation_result& r) {
    std::string out = "level,code,statistic,mean,sd,ci95_low,ci95_high,n\r\n";
    for (const auto& l : r.levels) {
        const std::string prefix = csv_field(l.id) + ',' + csv_field(l.code) + ',';
        detail::for_each_figure(l, [&](const std::string& name, const sim::summary& s) {
            out += prefix + name + ',' + detail::stat_csv(s, !l.overloaded) + "\r\n";
        });
    }
    // The whole continuum's figures: rows with an empty level and code.
    const bool steady = detail::steady(r);
    detail::for_each_total(r.totals, [&](const std::string& name, const sim::summary& s) {
        out += ",," + name + ',' + detail::stat_csv(s, steady) + "\r\n";
    });
    return out;
}

std::string simulation_to_json(const sim::scenario& s, const sim::simulation_result& r, std::uint64_t seed) {
    detail::ordered_json j;
    j["scenario"] = r.scenario_name;
    j["replications"] = r.replications;
    j["seed"] = seed;
    j["horizon_days"] = s.horizon.count();
    j["warmup_days"] = s.warmup.count();
    j["events"] = r.events;
    detail::ordered_json levels = detail::ordered_json::object();
    for (const auto& l : r.levels) levels[l.id] = detail::level_json(l);
    j["levels"] = std::move(levels);
    j["totals"] = detail::totals_json(r.totals, detail::steady(r));
    j["unstable"] = r.unstable;
    j["unstable_levels"] = r.unstable_levels;
    // Ids from a host may be any bytes: replace what is not UTF-8 rather than throw.
    return detail::dump_text(j, 2);
}

}  // namespace iopcare::io
