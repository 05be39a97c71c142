// Program templates, US holiday rules, closures, phases and the weekly-hours plan check.
// Every expected date and hour total below was worked out by hand from a 2026 wall calendar.
#include "catch.hpp"

#include "iopcare/holidays.hpp"
#include "iopcare/program.hpp"

using namespace std::chrono;
using namespace iopcare;

namespace {

template_line evening_group(std::vector<weekday> days) {
    template_line t;
    t.days = std::move(days);
    t.start = hours{18};
    t.length = minutes{180};
    t.service = "group_therapy";
    t.group = "evening";
    t.capacity = 12;
    return t;
}

program evening_iop() {
    program p;
    p.name = "Evening IOP";
    p.level = "2.1";
    p.phases.push_back(program_phase{"core", 0, {evening_group({Monday, Tuesday, Thursday})}});
    return p;
}

}  // namespace

TEST_CASE("US holiday rules give the 2026 dates", "[program][holidays]") {
    const auto us = us_federal_holidays();
    auto find = [&](std::string_view n) {
        for (const auto& r : us)
            if (r.name == n) return r.in_year(year{2026});
        FAIL("no rule " << n);
        return year_month_day{};
    };
    CHECK(find("Thanksgiving Day") == 2026y / November / 26d);
    CHECK(find("Memorial Day") == 2026y / May / 25d);
    CHECK(find("Independence Day") == 2026y / July / 3d);  // the 4th is a Saturday
    CHECK(find("Martin Luther King Jr. Day") == 2026y / January / 19d);
    CHECK(find("Labor Day") == 2026y / September / 7d);
    CHECK(find("Christmas Day") == 2026y / December / 25d);  // a Friday, no shift

    // A Sunday date moves to Monday: 2027-07-04 is a Sunday.
    CHECK(holiday_rule::fixed_date("x", July, day{4}).in_year(year{2027}) == 2027y / July / 5d);
    // Without observance the date stays put.
    CHECK(holiday_rule::fixed_date("x", July, day{4}, false).in_year(year{2026}) == 2026y / July / 4d);
}

TEST_CASE("closure calendar: explicit dates, rules and year-crossing observed days", "[program][holidays]") {
    closure_calendar c;
    for (auto& r : us_federal_holidays()) c.add_rule(r);
    c.add_date(2026y / March / 10d);
    CHECK(c.closed(2026y / March / 10d));
    CHECK_FALSE(c.closed(2026y / March / 11d));
    CHECK(c.closed(2026y / November / 26d));
    // 2028-01-01 is a Saturday: New Year's Day is observed on Friday 2027-12-31.
    CHECK(c.closed(2027y / December / 31d));

    const auto d = c.dates_between(2026y / November / 1d, 2027y / January / 1d);
    const std::vector<year_month_day> expected{2026y / November / 11d, 2026y / November / 26d,
                                               2026y / December / 25d};
    CHECK(d == expected);
}

TEST_CASE("invalid programs name the field path and value", "[program][validate]") {
    auto p = evening_iop();
    CHECK(validation_errors(p, catalog::asam3(), service_catalog::standard()).empty());

    auto bad = p;
    auto line = evening_group({Wednesday});
    line.length = minutes{0};
    bad.phases[0].sessions.push_back(line);
    try {
        validate(bad, catalog::asam3(), service_catalog::standard());
        FAIL("expected invalid_program");
    } catch (const error& e) {
        CHECK(e.code() == errc::invalid_program);
        // The C++ caller set template_line::length, so that is the name (not the file's "minutes").
        CHECK(e.info().where == "phases[0].sessions[1].length");
        CHECK(e.place().field == "phases[0].sessions[1].length");
        CHECK(e.place().pointer.empty());
        CHECK(e.info().value == "0 min");
    }

    auto bad_level = p;
    bad_level.level = "2.3";
    const auto errs = validation_errors(bad_level, catalog::asam3(), service_catalog::standard());
    REQUIRE(errs.size() == 1);
    CHECK(errs[0].where == "level");
    CHECK(errs[0].value == "2.3");

    auto bad_service = p;
    bad_service.phases[0].sessions[0].service = "juggling";
    const auto e2 = validation_errors(bad_service, catalog::asam3(), service_catalog::standard());
    REQUIRE(e2.size() == 1);
    CHECK(e2[0].where == "phases[0].sessions[0].service");
    CHECK(e2[0].place.field == "phases[0].sessions[0].service");
}

TEST_CASE("a start past midnight is shown as a clock time", "[program][validate]") {
    auto bad = evening_iop();
    bad.phases[0].sessions[0].start = hours{25};
    const auto errs = validation_errors(bad, catalog::asam3(), service_catalog::standard());
    REQUIRE_FALSE(errs.empty());
    CHECK(errs[0].where == "phases[0].sessions[0].start");
    CHECK(errs[0].value == "25:00");  // 25 h = 90000 s, written as a person would
    bad.phases[0].sessions[0].start = -minutes{30};
    CHECK(validation_errors(bad, catalog::asam3(), service_catalog::standard())[0].value == "-00:30");
}

TEST_CASE("a Thanksgiving closure shortens the week and the plan check flags it", "[program][plan]") {
    auto p = evening_iop();
    for (auto& r : us_federal_holidays()) p.closures.add_rule(r);
    // Admitted Monday 2026-11-16; Mon/Tue/Thu 3 h = 9 h a week; Thursday 11-26 is closed.
    const auto weeks = plan_weeks(p, 2026y / November / 16d, 3);
    REQUIRE(weeks.size() == 3);
    CHECK(weeks[0].planned == hours{9});
    CHECK(weeks[1].planned == hours{6});
    CHECK(weeks[1].closed_days == 1);
    CHECK(weeks[2].planned == hours{9});

    const auto& lvl = catalog::asam3().at("2.1");  // adult band 9 to <20 h
    const auto issues = check_plan(weeks, lvl, population::adult);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].problem == plan_issue::kind::below);
    CHECK(issues[0].week.week_start == 2026y / November / 23d);
}

TEST_CASE("phase boundaries switch templates after the phase's weeks", "[program][phases]") {
    program p;
    p.name = "Stepped IOP";
    p.level = "2.1";
    p.phases.push_back(program_phase{"intensive", 2, {evening_group({Monday, Tuesday, Wednesday, Thursday, Friday})}});
    p.phases.push_back(program_phase{"step-down", 0, {evening_group({Monday, Tuesday, Thursday})}});
    CHECK(p.phase_for_week(0) == 0u);
    CHECK(p.phase_for_week(1) == 0u);
    CHECK(p.phase_for_week(2) == 1u);
    CHECK(p.phase_for_week(40) == 1u);

    const auto weeks = plan_weeks(p, 2026y / March / 2d, 4);
    REQUIRE(weeks.size() == 4);
    CHECK(weeks[1].planned == hours{15});
    CHECK(weeks[2].phase == 1u);
    CHECK(weeks[2].planned == hours{9});
    CHECK(weeks[2].week_start == 2026y / March / 16d);

    // 15 h is within 9 to <20; a 7-day 3-hour phase (21 h) is above the band.
    p.phases[0].sessions[0].days = {Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday};
    const auto w2 = plan_weeks(p, 2026y / March / 2d, 3);
    const auto issues = check_plan(w2, catalog::asam3().at("2.1"), population::adult);
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].problem == plan_issue::kind::above);

    // A fixed-length last phase ends the plan.
    p.phases[1].weeks = 1;
    CHECK_FALSE(p.phase_for_week(3).has_value());
    CHECK(plan_weeks(p, 2026y / March / 2d, 10).size() == 3);
}
