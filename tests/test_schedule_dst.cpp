// Expansion across daylight-saving changes, with instants worked out by hand: New York moves
// from EST (UTC-5) to EDT (UTC-4) at 02:00 on Sunday 2026-03-08 and back at 02:00 on Sunday
// 2026-11-01; Phoenix stays on MST (UTC-7).
#include "catch.hpp"

#include "iopcare/schedule.hpp"

using namespace std::chrono;
using namespace iopcare;

namespace {

schedule daily_at(const char* zone, int hour, int minute, year_month_day admit) {
    program p;
    p.name = "Daily check-in";
    p.level = "2.1";
    p.zone = time_zone::locate(zone);
    template_line t;
    t.days = {Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday};
    t.start = hours{hour} + minutes{minute};
    t.length = minutes{60};
    t.service = "individual_therapy";
    p.phases.push_back(program_phase{"all", 0, {t}});
    schedule s(p);
    enrollment e;
    e.patient = patient_id{"1"};
    e.admit = admit;
    e.weeks = 2;
    s.enroll(e);
    return s;
}

sys_seconds utc(int y, unsigned m, unsigned d, int h, int mi = 0) { return sys_days{year{y} / m / d} + hours{h} + minutes{mi}; }
local_seconds local(int y, unsigned m, unsigned d, int h, int mi = 0) {
    return local_days{year{y} / m / d} + hours{h} + minutes{mi};
}

}  // namespace

TEST_CASE("18:00 in New York stays 18:00 across the March change", "[schedule][dst]") {
    const auto s = daily_at("America/New_York", 18, 0, year{2026} / March / 5);
    const auto x = s.expand(year{2026} / March / 5, year{2026} / March / 12);
    REQUIRE(x.sessions.size() == 7);
    for (unsigned d = 5; d < 12; ++d) {
        const auto& v = x.sessions[d - 5];
        CHECK(v.local_start == local(2026, 3, d, 18));
        // Thursday 03-05 to Saturday 03-07 are EST (23:00Z); from Sunday 03-08, EDT (22:00Z).
        CHECK(v.utc_start == (d < 8 ? utc(2026, 3, d, 23) : utc(2026, 3, d, 22)));
    }
}

TEST_CASE("18:00 in New York stays 18:00 across the November change", "[schedule][dst]") {
    const auto s = daily_at("America/New_York", 18, 0, year{2026} / October / 29);
    const auto x = s.expand(year{2026} / October / 29, year{2026} / November / 5);
    REQUIRE(x.sessions.size() == 7);
    CHECK(x.sessions[0].utc_start == utc(2026, 10, 29, 22));  // Thursday, EDT
    CHECK(x.sessions[2].utc_start == utc(2026, 10, 31, 22));  // Saturday, EDT
    CHECK(x.sessions[3].utc_start == utc(2026, 11, 1, 23));   // Sunday 18:00 is already EST
    CHECK(x.sessions[6].utc_start == utc(2026, 11, 4, 23));
    CHECK(x.sessions[3].local_start == local(2026, 11, 1, 18));
}

TEST_CASE("a zone without DST: 18:00 in Phoenix is 01:00Z the next day all week", "[schedule][dst]") {
    const auto s = daily_at("America/Phoenix", 18, 0, year{2026} / March / 5);
    const auto x = s.expand(year{2026} / March / 5, year{2026} / March / 12);
    REQUIRE(x.sessions.size() == 7);
    for (unsigned d = 5; d < 12; ++d) CHECK(x.sessions[d - 5].utc_start == utc(2026, 3, d + 1, 1));
}

TEST_CASE("a session at 02:30 on the spring-forward night, under each policy", "[schedule][dst]") {
    const auto s = daily_at("America/New_York", 2, 30, year{2026} / March / 7);
    const year_month_day from = year{2026} / March / 7, to = year{2026} / March / 10;
    // Saturday 02:30 EST = 07:30Z; Monday 02:30 EDT = 06:30Z; Sunday's 02:30 does not exist.
    auto sunday = [&](dst_policy p) {
        const auto x = s.expand(from, to, p);
        return x;
    };
    auto shifted = sunday(dst_policy::shift_forward);
    REQUIRE(shifted.sessions.size() == 3);
    CHECK(shifted.sessions[0].utc_start == utc(2026, 3, 7, 7, 30));
    CHECK(shifted.sessions[1].utc_start == utc(2026, 3, 8, 7, 30));  // 03:30 EDT
    CHECK(shifted.sessions[1].local_start == local(2026, 3, 8, 2, 30));  // the plan's wall-clock reading is kept
    CHECK(shifted.sessions[2].utc_start == utc(2026, 3, 9, 6, 30));
    CHECK(sunday(dst_policy::earliest).sessions[1].utc_start == utc(2026, 3, 8, 7));  // the change instant, 03:00 EDT
    CHECK(sunday(dst_policy::latest).sessions[1].utc_start == utc(2026, 3, 8, 7));
    const auto skipped = sunday(dst_policy::skip);
    REQUIRE(skipped.sessions.size() == 2);
    REQUIRE(skipped.skipped.size() == 1);
    CHECK(skipped.skipped[0] == local(2026, 3, 8, 2, 30));
    CHECK(skipped.skipped_patients[0] == patient_id{"1"});
    try {
        (void)s.expand(from, to, dst_policy::error);
        FAIL("no error");
    } catch (const error& e) {
        CHECK(e.code() == errc::nonexistent_local_time);
        CHECK(e.value() == "2026-03-08T02:30:00");
    }
}

TEST_CASE("a session at 01:30 on the fall-back night, under each policy", "[schedule][dst]") {
    const auto s = daily_at("America/New_York", 1, 30, year{2026} / November / 1);
    const year_month_day from = year{2026} / November / 1, to = year{2026} / November / 2;
    CHECK(s.expand(from, to, dst_policy::earliest).sessions.at(0).utc_start == utc(2026, 11, 1, 5, 30));  // EDT
    CHECK(s.expand(from, to, dst_policy::shift_forward).sessions.at(0).utc_start == utc(2026, 11, 1, 5, 30));
    CHECK(s.expand(from, to, dst_policy::latest).sessions.at(0).utc_start == utc(2026, 11, 1, 6, 30));  // EST
    try {
        (void)s.expand(from, to, dst_policy::error);
        FAIL("no error");
    } catch (const error& e) {
        CHECK(e.code() == errc::ambiguous_local_time);
    }
}
