#include "iopcare/service.hpp"

#include <algorithm>
#include <cctype>
#include <ostream>
#include <string>

#include "detail/text.hpp"

namespace iopcare {

std::ostream& operator<<(std::ostream& os, const service_id& id) { return os << id.str(); }

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

// The billing codes EHRs attach to IOP sessions (docs/sources.md §3; the mapping is ours).
// Individual psychotherapy goes by length under CPT's time rule: 90832 from 16 minutes, 90834
// from 38, 90837 from 53. Family therapy lists 90847 (with the patient present) before 90846.
void add_default_billing_codes(service_catalog& c) {
    using namespace std::chrono_literals;
    auto cpt = [&c](std::string_view service, const char* code, std::chrono::minutes from = 0min) {
        c.add_billing_code(service, billing_code{std::string(cpt_system), code, from});
    };
    auto hcpcs = [&c](std::string_view service, const char* code) {
        c.add_billing_code(service, billing_code{std::string(hcpcs_system), code, 0min});
    };
    cpt(services::individual_therapy, "90832", 16min);
    cpt(services::individual_therapy, "90834", 38min);
    cpt(services::individual_therapy, "90837", 53min);
    cpt(services::group_therapy, "90853");
    hcpcs(services::group_therapy, "G0410");
    cpt(services::family_therapy, "90847");
    cpt(services::family_therapy, "90846");
    cpt(services::assessment, "90791");
    cpt(services::assessment, "90792");
    cpt(services::drug_testing, "80305");
    hcpcs(services::drug_testing, "H0048");
    hcpcs(services::peer_support, "H0038");
    hcpcs(services::case_management, "H0006");
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
    add_default_billing_codes(c);
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

namespace {
std::string_view canonical_system(std::string_view system) noexcept {
    return system == hcpcs_oid_system ? hcpcs_system : system;
}
}  // namespace

void service_catalog::add_billing_code(std::string_view service_name, billing_code code) {
    const service* target = find(service_name);
    if (target == nullptr) {
        throw error(errc::unknown_service, "service", std::string(service_name), "no service with this id in the catalog");
    }
    code.system = std::string(canonical_system(detail::trim(code.system)));
    if (code.system.empty() || detail::trim(code.code).empty()) {
        throw error(errc::invalid_service, "billing_code", code.system + " " + code.code,
                    "a billing code needs a system and a code");
    }
    if (const service* other = find_by_billing_code(code.system, code.code)) {
        throw error(errc::invalid_service, "billing_code", code.code,
                    "the code is already mapped to the service " + other->id.str());
    }
    services_[static_cast<std::size_t>(target - services_.data())].billing_codes.push_back(std::move(code));
}

const service* service_catalog::find_by_billing_code(std::string_view system, std::string_view code) const noexcept {
    const std::string_view wanted = canonical_system(system);
    for (const auto& s : services_) {
        for (const auto& b : s.billing_codes) {
            if (b.system == wanted && b.code == code) return &s;
        }
    }
    return nullptr;
}

std::vector<billing_code> billing_codes_for(const service& s, std::chrono::minutes length) {
    std::vector<billing_code> out;
    for (const auto& b : s.billing_codes) {
        if (b.from_minutes > length) continue;
        auto same = std::find_if(out.begin(), out.end(), [&b](const billing_code& o) { return o.system == b.system; });
        if (same == out.end()) {
            out.push_back(b);
        } else if (b.from_minutes > same->from_minutes) {
            *same = b;
        }
    }
    return out;
}

const service& service_catalog::at(std::string_view id) const {
    if (const auto* s = find(id)) return *s;
    throw error(errc::unknown_service, "service", std::string(id), "no service with this id in the catalog");
}

}  // namespace iopcare
