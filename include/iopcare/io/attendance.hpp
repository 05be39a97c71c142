/// @file
/// The `iopcare.attendance/1` JSON format and its CSV form.
/// Part of the optional iopcare::io target (nlohmann-json stays out of this header).
///
/// ```
///   { "format": "iopcare.attendance/1",
///     "timezone": "America/New_York",
///     "records": [ { "patient": "p-001", "service": "group_therapy",
///                    "start": "2026-03-09T18:00:00" | "...Z" | "...-05:00",
///                    "minutes": 180, "status": "attended" | "partial" | "absent" | "excused" | "cancelled",
///                    "attended_minutes": 120 } ],          (for partial only)
///     "enrollments": [ { "patient": "p-001", "level": "2.1", "admitted": "2026-03-02",
///                        "discharged": "2026-05-22",       (optional)
///                        "step_down": "2026-05-11" } ],    (optional: a step-down decided)
///     "certifications": [ { "patient": "p-001", "date": "2026-03-02" } ],  (optional)
///     "closures": [ "2026-05-25" ] }            (optional: days the program was closed)
/// ```
///
/// CSV: a header line naming the columns patient,service,start,minutes,status,attended_minutes
/// (attended_minutes may be left out or empty), then one record per line; fields may be quoted
/// ("..." with "" for a quote). The zone is given separately.
///
/// The loaders reject what is not well-formed (a wrong type, an unknown field, a start that is
/// not a date-time, an unknown status) with the JSON path or FILE:LINE:COLUMN. Records that are
/// well-formed but wrong for validation (an unknown service, negative minutes, a local time a DST
/// change skips, a record outside the enrollment) are kept: validate() rejects and reports them
/// one by one, so one bad record does not stop the others.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "iopcare/attendance.hpp"
#include "iopcare/calendar.hpp"
#include "iopcare/io/export.hpp"

namespace iopcare::io {

/// A loaded attendance file: the log and the zone its local times are in.
struct attendance_file {
    /// The records, enrollments, certifications and closures.
    attendance_log log;
    /// The file's "timezone" (for CSV, the zone given).
    time_zone zone = time_zone::utc();
};

/// Parses iopcare.attendance/1 JSON. Throws the loaders' errors (see iopcare::io).
[[nodiscard]] IOPCARE_IO_API attendance_file parse_attendance_json(std::string_view json_text,
                                                                std::string_view source = "<input>");
/// `zone` is the zone local start times are read in.
[[nodiscard]] IOPCARE_IO_API attendance_file parse_attendance_csv(std::string_view csv_text, const time_zone& zone,
                                                               std::string_view source = "<input>");
/// Reads CSV from `in` a block at a time and hands each record to `sink` as soon as it is read,
/// so nothing proportional to the input is kept (the record is reused: copy what you keep).
/// Accepts and rejects exactly what parse_attendance_csv does, with the same errors. Returns
/// the number of records.
using attendance_sink = std::function<void(const attendance_record&)>;
/// See attendance_sink: streams CSV records from `in` to `sink`.
IOPCARE_IO_API std::size_t read_attendance_csv(std::istream& in, const time_zone& zone, const attendance_sink& sink,
                                               std::string_view source = "<input>");
/// The same on `threads` threads (0: one per core; 1: the form above): the calling thread
/// reads the stream and hands the records to `sink` in file order, while the others parse its
/// rows a block at a time. The records, the calls to `sink` (all from the calling thread) and
/// the errors, which name the first bad line in file order, are those of the one-thread form.
IOPCARE_IO_API std::size_t read_attendance_csv(std::istream& in, const time_zone& zone, const attendance_sink& sink,
                                               std::string_view source, unsigned threads);
/// The same for CSV text in memory (a mapped file, say) on `threads` threads (0, the default:
/// one per core, unlike the stream form without a count, which reads on one): rows are parsed
/// where they lie, pieces of the text going to the other threads as views, so nothing is
/// copied. The records, the calls to `sink` (all from the calling thread, in text order) and
/// the errors are those of one thread, as parse_attendance_csv reads the text: those of the
/// stream forms, except that a row over their 1 MiB limit that has another flaw too (an
/// unclosed quote) may be named for that flaw rather than for its length.
IOPCARE_IO_API std::size_t read_attendance_csv(std::string_view csv_text, const time_zone& zone,
                                               const attendance_sink& sink, std::string_view source = "<input>",
                                               unsigned threads = 0);
/// Hands the records of an iopcare.attendance/1 text to `sink` as they are read, without a
/// log or a document tree, in the usual case: a file of "format", "timezone" and then
/// "records" only, every value plainly right. `on_zone` gets the file's zone before the first
/// record and may refuse it (returns false). Returns false for any other text, or a refused
/// zone, having handed some records or none: then read it with parse_attendance_json, which
/// reads every file this accepts to the same records and says what is wrong with the others.
[[nodiscard]] IOPCARE_IO_API bool stream_attendance_json(std::string_view json_text,
                                                         const std::function<bool(const time_zone&)>& on_zone,
                                                         const attendance_sink& sink);
/// The same on `threads` threads (0: one per core; 1: the form above): the records array is
/// cut into pieces of about a quarter mebibyte, read on `threads` threads while the calling
/// thread hands their records to `sink` in text order (a few pieces ahead at most, so memory
/// does not grow with the text). A text of another shape (the zone after the records, say) is
/// read on one thread of its own beside the calling thread. The answer and the records are
/// those of one thread; `on_zone` is called once, before the first record, on the calling thread
/// or a reading thread; `sink` only on the calling thread. Should `sink` throw, the reading
/// stops and the exception reaches the caller.
[[nodiscard]] IOPCARE_IO_API bool stream_attendance_json(std::string_view json_text,
                                                         const std::function<bool(const time_zone&)>& on_zone,
                                                         const attendance_sink& sink, unsigned threads);
/// Reads a file: CSV when its name ends in ".csv", JSON otherwise. CSV needs `zone`; for JSON a
/// given `zone` must match the file's "timezone" or is an error.
[[nodiscard]] IOPCARE_IO_API attendance_file load_attendance(const std::string& path,
                                                          const std::optional<time_zone>& zone = std::nullopt);

/// An attendance log as `iopcare.attendance/1` JSON in `zone`, which parse_attendance_json
/// reads back to the same log: records (local starts stay local, instants end in "Z"; lengths
/// in whole minutes, the format's unit, rounded down), then enrollments, certifications and
/// closures when there are any. Written record by record, so a large log is never a document
/// tree in memory; bytes that are not UTF-8 in an id become U+FFFD.
[[nodiscard]] IOPCARE_IO_API std::string attendance_to_json(const attendance_log& log, const time_zone& zone);

}  // namespace iopcare::io
