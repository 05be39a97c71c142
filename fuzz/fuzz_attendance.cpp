// libFuzzer harness: iopcare.attendance/1 (JSON, whole, and streamed on one thread and on two in
// pieces of a few bytes; the same bytes as CSV, whole, streamed on two threads and cut into
// pieces of a few bytes) loading and validation against a built-in rule set. Any input may be
// rejected with an iopcare::error; nothing else may escape, crash, hang or trip a sanitizer, and
// every record read must be either counted or reported as rejected.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <iopcare/io/attendance.hpp>
#include <iopcare/validate.hpp>

#include "io/attendance_csv_pieces.hpp"
#include "io/attendance_json_pieces.hpp"

namespace {
void check(const iopcare::io::attendance_file& f) {
    static const auto rules = iopcare::builtin_rules("medicare-php");  // tiers, certification, day counts
    iopcare::validate_options o;
    o.through = std::chrono::year{2026} / 12 / 31;
    const auto report = iopcare::validate(f.log, rules, f.zone, o);
    if (report.records != f.log.records.size()) __builtin_trap();
    // Rejected enrollments and certifications are listed too; only records count here.
    std::size_t records_rejected = 0;
    for (const auto& x : report.rejected) records_rejected += x.field != "enrollment" && x.field != "certification";
    if (report.records_counted + records_rejected > report.records) __builtin_trap();
    // The work is bounded by the input: no patient is checked over more weeks than the limit.
    for (const auto& p : report.patients)
        if (p.weeks.size() > o.max_span_weeks) __builtin_trap();
}

// The one-pass JSON reader on one thread, and on two with the records array cut into pieces
// of a few bytes (detail::stream_attendance_json_in_pieces; a quarter mebibyte otherwise, which
// no fuzzed input reaches): the same answer and, when read, the same records in order.
bool stream_json(std::string_view text, unsigned threads, std::size_t piece_bytes, std::string& records) {
    try {
        return iopcare::io::detail::stream_attendance_json_in_pieces(
            text, [](const iopcare::time_zone&) { return true; },
            [&](const iopcare::attendance_record& r) {
                records += r.patient.str() + '\x1f' + r.service + '\x1f' + iopcare::to_string(r.start) + '\x1f' +
                           std::to_string(r.scheduled.count()) + '\x1f' + std::to_string(r.attended.count()) +
                           '\x1f' + std::string(iopcare::to_string(r.status)) + '\x1e';
            },
            threads, piece_bytes);
    } catch (const iopcare::error&) {
        return false;
    }
}
void compare_json_streams(std::string_view text) {
    std::string one;
    const bool ok_one = stream_json(text, 1, 1, one);
    for (const std::size_t piece_bytes : {std::size_t{1}, 1 + text.size() % 53}) {
        std::string two;
        const bool ok_two = stream_json(text, 2, piece_bytes, two);
        if (ok_one != ok_two || (ok_one && one != two)) __builtin_trap();
    }
}

// Text in memory is cut into pieces of a quarter mebibyte, which no fuzzed input reaches: the
// input is read again cut into pieces of a few bytes (detail::read_attendance_csv_in_pieces),
// so that cuts fall everywhere in it (inside quoted fields too), and two threads must read
// what one reads, or fail as it fails.
std::size_t read_csv_in_pieces(std::string_view text, std::size_t piece_bytes, bool& failed) {
    std::size_t n = 0;
    failed = false;
    try {
        (void)iopcare::io::detail::read_attendance_csv_in_pieces(text, [&](const auto&) { ++n; }, "fuzz.csv", 2,
                                                                 piece_bytes);
    } catch (const iopcare::error&) {
        failed = true;
    }
    return n;
}
void compare_csv_pieces(std::string_view text, std::size_t whole, bool whole_failed) {
    for (const std::size_t piece_bytes : {std::size_t{1}, std::size_t{7}, 1 + text.size() % 61}) {
        bool failed = false;
        const std::size_t n = read_csv_in_pieces(text, piece_bytes, failed);
        if (failed != whole_failed || (!failed && n != whole)) __builtin_trap();
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    compare_json_streams(text);
    try {
        check(iopcare::io::parse_attendance_json(text, "fuzz"));
    } catch (const iopcare::error&) {
    }
    static const auto zone = iopcare::time_zone::locate("America/New_York");
    std::size_t whole = 0;
    bool whole_failed = false;
    std::optional<iopcare::io::attendance_file> f;
    try {
        f = iopcare::io::parse_attendance_csv(text, zone, "fuzz.csv");
        whole = f->log.records.size();
    } catch (const iopcare::error&) {
        whole_failed = true;
    }
    try {
        if (f) check(*f);
    } catch (const iopcare::error&) {
    }
    // The same text streamed to a sink on two threads: the same records, or the same failure.
    std::size_t streamed = 0;
    bool streamed_failed = false;
    try {
        (void)iopcare::io::read_attendance_csv(text, zone, [&](const auto&) { ++streamed; }, "fuzz.csv", 2);
    } catch (const iopcare::error&) {
        streamed_failed = true;
    }
    if (streamed_failed != whole_failed || (!whole_failed && streamed != whole)) __builtin_trap();
    compare_csv_pieces(text, whole, whole_failed);
    return 0;
}
