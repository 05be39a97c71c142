/// @file
/// Text that cannot lie: the UTF-8 check the loaders apply to ids and names,
/// and the two escapers every writer of iopcare uses for them, one for line-oriented text and
/// one for CSV. An id is opaque data from someone else's file: in a report it must neither
/// break a line, move the cursor, reorder the text around it (bidirectional overrides) nor
/// reach the terminal as a raw byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "iopcare/detail/export.hpp"

namespace iopcare {

/// The offset of the first byte that does not belong to well-formed UTF-8 (RFC 3629: no
/// overlong forms, no surrogates, nothing above U+10FFFF), or std::string_view::npos.
[[nodiscard]] IOPCARE_API std::size_t invalid_utf8_at(std::string_view text) noexcept;

/// `text` for a line of a text report, reversibly: a backslash becomes `\\`; newline, carriage
/// return and tab `\n`, `\r`, `\t`; other C0 controls, DEL and bytes that are not UTF-8
/// `\xHH`; C1 controls, the line and paragraph separators (U+2028, U+2029) and the
/// bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) `\uHHHH`.
/// Everything else, any length, is kept as it is.
[[nodiscard]] IOPCARE_API std::string escape_text(std::string_view text);

/// One field of an RFC 4180 CSV line: quoted, with quotes doubled, when it holds a comma, a
/// quote or any control character (so a newline stays inside its field); otherwise as it is.
[[nodiscard]] IOPCARE_API std::string csv_field(std::string_view text);

/// A count with its noun, singular for exactly one: counted(1, "place") is "1 place",
/// counted(3, "place") "3 places", counted(2, "day", "days") when the plural is not noun + "s".
[[nodiscard]] IOPCARE_API std::string counted(std::size_t n, std::string_view singular, std::string_view plural = {});

}  // namespace iopcare
