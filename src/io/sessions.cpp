// CSV and JSON export of expanded sessions.
#include "iopcare/io/sessions.hpp"

#include "iopcare/io/csv.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace iopcare::io {

namespace {

using namespace std::chrono;

std::string stamp(seconds since_epoch, bool utc) {
    const auto d = floor<days>(since_epoch);
    const year_month_day ymd{sys_days{d}};
    const hh_mm_ss t{since_epoch - d};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%s", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(t.hours().count()), static_cast<int>(t.minutes().count()),
                  static_cast<int>(t.seconds().count()), utc ? "Z" : "");
    return buf;
}

std::string name_or_empty(const schedule& s, std::uint16_t i) { return i == no_index ? std::string{} : s.name(i); }

}  // namespace

std::string sessions_to_csv(const schedule& s, const expansion& x) {
    std::string out = "patient,local_start,utc_start,minutes,service,group,phase,room,facilitator\r\n";
    out.reserve(x.sessions.size() * 96);
    for (const auto& v : x.sessions) {
        out += std::to_string(v.patient.value) + ',' + stamp(v.local_start.time_since_epoch(), false) + ',' +
               stamp(v.utc_start.time_since_epoch(), true) + ',' + std::to_string(v.length.count()) + ',' +
               csv_field(name_or_empty(s, v.service)) + ',' + csv_field(name_or_empty(s, v.group)) + ',' +
               std::to_string(v.phase) + ',' + csv_field(name_or_empty(s, v.room)) + ',' +
               csv_field(name_or_empty(s, v.facilitator)) + "\r\n";
    }
    return out;
}

std::string sessions_to_json(const schedule& s, const expansion& x) {
    nlohmann::ordered_json sessions = nlohmann::ordered_json::array();
    for (const auto& v : x.sessions) {
        nlohmann::ordered_json j{{"patient", v.patient.value},
                         {"local_start", stamp(v.local_start.time_since_epoch(), false)},
                         {"utc_start", stamp(v.utc_start.time_since_epoch(), true)},
                         {"minutes", v.length.count()},
                         {"service", name_or_empty(s, v.service)},
                         {"phase", v.phase}};
        if (v.group != no_index) j["group"] = s.name(v.group);
        if (v.room != no_index) j["room"] = s.name(v.room);
        if (v.facilitator != no_index) j["facilitator"] = s.name(v.facilitator);
        sessions.push_back(std::move(j));
    }
    nlohmann::ordered_json weeks = nlohmann::ordered_json::array();
    // Planned hours per patient and Monday-to-Sunday week (sessions are ordered by patient).
    for (std::size_t b = 0; b < x.sessions.size();) {
        std::size_t e = b;
        while (e < x.sessions.size() && x.sessions[e].patient == x.sessions[b].patient) ++e;
        const std::vector<session> one(x.sessions.begin() + static_cast<std::ptrdiff_t>(b),
                                       x.sessions.begin() + static_cast<std::ptrdiff_t>(e));
        for (const auto& w : weekly_minutes(one)) {
            weeks.push_back({{"patient", x.sessions[b].patient.value},
                             {"week_start", stamp(w.week_start.time_since_epoch(), false).substr(0, 10)},
                             {"planned_hours", static_cast<double>(w.planned.count()) / 60.0}});
        }
        b = e;
    }
    return nlohmann::ordered_json{{"sessions", std::move(sessions)}, {"weeks", std::move(weeks)}}.dump(2);
}

}  // namespace iopcare::io
