#include <string>

#include "catch.hpp"
#include "iopcare/io/continuum_json.hpp"

using namespace iopcare;

namespace {
error_info failure(const std::string& text) {
    auto r = try_call([&] { return io::parse_continuum(text, "c.json"); });
    REQUIRE_FALSE(r.ok());
    return r.error();
}
}  // namespace

TEST_CASE("iopcare.continuum/1 parses into a spec") {
    const auto doc = io::parse_continuum(R"({
      "format": "iopcare.continuum/1", "name": "clinic", "edition": "asam3",
      "levels": ["3.5", "2.1", "1"],
      "transitions": [
        {"from": "community", "to": "3.5", "p": 1},
        {"from": "3.5", "to": "2.1", "kind": "step-down", "p": 1, "criteria": "ready"},
        {"from": "2.1", "to": "1", "p": 1},
        {"from": "1", "to": "discharge", "p": 1}
      ]})");
    CHECK(doc.spec.name == "clinic");
    CHECK(doc.catalog_edition == edition::asam3);
    REQUIRE(doc.spec.levels.size() == 3);
    REQUIRE(doc.spec.transitions.size() == 4);
    CHECK(doc.spec.transitions[1].kind == transition_kind::step_down);
    CHECK(doc.spec.transitions[1].criteria == "ready");
    CHECK_FALSE(doc.spec.transitions[0].kind.has_value());
    const continuum c = continuum::build(doc.spec, catalog::asam3());
    CHECK(c.assess("3.5", "1").skipped.size() == 1);
}

TEST_CASE("the standard continuum survives a round trip through JSON") {
    for (auto ed : {edition::asam3, edition::asam4}) {
        const continuum& original = continuum::standard(ed);
        const auto doc = io::parse_continuum(io::to_json(original, ed));
        CHECK(doc.catalog_edition == ed);
        const continuum again = continuum::build(doc.spec, catalog::of(ed));
        REQUIRE(again.transitions().size() == original.transitions().size());
        for (std::size_t i = 0; i < again.transitions().size(); ++i) {
            CHECK(again.transitions()[i].from == original.transitions()[i].from);
            CHECK(again.transitions()[i].to == original.transitions()[i].to);
            CHECK(again.transitions()[i].kind == original.transitions()[i].kind);
            CHECK(again.transitions()[i].probability == original.transitions()[i].probability);
            CHECK(again.transitions()[i].criteria == original.transitions()[i].criteria);
        }
    }
}

TEST_CASE("continuum JSON errors name the place, the expectation and what was found") {
    auto e = failure(R"({"format": "iopcare.continuum/1", "transitions": [{"from": "3.5", "to": 2.1}]})");
    CHECK(e.code == errc::wrong_type);
    CHECK(e.where == "/transitions/0/to");
    CHECK(e.message == "expected a string, found a number");

    e = failure(R"({"format": "iopcare.continuum/1", "transitions": [], "colour": "red"})");
    CHECK(e.code == errc::unknown_field);
    CHECK(e.where == "/colour");

    e = failure(R"({"format": "iopcare.scenario/1", "transitions": []})");
    CHECK(e.code == errc::unknown_format);
    CHECK(e.value == "iopcare.scenario/1");

    e = failure(R"({"format": "iopcare.continuum/1"})");
    CHECK(e.code == errc::missing_field);
    CHECK(e.where == "/transitions");

    e = failure(R"({"format": "iopcare.continuum/1", "transitions": [{"from": "1", "to": "2.1", "kind": "sideways"}]})");
    CHECK(e.where == "/transitions/0/kind");
    CHECK(e.value == "sideways");

    e = failure("{\n  \"format\": \"iopcare.continuum/1\",\n  \"transitions\": [,]\n}");
    CHECK(e.code == errc::parse_error);
    CHECK(e.where == "c.json:3:19");

    e = failure("[1, 2]");
    CHECK(e.code == errc::wrong_type);
    CHECK(e.where == "/");
}

TEST_CASE("catalog JSON lists every level with its bands") {
    const std::string j = io::to_json(catalog::asam3(), -1);
    CHECK(j.find(R"("code":"2.1")") != std::string::npos);
    CHECK(j.find(R"("min_hours":9.0)") != std::string::npos);
    CHECK(j.find(R"("describe":"9-<20 h/week")") != std::string::npos);
}

TEST_CASE("reading a missing file is an io_error naming it") {
    auto r = try_call([] { return io::read_text_file("no/such/file.json"); });
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == errc::io_error);
    CHECK(r.error().where == "no/such/file.json");
}
