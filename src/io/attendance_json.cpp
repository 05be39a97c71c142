// The iopcare.attendance/1 loader and its CSV form.
#include "iopcare/io/attendance.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <unordered_set>
#include <vector>

#include "iopcare/io/continuum_json.hpp"
#include "iopcare/text.hpp"
#include "io/json_reader.hpp"

namespace iopcare::io {

namespace {

using detail::json;
using detail::object_reader;
using namespace std::chrono;

constexpr std::int64_t max_minutes = 7 * 24 * 60;  // a week: more is certainly a typo

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

// Negative minutes pass through for validation to reject and report; absurd ones cannot be
// represented and are errors here.
constexpr std::string_view minutes_range = "expected minutes within a week (at most 10080)";

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

attendance_file parse_attendance_json(std::string_view json_text, std::string_view source) {
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
    if (const json* es = r.optional_array("enrollments")) {
        std::unordered_set<patient_id> seen;  // a scan per enrollment would be quadratic
        out.log.enrollments.reserve(es->size());
        for (std::size_t i = 0; i < es->size(); ++i) {
            object_reader er((*es)[i], "/enrollments/" + std::to_string(i));
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
            out.log.enrollments.push_back(std::move(e));
        }
    }
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

namespace {

// A small RFC 4180 reader that knows where each field starts, for FILE:LINE:COLUMN errors.
struct csv_field {
    std::string text;
    std::size_t line = 1;
    std::size_t column = 1;
};

class csv_reader {
public:
    csv_reader(std::string_view text, std::string_view source) : s_(text), source_(source) {
        if (s_.size() >= 3 && s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3, col_ = 1;  // a UTF-8 byte-order mark
    }

    // The next row, or false at the end of the input.
    bool next(std::vector<csv_field>& row) {
        row.clear();
        if (i_ >= s_.size()) return false;
        row_line_ = line_;
        for (;;) {
            csv_field f;
            f.line = line_;
            f.column = col_;
            if (i_ < s_.size() && s_[i_] == '"') {
                advance();
                for (;;) {
                    if (i_ >= s_.size()) fail(f.line, f.column, "a quoted field is not closed");
                    if (s_[i_] == '"') {
                        if (i_ + 1 < s_.size() && s_[i_ + 1] == '"') {
                            f.text += '"';
                            advance();
                            advance();
                            continue;
                        }
                        advance();
                        break;
                    }
                    f.text += s_[i_];
                    advance();
                }
                if (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '\n' && s_[i_] != '\r') {
                    fail(line_, col_, "expected a comma or the end of the line after a quoted field");
                }
            } else {
                while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '\n' && s_[i_] != '\r') {
                    if (s_[i_] == '"') fail(line_, col_, "a quote inside an unquoted field");
                    f.text += s_[i_];
                    advance();
                }
            }
            row.push_back(std::move(f));
            if (i_ < s_.size() && s_[i_] == ',') {
                advance();
                continue;
            }
            if (i_ < s_.size() && s_[i_] == '\r') advance();
            if (i_ < s_.size() && s_[i_] == '\n') advance();
            return true;
        }
    }

    [[noreturn]] void fail(std::size_t line, std::size_t column, const std::string& message,
                           const std::string& value = "", errc code = errc::parse_error) const {
        throw error(code, std::string(source_) + ":" + std::to_string(line) + ":" + std::to_string(column), value,
                    message);
    }
    [[nodiscard]] std::size_t row_line() const noexcept { return row_line_; }

private:
    // A line ends at LF, CRLF or a lone CR (old Mac files): each counts one line.
    void advance() {
        const bool line_end = s_[i_] == '\n' || (s_[i_] == '\r' && (i_ + 1 == s_.size() || s_[i_ + 1] != '\n'));
        if (line_end) {
            ++line_;
            col_ = 1;
        } else {
            ++col_;
        }
        ++i_;
    }

    std::string_view s_;
    std::string_view source_;
    std::size_t i_ = 0;
    std::size_t line_ = 1;
    std::size_t col_ = 1;
    std::size_t row_line_ = 1;
};

// Minutes as a whole number within a week (see read_minutes); `what` names the column.
minutes csv_minutes(const csv_reader& in, const csv_field& f, const char* what) {
    std::int64_t v = 0;
    bool negative = false;
    std::size_t k = 0;
    if (!f.text.empty() && (f.text[0] == '-' || f.text[0] == '+')) negative = f.text[0] == '-', k = 1;
    const auto not_a_number = [&] {
        in.fail(f.line, f.column, std::string("expected ") + what + ": a whole number of minutes", f.text,
                errc::wrong_type);
    };
    if (k == f.text.size() || f.text.size() - k > 9) not_a_number();
    for (; k < f.text.size(); ++k) {
        if (f.text[k] < '0' || f.text[k] > '9') not_a_number();
        v = v * 10 + (f.text[k] - '0');
    }
    if (negative) v = -v;
    if (v > max_minutes || v < -max_minutes) {
        in.fail(f.line, f.column, std::string(minutes_range), f.text, errc::invalid_argument);
    }
    return minutes{v};
}

enum column { patient, service, start, minutes_col, status, attended_minutes, column_count };
constexpr std::string_view column_names[column_count] = {"patient", "service", "start",
                                                          "minutes", "status",  "attended_minutes"};

// Ids and names go into reports and JSON, so every field must be UTF-8 text.
void require_utf8(const csv_reader& in, const csv_field& f, std::string_view column_name) {
    const std::size_t bad = invalid_utf8_at(f.text);
    if (bad == std::string_view::npos) return;
    in.fail(f.line, f.column,
            "the " + std::string(column_name) + " field is not UTF-8 text (byte " + std::to_string(bad + 1) +
                " of the field)",
            f.text, errc::invalid_argument);
}

// Which field of a row holds each column (-1: absent), from the header.
struct csv_columns {
    int at[column_count];
    std::size_t present = 0;
    [[nodiscard]] const csv_field& of(const std::vector<csv_field>& row, column k) const {
        return row[static_cast<std::size_t>(at[k])];
    }
};

csv_columns read_header(csv_reader& in, std::vector<csv_field>& row) {
    constexpr std::string_view expected = "patient,service,start,minutes,status,attended_minutes";
    if (!in.next(row)) in.fail(1, 1, "the file is empty; expected the header " + std::string(expected));
    csv_columns cols;
    std::fill(std::begin(cols.at), std::end(cols.at), -1);
    for (std::size_t c = 0; c < row.size(); ++c) {
        require_utf8(in, row[c], "header");
        const std::string& name = row[c].text;
        const auto* found = std::find(std::begin(column_names), std::end(column_names), name);
        if (found == std::end(column_names)) {
            in.fail(row[c].line, row[c].column, "unknown column; expected " + std::string(expected), name,
                    errc::unknown_field);
        }
        int& at = cols.at[found - std::begin(column_names)];
        if (at >= 0) in.fail(row[c].line, row[c].column, "this column appears twice", name, errc::unknown_field);
        at = static_cast<int>(c);
        ++cols.present;
    }
    for (int k = 0; k < attended_minutes; ++k) {
        if (cols.at[k] < 0) {
            in.fail(1, 1, "the header lacks the column '" + std::string(column_names[k]) + "'", "", errc::missing_field);
        }
    }
    return cols;
}

attendance_record read_record(const csv_reader& in, const std::vector<csv_field>& row, const csv_columns& cols) {
    if (row.size() != cols.present) {
        in.fail(in.row_line(), 1,
                "expected " + std::to_string(cols.present) + " fields, found " + std::to_string(row.size()), "",
                errc::wrong_type);
    }
    for (int k = 0; k < column_count; ++k) {
        if (cols.at[k] >= 0) require_utf8(in, cols.of(row, static_cast<column>(k)), column_names[k]);
    }
    const auto field = [&](column k) -> const csv_field& { return cols.of(row, k); };
    attendance_record rec;
    rec.patient = patient_id(field(patient).text);
    if (rec.patient.empty()) in.fail(field(patient).line, field(patient).column, "a patient id must not be empty");
    rec.service = field(service).text;
    const auto t = parse_iso_datetime(field(start).text);
    if (!t) {
        in.fail(field(start).line, field(start).column,
                "expected a date-time as YYYY-MM-DDTHH:MM:SS, optionally ending in Z or an offset", field(start).text,
                errc::invalid_date);
    }
    rec.start = to_record_start(*t);
    rec.scheduled = csv_minutes(in, field(minutes_col), "minutes");
    const auto st = parse_attendance_status(field(status).text);
    if (!st) {
        in.fail(field(status).line, field(status).column, "expected one of attended, partial, absent, excused, cancelled",
                field(status).text, errc::invalid_argument);
    }
    rec.status = *st;
    const bool has_attended = cols.at[attended_minutes] >= 0 && !field(attended_minutes).text.empty();
    if (rec.status == attendance_status::partial) {
        if (!has_attended) in.fail(in.row_line(), 1, "a partial record needs attended_minutes", "", errc::missing_field);
        rec.attended = csv_minutes(in, field(attended_minutes), "attended_minutes");
    } else if (has_attended) {
        in.fail(field(attended_minutes).line, field(attended_minutes).column,
                "attended_minutes is for records with status partial", field(attended_minutes).text,
                errc::invalid_argument);
    }
    return rec;
}

}  // namespace

attendance_file parse_attendance_csv(std::string_view csv_text, const time_zone& zone, std::string_view source) {
    attendance_file out;
    out.zone = zone;
    csv_reader in(csv_text, source);
    std::vector<csv_field> row;
    const csv_columns cols = read_header(in, row);
    while (in.next(row)) {
        if (row.size() == 1 && row[0].text.empty()) continue;  // a blank line
        out.log.records.push_back(read_record(in, row, cols));
    }
    return out;
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
