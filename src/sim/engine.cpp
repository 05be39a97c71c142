// The discrete-event engine of one replication (engine.hpp).
//
// Per replication: a calendar queue of two-word events ordered by (time, sequence), a pool of
// patient records reused through a free list, and per-level ring-buffer waitlists. Statistics
// are integrated lazily per level (only the level that changes is touched), so an event costs
// O(1) on average, with no virtual call and no allocation once the buffers have grown.
#include "sim/engine.hpp"
#include "sim/event_queue.hpp"
#include "sim/random.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <string>

#include "detail/text.hpp"

namespace iopcare::sim::detail {

namespace {

// ---- random numbers: sim/random.hpp ----------------------------------------------------------

// What a stay will be: its length (or time to dropout, whichever is first), where it leads and,
// for a discharge, its outcome.
// Sixteen bytes, every one a member: a struct with padding is copied by overlapping moves,
// and the load that reads back part of a store just made stalls the copy (store forwarding
// fails); stays are copied at every arrival and admission.
struct stay_draw {
    double days = 0.0;
    std::int32_t to = discharge_index;  // a level index or discharge_index
    std::uint8_t type = 1;              // 1 ends normally, 2 by dropout
    std::uint8_t outcome = 0;           // a discharge_outcome, for a discharge
    std::uint16_t unused = 0;
};
static_assert(sizeof(stay_draw) == 16);

struct patient {
    std::uint64_t key = 0;
    std::uint32_t stays = 0;
    int level = -1;       // the level it waits for or stays in
    int held = -1;        // hold policy: the level whose slot it keeps while waiting
    int came_from = community_index;  // the level it left to join this waitlist
    double joined = 0.0;  // joined the current waitlist
    double admitted = 0.0;
    stay_draw next;  // the coming stay (number `stays`, at `level`), drawn ahead
    int to = discharge_index;  // where the current stay leads
    std::uint8_t outcome = 0;  // the current stay's outcome, when it leads to discharge
};

struct level_state {
    std::int64_t cap = 0;
    std::int64_t occ = 0;
    ring high, low;  // priority: transfers in `high`; fifo uses `low` only
    double last = 0.0, area_occ = 0.0, area_q = 0.0;
    std::vector<double> waits;     // positive waits only; zero waits are just counted
    std::int64_t zero_waits = 0;  // most admissions at a level with room do not wait
    double los_sum = 0.0;
    std::int64_t los_n = 0;
    std::int64_t admissions = 0, episodes = 0, completed = 0, transferred = 0, dropouts = 0;
    by_outcome<std::int64_t> discharges{};
    by_outcome<double> discharge_los{};
    std::uint64_t arrivals_made = 0;
    stay_draw first_stay;  // the first stay of the next external arrival, drawn ahead
    double mean_gap = 0.0;  // 1 / the Poisson arrival rate; 0 for other arrival processes
    double gap_u[4] = {0.5, 0.5, 0.5, 0.5};
    std::vector<double> census;
    [[nodiscard]] std::size_t queued() const noexcept { return high.size() + low.size(); }
};

// Where stays at a level lead: cumulative probabilities of the routes with p > 0, and of the
// outcomes of those that lead to discharge.
struct alignas(64) route_table {
    // First, in one cache line, what every stay's draw reads; the rest only some draws.
    // cum and outcome_cum for pick_fixed: all but the last entry, then +infinity (never
    // reached). Every level's search is then the same fixed loop: a count that varies from one
    // level to the next is a loop exit the processor mispredicts. Levels with more routes than
    // route_bounds holds search cum.
    std::array<double, 4> route_bounds{};
    // The run plan's quantile table of the level's length of stay, null for a distribution
    // that is not lognormal.
    const lognormal_quantile* los_q = nullptr;
    // `to` for the routes route_bounds picks (discharge_index past the last), held here
    // rather than behind the vector's pointer: the route is known a load sooner, and the
    // branches on it resolve sooner (about a tenth of continuum-ref's replication time).
    std::array<std::int32_t, 5> fixed_to{};
    bool fixed_routes = false;
    bool dropout = false;   // the level has a time to dropout
    bool outcomes = false;  // its discharges have outcomes (`outcome` is not empty)
    std::vector<double> cum;  // cumulative probabilities
    std::vector<int> to;      // level index or discharge_index
    std::vector<double> outcome_cum;
    std::vector<std::uint8_t> outcome;
    std::array<const duration_distribution*, discharge_outcome_count> outcome_los{};
    // Each outcome's quantile table, as los_q.
    std::array<const lognormal_quantile*, discharge_outcome_count> outcome_q{};
    std::array<double, discharge_outcome_count - 1> outcome_bounds{};
};

// The first k with x < cum[k], counted without branches (the draw is random, so a loop that
// stops early mispredicts); cum never decreases, so the count is that k. The last entry takes
// whatever rounding leaves above it.
inline std::size_t pick(const std::vector<double>& cum, double x) noexcept {
    std::size_t k = 0;
    for (std::size_t i = 0; i + 1 < cum.size(); ++i) k += x >= cum[i] ? 1U : 0U;
    return k;
}

// pick() over bounds padded with +infinity (route_table): the same k.
template <std::size_t N>
inline std::size_t pick_fixed(const std::array<double, N>& bounds, double x) noexcept {
    std::size_t k = 0;
    for (double b : bounds) k += x >= b ? 1U : 0U;
    return k;
}

// Fills `bounds` with all but the last of `cum` and +infinity after; false when they do not fit.
template <std::size_t N>
bool set_bounds(std::array<double, N>& bounds, const std::vector<double>& cum) noexcept {
    bounds.fill(std::numeric_limits<double>::infinity());
    if (cum.size() > N + 1) return false;
    for (std::size_t i = 0; i + 1 < cum.size(); ++i) bounds[i] = cum[i];
    return true;
}

class engine {
public:
    engine(const scenario& s, int rep, const run_options& o, std::uint64_t seed, const run_plan& plan,
           event_recorder* recorder, int point)
        : s_(s), o_(o), plan_(plan), recorder_(recorder), rep_(static_cast<std::uint64_t>(rep)), point_(point),
          key_(replication_key(seed, static_cast<std::uint64_t>(rep))), warm_(s.warmup.count()),
          end_(s.horizon.count()), log_from_(o.log_warmup ? -1.0 : s.warmup.count()) {
        const std::size_t n = s.levels.size();
        lv_.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            lv_[i].cap = s.levels[i].capacity.value_or(std::numeric_limits<std::int64_t>::max());
            lv_[i].waits.reserve(1024);
            const arrival_process& a = s.levels[i].arrivals;
            if (a.type == arrival_process::kind::poisson && a.rate_per_day > 0.0) lv_[i].mean_gap = 1.0 / a.rate_per_day;
        }
        build_routes();
        pool_.reserve(1024);
        result_.index = rep;
        if (recorder_) log_.reserve(log_chunk);
        // Calendar sizing: about one due event per bucket (the queue holds the ends of
        // stays, one per admission; external arrivals wait outside it), the wheel spanning three
        // of the longest mean stays.
        double per_day = 0.0, longest = 1.0;
        for (std::size_t i = 0; i < n; ++i) {
            per_day += plan.rates[i];
            longest = std::max(longest, plan.mean_stay[i]);
        }
        const double width = per_day > 0.0 ? std::clamp(1.0 / per_day, 1e-6, 1.0) : 1.0;
        heap_.configure(width, static_cast<std::size_t>(std::min(65536.0, std::ceil(3.0 * longest / width))));
    }

    replication_result run() {
        arrival_.assign(lv_.size(), no_event);
        for (std::size_t i = 0; i < lv_.size(); ++i) schedule_arrival(static_cast<int>(i), 0.0);
        double next_day = 0.0;
        while (!stopped_) {
            // The next event is the earlier of the queue's first and the earliest pending
            // external arrival (kept out of the queue: one per level, always pending; a
            // scenario has at least one level).
            event ev = arrival_[next_arrival_];
            if (event queued; heap_.pop_before(ev, queued)) {
                ev = queued;
            } else if (ev.time_bits == no_event.time_bits) {
                break;
            }
            const double t = ev.t();
            if (t > end_) break;
            if (o_.daily_census) census_until(next_day, t);
            if (++result_.events > plan_.event_budget) too_many_events();
            if (ev.type() == 0) {
                on_arrival(static_cast<int>(ev.who()), t);
            } else {
                on_end(ev.who(), t, ev.type());
            }
        }
        const double stop = stopped_ ? stop_time_ : end_;
        if (o_.daily_census) census_until(next_day, std::nextafter(stop, -1.0));
        finish(stop);
        flush_log();
        return std::move(result_);
    }

private:
    static constexpr std::size_t log_chunk = 4096;

    void build_routes() {
        const std::size_t n = s_.levels.size();
        routes_.resize(n);
        for (const auto& r : s_.transitions) {
            if (!(r.p > 0.0)) continue;  // never taken: kept out so rounding cannot pick it
            auto& t = routes_[static_cast<std::size_t>(s_.find_level(r.from))];
            t.to.push_back(r.to == discharge_id ? discharge_index : s_.find_level(r.to));
            t.cum.push_back((t.cum.empty() ? 0.0 : t.cum.back()) + r.p);
        }
        for (std::size_t i = 0; i < n; ++i) {
            const level_spec& l = s_.levels[i];
            route_table& t = routes_[i];
            t.los_q = plan_.table_for(l.los);
            for (discharge_outcome o : all_discharge_outcomes) {
                const outcome_spec& spec = l.outcome(o);
                const auto k = static_cast<std::size_t>(o);
                t.outcome_los[k] = spec.los ? &*spec.los : &l.los;
                t.outcome_q[k] = plan_.table_for(*t.outcome_los[k]);
                if (!(spec.p > 0.0)) continue;
                t.outcome.push_back(static_cast<std::uint8_t>(o));
                t.outcome_cum.push_back((t.outcome_cum.empty() ? 0.0 : t.outcome_cum.back()) + spec.p);
            }
            t.fixed_routes = set_bounds(t.route_bounds, t.cum);
            t.fixed_to.fill(discharge_index);
            if (t.fixed_routes) std::copy(t.to.begin(), t.to.end(), t.fixed_to.begin());
            t.dropout = l.dropout.has_value();
            t.outcomes = !t.outcome.empty();
            set_bounds(t.outcome_bounds, t.outcome_cum);  // at most one entry per outcome: always fits
        }
    }

    void census_until(double& next_day, double t) {
        while (next_day <= t && next_day < end_) {
            for (auto& l : lv_) l.census.push_back(static_cast<double>(l.occ));
            next_day += 1.0;
        }
    }

    void integrate(level_state& l, double t) noexcept {
        const double from = std::max(l.last, warm_);
        if (t > from) {
            l.area_occ += static_cast<double>(l.occ) * (t - from);
            l.area_q += static_cast<double>(l.queued()) * (t - from);
        }
        l.last = t;
    }

    void push(double t, std::uint32_t who, std::uint64_t type) {
        heap_.push({std::bit_cast<std::uint64_t>(t), (seq_++ << 26) | (type << 24) | who});
    }

    void emit(std::uint64_t key, double t, event_kind k, int from, int to, std::uint8_t outcome = 0) {
        if (recorder_ && t >= log_from_) [[unlikely]] log_event(key, t, k, from, to, outcome);
    }
    // Out of line: a run without a log keeps only the test above at each of the five places
    // that log, and the hot code stays small.
    [[gnu::noinline]] void log_event(std::uint64_t key, double t, event_kind k, int from, int to, std::uint8_t outcome) {
        const auto level = static_cast<int>(key >> 40) - 1;
        const std::uint64_t arrival = key & ((std::uint64_t{1} << 40) - 1);
        log_.push_back(flow_event{static_cast<int>(rep_), patient_number(level, arrival), sim_days(t), k, from, to, point_,
                                  static_cast<discharge_outcome>(outcome)});
        if (log_.size() == log_chunk) flush_log();
    }
    void flush_log() {
        if (recorder_ && !log_.empty()) recorder_->record(log_);
        log_.clear();
    }

    static std::uint64_t arrival_entity(int level) noexcept {
        return (std::uint64_t{1} << 63) | static_cast<std::uint64_t>(level);
    }

    // Draws the level's next external arrival into arrival_ (or no_event when there is none
    // before the horizon) and updates next_arrival_.
    void schedule_arrival(int level, double now) {
        arrival_[static_cast<std::size_t>(level)] = no_event;
        next_arrival(level, now);
        std::size_t m = 0;
        for (std::size_t i = 1; i < arrival_.size(); ++i) {
            // A select, not a branch: which level's arrival comes first is random.
            const std::size_t earlier = 0 - static_cast<std::size_t>(before(arrival_[i], arrival_[m]));
            m ^= (m ^ i) & earlier;
        }
        next_arrival_ = m;
    }

    // The time of the level's next external arrival after `now`, or a negative number when
    // there is none.
    double next_arrival_time(int level, double now) {
        level_state& l = lv_[static_cast<std::size_t>(level)];
        const std::uint64_t k = l.arrivals_made;
        // Poisson, the usual process, is told by the level's own state: the scenario's level
        // is memory that an arrival would otherwise touch for one test.
        if (l.mean_gap > 0.0) {
            // Gap k is uniform k % 4 of block k / 4: one generator call per four arrivals.
            if (k % 4 == 0) {
                stream u(key_, arrival_entity(level), p_arrival, k / 4);
                for (double& g : l.gap_u) g = u.next();
            }
            return now - std::log(l.gap_u[k % 4]) * l.mean_gap;
        }
        const arrival_process& a = s_.levels[static_cast<std::size_t>(level)].arrivals;
        switch (a.type) {
            case arrival_process::kind::none: return -1.0;
            case arrival_process::kind::poisson: return -1.0;  // a rate of 0
            case arrival_process::kind::weekly: return next_weekly_arrival(a.weekly_rates_per_day, level, k, now);
            case arrival_process::kind::times:
                return k < a.arrival_times.size() ? a.arrival_times[k].count() : -1.0;
        }
        return -1.0;
    }

    // A non-homogeneous Poisson process by thinning.
    double next_weekly_arrival(const std::vector<double>& r, int level, std::uint64_t k, double now) const {
        const double peak = *std::max_element(r.begin(), r.end());
        if (!(peak > 0.0)) return -1.0;
        const double slice = 7.0 / static_cast<double>(r.size());
        stream u(key_, arrival_entity(level), p_arrival_weekly, k);
        double t = now;
        for (;;) {
            t -= std::log(u.next()) / peak;
            if (t > end_) return t;
            auto idx = static_cast<std::size_t>(std::fmod(t, 7.0) / slice);
            if (idx >= r.size()) idx = r.size() - 1;
            if (u.next() * peak < r[idx]) return t;
        }
    }

    void next_arrival(int level, double now) {
        const double t = next_arrival_time(level, now);
        if (t < 0.0 || t > end_) return;
        level_state& l = lv_[static_cast<std::size_t>(level)];
        arrival_[static_cast<std::size_t>(level)] = {std::bit_cast<std::uint64_t>(t),
                                                     (seq_++ << 26) | static_cast<std::uint64_t>(level)};
        l.first_stay = draw_stay(patient_key(level, l.arrivals_made), 0, level);
    }

    std::uint32_t new_patient(std::uint64_t key) {
        std::uint32_t slot;
        if (!free_.empty()) {
            slot = free_.back();
            free_.pop_back();
        } else {
            if (pool_.size() >= plan_.patient_limit) too_many_patients();
            if (pool_.size() >= max_who) {
                throw error(errc::invalid_scenario, "levels", std::to_string(pool_.size()),
                            "more than 16.7 million patients in the system at once");
            }
            slot = static_cast<std::uint32_t>(pool_.size());
            pool_.emplace_back();
        }
        pool_[slot] = patient{};
        pool_[slot].key = key;
        return slot;
    }

    // The key of a patient's random streams: its level of entry and arrival number there.
    static std::uint64_t patient_key(int level, std::uint64_t arrival) noexcept {
        return (static_cast<std::uint64_t>(level + 1) << 40) | arrival;
    }

    // Stay number `stay` of patient `key` at `level`: one block of its stream gives the route's
    // uniform (and, for a discharge, the outcome's, as the uniform's place within the
    // discharge route's share), then the length of stay; a dropout time, when the level has
    // one, comes from the stay's dropout stream.
    stay_draw draw_stay(std::uint64_t key, std::uint32_t stay, int level) const {
        const route_table& r = routes_[static_cast<std::size_t>(level)];
        // The first block's two uniforms: the route's and, for a lognormal, the length's. Other
        // distributions read on from a stream placed after the route's uniform.
        const first_block u = first_pair(key_, key, p_stay, stay);
        const double x = u.first();
        stay_draw d;
        std::size_t k;
        if (r.fixed_routes) {
            k = pick_fixed(r.route_bounds, x);
            d.to = r.fixed_to[k];
        } else {
            k = pick(r.cum, x);
            d.to = r.to[k];
        }
        const duration_distribution* los = nullptr;  // the level's
        const lognormal_quantile* table = r.los_q;
        // Outcomes first: for a level without them the test is always false and predicted,
        // where the route's is random.
        if (r.outcomes && d.to == discharge_index) {
            const double low = k == 0 ? 0.0 : r.cum[k - 1];
            const double y = (x - low) / (r.cum[k] - low);
            d.outcome = r.outcome[pick_fixed(r.outcome_bounds, y)];
            los = r.outcome_los[d.outcome];
            table = r.outcome_q[d.outcome];
        }
        // The lognormal, the usual length of stay, from its table (sample_days is a call
        // through a switch, then the normal quantile and exp).
        if (table) {
            d.days = (*table)(u.second());
        } else {
            d.days = other_days(los ? *los : s_.levels[static_cast<std::size_t>(level)].los, key, stay, u);
        }
        if (r.dropout) {
            stream dd(key_, key, p_dropout, stay);
            const double drop = s_.levels[static_cast<std::size_t>(level)].dropout->sample_days(dd);
            if (drop < d.days) {
                d.days = drop;
                d.type = 2;
                d.outcome = static_cast<std::uint8_t>(discharge_outcome::dropped_out);
            }
        }
        return d;
    }

    // A length of stay that is not a tabled lognormal: the stay's stream after the route's
    // uniform. Out of line, so that sample_days' switch stays out of the usual draw's code.
    [[gnu::noinline]] double other_days(const duration_distribution& los, std::uint64_t key, std::uint32_t stay,
                                        first_block b) const {
        stream u(key_, key, p_stay, stay, b);
        return los.sample_days(u);
    }

    void on_arrival(int level, double t) {
        level_state& l = lv_[static_cast<std::size_t>(level)];
        const std::uint64_t key = patient_key(level, l.arrivals_made);
        ++l.arrivals_made;
        const std::uint32_t p = new_patient(key);
        pool_[p].next = l.first_stay;
        emit(key, t, event_kind::arrival, community_index, level);
        join(p, level, t, false);
        schedule_arrival(level, t);
    }

    void join(std::uint32_t p, int level, double t, bool transfer) {
        level_state& l = lv_[static_cast<std::size_t>(level)];
        pool_[p].level = level;
        pool_[p].joined = t;
        if (l.occ < l.cap && l.queued() == 0) {
            admit(p, level, t);
            return;
        }
        integrate(l, t);
        if (transfer && s_.queue == queue_discipline::priority) {
            l.high.push(p);
        } else {
            l.low.push(p);
        }
        if (static_cast<std::int64_t>(l.queued()) > o_.max_waitlist && !stopped_) {
            stopped_ = true;
            stop_time_ = t;
            result_.stopped_unstable = true;
            result_.unstable_level = level;
            result_.stopped_at = sim_days(t);
        }
    }

    void admit(std::uint32_t p, int level, double t) {
        const auto li = static_cast<std::size_t>(level);
        level_state& l = lv_[li];
        integrate(l, t);
        ++l.occ;
        patient& pt = pool_[p];
        if (t >= warm_) {
            ++l.admissions;
            l.episodes += pt.stays == 0 ? 1 : 0;  // arithmetic: a first stay or not is random
            const double w = t - pt.joined;
            if (w > 0.0) {
                l.waits.push_back(w);
            } else {
                ++l.zero_waits;
            }
        }
        pt.admitted = t;
        // The stay was drawn ahead; the one after it is drawn now, for the level this one
        // leads to. Nothing waits on that draw, so the processor overlaps it with the events
        // that follow instead of stalling the queue on the generator, the quantile and exp.
        const stay_draw d = pt.next;
        pt.to = d.to;
        pt.outcome = d.outcome;
        emit(pt.key, t, event_kind::admission, pt.came_from, level);
        // The end's event says whether it leads to discharge (type 3; event_queue.hpp).
        push(t + d.days, p, d.type == 1 && d.to == discharge_index ? 3 : d.type);
        if (d.type == 1 && d.to >= 0) pt.next = draw_stay(pt.key, pt.stays + 1, d.to);
        const int held = pt.held;
        if (held >= 0) {
            pool_[p].held = -1;
            release(held, t);
        }
    }

    void release(int level, double t) {
        level_state& l = lv_[static_cast<std::size_t>(level)];
        integrate(l, t);
        --l.occ;
        while (l.occ < l.cap && l.queued() > 0) {
            const std::uint32_t q = l.high.empty() ? l.low.pop() : l.high.pop();
            admit(q, level, t);
        }
    }

    // A stay ends in discharge: counted by outcome, with its length.
    void discharge(std::uint32_t p, level_state& l, double t, std::uint8_t outcome) {
        if (t >= warm_) {
            ++l.discharges[outcome];
            l.discharge_los[outcome] += t - pool_[p].admitted;
        }
        free_.push_back(p);
    }

    // The end of patient p's stay; `type` is its event's: 1 to another level, 2 a dropout, 3 to
    // discharge.
    void on_end(std::uint32_t p, double t, unsigned type) {
        patient& pt = pool_[p];
        const int level = pt.level;
        const auto li = static_cast<std::size_t>(level);
        level_state& l = lv_[li];
        if (t >= warm_) {
            l.los_sum += t - pt.admitted;
            ++l.los_n;
        }
        if (type == 2) {
            if (t >= warm_) ++l.dropouts;
            emit(pt.key, t, event_kind::dropout, level, discharge_index, pt.outcome);
            discharge(p, l, t, pt.outcome);
            release(level, t);
            return;
        }
        const int to = pt.to;
        ++pt.stays;
        emit(pt.key, t, event_kind::departure, level, to, pt.outcome);
        if (type == 3) {
            if (t >= warm_) ++l.completed;
            discharge(p, l, t, pt.outcome);
            release(level, t);
            return;
        }
        if (t >= warm_) ++l.transferred;
        pt.came_from = level;
        emit(pt.key, t, event_kind::arrival, level, to);
        if (s_.blocking == blocking_policy::wait_in_community) {
            release(level, t);
            join(p, to, t, true);
        } else {
            // Hold: the slot is kept until `to` admits; admit() then releases it (at once when
            // `to` has room).
            pool_[p].held = level;
            join(p, to, t, true);
        }
    }

    void finish(double stop) {
        const double span = std::max(stop - warm_, 1e-12);
        result_.levels.resize(lv_.size());
        for (std::size_t i = 0; i < lv_.size(); ++i) {
            level_state& l = lv_[i];
            integrate(l, stop);
            level_replication& r = result_.levels[i];
            r.occupancy = l.area_occ / span;
            const auto& cap = s_.levels[i].capacity;
            r.utilization = cap && *cap > 0 ? r.occupancy / static_cast<double>(*cap) : 0.0;
            r.waitlist = l.area_q / span;
            r.admissions = l.admissions;
            r.episodes = l.episodes;
            r.admissions_per_year = static_cast<double>(l.admissions) / span * 365.0;
            set_waits(l, r);
            r.mean_los_days = l.los_n > 0 ? l.los_sum / static_cast<double>(l.los_n) : std::numeric_limits<double>::quiet_NaN();
            r.completed_to_discharge = l.completed;
            r.transferred = l.transferred;
            r.dropouts = l.dropouts;
            r.discharges = l.discharges;
            for (std::size_t k = 0; k < discharge_outcome_count; ++k) {
                r.discharges_per_year[k] = static_cast<double>(l.discharges[k]) / span * 365.0;
                r.discharge_los_days[k] = l.discharges[k] > 0 ? l.discharge_los[k] / static_cast<double>(l.discharges[k])
                                                              : std::numeric_limits<double>::quiet_NaN();
            }
            const level_spec& spec = s_.levels[i];
            r.cost_per_year = r.occupancy * spec.cost_per_day * 365.0 + r.admissions_per_year * spec.cost_per_admission +
                              r.waitlist * spec.cost_per_waiting_day * 365.0;
            r.daily_census = std::move(l.census);
        }
        set_totals(span);
    }

    static void set_waits(level_state& l, level_replication& r) {
        const std::size_t n = l.waits.size() + static_cast<std::size_t>(l.zero_waits);
        if (n == 0) {  // nobody admitted after the warm-up: no wait to speak of
            r.mean_wait_days = r.wait_p50_days = r.wait_p90_days = r.wait_p95_days = std::numeric_limits<double>::quiet_NaN();
            return;
        }
        double s = 0.0;
        for (double w : l.waits) s += w;
        r.mean_wait_days = s / static_cast<double>(n);
        // The waits in order are zero_waits zeros, then the positive waits; the q-th
        // percentile is element floor(q (n - 1)). Quantiles are taken in increasing order, so
        // each selection only searches above the previous one.
        std::size_t searched_from = 0;
        auto pct = [&](double q) {
            const auto k = static_cast<std::size_t>(q * static_cast<double>(n - 1));
            const auto zeros = static_cast<std::size_t>(l.zero_waits);
            if (k < zeros) return 0.0;
            const std::size_t j = k - zeros;
            if (j >= searched_from) {  // else j is the element selected last time
                const auto first = l.waits.begin() + static_cast<std::ptrdiff_t>(searched_from);
                std::nth_element(first, l.waits.begin() + static_cast<std::ptrdiff_t>(j), l.waits.end());
                searched_from = j + 1;
            }
            return l.waits[j];
        };
        r.wait_p50_days = pct(0.5);
        r.wait_p90_days = pct(0.9);
        r.wait_p95_days = pct(0.95);
    }

    void set_totals(double span) {
        totals_replication& t = result_.totals;
        std::int64_t episodes = 0, completed = 0;
        for (std::size_t i = 0; i < lv_.size(); ++i) {
            t.cost_per_year += result_.levels[i].cost_per_year;
            episodes += lv_[i].episodes;
            completed += lv_[i].discharges[static_cast<std::size_t>(discharge_outcome::completed)];
        }
        t.episodes_per_year = static_cast<double>(episodes) / span * 365.0;
        t.completed_per_year = static_cast<double>(completed) / span * 365.0;
        constexpr double undefined = std::numeric_limits<double>::quiet_NaN();
        t.cost_per_episode = episodes > 0 ? t.cost_per_year / t.episodes_per_year : undefined;
        t.cost_per_completed_episode = completed > 0 ? t.cost_per_year / t.completed_per_year : undefined;
    }

    // The last guards of the work bounds: the up-front estimate said this could not happen.
    [[noreturn]] void too_many_events() const {
        throw error(errc::limit_exceeded, "replication " + std::to_string(rep_), std::to_string(plan_.event_budget),
                    "stopped after more events than ten times what the scenario's rates lead to expect "
                    "(run_options::max_events guards the expected work; this replication went past it)");
    }
    [[noreturn]] void too_many_patients() const {
        throw error(errc::limit_exceeded, "replication " + std::to_string(rep_), std::to_string(plan_.patient_limit),
                    "stopped with more patients in the system at once than twice run_options::max_patients");
    }

    const scenario& s_;
    const run_options& o_;
    const run_plan& plan_;
    event_recorder* recorder_;
    std::uint64_t rep_;
    int point_;
    std::uint64_t key_;
    double warm_, end_, log_from_;
    std::vector<level_state> lv_;
    std::vector<route_table> routes_;
    event_queue heap_;
    // Each level's next external arrival (no_event when none is left) and the earliest's index.
    std::vector<event> arrival_;
    std::size_t next_arrival_ = 0;
    std::vector<patient> pool_;
    std::vector<std::uint32_t> free_;
    std::vector<flow_event> log_;
    std::uint64_t seq_ = 0;
    bool stopped_ = false;
    double stop_time_ = 0.0;
    replication_result result_;
};

std::string approx(double v) { return iopcare::detail::printf_string("%.3g", v); }

std::string level_place(const scenario& s, std::size_t i) {
    return "/levels/" + std::to_string(i) + " (" + s.levels[i].id + ")";
}

}  // namespace

const lognormal_quantile* run_plan::table_for(const duration_distribution& d) const noexcept {
    if (d.kind() != distribution_kind::lognormal) return nullptr;
    for (const auto& q : lognormals) {
        if (q->mu() == d.first() && q->sigma() == d.second()) return q.get();
    }
    return nullptr;
}

namespace {

// The table of lognormal(mu, sigma): one another plan still holds, or a new one. Plans are
// made on any thread, hence the lock; the tables themselves are read-only.
std::shared_ptr<const lognormal_quantile> shared_table(double mu, double sigma) {
    static std::mutex lock;
    static std::vector<std::weak_ptr<const lognormal_quantile>> alive;
    const std::lock_guard<std::mutex> held(lock);
    std::erase_if(alive, [](const auto& w) { return w.expired(); });
    for (const auto& w : alive) {
        if (auto q = w.lock(); q && q->mu() == mu && q->sigma() == sigma) return q;
    }
    auto q = std::make_shared<const lognormal_quantile>(mu, sigma);
    alive.push_back(q);
    return q;
}

void add_lognormal(run_plan& plan, const duration_distribution& d) {
    if (d.kind() == distribution_kind::lognormal && !plan.table_for(d)) {
        plan.lognormals.push_back(shared_table(d.first(), d.second()));
    }
}

}  // namespace

run_plan plan_run(const scenario& s, int reps, const run_options& o) {
    const std::vector<level_work> work = expected_work(s);
    const double waitlist = static_cast<double>(std::max<std::int64_t>(o.max_waitlist, 0));
    double events = 0.0, census = 0.0;
    std::size_t most_events = 0, most_census = 0;
    std::vector<double> held(work.size());
    run_plan plan;
    for (std::size_t i = 0; i < work.size(); ++i) {
        const auto& cap = s.levels[i].capacity;
        // In a slot or waiting; past max_waitlist waiting the replication stops as unstable.
        held[i] = cap ? std::min(work[i].census, static_cast<double>(*cap) + waitlist) : work[i].census;
        events += work[i].events();
        census += held[i];
        if (work[i].events() > work[most_events].events()) most_events = i;
        if (held[i] > held[most_census]) most_census = i;
    }
    const double total = events * reps;
    if (!(total <= static_cast<double>(o.max_events))) {
        throw error(errc::limit_exceeded, level_place(s, most_events), approx(work[most_events].events()) + " events",
                    "about " + approx(total) + " events expected in " + std::to_string(reps) +
                        " replication(s) of " + approx(s.horizon.count()) + " days, more than the limit of " +
                        std::to_string(o.max_events) +
                        " (run_options::max_events, iopcare simulate --max-events); this level's arrivals and "
                        "stays weigh most: lower its rates, the routing back to it, the horizon or the replications");
    }
    if (!(census <= static_cast<double>(o.max_patients))) {
        throw error(errc::limit_exceeded, level_place(s, most_census), approx(held[most_census]) + " patients",
                    "about " + approx(census) + " patients expected in the system at once, more than the limit of " +
                        std::to_string(o.max_patients) +
                        " (run_options::max_patients, iopcare simulate --max-patients); this level holds most "
                        "(offered admissions a day x mean stay, at most its capacity plus the waitlist limit)");
    }
    for (const level_spec& l : s.levels) {
        add_lognormal(plan, l.los);
        for (discharge_outcome oc : all_discharge_outcomes) {
            if (const outcome_spec& spec = l.outcome(oc); spec.los) add_lognormal(plan, *spec.los);
        }
    }
    plan.rates = offered_rates_per_day(s);
    plan.mean_stay = mean_stay_days(s);
    plan.expected_events = events;
    plan.event_budget = static_cast<std::uint64_t>(std::min(9e18, std::max(1e6, 10.0 * events)));
    plan.patient_limit = static_cast<std::size_t>(std::min<double>(2.0 * static_cast<double>(o.max_patients), 9e18));
    return plan;
}

replication_result run_engine(const scenario& s, int index, const run_options& o, std::uint64_t seed,
                              const run_plan& plan, event_recorder* recorder, int point) {
    engine e(s, index, o, seed, plan, recorder, point);
    return e.run();
}

}  // namespace iopcare::sim::detail
