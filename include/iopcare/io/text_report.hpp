/// @file
/// The catalog of levels and a continuum as the plain-text tables
/// `iopcare levels` and `iopcare continuum` print; part of the optional iopcare::io target.
/// Names and criteria of any length are written in full, escaped (iopcare/text.hpp).
#pragma once

#include <string>

#include "iopcare/catalog.hpp"
#include "iopcare/continuum.hpp"
#include "iopcare/io/export.hpp"

namespace iopcare::io {

/// The catalog's name, then one row per level: code, setting, 24-hour care, the adult and
/// adolescent hour bands, name.
[[nodiscard]] IOPCARE_IO_API std::string levels_to_text(const catalog& c);
/// The continuum's name, then one line per transition: from -> to, kind, probability when
/// given, criteria when given.
[[nodiscard]] IOPCARE_IO_API std::string continuum_to_text(const continuum& c);

}  // namespace iopcare::io
