// Program templates: validation and the weekly-hours plan.
#include "iopcare/program.hpp"

#include <algorithm>
#include <functional>
#include <string>

namespace iopcare {

using namespace std::chrono;

const time_zone& program::required_zone() const {
    if (!zone) {
        throw error(errc::invalid_program, "zone", "",
                    "the program has no time zone: set program::zone (time_zone::utc() for UTC on purpose)");
    }
    return *zone;
}

std::vector<std::string> program::groups() const {
    std::vector<std::string> names;
    for (const auto& ph : phases) {
        for (const auto& line : ph.sessions) {
            if (!line.group.empty() && std::find(names.begin(), names.end(), line.group) == names.end()) {
                names.push_back(line.group);
            }
        }
    }
    return names;
}

std::optional<std::size_t> program::phase_for_week(unsigned week_index) const noexcept {
    unsigned start = 0;
    for (std::size_t i = 0; i < phases.size(); ++i) {
        if (phases[i].weeks == 0) return i;
        if (week_index < start + phases[i].weeks) return i;
        start += phases[i].weeks;
    }
    return std::nullopt;
}

namespace {

// "18:30", "25:00", "-0:30": a time of day as a person writes it, whatever its range.
std::string clock_text(std::chrono::seconds t) {
    const bool negative = t < seconds{0};
    const auto m = duration_cast<minutes>(negative ? -t : t).count();
    std::string hh = std::to_string(m / 60);
    std::string mm = std::to_string(m % 60);
    if (mm.size() < 2) mm.insert(0, "0");
    return (negative ? "-" : "") + (hh.size() < 2 ? "0" + hh : hh) + ":" + mm;
}

// The problems of one template line, named by the C++ members a caller sets
// ("phases[0].sessions[1].length").
void line_problems(const template_line& s, const std::string& w, const service_catalog& services,
                   const std::function<void(std::string, std::string, std::string)>& bad) {
    if (s.days.empty()) bad(w + ".days", "", "no weekdays");
    for (std::size_t k = 0; k < s.days.size(); ++k)
        if (!s.days[k].ok()) bad(w + ".days[" + std::to_string(k) + "]", std::to_string(s.days[k].c_encoding()), "not a weekday");
    if (s.start < seconds{0} || s.start >= hours{24})
        bad(w + ".start", clock_text(s.start), "start must be a time of day, from 00:00 to 23:59");
    if (s.length <= minutes{0}) bad(w + ".length", std::to_string(s.length.count()) + " min", "length must be positive");
    else if (s.start + s.length > hours{24})
        bad(w + ".length", std::to_string(s.length.count()) + " min", "the session runs past midnight");
    const service* sv = services.find(s.service);
    if (sv == nullptr) bad(w + ".service", s.service, "service not in the catalog");
    else if (sv->mode != modality::individual && s.group.empty())
        bad(w + ".group", "", "a group session needs a group name");
    if (sv != nullptr && sv->mode == modality::group && s.capacity == 0)
        bad(w + ".capacity", "0", "a group session needs a capacity");
}

}  // namespace

std::vector<error_info> validation_errors(const program& p, const catalog& levels, const service_catalog& services) {
    std::vector<error_info> out;
    const std::function<void(std::string, std::string, std::string)> bad = [&](std::string where, std::string value,
                                                                               std::string message) {
        out.push_back(error_info::at(errc::invalid_program, std::move(where), std::move(value), std::move(message)));
    };
    if (p.name.empty()) bad("name", "", "a program needs a name");
    if (!levels.contains(p.level)) bad("level", p.level, "level code not in the catalog");
    if (p.phases.empty()) bad("phases", "", "a program needs at least one phase");
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        const auto& ph = p.phases[i];
        const std::string base = "phases[" + std::to_string(i) + "]";
        if (ph.weeks == 0 && i + 1 != p.phases.size())
            bad(base + ".weeks", "0", "only the last phase may be open-ended");
        if (ph.sessions.empty()) bad(base + ".sessions", "", "a phase needs at least one session line");
        for (std::size_t j = 0; j < ph.sessions.size(); ++j) {
            line_problems(ph.sessions[j], base + ".sessions[" + std::to_string(j) + "]", services, bad);
        }
    }
    return out;
}

void validate(const program& p, const catalog& levels, const service_catalog& services) {
    auto errs = validation_errors(p, levels, services);
    if (!errs.empty()) throw error(std::move(errs.front()));
}

namespace {

// Template minutes of a phase on a weekday for a patient in `group` ("" = every line), of the
// lines `take` accepts.
template <class Take>
minutes day_minutes(const program_phase& phase, weekday wd, std::string_view group, Take take) {
    minutes out{0};
    for (const auto& s : phase.sessions) {
        if (!group.empty() && !s.group.empty() && s.group != group) continue;
        if (std::find(s.days.begin(), s.days.end(), wd) != s.days.end() && take(s)) out += s.length;
    }
    return out;
}

std::optional<plan_issue> band_issue(const planned_week& w, const hour_band& band, unsigned days) {
    if (band.below(w.planned, days)) return plan_issue{plan_issue::kind::below, w, band};
    if (band.above(w.planned)) return plan_issue{plan_issue::kind::above, w, band};
    return std::nullopt;
}

}  // namespace

std::vector<planned_week> plan_weeks(const program& p, year_month_day admit, unsigned weeks, std::string_view group) {
    std::vector<planned_week> out;
    out.reserve(weeks);
    const auto every_line = [](const template_line&) { return true; };
    for (unsigned k = 0; k < weeks; ++k) {
        const auto ph = p.phase_for_week(k);
        if (!ph) break;
        planned_week w;
        const sys_days first = sys_days{admit} + days{7 * static_cast<int>(k)};
        w.week_start = year_month_day{first};
        w.phase = *ph;
        for (int d = 0; d < 7; ++d) {
            const sys_days day = first + days{d};
            const minutes that_day = day_minutes(p.phases[*ph], weekday{day}, group, every_line);
            const bool closed = p.closures.closed(year_month_day{day});
            w.closed_in_stay += closed ? 1u : 0u;
            if (that_day == minutes{0}) continue;
            if (closed) ++w.closed_days;
            else w.planned += that_day;
        }
        out.push_back(w);
    }
    return out;
}

std::vector<planned_week> plan_weeks(const program& p, year_month_day admit, unsigned weeks, const rule_set& rules,
                                     std::string_view group, const service_catalog& services) {
    std::vector<planned_week> out;
    const local_days first{admit};
    const local_days last = first + days{7 * static_cast<int>(weeks) - 1};
    const auto counted = [&](const template_line& l) {
        const service* s = services.find(l.service);
        return s != nullptr && counts_service(rules, *s, services);
    };
    for (local_days ws = first_week_day(rules, first); weeks > 0 && ws <= last; ws += days{7}) {
        planned_week w;
        w.week_start = year_month_day{ws};
        const local_days lo = std::max(ws, first);
        const local_days hi = std::min(ws + days{6}, last);
        w.days_in_stay = static_cast<unsigned>((hi - lo).count() + 1);
        w.phase = p.phase_for_week(static_cast<unsigned>((lo - first).count() / 7)).value_or(0);
        for (local_days day = lo; day <= hi; day += days{1}) {
            const auto ph = p.phase_for_week(static_cast<unsigned>((day - first).count() / 7));
            const bool closed = p.closures.closed(year_month_day{day});
            w.closed_in_stay += closed ? 1u : 0u;
            if (!ph) continue;  // past the last fixed-length phase: nothing planned
            const minutes that_day = day_minutes(p.phases[*ph], weekday{day}, group, counted);
            if (that_day == minutes{0}) continue;
            if (closed) ++w.closed_days;
            else w.planned += that_day;
        }
        out.push_back(w);
    }
    return out;
}

std::vector<plan_issue> check_plan(const std::vector<planned_week>& weeks, const care_level& level, population pop) {
    std::vector<plan_issue> out;
    const auto& band = level.hours_for(pop);
    if (!band) return out;
    for (const auto& w : weeks)
        if (auto issue = band_issue(w, *band, 7)) out.push_back(std::move(*issue));
    return out;
}

std::vector<plan_issue> check_plan(const std::vector<planned_week>& weeks, const rule_set& rules) {
    std::vector<plan_issue> out;
    for (const auto& w : weeks) {
        if (w.days_in_stay < 7 && rules.edge_weeks == edge_week_policy::exempt) continue;
        const unsigned days = minimum_days(rules, w.days_in_stay, w.closed_in_stay);
        if (auto issue = band_issue(w, rules.weekly, days)) out.push_back(std::move(*issue));
    }
    return out;
}

}  // namespace iopcare
