// The payer-accurate rule families, each on hand-computed patient-weeks: per-day payment tiers,
// certification (missing, overdue by months and by days), the step-down allowance at the end
// of a stay vs in the middle, closures under both policies, the span limit, and plan checks
// that agree with validation. 2026 calendar: March 2, 9, 16, 23, 30 and April 6, 13, 20 are
// Mondays. Zone: UTC.
#include "catch.hpp"

#include <string>
#include <vector>

#include "iopcare/schedule.hpp"
#include "iopcare/validate.hpp"

using namespace std::chrono;
using namespace std::chrono_literals;
using namespace iopcare;

namespace {

constexpr auto mar = March;
constexpr auto apr = April;

attendance_record rec(std::string patient, year_month_day d, int h, seconds len, std::string service = "group_therapy",
                      attendance_status st = attendance_status::attended, seconds attended = 0s) {
    attendance_record r;
    r.patient = std::move(patient);
    r.service = std::move(service);
    r.start = local_days{d} + hours{h};
    r.scheduled = len;
    r.status = st;
    r.attended = attended;
    return r;
}

// `n` back-to-back 60-minute group sessions from 09:00 on day `d`.
void sessions(std::vector<attendance_record>& rs, const std::string& p, year_month_day d, int n) {
    for (int i = 0; i < n; ++i) rs.push_back(rec(p, d, 9 + i, 60min));
}

// Three 3-hour groups (Mon, Wed, Fri) in the week starting `monday`: 9 h.
void nine_hours(std::vector<attendance_record>& rs, const std::string& p, local_days monday) {
    for (int d : {0, 2, 4}) rs.push_back(rec(p, year_month_day{monday + days{d}}, 9, 180min));
}

// Six hours: Mon and Wed only.
void six_hours(std::vector<attendance_record>& rs, const std::string& p, local_days monday) {
    for (int d : {0, 2}) rs.push_back(rec(p, year_month_day{monday + days{d}}, 9, 180min));
}

const local_days week0{2026y / mar / 2d};
local_days week(int k) { return week0 + days{7 * k}; }

// An evening IOP: group therapy Mon/Tue/Thu 18:00-21:00, 9 h a week.
program evening_program() {
    program p;
    p.name = "Evening IOP";
    p.level = "2.1";
    p.zone = time_zone::utc();  // UTC on purpose: the tests read clock times as instants
    template_line group;
    group.days = {Monday, Tuesday, Thursday};
    group.start = 18h;
    group.length = 180min;
    group.service = "group_therapy";
    group.group = "evening";
    group.capacity = 10;
    p.phases.push_back(program_phase{"core", 0, {group}});
    return p;
}

// One patient (7) of the evening group, admitted on `admit` for `weeks` weeks, validated as
// planned.
validation_report validate_enrolled(const program& p, year_month_day admit, unsigned weeks, const rule_set& rules) {
    schedule s(p);
    enrollment e;
    e.patient = patient_id{"7"};
    e.admit = admit;
    e.weeks = weeks;
    e.group = "evening";
    s.enroll(e);
    return validate_plan(s, s.expand(2026y / mar / 1d, 2026y / May / 1d), rules);
}

std::vector<std::string> codes(const week_result& w) {
    std::vector<std::string> out;
    for (const auto& v : w.violations) out.emplace_back(v.code);
    return out;
}

}  // namespace

TEST_CASE("day tiers: 2, 3, 4 and 6 services, a partial session counts, a non-counted one does not",
          "[validate][tiers]") {
    // Week of 03-02 under medicare-iop (certified on admission, so only tiers and hours speak):
    //   Mon 2 services (2 h)                          -> below_tier
    //   Tue 3 services (3 h)                          -> 3_services
    //   Wed 4 services (4 h)                          -> 4_plus_services
    //   Thu 6 services (6 h)                          -> 4_plus_services
    //   Fri 2 attended + 1 partial 30 of 60 (2.5 h)   -> 3_services
    //   Sat 2 groups + drug test + yoga (2 h counted) -> below_tier (drug testing, yoga not counted)
    //   Sun one absent session                        -> no day
    // Hours: 2 + 3 + 4 + 6 + 2.5 + 2 = 19.5 h, inside 9 to under 20.
    std::vector<attendance_record> rs;
    sessions(rs, "p1", 2026y / mar / 2d, 2);
    sessions(rs, "p1", 2026y / mar / 3d, 3);
    sessions(rs, "p1", 2026y / mar / 4d, 4);
    sessions(rs, "p1", 2026y / mar / 5d, 6);
    sessions(rs, "p1", 2026y / mar / 6d, 2);
    rs.push_back(rec("p1", 2026y / mar / 6d, 14, 60min, "individual_therapy", attendance_status::partial, 30min));
    sessions(rs, "p1", 2026y / mar / 7d, 2);
    rs.push_back(rec("p1", 2026y / mar / 7d, 13, 15min, "drug_testing"));
    rs.push_back(rec("p1", 2026y / mar / 7d, 14, 60min, "yoga"));
    rs.push_back(rec("p1", 2026y / mar / 8d, 9, 60min, "group_therapy", attendance_status::absent));
    attendance_log log;
    log.records = rs;
    log.certifications.push_back(certification{"p1", 2026y / mar / 2d});

    const auto r = validate(log, builtin_rules("medicare-iop"), time_zone::utc());
    const auto& w = r.patients.at(0).weeks.at(0);
    CHECK(w.counted == 19h + 30min);
    CHECK(w.status == week_status::meets);
    CHECK(w.compliant);
    REQUIRE(w.days.size() == 6);
    const std::vector<std::pair<unsigned, std::string>> expected{
        {2, "below_tier"}, {3, "3_services"}, {4, "4_plus_services"},
        {6, "4_plus_services"}, {3, "3_services"}, {2, "below_tier"}};
    for (std::size_t i = 0; i < 6; ++i) {
        INFO(i);
        CHECK(w.days[i].date == week0 + days{static_cast<int>(i)});
        CHECK(w.days[i].services == expected[i].first);
        CHECK(w.days[i].tier == expected[i].second);
    }
    CHECK(w.days[4].counted == 2h + 30min);  // the partial session's 30 minutes
    CHECK(w.days[5].counted == 2h);
    REQUIRE(r.day_tiers.size() == 3);
    CHECK(r.day_tiers[0].label == "3_services");
    CHECK(r.day_tiers[0].days == 2);
    CHECK(r.day_tiers[1].label == "4_plus_services");
    CHECK(r.day_tiers[1].days == 2);
    CHECK(r.day_tiers[2].label == "below_tier");
    CHECK(r.day_tiers[2].days == 2);

    // A rule set without tiers lists no days.
    const auto plain = validate(log, builtin_rules("asam-iop-adult"), time_zone::utc());
    CHECK(plain.patients.at(0).weeks.at(0).days.empty());
    CHECK(plain.day_tiers.empty());
}

TEST_CASE("certification required: missing in every checked week, status left to the hours",
          "[validate][certification]") {
    // medicare-php, enrolled 03-02..03-15, 20 h a week (Mon-Fri, 4 one-hour sessions a day),
    // never certified: both weeks meet the hours and are not compliant.
    attendance_log log;
    for (int d = 0; d < 12; ++d)
        if (d % 7 < 5) sessions(log.records, "p1", year_month_day{week0 + days{d}}, 4);
    log.enrollments.push_back(enrollment_period{"p1", "2.5", 2026y / mar / 2d, 2026y / mar / 15d});
    const auto r = validate(log, builtin_rules("medicare-php"), time_zone::utc());
    const auto& p = r.patients.at(0);
    REQUIRE(p.weeks.size() == 2);
    for (const auto& w : p.weeks) {
        CHECK(w.counted == 20h);
        CHECK(w.status == week_status::meets);
        CHECK_FALSE(w.compliant);
        CHECK(codes(w) == std::vector<std::string>{"certification.missing"});
    }
    CHECK(p.weeks[0].violations[0].message == "no certification of need on or before 2026-03-02");
    CHECK(p.weeks[1].violations[0].message == "no certification of need on or before 2026-03-09");
    CHECK(p.weeks_met == 0);
    CHECK(r.weeks.meets == 2);  // by status
}

TEST_CASE("Medicare PHP recertification: by day 18 of the stay, then every 30 days", "[validate][certification]") {
    // Enrolled Mon 03-02 (day 1) to Sun 04-26, 8 weeks, 20 h a week on Mon-Fri. Certified 03-02.
    // Day 18 is Thu 03-19; 30 days after 03-19 is Sat 04-18.
    attendance_log base;
    for (int d = 0; d < 56; ++d)
        if (d % 7 < 5) sessions(base.records, "p1", year_month_day{week0 + days{d}}, 4);
    base.enrollments.push_back(enrollment_period{"p1", "2.5", 2026y / mar / 2d, 2026y / apr / 26d});
    base.certifications.push_back(certification{"p1", 2026y / mar / 2d});
    const auto rules = builtin_rules("medicare-php");
    const auto flagged = [&](const attendance_log& log, const rule_set& rs) {
        std::vector<std::size_t> out;
        const auto r = validate(log, rs, time_zone::utc());
        const auto& weeks = r.patients.at(0).weeks;
        for (std::size_t i = 0; i < weeks.size(); ++i)
            if (!weeks[i].compliant) out.push_back(i);
        return std::pair{out, r};
    };

    const auto recertified = [&](year_month_day first, year_month_day second) {
        auto log = base;
        log.certifications.push_back(certification{"p1", first});
        log.certifications.push_back(certification{"p1", second});
        return log;
    };

    SECTION("recertified on day 18 and again 30 days later: no week flagged") {
        CHECK(flagged(recertified(2026y / mar / 19d, 2026y / apr / 18d), rules).first.empty());
    }
    SECTION("recertified on day 20: day 19 (Fri 03-20) is overdue, in the week of 03-16") {
        const auto [weeks, r] = flagged(recertified(2026y / mar / 21d, 2026y / apr / 18d), rules);
        CHECK(weeks == std::vector<std::size_t>{2});
        const auto& v = r.patients[0].weeks[2].violations.at(0);
        CHECK(v.code == "certification.overdue");
        CHECK(v.message == "recertification was due by 2026-03-19 (last certified 2026-03-02)");
        CHECK(r.patients[0].weeks[2].status == week_status::meets);
    }
    SECTION("the next one 32 days after: Sun 04-19 is overdue, in the week of 04-13") {
        const auto [weeks, r] = flagged(recertified(2026y / mar / 19d, 2026y / apr / 20d), rules);
        CHECK(weeks == std::vector<std::size_t>{6});
        CHECK(r.patients[0].weeks[6].violations.at(0).message ==
              "recertification was due by 2026-04-18 (last certified 2026-03-19)");
    }
    SECTION("no recertification at all: every day from 03-20 on") {
        const auto [weeks, r] = flagged(base, rules);
        CHECK(weeks == std::vector<std::size_t>{2, 3, 4, 5, 6, 7});
    }
    SECTION("day 18 counted in days of services") {
        // Mon-Fri services: days of service 1-5 in week 1, 6-10, 11-15, then 16-20 in the week
        // of 03-23, so the 18th day of services is Wed 03-25. Recertified Fri 03-27: Thu 03-26
        // is overdue under this reading; under calendar days 03-20..03-26 are.
        auto log = base;
        log.certifications.push_back(certification{"p1", 2026y / mar / 27d});
        auto by_service = rules;
        by_service.first_recertification_basis = stay_day_basis::service_day;
        by_service.recertification_interval_days.reset();  // the first recertification only
        const auto [weeks, r] = flagged(log, by_service);
        CHECK(weeks == std::vector<std::size_t>{3});
        CHECK(r.patients[0].weeks[3].violations.at(0).message ==
              "recertification was due by 2026-03-25 (last certified 2026-03-02)");
        auto by_calendar = by_service;
        by_calendar.first_recertification_basis = stay_day_basis::calendar_day;
        CHECK(flagged(log, by_calendar).first == std::vector<std::size_t>{2, 3});
    }
}

TEST_CASE("the step-down allowance: at the end of a stay, from a step-down date, never mid-stay",
          "[validate][step_down]") {
    // asam-iop-adult (allowance 1 week). Enrolled Mon 03-02 to Sun 03-29: four full weeks.
    const auto run = [](std::initializer_list<int> hours_by_week, std::optional<year_month_day> discharged,
                        std::optional<year_month_day> step_down = std::nullopt, const char* id = "asam-iop-adult") {
        attendance_log log;
        int k = 0;
        for (int h : hours_by_week) {
            if (h == 9) nine_hours(log.records, "p1", week(k));
            else six_hours(log.records, "p1", week(k));
            ++k;
        }
        log.enrollments.push_back(enrollment_period{"p1", "2.1", 2026y / mar / 2d, discharged, step_down});
        validate_options o;
        o.through = 2026y / mar / 29d;
        return validate(log, builtin_rules(id), time_zone::utc(), o).patients.at(0);
    };
    const auto allowed = [](const patient_result& p) {
        std::vector<bool> out;
        for (const auto& w : p.weeks) out.push_back(w.compliant);
        return out;
    };
    const year_month_day discharge = 2026y / mar / 29d;

    SECTION("a last short week before the discharge is allowed") {
        const auto p = run({9, 9, 9, 6}, discharge);
        CHECK(allowed(p) == std::vector<bool>{true, true, true, true});
        CHECK(p.weeks[3].status == week_status::below_minimum);
        CHECK(p.weeks[3].violations.at(0).allowed);
        CHECK(p.weeks_allowed == 1);
        CHECK(p.weeks_met == 3);
        CHECK_FALSE(p.consider_step_down);
    }
    SECTION("the same week mid-stay is not") {
        const auto p = run({9, 6, 9, 9}, discharge);
        CHECK(allowed(p) == std::vector<bool>{true, false, true, true});
        CHECK(p.weeks_allowed == 0);
    }
    SECTION("two short weeks at the end: the last is allowed, the run raises the review") {
        const auto p = run({9, 9, 6, 6}, discharge);
        CHECK(allowed(p) == std::vector<bool>{true, true, false, true});
        CHECK(p.consider_step_down);
        CHECK(p.review.find("from the week of 2026-03-16") != std::string::npos);
    }
    SECTION("an open stay does not end with a discharge") {
        const auto p = run({9, 9, 9, 6}, std::nullopt);
        CHECK(allowed(p) == std::vector<bool>{true, true, true, false});
    }
    SECTION("a run starting in the week of a recorded step-down (Wed 03-11) is allowed") {
        const auto p = run({9, 6, 9, 9}, discharge, 2026y / mar / 11d);
        CHECK(allowed(p) == std::vector<bool>{true, true, true, true});
    }
    SECTION("a run before the step-down date is not") {
        const auto p = run({9, 6, 9, 9}, discharge, 2026y / mar / 18d);
        CHECK(allowed(p) == std::vector<bool>{true, false, true, true});
    }
    SECTION("payer sets have no allowance") {
        const auto p = run({9, 9, 9, 6}, discharge, std::nullopt, "h0015");
        // H0015: 3 days of 3 h; the six-hour weeks have 2 such days.
        CHECK(allowed(p) == std::vector<bool>{true, true, true, false});
        CHECK(builtin_rules("medicare-iop").step_down_allowance == 0);
        CHECK(builtin_rules("medicare-php").step_down_allowance == 0);
        CHECK(builtin_rules("h0015").step_down_allowance == 0);
    }
}

TEST_CASE("closures: prorated minimums or hours as delivered", "[validate][closures]") {
    // Enrolled 03-02..03-15. Week of 03-02: 8 h (Mon 3 h, Wed 3 h, Fri 2 h), the program closed
    // on Tue 03-03. Week of 03-09: 6 h, closed Tue 03-10 and Thu 03-12.
    attendance_log log;
    for (int d : {0, 2}) log.records.push_back(rec("p1", year_month_day{week0 + days{d}}, 9, 180min));
    log.records.push_back(rec("p1", 2026y / mar / 6d, 9, 120min));
    six_hours(log.records, "p1", week(1));
    log.enrollments.push_back(enrollment_period{"p1", "2.1", 2026y / mar / 2d, 2026y / mar / 15d});
    log.closures = {2026y / mar / 12d, 2026y / mar / 3d, 2026y / mar / 10d};

    SECTION("prorate (the ASAM sets): 9 h x 6/7 = 7.71 h, 9 h x 5/7 = 6.43 h") {
        const auto r = validate(log, builtin_rules("asam-iop-adult"), time_zone::utc());
        const auto& w = r.patients.at(0).weeks;
        REQUIRE(w.size() == 2);
        CHECK(w[0].closed_days == 1);
        CHECK(w[0].status == week_status::meets);  // 8 h >= 7.71 h
        CHECK(w[1].closed_days == 2);
        CHECK(w[1].status == week_status::below_minimum);  // 6 h < 6.43 h
        CHECK(w[1].violations.at(0).message ==
              "6 h of counted services; at least 6.43 h required (prorated to 5 of 7 days: 2 closed)");
    }
    SECTION("ignore (the payer sets): hours are hours delivered") {
        auto rules = builtin_rules("asam-iop-adult");
        rules.closures = closure_policy::ignore;
        const auto r = validate(log, rules, time_zone::utc());
        const auto& w = r.patients.at(0).weeks;
        CHECK(w[0].closed_days == 1);  // still reported
        CHECK(w[0].status == week_status::below_minimum);
        CHECK(w[0].violations.at(0).message == "8 h of counted services; at least 9 h required");
        CHECK(builtin_rules("medicare-iop").closures == closure_policy::ignore);
    }
    SECTION("an admission week with a closure: 4 days in the stay, 1 closed -> 9 h x 3/7 = 3.86 h") {
        auto late = log;
        late.enrollments[0].admitted = 2026y / mar / 5d;  // Thu; the Mon and Wed sessions are outside
        late.closures = {2026y / mar / 6d};                // Fri, the day of the 2 h session
        const auto r = validate(late, builtin_rules("asam-iop-adult"), time_zone::utc());
        const auto& w = r.patients.at(0).weeks.at(0);
        CHECK(w.days_in_span == 4);
        CHECK(w.counted == 2h);
        REQUIRE(w.violations.size() == 1);
        CHECK(w.violations[0].message ==
              "2 h of counted services; at least 3.86 h required (prorated to 3 of 7 days: 4 in the stay, 1 closed)");
    }
    SECTION("patients years apart: each week sees its own closures") {
        // Mondays 1950-01-02, 2100-01-04 and 2026-03-02; a closure on the Tuesday of each.
        attendance_log far;
        const std::vector<year_month_day> mondays{1950y / January / 2d, 2100y / January / 4d, 2026y / mar / 2d};
        for (std::size_t i = 0; i < mondays.size(); ++i) {
            nine_hours(far.records, "q" + std::to_string(i), local_days{mondays[i]});
            far.closures.push_back(year_month_day{local_days{mondays[i]} + days{1}});
        }
        const auto r = validate(far, builtin_rules("asam-iop-adult"), time_zone::utc());
        REQUIRE(r.patients.size() == 3);
        for (const auto& p : r.patients) {
            INFO(p.patient);
            CHECK(p.weeks.at(0).closed_days == 1);
        }
    }
    SECTION("closures from a program calendar: yearly rules too") {
        // Memorial Day 2026 is Monday 05-25 (us_federal_holidays): in its week the minimum is
        // 9 h x 6/7 = 7.71 h, which Wed 3 h + Fri 3 h + Sat 1 h 45 min = 7.75 h meets.
        attendance_log may;
        for (int d : {27, 29}) may.records.push_back(rec("p2", 2026y / May / day{static_cast<unsigned>(d)}, 9, 180min));
        may.records.push_back(rec("p2", 2026y / May / 30d, 9, 105min));
        validate_options o;
        for (auto& rule : us_federal_holidays()) o.closures.add_rule(std::move(rule));
        const auto r = validate(may, builtin_rules("asam-iop-adult"), time_zone::utc(), o);
        const auto& w = r.patients.at(0).weeks.at(0);
        CHECK(w.week_start == local_days{2026y / May / 25d});
        CHECK(w.closed_days == 1);
        CHECK(w.counted == 7h + 45min);
        CHECK(w.status == week_status::meets);
    }
}

TEST_CASE("a span longer than the limit is rejected with its records, bounded by the input", "[validate][limits]") {
    SECTION("1,000 patients with records in 1900 and 2199") {
        std::vector<attendance_record> rs;
        for (int p = 0; p < 1000; ++p) {
            rs.push_back(rec("p" + std::to_string(p), 1900y / January / 2d, 9, 180min));
            rs.push_back(rec("p" + std::to_string(p), 2199y / December / 30d, 9, 180min));
        }
        const auto r = validate(rs, builtin_rules("asam-iop-adult"), time_zone::utc());
        CHECK(r.patients.empty());
        CHECK(r.weeks.total() == 0);
        REQUIRE(r.rejected.size() == 2000);
        // Weeks from Monday 1900-01-01 through the week of Monday 2199-12-30: 109,571 days
        // (300 years of 365 days and 73 leap days, less 2) are 15,653 weeks, plus the last.
        CHECK(r.rejected[0].field == "start");
        CHECK(r.rejected[0].value == "1900-01-02");
        CHECK(r.rejected[0].reason ==
              "the patient's span from 1900-01-01 to 2200-01-05 has 15654 weeks, more than the 156 checked for "
              "one patient (max_span_weeks)");
        CHECK(r.rejected[1].value == "2199-12-30");
    }
    SECTION("the limit is an option; an enrollment past it is rejected too") {
        attendance_log log;
        nine_hours(log.records, "p1", week(0));
        log.enrollments.push_back(enrollment_period{"p1", "2.1", 2026y / mar / 2d, 2026y / mar / 22d});  // 3 weeks
        validate_options o;
        o.max_span_weeks = 3;
        CHECK(validate(log, builtin_rules("asam-iop-adult"), time_zone::utc(), o).patients.size() == 1);
        log.enrollments[0].discharged = 2026y / mar / 23d;  // 4 weeks
        const auto r = validate(log, builtin_rules("asam-iop-adult"), time_zone::utc(), o);
        CHECK(r.patients.empty());
        REQUIRE(r.rejected.size() == 4);  // three records, then the enrollment
        CHECK(r.rejected[3].field == "enrollment");
        CHECK(r.rejected[3].value == "2026-03-02");
    }
}

TEST_CASE("a plan check agrees with validating the plan", "[validate][plan]") {
    // Group Mon/Tue/Thu 18:00-21:00 (9 h a week), a 15-minute drug test on Mondays and an hour
    // of yoga on Wednesdays (neither counts). Admitted Wed 03-04 for 3 weeks: the stay is
    // 03-04..03-24; the program is closed on Tue 03-17. Calendar weeks under asam-iop-adult:
    //   03-02: 5 days in the stay, Thu only: 3 h; minimum 9 h x 5/7 = 6.43 h -> below
    //   03-09: 9 h -> meets
    //   03-16: 1 closed day, Mon and Thu: 6 h; minimum 9 h x 6/7 = 7.71 h -> below
    //   03-23: 2 days in the stay, Mon and Tue: 6 h; minimum 9 h x 2/7 = 2.57 h -> meets
    program p = evening_program();
    template_line test = p.phases[0].sessions[0];
    test.days = {Monday};
    test.start = 17h + 30min;
    test.length = 15min;
    test.service = "drug_testing";
    template_line yoga = test;
    yoga.days = {Wednesday};
    yoga.start = 17h;
    yoga.length = 60min;
    yoga.service = "yoga";
    p.phases[0].sessions.push_back(test);
    p.phases[0].sessions.push_back(yoga);
    p.closures.add_date(2026y / mar / 17d);
    const year_month_day admit = 2026y / mar / 4d;

    for (const char* id : {"asam-iop-adult", "medicare-iop"}) {
        INFO(id);
        const auto rules = builtin_rules(id);
        const auto plan = plan_weeks(p, admit, 3, rules, "evening");
        REQUIRE(plan.size() == 4);
        CHECK(plan[0].week_start == 2026y / mar / 2d);
        CHECK(plan[0].days_in_stay == 5);
        CHECK(plan[0].planned == 3h);
        CHECK(plan[1].planned == 9h);
        CHECK(plan[2].planned == 6h);
        CHECK(plan[2].closed_in_stay == 1);
        CHECK(plan[3].days_in_stay == 2);
        CHECK(plan[3].planned == 6h);
        const auto issues = check_plan(plan, rules);
        const auto report = validate_enrolled(p, admit, 3, rules);
        const auto& weeks = report.patients.at(0).weeks;
        REQUIRE(weeks.size() == plan.size());
        std::size_t next_issue = 0;
        for (std::size_t i = 0; i < plan.size(); ++i) {
            INFO(i);
            CHECK(weeks[i].counted == plan[i].planned);
            const bool below = weeks[i].status == week_status::below_minimum;
            const bool flagged = next_issue < issues.size() && issues[next_issue].week.week_start == plan[i].week_start;
            CHECK(below == flagged);
            if (flagged) CHECK(issues[next_issue++].problem == plan_issue::kind::below);
        }
        CHECK(next_issue == issues.size());
        // Hand-computed: weeks 03-02 and 03-16 under ASAM (the closure prorated); under
        // Medicare (closures ignored) 03-16 is 6 h < 9 h as well.
        REQUIRE(issues.size() == 2);
        CHECK(issues[0].week.week_start == 2026y / mar / 2d);
        CHECK(issues[1].week.week_start == 2026y / mar / 16d);
    }
}

TEST_CASE("planned sessions from a schedule, validated as if attended", "[validate][plan]") {
    // Two weeks from Mon 03-02; Tuesday 03-10 closed: 9 h, then 6 h (9 h x 6/7 = 7.71 h needed).
    program p = evening_program();
    p.closures.add_date(2026y / mar / 10d);
    const auto r = validate_enrolled(p, 2026y / mar / 2d, 2, builtin_rules("asam-iop-adult"));
    REQUIRE(r.patients.size() == 1);
    CHECK(r.patients[0].patient == "7");
    const auto& w = r.patients[0].weeks;
    REQUIRE(w.size() == 2);
    CHECK(w[0].counted == 9h);
    CHECK(w[0].status == week_status::meets);
    CHECK(w[1].counted == 6h);
    CHECK(w[1].closed_days == 1);
    CHECK(w[1].status == week_status::below_minimum);
    CHECK(r.rejected.empty());
}

TEST_CASE("a recertification check that cannot run is reported as not checked", "[validate][certification]") {
    // A house rule set: the ASAM band, recertification every 2 months, no certification required.
    rule_set rules = builtin_rules("asam-iop-adult");
    rules.id = "house-recert";
    rules.recertification_interval = months{2};
    attendance_log log;
    for (int k = 0; k < 12; ++k) nine_hours(log.records, "p1", week(k));

    // No certification on file: the weeks meet, and the report says certification was not looked at.
    const auto none = validate(log, rules, time_zone::utc());
    CHECK(none.weeks.meets == 12);
    REQUIRE(none.not_checked.size() == 1);
    CHECK(none.not_checked[0].check == "certification");
    CHECK(none.not_checked[0].reason.find("house-recert") != std::string::npos);

    // One certification on 2026-03-02: the check runs. Recertification is due by 2026-05-02 (two
    // months), so it is overdue from May 3: in the weeks of April 27 (which holds May 3), May 4,
    // May 11 and May 18, the last four of the twelve.
    log.certifications.push_back(certification{"p1", 2026y / mar / 2d});
    const auto one = validate(log, rules, time_zone::utc());
    CHECK(one.not_checked.empty());
    std::size_t overdue = 0;
    for (const auto& w : one.patients.at(0).weeks)
        for (const auto& v : w.violations) overdue += v.code == "certification.overdue";
    CHECK(overdue == 4);

    // Required: a missing certification is a violation, so nothing goes unchecked.
    rules.certification_required = true;
    log.certifications.clear();
    CHECK(validate(log, rules, time_zone::utc()).not_checked.empty());

    // A rule set that never recertifies has nothing to leave unchecked.
    CHECK(validate(log, builtin_rules("asam-iop-adult"), time_zone::utc()).not_checked.empty());
}
