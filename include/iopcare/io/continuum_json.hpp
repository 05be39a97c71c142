/// @file
/// The `iopcare.continuum/1` JSON format and JSON views of the
/// level catalogs. Part of the optional iopcare::io target (needs nlohmann-json at build time;
/// nothing of it appears in this header).
///
/// iopcare.continuum/1:
/// ```
///   { "format": "iopcare.continuum/1", "name": "...", "edition": "asam3" | "asam4",
///     "levels": ["3.5", "2.1", ...],                       (optional: taken from transitions)
///     "transitions": [ { "from": "community" | code, "to": code | "discharge",
///                        "kind": "admission" | "step_down" | ..., (optional: inferred)
///                        "p": 0.45,                                 (optional)
///                        "criteria": "..." } ] }                     (optional)
/// ```
#pragma once

#include <string>
#include <string_view>

#include "iopcare/catalog.hpp"
#include "iopcare/continuum.hpp"
#include "iopcare/io/export.hpp"

namespace iopcare::io {

/// Reads a whole file; a missing or unreadable file throws errc::io_error naming it.
[[nodiscard]] IOPCARE_IO_API std::string read_text_file(const std::string& path);

/// A parsed continuum file: the spec and the edition whose catalog its codes belong to.
struct continuum_document {
    /// The continuum as written.
    continuum_spec spec;
    /// The edition of its level codes.
    edition catalog_edition = edition::asam3;
};

/// Parses iopcare.continuum/1. Errors name the JSON path (or SOURCE:LINE:COLUMN for syntax).
/// The spec is not yet checked against the catalog: call continuum::build (or check) for that.
[[nodiscard]] IOPCARE_IO_API continuum_document parse_continuum(std::string_view json_text,
                                                             std::string_view source = "<input>");

/// A continuum as iopcare.continuum/1 (pretty-printed with `indent` spaces; -1 for one line).
[[nodiscard]] IOPCARE_IO_API std::string to_json(const continuum& c, edition ed, int indent = 2);

/// A level catalog as JSON: {"catalog": name, "edition": "asam3", "levels": [{code, name,
/// setting, intensity_rank, twenty_four_hour, medical, withdrawal_management, purpose,
/// hours: {adult: {min_hours, max_hours, max_inclusive, source} | null, adolescent: ...}}]}
[[nodiscard]] IOPCARE_IO_API std::string to_json(const catalog& c, int indent = 2);

}  // namespace iopcare::io
