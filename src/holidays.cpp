// Holiday rules and closure calendars, with Boost.Date_Time's gregorian rules doing the
// nth/last-weekday arithmetic.
#include "iopcare/holidays.hpp"

#include <algorithm>
#include <string>

#include "iopcare/calendar.hpp"
#include "iopcare/error.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

namespace iopcare {

namespace {

namespace bg = boost::gregorian;
using namespace std::chrono;

year_month_day from_boost(const bg::date& d) {
    return year_month_day{year{static_cast<int>(d.year())}, month{static_cast<unsigned>(d.month().as_number())},
                          day{static_cast<unsigned>(d.day().as_number())}};
}

bg::greg_weekday to_boost(weekday wd) { return bg::greg_weekday(static_cast<unsigned short>(wd.c_encoding())); }

bg::greg_month to_boost(month m) { return bg::greg_month(static_cast<unsigned short>(static_cast<unsigned>(m))); }

[[noreturn]] void unsupported(const std::string& where, const std::string& value) {
    throw error(errc::invalid_date, where, value,
                "outside the supported years " + std::to_string(static_cast<int>(first_supported_year)) + " to " +
                    std::to_string(static_cast<int>(last_supported_year)));
}

}  // namespace

year_month_day holiday_rule::in_year(year y) const {
    // Boost's Gregorian calendar throws its own exception outside its years; report ours.
    if (rule != kind::fixed && !supported_year(y)) unsupported("year", std::to_string(static_cast<int>(y)));
    const auto by = static_cast<unsigned short>(static_cast<int>(y));
    switch (rule) {
    case kind::nth_weekday: {
        const auto which = static_cast<bg::nth_day_of_the_week_in_month::week_num>(std::clamp(nth, 1u, 5u));
        return from_boost(bg::nth_day_of_the_week_in_month(which, to_boost(weekday), to_boost(month)).get_date(by));
    }
    case kind::last_weekday:
        return from_boost(bg::last_day_of_the_week_in_month(to_boost(weekday), to_boost(month)).get_date(by));
    case kind::fixed:
    default: {
        const year_month_day d{y, month, day};
        if (!observed) return d;
        const std::chrono::weekday wd{sys_days{d}};
        if (wd == Saturday) return year_month_day{sys_days{d} - days{1}};
        if (wd == Sunday) return year_month_day{sys_days{d} + days{1}};
        return d;
    }
    }
}

holiday_rule holiday_rule::fixed_date(std::string name, std::chrono::month m, std::chrono::day d, bool observed) {
    holiday_rule r;
    r.name = std::move(name);
    r.rule = kind::fixed;
    r.month = m;
    r.day = d;
    r.observed = observed;
    return r;
}

holiday_rule holiday_rule::nth_weekday_of(std::string name, unsigned nth, std::chrono::weekday wd, std::chrono::month m) {
    holiday_rule r;
    r.name = std::move(name);
    r.rule = kind::nth_weekday;
    r.nth = nth;
    r.weekday = wd;
    r.month = m;
    return r;
}

holiday_rule holiday_rule::last_weekday_of(std::string name, std::chrono::weekday wd, std::chrono::month m) {
    holiday_rule r;
    r.name = std::move(name);
    r.rule = kind::last_weekday;
    r.weekday = wd;
    r.month = m;
    return r;
}

std::vector<holiday_rule> us_federal_holidays() {
    return {
        holiday_rule::fixed_date("New Year's Day", January, day{1}),
        holiday_rule::nth_weekday_of("Martin Luther King Jr. Day", 3, Monday, January),
        holiday_rule::nth_weekday_of("Washington's Birthday", 3, Monday, February),
        holiday_rule::last_weekday_of("Memorial Day", Monday, May),
        holiday_rule::fixed_date("Juneteenth", June, day{19}),
        holiday_rule::fixed_date("Independence Day", July, day{4}),
        holiday_rule::nth_weekday_of("Labor Day", 1, Monday, September),
        holiday_rule::nth_weekday_of("Columbus Day", 2, Monday, October),
        holiday_rule::fixed_date("Veterans Day", November, day{11}),
        holiday_rule::nth_weekday_of("Thanksgiving Day", 4, Thursday, November),
        holiday_rule::fixed_date("Christmas Day", December, day{25}),
    };
}

void closure_calendar::add_date(year_month_day d) {
    const auto it = std::lower_bound(dates_.begin(), dates_.end(), d);
    if (it == dates_.end() || *it != d) dates_.insert(it, d);
}

void closure_calendar::add_rule(holiday_rule r) { rules_.push_back(std::move(r)); }

bool closure_calendar::closed(year_month_day d) const {
    if (std::binary_search(dates_.begin(), dates_.end(), d)) return true;
    if (rules_.empty()) return false;
    if (!d.ok() || !supported_year(d.year())) unsupported("date", format_date(d));
    // An observed date may fall in the neighbouring year (Jan 1 on a Saturday -> Dec 31).
    for (const auto& r : rules_) {
        for (int dy = -1; dy <= 1; ++dy) {
            // Only fixed rules cross a year end, and they need no Boost; a weekday rule's date
            // stays in its own year, so one beyond the supported years cannot give `d`.
            const year y = d.year() + years{dy};
            if (r.rule != holiday_rule::kind::fixed && !supported_year(y)) continue;
            if (r.in_year(y) == d) return true;
        }
    }
    return false;
}

std::vector<year_month_day> closure_calendar::dates_between(year_month_day from, year_month_day to) const {
    std::vector<year_month_day> out;
    for (const auto& d : dates_) {
        if (d >= from && d < to) out.push_back(d);
    }
    if (rules_.empty() || !(from < to)) return out;
    // `to` is excluded, so its day before is the last one that has to be supported.
    const year_month_day last{sys_days{to} - days{1}};
    if (!from.ok() || !supported_year(from.year())) unsupported("from", format_date(from));
    if (!to.ok() || !supported_year(last.year())) unsupported("to", format_date(to));
    for (const auto& r : rules_) {
        // As in closed(): a weekday rule gives dates in its own year, so the neighbouring years
        // are needed only by fixed rules (observed days), which work in any year.
        const bool fixed = r.rule == holiday_rule::kind::fixed;
        const year lo = fixed ? from.year() - years{1} : std::max(from.year() - years{1}, first_supported_year);
        const year hi = fixed ? to.year() + years{1} : std::min(to.year() + years{1}, last_supported_year);
        for (auto y = lo; y <= hi; ++y) {
            const auto d = r.in_year(y);
            if (d >= from && d < to) out.push_back(d);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace iopcare
