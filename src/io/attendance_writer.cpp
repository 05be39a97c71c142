// The iopcare.attendance/1 writer (iopcare/io/attendance.hpp): the loader's format, written.
#include "iopcare/io/attendance.hpp"

#include "io/json_writer.hpp"

namespace iopcare::io {

namespace {

using namespace std::chrono;
using detail::json_array_writer;
using detail::json_value;

std::string whole_minutes(seconds s) { return std::to_string(duration_cast<minutes>(s).count()); }

void write_records(std::string& out, const attendance_log& log, bool last) {
    json_array_writer records(out, "records", last);
    for (const auto& r : log.records) {
        records.begin_object();
        records.member("patient", json_value(r.patient.str()));
        records.member("service", json_value(r.service));
        records.member("start", json_value(to_string(r.start)));
        records.member("minutes", whole_minutes(r.scheduled));
        records.member("status", json_value(std::string(to_string(r.status))));
        if (r.status == attendance_status::partial) records.member("attended_minutes", whole_minutes(r.attended));
        records.end_object();
    }
    records.finish();
}

void write_enrollments(std::string& out, const attendance_log& log, bool last) {
    json_array_writer enrollments(out, "enrollments", last);
    for (const auto& e : log.enrollments) {
        enrollments.begin_object();
        enrollments.member("patient", json_value(e.patient.str()));
        if (!e.level.empty()) enrollments.member("level", json_value(e.level));
        if (!e.name.empty()) enrollments.member("name", json_value(e.name));
        enrollments.member("admitted", json_value(format_date(e.admitted)));
        if (e.discharged) enrollments.member("discharged", json_value(format_date(*e.discharged)));
        if (e.step_down) enrollments.member("step_down", json_value(format_date(*e.step_down)));
        enrollments.end_object();
    }
    enrollments.finish();
}

void write_certifications(std::string& out, const attendance_log& log, bool last) {
    json_array_writer certifications(out, "certifications", last);
    for (const auto& c : log.certifications) {
        certifications.begin_object();
        certifications.member("patient", json_value(c.patient.str()));
        certifications.member("date", json_value(format_date(c.date)));
        certifications.end_object();
    }
    certifications.finish();
}

}  // namespace

std::string attendance_to_json(const attendance_log& log, const time_zone& zone) {
    std::string out = "{\n  \"format\": \"iopcare.attendance/1\",\n  \"timezone\": " + json_value(zone.name()) + ",\n";
    out.reserve(out.size() + log.records.size() * 160);
    const bool certs = !log.certifications.empty();
    const bool closed = !log.closures.empty();
    write_records(out, log, log.enrollments.empty() && !certs && !closed);
    if (!log.enrollments.empty()) write_enrollments(out, log, !certs && !closed);
    if (certs) write_certifications(out, log, !closed);
    if (closed) {
        out += "  \"closures\": [";
        for (std::size_t i = 0; i < log.closures.size(); ++i)
            out += (i == 0 ? "" : ", ") + json_value(format_date(log.closures[i]));
        out += "]\n";
    }
    out += "}\n";
    return out;
}

}  // namespace iopcare::io
