// Text, CSV and JSON export of expanded sessions.
#include "iopcare/io/sessions.hpp"

#include <algorithm>
#include <charconv>
#include <ostream>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "detail/iso_time.hpp"
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

// Appends sessions as CSV rows. A year of a large program is a million rows sharing a few dozen
// names, so each name's field is made once, and a patient's field once for its run of rows (an
// expansion keeps a patient's sessions together).
class csv_rows {
public:
    explicit csv_rows(const schedule& s) : s_(s) {}

    void append(std::string& out, const session& v) {
        out += patient_field(v.patient);
        out += ',';
        append_time(out, sys_seconds{v.local_start.time_since_epoch()}, false);
        out += ',';
        append_time(out, v.utc_start, true);
        out += ',';
        append_number(out, v.length.count());
        out += ',';
        out += name_field(v.service);
        out += ',';
        out += name_field(v.group);
        out += ',';
        append_number(out, v.phase);
        out += ',';
        out += name_field(v.room);
        out += ',';
        out += name_field(v.facilitator);
        out += "\r\n";
    }

private:
    static void append_time(std::string& out, sys_seconds t, bool utc) {
        char digits[20];
        char* end = iopcare::detail::iso_datetime_chars(digits, t);
        if (end == nullptr) {
            out += utc ? format_utc(t) : format_local(local_seconds{t.time_since_epoch()});
            return;
        }
        if (utc) *end++ = 'Z';
        out.append(digits, end);
    }

    static void append_number(std::string& out, long long n) {
        char digits[24];
        out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
    }

    const std::string& patient_field(const patient_id& p) {
        if (!have_patient_ || p != patient_) {
            patient_ = p;
            patient_text_ = csv_field(p.str());
            have_patient_ = true;
        }
        return patient_text_;
    }

    const std::string& name_field(std::uint16_t i) {
        if (i == no_index) return none_;
        if (i >= names_.size()) names_.resize(std::size_t{i} + 1);
        auto& field = names_[i];
        if (!field) field = csv_field(s_.name(i));
        return *field;
    }

    const schedule& s_;
    std::vector<std::optional<std::string>> names_;
    const std::string none_;
    patient_id patient_;
    std::string patient_text_;
    bool have_patient_ = false;
};

constexpr std::string_view csv_header = "patient,local_start,utc_start,minutes,service,group,phase,room,facilitator\r\n";

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
    std::ostringstream out;
    write_sessions_csv(out, s, x);
    return std::move(out).str();
}

void write_sessions_csv(std::ostream& os, const schedule& s, const expansion& x) {
    constexpr std::size_t block = std::size_t{1} << 20;
    std::string out(csv_header);
    out.reserve(block + 4096);
    csv_rows rows(s);
    for (const auto& v : x.sessions) {
        rows.append(out, v);
        if (out.size() >= block) {
            os.write(out.data(), static_cast<std::streamsize>(out.size()));
            out.clear();
        }
    }
    os.write(out.data(), static_cast<std::streamsize>(out.size()));
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
