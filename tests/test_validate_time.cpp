// Weeks and time zones: Sunday- vs Monday-start weeks, rolling weeks, and real elapsed hours
// across DST changes in America/New_York. In 2026 US clocks spring forward on Sunday March 8
// (02:00 EST -> 03:00 EDT, i.e. 07:00 UTC) and fall back on Sunday November 1 (02:00 EDT ->
// 01:00 EST, i.e. 06:00 UTC). EST is UTC-5, EDT UTC-4.
#include "catch.hpp"

#include <optional>
#include <string>
#include <vector>

#include "iopcare/validate.hpp"

using namespace std::chrono;
using namespace std::chrono_literals;
using namespace iopcare;

namespace {

local_seconds at(year_month_day d, int h, int m = 0) { return local_days{d} + hours{h} + minutes{m}; }

attendance_record rec(year_month_day d, int h, int m, seconds len, std::string patient = "p1") {
    attendance_record r;
    r.patient = std::move(patient);
    r.service = "group_therapy";
    r.start = at(d, h, m);
    r.scheduled = len;
    return r;
}

constexpr auto mar = March;

}  // namespace

TEST_CASE("Sunday-start vs Monday-start weeks", "[validate][weeks]") {
    // 3 h on Sat 03-14, Sun 03-15, Mon 03-16 and Tue 03-17.
    const std::vector<attendance_record> rs{rec(2026y / mar / 14d, 9, 0, 180min), rec(2026y / mar / 15d, 9, 0, 180min),
                                            rec(2026y / mar / 16d, 9, 0, 180min), rec(2026y / mar / 17d, 9, 0, 180min)};
    auto rules = builtin_rules("asam-iop-adult");

    // Monday start: Mon 03-09..Sun 03-15 has Sat+Sun (6 h); Mon 03-16.. has Mon+Tue (6 h).
    auto r = validate(rs, rules, time_zone::utc());
    auto* w = &r.patients.at(0).weeks;
    REQUIRE(w->size() == 2);
    CHECK((*w)[0].week_start == local_days{2026y / mar / 9d});
    CHECK((*w)[0].counted == 6h);
    CHECK((*w)[0].status == week_status::below_minimum);
    CHECK((*w)[1].week_start == local_days{2026y / mar / 16d});
    CHECK((*w)[1].counted == 6h);
    CHECK((*w)[1].status == week_status::below_minimum);

    // Sunday start: Sun 03-08..Sat 03-14 has Sat (3 h); Sun 03-15.. has Sun+Mon+Tue (9 h).
    rules.week_start = week_start_day::sunday;
    r = validate(rs, rules, time_zone::utc());
    w = &r.patients.at(0).weeks;
    REQUIRE(w->size() == 2);
    CHECK((*w)[0].week_start == local_days{2026y / mar / 8d});
    CHECK((*w)[0].counted == 3h);
    CHECK((*w)[0].status == week_status::below_minimum);
    CHECK((*w)[1].week_start == local_days{2026y / mar / 15d});
    CHECK((*w)[1].counted == 9h);
    CHECK((*w)[1].status == week_status::meets);
}

TEST_CASE("rolling weeks start on the admission day", "[validate][weeks]") {
    // Enrolled Wed 03-04 to Tue 03-17. Rolling windows: 03-04..03-10 and 03-11..03-17.
    // 3 h on Wed 03-04, Fri 03-06, Mon 03-09 (9 h), Wed 03-11 and Tue 03-17 (6 h).
    attendance_log log;
    for (unsigned d : {4u, 6u, 9u, 11u, 17u}) log.records.push_back(rec(2026y / mar / day{d}, 9, 0, 180min));
    log.enrollments.push_back(enrollment_period{"p1", "2.1", 2026y / mar / 4d, 2026y / mar / 17d});
    auto rules = builtin_rules("asam-iop-adult");
    rules.weeks = week_kind::rolling;
    const auto r = validate(log, rules, time_zone::utc());
    const auto& w = r.patients.at(0).weeks;
    REQUIRE(w.size() == 2);
    CHECK(w[0].week_start == local_days{2026y / mar / 4d});
    CHECK(w[0].days_in_span == 7);
    CHECK_FALSE(w[0].admission_week);
    CHECK(w[0].counted == 9h);
    CHECK(w[0].status == week_status::meets);
    CHECK(w[1].week_start == local_days{2026y / mar / 11d});
    CHECK(w[1].counted == 6h);
    CHECK(w[1].status == week_status::below_minimum);

    // Calendar (Monday) weeks of the same stay: 03-02 (5 days: 6 h), 03-09 (6 h), 03-16 (2 days: 3 h).
    rules.weeks = week_kind::calendar;
    rules.edge_weeks = edge_week_policy::strict;
    const auto c = validate(log, rules, time_zone::utc());
    const auto& cw = c.patients.at(0).weeks;
    REQUIRE(cw.size() == 3);
    CHECK(cw[0].days_in_span == 5);
    CHECK(cw[0].counted == 6h);
    CHECK(cw[1].counted == 6h);
    CHECK(cw[2].days_in_span == 2);
    CHECK(cw[2].counted == 3h);
}

TEST_CASE("a week across the spring DST change counts real hours", "[validate][dst]") {
    const auto ny = time_zone::locate("America/New_York");
    // Week of Mon 03-02: Mon 4 h, Wed 3 h, and Sun 03-08 01:00-04:00 on the clock, which is
    // 06:00Z to 08:00Z: 2 real hours. 4 + 3 + 2 = 9 h (10 h if the clock were trusted).
    const std::vector<attendance_record> rs{rec(2026y / mar / 2d, 9, 0, 240min), rec(2026y / mar / 4d, 9, 0, 180min),
                                            rec(2026y / mar / 8d, 1, 0, 180min)};
    const auto r = validate(rs, builtin_rules("asam-iop-adult"), ny);
    const auto& w = r.patients.at(0).weeks;
    REQUIRE(w.size() == 1);
    CHECK(w[0].counted == 9h);
    CHECK(w[0].status == week_status::meets);
    // One minute less on Monday and the week fails.
    auto less = rs;
    less[0].scheduled = 239min;
    CHECK(validate(less, builtin_rules("asam-iop-adult"), ny).patients.at(0).weeks.at(0).status ==
          week_status::below_minimum);

    // A session ending in the gap: 01:30 + 60 min on the clock reads 02:30, which does not
    // exist; it ends at 03:30 EDT = 07:30Z, one real hour after 01:30 EST = 06:30Z.
    const std::vector<attendance_record> gap{rec(2026y / mar / 8d, 1, 30, 60min)};
    CHECK(validate(gap, builtin_rules("asam-iop-adult"), ny).patients.at(0).weeks.at(0).counted == 60min);
}

TEST_CASE("a week across the autumn DST change counts real hours", "[validate][dst]") {
    const auto ny = time_zone::locate("America/New_York");
    // Week of Mon 10-26: Mon 3 h, Wed 2 h, and Sun 11-01 00:30-03:30 on the clock: 00:30 EDT
    // = 04:30Z to 03:30 EST = 08:30Z, 4 real hours. 3 + 2 + 4 = 9 h (8 h by the clock).
    const std::vector<attendance_record> rs{rec(2026y / October / 26d, 9, 0, 180min),
                                            rec(2026y / October / 28d, 9, 0, 120min),
                                            rec(2026y / November / 1d, 0, 30, 180min)};
    const auto r = validate(rs, builtin_rules("asam-iop-adult"), ny);
    const auto& w = r.patients.at(0).weeks;
    REQUIRE(w.size() == 1);
    CHECK(w[0].week_start == local_days{2026y / October / 26d});
    CHECK(w[0].counted == 9h);
    CHECK(w[0].status == week_status::meets);

    // A repeated reading: 01:30 happens at 05:30Z (EDT) and 06:30Z (EST). The default takes
    // the earlier; 01:30 EDT to 02:30 EST (07:30Z) on the clock is 2 real hours.
    const std::vector<attendance_record> twice{rec(2026y / November / 1d, 1, 30, 60min)};
    CHECK(validate(twice, builtin_rules("asam-iop-adult"), ny).patients.at(0).weeks.at(0).counted == 2h);
    validate_options latest;
    latest.local_times = dst_policy::latest;  // 06:30Z to 07:30Z
    CHECK(validate(twice, builtin_rules("asam-iop-adult"), ny, latest).patients.at(0).weeks.at(0).counted == 1h);
    validate_options strict;
    strict.local_times = dst_policy::error;
    const auto e = validate(twice, builtin_rules("asam-iop-adult"), ny, strict);
    REQUIRE(e.rejected.size() == 1);
    CHECK(e.rejected[0].field == "start");
    CHECK(e.rejected[0].value == "2026-11-01T01:30:00");
    CHECK(e.patients.empty());
}

// New York's offset written out by hand for 2026 (see the top of the file), as an independent
// reference: the UTC instant of a local reading, nothing for a reading skipped or repeated.
std::optional<sys_seconds> new_york_2026(local_seconds l) {
    const local_seconds spring = local_days{2026y / mar / 8d} + 2h;
    const local_seconds autumn = local_days{2026y / November / 1d} + 1h;
    const auto as_utc = [&](hours off) { return sys_seconds{l.time_since_epoch() + off}; };
    if (l < spring) return as_utc(5h);
    if (l < spring + 1h) return std::nullopt;
    if (l < autumn) return as_utc(4h);
    if (l < autumn + 1h) return std::nullopt;
    return as_utc(5h);
}

TEST_CASE("long sessions starting each hour near a change count their real length", "[validate][dst]") {
    // Sessions of 23 h on the clock from four days before each change to four days after, as
    // local readings and as UTC instants: each counts the real time between its start and end.
    const auto ny = time_zone::locate("America/New_York");
    for (const auto change : {local_days{2026y / mar / 8d}, local_days{2026y / November / 1d}}) {
        std::vector<attendance_record> rs;
        std::vector<seconds> expected;
        for (int h = -96; h <= 96; ++h) {
            const local_seconds start = change + hours{h} + 30min;
            const auto from = new_york_2026(start);
            const auto to = new_york_2026(start + 23h);
            if (!from || !to) continue;  // a skipped or repeated reading: other tests cover those
            for (const bool as_instant : {false, true}) {
                attendance_record r;
                r.patient = std::to_string(h) + (as_instant ? "z" : "");
                r.service = "group_therapy";
                r.start = as_instant ? record_start{*from} : record_start{start};
                r.scheduled = 23h;
                rs.push_back(r);
                expected.push_back(*to - *from);
            }
        }
        const auto report = validate(rs, builtin_rules("asam-iop-adult"), ny);
        REQUIRE(report.rejected.empty());
        REQUIRE(report.patients.size() == rs.size());
        for (std::size_t i = 0; i < rs.size(); ++i) {
            seconds counted{0};
            for (const auto& w : report.patients[i].weeks) counted += w.counted;
            INFO("patient " << rs[i].patient.str());
            CHECK(counted == expected[i]);
        }
    }
}

TEST_CASE("a start the zone skips is rejected, or moved forward on request", "[validate][dst]") {
    const auto ny = time_zone::locate("America/New_York");
    // 02:30 on 03-08 does not exist in New York.
    const std::vector<attendance_record> rs{rec(2026y / mar / 2d, 9, 0, 540min), rec(2026y / mar / 8d, 2, 30, 60min)};
    const auto r = validate(rs, builtin_rules("asam-iop-adult"), ny);
    REQUIRE(r.rejected.size() == 1);
    CHECK(r.rejected[0].index == 1);
    CHECK(r.rejected[0].field == "start");
    CHECK(r.rejected[0].value == "2026-03-08T02:30:00");
    CHECK(r.rejected[0].reason.find("does not exist") != std::string::npos);
    CHECK(r.patients.at(0).weeks.at(0).counted == 9h);

    // shift_forward: 02:30 becomes 03:30 EDT (07:30Z) and the hour runs to 04:30 EDT.
    validate_options shift;
    shift.local_times = dst_policy::shift_forward;
    const auto s = validate(rs, builtin_rules("asam-iop-adult"), ny, shift);
    CHECK(s.rejected.empty());
    CHECK(s.patients.at(0).weeks.at(0).counted == 10h);
}

TEST_CASE("UTC starts are placed on the local day", "[validate][dst]") {
    const auto ny = time_zone::locate("America/New_York");
    // 2026-03-16T02:00Z is Sun 03-15 22:00 EDT: the week of Mon 03-09, not of 03-16.
    std::vector<attendance_record> rs{rec(2026y / mar / 9d, 9, 0, 180min), rec(2026y / mar / 11d, 9, 0, 180min)};
    attendance_record late;
    late.patient = "p1";
    late.service = "group_therapy";
    late.start = sys_days{2026y / mar / 16d} + 2h;
    late.scheduled = 180min;
    rs.push_back(late);
    const auto r = validate(rs, builtin_rules("asam-iop-adult"), ny);
    const auto& w = r.patients.at(0).weeks;
    REQUIRE(w.size() == 1);
    CHECK(w[0].week_start == local_days{2026y / mar / 9d});
    CHECK(w[0].counted == 9h);
    // In UTC the same instant falls on Monday 03-16: a second week.
    CHECK(validate(rs, builtin_rules("asam-iop-adult"), time_zone::utc()).patients.at(0).weeks.size() == 2);
}

TEST_CASE("ISO text starts: local or instant", "[validate]") {
    const auto local = parse_iso_datetime("2026-03-09T18:00:00");
    const auto instant = parse_iso_datetime("2026-03-09T18:00:00-04:00");
    REQUIRE(local);
    REQUIRE(instant);
    CHECK(std::get<local_seconds>(to_record_start(*local)) == at(2026y / mar / 9d, 18));
    CHECK(std::get<sys_seconds>(to_record_start(*instant)) == sys_days{2026y / mar / 9d} + 22h);
}
