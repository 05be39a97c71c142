// The iopcare.program/1 loader.
#include "iopcare/io/program.hpp"

#include <array>
#include <unordered_set>

#include "iopcare/catalog.hpp"
#include "iopcare/io/continuum_json.hpp"
#include "io/json_reader.hpp"

namespace iopcare::io {

namespace {

using detail::json;
using detail::object_reader;
using namespace std::chrono;

constexpr std::array<std::string_view, 7> day_names = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

std::vector<weekday> read_days(const json& v, const std::string& path) {
    if (!v.is_array()) detail::wrong_type(path, v, "an array of weekdays such as [\"MO\", \"WE\"]");
    if (v.empty()) throw error(errc::invalid_program, path, "[]", "at least one weekday is needed");
    std::vector<weekday> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string p = path + "/" + std::to_string(i);
        const std::string name = object_reader::as_string(v[i], p);
        unsigned found = 7;
        for (unsigned d = 0; d < 7; ++d) {
            if (day_names[d] == name) found = d;
        }
        if (found == 7) throw error(errc::invalid_program, p, name, "expected one of MO, TU, WE, TH, FR, SA, SU");
        const weekday wd{found};
        for (const auto& w : out) {
            if (w == wd) throw error(errc::invalid_program, p, name, "this weekday is already listed");
        }
        out.push_back(wd);
    }
    return out;
}

unsigned read_count(object_reader& r, std::string_view key, unsigned max) {
    return r.integer<unsigned>(key, 0, max, errc::invalid_program);
}

template_line read_line(const json& v, const std::string& path) {
    object_reader r(v, path);
    template_line t;
    t.days = read_days(r.require("days"), r.path_of("days"));
    const std::string start = r.string("start");
    const auto tod = parse_time_of_day(start);
    if (!tod) throw error(errc::invalid_program, r.path_of("start"), start, "expected a local time as HH:MM");
    t.start = *tod;
    t.length = minutes{r.integer("minutes", std::int64_t{1}, std::int64_t{24 * 60}, errc::invalid_program,
                                    "expected a length from 1 to 1440 minutes")};
    t.service = r.string("service");
    if (const auto* s = service_catalog::standard().find(t.service)) t.service = s->id.str();
    if (r.has("capacity")) t.capacity = read_count(r, "capacity", 100000);
    t.group = r.optional_string("group").value_or("");
    t.room = r.optional_string("room");
    t.facilitator = r.optional_string("facilitator");
    r.finish();
    return t;
}

std::vector<template_line> read_lines(const json& v, const std::string& path) {
    if (!v.is_array()) detail::wrong_type(path, v, "an array of sessions");
    std::vector<template_line> out;
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(read_line(v[i], path + "/" + std::to_string(i)));
    return out;
}

enrollment read_enrollment(const json& v, const std::string& path) {
    object_reader r(v, path);
    enrollment e;
    e.patient = detail::as_patient(r.require("patient"), r.path_of("patient"));
    e.name = r.optional_string("name").value_or("");
    e.admit = detail::as_date(r.require("admitted"), r.path_of("admitted"));
    if (r.has("weeks")) e.weeks = read_count(r, "weeks", 520);
    if (const json* d = r.find("discharged")) e.discharge = detail::as_date(*d, r.path_of("discharged"));
    if (!e.weeks && !e.discharge) {
        throw error(errc::invalid_enrollment, path, "", "give the planned \"weeks\" or the \"discharged\" date");
    }
    if (e.discharge && sys_days{*e.discharge} < sys_days{e.admit}) {
        throw error(errc::invalid_enrollment, r.path_of("discharged"), format_date(*e.discharge),
                    "the discharge date is before the admission date " + format_date(e.admit));
    }
    e.group = r.optional_string("group").value_or("");
    r.finish();
    return e;
}

// The level, population and time zone at the top of a program file.
void read_identity(object_reader& r, program& p) {
    p.name = r.string("name");
    p.level = r.string("level");
    if (const care_level* l = catalog::asam3().find(p.level)) p.level = l->code.str();
    else throw error(errc::unknown_level, r.path_of("level"), p.level, "not a level code of the ASAM catalog");
    if (const auto pop = r.optional_string("population")) {
        if (*pop == "adult") p.population = population::adult;
        else if (*pop == "adolescent") p.population = population::adolescent;
        else throw error(errc::invalid_program, r.path_of("population"), *pop, "expected \"adult\" or \"adolescent\"");
    }
    const std::string zone = r.string("timezone");
    auto located = time_zone::try_locate(zone);
    if (!located) {
        throw error(errc::unknown_time_zone, r.path_of("timezone"), zone,
                    "not an IANA time-zone name in the system's tzdata, nor a POSIX TZ string");
    }
    p.zone = *located;
}

// One entry of "phases"; a phase without sessions repeats the top-level ones.
program_phase read_phase(const json& v, const std::string& path, const std::vector<template_line>& top) {
    object_reader pr(v, path);
    program_phase ph;
    ph.name = pr.string("name");
    ph.weeks = pr.has("weeks") ? read_count(pr, "weeks", 520) : 0;
    if (const json* s = pr.find("sessions")) {
        ph.sessions = read_lines(*s, pr.path_of("sessions"));
    } else if (top.empty()) {
        throw error(errc::missing_field, pr.path_of("sessions"), "",
                    "this phase has no sessions and the program has no top-level sessions");
    } else {
        ph.sessions = top;
    }
    pr.finish();
    return ph;
}

// "phases", or a single phase "main" made of the top-level "sessions".
std::vector<program_phase> read_phases(object_reader& r) {
    std::vector<template_line> top;
    if (const json* s = r.find("sessions")) top = read_lines(*s, r.path_of("sessions"));
    std::vector<program_phase> out;
    if (const json* phases = r.optional_array("phases")) {
        if (phases->empty()) throw error(errc::invalid_program, r.path_of("phases"), "[]", "at least one phase is needed");
        for (std::size_t i = 0; i < phases->size(); ++i)
            out.push_back(read_phase((*phases)[i], r.path_of("phases") + "/" + std::to_string(i), top));
        return out;
    }
    if (!r.has("sessions")) {
        throw error(errc::missing_field, r.path_of("sessions"), "", "required field 'sessions' is missing");
    }
    out.push_back(program_phase{"main", 0, std::move(top)});
    return out;
}

// "closures" (dates) and "holidays" (a named set of rules).
void read_closures(object_reader& r, program& p) {
    if (const json* closures = r.optional_array("closures")) {
        for (std::size_t i = 0; i < closures->size(); ++i) {
            p.closures.add_date(detail::as_date((*closures)[i], r.path_of("closures") + "/" + std::to_string(i)));
        }
    }
    if (const auto holidays = r.optional_string("holidays")) {
        if (*holidays != "us_federal") {
            throw error(errc::invalid_program, r.path_of("holidays"), *holidays, "expected \"us_federal\"");
        }
        for (auto& rule : us_federal_holidays()) p.closures.add_rule(std::move(rule));
    }
}

std::vector<enrollment> read_enrollments(object_reader& r) {
    std::vector<enrollment> out;
    const json* es = r.optional_array("enrollments");
    if (!es) return out;
    std::unordered_set<patient_id> seen;  // a scan per enrollment would be quadratic
    out.reserve(es->size());
    for (std::size_t i = 0; i < es->size(); ++i) {
        const std::string path = r.path_of("enrollments") + "/" + std::to_string(i);
        enrollment e = read_enrollment((*es)[i], path);
        // Same rule and wording as attendance files: a second enrollment would count hours twice.
        if (!seen.insert(e.patient).second) {
            throw error(errc::invalid_enrollment, path + "/patient", e.patient.str(),
                        "this patient already has an enrollment (one per patient)");
        }
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace

namespace {


// The library's checks name the C++ members a caller sets ("phases[0].sessions[2].length");
// a file names its keys as a JSON pointer ("/phases/0/sessions/2/minutes"), and a file without
// phases has its one phase's lines at the top ("/sessions/2/minutes").
std::string json_pointer_of(std::string_view member_path, bool had_phases) {
    std::string out;
    std::string_view rest = member_path;
    if (!had_phases && rest.starts_with("phases[0].")) rest.remove_prefix(10);
    while (!rest.empty()) {
        const std::size_t end = rest.find_first_of(".[");
        std::string_view name = rest.substr(0, end);
        if (name == "length") name = "minutes";
        if (!name.empty()) out += "/" + std::string(name);
        if (end == std::string_view::npos) break;
        if (rest[end] == '[') {
            const std::size_t close = rest.find(']', end);
            out += "/" + std::string(rest.substr(end + 1, close - end - 1));
            rest.remove_prefix(close + 1);
        } else {
            rest.remove_prefix(end);
        }
        if (rest.starts_with(".")) rest.remove_prefix(1);
    }
    return out.empty() ? "/" : out;
}

}  // namespace

program_file parse_program(std::string_view json_text, std::string_view source) {
    const json doc = detail::parse(json_text, source);
    object_reader r(doc, "");
    r.expect_format("iopcare.program/1");
    program_file out;
    program& p = out.prog;
    read_identity(r, p);
    p.phases = read_phases(r);
    read_closures(r, p);
    out.enrollments = read_enrollments(r);
    r.finish();

    const auto problems = validation_errors(p, catalog::asam3(), service_catalog::standard());
    if (!problems.empty()) {
        error_info e = problems.front();
        e.set_where(json_pointer_of(e.where, r.has("phases")));
        throw error(std::move(e));
    }
    return out;
}

program_file load_program(const std::string& path) { return parse_program(read_text_file(path), path); }

}  // namespace iopcare::io
