// Rule sets: enum names, the built-in sets with their sources, and the consistency check.
#include "iopcare/rules.hpp"

#include <algorithm>
#include <array>

#include "iopcare/catalog.hpp"

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

std::string_view to_string(closure_policy p) noexcept {
    switch (p) {
        case closure_policy::ignore: return "ignore";
        case closure_policy::prorate: return "prorate";
    }
    return "unknown";
}

std::string_view to_string(stay_day_basis b) noexcept {
    switch (b) {
        case stay_day_basis::calendar_day: return "calendar_day";
        case stay_day_basis::service_day: return "service_day";
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
std::optional<closure_policy> parse_closure_policy(std::string_view text) noexcept {
    return parse_enum(text, std::array{closure_policy::ignore, closure_policy::prorate});
}
std::optional<stay_day_basis> parse_stay_day_basis(std::string_view text) noexcept {
    return parse_enum(text, std::array{stay_day_basis::calendar_day, stay_day_basis::service_day});
}

local_days first_week_day(const rule_set& rules, local_days day) noexcept {
    if (rules.weeks == week_kind::rolling) return day;
    const weekday start = rules.week_start == week_start_day::sunday ? Sunday : Monday;
    return day - (weekday{day} - start);  // weekday difference: 0..6 days back
}

unsigned minimum_days(const rule_set& rules, unsigned days_in_stay, unsigned closed_in_stay) noexcept {
    const bool prorated_edge = days_in_stay < 7 && rules.edge_weeks == edge_week_policy::prorated;
    const unsigned base = prorated_edge ? days_in_stay : 7u;
    const unsigned closed = rules.closures == closure_policy::prorate ? std::min(closed_in_stay, base) : 0u;
    return base - closed;
}

bool counts_service(const rule_set& rules, const service& s, const service_catalog& services) {
    if (rules.counted_services.empty()) return s.counts_toward_hours;
    return std::any_of(rules.counted_services.begin(), rules.counted_services.end(),
                       [&](const std::string& id) { return services.find(id) == &s || id == s.id.str(); });
}

namespace {

constexpr std::array<std::string_view, 6> ids{"asam-iop-adult", "asam-iop-adolescent", "samhsa-tip47",
                                              "h0015",          "medicare-iop",        "medicare-php"};

// Choices the sources leave open (Monday-start calendar weeks, prorated edge weeks, the PHP
// review after two weeks over the maximum) are ours and the same for every built-in set; hosts
// change them per set.
rule_set base(std::string_view id, std::string name, std::string source) {
    rule_set r;
    r.id = std::string(id);
    r.name = std::move(name);
    r.source = std::move(source);
    return r;
}

// The ASAM sets take their bands from the catalog's level 2.1, so 9 h and 20 h are written once.
rule_set asam(std::string_view id, population pop, std::string name, std::string source) {
    auto r = base(id, std::move(name), std::move(source));
    r.weekly = *catalog::asam3().at("2.1").hours_for(pop);
    // ASAM lets IOP continue 1-2 weeks under the minimum while stepping down to level 1 (as
    // quoted on Aetna's ASAM criteria page); one week is our choice within that.
    r.step_down_allowance = 1;
    r.closures = closure_policy::prorate;  // a clinical standard: a closed day is no patient's shortfall
    return r;
}

std::vector<std::string> ids_of(std::initializer_list<std::string_view> list) {
    return {list.begin(), list.end()};
}

// HCPCS H0015's descriptor names assessment, counseling, crisis intervention, and activity
// therapies or education. Our reading: the therapy and counselling services, assessment,
// crisis intervention, art and music (activity) therapies and the educational groups. Not
// counted: medication management, case management and aftercare planning (not named), drug
// testing, outside mutual-help meetings, peer support and yoga.
std::vector<std::string> h0015_services() {
    namespace s = services;
    return ids_of({s::individual_therapy, s::group_therapy, s::family_therapy, s::psychoeducation,
                   s::relapse_prevention, s::assessment, s::crisis_intervention, s::twelve_step_facilitation,
                   s::art_therapy, s::music_therapy});
}

// Medicare PHP and IOP services (SSA 1861(ff)(2) as amended by CAA 2023 section 4124; 42 CFR
// 410.43) [S]: individual and group therapy, occupational therapy, services of social workers,
// psychiatric nurses and other trained staff, drugs and biologicals, individualized activity
// therapies that are not primarily recreational or diversionary, family counselling, patient
// training and education, diagnostic services; the CY2024 OPPS final rule added codes for care
// coordination, discharge planning, caregivers and peer support specialists [S]. Our reading:
// every clinical service of the standard catalog, and peer support. Not counted: drug testing
// (a laboratory service, billed apart), outside mutual-help meetings (not furnished by the
// program) and yoga (recreational).
std::vector<std::string> medicare_services() {
    namespace s = services;
    return ids_of({s::individual_therapy, s::group_therapy, s::family_therapy, s::medication_management,
                   s::psychoeducation, s::relapse_prevention, s::case_management, s::assessment,
                   s::crisis_intervention, s::twelve_step_facilitation, s::peer_support, s::art_therapy,
                   s::music_therapy, s::aftercare_planning});
}

// Medicare's IOP and PHP per-diem tiers (CY2024 OPPS final rule: one payment for days with 3
// services, another for days with 4 or more). Payer sets count hours delivered: no step-down
// allowance, closures ignored, certification required.
rule_set medicare(std::string_view id, std::string name, std::string source, hour_band weekly) {
    auto r = base(id, std::move(name), std::move(source));
    r.weekly = std::move(weekly);
    r.counted_services = medicare_services();
    r.day_tiers = {day_tier{3, "3_services"}, day_tier{4, "4_plus_services"}};
    r.certification_required = true;
    return r;
}

rule_set make_asam_or_samhsa(std::string_view id) {
    if (id == "asam-iop-adult")
        return asam(id, population::adult, "ASAM level 2.1 intensive outpatient, adults",
                    "ASAM Criteria, 3rd ed., level 2.1: 9 to 19 hours a week for adults (as quoted on "
                    "Aetna's ASAM criteria page); fewer hours may continue for 1-2 weeks of step-down");
    if (id == "asam-iop-adolescent")
        return asam(id, population::adolescent, "ASAM level 2.1 intensive outpatient, adolescents",
                    "ASAM Criteria, 3rd ed., level 2.1: 6 to 19 hours a week for adolescents (as quoted on "
                    "Aetna's ASAM criteria page); fewer hours may continue for 1-2 weeks of step-down");
    auto r = base(id, "SAMHSA TIP 47 intensive outpatient",
                  "SAMHSA TIP 47 (2006), Clinical Issues in Intensive Outpatient Treatment: commonly "
                  "quoted as 9 to 20 hours a week (exact TIP wording unconfirmed)");
    r.weekly = hour_band{9h, 20h, true, r.source};
    r.closures = closure_policy::prorate;
    // TIP 47's appendix: drug testing at least weekly, for the whole stay (up to every 3 days
    // early in treatment).
    r.service_mix.push_back(service_requirement{std::string(services::drug_testing), 1, 1, std::nullopt,
                                                "SAMHSA TIP 47 appendix: drug testing at least weekly"});
    return r;
}

rule_set make_payer(std::string_view id) {
    if (id == "h0015") {
        auto r = base(id, "HCPCS H0015 alcohol and/or drug intensive outpatient",
                      "HCPCS H0015 descriptor: intensive outpatient program of at least 3 hours a day on "
                      "at least 3 days a week");
        r.min_days_per_week = 3;
        r.min_daily = 3h;
        r.counted_services = h0015_services();
        return r;
    }
    if (id == "medicare-iop") {
        const std::string src =
            "Medicare IOP from 2024-01-01 (CAA 2023 section 4124, CY2024 OPPS final rule, CMS fact sheet): need "
            "for at least 9 hours a week certified by a physician, 9 to 19 hours a week, recertification at "
            "least every other month; per-diem payment for days with 3 and with 4 or more services";
        auto r = medicare(id, "Medicare intensive outpatient program (from 2024)", src, hour_band{9h, 20h, false, src});
        r.recertification_interval = months{2};
        return r;
    }
    const std::string src =
        "42 CFR 410.43: partial hospitalization of at least 20 hours a week of therapeutic services; 42 CFR "
        "424.24(e)(3) [S]: first recertification as of the 18th day of services, then at least every 30 "
        "days; CY2024 OPPS final rule: per-diem payment for days with 3 and with 4 or more services";
    auto r = medicare(id, "Medicare partial hospitalization", src, hour_band{20h, std::nullopt, false, src});
    r.higher_level_review_after = 0;
    // [S] and editable: the sources leave calendar vs service days open (docs/sources.md section 2).
    r.first_recertification_day = 18;
    r.recertification_interval_days = days{30};
    return r;
}

rule_set make(std::string_view id) {
    if (id == "asam-iop-adult" || id == "asam-iop-adolescent" || id == "samhsa-tip47") return make_asam_or_samhsa(id);
    if (id == "h0015" || id == "medicare-iop" || id == "medicare-php") return make_payer(id);
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

namespace {

using problem_sink = std::vector<error_info>;

void bad(problem_sink& out, std::string where, std::string value, std::string message) {
    out.push_back(error_info::at(errc::invalid_rule_set, std::move(where), std::move(value), std::move(message)));
}

void weekly_problems(const rule_set& r, problem_sink& out) {
    const hour_band& b = r.weekly;
    if (b.minimum < 0min) bad(out, "min_weekly", std::to_string(b.minimum.count()), "a minimum cannot be negative");
    if (b.maximum && *b.maximum <= 0min)
        bad(out, "max_weekly", std::to_string(b.maximum->count()), "a maximum must be positive");
    else if (b.maximum && (b.maximum_inclusive ? b.minimum > *b.maximum : b.minimum >= *b.maximum))
        bad(out, "max_weekly", std::to_string(b.maximum->count()), "no week can meet both the minimum and the maximum");
    if (r.min_days_per_week > 7) bad(out, "min_days_per_week", std::to_string(r.min_days_per_week), "a week has 7 days");
    if (r.min_daily < 0min || r.min_daily > 24h)
        bad(out, "min_daily", std::to_string(r.min_daily.count()), "a day's minimum must be between 0 and 24 hours");
}

void service_problems(const rule_set& r, const service_catalog& services, problem_sink& out) {
    for (std::size_t i = 0; i < r.counted_services.size(); ++i)
        if (!services.contains(r.counted_services[i]))
            bad(out, "counted_services/" + std::to_string(i), r.counted_services[i], "service not in the catalog");
    for (std::size_t i = 0; i < r.service_mix.size(); ++i) {
        const auto& m = r.service_mix[i];
        const std::string w = "service_mix/" + std::to_string(i);
        if (!services.contains(m.service)) bad(out, w + "/service", m.service, "service not in the catalog");
        if (m.per_weeks == 0) bad(out, w + "/per_weeks", "0", "a requirement covers at least one week");
        if (m.within_first_days && *m.within_first_days == 0)
            bad(out, w + "/within_first_days", "0", "a window of days must be at least one day");
    }
}

void tier_problems(const rule_set& r, problem_sink& out) {
    for (std::size_t i = 0; i < r.day_tiers.size(); ++i) {
        const auto& t = r.day_tiers[i];
        const std::string w = "day_tiers/" + std::to_string(i);
        if (t.min_services == 0) bad(out, w + "/min_services", "0", "a tier needs at least one service");
        else if (i > 0 && t.min_services <= r.day_tiers[i - 1].min_services)
            bad(out, w + "/min_services", std::to_string(t.min_services),
                "tiers go from the fewest services to the most, each above the one before");
        if (t.label.empty() || t.label == below_tier)
            bad(out, w + "/label", t.label, "a tier needs a label other than \"below_tier\"");
        for (std::size_t j = 0; j < i; ++j)
            if (r.day_tiers[j].label == t.label) bad(out, w + "/label", t.label, "this label is already used");
    }
}

void certification_problems(const rule_set& r, problem_sink& out) {
    if (r.recertification_interval && *r.recertification_interval <= months{0})
        bad(out, "recertification_interval", std::to_string(r.recertification_interval->count()),
            "an interval must be at least one month");
    if (r.recertification_interval_days && *r.recertification_interval_days <= days{0})
        bad(out, "recertification_interval_days", std::to_string(r.recertification_interval_days->count()),
            "an interval must be at least one day");
    if (r.recertification_interval && r.recertification_interval_days)
        bad(out, "recertification_interval_days", std::to_string(r.recertification_interval_days->count()),
            "give the recertification interval in months or in days, not both");
    if (r.first_recertification_day && *r.first_recertification_day == 0)
        bad(out, "first_recertification_day", "0", "the admission day is day 1");
}

}  // namespace

std::vector<error_info> rule_set_problems(const rule_set& r, const service_catalog& services) {
    std::vector<error_info> out;
    weekly_problems(r, out);
    service_problems(r, services, out);
    tier_problems(r, out);
    certification_problems(r, out);
    return out;
}

void check_rule_set(const rule_set& rules, const service_catalog& services) {
    auto problems = rule_set_problems(rules, services);
    if (!problems.empty()) throw error(std::move(problems.front()));
}

}  // namespace iopcare
