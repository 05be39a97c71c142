#include <string>

#include "catch.hpp"
#include "iopcare/catalog.hpp"
#include "iopcare/error.hpp"

using namespace iopcare;

TEST_CASE("error carries code, place, value and a stable id in what()") {
    const error e(errc::unknown_level, "/levels/3", "2.3", "no such level");
    CHECK(e.code() == errc::unknown_level);
    CHECK(e.where() == "/levels/3");
    CHECK(e.value() == "2.3");
    CHECK(std::string(e.what()) == "[iopcare.level.unknown] /levels/3: no such level (value: \"2.3\")");
}

TEST_CASE("every error code has its own id") {
    const errc all[] = {errc::ok, errc::invalid_argument, errc::precondition_failed, errc::internal, errc::limit_exceeded,
                        errc::unknown_level, errc::duplicate_level, errc::invalid_level,
                        errc::unknown_service, errc::duplicate_service, errc::invalid_service,
                        errc::invalid_continuum, errc::unknown_transition, errc::ambiguous_level,
                        errc::unknown_time_zone,
                        errc::nonexistent_local_time, errc::ambiguous_local_time, errc::invalid_program,
                        errc::capacity_exceeded, errc::invalid_enrollment, errc::invalid_date,
                        errc::invalid_rule_set, errc::unknown_rule_set, errc::invalid_record,
                        errc::invalid_scenario, errc::invalid_distribution, errc::invalid_experiment, errc::parse_error,
                        errc::unknown_format, errc::unknown_field, errc::missing_field,
                        errc::wrong_type, errc::io_error, errc::invalid_placement_rules,
                        errc::invalid_assessment, errc::invalid_episode};
    for (std::size_t i = 0; i < std::size(all); ++i) {
        CHECK(error_id(all[i]).substr(0, 8) == "iopcare.");
        for (std::size_t j = i + 1; j < std::size(all); ++j) CHECK(error_id(all[i]) != error_id(all[j]));
    }
}

TEST_CASE("try_call turns exceptions into results and never throws") {
    auto bad = try_call([] { return catalog::asam3().at("9.9"); });
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == errc::unknown_level);
    CHECK(bad.error().value == "9.9");
    CHECK_THROWS_AS(bad.value(), error);

    auto good = try_call([] { return catalog::asam3().at("2.1").intensity_rank; });
    REQUIRE(good.ok());
    CHECK(*good == 21);
    CHECK(good.error().code == errc::ok);

    auto other = try_call([]() -> int { throw std::logic_error("boom"); });
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().code == errc::internal);
    CHECK(other.error().message == "boom");

    auto nothing = try_call([] {});
    CHECK(nothing.ok());
}

TEST_CASE("IOPCARE_EXPECTS reports a broken precondition as an error") {
    auto f = [](int x) {
        IOPCARE_EXPECTS(x > 0);
        return x;
    };
    CHECK(f(1) == 1);
    try {
        (void)f(0);
        FAIL("no exception");
    } catch (const error& e) {
        CHECK(e.code() == errc::precondition_failed);
        CHECK(e.value() == "x > 0");
    }
}
