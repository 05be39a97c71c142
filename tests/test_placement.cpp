// Placement from six-dimension assessments: every expectation below is worked out by hand from
// the rules written in each test (or from the illustrative sets' listed rules).
#include <string>
#include <vector>

#include "catch.hpp"
#include "iopcare/placement.hpp"

using namespace iopcare;
using namespace std::chrono;

namespace {

assessment rated(std::array<int, 6> ratings, edition ed = edition::asam3) {
    assessment a;
    a.assessed_edition = ed;
    a.patient = "p-1";
    a.date = 2026y / November / 20d;
    a.ratings = ratings;
    return a;
}

std::vector<std::string> levels_of(const std::vector<placement_reason>& reasons) {
    std::vector<std::string> out;
    for (const auto& r : reasons) out.push_back(std::to_string(r.dimension) + ":" + r.level.str());
    return out;
}

using strings = std::vector<std::string>;

}  // namespace

TEST_CASE("no matching rule indicates the rule set's default level") {
    const auto p = place(rated({0, 0, 0, 0, 0, 0}), placement_rules::illustrative(edition::asam3));
    CHECK(p.indicated_level.str() == "0.5");
    CHECK(p.by_default);
    CHECK(p.reasons.empty());
    CHECK_FALSE(p.variance);
    CHECK(p.complete());
    const auto p4 = place(rated({0, 0, 0, 0, 0, 0}, edition::asam4), placement_rules::illustrative(edition::asam4));
    CHECK(p4.indicated_level.str() == "1.0");
}

TEST_CASE("the most intensive matching level is indicated and every matching rule is a reason") {
    // D3 = 2 matches "1" and "2.1"; D4 = 1 matches "1"; D5 = 2 matches "1" and "2.1"; D6 = 1
    // matches "1". The highest rank is 2.1's 21.
    const auto p = place(rated({0, 0, 2, 1, 2, 1}), placement_rules::illustrative(edition::asam3));
    CHECK(p.indicated_level.str() == "2.1");
    CHECK_FALSE(p.by_default);
    CHECK(levels_of(p.reasons) == strings{"3:1", "3:2.1", "4:1", "5:1", "5:2.1", "6:1"});
    CHECK(p.reasons[1].rating == 2);
    CHECK(p.reasons[1].reason == "emotional or behavioral problems need several sessions a week");

    // 4th edition: D4 = 4 reaches its 3.5 rule.
    const auto p4 = place(rated({0, 0, 0, 4, 0, 0}, edition::asam4), placement_rules::illustrative(edition::asam4));
    CHECK(p4.indicated_level.str() == "3.5");
    CHECK(levels_of(p4.reasons) == strings{"4:1.5", "4:2.1", "4:2.5", "4:3.5"});
}

TEST_CASE("a rank tie goes to the first matching rule in dimension order, then rule order") {
    const auto& rules = placement_rules::illustrative(edition::asam3);
    // 3.7-WM (D1 >= 3) and 3.7 (D2 >= 3) both rank 37: dimension 1 comes first.
    CHECK(place(rated({3, 3, 0, 0, 0, 0}), rules).indicated_level.str() == "3.7-WM");
    // 1-WM (D1 >= 1) and 1 (D3 >= 1) both rank 10.
    CHECK(place(rated({1, 0, 1, 0, 0, 0}), rules).indicated_level.str() == "1-WM");
    CHECK(place(rated({0, 0, 1, 0, 0, 0}), rules).indicated_level.str() == "1");

    // Rules listed out of dimension order: dimension order decides first, then the order given.
    placement_rules custom;
    custom.id = "ties";
    custom.default_level = level_code("0.5");
    custom.rules = {
        {5, 1, level_code("OTS"), "five"},
        {2, 1, level_code("1"), "two, first"},
        {2, 1, level_code("1-WM"), "two, second"},
    };
    const auto p = place(rated({1, 1, 1, 1, 1, 1}), custom);
    CHECK(p.indicated_level.str() == "1");
    CHECK(levels_of(p.reasons) == strings{"2:1", "2:1-WM", "5:OTS"});
    std::swap(custom.rules[1], custom.rules[2]);
    CHECK(place(rated({1, 1, 1, 1, 1, 1}), custom).indicated_level.str() == "1-WM");
}

TEST_CASE("indicated and provided levels: a variance needs its reason") {
    const auto& rules = placement_rules::illustrative(edition::asam3);
    assessment a = rated({0, 0, 3, 0, 0, 0});  // D3 >= 3: 2.5
    CHECK(place(a, rules).indicated_level.str() == "2.5");

    a.provided_level = level_code("II.1");  // any spelling; reported canonical
    auto p = place(a, rules);
    REQUIRE(p.provided_level);
    CHECK(p.provided_level->str() == "2.1");
    CHECK(p.variance);
    CHECK_FALSE(p.reason_for_variance);
    CHECK_FALSE(p.complete());

    a.reason_for_variance = variance_reason::waitlist;
    p = place(a, rules);
    CHECK(p.variance);
    CHECK(p.complete());
    CHECK(p.reason_for_variance == variance_reason::waitlist);

    a.provided_level = level_code("2.5");
    a.reason_for_variance.reset();
    p = place(a, rules);
    CHECK_FALSE(p.variance);
    CHECK(p.complete());
}

TEST_CASE("IOP candidacy lists the dimensions that call for more intensive care") {
    const auto& rules = placement_rules::illustrative(edition::asam3);
    const catalog& levels = catalog::asam3();
    // D3 = 3 calls for 2.5 and D6 = 3 for 3.1 (cannot live at home safely): both above 2.1.
    auto c = assess_candidacy(rated({0, 0, 3, 0, 0, 3}), rules, levels);
    CHECK(c.level.str() == "2.1");
    CHECK_FALSE(c.candidate);
    CHECK(c.ruled_out_by == std::vector<int>{3, 6});
    CHECK(levels_of(c.reasons) == strings{"3:2.5", "6:3.1"});

    // Moderate withdrawal risk (2-WM, rank 20) and D5 = 2 (2.1) do not rule IOP out.
    c = assess_candidacy(rated({2, 0, 0, 0, 2, 0}), rules, levels);
    CHECK(c.candidate);
    CHECK(c.ruled_out_by.empty());

    // Severe withdrawal risk needs medically monitored withdrawal management; two rules of
    // dimension 1 match above IOP, the dimension is listed once.
    c = assess_candidacy(rated({4, 0, 0, 0, 0, 0}), rules, levels);
    CHECK(c.ruled_out_by == std::vector<int>{1});
    CHECK(levels_of(c.reasons) == strings{"1:3.7-WM", "1:4-WM"});

    // The same question for partial hospitalization: D3 = 3 no longer rules it out.
    c = assess_candidacy(rated({0, 0, 3, 0, 0, 3}), rules, levels, "2.5");
    CHECK(c.ruled_out_by == std::vector<int>{6});
}

TEST_CASE("bad assessments and rules are errors naming the field and the value") {
    const auto& rules = placement_rules::illustrative(edition::asam3);
    auto fails = [](auto&& f, errc code, const std::string& where, const std::string& value) {
        try {
            f();
            FAIL("no exception");
        } catch (const error& e) {
            CHECK(e.code() == code);
            CHECK(e.where() == where);
            CHECK(e.value() == value);
        }
    };
    fails([&] { (void)place(rated({0, 0, 5, 0, 0, 0}), rules); }, errc::invalid_assessment, "/ratings/3", "5");
    fails([&] { (void)place(rated({-1, 0, 0, 0, 0, 0}), rules); }, errc::invalid_assessment, "/ratings/1", "-1");
    assessment a = rated({0, 0, 0, 0, 0, 0});
    a.patient = " ";
    fails([&] { (void)place(a, rules); }, errc::invalid_assessment, "/patient", " ");
    a = rated({0, 0, 0, 0, 0, 0});
    a.date = 2026y / February / 30d;
    fails([&] { (void)place(a, rules); }, errc::invalid_assessment, "/date", "");
    a = rated({0, 0, 0, 0, 0, 0});
    a.provided_level = level_code("9.9");
    fails([&] { (void)place(a, rules); }, errc::unknown_level, "/provided_level", "9.9");
    // A 4th-edition assessment under 3rd-edition rules.
    fails([&] { (void)place(rated({0, 0, 0, 0, 0, 0}, edition::asam4), rules, catalog::asam3()); },
          errc::invalid_assessment, "/edition", "asam4");

    placement_rules bad = rules;
    bad.rules[4].dimension = 7;
    fails([&] { check_rules(bad, catalog::asam3()); }, errc::invalid_placement_rules, "/rules/4/dimension", "7");
    bad = rules;
    bad.rules[0].min_rating = 5;
    fails([&] { check_rules(bad, catalog::asam3()); }, errc::invalid_placement_rules, "/rules/0/min_rating", "5");
    bad = rules;
    bad.rules[2].reason = "";
    fails([&] { check_rules(bad, catalog::asam3()); }, errc::invalid_placement_rules, "/rules/2/reason", "");
    bad = rules;
    bad.default_level = level_code("7");
    fails([&] { check_rules(bad, catalog::asam3()); }, errc::unknown_level, "/default_level", "7");
    // In the 4th edition a bare "1" is ambiguous.
    placement_rules four = placement_rules::illustrative(edition::asam4);
    four.rules[0].level = level_code("1");
    fails([&] { check_rules(four, catalog::asam4()); }, errc::ambiguous_level, "/rules/0/level", "1");

    const auto r = try_place(rated({0, 9, 0, 0, 0, 0}), rules);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == errc::invalid_assessment);
}

TEST_CASE("the illustrative sets are valid, labelled and cover every dimension") {
    for (auto ed : {edition::asam3, edition::asam4}) {
        const auto& rules = placement_rules::illustrative(ed);
        INFO(rules.id);
        CHECK_NOTHROW(check_rules(rules, catalog::of(ed)));
        CHECK(rules.rules_edition == ed);
        CHECK(rules.id.starts_with("illustrative-"));
        CHECK(rules.source.find("not ASAM's placement algorithm") != std::string::npos);
        for (int d = 1; d <= dimension_count; ++d) {
            CHECK(std::any_of(rules.rules.begin(), rules.rules.end(), [d](const placement_rule& r) { return r.dimension == d; }));
        }
    }
    CHECK_THROWS_AS(placement_rules::illustrative(edition::custom), error);
}

TEST_CASE("dimension names per edition and variance reasons by name") {
    CHECK(dimension_name(edition::asam3, 1) == "acute intoxication and/or withdrawal potential");
    CHECK(dimension_name(edition::asam3, 6) == "recovery/living environment");
    CHECK(dimension_name(edition::asam4, 4) == "substance use-related risks");
    CHECK(dimension_name(edition::asam4, 6) == "person-centered considerations");
    CHECK(dimension_name(edition::asam3, 0).empty());
    CHECK(dimension_name(edition::asam3, 7).empty());
    CHECK(dimension_name(edition::custom, 1).empty());

    const strings names = {"patient_preference", "not_available", "waitlist", "payer",
                           "clinical_judgment", "geographic_access", "other"};
    for (const auto& n : names) {
        const auto r = parse_variance_reason(n);
        REQUIRE(r);
        CHECK(to_string(*r) == n);
    }
    CHECK(parse_variance_reason(" Geographic-Access ") == variance_reason::geographic_access);
    CHECK_FALSE(parse_variance_reason("cost"));
    CHECK_FALSE(parse_variance_reason(""));
}
