// iopcare.scenario/1: reading (every error names the JSON path) and writing.
#include "iopcare/io/scenario.hpp"

#include "io/json_reader.hpp"
#include "iopcare/io/continuum_json.hpp"

namespace iopcare::io {

namespace {

using detail::json;
using detail::object_reader;
using sim::duration_distribution;
using sim::sim_days;

// A distribution factory's error names only the parameter; prefix the JSON path.
template <class F>
duration_distribution at_path(const std::string& path, F&& make) {
    try {
        return make();
    } catch (const error& e) {
        throw error(e.code(), path + "/" + e.where(), e.value(), e.message());
    }
}

duration_distribution read_distribution(const json& j, const std::string& path) {
    object_reader r(j, path);
    const std::string dist = r.string("dist");
    duration_distribution d;
    if (dist == "exponential") {
        const double m = r.number("mean");
        d = at_path(path, [&] { return duration_distribution::exponential(sim_days(m)); });
    } else if (dist == "lognormal" || dist == "gamma") {
        const bool by_moments = r.has("mean") || r.has("sd");
        if (by_moments) {
            const double m = r.number("mean"), s = r.number("sd");
            d = at_path(path, [&] {
                return dist == "lognormal" ? duration_distribution::lognormal_mean_sd(sim_days(m), sim_days(s))
                                           : duration_distribution::gamma_mean_sd(sim_days(m), sim_days(s));
            });
        } else if (dist == "lognormal") {
            const double mu = r.number("mu"), sigma = r.number("sigma");
            d = at_path(path, [&] { return duration_distribution::lognormal(mu, sigma); });
        } else {
            const double shape = r.number("shape"), scale = r.number("scale");
            d = at_path(path, [&] { return duration_distribution::gamma(shape, sim_days(scale)); });
        }
    } else if (dist == "weibull") {
        const double shape = r.number("shape"), scale = r.number("scale");
        d = at_path(path, [&] { return duration_distribution::weibull(shape, sim_days(scale)); });
    } else if (dist == "uniform") {
        const double lo = r.number("low"), hi = r.number("high");
        d = at_path(path, [&] { return duration_distribution::uniform(sim_days(lo), sim_days(hi)); });
    } else if (dist == "fixed") {
        const double v = r.number("value");
        d = at_path(path, [&] { return duration_distribution::fixed(sim_days(v)); });
    } else if (dist == "empirical") {
        const json& a = r.array("values");
        std::vector<sim_days> vs;
        for (std::size_t i = 0; i < a.size(); ++i) {
            vs.emplace_back(object_reader::as_number(a[i], path + "/values/" + std::to_string(i)));
        }
        d = at_path(path, [&] { return duration_distribution::empirical(std::move(vs)); });
    } else {
        throw error(errc::invalid_distribution, path + "/dist", dist,
                    "expected exponential, lognormal, gamma, weibull, uniform, fixed or empirical");
    }
    r.finish();
    return d;
}

json write_distribution(const duration_distribution& d) {
    using k = sim::distribution_kind;
    json j;
    j["dist"] = std::string(sim::to_string(d.kind()));
    switch (d.kind()) {
        case k::exponential: j["mean"] = d.first(); break;
        case k::lognormal: j["mu"] = d.first(); j["sigma"] = d.second(); break;
        case k::gamma:
        case k::weibull: j["shape"] = d.first(); j["scale"] = d.second(); break;
        case k::uniform: j["low"] = d.first(); j["high"] = d.second(); break;
        case k::fixed: j["value"] = d.first(); break;
        case k::empirical: j["values"] = d.values(); break;
    }
    return j;
}

// "outcomes": {"completed": 0.46 | {"p": 0.46, "los_days": {...}}, ...}
void read_outcomes(const json& j, const std::string& path, sim::level_spec& l) {
    if (!j.is_object()) detail::wrong_type(path, j, "an object keyed by outcome");
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string at = path + "/" + it.key();
        const auto o = sim::parse_discharge_outcome(it.key());
        if (!o) {
            throw error(errc::unknown_field, at, it.key(),
                        "expected completed, dropped_out, terminated, other or transferred_out");
        }
        sim::outcome_spec& spec = l.outcome(*o);
        if (it->is_number()) {
            spec.p = object_reader::as_number(*it, at);
            continue;
        }
        object_reader r(*it, at);
        spec.p = r.number("p");
        if (const json* d = r.find("los_days")) spec.los = read_distribution(*d, at + "/los_days");
        r.finish();
    }
}

json write_outcomes(const sim::level_spec& l) {
    json j = json::object();
    for (sim::discharge_outcome o : sim::all_discharge_outcomes) {
        const sim::outcome_spec& spec = l.outcome(o);
        if (spec.p == 0.0 && !spec.los) continue;
        json x;
        x["p"] = spec.p;
        if (spec.los) x["los_days"] = write_distribution(*spec.los);
        j[std::string(sim::to_string(o))] = std::move(x);
    }
    return j;
}

void read_costs(object_reader& r, sim::level_spec& l) {
    l.cost_per_day = r.optional_number("cost_per_day").value_or(0.0);
    l.cost_per_admission = r.optional_number("cost_per_admission").value_or(0.0);
    l.cost_per_waiting_day = r.optional_number("cost_per_waiting_day").value_or(0.0);
}

// "arrivals_per_day" (a rate, or a weekly profile) or "arrival_times_days".
sim::arrival_process read_arrivals(object_reader& lr, const std::string& at) {
    sim::arrival_process arrivals;
    if (const json* a = lr.find("arrivals_per_day")) {
        if (a->is_array()) {
            std::vector<double> rates;
            for (std::size_t k = 0; k < a->size(); ++k) {
                rates.push_back(object_reader::as_number((*a)[k], at + "/arrivals_per_day/" + std::to_string(k)));
            }
            arrivals = sim::arrival_process::weekly(std::move(rates));
        } else {
            arrivals = sim::arrival_process::poisson(object_reader::as_number(*a, at + "/arrivals_per_day"));
        }
    }
    if (const json* a = lr.optional_array("arrival_times_days")) {
        if (arrivals.type != sim::arrival_process::kind::none) {
            throw error(errc::invalid_scenario, at + "/arrival_times_days", "",
                        "give either arrivals_per_day or arrival_times_days, not both");
        }
        std::vector<sim_days> times;
        for (std::size_t k = 0; k < a->size(); ++k) {
            times.emplace_back(object_reader::as_number((*a)[k], at + "/arrival_times_days/" + std::to_string(k)));
        }
        arrivals = sim::arrival_process::at(std::move(times));
    }
    return arrivals;
}

sim::level_spec read_level(const json& j, const std::string& at) {
    object_reader lr(j, at);
    sim::level_spec l;
    l.id = lr.string("id");
    l.code = lr.string("code");
    if (const json* c = lr.find("capacity")) {
        if (c->is_string()) {
            if (c->get<std::string>() != "unlimited") {
                throw error(errc::invalid_scenario, at + "/capacity", c->get<std::string>(),
                            "expected a number of slots or \"unlimited\"");
            }
        } else {
            // Negative capacities are left for validate() to report; beyond 64 bits is an error here.
            l.capacity = object_reader::as_integer(*c, at + "/capacity", std::numeric_limits<std::int64_t>::min(),
                                                   std::numeric_limits<std::int64_t>::max(), errc::invalid_scenario,
                                                   "capacity must be a number of slots below 2^63 (or \"unlimited\")");
        }
    }
    l.los = read_distribution(lr.require("los_days"), at + "/los_days");
    l.arrivals = read_arrivals(lr, at);
    if (const json* d = lr.find("dropout_days")) l.dropout = read_distribution(*d, at + "/dropout_days");
    if (const json* o = lr.find("outcomes")) read_outcomes(*o, at + "/outcomes", l);
    read_costs(lr, l);
    lr.finish();
    return l;
}

}  // namespace

sim::scenario parse_scenario(std::string_view json_text, std::string_view source) {
    const json doc = detail::parse(json_text, source);
    object_reader r(doc, "");
    if (r.has("format")) r.expect_format("iopcare.scenario/1");
    sim::scenario s;
    s.name = r.string("name");
    if (auto ed = detail::optional_edition(r)) s.catalog_edition = *ed;
    s.horizon = sim_days(r.number("horizon_days"));
    s.warmup = sim_days(r.optional_number("warmup_days").value_or(0.0));
    if (auto n = r.optional_integer<int>("replications", 1, 1000000, errc::invalid_scenario, "expected 1 to 1000000")) {
        s.replications = *n;
    }
    // Any 64-bit seed, 2^64-1 included: JSON integers above 2^63 are read as unsigned.
    if (auto sd = r.optional_integer<std::uint64_t>("seed", 0, std::numeric_limits<std::uint64_t>::max(),
                                                    errc::invalid_scenario,
                                                    "a seed must be a whole number from 0 to 18446744073709551615")) {
        s.seed = *sd;
    }
    if (auto b = r.optional_string("blocking")) {
        auto p = sim::parse_blocking_policy(*b);
        if (!p) throw error(errc::invalid_scenario, "/blocking", *b, "expected \"wait_in_community\" or \"hold\"");
        s.blocking = *p;
    }
    if (auto q = r.optional_string("queue")) {
        auto p = sim::parse_queue_discipline(*q);
        if (!p) throw error(errc::invalid_scenario, "/queue", *q, "expected \"fifo\" or \"priority\"");
        s.queue = *p;
    }
    const json& levels = r.array("levels");
    for (std::size_t i = 0; i < levels.size(); ++i) s.levels.push_back(read_level(levels[i], "/levels/" + std::to_string(i)));
    const json& ts = r.array("transitions");
    for (std::size_t i = 0; i < ts.size(); ++i) {
        object_reader tr(ts[i], "/transitions/" + std::to_string(i));
        sim::route_spec t;
        t.from = tr.string("from");
        t.to = tr.string("to");
        t.p = tr.number("p");
        tr.finish();
        s.transitions.push_back(std::move(t));
    }
    r.finish();
    sim::validate(s);
    return s;
}

sim::scenario load_scenario(const std::string& path) { return parse_scenario(read_text_file(path), path); }

std::string to_json(const sim::scenario& s, int indent) {
    json j;
    j["format"] = "iopcare.scenario/1";
    j["name"] = s.name;
    j["edition"] = s.catalog_edition == edition::asam4 ? "asam4" : "asam3";
    j["horizon_days"] = s.horizon.count();
    j["warmup_days"] = s.warmup.count();
    j["replications"] = s.replications;
    j["seed"] = s.seed;
    j["blocking"] = std::string(sim::to_string(s.blocking));
    j["queue"] = std::string(sim::to_string(s.queue));
    j["levels"] = json::array();
    for (const auto& l : s.levels) {
        json lj;
        lj["id"] = l.id;
        lj["code"] = l.code;
        if (l.capacity) {
            lj["capacity"] = *l.capacity;
        } else {
            lj["capacity"] = "unlimited";
        }
        lj["los_days"] = write_distribution(l.los);
        switch (l.arrivals.type) {
            case sim::arrival_process::kind::none: break;
            case sim::arrival_process::kind::poisson: lj["arrivals_per_day"] = l.arrivals.rate_per_day; break;
            case sim::arrival_process::kind::weekly: lj["arrivals_per_day"] = l.arrivals.weekly_rates_per_day; break;
            case sim::arrival_process::kind::times: {
                json a = json::array();
                for (auto t : l.arrivals.arrival_times) a.push_back(t.count());
                lj["arrival_times_days"] = a;
                break;
            }
        }
        if (l.dropout) lj["dropout_days"] = write_distribution(*l.dropout);
        if (l.has_outcomes()) lj["outcomes"] = write_outcomes(l);
        lj["cost_per_day"] = l.cost_per_day;
        lj["cost_per_admission"] = l.cost_per_admission;
        lj["cost_per_waiting_day"] = l.cost_per_waiting_day;
        j["levels"].push_back(lj);
    }
    j["transitions"] = json::array();
    for (const auto& t : s.transitions) j["transitions"].push_back({{"from", t.from}, {"to", t.to}, {"p", t.p}});
    return detail::dump_text(j, indent);
}

}  // namespace iopcare::io
