// Boost.Serialization of a replication's result, for sending it between MPI ranks: Boost's
// binary archives carry doubles bit for bit, so a result summarised on rank 0 is the one the
// rank computed.
#pragma once

#include <boost/serialization/array.hpp>
#include <boost/serialization/vector.hpp>

#include <iopcare/sim/simulation.hpp>

namespace boost::serialization {

// The per-replication results travel in Boost's binary archives: doubles bit for bit.
template <class A>
void serialize(A& a, iopcare::sim::level_replication& l, unsigned) {
    a & l.occupancy & l.utilization & l.waitlist & l.admissions_per_year & l.mean_wait_days & l.wait_p50_days &
        l.wait_p90_days & l.wait_p95_days & l.mean_los_days & l.cost_per_year & l.discharges_per_year &
        l.discharge_los_days & l.admissions & l.episodes & l.completed_to_discharge & l.transferred & l.dropouts &
        l.discharges & l.daily_census;
}
template <class A>
void serialize(A& a, iopcare::sim::totals_replication& t, unsigned) {
    a & t.cost_per_year & t.episodes_per_year & t.completed_per_year & t.cost_per_episode & t.cost_per_completed_episode;
}
template <class A>
void serialize(A& a, iopcare::sim::replication_result& r, unsigned) {
    double stopped_at = r.stopped_at.count();
    a & r.index & r.levels & r.totals & r.events & r.stopped_unstable & r.unstable_level & stopped_at;
    r.stopped_at = iopcare::sim::sim_days(stopped_at);
}

}  // namespace boost::serialization
