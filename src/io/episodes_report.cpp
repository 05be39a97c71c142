// The episode report as JSON, CSV and text.
#include <cmath>
#include <iomanip>
#include <sstream>

#include <nlohmann/json.hpp>

#include "iopcare/calendar.hpp"
#include "iopcare/io/csv.hpp"
#include "io/json_reader.hpp"
#include "iopcare/io/episodes.hpp"
#include "iopcare/text.hpp"

namespace iopcare::io {

namespace {

using ordered = nlohmann::ordered_json;

constexpr discharge_reason every_reason[] = {
    discharge_reason::completed,  discharge_reason::transferred,  discharge_reason::dropped_out,
    discharge_reason::terminated, discharge_reason::incarcerated, discharge_reason::died,
    discharge_reason::other,      discharge_reason::unknown,
};

// Figures to four decimals, as the validation report writes hours; NaN stays NaN (null, or an
// empty CSV field).
double rounded(double x) { return std::isnan(x) ? x : std::round(x * 10000.0) / 10000.0; }

// A figure for CSV: empty when undefined, else the shortest text that reads back the same.
std::string figure_text(double x) {
    if (std::isnan(x)) return {};
    return ordered(rounded(x)).dump();
}

std::string count_text(std::size_t n) { return std::to_string(n); }

ordered as_json(const level_outcomes& o) {
    ordered reasons;
    for (auto r : every_reason) reasons[std::string(to_string(r))] = o.count(r);
    ordered j;
    j["stays"] = o.stays;
    j["discharges"] = o.discharges;
    j["reasons"] = std::move(reasons);
    j["completion_rate"] = rounded(o.completion_rate);
    j["median_los_days"] = rounded(o.median_los_days);
    j["mean_los_days"] = rounded(o.mean_los_days);
    return j;
}

ordered as_json(const level_move& m) {
    ordered skipped = ordered::array();
    for (const auto& s : m.skipped) skipped.push_back(s.str());
    ordered j;
    j["patient"] = m.patient;
    j["episode"] = m.episode;
    j["stay"] = m.stay;
    j["date"] = format_date(m.date);
    j["from"] = m.from.str();
    j["to"] = m.to.str();
    j["kind"] = std::string(to_string(m.kind));
    j["allowed"] = m.allowed;
    j["skipped"] = std::move(skipped);
    return j;
}

ordered as_json(const follow_up_figures& f) {
    ordered j;
    j["discharges"] = f.discharges;
    j["within_7"] = f.within_7;
    j["within_30"] = f.within_30;
    j["rate_7"] = rounded(f.rate_7);
    j["rate_30"] = rounded(f.rate_30);
    return j;
}

ordered as_json(const episode_problem& p) {
    ordered j;
    j["patient"] = p.patient;
    j["episode"] = p.episode;
    j["stay"] = p.stay;
    j["code"] = std::string(to_string(p.kind));
    j["message"] = p.message;
    return j;
}

std::string skipped_text(const level_move& m) {
    std::string out;
    for (const auto& s : m.skipped) out += (out.empty() ? "" : ";") + s.str();
    return out;
}

std::string levels_csv(const episode_report& r) {
    std::string out = "level,stays,discharges,completed,transferred,dropped_out,terminated,incarcerated,died,other,"
                      "unknown,completion_rate,median_los_days,mean_los_days\r\n";
    for (const auto& o : r.levels) {
        const auto n = [&o](discharge_reason x) { return count_text(o.count(x)); };
        using D = discharge_reason;
        append_csv_row(out, {o.level.str(), count_text(o.stays), count_text(o.discharges), n(D::completed),
                             n(D::transferred), n(D::dropped_out), n(D::terminated), n(D::incarcerated), n(D::died),
                             n(D::other), n(D::unknown), figure_text(o.completion_rate),
                             figure_text(o.median_los_days), figure_text(o.mean_los_days)});
    }
    return out;
}

std::string moves_csv(const episode_report& r) {
    std::string out = "patient,episode,stay,date,from,to,kind,allowed,skipped\r\n";
    for (const auto& m : r.moves) {
        append_csv_row(out, {m.patient.str(), count_text(m.episode), count_text(m.stay), format_date(m.date), m.from.str(),
                             m.to.str(), to_string(m.kind), m.allowed ? "true" : "false", skipped_text(m)});
    }
    return out;
}

std::string follow_up_csv(const episode_report& r) {
    const auto& f = r.follow_up;
    std::string out = "discharges,within_7,within_30,rate_7,rate_30\r\n";
    append_csv_row(out, {count_text(f.discharges), count_text(f.within_7), count_text(f.within_30),
                         figure_text(f.rate_7), figure_text(f.rate_30)});
    return out;
}

std::string problems_csv(const episode_report& r) {
    std::string out = "patient,episode,stay,code,message\r\n";
    for (const auto& p : r.problems) {
        append_csv_row(out, {p.patient.str(), count_text(p.episode), count_text(p.stay), to_string(p.kind), p.message});
    }
    return out;
}

}  // namespace

std::string episode_report_to_json(const episode_report& r, int indent) {
    ordered j;
    j["episodes"] = r.episodes;
    j["patients"] = r.patients;
    j["stays"] = r.stays;
    ordered levels = ordered::object();
    for (const auto& o : r.levels) levels[o.level.str()] = as_json(o);
    j["levels"] = std::move(levels);
    ordered moves = ordered::array();
    for (const auto& m : r.moves) moves.push_back(as_json(m));
    j["moves"] = std::move(moves);
    j["follow_up"] = as_json(r.follow_up);
    ordered problems = ordered::array();
    for (const auto& p : r.problems) problems.push_back(as_json(p));
    j["problems"] = std::move(problems);
    return detail::dump_text(j, indent);
}

std::string_view to_string(episode_table t) noexcept {
    switch (t) {
        case episode_table::levels: return "levels";
        case episode_table::moves: return "moves";
        case episode_table::follow_up: return "follow_up";
        case episode_table::problems: return "problems";
    }
    return "levels";
}

std::string episode_report_to_csv(const episode_report& r, episode_table table) {
    switch (table) {
        case episode_table::levels: return levels_csv(r);
        case episode_table::moves: return moves_csv(r);
        case episode_table::follow_up: return follow_up_csv(r);
        case episode_table::problems: return problems_csv(r);
    }
    return levels_csv(r);
}

namespace {

std::string pad_right(std::string s, std::size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}
std::string pad_left(const std::string& s, std::size_t width) {
    return s.size() < width ? std::string(width - s.size(), ' ') + s : s;
}

std::string fixed(double x, int decimals, const char* suffix = "") {
    if (std::isnan(x)) return "n/a";
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << x << suffix;
    return out.str();
}

std::string percent(double rate) { return std::isnan(rate) ? "n/a" : fixed(rate * 100.0, 1, "%"); }

std::string reasons_text(const level_outcomes& o) {
    std::string out;
    for (auto r : every_reason) {
        if (o.count(r) == 0) continue;
        out += (out.empty() ? "" : ", ") + std::string(to_string(r)) + " " + std::to_string(o.count(r));
    }
    return out;
}

std::string levels_text(const episode_report& r) {
    std::size_t width = 6;
    for (const auto& o : r.levels) width = std::max(width, o.level.str().size() + 2);
    std::string out = pad_right("level", width) + " stays  discharged  completion  median LOS  mean LOS  reasons\n";
    for (const auto& o : r.levels) {
        out += pad_right(o.level.str(), width) + pad_left(std::to_string(o.stays), 6) +
               pad_left(std::to_string(o.discharges), 12) + pad_left(percent(o.completion_rate), 12) +
               pad_left(fixed(o.median_los_days, 1), 12) + pad_left(fixed(o.mean_los_days, 1), 10);
        const std::string reasons = reasons_text(o);
        out += (reasons.empty() ? "" : "  " + reasons) + "\n";
    }
    return out;
}

std::string moves_text(const episode_report& r) {
    std::size_t outside = 0, skipping = 0;
    for (const auto& m : r.moves) {
        outside += m.allowed ? 0 : 1;
        skipping += m.skipped.empty() ? 0 : 1;
    }
    std::string out = "moves: " + std::to_string(r.moves.size()) + " (" + std::to_string(outside) +
                      " not in the continuum, " + std::to_string(skipping) + " skipping a step)\n";
    for (const auto& m : r.moves) {
        out += "  " + escape_text(m.patient.str()) + "  " + format_date(m.date) + "  " + m.from.str() + " -> " + m.to.str() + "  " +
               std::string(to_string(m.kind));
        if (!m.allowed) out += ", not in the continuum";
        if (!m.skipped.empty()) out += ", skips " + skipped_text(m);
        out += "\n";
    }
    return out;
}

std::string follow_up_text(const follow_up_figures& f) {
    return "follow-up after high-intensity care: " + counted(f.discharges, "discharge") + "; " +
           std::to_string(f.within_7) + " within 7 days (" + percent(f.rate_7) + "), " +
           std::to_string(f.within_30) + " within 30 days (" + percent(f.rate_30) + ")\n";
}

std::string problems_text(const episode_report& r) {
    if (r.problems.empty()) return "problems: none\n";
    std::string out = "problems: " + std::to_string(r.problems.size()) + "\n";
    for (const auto& p : r.problems) {
        out += "  patient " + escape_text(p.patient.str()) + ", episode " + std::to_string(p.episode) + ", stay " +
               std::to_string(p.stay) + ": " + std::string(to_string(p.kind)) + ": " + p.message + "\n";
    }
    return out;
}

}  // namespace

std::string episode_report_to_text(const episode_report& r) {
    std::string out = counted(r.episodes, "episode") + " of " + counted(r.patients, "patient") + ", " +
                      counted(r.stays, "stay") + "\n";
    return out + levels_text(r) + moves_text(r) + follow_up_text(r.follow_up) + problems_text(r);
}

}  // namespace iopcare::io
