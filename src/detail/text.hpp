// Small text helpers shared by the compiled parts of the library (not installed).
#pragma once

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdarg>
#include <cstdio>
#include <string>
#include <string_view>

namespace iopcare::detail {

inline std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

inline std::string to_upper(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

inline std::string to_lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

inline bool iequals(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

// Whether `text` spells the snake_case `word`, ignoring case and surrounding blanks and taking
// '-' or ' ' for '_': "Step-Down" spells "step_down".
inline bool word_equals(std::string_view text, std::string_view word) noexcept {
    text = trim(text);
    return text.size() == word.size() &&
           std::equal(text.begin(), text.end(), word.begin(), [](unsigned char x, unsigned char y) {
               const auto c = (x == '-' || x == ' ') ? '_' : std::tolower(x);
               return c == y;
           });
}

// printf into a string of whatever length the result needs: never a fixed buffer that cuts a
// long id or name short.
#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 1, 2)))
#endif
inline std::string printf_string(const char* format, ...) {
    std::va_list args;
    va_start(args, format);
    std::va_list again;
    va_copy(again, args);
    const int n = std::vsnprintf(nullptr, 0, format, args);
    va_end(args);
    std::string out;
    if (n > 0) {
        out.resize(static_cast<std::size_t>(n));
        std::vsnprintf(out.data(), out.size() + 1, format, again);
    }
    va_end(again);
    return out;
}

// The shortest text that reads back as exactly `v` ("1.0000001", not the "1" of six
// significant digits), for messages that show a value as the user wrote it.
inline std::string shortest(double v) {
    char buf[32];  // the shortest round-trip form of a double needs at most 24 characters
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc{} ? std::string(buf, end) : std::string("?");
}

// A computed value (a sum of probabilities) to 15 significant digits: exact for what decimal
// input adds up to, without the binary noise of the sum itself (0.7 + 0.2 reads "0.9", a sum
// of 1.0000001 still "1.0000001").
inline std::string computed(double v) { return printf_string("%.15g", v); }

}  // namespace iopcare::detail
