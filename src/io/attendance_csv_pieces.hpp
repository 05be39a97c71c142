// Internal: the pipelined CSV reader of text in memory with a piece size of the caller's
// choosing. read_attendance_csv cuts text into quarter-mebibyte pieces, which no small input
// reaches; tests and the fuzzer cut small inputs into pieces of a few bytes instead, so that
// cuts fall everywhere (inside quoted fields, in CRLF pairs, in rows longer than two pieces).
// Exported, not installed: the tests of the shared library call it too.
#pragma once

#include <cstddef>
#include <string_view>

#include "iopcare/io/attendance.hpp"
#include "iopcare/io/export.hpp"

namespace iopcare::io::detail {

// read_attendance_csv(csv_text, zone, sink, source, threads), the text cut after the first
// line end past each `piece_bytes` (at least 1) instead of each quarter mebibyte.
IOPCARE_IO_API std::size_t read_attendance_csv_in_pieces(std::string_view csv_text, const attendance_sink& sink,
                                                         std::string_view source, unsigned threads,
                                                         std::size_t piece_bytes);

}  // namespace iopcare::io::detail
