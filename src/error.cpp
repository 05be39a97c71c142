#include "iopcare/error.hpp"

#include <optional>
#include <string>

namespace iopcare {

std::string_view error_id(errc code) noexcept {
    switch (code) {
        case errc::ok: return "iopcare.ok";
        case errc::invalid_argument: return "iopcare.invalid_argument";
        case errc::precondition_failed: return "iopcare.precondition_failed";
        case errc::internal: return "iopcare.internal";
        case errc::limit_exceeded: return "iopcare.limit_exceeded";
        case errc::unknown_level: return "iopcare.level.unknown";
        case errc::duplicate_level: return "iopcare.level.duplicate";
        case errc::invalid_level: return "iopcare.level.invalid";
        case errc::unknown_service: return "iopcare.service.unknown";
        case errc::duplicate_service: return "iopcare.service.duplicate";
        case errc::invalid_service: return "iopcare.service.invalid";
        case errc::invalid_continuum: return "iopcare.continuum.invalid";
        case errc::unknown_transition: return "iopcare.continuum.unknown_transition";
        case errc::ambiguous_level: return "iopcare.level.ambiguous";
        case errc::unknown_time_zone: return "iopcare.calendar.unknown_time_zone";
        case errc::nonexistent_local_time: return "iopcare.calendar.nonexistent_local_time";
        case errc::ambiguous_local_time: return "iopcare.calendar.ambiguous_local_time";
        case errc::invalid_program: return "iopcare.program.invalid";
        case errc::capacity_exceeded: return "iopcare.schedule.capacity_exceeded";
        case errc::invalid_enrollment: return "iopcare.schedule.invalid_enrollment";
        case errc::invalid_date: return "iopcare.calendar.invalid_date";
        case errc::invalid_rule_set: return "iopcare.rules.invalid";
        case errc::unknown_rule_set: return "iopcare.rules.unknown";
        case errc::invalid_record: return "iopcare.attendance.invalid_record";
        case errc::invalid_scenario: return "iopcare.sim.invalid_scenario";
        case errc::invalid_distribution: return "iopcare.sim.invalid_distribution";
        case errc::invalid_experiment: return "iopcare.sim.invalid_experiment";
        case errc::parse_error: return "iopcare.io.parse_error";
        case errc::unknown_format: return "iopcare.io.unknown_format";
        case errc::unknown_field: return "iopcare.io.unknown_field";
        case errc::missing_field: return "iopcare.io.missing_field";
        case errc::wrong_type: return "iopcare.io.wrong_type";
        case errc::io_error: return "iopcare.io.error";
        case errc::invalid_placement_rules: return "iopcare.placement.invalid_rules";
        case errc::invalid_assessment: return "iopcare.placement.invalid_assessment";
        case errc::invalid_episode: return "iopcare.episodes.invalid";
    }
    return "iopcare.unknown_error";
}

std::string error_info::to_string() const {
    std::string out;
    out.reserve(message.size() + where.size() + value.size() + 48);
    out += '[';
    out += error_id(code);
    out += "] ";
    if (!where.empty()) {
        out += where;
        out += ": ";
    }
    out += message;
    if (!value.empty()) {
        out += " (value: \"";
        out += value;
        out += "\")";
    }
    return out;
}

namespace {

// "12" -> 12; anything else (empty, a sign, a non-digit, too large) -> nullopt.
std::optional<std::size_t> whole_number(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::size_t n = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    return n;
}

// "FILE:LINE:COLUMN" at the start of `where`, up to a space or the end.
bool read_file_line_column(std::string_view where, error_place& p) {
    const std::string_view head = where.substr(0, where.find(' '));
    const auto c2 = head.rfind(':');
    if (c2 == std::string_view::npos || c2 == 0) return false;
    const auto c1 = head.rfind(':', c2 - 1);
    if (c1 == std::string_view::npos || c1 == 0) return false;
    const auto line = whole_number(head.substr(c1 + 1, c2 - c1 - 1));
    const auto column = whole_number(head.substr(c2 + 1));
    if (!line || !column) return false;
    p.file = std::string(head.substr(0, c1));
    p.line = *line;
    p.column = *column;
    return true;
}

// The record a pointer is inside: "/records/12/minutes" -> 12.
std::optional<std::size_t> record_of(std::string_view pointer) {
    static constexpr std::string_view collections[] = {"/records/", "/enrollments/", "/entry/", "/episodes/",
                                                       "/assessments/"};
    for (const std::string_view c : collections) {
        if (!pointer.starts_with(c)) continue;
        const std::string_view rest = pointer.substr(c.size());
        return whole_number(rest.substr(0, rest.find('/')));
    }
    return std::nullopt;
}

}  // namespace

error_place parse_place(std::string_view where) {
    error_place p;
    if (where.empty()) return p;
    if (read_file_line_column(where, p)) {
        const auto space = where.find(' ');
        if (space != std::string_view::npos && where.substr(space + 1).starts_with('/')) {
            const std::string_view rest = where.substr(space + 1);
            p.pointer = std::string(rest.substr(0, rest.find(' ')));
        }
    } else if (where.front() == '/') {
        p.pointer = std::string(where.substr(0, where.find(' ')));
    } else if (const auto at = where.find(" /"); at != std::string_view::npos) {
        p.file = std::string(where.substr(0, at));
        const std::string_view rest = where.substr(at + 1);
        p.pointer = std::string(rest.substr(0, rest.find(' ')));
    } else {
        p.field = std::string(where);
    }
    p.record = record_of(p.pointer);
    return p;
}

error_info error_info::at(errc code, std::string where, std::string value, std::string message) {
    error_info e{code, std::move(where), std::move(value), std::move(message)};
    e.place = parse_place(e.where);
    return e;
}

void error_info::set_where(std::string new_where) {
    where = std::move(new_where);
    place = parse_place(where);
}

namespace {
error_info with_place(error_info info) {
    if (info.place.empty()) info.place = parse_place(info.where);
    return info;
}
}  // namespace

error::error(error_info info) : std::runtime_error(info.to_string()), info_(with_place(std::move(info))) {}

error::error(errc code, std::string where, std::string value, std::string message)
    : error(error_info{code, std::move(where), std::move(value), std::move(message)}) {}

namespace detail {
void precondition_failed(const char* expr, const char* file, int line) {
    throw error(errc::precondition_failed, std::string(file) + ":" + std::to_string(line), expr,
                "precondition violated");
}
}  // namespace detail

}  // namespace iopcare
