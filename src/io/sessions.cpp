// Text, CSV and JSON export of expanded sessions.
#include "iopcare/io/sessions.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "detail/text.hpp"
#include "io/json_writer.hpp"
#include "iopcare/catalog.hpp"
#include "iopcare/text.hpp"

namespace iopcare::io {

namespace {

using namespace std::chrono;
using iopcare::detail::printf_string;
using detail::json_array_writer;
using detail::json_value;

std::string name_or_empty(const schedule& s, std::uint16_t i) { return i == no_index ? std::string{} : s.name(i); }

// Planned hours per patient and Monday-to-Sunday week (sessions are ordered by patient).
void write_weeks(json_array_writer& weeks, const expansion& x) {
    for (std::size_t b = 0; b < x.sessions.size();) {
        std::size_t e = b;
        while (e < x.sessions.size() && x.sessions[e].patient == x.sessions[b].patient) ++e;
        const std::vector<session> one(x.sessions.begin() + static_cast<std::ptrdiff_t>(b),
                                       x.sessions.begin() + static_cast<std::ptrdiff_t>(e));
        for (const auto& w : weekly_minutes(one)) {
            weeks.begin_object();
            weeks.member("patient", json_value(x.sessions[b].patient.str()));
            weeks.member("week_start", json_value(format_date(year_month_day{sys_days{w.week_start.time_since_epoch()}})));
            weeks.member("planned_hours", json_value(static_cast<double>(w.planned.count()) / 60.0));
            weeks.end_object();
        }
        b = e;
    }
}

// The patients of an expansion in enrollment order, each with its sessions (the expansion
// keeps each patient's sessions together).
std::vector<std::pair<patient_id, std::vector<session>>> by_patient(const expansion& x) {
    std::vector<std::pair<patient_id, std::vector<session>>> out;
    for (const auto& v : x.sessions) {
        if (out.empty() || out.back().first != v.patient) out.emplace_back(v.patient, std::vector<session>{});
        out.back().second.push_back(v);
    }
    return out;
}

// "patient 1 (evening)" and the planned hours of each week, flagged against the band.
std::string patient_weeks(const schedule& s, const patient_id& patient, const std::vector<session>& list,
                          const std::optional<hour_band>& band) {
    std::vector<std::uint16_t> groups;
    for (const auto& v : list) {
        if (v.group != no_index && std::find(groups.begin(), groups.end(), v.group) == groups.end()) groups.push_back(v.group);
    }
    std::string out = "\npatient " + escape_text(patient.str());
    for (std::size_t i = 0; i < groups.size(); ++i) out += (i == 0 ? " (" : ", ") + escape_text(s.name(groups[i]));
    out += groups.empty() ? "\n" : ")\n";
    for (const auto& w : weekly_minutes(list)) {
        std::string flag;
        if (band && band->below(w.planned)) flag = "  below the band";
        if (band && band->above(w.planned)) flag = "  above the band";
        out += "  week of " + format_date(year_month_day{sys_days{w.week_start.time_since_epoch()}}) + "  " +
               printf_string("%.2f h", static_cast<double>(w.planned.count()) / 60.0) + flag + "\n";
    }
    return out;
}

std::string session_row(const schedule& s, const time_zone& zone, const session& v) {
    const std::string local = format_local(v.local_start);
    return printf_string("  %s %s %-5s %4lld min  %-22s %-12s patient %s\n", local.substr(0, 10).c_str(),
                         local.substr(11, 5).c_str(), escape_text(zone.abbreviation(v.utc_start)).c_str(),
                         static_cast<long long>(v.length.count()), escape_text(s.name(v.service)).c_str(),
                         v.group == no_index ? "-" : escape_text(s.name(v.group)).c_str(), escape_text(v.patient.str()).c_str());
}

}  // namespace

std::string sessions_to_text(const schedule& s, const expansion& x, year_month_day from, unsigned weeks) {
    const program& p = s.prog();
    std::string out = printf_string("%s (level %s, %s, %s): %zu sessions in %u weeks from %s\n",
                                    escape_text(p.name).c_str(), escape_text(p.level).c_str(),
                                    std::string(to_string(p.population)).c_str(),
                                    p.zone ? escape_text(p.zone->name()).c_str() : "UTC", x.sessions.size(), weeks,
                                    format_date(from).c_str());
    const care_level* level = catalog::asam3().find(p.level);
    const std::optional<hour_band> band = level ? level->hours_for(p.population) : std::nullopt;
    if (band) out += "hour band of level " + escape_text(p.level) + ": " + band->describe() + "\n";
    for (const auto& [patient, list] : by_patient(x)) out += patient_weeks(s, patient, list, band);
    out += "\nsessions (local time, zone abbreviation)\n";
    const time_zone zone = p.zone ? *p.zone : time_zone::utc();
    for (const auto& v : x.sessions) out += session_row(s, zone, v);
    if (!x.skipped.empty()) {
        out += "\nskipped (local times that do not exist, under --dst-policy skip)\n";
        for (std::size_t i = 0; i < x.skipped.size(); ++i) {
            out += "  " + format_local(x.skipped[i]) + "  patient " + escape_text(x.skipped_patients[i].str()) + "\n";
        }
    }
    return out;
}

std::string sessions_to_csv(const schedule& s, const expansion& x) {
    std::string out = "patient,local_start,utc_start,minutes,service,group,phase,room,facilitator\r\n";
    out.reserve(x.sessions.size() * 96);
    for (const auto& v : x.sessions) {
        out += csv_field(v.patient.str()) + ',' + format_local(v.local_start) + ',' +
               format_utc(v.utc_start) + ',' + std::to_string(v.length.count()) + ',' +
               csv_field(name_or_empty(s, v.service)) + ',' + csv_field(name_or_empty(s, v.group)) + ',' +
               std::to_string(v.phase) + ',' + csv_field(name_or_empty(s, v.room)) + ',' +
               csv_field(name_or_empty(s, v.facilitator)) + "\r\n";
    }
    return out;
}

std::string sessions_to_json(const schedule& s, const expansion& x) {
    std::string out = "{\n";
    out.reserve(x.sessions.size() * 280);
    json_array_writer sessions(out, "sessions", false);
    for (const auto& v : x.sessions) {
        sessions.begin_object();
        sessions.member("patient", json_value(v.patient.str()));
        sessions.member("local_start", json_value(format_local(v.local_start)));
        sessions.member("utc_start", json_value(format_utc(v.utc_start)));
        sessions.member("minutes", std::to_string(v.length.count()));
        sessions.member("service", json_value(name_or_empty(s, v.service)));
        sessions.member("phase", std::to_string(v.phase));
        if (v.group != no_index) sessions.member("group", json_value(s.name(v.group)));
        if (v.room != no_index) sessions.member("room", json_value(s.name(v.room)));
        if (v.facilitator != no_index) sessions.member("facilitator", json_value(s.name(v.facilitator)));
        sessions.end_object();
    }
    sessions.finish();
    json_array_writer weeks(out, "weeks", true);
    write_weeks(weeks, x);
    weeks.finish();
    out += "}";
    return out;
}

}  // namespace iopcare::io
