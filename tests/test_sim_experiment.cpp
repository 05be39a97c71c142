// Experiments: the grid and its numbering (row-major, first factor slowest), common random
// numbers (a factor that changes nothing gives differences of exactly zero), paired
// differences whose intervals are narrower than the unpaired ones on the same runs, the same
// results for any thread count, and the iopcare.experiment/1 format's errors.
#include <cmath>
#include <sstream>
#include <string>

#include "catch.hpp"
#include "iopcare/io/experiment.hpp"
#include "iopcare/io/scenario.hpp"
#include "iopcare/sim/experiment.hpp"

using namespace iopcare;
using namespace iopcare::sim;
using Catch::Matchers::WithinAbs;

namespace {

// continuum-ref shortened for tests, with two factors: iop capacity x residential beds.
std::string grid_json(const std::string& extra = "") {
    return R"({"format": "iopcare.experiment/1", "name": "grid", "scenario": "continuum-ref",
      "factors": [{"path": "/levels/2/capacity", "values": [140, 160, 180]},
                  {"path": "/levels/0/capacity", "values": [38, 48]}],
      "replications": 6, "seed": 7)" + extra + "}";
}

error_info problem(const std::string& text) {
    auto r = try_call([&] { return io::parse_experiment(text, "exp.json"); });
    REQUIRE_FALSE(r.ok());
    return r.error();
}

experiment shortened(experiment e, double horizon) {
    for (auto& p : e.points) p.horizon = sim_days(horizon);
    return e;
}

}  // namespace

TEST_CASE("the grid: every combination, numbered row-major with the first factor slowest", "[sim][experiment]") {
    const experiment e = io::parse_experiment(grid_json());
    REQUIRE(e.points.size() == 6);
    CHECK(grid_size(e.factors) == 6);
    // Point p = 2 a + b for iop capacity index a and residential index b.
    const std::int64_t iop[3] = {140, 160, 180}, res[2] = {38, 48};
    for (std::size_t p = 0; p < 6; ++p) {
        const auto at = e.value_indices(p);
        REQUIRE(at.size() == 2);
        CHECK(at[0] == p / 2);
        CHECK(at[1] == p % 2);
        CHECK(e.points[p].levels[2].capacity == iop[p / 2]);
        CHECK(e.points[p].levels[0].capacity == res[p % 2]);
        CHECK(e.points[p].levels[1].capacity == 18);  // untouched
    }
    CHECK(e.replications == 6);
    CHECK(e.seed == 7);
    CHECK(e.baseline == 0);
    CHECK(io::point_factors_json(e, 3) == R"({"/levels/2/capacity":160,"/levels/0/capacity":48})");
    CHECK(grid_size({}) == 1);
}

TEST_CASE("common random numbers: a factor that changes nothing gives differences of exactly zero", "[sim][experiment]") {
    // Capacities far above the census: nobody ever waits, so both points are the same run.
    experiment e = io::parse_experiment(R"({"format": "iopcare.experiment/1", "name": "roomy",
      "scenario": "continuum-ref", "replications": 4, "seed": 3,
      "factors": [{"path": "/levels/3/capacity", "values": [1000, 2000]}]})");
    e = shortened(e, 1000);
    const experiment_result r = run_experiment(e);
    REQUIRE(r.differences.size() == 1);
    const auto& d = r.differences[0];
    CHECK(d.point == 1);
    for (const auto& l : d.levels) {
        CHECK(l.occupancy.mean == 0.0);
        CHECK(l.occupancy.sd == 0.0);
        CHECK(l.mean_wait_days.mean == 0.0);
        CHECK(l.admissions_per_year.mean == 0.0);
    }
}

TEST_CASE("a paired difference has a narrower interval than the unpaired one on the same runs", "[sim][experiment]") {
    experiment e = io::parse_experiment(R"({"format": "iopcare.experiment/1", "name": "iop",
      "scenario": "continuum-ref", "replications": 10, "seed": 5, "baseline": 1,
      "factors": [{"path": "/levels/2/capacity", "values": [150, 160]}]})");
    e = shortened(e, 2000);
    const experiment_result r = run_experiment(e);
    REQUIRE(r.points.size() == 2);
    REQUIRE(r.differences.size() == 1);
    const auto& d = r.differences[0];
    CHECK(d.point == 0);
    const int n = 10;
    auto unpaired_half = [&](const summary& a, const summary& b) {
        // Welch's interval with n - 1 degrees of freedom (conservative): t sqrt(sa^2/n + sb^2/n).
        return student_t_975(n - 1) * std::sqrt((a.sd * a.sd + b.sd * b.sd) / n);
    };
    auto paired_half = [](const summary& s) { return s.ci95_high - s.mean; };
    for (std::size_t i = 0; i < 4; ++i) {
        const auto &a = r.points[0].levels[i], &b = r.points[1].levels[i];
        INFO(a.id);
        // The difference of the means, and a narrower interval than the unpaired one.
        CHECK_THAT(d.levels[i].occupancy.mean, WithinAbs(a.occupancy.mean - b.occupancy.mean, 1e-9));
        CHECK(paired_half(d.levels[i].occupancy) < unpaired_half(a.occupancy, b.occupancy));
        CHECK(paired_half(d.levels[i].admissions_per_year) < unpaired_half(a.admissions_per_year, b.admissions_per_year));
    }
    // Fewer IOP slots for the same patients: IOP runs fuller and they wait longer.
    CHECK(d.levels[2].utilization.ci95_low > 0.0);
    CHECK(d.levels[2].mean_wait_days.mean > 0.0);
}

TEST_CASE("an experiment's results are the same for 1 and 3 threads", "[sim][experiment]") {
    experiment e = shortened(io::parse_experiment(grid_json()), 600);
    std::string logs[2];
    std::vector<experiment_result> rs;
    int k = 0;
    for (int threads : {1, 3}) {
        std::ostringstream csv;
        csv_event_log log(csv, e.points.front(), true);
        run_options o;
        o.threads = threads;
        o.log = &log;
        rs.push_back(run_experiment(e, o));
        logs[k++] = csv.str();
    }
    CHECK(io::experiment_to_json(e, rs[0]) == io::experiment_to_json(e, rs[1]));
    CHECK(logs[0] == logs[1]);
    CHECK(logs[0].rfind("point,replication,patient,time_days,kind,from,to,outcome\r\n", 0) == 0);
    CHECK(logs[0].find("\n5,5,") != std::string::npos);  // the last point's last replication
}

TEST_CASE("bad experiments are reported naming the field", "[sim][experiment]") {
    CHECK(problem(R"({"format": "iopcare.scenario/1", "name": "x"})").where == "/format");
    CHECK(problem(grid_json(R"(, "baseline": 6)")).where == "/baseline");
    CHECK(problem(grid_json(R"(, "colour": 1)")).where == "/colour");
    const auto no_place = problem(R"({"format": "iopcare.experiment/1", "name": "x", "scenario": "continuum-ref",
      "replications": 2, "seed": 1, "factors": [{"path": "/levels/9/capacity", "values": [1]}]})");
    CHECK(no_place.code == errc::invalid_experiment);
    CHECK(no_place.where == "/factors/0/path");
    const auto seed = problem(R"({"format": "iopcare.experiment/1", "name": "x", "scenario": "continuum-ref",
      "replications": 2, "seed": 1, "factors": [{"path": "/seed", "values": [1, 2]}]})");
    CHECK(seed.where == "/factors/0/path");
    const auto empty = problem(R"({"format": "iopcare.experiment/1", "name": "x", "scenario": "continuum-ref",
      "replications": 2, "seed": 1, "factors": [{"path": "/levels/0/capacity", "values": []}]})");
    CHECK(empty.where == "/factors/0/values");
    // A value the scenario refuses names the point, its values and the scenario's field.
    const auto point = problem(R"({"format": "iopcare.experiment/1", "name": "x", "scenario": "continuum-ref",
      "replications": 2, "seed": 1, "factors": [{"path": "/levels/0/capacity", "values": [38, -5]}]})");
    CHECK(point.code == errc::invalid_scenario);
    CHECK(point.where == "/factors, point 1 (/levels/0/capacity = -5): /levels/0/capacity");
    const auto file = problem(R"({"format": "iopcare.experiment/1", "name": "x", "scenario": "no-such.json",
      "replications": 2, "seed": 1, "factors": []})");
    CHECK(file.code == errc::io_error);
    CHECK(file.where == "/scenario (no-such.json)");
}

TEST_CASE("a scenario file is read relative to the experiment's folder", "[sim][experiment]") {
    const experiment e = io::load_experiment(std::string(IOPCARE_SOURCE_DIR) + "/examples/formats/experiment.json");
    REQUIRE_FALSE(e.points.empty());
    CHECK(e.points.front().name == "continuum-teds");
    CHECK(e.points.size() == grid_size(e.factors));
}

TEST_CASE("points share the lognormal tables of equal stays and keep their own for the others: each point "
          "is simulate() of its scenario", "[sim][experiment]") {
    // Three points: two with iop's stay as in continuum-ref, one with a longer one.
    experiment e = io::parse_experiment(R"({"format": "iopcare.experiment/1", "name": "stays",
      "scenario": "continuum-ref", "replications": 3, "seed": 11,
      "factors": [{"path": "/levels/2/los_days", "values": [{"dist": "lognormal", "mean": 56, "sd": 21},
                                                             {"dist": "lognormal", "mean": 70, "sd": 21},
                                                             {"dist": "lognormal", "mean": 56, "sd": 21}]}]})");
    e = shortened(e, 1500);
    const experiment_result r = run_experiment(e);
    REQUIRE(r.points.size() == 3);
    for (std::size_t p = 0; p < 3; ++p) {
        run_options o;
        o.replications = 3;
        o.seed = 11;
        const simulation_result alone = simulate(e.points[p], o);
        for (std::size_t i = 0; i < alone.levels.size(); ++i) {
            CHECK(r.points[p].levels[i].occupancy.mean == alone.levels[i].occupancy.mean);
            CHECK(r.points[p].levels[i].mean_los_days.mean == alone.levels[i].mean_los_days.mean);
        }
    }
    CHECK(r.points[0].levels[2].mean_los_days.mean == r.points[2].levels[2].mean_los_days.mean);
    CHECK(r.points[1].levels[2].mean_los_days.mean > r.points[0].levels[2].mean_los_days.mean + 5.0);
}
