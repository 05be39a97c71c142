// An attendance simulation's results as JSON and text (iopcare/io/attendance_simulation.hpp).
#include "iopcare/io/attendance_simulation.hpp"

#include <cmath>

#include "detail/text.hpp"
#include "io/json_reader.hpp"
#include "iopcare/text.hpp"

namespace iopcare::io {

namespace {

using iopcare::detail::printf_string;
using ordered_json = nlohmann::ordered_json;

// "0.842 (95% CI 0.831 to 0.853)"; the interval left out when it is undefined.
std::string share_text(const sim::summary& s) {
    if (std::isnan(s.mean)) return "n/a (no week checked)";
    std::string out = printf_string("%.3f", s.mean);
    if (!std::isnan(s.ci95_low)) out += printf_string(" (95%% CI %.3f to %.3f)", s.ci95_low, s.ci95_high);
    return out;
}

std::string settings_text(const sim::attendance_result& r) {
    const auto& m = r.model;
    std::string out = printf_string("Attendance simulation: %zu patients, %d replications, seed %llu, rules %s\n",
                                    r.patients, r.replications, static_cast<unsigned long long>(r.seed),
                                    escape_text(r.rule_set).c_str());
    // Minutes of a partial session only when set: the default (half the session) varies by session.
    const std::string partial_minutes =
        m.partial_minutes ? printf_string(" (%lld min)", static_cast<long long>(m.partial_minutes->count())) : "";
    out += printf_string("  attendance rate %.3g (Beta concentration %.3g), partial %.3g%s, makeups %s, dropout %s\n",
                         m.attendance_rate, m.concentration, m.partial, partial_minutes.c_str(), m.makeups ? "on" : "off",
                         m.dropout_after ? ("after " + std::to_string(*m.dropout_after) + " missed in a row").c_str()
                                         : "off");
    return out;
}

}  // namespace

std::string attendance_simulation_to_json(const sim::attendance_result& r) {
    ordered_json j;
    j["compliance"] = {{"mean", r.compliance.mean},
                       {"sd", r.compliance.sd},
                       {"ci95", {r.compliance.ci95_low, r.compliance.ci95_high}}};
    j["weeks"] = {{"meets", r.weeks.meets},
                  {"below_minimum", r.weeks.below_minimum},
                  {"above_maximum", r.weeks.above_maximum},
                  {"exempt", r.weeks.exempt}};
    ordered_json v = ordered_json::object();
    for (const auto& c : r.violations) v[c.code] = c.count;
    j["violations"] = std::move(v);
    j["makeups"] = {{"offered", r.makeups_offered}, {"attended", r.makeups_attended}};
    j["dropouts"] = r.dropouts;
    return detail::dump_text(j, 2) + "\n";
}

std::string attendance_simulation_to_text(const sim::attendance_result& r) {
    std::string out = settings_text(r);
    out += "\nCompliance (share of checked patient-weeks that meet the rules): " + share_text(r.compliance) + "\n";
    out += printf_string("Patient-weeks per replication: %.1f meet, %.1f below the minimum, %.1f above the maximum, "
                         "%.1f exempt\n",
                         r.weeks.meets, r.weeks.below_minimum, r.weeks.above_maximum, r.weeks.exempt);
    if (!r.violations.empty()) {
        out += "Violations per replication:\n";
        for (const auto& c : r.violations) out += printf_string("  %-28s %.1f\n", escape_text(c.code).c_str(), c.count);
    }
    out += printf_string("Makeups per replication: %.1f offered, %.1f attended\n", r.makeups_offered,
                         r.makeups_attended);
    out += printf_string("Dropouts per replication: %.2f\n", r.dropouts);
    // Said, never dropped: a record the validator refused (a stay past its span limit, a local
    // time a clock change skips) is not in the counts above.
    std::size_t rejected = 0;
    for (const auto& run : r.runs) rejected += run.rejected;
    if (rejected > 0)
        out += printf_string("Records the validator rejected: %zu in %d replications (not in the counts)\n", rejected,
                             r.replications);
    return out;
}

}  // namespace iopcare::io
