// The iopcare.rules/1 loader and writer.
#include "iopcare/io/rules.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <type_traits>
#include <utility>

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

bool read_bool(object_reader& r, std::string_view key, bool inherited) {
    const json* v = r.find(key);
    if (!v) return inherited;
    if (!v->is_boolean()) detail::wrong_type(r.path_of(key), *v, "true or false");
    return v->get<bool>();
}

// An optional whole number from 1 to `high` (a count, or a duration in months or days); null
// removes an inherited one.
template <class T>
std::optional<T> read_optional_count(object_reader& r, std::string_view key, std::optional<T> inherited,
                                     std::int64_t high) {
    const json* v = r.find(key);
    if (!v) return inherited;
    if (v->is_null()) return std::nullopt;
    const auto n = object_reader::as_integer(*v, r.path_of(key));
    if (n < 1 || n > high) {
        throw error(errc::invalid_rule_set, r.path_of(key), std::to_string(n),
                    "expected an integer from 1 to " + std::to_string(high));
    }
    if constexpr (std::is_arithmetic_v<T>) return static_cast<T>(n);
    else return T{n};
}

void read_weekly(object_reader& r, hour_band& band) {
    band.minimum = read_hours(r, "min_weekly_hours", band.minimum).value_or(minutes{0});
    band.maximum = read_hours(r, "max_weekly_hours", band.maximum);
    band.maximum_inclusive = read_bool(r, "max_inclusive", band.maximum_inclusive);
}

void read_days(object_reader& r, rule_set& rs) {
    rs.min_days_per_week = read_count(r, "min_days_per_week", rs.min_days_per_week, 7);
    rs.min_daily = read_hours(r, "min_daily_hours", rs.min_daily).value_or(minutes{0});
    rs.min_services_per_day = read_count(r, "min_services_per_day", rs.min_services_per_day, 100);
}

std::vector<std::string> read_service_ids(const json& list, const std::string& path) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < list.size(); ++i)
        out.push_back(object_reader::as_string(list[i], path + "/" + std::to_string(i)));
    return out;
}

// Each object of an array, read by `read_one` (unknown keys are errors).
template <class ReadOne>
auto read_objects(const json& list, const std::string& path, ReadOne read_one) {
    std::vector<decltype(read_one(std::declval<object_reader&>()))> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        object_reader r(list[i], path + "/" + std::to_string(i));
        out.push_back(read_one(r));
        r.finish();
    }
    return out;
}

service_requirement read_requirement(object_reader& m) {
    service_requirement q;
    q.service = m.string("service");
    q.min_count = read_count(m, "min_count", 1, 1000);
    q.per_weeks = read_count(m, "per_weeks", 1, 52);
    if (m.has("within_first_days")) q.within_first_days = read_count(m, "within_first_days", 0, 3660);
    q.source = m.optional_string("source").value_or("");
    return q;
}

day_tier read_day_tier(object_reader& t) {
    day_tier d;
    d.min_services = read_count(t, "min_services", 0, 100);
    d.label = t.string("label");
    return d;
}

void read_certification(object_reader& r, rule_set& rs) {
    rs.certification_required = read_bool(r, "certification_required", rs.certification_required);
    rs.recertification_interval =
        read_optional_count(r, "recertification_interval_months", rs.recertification_interval, 120);
    rs.recertification_interval_days =
        read_optional_count(r, "recertification_interval_days", rs.recertification_interval_days, 3660);
    rs.first_recertification_day = read_optional_count(r, "first_recertification_day", rs.first_recertification_day, 3660);
    rs.first_recertification_basis = read_choice(r, "first_recertification_basis", rs.first_recertification_basis,
                                                 parse_stay_day_basis, "\"calendar_day\" or \"service_day\"");
}

rule_set start_from(object_reader& r) {
    if (const auto base = r.optional_string("extends")) {
        auto b = try_builtin_rules(*base);
        if (!b) {
            error_info e = b.error();
            e.set_where(r.path_of("extends"));
            throw error(std::move(e));
        }
        return *b;
    }
    if (!r.has("id")) {
        throw error(errc::missing_field, r.path_of("id"), "",
                    "required field 'id' is missing (or name a built-in set in \"extends\")");
    }
    return rule_set{};
}

// The library's own checks (min above max, unknown services, ...) name fields as the struct
// does (minutes); the file names them as its keys (hours) and as JSON paths.
[[noreturn]] void throw_as_file_problem(error_info e) {
    auto as_hours = [](const std::string& minutes_text) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", std::strtod(minutes_text.c_str(), nullptr) / 60.0);
        return std::string(buf);
    };
    std::string key = e.where;
    if (key == "min_weekly" || key == "max_weekly" || key == "min_daily") {
        key += "_hours";
        e.value = as_hours(e.value);
    } else if (key == "recertification_interval") {
        key += "_months";
    }
    e.set_where(key.empty() || key.front() != '/' ? "/" + key : key);
    throw error(std::move(e));
}

}  // namespace

rule_set parse_rules(std::string_view json_text, std::string_view source) {
    const json doc = detail::parse(json_text, source);
    object_reader r(doc, "");
    r.expect_format("iopcare.rules/1");
    rule_set rs = start_from(r);
    rs.id = r.optional_string("id").value_or(rs.id);
    rs.name = r.optional_string("name").value_or(rs.name.empty() ? rs.id : rs.name);
    rs.source = r.optional_string("source").value_or(rs.source);
    read_weekly(r, rs.weekly);
    read_days(r, rs);
    if (const json* cs = r.optional_array("counted_services"))
        rs.counted_services = read_service_ids(*cs, r.path_of("counted_services"));
    rs.week_start = read_choice(r, "week_start", rs.week_start, parse_week_start_day, "\"monday\" or \"sunday\"");
    rs.weeks = read_choice(r, "weeks", rs.weeks, parse_week_kind, "\"calendar\" or \"rolling\"");
    rs.edge_weeks =
        read_choice(r, "edge_weeks", rs.edge_weeks, parse_edge_week_policy, "\"exempt\", \"prorated\" or \"strict\"");
    rs.closures = read_choice(r, "closures", rs.closures, parse_closure_policy, "\"ignore\" or \"prorate\"");
    rs.step_down_allowance = read_count(r, "step_down_allowance_weeks", rs.step_down_allowance, 52);
    rs.higher_level_review_after = read_count(r, "higher_level_review_after_weeks", rs.higher_level_review_after, 52);
    if (const json* mix = r.optional_array("service_mix"))
        rs.service_mix = read_objects(*mix, r.path_of("service_mix"), read_requirement);
    if (const json* tiers = r.optional_array("day_tiers"))
        rs.day_tiers = read_objects(*tiers, r.path_of("day_tiers"), read_day_tier);
    read_certification(r, rs);
    r.finish();
    auto problems = rule_set_problems(rs);
    if (!problems.empty()) throw_as_file_problem(std::move(problems.front()));
    return rs;
}

rule_set load_rules(const std::string& path) { return parse_rules(read_text_file(path), path); }

namespace {

using ordered = nlohmann::ordered_json;

ordered hours_or_null(std::optional<minutes> m) {
    if (!m || m->count() == 0) return nullptr;
    return static_cast<double>(m->count()) / 60.0;
}

template <class T>
ordered count_or_null(const std::optional<T>& v) {
    if (!v) return nullptr;
    if constexpr (std::is_arithmetic_v<T>) return *v;
    else return v->count();
}

ordered service_mix_json(const std::vector<service_requirement>& mix) {
    ordered out = ordered::array();
    for (const auto& q : mix) {
        ordered m{{"service", q.service}, {"min_count", q.min_count}, {"per_weeks", q.per_weeks}};
        if (q.within_first_days) m["within_first_days"] = *q.within_first_days;
        if (!q.source.empty()) m["source"] = q.source;
        out.push_back(std::move(m));
    }
    return out;
}

ordered day_tiers_json(const std::vector<day_tier>& tiers) {
    ordered out = ordered::array();
    for (const auto& t : tiers) out.push_back(ordered{{"min_services", t.min_services}, {"label", t.label}});
    return out;
}

}  // namespace

std::string to_json(const rule_set& rs, int indent) {
    ordered j;
    j["format"] = "iopcare.rules/1";
    j["id"] = rs.id;
    j["name"] = rs.name;
    j["source"] = rs.source;
    j["min_weekly_hours"] = hours_or_null(rs.weekly.minimum);
    j["max_weekly_hours"] = hours_or_null(rs.weekly.maximum);
    j["max_inclusive"] = rs.weekly.maximum_inclusive;
    j["min_days_per_week"] = rs.min_days_per_week;
    j["min_daily_hours"] = static_cast<double>(rs.min_daily.count()) / 60.0;
    j["min_services_per_day"] = rs.min_services_per_day;
    j["counted_services"] = rs.counted_services;
    j["week_start"] = std::string(to_string(rs.week_start));
    j["weeks"] = std::string(to_string(rs.weeks));
    j["edge_weeks"] = std::string(to_string(rs.edge_weeks));
    j["closures"] = std::string(to_string(rs.closures));
    j["step_down_allowance_weeks"] = rs.step_down_allowance;
    j["higher_level_review_after_weeks"] = rs.higher_level_review_after;
    j["service_mix"] = service_mix_json(rs.service_mix);
    j["day_tiers"] = day_tiers_json(rs.day_tiers);
    j["certification_required"] = rs.certification_required;
    j["recertification_interval_months"] = count_or_null(rs.recertification_interval);
    j["recertification_interval_days"] = count_or_null(rs.recertification_interval_days);
    j["first_recertification_day"] = count_or_null(rs.first_recertification_day);
    j["first_recertification_basis"] = std::string(to_string(rs.first_recertification_basis));
    return detail::dump_text(j, indent);
}

}  // namespace iopcare::io
