// The iopcare.attendance/1 loader (its CSV form: attendance_csv.cpp).
#include "iopcare/io/attendance.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <unordered_set>
#include <vector>

#include "iopcare/io/continuum_json.hpp"
#include "iopcare/text.hpp"
#include "io/attendance_common.hpp"
#include "io/json_reader.hpp"

namespace iopcare::io {

namespace {

using detail::json;
using detail::object_reader;
using namespace std::chrono;

using detail::max_minutes;
using detail::minutes_range;

record_start read_start(const std::string& text, const std::string& where) {
    const auto t = parse_iso_datetime(text);
    if (!t) {
        throw error(errc::invalid_date, where, text,
                    "expected a date-time as YYYY-MM-DDTHH:MM:SS, optionally ending in Z or an offset like -05:00");
    }
    return to_record_start(*t);
}

attendance_status read_status(const std::string& text, const std::string& where) {
    const auto s = parse_attendance_status(text);
    if (!s) {
        throw error(errc::invalid_argument, where, text,
                    "expected one of attended, partial, absent, excused, cancelled");
    }
    return *s;
}

minutes read_minutes(const json& v, const std::string& where) {
    return minutes{object_reader::as_integer(v, where, -max_minutes, max_minutes, errc::invalid_argument, minutes_range)};
}

patient_id read_patient(object_reader& r) { return detail::as_patient(r.require("patient"), r.path_of("patient")); }

time_zone read_zone(const std::string& name, const std::string& where) {
    auto z = time_zone::try_locate(name);
    if (!z) {
        throw error(errc::unknown_time_zone, where, name,
                    "not an IANA time-zone name in the system's tzdata, nor a POSIX TZ string");
    }
    return *z;
}

// The optional step-down date of an enrollment: within the stay.
std::optional<year_month_day> read_step_down(object_reader& er, const enrollment_period& e) {
    const json* d = er.find("step_down");
    if (!d || d->is_null()) return std::nullopt;
    const auto date = detail::as_date(*d, er.path_of("step_down"));
    const bool after_discharge = e.discharged && sys_days{date} > sys_days{*e.discharged};
    if (sys_days{date} < sys_days{e.admitted} || after_discharge) {
        throw error(errc::invalid_argument, er.path_of("step_down"), format_date(date),
                    "the step-down date is outside the stay " + format_date(e.admitted) + " to " +
                        (e.discharged ? format_date(*e.discharged) : std::string("(open)")));
    }
    return date;
}

}  // namespace

namespace {

// The "enrollments" array: one per patient, each stay in order.
std::vector<enrollment_period> read_enrollments(const json& es) {
    std::unordered_set<patient_id> seen;  // a scan per enrollment would be quadratic
    std::vector<enrollment_period> out;
    out.reserve(es.size());
    for (std::size_t i = 0; i < es.size(); ++i) {
        object_reader er(es[i], "/enrollments/" + std::to_string(i));
        enrollment_period e;
        e.patient = read_patient(er);
        e.level = er.optional_string("level").value_or("");
        e.name = er.optional_string("name").value_or("");
        e.admitted = detail::as_date(er.require("admitted"), er.path_of("admitted"));
        if (const json* d = er.find("discharged"); d && !d->is_null()) {
            e.discharged = detail::as_date(*d, er.path_of("discharged"));
            if (sys_days{*e.discharged} < sys_days{e.admitted}) {
                throw error(errc::invalid_argument, er.path_of("discharged"), format_date(*e.discharged),
                            "the discharge date is before the admission date " + format_date(e.admitted));
            }
        }
        e.step_down = read_step_down(er, e);
        if (!seen.insert(e.patient).second) {
            throw error(errc::invalid_argument, er.path_of("patient"), e.patient.str(),
                        "this patient already has an enrollment (one per patient)");
        }
        er.finish();
        out.push_back(std::move(e));
    }
    return out;
}

// Every file, through the document tree: its errors are the reader's contract.
attendance_file read_attendance_tree(std::string_view json_text, std::string_view source) {
    const json doc = detail::parse(json_text, source);
    object_reader r(doc, "");
    r.expect_format("iopcare.attendance/1");
    attendance_file out;
    out.zone = read_zone(r.string("timezone"), r.path_of("timezone"));
    const json& records = r.array("records");
    out.log.records.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        object_reader rr(records[i], "/records/" + std::to_string(i));
        attendance_record rec;
        rec.patient = read_patient(rr);
        rec.service = rr.string("service");
        rec.start = read_start(rr.string("start"), rr.path_of("start"));
        rec.scheduled = read_minutes(rr.require("minutes"), rr.path_of("minutes"));
        rec.status = read_status(rr.string("status"), rr.path_of("status"));
        if (const json* a = rr.find("attended_minutes")) {
            if (rec.status != attendance_status::partial) {
                throw error(errc::invalid_argument, rr.path_of("attended_minutes"), detail::show(*a),
                            "attended_minutes is for records with status \"partial\"");
            }
            rec.attended = read_minutes(*a, rr.path_of("attended_minutes"));
        } else if (rec.status == attendance_status::partial) {
            throw error(errc::missing_field, rr.path_of("attended_minutes"), "",
                        "a partial record needs attended_minutes");
        }
        rr.finish();
        out.log.records.push_back(std::move(rec));
    }
    if (const json* es = r.optional_array("enrollments")) out.log.enrollments = read_enrollments(*es);
    if (const json* cs = r.optional_array("certifications")) {
        for (std::size_t i = 0; i < cs->size(); ++i) {
            object_reader cr((*cs)[i], "/certifications/" + std::to_string(i));
            certification c;
            c.patient = read_patient(cr);
            c.date = detail::as_date(cr.require("date"), cr.path_of("date"));
            cr.finish();
            out.log.certifications.push_back(std::move(c));
        }
    }
    if (const json* closed = r.optional_array("closures")) {
        for (std::size_t i = 0; i < closed->size(); ++i)
            out.log.closures.push_back(detail::as_date((*closed)[i], "/closures/" + std::to_string(i)));
    }
    r.finish();
    return out;
}

}  // namespace

attendance_file parse_attendance_json(std::string_view json_text, std::string_view source) {
    if (auto fast = detail::read_attendance_fast(json_text)) return std::move(*fast);
    return read_attendance_tree(json_text, source);
}

attendance_file load_attendance(const std::string& path, const std::optional<time_zone>& zone) {
    const std::string text = read_text_file(path);
    const bool csv = path.size() >= 4 && (path.compare(path.size() - 4, 4, ".csv") == 0 ||
                                          path.compare(path.size() - 4, 4, ".CSV") == 0);
    if (csv) {
        if (!zone) {
            throw error(errc::missing_field, "timezone", path,
                        "a CSV attendance file carries no zone; give it (--timezone America/New_York)");
        }
        return parse_attendance_csv(text, *zone, path);
    }
    auto out = parse_attendance_json(text, path);
    if (zone && !(*zone == out.zone)) {
        throw error(errc::invalid_argument, path + " /timezone", out.zone.name(),
                    "the file's zone differs from the one given (" + zone->name() + ")");
    }
    return out;
}

}  // namespace iopcare::io
