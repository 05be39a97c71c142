/// @file
/// The services an intensive outpatient program delivers, with their
/// modality, default duration, whether they count toward clinical program hours, and the
/// billing codes (CPT, HCPCS) EHRs attach to them.
#pragma once

#include <chrono>
#include <compare>
#include <cstddef>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/detail/export.hpp"
#include "iopcare/error.hpp"

namespace iopcare {

/// Who a service is delivered to: one patient (`individual`), a `group` of patients, or a
/// patient with their `family`.
enum class modality : unsigned char { individual, group, family };

/// "individual", "group" or "family".
[[nodiscard]] IOPCARE_API std::string_view to_string(modality m) noexcept;

/// A service identifier in snake_case ("group_therapy"). The same names are used in every
/// file format.
class service_id {
public:
    /// An empty id.
    service_id() = default;
    /// An id taken as given (snake_case; service_catalog::add() checks it).
    explicit service_id(std::string name) : name_(std::move(name)) {}
    /// The id's text.
    [[nodiscard]] const std::string& str() const noexcept { return name_; }
    /// Whether the id is empty.
    [[nodiscard]] bool empty() const noexcept { return name_.empty(); }
    /// Ordered as the text.
    friend auto operator<=>(const service_id&, const service_id&) = default;
    /// Equal when the texts are.
    friend bool operator==(const service_id&, const service_id&) = default;

private:
    std::string name_;
};

/// The code systems of the billing codes EHRs attach to sessions, as FHIR R4 names them.
///@{
inline constexpr std::string_view cpt_system = "http://www.ama-assn.org/go/cpt";
inline constexpr std::string_view hcpcs_system = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
///@}
/// The HCPCS Level II OID form, met in the wild; read as hcpcs_system.
inline constexpr std::string_view hcpcs_oid_system = "urn:oid:2.16.840.1.113883.6.285";

/// Prints the id.
IOPCARE_API std::ostream& operator<<(std::ostream& os, const service_id& id);

/// A billing code a service is billed under (CPT or HCPCS). Code numbers are facts
/// (docs/sources.md §3); the code sets' descriptor texts are not reproduced.
struct billing_code {
    std::string system{};  ///< cpt_system or hcpcs_system
    /// The code itself, as the code set writes it ("90853", "H0015").
    std::string code{};
    /// A time-based code applies to sessions of at least this many minutes (the CPT
    /// psychotherapy codes go by length); zero for a code that does not depend on time.
    std::chrono::minutes from_minutes{0};

    /// Equal when system, code and minimum length are.
    friend bool operator==(const billing_code&, const billing_code&) = default;
};

/// A service a program delivers and a session is booked for.
struct service {
    /// The id every file format uses ("group_therapy").
    service_id id;
    std::string name;  ///< for people: "Group therapy"
    /// Who it is delivered to.
    iopcare::modality mode = modality::individual;
    /// The usual length of a session, used when a schedule gives none.
    std::chrono::minutes default_duration{60};
    /// Whether attended minutes count toward clinical program hours by default. Drug testing
    /// and outside mutual-help meetings do not; clinical services do. Rule sets may override.
    bool counts_toward_hours = true;
    /// The billing codes this service maps to, in order of preference within a system.
    std::vector<billing_code> billing_codes{};
};

/// The billing code of each system to put on a session of `length`: per system, the code with
/// the largest `from_minutes` not above the length (the first listed among equals); a system
/// none of whose codes applies (a 10-minute psychotherapy session) gives none. Systems in the
/// order the service lists them.
[[nodiscard]] IOPCARE_API std::vector<billing_code> billing_codes_for(const service& s, std::chrono::minutes length);

/// The services a host works with: the standard set, or its own. Looks services up by id,
/// forgiving case, spaces and hyphens, and by billing code.
class IOPCARE_API service_catalog {
public:
    /// Iterates the services in insertion order.
    using const_iterator = std::vector<service>::const_iterator;

    /// An empty catalog.
    service_catalog() = default;

    /// The services named in the seed documents (see README): shared, immutable. Copy to extend.
    [[nodiscard]] static const service_catalog& standard();

    /// Adds a service. Throws errc::invalid_service when the id is not snake_case
    /// ([a-z][a-z0-9_]*) or the duration is not positive, errc::duplicate_service on a repeat.
    void add(service s);

    /// Looks a service up by its id; spaces, hyphens and case are forgiven
    /// ("Group Therapy" and "group-therapy" find group_therapy).
    [[nodiscard]] const service* find(std::string_view id) const noexcept;
    /// As find(); an unknown service throws errc::unknown_service naming it.
    [[nodiscard]] const service& at(std::string_view id) const;
    /// Whether find() finds a service.
    [[nodiscard]] bool contains(std::string_view id) const noexcept { return find(id) != nullptr; }

    /// Maps a billing code to a service (appended to its billing_codes). Throws
    /// errc::unknown_service for an unknown service, errc::invalid_service for an empty system
    /// or code, or a code already mapped (to this service or another): a code means one service.
    void add_billing_code(std::string_view service, billing_code code);
    /// The service a billing code maps to, or nullptr. The HCPCS OID form is read as the HCPCS
    /// system; codes compare exactly.
    [[nodiscard]] const service* find_by_billing_code(std::string_view system, std::string_view code) const noexcept;

    /// The services, in insertion order.
    [[nodiscard]] std::span<const service> services() const noexcept { return services_; }
    /// First service, for range-for over the catalog.
    [[nodiscard]] const_iterator begin() const noexcept { return services_.begin(); }
    /// Past the last service.
    [[nodiscard]] const_iterator end() const noexcept { return services_.end(); }
    /// How many services.
    [[nodiscard]] std::size_t size() const noexcept { return services_.size(); }

private:
    std::vector<service> services_;
};

/// Standard service ids, for code that wants a compile-time name.
namespace services {
/// The id of the standard service of that name (service_catalog::standard()).
///@{
inline constexpr std::string_view individual_therapy = "individual_therapy";
inline constexpr std::string_view group_therapy = "group_therapy";
inline constexpr std::string_view family_therapy = "family_therapy";
inline constexpr std::string_view medication_management = "medication_management";
inline constexpr std::string_view psychoeducation = "psychoeducation";
inline constexpr std::string_view relapse_prevention = "relapse_prevention";
inline constexpr std::string_view case_management = "case_management";
inline constexpr std::string_view drug_testing = "drug_testing";
inline constexpr std::string_view assessment = "assessment";
inline constexpr std::string_view crisis_intervention = "crisis_intervention";
inline constexpr std::string_view twelve_step_facilitation = "twelve_step_facilitation";
inline constexpr std::string_view mutual_help_meeting = "mutual_help_meeting";
inline constexpr std::string_view peer_support = "peer_support";
inline constexpr std::string_view art_therapy = "art_therapy";
inline constexpr std::string_view music_therapy = "music_therapy";
inline constexpr std::string_view yoga = "yoga";
inline constexpr std::string_view aftercare_planning = "aftercare_planning";
///@}
}  // namespace services

}  // namespace iopcare
