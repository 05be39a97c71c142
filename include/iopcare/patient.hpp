/// @file
/// The one patient identifier of iopcare: the text a host's record names
/// a patient by (an MRN, a FHIR id, "p-104"). Schedules, attendance, validation, episodes,
/// placement and every export use it; program files may keep numeric ids, read as their text.
#pragma once

#include <compare>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

#include "iopcare/detail/export.hpp"

namespace iopcare {

/// Opaque to iopcare: compared as written, never parsed. Made from text implicitly (a host's ids
/// are text: `r.patient = "mrn-1"`, `{.patient = mrn}`), but it is not text: it converts to no
/// string, level code or service id, so a patient is never passed where one of those is meant.
/// `std::hash<iopcare::patient_id>` is specialized, so it can key an unordered container.
class patient_id {
public:
    /// An empty id.
    patient_id() = default;
    /// The id, as the host's record writes it; any text, compared byte for byte.
    patient_id(std::string id) noexcept : id_(std::move(id)) {}    // NOLINT: implicit by design
    /// As above, copying the text.
    patient_id(std::string_view id) : id_(id) {}                     // NOLINT
    /// As above; `id` must not be null.
    patient_id(const char* id) : id_(id) {}                          // NOLINT

    /// The id's text, as given.
    [[nodiscard]] const std::string& str() const noexcept { return id_; }
    /// Whether the id is empty (no patient named).
    [[nodiscard]] bool empty() const noexcept { return id_.empty(); }

    /// Ordered as the text, byte by byte.
    friend auto operator<=>(const patient_id&, const patient_id&) = default;
    /// Equal when the texts are; also compares with text (`p == "p-104"`).
    friend bool operator==(const patient_id&, const patient_id&) = default;  // also `p == "p-104"`

private:
    std::string id_;
};

/// Prints the id as written.
IOPCARE_API std::ostream& operator<<(std::ostream& os, const patient_id& p);

}  // namespace iopcare

/// @cond
// Doxygen cannot place a specialization in namespace std; patient_id's page mentions it.
template <>
struct std::hash<iopcare::patient_id> {
    std::size_t operator()(const iopcare::patient_id& p) const noexcept { return std::hash<std::string>{}(p.str()); }
};
/// @endcond
