// Small text helpers shared by the compiled parts of the library (not installed).
#pragma once

#include <algorithm>
#include <cctype>
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

}  // namespace iopcare::detail
