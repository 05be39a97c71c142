// iopcare.experiment/1: reading an experiment and building its grid of design points by
// setting JSON pointers in the scenario's JSON (see iopcare/io/experiment.hpp).
#include <filesystem>

#include "io/json_reader.hpp"
#include "iopcare/io/continuum_json.hpp"
#include "iopcare/io/experiment.hpp"
#include "iopcare/io/scenario.hpp"

namespace iopcare::io {

namespace {

using detail::json;
using detail::object_reader;

[[noreturn]] void bad(std::string where, std::string value, std::string message) {
    throw error(errc::invalid_experiment, std::move(where), std::move(value), std::move(message));
}

// The base scenario: an embedded one by name, or a file relative to the experiment's folder
// whose errors name that file.
sim::scenario read_base(object_reader& r, std::string_view source) {
    const std::string name = r.string("scenario");
    if (auto s = sim::embedded_scenario(name)) return *s;
    const std::filesystem::path given(name);
    const std::string path =
        given.is_absolute() ? name : (std::filesystem::path(source).parent_path() / given).lexically_normal().string();
    // A file the experiment names is read only when it is a file: never a device or a FIFO,
    // which could be read forever.
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
        throw error(errc::io_error, r.path_of("scenario"), name, "not a regular file (" + path + ")");
    }
    try {
        return load_scenario(path);
    } catch (const error& e) {
        // "/scenario (FILE:2:14)", "/scenario (FILE) /levels/0/capacity".
        error_info info = e.info();
        const bool named = info.where.starts_with(path);
        info.set_where(r.path_of("scenario") + " (" + (named ? info.where : path) + ")" +
                       (named || info.where.empty() ? "" : " " + info.where));
        throw error(std::move(info));
    }
}

// Whether the pointer's parent is in the scenario. nlohmann's contains() throws, rather than
// answering false, for an array index it cannot read ("/levels//capacity", an index past
// 2^64); that is the same answer here: no such place.
bool has_parent(const json& base, const json::json_pointer& ptr) {
    if (ptr.empty()) return false;
    try {
        return base.contains(ptr.parent_pointer());
    } catch (const json::exception&) {
        return false;
    }
}

sim::factor read_factor(const json& j, const std::string& at, const json& base) {
    object_reader r(j, at);
    sim::factor f;
    f.path = r.string("path");
    json::json_pointer ptr;
    try {
        ptr = json::json_pointer(f.path);
    } catch (const json::exception&) {
        bad(at + "/path", f.path, "expected a JSON pointer into the scenario, such as \"/levels/2/capacity\"");
    }
    if (f.path == "/seed" || f.path == "/replications") {
        bad(at + "/path", f.path, "the experiment's own seed and replications are the same for every point");
    }
    if (!has_parent(base, ptr)) {
        bad(at + "/path", f.path, "no such place in the scenario (its JSON as iopcare.scenario/1 writes it)");
    }
    const json& values = r.array("values");
    if (values.empty()) bad(at + "/values", "", "a factor needs at least one value");
    for (const json& v : values) f.values.push_back(v.dump());
    r.finish();
    return f;
}

// The grid's size, bounded: at most max_design_points points, and at most
// max_design_entries levels and transitions in all the points' scenarios (each point is a
// scenario in memory).
std::size_t checked_grid(const std::vector<sim::factor>& factors, const sim::scenario& base) {
    std::size_t n = 1;
    for (const auto& f : factors) {
        if (f.values.size() > max_design_points || n * f.values.size() > max_design_points) {
            bad("/factors", "more than " + std::to_string(max_design_points) + " points",
                "the grid of the factors' values may have at most " + std::to_string(max_design_points) + " points");
        }
        n *= f.values.size();
    }
    const std::size_t entries = n * (base.levels.size() + base.transitions.size());
    if (entries > max_design_entries) {
        bad("/factors", std::to_string(n) + " points of " + std::to_string(base.levels.size() + base.transitions.size()) +
                            " levels and transitions",
            "the points may hold at most " + std::to_string(max_design_entries) +
                " levels and transitions in all (each point is a scenario in memory)");
    }
    return n;
}

// Point p's scenario: the base's JSON with each factor's value set, read back (and validated).
sim::scenario build_point(const sim::experiment& e, std::size_t p, const json& base) {
    json j = base;
    const auto at = e.value_indices(p);
    for (std::size_t k = 0; k < e.factors.size(); ++k) {
        try {
            j[json::json_pointer(e.factors[k].path)] = json::parse(e.factors[k].values[at[k]]);
        } catch (const json::exception&) {  // an array index that is not a number, say
            bad("/factors/" + std::to_string(k) + "/path", e.factors[k].path, "cannot be set in the scenario");
        }
    }
    const std::string label = e.point_label(p);
    try {
        return parse_scenario(j.dump(), label);
    } catch (const error& x) {
        error_info info = x.info();
        info.set_where(label + (info.where.empty() ? "" : ": " + info.where));
        throw error(std::move(info));
    }
}

}  // namespace

sim::experiment parse_experiment(std::string_view json_text, std::string_view source) {
    const json doc = detail::parse(json_text, source);
    object_reader r(doc, "");
    r.expect_format("iopcare.experiment/1");
    sim::experiment e;
    e.name = r.string("name");
    const sim::scenario base = read_base(r, source);
    const json base_json = json::parse(to_json(base));
    const json& factors = r.array("factors");
    for (std::size_t i = 0; i < factors.size(); ++i) {
        const std::string at = "/factors/" + std::to_string(i);
        e.factors.push_back(read_factor(factors[i], at, base_json));
        for (std::size_t k = 0; k < i; ++k) {
            if (e.factors[k].path == e.factors[i].path) bad(at + "/path", e.factors[i].path, "this path is already a factor");
        }
    }
    e.replications = r.integer<int>("replications", 1, 1000000, errc::invalid_experiment, "expected 1 to 1000000");
    e.seed = r.integer<std::uint64_t>("seed", 0, std::numeric_limits<std::uint64_t>::max(), errc::invalid_experiment,
                                      "a seed must be a whole number from 0 to 18446744073709551615");
    const std::size_t points = checked_grid(e.factors, base);
    e.baseline = r.optional_integer<std::size_t>("baseline", 0, points - 1, errc::invalid_experiment,
                                                 "the baseline is a point's index, from 0 to " + std::to_string(points - 1))
                     .value_or(0);
    r.finish();
    e.points.reserve(points);
    for (std::size_t p = 0; p < points; ++p) e.points.push_back(build_point(e, p, base_json));
    return e;
}

sim::experiment load_experiment(const std::string& path) { return parse_experiment(read_text_file(path), path); }

std::string point_factors_json(const sim::experiment& e, std::size_t point) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    const auto at = e.value_indices(point);
    for (std::size_t k = 0; k < e.factors.size(); ++k) j[e.factors[k].path] = json::parse(e.factors[k].values[at[k]]);
    return detail::dump_text(j, -1);
}

}  // namespace iopcare::io
