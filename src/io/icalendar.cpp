// iCalendar (RFC 5545) export of a schedule.
#include "iopcare/io/icalendar.hpp"

#include "detail/stable_hash.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "iopcare/service.hpp"
#include "iopcare/version.hpp"
#include "detail/text.hpp"

namespace iopcare::io {

using namespace std::chrono;

std::string icalendar_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            case '\n': out += "\\n"; break;
            default: out += c;
        }
    }
    return out;
}

std::string icalendar_fold(std::string_view line) {
    std::string out;
    out.reserve(line.size() + line.size() / 70 * 3 + 2);
    std::size_t width = 0;  // octets on the current physical line
    std::size_t limit = 75;
    for (std::size_t i = 0; i < line.size();) {
        // The length of the UTF-8 sequence starting here (1 for ASCII and stray bytes).
        const auto lead = static_cast<unsigned char>(line[i]);
        std::size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
        n = std::min(n, line.size() - i);
        if (width + n > limit) {
            out += "\r\n ";
            width = 1;  // the leading space counts toward the 75 octets
        }
        out.append(line.substr(i, n));
        width += n;
        i += n;
    }
    out += "\r\n";
    return out;
}

namespace {

std::string stamp_local(local_seconds t) {
    const auto d = floor<days>(t);
    const year_month_day ymd{sys_days{d.time_since_epoch()}};
    const hh_mm_ss hms{t - d};
    return iopcare::detail::printf_string("%04d%02u%02uT%02d%02d%02d", static_cast<int>(ymd.year()),
                                          static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                                          static_cast<int>(hms.hours().count()),
                                          static_cast<int>(hms.minutes().count()),
                                          static_cast<int>(hms.seconds().count()));
}
std::string stamp_utc(sys_seconds t) { return stamp_local(local_seconds{t.time_since_epoch()}) + "Z"; }

std::string duration_text(minutes m) {
    const auto h = m.count() / 60, mm = m.count() % 60;
    std::string out = "PT";
    if (h) out += std::to_string(h) + "H";
    if (mm || !h) out += std::to_string(mm) + "M";
    return out;
}

std::string offset_text(seconds off) {
    // Offsets are within a day, so two digits each suffice.
    const bool negative = off < seconds{0};
    const int a = static_cast<int>(negative ? -off.count() : off.count()) % 86400;
    const char sign = negative ? '-' : '+';
    if (a % 60) return iopcare::detail::printf_string("%c%02d%02d%02d", sign, a / 3600, a / 60 % 60, a % 60);
    return iopcare::detail::printf_string("%c%02d%02d", sign, a / 3600, a / 60 % 60);
}

std::string slug(std::string_view name) {
    std::string out;
    for (char c : name) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
        else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "program" : out;
}

// A patient id as part of a UID: itself when it is already lower-case letters, digits and
// '-', else its slug and a hash, so that two ids never share a UID.
std::string uid_part(const patient_id& p) {
    const std::string& id = p.str();
    const bool plain = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    return plain ? id : iopcare::detail::id_hash{}.add(id).id(slug(id));
}

constexpr const char* day_codes[7] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

class writer {
public:
    writer(const schedule& s, const time_zone& zone, const icalendar_options& o) : s_(s), zone_(zone), o_(o) {
        utc_ = zone.name() == "UTC";
        const std::string& n = zone.name();
        tzid_ = n.find_first_of(";:,\"") == std::string::npos ? n : "\"" + n + "\"";
    }

    void line(std::string_view text) { out_ += icalendar_fold(text); }

    // A local wall-clock time as a property: ";TZID=...:20260302T180000", or ":...Z" in UTC.
    std::string when(std::string_view name, local_seconds t) const {
        if (utc_) return std::string(name) + ":" + stamp_local(t) + "Z";
        return std::string(name) + ";TZID=" + tzid_ + ":" + stamp_local(t);
    }

    void timezone_component(sys_days lo, sys_days hi) {
        if (utc_) return;
        const sys_seconds before{sys_seconds{lo} - days{366}};
        const auto tr = zone_.transitions(before, sys_seconds{hi} + days{2});
        line("BEGIN:VTIMEZONE");
        line("TZID:" + zone_.name());
        const auto base_offset = zone_.offset(before);
        const bool base_dst = zone_.is_dst(before);
        const char* base_kind = base_dst ? "DAYLIGHT" : "STANDARD";
        line(std::string("BEGIN:") + base_kind);
        line("DTSTART:19700101T000000");
        line("TZOFFSETFROM:" + offset_text(base_offset));
        line("TZOFFSETTO:" + offset_text(base_offset));
        line("TZNAME:" + icalendar_escape(zone_.abbreviation(before)));
        line(std::string("END:") + base_kind);
        for (const auto& t : tr) {
            const char* kind = t.dst_after ? "DAYLIGHT" : "STANDARD";
            line(std::string("BEGIN:") + kind);
            // DTSTART of a zone component is the local time in force before the change.
            line("DTSTART:" + stamp_local(local_seconds{t.at.time_since_epoch() + t.offset_before}));
            line("TZOFFSETFROM:" + offset_text(t.offset_before));
            line("TZOFFSETTO:" + offset_text(t.offset_after));
            line("TZNAME:" + icalendar_escape(t.abbreviation_after));
            line(std::string("END:") + kind);
        }
        line("END:VTIMEZONE");
    }

    struct event_spec {
        std::string uid;  // without "@domain"
        unsigned mask = 0;  // weekdays, bit c_encoding
        seconds start{};
        minutes length{};
        std::string service;
        std::string group;
        std::uint16_t group_index = no_index;
        std::optional<std::string> room;
        std::optional<std::string> facilitator;
        std::string phase;
        std::string patient;  // as the description shows it: the display name, else the id
    };

    // What a local time is in the zone; always unique in UTC.
    local_time_info::kind kind_of(local_seconds t) const {
        return utc_ ? local_time_info::kind::unique : zone_.classify(t).result;
    }

    // A start time as a property: a local time with TZID when the zone maps it to one instant,
    // otherwise (a time a DST change skips or repeats) the instant the policy gives, in UTC,
    // so that no reader has to resolve it on its own. `at` must resolve (not skip).
    std::string start_at(std::string_view name, local_seconds t) const {
        if (kind_of(t) == local_time_info::kind::unique) return when(name, t);
        return std::string(name) + ":" + stamp_utc(*zone_.to_utc(t, o_.policy));
    }

    // What happens to one weekly occurrence in the window.
    enum class fate : unsigned char { occurs, excluded, moved };
    struct occurrence {
        local_seconds at;
        fate f = fate::occurs;
        const schedule::move* m = nullptr;  // where it went, when moved
        local_time_info::kind k = local_time_info::kind::unique;
    };

    // The texts every VEVENT of one event_spec repeats.
    struct event_text {
        const event_spec& ev;
        std::string summary;
        std::string description;
    };

    // The occurrence of `ev` on day `d`: closed, cancelled, moved, dropped by the DST policy, or
    // as planned. A move out of [lo, hi) or to a time the policy drops leaves no session.
    occurrence occurrence_on(const event_spec& ev, sys_days d, sys_days lo, sys_days hi) const {
        occurrence o;
        o.at = local_seconds{local_days{d.time_since_epoch()}} + ev.start;
        o.k = kind_of(o.at);
        const bool grouped = ev.group_index != no_index;
        if (s_.prog().closures.closed(year_month_day{d})) {
            o.f = fate::excluded;
        } else if (grouped && s_.cancelled(ev.group_index, o.at)) {
            o.f = fate::excluded;
        } else if (grouped && (o.m = s_.moved(ev.group_index, o.at)) != nullptr) {
            const auto nd = sys_days{floor<days>(o.m->to).time_since_epoch()};
            const bool resolves = kind_of(o.m->to) == local_time_info::kind::unique ||
                                  zone_.to_utc(o.m->to, o_.policy).has_value();
            o.f = (nd >= lo && nd < hi && resolves) ? fate::moved : fate::excluded;
        } else if (o.k != local_time_info::kind::unique && !zone_.to_utc(o.at, o_.policy)) {
            o.f = fate::excluded;  // dst_policy::skip: iopcare has no session here
        }
        return o;
    }

    // Every weekday occurrence of `ev` over the days [b, e).
    std::vector<occurrence> occurrences(const event_spec& ev, sys_days b, sys_days e, sys_days lo,
                                        sys_days hi) const {
        std::vector<occurrence> list;
        for (sys_days d = b; d < e; d += days{1})
            if (ev.mask & (1u << weekday{d}.c_encoding())) list.push_back(occurrence_on(ev, d, lo, hi));
        return list;
    }

    static event_text text_of(const event_spec& ev) {
        const auto svc = service_catalog::standard().find(ev.service);
        event_text t{ev, svc ? svc->name : ev.service, "Phase: " + ev.phase + "\nPatient: " + ev.patient};
        if (!ev.group.empty()) t.summary += " (" + ev.group + ")";
        if (ev.facilitator) t.description += "\nFacilitator: " + *ev.facilitator;
        return t;
    }

    // The properties every VEVENT of the event carries after its times.
    void common(const event_text& t) {
        line("SUMMARY:" + icalendar_escape(t.summary));
        line("DESCRIPTION:" + icalendar_escape(t.description));
        if (t.ev.room) line("LOCATION:" + icalendar_escape(*t.ev.room));
        line("CATEGORIES:" + icalendar_escape(t.ev.service));
    }

    // A VEVENT for one instance: an override of a series (with RECURRENCE-ID) or a stand-alone
    // event.
    void single(const event_text& t, const std::string& uid, const std::string* recurrence_id,
                local_seconds start) {
        line("BEGIN:VEVENT");
        line("UID:" + uid);
        line("DTSTAMP:" + dtstamp_);
        if (recurrence_id) line(*recurrence_id);
        line(start_at("DTSTART", start));
        line("DURATION:" + duration_text(t.ev.length));
        common(t);
        line("END:VEVENT");
    }

    // "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,WE;COUNT=n", the days in week order from Monday.
    static std::string weekly_rule(unsigned mask, std::size_t count) {
        std::string rule = "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=";
        bool any = false;
        for (unsigned d : {1u, 2u, 3u, 4u, 5u, 6u, 0u}) {
            if (!(mask & (1u << d))) continue;
            rule += std::string(any ? "," : "") + day_codes[d];
            any = true;
        }
        return rule + ";COUNT=" + std::to_string(count);
    }

    static bool plain(const occurrence& o) { return o.k == local_time_info::kind::unique; }
    static bool shown_in_series(const occurrence& o) { return plain(o) && o.f != fate::excluded; }

    // The series over list[from, to), none of which is a skipped time. DTSTART is its first
    // occurrence that is not excluded (a moved one's override replaces it).
    void series(const event_text& t, const std::vector<occurrence>& list, std::size_t from, std::size_t to,
                const std::string& uid) {
        std::size_t first = from;
        while (first < to && !shown_in_series(list[first])) ++first;
        if (first == to) return;  // nothing left to show
        std::size_t last = to - 1;
        while (!shown_in_series(list[last])) --last;

        line("BEGIN:VEVENT");
        line("UID:" + uid);
        line("DTSTAMP:" + dtstamp_);
        line(when("DTSTART", list[first].at));
        line("DURATION:" + duration_text(t.ev.length));
        line(weekly_rule(t.ev.mask, last - first + 1));
        // Excluded occurrences, and repeated-time ones (exported on their own).
        for (std::size_t i = first; i <= last; ++i)
            if (list[i].f == fate::excluded || !plain(list[i])) line(when("EXDATE", list[i].at));
        common(t);
        line("END:VEVENT");
        for (std::size_t i = first; i <= last; ++i) {  // overrides for moved occurrences
            if (list[i].f != fate::moved || !plain(list[i])) continue;
            const std::string recurrence_id = when("RECURRENCE-ID", list[i].at);
            single(t, uid, &recurrence_id, list[i].m->to);
        }
        ++events_;
    }

    // "20260308": the local day of an occurrence, for the UIDs derived from the series'.
    static std::string day_tag(local_seconds t) { return stamp_local(t).substr(0, 8); }

    // One recurring event over the days [b, e) of the window.
    //
    // Occurrences whose local start a DST change skips or repeats ("edge" occurrences) are not
    // left to the RRULE: readers resolve such times their own way (RFC 5545 takes the offset
    // before a gap and the first of two repeated instants; libical 3.0 takes the later instant
    // of a repeat, and its RRULE iterator moves a skipped 02:30 to 03:30 and keeps 03:30 for
    // every later occurrence of the series). So:
    //  - at a skipped time the series ends, and resumes after it as a new series
    //    (UID "<base>-after-YYYYMMDD"), so that no reader expands the RRULE across the gap;
    //  - a repeated time is an EXDATE in the series (both readers resolve the EXDATE and the
    //    instance alike, so it matches);
    //  - the occurrence itself, unless it is excluded (closure, cancellation, or no instant under
    //    dst_policy::skip), is a single VEVENT (UID "<base>-YYYYMMDD") whose DTSTART is the
    //    instant the policy gives, in UTC.
    void event(const event_spec& ev, sys_days b, sys_days e, sys_days lo, sys_days hi) {
        const auto list = occurrences(ev, b, e, lo, hi);
        const event_text t = text_of(ev);
        const std::string at_domain = "@" + o_.uid_domain;
        std::size_t from = 0;  // series between skipped times
        std::string uid = ev.uid + at_domain;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (list[i].k != local_time_info::kind::nonexistent) continue;
            series(t, list, from, i, uid);
            from = i + 1;
            uid = ev.uid + "-after-" + day_tag(list[i].at) + at_domain;
        }
        series(t, list, from, list.size(), uid);
        // Edge occurrences, each on its own at its instant (start_at writes an edge time in UTC).
        for (const auto& o : list) {
            if (plain(o) || o.f == fate::excluded) continue;
            single(t, ev.uid + "-" + day_tag(o.at) + at_domain, nullptr, o.f == fate::moved ? o.m->to : o.at);
            ++events_;
        }
    }

    std::string finish() { return std::move(out_); }
    std::string dtstamp_;
    std::size_t events_ = 0;

private:
    const schedule& s_;
    const time_zone& zone_;
    const icalendar_options& o_;
    bool utc_ = false;
    std::string tzid_;
    std::string out_;
};

}  // namespace

namespace {

// One patient's recurring events: each phase's template lines, then the extra sessions on
// every day of the stay that a phase covers.
class patient_events {
public:
    patient_events(writer& w, const schedule& s, const enrollment& e, sys_days lo, sys_days hi)
        : w_(w), s_(s), e_(e), lo_(lo), hi_(hi),
          who_(slug(s.prog().name) + "-p" + uid_part(e.patient)),
          shown_(e.name.empty() ? e.patient.str() : e.name) {}

    void write() {
        const sys_days phases_end = write_phases();
        write_extras(std::max(sys_days{e_.admit}, lo_), std::min(phases_end, hi_));
    }

private:
    // The phases' lines; returns the day after the last phase ends (the stay's end when open).
    sys_days write_phases() {
        const program& p = s_.prog();
        const sys_days admit{e_.admit};
        const sys_days end = e_.end();
        unsigned start_week = 0;
        sys_days phases_end = end;
        for (std::size_t i = 0; i < p.phases.size(); ++i) {
            const auto& ph = p.phases[i];
            const sys_days pb = admit + days{7 * static_cast<int>(start_week)};
            const sys_days pe = ph.weeks == 0 ? end : std::min(end, admit + days{7 * static_cast<int>(start_week + ph.weeks)});
            write_lines(i, std::max(pb, lo_), std::min(pe, hi_));
            if (ph.weeks == 0) break;
            start_week += ph.weeks;
            if (i + 1 == p.phases.size()) phases_end = std::min(end, pe);
        }
        return phases_end;
    }

    void write_lines(std::size_t phase, sys_days b, sys_days e) {
        const auto& ph = s_.prog().phases[phase];
        for (std::size_t li = 0; li < ph.sessions.size() && b < e; ++li) {
            const auto& l = ph.sessions[li];
            if (!l.group.empty() && l.group != e_.group) continue;
            writer::event_spec ev;
            ev.uid = who_ + "-ph" + std::to_string(phase) + "-l" + std::to_string(li);
            for (auto wd : l.days) ev.mask |= 1u << wd.c_encoding();
            ev.start = l.start;
            ev.length = l.length;
            ev.service = l.service;
            ev.group = l.group;
            ev.group_index = l.group.empty() ? no_index : s_.index_of(l.group);
            ev.room = l.room;
            ev.facilitator = l.facilitator;
            ev.phase = ph.name;
            ev.patient = shown_;
            w_.event(ev, b, e, lo_, hi_);
        }
    }

    void write_extras(sys_days b, sys_days e) {
        for (std::size_t k = 0; k < e_.extras.size() && b < e; ++k) {
            const auto& xs = e_.extras[k];
            writer::event_spec ev;
            ev.uid = who_ + "-x" + std::to_string(k);
            ev.mask = 1u << xs.day.c_encoding();
            ev.start = xs.start;
            ev.length = xs.length;
            ev.service = xs.service;
            ev.room = xs.room;
            ev.facilitator = xs.facilitator;
            ev.phase = "all";
            ev.patient = shown_;
            w_.event(ev, b, e, lo_, hi_);
        }
    }

    writer& w_;
    const schedule& s_;
    const enrollment& e_;
    sys_days lo_, hi_;
    std::string who_;    // the UID prefix of this patient's events
    std::string shown_;  // the name the events show
};

// The checks made before anything is written.
void check_export(const schedule& s, year_month_day from, year_month_day to, const icalendar_options& options) {
    static_cast<void>(s.prog().required_zone());  // as schedule::expand
    s.check_size(from, to);  // the calendar walks the occurrences an expansion makes
    // A calendar for a patient the schedule does not know would be empty without a word.
    if (options.patient && std::none_of(s.enrolled().begin(), s.enrolled().end(),
                                        [&](const enrollment& e) { return e.patient == *options.patient; })) {
        throw error(errc::invalid_argument, "patient", options.patient->str(), "the patient is not enrolled in this schedule");
    }
}

}  // namespace

std::string schedule_to_icalendar(const schedule& s, year_month_day from, year_month_day to,
                                  const icalendar_options& options) {
    check_export(s, from, to, options);
    const program& p = s.prog();
    const time_zone& zone = *p.zone;
    const sys_days lo{from};
    const sys_days hi{to};
    writer w(s, zone, options);
    w.dtstamp_ = stamp_utc(options.stamp.value_or(sys_seconds{lo}));
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.line(std::string("PRODID:-//iopcare//iopcare ") + std::string(library_version_string()) + "//EN");
    w.line("CALSCALE:GREGORIAN");
    w.line("METHOD:PUBLISH");
    w.line("X-WR-CALNAME:" + icalendar_escape(p.name));
    if (zone.name() != "UTC") w.line("X-WR-TIMEZONE:" + zone.name());
    w.timezone_component(lo, hi);
    for (const auto& e : s.enrolled()) {
        if (!options.patient || e.patient == *options.patient) patient_events(w, s, e, lo, hi).write();
    }
    w.line("END:VCALENDAR");
    return w.finish();
}

result<std::string> try_schedule_to_icalendar(const schedule& s, year_month_day from, year_month_day to,
                                              const icalendar_options& options) noexcept {
    return try_call([&] { return schedule_to_icalendar(s, from, to, options); });
}

}  // namespace iopcare::io
