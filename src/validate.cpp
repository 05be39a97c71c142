// Validation of attendance against a rule set.
//
// How it runs: add() checks a record, resolves its service and patient to small indices and
// its times to UTC through a per-day offset cache (a day far from any offset change converts
// with one subtraction; only days next to a change ask the zone), and keeps a 32-byte entry.
// finish() groups entries by patient with a counting sort and sorts each patient's entries by
// start only when they are out of order. Per patient, one sweep builds a table (the days of its
// weeks with counted time and sessions, per week the sessions each service-mix requirement
// counts) and finds overlaps. Each rule family is then one small check over that table
// (validate_checks.cpp), week by week (weekly hours, qualifying days, day tiers, service mix,
// certification), followed by the patient-level ones (step-down allowance, higher-level
// review). A new rule family is a new check there, not an edit of the others.
#include "iopcare/validate.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <thread>
#include <unordered_map>

#include "detail/big_buffer.hpp"
#include "detail/bytes.hpp"
#include "detail/run_tasks.hpp"
#include "validate_checks.hpp"
#include "validate_order.hpp"
#include "validate_tables.hpp"

namespace iopcare {

using namespace std::chrono;
using namespace std::chrono_literals;

std::string_view to_string(week_status s) noexcept {
    switch (s) {
        case week_status::meets: return "meets";
        case week_status::below_minimum: return "below_minimum";
        case week_status::above_maximum: return "above_maximum";
        case week_status::exempt: return "exempt";
    }
    return "unknown";
}

std::optional<week_status> parse_week_status(std::string_view text) noexcept {
    for (auto s : {week_status::meets, week_status::below_minimum, week_status::above_maximum, week_status::exempt})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

const patient_result* validation_report::find(const patient_id& patient) const noexcept {
    for (const auto& p : patients)
        if (p.patient == patient) return &p;
    return nullptr;
}

namespace {

using namespace detail::checks;
using detail::tables::closure_table;
using detail::tables::offset_cache;

bool plausible_day(std::int64_t day) noexcept { return day >= earliest_day && day < latest_day; }
bool plausible_seconds(std::int64_t s) noexcept { return s >= earliest_day * day_seconds && s < latest_day * day_seconds; }
bool plausible_date(const year_month_day& d) noexcept {
    return d.ok() && plausible_day(local_days{d}.time_since_epoch().count());
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    const auto q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

struct entry {
    std::int64_t begin = 0;     // UTC seconds
    std::int64_t end = 0;       // end of attended time (== begin when nothing was attended)
    std::uint32_t patient = 0;
    std::uint32_t index = 0;    // record index
    std::int32_t day = 0;       // local date of the start, days since the epoch
    std::uint16_t service = 0;  // catalog index
    bool counted = false;
};
static_assert(sizeof(entry) <= 32);

struct patient_data {
    patient_id name;
    std::optional<enrollment_period> enrollment;
    std::size_t enrollment_index = 0;
    std::vector<std::int64_t> certs;  // local days
    std::size_t entries = 0;          // usable records
};

// What one thread judges its patients with: work buffers, a closure cache and counts of its
// own, so that threads share nothing they write. Counts are summed at the end.
struct judge_share {
    closure_table closures;
    std::vector<entry> scratch;
    patient_table table;
    std::vector<cert_gap> gaps;
    std::vector<std::size_t> run;
    std::vector<std::size_t> tier_days;      // per tier, then below_tier
    std::vector<rejected_record> rejected;
    // The chunk at hand's patients, in order: the first `used`. The others are results the
    // sink is done with (in_order::take_spent), kept for their buffers.
    std::vector<patient_result> judged;
    std::size_t used = 0;
    validation_report part;                  // week counts, records counted, overlaps

    judge_share(const closure_table& c, std::size_t tiers) : closures(c), tier_days(tiers + 1, 0) {}
    void reject(std::size_t index, std::string field, std::string value, std::string reason) {
        rejected.push_back(rejected_record{index, std::move(field), std::move(value), std::move(reason)});
    }
    // The next patient's result: a spent one made new, else a new one.
    patient_result& next_result() {
        if (used == judged.size()) {
            judged.emplace_back();
        } else {
            std::vector<week_result> weeks = std::move(judged[used].weeks);
            judged[used] = patient_result{};
            judged[used].weeks = std::move(weeks);  // judge_weeks makes each week new
        }
        return judged[used++];
    }
};

// Week w of a result, as new but for the capacity of its lists. A year's weeks and their
// violations and messages are dozens of allocations a patient; made anew for each patient of a
// streamed report they were a fifth of its instructions, as glibc's malloc gathered the last
// chunk's freed blocks at each chunk's first large request and then split every small one off
// the merged space. Reusing a spent result's buffers keeps those blocks at hand. Field by field:
// moving the lists out and back around an assignment was 3% of the streamed validation's
// instructions.
void renew(week_result& w) {
#if defined(__x86_64__) && defined(__GLIBCXX__)  // where CI builds: a new field is noticed here
    static_assert(sizeof(week_result) == 96, "a field was added to week_result: renew() must reset it too");
#endif
    const week_result fresh{};
    w.week_start = fresh.week_start;
    w.days_in_span = fresh.days_in_span;
    w.closed_days = fresh.closed_days;
    w.admission_week = fresh.admission_week;
    w.discharge_week = fresh.discharge_week;
    w.counted = fresh.counted;
    w.qualifying_days = fresh.qualifying_days;
    w.counted_sessions = fresh.counted_sessions;
    w.status = fresh.status;
    w.compliant = fresh.compliant;
    w.violations.clear();
    w.days.clear();
}

// Sorts `es` by `less` (a total order, so any algorithm gives the same result). A patient's
// records usually come in time order but for a few (a test before the evening's group, listed
// after it): insertion sort moves those few, and gives way to std::sort when they are many.
template <class Less>
void sort_nearly_sorted(std::span<entry> es, Less less) {
    std::size_t budget = 4 * es.size();  // element moves before falling back
    for (std::size_t i = 1; i < es.size(); ++i) {
        if (!less(es[i], es[i - 1])) continue;
        const entry e = es[i];
        std::size_t j = i;
        for (; j > 0 && less(e, es[j - 1]) && budget > 0; --j, --budget) es[j] = es[j - 1];
        es[j] = e;
        if (budget == 0) return std::sort(es.begin(), es.end(), less);
    }
}

}  // namespace

struct validator::state {
    rule_set rules;
    time_zone zone;
    validate_options options;
    const service_catalog* services = nullptr;
    offset_cache local_offsets;  // keyed by local day
    offset_cache utc_offsets;    // keyed by UTC day
    closure_table closures;

    std::vector<bool> service_counted;                       // by catalog index
    std::vector<std::vector<std::uint16_t>> service_mix_of;  // catalog index -> requirement indices
    std::unordered_map<std::string, std::uint16_t> service_index;
    // The services met most recently, before the map: a file repeats a handful of services, and
    // comparing a short string is cheaper than hashing it.
    std::array<std::pair<std::string, std::uint16_t>, 4> recent_services;
    std::size_t recent_next = 0;
    std::unordered_map<patient_id, std::uint32_t> patient_index;  // interned: a number per patient
    std::vector<patient_data> patients;
    std::uint32_t last_patient = std::numeric_limits<std::uint32_t>::max();
    bool any_certification = false;

    std::vector<entry, detail::big_buffer_allocator<entry>> entries;
    // Entries come grouped by patient, in patient order (as a file listing each patient's
    // records together does): then each patient's are judged where they lie, not gathered.
    bool grouped = true;
    std::vector<rejected_record> rejected;  // by add()
    std::size_t record_count = 0;
    std::size_t enrollment_count = 0;
    std::size_t certification_count = 0;

    state(rule_set r, time_zone z, validate_options o)
        : rules(std::move(r)), zone(std::move(z)), options(std::move(o)),
          services(options.services != nullptr ? options.services : &service_catalog::standard()),
          local_offsets(zone), utc_offsets(zone), closures(options.closures) {
        check_rule_set(rules, *services);
        if (options.through && !plausible_date(*options.through))
            throw error(errc::invalid_argument, "through",
                        options.through->ok() ? format_date(*options.through) : std::string(),
                        "the last day checked must be a valid date from 1900 to 2199");
        const auto all = services->services();
        service_counted.resize(all.size());
        for (std::size_t i = 0; i < all.size(); ++i) service_counted[i] = counts_service(rules, all[i], *services);
        service_mix_of.resize(all.size());
        for (std::size_t k = 0; k < rules.service_mix.size(); ++k)
            service_mix_of[position(*services->find(rules.service_mix[k].service))].push_back(
                static_cast<std::uint16_t>(k));
    }

    std::size_t position(const service& s) const noexcept {
        return static_cast<std::size_t>(&s - services->services().data());
    }

    // Equal to a kept text; in line, as it runs for every record (detail::same_bytes).
    static bool same_text(const std::string& kept, const std::string& s) noexcept {
        return kept.size() == s.size() && detail::same_bytes(kept.data(), s.data(), s.size());
    }

    std::uint32_t patient(const patient_id& name) {
        if (last_patient < patients.size() && same_text(patients[last_patient].name.str(), name.str()))
            return last_patient;
        return intern_patient(name);
    }

    [[gnu::noinline]] std::uint32_t intern_patient(const patient_id& name) {
        auto [it, inserted] = patient_index.try_emplace(name, static_cast<std::uint32_t>(patients.size()));
        if (inserted) patients.push_back(patient_data{name, {}, 0, {}, 0});
        last_patient = it->second;
        return it->second;
    }

    void reject(std::size_t index, std::string field, std::string value, std::string reason) {
        rejected.push_back(rejected_record{index, std::move(field), std::move(value), std::move(reason)});
    }

    // Local reading -> UTC seconds, or nothing when the policy rejects it.
    // `moved` is set when a skipped reading was moved to an instant (its local reading changes).
    std::optional<std::int64_t> start_to_utc(std::int64_t local, std::string& why, bool& moved) {
        const auto off = local_offsets.get(floor_div(local, day_seconds));
        if (off != offset_cache::near_change) return local - off;
        const auto info = zone.classify(local_seconds{seconds{local}});
        using k = local_time_info::kind;
        const auto policy = options.local_times;
        if (info.result == k::unique) return info.first.time_since_epoch().count();
        if (info.result == k::nonexistent) {
            moved = true;
            switch (policy) {
                case dst_policy::shift_forward: return local - info.offset_before.count();
                case dst_policy::earliest:
                case dst_policy::latest: return info.first.time_since_epoch().count();
                case dst_policy::skip:
                case dst_policy::error: break;
            }
            why = "this local time does not exist in " + zone.name() + " (skipped by a daylight-saving change)";
            return std::nullopt;
        }
        if (policy == dst_policy::error) {
            why = "this local time occurs twice in " + zone.name() + " (repeated by a daylight-saving change)";
            return std::nullopt;
        }
        return (policy == dst_policy::latest ? info.second : info.first).time_since_epoch().count();
    }

    // The end of a session: its local end reading to UTC, a skipped reading moved forward by
    // the gap and a repeated one the earlier instant not before the start.
    std::int64_t end_to_utc(std::int64_t local, std::int64_t utc_start) {
        const auto off = local_offsets.get(floor_div(local, day_seconds));
        if (off != offset_cache::near_change) return local - off;
        const auto info = zone.classify(local_seconds{seconds{local}});
        using k = local_time_info::kind;
        std::int64_t u = info.first.time_since_epoch().count();
        if (info.result == k::nonexistent) u = local - info.offset_before.count();
        if (info.result == k::ambiguous && u < utc_start) u = info.second.time_since_epoch().count();
        return std::max(u, utc_start);
    }

    std::int64_t utc_to_local(std::int64_t utc) {
        const auto off = utc_offsets.get(floor_div(utc, day_seconds));
        if (off != offset_cache::near_change) return utc + off;
        return zone.to_local(sys_seconds{seconds{utc}}).time_since_epoch().count();
    }

    void reserve(std::size_t records) { entries.reserve(records); }

    // The usual case, checked inline; rejected_lengths() says what is wrong with the others.
    static bool plausible_lengths(const attendance_record& r) noexcept {
        return !r.patient.empty() && r.scheduled >= 0s && r.scheduled <= 24h &&
               (r.status != attendance_status::partial || (r.attended >= 0s && r.attended <= r.scheduled));
    }

    // The record's own problems (no patient, impossible lengths); true when it was rejected.
    bool rejected_lengths(const attendance_record& r, std::size_t index) {
        const auto minutes_text = [](seconds s) { return std::to_string(s.count() / 60); };
        if (r.patient.empty()) return reject(index, "patient", "", "a record needs a patient id"), true;
        if (r.scheduled < 0s)
            return reject(index, "scheduled", minutes_text(r.scheduled),
                          "scheduled minutes cannot be negative (the session would end before it starts)"),
                   true;
        if (r.scheduled > 24h)
            return reject(index, "scheduled", minutes_text(r.scheduled),
                          "a session cannot be scheduled for more than 24 hours"),
                   true;
        if (r.status != attendance_status::partial) return false;
        if (r.attended < 0s)
            return reject(index, "attended", minutes_text(r.attended), "attended minutes cannot be negative"), true;
        if (r.attended > r.scheduled)
            return reject(index, "attended", minutes_text(r.attended),
                          "partial attendance longer than the " + minutes_text(r.scheduled) + " scheduled minutes"),
                   true;
        return false;
    }

    std::optional<std::uint16_t> service_of(const attendance_record& r, std::size_t index) {
        for (const auto& [name, svc] : recent_services)
            if (!name.empty() && same_text(name, r.service)) return svc;
        return intern_service(r, index);
    }

    [[gnu::noinline]] std::optional<std::uint16_t> intern_service(const attendance_record& r, std::size_t index) {
        if (auto it = service_index.find(r.service); it != service_index.end()) {
            recent_services[recent_next++ % recent_services.size()] = *it;
            return it->second;
        }
        const service* s = services->find(r.service);
        if (s == nullptr) {
            reject(index, "service", r.service, "service not in the program's service catalog");
            return std::nullopt;
        }
        const auto svc = static_cast<std::uint16_t>(position(*s));
        service_index.emplace(r.service, svc);
        return svc;
    }

    // The record's real start and end in UTC and its local day; false when it was rejected.
    bool place(const attendance_record& r, std::size_t index, entry& e) {
        const auto raw = std::visit([](auto t) { return t.time_since_epoch().count(); }, r.start);
        if (!plausible_seconds(raw)) {
            // Shown as written (a date), never as seconds since 1970.
            const std::string shown = std::holds_alternative<local_seconds>(r.start)
                                          ? format_local(std::get<local_seconds>(r.start))
                                          : format_utc(std::get<sys_seconds>(r.start));
            return reject(index, "start", shown, "a start outside the years 1900 to 2199"), false;
        }
        // Far from an offset change (the usual case) the offset holds from two days before the
        // start to three after, past any end, and the clock's length is the real one.
        const bool local_start = std::holds_alternative<local_seconds>(r.start);
        const auto off = (local_start ? local_offsets : utc_offsets).get(floor_div(raw, day_seconds));
        if (off == offset_cache::near_change) return place_near_change(r, index, e);
        const std::int64_t utc = local_start ? raw - off : raw;
        settle_end(r, utc, utc + r.scheduled.count(), e);
        e.day = static_cast<std::int32_t>(floor_div(local_start ? raw : raw + off, day_seconds));
        return true;
    }

    // place() for a start within two days of an offset change: the zone says what the reading
    // is (skipped, repeated or unique) and where the session really ends.
    [[gnu::noinline]] bool place_near_change(const attendance_record& r, std::size_t index, entry& e) {
        std::int64_t local = 0;
        std::int64_t utc = 0;
        if (const auto* l = std::get_if<local_seconds>(&r.start)) {
            local = l->time_since_epoch().count();
            std::string why;
            bool moved = false;
            const auto u = start_to_utc(local, why, moved);
            if (!u) return reject(index, "start", format_local(*l), std::move(why)), false;
            utc = *u;
            if (moved) local = utc_to_local(utc);  // the session starts (and ends) later on the clock
        } else {
            utc = std::get<sys_seconds>(r.start).time_since_epoch().count();
            local = utc_to_local(utc);
        }
        const bool attended = r.attended_time() > 0s;
        settle_end(r, utc, attended ? end_to_utc(local + r.scheduled.count(), utc) : utc, e);
        e.day = static_cast<std::int32_t>(floor_div(local, day_seconds));
        return true;
    }

    // The entry's begin and end: the session's real end for attended, up to it for partial.
    static void settle_end(const attendance_record& r, std::int64_t utc, std::int64_t real_end, entry& e) noexcept {
        // Nothing attended ends at the start; partial attendance ends at the real end at the latest.
        const std::int64_t real = real_end - utc;
        const std::int64_t cap = r.status == attendance_status::attended  ? real
                                 : r.status == attendance_status::partial ? r.attended.count()
                                                                          : 0;
        e.begin = utc;
        e.end = utc + std::min(cap, real);
    }

    void add(const attendance_record& r) {
        const std::size_t index = record_count++;
        IOPCARE_EXPECTS(index < std::numeric_limits<std::uint32_t>::max());
        if (!plausible_lengths(r) && rejected_lengths(r, index)) return;
        const auto svc = service_of(r, index);
        if (!svc) return;
        entry e;
        if (!place(r, index, e)) return;
        e.patient = patient(r.patient);
        e.index = static_cast<std::uint32_t>(index);
        e.service = *svc;
        e.counted = service_counted[*svc];
        grouped = grouped && (entries.empty() || entries.back().patient <= e.patient);
        ++patients[e.patient].entries;
        entries.push_back(e);
    }

    void add(const enrollment_period& en) {
        const std::size_t index = enrollment_count++;
        if (en.patient.empty()) return reject(index, "enrollment", "", "an enrollment needs a patient id");
        const auto date_text = [](const year_month_day& d) { return d.ok() ? format_date(d) : std::string(); };
        if (!plausible_date(en.admitted))
            return reject(index, "enrollment", date_text(en.admitted),
                          "the admission date is not a valid date from 1900 to 2199");
        if (en.discharged && !plausible_date(*en.discharged))
            return reject(index, "enrollment", date_text(*en.discharged),
                          "the discharge date is not a valid date from 1900 to 2199");
        if (en.discharged && local_days{*en.discharged} < local_days{en.admitted})
            return reject(index, "enrollment", format_date(*en.discharged), "discharge before admission");
        if (en.step_down && (!plausible_date(*en.step_down) || local_days{*en.step_down} < local_days{en.admitted} ||
                             (en.discharged && local_days{*en.step_down} > local_days{*en.discharged})))
            return reject(index, "enrollment", date_text(*en.step_down), "the step-down date is outside the stay");
        auto& p = patients[patient(en.patient)];
        if (p.enrollment)
            return reject(index, "enrollment", en.patient.str(),
                          "a second enrollment for the patient (one stay per validation)");
        p.enrollment = en;
        p.enrollment_index = index;
    }

    void add(const certification& c) {
        const std::size_t index = certification_count++;
        if (c.patient.empty()) return reject(index, "certification", "", "a certification needs a patient id");
        if (!plausible_date(c.date))
            return reject(index, "certification", c.date.ok() ? format_date(c.date) : "",
                          "the date is not a valid date from 1900 to 2199");
        patients[patient(c.patient)].certs.push_back(day_number(c.date));
        any_certification = true;
    }

    // Records a chunk of patients holds about (entries.size() / chunk_records chunks, at least
    // one per thread).
    static constexpr std::size_t chunk_records = 8192;
    validation_report finish(const patient_render& render, const rendered_sink& each);
    void judge_range(judge_share& w, std::size_t first, std::size_t last, std::span<const std::size_t> start,
                     std::span<const std::uint32_t> order);
    [[nodiscard]] std::vector<std::uint32_t> patient_order(std::span<const std::size_t> start) const;
    void merge(std::vector<judge_share>& shares, validation_report& out);
    // Per patient: read only the shared state (each thread has its own judge_share and patients).
    std::optional<stay> find_stay(const patient_data& pd, std::span<entry>& es, judge_share& w) const;
    void reject_patient(const patient_data& pd, std::span<const entry> es, const stay& s, judge_share& w) const;
    void build_table(const stay& s, std::span<const entry> es, patient_result& pr, judge_share& w) const;
    void judge_weeks(patient_data& pd, patient_result& pr, judge_share& share) const;
    void judge(patient_data& pd, std::span<entry> es, judge_share& w) const;
    void note_unchecked(validation_report& out) const;

    // The set has recertification rules (an interval, or a first recertification day).
    [[nodiscard]] bool recertifies() const noexcept {
        return rules.recertification_interval || rules.recertification_interval_days || rules.first_recertification_day;
    }
    // Certification is checked when required, or when the set recertifies and some was given.
    [[nodiscard]] bool checks_certification() const noexcept {
        return rules.certification_required || (recertifies() && any_certification);
    }
};

void validator::state::note_unchecked(validation_report& out) const {
    if (recertifies() && !checks_certification() && !patients.empty()) {
        out.not_checked.push_back(
            {"certification", "the rule set '" + rules.id +
                                  "' recertifies but does not require a certification on file, and none was given: "
                                  "missing and overdue certifications were not looked for"});
    }
}

validation_report validator::state::finish(const patient_render& render, const rendered_sink& each) {
    validation_report out;
    out.rule_set = rules.id;
    out.records = record_count;
    note_unchecked(out);

    // Where each patient's entries start once grouped by patient.
    std::vector<std::size_t> start(patients.size() + 1, 0);
    for (std::size_t p = 0; p < patients.size(); ++p) start[p + 1] = start[p] + patients[p].entries;
    const std::vector<std::uint32_t> order = patient_order(start);

    // Patients are independent: threads judge chunks of them (a few thousand records each, so
    // that results flow to the sink early), each with a share of work buffers of its own.
    const unsigned threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    const std::size_t chunks = std::max<std::size_t>(threads, entries.size() / chunk_records + 1);
    const auto bounds = detail::share_bounds(start, chunks);
    std::vector<judge_share> shares;
    shares.reserve(threads);
    for (unsigned k = 0; k < threads; ++k) shares.emplace_back(closures, rules.day_tiers.size());
    std::vector<judge_share*> idle;
    for (auto& w : shares) idle.push_back(&w);
    std::mutex idle_lock;
    // Rendered chunks are larger than their results: fewer wait to be passed on.
    detail::in_order pass_on(bounds.size() - 1, each, (render ? 4 : 16) * std::size_t{threads});
    const int n = static_cast<int>(bounds.size() - 1);
    sim::detail::run_tasks(
        n, static_cast<int>(threads),
        [&](int k) {
            const auto i = static_cast<std::size_t>(k);
            if (!pass_on.wait_turn(i)) return;
            judge_share* w = nullptr;
            {
                std::lock_guard lock(idle_lock);
                w = idle.back();
                idle.pop_back();
            }
            detail::in_order::chunk judged;
            try {
                w->judged = pass_on.take_spent();
                w->used = 0;
                judge_range(*w, bounds[i], bounds[i + 1], start, order);
                w->judged.resize(w->used);  // spent results left over
                judged.patients = std::move(w->judged);
                w->judged.clear();
                {
                    std::lock_guard lock(idle_lock);
                    idle.push_back(w);  // free for another chunk while this one is rendered
                }
                if (render) {
                    judged.texts.reserve(judged.patients.size());
                    for (const auto& p : judged.patients) judged.texts.push_back(render(p));
                }
            } catch (...) {  // judging or rendering: the chunk will never come
                pass_on.fail();
                throw;
            }
            pass_on.done(i, std::move(judged));
        },
        {});
    merge(shares, out);
    entries.clear();
    entries.shrink_to_fit();
    return out;
}

// Positions of the entries grouped by patient (a counting sort keeps each patient's entries in
// input order); an order of positions, not a copy of the entries: 4 bytes a record instead of
// 32. Empty when the entries are grouped already.
std::vector<std::uint32_t> validator::state::patient_order(std::span<const std::size_t> start) const {
    std::vector<std::uint32_t> order;
    if (grouped) return order;
    order.resize(entries.size());
    std::vector<std::size_t> pos(start.begin(), start.end());
    for (std::size_t i = 0; i < entries.size(); ++i) order[pos[entries[i].patient]++] = static_cast<std::uint32_t>(i);
    return order;
}

// Judges patients [first, last): grouped entries where they lie (each thread's patients are its
// own), else gathered into the share's scratch.
void validator::state::judge_range(judge_share& w, std::size_t first, std::size_t last,
                                   std::span<const std::size_t> start, std::span<const std::uint32_t> order) {
    const auto by_start = [](const entry& a, const entry& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.index < b.index;
    };
    w.judged.reserve(last - first);
    for (std::size_t p = first; p < last; ++p) {
        std::span<entry> es(entries.data() + start[p], start[p + 1] - start[p]);
        if (!grouped) {
            w.scratch.clear();
            for (std::size_t i = start[p]; i < start[p + 1]; ++i) w.scratch.push_back(entries[order[i]]);
            es = w.scratch;
        }
        sort_nearly_sorted(es, by_start);
        judge(patients[p], es, w);
    }
}

// The shares' counts summed; rejections in report order, whichever share found them.
void validator::state::merge(std::vector<judge_share>& shares, validation_report& out) {
    std::vector<std::size_t> tier_days(rules.day_tiers.size() + 1, 0);
    for (auto& w : shares) {
        out.weeks.meets += w.part.weeks.meets;
        out.weeks.below_minimum += w.part.weeks.below_minimum;
        out.weeks.above_maximum += w.part.weeks.above_maximum;
        out.weeks.exempt += w.part.weeks.exempt;
        out.records_counted += w.part.records_counted;
        out.overlaps += w.part.overlaps;
        for (std::size_t k = 0; k < tier_days.size(); ++k) tier_days[k] += w.tier_days[k];
        for (auto& x : w.rejected) rejected.push_back(std::move(x));
    }
    for (std::size_t k = 0; k < rules.day_tiers.size(); ++k)
        out.day_tiers.push_back(tier_count{rules.day_tiers[k].label, tier_days[k]});
    if (!rules.day_tiers.empty()) out.day_tiers.push_back(tier_count{std::string(below_tier), tier_days.back()});
    out.rejected = detail::in_report_order(std::move(rejected));
}

// The patient's stay: the enrollment when given (an open one runs to `through` or the last
// record), else the whole weeks from the first record to the last. Records outside an
// enrollment are rejected here, now that every enrollment is known, and dropped from `es`.
std::optional<stay> validator::state::find_stay(const patient_data& pd, std::span<entry>& es, judge_share& w) const {
    stay s;
    if (pd.enrollment) {
        const auto& en = *pd.enrollment;
        s.enrollment = &en;
        s.first = day_number(en.admitted);
        s.last = en.discharged ? day_number(*en.discharged) : options.through ? day_number(*options.through) : s.first;
        if (!en.discharged && !options.through)
            for (const auto& e : es) s.last = std::max<std::int64_t>(s.last, e.day);
        std::size_t kept = 0;
        for (const auto& e : es) {
            if (e.day >= s.first && e.day <= s.last) {
                es[kept++] = e;
                continue;
            }
            w.reject(e.index, "start", fmt_day(e.day),
                   !en.discharged && e.day > s.last
                       ? "after the last day checked (" + fmt_day(s.last) + ")"
                       : "outside the enrollment " + fmt_day(s.first) + " to " +
                             (en.discharged ? fmt_day(s.last) : std::string("(open)")));
        }
        es = es.first(kept);
        if (s.last < s.first) return std::nullopt;  // `through` before the admission: nothing to check
    } else {
        if (es.empty()) return std::nullopt;
        const auto by_day = [](const entry& a, const entry& b) { return a.day < b.day; };
        const auto [lo, hi] = std::minmax_element(es.begin(), es.end(), by_day);
        s.first = lo->day;
        s.last = hi->day;
    }
    s.origin = s.first;
    s.anchor = first_week_day(rules, local_days{days{s.first}}).time_since_epoch().count();
    if (!pd.enrollment) {  // a span read off the records covers whole weeks
        s.first = s.anchor;
        s.last = s.anchor + ((s.last - s.anchor) / 7) * 7 + 6;
    }
    s.weeks = static_cast<std::size_t>((s.last - s.anchor) / 7 + 1);
    return s;
}

// A span longer than options.max_span_weeks is not checked: every record of the patient (and
// its enrollment) is rejected with the reason, so the work stays bounded by the input.
void validator::state::reject_patient(const patient_data& pd, std::span<const entry> es, const stay& s,
                                      judge_share& w) const {
    const std::string why = "the patient's span from " + fmt_day(s.first) + " to " + fmt_day(s.last) + " has " +
                            std::to_string(s.weeks) + " weeks, more than the " +
                            std::to_string(options.max_span_weeks) + " checked for one patient (max_span_weeks)";
    for (const auto& e : es) w.reject(e.index, "start", fmt_day(e.day), why);
    if (pd.enrollment) w.reject(pd.enrollment_index, "enrollment", format_date(pd.enrollment->admitted), why);
}

// One sweep in start order fills the patient's table: per-day counted time (an overlap
// counted once) and sessions, per-week service-mix sessions, overlapping pairs; and marks the
// closed days.
void validator::state::build_table(const stay& s, std::span<const entry> es, patient_result& pr,
                                   judge_share& w) const {
    patient_table& table = w.table;
    table.s = s;
    table.days.assign(s.weeks * 7, day_cell{});
    table.n_mix = rules.service_mix.size();
    table.mix.assign(s.weeks * table.n_mix, 0);
    if (w.closures.any())
        for (std::size_t i = 0; i < table.days.size(); ++i)
            table.days[i].closed = w.closures.closed(s.anchor + static_cast<std::int64_t>(i));
    std::int64_t counted_until = std::numeric_limits<std::int64_t>::min();
    std::int64_t any_until = std::numeric_limits<std::int64_t>::min();
    std::uint32_t any_until_index = 0;
    for (const auto& e : es) {
        if (e.end <= e.begin) continue;
        if (e.begin < any_until) {
            const auto a = std::min<std::uint32_t>(any_until_index, e.index);
            const auto b = std::max<std::uint32_t>(any_until_index, e.index);
            pr.overlaps.push_back(overlap{a, b, seconds{std::min(e.end, any_until) - e.begin}});
        }
        if (e.end > any_until) {
            any_until = e.end;
            any_until_index = e.index;
        }
        const auto d = static_cast<std::size_t>(e.day - s.anchor);
        if (e.counted) {
            auto& cell = table.days[d];
            const auto from = std::max(e.begin, counted_until);
            if (e.end > from) cell.secs += e.end - from;
            counted_until = std::max(counted_until, e.end);
            ++cell.sessions;
            ++w.part.records_counted;
        }
        for (auto k : service_mix_of[e.service]) ++table.mix[(d / 7) * table.n_mix + k];
    }
}

// Every week of the stay through each check of its rule families.
void validator::state::judge_weeks(patient_data& pd, patient_result& pr, judge_share& share) const {
    const patient_table& table = share.table;
    std::sort(pd.certs.begin(), pd.certs.end());
    pd.certs.erase(std::unique(pd.certs.begin(), pd.certs.end()), pd.certs.end());
    const bool check_certs = checks_certification();
    if (check_certs) certification_gaps(rules, table, pd.certs, share.gaps);
    std::size_t cursor = 0;
    const stay& s = table.s;
    pr.weeks.resize(s.weeks);
    for (std::size_t w = 0; w < s.weeks; ++w) {
        week_result& wr = pr.weeks[w];
        renew(wr);
        week_view v;
        v.index = w;
        v.start = s.anchor + static_cast<std::int64_t>(w) * 7;
        v.lo = std::max(v.start, s.first);
        v.hi = std::min(v.start + 6, s.last);
        wr.week_start = local_days{days{v.start}};
        wr.admission_week = s.enrollment && v.start < s.first;
        wr.discharge_week = s.enrollment && s.enrollment->discharged && v.start + 6 > s.last;
        tally_week(rules, table, v, wr);
        if (!rules.day_tiers.empty()) list_day_tiers(rules, table, v, wr, share.tier_days);
        if (wr.days_in_span < 7 && rules.edge_weeks == edge_week_policy::exempt) {
            wr.status = week_status::exempt;  // reported, never failed
            continue;
        }
        check_weekly_hours(rules, v, wr);
        check_qualifying_days(rules, v, wr);
        check_service_mix(rules, table, v, wr);
        if (check_certs) check_certification(rules, share.gaps, cursor, s.origin, v, wr);
    }
}

void validator::state::judge(patient_data& pd, std::span<entry> es, judge_share& w) const {
    const auto s = find_stay(pd, es, w);
    if (!s) return;
    if (s->weeks > options.max_span_weeks) return reject_patient(pd, es, *s, w);
    patient_result& pr = w.next_result();
    pr.patient = pd.name;
    build_table(*s, es, pr, w);
    judge_weeks(pd, pr, w);
    apply_step_down(rules, *s, pr, w.run);
    settle(rules, pr, w.part);
    w.part.overlaps += pr.overlaps.size();
}

validator::validator(rule_set rules, time_zone zone, validate_options options)
    : s_(std::make_unique<state>(std::move(rules), std::move(zone), std::move(options))) {}
validator::~validator() = default;
validator::validator(validator&&) noexcept = default;
validator& validator::operator=(validator&&) noexcept = default;

void validator::reserve(std::size_t records) { s_->reserve(records); }
void validator::add(const attendance_record& record) { s_->add(record); }
void validator::add(const enrollment_period& enrollment) { s_->add(enrollment); }
void validator::add(const certification& cert) { s_->add(cert); }

validation_report validator::finish(const patient_sink& each) {
    return finish(patient_render(), [&each](patient_result&& p, std::string&&) { each(std::move(p)); });
}

validation_report validator::finish(const patient_render& render, const rendered_sink& each) {
    auto report = s_->finish(render, each);
    s_ = std::make_unique<state>(std::move(s_->rules), std::move(s_->zone), std::move(s_->options));
    return report;
}

validation_report validator::finish() {
    std::vector<patient_result> judged;
    auto report = finish([&](patient_result&& p) { judged.push_back(std::move(p)); });
    report.patients = std::move(judged);
    return report;
}

validation_report validate(std::span<const attendance_record> records, const rule_set& rules, const time_zone& zone,
                           const validate_options& options) {
    validator v(rules, zone, options);
    v.reserve(records.size());
    for (const auto& r : records) v.add(r);
    return v.finish();
}

validator validator_for(const attendance_log& log, const rule_set& rules, const time_zone& zone,
                        const validate_options& options) {
    validate_options o = options;
    auto closed = log.closures;
    std::sort(closed.begin(), closed.end());  // sorted, each date is added at the end
    for (const auto& d : closed) o.closures.add_date(d);
    validator v(rules, zone, std::move(o));
    v.reserve(log.records.size());
    for (const auto& r : log.records) v.add(r);
    for (const auto& e : log.enrollments) v.add(e);
    for (const auto& c : log.certifications) v.add(c);
    return v;
}

validation_report validate(const attendance_log& log, const rule_set& rules, const time_zone& zone,
                           const validate_options& options) {
    return validator_for(log, rules, zone, options).finish();
}

result<validation_report> try_validate(const attendance_log& log, const rule_set& rules, const time_zone& zone,
                                       const validate_options& options) noexcept {
    return try_call([&] { return validate(log, rules, zone, options); });
}

}  // namespace iopcare
