// iopcare/io/sessions.hpp — CSV and JSON of expanded sessions and their planned weekly hours.
//
// JSON: {"sessions": [{"patient", "local_start": "YYYY-MM-DDTHH:MM:SS", "utc_start": "...Z",
// "minutes", "service", "group", "phase", "room", "facilitator"}], "weeks": [{"patient",
// "week_start": "YYYY-MM-DD", "planned_hours"}]} (one entry per patient and Monday-to-Sunday
// week) — these key names are a contract.
#pragma once

#include <string>

#include "iopcare/detail/export.hpp"
#include "iopcare/schedule.hpp"

namespace iopcare::io {

// One header line, then one line per session; names are quoted when they need it.
[[nodiscard]] IOPCARE_API std::string sessions_to_csv(const schedule& s, const expansion& x);
[[nodiscard]] IOPCARE_API std::string sessions_to_json(const schedule& s, const expansion& x);

}  // namespace iopcare::io
