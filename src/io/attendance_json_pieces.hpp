// Internal: the streamed JSON attendance reader with a piece size of the caller's choosing.
// stream_attendance_json(text, on_zone, sink, threads) cuts the records array into pieces of
// about json_piece_size bytes, which no small input reaches; tests and the fuzzer cut small
// inputs into pieces of a few bytes instead, so that cuts fall everywhere (inside strings that
// look like the end of a record, say). Exported, not installed: the tests of the shared library
// call it too.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include "iopcare/io/attendance.hpp"
#include "iopcare/io/export.hpp"

namespace iopcare::io::detail {

// A piece's size: its records (about 2,000) are still in cache when they are handed on.
inline constexpr std::size_t json_piece_size = std::size_t{1} << 18;

// stream_attendance_json(json_text, on_zone, sink, threads), the records array cut after the
// first record end past each `piece_bytes` (at least 1).
IOPCARE_IO_API bool stream_attendance_json_in_pieces(std::string_view json_text,
                                                     const std::function<bool(const time_zone&)>& on_zone,
                                                     const attendance_sink& sink, unsigned threads,
                                                     std::size_t piece_bytes);

}  // namespace iopcare::io::detail
