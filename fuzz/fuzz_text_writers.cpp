// libFuzzer harness: the text, CSV and JSON writers with arbitrary ids. The input is cut into
// names (program, group, room, facilitator, level ids, a patient id), which go into a schedule,
// a hand-made simulation result, an attendance log and an attendance simulation's result; then
// every writer runs and its output is checked:
//  - text: no control character but the line ends the layout puts there (the same number of
//    lines whatever the names), and each name appears whole, escaped;
//  - CSV: read back by an RFC 4180 reader, the same number of records and each name intact;
//  - JSON: never throws, and parses back (attendance: to the same ids when they are UTF-8).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>
#include <nlohmann/json.hpp>

#include <iopcare/io/attendance.hpp>
#include <iopcare/io/attendance_simulation.hpp>
#include <iopcare/io/sessions.hpp>
#include <iopcare/io/simulation.hpp>
#include <iopcare/io/text_report.hpp>
#include <iopcare/schedule.hpp>
#include <iopcare/sim/simulation.hpp>
#include <iopcare/text.hpp>

namespace {

using namespace std::chrono;

[[noreturn]] void broken() { __builtin_trap(); }

std::size_t count_lines(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) {
        const auto b = static_cast<unsigned char>(c);
        if (c == '\n') ++n;
        else if ((b < 0x20 && c != '\r') || b == 0x7F) broken();  // a control character leaked
    }
    return n;
}

// The records of RFC 4180 text (quoted fields may hold anything); traps on malformed quoting.
std::vector<std::vector<std::string>> read_csv(const std::string& s) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    for (std::size_t i = 0; i < s.size(); ++i) {
        std::string& field = rows.back().back();
        if (s[i] == '"' && field.empty()) {
            for (++i;; ++i) {
                if (i >= s.size()) broken();
                if (s[i] == '"' && i + 1 < s.size() && s[i + 1] == '"') field += s[++i];
                else if (s[i] == '"') break;
                else field += s[i];
            }
        } else if (s[i] == ',') {
            rows.back().emplace_back();
        } else if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
            continue;
        } else if (s[i] == '\n') {
            rows.emplace_back(1);
        } else {
            field += s[i];
        }
    }
    if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();  // after the last line end
    return rows;
}

void check_schedule(const std::string& name, const std::string& group, const std::string& room) {
    iopcare::program p;
    p.name = name;
    p.level = "2.1";
    p.zone = iopcare::time_zone::utc();  // expanding a program without a zone is an error (issue 14)
    iopcare::template_line t;
    t.days = {Monday, Wednesday};
    t.start = hours{18};
    t.length = minutes{180};
    t.service = "group_therapy";
    t.group = group.empty() ? "g" : group;
    t.capacity = 5;
    t.room = room;
    p.phases.push_back(iopcare::program_phase{"core", 0, {t}});
    iopcare::schedule s(p);
    iopcare::enrollment e;
    e.patient = iopcare::patient_id{"3"};
    e.admit = year{2026} / March / 2;
    e.weeks = 1;
    e.group = t.group;
    s.enroll(e);
    const auto x = s.expand(year{2026} / March / 2, year{2026} / March / 9);
    if (x.sessions.size() != 2) broken();
    const std::string text = iopcare::io::sessions_to_text(s, x, year{2026} / March / 2, 1);
    // Title, band, blank, patient, one week, blank, heading, two sessions: 9 lines.
    if (count_lines(text) != 9) broken();
    if (text.find(iopcare::escape_text(name)) != 0) broken();
    const auto rows = read_csv(iopcare::io::sessions_to_csv(s, x));
    if (rows.size() != 3) broken();
    for (std::size_t r = 1; r < 3; ++r) {
        if (rows[r].size() != 9 || rows[r][5] != t.group || rows[r][7] != room) broken();
    }
    (void)nlohmann::json::parse(iopcare::io::sessions_to_json(s, x));  // throws on bad JSON: a crash
}

void check_simulation(const std::vector<std::string>& ids) {
    iopcare::sim::simulation_result r;
    r.scenario_name = ids.front();
    r.replications = 2;
    for (const auto& id : ids) {
        iopcare::sim::level_result l;
        l.id = id;
        l.code = "2.1";
        l.capacity = 3;
        l.occupancy = {1.5, 0.5, 1.0, 2.0, 2};
        r.levels.push_back(l);
    }
    r.unstable = true;
    r.unstable_levels = {ids.back()};
    const iopcare::sim::scenario sc;
    const std::string text = iopcare::io::simulation_to_text(sc, r, 1);
    // Title, blank, header, one row per level, blank, the discharges' header and a row per
    // level, blank, the unstable line.
    if (count_lines(text) != 7 + 2 * ids.size()) broken();
    for (const auto& id : ids) {
        if (text.find(iopcare::escape_text(id)) == std::string::npos) broken();
    }
    const auto rows = read_csv(iopcare::io::simulation_to_csv(r));
    // Per level 8 figures and 2 x 5 by outcome, then 5 totals.
    if (rows.size() != 1 + 18 * ids.size() + 5) broken();
    for (std::size_t k = 0; k < ids.size(); ++k) {
        if (rows[1 + 18 * k].size() != 8 || rows[1 + 18 * k][0] != ids[k]) broken();
    }
    (void)nlohmann::json::parse(iopcare::io::simulation_to_json(sc, r, 1));
}

// An attendance log with the names as patient and service; a simulation result with them as
// the rule set and a violation code.
void check_attendance(const std::string& patient, const std::string& service) {
    iopcare::attendance_log log;
    iopcare::attendance_record r;
    r.patient = patient.empty() ? "p" : patient;
    r.service = service;
    r.start = iopcare::local_seconds{sys_days{year{2026} / March / 2}.time_since_epoch() + hours{18}};
    r.scheduled = minutes{180};
    r.status = iopcare::attendance_status::partial;
    r.attended = minutes{60};
    log.records.push_back(r);
    log.enrollments.push_back({r.patient, "2.1", year{2026} / March / 2, year{2026} / March / 8});
    const auto back = iopcare::io::parse_attendance_json(iopcare::io::attendance_to_json(log, iopcare::time_zone::utc()));
    if (back.log.records.size() != 1 || back.log.enrollments.size() != 1) broken();
    const bool utf8 = iopcare::invalid_utf8_at(r.patient.str()) == std::string::npos &&
                      iopcare::invalid_utf8_at(service) == std::string::npos;
    if (utf8 && (back.log.records[0].patient != r.patient || back.log.records[0].service != service)) broken();

    iopcare::sim::attendance_result a;
    a.rule_set = patient;
    a.violations.push_back({service, 1.5});
    (void)count_lines(iopcare::io::attendance_simulation_to_text(a));
    (void)nlohmann::json::parse(iopcare::io::attendance_simulation_to_json(a));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    std::vector<std::string> names;
    for (int k = 0; k < 6; ++k) names.push_back(in.ConsumeRandomLengthString(2000));
    // The escaper is reversible in kind: its output is UTF-8 without control characters.
    for (const auto& n : names) {
        const std::string e = iopcare::escape_text(n);
        if (iopcare::invalid_utf8_at(e) != std::string::npos) broken();
        (void)count_lines(e + "\n");
    }
    check_schedule(names[0], names[1], names[2]);
    check_simulation({names[3], names[4], names[5]});
    check_attendance(names[0], names[1]);
    return 0;
}
