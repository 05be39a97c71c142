// The iopcare.rules/1 loader and writer.
#include "iopcare/io/rules.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "iopcare/io/continuum_json.hpp"
#include "io/json_reader.hpp"

namespace iopcare::io {

namespace {

using detail::json;
using detail::object_reader;
using namespace std::chrono;

std::optional<minutes> read_hours(object_reader& r, std::string_view key, std::optional<minutes> inherited) {
    const json* v = r.find(key);
    if (!v) return inherited;
    if (v->is_null()) return std::nullopt;
    const double h = object_reader::as_number(*v, r.path_of(key));
    if (h < 0 || h > 168) {
        throw error(errc::invalid_rule_set, r.path_of(key), detail::show(*v), "expected hours from 0 to 168");
    }
    // Limits are kept in whole minutes: a value between two (9.001 h) is refused rather than
    // rounded to one the user did not write; a hundredth of a minute absorbs decimal rounding.
    const double m = h * 60.0;
    if (std::abs(m - std::round(m)) > 0.01) {
        throw error(errc::invalid_rule_set, r.path_of(key), detail::show(*v),
                    "hour limits are whole minutes; this is " + detail::show(json(m)) + " minutes");
    }
    return minutes{static_cast<std::int64_t>(std::llround(m))};
}

unsigned read_count(object_reader& r, std::string_view key, unsigned inherited, std::int64_t max) {
    const json* v = r.find(key);
    if (!v) return inherited;
    const auto n = object_reader::as_integer(*v, r.path_of(key));
    if (n < 0 || n > max) {
        throw error(errc::invalid_rule_set, r.path_of(key), std::to_string(n),
                    "expected an integer from 0 to " + std::to_string(max));
    }
    return static_cast<unsigned>(n);
}

template <class T, class Parse>
T read_choice(object_reader& r, std::string_view key, T inherited, Parse parse, const char* expected) {
    const auto text = r.optional_string(key);
    if (!text) return inherited;
    const auto v = parse(*text);
    if (!v) throw error(errc::invalid_rule_set, r.path_of(key), *text, std::string("expected ") + expected);
    return *v;
}

}  // namespace

rule_set parse_rules(std::string_view json_text, std::string_view source) {
    const json doc = detail::parse(json_text, source);
    object_reader r(doc, "");
    r.expect_format("iopcare.rules/1");
    rule_set rs;
    if (const auto base = r.optional_string("extends")) {
        auto b = try_builtin_rules(*base);
        if (!b) {
            error_info e = b.error();
            e.where = r.path_of("extends");
            throw error(std::move(e));
        }
        rs = *b;
    } else if (!r.has("id")) {
        throw error(errc::missing_field, r.path_of("id"), "",
                    "required field 'id' is missing (or name a built-in set in \"extends\")");
    }
    rs.id = r.optional_string("id").value_or(rs.id);
    rs.name = r.optional_string("name").value_or(rs.name.empty() ? rs.id : rs.name);
    rs.source = r.optional_string("source").value_or(rs.source);
    rs.min_weekly = read_hours(r, "min_weekly_hours", rs.min_weekly);
    rs.max_weekly = read_hours(r, "max_weekly_hours", rs.max_weekly);
    if (const json* v = r.find("max_inclusive")) {
        if (!v->is_boolean()) detail::wrong_type(r.path_of("max_inclusive"), *v, "true or false");
        rs.max_inclusive = v->get<bool>();
    }
    rs.min_days_per_week = read_count(r, "min_days_per_week", rs.min_days_per_week, 7);
    if (const auto daily = read_hours(r, "min_daily_hours", rs.min_daily)) rs.min_daily = *daily;
    else rs.min_daily = minutes{0};
    rs.min_services_per_day = read_count(r, "min_services_per_day", rs.min_services_per_day, 100);
    if (const json* cs = r.optional_array("counted_services")) {
        rs.counted_services.clear();
        for (std::size_t i = 0; i < cs->size(); ++i) {
            rs.counted_services.push_back(
                object_reader::as_string((*cs)[i], r.path_of("counted_services") + "/" + std::to_string(i)));
        }
    }
    rs.week_start = read_choice(r, "week_start", rs.week_start, parse_week_start_day, "\"monday\" or \"sunday\"");
    rs.weeks = read_choice(r, "weeks", rs.weeks, parse_week_kind, "\"calendar\" or \"rolling\"");
    rs.edge_weeks =
        read_choice(r, "edge_weeks", rs.edge_weeks, parse_edge_week_policy, "\"exempt\", \"prorated\" or \"strict\"");
    rs.step_down_allowance = read_count(r, "step_down_allowance_weeks", rs.step_down_allowance, 52);
    rs.higher_level_review_after = read_count(r, "higher_level_review_after_weeks", rs.higher_level_review_after, 52);
    if (const json* mix = r.optional_array("service_mix")) {
        rs.service_mix.clear();
        for (std::size_t i = 0; i < mix->size(); ++i) {
            object_reader m((*mix)[i], r.path_of("service_mix") + "/" + std::to_string(i));
            service_requirement q;
            q.service = m.string("service");
            q.min_count = read_count(m, "min_count", 1, 1000);
            q.per_weeks = read_count(m, "per_weeks", 1, 52);
            if (m.has("within_first_days")) q.within_first_days = read_count(m, "within_first_days", 0, 3660);
            q.source = m.optional_string("source").value_or("");
            m.finish();
            rs.service_mix.push_back(std::move(q));
        }
    }
    if (const json* v = r.find("recertification_interval_months")) {
        if (v->is_null()) {
            rs.recertification_interval.reset();
        } else {
            const auto n = object_reader::as_integer(*v, r.path_of("recertification_interval_months"));
            if (n < 1 || n > 120) {
                throw error(errc::invalid_rule_set, r.path_of("recertification_interval_months"), std::to_string(n),
                            "expected an integer from 1 to 120");
            }
            rs.recertification_interval = months{n};
        }
    }
    r.finish();

    // The library's own checks (min above max, unknown services, ...), placed as JSON paths.
    const auto problems = rule_set_problems(rs);
    if (!problems.empty()) {
        error_info e = problems.front();
        // The library names fields as the struct does (minutes); name them as the file does.
        auto as_hours = [](const std::string& minutes_text) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%g", std::strtod(minutes_text.c_str(), nullptr) / 60.0);
            return std::string(buf);
        };
        if (e.where == "min_weekly" || e.where == "max_weekly" || e.where == "min_daily") {
            e.where += "_hours";
            e.value = as_hours(e.value);
        } else if (e.where == "recertification_interval") {
            e.where += "_months";
        } else if (e.where == "step_down_allowance" || e.where == "higher_level_review_after") {
            e.where += "_weeks";
        }
        if (e.where.empty() || e.where.front() != '/') e.where = "/" + e.where;
        throw error(std::move(e));
    }
    return rs;
}

rule_set load_rules(const std::string& path) { return parse_rules(read_text_file(path), path); }

std::string to_json(const rule_set& rs, int indent) {
    nlohmann::ordered_json j;
    j["format"] = "iopcare.rules/1";
    j["id"] = rs.id;
    j["name"] = rs.name;
    j["source"] = rs.source;
    auto hours = [](std::optional<minutes> m) -> nlohmann::ordered_json {
        if (!m) return nullptr;
        return static_cast<double>(m->count()) / 60.0;
    };
    j["min_weekly_hours"] = hours(rs.min_weekly);
    j["max_weekly_hours"] = hours(rs.max_weekly);
    j["max_inclusive"] = rs.max_inclusive;
    j["min_days_per_week"] = rs.min_days_per_week;
    j["min_daily_hours"] = static_cast<double>(rs.min_daily.count()) / 60.0;
    j["min_services_per_day"] = rs.min_services_per_day;
    j["counted_services"] = rs.counted_services;
    j["week_start"] = std::string(to_string(rs.week_start));
    j["weeks"] = std::string(to_string(rs.weeks));
    j["edge_weeks"] = std::string(to_string(rs.edge_weeks));
    j["step_down_allowance_weeks"] = rs.step_down_allowance;
    j["higher_level_review_after_weeks"] = rs.higher_level_review_after;
    nlohmann::ordered_json mix = nlohmann::ordered_json::array();
    for (const auto& q : rs.service_mix) {
        nlohmann::ordered_json m{{"service", q.service}, {"min_count", q.min_count}, {"per_weeks", q.per_weeks}};
        if (q.within_first_days) m["within_first_days"] = *q.within_first_days;
        if (!q.source.empty()) m["source"] = q.source;
        mix.push_back(std::move(m));
    }
    j["service_mix"] = std::move(mix);
    if (rs.recertification_interval) j["recertification_interval_months"] = rs.recertification_interval->count();
    else j["recertification_interval_months"] = nullptr;
    return j.dump(indent);
}

}  // namespace iopcare::io
