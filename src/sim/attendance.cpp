// Attendance simulation (iopcare/sim/attendance.hpp).
//
// How it runs: the cohort's sessions are expanded once per run, with an index of the group
// occurrences makeups may use. A replication then takes the patients in cohort order; for each
// it draws a propensity, walks its sessions week by week (the rule set's weeks), draws each
// session, offers makeups when the week can no longer reach the minimum, and hands the records
// and the enrollment to a sink: the validator in a run (fed in chunks of patients, so its
// memory stays small), an attendance_log for simulated_attendance(). Only the validator judges
// the weeks; the simulation's own look at a week's minimum decides nothing but makeup offers.
#include "iopcare/sim/attendance.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <string_view>

#include "detail/text.hpp"
#include "sim/parallel.hpp"
#include "sim/random.hpp"

namespace iopcare::sim {

using namespace std::chrono;

double attendance_replication::compliance() const noexcept {
    const auto checked = weeks.meets + weeks.below_minimum + weeks.above_maximum;
    if (checked == 0) return std::numeric_limits<double>::quiet_NaN();
    return static_cast<double>(weeks.meets) / static_cast<double>(checked);
}

void check_attendance_model(const attendance_model& m) {
    const auto bad = [](const char* field, double v, const char* why) {
        throw error(errc::invalid_argument, field, iopcare::detail::computed(v), why);
    };
    // Written as negations so that NaN fails each check.
    if (!(m.attendance_rate >= 0.0 && m.attendance_rate <= 1.0))
        bad("attendance_rate", m.attendance_rate, "the mean attendance propensity must be from 0 to 1");
    if (!(m.concentration > 0.0))
        bad("concentration", m.concentration, "the Beta concentration must be greater than 0");
    if (!(m.partial >= 0.0 && m.partial <= 1.0))
        bad("partial", m.partial, "the chance of a partly attended session must be from 0 to 1");
    if (m.partial_minutes && m.partial_minutes->count() < 0)
        throw error(errc::invalid_argument, "partial_minutes", std::to_string(m.partial_minutes->count()),
                    "minutes of a partly attended session cannot be negative");
    if (m.dropout_after && *m.dropout_after == 0)
        throw error(errc::invalid_argument, "dropout_after", "0", "dropout needs at least one missed session");
}

namespace {

constexpr std::size_t patients_per_chunk = 512;  // validated together; bounds the validator's memory

// A group's session at one start, for makeups: who is enrolled in it and its capacity.
struct occurrence {
    local_seconds start{};
    minutes length{};
    std::uint16_t group = no_index;
    std::uint16_t service = no_index;
    unsigned enrolled = 0;
    unsigned capacity = 0;  // 0: no limit
};

// What every replication reads, prepared once.
struct run_plan {
    const schedule* cohort = nullptr;
    const rule_set* rules = nullptr;
    const attendance_model* model = nullptr;
    time_zone zone = time_zone::utc();
    validate_options validation;
    expansion x;
    std::vector<std::size_t> first;        // per enrollment, its first session in x; one more at the end
    std::vector<occurrence> occurrences;   // by start
    std::vector<signed char> counted;      // per schedule name: 1 a service whose time counts, else 0 (-1: unseen)
    std::optional<duration_distribution> beta_a, beta_b;  // the propensity's two gammas
    year_month_day from{}, to{};           // the cohort's span, [from, to)
};

// Receives a patient's records, then its enrollment.
class record_sink {
public:
    virtual ~record_sink() = default;
    virtual void record(const attendance_record& r) = 0;
    virtual void enrolled(const enrollment_period& e) = 0;
};

void index_occurrences(run_plan& p) {
    for (const auto& v : p.x.sessions) {
        if (v.group == no_index) continue;
        p.occurrences.push_back(occurrence{v.local_start, v.length, v.group, v.service, 1, p.cohort->capacity(v.group)});
    }
    std::sort(p.occurrences.begin(), p.occurrences.end(), [](const occurrence& a, const occurrence& b) {
        return a.start != b.start ? a.start < b.start : a.group < b.group;
    });
    std::vector<occurrence> merged;  // one per (group, start), counting its patients
    for (const auto& o : p.occurrences) {
        if (!merged.empty() && merged.back().start == o.start && merged.back().group == o.group) ++merged.back().enrolled;
        else merged.push_back(o);
    }
    p.occurrences = std::move(merged);
}

void index_patients(run_plan& p) {
    const auto& enrolled = p.cohort->enrolled();
    p.first.assign(enrolled.size() + 1, p.x.sessions.size());
    std::size_t at = 0;
    for (std::size_t i = 0; i < enrolled.size(); ++i) {
        p.first[i] = at;  // sessions come by patient in enrollment order
        while (at < p.x.sessions.size() && p.x.sessions[at].patient == enrolled[i].patient) ++at;
    }
    p.first[enrolled.size()] = at;
}

// Whether each service the sessions name counts under the rules (by schedule name index).
void mark_counted(run_plan& p) {
    const service_catalog& services =
        p.validation.services != nullptr ? *p.validation.services : service_catalog::standard();
    for (const auto& v : p.x.sessions) {
        if (v.service == no_index) continue;
        if (v.service >= p.counted.size()) p.counted.resize(std::size_t{v.service} + 1, -1);
        if (p.counted[v.service] != -1) continue;
        const service* svc = services.find(p.cohort->name(v.service));
        p.counted[v.service] = svc != nullptr && counts_service(*p.rules, *svc, services) ? 1 : 0;
    }
}

run_plan make_plan(const schedule& cohort, const rule_set& rules, const attendance_options& o) {
    check_attendance_model(o.model);
    if (o.replications < 1)
        throw error(errc::invalid_argument, "replications", std::to_string(o.replications), "at least one replication");
    if (cohort.enrolled().empty())
        throw error(errc::invalid_argument, "patients", "0", "the cohort has no patients: enroll some in the schedule");
    static_cast<void>(cohort.prog().required_zone());  // its weeks are local weeks
    run_plan p;
    p.cohort = &cohort;
    p.rules = &rules;
    p.model = &o.model;
    p.zone = *cohort.prog().zone;
    p.validation = o.validation;
    for (const auto& d : cohort.prog().closures.explicit_dates()) p.validation.closures.add_date(d);
    for (const auto& r : cohort.prog().closures.rules()) p.validation.closures.add_rule(r);
    check_rule_set(rules, p.validation.services != nullptr ? *p.validation.services : service_catalog::standard());
    sys_days lo = sys_days::max(), hi = sys_days::min();
    for (const auto& e : cohort.enrolled()) {
        lo = std::min(lo, sys_days{e.admit});
        hi = std::max(hi, e.end());
    }
    p.from = year_month_day{lo};
    p.to = year_month_day{hi};
    p.x = cohort.expand(p.from, p.to, dst_policy::shift_forward);
    index_patients(p);
    index_occurrences(p);
    mark_counted(p);
    const double m = o.model.attendance_rate, k = o.model.concentration;
    if (std::isfinite(k) && m > 0.0 && m < 1.0) {
        p.beta_a = duration_distribution::gamma(m * k, sim_days(1.0));
        p.beta_b = duration_distribution::gamma((1.0 - m) * k, sim_days(1.0));
    }
    return p;
}

// A patient's propensity: Beta(mean k, (1 - mean) k) as X / (X + Y) of two gammas.
double draw_propensity(const run_plan& p, std::uint64_t key, std::size_t patient) {
    if (!p.beta_a) return p.model->attendance_rate;
    detail::stream u(key, patient, detail::p_propensity, 0);
    const double x = p.beta_a->sample_days(u);
    const double y = p.beta_b->sample_days(u);
    return x + y > 0.0 ? x / (x + y) : p.model->attendance_rate;
}

// One patient's stay in one replication.
class patient_walk {
public:
    patient_walk(const run_plan& p, std::uint64_t key, std::vector<unsigned>& booked, attendance_replication& out,
                 std::size_t patient)
        : p_(p), key_(key), booked_(booked), out_(out), patient_(patient), e_(p.cohort->enrolled()[patient]),
          admit_(local_days{e_.admit}),
          last_(local_days{(e_.end() - days{1}).time_since_epoch()}),
          ses_(std::span(p.x.sessions).subspan(p.first[patient], p.first[patient + 1] - p.first[patient])) {
        propensity_ = draw_propensity(p, key, patient);
    }

    void run(record_sink& sink);

private:
    struct day_time {
        std::int64_t got = 0;   // counted seconds realised (attended, partial, makeups attended)
        std::int64_t left = 0;  // counted seconds of sessions not yet drawn
    };
    local_days week_of(local_days d) const {
        if (p_.rules->weeks == week_kind::rolling) return admit_ + days{((d - admit_).count() / 7) * 7};
        return first_week_day(*p_.rules, d);
    }
    std::int64_t counted_seconds(std::uint16_t service, minutes m) const {
        return service < p_.counted.size() && p_.counted[service] == 1 ? duration_cast<seconds>(m).count() : 0;
    }
    std::size_t walk_week(std::size_t i);
    bool heading_below() const;
    void offer_makeups(const session& missed, minutes missing);
    bool clashes(local_seconds start, minutes length) const;
    void emit_week(record_sink& sink);

    const run_plan& p_;
    std::uint64_t key_;
    std::vector<unsigned>& booked_;
    attendance_replication& out_;
    std::size_t patient_;
    const enrollment& e_;
    local_days admit_, last_;
    std::span<const session> ses_;
    double propensity_ = 0.0;
    // The week being walked.
    local_days week_{};
    std::size_t week_first_ = 0, week_end_ = 0;  // its sessions in ses_
    std::array<day_time, 7> day_{};
    std::vector<std::pair<attendance_record, bool>> records_;  // its records (true: a makeup), emitted when it is done
    std::vector<std::pair<local_seconds, minutes>> makeups_;  // booked this week
    // The whole stay.
    std::uint32_t makeup_draws_ = 0;
    unsigned misses_ = 0;
    std::optional<local_days> dropped_;
};

// Whether the week can no longer reach the rule set's minimum hours (scaled as the validator
// scales an edge week) or qualifying days with what is attended and what is still to come.
bool patient_walk::heading_below() const {
    const rule_set& r = *p_.rules;
    const auto lo = std::max(week_, admit_), hi = std::min(week_ + days{6}, last_);
    const auto in_span = static_cast<unsigned>((hi - lo).count() + 1);
    if (in_span < 7 && r.edge_weeks == edge_week_policy::exempt) return false;
    const unsigned scale = minimum_days(r, in_span, 0);
    std::int64_t total = 0;
    unsigned qualifying = 0;
    const std::int64_t min_day = duration_cast<seconds>(r.min_daily).count();
    for (const auto& d : day_) {
        total += d.got + d.left;
        if (d.got + d.left > 0 && d.got + d.left >= min_day) ++qualifying;
    }
    if (total < r.weekly.minimum_for(scale).count()) return true;
    if (r.min_days_per_week == 0) return false;
    const auto need = std::min<unsigned>((r.min_days_per_week * scale + 6) / 7, in_span);
    return qualifying < need;
}

bool patient_walk::clashes(local_seconds start, minutes length) const {
    const auto overlaps = [&](local_seconds s, minutes l) { return s < start + length && start < s + l; };
    for (std::size_t i = week_first_; i < week_end_; ++i)
        if (overlaps(ses_[i].local_start, ses_[i].length)) return true;
    for (const auto& [s, l] : makeups_)
        if (overlaps(s, l)) return true;
    return false;
}

// The proposals of propose_makeups (another group's occurrence of the service in the week,
// an open seat, no clash), later than the missed session and within the stay, all or none;
// each is attended with the patient's propensity.
void patient_walk::offer_makeups(const session& missed, minutes missing) {
    const local_seconds after = missed.local_start + missed.length;
    const local_seconds week_end{std::min(week_ + days{7}, last_ + days{1})};
    const auto& occ = p_.occurrences;
    auto it = std::lower_bound(occ.begin(), occ.end(), after, [](const occurrence& o, local_seconds t) { return o.start < t; });
    std::vector<std::size_t> chosen;
    minutes restored{0};
    for (; it != occ.end() && it->start < week_end && restored < missing; ++it) {
        if (it->service != missed.service || it->group == missed.group) continue;
        const auto k = static_cast<std::size_t>(it - occ.begin());
        if (it->capacity != 0 && it->enrolled + booked_[k] >= it->capacity) continue;
        if (clashes(it->start, it->length)) continue;
        chosen.push_back(k);
        restored += it->length;
    }
    if (restored < missing) return;  // no set of open seats restores the minutes
    for (const auto k : chosen) {
        const occurrence& o = occ[k];
        ++booked_[k];
        ++out_.makeups_offered;
        makeups_.emplace_back(o.start, o.length);
        detail::stream u(key_, patient_, detail::p_makeup, makeup_draws_++);
        const bool came = u.next() < propensity_;
        attendance_record r{e_.patient, p_.cohort->name(o.service), o.start, duration_cast<seconds>(o.length),
                            came ? attendance_status::attended : attendance_status::absent, seconds{0}};
        if (came) day_[static_cast<std::size_t>((floor<days>(o.start) - week_).count())].got += counted_seconds(o.service, o.length);
        records_.emplace_back(std::move(r), true);
    }
}

// Draws the sessions of the week that starts at ses_[i]; returns the first session after it.
std::size_t patient_walk::walk_week(std::size_t i) {
    week_ = week_of(floor<days>(ses_[i].local_start));
    week_first_ = i;
    week_end_ = i;
    while (week_end_ < ses_.size() && floor<days>(ses_[week_end_].local_start) < week_ + days{7}) ++week_end_;
    day_.fill(day_time{});
    makeups_.clear();
    for (std::size_t j = i; j < week_end_; ++j)
        day_[static_cast<std::size_t>((floor<days>(ses_[j].local_start) - week_).count())].left +=
            counted_seconds(ses_[j].service, ses_[j].length);
    const attendance_model& m = *p_.model;
    for (std::size_t j = i; j < week_end_ && !dropped_; ++j) {
        const session& v = ses_[j];
        detail::stream u(key_, patient_, detail::p_session, j);
        const bool came = u.next() < propensity_;
        const bool partly = came && u.next() < m.partial;
        const minutes part = std::min(v.length, m.partial_minutes.value_or(v.length / 2));
        const auto status = !came ? attendance_status::absent : partly ? attendance_status::partial : attendance_status::attended;
        const minutes attended = !came ? minutes{0} : partly ? part : v.length;
        records_.emplace_back(attendance_record{e_.patient, p_.cohort->name(v.service), v.local_start,
                                                duration_cast<seconds>(v.length), status,
                                                partly ? duration_cast<seconds>(part) : seconds{0}},
                              false);
        auto& d = day_[static_cast<std::size_t>((floor<days>(v.local_start) - week_).count())];
        d.left -= counted_seconds(v.service, v.length);
        d.got += counted_seconds(v.service, attended);
        misses_ = came ? 0 : misses_ + 1;
        if (m.dropout_after && misses_ >= *m.dropout_after) dropped_ = floor<days>(v.local_start);
        if (!dropped_ && m.makeups && attended < v.length && v.group != no_index && heading_below())
            offer_makeups(v, v.length - attended);
    }
    return week_end_;
}

void patient_walk::emit_week(record_sink& sink) {
    for (const auto& [r, makeup] : records_) {
        // A makeup booked for a day after the dropout never happens.
        if (dropped_ && floor<days>(std::get<local_seconds>(r.start)) > *dropped_) continue;
        if (makeup && r.status == attendance_status::attended) ++out_.makeups_attended;
        sink.record(r);
        ++out_.records;
    }
    records_.clear();
}

void patient_walk::run(record_sink& sink) {
    for (std::size_t i = 0; i < ses_.size() && !dropped_;) {
        i = walk_week(i);
        emit_week(sink);
    }
    enrollment_period en;
    en.patient = e_.patient;
    en.level = p_.cohort->prog().level;
    en.admitted = e_.admit;
    en.discharged = year_month_day{dropped_ ? sys_days{dropped_->time_since_epoch()} : e_.end() - days{1}};
    if (dropped_) ++out_.dropouts;
    sink.enrolled(en);
}

// Adds `n` of `code` to a list of counts kept in first-seen order.
void add_count(std::vector<violation_count>& to, std::string_view code, double n) {
    auto it = std::find_if(to.begin(), to.end(), [&](const violation_count& c) { return c.code == code; });
    if (it == to.end()) to.push_back(violation_count{std::string(code), n});
    else it->count += n;
}

// Feeds a replication's patients to the validator, a chunk at a time, and adds up its counts.
class validating_sink final : public record_sink {
public:
    validating_sink(const run_plan& p, attendance_replication& out) : v_(*p.rules, p.zone, p.validation), out_(out) {}
    void record(const attendance_record& r) override { v_.add(r); }
    void enrolled(const enrollment_period& e) override {
        v_.add(e);
        if (++pending_ == patients_per_chunk) flush();
    }
    void flush() {
        if (pending_ == 0) return;
        pending_ = 0;
        const validation_report report = v_.finish();
        out_.weeks.meets += report.weeks.meets;
        out_.weeks.below_minimum += report.weeks.below_minimum;
        out_.weeks.above_maximum += report.weeks.above_maximum;
        out_.weeks.exempt += report.weeks.exempt;
        out_.rejected += report.rejected.size();
        for (const auto& pr : report.patients)
            for (const auto& w : pr.weeks)
                for (const auto& v : w.violations) count(v.code);
    }

private:
    void count(std::string_view code) { add_count(out_.violations, code, 1.0); }
    validator v_;
    attendance_replication& out_;
    std::size_t pending_ = 0;
};

// Keeps what a replication generated, as an attendance log.
class log_sink final : public record_sink {
public:
    explicit log_sink(attendance_log& log) : log_(log) {}
    void record(const attendance_record& r) override { log_.records.push_back(r); }
    void enrolled(const enrollment_period& e) override { log_.enrollments.push_back(e); }

private:
    attendance_log& log_;
};

// One replication: its patients in cohort order (the order makeup seats are handed out in),
// their records to `log` when given, else validated.
attendance_replication run_replication(const run_plan& p, std::uint64_t seed, int index, attendance_log* log) {
    attendance_replication out;
    out.index = index;
    const auto key = detail::replication_key(seed, static_cast<std::uint64_t>(index));
    std::vector<unsigned> booked(p.occurrences.size(), 0);
    std::optional<validating_sink> validated;
    std::optional<log_sink> kept;
    record_sink* sink = nullptr;
    if (log != nullptr) sink = &kept.emplace(*log);
    else sink = &validated.emplace(p, out);
    for (std::size_t i = 0; i < p.cohort->enrolled().size(); ++i) patient_walk(p, key, booked, out, i).run(*sink);
    if (validated) validated->flush();
    return out;
}

attendance_result summarize_runs(const rule_set& rules, std::vector<attendance_replication> runs) {
    attendance_result r;
    r.rule_set = rules.id;
    r.replications = static_cast<int>(runs.size());
    std::vector<double> shares;
    status_counts weeks;
    std::size_t offered = 0, attended = 0, dropouts = 0;
    for (const auto& run : runs) {
        shares.push_back(run.compliance());
        weeks.meets += run.weeks.meets;
        weeks.below_minimum += run.weeks.below_minimum;
        weeks.above_maximum += run.weeks.above_maximum;
        weeks.exempt += run.weeks.exempt;
        offered += run.makeups_offered;
        attended += run.makeups_attended;
        dropouts += run.dropouts;
        for (const auto& v : run.violations) add_count(r.violations, v.code, v.count);
    }
    // Sums first, divided once: a mean of whole counts prints as it should ("12.5", not "12.499999").
    const auto mean = [n = static_cast<double>(runs.size())](std::size_t total) { return static_cast<double>(total) / n; };
    r.weeks = {mean(weeks.meets), mean(weeks.below_minimum), mean(weeks.above_maximum), mean(weeks.exempt)};
    r.makeups_offered = mean(offered);
    r.makeups_attended = mean(attended);
    r.dropouts = mean(dropouts);
    for (auto& v : r.violations) v.count /= static_cast<double>(runs.size());
    r.compliance = summarize(shares);
    r.runs = std::move(runs);
    return r;
}

}  // namespace

attendance_result simulate_attendance(const schedule& cohort, const rule_set& rules, const attendance_options& options) {
    const run_plan p = make_plan(cohort, rules, options);
    std::vector<attendance_replication> runs(static_cast<std::size_t>(options.replications));
    const int used = detail::run_tasks(
        options.replications, options.threads,
        [&](int i) { runs[static_cast<std::size_t>(i)] = run_replication(p, options.seed, i, nullptr); }, {});
    attendance_result r = summarize_runs(rules, std::move(runs));
    r.threads_used = used;
    r.patients = cohort.enrolled().size();
    r.model = options.model;
    r.seed = options.seed;
    return r;
}

result<attendance_result> try_simulate_attendance(const schedule& cohort, const rule_set& rules,
                                                  const attendance_options& options) noexcept {
    return try_call([&] { return simulate_attendance(cohort, rules, options); });
}

attendance_log simulated_attendance(const schedule& cohort, const rule_set& rules, const attendance_options& options,
                                    int replication) {
    if (replication < 0)
        throw error(errc::invalid_argument, "replication", std::to_string(replication), "replications count from 0");
    const run_plan p = make_plan(cohort, rules, options);
    attendance_log log;
    (void)run_replication(p, options.seed, replication, &log);
    log.closures = cohort.prog().closures.dates_between(p.from, p.to);
    return log;
}

}  // namespace iopcare::sim
