// UTF-8 checking and the escapers for text and CSV output.
#include "iopcare/text.hpp"

#include <cstdint>

namespace iopcare {

namespace {

// The length of the well-formed UTF-8 sequence starting at text[i] and its code point, or 0
// when the bytes there are not one (RFC 3629, table 3-7 of the Unicode standard).
std::size_t decode(std::string_view text, std::size_t i, char32_t& cp) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) n = 2;
    else if (b0 >= 0xE0 && b0 <= 0xEF) n = 3, lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
    else if (b0 >= 0xF0 && b0 <= 0xF4) n = 4, lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
    else return 0;
    if (text.size() - i < n) return 0;
    cp = b0 & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        const unsigned char b = byte(i + k);
        if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    return n;
}

// Code points that change how the text around them reads: C1 controls, the line and paragraph
// separators, and the bidirectional formatting characters.
bool misleading(char32_t cp) noexcept {
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

void append_hex(std::string& out, std::uint32_t v, int digits) {
    constexpr char hex[] = "0123456789ABCDEF";
    for (int d = digits - 1; d >= 0; --d) out += hex[(v >> (4 * d)) & 0xF];
}

}  // namespace

std::size_t invalid_utf8_at(std::string_view text) noexcept {
    char32_t cp = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = decode(text, i, cp);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    char32_t cp = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = decode(text, i, cp);
        if (n == 0) {  // not UTF-8: the byte itself, in hex
            out += "\\x";
            append_hex(out, static_cast<unsigned char>(text[i]), 2);
            ++i;
            continue;
        }
        if (cp == '\\') out += "\\\\";
        else if (cp == '\n') out += "\\n";
        else if (cp == '\r') out += "\\r";
        else if (cp == '\t') out += "\\t";
        else if (cp < 0x20 || cp == 0x7F) out += "\\x", append_hex(out, cp, 2);
        else if (misleading(cp)) out += "\\u", append_hex(out, cp, 4);
        else out.append(text.substr(i, n));
        i += n;
    }
    return out;
}

std::string csv_field(std::string_view text) {
    bool quote = false;
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        quote = quote || c == ',' || c == '"' || b < 0x20 || b == 0x7F;
    }
    if (!quote) return std::string(text);
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string counted(std::size_t n, std::string_view singular, std::string_view plural) {
    std::string out = std::to_string(n) + " ";
    if (n == 1) return out.append(singular);
    if (!plural.empty()) return out.append(plural);
    return out.append(singular).append("s");
}

}  // namespace iopcare
