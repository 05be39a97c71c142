// Internal: the pieces of the simulation report writers that the experiment writers reuse (a
// level's figures as JSON, CSV rows and text rows), so that a design point reads exactly like
// `iopcare simulate`.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "iopcare/sim/simulation.hpp"

namespace iopcare::io::detail {

using ordered_json = nlohmann::ordered_json;

// {"mean", "sd", "ci95": [low, high], "n"}; NaN is null. `steady` false (an overloaded level)
// writes the interval as [null, null]: it would pretend to a precision the figure lacks.
ordered_json stat_json(const sim::summary& s, bool steady = true);

// A level's object in "levels": code, capacity, offered load, overloaded (with a note), every
// figure, cost_per_year, discharges and discharge_los_days by outcome.
ordered_json level_json(const sim::level_result& l);
// "totals": cost_per_year, cost_per_episode, cost_per_completed_episode, episodes_per_year,
// completed_per_year (intervals null when `steady` is false: some level is overloaded).
ordered_json totals_json(const sim::totals_result& t, bool steady);
// Whether no level is overloaded (the totals' intervals mean something).
bool steady(const sim::simulation_result& r);

// Visits each figure of a level by its name in the CSV and JSON ("occupancy", ...,
// "discharges.completed", "discharge_los_days.completed").
template <class F>
void for_each_figure(const sim::level_result& l, F&& f) {
    f("occupancy", l.occupancy);
    f("utilization", l.utilization);
    f("waitlist", l.waitlist);
    f("wait_days", l.mean_wait_days);
    f("wait_p90_days", l.wait_p90_days);
    f("los_days", l.mean_los_days);
    f("admissions_per_year", l.admissions_per_year);
    f("cost_per_year", l.cost_per_year);
    for (sim::discharge_outcome o : sim::all_discharge_outcomes) {
        f("discharges." + std::string(sim::to_string(o)), l.discharges_per_year[static_cast<std::size_t>(o)]);
    }
    for (sim::discharge_outcome o : sim::all_discharge_outcomes) {
        f("discharge_los_days." + std::string(sim::to_string(o)), l.discharge_los_days[static_cast<std::size_t>(o)]);
    }
}
template <class F>
void for_each_total(const sim::totals_result& t, F&& f) {
    f("cost_per_year", t.cost_per_year);
    f("cost_per_episode", t.cost_per_episode);
    f("cost_per_completed_episode", t.cost_per_completed_episode);
    f("episodes_per_year", t.episodes_per_year);
    f("completed_per_year", t.completed_per_year);
}

// A number in CSV: six significant digits, empty for NaN.
std::string num_csv(double v);
// mean,sd,ci95_low,ci95_high,n (the interval empty for an overloaded level).
std::string stat_csv(const sim::summary& s, bool steady = true);

// The text tables of a result: the level table (overloaded levels marked, with a note under
// it), discharges a year by outcome, and, when the scenario has costs, costs a year.
std::string levels_text(const sim::scenario& s, const sim::simulation_result& r);

}  // namespace iopcare::io::detail
