// A simulation's results as text, CSV and JSON (see iopcare/io/simulation.hpp).
#include "iopcare/io/simulation.hpp"
#include "io/json_reader.hpp"

#include <cmath>
#include <utility>

#include <nlohmann/json.hpp>

#include "detail/text.hpp"
#include "iopcare/text.hpp"

namespace iopcare::io {

namespace {

using iopcare::detail::printf_string;

// nlohmann writes NaN as null, which is what an undefined statistic is.
nlohmann::ordered_json stat_json(const sim::summary& s) {
    return {{"mean", s.mean}, {"sd", s.sd}, {"ci95", {s.ci95_low, s.ci95_high}}, {"n", s.n}};
}

std::string num_csv(double v) { return std::isnan(v) ? std::string() : printf_string("%.6g", v); }

// "%6.1f", or "n/a" right-aligned in the same width.
std::string num_text(double v, int width, int decimals) {
    return std::isnan(v) ? printf_string("%*s", width, "n/a") : printf_string("%*.*f", width, decimals, v);
}

std::string level_row(const sim::level_result& l) {
    const std::string cap = l.capacity ? std::to_string(*l.capacity) : std::string("unlimited");
    const std::string util = l.capacity ? printf_string("%.1f%%", 100.0 * l.utilization.mean) : std::string("-");
    return printf_string("%-12s %-4s %9s %s [%s, %s] %6s %10.0f %s [%s, %s]%s\n", escape_text(l.id).c_str(),
                         escape_text(l.code).c_str(), cap.c_str(), num_text(l.occupancy.mean, 6, 1).c_str(),
                         num_text(l.occupancy.ci95_low, 5, 1).c_str(), num_text(l.occupancy.ci95_high, 5, 1).c_str(),
                         util.c_str(), l.admissions_per_year.mean, num_text(l.mean_wait_days.mean, 5, 1).c_str(),
                         num_text(l.mean_wait_days.ci95_low, 4, 1).c_str(),
                         num_text(l.mean_wait_days.ci95_high, 4, 1).c_str(), l.overloaded ? "  OVERLOADED" : "");
}

}  // namespace

std::string simulation_to_text(const sim::scenario& s, const sim::simulation_result& r, std::uint64_t seed) {
    std::string out = printf_string("%s: %d replications of %.0f days (warm-up %.0f days), seed %llu\n\n",
                                    escape_text(r.scenario_name).c_str(), r.replications, s.horizon.count(),
                                    s.warmup.count(), static_cast<unsigned long long>(seed));
    out += printf_string("%-12s %-4s %9s %20s %6s %10s %18s\n", "level", "code", "capacity", "occupancy [95% CI]",
                         "util", "admits/yr", "wait days [95% CI]");
    for (const auto& l : r.levels) out += level_row(l);
    if (r.unstable) {
        out += "\nunstable: waitlists grow without bound in";
        for (const auto& id : r.unstable_levels) out += " " + escape_text(id);
        out += "\n";
    }
    return out;
}

std::string simulation_to_csv(const sim::simulation_result& r) {
    std::string out = "level,code,statistic,mean,sd,ci95_low,ci95_high,n\n";
    for (const auto& l : r.levels) {
        const std::pair<const char*, const sim::summary*> stats[] = {
            {"occupancy", &l.occupancy},         {"utilization", &l.utilization},
            {"waitlist", &l.waitlist},           {"wait_days", &l.mean_wait_days},
            {"wait_p90_days", &l.wait_p90_days}, {"los_days", &l.mean_los_days},
            {"admissions_per_year", &l.admissions_per_year}};
        for (const auto& [name, st] : stats) {
            out += csv_field(l.id) + ',' + csv_field(l.code) + ',' + name + ',' + num_csv(st->mean) + ',' +
                   num_csv(st->sd) + ',' + num_csv(st->ci95_low) + ',' + num_csv(st->ci95_high) + ',' +
                   std::to_string(st->n) + '\n';
        }
    }
    return out;
}

std::string simulation_to_json(const sim::scenario& s, const sim::simulation_result& r, std::uint64_t seed) {
    nlohmann::ordered_json j;
    j["scenario"] = r.scenario_name;
    j["replications"] = r.replications;
    j["seed"] = seed;
    j["horizon_days"] = s.horizon.count();
    j["warmup_days"] = s.warmup.count();
    j["events"] = r.events;
    nlohmann::ordered_json levels = nlohmann::ordered_json::object();
    for (const auto& l : r.levels) {
        nlohmann::ordered_json x;
        x["code"] = l.code;
        if (l.capacity) x["capacity"] = *l.capacity;
        else x["capacity"] = "unlimited";
        x["offered_load"] = l.offered_load;
        x["overloaded"] = l.overloaded;
        x["occupancy"] = stat_json(l.occupancy);
        x["utilization"] = stat_json(l.utilization);
        x["waitlist"] = stat_json(l.waitlist);
        x["wait_days"] = stat_json(l.mean_wait_days);
        x["wait_p90_days"] = stat_json(l.wait_p90_days);
        x["los_days"] = stat_json(l.mean_los_days);
        x["admissions_per_year"] = stat_json(l.admissions_per_year);
        levels[l.id] = std::move(x);
    }
    j["levels"] = std::move(levels);
    j["unstable"] = r.unstable;
    j["unstable_levels"] = r.unstable_levels;
    // Ids from a host may be any bytes: replace what is not UTF-8 rather than throw.
    return detail::dump_text(j, 2);
}

}  // namespace iopcare::io
