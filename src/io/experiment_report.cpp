// An experiment's results as text, CSV and JSON (see iopcare/io/experiment.hpp). Each point
// reads as `iopcare simulate` prints a result; the differences with the baseline follow.
#include <algorithm>
#include <cmath>

#include "detail/text.hpp"
#include "io/json_reader.hpp"
#include "io/simulation_parts.hpp"
#include "iopcare/io/experiment.hpp"
#include "iopcare/text.hpp"

namespace iopcare::io {

namespace {

using detail::ordered_json;
using iopcare::detail::printf_string;

// No level of the point or the baseline overloaded: the totals' intervals mean something.
bool steady(const sim::point_difference& d) {
    return std::none_of(d.levels.begin(), d.levels.end(), [](const sim::level_result& l) { return l.overloaded; });
}

const sim::point_difference* difference_of(const sim::experiment_result& r, std::size_t point) {
    for (const auto& d : r.differences) {
        if (d.point == point) return &d;
    }
    return nullptr;
}

// {"mean", "ci95": [low, high]}: a difference's figure.
ordered_json diff_json(const sim::summary& s, bool steady) {
    ordered_json j = detail::stat_json(s, steady);
    j.erase("sd");
    j.erase("n");
    return j;
}

ordered_json level_difference_json(const sim::level_result& l) {
    const bool steady = !l.overloaded;
    ordered_json x = ordered_json::object();
    detail::for_each_figure(l, [&](const std::string& name, const sim::summary& s) {
        const auto dot = name.find('.');
        if (dot == std::string::npos) {
            x[name] = diff_json(s, steady);
        } else {  // "discharges.completed": nested as in the points
            x[name.substr(0, dot)][name.substr(dot + 1)] = diff_json(s, steady);
        }
    });
    return x;
}

ordered_json point_json(const sim::experiment& e, const sim::simulation_result& p, std::size_t index) {
    ordered_json j;
    j["index"] = index;
    j["factors"] = ordered_json::parse(point_factors_json(e, index));
    ordered_json levels = ordered_json::object();
    for (const auto& l : p.levels) levels[l.id] = detail::level_json(l);
    j["levels"] = std::move(levels);
    j["totals"] = detail::totals_json(p.totals, detail::steady(p));
    j["unstable"] = p.unstable;
    j["unstable_levels"] = p.unstable_levels;
    return j;
}

ordered_json difference_json(const sim::point_difference& d) {
    ordered_json j;
    j["index"] = d.point;
    ordered_json levels = ordered_json::object();
    for (const auto& l : d.levels) levels[l.id] = level_difference_json(l);
    j["levels"] = std::move(levels);
    ordered_json totals = ordered_json::object();
    const bool all_steady = steady(d);
    detail::for_each_total(d.totals, [&](const std::string& name, const sim::summary& s) {
        totals[name] = diff_json(s, all_steady);
    });
    j["totals"] = std::move(totals);
    return j;
}

// A factor's value for CSV and text: strings without their quotes.
std::string plain_value(const std::string& json_text) {
    const auto v = nlohmann::json::parse(json_text);
    return v.is_string() ? v.get<std::string>() : json_text;
}

std::string factors_text(const sim::experiment& e, std::size_t point) {
    std::string s;
    const auto at = e.value_indices(point);
    for (std::size_t k = 0; k < e.factors.size(); ++k) {
        s += (k == 0 ? "" : ", ") + escape_text(e.factors[k].path) + " = " + escape_text(plain_value(e.factors[k].values[at[k]]));
    }
    return s.empty() ? std::string("(no factor)") : s;
}

// "  -1.2 [  -2.0,   -0.4]" with n/a for an undefined or not-steady interval.
std::string diff_text(const sim::summary& s, bool steady, int width, int decimals) {
    auto num = [&](double v) {
        return std::isnan(v) ? printf_string("%*s", width, "n/a") : printf_string("%+*.*f", width, decimals, v);
    };
    return num(s.mean) + " [" + num(steady ? s.ci95_low : NAN) + ", " + num(steady ? s.ci95_high : NAN) + "]";
}

std::string differences_text(const sim::experiment& e, const sim::point_difference& d) {
    std::string out = "point " + std::to_string(d.point) + ": " + factors_text(e, d.point) + "\n";
    out += printf_string("%-12s %23s %23s %29s\n", "level", "occupancy [95% CI]", "wait days [95% CI]", "cost/yr [95% CI]");
    for (const auto& l : d.levels) {
        const bool steady = !l.overloaded;
        out += printf_string("%-12s %s %s %s%s\n", escape_text(l.id).c_str(), diff_text(l.occupancy, steady, 6, 1).c_str(),
                             diff_text(l.mean_wait_days, steady, 6, 1).c_str(),
                             diff_text(l.cost_per_year, steady, 8, 0).c_str(), steady ? "" : "  (overloaded)");
    }
    const bool all_steady = steady(d);
    out += printf_string("%-12s %47s %s\n", "total", "", diff_text(d.totals.cost_per_year, all_steady, 8, 0).c_str());
    out += printf_string("%-12s %47s %s\n", "per episode", "", diff_text(d.totals.cost_per_episode, all_steady, 8, 0).c_str());
    return out;
}

}  // namespace

std::string experiment_to_json(const sim::experiment& e, const sim::experiment_result& r) {
    ordered_json j;
    j["experiment"] = e.name;
    j["scenario"] = e.points.empty() ? std::string() : e.points.front().name;
    j["replications"] = r.points.empty() ? 0 : r.points.front().replications;
    j["seed"] = e.seed;
    j["baseline"] = e.baseline;
    j["factors"] = ordered_json::array();
    for (const auto& f : e.factors) j["factors"].push_back(f.path);
    j["points"] = ordered_json::array();
    for (std::size_t p = 0; p < r.points.size(); ++p) j["points"].push_back(point_json(e, r.points[p], p));
    j["differences"] = ordered_json::array();
    for (const auto& d : r.differences) j["differences"].push_back(difference_json(d));
    j["events"] = r.events;
    return detail::dump_text(j, 2);
}

std::string experiment_to_csv(const sim::experiment& e, const sim::experiment_result& r) {
    std::string out = "point";
    for (const auto& f : e.factors) out += ',' + csv_field(f.path);
    out += ",level,statistic,mean,sd,ci95_low,ci95_high,n,diff_mean,diff_ci95_low,diff_ci95_high\r\n";
    for (std::size_t p = 0; p < r.points.size(); ++p) {
        std::string prefix = std::to_string(p);
        const auto at = e.value_indices(p);
        for (std::size_t k = 0; k < e.factors.size(); ++k) prefix += ',' + csv_field(plain_value(e.factors[k].values[at[k]]));
        const sim::point_difference* d = difference_of(r, p);
        auto row = [&](const std::string& level, const std::string& name, const sim::summary& s, const sim::summary* diff,
                       bool steady) {
            out += prefix + ',' + level + ',' + name + ',' + detail::stat_csv(s, steady) + ',';
            if (diff) {
                out += detail::num_csv(diff->mean) + ',' + (steady ? detail::num_csv(diff->ci95_low) : "") + ',' +
                       (steady ? detail::num_csv(diff->ci95_high) : "");
            } else {
                out += ",";
            }
            out += "\r\n";
        };
        for (std::size_t i = 0; i < r.points[p].levels.size(); ++i) {
            const sim::level_result& l = r.points[p].levels[i];
            std::vector<const sim::summary*> diffs;
            if (d) detail::for_each_figure(d->levels[i], [&](const std::string&, const sim::summary& s) { diffs.push_back(&s); });
            std::size_t k = 0;
            const bool steady = !l.overloaded && !(d && d->levels[i].overloaded);
            detail::for_each_figure(l, [&](const std::string& name, const sim::summary& s) {
                row(csv_field(l.id), name, s, d ? diffs[k] : nullptr, steady);
                ++k;
            });
        }
        std::vector<const sim::summary*> diffs;
        if (d) detail::for_each_total(d->totals, [&](const std::string&, const sim::summary& s) { diffs.push_back(&s); });
        std::size_t k = 0;
        const bool totals_steady = detail::steady(r.points[p]) && (!d || steady(*d));
        detail::for_each_total(r.points[p].totals, [&](const std::string& name, const sim::summary& s) {
            row("", name, s, d ? diffs[k] : nullptr, totals_steady);
            ++k;
        });
    }
    return out;
}

std::string experiment_to_text(const sim::experiment& e, const sim::experiment_result& r) {
    const int reps = r.points.empty() ? 0 : r.points.front().replications;
    std::string out = printf_string("%s: %zu points x %d replications of %s, seed %llu, common random numbers\n",
                                    escape_text(e.name).c_str(), r.points.size(), reps,
                                    e.points.empty() ? "" : escape_text(e.points.front().name).c_str(),
                                    static_cast<unsigned long long>(e.seed));
    for (std::size_t p = 0; p < r.points.size(); ++p) {
        out += "\npoint " + std::to_string(p) + (p == e.baseline ? " (baseline)" : "") + ": " + factors_text(e, p) + "\n";
        out += detail::levels_text(e.points[p], r.points[p]);
    }
    out += "\ndifferences with the baseline (point " + std::to_string(e.baseline) +
           "), paired by replication: mean [95% CI]\n";
    for (const auto& d : r.differences) out += "\n" + differences_text(e, d);
    return out;
}

}  // namespace iopcare::io
