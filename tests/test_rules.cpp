// Rule sets: built-in thresholds against their published values (docs/sources.md section 2), enum
// names, lookup errors and the consistency check.
#include "catch.hpp"

#include <string>
#include <vector>

#include "iopcare/catalog.hpp"
#include "iopcare/rules.hpp"

using namespace std::chrono;
using namespace std::chrono_literals;
using namespace iopcare;

TEST_CASE("built-in rule ids", "[rules]") {
    const auto ids = builtin_rule_ids();
    const std::vector<std::string> got(ids.begin(), ids.end());
    CHECK(got == std::vector<std::string>{"asam-iop-adult", "asam-iop-adolescent", "samhsa-tip47", "h0015",
                                          "medicare-iop", "medicare-php"});
    for (auto id : ids) {
        const auto r = builtin_rules(id);
        CHECK(r.id == id);
        CHECK_FALSE(r.source.empty());
        CHECK(rule_set_problems(r).empty());
    }
}

TEST_CASE("built-in thresholds are the published ones", "[rules]") {
    const auto adult = builtin_rules("asam-iop-adult");  // 9 to 19 h: at least 9, under 20
    CHECK(adult.weekly.minimum == minutes{9 * 60});
    CHECK(adult.weekly.maximum == minutes{20 * 60});
    CHECK_FALSE(adult.weekly.maximum_inclusive);
    // One band: the rule set's is the catalog's level 2.1 band.
    CHECK(adult.weekly == *catalog::asam3().at("2.1").adult_hours);
    CHECK(adult.step_down_allowance == 1);
    CHECK(adult.closures == closure_policy::prorate);

    const auto teen = builtin_rules("asam-iop-adolescent");  // 6 to 19 h
    CHECK(teen.weekly.minimum == minutes{6 * 60});
    CHECK(teen.weekly.maximum == minutes{20 * 60});
    CHECK_FALSE(teen.weekly.maximum_inclusive);
    CHECK(teen.weekly == *catalog::asam3().at("2.1").adolescent_hours);

    const auto tip = builtin_rules("samhsa-tip47");  // 9 to 20 inclusive
    CHECK(tip.weekly.minimum == minutes{9 * 60});
    CHECK(tip.weekly.maximum == minutes{20 * 60});
    CHECK(tip.weekly.maximum_inclusive);
    REQUIRE(tip.service_mix.size() == 1);
    CHECK(tip.service_mix[0].service == "drug_testing");
    CHECK(tip.service_mix[0].min_count == 1);
    CHECK(tip.service_mix[0].per_weeks == 1);
    CHECK_FALSE(tip.service_mix[0].within_first_days.has_value());  // weekly for the whole stay

    const auto h = builtin_rules("h0015");  // >= 3 h/day on >= 3 days/week
    CHECK(h.min_days_per_week == 3);
    CHECK(h.min_daily == minutes{180});
    CHECK(h.weekly.minimum == 0min);
    CHECK_FALSE(h.weekly.maximum.has_value());

    const auto miop = builtin_rules("medicare-iop");
    CHECK(miop.weekly.minimum == minutes{9 * 60});
    CHECK(miop.weekly.maximum == minutes{20 * 60});
    CHECK(miop.recertification_interval == months{2});
    CHECK_FALSE(miop.recertification_interval_days.has_value());
    CHECK(miop.certification_required);

    const auto php = builtin_rules("medicare-php");  // 42 CFR 410.43: at least 20 h
    CHECK(php.weekly.minimum == minutes{20 * 60});
    CHECK_FALSE(php.weekly.maximum.has_value());
    CHECK(php.source.find("410.43") != std::string::npos);
    // 42 CFR 424.24(e)(3): first recertification as of the 18th day, then every 30 days.
    CHECK(php.certification_required);
    CHECK(php.first_recertification_day == 18u);
    CHECK(php.first_recertification_basis == stay_day_basis::calendar_day);
    CHECK(php.recertification_interval_days == days{30});
    CHECK_FALSE(php.recertification_interval.has_value());
    CHECK(php.source.find("424.24(e)(3) [S]") != std::string::npos);
}

TEST_CASE("an unknown rule id is an error naming it", "[rules]") {
    try {
        (void)builtin_rules("asam-iop-kids");
        FAIL("expected unknown_rule_set");
    } catch (const error& e) {
        CHECK(e.code() == errc::unknown_rule_set);
        CHECK(e.value() == "asam-iop-kids");
        CHECK(std::string(e.what()).find("medicare-php") != std::string::npos);  // lists the known ids
    }
    const auto r = try_builtin_rules("nope");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == errc::unknown_rule_set);
    CHECK(try_builtin_rules("h0015").ok());
}

TEST_CASE("rule enums print and parse their snake_case names", "[rules]") {
    CHECK(to_string(week_start_day::monday) == "monday");
    CHECK(to_string(week_start_day::sunday) == "sunday");
    CHECK(to_string(week_kind::calendar) == "calendar");
    CHECK(to_string(week_kind::rolling) == "rolling");
    CHECK(to_string(edge_week_policy::exempt) == "exempt");
    CHECK(to_string(edge_week_policy::prorated) == "prorated");
    CHECK(to_string(edge_week_policy::strict) == "strict");
    CHECK(parse_week_start_day("sunday") == week_start_day::sunday);
    CHECK(parse_week_kind("rolling") == week_kind::rolling);
    CHECK(parse_edge_week_policy("strict") == edge_week_policy::strict);
    CHECK_FALSE(parse_week_start_day("Monday").has_value());
    CHECK_FALSE(parse_week_kind("weekly").has_value());
    CHECK_FALSE(parse_edge_week_policy("").has_value());
    CHECK(to_string(closure_policy::ignore) == "ignore");
    CHECK(to_string(closure_policy::prorate) == "prorate");
    CHECK(parse_closure_policy("prorate") == closure_policy::prorate);
    CHECK_FALSE(parse_closure_policy("prorated").has_value());
    CHECK(to_string(stay_day_basis::calendar_day) == "calendar_day");
    CHECK(to_string(stay_day_basis::service_day) == "service_day");
    CHECK(parse_stay_day_basis("service_day") == stay_day_basis::service_day);
    CHECK_FALSE(parse_stay_day_basis("calendar").has_value());
}

TEST_CASE("rule-set problems name the field and value", "[rules]") {
    rule_set r;
    r.id = "custom";
    r.weekly.minimum = 20h;
    r.weekly.maximum = 20h;  // exclusive: no week can have >= 20 and < 20
    r.counted_services = {"group_therapy", "basket_weaving"};
    r.service_mix.push_back(service_requirement{"individual_therapy", 1, 0, std::nullopt, ""});
    r.min_days_per_week = 8;
    const auto problems = rule_set_problems(r);
    REQUIRE(problems.size() == 4);
    CHECK(problems[0].where == "max_weekly");
    CHECK(problems[1].where == "min_days_per_week");
    CHECK(problems[2].where == "counted_services/1");
    CHECK(problems[2].value == "basket_weaving");
    CHECK(problems[3].where == "service_mix/0/per_weeks");
    for (const auto& p : problems) CHECK(p.code == errc::invalid_rule_set);

    r.weekly.maximum_inclusive = true;  // 20 to 20 inclusive is a (narrow) band
    r.counted_services.pop_back();
    r.service_mix.clear();
    r.min_days_per_week = 0;
    CHECK(rule_set_problems(r).empty());
    CHECK_NOTHROW(check_rule_set(r));
    r.min_daily = 25h;
    try {
        check_rule_set(r);
        FAIL("expected invalid_rule_set");
    } catch (const error& e) {
        CHECK(e.code() == errc::invalid_rule_set);
        CHECK(e.where() == "min_daily");
        CHECK(e.value() == "1500");
    }
}

TEST_CASE("weeks, scaled minimums and counted services as a rule set sees them", "[rules]") {
    auto r = builtin_rules("asam-iop-adult");
    // Wednesday 2026-03-04: its Monday-start week begins 03-02, its Sunday-start week 03-01, and
    // a rolling week begins on the day itself.
    const local_days wed{year{2026} / March / 4};
    CHECK(first_week_day(r, wed) == local_days{year{2026} / March / 2});
    r.week_start = week_start_day::sunday;
    CHECK(first_week_day(r, wed) == local_days{year{2026} / March / 1});
    r.weeks = week_kind::rolling;
    CHECK(first_week_day(r, wed) == wed);
    // Prorated edges and prorated closures: 5 days in the stay, 1 closed -> 4 of 7.
    CHECK(minimum_days(r, 5, 1) == 4);
    CHECK(minimum_days(r, 7, 2) == 5);
    r.edge_weeks = edge_week_policy::strict;
    CHECK(minimum_days(r, 5, 1) == 6);
    r.closures = closure_policy::ignore;
    CHECK(minimum_days(r, 5, 1) == 7);
    // 9 h x 5/7 = 6.428... h, rounded up to the second: 23,143 s.
    CHECK(r.weekly.minimum_for(5) == seconds{23143});
    // Counted services: the catalog's choice, or the set's list.
    const auto& cat = service_catalog::standard();
    CHECK(counts_service(r, cat.at("group_therapy")));
    CHECK_FALSE(counts_service(r, cat.at("peer_support")));
    const auto medicare = builtin_rules("medicare-iop");
    CHECK(counts_service(medicare, cat.at("peer_support")));  // CY2024 OPPS: peer support specialists
    CHECK_FALSE(counts_service(medicare, cat.at("drug_testing")));
    CHECK_FALSE(counts_service(medicare, cat.at("yoga")));
    const auto h = builtin_rules("h0015");
    CHECK(counts_service(h, cat.at("crisis_intervention")));
    CHECK_FALSE(counts_service(h, cat.at("medication_management")));
}
