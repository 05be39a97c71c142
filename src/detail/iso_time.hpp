// ISO 8601 date-time digits written straight into a buffer (not installed). Writers that put
// two date-times on each of a million rows spent half their time in printf's format parsing.
#pragma once

#include <chrono>

namespace iopcare::detail {

inline char* put_digits(char* p, unsigned value, int width) noexcept {
    for (int i = width - 1; i >= 0; --i) {
        p[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return p + width;
}

// "YYYY-MM-DDTHH:MM:SS" (19 characters) for `t` read as civil time, or nullptr, writing
// nothing, when its year is outside 0..9999 and four digits cannot say it.
inline char* iso_datetime_chars(char* p, std::chrono::sys_seconds t) noexcept {
    const auto d = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{d};
    const int year = static_cast<int>(ymd.year());
    if (year < 0 || year > 9999) return nullptr;
    const auto s = static_cast<unsigned>((t - d).count());
    p = put_digits(p, static_cast<unsigned>(year), 4);
    *p++ = '-';
    p = put_digits(p, static_cast<unsigned>(ymd.month()), 2);
    *p++ = '-';
    p = put_digits(p, static_cast<unsigned>(ymd.day()), 2);
    *p++ = 'T';
    p = put_digits(p, s / 3600, 2);
    *p++ = ':';
    p = put_digits(p, s / 60 % 60, 2);
    *p++ = ':';
    return put_digits(p, s % 60, 2);
}

}  // namespace iopcare::detail
