#include <string>

#include "catch.hpp"
#include "iopcare/level.hpp"

using namespace iopcare;
using namespace std::chrono_literals;

TEST_CASE("parse_level_code accepts the common spellings") {
    struct row {
        const char* text;
        const char* canonical;
    };
    const row rows[] = {
        {"2.1", "2.1"},         {" 2.1 ", "2.1"},       {"II.1", "2.1"},       {"ii.1", "2.1"},
        {"Level 2.1", "2.1"},   {"ASAM Level II.5", "2.5"}, {"III.7", "3.7"},  {"IV", "4"},
        {"4", "4"},             {"I", "1"},             {"1.0", "1.0"},        {"0.5", "0.5"},
        {"3.2-WM", "3.2-WM"},   {"3.2-D", "3.2-WM"},    {"III.2-D", "3.2-WM"}, {"3.2 WM", "3.2-WM"},
        {"3.2wm", "3.2-WM"},    {"I-D", "1-WM"},        {"4-wm", "4-WM"},      {"OTP", "OTS"},
        {"ots", "OTS"},         {"level: 3.5", "3.5"},
    };
    for (const auto& r : rows) {
        INFO(r.text);
        const auto code = parse_level_code(r.text);
        REQUIRE(code.has_value());
        CHECK(code->str() == r.canonical);
    }
}

TEST_CASE("parse_level_code rejects text that is not a level code") {
    for (const char* text : {"", "   ", "five", "2.", "2.1.3", "21", "5", "V", "0", "0.7", "2.1-XY", "Level",
                             "-WM"}) {
        INFO(text);
        CHECK_FALSE(parse_level_code(text).has_value());
    }
}

TEST_CASE("hour_band bounds: inclusive minimum, exclusive or inclusive maximum") {
    const hour_band iop{9h, 20h, false, ""};
    CHECK_FALSE(iop.contains(539min));  // 8.98 h
    CHECK(iop.contains(540min));        // exactly 9 h
    CHECK(iop.contains(1199min));       // 19.98 h
    CHECK_FALSE(iop.contains(1200min)); // exactly 20 h is PHP territory
    CHECK(iop.below(539min));
    CHECK(iop.above(1200min));
    CHECK_FALSE(iop.above(1199min));

    const hour_band tip47{9h, 20h, true, ""};
    CHECK(tip47.contains(1200min));
    CHECK_FALSE(tip47.contains(1201min));

    const hour_band php{20h, std::nullopt, false, ""};
    CHECK(php.contains(100h));
    CHECK_FALSE(php.above(1000h));
    CHECK(php.below(1199min));
}

TEST_CASE("hour_band describes itself") {
    CHECK(hour_band{9h, 20h, false, ""}.describe() == "9-<20 h/week");
    CHECK(hour_band{20h, std::nullopt, false, ""}.describe() == "20+ h/week");
    CHECK(hour_band{0min, 9h, false, ""}.describe() == "<9 h/week");
    CHECK(hour_band{90min, 20h, true, ""}.describe() == "1.50-20 h/week");
}

TEST_CASE("enumerations print as snake_case words") {
    CHECK(to_string(care_setting::day) == "day");
    CHECK(to_string(medical_care::medically_monitored) == "medically_monitored");
    CHECK(to_string(population::adolescent) == "adolescent");
    CHECK(to_string(edition::asam4) == "asam4");
}
