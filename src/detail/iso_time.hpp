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

// "YYYY-MM-DD" (10 characters), or nullptr, writing nothing, when a part does not fit its
// digits: a year outside 0..9999, or a month or day past 99 (a date that is not ok() may hold
// one), which printf's minimum widths would show whole.
inline char* iso_date_chars(char* p, const std::chrono::year_month_day& ymd) noexcept {
    const int year = static_cast<int>(ymd.year());
    const auto month = static_cast<unsigned>(ymd.month());
    const auto day = static_cast<unsigned>(ymd.day());
    if (year < 0 || year > 9999 || month > 99 || day > 99) return nullptr;
    p = put_digits(p, static_cast<unsigned>(year), 4);
    *p++ = '-';
    p = put_digits(p, month, 2);
    *p++ = '-';
    return put_digits(p, day, 2);
}

// "YYYY-MM-DDTHH:MM:SS" (19 characters) for `t` read as civil time, or nullptr, writing
// nothing, when its year is outside 0..9999 and four digits cannot say it.
inline char* iso_datetime_chars(char* p, std::chrono::sys_seconds t) noexcept {
    const auto d = std::chrono::floor<std::chrono::days>(t);
    p = iso_date_chars(p, std::chrono::year_month_day{d});
    if (p == nullptr) return nullptr;
    const auto s = static_cast<unsigned>((t - d).count());
    *p++ = 'T';
    p = put_digits(p, s / 3600, 2);
    *p++ = ':';
    p = put_digits(p, s / 60 % 60, 2);
    *p++ = ':';
    return put_digits(p, s % 60, 2);
}

}  // namespace iopcare::detail
