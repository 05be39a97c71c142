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
