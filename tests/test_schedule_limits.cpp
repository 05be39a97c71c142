// Enrollment at scale and bounded expansions: the capacity check over many enrollments agrees
// with the documented rule applied by brute force, 100,000 enrollments are taken (linear work,
// measured in bench/, never asserted here), and an expansion's size is known before it is made
// and refused beyond the limit. Session counts are worked out by hand from the 2026 calendar.
#include "catch.hpp"
#include "failures.hpp"

#include <cstdint>
#include <random>
#include <vector>

#include "iopcare/schedule.hpp"

using namespace std::chrono;
using namespace iopcare;
using iopcare::testing::code_of;

namespace {

template_line line(std::vector<weekday> days, std::string group, unsigned capacity) {
    template_line t;
    t.days = std::move(days);
    t.start = hours{18};
    t.length = minutes{180};
    t.service = "group_therapy";
    t.group = std::move(group);
    t.capacity = capacity;
    return t;
}

program one_group(unsigned capacity) {
    program p;
    p.name = "Scale";
    p.level = "2.1";
    p.zone = time_zone::utc();  // UTC on purpose: the tests read clock times as instants
    p.phases.push_back(program_phase{"core", 0, {line({Monday, Wednesday}, "g", capacity)}});
    return p;
}

enrollment admit(std::uint32_t id, sys_days d, unsigned weeks, std::string group = "g") {
    enrollment e;
    e.patient = patient_id{std::to_string(id)};
    e.admit = year_month_day{d};
    e.weeks = weeks;
    e.group = std::move(group);
    return e;
}

}  // namespace

TEST_CASE("the capacity check agrees with the rule applied by brute force", "[schedule][limits]") {
    // The rule (schedule.hpp): a stay is waitlisted when the enrolled stays of its group that
    // overlap it in time number at least the capacity. Random stays, checked one by one.
    std::mt19937 rng(20260101);
    const sys_days base{2026y / January / 5d};
    schedule s(one_group(7), overflow_policy::waitlist);
    struct stay {
        sys_days begin, end;
    };
    std::vector<stay> enrolled;
    for (std::uint32_t i = 0; i < 2000; ++i) {
        const sys_days begin = base + days{static_cast<int>(rng() % 400)};
        const unsigned weeks = static_cast<unsigned>(rng() % 9);  // 0 weeks: an empty stay
        const sys_days end = begin + days{7 * static_cast<int>(weeks)};
        std::size_t overlapping = 0;
        for (const auto& o : enrolled) overlapping += (o.begin < end && begin < o.end) ? 1 : 0;
        const bool expect_waitlist = overlapping >= 7;
        INFO("stay " << i);
        CHECK(s.enroll(admit(i, begin, weeks)).waitlisted == expect_waitlist);
        if (!expect_waitlist) enrolled.push_back({begin, end});
    }
    CHECK(s.enrolled().size() == enrolled.size());
    CHECK(s.enrolled().size() + s.waitlist().size() == 2000);
}

TEST_CASE("100,000 enrollments in one group", "[schedule][limits]") {
    schedule s(one_group(100000), overflow_policy::refuse);
    const sys_days monday{2026y / January / 5d};
    for (std::uint32_t i = 0; i < 100000; ++i) s.enroll(admit(i, monday, 1));
    CHECK(s.enrolled().size() == 100000);
    // The 100,001st overlapping stay is refused, a repeated patient too.
    CHECK(code_of([&] { s.enroll(admit(100000, monday, 1)); }) == errc::capacity_exceeded);
    CHECK(code_of([&] { s.enroll(admit(5, monday + days{7}, 1)); }) == errc::invalid_enrollment);
    // A stay after all of them end fits.
    CHECK_NOTHROW(s.enroll(admit(100001, monday + days{7}, 1)));
    // Each stay has Monday and Wednesday of one week: 2 sessions each, 200,002 in all.
    CHECK(s.expected_sessions(year_month_day{monday}, year_month_day{monday + days{14}}) == 200002);
}

TEST_CASE("an expansion's size is known before it is made", "[schedule][limits]") {
    // Phase 1 (1 week): Monday and Wednesday for group g, Friday for everyone. Phase 2 (open):
    // Friday for everyone. Patient 1 (g) from Wednesday 2026-01-07 for 3 weeks, to 01-27:
    // week 1 (01-07..01-13): Wed 7, Fri 9, Mon 12 = 3; weeks 2-3 (01-14..01-27): Fri 16, 23 = 2.
    // Patient 2 (no group) from Monday 01-05 for 2 weeks: week 1 Fri 9; week 2 Fri 16 = 2.
    // With 3 extras on Tuesdays for patient 2: Tue 6 and 13 = 2 more. Total 3 + 2 + 2 + 2 = 9.
    program p = one_group(10);
    p.phases[0].weeks = 1;
    template_line friday = line({Friday}, "", 0);
    friday.service = "individual_therapy";
    p.phases[0].sessions.push_back(friday);
    p.phases.push_back(program_phase{"after", 0, {friday}});
    schedule s(p);
    s.enroll(admit(1, sys_days{2026y / January / 7d}, 3));
    enrollment two = admit(2, sys_days{2026y / January / 5d}, 2, "");
    two.extras.push_back(extra_session{Tuesday, hours{10}, minutes{50}, "individual_therapy", {}, {}});
    s.enroll(two);
    const year_month_day from = 2026y / January / 1d, to = 2026y / February / 1d;
    CHECK(s.expected_sessions(from, to) == 9);
    CHECK(s.expand_local(from, to).sessions.size() == 9);
    // Only part of the range: 2026-01-08..01-15 holds Fri 9, Mon 12 (patient 1), Fri 9, Tue 13
    // (patient 2) and Wed 14 is past patient 1's first week (phase 2 has no Wednesday).
    CHECK(s.expected_sessions(2026y / January / 8d, 2026y / January / 15d) == 4);

    s.set_max_sessions(8);
    try {
        (void)s.expand_local(from, to);
        FAIL("expected limit_exceeded");
    } catch (const error& e) {
        CHECK(e.code() == errc::limit_exceeded);
        CHECK(e.value() == "9");
    }
    s.set_max_sessions(9);
    CHECK(s.expand(from, to).sessions.size() == 9);
}

TEST_CASE("10,000 lines over ten years are refused before anything is expanded", "[schedule][limits]") {
    // One line a day of the week for each of 10,000 groups, one patient per group for 520
    // weeks: 10,000 x 520 x 7 = 36.4 million sessions, past the default 5 million.
    program p;
    p.name = "Huge";
    p.level = "2.1";
    p.zone = time_zone::utc();  // UTC on purpose: the tests read clock times as instants
    program_phase ph{"all", 0, {}};
    for (int g = 0; g < 10000; ++g) {
        ph.sessions.push_back(line({Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday},
                                   "g" + std::to_string(g), 1));
    }
    p.phases.push_back(std::move(ph));
    schedule s(p);
    const sys_days monday{2026y / January / 5d};
    for (int g = 0; g < 10000; ++g) s.enroll(admit(static_cast<std::uint32_t>(g), monday, 520, "g" + std::to_string(g)));
    const year_month_day from{monday}, to{monday + days{7 * 520}};
    CHECK(s.expected_sessions(from, to) == 36'400'000);
    CHECK(code_of([&] { (void)s.expand(from, to); }) == errc::limit_exceeded);
}
