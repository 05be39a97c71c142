/// @file
/// RFC 4180 rows for the CSV tables iopcare writes. Each field goes through
/// iopcare::csv_field (iopcare/text.hpp), so free text such as a patient id or a level name can
/// never break a row or add one.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "iopcare/io/export.hpp"
#include "iopcare/text.hpp"

namespace iopcare::io {

/// Appends one row: the fields, each as csv_field writes it, joined by commas, then CRLF
/// (RFC 4180's line end).
IOPCARE_IO_API void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields);

}  // namespace iopcare::io
