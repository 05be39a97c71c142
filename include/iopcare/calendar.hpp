/// @file
/// Time zones, and local wall-clock time kept apart from UTC.
///
/// Times are std::chrono types: `sys_seconds` is a UTC instant, `local_seconds` a wall-clock
/// reading in some zone. They do not convert into each other by accident; only a time_zone
/// converts, and a local time that a DST change skips or repeats is resolved by a stated
/// dst_policy, never silently.
///
/// Zones come from the system's tzdata (IANA names such as "America/New_York", read from the
/// TZif files under $TZDIR or /usr/share/zoneinfo) or from POSIX TZ strings such as
/// "EST5EDT,M3.2.0,M11.1.0" (parsed with Boost.Date_Time). An unknown zone is an
/// errc::unknown_time_zone error naming it.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/detail/export.hpp"
#include "iopcare/error.hpp"

namespace iopcare {

using std::chrono::local_days;
using std::chrono::local_seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

/// How to turn a local time that is not exactly one instant into UTC.
enum class dst_policy : unsigned char {
    shift_forward,  ///< a skipped time moves forward by the gap (02:30 -> 03:30); a repeated one takes the earlier instant
    earliest,       ///< a skipped time becomes the transition instant; a repeated one the earlier instant
    latest,         ///< a skipped time becomes the transition instant; a repeated one the later instant
    skip,           ///< a skipped time has no instant (the occurrence is dropped, and reported); a repeated one the earlier
    error,          ///< either case throws errc::nonexistent_local_time / errc::ambiguous_local_time
};

/// "shift_forward", "earliest", "latest", "skip" or "error".
[[nodiscard]] IOPCARE_API std::string_view to_string(dst_policy p) noexcept;
/// The policy a word names (as to_string() writes it); nothing for an unknown word.
[[nodiscard]] IOPCARE_API std::optional<dst_policy> parse_dst_policy(std::string_view text) noexcept;

/// What a local time is in a zone.
struct local_time_info {
    /// `unique`: one instant; `nonexistent`: a DST change skips it; `ambiguous`: a DST change
    /// repeats it.
    enum class kind : unsigned char { unique, nonexistent, ambiguous };
    /// Which of the three cases the time is.
    kind result = kind::unique;
    /// unique: first == second, the instant. ambiguous: the two instants, earlier first.
    /// nonexistent: both are the transition instant (where the gap starts).
    ///@{
    sys_seconds first{};
    sys_seconds second{};
    ///@}
    std::chrono::seconds offset_before{};  ///< UTC offset in force before (or at) the time
    std::chrono::seconds offset_after{};   ///< UTC offset in force after the transition, if any
};

/// One change of UTC offset.
struct zone_transition {
    /// The instant of the change.
    sys_seconds at{};
    /// UTC offset before the change.
    std::chrono::seconds offset_before{};
    /// UTC offset from the change on.
    std::chrono::seconds offset_after{};
    std::string abbreviation_after;  ///< "EDT"
    /// Whether daylight saving time is in force from the change on.
    bool dst_after = false;
};

/// A time zone: converts between UTC instants and local wall-clock times and lists its offset
/// changes. Cheap to copy (the zone's data is shared and immutable).
class IOPCARE_API time_zone {
public:
    /// An IANA name from tzdata or a POSIX TZ string; throws errc::unknown_time_zone.
    /// Non-throwing form: try_locate().
    [[nodiscard]] static time_zone locate(std::string_view name);
    /// Non-throwing form of locate().
    [[nodiscard]] static result<time_zone> try_locate(std::string_view name) noexcept;
    /// Coordinated Universal Time, offset 0 all year.
    [[nodiscard]] static time_zone utc();

    /// The name it was located by ("America/New_York", a POSIX TZ string, or "UTC").
    [[nodiscard]] const std::string& name() const noexcept;

    [[nodiscard]] std::chrono::seconds offset(sys_seconds t) const;  ///< UTC offset at an instant
    [[nodiscard]] std::string abbreviation(sys_seconds t) const;      ///< "EST", "EDT"
    /// Whether daylight saving time is in force at an instant.
    [[nodiscard]] bool is_dst(sys_seconds t) const;

    /// The wall-clock reading at an instant.
    [[nodiscard]] local_seconds to_local(sys_seconds t) const;
    /// Whether a local time is one instant, none (skipped by DST) or two (repeated).
    [[nodiscard]] local_time_info classify(local_seconds t) const;
    /// UTC for a local time under a policy: empty only for dst_policy::skip on a skipped time;
    /// dst_policy::error throws for skipped and repeated times.
    [[nodiscard]] std::optional<sys_seconds> to_utc(local_seconds t, dst_policy policy) const;

    /// Offset changes in [from, to), in order (for VTIMEZONE export and for tests).
    [[nodiscard]] std::vector<zone_transition> transitions(sys_seconds from, sys_seconds to) const;

    /// Equal when the names are.
    friend bool operator==(const time_zone& a, const time_zone& b) noexcept { return a.name() == b.name(); }

    struct impl;  ///< the zone's data, defined inside the library (not for hosts)

private:
    explicit time_zone(std::shared_ptr<const impl> p) noexcept : impl_(std::move(p)) {}
    std::shared_ptr<const impl> impl_;
};

/// "2026-03-08T02:30:00" (local), with an optional "Z" or "+hh:mm"/"-hh:mm" offset.
struct iso_datetime {
    local_seconds local{};                       ///< the wall-clock reading as written
    std::optional<std::chrono::seconds> offset;  ///< set when the text carried Z or an offset
    /// The instant when an offset was given.
    [[nodiscard]] std::optional<sys_seconds> instant() const noexcept {
        if (!offset) return std::nullopt;
        return sys_seconds{local.time_since_epoch() - *offset};
    }
};

/// Reads "YYYY-MM-DDTHH:MM:SS", optionally with "Z" or an offset; nothing when the text is not
/// one, or names a day that does not exist.
[[nodiscard]] IOPCARE_API std::optional<iso_datetime> parse_iso_datetime(std::string_view text) noexcept;
/// Reads a calendar date "YYYY-MM-DD"; nothing when it is not one (2026-02-30 is not).
[[nodiscard]] IOPCARE_API std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text) noexcept;
/// "HH:MM" or "HH:MM:SS" as a time of day.
[[nodiscard]] IOPCARE_API std::optional<std::chrono::seconds> parse_time_of_day(std::string_view text) noexcept;

[[nodiscard]] IOPCARE_API std::string format_local(local_seconds t);  ///< "2026-03-08T18:00:00"
[[nodiscard]] IOPCARE_API std::string format_utc(sys_seconds t);      ///< "2026-03-08T23:00:00Z"
[[nodiscard]] IOPCARE_API std::string format_date(std::chrono::year_month_day d);  ///< "2026-03-08"

/// The same text under the one name a host looks for, for every time type iopcare hands back:
/// a local reading, a UTC instant, a local day, a calendar date.
/// (Templates, so `local_days{d} + 18h` prints without a cast to seconds.)
///@{
template <class Duration>
[[nodiscard]] std::string to_string(std::chrono::local_time<Duration> t) {
    return format_local(std::chrono::floor<std::chrono::seconds>(t));
}
template <class Duration>
[[nodiscard]] std::string to_string(std::chrono::sys_time<Duration> t) {
    return format_utc(std::chrono::floor<std::chrono::seconds>(t));
}
[[nodiscard]] inline std::string to_string(std::chrono::year_month_day d) { return format_date(d); }
[[nodiscard]] inline std::string to_string(local_days d) {
    return format_date(std::chrono::year_month_day{sys_days{d.time_since_epoch()}});
}
[[nodiscard]] inline std::string to_string(sys_days d) { return format_date(std::chrono::year_month_day{d}); }
///@}

}  // namespace iopcare
