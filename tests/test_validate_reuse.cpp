// A streamed validation reuses the buffers of results the sink is done with (validate.cpp,
// renew()). Whatever was reused, a patient's result must be the one it gets judged alone: no
// week, violation, day or flag of an earlier patient may show through. The log is long enough
// for several chunks on one thread, so later chunks are judged into spent results, and its
// patients alternate between long and short spans, many violations and none, weeks cut by an
// admission or a discharge, a step-down allowance, and a closed day.
#include "catch.hpp"

#include <string>
#include <vector>

#include "iopcare/validate.hpp"

using namespace std::chrono;
using namespace std::chrono_literals;
using namespace iopcare;

namespace {

const local_days first_monday{2026y / January / 5d};

attendance_record session(int patient, local_days day, hours at, minutes length) {
    attendance_record r;
    r.patient = "p-" + std::to_string(1000 + patient);
    r.service = "group_therapy";
    r.start = local_seconds{day} + at;
    r.scheduled = length;
    return r;
}

// Patient p's log, by p % 4: a year of one 3-hour group a week (every week short); a year of
// three (9 hours, every week met); three weeks of two groups, enrolled with a step-down in the
// second; ten weeks of four groups a week from Tuesday to Friday, two of them at the same hour
// in the first week (an overlap), enrolled from a Tuesday to a Friday. The program is closed on
// 2026-07-03.
attendance_log log_of(int p) {
    attendance_log log;
    log.closures.push_back(2026y / July / 3d);
    std::vector<attendance_record>& rs = log.records;
    const patient_id who = session(p, first_monday, 0h, 0min).patient;
    const auto week = [](int w) { return first_monday + days{7 * w}; };
    switch (p % 4) {
        case 0:
            for (int w = 0; w < 52; ++w) rs.push_back(session(p, week(w), 18h, 180min));
            break;
        case 1:
            for (int w = 0; w < 52; ++w)
                for (int d : {0, 2, 4}) rs.push_back(session(p, week(w) + days{d}, 18h, 180min));
            break;
        case 2:
            for (int w = 0; w < 3; ++w)
                for (int d : {1, 3}) rs.push_back(session(p, week(w) + days{d}, 9h, 180min));
            log.enrollments.push_back({who, "2.1", 2026y / January / 5d, 2026y / January / 25d, 2026y / January / 12d});
            break;
        default:
            for (int w = 0; w < 10; ++w)
                for (int d : {1, 2, 3, 4}) rs.push_back(session(p, week(w) + days{d}, 18h, 180min));
            rs.push_back(session(p, week(0) + days{1}, 18h, 120min));
            log.enrollments.push_back({who, "2.1", 2026y / January / 6d, 2026y / March / 13d, std::nullopt});
            break;
    }
    return log;
}

void check_same_violation(const violation& a, const violation& b) {
    CHECK(a.code == b.code);
    CHECK(a.message == b.message);
    CHECK(a.source == b.source);
    CHECK(a.subject == b.subject);
    CHECK(a.allowed == b.allowed);
}

void check_same_week(const week_result& a, const week_result& b) {
    CAPTURE(a.week_start.time_since_epoch().count());
    CHECK(a.week_start == b.week_start);
    CHECK(a.days_in_span == b.days_in_span);
    CHECK(a.closed_days == b.closed_days);
    CHECK(a.admission_week == b.admission_week);
    CHECK(a.discharge_week == b.discharge_week);
    CHECK(a.counted == b.counted);
    CHECK(a.qualifying_days == b.qualifying_days);
    CHECK(a.counted_sessions == b.counted_sessions);
    CHECK(a.status == b.status);
    CHECK(a.compliant == b.compliant);
    REQUIRE(a.violations.size() == b.violations.size());
    for (std::size_t i = 0; i < a.violations.size(); ++i) check_same_violation(a.violations[i], b.violations[i]);
    REQUIRE(a.days.size() == b.days.size());
    for (std::size_t i = 0; i < a.days.size(); ++i) {
        CHECK(a.days[i].date == b.days[i].date);
        CHECK(a.days[i].services == b.days[i].services);
        CHECK(a.days[i].counted == b.days[i].counted);
        CHECK(a.days[i].tier == b.days[i].tier);
    }
}

// `got` came from the whole log, `alone` from the patient's records only: record indices differ
// by the patient's first index in the log, `offset`.
void check_same_patient(const patient_result& got, const patient_result& alone, std::size_t offset) {
    CHECK(got.patient == alone.patient);
    CHECK(got.weeks_checked == alone.weeks_checked);
    CHECK(got.weeks_met == alone.weeks_met);
    CHECK(got.weeks_allowed == alone.weeks_allowed);
    CHECK(got.longest_failing_run == alone.longest_failing_run);
    CHECK(got.consider_step_down == alone.consider_step_down);
    CHECK(got.consider_higher_level == alone.consider_higher_level);
    CHECK(got.review == alone.review);
    REQUIRE(got.overlaps.size() == alone.overlaps.size());
    for (std::size_t i = 0; i < got.overlaps.size(); ++i) {
        CHECK(got.overlaps[i].first == alone.overlaps[i].first + offset);
        CHECK(got.overlaps[i].second == alone.overlaps[i].second + offset);
        CHECK(got.overlaps[i].time == alone.overlaps[i].time);
    }
    REQUIRE(got.weeks.size() == alone.weeks.size());
    for (std::size_t w = 0; w < got.weeks.size(); ++w) check_same_week(got.weeks[w], alone.weeks[w]);
}

}  // namespace

TEST_CASE("a streamed patient's result is the one it gets judged alone", "[validate][stream][reuse]") {
    constexpr int patients = 400;  // 25,500 records: four chunks of judging
    std::vector<attendance_log> by_patient;
    std::vector<std::size_t> offset;
    attendance_log log;
    log.closures.push_back(2026y / July / 3d);
    for (int p = 0; p < patients; ++p) {
        by_patient.push_back(log_of(p));
        const attendance_log& own = by_patient.back();
        offset.push_back(log.records.size());
        log.records.insert(log.records.end(), own.records.begin(), own.records.end());
        log.enrollments.insert(log.enrollments.end(), own.enrollments.begin(), own.enrollments.end());
    }
    REQUIRE(log.records.size() == 100 * (52 + 156 + 6 + 41));
    const auto zone = time_zone::locate("America/New_York");
    validate_options one_thread;
    one_thread.threads = 1;
    for (const char* id : {"asam-iop-adult", "medicare-iop"}) {  // medicare-iop: a list of days a week
        CAPTURE(id);
        const rule_set rules = builtin_rules(id);
        // The sink copies each result and leaves it whole, so that its buffers go back for reuse;
        // every third one it empties of its weeks instead, as a sink that keeps them would.
        std::vector<patient_result> got;
        auto v = validator_for(log, rules, zone, one_thread);
        const auto summary = v.finish([&](patient_result&& p) {
            got.push_back(p);
            if (got.size() % 3 == 0) std::vector<week_result> taken = std::move(p.weeks);
        });
        REQUIRE(got.size() == patients);
        CHECK(summary.patients.empty());  // handed over, not held
        for (int p = 0; p < patients; ++p) {
            CAPTURE(p);
            const auto alone = validate(by_patient[static_cast<std::size_t>(p)], rules, zone, one_thread);
            REQUIRE(alone.patients.size() == 1);
            check_same_patient(got[static_cast<std::size_t>(p)], alone.patients.front(), offset[static_cast<std::size_t>(p)]);
        }
        // By hand, under ASAM's 9 to under 20 hours: 3 hours a week fail all 52 weeks, 9 hours
        // meet all 52; the week of 2026-06-29 has its closed Friday; the enrolled patients'
        // first and last weeks are cut by the admission and the discharge.
        if (rules.id == "asam-iop-adult") {
            CHECK(got[0].weeks.size() == 52);
            CHECK(got[0].weeks_met == 0);
            CHECK(got[0].weeks.back().counted == 3h);
            CHECK(got[0].weeks.back().status == week_status::below_minimum);
            CHECK(got[1].weeks.size() == 52);
            CHECK(got[1].weeks_met == 52);
            CHECK(got[1].weeks.back().violations.empty());
            CHECK(got[1].weeks[25].closed_days == 1);
            REQUIRE(got[3].weeks.size() == 10);
            CHECK(got[3].weeks.front().admission_week);
            CHECK(got[3].weeks.front().days_in_span == 6);
            CHECK(got[3].weeks.back().discharge_week);
            CHECK(got[3].weeks.back().days_in_span == 5);
        }
    }
}
