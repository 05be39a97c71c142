/// @file
/// The one error family of iopcare.
///
/// Every failure at a boundary (parsing, lookup, configuration, graph structure) is reported as
/// an `iopcare::error`: a stable code, a stable id string such as
/// "[iopcare.level.unknown]", the place (printable, and structured as `error_place`: file, line,
/// column, JSON pointer, record, the C++ field or argument name) and the offending value.
/// Hosts that must never see an exception wrap any call with `iopcare::try_call`, or use the
/// `try_` variants that return `iopcare::result<T>`.
#pragma once

#include <cstdint>
#include <cstddef>
#include <exception>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "iopcare/detail/export.hpp"

namespace iopcare {

/// Stable error codes. Numbers never change meaning once released; new codes are appended.
enum class errc : std::uint16_t {
    /// No error: the code of an error_info that holds none (`iopcare.ok`).
    ok = 0,
    invalid_argument = 1,      ///< a value out of its documented range
    precondition_failed = 2,   ///< the caller broke a documented precondition
    internal = 3,              ///< a non-iopcare exception caught by try_call
    limit_exceeded = 4,        ///< the work or memory an input asks for is beyond a documented limit

    // care levels, services, continuum (100s)
    /// A code that names no level of the catalog in use (`iopcare.level.unknown`).
    unknown_level = 101,
    /// Two levels with the same code in one catalog or list (`iopcare.level.duplicate`).
    duplicate_level = 102,
    /// A level code or level definition that is malformed (`iopcare.level.invalid`).
    invalid_level = 103,
    /// A service id the service catalog does not have (`iopcare.service.unknown`).
    unknown_service = 104,
    /// Two services with the same id in one catalog (`iopcare.service.duplicate`).
    duplicate_service = 105,
    /// A service definition or id that is malformed (`iopcare.service.invalid`).
    invalid_service = 106,
    /// A continuum spec with problems; the message lists them all (`iopcare.continuum.invalid`).
    invalid_continuum = 107,
    /// A move the continuum has no transition for (`iopcare.continuum.unknown_transition`);
    /// reserved: nothing raises it yet.
    unknown_transition = 108,
    ambiguous_level = 109,     ///< a code that may name several levels ("1" in the 4th edition)

    // calendars, programs, schedules (200s)
    /// A time-zone name or POSIX TZ string that cannot be found or read
    /// (`iopcare.calendar.unknown_time_zone`).
    unknown_time_zone = 201,
    /// A local time that a DST change skips (`iopcare.calendar.nonexistent_local_time`).
    nonexistent_local_time = 202,
    /// A local time that a DST change repeats, when no choice was given
    /// (`iopcare.calendar.ambiguous_local_time`).
    ambiguous_local_time = 203,
    /// A program template that cannot be expanded (`iopcare.program.invalid`).
    invalid_program = 204,
    /// An enrollment into a group that is already full (`iopcare.schedule.capacity_exceeded`).
    capacity_exceeded = 205,
    /// An enrollment with an unknown group, bad dates or a patient enrolled twice
    /// (`iopcare.schedule.invalid_enrollment`).
    invalid_enrollment = 206,
    /// Text that is not a calendar date, or a date out of range (`iopcare.calendar.invalid_date`).
    invalid_date = 207,

    // rules and validation (300s)
    /// An hour-requirement rule set that contradicts itself (`iopcare.rules.invalid`).
    invalid_rule_set = 301,
    /// No built-in rule set with this id (`iopcare.rules.unknown`).
    unknown_rule_set = 302,
    /// An attendance record that cannot be used (`iopcare.attendance.invalid_record`).
    invalid_record = 303,

    // simulation (400s)
    /// A simulation scenario that cannot run (`iopcare.sim.invalid_scenario`).
    invalid_scenario = 401,
    /// A duration distribution with parameters out of range (`iopcare.sim.invalid_distribution`).
    invalid_distribution = 402,
    /// An experiment whose factors or grid are unusable (`iopcare.sim.invalid_experiment`).
    invalid_experiment = 403,

    // formats and I/O (500s)
    /// Input that is not well-formed JSON, CSV or date-time text (`iopcare.io.parse_error`).
    parse_error = 501,
    /// A file whose `"format"` names no format or version this build reads
    /// (`iopcare.io.unknown_format`).
    unknown_format = 502,
    /// A field the format does not have (`iopcare.io.unknown_field`).
    unknown_field = 503,
    /// A required field that is absent (`iopcare.io.missing_field`).
    missing_field = 504,
    /// A field of the wrong JSON type (`iopcare.io.wrong_type`).
    wrong_type = 505,
    /// A file that cannot be opened, read or written (`iopcare.io.error`).
    io_error = 506,

    // the clinical record: placement and episodes of care (600s)
    /// A placement rule set that is malformed (`iopcare.placement.invalid_rules`).
    invalid_placement_rules = 601,
    /// A six-dimension assessment with a missing or out-of-range rating
    /// (`iopcare.placement.invalid_assessment`).
    invalid_assessment = 602,
    /// An episode record that cannot be analysed: a patient not named, a date that is not a
    /// calendar date (`iopcare.episodes.invalid`).
    invalid_episode = 603,
};

/// "iopcare.level.unknown" and so on; stable, suitable for logs and for matching in hosts.
[[nodiscard]] IOPCARE_API std::string_view error_id(errc code) noexcept;

/// Where a failure is, as data a host can act on without reading text: each part is optional
/// (empty, or 0 for line and column). An error from a loader names the document (`pointer`, and
/// `file`, `line`, `column` for syntax errors and CSV); one from a C++ call names the member or
/// argument the caller set (`field`: "length", "phases[0].sessions[1].start", "zone"); the
/// tool puts its option names there ("--timezone") and the file it read in `file`.
struct error_place {
    std::string file;                   ///< the input's name as given ("a.csv", "<stdin>")
    std::size_t line = 0;               ///< 1-based line in `file`
    std::size_t column = 0;             ///< 1-based byte column in `line`
    std::string pointer;                ///< an RFC 6901 JSON pointer into the document
    std::optional<std::size_t> record;  ///< 0-based index of the record: /records/N, /enrollments/N, /entry/N
    std::string field;                  ///< the C++ member path or argument name the caller used

    /// Whether no part is set.
    [[nodiscard]] bool empty() const noexcept {
        return file.empty() && line == 0 && column == 0 && pointer.empty() && !record && field.empty();
    }
    /// Equal when every part is.
    friend bool operator==(const error_place&, const error_place&) = default;
};

/// Reads the structured place out of a printable one, in the forms iopcare writes:
/// "FILE:LINE:COLUMN", "/json/pointer", "FILE /json/pointer", either followed by a space and a
/// note ("/levels/0 (iop)"), or else a C++ field or argument name. The record is the index
/// after a top-level collection of records (/records, /enrollments, /entry, /episodes,
/// /assessments).
[[nodiscard]] IOPCARE_API error_place parse_place(std::string_view where);

/// Everything known about one failure, as plain data (copyable, comparable, no exception).
struct error_info {
    /// What went wrong; errc::ok when nothing did.
    errc code = errc::ok;
    std::string where;    ///< the place as text: "/records/12/minutes", "a.csv:3:41", "length", "--timezone"
    std::string value;    ///< the offending value as text, may be empty
    std::string message;  ///< a plain-language sentence, without the id and place
    error_place place{};  ///< `where` as data; iopcare::error fills it from `where` when left empty

    /// "[iopcare.level.unknown] code: unknown level code \"2.3\" (value: 2.3)"
    [[nodiscard]] IOPCARE_API std::string to_string() const;

    /// Moves the error to a new printable place and reads its structured place again.
    IOPCARE_API void set_where(std::string new_where);

    /// An error_info with its structured place read from `where`, as iopcare::error fills it:
    /// for lists of problems that are returned rather than thrown.
    [[nodiscard]] IOPCARE_API static error_info at(errc code, std::string where, std::string value, std::string message);

    /// Equal when code, place, value and message all are.
    friend bool operator==(const error_info&, const error_info&) = default;
};

/// The exception thrown by iopcare. what() is error_info::to_string().
class IOPCARE_API error : public std::runtime_error {
public:
    /// An exception carrying `info`; what() is `info.to_string()`.
    explicit error(error_info info);
    /// The same, from the four parts of an error_info.
    error(errc code, std::string where, std::string value, std::string message);

    /// The stable code.
    [[nodiscard]] errc code() const noexcept { return info_.code; }
    /// The place: a field path, record index or argument name.
    [[nodiscard]] const std::string& where() const noexcept { return info_.where; }
    /// The place as data (see error_place).
    [[nodiscard]] const error_place& place() const noexcept { return info_.place; }
    /// The offending value as text (may be empty).
    [[nodiscard]] const std::string& value() const noexcept { return info_.value; }
    /// The plain-language sentence, without id and place.
    [[nodiscard]] const std::string& message() const noexcept { return info_.message; }
    /// All of it, as plain data.
    [[nodiscard]] const error_info& info() const noexcept { return info_; }

private:
    error_info info_;
};

/// A value or the error that prevented it. Never throws unless value() is called on an error.
template <class T>
class result {
public:
    /// The type held on success.
    using value_type = T;

    /// Holds a value.
    result(T value) : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
    /// Holds an error.
    result(error_info info) : data_(std::in_place_index<1>, std::move(info)) {}  // NOLINT

    /// Whether this holds a value.
    [[nodiscard]] bool ok() const noexcept { return data_.index() == 0; }
    /// Same as ok().
    explicit operator bool() const noexcept { return ok(); }

    /// The value; throws iopcare::error when this holds an error.
    ///@{
    [[nodiscard]] T& value() & { check(); return std::get<0>(data_); }
    [[nodiscard]] const T& value() const& { check(); return std::get<0>(data_); }
    [[nodiscard]] T&& value() && { check(); return std::get<0>(std::move(data_)); }
    ///@}

    /// Access to the value; throws iopcare::error when this holds an error.
    ///@{
    [[nodiscard]] T* operator->() { return &value(); }
    [[nodiscard]] const T* operator->() const { return &value(); }
    [[nodiscard]] T& operator*() & { return value(); }
    [[nodiscard]] const T& operator*() const& { return value(); }
    ///@}

    /// The error; an info with errc::ok when this holds a value.
    [[nodiscard]] const error_info& error() const noexcept {
        static const error_info none{};
        return ok() ? none : std::get<1>(data_);
    }

private:
    void check() const {
        if (!ok()) throw iopcare::error(std::get<1>(data_));
    }
    std::variant<T, error_info> data_;
};

/// Runs f and returns its result, turning any exception into an error_info: iopcare::error
/// keeps its code; std::bad_alloc and other std::exception become errc::internal.
/// f returning void gives result<std::monostate>.
template <class F>
[[nodiscard]] auto try_call(F&& f) noexcept {
    using R = std::invoke_result_t<F&>;
    using V = std::conditional_t<std::is_void_v<R>, std::monostate, std::decay_t<R>>;
    try {
        if constexpr (std::is_void_v<R>) {
            f();
            return result<V>(std::monostate{});
        } else {
            return result<V>(f());
        }
    } catch (const error& e) {
        return result<V>(e.info());
    } catch (const std::exception& e) {
        return result<V>(error_info{errc::internal, {}, {}, e.what()});
    } catch (...) {
        return result<V>(error_info{errc::internal, {}, {}, "unknown exception"});
    }
}

namespace detail {
[[noreturn]] IOPCARE_API void precondition_failed(const char* expr, const char* file, int line);
}  // namespace detail

}  // namespace iopcare

/// Checks a documented precondition; a violation throws iopcare::error (errc::precondition_failed)
/// naming the expression, so a host's bug is reported instead of corrupting state.
#define IOPCARE_EXPECTS(cond)                                                          \
    do {                                                                               \
        if (!(cond)) ::iopcare::detail::precondition_failed(#cond, __FILE__, __LINE__); \
    } while (false)
