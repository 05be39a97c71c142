// Validation of attendance against a rule set.
//
// How it runs: add() checks a record, resolves its service and patient to small indices and
// its times to UTC through a per-day offset cache (a day far from any offset change converts
// with one subtraction; only days next to a change ask the zone), and keeps a 32-byte entry.
// finish() groups entries by patient with a counting sort, sorts each patient's entries by
// start only when they are out of order, sweeps them once for overlaps and per-day time, and
// judges each week of the patient's span.
#include "iopcare/validate.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <unordered_map>

#include "iopcare/schedule.hpp"

namespace iopcare {

using namespace std::chrono;
using namespace std::chrono_literals;

std::string_view to_string(attendance_status s) noexcept {
    switch (s) {
        case attendance_status::attended: return "attended";
        case attendance_status::partial: return "partial";
        case attendance_status::absent: return "absent";
        case attendance_status::excused: return "excused";
        case attendance_status::cancelled: return "cancelled";
    }
    return "unknown";
}

std::optional<attendance_status> parse_attendance_status(std::string_view text) noexcept {
    for (auto s : {attendance_status::attended, attendance_status::partial, attendance_status::absent,
                   attendance_status::excused, attendance_status::cancelled})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

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

const patient_result* validation_report::find(std::string_view patient) const noexcept {
    for (const auto& p : patients)
        if (p.patient == patient) return &p;
    return nullptr;
}

namespace {

constexpr std::int64_t day_seconds = 86400;
// Dates outside 1900-2199 are taken for typing errors (and would make day tables huge).
constexpr std::int64_t earliest_day = -25567;  // 1900-01-01, days since 1970-01-01
constexpr std::int64_t latest_day = 84006;     // 2200-01-01
static_assert(sys_days{1900y / 1 / 1}.time_since_epoch().count() == earliest_day);
static_assert(sys_days{2200y / 1 / 1}.time_since_epoch().count() == latest_day);

bool plausible_day(std::int64_t day) noexcept { return day >= earliest_day && day < latest_day; }
bool plausible_seconds(std::int64_t s) noexcept { return s >= earliest_day * day_seconds && s < latest_day * day_seconds; }
bool plausible_date(const year_month_day& d) noexcept {
    return d.ok() && plausible_day(local_days{d}.time_since_epoch().count());
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    const auto q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// "8.99 h", "9 h", "10.5 h": hours rounded to hundredths, trailing zeros dropped.
std::string fmt_hours(std::int64_t secs) {
    const auto hundredths = (secs >= 0 ? secs + 18 : secs - 18) / 36;
    std::string out = std::to_string(hundredths / 100);
    auto frac = hundredths % 100;
    if (frac < 0) frac = -frac;
    if (frac != 0) {
        out += '.';
        out += static_cast<char>('0' + frac / 10);
        if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
    }
    return out + " h";
}

std::string fmt_day(std::int64_t day) {
    return format_date(year_month_day{local_days{days{day}}});
}

// UTC offsets by day, so that most conversions skip the zone's lookups. A day's entry holds
// the offset when no offset change falls within two days either side (then every reading of
// that day converts by subtraction, whatever the offset), or `near_change`.
class offset_cache {
public:
    static constexpr std::int32_t near_change = std::numeric_limits<std::int32_t>::min();
    static constexpr std::int32_t unknown = std::numeric_limits<std::int32_t>::max();

    explicit offset_cache(const time_zone& z) : zone_(&z) {}

    // The constant offset of the two days around `day` (days since the epoch), or near_change.
    std::int32_t get(std::int64_t day) {
        if (day < base_ || day >= base_ + static_cast<std::int64_t>(table_.size())) grow(day);
        auto& v = table_[static_cast<std::size_t>(day - base_)];
        if (v == unknown) v = compute(day);
        return v;
    }

private:
    void grow(std::int64_t day) {
        if (table_.empty()) {
            base_ = day - 64;
            table_.assign(128 + 64, unknown);
            return;
        }
        const auto lo = std::min(base_, day - 64);
        const auto hi = std::max(base_ + static_cast<std::int64_t>(table_.size()), day + 64);
        std::vector<std::int32_t> t(static_cast<std::size_t>(hi - lo), unknown);
        std::copy(table_.begin(), table_.end(), t.begin() + (base_ - lo));
        table_ = std::move(t);
        base_ = lo;
    }
    std::int32_t compute(std::int64_t day) const {
        const sys_seconds mid{seconds{day * day_seconds}};
        if (!zone_->transitions(mid - days{2}, mid + days{3}).empty()) return near_change;
        return static_cast<std::int32_t>(zone_->offset(mid).count());
    }

    const time_zone* zone_;
    std::int64_t base_ = 0;
    std::vector<std::int32_t> table_;
};

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
    std::string name;
    std::optional<enrollment_period> enrollment;
    std::vector<std::int64_t> certs;  // local days
};

}  // namespace

struct validator::state {
    rule_set rules;
    time_zone zone;
    validate_options options;
    const service_catalog* services = nullptr;
    offset_cache local_offsets;  // keyed by local day
    offset_cache utc_offsets;    // keyed by UTC day

    std::vector<bool> service_counted;                  // by catalog index
    std::vector<std::vector<std::uint16_t>> service_mix_of;  // catalog index -> requirement indices
    std::unordered_map<std::string, std::uint16_t> service_index;
    std::unordered_map<std::string, std::uint32_t> patient_index;
    std::vector<patient_data> patients;
    std::uint32_t last_patient = std::numeric_limits<std::uint32_t>::max();
    bool any_certification = false;

    std::vector<entry> entries;
    std::vector<rejected_record> rejected;
    // Per-patient work buffers, reused from one patient to the next.
    std::vector<entry> scratch;
    std::vector<std::int64_t> day_secs;
    std::vector<std::uint16_t> day_sessions;
    std::vector<std::uint32_t> mix;
    std::size_t record_count = 0;
    std::size_t enrollment_count = 0;
    std::size_t certification_count = 0;

    state(rule_set r, time_zone z, validate_options o)
        : rules(std::move(r)), zone(std::move(z)), options(o),
          services(o.services != nullptr ? o.services : &service_catalog::standard()),
          local_offsets(zone), utc_offsets(zone) {
        check_rule_set(rules, *services);
        if (options.through && !plausible_date(*options.through))
            throw error(errc::invalid_argument, "through",
                        options.through->ok() ? format_date(*options.through) : std::string(),
                        "the last day checked must be a valid date from 1900 to 2199");
        const auto all = services->services();
        service_counted.assign(all.size(), false);
        if (rules.counted_services.empty()) {
            for (std::size_t i = 0; i < all.size(); ++i) service_counted[i] = all[i].counts_toward_hours;
        } else {
            for (const auto& id : rules.counted_services) service_counted[position(*services->find(id))] = true;
        }
        service_mix_of.resize(all.size());
        for (std::size_t k = 0; k < rules.service_mix.size(); ++k)
            service_mix_of[position(*services->find(rules.service_mix[k].service))].push_back(
                static_cast<std::uint16_t>(k));
    }

    std::size_t position(const service& s) const noexcept {
        return static_cast<std::size_t>(&s - services->services().data());
    }

    std::uint32_t patient(const std::string& name) {
        if (last_patient < patients.size() && patients[last_patient].name == name) return last_patient;
        auto [it, inserted] = patient_index.try_emplace(name, static_cast<std::uint32_t>(patients.size()));
        if (inserted) patients.push_back(patient_data{name, {}, {}});
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

    void add(const attendance_record& r) {
        const std::size_t index = record_count++;
        IOPCARE_EXPECTS(index < std::numeric_limits<std::uint32_t>::max());
        if (r.patient.empty()) return reject(index, "patient", "", "a record needs a patient id");
        if (r.scheduled < 0s)
            return reject(index, "scheduled", std::to_string(r.scheduled.count() / 60),
                          "scheduled minutes cannot be negative (the session would end before it starts)");
        if (r.scheduled > 24h)
            return reject(index, "scheduled", std::to_string(r.scheduled.count() / 60),
                          "a session cannot be scheduled for more than 24 hours");
        if (r.status == attendance_status::partial) {
            if (r.attended < 0s)
                return reject(index, "attended", std::to_string(r.attended.count() / 60),
                              "attended minutes cannot be negative");
            if (r.attended > r.scheduled)
                return reject(index, "attended", std::to_string(r.attended.count() / 60),
                              "partial attendance longer than the " + std::to_string(r.scheduled.count() / 60) +
                                  " scheduled minutes");
        }
        std::uint16_t svc = 0;
        if (auto it = service_index.find(r.service); it != service_index.end()) {
            svc = it->second;
        } else {
            const service* s = services->find(r.service);
            if (s == nullptr)
                return reject(index, "service", r.service, "service not in the program's service catalog");
            svc = static_cast<std::uint16_t>(position(*s));
            service_index.emplace(r.service, svc);
        }

        std::int64_t local = 0;
        std::int64_t utc = 0;
        {
            const auto raw = std::visit([](auto t) { return t.time_since_epoch().count(); }, r.start);
            if (!plausible_seconds(raw)) {
                // Shown as written (a date), never as seconds since 1970.
                const std::string shown = std::holds_alternative<local_seconds>(r.start)
                                              ? format_local(std::get<local_seconds>(r.start))
                                              : format_utc(std::get<sys_seconds>(r.start));
                return reject(index, "start", shown, "a start outside the years 1900 to 2199");
            }
        }
        if (const auto* l = std::get_if<local_seconds>(&r.start)) {
            local = l->time_since_epoch().count();
            std::string why;
            bool moved = false;
            const auto u = start_to_utc(local, why, moved);
            if (!u) return reject(index, "start", format_local(*l), std::move(why));
            utc = *u;
            if (moved) local = utc_to_local(utc);  // the session starts (and ends) later on the clock
        } else {
            utc = std::get<sys_seconds>(r.start).time_since_epoch().count();
            local = utc_to_local(utc);
        }
        const auto attended = r.attended_time().count();
        std::int64_t end = utc;
        if (attended > 0) {
            // The real length of the session; partial attendance counts up to that.
            const auto real_end = end_to_utc(local + r.scheduled.count(), utc);
            end = r.status == attendance_status::partial ? utc + std::min<std::int64_t>(attended, real_end - utc)
                                                         : real_end;
        }

        entry e;
        e.begin = utc;
        e.end = end;
        e.patient = patient(r.patient);
        e.index = static_cast<std::uint32_t>(index);
        e.day = static_cast<std::int32_t>(floor_div(local, day_seconds));
        e.service = svc;
        e.counted = service_counted[svc];
        entries.push_back(e);
    }

    void add(const enrollment_period& en) {
        const std::size_t index = enrollment_count++;
        if (en.patient.empty()) return reject(index, "enrollment", "", "an enrollment needs a patient id");
        if (!plausible_date(en.admitted))
            return reject(index, "enrollment", en.admitted.ok() ? format_date(en.admitted) : "",
                          "the admission date is not a valid date from 1900 to 2199");
        if (en.discharged && !plausible_date(*en.discharged))
            return reject(index, "enrollment", en.discharged->ok() ? format_date(*en.discharged) : "",
                          "the discharge date is not a valid date from 1900 to 2199");
        if (en.discharged && local_days{*en.discharged} < local_days{en.admitted})
            return reject(index, "enrollment", format_date(*en.discharged), "discharge before admission");
        auto& p = patients[patient(en.patient)];
        if (p.enrollment)
            return reject(index, "enrollment", en.patient,
                          "a second enrollment for the patient (one stay per validation)");
        p.enrollment = en;
    }

    void add(const certification& c) {
        const std::size_t index = certification_count++;
        if (c.patient.empty()) return reject(index, "certification", "", "a certification needs a patient id");
        if (!plausible_date(c.date))
            return reject(index, "certification", c.date.ok() ? format_date(c.date) : "",
                          "the date is not a valid date from 1900 to 2199");
        patients[patient(c.patient)].certs.push_back(local_days{c.date}.time_since_epoch().count());
        any_certification = true;
    }

    validation_report finish();
    void judge(patient_data& pd, std::span<entry> es, validation_report& out);
};

namespace {

std::int64_t ceil_scaled(std::int64_t value, unsigned num, unsigned den) {
    return (value * num + den - 1) / den;
}

std::int64_t due_after(std::int64_t cert_day, months interval) {
    year_month_day d{local_days{days{cert_day}}};
    year_month_day due = d + interval;
    if (!due.ok()) due = due.year() / due.month() / last;
    return local_days{due}.time_since_epoch().count();
}

}  // namespace

validation_report validator::state::finish() {
    validation_report out;
    out.rule_set = rules.id;
    out.records = record_count;

    // Group entries by patient (counting sort keeps each patient's entries in input order).
    std::vector<std::size_t> start(patients.size() + 1, 0);
    for (const auto& e : entries) ++start[e.patient + 1];
    for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
    // An order of positions, not a copy of the entries: 4 bytes a record instead of 32.
    std::vector<std::uint32_t> order(entries.size());
    {
        auto pos = start;
        for (std::size_t i = 0; i < entries.size(); ++i) order[pos[entries[i].patient]++] = static_cast<std::uint32_t>(i);
    }

    out.patients.reserve(patients.size());
    for (std::size_t p = 0; p < patients.size(); ++p) {
        scratch.clear();
        for (std::size_t i = start[p]; i < start[p + 1]; ++i) scratch.push_back(entries[order[i]]);
        std::span<entry> es(scratch);
        auto by_start = [](const entry& a, const entry& b) { return a.begin != b.begin ? a.begin < b.begin : a.index < b.index; };
        if (!std::is_sorted(es.begin(), es.end(), by_start)) std::sort(es.begin(), es.end(), by_start);
        judge(patients[p], es, out);
    }
    // Records first, then enrollments, then certifications; each in index order.
    auto rank = [](const rejected_record& r) { return r.field == "enrollment" ? 1 : r.field == "certification" ? 2 : 0; };
    std::stable_sort(rejected.begin(), rejected.end(), [&](const rejected_record& a, const rejected_record& b) {
        return rank(a) != rank(b) ? rank(a) < rank(b) : a.index < b.index;
    });
    out.rejected = std::move(rejected);
    entries.clear();
    entries.shrink_to_fit();
    return out;
}

void validator::state::judge(patient_data& pd, std::span<entry> es, validation_report& out) {
    // The span, in local days [first, last].
    std::int64_t first = 0;
    std::int64_t last = 0;
    const bool enrolled = pd.enrollment.has_value();
    if (enrolled) {
        first = local_days{pd.enrollment->admitted}.time_since_epoch().count();
        if (pd.enrollment->discharged) {
            last = local_days{*pd.enrollment->discharged}.time_since_epoch().count();
        } else if (options.through) {
            last = local_days{*options.through}.time_since_epoch().count();
        } else {
            last = first;
            for (const auto& e : es) last = std::max<std::int64_t>(last, e.day);
        }
        // Records outside the stay are rejected here, now that every enrollment is known.
        std::size_t w = 0;
        for (const auto& e : es) {
            if (e.day < first || e.day > last) {
                const bool after_through = !pd.enrollment->discharged && e.day > last;
                rejected.push_back(rejected_record{
                    e.index, "start", fmt_day(e.day),
                    after_through ? "after the last day checked (" + fmt_day(last) + ")"
                                  : "outside the enrollment " + fmt_day(first) + " to " +
                                        (pd.enrollment->discharged ? fmt_day(last) : std::string("(open)"))});
                continue;
            }
            es[w++] = e;
        }
        es = es.first(w);
        if (last < first) return;  // `through` before the admission: nothing to check
    } else {
        if (es.empty()) return;
        first = last = es.front().day;
        for (const auto& e : es) {
            first = std::min<std::int64_t>(first, e.day);
            last = std::max<std::int64_t>(last, e.day);
        }
    }

    // Weeks: calendar weeks from the rule's start day, or 7-day windows from the first day.
    std::int64_t anchor = first;
    if (rules.weeks == week_kind::calendar) {
        const unsigned wd = weekday{local_days{days{first}}}.c_encoding();  // 0 = Sunday
        const unsigned start_wd = rules.week_start == week_start_day::sunday ? 0u : 1u;
        anchor = first - static_cast<std::int64_t>((wd + 7 - start_wd) % 7);
    }
    const std::int64_t origin = first;  // day 0 of the patient, for "within the first N days"
    if (!enrolled) {
        // A span read off the records covers whole weeks.
        first = anchor;
        last = anchor + ((last - anchor) / 7) * 7 + 6;
    }
    const auto n_weeks = static_cast<std::size_t>((last - anchor) / 7 + 1);
    const std::size_t n_days = n_weeks * 7;

    day_secs.assign(n_days, 0);
    day_sessions.assign(n_days, 0);
    const std::size_t n_mix = rules.service_mix.size();
    mix.assign(n_weeks * n_mix, 0);

    patient_result pr;
    pr.patient = pd.name;

    // One sweep in start order: overlaps, per-day counted time (an overlap counted once).
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
        const auto d = static_cast<std::size_t>(e.day - anchor);
        if (e.counted) {
            const auto from = std::max(e.begin, counted_until);
            if (e.end > from) day_secs[d] += e.end - from;
            counted_until = std::max(counted_until, e.end);
            ++day_sessions[d];
            ++out.records_counted;
        }
        for (auto k : service_mix_of[e.service]) ++mix[(d / 7) * n_mix + k];
    }

    std::sort(pd.certs.begin(), pd.certs.end());
    const bool check_certs = rules.recertification_interval.has_value() && any_certification;

    const std::int64_t min_w = rules.min_weekly ? duration_cast<seconds>(*rules.min_weekly).count() : 0;
    const std::int64_t min_day = duration_cast<seconds>(rules.min_daily).count();
    unsigned below_run = 0;
    unsigned fail_run = 0;
    unsigned above_weeks = 0;
    std::optional<std::int64_t> step_down_week;
    pr.weeks.reserve(n_weeks);

    for (std::size_t w = 0; w < n_weeks; ++w) {
        week_result wr;
        const std::int64_t ws = anchor + static_cast<std::int64_t>(w) * 7;
        wr.week_start = local_days{days{ws}};
        const auto lo = std::max(ws, first);
        const auto hi = std::min(ws + 6, last);
        wr.days_in_span = static_cast<unsigned>(hi - lo + 1);
        if (enrolled) {
            wr.admission_week = ws < first;
            wr.discharge_week = pd.enrollment->discharged.has_value() && ws + 6 > last;
        }
        std::int64_t total = 0;
        unsigned thin_days = 0;
        for (std::int64_t d = lo; d <= hi; ++d) {
            const auto i = static_cast<std::size_t>(d - anchor);
            total += day_secs[i];
            wr.counted_sessions += day_sessions[i];
            if (day_secs[i] > 0 && day_secs[i] >= min_day && day_sessions[i] >= rules.min_services_per_day)
                ++wr.qualifying_days;
            if (day_secs[i] > 0 && day_sessions[i] < rules.min_services_per_day) ++thin_days;
        }
        wr.counted = seconds{total};

        const bool edge = wr.days_in_span < 7;
        if (edge && rules.edge_weeks == edge_week_policy::exempt) {
            wr.status = week_status::exempt;
            ++out.weeks.exempt;
            pr.weeks.push_back(std::move(wr));
            continue;  // exempt weeks neither extend nor break a run
        }
        const bool prorate = edge && rules.edge_weeks == edge_week_policy::prorated;
        const unsigned dn = prorate ? wr.days_in_span : 7u;
        const std::string prorate_note =
            prorate ? " (prorated to " + std::to_string(dn) + " of 7 days in the stay)" : std::string();

        bool below = false;
        bool above = false;
        bool hours_below = false;
        auto add_violation = [&](std::string code, std::string message, std::string source, std::string subject = {}) {
            wr.violations.push_back(violation{std::move(code), std::move(message), std::move(source), std::move(subject), false});
        };
        if (rules.min_weekly) {
            const auto need = ceil_scaled(min_w, dn, 7);
            if (total < need) {
                hours_below = true;
                add_violation("hours.below_minimum",
                              fmt_hours(total) + " of counted services; at least " + fmt_hours(need) +
                                  " required" + prorate_note,
                              rules.source);
            }
        }
        if (rules.max_weekly) {
            const auto cap = duration_cast<seconds>(*rules.max_weekly).count();
            if (rules.max_inclusive ? total > cap : total >= cap) {
                above = true;
                add_violation("hours.above_maximum",
                              fmt_hours(total) + " of counted services; " +
                                  (rules.max_inclusive ? "at most " : "fewer than ") + fmt_hours(cap) + " allowed",
                              rules.source);
            }
        }
        if (rules.min_days_per_week > 0) {
            const auto need = std::min<std::int64_t>(ceil_scaled(rules.min_days_per_week, dn, 7), wr.days_in_span);
            if (wr.qualifying_days < need) {
                hours_below = true;
                add_violation("days.below_minimum",
                              std::to_string(wr.qualifying_days) + " day(s) with at least " + fmt_hours(min_day) +
                                  " of counted services; at least " + std::to_string(need) + " required" +
                                  prorate_note,
                              rules.source);
            }
        } else if (rules.min_services_per_day > 0 && thin_days > 0) {
            below = true;
            add_violation("days.too_few_services",
                          std::to_string(thin_days) + " attended day(s) with fewer than " +
                              std::to_string(rules.min_services_per_day) + " counted services",
                          rules.source);
        }
        for (std::size_t k = 0; k < n_mix; ++k) {
            const auto& req = rules.service_mix[k];
            if (req.within_first_days && lo >= origin + static_cast<std::int64_t>(*req.within_first_days)) continue;
            std::int64_t need = req.min_count;
            std::uint32_t have = mix[w * n_mix + k];
            if (req.per_weeks == 1) {
                need = ceil_scaled(req.min_count, dn, 7);
            } else {
                // Judged in the last week of each complete block of per_weeks weeks.
                if ((w + 1) % req.per_weeks != 0) continue;
                have = 0;
                for (std::size_t j = w + 1 - req.per_weeks; j <= w; ++j) have += mix[j * n_mix + k];
            }
            if (have < need) {
                below = true;
                add_violation("services.below_minimum",
                              std::to_string(have) + " " + req.service + " session(s); at least " +
                                  std::to_string(need) + " required" +
                                  (req.per_weeks > 1 ? " in " + std::to_string(req.per_weeks) + " weeks"
                                                     : std::string(" this week")) +
                                  (req.per_weeks == 1 ? prorate_note : std::string()),
                              req.source.empty() ? rules.source : req.source, req.service);
            }
        }
        if (check_certs) {
            // The first day of the week without a certification in force (from the first day
            // of the stay, or of the records when no enrollment is known).
            for (std::int64_t d = std::max(lo, origin); d <= hi; ++d) {
                const auto it = std::upper_bound(pd.certs.begin(), pd.certs.end(), d);
                if (it == pd.certs.begin()) {
                    below = true;
                    add_violation("certification.missing",
                                  "no certification of need on or before " + fmt_day(d), rules.source);
                    break;
                }
                const auto due = due_after(*(it - 1), *rules.recertification_interval);
                if (d > due) {
                    below = true;
                    add_violation("certification.overdue",
                                  "recertification was due by " + fmt_day(due) + " (last certified " +
                                      fmt_day(*(it - 1)) + ")",
                                  rules.source);
                    break;
                }
            }
        }

        if (hours_below && wr.admission_week) {
            below_run = 0;  // a short first week is no step-down: no allowance, no run
        } else if (hours_below) {
            ++below_run;
            if (below_run <= rules.step_down_allowance) {
                for (auto& v : wr.violations)
                    if (v.code == "hours.below_minimum" || v.code == "days.below_minimum") v.allowed = true;
                ++pr.weeks_allowed;
            } else if (!step_down_week) {
                step_down_week = ws;
            }
        } else {
            below_run = 0;
        }
        if (above) ++above_weeks;

        wr.status = above ? week_status::above_maximum
                          : (below || hours_below) ? week_status::below_minimum : week_status::meets;
        ++pr.weeks_checked;
        switch (wr.status) {
            case week_status::meets: ++pr.weeks_met; ++out.weeks.meets; fail_run = 0; break;
            case week_status::below_minimum: ++out.weeks.below_minimum; ++fail_run; break;
            case week_status::above_maximum: ++out.weeks.above_maximum; ++fail_run; break;
            case week_status::exempt: break;
        }
        pr.longest_failing_run = std::max(pr.longest_failing_run, fail_run);
        pr.weeks.push_back(std::move(wr));
    }

    if (step_down_week) {
        pr.consider_step_down = true;
        pr.review = "under the minimum hours for more than " + std::to_string(rules.step_down_allowance) +
                    " week(s) in a row from the week of " + fmt_day(*step_down_week - 7 * rules.step_down_allowance) +
                    ": consider a step-down to a less intensive level";
    }
    if (rules.higher_level_review_after > 0 && above_weeks >= rules.higher_level_review_after) {
        pr.consider_higher_level = true;
        if (!pr.review.empty()) pr.review += "; ";
        pr.review += "above the maximum hours in " + std::to_string(above_weeks) +
                     " weeks: consider a more intensive level (partial hospitalization)";
    }
    out.overlaps += pr.overlaps.size();
    out.patients.push_back(std::move(pr));
}

validator::validator(rule_set rules, time_zone zone, validate_options options)
    : s_(std::make_unique<state>(std::move(rules), std::move(zone), options)) {}
validator::~validator() = default;
validator::validator(validator&&) noexcept = default;
validator& validator::operator=(validator&&) noexcept = default;

void validator::reserve(std::size_t records) { s_->reserve(records); }
void validator::add(const attendance_record& record) { s_->add(record); }
void validator::add(const enrollment_period& enrollment) { s_->add(enrollment); }
void validator::add(const certification& cert) { s_->add(cert); }

validation_report validator::finish() {
    auto report = s_->finish();
    s_ = std::make_unique<state>(std::move(s_->rules), std::move(s_->zone), s_->options);
    return report;
}

validation_report validate(std::span<const attendance_record> records, const rule_set& rules, const time_zone& zone,
                           const validate_options& options) {
    validator v(rules, zone, options);
    v.reserve(records.size());
    for (const auto& r : records) v.add(r);
    return v.finish();
}

validation_report validate(const attendance_log& log, const rule_set& rules, const time_zone& zone,
                           const validate_options& options) {
    validator v(rules, zone, options);
    v.reserve(log.records.size());
    for (const auto& r : log.records) v.add(r);
    for (const auto& e : log.enrollments) v.add(e);
    for (const auto& c : log.certifications) v.add(c);
    return v.finish();
}

result<validation_report> try_validate(const attendance_log& log, const rule_set& rules, const time_zone& zone,
                                       const validate_options& options) noexcept {
    return try_call([&] { return validate(log, rules, zone, options); });
}

attendance_log planned_attendance(const schedule& s, const expansion& x) {
    attendance_log log;
    log.records.reserve(x.sessions.size());
    for (const auto& ses : x.sessions) {
        attendance_record r;
        r.patient = std::to_string(ses.patient.value);
        r.service = ses.service == no_index ? std::string() : s.name(ses.service);
        r.start = ses.local_start;
        r.scheduled = ses.length;
        r.status = attendance_status::attended;
        log.records.push_back(std::move(r));
    }
    for (const auto& e : s.enrolled()) {
        enrollment_period p;
        p.patient = std::to_string(e.patient.value);
        p.level = s.prog().level;
        p.admitted = e.admit;
        p.discharged = year_month_day{e.end() - days{1}};
        log.enrollments.push_back(std::move(p));
    }
    return log;
}

validation_report validate_plan(const schedule& s, const expansion& x, const rule_set& rules,
                                const validate_options& options) {
    const auto zone = s.prog().zone ? *s.prog().zone : time_zone::utc();
    return validate(planned_attendance(s, x), rules, zone, options);
}

}  // namespace iopcare
