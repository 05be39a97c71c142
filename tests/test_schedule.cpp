// Enrollment, capacity, expansion (local wall-clock times), conflicts and views. Expected
// counts are worked out by hand from the 2026 calendar.
#include "catch.hpp"

#include <range/v3/range/conversion.hpp>
#include <range/v3/view/transform.hpp>

#include "iopcare/schedule.hpp"
#include "iopcare/validate.hpp"

using namespace std::chrono;
using namespace iopcare;

namespace {

program small_iop(unsigned capacity) {
    program p;
    p.name = "Evening IOP";
    p.level = "2.1";
    p.zone = time_zone::utc();  // UTC on purpose: the tests read clock times as instants
    template_line t;
    t.days = {Monday, Tuesday, Thursday};
    t.start = hours{18};
    t.length = minutes{180};
    t.service = "group_therapy";
    t.group = "evening";
    t.capacity = capacity;
    t.room = "Room A";
    t.facilitator = "Dr. Lee";
    p.phases.push_back(program_phase{"core", 0, {t}});
    return p;
}

enrollment admit(std::uint32_t id, year_month_day d, unsigned weeks) {
    enrollment e;
    e.patient = patient_id{std::to_string(id)};
    e.admit = d;
    e.weeks = weeks;
    e.group = "evening";
    return e;
}

local_seconds at(year_month_day d, int h, int m = 0) {
    return local_days{d} + hours{h} + minutes{m};
}

}  // namespace

TEST_CASE("capacity: refused or waitlisted", "[schedule][capacity]") {
    schedule refuse(small_iop(2), overflow_policy::refuse);
    refuse.enroll(admit(1, 2026y / March / 2d, 4));
    refuse.enroll(admit(2, 2026y / March / 2d, 4));
    try {
        refuse.enroll(admit(3, 2026y / March / 9d, 4));
        FAIL("expected capacity_exceeded");
    } catch (const error& e) {
        CHECK(e.code() == errc::capacity_exceeded);
        CHECK(e.info().value == "evening");
    }
    // A stay starting after both others end (2026-03-30) fits.
    CHECK_FALSE(refuse.enroll(admit(4, 2026y / March / 30d, 4)).waitlisted);
    CHECK(refuse.enrolled().size() == 3);

    schedule wait(small_iop(2), overflow_policy::waitlist);
    wait.enroll(admit(1, 2026y / March / 2d, 4));
    wait.enroll(admit(2, 2026y / March / 2d, 4));
    CHECK(wait.enroll(admit(3, 2026y / March / 2d, 4)).waitlisted);
    REQUIRE(wait.waitlist().size() == 1);
    CHECK(wait.waitlist()[0].patient == patient_id{"3"});
    CHECK(wait.enrolled().size() == 2);

}

TEST_CASE("expansion: sessions on template days, closures removed, views", "[schedule][expand]") {
    auto p = small_iop(10);
    p.closures.add_date(2026y / March / 10d);  // Tuesday
    schedule s(p);
    auto e = admit(7, 2026y / March / 2d, 2);
    e.extras.push_back(extra_session{Wednesday, hours{17}, minutes{50}, "individual_therapy", std::nullopt, std::nullopt});
    s.enroll(e);
    const auto x = s.expand_local(2026y / March / 1d, 2026y / April / 1d);
    // Two weeks from Mon 03-02: group Mon/Tue/Thu = 6, minus Tue 03-10 = 5; plus Wed 03-04 and 03-11.
    REQUIRE(x.sessions.size() == 7);
    const std::vector<local_seconds> expected{at(2026y / March / 2d, 18), at(2026y / March / 3d, 18),
                                              at(2026y / March / 4d, 17), at(2026y / March / 5d, 18),
                                              at(2026y / March / 9d, 18), at(2026y / March / 11d, 17),
                                              at(2026y / March / 12d, 18)};
    const auto got = x.sessions | ranges::views::transform([](const session& v) { return v.local_start; }) |
                     ranges::to<std::vector>();
    CHECK(got == expected);

    const auto indiv = s.index_of("individual_therapy");
    CHECK(ranges::distance(sessions_of_service(x.sessions, indiv)) == 2);
    CHECK(ranges::distance(sessions_in_group(x.sessions, s.index_of("evening"))) == 5);
    CHECK(ranges::distance(sessions_of(x.sessions, patient_id{"7"})) == 7);
    CHECK(ranges::distance(sessions_of(x.sessions, patient_id{"8"})) == 0);
    CHECK(ranges::distance(sessions_between(x.sessions, at(2026y / March / 9d, 0), at(2026y / March / 16d, 0))) == 3);
    CHECK(s.name(x.sessions[0].service) == "group_therapy");
}

TEST_CASE("expansion marks the phase of each session", "[schedule][phases]") {
    auto p = small_iop(10);
    template_line intensive = p.phases[0].sessions[0];
    intensive.days = {Monday, Tuesday, Wednesday, Thursday, Friday};
    p.phases.insert(p.phases.begin(), program_phase{"intensive", 1, {intensive}});
    schedule s(p);
    s.enroll(admit(1, 2026y / March / 4d, 2));  // a Wednesday
    const auto x = s.expand_local(2026y / March / 1d, 2026y / April / 1d);
    // Week 1 (03-04..03-10, intensive): Wed, Thu, Fri, Mon, Tue = 5; week 2 (03-11..03-17,
    // core Mon/Tue/Thu): Thu 12, Mon 16, Tue 17 = 3.
    REQUIRE(x.sessions.size() == 8);
    CHECK(x.sessions[4].local_start == at(2026y / March / 10d, 18));
    CHECK(x.sessions[4].phase == 0);
    CHECK(x.sessions[5].local_start == at(2026y / March / 12d, 18));
    CHECK(x.sessions[5].phase == 1);
}

TEST_CASE("conflicts: a patient, a room and a facilitator double-booked", "[schedule][conflicts]") {
    auto p = small_iop(10);
    schedule s(p);
    auto e = admit(1, 2026y / March / 2d, 1);
    // Individual therapy Monday 20:00 overlaps the 18:00-21:00 group, in the group's room.
    e.extras.push_back(extra_session{Monday, hours{20}, minutes{50}, "individual_therapy", "Room A", "Dr. Kim"});
    s.enroll(e);
    s.enroll(admit(2, 2026y / March / 2d, 1));
    auto x = s.expand_local(2026y / March / 2d, 2026y / March / 3d);
    // Patient 1: group 18:00 + individual 20:00; patient 2: group 18:00.
    REQUIRE(x.sessions.size() == 3);
    auto c = find_conflicts(x.sessions);
    // One patient conflict (1's group vs individual); room conflicts: the individual in Room A
    // overlaps both patients' group occurrence in Room A (two session pairs). No facilitator
    // conflict: Dr. Kim and Dr. Lee differ.
    std::size_t patient = 0, room = 0, fac = 0;
    for (const auto& k : c) {
        if (k.what == conflict::kind::patient) ++patient;
        if (k.what == conflict::kind::room) ++room;
        if (k.what == conflict::kind::facilitator) ++fac;
    }
    CHECK(patient == 1);
    CHECK(room == 2);
    CHECK(fac == 0);

    // Without the overlap there is none.
    schedule clean(p);
    clean.enroll(admit(1, 2026y / March / 2d, 1));
    clean.enroll(admit(2, 2026y / March / 2d, 1));
    CHECK(find_conflicts(clean.expand_local(2026y / March / 2d, 2026y / March / 9d).sessions).empty());
}

TEST_CASE("bad enrollments are refused with invalid_enrollment", "[schedule][enroll]") {
    schedule s(small_iop(3));
    auto e = admit(1, 2026y / March / 2d, 1);
    e.weeks.reset();
    CHECK_THROWS_AS(s.enroll(e), error);
    auto g = admit(2, 2026y / March / 2d, 1);
    g.group = "morning";
    try {
        s.enroll(g);
        FAIL("expected invalid_enrollment");
    } catch (const error& err) {
        CHECK(err.code() == errc::invalid_enrollment);
        CHECK(err.info().where == "group");
    }
    auto d = admit(3, 2026y / March / 2d, 1);
    d.weeks.reset();
    d.discharge = 2026y / March / 5d;
    s.enroll(d);
    CHECK(s.expand_local(2026y / March / 1d, 2026y / April / 1d).sessions.size() == 3);  // Mon, Tue, Thu
}

TEST_CASE("cancelling an occurrence and makeup proposals that restore the hours", "[schedule][makeup]") {
    program p = small_iop(2);
    // A second evening group with the same service on Wed and Fri 18:00-21:00, two seats.
    template_line other = p.phases[0].sessions[0];
    other.days = {Wednesday, Friday};
    other.group = "late";
    other.room = "Room B";
    other.facilitator = "Dr. Ortiz";
    p.phases[0].sessions.push_back(other);
    schedule s(p);
    s.enroll(admit(1, 2026y / March / 2d, 1));
    auto l1 = admit(2, 2026y / March / 2d, 1);
    l1.group = "late";
    s.enroll(l1);
    auto l2 = admit(3, 2026y / March / 2d, 1);
    l2.group = "late";
    s.enroll(l2);

    s.cancel("evening", at(2026y / March / 3d, 18));  // Tuesday
    const auto x = s.expand_local(2026y / March / 2d, 2026y / March / 9d);
    // Patient 1: Mon + Thu = 6 h (Tue cancelled); late group: Wed + Fri each for two patients.
    const auto w1 = weekly_minutes(x.sessions, patient_id{"1"});
    REQUIRE(w1.size() == 1);
    CHECK(w1[0].planned == hours{6});
    CHECK(w1[0].week_start == local_days{2026y / March / 2d});
    CHECK(weekly_minutes(x.sessions)[0].planned == hours{6 + 12});

    // "late" is full (2 of 2): no makeup.
    CHECK(propose_makeups(s, x, patient_id{"1"}, s.index_of("evening"), at(2026y / March / 3d, 18)).empty());

    // With a third seat, Wednesday 03-04 18:00 restores the 3 hours.
    program p3 = p;
    p3.phases[0].sessions[1].capacity = 3;
    schedule s3(p3);
    s3.enroll(admit(1, 2026y / March / 2d, 1));
    s3.enroll(l1);
    s3.enroll(l2);
    s3.cancel("evening", at(2026y / March / 3d, 18));
    const auto x3 = s3.expand_local(2026y / March / 2d, 2026y / March / 9d);
    const auto m = propose_makeups(s3, x3, patient_id{"1"}, s3.index_of("evening"), at(2026y / March / 3d, 18));
    REQUIRE(m.size() == 1);
    CHECK(m[0].start == at(2026y / March / 4d, 18));
    CHECK(s3.name(m[0].group) == "late");
    CHECK(m[0].open_seats == 1);
    CHECK(w1[0].planned + m[0].length == hours{9});
}

TEST_CASE("a patient is enrolled once", "[schedule][enroll]") {
    schedule s(small_iop(1), overflow_policy::waitlist);
    s.enroll(admit(1, 2026y / March / 2d, 4));
    CHECK(s.enroll(admit(2, 2026y / March / 2d, 4)).waitlisted);
    // Again while enrolled, again while waitlisted, and a later, non-overlapping stay: all refused,
    // since each would add the patient's sessions a second time.
    for (const auto& again : {admit(1, 2026y / March / 9d, 4), admit(2, 2026y / March / 9d, 4),
                              admit(1, 2026y / June / 1d, 2)}) {
        try {
            s.enroll(again);
            FAIL("expected invalid_enrollment");
        } catch (const error& e) {
            CHECK(e.code() == errc::invalid_enrollment);
            CHECK(e.where() == "patient");
            CHECK(e.value() == again.patient.str());
            CHECK(std::string(e.what()).find("already has an enrollment") != std::string::npos);
        }
    }
    CHECK(s.enrolled().size() == 1);
    CHECK(s.waitlist().size() == 1);
    // The hours of the one enrollment are counted once: 3 sessions of 3 h a week.
    const auto x = s.expand_local(2026y / March / 2d, 2026y / March / 9d);
    CHECK(x.sessions.size() == 3);
}

TEST_CASE("days outside the supported years are the library's own error", "[schedule][holidays]") {
    program p = small_iop(0);
    for (auto& r : us_federal_holidays()) p.closures.add_rule(r);
    schedule s(p);
    s.enroll(admit(1, 1400y / January / 6d, 2));
    auto code_of = [](auto&& f) {
        try {
            f();
        } catch (const error& e) {
            return e.code();
        } catch (...) {
            return errc::internal;  // anything else (a Boost exception) fails the checks below
        }
        return errc::ok;
    };
    CHECK(code_of([&] { (void)s.expand(1399y / December / 1d, 1400y / January / 20d); }) == errc::invalid_date);
    CHECK(code_of([&] { (void)s.expand(9999y / December / 1d, year{10000} / January / 8d); }) == errc::invalid_date);
    CHECK(code_of([&] { (void)s.expand(1y / January / 1d, 1y / February / 1d); }) == errc::invalid_date);
    // The edges themselves work: the first and the last supported week.
    CHECK(code_of([&] { (void)s.expand(1400y / January / 1d, 1400y / January / 20d); }) == errc::ok);
    CHECK(code_of([&] { (void)s.expand(9999y / December / 25d, year{10000} / January / 1d); }) == errc::ok);
    CHECK(s.expand(1400y / January / 1d, 1400y / January / 20d).sessions.size() == 6);

    const holiday_rule thanksgiving = holiday_rule::nth_weekday_of("Thanksgiving", 4, Thursday, November);
    CHECK(code_of([&] { (void)thanksgiving.in_year(1399y); }) == errc::invalid_date);
    CHECK(code_of([&] { (void)thanksgiving.in_year(year{10000}); }) == errc::invalid_date);
    CHECK(thanksgiving.in_year(9999y) == 9999y / November / 25d);
    CHECK(code_of([&] { (void)p.closures.closed(1399y / December / 31d); }) == errc::invalid_date);
    CHECK(code_of([&] { (void)p.closures.dates_between(1399y / December / 1d, 1400y / February / 1d); }) ==
          errc::invalid_date);
    CHECK(p.closures.closed(1400y / January / 1d));          // New Year's Day, a Wednesday
    CHECK(p.closures.closed(9999y / December / 24d));        // Christmas on a Saturday: observed Friday
    // A fixed rule is observed across the last year's end: 10000-01-01 is a Saturday, so New
    // Year's Day is observed on Friday 9999-12-31 and must still be found.
    CHECK(p.closures.closed(9999y / December / 31d));
    CHECK(p.closures.dates_between(9999y / December / 1d, year{10000} / January / 1d) ==
          std::vector{9999y / December / 24d, 9999y / December / 31d});
}

TEST_CASE("no silent defaults: a zone-less program, a range that ends first, a host's string id") {
    program p = small_iop(12);
    p.zone.reset();
    schedule s(p);
    // Designated initialisers with a host's string id compile warning-free (-Wextra).
    s.enroll({.patient = "mrn-0042", .admit = 2026y / March / 2d, .weeks = 2, .group = "evening", .name = "Jo Doe"});
    try {
        (void)s.expand(2026y / March / 2d, 2026y / March / 16d);
        FAIL("no exception");
    } catch (const error& e) {
        CHECK(e.code() == errc::invalid_program);
        CHECK(e.where() == "zone");
    }
    // Local times need no zone; UTC on purpose is one line.
    const expansion local = s.expand_local(2026y / March / 2d, 2026y / March / 16d);
    CHECK(local.sessions.size() == 6);
    // Checking the plan's weeks needs the clinic's weeks: no UTC stands in for them either.
    const auto plan = try_call([&] { return validate_plan(s, local, builtin_rules("asam-iop-adult")); });
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().code == errc::invalid_program);
    CHECK(plan.error().where == "zone");
    p.zone = time_zone::utc();
    schedule utc(p);
    utc.enroll({.patient = "mrn-0042", .admit = 2026y / March / 2d, .weeks = 2, .group = "evening"});
    const auto x = utc.expand(local_days{2026y / March / 2d}, 2);  // the form results hand back
    REQUIRE(x.sessions.size() == 6);                               // Mon, Tue, Thu twice
    CHECK(x.sessions.front().patient == "mrn-0042");
    CHECK(x.sessions.front().utc_start == sys_days{2026y / March / 2d} + 18h);
    CHECK(utc.try_expand(local_days{2026y / March / 2d}, 2).ok());

    const auto backwards = try_call([&] { return utc.expand(2026y / March / 16d, 2026y / March / 2d); });
    REQUIRE_FALSE(backwards.ok());
    CHECK(backwards.error().code == errc::invalid_argument);
    CHECK(backwards.error().where == "to");
}

TEST_CASE("stand-ins: one patient per group, in the order the lines name them", "[schedule][enroll]") {
    program p = small_iop(8);
    template_line morning = p.phases[0].sessions[0];
    morning.group = "morning";
    template_line solo = p.phases[0].sessions[0];
    solo.group.clear();
    solo.capacity = 0;
    p.phases[0].sessions = {morning, p.phases[0].sessions[0], solo, morning};
    CHECK(p.groups() == std::vector<std::string>{"morning", "evening"});

    schedule s(p);
    enroll_stand_ins(s, 2026y / March / 2d, 2);
    REQUIRE(s.enrolled().size() == 2);
    CHECK(s.enrolled()[0].patient == "1");
    CHECK(s.enrolled()[0].group == "morning");
    CHECK(s.enrolled()[1].patient == "2");
    CHECK(s.enrolled()[1].group == "evening");
    // Mon, Tue, Thu x 2 weeks = 6 a line: the morning patient has its two lines and the
    // individual one (18), the evening patient its line and the individual one (12).
    CHECK(s.expand_local(2026y / March / 2d, 2026y / March / 16d).sessions.size() == 18 + 12);

    program individual = small_iop(0);
    individual.phases[0].sessions[0].group.clear();
    CHECK(individual.groups().empty());
    schedule t(individual);
    enroll_stand_ins(t, 2026y / March / 2d, 1);
    REQUIRE(t.enrolled().size() == 1);
    CHECK(t.enrolled()[0].group.empty());
    CHECK(t.expand_local(2026y / March / 2d, 2026y / March / 9d).sessions.size() == 3);
}
