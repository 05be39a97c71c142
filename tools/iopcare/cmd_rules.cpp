// iopcare rules --list [--format text|json]
// iopcare rules --show ID [--format text|json]
// The built-in rule sets, so a user can read (and, from the JSON, edit) what validate applies.
// JSON is iopcare.rules/1: `--show ID --format json > mine.json` is a rule file validate reads.
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <iopcare/io/rules.hpp>
#include <iopcare/rules.hpp>

#include "cli.hpp"

namespace iopcare::cli {

namespace {

struct rules_options {
    bool list = false;
    std::string show;
    std::string format = "text";
};

template <class T>
std::string count_text(const std::optional<T>& v) {
    if (!v) return "-";
    if constexpr (std::is_arithmetic_v<T>) return std::to_string(*v);
    else return std::to_string(v->count());
}

std::string hours_value(std::chrono::minutes m) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", static_cast<double>(m.count()) / 60.0);
    return buf;
}

std::string joined(const std::vector<std::string>& parts, const char* none) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out.empty() ? none : out;
}

std::string service_mix_text(const std::vector<service_requirement>& mix) {
    std::vector<std::string> parts;
    for (const auto& q : mix) {
        parts.push_back(q.service + " >= " + std::to_string(q.min_count) + " per " + std::to_string(q.per_weeks) +
                        " week(s)" +
                        (q.within_first_days ? " in the first " + std::to_string(*q.within_first_days) + " days" : ""));
    }
    return joined(parts, "-");
}

std::string day_tiers_text(const std::vector<day_tier>& tiers) {
    std::vector<std::string> parts;
    for (const auto& t : tiers) parts.push_back(t.label + " >= " + std::to_string(t.min_services));
    return joined(parts, "-");
}

// Every field, one a line, named as the rule file's keys.
std::string rules_text(const rule_set& r) {
    const std::pair<const char*, std::string> fields[] = {
        {"name", r.name},
        {"source", r.source},
        {"weekly hours", r.weekly.minimum.count() == 0 && !r.weekly.maximum ? "-" : r.weekly.describe()},
        {"min_days_per_week", std::to_string(r.min_days_per_week)},
        {"min_daily_hours", hours_value(r.min_daily)},
        {"min_services_per_day", std::to_string(r.min_services_per_day)},
        {"counted_services", joined(r.counted_services, "the catalog's clinical services")},
        {"week_start", std::string(to_string(r.week_start))},
        {"weeks", std::string(to_string(r.weeks))},
        {"edge_weeks", std::string(to_string(r.edge_weeks))},
        {"closures", std::string(to_string(r.closures))},
        {"step_down_allowance_weeks", std::to_string(r.step_down_allowance)},
        {"higher_level_review_after_weeks", std::to_string(r.higher_level_review_after)},
        {"service_mix", service_mix_text(r.service_mix)},
        {"day_tiers", day_tiers_text(r.day_tiers)},
        {"certification_required", r.certification_required ? "true" : "false"},
        {"recertification_interval_months", count_text(r.recertification_interval)},
        {"recertification_interval_days", count_text(r.recertification_interval_days)},
        {"first_recertification_day", count_text(r.first_recertification_day)},
        {"first_recertification_basis", std::string(to_string(r.first_recertification_basis))},
    };
    std::string out = r.id + "\n";
    for (const auto& [key, value] : fields) out += "  " + std::string(key) + ": " + value + "\n";
    return out;
}

rule_set builtin_named(const std::string& id) {
    auto r = try_builtin_rules(id);
    if (r) return *r;
    error_info e = r.error();
    e.set_where("--show");
    throw error(std::move(e));
}

std::string list_text() {
    std::string out;
    for (auto id : builtin_rule_ids()) {
        const auto r = builtin_rules(id);
        out += r.id + std::string(r.id.size() < 20 ? 20 - r.id.size() : 1, ' ') + r.name + "\n";
    }
    return out;
}

// The built-in sets as a JSON array of iopcare.rules/1 documents.
std::string list_json() {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (auto id : builtin_rule_ids()) all.push_back(nlohmann::ordered_json::parse(io::to_json(builtin_rules(id))));
    return all.dump(2);
}

}  // namespace

void add_rules(CLI::App& app, command& run) {
    auto* cmd = app.add_subcommand("rules", "Print the built-in hour-requirement rule sets (iopcare.rules/1)");
    auto o = std::make_shared<rules_options>();
    std::string ids;
    for (auto id : builtin_rule_ids()) ids += (ids.empty() ? "" : ", ") + std::string(id);
    auto* list = cmd->add_flag("--list", o->list, "list the built-in rule sets");
    auto* show = cmd->add_option("--show", o->show, "print one built-in rule set (" + ids + ")");
    list->excludes(show);
    cmd->add_option("--format", o->format, "text or json (iopcare.rules/1)")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    cmd->callback([&run, o] {
        if (!o->list && o->show.empty()) throw CLI::RequiredError("--list or --show ID");
        run = [o](std::string& out) {
            const bool json = o->format == "json";
            if (o->list) out = json ? list_json() : list_text();
            else out = json ? io::to_json(builtin_named(o->show), 2) : rules_text(builtin_named(o->show));
            return exit_ok;
        };
    });
}

}  // namespace iopcare::cli
