// Scenarios: validation naming the field, the bridge to the continuum model, the traffic
// equations, the reference scenario and the builder.
#include "iopcare/sim/scenario.hpp"

#include <cmath>
#include <set>
#include <unordered_map>

#include "detail/text.hpp"

namespace iopcare::sim {

namespace {

// Values in messages read back exactly as given (1.0000001, not 1).
std::string num(double v) { return iopcare::detail::shortest(v); }

[[noreturn]] void bad(std::string where, std::string value, std::string message) {
    throw error(errc::invalid_scenario, std::move(where), std::move(value), std::move(message));
}

void check_distribution(const duration_distribution& d, const std::string& where) {
    // Distributions validate at construction; re-check the stored parameters in case a host
    // built one by hand-editing (default-constructed = fixed 0 is a bad length of stay).
    if (d.kind() == distribution_kind::fixed && !(d.first() > 0.0)) {
        throw error(errc::invalid_distribution, where, num(d.first()), "a length of stay must be longer than zero days");
    }
    const double m = d.mean().count();
    if (!std::isfinite(m) || m <= 0.0) {
        throw error(errc::invalid_distribution, where, num(m), "the distribution's mean must be a positive number of days");
    }
}

}  // namespace

double arrival_process::mean_rate_per_day(sim_days horizon) const noexcept {
    switch (type) {
        case kind::none: return 0.0;
        case kind::poisson: return rate_per_day;
        case kind::weekly: {
            if (weekly_rates_per_day.empty()) return 0.0;
            double s = 0.0;
            for (double r : weekly_rates_per_day) s += r;
            return s / static_cast<double>(weekly_rates_per_day.size());
        }
        case kind::times:
            return horizon.count() > 0.0 ? static_cast<double>(arrival_times.size()) / horizon.count() : 0.0;
    }
    return 0.0;
}

std::string_view to_string(blocking_policy b) noexcept {
    return b == blocking_policy::hold ? "hold" : "wait_in_community";
}
std::string_view to_string(queue_discipline q) noexcept { return q == queue_discipline::priority ? "priority" : "fifo"; }
std::optional<blocking_policy> parse_blocking_policy(std::string_view s) noexcept {
    if (s == "wait_in_community" || s == "wait-in-community") return blocking_policy::wait_in_community;
    if (s == "hold") return blocking_policy::hold;
    return std::nullopt;
}
std::optional<queue_discipline> parse_queue_discipline(std::string_view s) noexcept {
    if (s == "fifo") return queue_discipline::fifo;
    if (s == "priority") return queue_discipline::priority;
    return std::nullopt;
}

int scenario::find_level(std::string_view id) const noexcept {
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (levels[i].id == id) return static_cast<int>(i);
    }
    return -1;
}

namespace {

// Level ids to indices, built once: a scenario may name a thousand levels in a hundred
// thousand transitions.
class level_index {
public:
    explicit level_index(const scenario& s) {
        for (std::size_t i = 0; i < s.levels.size(); ++i) ids_.emplace(s.levels[i].id, static_cast<int>(i));
    }
    // The level's index, or -1.
    [[nodiscard]] int find(std::string_view id) const {
        const auto it = ids_.find(id);
        return it == ids_.end() ? -1 : it->second;
    }

private:
    std::unordered_map<std::string_view, int> ids_;
};

void check_run_settings(const scenario& s) {
    if (!(std::isfinite(s.horizon.count()) && s.horizon.count() > 0.0)) {
        bad("/horizon_days", num(s.horizon.count()), "the horizon must be a positive number of days");
    }
    // A study that needs more than a thousand years can split its horizon into replications.
    if (s.horizon.count() > max_horizon_days) {
        bad("/horizon_days", num(s.horizon.count()), "the horizon can be at most 365250 days (1000 years)");
    }
    if (!(std::isfinite(s.warmup.count()) && s.warmup.count() >= 0.0 && s.warmup < s.horizon)) {
        bad("/warmup_days", num(s.warmup.count()), "the warm-up must be >= 0 and shorter than the horizon");
    }
    if (s.replications < 1) bad("/replications", std::to_string(s.replications), "at least one replication is needed");
    if (s.levels.empty()) bad("/levels", "", "a scenario needs at least one level");
    if (s.levels.size() > max_levels) {
        bad("/levels", std::to_string(s.levels.size()) + " levels",
            "at most " + std::to_string(max_levels) + " levels (the traffic equations grow with the cube of the count)");
    }
    if (s.transitions.size() > max_transitions) {
        bad("/transitions", std::to_string(s.transitions.size()) + " transitions",
            "at most " + std::to_string(max_transitions) + " transitions");
    }
}

void check_arrivals(const arrival_process& a, const std::string& at) {
    switch (a.type) {
        case arrival_process::kind::none: break;
        case arrival_process::kind::poisson:
            if (!(std::isfinite(a.rate_per_day) && a.rate_per_day >= 0.0)) {
                bad(at + "/arrivals_per_day", num(a.rate_per_day), "an arrival rate must be a number >= 0");
            }
            break;
        case arrival_process::kind::weekly:
            // One rate per day or per hour of the week; any other count has no meaning.
            if (a.weekly_rates_per_day.size() != 7 && a.weekly_rates_per_day.size() != 168) {
                bad(at + "/arrivals_per_day", std::to_string(a.weekly_rates_per_day.size()) + " rates",
                    "a weekly profile has 7 rates (one per day) or 168 (one per hour)");
            }
            for (std::size_t k = 0; k < a.weekly_rates_per_day.size(); ++k) {
                const double r = a.weekly_rates_per_day[k];
                if (!(std::isfinite(r) && r >= 0.0)) {
                    bad(at + "/arrivals_per_day/" + std::to_string(k), num(r), "an arrival rate must be a number >= 0");
                }
            }
            break;
        case arrival_process::kind::times:
            for (std::size_t k = 0; k < a.arrival_times.size(); ++k) {
                const double t = a.arrival_times[k].count();
                if (!(std::isfinite(t) && t >= 0.0) || (k > 0 && t < a.arrival_times[k - 1].count())) {
                    bad(at + "/arrival_times_days/" + std::to_string(k), num(t), "arrival times must be >= 0 and ascending");
                }
            }
            break;
    }
}

void check_outcomes(const level_spec& l, const std::string& at) {
    double sum = 0.0;
    for (discharge_outcome o : all_discharge_outcomes) {
        const outcome_spec& spec = l.outcome(o);
        const std::string here = at + "/outcomes/" + std::string(to_string(o));
        if (!(std::isfinite(spec.p) && spec.p >= 0.0 && spec.p <= 1.0)) {
            bad(here + "/p", num(spec.p), "a probability must be in [0, 1]");
        }
        if (spec.los) check_distribution(*spec.los, here + "/los_days");
        sum += spec.p;
    }
    if (l.has_outcomes() && std::abs(sum - 1.0) > 1e-6) {
        bad(at + " (" + l.id + ") outcomes", iopcare::detail::computed(sum),
            "the probabilities of the discharge outcomes must sum to 1 (or all be 0: every discharge completed)");
    }
}

void check_cost(double v, const std::string& at) {
    if (!(std::isfinite(v) && v >= 0.0)) bad(at, num(v), "a cost must be a number >= 0");
}

void check_levels(const scenario& s, const catalog& cat) {
    std::set<std::string, std::less<>> ids;
    for (std::size_t i = 0; i < s.levels.size(); ++i) {
        const level_spec& l = s.levels[i];
        const std::string at = "/levels/" + std::to_string(i);
        if (l.id.empty()) bad(at + "/id", "", "a level needs an id");
        if (l.id == discharge_id || l.id == community_code) bad(at + "/id", l.id, "this id is reserved");
        if (!ids.insert(l.id).second) bad(at + "/id", l.id, "duplicate level id");
        if (!cat.contains(l.code)) {
            throw error(errc::unknown_level, at + "/code", l.code, "unknown level code in the " + cat.name() + " catalog");
        }
        // A level of no slots admits nobody: its waitlist grows without end, which is never
        // what a study means (leave the level out, or route around it).
        if (l.capacity && *l.capacity < 1) {
            bad(at + "/capacity", std::to_string(*l.capacity), "capacity must be at least 1 slot (or unlimited)");
        }
        check_distribution(l.los, at + "/los_days");
        if (l.dropout) check_distribution(*l.dropout, at + "/dropout_days");
        check_arrivals(l.arrivals, at);
        check_outcomes(l, at);
        check_cost(l.cost_per_day, at + "/cost_per_day");
        check_cost(l.cost_per_admission, at + "/cost_per_admission");
        check_cost(l.cost_per_waiting_day, at + "/cost_per_waiting_day");
    }
}

void check_routes(const scenario& s, const level_index& index) {
    std::vector<double> sums(s.levels.size(), 0.0);
    std::set<std::pair<int, int>> seen;
    for (std::size_t i = 0; i < s.transitions.size(); ++i) {
        const route_spec& r = s.transitions[i];
        const std::string at = "/transitions/" + std::to_string(i);
        const int from = index.find(r.from);
        if (from < 0) bad(at + "/from", r.from, "unknown level id");
        const int to = r.to == discharge_id ? -2 : index.find(r.to);
        if (to == -1) bad(at + "/to", r.to, "unknown level id (or \"discharge\")");
        if (!(std::isfinite(r.p) && r.p >= 0.0 && r.p <= 1.0)) bad(at + "/p", num(r.p), "a probability must be in [0, 1]");
        if (!seen.insert({from, to}).second) bad(at, r.from + " -> " + r.to, "duplicate transition");
        sums[static_cast<std::size_t>(from)] += r.p;
    }
    for (std::size_t i = 0; i < s.levels.size(); ++i) {
        if (std::abs(sums[i] - 1.0) > 1e-6) {
            bad("/levels/" + std::to_string(i) + " (" + s.levels[i].id + ") transitions",
                iopcare::detail::computed(sums[i]),
                "the probabilities of the transitions from this level must sum to 1");
        }
    }
}

}  // namespace

void validate(const scenario& s) {
    check_run_settings(s);
    const catalog& cat = catalog::of(s.catalog_edition);
    check_levels(s, cat);
    const level_index index(s);
    check_routes(s, index);
    // The continuum's own structural checks (a way to discharge from every level, ...), when
    // codes are distinct so the scenario maps one-to-one onto a continuum.
    std::set<std::string> codes;
    for (const auto& l : s.levels) codes.insert(cat.find(l.code)->code.str());
    if (codes.size() == s.levels.size()) {
        for (const continuum_problem& p : check(to_continuum_spec(s), cat)) {
            if (p.kind == continuum_problem_kind::no_discharge_path) {
                bad("/transitions", p.value, "no path to discharge: " + p.message);
            }
        }
    }
    // Levels sharing a code escape that check; the traffic equations catch a closed loop then.
    (void)offered_rates_per_day(s);
}

result<std::monostate> try_validate(const scenario& s) noexcept {
    return try_call([&] { validate(s); });
}

continuum_spec to_continuum_spec(const scenario& s) {
    const catalog& cat = catalog::of(s.catalog_edition);
    auto code_of = [&](std::string_view id) -> std::string {
        if (id == discharge_id) return std::string(discharge_code);
        const int i = s.find_level(id);
        if (i < 0) throw error(errc::invalid_scenario, "transitions", std::string(id), "unknown level id");
        const care_level* l = cat.find(s.levels[static_cast<std::size_t>(i)].code);
        return l ? l->code.str() : s.levels[static_cast<std::size_t>(i)].code;
    };
    continuum_spec c;
    c.name = s.name;
    for (const auto& l : s.levels) {
        const std::string code = code_of(l.id);
        bool dup = false;
        for (const auto& e : c.levels) dup = dup || e == code;
        if (!dup) c.levels.push_back(code);
    }
    for (const auto& l : s.levels) {
        if (l.arrivals.type == arrival_process::kind::none) continue;
        const std::string code = code_of(l.id);
        bool dup = false;
        for (const auto& t : c.transitions) dup = dup || (t.from == community_code && t.to == code);
        if (!dup) c.transitions.push_back({std::string(community_code), code, transition_kind::admission, {}, ""});
    }
    for (const auto& r : s.transitions) {
        const std::string from = code_of(r.from), to = code_of(r.to);
        transition_spec* existing = nullptr;
        for (auto& t : c.transitions) {
            if (t.from == from && t.to == to) existing = &t;
        }
        if (existing) {
            existing->probability = existing->probability.value_or(0.0) + r.p;
        } else {
            c.transitions.push_back({from, to, {}, r.p, ""});
        }
    }
    return c;
}

std::vector<double> offered_rates_per_day(const scenario& s) {
    const std::size_t n = s.levels.size();
    // (I - P^T) lambda = external, by Gaussian elimination with partial pivoting.
    std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 0.0));
    for (std::size_t i = 0; i < n; ++i) {
        a[i][i] = 1.0;
        a[i][n] = s.levels[i].arrivals.mean_rate_per_day(s.horizon);
    }
    const level_index index(s);
    for (const auto& r : s.transitions) {
        const int from = index.find(r.from), to = index.find(r.to);
        if (from < 0 || to < 0) continue;
        a[static_cast<std::size_t>(to)][static_cast<std::size_t>(from)] -= r.p;
    }
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t piv = c;
        for (std::size_t r = c + 1; r < n; ++r) {
            if (std::abs(a[r][c]) > std::abs(a[piv][c])) piv = r;
        }
        std::swap(a[c], a[piv]);
        if (std::abs(a[c][c]) < 1e-12) {
            throw error(errc::invalid_scenario, "/transitions", "", "the routing has a closed loop with no way out");
        }
        for (std::size_t r = 0; r < n; ++r) {
            if (r == c) continue;
            const double f = a[r][c] / a[c][c];
            for (std::size_t k = c; k <= n; ++k) a[r][k] -= f * a[c][k];
        }
    }
    std::vector<double> rates(n);
    for (std::size_t i = 0; i < n; ++i) rates[i] = a[i][n] / a[i][i];
    return rates;
}

std::vector<double> mean_stay_days(const scenario& s) {
    std::vector<double> to_discharge(s.levels.size(), 0.0);
    const level_index index(s);
    for (const auto& r : s.transitions) {
        const int from = index.find(r.from);
        if (from >= 0 && r.to == discharge_id) to_discharge[static_cast<std::size_t>(from)] += r.p;
    }
    std::vector<double> out(s.levels.size());
    for (std::size_t i = 0; i < s.levels.size(); ++i) {
        const level_spec& l = s.levels[i];
        const double base = l.los.mean().count();
        if (!l.has_outcomes()) {
            out[i] = base;
            continue;
        }
        double discharged = 0.0;
        for (const outcome_spec& o : l.outcomes) discharged += o.p * (o.los ? o.los->mean().count() : base);
        out[i] = (1.0 - to_discharge[i]) * base + to_discharge[i] * discharged;
    }
    return out;
}

std::vector<level_work> expected_work(const scenario& s) {
    const std::vector<double> rates = offered_rates_per_day(s);
    const std::vector<double> stay = mean_stay_days(s);
    std::vector<level_work> out(s.levels.size());
    const double h = s.horizon.count();
    for (std::size_t i = 0; i < s.levels.size(); ++i) {
        out[i].arrivals = s.levels[i].arrivals.mean_rate_per_day(s.horizon) * h;
        out[i].stays = rates[i] * h;
        out[i].census = rates[i] * stay[i];
    }
    return out;
}

scenario continuum_ref() {
    using d = duration_distribution;
    return scenario_builder("continuum-ref")
        .horizon(sim_days(3650))
        .warmup(sim_days(365))
        .replications(20)
        .seed(20260101)
        .level("residential", "3.5").capacity(38).los(d::lognormal_mean_sd(sim_days(28), sim_days(10))).poisson_arrivals(1.0)
        .level("php", "2.5").capacity(18).los(d::lognormal_mean_sd(sim_days(15), sim_days(5))).poisson_arrivals(0.6)
        .level("iop", "2.1").capacity(160).los(d::lognormal_mean_sd(sim_days(56), sim_days(21))).poisson_arrivals(1.2)
        .level("op", "1").capacity(250).los(d::lognormal_mean_sd(sim_days(90), sim_days(30))).poisson_arrivals(0.8)
        .route("residential", "php", 0.25).route("residential", "iop", 0.45)
        .route("residential", "op", 0.10).route("residential", "discharge", 0.20)
        .route("php", "iop", 0.60).route("php", "op", 0.15)
        .route("php", "residential", 0.05).route("php", "discharge", 0.20)
        .route("iop", "op", 0.55).route("iop", "residential", 0.05)
        .route("iop", "php", 0.05).route("iop", "discharge", 0.35)
        .route("op", "iop", 0.08).route("op", "discharge", 0.92)
        .build();
}

scenario continuum_teds() {
    using d = duration_distribution;
    using o = discharge_outcome;
    // TEDS-D 2004 shares (docs/sources.md section 6), percent: completed, transferred, dropped
    // out, terminated, other. The transferred share is routing to another level of the model
    // (its split between levels is illustrative); the other four, renormalised, are the
    // outcomes of the stays routed to discharge. Lengths of stay are lognormal with the TEDS-D
    // medians (IOP by outcome: completed 50, transferred 42, dropped out 26, terminated 36
    // days; short-term residential 20 days); their spread, the outpatient stay, capacities,
    // arrivals and costs are illustrative, not sourced.
    auto median = [](double days, double sigma) { return d::lognormal(std::log(days), sigma); };
    const double res_out = 61.5 + 14.1 + 6.3 + 3.9, iop_out = 37.7 + 23.2 + 14.0 + 7.2,
                 op_out = 36.4 + 27.2 + 10.5 + 14.2;
    return scenario_builder("continuum-teds")
        .horizon(sim_days(3650))
        .warmup(sim_days(365))
        .replications(20)
        .seed(20040101)
        .level("residential", "3.5").capacity(40).los(median(20, 0.5)).poisson_arrivals(1.4)
            .outcome(o::completed, 61.5 / res_out).outcome(o::dropped_out, 14.1 / res_out)
            .outcome(o::terminated, 6.3 / res_out).outcome(o::other, 3.9 / res_out)
            .costs(450, 300, 20)
        .level("iop", "2.1").capacity(100).los(median(42, 0.6)).poisson_arrivals(1.5)
            .outcome(o::completed, 37.7 / iop_out, median(50, 0.5))
            .outcome(o::dropped_out, 23.2 / iop_out, median(26, 0.7))
            .outcome(o::terminated, 14.0 / iop_out, median(36, 0.6))
            .outcome(o::other, 7.2 / iop_out)
            .costs(110, 150, 10)
        .level("op", "1").capacity(200).los(median(80, 0.5)).poisson_arrivals(1.6)
            .outcome(o::completed, 36.4 / op_out).outcome(o::dropped_out, 27.2 / op_out)
            .outcome(o::terminated, 10.5 / op_out).outcome(o::other, 14.2 / op_out)
            .costs(25, 100, 5)
        .route("residential", "iop", 0.095).route("residential", "op", 0.048)
        .route("residential", "discharge", 1.0 - 0.143)
        .route("iop", "op", 0.119).route("iop", "residential", 0.060)
        .route("iop", "discharge", 1.0 - 0.179)
        .route("op", "iop", 0.087).route("op", "residential", 0.030)
        .route("op", "discharge", 1.0 - 0.117)
        .build();
}

std::optional<scenario> embedded_scenario(std::string_view name) {
    if (name == "continuum-ref") return continuum_ref();
    if (name == "continuum-teds") return continuum_teds();
    return std::nullopt;
}

std::vector<std::string_view> embedded_scenario_names() { return {"continuum-ref", "continuum-teds"}; }

std::string_view to_string(discharge_outcome o) noexcept {
    switch (o) {
        case discharge_outcome::completed: return "completed";
        case discharge_outcome::dropped_out: return "dropped_out";
        case discharge_outcome::terminated: return "terminated";
        case discharge_outcome::other: return "other";
        case discharge_outcome::transferred_out: return "transferred_out";
    }
    return "unknown";
}

std::optional<discharge_outcome> parse_discharge_outcome(std::string_view s) noexcept {
    for (discharge_outcome o : all_discharge_outcomes) {
        if (to_string(o) == s) return o;
    }
    return std::nullopt;
}

discharge_reason as_discharge_reason(discharge_outcome o) noexcept {
    switch (o) {
        case discharge_outcome::completed: return discharge_reason::completed;
        case discharge_outcome::dropped_out: return discharge_reason::dropped_out;
        case discharge_outcome::terminated: return discharge_reason::terminated;
        case discharge_outcome::other: return discharge_reason::other;
        case discharge_outcome::transferred_out: return discharge_reason::transferred;
    }
    return discharge_reason::unknown;
}

scenario_builder::scenario_builder(std::string name) { s_.name = std::move(name); }
scenario_builder& scenario_builder::edition_of_codes(edition ed) { s_.catalog_edition = ed; return *this; }
scenario_builder& scenario_builder::horizon(sim_days d) { s_.horizon = d; return *this; }
scenario_builder& scenario_builder::warmup(sim_days d) { s_.warmup = d; return *this; }
scenario_builder& scenario_builder::replications(int n) { s_.replications = n; return *this; }
scenario_builder& scenario_builder::seed(std::uint64_t v) { s_.seed = v; return *this; }
scenario_builder& scenario_builder::blocking(blocking_policy b) { s_.blocking = b; return *this; }
scenario_builder& scenario_builder::queue(queue_discipline q) { s_.queue = q; return *this; }
scenario_builder& scenario_builder::level(std::string id, std::string code) {
    level_spec l;
    l.id = std::move(id);
    l.code = std::move(code);
    s_.levels.push_back(std::move(l));
    return *this;
}
level_spec& scenario_builder::current() {
    if (s_.levels.empty()) throw error(errc::precondition_failed, "scenario_builder", "", "add a level() first");
    return s_.levels.back();
}
scenario_builder& scenario_builder::capacity(std::int64_t slots) { current().capacity = slots; return *this; }
scenario_builder& scenario_builder::unlimited() { current().capacity.reset(); return *this; }
scenario_builder& scenario_builder::los(duration_distribution d) { current().los = std::move(d); return *this; }
scenario_builder& scenario_builder::poisson_arrivals(double per_day) {
    current().arrivals = arrival_process::poisson(per_day);
    return *this;
}
scenario_builder& scenario_builder::arrivals(arrival_process a) { current().arrivals = std::move(a); return *this; }
scenario_builder& scenario_builder::dropout(duration_distribution d) { current().dropout = std::move(d); return *this; }
scenario_builder& scenario_builder::outcome(discharge_outcome o, double p) {
    current().outcome(o) = {p, std::nullopt};
    return *this;
}
scenario_builder& scenario_builder::outcome(discharge_outcome o, double p, duration_distribution los) {
    current().outcome(o) = {p, std::move(los)};
    return *this;
}
scenario_builder& scenario_builder::costs(double per_day, double per_admission, double per_waiting_day) {
    level_spec& l = current();
    l.cost_per_day = per_day;
    l.cost_per_admission = per_admission;
    l.cost_per_waiting_day = per_waiting_day;
    return *this;
}
void scenario_builder::rethrow_for_level(const char* what, const error& e) const {
    // The factory names its parameter ("sd"); say which level and which of its distributions.
    const std::string level = s_.levels.empty() ? std::string("scenario_builder") : "level " + s_.levels.back().id;
    throw error(e.code(), level + ": " + what + ": " + e.where(), e.value(), e.message());
}
scenario_builder& scenario_builder::route(std::string from, std::string to, double p) {
    s_.transitions.push_back({std::move(from), std::move(to), p});
    return *this;
}
scenario scenario_builder::build() const {
    validate(s_);
    return s_;
}

}  // namespace iopcare::sim
