// iopcare/patient.hpp — the one patient identifier of iopcare: the text a host's record names
// a patient by (an MRN, a FHIR id, "p-104"). Schedules, attendance, validation, episodes,
// placement and every export use it; program files may keep numeric ids, read as their text.
#pragma once

#include <compare>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

#include "iopcare/detail/export.hpp"

namespace iopcare {

// Opaque to iopcare: compared as written, never parsed. Made from text implicitly (a host's ids
// are text: `r.patient = "mrn-1"`, `{.patient = mrn}`), but it is not text: it converts to no
// string, level code or service id, so a patient is never passed where one of those is meant.
class patient_id {
public:
    patient_id() = default;
    patient_id(std::string id) noexcept : id_(std::move(id)) {}    // NOLINT: implicit by design
    patient_id(std::string_view id) : id_(id) {}                     // NOLINT
    patient_id(const char* id) : id_(id) {}                          // NOLINT

    [[nodiscard]] const std::string& str() const noexcept { return id_; }
    [[nodiscard]] bool empty() const noexcept { return id_.empty(); }

    friend auto operator<=>(const patient_id&, const patient_id&) = default;
    friend bool operator==(const patient_id&, const patient_id&) = default;  // also `p == "p-104"`

private:
    std::string id_;
};

// Prints the id as written.
IOPCARE_API std::ostream& operator<<(std::ostream& os, const patient_id& p);

}  // namespace iopcare

template <>
struct std::hash<iopcare::patient_id> {
    std::size_t operator()(const iopcare::patient_id& p) const noexcept { return std::hash<std::string>{}(p.str()); }
};
