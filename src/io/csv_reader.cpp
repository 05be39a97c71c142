// The RFC 4180 row reader (csv_reader.hpp): the quoted, plain and usual-row paths.
#include "io/csv_reader.hpp"

#include <bit>
#include <cstring>

#include "detail/bytes.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace iopcare::io::detail {

bool csv_rows::quoted_field(cursor& c, csv_field& f, std::size_t k) {
    if (unquoted_.size() <= k) unquoted_.resize(k + 1);
    std::string& text = unquoted_[k];
    text.clear();
    ++c.i;
    for (;;) {
        if (c.i >= s_.size()) {
            if (!eof_) return false;
            fail(f.line, f.column, "a quoted field is not closed");
        }
        const char ch = s_[c.i];
        if (ch == '"') {
            if (c.i + 1 >= s_.size() && !eof_) return false;
            if (c.i + 1 < s_.size() && s_[c.i + 1] == '"') {
                text += '"';
                c.i += 2;
                continue;
            }
            ++c.i;
            break;
        }
        if (ch == '\r' && c.i + 1 >= s_.size() && !eof_) return false;
        text += ch;
        ++c.i;
        if (ch == '\n' || (ch == '\r' && (c.i == s_.size() || s_[c.i] != '\n'))) new_line(c, c.i);
    }
    if (c.i >= s_.size() && !eof_) return false;
    if (c.i < s_.size() && s_[c.i] != ',' && s_[c.i] != '\n' && s_[c.i] != '\r') {
        fail(c.line, column(c, c.i), "expected a comma or the end of the line after a quoted field");
    }
    f.text = text;
    return true;
}

// An unquoted field from c.i; false when the block ends inside it.
bool csv_rows::plain_field(cursor& c, csv_field& f) {
    std::size_t j = c.i;
    while (j < s_.size()) {
        const char ch = s_[j];
        if (ch == ',' || ch == '\n' || ch == '\r') break;
        if (ch == '"') fail(c.line, column(c, j), "a quote inside an unquoted field");
        ++j;
    }
    if (j >= s_.size() && !eof_) return false;
    f.text = s_.substr(c.i, j - c.i);
    c.i = j;
    return true;
}

#if defined(__SSE2__)
// The usual row in one pass, sixteen bytes at a time: the line end, the commas, and the quotes,
// CRs and bytes above ASCII are found in the same load. (Finding the line end with memchr and
// then the commas eight bytes at a time, as plain_row_checked does, was about 660 instructions
// for a row of 55 bytes, most of the time of reading CSV attendance.) A row this pass does not
// settle (a quote; a CR but the one just before the line end; no line end in the block's whole
// sixteen-byte runs or within max_row_bytes) goes to plain_row_checked, which judges it as
// before.
bool csv_rows::plain_row(std::vector<csv_field>& row) {
    const cursor c{i_, line_, line_start_};
    row.clear();
    std::size_t from = i_;
    const auto fields_to = [&](unsigned commas, std::size_t j) {
        for (; commas != 0; commas &= commas - 1) {
            const std::size_t comma = j + static_cast<std::size_t>(std::countr_zero(commas));
            row.push_back(csv_field{s_.substr(from, comma - from), line_, column(c, from)});
            from = comma + 1;
        }
    };
    const __m128i line_end = _mm_set1_epi8('\n');
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i cr = _mm_set1_epi8('\r');
    unsigned high = 0;  // bytes above ASCII
    for (std::size_t j = i_; j + 16 <= s_.size() && j - i_ <= max_row_bytes; j += 16) {
        const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_.data() + j));
        const auto bits = [&w](__m128i b) { return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(w, b))); };
        const unsigned ends = bits(line_end);
        const unsigned odd = bits(quote) | bits(cr);
        const unsigned commas = bits(comma);
        const auto highs = static_cast<unsigned>(_mm_movemask_epi8(w));
        if (ends == 0) {
            if (odd != 0) break;
            high |= highs;
            fields_to(commas, j);
            continue;
        }
        const auto at = static_cast<unsigned>(std::countr_zero(ends));  // the line end's byte
        const unsigned row_bits = (1U << at) - 1;
        const unsigned odd_in = odd & row_bits;
        // A CR just before the line end belongs to it; any other CR, or a quote, is not plain.
        const bool crlf = odd_in != 0 && odd_in == 1U << (at - 1) && s_[j + at - 1] == '\r';
        if (odd_in != 0 && !crlf) break;
        const std::size_t stop = j + at;
        if (stop - i_ > max_row_bytes) break;
        const unsigned text_bits = crlf ? row_bits >> 1 : row_bits;
        high |= highs & text_bits;
        fields_to(commas & text_bits, j);
        row.push_back(csv_field{s_.substr(from, (crlf ? stop - 1 : stop) - from), line_, column(c, from)});
        return end_row(high == 0, stop);
    }
    return plain_row_checked(row);
}
#else
bool csv_rows::plain_row(std::vector<csv_field>& row) { return plain_row_checked(row); }
#endif

// Past the row that ends at `stop` (its line end); `ascii`: its text is all ASCII.
bool csv_rows::end_row(bool ascii, std::size_t stop) {
    row_ascii_ = ascii;
    row_line_ = line_;
    i_ = stop + 1;
    ++line_;
    line_start_ = consumed_ + i_;
    return true;
}

// The usual row, a line of unquoted fields ending inside the block: its line end found first,
// then split eight bytes at a time; false (nothing consumed) for any other (a quote, a lone
// CR), which the general parser reads and judges.
bool csv_rows::plain_row_checked(std::vector<csv_field>& row) {
    const auto* nl = static_cast<const char*>(std::memchr(s_.data() + i_, '\n', s_.size() - i_));
    if (nl == nullptr) return false;
    const auto stop = static_cast<std::size_t>(nl - s_.data());
    if (stop - i_ > max_row_bytes) return false;
    const std::size_t text_end = stop > i_ && s_[stop - 1] == '\r' ? stop - 1 : stop;
    const cursor c{i_, line_, line_start_};
    row.clear();
    std::uint64_t any = 0;
    std::size_t from = i_;
    const auto field_to = [&](std::size_t comma) {
        row.push_back(csv_field{s_.substr(from, comma - from), line_, column(c, from)});
        from = comma + 1;
    };
    std::size_t j = i_;
    if constexpr (iopcare::detail::bytes_in_order) {  // a comma's place is the place of its bit
        for (; j + 8 <= text_end; j += 8) {
            const std::uint64_t w = iopcare::detail::load_word(s_.data() + j);
            any |= w;
            if ((iopcare::detail::bytes_equal(w, '"') | iopcare::detail::bytes_equal(w, '\r')) != 0) return false;
            for (auto commas = iopcare::detail::bytes_equal(w, ','); commas != 0; commas &= commas - 1)
                field_to(j + static_cast<std::size_t>(std::countr_zero(commas)) / 8);
        }
    }
    for (; j < text_end; ++j) {
        const char ch = s_[j];
        any |= static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\r') return false;
        if (ch == ',') field_to(j);
    }
    row.push_back(csv_field{s_.substr(from, text_end - from), line_, column(c, from)});
    return end_row((any & iopcare::detail::byte_highs) == 0, stop);
}

// One row from i_; false (nothing consumed) when the block ends inside it.
bool csv_rows::parse_row(std::vector<csv_field>& row) {
    if (plain_row(row)) return true;
    row_ascii_ = false;
    row.clear();
    cursor c{i_, line_, line_start_};
    for (std::size_t k = 0;; ++k) {
        csv_field f;
        f.line = c.line;
        f.column = column(c, c.i);
        const bool whole = c.i < s_.size() && s_[c.i] == '"' ? quoted_field(c, f, k) : plain_field(c, f);
        if (!whole) return false;
        row.push_back(f);
        if (c.i < s_.size() && s_[c.i] == ',') {
            ++c.i;
            continue;
        }
        if (c.i < s_.size() && s_[c.i] == '\r') {
            if (c.i + 1 >= s_.size() && !eof_) return false;
            c.i += c.i + 1 < s_.size() && s_[c.i + 1] == '\n' ? 2 : 1;
            new_line(c, c.i);
        } else if (c.i < s_.size() && s_[c.i] == '\n') {
            ++c.i;
            new_line(c, c.i);
        }
        break;
    }
    if (c.i - i_ > max_row_bytes) {
        fail(line_, 1, "this row is longer than " + std::to_string(max_row_bytes) +
                           " bytes; is the file CSV text? (a binary file, or line ends missing)");
    }
    row_line_ = line_;
    i_ = c.i;
    line_ = c.line;
    line_start_ = c.line_start;
    return true;
}

}  // namespace iopcare::io::detail
