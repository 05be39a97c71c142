// A schedule's plan checked as attendance: every planned session taken as attended, through
// the same validator as real records (iopcare/validate.hpp).
#include "iopcare/schedule.hpp"
#include "iopcare/validate.hpp"

namespace iopcare {

using namespace std::chrono;

attendance_log planned_attendance(const schedule& s, const expansion& x) {
    attendance_log log;
    log.records.reserve(x.sessions.size());
    for (const auto& ses : x.sessions) {
        attendance_record r;
        r.patient = ses.patient;
        r.service = ses.service == no_index ? std::string() : s.name(ses.service);
        r.start = ses.local_start;
        r.scheduled = ses.length;
        r.status = attendance_status::attended;
        log.records.push_back(std::move(r));
    }
    for (const auto& e : s.enrolled()) {
        enrollment_period p;
        p.patient = e.patient;
        p.level = s.prog().level;
        p.admitted = e.admit;
        p.discharged = year_month_day{e.end() - days{1}};
        log.enrollments.push_back(std::move(p));
    }
    return log;
}

validation_report validate_plan(const schedule& s, const expansion& x, const rule_set& rules,
                                const validate_options& options) {
    const time_zone& zone = s.prog().required_zone();
    validate_options o = options;
    for (const auto& d : s.prog().closures.explicit_dates()) o.closures.add_date(d);
    for (const auto& r : s.prog().closures.rules()) o.closures.add_rule(r);
    return validate(planned_attendance(s, x), rules, zone, o);
}

}  // namespace iopcare
