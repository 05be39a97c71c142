// The rule families of validation, each a small check over a patient's table (see
// validate_checks.hpp): weekly hours, qualifying days, day tiers, service mix and
// certification week by week, then the step-down allowance and the higher-level review over
// the stay. A new rule family is a new check here.
#include "validate_checks.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <concepts>
#include <cstring>
#include <limits>
#include <mutex>
#include <string_view>
#include <unordered_set>

namespace iopcare::detail::checks {

namespace {

// A violation's sentence, put together in a buffer on the stack and copied out at its size:
// one allocation per message. Joining temporaries with + took three or four (each longer
// string regrown), a quarter of judging a year of short weeks.
class sentence {
public:
    sentence& operator<<(std::string_view s) {
        if (char* at = room(s.size())) {
            std::memcpy(at, s.data(), s.size());
        } else {  // a long service name or citation: the rest goes to the heap
            if (spill_.empty()) spill_.assign(buf_, n_);
            spill_ += s;
        }
        return *this;
    }
    // A literal's length is known here, so its copy is a few moves rather than a call: most of
    // a message is literals, and the calls were a tenth of judging a year of short weeks.
    template <std::size_t N>
    sentence& operator<<(const char (&s)[N]) {
        if (char* at = room(N - 1)) {
            std::memcpy(at, s, N - 1);
            return *this;
        }
        return *this << std::string_view(s, N - 1);
    }
    // A count or a day number (never a character: `m << ':'` would print 58).
    template <std::integral N>
        requires(!std::same_as<N, char> && !std::same_as<N, bool>)
    sentence& operator<<(N n) {
        if (spill_.empty() && sizeof buf_ - n_ >= 24) {  // straight into the buffer
            const auto [end, ec] = std::to_chars(buf_ + n_, buf_ + sizeof buf_, n);
            IOPCARE_EXPECTS(ec == std::errc{});
            n_ = static_cast<std::size_t>(end - buf_);
            return *this;
        }
        char digits[24];
        const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
        IOPCARE_EXPECTS(ec == std::errc{});
        return *this << std::string_view(digits, static_cast<std::size_t>(end - digits));
    }
    [[nodiscard]] std::string str() const { return spill_.empty() ? std::string(buf_, n_) : spill_; }

private:
    // Where the next n bytes go in the buffer (counted as written), or nullptr once it is full.
    char* room(std::size_t n) noexcept {
        if (!spill_.empty() || n > sizeof buf_ - n_) return nullptr;
        n_ += n;
        return buf_ + n_ - n;
    }

    char buf_[160];
    std::size_t n_ = 0;
    std::string spill_;  // the whole text, once it outgrew buf_
};

// Counted time in a sentence: "8.99 h", "9 h", "10.5 h" (hours rounded to hundredths,
// trailing zeros dropped).
struct hours_text {
    std::int64_t secs;
};
sentence& operator<<(sentence& out, hours_text h) {
    const auto hundredths = (h.secs >= 0 ? h.secs + 18 : h.secs - 18) / 36;
    out << hundredths / 100;
    auto frac = hundredths % 100;
    if (frac < 0) frac = -frac;
    if (frac != 0) {
        const char digits[] = {'.', static_cast<char>('0' + frac / 10), static_cast<char>('0' + frac % 10)};
        out << std::string_view(digits, frac % 10 != 0 ? 3 : 2);
    }
    return out << " h";
}

std::int64_t ceil_scaled(std::int64_t value, unsigned num, unsigned den) { return (value * num + den - 1) / den; }

std::int64_t due_after(std::int64_t cert_day, months interval) {
    year_month_day d{local_days{days{cert_day}}};
    year_month_day due = d + interval;
    if (!due.ok()) due = due.year() / due.month() / last;
    return local_days{due}.time_since_epoch().count();
}

void raise(week_result& wr, week_status s) {
    if (s == week_status::above_maximum || wr.status == week_status::meets) wr.status = s;
}

// The text of a citation kept for the life of the program, stored once: a violation views it
// rather than copying a citation of a few hundred bytes. A rule set has a few citations, and a
// thread asks the shared store only when a citation is not among the last it met.
std::string_view lasting_citation(std::string_view text) {
    thread_local std::array<std::string_view, 4> recent{};
    thread_local std::size_t next = 0;
    for (const auto r : recent)
        if (r.data() != nullptr && r == text) return r;
    static std::mutex lock;
    static std::unordered_set<std::string> store;
    std::string_view kept;
    {
        const std::lock_guard guard(lock);
        kept = *store.emplace(text).first;  // a set's elements never move
    }
    recent[next++ % recent.size()] = kept;
    return kept;
}

// `code` is one of the literal codes the checks name.
void add_violation(week_result& wr, std::string_view code, const sentence& message, const std::string& source,
                   std::string subject = {}) {
    wr.violations.push_back(violation{code, message.str(), lasting_citation(source), std::move(subject), false});
}

// Why a minimum is smaller than a week's: " (prorated to 5 of 7 days in the stay)".
void scale_note(sentence& out, const rule_set& rules, const week_result& wr, unsigned scale) {
    if (scale == 7) return;
    const bool edge = wr.days_in_span < 7 && rules.edge_weeks == edge_week_policy::prorated;
    const bool closed = rules.closures == closure_policy::prorate && wr.closed_days > 0;
    out << " (prorated to " << scale << " of 7 days";
    if (edge && !closed) {
        out << " in the stay)";
        return;
    }
    out << ":";
    if (edge) out << " " << wr.days_in_span << " in the stay,";
    out << " " << wr.closed_days << " closed)";
}

// Sessions of requirement k counted for week w: the week's own, or for a requirement over
// several weeks the whole block, judged in its last week (nothing for the other weeks).
std::optional<std::uint32_t> mix_sessions(const patient_table& t, const service_requirement& req, std::size_t k,
                                          std::size_t w) {
    if (req.per_weeks == 1) return t.mix[w * t.n_mix + k];
    if ((w + 1) % req.per_weeks != 0) return std::nullopt;
    std::uint32_t have = 0;
    for (std::size_t j = w + 1 - req.per_weeks; j <= w; ++j) have += t.mix[j * t.n_mix + k];
    return have;
}

// Day N of the stay (day 1 = origin) counted as the rule says, or nothing when the stay has
// fewer days with services.
std::optional<std::int64_t> stay_day(const rule_set& rules, const patient_table& t, unsigned n) {
    if (rules.first_recertification_basis == stay_day_basis::calendar_day) return t.s.origin + n - 1;
    unsigned seen = 0;
    for (std::int64_t d = t.s.origin; d <= t.s.last; ++d)
        if (t.at(d).sessions > 0 && ++seen == n) return d;
    return std::nullopt;
}

// The last day covered by certification k (the first one is the certification, later ones
// recertifications), or nothing when no recertification is ever due after it.
std::optional<std::int64_t> covered_until(const rule_set& rules, const patient_table& t,
                                          std::span<const std::int64_t> certs, std::size_t k) {
    if (k == 0 && rules.first_recertification_day) return stay_day(rules, t, *rules.first_recertification_day);
    if (rules.recertification_interval_days) return certs[k] + rules.recertification_interval_days->count();
    if (rules.recertification_interval) return due_after(certs[k], *rules.recertification_interval);
    return std::nullopt;
}

bool shortfall(const violation& v) { return v.code == "hours.below_minimum" || v.code.starts_with("days."); }

// A run of short weeks (indices into pr.weeks) has ended: marks the weeks the step-down
// allowance covers and raises the step-down review for a run longer than the allowance.
void close_run(const rule_set& rules, const stay& s, std::span<const std::size_t> run, bool at_end,
               patient_result& pr) {
    if (run.empty()) return;
    const auto n = std::min<std::size_t>(rules.step_down_allowance, run.size());
    const auto* en = s.enrollment;
    const auto week_end = pr.weeks[run.front()].week_start.time_since_epoch().count() + 6;
    const bool after_step_down = en && en->step_down && week_end >= day_number(*en->step_down);
    const bool ends_with_discharge = at_end && en && en->discharged;
    std::size_t from = 0;
    std::size_t to = 0;  // allowed: run[from, to)
    if (after_step_down) {
        to = n;
    } else if (ends_with_discharge) {
        from = run.size() - n;  // the last weeks before the discharge
        to = run.size();
    }
    for (std::size_t i = from; i < to; ++i) {
        for (auto& v : pr.weeks[run[i]].violations) v.allowed = v.allowed || shortfall(v);
        ++pr.weeks_allowed;
    }
    if (run.size() > std::max(1u, rules.step_down_allowance) && !pr.consider_step_down) {
        pr.consider_step_down = true;
        pr.review = "under the minimum hours for more than " + std::to_string(std::max(1u, rules.step_down_allowance)) +
                    " week(s) in a row from the week of " +
                    format_date(year_month_day{pr.weeks[run.front()].week_start}) +
                    ": consider a step-down to a less intensive level";
    }
}

}  // namespace

std::string fmt_day(std::int64_t day) {
    return format_date(year_month_day{local_days{days{day}}});
}

// Counted time, sessions, qualifying and closed days, and the days its minimums scale to.
void tally_week(const rule_set& rules, const patient_table& t, week_view& v, week_result& wr) {
    const std::int64_t min_day = duration_cast<seconds>(rules.min_daily).count();
    std::int64_t total = 0;
    for (std::int64_t d = v.lo; d <= v.hi; ++d) {
        const day_cell& c = t.at(d);
        total += c.secs;
        wr.counted_sessions += c.sessions;
        wr.closed_days += c.closed ? 1u : 0u;
        if (c.secs > 0 && c.secs >= min_day && c.sessions >= rules.min_services_per_day) ++wr.qualifying_days;
        if (c.secs > 0 && c.sessions < rules.min_services_per_day) ++v.thin_days;
    }
    wr.counted = seconds{total};
    wr.days_in_span = static_cast<unsigned>(v.hi - v.lo + 1);
    v.scale = minimum_days(rules, wr.days_in_span, wr.closed_days);
}

void check_weekly_hours(const rule_set& rules, const week_view& v, week_result& wr) {
    const hour_band& band = rules.weekly;
    const auto total = wr.counted.count();
    if (band.below(wr.counted, v.scale)) {
        raise(wr, week_status::below_minimum);
        sentence m;
        m << hours_text{total} << " of counted services; at least " << hours_text{band.minimum_for(v.scale).count()}
          << " required";
        scale_note(m, rules, wr, v.scale);
        add_violation(wr, "hours.below_minimum", m, rules.source);
    } else if (band.above(wr.counted)) {
        raise(wr, week_status::above_maximum);
        sentence m;
        m << hours_text{total} << " of counted services; " << (band.maximum_inclusive ? "at most " : "fewer than ")
          << hours_text{duration_cast<seconds>(*band.maximum).count()} << " allowed";
        add_violation(wr, "hours.above_maximum", m, rules.source);
    }
}

void check_qualifying_days(const rule_set& rules, const week_view& v, week_result& wr) {
    if (rules.min_days_per_week > 0) {
        const auto need = std::min<std::int64_t>(ceil_scaled(rules.min_days_per_week, v.scale, 7), wr.days_in_span);
        if (wr.qualifying_days >= need) return;
        raise(wr, week_status::below_minimum);
        sentence m;
        m << wr.qualifying_days << " day(s) with at least " << hours_text{duration_cast<seconds>(rules.min_daily).count()}
          << " of counted services; at least " << need << " required";
        scale_note(m, rules, wr, v.scale);
        add_violation(wr, "days.below_minimum", m, rules.source);
    } else if (rules.min_services_per_day > 0 && v.thin_days > 0) {
        raise(wr, week_status::below_minimum);
        sentence m;
        m << v.thin_days << " attended day(s) with fewer than " << rules.min_services_per_day << " counted services";
        add_violation(wr, "days.too_few_services", m, rules.source);
    }
}

// Each day with counted services gets the label of the highest tier it meets (tiers go up).
void list_day_tiers(const rule_set& rules, const patient_table& t, const week_view& v, week_result& wr,
                    std::vector<std::size_t>& tier_days) {
    const auto& tiers = rules.day_tiers;
    for (std::int64_t d = v.lo; d <= v.hi; ++d) {
        const day_cell& c = t.at(d);
        if (c.sessions == 0) continue;
        std::size_t k = tiers.size();  // below the lowest tier
        for (std::size_t i = 0; i < tiers.size() && c.sessions >= tiers[i].min_services; ++i) k = i;
        ++tier_days[k];
        wr.days.push_back(day_result{local_days{days{d}}, c.sessions, seconds{c.secs},
                                     k < tiers.size() ? tiers[k].label : std::string(below_tier)});
    }
}

void check_service_mix(const rule_set& rules, const patient_table& t, const week_view& v, week_result& wr) {
    for (std::size_t k = 0; k < t.n_mix; ++k) {
        const auto& req = rules.service_mix[k];
        if (req.within_first_days && v.lo >= t.s.origin + static_cast<std::int64_t>(*req.within_first_days)) continue;
        const auto have = mix_sessions(t, req, k, v.index);
        if (!have) continue;
        const auto need = req.per_weeks == 1 ? ceil_scaled(req.min_count, v.scale, 7) : std::int64_t{req.min_count};
        if (*have >= need) continue;
        sentence m;
        m << *have << " " << req.service << " session(s); at least " << need << " required";
        if (req.per_weeks > 1) {
            m << " in " << req.per_weeks << " weeks";
        } else {
            m << " this week";
            scale_note(m, rules, wr, v.scale);
        }
        add_violation(wr, "services.below_minimum", m, req.source.empty() ? rules.source : req.source, req.service);
    }
}

void check_certification(const rule_set& rules, std::span<const cert_gap> gaps, std::size_t& cursor,
                         std::int64_t origin, const week_view& v, week_result& wr) {
    const auto from = std::max(v.lo, origin);
    while (cursor < gaps.size() && gaps[cursor].to < from) ++cursor;
    if (cursor == gaps.size() || gaps[cursor].from > v.hi) return;
    const cert_gap& g = gaps[cursor];
    sentence m;
    if (g.missing) {
        m << "no certification of need on or before " << fmt_day(std::max(g.from, from));
        add_violation(wr, "certification.missing", m, rules.source);
    } else {
        m << "recertification was due by " << fmt_day(g.due) << " (last certified " << fmt_day(g.last) << ")";
        add_violation(wr, "certification.overdue", m, rules.source);
    }
}

void certification_gaps(const rule_set& rules, const patient_table& t, std::span<const std::int64_t> certs,
                        std::vector<cert_gap>& out) {
    constexpr auto never = std::numeric_limits<std::int64_t>::max();
    out.clear();
    if (certs.empty() || certs.front() > t.s.origin)
        out.push_back(cert_gap{t.s.origin, certs.empty() ? never : certs.front() - 1, 0, 0, true});
    for (std::size_t k = 0; k < certs.size(); ++k) {
        const auto due = covered_until(rules, t, certs, k);
        if (!due) continue;
        const auto from = std::max(*due + 1, certs[k]);  // a late certification is not overdue before it
        const auto to = k + 1 < certs.size() ? certs[k + 1] - 1 : never;
        if (from <= to) out.push_back(cert_gap{from, to, *due, certs[k], false});
    }
}

// Runs of short (below_minimum) weeks; exempt weeks neither extend nor break a run, and a
// short admission week is no step-down: it starts no run.
void apply_step_down(const rule_set& rules, const stay& s, patient_result& pr, std::vector<std::size_t>& run) {
    run.clear();
    for (std::size_t i = 0; i < pr.weeks.size(); ++i) {
        const auto& w = pr.weeks[i];
        if (w.status == week_status::exempt) continue;
        if (w.status == week_status::below_minimum && !w.admission_week) {
            run.push_back(i);
            continue;
        }
        close_run(rules, s, run, false, pr);
        run.clear();
    }
    close_run(rules, s, run, true, pr);
}

// Compliance, the patient's and report's counts, the failing run and the higher-level review.
void settle(const rule_set& rules, patient_result& pr, validation_report& out) {
    unsigned fail_run = 0;
    unsigned above_weeks = 0;
    for (auto& w : pr.weeks) {
        if (w.status == week_status::exempt) {
            ++out.weeks.exempt;
            continue;
        }
        w.compliant = std::all_of(w.violations.begin(), w.violations.end(), [](const violation& v) { return v.allowed; });
        ++pr.weeks_checked;
        if (w.status == week_status::meets && w.compliant) ++pr.weeks_met;
        switch (w.status) {
            case week_status::meets: ++out.weeks.meets; fail_run = 0; break;
            case week_status::below_minimum: ++out.weeks.below_minimum; ++fail_run; break;
            case week_status::above_maximum: ++out.weeks.above_maximum; ++fail_run; ++above_weeks; break;
            case week_status::exempt: break;
        }
        pr.longest_failing_run = std::max(pr.longest_failing_run, fail_run);
    }
    if (rules.higher_level_review_after > 0 && above_weeks >= rules.higher_level_review_after) {
        pr.consider_higher_level = true;
        if (!pr.review.empty()) pr.review += "; ";
        pr.review += "above the maximum hours in " + std::to_string(above_weeks) +
                     " weeks: consider a more intensive level (partial hospitalization)";
    }
}


}  // namespace iopcare::detail::checks
