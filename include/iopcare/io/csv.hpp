// iopcare/io/csv.hpp — RFC 4180 output shared by every CSV iopcare writes: a field is quoted
// when it holds a comma, a double quote, CR or LF (inner quotes doubled), so free text such as
// a patient id or a level name can never break a row or add one.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "iopcare/detail/export.hpp"

namespace iopcare::io {

// The field as RFC 4180 writes it.
[[nodiscard]] IOPCARE_API std::string csv_field(std::string_view text);

// Appends one row: the fields joined by commas, then CRLF (RFC 4180's line end).
IOPCARE_API void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields);

}  // namespace iopcare::io
