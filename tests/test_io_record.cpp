// The clinical record's formats: iopcare.placement-rules/1, iopcare.assessment/1 and
// iopcare.episodes/1 read what they write, the shipped samples say what their documentation
// says, and bad input names its place.
#include <cmath>
#include <string>

#include "catch.hpp"
#include "iopcare/io/continuum_json.hpp"
#include "iopcare/io/episodes.hpp"
#include "iopcare/io/placement.hpp"

using namespace iopcare;
using namespace std::chrono;

namespace {

std::string sample(const char* name) { return std::string(IOPCARE_SOURCE_DIR) + "/examples/formats/" + name; }

errc code_of(auto&& f) {
    try {
        f();
    } catch (const error& e) {
        return e.code();
    }
    return errc::ok;
}

}  // namespace

TEST_CASE("the shipped placement-rules sample is the illustrative 3rd-edition set") {
    const placement_rules loaded = io::load_placement_rules(sample("placement-rules.json"));
    CHECK(loaded == placement_rules::illustrative(edition::asam3));
    // And each illustrative set reads back what it writes.
    for (auto ed : {edition::asam3, edition::asam4}) {
        const auto& rules = placement_rules::illustrative(ed);
        CHECK(io::parse_placement_rules(io::to_json(rules)) == rules);
    }
}

TEST_CASE("the shipped assessment reads as written and round-trips") {
    const assessment a = io::load_assessment(sample("assessment.json"));
    CHECK(a.assessed_edition == edition::asam3);
    CHECK(a.patient == "p-104");
    CHECK(a.date == 2026y / November / 20d);
    CHECK(a.ratings == std::array<int, 6>{1, 0, 3, 2, 2, 3});
    REQUIRE(a.provided_level);
    CHECK(a.provided_level->str() == "2.1");
    CHECK(a.reason_for_variance == variance_reason::waitlist);
    CHECK(a.notes[5] == "lives with a partner who drinks daily; no other place to stay");
    CHECK(a.notes[0].empty());

    const assessment back = io::parse_assessment(io::to_json(a));
    CHECK(back.ratings == a.ratings);
    CHECK(back.notes == a.notes);
    CHECK(back.provided_level == a.provided_level);
    CHECK(back.reason_for_variance == a.reason_for_variance);
    CHECK(back.date == a.date);
}

TEST_CASE("level codes are stored canonical, and a 4th-edition bare 1 is refused with its candidates") {
    const std::string text = R"({"format": "iopcare.assessment/1", "edition": "asam3", "patient": "x",
        "date": "2026-01-02", "ratings": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 0},
        "provided_level": "Level II.1"})";
    CHECK(io::parse_assessment(text).provided_level->str() == "2.1");
    std::string four = text;
    four.replace(four.find("asam3"), 5, "asam4");
    four.replace(four.find("Level II.1"), 10, "I");
    try {
        (void)io::parse_assessment(four, "a.json");
        FAIL("no exception");
    } catch (const error& e) {
        CHECK(e.code() == errc::ambiguous_level);
        CHECK(e.where() == "/provided_level");
        CHECK(e.message().ends_with("it may mean 1.0, 1.5 or 1.7"));
    }
}

TEST_CASE("the shipped episodes sample: what it holds and a round trip") {
    const episode_record r = io::load_episodes(sample("episodes.json"));
    CHECK(r.record_edition == edition::asam3);
    REQUIRE(r.episodes.size() == 7);
    CHECK(r.episodes[0].patient == "A");
    REQUIRE(r.episodes[0].stays.size() == 4);
    CHECK(r.episodes[0].stays[0].level.str() == "3.7-WM");
    CHECK(r.episodes[0].stays[0].length_of_stay_days() == 4);
    CHECK_FALSE(r.episodes[0].stays[3].discharged);
    CHECK(r.episodes[1].stays[0].reason == discharge_reason::dropped_out);

    const episode_record back = io::parse_episodes(io::to_json(r));
    CHECK(io::to_json(back) == io::to_json(r));
    REQUIRE(back.episodes.size() == r.episodes.size());
    CHECK(back.episodes[6].stays[1].admitted == 2026y / February / 1d);
}

TEST_CASE("the report writers through the library API") {
    const episode_report report = analyze(io::load_episodes(sample("episodes.json")));
    const std::string follow_up = io::episode_report_to_csv(report, io::episode_table::follow_up);
    CHECK(follow_up == "discharges,within_7,within_30,rate_7,rate_30\r\n5,2,3,0.4,0.6\r\n");
    const std::string text = io::episode_report_to_text(report);
    CHECK(text.starts_with("7 episodes of 6 patients, 13 stays\n"));
    CHECK(text.find("problems: none\n") != std::string::npos);

    // Undefined figures: null in JSON, empty in CSV, n/a in text.
    episode_record open_only;
    open_only.episodes = {{"Z", {stay{level_code("2.1"), 2026y / 1 / 5d, std::nullopt, std::nullopt}}}};
    const episode_report empty = analyze(open_only);
    CHECK(io::episode_report_to_json(empty, -1).find(R"("completion_rate":null,"median_los_days":null)") !=
          std::string::npos);
    CHECK(io::episode_report_to_csv(empty, io::episode_table::levels).ends_with("\r\n2.1,1,0,0,0,0,0,0,0,0,0,,,\r\n"));
    CHECK(io::episode_report_to_text(empty).find("2.1        1           0         n/a         n/a       n/a\n") !=
          std::string::npos);

    // A patient id with a comma, a quote and a line break cannot add a CSV row.
    episode_record odd;
    odd.episodes = {{"Doe, \"J\"\nnext", {stay{level_code("2.1"), 2026y / 1 / 5d, 2026y / 1 / 1d, discharge_reason::completed}}}};
    const std::string problems = io::episode_report_to_csv(analyze(odd), io::episode_table::problems);
    CHECK(problems.starts_with("patient,episode,stay,code,message\r\n\"Doe, \"\"J\"\"\nnext\",0,0,"));
    // In text the same id stays on its line, escaped.
    const std::string text_report = io::episode_report_to_text(analyze(odd));
    CHECK(text_report.find("  patient Doe, \"J\"\\nnext, episode 0, stay 0: discharge_before_admission") != std::string::npos);

    const assessment a = io::load_assessment(sample("assessment.json"));
    const auto& rules = placement_rules::illustrative(edition::asam3);
    const placement p = place(a, rules);
    const candidacy c = assess_candidacy(a, rules, catalog::asam3());
    const std::string json = io::placement_to_json(a, rules, p, c, -1);
    CHECK(json.find(R"("indicated_level":"3.1","by_default":false,"provided_level":"2.1","variance":true,)"
                    R"("variance_reason":"waitlist","complete":true,)") != std::string::npos);
    CHECK(json.ends_with(R"("candidacy":{"level":"2.1","candidate":false,"ruled_out_by":[3,6]}})"));
}

TEST_CASE("bad input names the JSON path and the value") {
    const std::string ok_stay = R"({"level": "2.1", "admitted": "2026-01-01"})";
    auto episodes = [](const std::string& stay) {
        return R"({"format": "iopcare.episodes/1", "edition": "asam3", "episodes": [{"patient": "A", "stays": [)" + stay +
               "]}]}";
    };
    CHECK_NOTHROW(io::parse_episodes(episodes(ok_stay)));
    try {
        (void)io::parse_episodes(episodes(R"({"level": "2.1", "admitted": "2026-01-01", "reason": "quit"})"));
        FAIL("no exception");
    } catch (const error& e) {
        CHECK(e.code() == errc::invalid_episode);
        CHECK(e.where() == "/episodes/0/stays/0/reason");
        CHECK(e.value() == "quit");
    }
    CHECK(code_of([&] { (void)io::parse_episodes(episodes(R"({"level": "2.1", "admitted": "01/02/2026"})")); }) ==
          errc::invalid_date);
    CHECK(code_of([&] { (void)io::parse_episodes(episodes(R"({"level": "2.1"})")); }) == errc::missing_field);
    CHECK(code_of([&] { (void)io::parse_episodes(episodes(R"({"level": 21, "admitted": "2026-01-01"})")); }) ==
          errc::wrong_type);
    CHECK(code_of([&] { (void)io::parse_episodes(R"({"format": "iopcare.episodes/1", "episodes": []})"); }) ==
          errc::missing_field);
    CHECK(code_of([&] { (void)io::parse_placement_rules(R"({"format": "iopcare.placement-rules/1", "id": "x",
        "edition": "asam3", "default_level": "0.5", "rules": [], "extra": 1})"); }) == errc::unknown_field);
    CHECK(code_of([&] { (void)io::parse_assessment("[1, 2]"); }) == errc::wrong_type);
    CHECK(code_of([&] { (void)io::load_episodes("no-such-file.json"); }) == errc::io_error);
}
