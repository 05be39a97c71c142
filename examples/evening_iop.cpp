// A 12-week evening IOP in New York (Mon/Tue/Thu 18:00-21:00 group plus weekly individual
// therapy, US federal holidays closed): checks the plan against ASAM level 2.1's weekly hour
// band, prints each patient's planned hours per week, and writes the schedule as an iCalendar
// file (argv[1], default evening_iop.ics) that calendar applications import.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <string>

#include "iopcare/catalog.hpp"
#include "iopcare/io/icalendar.hpp"
#include "iopcare/program.hpp"
#include "iopcare/schedule.hpp"

using namespace std::chrono;
using namespace iopcare;

int main(int argc, char** argv) {
    program p;
    p.name = "Evening IOP";
    p.level = "2.1";
    p.zone = time_zone::locate("America/New_York");
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
        e.patient = patient_id{std::to_string(id)};
        e.admit = 2026y / October / 5d;
        e.weeks = 12;
        e.group = "evening";
        e.extras.push_back(extra_session{Wednesday, hours{17} + minutes{id == 1 ? 0 : 60}, minutes{50},
                                         "individual_therapy", std::nullopt, std::nullopt});
        s.enroll(e);
    }
    const year_month_day from = 2026y / October / 5d;
    const year_month_day to = 2026y / December / 28d;
    const auto x = s.expand(from, to);  // local and UTC starts; 18:00 stays 18:00 after Nov 1
    for (const auto& e : s.enrolled()) {
        std::cout << "patient " << e.patient << '\n';
        for (const auto& w : weekly_minutes(x.sessions, e.patient)) {
            std::cout << "  week of " << format_date(year_month_day{sys_days{w.week_start.time_since_epoch()}})
                      << ": " << std::fixed << std::setprecision(2) << static_cast<double>(w.planned.count()) / 60.0
                      << " h\n";
        }
    }
    const auto issues = check_plan(plan_weeks(p, from, 12), catalog::asam3().at("2.1"), population::adult);
    std::cout << "group-template weeks outside the 2.1 band: " << issues.size() << '\n';

    const std::string path = argc > 1 ? argv[1] : "evening_iop.ics";
    const std::string ics = io::schedule_to_icalendar(s, from, to);
    std::ofstream(path, std::ios::binary) << ics;
    std::size_t events = 0;
    for (std::size_t at = 0; (at = ics.find("BEGIN:VEVENT", at)) != std::string::npos; ++at) ++events;
    std::cout << "wrote " << x.sessions.size() << " sessions as " << events << " recurring events to " << path << '\n';
    return 0;
}
