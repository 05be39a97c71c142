#include "iopcare/episodes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <tuple>

#include "detail/text.hpp"
#include "iopcare/calendar.hpp"

namespace iopcare {

using std::chrono::sys_days;
using std::chrono::year_month_day;

namespace {
constexpr discharge_reason all_reasons[] = {
    discharge_reason::completed,    discharge_reason::transferred, discharge_reason::dropped_out,
    discharge_reason::terminated,   discharge_reason::incarcerated, discharge_reason::died,
    discharge_reason::other,        discharge_reason::unknown,
};
static_assert(std::size(all_reasons) == discharge_reason_count);

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
}  // namespace

std::string_view to_string(discharge_reason r) noexcept {
    switch (r) {
        case discharge_reason::completed: return "completed";
        case discharge_reason::transferred: return "transferred";
        case discharge_reason::dropped_out: return "dropped_out";
        case discharge_reason::terminated: return "terminated";
        case discharge_reason::incarcerated: return "incarcerated";
        case discharge_reason::died: return "died";
        case discharge_reason::other: return "other";
        case discharge_reason::unknown: return "unknown";
    }
    return "unknown";
}

std::optional<discharge_reason> parse_discharge_reason(std::string_view text) noexcept {
    for (auto r : all_reasons) {
        if (detail::word_equals(text, to_string(r))) return r;
    }
    return std::nullopt;
}

std::string_view to_string(episode_problem_kind k) noexcept {
    switch (k) {
        case episode_problem_kind::discharge_before_admission: return "discharge_before_admission";
        case episode_problem_kind::overlapping_stays: return "overlapping_stays";
        case episode_problem_kind::missing_reason: return "missing_reason";
        case episode_problem_kind::reason_without_discharge: return "reason_without_discharge";
    }
    return "missing_reason";
}

bool is_high_intensity(const care_level& level) noexcept {
    return level.setting == care_setting::residential || level.setting == care_setting::hospital ||
           level.purpose == level_purpose::withdrawal_management;
}

const level_outcomes* episode_report::find(std::string_view level) const noexcept {
    const auto code = parse_level_code(level);
    for (const auto& l : levels) {
        if (l.level.str() == level || (code && l.level == *code)) return &l;
    }
    return nullptr;
}

namespace {

std::string stay_path(std::size_t e, std::size_t s) {
    return "/episodes/" + std::to_string(e) + "/stays/" + std::to_string(s);
}

[[noreturn]] void bad_record(std::string where, std::string value, std::string message) {
    throw error(errc::invalid_episode, std::move(where), std::move(value), std::move(message));
}

void check_stay(const stay& s, std::size_t e, std::size_t i, const continuum& care) {
    const std::string where = stay_path(e, i);
    try {
        (void)care.level_at(s.level.str());
    } catch (const error& err) {  // unknown or ambiguous: keep the code, place it in the record
        error_info why = err.info();
        why.set_where(where + "/level");
        throw error(std::move(why));
    }
    if (!s.admitted.ok()) bad_record(where + "/admitted", "", "not a calendar date");
    if (s.discharged && !s.discharged->ok()) bad_record(where + "/discharged", "", "not a calendar date");
}

}  // namespace

void check_record(const episode_record& record, const continuum& care) {
    for (std::size_t e = 0; e < record.episodes.size(); ++e) {
        const episode& ep = record.episodes[e];
        if (detail::trim(ep.patient.str()).empty()) {
            bad_record("/episodes/" + std::to_string(e) + "/patient", ep.patient.str(), "an episode needs a patient");
        }
        for (std::size_t i = 0; i < ep.stays.size(); ++i) check_stay(ep.stays[i], e, i, care);
    }
}

namespace {

// A stay with where it sits in the record.
struct stay_ref {
    const stay* s;
    std::size_t episode;
    std::size_t index;
};

// The end of a stay's days, exclusive: its discharge, or never for an open stay.
sys_days end_of(const stay& s) { return s.discharged ? sys_days{*s.discharged} : sys_days::max(); }

bool admitted_before(const stay_ref& a, const stay_ref& b) {
    return std::tie(a.s->admitted, a.episode, a.index) < std::tie(b.s->admitted, b.episode, b.index);
}

std::string describe(const stay_ref& r) {
    std::string out = "stay " + std::to_string(r.index) + " of episode " + std::to_string(r.episode) + " (" +
                      r.s->level.str() + " from " + format_date(r.s->admitted);
    if (r.s->discharged) out += " to " + format_date(*r.s->discharged);
    return out + ")";
}

// Every stay of each patient, in admission order.
std::map<patient_id, std::vector<stay_ref>> stays_by_patient(const episode_record& record) {
    std::map<patient_id, std::vector<stay_ref>> out;
    for (std::size_t e = 0; e < record.episodes.size(); ++e) {
        const auto& ep = record.episodes[e];
        auto& list = out[ep.patient];
        for (std::size_t i = 0; i < ep.stays.size(); ++i) list.push_back({&ep.stays[i], e, i});
    }
    for (auto& [patient, list] : out) std::sort(list.begin(), list.end(), admitted_before);
    return out;
}

class problem_list {
public:
    void add(const patient_id& patient, const stay_ref& r, episode_problem_kind kind, std::string message) {
        problems_.push_back({patient, r.episode, r.index, kind, std::move(message)});
    }
    std::vector<episode_problem> sorted() && {
        std::stable_sort(problems_.begin(), problems_.end(), [](const episode_problem& a, const episode_problem& b) {
            return std::tie(a.episode, a.stay, a.kind) < std::tie(b.episode, b.stay, b.kind);
        });
        return std::move(problems_);
    }

private:
    std::vector<episode_problem> problems_;
};

void check_dates_and_reason(const patient_id& patient, const stay_ref& r, problem_list& out) {
    const stay& s = *r.s;
    if (s.discharged && sys_days{*s.discharged} < sys_days{s.admitted}) {
        out.add(patient, r, episode_problem_kind::discharge_before_admission,
                "discharged " + format_date(*s.discharged) + ", before the admission on " + format_date(s.admitted));
    }
    if (s.discharged && !s.reason) {
        out.add(patient, r, episode_problem_kind::missing_reason,
                "discharged " + format_date(*s.discharged) + " without a reason");
    }
    if (!s.discharged && s.reason) {
        out.add(patient, r, episode_problem_kind::reason_without_discharge,
                "a reason (" + std::string(to_string(*s.reason)) + ") on a stay with no discharge date");
    }
}

// Each stay that shares a day with an earlier-admitted stay of the same patient (the one
// reaching furthest so far), reported once, at the later stay.
void check_overlaps(const patient_id& patient, const std::vector<stay_ref>& stays, problem_list& out) {
    const stay_ref* furthest = nullptr;
    for (const auto& r : stays) {
        const sys_days start{r.s->admitted};
        if (end_of(*r.s) <= start) continue;  // an empty (same-day) or reversed stay holds no day
        if (furthest != nullptr && start < end_of(*furthest->s)) {
            out.add(patient, r, episode_problem_kind::overlapping_stays, "overlaps " + describe(*furthest));
        }
        if (furthest == nullptr || end_of(*r.s) > end_of(*furthest->s)) furthest = &r;
    }
}

std::vector<episode_problem> find_problems(const std::map<patient_id, std::vector<stay_ref>>& by_patient) {
    problem_list out;
    for (const auto& [patient, stays] : by_patient) {
        for (const auto& r : stays) check_dates_and_reason(patient, r, out);
        check_overlaps(patient, stays, out);
    }
    return std::move(out).sorted();
}

std::vector<level_move> find_moves(const episode_record& record, const continuum& care) {
    std::vector<level_move> out;
    for (std::size_t e = 0; e < record.episodes.size(); ++e) {
        const episode& ep = record.episodes[e];
        std::vector<stay_ref> order;
        for (std::size_t i = 0; i < ep.stays.size(); ++i) order.push_back({&ep.stays[i], e, i});
        std::sort(order.begin(), order.end(), admitted_before);
        for (std::size_t k = 1; k < order.size(); ++k) {
            const level_code& from = care.find_level(order[k - 1].s->level.str())->code;
            const level_code& to = care.find_level(order[k].s->level.str())->code;
            if (from == to) continue;  // more care at the same level, not a move
            const move_assessment a = care.assess(from.str(), to.str());
            out.push_back({ep.patient, e, order[k].index, from, to, order[k].s->admitted, a.kind, a.allowed, a.skipped});
        }
    }
    return out;
}

double median_of(std::vector<int> values) {
    if (values.empty()) return not_a_number;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

double ratio(std::size_t part, std::size_t whole) {
    return whole == 0 ? not_a_number : static_cast<double>(part) / static_cast<double>(whole);
}

level_outcomes outcomes_of(const level_code& level, const std::vector<const stay*>& stays) {
    level_outcomes o;
    o.level = level;
    o.stays = stays.size();
    std::vector<int> lengths;
    for (const stay* s : stays) {
        if (!s->discharged) continue;
        ++o.discharges;
        ++o.reasons[static_cast<std::size_t>(s->reason.value_or(discharge_reason::unknown))];
        if (const int los = *s->length_of_stay_days(); los >= 0) lengths.push_back(los);
    }
    o.completion_rate = ratio(o.count(discharge_reason::completed), o.discharges);
    o.median_los_days = median_of(lengths);
    o.mean_los_days = lengths.empty() ? not_a_number
                                      : std::accumulate(lengths.begin(), lengths.end(), 0.0) /
                                            static_cast<double>(lengths.size());
    return o;
}

std::vector<level_outcomes> level_figures(const episode_record& record, const continuum& care) {
    std::vector<std::vector<const stay*>> at(care.levels().size());
    for (const auto& ep : record.episodes) {
        for (const auto& s : ep.stays) {
            const care_level* l = care.find_level(s.level.str());
            at[static_cast<std::size_t>(l - care.levels().data())].push_back(&s);
        }
    }
    std::vector<level_outcomes> out;
    for (std::size_t i = 0; i < at.size(); ++i) {
        if (!at[i].empty()) out.push_back(outcomes_of(care.levels()[i].code, at[i]));
    }
    return out;
}

follow_up_figures follow_up_of(const std::map<patient_id, std::vector<stay_ref>>& by_patient, const continuum& care) {
    follow_up_figures f;
    for (const auto& [patient, stays] : by_patient) {
        for (std::size_t k = 0; k < stays.size(); ++k) {
            const stay& s = *stays[k].s;
            if (!s.discharged || s.reason == discharge_reason::died) continue;
            if (!is_high_intensity(*care.find_level(s.level.str()))) continue;
            ++f.discharges;
            if (k + 1 == stays.size()) continue;  // no later stay
            const auto gap = (sys_days{stays[k + 1].s->admitted} - sys_days{*s.discharged}).count();
            if (gap >= 0 && gap <= 7) ++f.within_7;
            if (gap >= 0 && gap <= 30) ++f.within_30;
        }
    }
    f.rate_7 = ratio(f.within_7, f.discharges);
    f.rate_30 = ratio(f.within_30, f.discharges);
    return f;
}

}  // namespace

episode_report analyze(const episode_record& record, const continuum& care) {
    check_record(record, care);
    const auto by_patient = stays_by_patient(record);
    episode_report r;
    r.episodes = record.episodes.size();
    r.patients = by_patient.size();
    for (const auto& e : record.episodes) r.stays += e.stays.size();
    r.levels = level_figures(record, care);
    r.moves = find_moves(record, care);
    r.follow_up = follow_up_of(by_patient, care);
    r.problems = find_problems(by_patient);
    return r;
}

episode_report analyze(const episode_record& record) {
    return analyze(record, continuum::standard(record.record_edition));
}

result<episode_report> try_analyze(const episode_record& record, const continuum& care) noexcept {
    return try_call([&] { return analyze(record, care); });
}

}  // namespace iopcare
