// iopcare/io/icalendar.hpp — a schedule as an iCalendar file (RFC 5545).
// Part of the optional iopcare::io target.
//
// Each enrolled patient's template lines become recurring events: per phase and template line
// (and per extra individual session) one VEVENT with DTSTART;TZID=<zone> at the local start,
// DURATION, an RRULE (FREQ=WEEKLY;BYDAY=...;COUNT=n), EXDATE;TZID for closed days and cancelled
// occurrences, and one overriding VEVENT with RECURRENCE-ID per rescheduled occurrence. The
// zone goes in a VTIMEZONE built from the zone's transitions around the range. A calendar
// application that reads the file shows the sessions schedule::expand() gives, at the same
// wall-clock times across daylight-saving changes.
//
// The output is deterministic: UIDs are built from the program, patient, phase and line; the
// DTSTAMP is the option's (by default the range's first day at 00:00 UTC). Lines end in CRLF and
// are folded at 75 octets, as RFC 5545 requires.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "iopcare/detail/export.hpp"
#include "iopcare/schedule.hpp"

namespace iopcare::io {

struct icalendar_options {
    std::optional<patient_id> patient;           // only this patient's sessions
    std::optional<sys_seconds> stamp;            // DTSTAMP; default: the first day at 00:00Z
    std::string uid_domain = "iopcare.invalid";  // the part of each UID after '@'
    // How local times a DST change skips were resolved in the expansion; under skip they are
    // excluded (EXDATE) so the calendar shows what iopcare scheduled.
    dst_policy policy = dst_policy::shift_forward;
};

// The sessions of days in [from, to), as a VCALENDAR.
[[nodiscard]] IOPCARE_API std::string schedule_to_icalendar(const schedule& s, std::chrono::year_month_day from,
                                                            std::chrono::year_month_day to,
                                                            const icalendar_options& options = {});

// Helpers, public for hosts that write their own components.
// Escapes TEXT values: backslash, semicolon, comma and newlines.
[[nodiscard]] IOPCARE_API std::string icalendar_escape(std::string_view text);
// Folds one content line (without its CRLF) into lines of at most 75 octets, never splitting
// a UTF-8 sequence; returns it with CRLF line ends.
[[nodiscard]] IOPCARE_API std::string icalendar_fold(std::string_view line);

}  // namespace iopcare::io
