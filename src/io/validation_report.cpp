// The validation report as JSON, CSV and text (moved here from the tool, so hosts print the same).
#include <cmath>

#include <nlohmann/json.hpp>

#include "detail/text.hpp"
#include "io/json_reader.hpp"
#include "iopcare/io/validation.hpp"
#include "iopcare/text.hpp"

namespace iopcare::io {

namespace {

using namespace std::chrono;
using iopcare::detail::printf_string;

std::string hours_text(double h) { return printf_string("%.2f", h); }

std::string day_text(local_days d) { return format_date(year_month_day{sys_days{d.time_since_epoch()}}); }

double rounded_hours(double h) { return std::round(h * 10000.0) / 10000.0; }

nlohmann::ordered_json days_json(const week_result& w) {
    nlohmann::ordered_json days = nlohmann::ordered_json::array();
    for (const auto& d : w.days) {
        days.push_back({{"date", day_text(d.date)},
                        {"services", d.services},
                        {"hours", rounded_hours(d.hours())},
                        {"tier", d.tier}});
    }
    return days;
}

// Days of the week at each tier, in the report's tier order.
std::vector<std::size_t> tier_counts(const week_result& w, const validation_report& r) {
    std::vector<std::size_t> n(r.day_tiers.size(), 0);
    for (const auto& d : w.days)
        for (std::size_t k = 0; k < r.day_tiers.size(); ++k)
            if (r.day_tiers[k].label == d.tier) ++n[k];
    return n;
}

}  // namespace

std::string validation_to_json(const validation_report& r, const rule_set& rules, int indent) {
    nlohmann::ordered_json j;
    j["rule_set"] = r.rule_set;
    j["source"] = rules.source;
    nlohmann::ordered_json patients = nlohmann::ordered_json::array();
    for (const auto& p : r.patients) {
        nlohmann::ordered_json pj;
        pj["patient"] = p.patient;
        nlohmann::ordered_json weeks = nlohmann::ordered_json::array();
        for (const auto& w : p.weeks) {
            nlohmann::ordered_json wj;
            wj["week_start"] = day_text(w.week_start);
            wj["hours"] = rounded_hours(w.hours());
            wj["qualifying_days"] = w.qualifying_days;
            wj["status"] = std::string(to_string(w.status));
            wj["counted_sessions"] = w.counted_sessions;
            wj["days_in_span"] = w.days_in_span;
            if (w.admission_week) wj["admission_week"] = true;
            if (w.discharge_week) wj["discharge_week"] = true;
            if (w.closed_days > 0) wj["closed_days"] = w.closed_days;
            wj["compliant"] = w.compliant;
            if (!rules.day_tiers.empty()) wj["days"] = days_json(w);
            nlohmann::ordered_json vs = nlohmann::ordered_json::array();
            for (const auto& v : w.violations) {
                nlohmann::ordered_json vj{{"code", v.code}, {"message", v.message}, {"source", v.source}};
                if (!v.subject.empty()) vj["subject"] = v.subject;
                if (v.allowed) vj["allowed"] = true;
                vs.push_back(std::move(vj));
            }
            wj["violations"] = std::move(vs);
            weeks.push_back(std::move(wj));
        }
        pj["weeks"] = std::move(weeks);
        pj["weeks_checked"] = p.weeks_checked;
        pj["weeks_met"] = p.weeks_met;
        pj["longest_failing_run"] = p.longest_failing_run;
        pj["consider_step_down"] = p.consider_step_down;
        pj["consider_higher_level"] = p.consider_higher_level;
        if (!p.review.empty()) pj["review"] = p.review;
        nlohmann::ordered_json ov = nlohmann::ordered_json::array();
        for (const auto& o : p.overlaps) {
            ov.push_back({{"records", {o.first, o.second}}, {"minutes", static_cast<double>(o.time.count()) / 60.0}});
        }
        pj["overlaps"] = std::move(ov);
        patients.push_back(std::move(pj));
    }
    j["patients"] = std::move(patients);
    nlohmann::ordered_json summary;
    summary["patients"] = r.patients.size();
    summary["patient_weeks"] = {{"meets", r.weeks.meets},
                                {"below_minimum", r.weeks.below_minimum},
                                {"above_maximum", r.weeks.above_maximum},
                                {"exempt", r.weeks.exempt}};
    if (!r.day_tiers.empty()) {
        nlohmann::ordered_json tiers;
        for (const auto& t : r.day_tiers) tiers[t.label] = t.days;
        summary["day_tiers"] = std::move(tiers);
    }
    summary["records"] = r.records;
    summary["records_counted"] = r.records_counted;
    summary["overlaps"] = r.overlaps;
    nlohmann::ordered_json rejected = nlohmann::ordered_json::array();
    for (const auto& x : r.rejected) {
        rejected.push_back({{"record", x.index}, {"field", x.field}, {"value", x.value}, {"reason", x.reason}});
    }
    summary["rejected"] = std::move(rejected);
    if (!r.not_checked.empty()) {
        nlohmann::ordered_json unchecked = nlohmann::ordered_json::array();
        for (const auto& u : r.not_checked) unchecked.push_back({{"check", u.check}, {"reason", u.reason}});
        summary["not_checked"] = std::move(unchecked);
    }
    j["summary"] = std::move(summary);
    return detail::dump_text(j, indent);
}

std::string validation_to_csv(const validation_report& r) {
    std::string out = "patient,week_start,hours,qualifying_days,status,violations,compliant";
    for (const auto& t : r.day_tiers) out += "," + csv_field(t.label);
    out += "\r\n";
    for (const auto& p : r.patients) {
        for (const auto& w : p.weeks) {
            std::string codes;
            for (const auto& v : w.violations) codes += (codes.empty() ? "" : ";") + v.code;
            out += csv_field(p.patient.str()) + "," + day_text(w.week_start) + "," + hours_text(w.hours()) + "," +
                   std::to_string(w.qualifying_days) + "," + std::string(to_string(w.status)) + "," + csv_field(codes) +
                   "," + (w.compliant ? "true" : "false");
            for (const auto n : tier_counts(w, r)) out += "," + std::to_string(n);
            out += "\r\n";
        }
    }
    return out;
}

std::string validation_to_text(const validation_report& r, const rule_set& rules) {
    // Ids, names and values from the input go through escape_text: a newline or a control
    // character in them must not make a line of its own.
    std::string out = "rules: " + escape_text(rules.id) +
                      (rules.name.empty() || rules.name == rules.id ? "" : " — " + escape_text(rules.name)) + "\n";
    if (!rules.source.empty()) out += "source: " + escape_text(rules.source) + "\n";
    for (const auto& p : r.patients) {
        out += "\npatient " + escape_text(p.patient.str()) + ": " + std::to_string(p.weeks_met) + " of " + std::to_string(p.weeks_checked) +
               " checked weeks meet the rules";
        if (p.longest_failing_run > 0) {
            out += "; longest failing run " + std::to_string(p.longest_failing_run) +
                   (p.longest_failing_run == 1 ? " week" : " weeks");
        }
        out += "\n";
        for (const auto& w : p.weeks) {
            out += printf_string("  week of %s  %6.2f h  %u qualifying days  %s\n", day_text(w.week_start).c_str(),
                                 w.hours(), w.qualifying_days, std::string(to_string(w.status)).c_str());
            for (const auto& v : w.violations) {
                out += "    " + v.code + (v.allowed ? " (within the step-down allowance)" : "") + ": " +
                       escape_text(v.message) + "\n";
            }
            for (const auto& d : w.days) {
                out += "    " + day_text(d.date) + "  " + std::to_string(d.services) +
                       (d.services == 1 ? " service   " : " services  ") + hours_text(d.hours()) + " h  " + d.tier + "\n";
            }
        }
        if (!p.review.empty()) out += "  review: " + escape_text(p.review) + "\n";
        for (const auto& o : p.overlaps) {
            out += "  overlap: records " + std::to_string(o.first) + " and " + std::to_string(o.second) + " share " +
                   std::to_string(o.time.count() / 60) + " min, counted once\n";
        }
    }
    out += printf_string(
        "\nsummary: %zu patients, %zu patient-weeks: %zu meet, %zu below the minimum, %zu above the maximum, %zu exempt\n",
        r.patients.size(), r.weeks.total(), r.weeks.meets, r.weeks.below_minimum, r.weeks.above_maximum, r.weeks.exempt);
    if (!r.day_tiers.empty()) {
        std::string tiers;
        for (const auto& t : r.day_tiers) tiers += (tiers.empty() ? "" : ", ") + std::to_string(t.days) + " " + t.label;
        out += "day tiers: " + tiers + "\n";
    }
    out += printf_string("records: %zu read, %zu counted, %zu rejected, %zu overlapping pairs\n", r.records,
                         r.records_counted, r.rejected.size(), r.overlaps);
    for (const auto& x : r.rejected) {
        out += "  rejected record " + std::to_string(x.index) + " (" + x.field +
               (x.value.empty() ? "" : " = " + escape_text(x.value)) + "): " + escape_text(x.reason) + "\n";
    }
    for (const auto& u : r.not_checked) out += "not checked: " + u.check + ": " + escape_text(u.reason) + "\n";
    return out;
}

}  // namespace iopcare::io
