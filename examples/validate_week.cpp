// A first validation: one patient's week in New York, checked against ASAM level 2.1 (adults).
#include <chrono>
#include <iomanip>
#include <iostream>

#include "iopcare/validate.hpp"

using namespace std::chrono;
using namespace std::chrono_literals;

int main() {
    iopcare::attendance_log log;
    const local_days monday{2026y / March / 2d};
    for (int day : {0, 3})  // group therapy Mon and Thu 18:00-21:00
        log.records.push_back({"rivera", "group_therapy", local_seconds{monday + days{day}} + 18h, 180min});
    // Tuesday's group: left after two hours. Wednesday: individual therapy, 50 minutes.
    log.records.push_back({"rivera", "group_therapy", local_seconds{monday + days{1}} + 18h, 180min,
                           iopcare::attendance_status::partial, 120min});
    log.records.push_back({"rivera", "individual_therapy", local_seconds{monday + days{2}} + 17h, 50min});

    const auto zone = iopcare::time_zone::locate("America/New_York");
    const auto report = iopcare::validate(log, iopcare::builtin_rules("asam-iop-adult"), zone);
    for (const auto& p : report.patients)
        for (const auto& w : p.weeks) {
            std::cout << p.patient << ", week of " << iopcare::format_date(year_month_day{w.week_start}) << ": "
                      << std::fixed << std::setprecision(2) << w.hours() << " h, " << iopcare::to_string(w.status) << '\n';
            for (const auto& v : w.violations) std::cout << "  " << v.code << ": " << v.message << '\n';
        }
}
