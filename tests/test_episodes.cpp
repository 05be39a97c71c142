// Episodes of care: moves, outcome figures per level, follow-up and data problems, each checked
// against figures worked out by hand from the record written here (dates in 2026; February has
// 28 days).
#include <cmath>
#include <string>
#include <vector>

#include "catch.hpp"
#include "iopcare/episodes.hpp"

using namespace iopcare;
using namespace std::chrono;
using R = discharge_reason;

namespace {

stay closed(const char* level, year_month_day in, year_month_day out, R reason) {
    return stay{level_code(level), in, out, reason};
}
stay ongoing(const char* level, year_month_day in) { return stay{level_code(level), in, std::nullopt, std::nullopt}; }

constexpr auto y = 2026y;

// Six patients (A-F) whose figures are worked out below.
episode_record sample() {
    episode_record r;
    r.episodes = {
        // A: withdrawal management, residential, IOP, outpatient: the standard way down.
        {"A", {closed("3.7-WM", y / 1 / 1, y / 1 / 5, R::completed), closed("3.5", y / 1 / 5, y / 2 / 4, R::completed),
               closed("2.1", y / 2 / 4, y / 3 / 18, R::completed), ongoing("1", y / 3 / 18)}},
        // B: residential straight to outpatient ten days later (skips IOP).
        {"B", {closed("3.5", y / 1 / 10, y / 2 / 9, R::dropped_out), closed("1", y / 2 / 19, y / 4 / 1, R::completed)}},
        // C: residential, transferred out of the record.
        {"C", {closed("3.5", y / 3 / 1, y / 3 / 20, R::transferred)}},
        // D: inpatient, died: not in the follow-up measure.
        {"D", {closed("4", y / 1 / 1, y / 1 / 10, R::died)}},
        // E: two IOP episodes; a readmission is a new episode, not a move.
        {"E", {closed("2.1", y / 1 / 5, y / 2 / 10, R::completed)}},
        {"E", {ongoing("2.1", y / 5 / 1)}},
        // F: PHP, up to residential, then IOP 45 days after leaving residential.
        {"F", {closed("2.5", y / 1 / 1, y / 2 / 1, R::terminated), closed("3.5", y / 2 / 1, y / 3 / 1, R::other),
               closed("2.1", y / 4 / 15, y / 5 / 15, R::completed)}},
    };
    return r;
}

bool is_nan(double x) { return std::isnan(x); }

}  // namespace

TEST_CASE("moves between consecutive stays: kind, whether allowed, and what a step-down skips") {
    const auto report = analyze(sample());
    struct expected {
        const char* patient;
        std::size_t episode, stay;
        const char *from, *to;
        transition_kind kind;
        bool allowed;
        std::vector<std::string> skipped;
    };
    using K = transition_kind;
    const std::vector<expected> want = {
        {"A", 0, 1, "3.7-WM", "3.5", K::lateral, true, {}},  // a withdrawal-management hand-off
        {"A", 0, 2, "3.5", "2.1", K::step_down, true, {}},
        {"A", 0, 3, "2.1", "1", K::step_down, true, {}},
        {"B", 1, 1, "3.5", "1", K::step_down, false, {"2.1"}},
        {"F", 6, 1, "2.5", "3.5", K::step_up, true, {}},
        {"F", 6, 2, "3.5", "2.1", K::step_down, true, {}},
    };
    REQUIRE(report.moves.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        const auto& m = report.moves[i];
        const auto& w = want[i];
        INFO(i);
        CHECK(m.patient == w.patient);
        CHECK(m.episode == w.episode);
        CHECK(m.stay == w.stay);
        CHECK(m.from.str() == w.from);
        CHECK(m.to.str() == w.to);
        CHECK(m.kind == w.kind);
        CHECK(m.allowed == w.allowed);
        std::vector<std::string> skipped;
        for (const auto& s : m.skipped) skipped.push_back(s.str());
        CHECK(skipped == w.skipped);
    }
    CHECK(report.moves[3].date == y / 2 / 19);
    CHECK(report.ok());
}

TEST_CASE("outcome figures per level, TEDS-D style") {
    const auto report = analyze(sample());
    // Levels with stays, in continuum (catalog) order.
    std::vector<std::string> order;
    for (const auto& l : report.levels) order.push_back(l.level.str());
    CHECK(order == std::vector<std::string>{"1", "2.1", "2.5", "3.5", "4", "3.7-WM"});

    // 3.5: A 30 days completed, B 30 dropped out, C 19 transferred, F 28 other.
    const level_outcomes* res = report.find("III.5");
    REQUIRE(res != nullptr);
    CHECK(res->stays == 4);
    CHECK(res->discharges == 4);
    CHECK(res->count(R::completed) == 1);
    CHECK(res->count(R::dropped_out) == 1);
    CHECK(res->count(R::transferred) == 1);
    CHECK(res->count(R::other) == 1);
    CHECK(res->count(R::died) == 0);
    CHECK(res->completion_rate == 0.25);
    CHECK(res->median_los_days == 29.0);  // (28 + 30) / 2
    CHECK(res->mean_los_days == 26.75);   // 107 / 4

    // 2.1: A 42 days, E 36, F 30, all completed; E's second stay is open.
    const level_outcomes* iop = report.find("2.1");
    REQUIRE(iop != nullptr);
    CHECK(iop->stays == 4);
    CHECK(iop->discharges == 3);
    CHECK(iop->completion_rate == 1.0);
    CHECK(iop->median_los_days == 36.0);
    CHECK(iop->mean_los_days == 36.0);

    // 1: A's stay is open; B's ran 2026-02-19 to 2026-04-01, 41 days.
    const level_outcomes* op = report.find("1");
    REQUIRE(op != nullptr);
    CHECK(op->stays == 2);
    CHECK(op->discharges == 1);
    CHECK(op->median_los_days == 41.0);

    const level_outcomes* inpatient = report.find("4");
    REQUIRE(inpatient != nullptr);
    CHECK(inpatient->count(R::died) == 1);
    CHECK(inpatient->completion_rate == 0.0);
    CHECK(inpatient->median_los_days == 9.0);
    CHECK(report.find("2.5")->median_los_days == 31.0);
    CHECK(report.find("3.7-WM")->mean_los_days == 4.0);
    CHECK(report.find("3.1") == nullptr);  // no stays, no entry
}

TEST_CASE("follow-up after high-intensity care within 7 and 30 days") {
    // Discharges from residential, inpatient or withdrawal management, death excluded:
    // A 3.7-WM (next stay the same day), A 3.5 (same day), B 3.5 (10 days), C 3.5 (none),
    // F 3.5 (45 days). D's inpatient stay ended in death.
    const auto f = analyze(sample()).follow_up;
    CHECK(f.discharges == 5);
    CHECK(f.within_7 == 2);
    CHECK(f.within_30 == 3);
    CHECK(f.rate_7 == 0.4);
    CHECK(f.rate_30 == 0.6);

    // Day 7 and day 30 count; day 8 and day 31 do not.
    episode_record edge;
    edge.episodes = {
        {"p7", {closed("3.5", y / 1 / 1, y / 1 / 11, R::completed), ongoing("2.1", y / 1 / 18)}},
        {"p8", {closed("3.5", y / 1 / 1, y / 1 / 11, R::completed), ongoing("2.1", y / 1 / 19)}},
        {"p30", {closed("3.7", y / 1 / 1, y / 1 / 11, R::completed), ongoing("1", y / 2 / 10)}},
        {"p31", {closed("4-WM", y / 1 / 1, y / 1 / 11, R::completed), ongoing("1", y / 2 / 11)}},
        // Outpatient care is not high-intensity: no denominator.
        {"q", {closed("2.1", y / 1 / 1, y / 1 / 11, R::completed), ongoing("1", y / 1 / 11)}},
    };
    const auto g = analyze(edge).follow_up;
    CHECK(g.discharges == 4);
    CHECK(g.within_7 == 1);
    CHECK(g.within_30 == 3);

    // The next stay may be in a later episode of the same patient.
    episode_record later;
    later.episodes = {{"r", {closed("3.5", y / 1 / 1, y / 1 / 31, R::dropped_out)}}, {"r", {ongoing("2.1", y / 2 / 3)}}};
    CHECK(analyze(later).follow_up.within_7 == 1);

    // No high-intensity discharges: the rates are undefined, not zero.
    episode_record none;
    none.episodes = {{"s", {ongoing("2.1", y / 1 / 1)}}};
    CHECK(analyze(none).follow_up.discharges == 0);
    CHECK(is_nan(analyze(none).follow_up.rate_7));
    CHECK(is_nan(analyze(none).find("2.1")->completion_rate));
    CHECK(is_nan(analyze(none).find("2.1")->median_los_days));
}

TEST_CASE("data problems are all reported, with patient, episode and stay") {
    episode_record r;
    r.episodes = {
        {"P",
         {
             closed("2.1", y / 3 / 10, y / 3 / 1, R::completed),                  // 0: discharged before admitted
             stay{level_code("1"), y / 3 / 5, y / 3 / 20, std::nullopt},           // 1: no reason
             stay{level_code("2.5"), y / 3 / 15, std::nullopt, R::completed},      // 2: overlaps 1; reason while open
         }},
        {"Q", {closed("2.1", y / 1 / 1, y / 2 / 1, R::completed)}},
        {"Q", {ongoing("3.5", y / 1 / 15)}},  // overlaps Q's first episode
        // Adjacent stays share no day: admitted on the previous discharge date is fine.
        {"S", {closed("3.5", y / 1 / 1, y / 1 / 20, R::completed), ongoing("2.1", y / 1 / 20)}},
    };
    const auto report = analyze(r);
    struct expected {
        const char* patient;
        std::size_t episode, stay;
        episode_problem_kind kind;
    };
    using P = episode_problem_kind;
    const std::vector<expected> want = {
        {"P", 0, 0, P::discharge_before_admission},
        {"P", 0, 1, P::missing_reason},
        {"P", 0, 2, P::overlapping_stays},
        {"P", 0, 2, P::reason_without_discharge},
        {"Q", 2, 0, P::overlapping_stays},
    };
    REQUIRE(report.problems.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO(i);
        CHECK(report.problems[i].patient == want[i].patient);
        CHECK(report.problems[i].episode == want[i].episode);
        CHECK(report.problems[i].stay == want[i].stay);
        CHECK(report.problems[i].kind == want[i].kind);
    }
    CHECK(report.problems[0].message == "discharged 2026-03-01, before the admission on 2026-03-10");
    CHECK(report.problems[2].message == "overlaps stay 1 of episode 0 (1 from 2026-03-05 to 2026-03-20)");
    CHECK(report.problems[4].message == "overlaps stay 0 of episode 1 (2.1 from 2026-01-01 to 2026-02-01)");
    CHECK_FALSE(report.ok());

    // The reversed stay's length is left out; the reasonless discharge counts as unknown.
    CHECK(report.find("2.1")->discharges == 2);
    CHECK(report.find("2.1")->median_los_days == 31.0);  // Q's 31 days only
    CHECK(report.find("1")->count(R::unknown) == 1);
}

TEST_CASE("input that is not a record is an error naming the place") {
    episode_record r;
    r.episodes = {{"A", {ongoing("2.1", y / 1 / 1), ongoing("9.9", y / 2 / 1)}}};
    try {
        (void)analyze(r);
        FAIL("no exception");
    } catch (const error& e) {
        CHECK(e.code() == errc::unknown_level);
        CHECK(e.where() == "/episodes/0/stays/1/level");
        CHECK(e.value() == "9.9");
    }
    r.episodes = {{"A", {ongoing("1", y / 1 / 1)}}};
    r.record_edition = edition::asam4;
    const auto bad = try_analyze(r, continuum::standard(edition::asam4));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == errc::ambiguous_level);
    CHECK(bad.error().where == "/episodes/0/stays/0/level");
    CHECK(bad.error().message.ends_with("it may mean 1.0, 1.5 or 1.7"));

    r.record_edition = edition::asam3;
    r.episodes = {{"", {ongoing("1", y / 1 / 1)}}};
    CHECK(try_analyze(r, continuum::standard()).error().where == "/episodes/0/patient");
    r.episodes = {{"A", {ongoing("1", y / 2 / 30)}}};
    CHECK(try_analyze(r, continuum::standard()).error().where == "/episodes/0/stays/0/admitted");
}

TEST_CASE("discharge reasons by name and high-intensity levels") {
    const std::vector<std::string> names = {"completed", "transferred", "dropped_out", "terminated",
                                            "incarcerated", "died", "other", "unknown"};
    for (const auto& n : names) {
        const auto r = parse_discharge_reason(n);
        REQUIRE(r);
        CHECK(to_string(*r) == n);
    }
    CHECK(parse_discharge_reason("Dropped out") == R::dropped_out);
    CHECK_FALSE(parse_discharge_reason("left"));

    const catalog& c3 = catalog::asam3();
    for (const char* high : {"3.1", "3.3", "3.5", "3.7", "4", "1-WM", "2-WM", "3.2-WM", "3.7-WM", "4-WM"}) {
        INFO(high);
        CHECK(is_high_intensity(c3.at(high)));
    }
    for (const char* low : {"0.5", "1", "2.1", "2.5", "OTS"}) {
        INFO(low);
        CHECK_FALSE(is_high_intensity(c3.at(low)));
    }
    // The 4th edition's outpatient levels that include withdrawal management are not.
    CHECK_FALSE(is_high_intensity(catalog::asam4().at("1.7")));
    CHECK(is_high_intensity(catalog::asam4().at("3.7")));
}
