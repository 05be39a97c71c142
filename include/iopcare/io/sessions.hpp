/// @file
/// Text, CSV and JSON of expanded sessions and their planned weekly
/// hours. Names of any length are written in full: escaped in text (iopcare/text.hpp), quoted in
/// CSV, and in JSON with bytes that are not UTF-8 replaced by U+FFFD.
///
/// JSON: {"sessions": [{"patient", "local_start": "YYYY-MM-DDTHH:MM:SS", "utc_start": "...Z",
/// "minutes", "service", "group", "phase", "room", "facilitator"}], "weeks": [{"patient",
/// "week_start": "YYYY-MM-DD", "planned_hours"}]} (one entry per patient and Monday-to-Sunday
/// week) — these key names are a contract.
#pragma once

#include <iosfwd>
#include <string>

#include "iopcare/io/export.hpp"
#include "iopcare/schedule.hpp"

namespace iopcare::io {

/// The report `iopcare schedule` prints: the program, the hour band of its level, each
/// patient's planned hours per Monday-to-Sunday week (flagged outside the band), every session
/// with its local time and zone abbreviation, and the occurrences a skip policy dropped.
/// `from` and `weeks` describe the range expanded, for the title.
[[nodiscard]] IOPCARE_IO_API std::string sessions_to_text(const schedule& s, const expansion& x,
                                                       std::chrono::year_month_day from, unsigned weeks);
/// One header line, then one line per session; names are quoted when they need it.
[[nodiscard]] IOPCARE_IO_API std::string sessions_to_csv(const schedule& s, const expansion& x);
/// The text of sessions_to_csv() written to `out` as it is made, a block at a time, so that
/// nothing proportional to the schedule is held beside the expansion (a year of 10,000
/// patients is 165 MB of CSV).
IOPCARE_IO_API void write_sessions_csv(std::ostream& out, const schedule& s, const expansion& x);
/// The sessions as JSON: {"sessions": [{patient, local_start, utc_start, minutes, service,
/// phase, group, room, facilitator}], "weeks": [{patient, week_start, planned_hours}]}; a
/// session without a group, room or facilitator leaves that key out.
[[nodiscard]] IOPCARE_IO_API std::string sessions_to_json(const schedule& s, const expansion& x);

}  // namespace iopcare::io
