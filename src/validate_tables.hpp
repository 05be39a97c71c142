// Internal: the validator's per-day tables (validate.cpp): UTC offsets by day, so that most
// conversions skip the zone's lookups, and closed days from the closure calendar.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <vector>

#include "iopcare/calendar.hpp"
#include "iopcare/holidays.hpp"
#include "validate_checks.hpp"

namespace iopcare::detail::tables {

using namespace std::chrono;
using namespace detail::checks;

// UTC offsets by day, so that most conversions skip the zone's lookups. A day's entry holds
// the offset when no offset change falls within two days either side (then every reading of
// that day converts by subtraction, whatever the offset), or `near_change`.
class offset_cache {
public:
    static constexpr std::int32_t near_change = std::numeric_limits<std::int32_t>::min();
    static constexpr std::int32_t unknown = std::numeric_limits<std::int32_t>::max();

    explicit offset_cache(const time_zone& z) : zone_(&z) {}

    // The constant offset of the two days around `day` (days since the epoch), or near_change.
    // Asked for every record: the usual case (a day already known) is a few instructions in
    // line, the rest a call.
    std::int32_t get(std::int64_t day) {
        const auto i = static_cast<std::uint64_t>(day - base_);
        if (i < table_.size() && table_[i] != unknown) return table_[i];
        return fill(day);
    }

private:
    [[gnu::noinline]] std::int32_t fill(std::int64_t day) {
        if (day < base_ || day >= base_ + static_cast<std::int64_t>(table_.size())) grow(day);
        auto& v = table_[static_cast<std::size_t>(day - base_)];
        if (v == unknown) v = compute(day);
        return v;
    }

    void grow(std::int64_t day) {
        if (table_.empty()) {
            base_ = day - 64;
            table_.assign(128 + 64, unknown);
            return;
        }
        const auto lo = std::min(base_, day - 64);
        const auto hi = std::max(base_ + static_cast<std::int64_t>(table_.size()), day + 64);
        std::vector<std::int32_t> t(static_cast<std::size_t>(hi - lo), unknown);
        std::copy(table_.begin(), table_.end(), t.begin() + (base_ - lo));
        table_ = std::move(t);
        base_ = lo;
    }
    std::int32_t compute(std::int64_t day) const {
        const sys_seconds mid{seconds{day * day_seconds}};
        if (!zone_->transitions(mid - days{2}, mid + days{3}).empty()) return near_change;
        return static_cast<std::int32_t>(zone_->offset(mid).count());
    }

    const time_zone* zone_;
    std::int64_t base_ = 0;
    std::vector<std::int32_t> table_;
};

// Closed days by local day, from the closure calendar. A range is asked of the calendar once;
// it grows by at least its own size (and a year beyond the day asked), so patients spread over
// many years extend it a logarithmic number of times. It stays within the plausible years.
class closure_table {
public:
    explicit closure_table(const closure_calendar& c)
        : calendar_(&c), any_(!c.explicit_dates().empty() || !c.rules().empty()) {}
    [[nodiscard]] bool any() const noexcept { return any_; }
    [[nodiscard]] bool closed(std::int64_t day) {
        if (day < base_ || day >= base_ + static_cast<std::int64_t>(closed_.size())) cover(day);
        return closed_[static_cast<std::size_t>(day - base_)] != 0;
    }

private:
    void cover(std::int64_t day) {
        const auto size = static_cast<std::int64_t>(closed_.size());
        std::int64_t lo = day - 366;
        std::int64_t hi = day + 366;
        if (size > 0) {
            lo = day < base_ ? std::min(lo, base_ - size) : base_;
            hi = day >= base_ + size ? std::max(hi, base_ + 2 * size) : base_ + size;
        }
        lo = std::clamp(lo, earliest_day - 7, day);  // a first week may start 6 days before 1900
        hi = std::clamp(hi, day + 1, latest_day + 7);
        closed_.assign(static_cast<std::size_t>(hi - lo), 0);
        base_ = lo;
        const auto to_date = [](std::int64_t d) { return year_month_day{local_days{days{d}}}; };
        for (const auto& d : calendar_->dates_between(to_date(lo), to_date(hi)))
            closed_[static_cast<std::size_t>(day_number(d) - lo)] = 1;
    }

    const closure_calendar* calendar_;
    bool any_;
    std::int64_t base_ = 0;
    std::vector<char> closed_;
};

}  // namespace iopcare::detail::tables
