// The clinical record: the level an assessment indicates under the illustrative placement rules
// (an example of rule data, not ASAM's algorithm), and moves, outcomes and follow-up for two
// patients' stays.
#include <iostream>

#include <iopcare/iopcare.hpp>

int main() {
    using namespace iopcare;
    using namespace std::chrono;

    assessment a;
    a.patient = "p-104";
    a.date = 2026y / November / 20d;
    a.ratings = {1, 0, 3, 2, 2, 3};       // dimensions 1 to 6, each rated 0-4
    a.provided_level = level_code("2.1");  // no residential bed was free
    a.reason_for_variance = variance_reason::waitlist;
    const placement p = place(a, placement_rules::illustrative(edition::asam3));
    std::cout << "indicated " << p.indicated_level.str() << ", provided " << p.provided_level->str()
              << (p.complete() ? ", variance explained\n" : ", variance reason missing\n");
    for (const placement_reason& r : p.reasons) {
        if (r.level == p.indicated_level) std::cout << "  dimension " << r.dimension << " rated " << r.rating << ": " << r.reason << "\n";
    }

    episode_record record;
    record.episodes = {
        {"A", {{level_code("3.5"), 2026y / 1 / 5d, 2026y / 2 / 4d, discharge_reason::completed},
               {level_code("2.1"), 2026y / 2 / 4d, 2026y / 3 / 18d, discharge_reason::completed}}},
        {"B", {{level_code("3.5"), 2026y / 1 / 10d, 2026y / 2 / 9d, discharge_reason::dropped_out},
               {level_code("1"), 2026y / 2 / 19d, std::nullopt, std::nullopt}}},
    };
    const episode_report report = analyze(record);  // against the standard continuum
    for (const level_move& m : report.moves) {
        std::cout << m.patient << ": " << m.from.str() << " -> " << m.to.str() << " " << to_string(m.kind);
        for (const level_code& s : m.skipped) std::cout << ", skips " << s.str();
        std::cout << "\n";
    }
    const level_outcomes& residential = *report.find("3.5");
    std::cout << "3.5: " << residential.discharges << " discharges, completion rate " << residential.completion_rate
              << ", median stay " << residential.median_los_days << " days\n"
              << "follow-up after residential care: " << report.follow_up.within_7 << " of "
              << report.follow_up.discharges << " within 7 days, " << report.follow_up.within_30 << " within 30\n";
}
