// Cohorts for the attendance simulation (iopcare/sim/attendance.hpp): a fixed cohort admitted
// on one day, or the admissions and stays of a level of a flow scenario.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "iopcare/sim/attendance.hpp"
#include "iopcare/text.hpp"

namespace iopcare::sim {

using namespace std::chrono;

namespace {

// The program's groups in the order its lines name them; one unnamed group when none is named.
std::vector<std::string> groups_of(const program& p) {
    std::vector<std::string> groups = p.groups();
    if (groups.empty()) groups.emplace_back();
    return groups;
}

// One admission to the cohort's level, in simulated days.
struct flow_stay {
    std::uint64_t patient = 0;
    double admitted = 0.0;
    double left = -1.0;  // < 0: still there at the horizon
};

// The admissions to `level` in [lo, hi) and when each left it, in admission order.
std::vector<flow_stay> stays_at(const scenario& s, int level, double lo, double hi) {
    std::vector<flow_stay> stays;
    std::map<std::uint64_t, std::size_t> open;  // patient -> its stay at the level
    run_options o;
    o.replications = 1;
    o.threads = 1;
    o.events = [&](const flow_event& e) {
        const double t = e.time.count();
        if (e.kind == event_kind::admission && e.to == level && t >= lo && t < hi) {
            open[e.patient] = stays.size();
            stays.push_back({e.patient, t, -1.0});
        } else if ((e.kind == event_kind::departure || e.kind == event_kind::dropout) && e.from == level) {
            const auto it = open.find(e.patient);
            if (it == open.end()) return;
            stays[it->second].left = t;
            open.erase(it);
        }
    };
    static_cast<void>(simulate(s, o));
    return stays;
}

// The calendar days a stay of `length` days covers: ceil(length), at least 1. Taken to the
// second first, so that 21 days computed as a difference of event times (21.000000000004) stay
// 21 days.
double calendar_days(double length) {
    const double secs = std::round(length * 86400.0);
    return std::max(1.0, std::ceil(secs / 86400.0));
}

// "2000000000017", then "2000000000017-2" for the same patient's second admission.
patient_id cohort_id(std::uint64_t patient, std::map<std::uint64_t, unsigned>& seen) {
    const unsigned n = ++seen[patient];
    return patient_id(std::to_string(patient) + (n > 1 ? "-" + std::to_string(n) : ""));
}

// Enrolls `e` in the first group with a seat for the whole stay, trying them in turn from
// `next`; returns the group after the one used.
std::size_t enroll_where_open(schedule& s, enrollment e, const std::vector<std::string>& groups, std::size_t next) {
    for (std::size_t tried = 0; tried < groups.size(); ++tried) {
        const std::size_t g = (next + tried) % groups.size();
        e.group = groups[g];
        const auto r = s.try_enroll(e);
        if (r.ok()) return g + 1;
        if (r.error().code != errc::capacity_exceeded) throw error(r.error());
    }
    throw error(errc::capacity_exceeded, "patient", e.patient.str(),
                "no group of the program has a seat from " + format_date(e.admit) + " to " +
                    format_date(year_month_day{e.end() - days{1}}) + ": the level holds more patients than the program's groups have seats");
}

}  // namespace

schedule cohort_schedule(const program& p, unsigned patients, year_month_day admitted, unsigned weeks) {
    if (weeks == 0) throw error(errc::invalid_argument, "weeks", "0", "a stay needs at least one whole week");
    const auto groups = groups_of(p);
    schedule s(p, overflow_policy::refuse);
    for (unsigned i = 0; i < patients; ++i) {
        enrollment e;
        e.patient = patient_id(std::to_string(i + 1));
        e.admit = admitted;
        e.weeks = weeks;
        e.group = groups[i % groups.size()];
        s.enroll(std::move(e));
    }
    return s;
}

schedule flow_cohort_schedule(const program& p, const scenario& s, const flow_cohort& c) {
    const int level = s.find_level(c.level);
    if (level < 0) throw error(errc::invalid_argument, "level", c.level, "not a level id of the scenario");
    const double lo = s.warmup.count();
    const double hi = lo + 7.0 * c.weeks;
    if (c.weeks == 0 || hi > s.horizon.count())
        throw error(errc::invalid_argument, "weeks", std::to_string(c.weeks),
                    "admissions are taken from 1 week up to the scenario's horizon after its warm-up (" +
                        counted(static_cast<std::size_t>((s.horizon.count() - lo) / 7.0), "whole week") + ")");
    const auto groups = groups_of(p);
    const sys_days day0{c.from};
    const double last_day = std::floor(s.horizon.count() - lo) - 1.0;  // the horizon's last whole day
    schedule out(p, overflow_policy::refuse);
    std::map<std::uint64_t, unsigned> seen;
    std::size_t next = 0;
    for (const auto& st : stays_at(s, level, lo, hi)) {
        const double admit = std::floor(st.admitted - lo);
        const double discharge_day = st.left < 0.0 ? std::max(admit, last_day) : admit + calendar_days(st.left - st.admitted) - 1.0;
        enrollment e;
        e.patient = cohort_id(st.patient, seen);
        e.admit = year_month_day{day0 + days{static_cast<int>(admit)}};
        e.discharge = year_month_day{day0 + days{static_cast<int>(discharge_day)}};
        next = enroll_where_open(out, std::move(e), groups, next);
    }
    return out;
}

}  // namespace iopcare::sim
