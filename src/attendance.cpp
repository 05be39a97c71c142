// The words of attendance statuses (iopcare/attendance.hpp), as files write them.
#include "iopcare/attendance.hpp"

namespace iopcare {

std::string_view to_string(attendance_status s) noexcept {
    switch (s) {
        case attendance_status::attended: return "attended";
        case attendance_status::partial: return "partial";
        case attendance_status::absent: return "absent";
        case attendance_status::excused: return "excused";
        case attendance_status::cancelled: return "cancelled";
    }
    return "unknown";
}

std::optional<attendance_status> parse_attendance_status(std::string_view text) noexcept {
    for (auto s : {attendance_status::attended, attendance_status::partial, attendance_status::absent,
                   attendance_status::excused, attendance_status::cancelled})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

}  // namespace iopcare
