// The CSV event log (simulation.hpp): lines formatted without the locale-aware streams, since a
// large run logs millions of them.
#include <array>
#include <bit>
#include <cstring>
#include <cmath>
#include <memory>
#include <ostream>

#include "iopcare/sim/simulation.hpp"
#include "iopcare/text.hpp"

namespace iopcare::sim {

namespace {

// "00" to "99": two digits a step, which halves the divisions of writing a number.
constexpr std::array<char, 200> digit_pairs = [] {
    std::array<char, 200> t{};
    for (int i = 0; i < 100; ++i) {
        t[static_cast<std::size_t>(2 * i)] = static_cast<char>('0' + i / 10);
        t[static_cast<std::size_t>(2 * i + 1)] = static_cast<char>('0' + i % 10);
    }
    return t;
}();

// Writes the last `n` digits of v at p, with leading zeros; returns the end.
char* put_digits(char* p, std::uint64_t v, int n) {
    char* end = p + n;
    for (; n >= 2; n -= 2) {
        std::memcpy(p + n - 2, &digit_pairs[static_cast<std::size_t>(2 * (v % 100))], 2);
        v /= 100;
    }
    if (n == 1) *p = static_cast<char>('0' + v % 10);
    return end;
}

// The number of decimal digits of v, from its bit width (log10 2 ~ 1233 / 4096) and one
// comparison, rather than a chain of divisions.
int decimal_digits(std::uint64_t v) {
    static constexpr std::array<std::uint64_t, 20> powers = [] {
        std::array<std::uint64_t, 20> t{};
        t[0] = 1;
        for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
        return t;
    }();
    const auto guess = static_cast<int>((std::bit_width(v | 1) * 1233) >> 12);  // floor(log10 v) or one more
    return guess + 1 - ((v | 1) < powers[static_cast<std::size_t>(guess)] ? 1 : 0);
}

// Writes v in decimal at p; returns the end.
char* put(char* p, std::uint64_t v) { return put_digits(p, v, decimal_digits(v)); }

char* put(char* p, std::string_view text) {
    std::memcpy(p, text.data(), text.size());
    return p + text.size();
}

// Days with six decimals (a microday, 0.0864 s), from the time rounded to whole microdays: the
// same text at day 3 and at day 300,000, where six significant digits would lose the minutes.
char* put_days(char* p, double days) {
    const auto micro = static_cast<std::uint64_t>(std::llround(days * 1e6));
    p = put(p, micro / 1000000);
    *p++ = '.';
    return put_digits(p, micro % 1000000, 6);
}

constexpr std::string_view header = "replication,patient,time_days,kind,from,to,outcome\r\n";

bool ends_in_discharge(const flow_event& e) {
    return e.kind == event_kind::dropout || (e.kind == event_kind::departure && e.to == discharge_index);
}

}  // namespace

csv_event_log::csv_event_log(std::ostream& out, const scenario& s, bool with_point) : out_(out), with_point_(with_point) {
    // Level ids quoted as CSV needs, once: an id with a comma or a newline stays one field.
    for (const auto& l : s.levels) names_.push_back(csv_field(l.id));
    if (with_point_) out_ << "point,";
    out_ << header;
}

void csv_event_log::format(std::span<const flow_event> events, std::string& out) const {
    auto name = [&](int i) -> std::string_view {
        if (i == community_index) return community_code;
        if (i == discharge_index) return discharge_code;
        return names_[static_cast<std::size_t>(i)];
    };
    // Lines are built in a buffer on the stack and appended a few hundred at a time: a log of
    // millions of lines costs a few nanoseconds a field. A line is at most the numbers, the
    // time, the kind, the outcome and the commas (98 bytes) and the two names.
    constexpr std::size_t block = 16384, numbers = 2 * 20 + 24 + 10 + 16 + 8 + 21;
    char buffer[block];
    char* p = buffer;
    for (const flow_event& e : events) {
        const std::string_view from = name(e.from), to = name(e.to);
        const std::size_t longest = numbers + from.size() + to.size();
        if (static_cast<std::size_t>(buffer + block - p) < longest) {
            out.append(buffer, p);
            p = buffer;
            if (longest > block) {  // ids of thousands of characters: a line of its own
                std::string line(longest, '\0');
                line.resize(static_cast<std::size_t>(put_line(line.data(), e, from, to) - line.data()));
                out += line;
                continue;
            }
        }
        p = put_line(p, e, from, to);
    }
    out.append(buffer, p);
}

char* csv_event_log::put_line(char* p, const flow_event& e, std::string_view from, std::string_view to) const {
    if (with_point_) {
        p = put(p, static_cast<std::uint64_t>(e.point));
        *p++ = ',';
    }
    p = put(p, static_cast<std::uint64_t>(e.replication));
    *p++ = ',';
    p = put(p, e.patient);
    *p++ = ',';
    p = put_days(p, e.time.count());
    *p++ = ',';
    p = put(p, to_string(e.kind));
    *p++ = ',';
    p = put(p, from);
    *p++ = ',';
    p = put(p, to);
    *p++ = ',';
    if (ends_in_discharge(e)) p = put(p, to_string(e.outcome));
    *p++ = '\r';  // RFC 4180 line ends, as every CSV iopcare writes
    *p++ = '\n';
    return p;
}

void csv_event_log::write(std::string_view text) { out_.write(text.data(), static_cast<std::streamsize>(text.size())); }

event_sink csv_event_writer(std::ostream& out, const scenario& s) {
    auto log = std::make_shared<csv_event_log>(out, s);
    return [log, line = std::string()](const flow_event& e) mutable {
        line.clear();
        log->format(std::span<const flow_event>(&e, 1), line);
        log->write(line);
    };
}

}  // namespace iopcare::sim
