// Program templates: validation and the weekly-hours plan.
#include "iopcare/program.hpp"

#include <algorithm>

namespace iopcare {

using namespace std::chrono;

std::optional<std::size_t> program::phase_for_week(unsigned week_index) const noexcept {
    unsigned start = 0;
    for (std::size_t i = 0; i < phases.size(); ++i) {
        if (phases[i].weeks == 0) return i;
        if (week_index < start + phases[i].weeks) return i;
        start += phases[i].weeks;
    }
    return std::nullopt;
}

std::vector<error_info> validation_errors(const program& p, const catalog& levels, const service_catalog& services) {
    std::vector<error_info> out;
    auto bad = [&](std::string where, std::string value, std::string message) {
        out.push_back(error_info{errc::invalid_program, std::move(where), std::move(value), std::move(message)});
    };
    if (p.name.empty()) bad("name", "", "a program needs a name");
    if (!levels.contains(p.level)) bad("level", p.level, "level code not in the catalog");
    if (p.phases.empty()) bad("phases", "", "a program needs at least one phase");
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        const auto& ph = p.phases[i];
        const std::string base = "phases/" + std::to_string(i);
        if (ph.weeks == 0 && i + 1 != p.phases.size())
            bad(base + "/weeks", "0", "only the last phase may be open-ended");
        if (ph.sessions.empty()) bad(base + "/sessions", "", "a phase needs at least one session line");
        for (std::size_t j = 0; j < ph.sessions.size(); ++j) {
            const auto& s = ph.sessions[j];
            const std::string w = base + "/sessions/" + std::to_string(j);
            if (s.days.empty()) bad(w + "/days", "", "no weekdays");
            for (std::size_t k = 0; k < s.days.size(); ++k)
                if (!s.days[k].ok()) bad(w + "/days/" + std::to_string(k), std::to_string(s.days[k].c_encoding()), "not a weekday");
            if (s.start < seconds{0} || s.start >= hours{24})
                bad(w + "/start", std::to_string(s.start.count()), "start must be a time of day");
            if (s.length <= minutes{0}) bad(w + "/minutes", std::to_string(s.length.count()), "length must be positive");
            else if (s.start + s.length > hours{24})
                bad(w + "/minutes", std::to_string(s.length.count()), "session runs past midnight");
            const service* sv = services.find(s.service);
            if (sv == nullptr) bad(w + "/service", s.service, "service not in the catalog");
            else if (sv->mode != modality::individual && s.group.empty())
                bad(w + "/group", "", "a group session needs a group name");
            if (sv != nullptr && sv->mode == modality::group && s.capacity == 0)
                bad(w + "/capacity", "0", "a group session needs a capacity");
        }
    }
    return out;
}

void validate(const program& p, const catalog& levels, const service_catalog& services) {
    auto errs = validation_errors(p, levels, services);
    if (!errs.empty()) throw error(std::move(errs.front()));
}

std::vector<planned_week> plan_weeks(const program& p, year_month_day admit, unsigned weeks, std::string_view group) {
    std::vector<planned_week> out;
    out.reserve(weeks);
    for (unsigned k = 0; k < weeks; ++k) {
        const auto ph = p.phase_for_week(k);
        if (!ph) break;
        planned_week w;
        const sys_days first = sys_days{admit} + days{7 * static_cast<int>(k)};
        w.week_start = year_month_day{first};
        w.phase = *ph;
        for (int d = 0; d < 7; ++d) {
            const sys_days day = first + days{d};
            const weekday wd{day};
            minutes that_day{0};
            for (const auto& s : p.phases[*ph].sessions) {
                if (!group.empty() && !s.group.empty() && s.group != group) continue;
                if (std::find(s.days.begin(), s.days.end(), wd) != s.days.end()) that_day += s.length;
            }
            if (that_day == minutes{0}) continue;
            if (p.closures.closed(year_month_day{day})) ++w.closed_days;
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
    for (const auto& w : weeks) {
        if (band->below(w.planned)) out.push_back(plan_issue{plan_issue::kind::below, w, *band});
        else if (band->above(w.planned)) out.push_back(plan_issue{plan_issue::kind::above, w, *band});
    }
    return out;
}

}  // namespace iopcare
