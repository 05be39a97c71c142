// A 12-week evening IOP (Mon/Tue/Thu 18:00-21:00 group plus weekly individual therapy):
// checks the plan against ASAM level 2.1's weekly hour band and prints each patient's
// planned hours per week. Calendar (.ics) export follows once time-zone support lands.
#include <iomanip>
#include <iostream>

#include "iopcare/catalog.hpp"
#include "iopcare/program.hpp"
#include "iopcare/schedule.hpp"

using namespace std::chrono;
using namespace iopcare;

int main() {
    program p;
    p.name = "Evening IOP";
    p.level = "2.1";
    template_line group;
    group.days = {Monday, Tuesday, Thursday};
    group.start = hours{18};
    group.length = minutes{180};
    group.service = "group_therapy";
    group.group = "evening";
    group.capacity = 10;
    group.room = "Room 2";
    p.phases.push_back(program_phase{"core", 12, {group}});
    for (auto& r : us_federal_holidays()) p.closures.add_rule(r);
    validate(p, catalog::asam3(), service_catalog::standard());

    schedule s(p);
    for (std::uint32_t id = 1; id <= 2; ++id) {
        enrollment e;
        e.patient = patient_id{id};
        e.admit = 2026y / October / 5d;
        e.weeks = 12;
        e.group = "evening";
        e.extras.push_back(extra_session{Wednesday, hours{17} + minutes{id == 1 ? 0 : 60}, minutes{50},
                                         "individual_therapy", std::nullopt, std::nullopt});
        s.enroll(e);
    }
    const auto x = s.expand_local(2026y / October / 5d, 2026y / December / 28d);
    for (const auto& e : s.enrolled()) {
        std::cout << "patient " << e.patient.value << '\n';
        for (const auto& w : weekly_minutes(x.sessions, e.patient)) {
            const year_month_day d{sys_days{w.week_start.time_since_epoch()}};
            std::cout << "  week of " << static_cast<int>(d.year()) << '-' << std::setw(2) << std::setfill('0')
                      << static_cast<unsigned>(d.month()) << '-' << std::setw(2) << static_cast<unsigned>(d.day())
                      << std::setfill(' ') << ": " << std::fixed << std::setprecision(2)
                      << static_cast<double>(w.planned.count()) / 60.0 << " h\n";
        }
    }
    const auto issues = check_plan(plan_weeks(p, 2026y / October / 5d, 12), catalog::asam3().at("2.1"), population::adult);
    std::cout << "group-template weeks outside the 2.1 band: " << issues.size() << '\n';
    return 0;
}
