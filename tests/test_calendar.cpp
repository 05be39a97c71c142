// Time zones and ISO text. Every instant below is worked out by hand from the published rules:
// US DST since 2007 runs from the second Sunday of March at 02:00 local to the first Sunday of
// November at 02:00 local (Energy Policy Act of 2005); before 2007, the first Sunday of April to
// the last Sunday of October. The EU changes at 01:00 UTC on the last Sundays of March and
// October. Arizona (America/Phoenix) keeps MST (UTC-7) all year; India keeps IST (UTC+5:30).
// In 2026, March 1 and November 1 are Sundays, so the US changes fall on March 8 and
// November 1, and the EU ones on March 29 and October 25.
#include "catch.hpp"
#include "failures.hpp"

#include <sstream>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <string>

#include "iopcare/attendance.hpp"
#include "iopcare/calendar.hpp"
#include "iopcare/level.hpp"
#include "iopcare/service.hpp"

using namespace std::chrono;
using namespace iopcare;
using iopcare::testing::code_of;

namespace {

sys_seconds utc(int y, unsigned m, unsigned d, int h, int mi = 0) {
    return sys_days{year{y} / m / d} + hours{h} + minutes{mi};
}
local_seconds local(int y, unsigned m, unsigned d, int h, int mi = 0) {
    return local_days{year{y} / m / d} + hours{h} + minutes{mi};
}

}  // namespace

TEST_CASE("America/New_York offsets and abbreviations through 2026", "[calendar]") {
    const auto ny = time_zone::locate("America/New_York");
    CHECK(ny.name() == "America/New_York");
    CHECK(ny.offset(utc(2026, 1, 15, 12)) == hours{-5});
    CHECK(ny.abbreviation(utc(2026, 1, 15, 12)) == "EST");
    CHECK_FALSE(ny.is_dst(utc(2026, 1, 15, 12)));
    CHECK(ny.offset(utc(2026, 7, 1, 12)) == hours{-4});
    CHECK(ny.abbreviation(utc(2026, 7, 1, 12)) == "EDT");
    CHECK(ny.is_dst(utc(2026, 7, 1, 12)));
    // The change happens at 02:00 EST = 07:00Z on March 8, and at 02:00 EDT = 06:00Z on November 1.
    CHECK(ny.offset(utc(2026, 3, 8, 6, 59)) == hours{-5});
    CHECK(ny.offset(utc(2026, 3, 8, 7)) == hours{-4});
    CHECK(ny.offset(utc(2026, 11, 1, 5, 59)) == hours{-4});
    CHECK(ny.offset(utc(2026, 11, 1, 6)) == hours{-5});

    const auto tr = ny.transitions(utc(2026, 1, 1, 0), utc(2027, 1, 1, 0));
    REQUIRE(tr.size() == 2);
    CHECK(tr[0].at == utc(2026, 3, 8, 7));
    CHECK(tr[0].offset_before == hours{-5});
    CHECK(tr[0].offset_after == hours{-4});
    CHECK(tr[0].abbreviation_after == "EDT");
    CHECK(tr[0].dst_after);
    CHECK(tr[1].at == utc(2026, 11, 1, 6));
    CHECK(tr[1].abbreviation_after == "EST");
    CHECK_FALSE(tr[1].dst_after);
}

TEST_CASE("an 18:00 local session keeps its wall-clock time across both US changes", "[calendar]") {
    const auto ny = time_zone::locate("America/New_York");
    // Saturday before and Monday after each change.
    CHECK(ny.to_utc(local(2026, 3, 7, 18), dst_policy::error) == utc(2026, 3, 7, 23));
    CHECK(ny.to_utc(local(2026, 3, 9, 18), dst_policy::error) == utc(2026, 3, 9, 22));
    CHECK(ny.to_utc(local(2026, 10, 31, 18), dst_policy::error) == utc(2026, 10, 31, 22));
    CHECK(ny.to_utc(local(2026, 11, 2, 18), dst_policy::error) == utc(2026, 11, 2, 23));
    CHECK(ny.to_local(utc(2026, 3, 9, 22)) == local(2026, 3, 9, 18));
}

TEST_CASE("a local time in the spring gap under each policy", "[calendar]") {
    const auto ny = time_zone::locate("America/New_York");
    const auto t = local(2026, 3, 8, 2, 30);  // 02:00-03:00 does not exist that night
    const auto info = ny.classify(t);
    CHECK(info.result == local_time_info::kind::nonexistent);
    CHECK(info.first == utc(2026, 3, 8, 7));
    CHECK(info.offset_before == hours{-5});
    CHECK(info.offset_after == hours{-4});
    CHECK(ny.to_utc(t, dst_policy::shift_forward) == utc(2026, 3, 8, 7, 30));  // 03:30 EDT
    CHECK(ny.to_local(*ny.to_utc(t, dst_policy::shift_forward)) == local(2026, 3, 8, 3, 30));
    CHECK(ny.to_utc(t, dst_policy::earliest) == utc(2026, 3, 8, 7));
    CHECK(ny.to_utc(t, dst_policy::latest) == utc(2026, 3, 8, 7));
    CHECK_FALSE(ny.to_utc(t, dst_policy::skip).has_value());
    CHECK(code_of([&] { (void)ny.to_utc(t, dst_policy::error); }) == errc::nonexistent_local_time);
    // The edges of the gap: 02:00 does not exist, 03:00 does.
    CHECK(ny.classify(local(2026, 3, 8, 2)).result == local_time_info::kind::nonexistent);
    CHECK(ny.classify(local(2026, 3, 8, 3)).result == local_time_info::kind::unique);
    CHECK(ny.classify(local(2026, 3, 8, 1, 59)).result == local_time_info::kind::unique);
}

TEST_CASE("a local time in the autumn overlap under each policy", "[calendar]") {
    const auto ny = time_zone::locate("America/New_York");
    const auto t = local(2026, 11, 1, 1, 30);  // 01:00-02:00 happens twice
    const auto info = ny.classify(t);
    CHECK(info.result == local_time_info::kind::ambiguous);
    CHECK(info.first == utc(2026, 11, 1, 5, 30));   // 01:30 EDT
    CHECK(info.second == utc(2026, 11, 1, 6, 30));  // 01:30 EST
    CHECK(ny.to_utc(t, dst_policy::earliest) == utc(2026, 11, 1, 5, 30));
    CHECK(ny.to_utc(t, dst_policy::shift_forward) == utc(2026, 11, 1, 5, 30));
    CHECK(ny.to_utc(t, dst_policy::skip) == utc(2026, 11, 1, 5, 30));
    CHECK(ny.to_utc(t, dst_policy::latest) == utc(2026, 11, 1, 6, 30));
    CHECK(code_of([&] { (void)ny.to_utc(t, dst_policy::error); }) == errc::ambiguous_local_time);
    CHECK(ny.classify(local(2026, 11, 1, 2)).result == local_time_info::kind::unique);
    CHECK(ny.classify(local(2026, 11, 1, 0, 59)).result == local_time_info::kind::unique);
}

TEST_CASE("zones without daylight saving", "[calendar]") {
    const auto phx = time_zone::locate("America/Phoenix");
    CHECK(phx.offset(utc(2026, 1, 15, 12)) == hours{-7});
    CHECK(phx.offset(utc(2026, 7, 15, 12)) == hours{-7});
    CHECK(phx.abbreviation(utc(2026, 7, 15, 12)) == "MST");
    CHECK(phx.transitions(utc(2026, 1, 1, 0), utc(2027, 1, 1, 0)).empty());
    // 18:00 in Phoenix is 01:00Z the next day, in March as in November.
    CHECK(phx.to_utc(local(2026, 3, 8, 18), dst_policy::error) == utc(2026, 3, 9, 1));
    CHECK(phx.to_utc(local(2026, 3, 8, 2, 30), dst_policy::error) == utc(2026, 3, 8, 9, 30));

    const auto kol = time_zone::locate("Asia/Kolkata");
    CHECK(kol.offset(utc(2026, 6, 1, 0)) == hours{5} + minutes{30});
    CHECK(kol.abbreviation(utc(2026, 6, 1, 0)) == "IST");
    CHECK(kol.to_utc(local(2026, 6, 1, 9), dst_policy::error) == utc(2026, 6, 1, 3, 30));

    const auto u = time_zone::utc();
    CHECK(u.name() == "UTC");
    CHECK(u.offset(utc(2026, 7, 1, 0)) == seconds{0});
    CHECK(u.to_utc(local(2026, 3, 8, 2, 30), dst_policy::error) == utc(2026, 3, 8, 2, 30));
    CHECK(time_zone::locate("UTC") == u);
}

TEST_CASE("Europe/Berlin changes at 01:00 UTC on the last Sundays", "[calendar]") {
    const auto berlin = time_zone::locate("Europe/Berlin");
    const auto tr = berlin.transitions(utc(2026, 1, 1, 0), utc(2027, 1, 1, 0));
    REQUIRE(tr.size() == 2);
    CHECK(tr[0].at == utc(2026, 3, 29, 1));
    CHECK(tr[0].offset_after == hours{2});
    CHECK(tr[0].abbreviation_after == "CEST");
    CHECK(tr[1].at == utc(2026, 10, 25, 1));
    CHECK(tr[1].offset_after == hours{1});
    CHECK(tr[1].abbreviation_after == "CET");
}

TEST_CASE("the pre-2007 US rule and years past the table (the TZif footer)", "[calendar]") {
    const auto ny = time_zone::locate("America/New_York");
    const auto tr2006 = ny.transitions(utc(2006, 1, 1, 0), utc(2007, 1, 1, 0));
    REQUIRE(tr2006.size() == 2);
    CHECK(tr2006[0].at == utc(2006, 4, 2, 7));    // first Sunday of April
    CHECK(tr2006[1].at == utc(2006, 10, 29, 6));  // last Sunday of October
    // 2100: March 1 is a Monday, so the second Sunday is March 14; November 7 is the first Sunday.
    const auto tr2100 = ny.transitions(utc(2100, 1, 1, 0), utc(2101, 1, 1, 0));
    REQUIRE(tr2100.size() == 2);
    CHECK(tr2100[0].at == utc(2100, 3, 14, 7));
    CHECK(tr2100[1].at == utc(2100, 11, 7, 6));
    CHECK(ny.offset(utc(2100, 7, 1, 0)) == hours{-4});
}

TEST_CASE("POSIX TZ strings", "[calendar]") {
    const auto us = time_zone::locate("EST5EDT,M3.2.0,M11.1.0");
    CHECK(us.offset(utc(2026, 1, 15, 12)) == hours{-5});  // POSIX counts west as positive
    CHECK(us.abbreviation(utc(2026, 1, 15, 12)) == "EST");
    const auto tr = us.transitions(utc(2026, 1, 1, 0), utc(2027, 1, 1, 0));
    REQUIRE(tr.size() == 2);
    CHECK(tr[0].at == utc(2026, 3, 8, 7));
    CHECK(tr[1].at == utc(2026, 11, 1, 6));
    CHECK(us.to_utc(local(2026, 3, 8, 2, 30), dst_policy::shift_forward) == utc(2026, 3, 8, 7, 30));

    const auto cet = time_zone::locate("CET-1CEST,M3.5.0,M10.5.0/3");
    const auto tr_cet = cet.transitions(utc(2026, 1, 1, 0), utc(2027, 1, 1, 0));
    REQUIRE(tr_cet.size() == 2);
    CHECK(tr_cet[0].at == utc(2026, 3, 29, 1));
    CHECK(tr_cet[1].at == utc(2026, 10, 25, 1));

    // Southern hemisphere: Sydney leaves DST on the first Sunday of April (03:00 AEDT) and
    // enters it on the first Sunday of October (02:00 AEST); in 2026 those are April 5 and October 4.
    const auto syd = time_zone::locate("AEST-10AEDT,M10.1.0,M4.1.0/3");
    CHECK(syd.offset(utc(2026, 1, 15, 0)) == hours{11});
    CHECK(syd.is_dst(utc(2026, 1, 15, 0)));
    CHECK(syd.offset(utc(2026, 6, 15, 0)) == hours{10});
    const auto tr_syd = syd.transitions(utc(2026, 1, 1, 0), utc(2027, 1, 1, 0));
    REQUIRE(tr_syd.size() == 2);
    CHECK(tr_syd[0].at == utc(2026, 4, 4, 16));
    CHECK(tr_syd[1].at == utc(2026, 10, 3, 16));

    const auto quoted = time_zone::locate("<+0530>-5:30");
    CHECK(quoted.offset(utc(2026, 1, 1, 0)) == hours{5} + minutes{30});
    CHECK(quoted.abbreviation(utc(2026, 1, 1, 0)) == "+0530");
}

// AAA0BBB,J100/1,J100/23: daylight time (UTC+1) from 01:00 to 23:00 local on day 100 of each
// year (April 10 in 2026) and standard time (UTC) the rest of the year; the offset changes twice
// within one day. By hand: 12:00 BBB is 11:00Z; 01:00-02:00 local does not exist (the change
// at 01:00Z jumps to 02:00); 22:00-23:00 local happens twice (21:xxZ in BBB, 22:xxZ in AAA).
TEST_CASE("a POSIX zone whose offset changes twice within a day", "[calendar]") {
    const auto z = time_zone::locate("AAA0BBB,J100/1,J100/23");
    CHECK(z.to_utc(local(2026, 4, 10, 12), dst_policy::error) == utc(2026, 4, 10, 11));
    CHECK(z.offset(utc(2026, 4, 10, 11)) == hours{1});
    const auto gap = z.classify(local(2026, 4, 10, 1, 30));
    CHECK(gap.result == local_time_info::kind::nonexistent);
    CHECK(gap.first == utc(2026, 4, 10, 1));
    CHECK(gap.offset_before == hours{0});
    CHECK(gap.offset_after == hours{1});
    CHECK(code_of([&] { (void)z.to_utc(local(2026, 4, 10, 1, 30), dst_policy::error); }) ==
          errc::nonexistent_local_time);
    CHECK(z.to_utc(local(2026, 4, 10, 1, 30), dst_policy::shift_forward) == utc(2026, 4, 10, 1, 30));
    const auto twice = z.classify(local(2026, 4, 10, 22, 30));
    CHECK(twice.result == local_time_info::kind::ambiguous);
    CHECK(twice.first == utc(2026, 4, 10, 21, 30));
    CHECK(twice.second == utc(2026, 4, 10, 22, 30));
    CHECK(z.to_utc(local(2026, 4, 9, 12), dst_policy::error) == utc(2026, 4, 9, 12));
    CHECK(z.to_utc(local(2026, 4, 11, 12), dst_policy::error) == utc(2026, 4, 11, 12));
}

#if defined(__GLIBC__)
// The same zone through glibc's mktime, an independent implementation of POSIX TZ: every
// quarter hour of the three days around the changes. Where glibc's answer reads back as the
// same local time, the time exists and iopcare must give that instant (either one of an
// overlap's two); where it does not, the time is in the gap and iopcare must say so.
TEST_CASE("the twice-a-day POSIX zone agrees with glibc", "[calendar]") {
    const char* zone_text = "AAA0BBB,J100/1,J100/23";
    const auto z = time_zone::locate(zone_text);
    const char* saved = std::getenv("TZ");
    const std::string old = saved ? saved : "";
    ::setenv("TZ", zone_text, 1);
    ::tzset();
    int checked = 0;
    for (int q = 0; q < 3 * 96; ++q) {
        const local_seconds t = local(2026, 4, 9, 0) + minutes{15 * q};
        const auto ymd = year_month_day{floor<days>(t)};
        const hh_mm_ss hms{t - floor<days>(t)};
        std::tm tm{};
        tm.tm_year = static_cast<int>(ymd.year()) - 1900;
        tm.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
        tm.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
        tm.tm_hour = static_cast<int>(hms.hours().count());
        tm.tm_min = static_cast<int>(hms.minutes().count());
        tm.tm_isdst = -1;
        const std::time_t glibc = std::mktime(&tm);
        std::tm back{};
        const std::time_t g = glibc;
        ::localtime_r(&g, &back);
        const bool exists = back.tm_hour == static_cast<int>(hms.hours().count()) &&
                            back.tm_min == static_cast<int>(hms.minutes().count());
        const auto info = z.classify(t);
        INFO(format_local(t));
        if (!exists) {
            CHECK(info.result == local_time_info::kind::nonexistent);
            continue;
        }
        const sys_seconds expected{seconds{glibc}};
        CHECK(info.result != local_time_info::kind::nonexistent);
        CHECK((info.first == expected || info.second == expected));
        ++checked;
    }
    CHECK(checked == 3 * 96 - 4);  // the four quarter hours of the gap are the only misses
    if (saved) ::setenv("TZ", old.c_str(), 1);
    else ::unsetenv("TZ");
    ::tzset();
}
#endif

TEST_CASE("unknown zones are errors naming the zone", "[calendar]") {
    for (const char* bad : {"Mars/Olympus_Mons", "", "../../etc/passwd", "America/New_York/", "EST5EDT,M13.1.0,M11.1.0",
                            "E5", "/usr/share/zoneinfo/UTC"}) {
        CAPTURE(bad);
        try {
            (void)time_zone::locate(bad);
            FAIL("accepted");
        } catch (const error& e) {
            CHECK(e.code() == errc::unknown_time_zone);
            CHECK(e.value() == bad);
            CHECK(e.where() == "timezone");
        }
        const auto r = time_zone::try_locate(bad);
        CHECK_FALSE(r.ok());
        CHECK(r.error().code == errc::unknown_time_zone);
    }
    CHECK(time_zone::try_locate("Europe/Berlin").ok());
}

TEST_CASE("dst policies have names", "[calendar]") {
    CHECK(to_string(dst_policy::shift_forward) == "shift_forward");
    CHECK(parse_dst_policy("latest") == dst_policy::latest);
    CHECK(parse_dst_policy("error") == dst_policy::error);
    CHECK_FALSE(parse_dst_policy("Latest").has_value());
}

TEST_CASE("ISO 8601 dates, times and date-times", "[calendar]") {
    CHECK(parse_iso_date("2026-03-08") == year{2026} / March / 8);
    CHECK_FALSE(parse_iso_date("2026-02-29").has_value());  // 2026 is not a leap year
    CHECK(parse_iso_date("2028-02-29") == year{2028} / February / 29);
    CHECK_FALSE(parse_iso_date("2026-3-8").has_value());
    CHECK_FALSE(parse_iso_date("2026-03-08x").has_value());

    CHECK(parse_time_of_day("18:00") == hours{18});
    CHECK(parse_time_of_day("09:15:30") == hours{9} + minutes{15} + seconds{30});
    CHECK_FALSE(parse_time_of_day("24:00").has_value());
    CHECK_FALSE(parse_time_of_day("9:00").has_value());
    CHECK_FALSE(parse_time_of_day("18:60").has_value());

    const auto plain = parse_iso_datetime("2026-03-08T18:00:00");
    REQUIRE(plain.has_value());
    CHECK(plain->local == local(2026, 3, 8, 18));
    CHECK_FALSE(plain->offset.has_value());
    CHECK_FALSE(plain->instant().has_value());

    const auto z = parse_iso_datetime("2026-03-08T23:00:00Z");
    REQUIRE(z.has_value());
    CHECK(z->instant() == utc(2026, 3, 8, 23));

    const auto off = parse_iso_datetime("2026-03-08T18:00:00-05:00");
    REQUIRE(off.has_value());
    CHECK(off->offset == hours{-5});
    CHECK(off->instant() == utc(2026, 3, 8, 23));
    CHECK(parse_iso_datetime("2026-03-08T18:00+0530")->instant() == utc(2026, 3, 8, 12, 30));

    CHECK_FALSE(parse_iso_datetime("2026-03-08").has_value());
    CHECK_FALSE(parse_iso_datetime("2026-03-08T25:00:00").has_value());
    CHECK_FALSE(parse_iso_datetime("2026-03-08T18:00:00+5").has_value());
    CHECK_FALSE(parse_iso_datetime("2026-03-08T18:00:00 junk").has_value());
    // The fixed-width form (read by a shortcut) next to its near misses.
    CHECK(parse_iso_datetime("2024-02-29T23:59:59")->local == local(2024, 2, 29, 23, 59) + seconds{59});
    CHECK(parse_iso_datetime("2026-03-08 18:00:00")->local == local(2026, 3, 8, 18));
    for (const char* bad : {"2026-02-29T18:00:00", "2026-13-01T18:00:00", "2026-00-10T18:00:00", "2026-03-00T18:00:00",
                            "2026-03-08T24:00:00", "2026-03-08T18:60:00", "2026-03-08T18:00:60", "2026-03-08T1a:00:00",
                            "2026-03-08T18:00:0 ", "2026-03-08T18-00:00", "+026-03-08T18:00:00"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_iso_datetime(bad).has_value());
    }

    CHECK(format_local(local(2026, 3, 8, 18)) == "2026-03-08T18:00:00");
    CHECK(format_utc(utc(2026, 3, 8, 23, 5)) == "2026-03-08T23:05:00Z");
    CHECK(format_date(year{2026} / March / 8) == "2026-03-08");

    // The edges of four-digit years, and past them the general path's wider year.
    CHECK(format_local(local_days{year{0} / January / 1}) == "0000-01-01T00:00:00");
    CHECK(format_utc(sys_days{year{9999} / December / 31} + hours{23} + minutes{59} + seconds{59}) ==
          "9999-12-31T23:59:59Z");
    CHECK(format_utc(sys_days{year{10000} / January / 1} + seconds{1}) == "10000-01-01T00:00:01Z");
    CHECK(format_local(local_days{year{-1} / March / 1} + hours{7}) == "-001-03-01T07:00:00");
    // Dates alone: the same edges, and dates that are not ok() shown as printf would.
    CHECK(format_date(year{0} / January / 1) == "0000-01-01");
    CHECK(format_date(year{9999} / December / 31) == "9999-12-31");
    CHECK(format_date(year{10000} / January / 1) == "10000-01-01");
    CHECK(format_date(year{-1} / March / 1) == "-001-03-01");
    CHECK(format_date(year{2026} / month{13} / 1) == "2026-13-01");
    CHECK(format_date(year{2026} / February / 31) == "2026-02-31");
    CHECK(format_date(year{2026} / month{200} / day{255}) == "2026-200-255");
}

TEST_CASE("the types a host prints have text under one name, and stream as written") {
    using namespace std::chrono;
    CHECK(iopcare::to_string(local_days{2026y / March / 8d} + 18h) == "2026-03-08T18:00:00");
    CHECK(iopcare::to_string(sys_days{2026y / March / 8d} + 23h) == "2026-03-08T23:00:00Z");
    CHECK(iopcare::to_string(local_days{2026y / March / 8d}) == "2026-03-08");
    CHECK(iopcare::to_string(2026y / March / 8d) == "2026-03-08");
    CHECK(iopcare::to_string(iopcare::record_start{sys_days{2026y / March / 9d} + 23h}) == "2026-03-09T23:00:00Z");
    std::ostringstream out;
    out << iopcare::patient_id{"mrn-7"} << ' ' << iopcare::level_code("2.1") << ' ' << iopcare::service_id("group_therapy");
    CHECK(out.str() == "mrn-7 2.1 group_therapy");
}
