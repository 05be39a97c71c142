#include "iopcare/service.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "detail/text.hpp"

namespace iopcare {

std::string_view to_string(modality m) noexcept {
    switch (m) {
        case modality::individual: return "individual";
        case modality::group: return "group";
        case modality::family: return "family";
    }
    return "individual";
}

namespace {

// "Group Therapy", "group-therapy" -> "group_therapy".
std::string normalise_id(std::string_view text) {
    std::string out = detail::to_lower(detail::trim(text));
    std::replace_if(out.begin(), out.end(), [](char c) { return c == ' ' || c == '-'; }, '_');
    return out;
}

bool is_snake_case(std::string_view id) noexcept {
    if (id.empty() || !std::islower(static_cast<unsigned char>(id.front()))) return false;
    return std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::islower(c) || std::isdigit(c) || c == '_';
    });
}

service_catalog build_standard() {
    using namespace std::chrono_literals;
    using M = modality;
    service_catalog c;
    auto add = [&c](std::string_view id, const char* name, M mode, std::chrono::minutes minutes, bool counts) {
        c.add(service{service_id(std::string(id)), name, mode, minutes, counts});
    };
    // Durations are common defaults, not rules: programs set their own per session.
    add(services::individual_therapy, "Individual therapy", M::individual, 60min, true);
    add(services::group_therapy, "Group therapy", M::group, 90min, true);
    add(services::family_therapy, "Family therapy", M::family, 60min, true);
    add(services::medication_management, "Medication management", M::individual, 30min, true);
    add(services::psychoeducation, "Psychoeducation", M::group, 60min, true);
    add(services::relapse_prevention, "Relapse-prevention planning", M::group, 60min, true);
    add(services::case_management, "Case management", M::individual, 30min, true);
    add(services::drug_testing, "Drug testing", M::individual, 15min, false);
    add(services::assessment, "Behavioral health assessment", M::individual, 60min, true);
    add(services::crisis_intervention, "Crisis intervention", M::individual, 60min, true);
    add(services::twelve_step_facilitation, "12-step facilitation", M::group, 60min, true);
    add(services::mutual_help_meeting, "Mutual-help meeting (AA, NA, SMART Recovery)", M::group, 60min, false);
    add(services::peer_support, "Peer support", M::group, 60min, false);
    add(services::art_therapy, "Art therapy", M::group, 60min, true);
    add(services::music_therapy, "Music therapy", M::group, 60min, true);
    add(services::yoga, "Yoga", M::group, 60min, false);
    add(services::aftercare_planning, "Aftercare and continuing-care planning", M::individual, 30min, true);
    return c;
}

}  // namespace

const service_catalog& service_catalog::standard() {
    static const service_catalog c = build_standard();
    return c;
}

void service_catalog::add(service s) {
    if (!is_snake_case(s.id.str())) {
        throw error(errc::invalid_service, "id", s.id.str(),
                    "a service id must be snake_case: a lower-case letter, then letters, digits or '_'");
    }
    if (s.default_duration.count() <= 0) {
        throw error(errc::invalid_service, "default_duration", std::to_string(s.default_duration.count()),
                    "a service's default duration must be positive (minutes)");
    }
    if (find(s.id.str()) != nullptr) {
        throw error(errc::duplicate_service, "id", s.id.str(), "the catalog already has this service");
    }
    if (s.name.empty()) s.name = s.id.str();
    services_.push_back(std::move(s));
}

const service* service_catalog::find(std::string_view id) const noexcept {
    try {
        const std::string key = normalise_id(id);
        for (const auto& s : services_) {
            if (s.id.str() == key) return &s;
        }
    } catch (...) {
    }
    return nullptr;
}

const service& service_catalog::at(std::string_view id) const {
    if (const auto* s = find(id)) return *s;
    throw error(errc::unknown_service, "service", std::string(id), "no service with this id in the catalog");
}

}  // namespace iopcare
