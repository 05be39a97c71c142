// iopcare.scenario/1: the shipped continuum-ref file equals the embedded scenario; errors name
// the JSON path.
#include <string>

#include "catch.hpp"
#include "iopcare/io/continuum_json.hpp"
#include "iopcare/io/scenario.hpp"

using namespace iopcare;
using namespace iopcare::sim;

namespace {

error_info parse_error_of(const std::string& text) {
    auto r = try_call([&] { return io::parse_scenario(text); });
    REQUIRE_FALSE(r.ok());
    return r.error();
}

std::string minimal(const std::string& level_extra, const std::string& los = R"({"dist": "exponential", "mean": 5})") {
    return R"({"name": "t", "horizon_days": 100, "levels": [{"id": "iop", "code": "2.1", "capacity": 4, "los_days": )" + los +
           level_extra + R"(}], "transitions": [{"from": "iop", "to": "discharge", "p": 1}]})";
}

}  // namespace

TEST_CASE("examples/continuum-ref.json is the embedded continuum-ref", "[sim][json]") {
    const scenario f = io::load_scenario(std::string(IOPCARE_SOURCE_DIR) + "/examples/continuum-ref.json");
    const scenario e = continuum_ref();
    CHECK(f.name == e.name);
    CHECK(f.horizon == e.horizon);
    CHECK(f.warmup == e.warmup);
    CHECK(f.replications == e.replications);
    CHECK(f.seed == e.seed);
    REQUIRE(f.levels.size() == e.levels.size());
    for (std::size_t i = 0; i < f.levels.size(); ++i) {
        CHECK(f.levels[i].id == e.levels[i].id);
        CHECK(f.levels[i].code == e.levels[i].code);
        CHECK(f.levels[i].capacity == e.levels[i].capacity);
        CHECK(f.levels[i].los == e.levels[i].los);
        CHECK(f.levels[i].arrivals.rate_per_day == e.levels[i].arrivals.rate_per_day);
    }
    REQUIRE(f.transitions.size() == e.transitions.size());
    for (std::size_t i = 0; i < f.transitions.size(); ++i) {
        CHECK(f.transitions[i].from == e.transitions[i].from);
        CHECK(f.transitions[i].to == e.transitions[i].to);
        CHECK(f.transitions[i].p == e.transitions[i].p);
    }
}

TEST_CASE("to_json reads back to the same scenario", "[sim][json]") {
    scenario s = continuum_ref();
    s.levels[1].capacity.reset();
    s.levels[2].dropout = duration_distribution::weibull(1.5, sim_days(40));
    s.levels[3].arrivals = arrival_process::weekly({1, 1, 1, 1, 1, 0.2, 0.2});
    s.blocking = blocking_policy::hold;
    const scenario back = io::parse_scenario(io::to_json(s));
    CHECK_FALSE(back.levels[1].capacity.has_value());
    CHECK(back.levels[2].dropout == s.levels[2].dropout);
    CHECK(back.levels[3].arrivals.weekly_rates_per_day == s.levels[3].arrivals.weekly_rates_per_day);
    CHECK(back.blocking == blocking_policy::hold);
    CHECK(back.levels[0].los == s.levels[0].los);
}

TEST_CASE("scenario JSON errors name the path", "[sim][json]") {
    CHECK(parse_error_of(minimal(R"(, "beds": 3)")).where == "/levels/0/beds");
    CHECK(parse_error_of(minimal(R"(, "beds": 3)")).code == errc::unknown_field);
    const auto sd = parse_error_of(minimal("", R"({"dist": "lognormal", "mean": 5, "sd": -2})"));
    CHECK(sd.code == errc::invalid_distribution);
    CHECK(sd.where == "/levels/0/los_days/sd");
    CHECK(parse_error_of(minimal("", R"({"dist": "beta", "a": 1})")).where == "/levels/0/los_days/dist");
    CHECK(parse_error_of(minimal(R"(, "arrivals_per_day": "many")")).where == "/levels/0/arrivals_per_day");
    CHECK(parse_error_of(R"({"name": "t", "levels": []})").where == "/horizon_days");
    CHECK(parse_error_of(R"({"format": "iopcare.schedule/1"})").code == errc::unknown_format);
    const auto neg = parse_error_of(minimal("").replace(minimal("").find("\"capacity\": 4"), 13, "\"capacity\": -1"));
    CHECK(neg.where == "/levels/0/capacity");
}

TEST_CASE("examples/continuum-teds.json is the embedded continuum-teds", "[sim][json]") {
    const scenario f = io::load_scenario(std::string(IOPCARE_SOURCE_DIR) + "/examples/continuum-teds.json");
    const scenario e = continuum_teds();
    // Written back, both are the same document, every number included.
    CHECK(io::to_json(f) == io::to_json(e));
    CHECK(f.levels[1].outcome(discharge_outcome::completed).los == e.levels[1].outcome(discharge_outcome::completed).los);
}

TEST_CASE("outcomes and costs in scenario JSON", "[sim][json]") {
    const scenario s = io::parse_scenario(minimal(
        R"(, "outcomes": {"completed": 0.6, "dropped_out": {"p": 0.4, "los_days": {"dist": "fixed", "value": 3}}},
             "cost_per_day": 120.5, "cost_per_admission": 40)"));
    const level_spec& l = s.levels[0];
    CHECK(l.outcome(discharge_outcome::completed).p == 0.6);
    CHECK_FALSE(l.outcome(discharge_outcome::completed).los.has_value());
    CHECK(l.outcome(discharge_outcome::dropped_out).p == 0.4);
    CHECK(l.outcome(discharge_outcome::dropped_out).los == duration_distribution::fixed(sim_days(3)));
    CHECK(l.cost_per_day == 120.5);
    CHECK(l.cost_per_admission == 40.0);
    CHECK(l.cost_per_waiting_day == 0.0);
    const scenario back = io::parse_scenario(io::to_json(s));
    CHECK(io::to_json(back) == io::to_json(s));

    CHECK(parse_error_of(minimal(R"(, "outcomes": {"finished": 1})")).where == "/levels/0/outcomes/finished");
    CHECK(parse_error_of(minimal(R"(, "outcomes": {"completed": {"p": 1, "los": 3}})")).where ==
          "/levels/0/outcomes/completed/los");
    const auto sum = parse_error_of(minimal(R"(, "outcomes": {"completed": 0.5, "other": 0.4})"));
    CHECK(sum.where == "/levels/0 (iop) outcomes");
    CHECK(sum.value == "0.9");
    CHECK(parse_error_of(minimal(R"(, "cost_per_day": -3)")).where == "/levels/0/cost_per_day");
    CHECK(parse_error_of(minimal(R"(, "cost_per_day": "cheap")")).where == "/levels/0/cost_per_day");
}
