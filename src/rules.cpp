// Rule sets: enum names, the built-in sets with their sources, and the consistency check.
#include "iopcare/rules.hpp"

#include <array>

namespace iopcare {

using namespace std::chrono;
using namespace std::chrono_literals;

std::string_view to_string(week_start_day d) noexcept {
    switch (d) {
        case week_start_day::monday: return "monday";
        case week_start_day::sunday: return "sunday";
    }
    return "unknown";
}

std::string_view to_string(week_kind k) noexcept {
    switch (k) {
        case week_kind::calendar: return "calendar";
        case week_kind::rolling: return "rolling";
    }
    return "unknown";
}

std::string_view to_string(edge_week_policy p) noexcept {
    switch (p) {
        case edge_week_policy::exempt: return "exempt";
        case edge_week_policy::prorated: return "prorated";
        case edge_week_policy::strict: return "strict";
    }
    return "unknown";
}

namespace {
template <class E, std::size_t N>
std::optional<E> parse_enum(std::string_view text, const std::array<E, N>& all) noexcept {
    for (auto e : all)
        if (to_string(e) == text) return e;
    return std::nullopt;
}
}  // namespace

std::optional<week_start_day> parse_week_start_day(std::string_view text) noexcept {
    return parse_enum(text, std::array{week_start_day::monday, week_start_day::sunday});
}
std::optional<week_kind> parse_week_kind(std::string_view text) noexcept {
    return parse_enum(text, std::array{week_kind::calendar, week_kind::rolling});
}
std::optional<edge_week_policy> parse_edge_week_policy(std::string_view text) noexcept {
    return parse_enum(text, std::array{edge_week_policy::exempt, edge_week_policy::prorated, edge_week_policy::strict});
}

namespace {

constexpr std::array<std::string_view, 6> ids{"asam-iop-adult", "asam-iop-adolescent", "samhsa-tip47",
                                              "h0015",          "medicare-iop",        "medicare-php"};

// Choices the sources leave open (week start, calendar weeks, prorated edge weeks, a one-week
// step-down allowance, PHP review after two weeks over the maximum) are ours and the same for
// every built-in set; hosts change them per program.
rule_set base(std::string_view id, std::string name, std::string source) {
    rule_set r;
    r.id = std::string(id);
    r.name = std::move(name);
    r.source = std::move(source);
    return r;
}

rule_set make(std::string_view id) {
    if (id == "asam-iop-adult") {
        auto r = base(id, "ASAM level 2.1 intensive outpatient, adults",
                      "ASAM Criteria, 3rd ed., level 2.1: 9 to 19 hours a week for adults (as quoted on "
                      "Aetna's ASAM criteria page); fewer hours may continue for 1-2 weeks of step-down");
        r.min_weekly = 9h;
        r.max_weekly = 20h;
        return r;
    }
    if (id == "asam-iop-adolescent") {
        auto r = base(id, "ASAM level 2.1 intensive outpatient, adolescents",
                      "ASAM Criteria, 3rd ed., level 2.1: 6 to 19 hours a week for adolescents (as quoted on "
                      "Aetna's ASAM criteria page)");
        r.min_weekly = 6h;
        r.max_weekly = 20h;
        return r;
    }
    if (id == "samhsa-tip47") {
        auto r = base(id, "SAMHSA TIP 47 intensive outpatient",
                      "SAMHSA TIP 47 (2006), Clinical Issues in Intensive Outpatient Treatment: commonly "
                      "quoted as 9 to 20 hours a week (exact TIP wording unconfirmed)");
        r.min_weekly = 9h;
        r.max_weekly = 20h;
        r.max_inclusive = true;
        r.service_mix.push_back(service_requirement{
            std::string(services::drug_testing), 1, 1, 30u,
            "SAMHSA TIP 47 appendix: drug testing at least weekly early in treatment"});
        return r;
    }
    if (id == "h0015") {
        auto r = base(id, "HCPCS H0015 alcohol and/or drug intensive outpatient",
                      "HCPCS H0015 descriptor: intensive outpatient program of at least 3 hours a day on "
                      "at least 3 days a week");
        r.min_days_per_week = 3;
        r.min_daily = 3h;
        return r;
    }
    if (id == "medicare-iop") {
        auto r = base(id, "Medicare intensive outpatient program (from 2024)",
                      "Medicare IOP from 2024-01-01 (CAA 2023 section 4124, CY2024 OPPS final rule, CMS fact "
                      "sheet): need for at least 9 hours a week certified by a physician, 9 to 19 hours a "
                      "week, recertification at least every other month");
        r.min_weekly = 9h;
        r.max_weekly = 20h;
        r.recertification_interval = months{2};
        return r;
    }
    if (id == "medicare-php") {
        auto r = base(id, "Medicare partial hospitalization",
                      "42 CFR 410.43: partial hospitalization of at least 20 hours a week of therapeutic "
                      "services");
        r.min_weekly = 20h;
        r.higher_level_review_after = 0;
        return r;
    }
    std::string known;
    for (auto k : ids) {
        if (!known.empty()) known += ", ";
        known += k;
    }
    throw error(errc::unknown_rule_set, "rule_set", std::string(id), "no built-in rule set has this id; known: " + known);
}

}  // namespace

std::span<const std::string_view> builtin_rule_ids() noexcept { return ids; }

rule_set builtin_rules(std::string_view id) { return make(id); }

result<rule_set> try_builtin_rules(std::string_view id) noexcept {
    return try_call([&] { return make(id); });
}

std::vector<error_info> rule_set_problems(const rule_set& r, const service_catalog& services) {
    std::vector<error_info> out;
    auto bad = [&](std::string where, std::string value, std::string message) {
        out.push_back(error_info{errc::invalid_rule_set, std::move(where), std::move(value), std::move(message)});
    };
    if (r.min_weekly && *r.min_weekly < 0min)
        bad("min_weekly", std::to_string(r.min_weekly->count()), "a minimum cannot be negative");
    if (r.max_weekly && *r.max_weekly <= 0min)
        bad("max_weekly", std::to_string(r.max_weekly->count()), "a maximum must be positive");
    if (r.min_weekly && r.max_weekly &&
        (r.max_inclusive ? *r.min_weekly > *r.max_weekly : *r.min_weekly >= *r.max_weekly))
        bad("max_weekly", std::to_string(r.max_weekly->count()), "no week can meet both the minimum and the maximum");
    if (r.min_days_per_week > 7)
        bad("min_days_per_week", std::to_string(r.min_days_per_week), "a week has 7 days");
    if (r.min_daily < 0min || r.min_daily > 24h)
        bad("min_daily", std::to_string(r.min_daily.count()), "a day's minimum must be between 0 and 24 hours");
    for (std::size_t i = 0; i < r.counted_services.size(); ++i)
        if (!services.contains(r.counted_services[i]))
            bad("counted_services/" + std::to_string(i), r.counted_services[i], "service not in the catalog");
    for (std::size_t i = 0; i < r.service_mix.size(); ++i) {
        const auto& m = r.service_mix[i];
        const std::string w = "service_mix/" + std::to_string(i);
        if (!services.contains(m.service)) bad(w + "/service", m.service, "service not in the catalog");
        if (m.per_weeks == 0) bad(w + "/per_weeks", "0", "a requirement covers at least one week");
        if (m.within_first_days && *m.within_first_days == 0)
            bad(w + "/within_first_days", "0", "a window of days must be at least one day");
    }
    if (r.recertification_interval && *r.recertification_interval <= months{0})
        bad("recertification_interval", std::to_string(r.recertification_interval->count()),
            "an interval must be at least one month");
    return out;
}

void check_rule_set(const rule_set& rules, const service_catalog& services) {
    auto problems = rule_set_problems(rules, services);
    if (!problems.empty()) throw error(std::move(problems.front()));
}

}  // namespace iopcare
