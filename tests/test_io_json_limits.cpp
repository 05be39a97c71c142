// What every JSON loader does with hostile or ambiguous text: nesting beyond the limit and
// keys given twice in one object are parse errors, never a crash or a silent choice.
#include <functional>
#include <string>

#include "catch.hpp"
#include "failures.hpp"
#include "iopcare/io/attendance.hpp"
#include "iopcare/io/continuum_json.hpp"
#include "iopcare/io/program.hpp"
#include "iopcare/io/rules.hpp"
#include "iopcare/io/scenario.hpp"

using namespace iopcare;
using iopcare::testing::failure;

namespace {

error_info continuum_failure(const std::string& text) {
    return failure([&] { (void)io::parse_continuum(text, "c.json"); });
}

bool mentions(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const std::string too_deep = "arrays and objects are nested deeper than 64 levels";

}  // namespace

TEST_CASE("200 000 nested brackets are a parse error and not a stack overflow", "[io][json][nesting]") {
    const std::string brackets(200'000, '[');
    const auto e = continuum_failure(brackets);
    CHECK(e.code == errc::parse_error);
    CHECK(e.where == "c.json:1:65");  // the 65th '[' opens level 65
    CHECK(e.message == too_deep);

    // Closed, so the text is otherwise valid JSON.
    const auto closed = continuum_failure(brackets + std::string(200'000, ']'));
    CHECK(closed.where == "c.json:1:65");
    CHECK(closed.message == too_deep);
}

TEST_CASE("a million nested objects are a parse error too", "[io][json][nesting]") {
    std::string text;
    text.reserve(6'000'000);
    for (int i = 0; i < 1'000'000; ++i) text += "{\"a\":";
    const auto e = continuum_failure(text);
    CHECK(e.code == errc::parse_error);
    CHECK(e.where == "c.json:1:321");  // five bytes per level: level 65 opens at byte 321
    CHECK(e.message == too_deep);
}

TEST_CASE("every JSON loader applies the nesting limit", "[io][json][nesting]") {
    const std::string deep = "{\"format\": " + std::string(100'000, '[');
    const std::function<void()> loaders[] = {
        [&] { (void)io::parse_continuum(deep, "f.json"); },
        [&] { (void)io::parse_attendance_json(deep, "f.json"); },
        [&] { (void)io::parse_program(deep, "f.json"); },
        [&] { (void)io::parse_scenario(deep, "f.json"); },
        [&] { (void)io::parse_rules(deep, "f.json"); },
    };
    for (const auto& load : loaders) {
        const auto e = failure(load);
        CHECK(e.code == errc::parse_error);
        CHECK(e.where == "f.json:1:75");  // 11 bytes, then the 64th '[' opens level 65
        CHECK(e.message == too_deep);
    }
}

TEST_CASE("nesting up to the limit parses and one level more does not", "[io][json][nesting]") {
    // The top-level object is level 1, so 63 arrays inside it reach level 64.
    const auto within = [](std::size_t arrays) {
        // The name's brackets and escaped quote are inside a string: they must not shift the place.
        return "{\n  \"format\": \"iopcare.continuum/1\", \"transitions\": [], \"name\": \"[[{\\\"[\\\\\",\n  \"x\": " +
               std::string(arrays, '[') +
               std::string(arrays, ']') + "\n}";
    };
    auto e = continuum_failure(within(63));
    CHECK(e.code == errc::unknown_field);  // parsed whole; only then is "x" refused
    CHECK(e.where == "/x");

    e = continuum_failure(within(64));
    CHECK(e.code == errc::parse_error);
    CHECK(e.where == "c.json:3:71");  // "  \"x\": " is 7 bytes; the 64th '[' is column 71
    CHECK(e.message == too_deep);
}

TEST_CASE("brackets inside strings do not count as nesting", "[io][json][nesting]") {
    const std::string text = R"({"format": "iopcare.continuum/1", "transitions": [], "name": ")" + std::string(1000, '[') +
                             R"(\"\\)" + std::string(1000, '{') + R"("})";
    const auto doc = io::parse_continuum(text, "c.json");
    CHECK(doc.spec.name.size() == 2002);
}

TEST_CASE("a key repeated at the top level is an error naming it", "[io][json][duplicate]") {
    const auto e = continuum_failure(
        R"({"format": "iopcare.continuum/1", "transitions": [{"from": "1", "to": "2.1"}], "transitions": []})");
    CHECK(e.code == errc::parse_error);
    CHECK(e.where == "/transitions");
    CHECK(e.value == "transitions");
    CHECK(mentions(e.message, "duplicate key"));
}

TEST_CASE("a key repeated inside a record is an error at its JSON path", "[io][json][duplicate]") {
    const std::string text = R"({"format": "iopcare.attendance/1", "timezone": "America/New_York", "records": [
      {"patient": "p-1", "service": "group_therapy", "start": "2026-03-02T18:00:00", "minutes": 180, "status": "attended"},
      {"patient": "p-1", "service": "group_therapy", "start": "2026-03-03T18:00:00", "minutes": 180, "minutes": 600,
       "status": "attended"}]})";
    const auto e = failure([&] { (void)io::parse_attendance_json(text, "a.json"); });
    CHECK(e.code == errc::parse_error);
    CHECK(e.where == "/records/1/minutes");
    CHECK(e.value == "minutes");
    CHECK(mentions(e.message, "duplicate key"));
}

TEST_CASE("duplicate keys are found below arrays of arrays and nested objects", "[io][json][duplicate]") {
    const auto e = continuum_failure(R"({"format": "iopcare.continuum/1", "transitions": [],
        "x": [[1, {"a": 1}], [2, [3, {"b": {"c": 1, "c": 2}}]]]})");
    CHECK(e.code == errc::parse_error);
    CHECK(e.where == "/x/1/1/1/b/c");
}

TEST_CASE("the same key in different objects is fine", "[io][json][duplicate]") {
    const auto doc = io::parse_continuum(
        R"({"format": "iopcare.continuum/1", "transitions": [{"from": "community", "to": "2.1"},
            {"from": "2.1", "to": "discharge"}]})",
        "c.json");
    CHECK(doc.spec.transitions.size() == 2);
}
