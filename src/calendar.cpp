// Time zones: TZif files from the system's tzdata, POSIX TZ rules, and the local/UTC conversions.
//
// Why not boost::local_time::posix_time_zone for the rules: it reads the UTC offset with the
// opposite sign to POSIX ("EST5EDT" comes out as UTC+5), rejects the quoted abbreviations that
// tzdata's footers use ("<-03>3"), and rejects transition hours outside 0..24 ("M3.2.0/-1").
// The rule grammar is small, so it is parsed here; Boost.Date_Time's Gregorian calendar does
// the date arithmetic of the rules (nth and last weekday of a month).
#include "iopcare/calendar.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>
#include <sstream>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "detail/iso_time.hpp"
#include "detail/text.hpp"

namespace iopcare {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

std::string_view to_string(dst_policy p) noexcept {
    switch (p) {
        case dst_policy::shift_forward: return "shift_forward";
        case dst_policy::earliest: return "earliest";
        case dst_policy::latest: return "latest";
        case dst_policy::skip: return "skip";
        case dst_policy::error: return "error";
    }
    return "unknown";
}

std::optional<dst_policy> parse_dst_policy(std::string_view text) noexcept {
    for (auto p : {dst_policy::shift_forward, dst_policy::earliest, dst_policy::latest, dst_policy::skip,
                   dst_policy::error}) {
        if (to_string(p) == text) return p;
    }
    return std::nullopt;
}

namespace {

// ---------------------------------------------------------------------------------------------
// POSIX TZ rules ("EST5EDT,M3.2.0,M11.1.0", "<+0530>-5:30", "CET-1CEST,M3.5.0,M10.5.0/3").

struct date_rule {
    enum class kind : unsigned char { julian_no_leap, julian_zero, month_week_day };
    kind k = kind::month_week_day;
    int a = 0, b = 0, c = 0;  // Jn: a=n; n: a=n; Mm.w.d: a=m, b=w, c=d
    seconds time = hours{2};  // local time of day of the change (may be negative or above 24 h)

    // The local date of the rule in a year, as days since the epoch.
    [[nodiscard]] days day_in(int year) const {
        namespace g = boost::gregorian;
        const auto jan1 = sys_days{std::chrono::year{year} / 1 / 1}.time_since_epoch();
        switch (k) {
            case kind::julian_no_leap: {
                // 1..365, February 29 never counted.
                int n = a;
                const bool leap = std::chrono::year{year}.is_leap();
                if (leap && n >= 60) ++n;
                return jan1 + days{n - 1};
            }
            case kind::julian_zero: return jan1 + days{a};
            case kind::month_week_day: {
                const auto weekday = static_cast<g::greg_weekday::weekday_enum>(c);
                g::date d;
                if (b == 5) {
                    d = g::last_day_of_the_week_in_month(weekday, static_cast<unsigned short>(a)).get_date(
                        static_cast<unsigned short>(year));
                } else {
                    d = g::nth_day_of_the_week_in_month(static_cast<g::nth_day_of_the_week_in_month::week_num>(b),
                                                        weekday, static_cast<unsigned short>(a))
                            .get_date(static_cast<unsigned short>(year));
                }
                const auto ymd = std::chrono::year{static_cast<int>(d.year())} /
                                 static_cast<int>(d.month().as_number()) / static_cast<int>(d.day().as_number());
                return sys_days{ymd}.time_since_epoch();
            }
        }
        return jan1;
    }
};

struct posix_rule {
    std::string std_abbr;
    std::string dst_abbr;
    seconds std_offset{};  // east of UTC positive (the opposite sign of the TZ text)
    seconds dst_offset{};
    bool has_dst = false;
    date_rule start;  // change to DST, in local standard time
    date_rule end;    // change back, in local daylight time
};

class tz_parser {
public:
    explicit tz_parser(std::string_view s) : s_(s) {}

    std::optional<posix_rule> parse() {
        posix_rule r;
        if (!abbr(r.std_abbr)) return std::nullopt;
        seconds off{};
        if (!offset(off)) return std::nullopt;
        r.std_offset = -off;
        if (at_end()) return r;
        if (!abbr(r.dst_abbr)) return std::nullopt;
        r.has_dst = true;
        r.dst_offset = r.std_offset + hours{1};
        if (!at_end() && peek() != ',') {
            if (!offset(off)) return std::nullopt;
            r.dst_offset = -off;
        }
        if (at_end()) {
            // No rule given: the US rules POSIX names as the default.
            r.start = {date_rule::kind::month_week_day, 3, 2, 0, hours{2}};
            r.end = {date_rule::kind::month_week_day, 11, 1, 0, hours{2}};
            return r;
        }
        if (!eat(',') || !rule(r.start) || !eat(',') || !rule(r.end) || !at_end()) return std::nullopt;
        return r;
    }

private:
    [[nodiscard]] bool at_end() const { return i_ >= s_.size(); }
    [[nodiscard]] char peek() const { return at_end() ? '\0' : s_[i_]; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++i_;
        return true;
    }
    static bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
    static bool is_digit(char c) { return c >= '0' && c <= '9'; }

    bool abbr(std::string& out) {
        if (eat('<')) {
            const auto close = s_.find('>', i_);
            if (close == std::string_view::npos) return false;
            out = std::string(s_.substr(i_, close - i_));
            i_ = close + 1;
            if (out.size() < 3) return false;
            return std::all_of(out.begin(), out.end(),
                               [](char c) { return is_alpha(c) || is_digit(c) || c == '+' || c == '-'; });
        }
        const auto b = i_;
        while (is_alpha(peek())) ++i_;
        out = std::string(s_.substr(b, i_ - b));
        return out.size() >= 3;
    }

    bool number(int& out, int max_digits) {
        const auto b = i_;
        int v = 0;
        while (is_digit(peek()) && i_ - b < static_cast<std::size_t>(max_digits)) v = v * 10 + (s_[i_++] - '0');
        out = v;
        return i_ > b && !is_digit(peek());
    }

    // [+|-]hh[:mm[:ss]], hours up to `max_hours`.
    bool hms(seconds& out, int max_hours) {
        int sign = 1;
        if (eat('-')) sign = -1;
        else eat('+');
        int h = 0, m = 0, sec = 0;
        if (!number(h, 3) || h > max_hours) return false;
        if (eat(':')) {
            if (!number(m, 2) || m > 59) return false;
            if (eat(':') && (!number(sec, 2) || sec > 59)) return false;
        }
        out = seconds{sign * (h * 3600 + m * 60 + sec)};
        return true;
    }
    bool offset(seconds& out) { return hms(out, 24); }

    bool rule(date_rule& r) {
        if (eat('M')) {
            r.k = date_rule::kind::month_week_day;
            if (!number(r.a, 2) || r.a < 1 || r.a > 12 || !eat('.')) return false;
            if (!number(r.b, 1) || r.b < 1 || r.b > 5 || !eat('.')) return false;
            if (!number(r.c, 1) || r.c > 6) return false;
        } else if (eat('J')) {
            r.k = date_rule::kind::julian_no_leap;
            if (!number(r.a, 3) || r.a < 1 || r.a > 365) return false;
        } else {
            r.k = date_rule::kind::julian_zero;
            if (!number(r.a, 3) || r.a > 365) return false;
        }
        r.time = hours{2};
        if (eat('/')) return hms(r.time, 167);
        return true;
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

struct zone_state {
    seconds offset{};
    bool dst = false;
    std::string_view abbreviation;
    friend bool operator==(const zone_state&, const zone_state&) = default;
};


// Years in which rule-based transitions are generated; outside, the rule is held constant.
constexpr int first_rule_year = 1401;  // Boost's Gregorian calendar starts at 1400
constexpr int last_rule_year = 9000;

int year_of(sys_seconds t) {
    // Clamped well inside the range std::chrono's civil calendar handles.
    constexpr sys_seconds lo{sys_days{std::chrono::year{1} / 1 / 1}.time_since_epoch()};
    constexpr sys_seconds hi{sys_days{std::chrono::year{9999} / 12 / 31}.time_since_epoch()};
    const auto d = std::chrono::floor<days>(std::clamp(t, lo, hi));
    return static_cast<int>(std::chrono::year_month_day{d}.year());
}

// The two transitions a rule makes in a year, as UTC instants.
struct rule_year {
    sys_seconds to_dst;
    sys_seconds to_std;
};

rule_year transitions_in(const posix_rule& r, int year) {
    const auto start_local = r.start.day_in(year) + r.start.time;
    const auto end_local = r.end.day_in(year) + r.end.time;
    return {sys_seconds{start_local - r.std_offset}, sys_seconds{end_local - r.dst_offset}};
}

zone_state rule_state(const posix_rule& r, sys_seconds t) {
    const zone_state std_state{r.std_offset, false, r.std_abbr};
    if (!r.has_dst) return std_state;
    const zone_state dst_state{r.dst_offset, true, r.dst_abbr};
    const int y = std::clamp(year_of(t), first_rule_year, last_rule_year);
    // The last change at or before t decides; look at the year and the one before.
    std::optional<sys_seconds> best;
    bool best_dst = false;
    for (int yy : {y - 1, y}) {
        const auto ty = transitions_in(r, yy);
        if (ty.to_dst <= t && (!best || ty.to_dst > *best)) best = ty.to_dst, best_dst = true;
        if (ty.to_std <= t && (!best || ty.to_std > *best)) best = ty.to_std, best_dst = false;
    }
    if (!best) {
        // Before the first generated year: whichever state the year starts in.
        const auto ty = transitions_in(r, y);
        return ty.to_std < ty.to_dst ? dst_state : std_state;
    }
    return best_dst ? dst_state : std_state;
}

std::optional<sys_seconds> rule_next(const posix_rule& r, sys_seconds after) {
    if (!r.has_dst) return std::nullopt;
    const int y = std::max(year_of(after), first_rule_year);
    if (y > last_rule_year) return std::nullopt;
    std::optional<sys_seconds> best;
    for (int yy : {y - 1, y, y + 1}) {
        const auto ty = transitions_in(r, yy);
        for (auto t : {ty.to_dst, ty.to_std}) {
            if (t > after && (!best || t < *best)) best = t;
        }
    }
    return best;
}

// ---------------------------------------------------------------------------------------------
// TZif (RFC 8536).

struct local_type {
    seconds offset{};
    bool dst = false;
    std::string abbreviation;
};

class byte_reader {
public:
    byte_reader(const std::string& data, std::size_t pos) : d_(data), p_(pos) {}
    [[nodiscard]] bool has(std::size_t n) const { return p_ <= d_.size() && d_.size() - p_ >= n; }
    std::int64_t be(std::size_t n) {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(d_[p_ + i]);
        p_ += n;
        if (n == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
        return static_cast<std::int64_t>(v);
    }
    std::uint8_t byte() { return static_cast<std::uint8_t>(d_[p_++]); }
    void skip(std::size_t n) { p_ += n; }
    [[nodiscard]] std::size_t pos() const { return p_; }

private:
    const std::string& d_;
    std::size_t p_;
};

}  // namespace

struct time_zone::impl {
    std::string name;
    std::vector<sys_seconds> at;        // transition instants, ascending
    std::vector<std::uint8_t> type_of;  // local type index after each transition
    std::vector<local_type> types;
    std::size_t initial_type = 0;  // before the first transition
    std::optional<posix_rule> rule;  // after the last transition (or the whole zone)

    [[nodiscard]] zone_state state(sys_seconds t) const {
        if (at.empty() || t < at.front()) {
            if (types.empty()) return rule ? rule_state(*rule, t) : zone_state{};
            const auto& ty = types[initial_type];
            return {ty.offset, ty.dst, ty.abbreviation};
        }
        if (rule && t >= at.back()) return rule_state(*rule, t);
        const auto it = std::upper_bound(at.begin(), at.end(), t);
        const auto& ty = types[type_of[static_cast<std::size_t>(it - at.begin()) - 1]];
        return {ty.offset, ty.dst, ty.abbreviation};
    }

    // The offset in force from `lo` through `hi` when it does not change in between. Inside the
    // table one binary search answers; elsewhere the state and the next change do.
    // (A flag and an out-parameter: an optional returned here costs a stalled reload.)
    [[nodiscard]] bool steady_offset(sys_seconds lo, sys_seconds hi, seconds& offset) const {
        if (!at.empty() && lo >= at.front() && hi < at.back()) {
            const auto it = std::upper_bound(at.begin(), at.end(), lo);
            if (*it <= hi) return false;
            offset = types[type_of[static_cast<std::size_t>(it - at.begin()) - 1]].offset;
            return true;
        }
        const auto change = next_change(lo);
        if (change && *change <= hi) return false;
        offset = state(lo).offset;
        return true;
    }

    // The first instant after `t` at which the state may change.
    [[nodiscard]] std::optional<sys_seconds> next_change(sys_seconds t) const {
        if (!at.empty() && t < at.back()) return *std::upper_bound(at.begin(), at.end(), t);
        if (!rule) return std::nullopt;
        return rule_next(*rule, t);
    }
};

namespace {

std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The counts of a TZif header, in the file's order.
struct tzif_counts {
    std::size_t isut = 0, isstd = 0, leap = 0, times = 0, types = 0, chars = 0;

    // Bytes of the data block that follows the header, with `time_size`-byte times.
    std::size_t block(std::size_t time_size) const {
        return times * time_size + times + types * 6 + chars + leap * (time_size + 4) + isstd + isut;
    }
};

// Reads a 44-byte header (magic, version, 15 reserved bytes, six counts); nullopt when short or
// a count is negative.
std::optional<tzif_counts> read_tzif_header(byte_reader& r) {
    if (!r.has(44)) return std::nullopt;
    r.skip(20);
    std::array<std::size_t, 6> n{};
    for (auto& c : n) {
        const std::int64_t v = r.be(4);
        if (v < 0) return std::nullopt;
        c = static_cast<std::size_t>(v);
    }
    return tzif_counts{n[0], n[1], n[2], n[3], n[4], n[5]};
}

// Transition times and the type index of each; false when unsorted or an index is out of range.
bool read_tzif_transitions(byte_reader& r, const tzif_counts& n, std::size_t time_size, time_zone::impl& z) {
    z.at.reserve(n.times);
    for (std::size_t i = 0; i < n.times; ++i) z.at.emplace_back(seconds{r.be(time_size)});
    if (!std::is_sorted(z.at.begin(), z.at.end())) return false;
    z.type_of.reserve(n.times);
    for (std::size_t i = 0; i < n.times; ++i) {
        const auto t = r.byte();
        if (t >= n.types) return false;
        z.type_of.push_back(t);
    }
    return true;
}

// Local-time types (offset, DST flag, abbreviation), then past the abbreviation characters.
bool read_tzif_types(byte_reader& r, const std::string& data, const tzif_counts& n, time_zone::impl& z) {
    std::vector<std::uint8_t> abbreviation_at;
    for (std::size_t i = 0; i < n.types; ++i) {
        const auto off = r.be(4);
        const bool dst = r.byte() != 0;
        const auto idx = r.byte();
        if (idx >= n.chars || off < -26 * 3600 || off > 26 * 3600) return false;
        z.types.push_back({seconds{off}, dst, {}});
        abbreviation_at.push_back(idx);
    }
    const std::string chars = data.substr(r.pos(), n.chars);
    for (std::size_t i = 0; i < n.types; ++i) {
        const auto idx = abbreviation_at[i];
        const auto end = chars.find('\0', idx);
        z.types[i].abbreviation = chars.substr(idx, end == std::string::npos ? std::string::npos : end - idx);
    }
    r.skip(n.chars);
    return true;
}

// A TZif file's data; nullopt when it is not a well-formed TZif file.
std::optional<time_zone::impl> parse_tzif(const std::string& data) {
    if (data.size() < 44 || data.compare(0, 4, "TZif") != 0) return std::nullopt;
    const char version = data[4];
    byte_reader r(data, 0);
    auto n = read_tzif_header(r);
    if (!n) return std::nullopt;
    std::size_t time_size = 4;
    if (version >= '2') {  // skip the 32-bit block; the 64-bit one follows with its own header
        if (!r.has(n->block(4))) return std::nullopt;
        r.skip(n->block(4));
        if (!r.has(4) || data.compare(r.pos(), 4, "TZif") != 0) return std::nullopt;
        n = read_tzif_header(r);
        if (!n) return std::nullopt;
        time_size = 8;
    }
    if (n->types == 0 || n->types > 256 || n->times > 100000 || n->chars > 10000 || n->leap > 100000)
        return std::nullopt;
    if (!r.has(n->block(time_size))) return std::nullopt;

    time_zone::impl z;
    if (!read_tzif_transitions(r, *n, time_size, z) || !read_tzif_types(r, data, *n, z)) return std::nullopt;
    // Leap-second records ("right/" zones) are ignored: iopcare counts civil seconds.
    r.skip(n->leap * (time_size + 4) + n->isstd + n->isut);
    if (version >= '2' && r.has(2) && data[r.pos()] == '\n') {  // the POSIX TZ footer
        const auto b = r.pos() + 1;
        const auto e = data.find('\n', b);
        if (e != std::string::npos && e > b) z.rule = tz_parser(std::string_view(data).substr(b, e - b)).parse();
    }
    return z;
}

bool plausible_zone_name(std::string_view name) {
    if (name.empty() || name.size() > 128 || name.front() == '/' || name.find("..") != std::string_view::npos)
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
               c == '_' || c == '-' || c == '+';
    });
}

std::shared_ptr<const time_zone::impl> make_utc() {
    auto z = std::make_shared<time_zone::impl>();
    z->name = "UTC";
    z->types.push_back({seconds{0}, false, "UTC"});
    return z;
}

std::shared_ptr<const time_zone::impl> load_zone(std::string_view name) {
    if (name == "UTC" || name == "Etc/UTC" || name == "Z" || name == "Zulu" || name == "Etc/Zulu") return make_utc();
    if (plausible_zone_name(name)) {
        const char* env = std::getenv("TZDIR");
        std::vector<std::string> dirs;
        if (env != nullptr && *env != '\0') dirs.emplace_back(env);
        dirs.emplace_back("/usr/share/zoneinfo");
        for (const auto& dir : dirs) {
            const auto data = read_whole_file(dir + "/" + std::string(name));
            if (data.empty()) continue;
            if (auto z = parse_tzif(data)) {
                z->name = std::string(name);
                return std::make_shared<time_zone::impl>(std::move(*z));
            }
        }
    }
    if (auto rule = tz_parser(name).parse()) {
        auto z = std::make_shared<time_zone::impl>();
        z->name = std::string(name);
        z->rule = std::move(*rule);
        return z;
    }
    return nullptr;
}

}  // namespace

time_zone time_zone::locate(std::string_view name) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const impl>, std::less<>> cache;
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(name); it != cache.end()) return time_zone(it->second);
    }
    auto z = load_zone(name);
    if (!z) {
        throw error(errc::unknown_time_zone, "timezone", std::string(name),
                    "not an IANA time-zone name found in the system's tzdata, nor a POSIX TZ string "
                    "such as \"EST5EDT,M3.2.0,M11.1.0\"");
    }
    std::lock_guard lock(mutex);
    auto [it, inserted] = cache.emplace(std::string(name), std::move(z));
    return time_zone(it->second);
}

result<time_zone> time_zone::try_locate(std::string_view name) noexcept {
    return try_call([&] { return locate(name); });
}

time_zone time_zone::utc() {
    static const auto z = make_utc();
    return time_zone(z);
}

const std::string& time_zone::name() const noexcept { return impl_->name; }

seconds time_zone::offset(sys_seconds t) const { return impl_->state(t).offset; }
std::string time_zone::abbreviation(sys_seconds t) const { return std::string(impl_->state(t).abbreviation); }
bool time_zone::is_dst(sys_seconds t) const { return impl_->state(t).dst; }

local_seconds time_zone::to_local(sys_seconds t) const {
    return local_seconds{t.time_since_epoch() + impl_->state(t).offset};
}

namespace {
// Collects what a local time `t` is, from the stretches of one UTC offset that cover the
// instants it could mean, fed in time order.
struct local_time_finder {
    seconds t;  // the local reading, as seconds since the local epoch
    local_time_info info{};
    std::size_t found = 0;

    // A stretch with `offset` from `from` to `until` (open-ended when nullopt) reads local
    // times in [from + offset, until + offset).
    void stretch(sys_seconds from, std::optional<sys_seconds> until, seconds offset) {
        const sys_seconds u{t - offset};
        if (u < from || (until && u >= *until)) return;
        if (found++ == 0) {
            info.first = u;
            info.offset_before = offset;
        }
        info.second = u;
        info.offset_after = offset;
    }
    // A change at `at` from `before` to `after`: a jump forward over t makes t nonexistent.
    void change(sys_seconds at, seconds before, seconds after) {
        if (t >= at.time_since_epoch() + before && t < at.time_since_epoch() + after) {
            info.first = info.second = at;
            info.offset_before = before;
            info.offset_after = after;
        }
    }
    local_time_info result() {
        if (found > 1) info.result = local_time_info::kind::ambiguous;
        if (found == 0) info.result = local_time_info::kind::nonexistent;
        return info;
    }
};
}  // namespace

local_time_info time_zone::classify(local_seconds t) const {
    // Any instant read as `t` lies within 26 hours of `t` taken as UTC (TZif offsets are
    // bounded so), so the offsets in force in that window are the only candidates. No
    // assumption about how often they change: a POSIX rule may switch twice in one day.
    const sys_seconds as_utc{t.time_since_epoch()};
    constexpr seconds reach = hours{26};
    if (seconds steady{}; impl_->steady_offset(as_utc - reach, as_utc + reach, steady)) {  // most times
        const sys_seconds u{t.time_since_epoch() - steady};
        return local_time_info{local_time_info::kind::unique, u, u, steady, steady};
    }
    local_time_finder f{t.time_since_epoch()};
    sys_seconds from = as_utc - reach;
    seconds offset = impl_->state(from).offset;
    for (auto at = impl_->next_change(from);; at = impl_->next_change(*at)) {
        if (!at || *at > as_utc + reach) {
            f.stretch(from, std::nullopt, offset);
            return f.result();
        }
        const seconds next = impl_->state(*at).offset;
        if (next == offset) continue;  // only the abbreviation or the DST flag changed
        f.stretch(from, *at, offset);
        f.change(*at, offset, next);
        from = *at;
        offset = next;
    }
}

std::optional<sys_seconds> time_zone::to_utc(local_seconds t, dst_policy policy) const {
    const auto info = classify(t);
    switch (info.result) {
        case local_time_info::kind::unique: return info.first;
        case local_time_info::kind::nonexistent:
            switch (policy) {
                case dst_policy::shift_forward: return sys_seconds{t.time_since_epoch() - info.offset_before};
                case dst_policy::earliest:
                case dst_policy::latest: return info.first;
                case dst_policy::skip: return std::nullopt;
                case dst_policy::error:
                    throw error(errc::nonexistent_local_time, name(), format_local(t),
                                "this local time is skipped by a daylight-saving change in the zone");
            }
            break;
        case local_time_info::kind::ambiguous:
            switch (policy) {
                case dst_policy::latest: return info.second;
                case dst_policy::error:
                    throw error(errc::ambiguous_local_time, name(), format_local(t),
                                "this local time occurs twice (a daylight-saving change repeats it)");
                default: return info.first;
            }
    }
    return info.first;
}

std::vector<zone_transition> time_zone::transitions(sys_seconds from, sys_seconds to) const {
    std::vector<zone_transition> out;
    if (!(from < to)) return out;
    auto state = impl_->state(from - seconds{1});
    auto cursor = from - seconds{1};
    while (true) {
        const auto next = impl_->next_change(cursor);
        if (!next || *next >= to) break;
        cursor = *next;
        const auto now = impl_->state(cursor);
        if (cursor >= from && !(now == state)) {
            out.push_back({cursor, state.offset, now.offset, std::string(now.abbreviation), now.dst});
        }
        state = now;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// ISO 8601 text.

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

std::optional<std::chrono::year_month_day> date_at(std::string_view s) {
    int y = 0, m = 0, d = 0;
    if (s.size() < 10 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-' ||
        !digits(s, 8, 2, d))
        return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

// "HH:MM" or "HH:MM:SS" at the start of s; sets `used`.
std::optional<seconds> time_at(std::string_view s, std::size_t& used) {
    int h = 0, m = 0, sec = 0;
    if (!digits(s, 0, 2, h) || s.size() < 5 || s[2] != ':' || !digits(s, 3, 2, m)) return std::nullopt;
    used = 5;
    if (s.size() >= 6 && s[5] == ':') {
        if (!digits(s, 6, 2, sec)) return std::nullopt;
        used = 8;
    }
    if (h > 23 || m > 59 || sec > 59) return std::nullopt;
    return seconds{h * 3600 + m * 60 + sec};
}

}  // namespace

std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text) noexcept {
    if (text.size() != 10) return std::nullopt;
    return date_at(text);
}

std::optional<seconds> parse_time_of_day(std::string_view text) noexcept {
    std::size_t used = 0;
    auto t = time_at(text, used);
    if (!t || used != text.size()) return std::nullopt;
    return t;
}

namespace {

// The usual local "YYYY-MM-DDTHH:MM:SS" read from its fixed places, without the general
// reading's steps; nothing for any other text, which the general reading then reads or refuses
// (so both agree on every text this takes).
std::optional<local_seconds> usual_local_datetime(std::string_view t) noexcept {
    if (t.size() != 19 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':')
        return std::nullopt;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!digits(t, 0, 4, y) || !digits(t, 5, 2, mo) || !digits(t, 8, 2, d) || !digits(t, 11, 2, h) ||
        !digits(t, 14, 2, mi) || !digits(t, 17, 2, sec) || h > 23 || mi > 59 || sec > 59)
        return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return local_seconds{sys_days{ymd}.time_since_epoch()} + seconds{h * 3600 + mi * 60 + sec};
}

}  // namespace

std::optional<iso_datetime> parse_iso_datetime(std::string_view text) noexcept {
    if (const auto usual = usual_local_datetime(text)) return iso_datetime{*usual, std::nullopt};
    const auto date = date_at(text);
    if (!date || text.size() < 16 || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
    std::size_t used = 0;
    const auto tod = time_at(text.substr(11), used);
    if (!tod) return std::nullopt;
    iso_datetime out;
    out.local = local_seconds{sys_days{*date}.time_since_epoch()} + *tod;
    auto rest = text.substr(11 + used);
    if (rest.empty()) return out;
    if (rest == "Z" || rest == "z") {
        out.offset = seconds{0};
        return out;
    }
    if (rest.front() != '+' && rest.front() != '-') return std::nullopt;
    const int sign = rest.front() == '-' ? -1 : 1;
    int h = 0, m = 0;
    if (rest.size() == 6 && digits(rest, 1, 2, h) && rest[3] == ':' && digits(rest, 4, 2, m)) {
    } else if (rest.size() == 5 && digits(rest, 1, 2, h) && digits(rest, 3, 2, m)) {
    } else if (rest.size() == 3 && digits(rest, 1, 2, h)) {
    } else {
        return std::nullopt;
    }
    if (h > 23 || m > 59) return std::nullopt;
    out.offset = seconds{sign * (h * 3600 + m * 60)};
    return out;
}

namespace {
std::string format_parts(std::chrono::sys_seconds t, bool utc) {
    char digits[20];
    if (char* end = detail::iso_datetime_chars(digits, t)) {
        if (utc) *end++ = 'Z';
        return std::string(digits, end);
    }
    const auto d = std::chrono::floor<days>(t);
    const std::chrono::year_month_day ymd{d};
    const std::chrono::hh_mm_ss hms{t - d};
    return detail::printf_string("%04d-%02u-%02uT%02d:%02d:%02d%s", static_cast<int>(ymd.year()),
                                 static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                                 static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                                 static_cast<int>(hms.seconds().count()), utc ? "Z" : "");
}
}  // namespace

std::string format_local(local_seconds t) { return format_parts(sys_seconds{t.time_since_epoch()}, false); }
std::string format_utc(sys_seconds t) { return format_parts(t, true); }
std::string format_date(std::chrono::year_month_day d) {
    char digits[10];
    if (char* end = detail::iso_date_chars(digits, d)) return std::string(digits, end);
    return detail::printf_string("%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                                 static_cast<unsigned>(d.day()));
}

}  // namespace iopcare
