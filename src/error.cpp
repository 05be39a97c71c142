#include "iopcare/error.hpp"

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

error::error(error_info info) : std::runtime_error(info.to_string()), info_(std::move(info)) {}

error::error(errc code, std::string where, std::string value, std::string message)
    : error(error_info{code, std::move(where), std::move(value), std::move(message)}) {}

namespace detail {
void precondition_failed(const char* expr, const char* file, int line) {
    throw error(errc::precondition_failed, std::string(file) + ":" + std::to_string(line), expr,
                "precondition violated");
}
}  // namespace detail

}  // namespace iopcare
