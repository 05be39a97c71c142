// What an EHR does with iopcare, without a single exception: build an evening IOP in code,
// enroll two patients by their record numbers, expand four weeks, record what they attended,
// validate the weeks against ASAM level 2.1 and export the calendar. Every call that can fail
// has a try_ form returning iopcare::result; an error carries a code, a printable place and
// that place as data (file, line, column, JSON pointer, field).
#include <fstream>
#include <iostream>
#include <string>

#include "iopcare/io/icalendar.hpp"
#include "iopcare/schedule.hpp"
#include "iopcare/validate.hpp"

using namespace std::chrono;
using namespace iopcare;

namespace {

// Mon/Tue/Thu 18:00-21:00 group therapy in New York: 9 hours a week, ASAM 2.1's floor.
result<program> evening_iop() {
    auto zone = time_zone::try_locate("America/New_York");
    if (!zone) return zone.error();
    program p;
    p.name = "Evening IOP";
    p.level = "2.1";
    p.zone = *zone;
    template_line group;
    group.days = {Monday, Tuesday, Thursday};
    group.start = hours{18};
    group.length = minutes{180};
    group.service = "group_therapy";
    group.group = "evening";
    group.capacity = 12;
    p.phases.push_back(program_phase{"core", 0, {group}});
    return p;
}

int fail(const error_info& e) {
    std::cerr << e.to_string() << '\n';
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    const auto p = evening_iop();
    if (!p) return fail(p.error());
    schedule s(*p);
    const local_days first_monday{2026y / October / 5d};
    for (const auto& [mrn, name] : {std::pair{"MRN-0042", "Ana Reyes"}, std::pair{"MRN-0107", "Sam Okafor"}}) {
        enrollment e;
        e.patient = mrn;  // any text id: an MRN, a FHIR Patient id
        e.name = name;    // shown by the iCalendar and FHIR exports
        e.admit = year_month_day{first_monday};
        e.weeks = 4;
        e.group = "evening";
        if (auto r = s.try_enroll(e); !r) return fail(r.error());
    }
    const auto x = s.try_expand(first_monday, 4);
    if (!x) return fail(x.error());
    std::cout << x->sessions.size() << " sessions, the first at " << to_string(x->sessions.front().local_start)
              << " New York time, " << to_string(x->sessions.front().utc_start) << "\n";

    // Attendance as the EHR recorded it: everything planned, except one evening Sam missed.
    attendance_log log = planned_attendance(s, *x);
    for (auto& r : log.records) {
        if (r.patient == patient_id{"MRN-0107"} && r.start == record_start{local_seconds{local_days{2026y / October / 15d} + 18h}})
            r.status = attendance_status::absent;
    }
    const auto rules = try_builtin_rules("asam-iop-adult");
    if (!rules) return fail(rules.error());
    const auto report = try_validate(log, *rules, *p->zone);
    if (!report) return fail(report.error());
    for (const auto& patient : report->patients) {
        std::cout << patient.patient << ": " << patient.weeks_met << " of " << patient.weeks_checked << " weeks met\n";
        for (const auto& w : patient.weeks) {
            for (const auto& v : w.violations) std::cout << "  week of " << to_string(w.week_start) << ": " << v.message << '\n';
        }
    }

    const auto ics = io::try_schedule_to_icalendar(s, year_month_day{first_monday},
                                                    year_month_day{first_monday + days{27}});
    if (!ics) return fail(ics.error());
    const std::string path = argc > 1 ? argv[1] : "ehr_evening_iop.ics";
    std::ofstream(path, std::ios::binary) << *ics;
    std::cout << "wrote " << ics->size() << " bytes of iCalendar to " << path << '\n';
    return 0;
}
