/// @file
/// Program closures: explicit dates and the common US holiday rules
/// (fixed dates with observed-day shifts, nth weekday of a month, last weekday of a month).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "iopcare/detail/export.hpp"

namespace iopcare {

/// The years closure calendars and schedules work in: the Gregorian rules underneath the
/// weekday holidays cover 1400 through 9999. Dates outside them throw errc::invalid_date.
///@{
inline constexpr std::chrono::year first_supported_year{1400};
inline constexpr std::chrono::year last_supported_year{9999};
///@}
/// Whether a year is within the supported years.
[[nodiscard]] constexpr bool supported_year(std::chrono::year y) noexcept {
    return y >= first_supported_year && y <= last_supported_year;
}

/// A yearly holiday rule.
struct holiday_rule {
    /// How the rule finds its day.
    enum class kind : unsigned char {
        fixed,          ///< month/day; observed Friday when on Saturday, Monday when on Sunday (if `observed`)
        nth_weekday,    ///< nth (1..5) weekday of month, e.g. 4th Thursday of November
        last_weekday,   ///< last weekday of month, e.g. last Monday of May
    };
    /// The holiday's name ("Thanksgiving").
    std::string name;
    /// How the rule finds its day.
    kind rule = kind::fixed;
    /// The month it falls in.
    std::chrono::month month{1};
    std::chrono::day day{1};                      ///< day of the month (fixed rules only)
    std::chrono::weekday weekday{};               ///< the weekday (nth_weekday and last_weekday rules)
    unsigned nth = 1;                             ///< which occurrence in the month, 1 to 5 (nth_weekday rules)
    bool observed = true;                         ///< fixed only: shift weekend dates

    /// The date the rule gives in a year (the observed date for fixed rules with `observed`).
    /// A weekday rule throws errc::invalid_date for a year outside the supported years.
    [[nodiscard]] IOPCARE_API std::chrono::year_month_day in_year(std::chrono::year y) const;

    /// A rule for the same date every year (observed on the nearest weekday if `observed`).
    [[nodiscard]] IOPCARE_API static holiday_rule fixed_date(std::string name, std::chrono::month m, std::chrono::day d,
                                                 bool observed = true);
    /// A rule for the nth (1 to 5) weekday of a month.
    [[nodiscard]] IOPCARE_API static holiday_rule nth_weekday_of(std::string name, unsigned nth, std::chrono::weekday wd,
                                                     std::chrono::month m);
    /// A rule for the last weekday of a month.
    [[nodiscard]] IOPCARE_API static holiday_rule last_weekday_of(std::string name, std::chrono::weekday wd,
                                                      std::chrono::month m);
};

/// The US federal holidays (New Year, MLK Day, Presidents Day, Memorial Day, Juneteenth,
/// Independence Day, Labor Day, Columbus Day, Veterans Day, Thanksgiving, Christmas).
[[nodiscard]] IOPCARE_API std::vector<holiday_rule> us_federal_holidays();

/// Dates a program is closed: explicit dates plus yearly rules.
class IOPCARE_API closure_calendar {
public:
    /// A calendar with no closures.
    closure_calendar() = default;
    /// Closes the program on one date.
    void add_date(std::chrono::year_month_day d);
    /// Closes it every year on the day a rule gives.
    void add_rule(holiday_rule r);

    /// Whether the program is closed on a day. This and dates_between() throw
    /// errc::invalid_date for a day outside the supported years when the calendar has yearly
    /// rules.
    [[nodiscard]] bool closed(std::chrono::year_month_day d) const;
    /// All closed dates in [from, to), sorted, without duplicates.
    [[nodiscard]] std::vector<std::chrono::year_month_day> dates_between(std::chrono::year_month_day from,
                                                                         std::chrono::year_month_day to) const;
    /// The yearly rules, in the order added.
    [[nodiscard]] const std::vector<holiday_rule>& rules() const noexcept { return rules_; }
    /// The explicit dates, sorted.
    [[nodiscard]] const std::vector<std::chrono::year_month_day>& explicit_dates() const noexcept { return dates_; }

private:
    std::vector<std::chrono::year_month_day> dates_;  ///< sorted
    std::vector<holiday_rule> rules_;
};

}  // namespace iopcare
