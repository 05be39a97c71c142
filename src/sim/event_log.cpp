// The CSV event log (simulation.hpp): lines formatted without the locale-aware streams, since a
// large run logs millions of them.
#include <charconv>
#include <cmath>
#include <memory>
#include <ostream>

#include "iopcare/sim/simulation.hpp"
#include "iopcare/text.hpp"

namespace iopcare::sim {

namespace {

void put(std::string& out, std::uint64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// Days with six decimals (a microday, 0.0864 s), from the time rounded to whole microdays: the
// same text at day 3 and at day 300,000, where six significant digits would lose the minutes.
void put_days(std::string& out, double days) {
    const auto micro = static_cast<std::uint64_t>(std::llround(days * 1e6));
    put(out, micro / 1000000);
    char frac[7] = {'.', '0', '0', '0', '0', '0', '0'};
    std::uint64_t f = micro % 1000000;
    for (int i = 6; i >= 1; --i) {
        frac[i] = static_cast<char>('0' + f % 10);
        f /= 10;
    }
    out.append(frac, sizeof frac);
}

constexpr std::string_view header = "replication,patient,time_days,kind,from,to,outcome\n";

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
    out.reserve(out.size() + events.size() * 64);
    for (const flow_event& e : events) {
        if (with_point_) {
            put(out, static_cast<std::uint64_t>(e.point));
            out += ',';
        }
        put(out, static_cast<std::uint64_t>(e.replication));
        out += ',';
        put(out, e.patient);
        out += ',';
        put_days(out, e.time.count());
        out += ',';
        out += to_string(e.kind);
        out += ',';
        out += name(e.from);
        out += ',';
        out += name(e.to);
        out += ',';
        if (ends_in_discharge(e)) out += to_string(e.outcome);
        out += '\n';
    }
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
