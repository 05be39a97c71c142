// Every level of both built-in catalogs against docs/sources.md §1-2, written out by hand here.
#include <optional>
#include <string>
#include <vector>

#include "catch.hpp"
#include "iopcare/catalog.hpp"

using namespace iopcare;
using namespace std::chrono_literals;

namespace {

struct expected_level {
    const char* code;
    care_setting setting;
    int rank;
    bool twenty_four_hour;
    bool withdrawal;
    // Weekly hour bands in hours: minimum, maximum (exclusive), -1 for none / no maximum.
    double adult_min, adult_max, teen_min, teen_max;
};

constexpr double none = -1;

void check_band(const std::optional<hour_band>& band, double lo, double hi) {
    if (lo == none) {
        CHECK_FALSE(band.has_value());
        return;
    }
    REQUIRE(band.has_value());
    CHECK(band->minimum == minutes(static_cast<long>(lo * 60)));
    if (hi == none) {
        CHECK_FALSE(band->maximum.has_value());
    } else {
        REQUIRE(band->maximum.has_value());
        CHECK(*band->maximum == minutes(static_cast<long>(hi * 60)));
        CHECK_FALSE(band->maximum_inclusive);
    }
    CHECK_FALSE(band->source.empty());
}

}  // namespace

TEST_CASE("ASAM 3rd edition catalog matches docs/sources.md") {
    using S = care_setting;
    const std::vector<expected_level> expected = {
        {"0.5", S::outpatient, 5, false, false, none, none, none, none},
        {"1", S::outpatient, 10, false, false, 0, 9, 0, 6},          // under 9 adults, under 6 adolescents
        {"2.1", S::outpatient, 21, false, false, 9, 20, 6, 20},     // 9-19 / 6-19 h (Aetna quoting ASAM)
        {"2.5", S::day, 25, false, false, 20, none, 20, none},      // 20+ h
        {"3.1", S::residential, 31, true, false, 5, none, none, none},  // N.D. Admin. Code: at least 5 h
        {"3.3", S::residential, 33, true, false, none, none, none, none},
        {"3.5", S::residential, 35, true, false, none, none, none, none},
        {"3.7", S::residential, 37, true, false, none, none, none, none},
        {"4", S::hospital, 40, true, false, none, none, none, none},
        {"1-WM", S::outpatient, 10, false, true, none, none, none, none},
        {"2-WM", S::day, 20, false, true, none, none, none, none},
        {"3.2-WM", S::residential, 32, true, true, none, none, none, none},
        {"3.7-WM", S::residential, 37, true, true, none, none, none, none},
        {"4-WM", S::hospital, 40, true, true, none, none, none, none},
        {"OTS", S::outpatient, 10, false, false, none, none, none, none},
    };
    const catalog& c = catalog::asam3();
    CHECK(c.catalog_edition() == edition::asam3);
    REQUIRE(c.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& e = expected[i];
        INFO(e.code);
        const care_level& l = c.levels()[i];
        CHECK(l.code.str() == e.code);
        CHECK(l.setting == e.setting);
        CHECK(l.intensity_rank == e.rank);
        CHECK(l.twenty_four_hour == e.twenty_four_hour);
        CHECK(l.withdrawal_management == e.withdrawal);
        // The 3rd edition's withdrawal-management levels are that and nothing else.
        CHECK((l.purpose == level_purpose::withdrawal_management) == e.withdrawal);
        CHECK(l.catalog_edition == edition::asam3);
        CHECK_FALSE(l.name.empty());
        check_band(l.adult_hours, e.adult_min, e.adult_max);
        check_band(l.adolescent_hours, e.teen_min, e.teen_max);
    }
    CHECK(c.at("4").medical == medical_care::medically_managed);
    CHECK(c.at("3.7").medical == medical_care::medically_monitored);
    CHECK(c.at("3.5").medical == medical_care::clinically_managed);
    CHECK(c.at("4-WM").medical == medical_care::medically_managed);
}

TEST_CASE("ASAM 4th edition catalog matches docs/sources.md") {
    using S = care_setting;
    const std::vector<expected_level> expected = {
        {"1.0", S::outpatient, 10, false, false, none, none, none, none},
        {"1.5", S::outpatient, 15, false, false, 0, 9, none, none},
        {"1.7", S::outpatient, 17, false, true, none, none, none, none},
        {"2.1", S::outpatient, 21, false, false, 9, 20, none, none},   // 9-19 h
        {"2.5", S::day, 25, false, false, 20, none, none, none},       // HIOP, 20+ h
        {"2.7", S::day, 27, false, true, none, none, none, none},
        {"3.1", S::residential, 31, true, false, none, none, none, none},
        {"3.5", S::residential, 35, true, false, none, none, none, none},
        {"3.7", S::residential, 37, true, true, none, none, none, none},
        {"4", S::hospital, 40, true, true, none, none, none, none},
    };
    const catalog& c = catalog::asam4();
    CHECK(c.catalog_edition() == edition::asam4);
    REQUIRE(c.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& e = expected[i];
        INFO(e.code);
        const care_level& l = c.levels()[i];
        CHECK(l.code.str() == e.code);
        CHECK(l.setting == e.setting);
        CHECK(l.intensity_rank == e.rank);
        CHECK(l.twenty_four_hour == e.twenty_four_hour);
        CHECK(l.withdrawal_management == e.withdrawal);
        // The 4th edition integrates withdrawal management into treatment levels.
        CHECK(l.purpose == level_purpose::treatment);
        check_band(l.adult_hours, e.adult_min, e.adult_max);
        check_band(l.adolescent_hours, e.teen_min, e.teen_max);
    }
    // 3.3 and 3.2-WM are gone in the 4th edition.
    CHECK_FALSE(c.contains("3.3"));
    CHECK_FALSE(c.contains("3.2-WM"));
}

TEST_CASE("IOP adult band: 9 h meets, 8.99 h and 20 h do not") {
    const auto& band = *catalog::asam3().at("2.1").hours_for(population::adult);
    CHECK(band.contains(9h));
    CHECK_FALSE(band.contains(539min));
    CHECK(band.contains(19h));
    CHECK_FALSE(band.contains(20h));
    const auto& teen = *catalog::asam3().at("2.1").hours_for(population::adolescent);
    CHECK(teen.contains(6h));
    CHECK_FALSE(teen.contains(359min));
}

TEST_CASE("lookup accepts spellings and edition-specific forms") {
    const catalog& c3 = catalog::asam3();
    const catalog& c4 = catalog::asam4();
    CHECK(c3.at("II.1").code.str() == "2.1");
    CHECK(c3.at("Level III.5").code.str() == "3.5");
    CHECK(c3.at("3.2-D").code.str() == "3.2-WM");
    CHECK(c3.at("1.0").code.str() == "1");
    CHECK(c3.at("4.0").code.str() == "4");
    CHECK(c3.at("OTP").code.str() == "OTS");
    CHECK(c4.at("1.0").code.str() == "1.0");
    CHECK(c4.at("IV").code.str() == "4");
    CHECK(c4.at("2.7").code.str() == "2.7");
    CHECK(c3.find("2.7") == nullptr);
}

TEST_CASE("a bare 1 in the 4th edition is ambiguous and the error names 1.0, 1.5 and 1.7") {
    const catalog& c4 = catalog::asam4();
    CHECK(c4.find("1") == nullptr);
    CHECK(c4.find("I") == nullptr);
    std::vector<std::string> candidates;
    for (const care_level* l : c4.matches("Level 1")) candidates.push_back(l->code.str());
    CHECK(candidates == std::vector<std::string>{"1.0", "1.5", "1.7"});
    try {
        (void)c4.at("1");
        FAIL("no exception");
    } catch (const error& e) {
        CHECK(e.code() == errc::ambiguous_level);
        CHECK(e.value() == "1");
        CHECK(e.message() == "the code is ambiguous in the catalog 'ASAM Criteria, 4th edition (2023)': it may mean 1.0, 1.5 or 1.7");
        CHECK(std::string(e.what()).starts_with("[iopcare.level.ambiguous] code: "));
    }
    const auto r = c4.lookup("1");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == errc::ambiguous_level);
    // A bare number with a level of that exact code, or one N.x level only, is not ambiguous.
    CHECK(c4.at("4").code.str() == "4");
    CHECK(catalog::asam3().at("1").code.str() == "1");
    catalog one("one 1.x", edition::custom);
    one.add(catalog::asam4().at("1.0"));
    CHECK(one.at("1").code.str() == "1.0");
    // The 3rd edition's "2" could be 2.1 or 2.5; its "3-WM" 3.2-WM or 3.7-WM.
    CHECK(catalog::asam3().lookup_error("2").message.ends_with("it may mean 2.1 or 2.5"));
    CHECK(catalog::asam3().lookup_error("3-WM").message.ends_with("it may mean 3.2-WM or 3.7-WM"));
    CHECK(catalog::asam3().lookup_error("9.9").code == errc::unknown_level);
}

TEST_CASE("an unknown code is an error that names it") {
    try {
        (void)catalog::asam3().at("2.3");
        FAIL("no exception");
    } catch (const error& e) {
        CHECK(e.code() == errc::unknown_level);
        CHECK(e.value() == "2.3");
        CHECK(std::string(e.what()).find("2.3") != std::string::npos);
        CHECK(std::string(e.what()).find("3rd edition") != std::string::npos);
    }
    auto r = catalog::asam4().lookup("3.3");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == errc::unknown_level);
    CHECK(r.error().value == "3.3");
}

TEST_CASE("hosts add their own levels without recompiling") {
    catalog state = catalog::asam3();
    care_level co{level_code("CO-SUD-IOP"), "Colorado adolescent IOP", edition::custom,
                  care_setting::outpatient, 21};
    co.adolescent_hours = hour_band{6h, 20h, false, "state rule"};
    state.add(co);
    CHECK(state.size() == catalog::asam3().size() + 1);
    CHECK(state.at("co-sud-iop").name == "Colorado adolescent IOP");
    CHECK(catalog::asam3().find("CO-SUD-IOP") == nullptr);  // the built-in catalog is untouched

    // A host level in a level-code spelling is stored canonically.
    catalog custom("clinic");
    custom.add(care_level{level_code("II.1"), "Our IOP"});
    CHECK(custom.levels()[0].code.str() == "2.1");

    CHECK_THROWS_MATCHES(state.add(care_level{level_code("2.1"), "again"}), error,
                         Catch::Matchers::Predicate<error>(
                             [](const error& e) { return e.code() == errc::duplicate_level && e.value() == "2.1"; }));
    CHECK_THROWS_MATCHES(state.add(care_level{level_code("  "), "blank"}), error,
                         Catch::Matchers::Predicate<error>(
                             [](const error& e) { return e.code() == errc::invalid_level && e.where() == "code"; }));
    CHECK_THROWS_MATCHES(state.add(care_level{level_code("X1"), ""}), error,
                         Catch::Matchers::Predicate<error>(
                             [](const error& e) { return e.code() == errc::invalid_level && e.where() == "name"; }));
}

TEST_CASE("crosswalk between the editions") {
    auto one = crosswalk_from_third("2.1");
    REQUIRE(one.size() == 1);
    CHECK(one[0].fourth->str() == "2.1");
    CHECK(one[0].match == crosswalk_match::equivalent);

    auto php = crosswalk_from_third("II.5");
    REQUIRE(php.size() == 1);
    CHECK(php[0].fourth->str() == "2.5");

    // Medically monitored 3.7 becomes medically managed 3.7 in the 4th edition: the same code,
    // not the same care, so the match is approximate.
    auto monitored = crosswalk_from_third("3.7");
    REQUIRE(monitored.size() == 1);
    CHECK(monitored[0].fourth->str() == "3.7");
    CHECK(monitored[0].match == crosswalk_match::approximate);
    CHECK(catalog::asam3().at("3.7").medical == medical_care::medically_monitored);
    CHECK(catalog::asam4().at("3.7").medical == medical_care::medically_managed);

    // Levels the 4th edition removed map only approximately (docs/sources.md: 3.3 and 3.2-WM go away).
    for (const char* gone : {"3.3", "3.2-WM"}) {
        INFO(gone);
        const auto entries = crosswalk_from_third(gone);
        REQUIRE_FALSE(entries.empty());
        for (const auto& e : entries) CHECK(e.match == crosswalk_match::approximate);
    }
    auto early = crosswalk_from_third("0.5");
    REQUIRE(early.size() == 1);
    CHECK(early[0].match == crosswalk_match::none);
    CHECK_FALSE(early[0].fourth.has_value());

    // Every 3rd-edition level appears, and every 4th-edition target exists.
    for (const auto& l : catalog::asam3()) {
        INFO(l.code.str());
        CHECK_FALSE(crosswalk_from_third(l.code.str()).empty());
    }
    for (const auto& e : asam_crosswalk()) {
        if (e.fourth) CHECK(catalog::asam4().contains(e.fourth->str()));
        CHECK(catalog::asam3().contains(e.third.str()));
    }
    // Backwards: 3.5 in the 4th edition gathers 3.5, 3.3 and 3.2-WM.
    std::vector<std::string> from;
    for (const auto& e : crosswalk_from_fourth("3.5")) from.push_back(e.third.str());
    CHECK(from == std::vector<std::string>{"3.3", "3.5", "3.2-WM"});
    CHECK(crosswalk_from_fourth("1.0").empty());
    CHECK_THROWS_AS(crosswalk_from_third("2.7"), error);
}
