#include <string>

#include "catch.hpp"
#include "iopcare/service.hpp"

using namespace iopcare;
using namespace std::chrono_literals;

TEST_CASE("the standard services: modality and whether they count toward program hours") {
    struct expected {
        const char* id;
        modality mode;
        bool counts;
    };
    // Issue #2: drug testing and outside mutual-help meetings do not count; clinical services do.
    const expected rows[] = {
        {"individual_therapy", modality::individual, true},
        {"group_therapy", modality::group, true},
        {"family_therapy", modality::family, true},
        {"medication_management", modality::individual, true},
        {"psychoeducation", modality::group, true},
        {"relapse_prevention", modality::group, true},
        {"case_management", modality::individual, true},
        {"drug_testing", modality::individual, false},
        {"assessment", modality::individual, true},
        {"crisis_intervention", modality::individual, true},
        {"twelve_step_facilitation", modality::group, true},
        {"mutual_help_meeting", modality::group, false},
        {"peer_support", modality::group, false},
        {"art_therapy", modality::group, true},
        {"music_therapy", modality::group, true},
        {"yoga", modality::group, false},
        {"aftercare_planning", modality::individual, true},
    };
    const auto& c = service_catalog::standard();
    REQUIRE(c.size() == std::size(rows));
    for (const auto& r : rows) {
        INFO(r.id);
        const service& s = c.at(r.id);
        CHECK(s.mode == r.mode);
        CHECK(s.counts_toward_hours == r.counts);
        CHECK(s.default_duration > 0min);
        CHECK_FALSE(s.name.empty());
    }
}

TEST_CASE("service lookup forgives case, spaces and hyphens") {
    const auto& c = service_catalog::standard();
    CHECK(c.at("Group Therapy").id.str() == "group_therapy");
    CHECK(c.at("group-therapy").id.str() == "group_therapy");
    CHECK(c.at(services::drug_testing).id.str() == "drug_testing");
    CHECK(c.find("equine_therapy") == nullptr);
    try {
        (void)c.at("equine therapy");
        FAIL("no exception");
    } catch (const error& e) {
        CHECK(e.code() == errc::unknown_service);
        CHECK(e.value() == "equine therapy");
    }
}

TEST_CASE("hosts register their own services") {
    service_catalog mine = service_catalog::standard();
    mine.add(service{service_id("equine_therapy"), "Equine therapy", modality::group, 120min, true});
    CHECK(mine.at("equine_therapy").default_duration == 120min);
    CHECK(service_catalog::standard().find("equine_therapy") == nullptr);

    auto code_of = [&mine](service s) {
        try {
            mine.add(std::move(s));
        } catch (const error& e) {
            return e.code();
        }
        return errc::ok;
    };
    CHECK(code_of(service{service_id("Equine Therapy"), "x", modality::group, 60min, true}) == errc::invalid_service);
    CHECK(code_of(service{service_id("9lives"), "x", modality::group, 60min, true}) == errc::invalid_service);
    CHECK(code_of(service{service_id("walk"), "x", modality::group, 0min, true}) == errc::invalid_service);
    CHECK(code_of(service{service_id("group_therapy"), "x", modality::group, 60min, true}) == errc::duplicate_service);
    CHECK(code_of(service{service_id("walk"), "", modality::group, 30min, false}) == errc::ok);
    CHECK(mine.at("walk").name == "walk");
}

TEST_CASE("the default billing codes map to the services the FHIR issue lists") {
    const service_catalog& c = service_catalog::standard();
    struct row {
        std::string_view system;
        const char* code;
        const char* service;
    };
    const row rows[] = {
        {cpt_system, "90832", "individual_therapy"}, {cpt_system, "90834", "individual_therapy"},
        {cpt_system, "90837", "individual_therapy"}, {cpt_system, "90853", "group_therapy"},
        {cpt_system, "90846", "family_therapy"},     {cpt_system, "90847", "family_therapy"},
        {cpt_system, "90791", "assessment"},         {cpt_system, "90792", "assessment"},
        {cpt_system, "80305", "drug_testing"},       {hcpcs_system, "H0048", "drug_testing"},
        {hcpcs_system, "G0410", "group_therapy"},    {hcpcs_system, "H0038", "peer_support"},
        {hcpcs_system, "H0006", "case_management"},
    };
    for (const auto& r : rows) {
        INFO(r.code);
        const service* s = c.find_by_billing_code(r.system, r.code);
        REQUIRE(s != nullptr);
        CHECK(s->id.str() == r.service);
    }
    // HCPCS in its OID form; a code under the wrong system or an unknown code maps to nothing.
    CHECK(c.find_by_billing_code(hcpcs_oid_system, "G0410")->id.str() == "group_therapy");
    CHECK(c.find_by_billing_code(cpt_system, "G0410") == nullptr);
    CHECK(c.find_by_billing_code(cpt_system, "99213") == nullptr);
    CHECK(c.find_by_billing_code("http://snomed.info/sct", "90853") == nullptr);
}

TEST_CASE("the billing code put on a session follows the CPT time rule for psychotherapy") {
    const service& individual = service_catalog::standard().at("individual_therapy");
    auto code_for = [&](std::chrono::minutes m) {
        const auto codes = billing_codes_for(individual, m);
        return codes.empty() ? std::string("none") : codes.front().code;
    };
    CHECK(code_for(15min) == "none");  // under 16 minutes no psychotherapy code applies
    CHECK(code_for(16min) == "90832");
    CHECK(code_for(37min) == "90832");
    CHECK(code_for(38min) == "90834");
    CHECK(code_for(52min) == "90834");
    CHECK(code_for(53min) == "90837");
    CHECK(code_for(180min) == "90837");
    // One code per system, in the order the service lists its systems.
    const auto group = billing_codes_for(service_catalog::standard().at("group_therapy"), 180min);
    REQUIRE(group.size() == 2);
    CHECK(group[0] == billing_code{std::string(cpt_system), "90853", 0min});
    CHECK(group[1].code == "G0410");
    CHECK(billing_codes_for(service_catalog::standard().at("family_therapy"), 60min).front().code == "90847");
    CHECK(billing_codes_for(service_catalog::standard().at("yoga"), 60min).empty());
}

TEST_CASE("a host maps its own billing codes, one service per code") {
    service_catalog c = service_catalog::standard();
    c.add_billing_code("Psychoeducation", billing_code{std::string(hcpcs_oid_system), "H2027", 0min});
    CHECK(c.find_by_billing_code(hcpcs_system, "H2027")->id.str() == "psychoeducation");
    CHECK(c.at("psychoeducation").billing_codes.front().system == hcpcs_system);  // stored canonical
    try {
        c.add_billing_code("yoga", billing_code{std::string(cpt_system), "90853", 0min});
        FAIL("no exception");
    } catch (const error& e) {
        CHECK(e.code() == errc::invalid_service);
        CHECK(e.message() == "the code is already mapped to the service group_therapy");
    }
    CHECK_THROWS_AS(c.add_billing_code("no_such_service", billing_code{std::string(cpt_system), "1", 0min}), error);
    CHECK_THROWS_AS(c.add_billing_code("yoga", billing_code{"", "1", 0min}), error);
    // The shared standard catalog is untouched.
    CHECK(service_catalog::standard().find_by_billing_code(hcpcs_system, "H2027") == nullptr);
}
