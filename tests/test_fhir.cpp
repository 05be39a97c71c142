// FHIR R4 exchange: what the export writes (statuses, instants, references, ids) and what the
// import reads from a Bundle written by hand the way an EHR writes one, checked against hours
// worked out by hand; and the round trip export -> import -> validate. The exports' validity
// against the R4 definitions is checked by Medplum's validator (tests/interop).
#include <algorithm>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "iopcare/io/attendance.hpp"
#include "iopcare/io/continuum_json.hpp"
#include "iopcare/io/episodes.hpp"
#include "iopcare/io/fhir.hpp"
#include "iopcare/io/program.hpp"
#include "iopcare/validate.hpp"

using namespace iopcare;
using namespace std::chrono;
using nlohmann::json;

namespace {

std::string source_file(const std::string& path) { return std::string(IOPCARE_SOURCE_DIR) + "/" + path; }

// The evening IOP (two patients admitted 2026-10-26) and its attendance for two weeks.
struct evening {
    io::program_file file = io::load_program(source_file("examples/formats/program-enrolled.json"));
    schedule sched{file.prog};
    io::attendance_file attendance = io::load_attendance(source_file("examples/formats/attendance-evening.json"));
    evening() {
        for (const auto& e : file.enrollments) sched.enroll(e);
    }
    io::fhir_export what() const {
        io::fhir_export w;
        w.program_schedule = &sched;
        w.from = 2026y / October / 26d;
        w.weeks = 2;
        w.attendance = &attendance.log;
        w.zone = &attendance.zone;
        return w;
    }
};

std::vector<json> of_type(const json& bundle, const std::string& type) {
    std::vector<json> out;
    for (const auto& e : bundle["entry"]) {
        if (e["resource"]["resourceType"] == type) out.push_back(e["resource"]);
    }
    return out;
}

}  // namespace

TEST_CASE("appointments carry the attendance's outcome, as instants with the day's offset") {
    const evening ev;
    const io::fhir_bundle b = io::to_fhir_bundle(ev.what());
    // 2 patients x 8 sessions (Mon-Thu, two weeks); 12 attended or partial records; one Slot per
    // group occurrence; the attendance's two enrollments.
    CHECK(b.counts == io::fhir_counts{{"Appointment", 16}, {"Encounter", 12}, {"EpisodeOfCare", 2},
                                      {"Patient", 2}, {"Schedule", 1}, {"Slot", 8}});
    const json bundle = json::parse(b.json);
    CHECK(bundle["type"] == "collection");

    // Patient 1, week 2: Mon attended, Tue partial, Wed absent, Thu attended; patient 2, week 1:
    // Tue excused; week 2: Mon cancelled by the program, Thu absent.
    std::map<std::pair<std::string, std::string>, std::string> status;
    for (const auto& a : of_type(bundle, "Appointment")) {
        status[{a["participant"][0]["actor"]["reference"], a["start"]}] = a["status"];
        CHECK(a["minutesDuration"] == 180);
        CHECK(a["participant"][1]["actor"]["display"] == "J. Rivera");
    }
    CHECK(status[{"Patient/1", "2026-10-26T18:00:00-04:00"}] == "fulfilled");  // EDT before 1 November
    CHECK(status[{"Patient/1", "2026-11-03T18:00:00-05:00"}] == "fulfilled");  // partial, EST after
    CHECK(status[{"Patient/1", "2026-11-04T18:00:00-05:00"}] == "noshow");
    CHECK(status[{"Patient/2", "2026-10-27T18:00:00-04:00"}] == "cancelled");
    CHECK(status[{"Patient/2", "2026-11-02T18:00:00-05:00"}] == "cancelled");
    CHECK(status[{"Patient/2", "2026-11-05T18:00:00-05:00"}] == "noshow");
    CHECK(std::count_if(status.begin(), status.end(), [](const auto& s) { return s.second == "fulfilled"; }) == 12);

    // The partial session's Encounter lasts 120 minutes.
    bool found_partial = false;
    for (const auto& e : of_type(bundle, "Encounter")) {
        CHECK(e["class"]["code"] == "AMB");
        CHECK(e["type"][0]["coding"][1]["code"] == "90853");  // CPT group psychotherapy
        CHECK(e["type"][0]["coding"][2]["code"] == "G0410");  // HCPCS group psychotherapy in IOP
        if (e["period"]["start"] == "2026-11-03T18:00:00-05:00" && e["subject"]["reference"] == "Patient/1") {
            found_partial = true;
            CHECK(e["period"]["end"] == "2026-11-03T20:00:00-05:00");
            CHECK(e["length"]["value"] == 120);
            CHECK(e["episodeOfCare"].size() == 1);
            CHECK(e["appointment"].size() == 1);
        }
    }
    CHECK(found_partial);
    // Two patients of twelve seats: every Slot is free, two seats booked.
    for (const auto& s : of_type(bundle, "Slot")) {
        CHECK(s["status"] == "free");
        CHECK(s["extension"][0]["valueUnsignedInt"] == 12);
        CHECK(s["extension"][1]["valueUnsignedInt"] == 2);
    }
}

TEST_CASE("ids are deterministic and every reference names an entry of the bundle") {
    const evening ev;
    const io::fhir_bundle first = io::to_fhir_bundle(ev.what());
    CHECK(io::to_fhir_bundle(ev.what()).json == first.json);
    const json bundle = json::parse(first.json);
    std::set<std::string> known;
    for (const auto& e : bundle["entry"]) known.insert(std::string(e["resource"]["resourceType"]) + "/" + std::string(e["resource"]["id"]));
    CHECK(known.size() == bundle["entry"].size());  // no two entries share an id
    std::size_t references = 0;
    std::function<void(const json&)> walk = [&](const json& v) {
        if (v.is_object()) {
            if (v.contains("reference")) {
                ++references;
                CHECK(known.count(v["reference"].get<std::string>()) == 1);
            }
            for (const auto& [k, x] : v.items()) walk(x);
        } else if (v.is_array()) {
            for (const auto& x : v) walk(x);
        }
    };
    walk(bundle);
    CHECK(references > 50);

    io::fhir_options transaction;
    transaction.bundle = io::fhir_bundle_type::transaction;
    const json t = json::parse(io::to_fhir_bundle(ev.what(), transaction).json);
    CHECK(t["type"] == "transaction");
    for (const auto& e : t["entry"]) {
        CHECK(e["request"]["method"] == "PUT");
        CHECK(e["request"]["url"] == std::string(e["resource"]["resourceType"]) + "/" + std::string(e["resource"]["id"]));
    }
}

TEST_CASE("episodes export as EpisodeOfCare with the level and the discharge reason") {
    const episode_record record = io::load_episodes(source_file("examples/formats/episodes.json"));
    io::fhir_export w;
    w.episodes = &record;
    const json bundle = json::parse(io::to_fhir_bundle(w).json);
    const auto episodes = of_type(bundle, "EpisodeOfCare");
    REQUIRE(episodes.size() == 13);
    CHECK(of_type(bundle, "Patient").size() == 6);
    // Patient B's residential stay: dropped out on 2026-02-09.
    const auto b = std::find_if(episodes.begin(), episodes.end(), [](const json& e) {
        return e["patient"]["reference"] == "Patient/B" && e["period"]["start"] == "2026-01-10";
    });
    REQUIRE(b != episodes.end());
    CHECK((*b)["status"] == "finished");
    CHECK((*b)["period"]["end"] == "2026-02-09");
    CHECK((*b)["type"][0]["coding"][0]["system"] == "http://iopcare.org/fhir/CodeSystem/asam3-level");
    CHECK((*b)["type"][0]["coding"][0]["code"] == "3.5");
    CHECK((*b)["extension"][0]["url"] == "http://iopcare.org/fhir/StructureDefinition/discharge-reason");
    CHECK((*b)["extension"][0]["valueCode"] == "dropped_out");
    // A's outpatient stay is open: active, no end, no reason.
    const auto open = std::find_if(episodes.begin(), episodes.end(), [](const json& e) { return e["status"] == "active"; });
    REQUIRE(open != episodes.end());
    CHECK_FALSE((*open)["period"].contains("end"));
    CHECK_FALSE((*open).contains("extension"));

    CHECK_THROWS_AS(io::to_fhir_bundle(io::fhir_export{}), error);  // nothing to export
}

TEST_CASE("an EHR's Bundle imports as attendance with hand-computed hours") {
    const time_zone ny = time_zone::locate("America/New_York");
    const std::string text = io::read_text_file(source_file("tests/data/fhir/ehr_bundle.json"));
    CHECK(io::looks_like_fhir(text));
    const io::fhir_attendance in = io::parse_fhir_attendance(text, ny, "ehr_bundle.json");
    CHECK(in.entered_in_error == 1);
    CHECK(in.not_finished == io::fhir_counts{{"in-progress", 1}});
    CHECK(in.ignored == io::fhir_counts{{"Appointment", 1}, {"Patient", 1}});
    REQUIRE(in.file.log.enrollments.size() == 1);
    CHECK(in.file.log.enrollments[0].patient == "e1");
    CHECK(in.file.log.enrollments[0].level == "2.1");
    CHECK(in.file.log.enrollments[0].admitted == 2026y / March / 2d);

    // Mon, Tue (written in UTC) and Thu (a length, no end) 3 h of group therapy each, from CPT
    // 90853 and HCPCS G0410 in its OID form; Wed 50 min of individual therapy (CPT 90834 after
    // an unmappable SNOMED coding); Wed's group cancelled (absent); a CPT 99213 visit rejected.
    const validation_report r = validate(in.file.log, builtin_rules("asam-iop-adult"), in.file.zone);
    CHECK(r.records == 6);
    REQUIRE(r.rejected.size() == 1);
    CHECK(r.rejected[0].field == "service");
    CHECK(r.rejected[0].value == "http://www.ama-assn.org/go/cpt|99213");
    const patient_result* e1 = r.find("e1");
    REQUIRE(e1 != nullptr);
    REQUIRE(e1->weeks.size() == 1);
    CHECK(e1->weeks[0].counted == 9h + 50min);
    CHECK(e1->weeks[0].status == week_status::meets);
}

TEST_CASE("export, import and validate give the same weeks as validating the attendance itself") {
    const evening ev;
    io::fhir_export w;
    w.attendance = &ev.attendance.log;
    w.zone = &ev.attendance.zone;
    const io::fhir_attendance back =
        io::parse_fhir_attendance(io::to_fhir_bundle(w).json, ev.attendance.zone, "round trip");
    validate_options through;
    through.through = 2026y / November / 8d;
    const rule_set rules = builtin_rules("asam-iop-adult");
    const validation_report direct = validate(ev.attendance.log, rules, ev.attendance.zone, through);
    const validation_report again = validate(back.file.log, rules, back.file.zone, through);
    REQUIRE(again.patients.size() == direct.patients.size());
    CHECK(again.weeks.meets == direct.weeks.meets);
    CHECK(again.weeks.below_minimum == direct.weeks.below_minimum);
    for (const auto& p : direct.patients) {
        const patient_result* q = again.find(p.patient);
        REQUIRE(q != nullptr);
        REQUIRE(q->weeks.size() == p.weeks.size());
        for (std::size_t i = 0; i < p.weeks.size(); ++i) {
            INFO(p.patient << " week " << i);
            CHECK(q->weeks[i].counted == p.weeks[i].counted);
            CHECK(q->weeks[i].qualifying_days == p.weeks[i].qualifying_days);
            CHECK(q->weeks[i].status == p.weeks[i].status);
            CHECK(q->weeks[i].violations.size() == p.weeks[i].violations.size());
        }
    }
    // Hand-computed: patient 1 12 h then 8 h (a 2 h partial, an absence), patient 2 9 h then 6 h.
    CHECK(again.find("1")->weeks[0].counted == 12h);
    CHECK(again.find("1")->weeks[1].counted == 8h);
    CHECK(again.find("2")->weeks[0].counted == 9h);
    CHECK(again.find("2")->weeks[1].counted == 6h);
}

TEST_CASE("NDJSON imports like a Bundle, and bad FHIR names the entry and the field") {
    const time_zone ny = time_zone::locate("America/New_York");
    const std::string ndjson =
        R"({"resourceType": "Patient", "id": "n1"})" "\n"
        R"({"resourceType": "Encounter", "status": "finished", "subject": {"reference": "Patient/n1"}, "serviceType": {"coding": [{"system": "http://iopcare.org/fhir/CodeSystem/service", "code": "group_therapy"}]}, "period": {"start": "2026-03-02T18:00:00-05:00", "end": "2026-03-02T21:00:00-05:00"}})" "\n";
    CHECK(io::looks_like_fhir(ndjson));
    const auto in = io::parse_fhir_attendance(ndjson, ny);
    REQUIRE(in.file.log.records.size() == 1);
    CHECK(in.file.log.records[0].service == "group_therapy");
    CHECK(in.file.log.records[0].scheduled == 3h);

    auto fails = [&](const std::string& encounter, errc code, const std::string& where) {
        const std::string bundle = R"({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": )" + encounter + "}]}";
        try {
            (void)io::parse_fhir_attendance(bundle, ny);
            FAIL("no exception for " << encounter);
        } catch (const error& e) {
            CHECK(e.code() == code);
            CHECK(e.where() == where);
        }
    };
    const std::string subject = R"("subject": {"reference": "Patient/x"})";
    fails(R"({"resourceType": 7})", errc::wrong_type, "/entry/0/resource/resourceType");
    fails(R"({"resourceType": "Encounter", "status": "finished", )" + subject + "}", errc::missing_field,
          "/entry/0/resource/period");
    fails(R"({"resourceType": "Encounter", "status": "finished", )" + subject +
              R"(, "period": {"start": "2026-03-02 6pm", "end": "2026-03-02T21:00:00-05:00"}})",
          errc::parse_error, "/entry/0/resource/period/start");
    fails(R"({"resourceType": "Encounter", "status": "finished", )" + subject + R"(, "period": {"start": "2026-03-02T18:00:00"}, "length": {"value": 3, "code": "h"}})",
          errc::parse_error, "/entry/0/resource/period/start");  // a time without an offset is not an instant
    fails(R"({"resourceType": "Encounter", "status": "finished", "period": {"start": "2026-03-02T18:00:00Z", "end": "2026-03-02T19:00:00Z"}})",
          errc::missing_field, "/entry/0/resource/subject");
    fails(R"("not a resource")", errc::wrong_type, "/entry/0/resource");

    CHECK_FALSE(io::looks_like_fhir(R"({"format": "iopcare.attendance/1", "resourceType": "Bundle"})"));
    CHECK_FALSE(io::looks_like_fhir("patient,service,start\n1,group_therapy,2026-03-02T18:00:00\n"));
    CHECK_FALSE(io::looks_like_fhir("[1, 2]"));
}
