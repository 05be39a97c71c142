/// @file
/// FHIR R4 exchange: episodes, schedules and attendance out as a Bundle;
/// Encounters (and the EpisodeOfCares they point to) in as attendance for validation. Part of
/// the optional iopcare::io target; no FHIR library is needed, only nlohmann-json inside.
///
/// Export, field by field (the README's "FHIR" section has the full table):
/// ```
///   Patient        one per patient named anywhere: id (the patient id when it is a valid FHIR id,
///                  else "pt-" and a hash), identifier {system: BASE/patient-id, value: id}
///   EpisodeOfCare  one per level stay (episodes), else per enrollment: status finished once
///                  discharged, else active; patient; period (dates); type coded with the level
///                  code under BASE/CodeSystem/asam3-level or asam4-level; the discharge reason
///                  in the extension BASE/StructureDefinition/discharge-reason (valueCode)
///   Schedule, Slot a program group's sessions: Slot start/end instants, status busy when the
///                  group is full, else free; capacity and booked seats in the extensions
///                  BASE/StructureDefinition/slot-capacity and slot-booked (valueUnsignedInt)
///   Appointment    one per scheduled session of a patient: status booked, or fulfilled
///                  (attended, partial), noshow (absent), cancelled (excused, cancelled) from
///                  the attendance when known; start/end instants with offset; minutesDuration;
///                  serviceType; the patient and the facilitator as participants; the Slot
///   Encounter      one per attended or partial record: status finished, class AMB (v3
///                  ActCode), period, length in minutes (UCUM), serviceType and type, subject,
///                  the EpisodeOfCare covering its day, the Appointment when one matches
/// ```
/// Services are coded with BASE/CodeSystem/service (our snake_case id) and, where one exists,
/// the CPT or HCPCS code an EHR bills (service_catalog's mapping, by the session's length).
/// Ids are deterministic: the same input exports the same ids, so a re-export updates rather
/// than duplicates, and every reference names an entry of the same Bundle ("Type/id").
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "iopcare/attendance.hpp"
#include "iopcare/calendar.hpp"
#include "iopcare/io/export.hpp"
#include "iopcare/episodes.hpp"
#include "iopcare/io/attendance.hpp"
#include "iopcare/schedule.hpp"
#include "iopcare/service.hpp"

namespace iopcare::io {

/// The type of Bundle to_fhir_bundle() writes.
enum class fhir_bundle_type : unsigned char {
    collection,   ///< a set of resources
    transaction,  ///< each entry with a PUT request to Type/id, ready to post to a FHIR server
};

/// "collection" or "transaction".
[[nodiscard]] IOPCARE_IO_API std::string_view to_string(fhir_bundle_type t) noexcept;

/// Options of the FHIR export and import.
struct fhir_options {
    /// The type of Bundle written.
    fhir_bundle_type bundle = fhir_bundle_type::collection;
    /// The canonical base of iopcare's code systems and extensions. Hosts that publish their own
    /// definitions set theirs; importing reads codes under the same base.
    std::string base = "http://iopcare.org/fhir";
    /// When set, each entry gets fullUrl = server_base + "/Type/id".
    std::string server_base{};
    /// The edition of level codes that carry none (enrollments, a program's level).
    edition level_edition = edition::asam3;
    /// How a local time a DST change skips or repeats becomes an instant.
    dst_policy local_times = dst_policy::shift_forward;
};

/// What one Bundle holds; every part is optional (nullptr when absent).
struct fhir_export {
    const schedule* program_schedule = nullptr;       ///< Schedule, Slot, Appointment per session
    std::chrono::year_month_day from{};               ///< the sessions of [from, from + weeks)
    /// How many weeks of sessions, from `from`.
    unsigned weeks = 0;
    const attendance_log* attendance = nullptr;       ///< Appointment statuses and Encounters
    const time_zone* zone = nullptr;                  ///< of the attendance's local times; else
                                                      ///< the program's, else UTC
    const episode_record* episodes = nullptr;         ///< EpisodeOfCare per stay
    const service_catalog* services = nullptr;        ///< nullptr = service_catalog::standard()
};

/// How many resources of each type a Bundle holds ("Appointment": 24, ...).
using fhir_counts = std::map<std::string, std::size_t>;

/// A FHIR R4 Bundle, and what it holds.
struct fhir_bundle {
    std::string json;    ///< the Bundle, pretty-printed
    fhir_counts counts;  ///< resources by type
};

/// Builds the Bundle. Throws what expanding the schedule throws, and errc::invalid_argument when
/// nothing is given to export.
[[nodiscard]] IOPCARE_IO_API fhir_bundle to_fhir_bundle(const fhir_export& what, const fhir_options& options = {});

/// The result of reading FHIR attendance.
struct fhir_attendance {
    /// The attendance read, with the zone given.
    attendance_file file;
    fhir_counts ignored;              ///< resources of other types, by type (Patient, Slot, ...)
    std::size_t entered_in_error = 0; ///< Encounters skipped because they were entered in error
    fhir_counts not_finished;         ///< Encounters skipped by status (planned, in-progress, ...)
};

/// Whether a JSON (or NDJSON) text is FHIR: its first object has a "resourceType".
[[nodiscard]] IOPCARE_IO_API bool looks_like_fhir(std::string_view text) noexcept;

/// Reads a Bundle (or NDJSON of resources) of Encounters and EpisodeOfCares as attendance:
///  - the patient is the id part of `subject` / `patient` ("Patient/e1" gives "e1");
///  - the service comes from serviceType, then type: our code system, or CPT/HCPCS through the
///    service catalog's mapping; with no mappable coding the record keeps "SYSTEM|CODE" of its
///    first coding as its service, so validation rejects it naming the code;
///  - a `finished` Encounter is attended for its period, or for `length` from its start when
///    the period has no end; `cancelled` becomes absent; `entered-in-error` is skipped and
///    counted; other statuses are skipped and counted by status;
///  - an EpisodeOfCare becomes the enrollment of its patient (several are joined: the earliest
///    start, the latest end, the level of the latest).
/// Times with offsets are instants; `zone` is the program's, for local weeks. Malformed FHIR (a
/// wrong type, an Encounter without a period start, a malformed instant, a Bundle that is not a
/// Bundle) throws errc::parse_error or errc::wrong_type naming the entry and field
/// ("/entry/3/resource/period/start").
[[nodiscard]] IOPCARE_IO_API fhir_attendance parse_fhir_attendance(std::string_view text, const time_zone& zone,
                                                                std::string_view source = "<input>",
                                                                const fhir_options& options = {},
                                                                const service_catalog* services = nullptr);

}  // namespace iopcare::io
