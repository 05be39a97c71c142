// iCalendar export: the exact text of a small calendar worked out by hand, line folding and
// escaping, and a round trip through a real parser (libical): the occurrences libical expands
// from the file must be the sessions iopcare generated, across DST changes, closures,
// cancellations and a rescheduled session.
#include "catch.hpp"

#include <algorithm>
#include <ctime>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <libical/ical.h>

#include "iopcare/io/icalendar.hpp"
#include "iopcare/schedule.hpp"

using namespace std::chrono;
using namespace iopcare;

namespace {

template_line line(std::vector<weekday> days, int hour, int minute, int length, std::string service, std::string group,
                   unsigned capacity) {
    template_line t;
    t.days = std::move(days);
    t.start = hours{hour} + minutes{minute};
    t.length = minutes{length};
    t.service = std::move(service);
    t.group = std::move(group);
    t.capacity = capacity;
    return t;
}

program evening(const char* zone) {
    program p;
    p.name = "Evening IOP";
    p.level = "2.1";
    p.zone = time_zone::locate(zone);
    auto g = line({Monday, Tuesday, Thursday}, 18, 0, 180, "group_therapy", "evening", 12);
    g.room = "Room A";
    p.phases.push_back(program_phase{"core", 0, {g}});
    return p;
}

enrollment admit(std::uint32_t id, year_month_day d, unsigned weeks, std::string group) {
    enrollment e;
    e.patient = patient_id{std::to_string(id)};
    e.admit = d;
    e.weeks = weeks;
    e.group = std::move(group);
    return e;
}

std::vector<std::string> lines_of(const std::string& ics) {
    std::vector<std::string> out;
    std::size_t b = 0;
    while (b < ics.size()) {
        const auto e = ics.find("\r\n", b);
        REQUIRE(e != std::string::npos);  // every line ends in CRLF
        out.push_back(ics.substr(b, e - b));
        b = e + 2;
    }
    return out;
}

// libical's view of a calendar: every occurrence as (UTC start, minutes), RRULE/EXDATE expanded
// by libical, RECURRENCE-ID overrides replacing the instance they name.
std::multiset<std::pair<std::int64_t, std::int64_t>> libical_occurrences(const std::string& ics, sys_days from,
                                                                          sys_days to) {
    icalcomponent* cal = icalparser_parse_string(ics.c_str());
    REQUIRE(cal != nullptr);
    REQUIRE(icalcomponent_isa(cal) == ICAL_VCALENDAR_COMPONENT);
    icaltimezone* utc = icaltimezone_get_utc_timezone();
    const auto start = icaltime_from_timet_with_zone(sys_seconds{from}.time_since_epoch().count(), 0, utc);
    const auto end = icaltime_from_timet_with_zone(sys_seconds{to}.time_since_epoch().count(), 0, utc);

    struct collected {
        std::vector<std::pair<std::int64_t, std::int64_t>> spans;
    };
    std::map<std::string, collected> masters;
    std::map<std::string, std::vector<std::int64_t>> replaced;  // uid -> recurrence-id instants
    std::multiset<std::pair<std::int64_t, std::int64_t>> out;
    for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev != nullptr;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        const std::string uid = icalcomponent_get_uid(ev);
        const icaltimetype rid = icalcomponent_get_recurrenceid(ev);
        const icaldurationtype dur = icalcomponent_get_duration(ev);
        const std::int64_t minutes_long = icaldurationtype_as_int(dur) / 60;
        if (!icaltime_is_null_time(rid)) {
            // Resolve the RECURRENCE-ID's TZID against the calendar's own VTIMEZONE.
            icalproperty* prop = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
            icalparameter* tzid = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
            icaltimezone* zone = tzid != nullptr ? icalcomponent_get_timezone(cal, icalparameter_get_tzid(tzid)) : utc;
            REQUIRE(zone != nullptr);
            replaced[uid].push_back(icaltime_as_timet_with_zone(rid, zone));
            const icaltimetype st = icalcomponent_get_dtstart(ev);
            out.emplace(icaltime_as_timet_with_zone(st, st.zone), minutes_long);
            continue;
        }
        collected c;
        icalcomponent_foreach_recurrence(
            ev, start, end,
            [](icalcomponent* comp, struct icaltime_span* span, void* data) {
                auto* into = static_cast<collected*>(data);
                const auto d = icaldurationtype_as_int(icalcomponent_get_duration(comp)) / 60;
                into->spans.emplace_back(static_cast<std::int64_t>(span->start), d);
            },
            &c);
        masters[uid] = std::move(c);
    }
    for (auto& [uid, c] : masters) {
        for (const auto& sp : c.spans) {
            const auto& r = replaced[uid];
            if (std::find(r.begin(), r.end(), sp.first) != r.end()) continue;
            out.insert(sp);
        }
    }
    icalcomponent_free(cal);
    return out;
}

std::multiset<std::pair<std::int64_t, std::int64_t>> iopcare_occurrences(const expansion& x) {
    std::multiset<std::pair<std::int64_t, std::int64_t>> out;
    for (const auto& s : x.sessions) out.emplace(s.utc_start.time_since_epoch().count(), s.length.count());
    return out;
}

std::int64_t utc(int y, unsigned m, unsigned d, int h, int mi = 0) {
    return sys_seconds{sys_days{year{y} / m / d} + hours{h} + minutes{mi}}.time_since_epoch().count();
}

}  // namespace

TEST_CASE("iCalendar text of a two-week evening group, by hand", "[io][icalendar]") {
    schedule s(evening("America/New_York"));
    s.enroll(admit(1, year{2026} / March / 2, 2, "evening"));
    const auto ics = io::schedule_to_icalendar(s, year{2026} / March / 2, year{2026} / March / 16);
    const auto lines = lines_of(ics);
    // Mon/Tue/Thu for two weeks: six occurrences from Monday 2026-03-02 18:00 local.
    const std::vector<std::string> event = {
        "BEGIN:VEVENT",
        "UID:evening-iop-p1-ph0-l0@iopcare.invalid",
        "DTSTAMP:20260302T000000Z",
        "DTSTART;TZID=America/New_York:20260302T180000",
        "DURATION:PT3H",
        "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,TU,TH;COUNT=6",
        "SUMMARY:Group therapy (evening)",
        "DESCRIPTION:Phase: core\\nPatient: 1",
        "LOCATION:Room A",
        "CATEGORIES:group_therapy",
        "END:VEVENT",
    };
    const auto at = std::search(lines.begin(), lines.end(), event.begin(), event.end());
    CHECK(at != lines.end());
    // The zone: EST before 2025-03-09, then the three changes up to the range.
    const std::vector<std::string> zone = {
        "BEGIN:VTIMEZONE",          "TZID:America/New_York",    "BEGIN:STANDARD",          "DTSTART:19700101T000000",
        "TZOFFSETFROM:-0500",       "TZOFFSETTO:-0500",         "TZNAME:EST",              "END:STANDARD",
        "BEGIN:DAYLIGHT",           "DTSTART:20250309T020000",  "TZOFFSETFROM:-0500",      "TZOFFSETTO:-0400",
        "TZNAME:EDT",               "END:DAYLIGHT",             "BEGIN:STANDARD",          "DTSTART:20251102T020000",
        "TZOFFSETFROM:-0400",       "TZOFFSETTO:-0500",         "TZNAME:EST",              "END:STANDARD",
        "BEGIN:DAYLIGHT",           "DTSTART:20260308T020000",  "TZOFFSETFROM:-0500",      "TZOFFSETTO:-0400",
        "TZNAME:EDT",               "END:DAYLIGHT",             "END:VTIMEZONE",
    };
    CHECK(std::search(lines.begin(), lines.end(), zone.begin(), zone.end()) != lines.end());
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
    CHECK(std::count(lines.begin(), lines.end(), "BEGIN:VEVENT") == 1);
}

TEST_CASE("closures and cancellations become EXDATEs, a moved session a RECURRENCE-ID", "[io][icalendar]") {
    program p = evening("America/New_York");
    p.closures.add_date(year{2026} / March / 12);  // Thursday
    schedule s(p);
    s.enroll(admit(1, year{2026} / March / 2, 3, "evening"));
    const local_days tue{year{2026} / March / 10};
    s.cancel("evening", local_seconds{tue} + hours{18});
    const local_days mon{year{2026} / March / 9};
    s.reschedule("evening", local_seconds{mon} + hours{18}, local_seconds{mon + days{2}} + hours{17});
    const auto lines = lines_of(io::schedule_to_icalendar(s, year{2026} / March / 2, year{2026} / March / 23));
    auto has = [&](const std::string& l) { return std::find(lines.begin(), lines.end(), l) != lines.end(); };
    // Three weeks of Mon/Tue/Thu from 03-02: nine instances, two of them excluded.
    CHECK(has("RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,TU,TH;COUNT=9"));
    CHECK(has("EXDATE;TZID=America/New_York:20260310T180000"));
    CHECK(has("EXDATE;TZID=America/New_York:20260312T180000"));
    CHECK(has("RECURRENCE-ID;TZID=America/New_York:20260309T180000"));
    CHECK(has("DTSTART;TZID=America/New_York:20260311T170000"));
    CHECK(std::count(lines.begin(), lines.end(), "BEGIN:VEVENT") == 2);

    // The expansion agrees: Mon 03-09 is at Wed 17:00, Tue 03-10 cancelled, Thu 03-12 closed.
    const auto x = s.expand(year{2026} / March / 9, year{2026} / March / 16);
    REQUIRE(x.sessions.size() == 1);
    CHECK(x.sessions[0].local_start == local_seconds{mon + days{2}} + hours{17});
    CHECK(x.sessions[0].utc_start == sys_seconds{sys_days{year{2026} / March / 11} + hours{21}});  // EDT
}

TEST_CASE("text escaping and line folding", "[io][icalendar]") {
    CHECK(io::icalendar_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
    CHECK(io::icalendar_escape("x\r\ny") == "x\\ny");
    const std::string long_line = "DESCRIPTION:" + std::string(100, 'x');  // 112 octets
    const auto folded = io::icalendar_fold(long_line);
    CHECK(folded.substr(0, 75) == long_line.substr(0, 75));
    CHECK(folded.substr(75, 3) == "\r\n ");
    CHECK(folded.substr(78, 37) == long_line.substr(75));  // 74 + 1 space fits in the second line
    CHECK(folded.substr(115) == "\r\n");
    // Unfolding gives the line back.
    std::string unfolded = folded;
    for (std::size_t i; (i = unfolded.find("\r\n ")) != std::string::npos;) unfolded.erase(i, 3);
    CHECK(unfolded == long_line + "\r\n");
    // A two-octet character is never split: 74 ASCII octets, then "é" moves to the next line.
    const std::string utf8 = std::string(74, 'a') + "\xC3\xA9";
    CHECK(io::icalendar_fold(utf8) == std::string(74, 'a') + "\r\n \xC3\xA9\r\n");
    CHECK(io::icalendar_fold("short") == "short\r\n");
}

TEST_CASE("libical expands the exported calendar into iopcare's sessions", "[io][icalendar][libical]") {
    // Two phases (Mon-Thu for 4 weeks, then Mon/Tue/Thu), two groups, a weekly individual
    // session, US federal holidays, a cancellation and a move; 8 weeks from 2026-10-19 cross the
    // end of DST (2026-11-01), Veterans Day (Wed 11-11) and Thanksgiving (Thu 11-26).
    program p;
    p.name = "Two-track IOP, fall";
    p.level = "2.1";
    p.zone = time_zone::locate("America/New_York");
    for (auto& r : us_federal_holidays()) p.closures.add_rule(r);
    p.phases.push_back(program_phase{"intensive", 4,
                                     {line({Monday, Tuesday, Wednesday, Thursday}, 18, 0, 180, "group_therapy", "evening", 10),
                                      line({Monday, Tuesday, Wednesday, Thursday}, 9, 30, 180, "group_therapy", "morning", 10)}});
    p.phases.push_back(program_phase{"step-down", 0,
                                     {line({Monday, Tuesday, Thursday}, 18, 0, 180, "group_therapy", "evening", 10),
                                      line({Monday, Tuesday, Thursday}, 9, 30, 180, "group_therapy", "morning", 10)}});
    schedule s(p);
    auto a = admit(1, year{2026} / October / 19, 8, "evening");
    a.extras.push_back(extra_session{Friday, hours{16}, minutes{50}, "individual_therapy", {}, {}});
    s.enroll(a);
    s.enroll(admit(2, year{2026} / October / 26, 6, "morning"));
    s.cancel("evening", local_seconds{local_days{year{2026} / November / 2}} + hours{18});
    s.reschedule("morning", local_seconds{local_days{year{2026} / October / 29}} + hours{9} + minutes{30},
                 local_seconds{local_days{year{2026} / October / 30}} + hours{13});

    const year_month_day from = year{2026} / October / 19;
    const year_month_day to = year{2026} / December / 14;
    const auto x = s.expand(from, to);
    const auto ics = io::schedule_to_icalendar(s, from, to);
    const auto ours = iopcare_occurrences(x);
    const auto theirs = libical_occurrences(ics, sys_days{from} - days{1}, sys_days{to} + days{1});
    // By hand: patient 1 has 16 - 2 (cancelled 11-02, Veterans Day) intensive evenings, 12 - 1
    // (Thanksgiving) step-down evenings and 8 Fridays = 33; patient 2 has 16 - 1 intensive
    // mornings (the moved one still counts) and 6 - 1 step-down mornings = 20.
    CHECK(ours.size() == 53);
    CHECK(theirs.size() == ours.size());
    CHECK(theirs == ours);

    // Spot checks by hand: 18:00 EDT on Thursday 10-29 is 22:00Z; 18:00 EST on Monday 11-09 is 23:00Z.
    CHECK(theirs.count({utc(2026, 10, 29, 22), 180}) == 1);
    CHECK(theirs.count({utc(2026, 11, 9, 23), 180}) == 1);
    CHECK(theirs.count({utc(2026, 11, 2, 23), 180}) == 0);          // cancelled
    CHECK(theirs.count({utc(2026, 11, 11, 23), 180}) == 0);         // Veterans Day
    CHECK(theirs.count({utc(2026, 10, 30, 17), 180}) == 1);         // moved to Friday 13:00 EDT
    CHECK(theirs.count({utc(2026, 10, 29, 13, 30), 180}) == 0);     // not at its old time
    CHECK(theirs.count({utc(2026, 11, 6, 21), 50}) == 1);           // Friday individual, 16:00 EST

    // libical reads our VTIMEZONE: local times on either side of the change convert as in tzdata.
    icalcomponent* cal = icalparser_parse_string(ics.c_str());
    REQUIRE(cal != nullptr);
    icaltimezone* tz = icalcomponent_get_timezone(cal, "America/New_York");
    REQUIRE(tz != nullptr);
    icaltimetype t = icaltime_from_string("20261031T180000");
    CHECK(icaltime_as_timet_with_zone(t, tz) == utc(2026, 10, 31, 22));
    t = icaltime_from_string("20261102T180000");
    CHECK(icaltime_as_timet_with_zone(t, tz) == utc(2026, 11, 2, 23));
    icalcomponent_free(cal);
}

TEST_CASE("the spring change and a zone without DST round-trip too", "[io][icalendar][libical]") {
    for (const char* zone : {"America/New_York", "America/Phoenix", "UTC"}) {
        CAPTURE(zone);
        program p = evening(zone);
        p.closures.add_date(year{2026} / March / 5);
        schedule s(p);
        s.enroll(admit(7, year{2026} / February / 23, 4, "evening"));
        const year_month_day from = year{2026} / February / 23;
        const year_month_day to = year{2026} / March / 23;
        const auto x = s.expand(from, to);
        const auto ics = io::schedule_to_icalendar(s, from, to);
        CHECK(libical_occurrences(ics, sys_days{from} - days{1}, sys_days{to} + days{1}) == iopcare_occurrences(x));
        CHECK(x.sessions.size() == 11);  // 4 weeks x 3 days, less the closed Thursday
    }
}

// Occurrences at local times a DST change skips or repeats. A reader resolves such a time by its
// own rule (RFC 5545: the offset before a gap, the first of two repeated instants; libical 3.0:
// the later instant of a repeat, and its RRULE iterator turns a skipped 02:30 into 03:30 for that
// and every later occurrence of the series), so the export writes each one at the instant
// iopcare's dst_policy gives, in UTC, and restarts the series after a gap. The expectations
// below are worked out by hand: New York is UTC-5 (EST) until 2026-03-08 07:00Z, UTC-4 (EDT)
// until 2026-11-01 06:00Z, then UTC-5 again.

namespace {

// A weekly Sunday session at hh:mm, one hour long, in New York.
program sunday_night(int hour, int minute) {
    program p;
    p.name = "Night owls";
    p.level = "2.1";
    p.zone = time_zone::locate("America/New_York");
    p.phases.push_back(program_phase{"core", 0, {line({Sunday}, hour, minute, 60, "group_therapy", "night", 8)}});
    return p;
}

using occurrence_set = std::multiset<std::pair<std::int64_t, std::int64_t>>;

// The spring case: patient 1 at the 02:30 Sunday group for the five Sundays 02-22 .. 03-22.
const year_month_day spring_from = year{2026} / February / 22;
const year_month_day spring_to = year{2026} / March / 29;
schedule spring_schedule(program p) {
    schedule s(std::move(p));
    s.enroll(admit(1, spring_from, 5, "night"));
    return s;
}
// Its four Sundays that are not the gap: 02:30 EST (07:30Z) on 02-22 and 03-01, 02:30 EDT
// (06:30Z) on 03-15 and 03-22.
const occurrence_set spring_outside_gap = {{utc(2026, 2, 22, 7, 30), 60}, {utc(2026, 3, 1, 7, 30), 60},
                                           {utc(2026, 3, 15, 6, 30), 60}, {utc(2026, 3, 22, 6, 30), 60}};

// What libical expands from the calendar, from the day before `from` to a week after `to`.
occurrence_set libical_around(const std::string& ics, year_month_day from, year_month_day to) {
    return libical_occurrences(ics, sys_days{from} - days{1}, sys_days{to} + days{7});
}

bool contains(const std::vector<std::string>& lines, const std::string& l) {
    return std::find(lines.begin(), lines.end(), l) != lines.end();
}

}  // namespace

TEST_CASE("a Sunday 02:30 session across the March 2026 gap round-trips under each policy",
          "[io][icalendar][libical][dst]") {
    schedule s = spring_schedule(sunday_night(2, 30));
    const year_month_day from = spring_from, to = spring_to;
    // Five Sundays: four outside the gap (spring_outside_gap). 02:30 on 03-08 does not exist
    // (02:00 EST jumps to 03:00 EDT at 07:00Z): shift_forward moves it by the gap to 03:30 EDT
    // = 07:30Z; earliest and latest take the transition instant 07:00Z (03:00 EDT); skip drops
    // it, leaving four.
    const std::vector<std::pair<dst_policy, std::optional<std::int64_t>>> cases = {
        {dst_policy::shift_forward, utc(2026, 3, 8, 7, 30)},
        {dst_policy::earliest, utc(2026, 3, 8, 7)},
        {dst_policy::latest, utc(2026, 3, 8, 7)},
        {dst_policy::skip, std::nullopt},
    };
    for (const auto& [policy, gap_instant] : cases) {
        CAPTURE(std::string(to_string(policy)));
        occurrence_set expected = spring_outside_gap;
        if (gap_instant) expected.emplace(*gap_instant, 60);
        io::icalendar_options o;
        o.policy = policy;
        const auto ics = io::schedule_to_icalendar(s, from, to, o);
        const auto x = s.expand(from, to, policy);
        CHECK(iopcare_occurrences(x) == expected);
        CHECK(x.sessions.size() == (gap_instant ? 5u : 4u));
        CHECK(libical_around(ics, from, to) == expected);
    }
}

TEST_CASE("a Sunday 01:30 session across the November 2026 overlap round-trips under each policy",
          "[io][icalendar][libical][dst]") {
    schedule s(sunday_night(1, 30));
    s.enroll(admit(1, year{2026} / October / 18, 4, "night"));  // Sundays 10-18 .. 11-08
    const year_month_day from = year{2026} / October / 18;
    const year_month_day to = year{2026} / November / 15;
    // Four Sundays. 01:30 EDT on 10-18 and 10-25 is 05:30Z; 01:30 EST on 11-08 is 06:30Z.
    // 01:30 on 11-01 happens twice: 05:30Z (EDT) and 06:30Z (EST). latest takes the second;
    // earliest, shift_forward and skip take the first (skip drops only skipped times).
    const std::vector<std::pair<dst_policy, std::int64_t>> cases = {
        {dst_policy::earliest, utc(2026, 11, 1, 5, 30)},
        {dst_policy::latest, utc(2026, 11, 1, 6, 30)},
        {dst_policy::shift_forward, utc(2026, 11, 1, 5, 30)},
        {dst_policy::skip, utc(2026, 11, 1, 5, 30)},
    };
    for (const auto& [policy, repeated] : cases) {
        CAPTURE(std::string(to_string(policy)));
        const occurrence_set expected = {{utc(2026, 10, 18, 5, 30), 60}, {utc(2026, 10, 25, 5, 30), 60},
                                         {repeated, 60}, {utc(2026, 11, 8, 6, 30), 60}};
        io::icalendar_options o;
        o.policy = policy;
        const auto ics = io::schedule_to_icalendar(s, from, to, o);
        CHECK(iopcare_occurrences(s.expand(from, to, policy)) == expected);
        CHECK(libical_around(ics, from, to) == expected);
        // One series with the repeated time excluded, and that occurrence on its own in UTC.
        const auto lines = lines_of(ics);
        auto has = [&](const std::string& l) { return contains(lines, l); };
        CHECK(has("UID:night-owls-p1-ph0-l0@iopcare.invalid"));
        CHECK(has("RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=SU;COUNT=4"));
        CHECK(has("EXDATE;TZID=America/New_York:20261101T013000"));
        CHECK(has("UID:night-owls-p1-ph0-l0-20261101@iopcare.invalid"));
        CHECK(has(policy == dst_policy::latest ? "DTSTART:20261101T063000Z" : "DTSTART:20261101T053000Z"));
        CHECK(std::count(lines.begin(), lines.end(), "BEGIN:VEVENT") == 2);
    }
}

TEST_CASE("under the skip policy a skipped occurrence is not in the calendar", "[io][icalendar][libical][dst]") {
    schedule s = spring_schedule(sunday_night(2, 30));
    const year_month_day from = spring_from, to = spring_to;
    io::icalendar_options o;
    o.policy = dst_policy::skip;
    const auto ics = io::schedule_to_icalendar(s, from, to, o);
    const auto lines = lines_of(ics);
    // Two series, 02-22 and 03-01, then 03-15 and 03-22; nothing on 03-08: no EXDATE, no event
    // of its own. The only lines naming 2026-03-08 are the VTIMEZONE's change and the second
    // series' UID.
    const std::vector<std::string> first = {
        "UID:night-owls-p1-ph0-l0@iopcare.invalid",
        "DTSTAMP:20260222T000000Z",
        "DTSTART;TZID=America/New_York:20260222T023000",
        "DURATION:PT1H",
        "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=SU;COUNT=2",
    };
    const std::vector<std::string> second = {
        "UID:night-owls-p1-ph0-l0-after-20260308@iopcare.invalid",
        "DTSTAMP:20260222T000000Z",
        "DTSTART;TZID=America/New_York:20260315T023000",
        "DURATION:PT1H",
        "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=SU;COUNT=2",
    };
    CHECK(std::search(lines.begin(), lines.end(), first.begin(), first.end()) != lines.end());
    CHECK(std::search(lines.begin(), lines.end(), second.begin(), second.end()) != lines.end());
    CHECK(std::count(lines.begin(), lines.end(), "BEGIN:VEVENT") == 2);
    std::vector<std::string> naming;
    std::copy_if(lines.begin(), lines.end(), std::back_inserter(naming),
                 [](const std::string& l) { return l.find("20260308") != std::string::npos; });
    CHECK(naming == std::vector<std::string>{"DTSTART:20260308T020000",
                                             "UID:night-owls-p1-ph0-l0-after-20260308@iopcare.invalid"});
    CHECK(std::none_of(lines.begin(), lines.end(), [](const std::string& l) { return l.rfind("EXDATE", 0) == 0; }));

    const auto x = s.expand(from, to, dst_policy::skip);
    REQUIRE(x.skipped.size() == 1);
    CHECK(x.skipped[0] == local_seconds{local_days{year{2026} / March / 8}} + hours{2} + minutes{30});
    CHECK(libical_around(ics, from, to) == spring_outside_gap);
}

TEST_CASE("iCalendar text of a session in the spring gap, by hand", "[io][icalendar][dst]") {
    const schedule s = spring_schedule(sunday_night(2, 30));
    const auto lines = lines_of(io::schedule_to_icalendar(s, spring_from, spring_to));
    // shift_forward (the default): the series 02-22, 03-01; the series again from 03-15 (two);
    // and 03-08 on its own at 03:30 EDT = 07:30Z.
    const std::vector<std::string> expected = {
        "BEGIN:VEVENT",
        "UID:night-owls-p1-ph0-l0@iopcare.invalid",
        "DTSTAMP:20260222T000000Z",
        "DTSTART;TZID=America/New_York:20260222T023000",
        "DURATION:PT1H",
        "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=SU;COUNT=2",
        "SUMMARY:Group therapy (night)",
        "DESCRIPTION:Phase: core\\nPatient: 1",
        "CATEGORIES:group_therapy",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:night-owls-p1-ph0-l0-after-20260308@iopcare.invalid",
        "DTSTAMP:20260222T000000Z",
        "DTSTART;TZID=America/New_York:20260315T023000",
        "DURATION:PT1H",
        "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=SU;COUNT=2",
        "SUMMARY:Group therapy (night)",
        "DESCRIPTION:Phase: core\\nPatient: 1",
        "CATEGORIES:group_therapy",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:night-owls-p1-ph0-l0-20260308@iopcare.invalid",
        "DTSTAMP:20260222T000000Z",
        "DTSTART:20260308T073000Z",
        "DURATION:PT1H",
        "SUMMARY:Group therapy (night)",
        "DESCRIPTION:Phase: core\\nPatient: 1",
        "CATEGORIES:group_therapy",
        "END:VEVENT",
        "END:VCALENDAR",
    };
    REQUIRE(lines.size() >= expected.size());
    CHECK(std::vector<std::string>(lines.end() - static_cast<std::ptrdiff_t>(expected.size()), lines.end()) == expected);
}

TEST_CASE("closed, cancelled and moved occurrences at DST-edge times round-trip", "[io][icalendar][libical][dst]") {
    SECTION("a closure on the spring-forward Sunday") {
        program p = sunday_night(2, 30);
        p.closures.add_date(year{2026} / March / 8);
        const schedule s = spring_schedule(std::move(p));
        // Four Sundays: 07:30Z twice (EST), 06:30Z twice (EDT); 03-08 closed.
        CHECK(iopcare_occurrences(s.expand(spring_from, spring_to)) == spring_outside_gap);
        const auto ics = io::schedule_to_icalendar(s, spring_from, spring_to);
        CHECK(libical_around(ics, spring_from, spring_to) == spring_outside_gap);
        CHECK(ics.find("UID:night-owls-p1-ph0-l0-20260308@") == std::string::npos);
    }
    SECTION("moves out of and into the November overlap, under latest") {
        schedule s(sunday_night(1, 30));
        s.enroll(admit(1, year{2026} / October / 18, 4, "night"));
        const local_days oct18{year{2026} / October / 18};
        const local_days nov1{year{2026} / November / 1};
        // 10-18 01:30 moves to 11-01 01:15, a repeated time: latest is 01:15 EST = 06:15Z.
        s.reschedule("night", local_seconds{oct18} + hours{1} + minutes{30}, local_seconds{nov1} + hours{1} + minutes{15});
        // 11-01 01:30 (repeated) moves to 11-01 18:00 EST = 23:00Z.
        s.reschedule("night", local_seconds{nov1} + hours{1} + minutes{30}, local_seconds{nov1} + hours{18});
        // 10-25 01:30 EDT is cancelled.
        s.cancel("night", local_seconds{oct18 + days{7}} + hours{1} + minutes{30});
        const year_month_day from = year{2026} / October / 18;
        const year_month_day to = year{2026} / November / 15;
        // Left: 06:15Z and 23:00Z on 11-01, and 11-08 01:30 EST = 06:30Z.
        const occurrence_set expected = {{utc(2026, 11, 1, 6, 15), 60}, {utc(2026, 11, 1, 23), 60},
                                         {utc(2026, 11, 8, 6, 30), 60}};
        CHECK(iopcare_occurrences(s.expand(from, to, dst_policy::latest)) == expected);
        io::icalendar_options o;
        o.policy = dst_policy::latest;
        const auto ics = io::schedule_to_icalendar(s, from, to, o);
        CHECK(libical_around(ics, from, to) == expected);
        const auto lines = lines_of(ics);
        auto has = [&](const std::string& l) { return contains(lines, l); };
        // The moved first occurrence is the series' DTSTART, overridden to a UTC start.
        CHECK(has("DTSTART;TZID=America/New_York:20261018T013000"));
        CHECK(has("RECURRENCE-ID;TZID=America/New_York:20261018T013000"));
        CHECK(has("DTSTART:20261101T061500Z"));
        // The occurrence moved out of the overlap is on its own, at an ordinary local time.
        CHECK(has("UID:night-owls-p1-ph0-l0-20261101@iopcare.invalid"));
        CHECK(has("DTSTART;TZID=America/New_York:20261101T180000"));
    }
}

TEST_CASE("a calendar for a patient who is not enrolled is an error, not an empty file") {
    program p;
    p.name = "Evening IOP";
    p.level = "2.1";
    p.zone = time_zone::locate("America/New_York");
    p.phases.push_back(program_phase{"core", 0, {template_line{.days = {std::chrono::Monday}, .start = std::chrono::hours{18},
                                                               .length = std::chrono::minutes{180}, .service = "group_therapy",
                                                               .group = "evening", .capacity = 12}}});
    schedule s(p);
    s.enroll({.patient = "mrn-1", .admit = 2026y / std::chrono::March / 2d, .weeks = 2, .group = "evening", .name = "Jo Doe"});
    io::icalendar_options only;
    only.patient = patient_id{"mrn-2"};
    try {
        (void)io::schedule_to_icalendar(s, 2026y / std::chrono::March / 2d, 2026y / std::chrono::March / 16d, only);
        FAIL("no exception");
    } catch (const error& e) {
        CHECK(e.code() == errc::invalid_argument);
        CHECK(e.where() == "patient");
        CHECK(e.value() == "mrn-2");
    }
    // The enrolled patient's calendar shows the display name the host gave.
    only.patient = patient_id{"mrn-1"};
    const std::string ics = io::schedule_to_icalendar(s, 2026y / std::chrono::March / 2d, 2026y / std::chrono::March / 16d, only);
    CHECK(ics.find("Patient: Jo Doe") != std::string::npos);
    CHECK(ics.find("UID:evening-iop-pmrn-1-") != std::string::npos);
}

TEST_CASE("a calendar for a program without a time zone is an error, never UTC by default") {
    program p;
    p.name = "Evening IOP";
    p.level = "2.1";
    p.phases.push_back(program_phase{"core", 0, {template_line{.days = {std::chrono::Monday}, .start = std::chrono::hours{18},
                                                               .length = std::chrono::minutes{180}, .service = "group_therapy",
                                                               .group = "evening", .capacity = 12}}});
    schedule s(p);
    s.enroll({.patient = "mrn-1", .admit = 2026y / std::chrono::March / 2d, .weeks = 2, .group = "evening"});
    const auto r = io::try_schedule_to_icalendar(s, 2026y / std::chrono::March / 2d, 2026y / std::chrono::March / 16d);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == errc::invalid_program);
    CHECK(r.error().place.field == "zone");
    // Choosing UTC on purpose works, and the sessions are at 18:00 UTC.
    p.zone = time_zone::utc();
    schedule utc(p);
    utc.enroll({.patient = "mrn-1", .admit = 2026y / std::chrono::March / 2d, .weeks = 2, .group = "evening"});
    const auto ok = io::try_schedule_to_icalendar(utc, 2026y / std::chrono::March / 2d, 2026y / std::chrono::March / 16d);
    REQUIRE(ok.ok());
    CHECK(ok->find("DTSTART:20260302T180000Z") != std::string::npos);
}
