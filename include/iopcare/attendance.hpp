/// @file
/// What patients attended: attendance records, enrollment periods,
/// certification dates and program closures, as plain structs a loader fills field by field.
///
/// A record's start is either a wall-clock reading in the program's zone (`local_seconds`) or a
/// UTC instant (`sys_seconds`). Its `scheduled` length is the length on the clinic's clock (a
/// 01:00-04:00 session is 180 scheduled minutes even on the night clocks spring forward);
/// validation turns start and end into real elapsed time through the zone.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "iopcare/calendar.hpp"
#include "iopcare/detail/export.hpp"
#include "iopcare/patient.hpp"

namespace iopcare {

/// What happened to a scheduled service. Only `attended` and `partial` give counted time.
enum class attendance_status : unsigned char {
    attended,   ///< the whole scheduled session
    partial,    ///< part of it: `attended` minutes
    absent,     ///< no-show
    excused,    ///< absence the program excused
    cancelled,  ///< cancelled by the program
};

/// "attended", "partial", "absent", "excused" or "cancelled".
[[nodiscard]] IOPCARE_API std::string_view to_string(attendance_status s) noexcept;
/// "attended", "partial", "absent", "excused", "cancelled" (exact spelling).
[[nodiscard]] IOPCARE_API std::optional<attendance_status> parse_attendance_status(std::string_view text) noexcept;

/// A record's start: a wall-clock reading in the program's zone, or a UTC instant.
using record_start = std::variant<local_seconds, sys_seconds>;

/// An ISO 8601 text start: "2026-03-09T18:00:00" is local, "...Z" or "...-05:00" an instant.
[[nodiscard]] inline record_start to_record_start(const iso_datetime& t) noexcept {
    if (auto instant = t.instant()) return *instant;
    return t.local;
}

/// "2026-03-09T18:00:00" for a local start, "2026-03-09T23:00:00Z" for an instant.
[[nodiscard]] inline std::string to_string(const record_start& start) {
    return std::visit([](auto t) { return to_string(t); }, start);
}

/// One scheduled service for one patient and what became of it.
struct attendance_record {
    /// Whose session.
    patient_id patient{};
    std::string service{};                   ///< a service id, snake_case ("group_therapy")
    /// When it was to start: local in the program's zone, or a UTC instant.
    record_start start = local_seconds{};
    std::chrono::seconds scheduled{};        ///< length on the clinic's clock; minutes convert
    /// What became of it.
    attendance_status status = attendance_status::attended;
    std::chrono::seconds attended{};         ///< for partial: the time actually attended

    /// Time attended as recorded: `scheduled` for attended, `attended` for partial, else 0.
    [[nodiscard]] std::chrono::seconds attended_time() const noexcept {
        switch (status) {
            case attendance_status::attended: return scheduled;
            case attendance_status::partial: return attended;
            default: return std::chrono::seconds{0};
        }
    }
};

/// A patient's stay at a level of care. Dates are local calendar dates in the program's zone;
/// `discharged` is the last day of the stay (inclusive), empty while the stay continues.
/// `step_down` records the day a step-down to a less intensive level was decided: short weeks
/// from its week on may use the rule set's step-down allowance (see rule_set).
struct enrollment_period {
    /// Whose stay.
    patient_id patient{};
    std::string level{};                     ///< a level code such as "2.1" (informational)
    /// The first day of the stay.
    std::chrono::year_month_day admitted{};
    /// The last day of the stay (inclusive), empty while it continues.
    std::optional<std::chrono::year_month_day> discharged{};
    /// The day a step-down was decided, if one was.
    std::optional<std::chrono::year_month_day> step_down{};
    std::string name{};                      ///< a display name the exports show; the id when empty
};

/// A physician's (re)certification of a patient's need for the level of care, on a local date.
struct certification {
    /// Who was certified.
    patient_id patient{};
    /// The day of the (re)certification.
    std::chrono::year_month_day date{};
};

/// Everything validation reads, owned: a loader fills this; validate() also takes spans.
struct attendance_log {
    /// The attendance records, in the order read.
    std::vector<attendance_record> records;
    std::vector<enrollment_period> enrollments;   ///< at most one per patient
    /// Certifications of need, in any order.
    std::vector<certification> certifications;
    std::vector<std::chrono::year_month_day> closures;  ///< days the program was closed (local dates)
};

}  // namespace iopcare
