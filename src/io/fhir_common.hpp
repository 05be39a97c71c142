// Internal pieces shared by the FHIR export and import (not installed): iopcare's code system
// and extension URLs under a base, deterministic ids, and instants with a UTC offset.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "iopcare/calendar.hpp"
#include "iopcare/level.hpp"
#include "detail/stable_hash.hpp"

namespace iopcare::io::fhir_detail {

using iopcare::detail::id_hash;

inline std::string level_system(std::string_view base, edition ed) {
    return std::string(base) + (ed == edition::asam4 ? "/CodeSystem/asam4-level" : "/CodeSystem/asam3-level");
}
inline std::string service_system(std::string_view base) { return std::string(base) + "/CodeSystem/service"; }
inline std::string patient_id_system(std::string_view base) { return std::string(base) + "/patient-id"; }
inline std::string extension_url(std::string_view base, std::string_view name) {
    return std::string(base) + "/StructureDefinition/" + std::string(name);
}

inline constexpr std::string_view act_code_system = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
inline constexpr std::string_view ucum_system = "http://unitsofmeasure.org";

// Whether text is a valid FHIR id: [A-Za-z0-9-.]{1,64}.
inline bool is_fhir_id(std::string_view text) noexcept {
    if (text.empty() || text.size() > 64) return false;
    for (char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
        if (!ok) return false;
    }
    return true;
}

// "2026-10-26T18:00:00-04:00": the instant as the zone's wall clock with its UTC offset.
inline std::string instant_text(sys_seconds t, const time_zone& zone) {
    const std::chrono::seconds offset = zone.offset(t);
    std::string out = format_local(local_seconds{t.time_since_epoch() + offset});
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(offset < std::chrono::seconds{0} ? -offset : offset).count();
    const long long h = minutes / 60, m = minutes % 60;
    out += offset < std::chrono::seconds{0} ? '-' : '+';
    out += static_cast<char>('0' + h / 10);
    out += static_cast<char>('0' + h % 10);
    out += ':';
    out += static_cast<char>('0' + m / 10);
    out += static_cast<char>('0' + m % 10);
    return out;
}

}  // namespace iopcare::io::fhir_detail
