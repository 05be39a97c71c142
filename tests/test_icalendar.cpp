// iCalendar export: the exact text of a small calendar worked out by hand, line folding and
// escaping, and a round trip through a real parser (libical): the occurrences libical expands
// from the file must be the sessions iopcare generated, across DST changes, closures,
// cancellations and a rescheduled session.
#include "catch.hpp"

#include <algorithm>
#include <ctime>
#include <map>
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
    e.patient = patient_id{id};
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
