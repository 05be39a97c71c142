// A small clinic's month: four weeks of attendance for five IOP patients in New York (clocks
// spring forward on Sunday 2026-03-08), checked against ASAM level 2.1 for adults and against
// the H0015 billing rule, with a readable report.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "iopcare/validate.hpp"

using namespace std::chrono;
using namespace std::chrono_literals;
namespace ic = iopcare;

namespace {

const local_days month_start{2026y / March / 2d};  // a Monday

ic::attendance_record session(const std::string& patient, int day, minutes start, minutes length,
                              const char* service = "group_therapy",
                              ic::attendance_status status = ic::attendance_status::attended) {
    ic::attendance_record r;
    r.patient = patient;
    r.service = service;
    r.start = local_seconds{month_start + days{day}} + start;
    r.scheduled = length;
    r.status = status;
    return r;
}

// The evening track: group Mon, Tue, Thu 18:00-21:00 and individual therapy Wed 17:00.
void evening_week(ic::attendance_log& log, const std::string& patient, int week, bool skip_tuesday = false) {
    const int d = 7 * week;
    log.records.push_back(session(patient, d + 0, 18h, 180min));
    log.records.push_back(session(patient, d + 1, 18h, 180min, "group_therapy",
                                  skip_tuesday ? ic::attendance_status::absent : ic::attendance_status::attended));
    log.records.push_back(session(patient, d + 2, 17h, 50min, "individual_therapy"));
    log.records.push_back(session(patient, d + 3, 18h, 180min));
}

ic::attendance_log clinic_month() {
    ic::attendance_log log;
    const auto stay = [&](const std::string& p, year_month_day from, year_month_day to) {
        log.enrollments.push_back(ic::enrollment_period{p, "2.1", from, to});
    };
    // Rivera: every session, all month.
    stay("rivera", 2026y / March / 2d, 2026y / March / 29d);
    for (int w = 0; w < 4; ++w) evening_week(log, "rivera", w);
    // Chen: misses Tuesdays in the last two weeks (6.83 h): a step-down question.
    stay("chen", 2026y / March / 2d, 2026y / March / 29d);
    for (int w = 0; w < 4; ++w) evening_week(log, "chen", w, w >= 2);
    // Okafor: the day track, five mornings of 4.5 h (22.5 h): more than IOP.
    stay("okafor", 2026y / March / 2d, 2026y / March / 29d);
    for (int w = 0; w < 4; ++w)
        for (int d = 0; d < 5; ++d) log.records.push_back(session("okafor", 7 * w + d, 9h, 270min));
    // Haddad: admitted Wednesday 03-11, one session left after 100 of 180 minutes.
    stay("haddad", 2026y / March / 11d, 2026y / March / 29d);
    log.records.push_back(session("haddad", 9, 17h, 50min, "individual_therapy"));
    log.records.push_back(session("haddad", 10, 18h, 180min));
    for (int w = 2; w < 4; ++w) evening_week(log, "haddad", w);
    auto& left_early = log.records.emplace_back(session("haddad", 21, 18h, 180min));
    left_early.status = ic::attendance_status::partial;
    left_early.attended = 100min;
    // Novak: a weekend track (Sat 9:00-13:00, Sun 01:00-04:00 during the DST night: 2 real
    // hours) and two records a clerk got wrong.
    stay("novak", 2026y / March / 2d, 2026y / March / 29d);
    for (int w = 0; w < 4; ++w) {
        log.records.push_back(session("novak", 7 * w + 5, 9h, 240min));
        log.records.push_back(session("novak", 7 * w + 5, 14h, 240min));
        log.records.push_back(session("novak", 7 * w + 6, 1h, 180min));
    }
    log.records.push_back(session("novak", 6, 2h + 30min, 60min, "relapse_prevention"));  // 02:30 never happened
    log.records.push_back(session("novak", 13, 10h, 60min, "art class"));                  // not a service id
    return log;
}

void print(const ic::validation_report& r, const ic::rule_set& rules) {
    std::printf("Rule set %s: %s\n", rules.id.c_str(), rules.name.c_str());
    for (const auto& p : r.patients) {
        std::printf("\n%-7s %u of %u weeks met\n", p.patient.str().c_str(), p.weeks_met, p.weeks_checked);
        for (const auto& w : p.weeks) {
            std::printf("  week of %s  %6.2f h  %u day(s)  %s", ic::format_date(year_month_day{w.week_start}).c_str(),
                        w.hours(), w.qualifying_days, std::string(ic::to_string(w.status)).c_str());
            for (std::size_t i = 0; i < w.violations.size(); ++i)
                std::printf("%s%s%s", i == 0 ? ": " : "; ", w.violations[i].message.c_str(),
                            w.violations[i].allowed ? " (within the step-down allowance)" : "");
            std::printf("\n");
        }
        if (!p.review.empty()) std::printf("  review: %s\n", p.review.c_str());
    }
    std::printf("\npatient-weeks: %zu meets, %zu below_minimum, %zu above_maximum, %zu exempt\n", r.weeks.meets,
                r.weeks.below_minimum, r.weeks.above_maximum, r.weeks.exempt);
    std::printf("records: %zu read, %zu rejected\n", r.records, r.rejected.size());
    for (const auto& x : r.rejected)
        std::printf("  record %zu, %s \"%s\": %s\n", x.index, x.field.c_str(), x.value.c_str(), x.reason.c_str());
}

}  // namespace

int main() {
    const auto zone = ic::time_zone::locate("America/New_York");
    const auto log = clinic_month();

    const auto asam = ic::builtin_rules("asam-iop-adult");
    print(ic::validate(log, asam, zone), asam);

    std::printf("\n");
    const auto h0015 = ic::builtin_rules("h0015");
    const auto billing = ic::validate(log, h0015, zone);
    std::printf("Rule set %s: weeks with 3 days of 3 h or more\n", h0015.id.c_str());
    for (const auto& p : billing.patients)
        std::printf("  %-7s %u of %u weeks\n", p.patient.str().c_str(), p.weeks_met, p.weeks_checked);
    return 0;
}
