// Internal: an RFC 4180 reader of CSV rows, from a stream a block at a time or from text in
// memory. A field is a view into the block (only a quoted field with a doubled quote is
// copied), so a million-row file costs no allocation per field; errors name FILE:LINE:COLUMN.
// Used by the attendance CSV reader (attendance_csv.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/error.hpp"

namespace iopcare::io::detail {

inline constexpr std::size_t block_size = std::size_t{1} << 20;
// A row of attendance is well under a kilobyte; a longer one means a binary file or missing
// line ends, and holding it whole would make memory grow with the file.
inline constexpr std::size_t max_row_bytes = std::size_t{1} << 20;

// A field and where it starts, for FILE:LINE:COLUMN errors (the column counts bytes).
struct csv_field {
    std::string_view text;
    std::size_t line = 1;
    std::size_t column = 1;
};

// An RFC 4180 reader. Lines end at LF, CRLF or a lone CR (old Mac files): each counts one line.
class csv_rows {
public:
    csv_rows(std::string_view text, std::string_view source) : s_(text), source_(source) { skip_bom(); }
    // Whole rows from the middle of an input, whose first line is `first_line` (a piece of it
    // read on another thread: no byte-order mark there).
    csv_rows(std::string_view text, std::string_view source, std::size_t first_line)
        : s_(text), source_(source), line_(first_line) {}
    csv_rows(std::istream& in, std::string_view source) : in_(&in), source_(source), eof_(false) {
        buf_.reserve(block_size);
        while (s_.size() < 3 && refill()) {
        }
        skip_bom();
    }
    // The rest of a stream after `prefix`, which starts a row on line `first_line`.
    csv_rows(std::istream& in, std::string_view source, std::string prefix, std::size_t first_line)
        : in_(&in), buf_(std::move(prefix)), source_(source), line_(first_line), eof_(false) {
        s_ = buf_;
    }

    // The next row, or false at the end of the input. Its fields stay valid until the next call.
    bool next(std::vector<csv_field>& row) {
        for (;;) {
            if (i_ >= s_.size() && !refill()) return false;
            if (parse_row(row)) return true;
            refill();  // the block ended inside the row (at the end of the input a row completes)
        }
    }

    [[noreturn]] void fail(std::size_t line, std::size_t column, const std::string& message,
                           std::string_view value = {}, errc code = errc::parse_error) const {
        throw error(code, std::string(source_) + ":" + std::to_string(line) + ":" + std::to_string(column),
                    std::string(value), message);
    }
    [[nodiscard]] std::size_t row_line() const noexcept { return row_line_; }
    // The line the next row starts on.
    [[nodiscard]] std::size_t line() const noexcept { return line_; }
    // Hands over what is read from the stream and not yet parsed; true when that is all the
    // input left. The reader is done afterwards.
    bool take_rest(std::string& rest) {
        rest.assign(s_.substr(std::min(i_, s_.size())));
        i_ = s_.size();
        return in_ == nullptr || eof_;
    }
    // Where the next row starts in the text read from memory.
    [[nodiscard]] std::size_t position() const noexcept { return std::min(i_, s_.size()); }
    // Whether the last row is all ASCII (then every field is UTF-8 without a closer look).
    [[nodiscard]] bool row_ascii() const noexcept { return row_ascii_; }

private:
    // Where the parse stands: the position in s_, the line, and where that line starts (bytes
    // from the start of the input, so that a column survives a refill).
    struct cursor {
        std::size_t i = 0;
        std::size_t line = 1;
        std::uint64_t line_start = 0;
    };

    void skip_bom() {
        if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3, line_start_ = 3;  // a UTF-8 byte-order mark
    }
    [[nodiscard]] std::size_t column(const cursor& c, std::size_t at) const {
        return static_cast<std::size_t>(consumed_ + at - c.line_start) + 1;
    }
    void new_line(cursor& c, std::size_t next) const {
        ++c.line;
        c.line_start = consumed_ + next;
    }

    // Keeps the unread part of the block and reads more after it; false at the end of input.
    bool refill() {
        if (in_ == nullptr || eof_) return false;
        const std::size_t keep = s_.size() - i_;
        if (keep >= max_row_bytes) {
            fail(line_, 1, "this row is longer than " + std::to_string(max_row_bytes) +
                               " bytes; is the file CSV text? (a binary file, or line ends missing)");
        }
        buf_.erase(0, i_);
        consumed_ += i_;
        i_ = 0;
        buf_.resize(keep + block_size);
        in_->read(buf_.data() + keep, static_cast<std::streamsize>(block_size));
        const auto got = static_cast<std::size_t>(in_->gcount());
        if (in_->bad()) fail(line_, 1, "error while reading", {}, errc::io_error);
        buf_.resize(keep + got);
        eof_ = got < block_size;
        s_ = buf_;
        return got > 0 || keep > 0;
    }

    bool quoted_field(cursor& c, csv_field& f, std::size_t k);
    bool plain_field(cursor& c, csv_field& f);
    bool plain_row(std::vector<csv_field>& row);
    bool plain_row_checked(std::vector<csv_field>& row);
    bool end_row(bool ascii, std::size_t stop);
    bool parse_row(std::vector<csv_field>& row);

    std::istream* in_ = nullptr;
    std::string buf_;
    std::string_view s_;
    std::string_view source_;
    std::uint64_t consumed_ = 0;  // bytes of the input before s_
    std::size_t i_ = 0;
    std::size_t line_ = 1;
    std::uint64_t line_start_ = 0;
    std::size_t row_line_ = 1;
    bool eof_ = true;
    bool row_ascii_ = false;
    // By field position: a quoted field's text, which the row's fields view. A deque, because
    // growing it must not move the strings already there (a short one lives inside its object).
    std::deque<std::string> unquoted_;
};

// A quoted field from c.i (at its opening quote); false when the block ends inside it.

}  // namespace iopcare::io::detail
