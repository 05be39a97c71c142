/// @file
/// A schedule as an iCalendar file (RFC 5545).
/// Part of the optional iopcare::io target.
///
/// Each enrolled patient's template lines become recurring events: per phase and template line
/// (and per extra individual session) one VEVENT with `DTSTART;TZID=ZONE` at the local start,
/// DURATION, an RRULE (FREQ=WEEKLY;BYDAY=...;COUNT=n), EXDATE;TZID for closed days and cancelled
/// occurrences, and one overriding VEVENT with RECURRENCE-ID per rescheduled occurrence. The
/// zone goes in a VTIMEZONE built from the zone's transitions around the range. A calendar
/// application that reads the file shows the sessions schedule::expand() gives, at the same
/// wall-clock times across daylight-saving changes.
///
/// An occurrence whose local start a DST change skips (02:30 on a spring-forward night) or
/// repeats (01:30 on a fall-back night) is not left to the reader, which would resolve it by its
/// own rule rather than by the dst_policy: it is taken out of the series and written as a VEVENT
/// of its own, UID "<series>-YYYYMMDD@<domain>", with DTSTART at the policy's instant in UTC
/// ("...Z"); under dst_policy::skip it is simply absent. A repeated time is an EXDATE in the
/// series; at a skipped time the series ends and resumes in a new VEVENT, UID
/// "<series>-after-YYYYMMDD@<domain>", since some readers (libical 3.0) expand an RRULE wrongly
/// once it has met a skipped time. A move to a skipped or repeated time gets a UTC DTSTART too.
///
/// The output is deterministic: UIDs are built from the program, patient, phase and line; the
/// DTSTAMP is the option's (by default the range's first day at 00:00 UTC). Lines end in CRLF and
/// are folded at 75 octets, as RFC 5545 requires.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "iopcare/io/export.hpp"
#include "iopcare/schedule.hpp"

namespace iopcare::io {

/// Options of the iCalendar export.
struct icalendar_options {
    std::optional<patient_id> patient;           ///< only this patient's sessions
    std::optional<sys_seconds> stamp;            ///< DTSTAMP; default: the first day at 00:00Z
    std::string uid_domain = "iopcare.invalid";  ///< the part of each UID after '@'
    /// How local times a DST change skips or repeats were resolved in the expansion (pass the
    /// policy given to schedule::expand): such occurrences are written at the instant it gives,
    /// left out under skip; under error one of them throws, as expand() does.
    dst_policy policy = dst_policy::shift_forward;
};

/// The sessions of days in [from, to), as a VCALENDAR. Throws what schedule::expand() throws,
/// and errc::limit_exceeded past the schedule's max_sessions().
/// Non-throwing form: try_schedule_to_icalendar().
[[nodiscard]] IOPCARE_IO_API std::string schedule_to_icalendar(const schedule& s, std::chrono::year_month_day from,
                                                            std::chrono::year_month_day to,
                                                            const icalendar_options& options = {});
/// Non-throwing form of schedule_to_icalendar.
[[nodiscard]] IOPCARE_IO_API result<std::string> try_schedule_to_icalendar(const schedule& s, std::chrono::year_month_day from,
                                                                         std::chrono::year_month_day to,
                                                                         const icalendar_options& options = {}) noexcept;

/// Helpers, public for hosts that write their own components.
/// Escapes TEXT values: backslash, semicolon, comma and newlines.
[[nodiscard]] IOPCARE_IO_API std::string icalendar_escape(std::string_view text);
/// Folds one content line (without its CRLF) into lines of at most 75 octets, never splitting
/// a UTF-8 sequence; returns it with CRLF line ends.
[[nodiscard]] IOPCARE_IO_API std::string icalendar_fold(std::string_view line);

}  // namespace iopcare::io
