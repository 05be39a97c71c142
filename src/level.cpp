#include "iopcare/level.hpp"

#include <cctype>
#include <cstdio>
#include <ostream>
#include <string>

#include "detail/text.hpp"

namespace iopcare {

std::string_view to_string(edition e) noexcept {
    switch (e) {
        case edition::asam3: return "asam3";
        case edition::asam4: return "asam4";
        case edition::custom: return "custom";
    }
    return "custom";
}

std::string_view to_string(care_setting s) noexcept {
    switch (s) {
        case care_setting::outpatient: return "outpatient";
        case care_setting::day: return "day";
        case care_setting::residential: return "residential";
        case care_setting::hospital: return "hospital";
    }
    return "outpatient";
}

std::string_view to_string(medical_care m) noexcept {
    switch (m) {
        case medical_care::clinically_managed: return "clinically_managed";
        case medical_care::medically_monitored: return "medically_monitored";
        case medical_care::medically_managed: return "medically_managed";
    }
    return "clinically_managed";
}

std::string_view to_string(population p) noexcept {
    return p == population::adult ? "adult" : "adolescent";
}

std::ostream& operator<<(std::ostream& os, const level_code& code) { return os << code.str(); }

std::string_view to_string(level_purpose p) noexcept {
    return p == level_purpose::treatment ? "treatment" : "withdrawal_management";
}

namespace {

// Reads a Roman numeral from I to IV at the front of `s`; returns its value and advances.
int take_roman(std::string_view& s) {
    static constexpr std::pair<std::string_view, int> numerals[] = {
        {"III", 3}, {"IV", 4}, {"II", 2}, {"I", 1}};
    for (auto [text, value] : numerals) {
        if (s.substr(0, text.size()) == text) {
            s.remove_prefix(text.size());
            return value;
        }
    }
    return -1;
}

}  // namespace

std::optional<level_code> parse_level_code(std::string_view text) {
    std::string upper = detail::to_upper(detail::trim(text));
    std::string_view s = upper;
    for (std::string_view prefix : {std::string_view("ASAM"), std::string_view("LEVEL")}) {
        if (s.substr(0, prefix.size()) == prefix) {
            s.remove_prefix(prefix.size());
            s = detail::trim(s);
            if (!s.empty() && s.front() == ':') s = detail::trim(s.substr(1));
        }
    }
    if (s == "OTS" || s == "OTP") return level_code("OTS");
    if (s.empty()) return std::nullopt;

    int major = -1;
    if (std::isdigit(static_cast<unsigned char>(s.front()))) {
        major = s.front() - '0';
        s.remove_prefix(1);
    } else {
        major = take_roman(s);
    }
    if (major < 0 || major > 4) return std::nullopt;

    std::string code = std::to_string(major);
    if (!s.empty() && s.front() == '.') {
        s.remove_prefix(1);
        if (s.empty() || !std::isdigit(static_cast<unsigned char>(s.front()))) return std::nullopt;
        code += '.';
        code += s.front();
        s.remove_prefix(1);
    }
    if (!s.empty() && std::isdigit(static_cast<unsigned char>(s.front()))) return std::nullopt;

    // What is left may only be a withdrawal-management suffix: "-WM", " WM", "WM", "-D", "D".
    while (!s.empty() && (s.front() == '-' || s.front() == ' ' || s.front() == '_')) s.remove_prefix(1);
    if (s == "WM" || s == "D") {
        code += "-WM";
    } else if (!s.empty()) {
        return std::nullopt;
    }
    if (major == 0 && code != "0.5") return std::nullopt;
    return level_code(std::move(code));
}

std::string hour_band::describe() const {
    auto hours = [](minutes m) {
        return m.count() % 60 == 0 ? std::to_string(m.count() / 60)
                                   : detail::printf_string("%.2f", static_cast<double>(m.count()) / 60.0);
    };
    std::string out;
    if (!maximum) {
        out = hours(minimum) + "+";
    } else if (minimum.count() == 0) {
        out = (maximum_inclusive ? "<=" : "<") + hours(*maximum);
    } else {
        out = hours(minimum) + (maximum_inclusive ? "-" : "-<") + hours(*maximum);
    }
    return out + " h/week";
}

}  // namespace iopcare
