// Enrollment, capacity, expansion into sessions and conflict detection.
#include "iopcare/schedule.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "iopcare/text.hpp"

namespace iopcare {

using namespace std::chrono;

sys_days enrollment::end() const {
    const sys_days a{admit};
    if (!admit.ok()) throw error(errc::invalid_enrollment, "admit", format_date(admit), "admit date is not a date");
    if (weeks) return a + days{7 * static_cast<int>(*weeks)};
    if (discharge) {
        if (!discharge->ok() || sys_days{*discharge} < a)
            throw error(errc::invalid_enrollment, "discharge", discharge->ok() ? format_date(*discharge) : "",
                        "discharge date precedes admission");
        return sys_days{*discharge} + days{1};
    }
    throw error(errc::invalid_enrollment, "weeks", "", "an enrollment needs planned weeks or a discharge date");
}

schedule::schedule(program p, overflow_policy overflow) : program_(std::move(p)), overflow_(overflow) {
    for (const auto& ph : program_.phases) {
        for (const auto& l : ph.sessions) {
            intern(l.service);
            if (l.room) intern(*l.room);
            if (l.facilitator) intern(*l.facilitator);
            if (l.group.empty()) continue;
            intern(l.group);
            // The group's capacity: the smallest capacity of its lines (0 = unlimited).
            unsigned& cap = groups_[l.group].capacity;
            if (l.capacity != 0 && (cap == 0 || l.capacity < cap)) cap = l.capacity;
        }
    }
}

std::uint16_t schedule::intern(const std::string& s) {
    const auto i = index_of(s);
    if (i != no_index) return i;
    if (names_.size() + 1 >= no_index) throw error(errc::invalid_program, "names", s, "too many distinct names");
    names_.push_back(s);
    name_index_.emplace(s, static_cast<std::uint16_t>(names_.size() - 1));
    return static_cast<std::uint16_t>(names_.size() - 1);
}

std::uint16_t schedule::index_of(std::string_view name) const noexcept {
    const auto it = name_index_.find(name);
    return it == name_index_.end() ? no_index : it->second;
}

const std::string& schedule::name(std::uint16_t index) const {
    if (index >= names_.size()) throw error(errc::invalid_argument, "index", std::to_string(index), "no such name");
    return names_[index];
}

enroll_outcome schedule::enroll(enrollment e) {
    const sys_days start{e.admit};
    const sys_days stop = e.end();
    // One enrollment per patient, as in attendance files: a second one would count the
    // patient's hours twice.
    if (e.patient.empty()) throw error(errc::invalid_enrollment, "patient", "", "an enrollment needs a patient id");
    if (patients_.count(e.patient) != 0) {
        throw error(errc::invalid_enrollment, "patient", e.patient.str(),
                    "this patient already has an enrollment (one per patient)");
    }
    group_load* group = nullptr;
    if (!e.group.empty()) {
        const auto it = groups_.find(e.group);
        if (it == groups_.end()) throw error(errc::invalid_enrollment, "group", e.group, "no template line has this group");
        group = &it->second;
    }
    for (const auto& x : e.extras) {
        if (x.length <= minutes{0})
            throw error(errc::invalid_enrollment, "extras/minutes", std::to_string(x.length.count()), "length must be positive");
    }
    if (group != nullptr && group->capacity != 0) {
        // Enrolled stays of the group that overlap this one on some day (conservative: overlap
        // of periods, not day-by-day peak): those admitted before `stop`, less those that
        // ended by `start` (every stay ends no earlier than it begins).
        const std::size_t overlapping = group->admits.count_below(stop.time_since_epoch().count()) -
                                        group->ends.count_below(start.time_since_epoch().count() + 1);
        if (overlapping >= group->capacity) {
            if (overflow_ == overflow_policy::refuse)
                throw error(errc::capacity_exceeded, "group", e.group,
                            "group is full (" + counted(group->capacity, "place") + ")");
            patients_.insert(e.patient);
            waitlist_.push_back(std::move(e));
            return enroll_outcome{true};
        }
    }
    for (const auto& x : e.extras) {
        intern(x.service);
        if (x.room) intern(*x.room);
        if (x.facilitator) intern(*x.facilitator);
    }
    if (group != nullptr) {
        group->admits.insert(start.time_since_epoch().count());
        group->ends.insert(stop.time_since_epoch().count());
    }
    patients_.insert(e.patient);
    enrolled_.push_back(std::move(e));
    return enroll_outcome{false};
}

result<enroll_outcome> schedule::try_enroll(enrollment e) noexcept {
    return try_call([&] { return enroll(std::move(e)); });
}

namespace {

// Template sessions on each weekday (Sunday first, as weekday::c_encoding).
using weekday_counts = std::array<std::uint64_t, 7>;

// Sessions on the days [first, stop) counted from a day of weekday `first_weekday`.
std::uint64_t sessions_on(const weekday_counts& c, unsigned first_weekday, std::int64_t first, std::int64_t stop) {
    std::uint64_t week = 0;
    for (const auto n : c) week += n;
    const auto n = static_cast<std::uint64_t>(stop - first);
    std::uint64_t total = (n / 7) * week;
    for (std::uint64_t j = 0; j < n % 7; ++j) total += c[(first_weekday + static_cast<std::uint64_t>(first) + j) % 7];
    return total;
}

void add(weekday_counts& to, const weekday_counts& c) {
    for (std::size_t d = 0; d < 7; ++d) to[d] += c[d];
}

}  // namespace

std::uint64_t schedule::expected_sessions(year_month_day from, year_month_day to) const {
    const sys_days lo{from};
    const sys_days hi{to};
    if (hi <= lo) return 0;
    // Per phase: the sessions of lines for everyone, and of each group's lines.
    const std::size_t phases = program_.phases.size();
    std::vector<weekday_counts> everyone(phases, weekday_counts{});
    std::unordered_map<std::string_view, std::vector<weekday_counts>> by_group;
    for (std::size_t ph = 0; ph < phases; ++ph) {
        for (const auto& l : program_.phases[ph].sessions) {
            auto& c = l.group.empty() ? everyone[ph]
                                      : by_group.try_emplace(l.group, phases, weekday_counts{}).first->second[ph];
            for (const auto wd : l.days) ++c[wd.c_encoding()];
        }
    }
    std::uint64_t total = 0;
    for (const auto& e : enrolled_) {
        const sys_days admit{e.admit};
        // Days counted from the admission, as expand_local numbers the weeks of the phases.
        std::int64_t day = (std::max(lo, admit) - admit).count();
        const std::int64_t stop = (std::min(hi, e.end()) - admit).count();
        weekday_counts extra{};
        for (const auto& x : e.extras) ++extra[x.day.c_encoding()];
        const auto group = by_group.find(e.group);
        std::int64_t phase_start = 0;
        for (std::size_t ph = 0; ph < phases && day < stop; ++ph) {
            const unsigned weeks = program_.phases[ph].weeks;
            const std::int64_t phase_stop = weeks == 0 ? stop : std::min(stop, phase_start + 7 * std::int64_t{weeks});
            if (day < phase_stop) {
                weekday_counts c = everyone[ph];
                if (group != by_group.end()) add(c, group->second[ph]);
                add(c, extra);
                total += sessions_on(c, weekday{admit}.c_encoding(), day, phase_stop);
                day = phase_stop;
            }
            if (weeks == 0) break;
            phase_start += 7 * std::int64_t{weeks};
        }
    }
    return total;
}

void schedule::check_size(year_month_day from, year_month_day to) const {
    if (const auto n = expected_sessions(from, to); n > max_sessions_) {
        throw error(errc::limit_exceeded, "sessions", std::to_string(n),
                    "from " + format_date(from) + " to " + format_date(to) + " the enrollments have up to " +
                        std::to_string(n) + " sessions, more than the limit of " + std::to_string(max_sessions_) +
                        " (schedule::set_max_sessions, iopcare schedule --max-sessions)");
    }
}

namespace {

// A template line with its names turned into the schedule's indices, once per expansion; one
// place builds a session from it.
struct resolved_line {
    unsigned mask = 0;  // bit d set: runs on weekday d (c_encoding)
    seconds start{};
    minutes length{};
    std::uint16_t service = no_index, group = no_index, room = no_index, facilitator = no_index;

    [[nodiscard]] session at(const patient_id& patient, local_seconds start_at, std::size_t phase) const {
        session x;
        x.patient = patient;
        x.local_start = start_at;
        x.utc_start = sys_seconds{start_at.time_since_epoch()};
        x.length = length;
        x.service = service;
        x.group = group;
        x.phase = static_cast<std::uint16_t>(phase);
        x.room = room;
        x.facilitator = facilitator;
        return x;
    }
};

std::uint16_t index_or_none(const schedule& s, const std::optional<std::string>& name) {
    return name ? s.index_of(*name) : no_index;
}

// The expansion of one range: its days, its closed days and the resolved lines of each phase.
class expander {
public:
    expander(const schedule& s, sys_days lo, sys_days hi) : s_(s), lo_(lo), hi_(hi) {
        closed_.assign(static_cast<std::size_t>((hi - lo).count()), 0);
        for (const auto& d : s.prog().closures.dates_between(year_month_day{lo}, year_month_day{hi}))
            closed_[static_cast<std::size_t>((sys_days{d} - lo).count())] = 1;
        for (const auto& phase : s.prog().phases) {
            auto& lines = phase_lines_.emplace_back();
            for (const auto& l : phase.sessions) lines.push_back(resolve(l));
        }
    }

    // Sessions of every enrolled patient, each patient's in time order.
    expansion run() const {
        expansion out;
        out.sessions.reserve(estimate());
        for (const auto& e : s_.enrolled()) {
            const std::size_t first = out.sessions.size();
            add_days(e, out.sessions);
            if (add_moved(e, out.sessions)) {
                std::stable_sort(out.sessions.begin() + static_cast<std::ptrdiff_t>(first), out.sessions.end(),
                                 [](const session& x1, const session& x2) { return x1.local_start < x2.local_start; });
            }
        }
        return out;
    }

private:
    resolved_line resolve(const template_line& l) const {
        resolved_line d;
        for (auto wd : l.days) d.mask |= 1u << wd.c_encoding();
        d.start = l.start;
        d.length = l.length;
        d.service = s_.index_of(l.service);
        d.group = l.group.empty() ? no_index : s_.index_of(l.group);
        d.room = index_or_none(s_, l.room);
        d.facilitator = index_or_none(s_, l.facilitator);
        return d;
    }

    // Days in range times sessions a day: enough room that the vector rarely grows.
    std::size_t estimate() const {
        std::size_t n = 0;
        for (const auto& e : s_.enrolled()) {
            const auto b = std::max(lo_, sys_days{e.admit});
            const auto end = std::min(hi_, e.end());
            if (end > b) n += static_cast<std::size_t>((end - b).count()) * (1 + e.extras.size());
        }
        return n;
    }

    // The patient's template and extra sessions on each open day of the stay in range.
    void add_days(const enrollment& e, std::vector<session>& out) const {
        const sys_days admit{e.admit};
        const auto end = std::min(hi_, e.end());
        const auto gi = e.group.empty() ? no_index : s_.index_of(e.group);
        for (sys_days day = std::max(lo_, admit); day < end; day += days{1}) {
            if (closed_[static_cast<std::size_t>((day - lo_).count())]) continue;
            const auto ph = s_.prog().phase_for_week(static_cast<unsigned>((day - admit).count() / 7));
            if (!ph) break;
            const unsigned bit = 1u << weekday{day}.c_encoding();
            const local_seconds midnight{local_days{day.time_since_epoch()}};
            for (const auto& l : phase_lines_[*ph]) {
                if (!(l.mask & bit) || (l.group != no_index && l.group != gi)) continue;
                if (!s_.cancellations().empty() && s_.cancelled(l.group, midnight + l.start)) continue;
                if (!s_.moves().empty() && s_.moved(l.group, midnight + l.start) != nullptr) continue;
                out.push_back(l.at(e.patient, midnight + l.start, *ph));
            }
            for (const auto& xs : e.extras) {
                if (weekday{day} == xs.day) out.push_back(extra(xs).at(e.patient, midnight + xs.start, *ph));
            }
        }
    }

    resolved_line extra(const extra_session& xs) const {
        resolved_line d;
        d.length = xs.length;
        d.service = s_.index_of(xs.service);
        d.room = index_or_none(s_, xs.room);
        d.facilitator = index_or_none(s_, xs.facilitator);
        return d;
    }

    // Rescheduled occurrences the patient would have had, at their new times; whether any was.
    bool add_moved(const enrollment& e, std::vector<session>& out) const {
        const sys_days admit{e.admit};
        const auto gi = e.group.empty() ? no_index : s_.index_of(e.group);
        bool added = false;
        for (const auto& m : s_.moves()) {
            if (m.group != gi || s_.cancelled(m.group, m.from)) continue;
            const auto new_day = sys_days{floor<days>(m.to).time_since_epoch()};
            const auto old_day = sys_days{floor<days>(m.from).time_since_epoch()};
            if (new_day < lo_ || new_day >= hi_) continue;
            if (old_day < admit || old_day >= e.end() || s_.prog().closures.closed(year_month_day{old_day})) continue;
            const auto ph = s_.prog().phase_for_week(static_cast<unsigned>((old_day - admit).count() / 7));
            if (!ph) continue;
            const unsigned bit = 1u << weekday{old_day}.c_encoding();
            const auto tod = m.from - local_seconds{local_days{old_day.time_since_epoch()}};
            for (const auto& l : phase_lines_[*ph]) {
                if (!(l.mask & bit) || l.group != m.group || l.start != tod) continue;
                out.push_back(l.at(e.patient, m.to, *ph));
                added = true;
                break;
            }
        }
        return added;
    }

    const schedule& s_;
    sys_days lo_, hi_;
    std::vector<char> closed_;
    std::vector<std::vector<resolved_line>> phase_lines_;
};

}  // namespace

void schedule::check_range(year_month_day from, year_month_day to) const {
    const sys_days lo{from};
    const sys_days hi{to};
    if (hi < lo) {
        throw error(errc::invalid_argument, "to", format_date(to), "the range ends before it starts (" + format_date(from) + ")");
    }
    if (hi == lo) return;
    // The holiday rules and zone tables only cover the supported years; say so in our own error
    // rather than let a dependency's exception through.
    if (!from.ok() || !supported_year(from.year()))
        throw error(errc::invalid_date, "from", format_date(from), "outside the supported years 1400 to 9999");
    if (!to.ok() || year_month_day{hi - days{1}}.year() > last_supported_year)
        throw error(errc::invalid_date, "to", format_date(to), "the range ends after 9999-12-31");
    // The work is known before any of it is done: refuse what would not fit.
    check_size(from, to);
}

expansion schedule::expand_local(year_month_day from, year_month_day to) const {
    check_range(from, to);
    if (sys_days{to} == sys_days{from}) return {};
    return expander(*this, sys_days{from}, sys_days{to}).run();
}

void schedule::cancel(std::string_view group, local_seconds start) {
    const auto g = index_of(group);
    if (g == no_index) throw error(errc::invalid_argument, "group", std::string(group), "unknown group");
    if (!cancelled(g, start)) cancelled_.push_back(cancellation{g, start});
}

void schedule::reschedule(std::string_view group, local_seconds from, local_seconds to) {
    const auto g = index_of(group);
    if (g == no_index) throw error(errc::invalid_argument, "group", std::string(group), "unknown group");
    if (moved(g, from) != nullptr) {
        throw error(errc::invalid_argument, "from", format_local(from), "this occurrence is already rescheduled");
    }
    moved_.push_back(move{g, from, to});
}

const schedule::move* schedule::moved(std::uint16_t group, local_seconds from) const noexcept {
    for (const auto& m : moved_)
        if (m.group == group && m.from == from) return &m;
    return nullptr;
}

bool schedule::cancelled(std::uint16_t group, local_seconds start) const noexcept {
    for (const auto& c : cancelled_)
        if (c.group == group && c.start == start) return true;
    return false;
}

unsigned schedule::capacity(std::uint16_t group) const noexcept {
    if (group >= names_.size()) return 0;
    const auto it = groups_.find(names_[group]);
    return it == groups_.end() ? 0 : it->second.capacity;
}

namespace {
local_days monday_of(local_seconds t) {
    const auto d = floor<days>(t);
    const weekday wd{d};
    return d - days{(wd.c_encoding() + 6) % 7};
}
}  // namespace

std::vector<makeup> propose_makeups(const schedule& s, const expansion& x, const patient_id& patient, std::uint16_t group,
                                    local_seconds cancelled_start) {
    std::vector<makeup> out;
    // The cancelled occurrence's service and length come from the template.
    std::uint16_t service = no_index;
    minutes length{0};
    const auto wd = weekday{floor<days>(cancelled_start)};
    const auto tod = cancelled_start - floor<days>(cancelled_start);
    for (const auto& ph : s.prog().phases)
        for (const auto& l : ph.sessions)
            if (!l.group.empty() && s.index_of(l.group) == group && l.start == tod &&
                std::find(l.days.begin(), l.days.end(), wd) != l.days.end()) {
                service = s.index_of(l.service);
                length = l.length;
            }
    if (service == no_index) return out;
    const auto week = monday_of(cancelled_start);
    const local_seconds lo{week};
    const local_seconds hi = lo + days{7};
    // Occurrences of other groups with this service in the week, with their attendance.
    struct occ {
        std::uint16_t group;
        local_seconds start;
        minutes length;
        unsigned count;
    };
    std::vector<occ> occs;
    for (const auto& v : x.sessions) {
        if (v.service != service || v.group == no_index || v.group == group) continue;
        if (v.local_start < lo || v.local_start >= hi) continue;
        auto it = std::find_if(occs.begin(), occs.end(),
                               [&](const occ& o) { return o.group == v.group && o.start == v.local_start; });
        if (it == occs.end()) occs.push_back(occ{v.group, v.local_start, v.length, 1});
        else ++it->count;
    }
    std::sort(occs.begin(), occs.end(), [](const occ& a, const occ& b) { return a.start < b.start; });
    minutes restored{0};
    for (const auto& o : occs) {
        if (restored >= length) break;
        const auto cap = s.capacity(o.group);
        if (cap != 0 && o.count >= cap) continue;
        bool clash = false;
        for (const auto& v : x.sessions)
            if (v.patient == patient && v.local_start < o.start + o.length && o.start < v.local_start + v.length)
                clash = true;
        if (clash) continue;
        out.push_back(makeup{o.group, o.start, o.length, cap == 0 ? 0u : cap - o.count});
        restored += o.length;
    }
    if (restored < length) out.clear();  // no set of open seats restores the hours
    return out;
}

std::vector<week_minutes> weekly_minutes(const std::vector<session>& sessions, const std::optional<patient_id>& patient) {
    std::vector<week_minutes> out;
    for (const auto& v : sessions) {
        if (patient && v.patient != *patient) continue;
        const auto w = monday_of(v.local_start);
        auto it = std::lower_bound(out.begin(), out.end(), w,
                                   [](const week_minutes& a, local_days b) { return a.week_start < b; });
        if (it == out.end() || it->week_start != w) it = out.insert(it, week_minutes{w, minutes{0}});
        it->planned += v.length;
    }
    return out;
}

std::vector<conflict> find_conflicts(const std::vector<session>& sessions) {
    std::vector<conflict> out;
    std::vector<std::size_t> idx(sessions.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    auto overlaps = [&](std::size_t a, std::size_t b) {
        const auto& x = sessions[a];
        const auto& y = sessions[b];
        return x.utc_start < y.utc_start + y.length && y.utc_start < x.utc_start + x.length;
    };
    auto sweep = [&](conflict::kind k, auto key, bool skip_same_group) {
        std::vector<std::size_t> v;
        for (auto i : idx)
            if (key(i) != std::numeric_limits<std::uint64_t>::max()) v.push_back(i);
        std::sort(v.begin(), v.end(), [&](std::size_t a, std::size_t b) {
            const auto ka = key(a);
            const auto kb = key(b);
            return ka != kb ? ka < kb : sessions[a].utc_start < sessions[b].utc_start;
        });
        for (std::size_t i = 0; i < v.size(); ++i) {
            for (std::size_t j = i + 1; j < v.size() && key(v[j]) == key(v[i]); ++j) {
                if (sessions[v[j]].utc_start >= sessions[v[i]].utc_start + sessions[v[i]].length) break;
                const auto& a = sessions[v[i]];
                const auto& b = sessions[v[j]];
                // Patients of one group occurrence share its room and facilitator by design.
                if (skip_same_group && a.group != no_index && a.group == b.group && a.utc_start == b.utc_start) continue;
                if (overlaps(v[i], v[j])) out.push_back(conflict{k, std::min(v[i], v[j]), std::max(v[i], v[j])});
            }
        }
    };
    constexpr auto none = std::numeric_limits<std::uint64_t>::max();
    // Patients as numbers for the sweep, in order of first appearance.
    std::unordered_map<std::string_view, std::uint64_t> number_of;
    std::vector<std::uint64_t> patient(sessions.size());
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        patient[i] = number_of.try_emplace(sessions[i].patient.str(), number_of.size()).first->second;
    }
    sweep(conflict::kind::patient, [&](std::size_t i) { return patient[i]; }, false);
    sweep(conflict::kind::room, [&](std::size_t i) { return sessions[i].room == no_index ? none : std::uint64_t{sessions[i].room}; }, true);
    sweep(conflict::kind::facilitator,
          [&](std::size_t i) { return sessions[i].facilitator == no_index ? none : std::uint64_t{sessions[i].facilitator}; }, true);
    return out;
}

void enroll_stand_ins(schedule& s, std::chrono::year_month_day from, unsigned weeks) {
    std::vector<std::string> groups = s.prog().groups();
    if (groups.empty()) groups.emplace_back();
    std::uint32_t id = 1;
    for (auto& g : groups) {
        enrollment e;
        e.patient = patient_id(std::to_string(id++));
        e.admit = from;
        e.weeks = weeks;
        e.group = std::move(g);
        s.enroll(std::move(e));
    }
}

}  // namespace iopcare
