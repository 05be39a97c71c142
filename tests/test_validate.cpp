// Validation against the built-in rule sets, week by week. Every expected number is worked out
// by hand in the comments from the 2026 calendar: March 2, 9, 16, 23 and 30 are Mondays,
// January 5 is a Monday. Zone: UTC unless said otherwise (time-zone cases are in
// test_validate_time.cpp).
#include "catch.hpp"

#include <string>
#include <vector>

#include "iopcare/validate.hpp"

using namespace std::chrono;
using namespace std::chrono_literals;
using namespace iopcare;

namespace {

local_seconds at(year_month_day d, int h, int m = 0) { return local_days{d} + hours{h} + minutes{m}; }

attendance_record rec(std::string patient, year_month_day d, int h, seconds len, std::string service = "group_therapy",
                      attendance_status st = attendance_status::attended, seconds attended = 0s) {
    attendance_record r;
    r.patient = std::move(patient);
    r.service = std::move(service);
    r.start = at(d, h);
    r.scheduled = len;
    r.status = st;
    r.attended = attended;
    return r;
}

constexpr auto mar = March;

// Hours and days only: TIP 47's drug testing and Medicare's certification are left out here and
// tested on their own.
validation_report run(const std::vector<attendance_record>& records, std::string_view id) {
    auto rules = builtin_rules(id);
    rules.service_mix.clear();
    rules.certification_required = false;
    return validate(records, rules, time_zone::utc());
}

const week_result& only_week(const validation_report& r) {
    REQUIRE(r.patients.size() == 1);
    REQUIRE(r.patients[0].weeks.size() == 1);
    return r.patients[0].weeks[0];
}

bool has_code(const week_result& w, std::string_view code) {
    for (const auto& v : w.violations)
        if (v.code == code) return true;
    return false;
}

}  // namespace

TEST_CASE("enum names", "[validate]") {
    CHECK(to_string(week_status::meets) == "meets");
    CHECK(to_string(week_status::below_minimum) == "below_minimum");
    CHECK(to_string(week_status::above_maximum) == "above_maximum");
    CHECK(to_string(week_status::exempt) == "exempt");
    CHECK(parse_week_status("above_maximum") == week_status::above_maximum);
    CHECK_FALSE(parse_week_status("met").has_value());
    for (auto [s, name] : std::vector<std::pair<attendance_status, std::string>>{
             {attendance_status::attended, "attended"},
             {attendance_status::partial, "partial"},
             {attendance_status::absent, "absent"},
             {attendance_status::excused, "excused"},
             {attendance_status::cancelled, "cancelled"}}) {
        CHECK(to_string(s) == name);
        CHECK(parse_attendance_status(name) == s);
    }
    CHECK_FALSE(parse_attendance_status("canceled").has_value());
}

TEST_CASE("2 days x 5 h: 10 h meets the 9-hour rules, fails H0015 on days", "[validate]") {
    // Mon 03-02 and Wed 03-04, 300 minutes each: 10 h in the week of Monday 03-02.
    const std::vector<attendance_record> rs{rec("p1", 2026y / mar / 2d, 9, 300min),
                                            rec("p1", 2026y / mar / 4d, 9, 300min)};
    for (auto id : {"asam-iop-adult", "asam-iop-adolescent", "samhsa-tip47", "medicare-iop"}) {
        const auto r = run(rs, id);
        const auto& w = only_week(r);
        INFO(id);
        CHECK(w.week_start == local_days{2026y / mar / 2d});
        CHECK(w.counted == 10h);
        CHECK(w.qualifying_days == 2);
        CHECK(w.status == week_status::meets);
        CHECK(w.violations.empty());
    }
    const auto r = run(rs, "h0015");
    const auto& w = only_week(r);
    CHECK(w.qualifying_days == 2);  // both days have >= 3 h, but 3 days are needed
    CHECK(w.status == week_status::below_minimum);
    REQUIRE(w.violations.size() == 1);
    CHECK(w.violations[0].code == "days.below_minimum");
    CHECK(w.violations[0].message.find("2 day(s)") != std::string::npos);
    CHECK(w.violations[0].source.find("H0015") != std::string::npos);
    // PHP needs 20 h.
    CHECK(only_week(run(rs, "medicare-php")).status == week_status::below_minimum);
}

TEST_CASE("4 days x 2.5 h: 10 h but no qualifying H0015 day", "[validate]") {
    std::vector<attendance_record> rs;
    for (unsigned d = 2; d <= 5; ++d) rs.push_back(rec("p1", 2026y / mar / day{d}, 18, 150min));
    const auto adult = run(rs, "asam-iop-adult");
    CHECK(only_week(adult).counted == 10h);
    CHECK(only_week(adult).status == week_status::meets);
    const auto h = run(rs, "h0015");
    CHECK(only_week(h).counted == 10h);
    CHECK(only_week(h).qualifying_days == 0);  // 2.5 h < 3 h every day
    CHECK(only_week(h).status == week_status::below_minimum);
    CHECK(has_code(only_week(h), "days.below_minimum"));
}

TEST_CASE("exactly 9.0 h meets, 8.99 h does not", "[validate]") {
    // 9.0 h: three 180-minute sessions. 8.99 h = 32,364 s: the third session is 10,764 s.
    const std::vector<attendance_record> nine{rec("p1", 2026y / mar / 2d, 18, 180min),
                                              rec("p1", 2026y / mar / 3d, 18, 180min),
                                              rec("p1", 2026y / mar / 5d, 18, 180min)};
    auto short_week = nine;
    short_week[2].scheduled = 10764s;
    for (auto id : {"asam-iop-adult", "samhsa-tip47", "medicare-iop"}) {
        INFO(id);
        const auto a = run(nine, id);
        CHECK(only_week(a).counted == 9h);
        CHECK(only_week(a).status == week_status::meets);
        const auto b = run(short_week, id);
        CHECK(only_week(b).counted == 32364s);
        CHECK(only_week(b).status == week_status::below_minimum);
        REQUIRE(only_week(b).violations.size() == 1);
        CHECK(only_week(b).violations[0].code == "hours.below_minimum");
        CHECK(only_week(b).violations[0].message == "8.99 h of counted services; at least 9 h required");
    }
    // Adolescents need 6 h: 8.99 h meets.
    CHECK(only_week(run(short_week, "asam-iop-adolescent")).status == week_status::meets);
}

TEST_CASE("exactly 20 h under each IOP rule", "[validate]") {
    // Four 300-minute days, Mon to Thu: 20 h.
    std::vector<attendance_record> rs;
    for (unsigned d = 2; d <= 5; ++d) rs.push_back(rec("p1", 2026y / mar / day{d}, 9, 300min));
    for (auto id : {"asam-iop-adult", "asam-iop-adolescent", "medicare-iop"}) {
        INFO(id);  // "under 20": 20 h is above the maximum
        const auto r = run(rs, id);
        CHECK(only_week(r).counted == 20h);
        CHECK(only_week(r).status == week_status::above_maximum);
        REQUIRE(only_week(r).violations.size() == 1);
        CHECK(only_week(r).violations[0].code == "hours.above_maximum");
        CHECK(only_week(r).violations[0].message == "20 h of counted services; fewer than 20 h allowed");
    }
    CHECK(only_week(run(rs, "samhsa-tip47")).status == week_status::meets);  // 9 to 20 inclusive
    CHECK(only_week(run(rs, "medicare-php")).status == week_status::meets);  // at least 20
    CHECK(only_week(run(rs, "h0015")).status == week_status::meets);         // 4 days of 5 h
    // One more minute is over TIP 47's inclusive 20.
    rs[0].scheduled = 301min;
    CHECK(only_week(run(rs, "samhsa-tip47")).status == week_status::above_maximum);
}

TEST_CASE("partial attendance counts the attended minutes, and absences count nothing", "[validate]") {
    // Mon 180 attended, Tue 120 of 180, Wed absent, Thu excused, Fri cancelled, Sat 180:
    // 180 + 120 + 180 = 480 min = 8 h.
    const std::vector<attendance_record> rs{
        rec("p1", 2026y / mar / 2d, 9, 180min),
        rec("p1", 2026y / mar / 3d, 9, 180min, "group_therapy", attendance_status::partial, 120min),
        rec("p1", 2026y / mar / 4d, 9, 180min, "group_therapy", attendance_status::absent),
        rec("p1", 2026y / mar / 5d, 9, 180min, "group_therapy", attendance_status::excused),
        rec("p1", 2026y / mar / 6d, 9, 180min, "group_therapy", attendance_status::cancelled),
        rec("p1", 2026y / mar / 7d, 9, 180min)};
    const auto r = run(rs, "asam-iop-adult");
    const auto& w = only_week(r);
    CHECK(w.counted == 8h);
    CHECK(w.counted_sessions == 3);
    CHECK(w.qualifying_days == 3);
    CHECK(w.status == week_status::below_minimum);
    CHECK(r.records == 6);
    CHECK(r.records_counted == 3);
    CHECK(r.rejected.empty());
}

TEST_CASE("overlapping records are counted once and reported", "[validate]") {
    // Mon 09:00-12:00 group and 11:00-12:30 individual: 60 min overlap, union 09:00-12:30 =
    // 210 min. Tue 09:00-12:00 group and Tue 10:00-11:00 individual inside it: union 180 min.
    // Wed 09:00-12:00 group, alone. Week: 210 + 180 + 180 = 570 min = 9.5 h.
    const std::vector<attendance_record> rs{
        rec("p1", 2026y / mar / 2d, 9, 180min), rec("p1", 2026y / mar / 3d, 9, 180min),
        rec("p1", 2026y / mar / 4d, 9, 180min),
        rec("p1", 2026y / mar / 2d, 11, 90min, "individual_therapy"),
        rec("p1", 2026y / mar / 3d, 10, 60min, "individual_therapy")};
    const auto r = run(rs, "asam-iop-adult");
    CHECK(only_week(r).counted == 570min);
    CHECK(only_week(r).status == week_status::meets);
    REQUIRE(r.patients[0].overlaps.size() == 2);
    CHECK(r.patients[0].overlaps[0].first == 0);
    CHECK(r.patients[0].overlaps[0].second == 3);
    CHECK(r.patients[0].overlaps[0].time == 60min);
    CHECK(r.patients[0].overlaps[1].first == 1);
    CHECK(r.patients[0].overlaps[1].second == 4);
    CHECK(r.patients[0].overlaps[1].time == 60min);
    CHECK(r.overlaps == 2);
    // Other patients' sessions at the same time are no overlap.
    auto two = rs;
    two.push_back(rec("p2", 2026y / mar / 2d, 9, 180min));
    CHECK(run(two, "asam-iop-adult").overlaps == 2);
}

TEST_CASE("an empty week inside the span is a 0-hour week", "[validate]") {
    // 9 h in the weeks of 03-02 and 03-16, nothing in the week of 03-09.
    std::vector<attendance_record> rs;
    for (unsigned d : {2u, 4u, 6u, 16u, 18u, 20u}) rs.push_back(rec("p1", 2026y / mar / day{d}, 9, 180min));
    const auto r = run(rs, "asam-iop-adult");
    REQUIRE(r.patients.size() == 1);
    const auto& p = r.patients[0];
    REQUIRE(p.weeks.size() == 3);
    CHECK(p.weeks[1].week_start == local_days{2026y / mar / 9d});
    CHECK(p.weeks[1].counted == 0s);
    CHECK(p.weeks[1].status == week_status::below_minimum);
    CHECK(p.weeks[0].status == week_status::meets);
    CHECK(p.weeks[2].status == week_status::meets);
    CHECK(p.weeks_checked == 3);
    CHECK(p.weeks_met == 2);
    CHECK(p.longest_failing_run == 1);
    CHECK(r.weeks.meets == 2);
    CHECK(r.weeks.below_minimum == 1);
}

TEST_CASE("admission and discharge weeks under each edge policy", "[validate]") {
    // Enrolled Thu 03-05 to Tue 03-17. Weeks: 03-02 (Thu-Sun in the stay: 4 days),
    // 03-09 (7 days), 03-16 (Mon-Tue: 2 days). Attended: Thu+Fri 3 h each (6 h);
    // Mon/Wed/Fri 3 h (9 h); Mon 2 h.
    attendance_log log;
    for (unsigned d : {5u, 6u, 9u, 11u, 13u}) log.records.push_back(rec("p1", 2026y / mar / day{d}, 9, 180min));
    log.records.push_back(rec("p1", 2026y / mar / 16d, 9, 120min));
    log.enrollments.push_back(enrollment_period{"p1", "2.1", 2026y / mar / 5d, 2026y / mar / 17d});

    auto rules = builtin_rules("asam-iop-adult");
    SECTION("exempt") {
        rules.edge_weeks = edge_week_policy::exempt;
        const auto r = validate(log, rules, time_zone::utc());
        const auto& w = r.patients.at(0).weeks;
        REQUIRE(w.size() == 3);
        CHECK(w[0].admission_week);
        CHECK(w[0].days_in_span == 4);
        CHECK(w[0].counted == 6h);  // still reported
        CHECK(w[0].status == week_status::exempt);
        CHECK(w[1].status == week_status::meets);
        CHECK(w[2].discharge_week);
        CHECK(w[2].days_in_span == 2);
        CHECK(w[2].status == week_status::exempt);
        CHECK(r.patients[0].weeks_checked == 1);
        CHECK(r.weeks.exempt == 2);
        CHECK(r.weeks.meets == 1);
    }
    SECTION("prorated") {
        // 9 h x 4/7 = 5.14 h (6 h meets); 9 h x 2/7 = 2.57 h (2 h does not).
        rules.edge_weeks = edge_week_policy::prorated;
        const auto r = validate(log, rules, time_zone::utc());
        const auto& w = r.patients.at(0).weeks;
        REQUIRE(w.size() == 3);
        CHECK(w[0].status == week_status::meets);
        CHECK(w[1].status == week_status::meets);
        CHECK(w[2].status == week_status::below_minimum);
        REQUIRE(w[2].violations.size() == 1);
        CHECK(w[2].violations[0].message ==
              "2 h of counted services; at least 2.57 h required (prorated to 2 of 7 days in the stay)");
    }
    SECTION("strict") {
        rules.edge_weeks = edge_week_policy::strict;
        const auto r = validate(log, rules, time_zone::utc());
        const auto& w = r.patients.at(0).weeks;
        REQUIRE(w.size() == 3);
        CHECK(w[0].status == week_status::below_minimum);  // 6 h < 9 h
        CHECK(w[1].status == week_status::meets);
        CHECK(w[2].status == week_status::below_minimum);  // 2 h < 9 h
    }
    SECTION("H0015 prorated days: 3 x 4/7 -> 2 days, 3 x 2/7 -> 1 day") {
        auto h = builtin_rules("h0015");
        h.edge_weeks = edge_week_policy::prorated;
        const auto r = validate(log, h, time_zone::utc());
        const auto& w = r.patients.at(0).weeks;
        REQUIRE(w.size() == 3);
        CHECK(w[0].qualifying_days == 2);
        CHECK(w[0].status == week_status::meets);
        CHECK(w[1].status == week_status::meets);
        CHECK(w[2].qualifying_days == 0);  // 2 h < 3 h
        CHECK(w[2].status == week_status::below_minimum);
    }
}

TEST_CASE("records outside the enrollment are rejected, the rest still checked", "[validate]") {
    attendance_log log;
    log.records.push_back(rec("p1", 2026y / mar / 3d, 9, 180min));  // before admission
    for (unsigned d : {9u, 11u, 13u}) log.records.push_back(rec("p1", 2026y / mar / day{d}, 9, 180min));
    log.records.push_back(rec("p1", 2026y / mar / 16d, 9, 180min));  // after discharge
    log.enrollments.push_back(enrollment_period{"p1", "2.1", 2026y / mar / 9d, 2026y / mar / 15d});
    const auto r = validate(log, builtin_rules("asam-iop-adult"), time_zone::utc());
    REQUIRE(r.rejected.size() == 2);
    CHECK(r.rejected[0].index == 0);
    CHECK(r.rejected[0].field == "start");
    CHECK(r.rejected[0].value == "2026-03-03");
    CHECK(r.rejected[0].reason == "outside the enrollment 2026-03-09 to 2026-03-15");
    CHECK(r.rejected[1].index == 4);
    const auto& w = only_week(r);
    CHECK(w.counted == 9h);
    CHECK(w.status == week_status::meets);
}

TEST_CASE("step-down allowance and level-of-care review flags", "[validate]") {
    // Weeks of 03-02 .. 03-23: 9 h, 6 h, 6 h, 9 h. No enrollment: the two short weeks are in
    // the middle of the stay, where no allowance applies.
    std::vector<attendance_record> rs;
    for (unsigned d : {2u, 4u, 6u}) rs.push_back(rec("p1", 2026y / mar / day{d}, 9, 180min));
    for (unsigned d : {9u, 11u, 16u, 18u}) rs.push_back(rec("p1", 2026y / mar / day{d}, 9, 180min));
    for (unsigned d : {23u, 25u, 27u}) rs.push_back(rec("p1", 2026y / mar / day{d}, 9, 180min));
    auto rules = builtin_rules("asam-iop-adult");

    SECTION("allowance 1: mid-stay short weeks are not allowed; two in a row raise the review") {
        const auto r = validate(rs, rules, time_zone::utc());
        const auto& p = r.patients.at(0);
        REQUIRE(p.weeks.size() == 4);
        CHECK(p.weeks[1].status == week_status::below_minimum);
        CHECK_FALSE(p.weeks[1].violations.at(0).allowed);
        CHECK_FALSE(p.weeks[1].compliant);
        CHECK(p.weeks[2].status == week_status::below_minimum);
        CHECK_FALSE(p.weeks[2].violations.at(0).allowed);
        CHECK(p.weeks_allowed == 0);
        CHECK(p.longest_failing_run == 2);
        CHECK(p.consider_step_down);
        CHECK_FALSE(p.consider_higher_level);
        CHECK(p.review.find("step-down") != std::string::npos);
        CHECK(p.review.find("2026-03-09") != std::string::npos);
    }
    SECTION("allowance 2: a run of two is no review, though not allowed mid-stay") {
        rules.step_down_allowance = 2;
        const auto r = validate(rs, rules, time_zone::utc());
        const auto& p = r.patients.at(0);
        CHECK_FALSE(p.weeks[1].violations.at(0).allowed);
        CHECK_FALSE(p.weeks[2].violations.at(0).allowed);
        CHECK(p.weeks_allowed == 0);
        CHECK_FALSE(p.consider_step_down);
        CHECK(p.review.empty());
    }
    SECTION("allowance 0: two weeks in a row still raise the review") {
        rules.step_down_allowance = 0;
        rs.erase(rs.begin() + 5, rs.begin() + 7);  // drop 03-16 and 03-18: weeks of 9, 6, 0, 9 h
        const auto r = validate(rs, rules, time_zone::utc());
        const auto& p = r.patients.at(0);
        REQUIRE(p.weeks.size() == 4);
        CHECK(p.weeks[2].counted == 0s);
        CHECK_FALSE(p.weeks[1].violations.at(0).allowed);
        CHECK(p.weeks_allowed == 0);
        CHECK(p.consider_step_down);
    }
    SECTION("over the maximum twice: consider a higher level") {
        // Add 12 h to weeks 1 and 4: 21 h each.
        for (unsigned d : {3u, 5u, 24u, 26u}) rs.push_back(rec("p1", 2026y / mar / day{d}, 14, 360min));
        const auto r = validate(rs, rules, time_zone::utc());
        const auto& p = r.patients.at(0);
        CHECK(p.weeks[0].counted == 21h);
        CHECK(p.weeks[0].status == week_status::above_maximum);
        CHECK(p.weeks[3].status == week_status::above_maximum);
        CHECK(p.consider_higher_level);
        CHECK(p.longest_failing_run == 4);
        CHECK(p.review.find("partial hospitalization") != std::string::npos);
    }
}

TEST_CASE("service mix: a message naming a long service id is whole", "[validate]") {
    // The id alone is longer than the room a message is first put together in.
    const std::string id = "family_" + std::string(200, 'x') + "_session";
    service_catalog catalog = service_catalog::standard();
    catalog.add(service{service_id{id}, "A long-named session"});
    auto rules = builtin_rules("asam-iop-adult");
    rules.service_mix.push_back(service_requirement{id, 2, 1, std::nullopt, "program policy"});
    std::vector<attendance_record> rs;
    for (unsigned d : {2u, 4u, 6u}) rs.push_back(rec("p1", 2026y / mar / day{d}, 9, 180min));
    rs.push_back(rec("p1", 2026y / mar / 3d, 9, 60min, id));
    validate_options o;
    o.services = &catalog;
    const auto r = validate(rs, rules, time_zone::utc(), o);
    const auto& w = r.patients.at(0).weeks;
    REQUIRE(w.size() == 1);
    REQUIRE(w[0].violations.size() == 1);
    CHECK(w[0].violations[0].subject == id);
    CHECK(w[0].violations[0].message == "1 " + id + " session(s); at least 2 required this week");
}

TEST_CASE("service mix: a missing weekly individual session", "[validate]") {
    auto rules = builtin_rules("asam-iop-adult");
    rules.service_mix.push_back(service_requirement{"individual_therapy", 1, 1, std::nullopt, "program policy"});
    // Week of 03-02: 3 x 3 h group + 1 h individual (10 h). Week of 03-09: 10 h of group only.
    std::vector<attendance_record> rs;
    for (unsigned d : {2u, 4u, 6u}) rs.push_back(rec("p1", 2026y / mar / day{d}, 9, 180min));
    rs.push_back(rec("p1", 2026y / mar / 3d, 9, 60min, "individual_therapy"));
    for (unsigned d : {9u, 11u}) rs.push_back(rec("p1", 2026y / mar / day{d}, 9, 300min));
    const auto r = validate(rs, rules, time_zone::utc());
    const auto& w = r.patients.at(0).weeks;
    REQUIRE(w.size() == 2);
    CHECK(w[0].counted == 10h);
    CHECK(w[0].status == week_status::meets);
    CHECK(w[1].counted == 10h);
    CHECK(w[1].status == week_status::meets);  // status speaks of hours and days only
    CHECK_FALSE(w[1].compliant);
    CHECK(w[0].compliant);
    REQUIRE(w[1].violations.size() == 1);
    CHECK(w[1].violations[0].code == "services.below_minimum");
    CHECK(w[1].violations[0].subject == "individual_therapy");
    CHECK(w[1].violations[0].source == "program policy");
    CHECK(w[1].violations[0].message == "0 individual_therapy session(s); at least 1 required this week");
    // A missed service week is no hours shortfall: no step-down flag.
    CHECK_FALSE(r.patients[0].consider_step_down);

    SECTION("per 2 weeks: one session in the two weeks is enough") {
        rules.service_mix[0].per_weeks = 2;
        const auto r2 = validate(rs, rules, time_zone::utc());
        CHECK(r2.patients.at(0).weeks[1].status == week_status::meets);
        CHECK(r2.patients.at(0).weeks[1].compliant);
    }
}

TEST_CASE("TIP 47: drug testing weekly for the whole stay", "[validate]") {
    // Enrolled Mon 03-02 to Sun 04-12 (6 weeks). 9 h of group every week. Drug tests (which
    // do not count toward hours) in the weeks of 03-02, 03-09, 03-16, 03-23, none after: the
    // weeks of 03-30 and 04-06 (days 29-42, past the first 30 days too) each lack one.
    attendance_log log;
    for (unsigned w = 0; w < 6; ++w) {
        const auto monday = local_days{2026y / mar / 2d} + days{7 * w};
        for (unsigned d : {0u, 2u, 4u}) log.records.push_back(rec("p1", year_month_day{monday + days{d}}, 9, 180min));
        if (w < 4) log.records.push_back(rec("p1", year_month_day{monday + days{1}}, 8, 15min, "drug_testing"));
    }
    log.enrollments.push_back(enrollment_period{"p1", "2.1", 2026y / mar / 2d, 2026y / April / 12d});
    const auto r = validate(log, builtin_rules("samhsa-tip47"), time_zone::utc());
    const auto& w = r.patients.at(0).weeks;
    REQUIRE(w.size() == 6);
    for (std::size_t i = 0; i < 6; ++i) {
        INFO(i);
        CHECK(w[i].counted == 9h);  // drug testing is not counted
        CHECK(w[i].status == week_status::meets);
        CHECK(w[i].compliant == (i < 4));
    }
    for (std::size_t i : {4u, 5u}) {
        REQUIRE(w[i].violations.size() == 1);
        CHECK(w[i].violations[0].code == "services.below_minimum");
        CHECK(w[i].violations[0].subject == "drug_testing");
        CHECK(w[i].violations[0].message == "0 drug_testing session(s); at least 1 required this week");
    }
    CHECK(r.patients[0].weeks_met == 4);
}

TEST_CASE("Medicare IOP: an overdue recertification", "[validate]") {
    // Enrolled Mon 01-05 to Sun 03-29 (12 weeks), 9 h a week. Certified 01-05, so the
    // recertification was due by 03-05; it came on 03-12. Days 03-06..03-11 are uncovered:
    // the weeks of 03-02 (index 8) and 03-09 (index 9) are flagged, none other.
    attendance_log log;
    for (unsigned w = 0; w < 12; ++w) {
        const auto monday = local_days{2026y / January / 5d} + days{7 * w};
        for (unsigned d : {0u, 2u, 4u}) log.records.push_back(rec("p1", year_month_day{monday + days{d}}, 9, 180min));
    }
    log.enrollments.push_back(enrollment_period{"p1", "2.1", 2026y / January / 5d, 2026y / mar / 29d});
    log.certifications.push_back(certification{"p1", 2026y / January / 5d});
    log.certifications.push_back(certification{"p1", 2026y / mar / 12d});
    // p2: same weeks, never certified: every week lacks a certification.
    for (unsigned d : {5u, 7u, 9u}) log.records.push_back(rec("p2", 2026y / January / day{d}, 9, 180min));

    const auto r = validate(log, builtin_rules("medicare-iop"), time_zone::utc());
    const auto& w = r.find("p1")->weeks;
    REQUIRE(w.size() == 12);
    for (std::size_t i = 0; i < 12; ++i) {
        INFO(i);
        CHECK(w[i].status == week_status::meets);  // 9 h every week
        CHECK(w[i].compliant == (i != 8 && i != 9));
    }
    REQUIRE(w[8].violations.size() == 1);
    CHECK(w[8].violations[0].code == "certification.overdue");
    CHECK(w[8].violations[0].message == "recertification was due by 2026-03-05 (last certified 2026-01-05)");
    CHECK(r.find("p1")->weeks_met == 10);
    CHECK_FALSE(r.find("p1")->consider_step_down);  // certification is not an hours shortfall

    const auto* p2 = r.find("p2");
    REQUIRE(p2 != nullptr);
    REQUIRE(p2->weeks.size() == 1);
    CHECK(p2->weeks[0].violations.at(0).code == "certification.missing");

    // p3 (no enrollment) starts on Wednesday 01-07, certified that day: the Monday and
    // Tuesday before the first record are not counted as uncertified.
    for (unsigned d : {7u, 8u, 9u}) log.records.push_back(rec("p3", 2026y / January / day{d}, 9, 180min));
    log.certifications.push_back(certification{"p3", 2026y / January / 7d});
    const auto r3 = validate(log, builtin_rules("medicare-iop"), time_zone::utc());
    CHECK(r3.find("p3")->weeks.at(0).status == week_status::meets);

    // Medicare requires certification: without any on file, every week lacks it (the check
    // no longer switches off when a log has no certification rows at all) ...
    log.certifications.clear();
    const auto r2 = validate(log, builtin_rules("medicare-iop"), time_zone::utc());
    CHECK(r2.find("p1")->weeks_met == 0);
    CHECK(r2.find("p1")->weeks.at(11).violations.at(0).message == "no certification of need on or before 2026-03-23");
    // ... while a rule set that does not require it checks only when some are given.
    auto optional = builtin_rules("medicare-iop");
    optional.certification_required = false;
    CHECK(validate(log, optional, time_zone::utc()).find("p1")->weeks_met == 12);
}

TEST_CASE("bad records are rejected with the reason, and the others are checked", "[validate]") {
    std::vector<attendance_record> rs{
        rec("p1", 2026y / mar / 2d, 9, 180min),
        rec("p1", 2026y / mar / 3d, 9, 180min, "basket_weaving"),                        // unknown service
        rec("p1", 2026y / mar / 4d, 9, -30min),                                          // negative minutes
        rec("p1", 2026y / mar / 4d, 9, 180min, "group_therapy", attendance_status::partial, 200min),  // > scheduled
        rec("", 2026y / mar / 4d, 9, 180min),                                            // no patient
        rec("p1", 2026y / mar / 4d, 9, 180min),
        rec("p1", 2026y / mar / 6d, 9, 180min)};
    const auto r = validate(rs, builtin_rules("asam-iop-adult"), time_zone::utc());
    REQUIRE(r.rejected.size() == 4);
    CHECK(r.rejected[0].index == 1);
    CHECK(r.rejected[0].field == "service");
    CHECK(r.rejected[0].value == "basket_weaving");
    CHECK(r.rejected[1].index == 2);
    CHECK(r.rejected[1].field == "scheduled");
    CHECK(r.rejected[1].value == "-30");
    CHECK(r.rejected[2].index == 3);
    CHECK(r.rejected[2].field == "attended");
    CHECK(r.rejected[2].value == "200");
    CHECK(r.rejected[3].index == 4);
    CHECK(r.rejected[3].field == "patient");
    CHECK(r.records == 7);
    CHECK(only_week(r).counted == 9h);  // records 0, 5, 6
    CHECK(only_week(r).status == week_status::meets);

    // Enrollments with a discharge before admission, or a second one, are rejected too.
    attendance_log log;
    log.records = rs;
    log.enrollments.push_back(enrollment_period{"p1", "2.1", 2026y / mar / 2d, 2026y / mar / 8d});
    log.enrollments.push_back(enrollment_period{"p1", "2.1", 2026y / mar / 9d, std::nullopt});
    log.enrollments.push_back(enrollment_period{"p3", "2.1", 2026y / mar / 9d, 2026y / mar / 1d});
    const auto r2 = validate(log, builtin_rules("asam-iop-adult"), time_zone::utc());
    REQUIRE(r2.rejected.size() == 6);
    CHECK(r2.rejected[4].field == "enrollment");
    CHECK(r2.rejected[4].index == 1);
    CHECK(r2.rejected[5].index == 2);
    CHECK(r2.rejected[5].reason == "discharge before admission");
}

TEST_CASE("a bad rule set: thrown, or returned by try_validate", "[validate]") {
    auto rules = builtin_rules("asam-iop-adult");
    rules.counted_services = {"basket_weaving"};
    attendance_log log;
    log.records.push_back(rec("p1", 2026y / mar / 2d, 9, 180min));
    CHECK_THROWS_AS(validate(log, rules, time_zone::utc()), error);
    const auto r = try_validate(log, rules, time_zone::utc());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == errc::invalid_rule_set);
    CHECK(r.error().value == "basket_weaving");
    CHECK(try_validate(log, builtin_rules("h0015"), time_zone::utc()).ok());
}

TEST_CASE("counted services: a rule set may count only some", "[validate]") {
    // 3 h group + 3 h psychoeducation + 3 h yoga (yoga never counts by default).
    std::vector<attendance_record> rs{rec("p1", 2026y / mar / 2d, 9, 180min),
                                      rec("p1", 2026y / mar / 3d, 9, 180min, "psychoeducation"),
                                      rec("p1", 2026y / mar / 4d, 9, 180min, "yoga")};
    auto rules = builtin_rules("asam-iop-adult");
    CHECK(validate(rs, rules, time_zone::utc()).patients.at(0).weeks.at(0).counted == 6h);
    rules.counted_services = {"group_therapy", "yoga"};
    CHECK(validate(rs, rules, time_zone::utc()).patients.at(0).weeks.at(0).counted == 6h);
    rules.counted_services = {"group_therapy", "yoga", "psychoeducation"};
    CHECK(validate(rs, rules, time_zone::utc()).patients.at(0).weeks.at(0).counted == 9h);
}

TEST_CASE("minimum services per day", "[validate]") {
    // A Medicare-style day of at least 3 services: Mon has 3 sessions, Tue only 1.
    rule_set rules;
    rules.id = "three-services";
    rules.min_services_per_day = 3;
    std::vector<attendance_record> rs{rec("p1", 2026y / mar / 2d, 9, 60min), rec("p1", 2026y / mar / 2d, 10, 60min),
                                      rec("p1", 2026y / mar / 2d, 11, 60min, "individual_therapy"),
                                      rec("p1", 2026y / mar / 3d, 9, 60min)};
    const auto r = validate(rs, rules, time_zone::utc());
    const auto& w = only_week(r);
    CHECK(w.qualifying_days == 1);
    CHECK(w.status == week_status::below_minimum);
    REQUIRE(w.violations.size() == 1);
    CHECK(w.violations[0].code == "days.too_few_services");
    CHECK(w.violations[0].message == "1 attended day(s) with fewer than 3 counted services");
}

TEST_CASE("streaming: records added one by one, enrollment added last", "[validate]") {
    validator v(builtin_rules("asam-iop-adult"), time_zone::utc());
    // Two patients interleaved; p2's enrollment (03-02..03-15) arrives after its records, and
    // its record on 03-20 falls outside it.
    for (unsigned d : {2u, 4u, 6u}) {
        v.add(rec("p1", 2026y / mar / day{d}, 9, 180min));
        v.add(rec("p2", 2026y / mar / day{d}, 9, 120min));
    }
    v.add(rec("p2", 2026y / mar / 20d, 9, 120min));
    v.add(enrollment_period{"p2", "2.1", 2026y / mar / 2d, 2026y / mar / 15d});
    const auto r = v.finish();
    REQUIRE(r.patients.size() == 2);
    CHECK(r.patients[0].patient == "p1");
    CHECK(r.patients[0].weeks.at(0).counted == 9h);
    CHECK(r.patients[1].weeks.size() == 2);
    CHECK(r.patients[1].weeks[0].counted == 6h);
    CHECK(r.patients[1].weeks[1].counted == 0s);
    REQUIRE(r.rejected.size() == 1);
    CHECK(r.rejected[0].index == 6);
    CHECK(r.weeks.total() == 3);
    // The validator is reusable after finish().
    v.add(rec("p9", 2026y / mar / 2d, 9, 180min));
    const auto again = v.finish();
    REQUIRE(again.patients.size() == 1);
    CHECK(again.patients[0].patient == "p9");
}

TEST_CASE("an admission week under the minimum does not start a step-down run", "[validate]") {
    // Enrolled Wed 03-04 to Sun 03-22. Week of 03-02 (5 days, prorated minimum 9 x 5/7 =
    // 6.43 h) has 3 h; week of 03-09 has 6 h; week of 03-16 has 9 h.
    attendance_log log;
    log.records.push_back(rec("p1", 2026y / mar / 4d, 9, 180min));
    for (unsigned d : {9u, 11u}) log.records.push_back(rec("p1", 2026y / mar / day{d}, 9, 180min));
    for (unsigned d : {16u, 18u, 20u}) log.records.push_back(rec("p1", 2026y / mar / day{d}, 9, 180min));
    log.enrollments.push_back(enrollment_period{"p1", "2.1", 2026y / mar / 4d, 2026y / mar / 22d});
    const auto r = validate(log, builtin_rules("asam-iop-adult"), time_zone::utc());
    const auto& p = r.patients.at(0);
    REQUIRE(p.weeks.size() == 3);
    CHECK(p.weeks[0].status == week_status::below_minimum);
    CHECK(p.weeks[0].violations.at(0).message ==
          "3 h of counted services; at least 6.43 h required (prorated to 5 of 7 days in the stay)");
    CHECK_FALSE(p.weeks[0].violations.at(0).allowed);
    CHECK_FALSE(p.weeks[1].violations.at(0).allowed);  // mid-stay: no allowance either
    CHECK(p.weeks[2].status == week_status::meets);
    CHECK_FALSE(p.consider_step_down);  // a run of one week (the admission week starts none)
    CHECK(p.weeks_allowed == 0);
}
