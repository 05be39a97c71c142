#include <algorithm>
#include <string>
#include <vector>

#include "catch.hpp"
#include "iopcare/continuum.hpp"

using namespace iopcare;

namespace {

std::vector<std::string> codes(const std::vector<level_code>& v) {
    std::vector<std::string> out;
    for (const auto& c : v) out.push_back(c.str());
    return out;
}

using strings = std::vector<std::string>;

// A small valid continuum used as the base of the validation tests.
continuum_spec small_spec() {
    continuum_spec s;
    s.name = "small";
    s.levels = {"3.5", "2.1", "1"};
    s.transitions = {
        {"community", "3.5", {}, {}, ""},
        {"3.5", "2.1", {}, {}, ""},
        {"2.1", "1", {}, {}, ""},
        {"1", "discharge", {}, {}, ""},
    };
    return s;
}

std::vector<continuum_problem_kind> kinds(const std::vector<continuum_problem>& ps) {
    std::vector<continuum_problem_kind> out;
    for (const auto& p : ps) out.push_back(p.kind);
    return out;
}

}  // namespace

TEST_CASE("the standard continuum allows the usual moves, with their kinds") {
    const continuum& c = continuum::standard();
    struct move {
        const char* from;
        const char* to;
        transition_kind kind;
    };
    using K = transition_kind;
    const move allowed[] = {
        {"3.5", "2.1", K::step_down},  // residential -> IOP (step-down)
        {"2.5", "2.1", K::step_down},  // PHP -> IOP
        {"2.1", "1", K::step_down},    // IOP -> weekly outpatient
        {"1", "2.1", K::step_up},      // outpatient -> IOP (step-up)
        {"2.1", "2.5", K::step_up},
        {"4", "3.7", K::step_down},
        {"3.7", "3.5", K::step_down},
        {"community", "2.1", K::admission},
        {"community", "3.7-WM", K::admission},
        {"1", "discharge", K::discharge},
        // Withdrawal management hands over to treatment laterally, whatever the ranks say
        // (3.2-WM ranks below 3.5, 3.7-WM above it, 1-WM below 2.1, 2-WM below 2.1 and 2.5).
        {"3.2-WM", "3.5", K::lateral},
        {"2-WM", "2.1", K::lateral},
        {"3.7-WM", "3.5", K::lateral},
        {"1-WM", "2.1", K::lateral},
        {"2-WM", "2.5", K::lateral},
        // Discharge from every level: patients complete, transfer or drop out anywhere.
        {"2.1", "discharge", K::discharge},
        {"3.5", "discharge", K::discharge},
        {"4-WM", "discharge", K::discharge},
    };
    for (const auto& m : allowed) {
        INFO(m.from << " -> " << m.to);
        const auto a = c.assess(m.from, m.to);
        CHECK(a.allowed);
        CHECK(a.kind == m.kind);
        CHECK(a.skipped.empty());
        CHECK(c.allows(m.from, m.to));
        REQUIRE(c.find(m.from, m.to) != nullptr);
        CHECK(c.find(m.from, m.to)->kind == m.kind);
    }
}

TEST_CASE("moves that skip a standard step name the skipped levels") {
    const continuum& c = continuum::standard();
    // Seed 003: residential straight to weekly outpatient skips IOP.
    auto a = c.assess("3.5", "1");
    CHECK_FALSE(a.allowed);
    CHECK(a.reachable);
    CHECK(a.kind == transition_kind::step_down);
    CHECK(codes(a.skipped) == strings{"2.1"});
    CHECK(a.skips_a_step());
    CHECK(a.ranks_between == 4);  // 3.3 (33), 3.1 (31), 2.5 (25) and 2.1 (21) lie between 35 and 10

    // Inpatient straight to IOP skips residential.
    a = c.assess("4", "2.1");
    CHECK(a.kind == transition_kind::step_down);
    CHECK(codes(a.skipped) == strings{"3.5"});
}

TEST_CASE("a step-up straight to the indicated level is not a skip") {
    const continuum& c = continuum::standard();
    // Outpatient straight to PHP: not a transition of the standard continuum, but going up to
    // the level a placement indicates passes no step a patient needed.
    auto a = c.assess("1", "2.5");
    CHECK_FALSE(a.allowed);
    CHECK(a.kind == transition_kind::step_up);
    CHECK(a.skipped.empty());
    CHECK_FALSE(a.skips_a_step());
    CHECK(a.ranks_between == 1);  // 2.1

    // IOP to residential 3.5 is in the continuum; it passes 2.5, 3.1 and 3.3.
    a = c.assess("2.1", "3.5");
    CHECK(a.allowed);
    CHECK(a.kind == transition_kind::step_up);
    CHECK(a.skipped.empty());
    CHECK(a.ranks_between == 3);

    // Outpatient straight to inpatient: many ranks, still no skip.
    a = c.assess("1", "4");
    CHECK(a.kind == transition_kind::step_up);
    CHECK(a.skipped.empty());
}

TEST_CASE("discharge is allowed from every level of both standard continua") {
    for (auto ed : {edition::asam3, edition::asam4}) {
        const continuum& c = continuum::standard(ed);
        for (const auto& l : c.levels()) {
            INFO(to_string(ed) << " " << l.code.str());
            const auto a = c.assess(l.code.str(), "discharge");
            CHECK(a.allowed);
            CHECK(a.kind == transition_kind::discharge);
            CHECK(a.skipped.empty());
        }
    }
    // The example of the clinical-record issue: leaving IOP is an allowed discharge.
    CHECK(continuum::standard().assess("2.1", "discharge").allowed);
}

TEST_CASE("a discharge not in a host's continuum still names the steps it skips") {
    // In the small continuum only outpatient discharges: leaving from residential skips 2.1 and 1.
    const continuum c = continuum::build(small_spec(), catalog::asam3());
    auto a = c.assess("3.5", "discharge");
    CHECK_FALSE(a.allowed);
    CHECK(a.kind == transition_kind::discharge);
    CHECK(codes(a.skipped) == strings{"2.1", "1"});
    CHECK(a.ranks_between == 0);
    a = c.assess("II.1", "discharge");
    CHECK(codes(a.skipped) == strings{"1"});
}

TEST_CASE("withdrawal-management hand-offs are lateral by rule") {
    const catalog& levels = catalog::asam3();
    continuum_spec s;
    s.name = "wm";
    s.levels = {"3.7-WM", "3.2-WM", "3.5", "2.1", "1"};
    s.transitions = {
        {"community", "3.7-WM", {}, {}, ""},
        {"community", "3.2-WM", {}, {}, ""},
        {"3.7-WM", "3.5", {}, {}, ""},  // ranks 37 -> 35: inferred lateral, not a step-down
        {"3.2-WM", "3.5", {}, {}, ""},  // ranks 32 -> 35: inferred lateral, not a step-up
        {"3.5", "2.1", {}, {}, ""},
        {"2.1", "1", {}, {}, ""},
        {"1", "discharge", {}, {}, ""},
    };
    REQUIRE(check(s, levels).empty());
    const continuum c = continuum::build(s, levels);
    CHECK(c.find("3.7-WM", "3.5")->kind == transition_kind::lateral);
    CHECK(c.find("3.2-WM", "3.5")->kind == transition_kind::lateral);
    CHECK(c.find("3.5", "2.1")->kind == transition_kind::step_down);
    // A hand-off not in the continuum is lateral too, and skips nothing.
    const auto a = c.assess("3.7-WM", "2.1");
    CHECK(a.kind == transition_kind::lateral);
    CHECK(a.skipped.empty());
    // Declaring a hand-off a step-up or step-down is a problem that says why.
    s.transitions[3].kind = transition_kind::step_up;
    const auto ps = check(s, levels);
    // The refused edge was 3.2-WM's only way on, so it also has no way to discharge.
    REQUIRE(kinds(ps) == std::vector{continuum_problem_kind::invalid_transition, continuum_problem_kind::no_discharge_path});
    CHECK(ps[0].where == "/transitions/3");
    CHECK(ps[0].message == "a hand-off between withdrawal management and treatment is lateral, not a step_up");
}

TEST_CASE("an ambiguous code in a 4th-edition continuum names its candidates") {
    continuum_spec s;
    s.name = "bare one";
    s.levels = {"2.1", "1"};
    s.transitions = {{"community", "2.1", {}, {}, ""}, {"2.1", "1", {}, {}, ""}, {"1", "discharge", {}, {}, ""}};
    const auto ps = check(s, catalog::asam4());
    REQUIRE_FALSE(ps.empty());
    CHECK(ps[0].kind == continuum_problem_kind::unknown_level);
    CHECK(ps[0].where == "/levels/1");
    CHECK(ps[0].message.ends_with("it may mean 1.0, 1.5 or 1.7"));
    try {
        (void)continuum::standard(edition::asam4).assess("2.1", "1");
        FAIL("no exception");
    } catch (const error& e) {
        CHECK(e.code() == errc::ambiguous_level);
        CHECK(e.value() == "1");
    }
}

TEST_CASE("next steps, pathways and reachability are deterministic") {
    const continuum& c = continuum::standard();
    std::vector<std::string> next;
    for (const auto& t : c.next_steps("3.5")) next.push_back(t.to.str() + ":" + std::string(to_string(t.kind)));
    CHECK(next == strings{"3.1:step_down", "2.5:step_down", "2.1:step_down", "3.7:step_up", "discharge:discharge"});

    CHECK(codes(c.step_down_pathway("3.5", "1")) == strings{"3.5", "2.1", "1"});
    // Towards discharge the pathway steps down as far as it goes, though every level may discharge.
    CHECK(codes(c.step_down_pathway("2.5", "discharge")) == strings{"2.5", "2.1", "1", "discharge"});
    CHECK(codes(c.step_down_pathway("3.7", "discharge")) == strings{"3.7", "3.5", "2.1", "1", "discharge"});
    CHECK(codes(continuum::standard(edition::asam4).step_down_pathway("3.5", "discharge")) ==
          strings{"3.5", "2.1", "1.5", "1.0", "discharge"});
    CHECK(codes(c.step_down_pathway("1", "3.5")).empty());  // no step-downs go up

    const auto from_op = codes(c.reachable_from("1"));
    CHECK(std::find(from_op.begin(), from_op.end(), "discharge") != from_op.end());
    CHECK(std::find(from_op.begin(), from_op.end(), "4") != from_op.end());  // by step-ups
    CHECK(std::find(from_op.begin(), from_op.end(), "1") == from_op.end());  // start excluded
    CHECK(codes(c.reachable_from("discharge")).empty());
    CHECK(c.next_steps("community").size() == catalog::asam3().size());
}

TEST_CASE("both standard continua are valid and every level can be admitted and discharged") {
    for (auto ed : {edition::asam3, edition::asam4}) {
        INFO(to_string(ed));
        CHECK(check(continuum::standard_spec(ed), catalog::of(ed)).empty());
        const continuum& c = continuum::standard(ed);
        CHECK(c.levels().size() == catalog::of(ed).size());
        for (const auto& l : c.levels()) {
            INFO(l.code.str());
            CHECK(c.allows("community", l.code.str()));
            const auto down = c.reachable_from(l.code.str());
            CHECK(std::find(down.begin(), down.end(), level_code("discharge")) != down.end());
        }
    }
    const continuum& c4 = continuum::standard(edition::asam4);
    CHECK(codes(c4.assess("3.5", "1.5").skipped) == strings{"2.1"});
    CHECK(c4.assess("2.1", "1.5").allowed);
}

TEST_CASE("unknown codes in queries are errors naming them") {
    const continuum& c = continuum::standard();
    try {
        (void)c.assess("3.5", "2.7");
        FAIL("no exception");
    } catch (const error& e) {
        CHECK(e.code() == errc::unknown_level);
        CHECK(e.value() == "2.7");
    }
    CHECK_THROWS_AS(c.next_steps("nowhere"), error);
}

TEST_CASE("DOT export names every level and transition") {
    const continuum c = continuum::build(small_spec(), catalog::asam3());
    const std::string dot = c.to_dot();
    CHECK(dot.rfind("digraph", 0) == 0);
    CHECK(dot.find("label=\"3.5\\nClinically managed high-intensity residential services\"") != std::string::npos);
    CHECK(dot.find("label=\"step_down\"") != std::string::npos);
    CHECK(dot.find("label=\"admission\"") != std::string::npos);
    CHECK(std::count(dot.begin(), dot.end(), '>') == 4);  // one "->" per transition
}

TEST_CASE("kinds are inferred from the ends and intensity ranks") {
    const continuum c = continuum::build(small_spec(), catalog::asam3());
    CHECK(c.find("community", "3.5")->kind == transition_kind::admission);
    CHECK(c.find("3.5", "2.1")->kind == transition_kind::step_down);
    CHECK(c.find("1", "discharge")->kind == transition_kind::discharge);
    CHECK(c.name() == "small");
}

TEST_CASE("levels can be taken from the transitions") {
    continuum_spec s = small_spec();
    s.levels.clear();
    const continuum c = continuum::build(s, catalog::asam3());
    REQUIRE(c.levels().size() == 3);
    CHECK(c.levels()[0].code.str() == "3.5");
    CHECK(c.levels()[2].code.str() == "1");
}

TEST_CASE("validation: every kind of problem is reported, all at once") {
    using P = continuum_problem_kind;
    const catalog& cat = catalog::asam3();

    SECTION("a valid spec has no problems") { CHECK(check(small_spec(), cat).empty()); }

    SECTION("unknown level in the list and in a transition") {
        auto s = small_spec();
        s.levels.push_back("2.7");
        s.transitions.push_back({"2.1", "9.9", {}, {}, ""});
        const auto ps = check(s, cat);
        REQUIRE(ps.size() == 2);
        CHECK(ps[0].kind == P::unknown_level);
        CHECK(ps[0].where == "/levels/3");
        CHECK(ps[0].value == "2.7");
        CHECK(ps[1].kind == P::unknown_level);
        CHECK(ps[1].where == "/transitions/4/to");
        CHECK(ps[1].value == "9.9");
    }

    SECTION("duplicate level and duplicate transition") {
        auto s = small_spec();
        s.levels.push_back("II.1");
        s.transitions.push_back({"3.5", "2.1", {}, {}, "again"});
        const auto ps = check(s, cat);
        CHECK(kinds(ps) == std::vector<P>{P::duplicate_level, P::duplicate_transition});
        CHECK(ps[0].where == "/levels/3");
        CHECK(ps[1].where == "/transitions/4");
        CHECK(ps[1].value == "3.5 -> 2.1");
    }

    SECTION("levels unreachable from any admission and levels with no way to discharge") {
        auto s = small_spec();
        s.levels.push_back("2.5");
        s.transitions.push_back({"2.5", "2.1", {}, {}, ""});  // 2.5: never admitted
        s.levels.push_back("3.7");
        s.transitions.push_back({"community", "3.7", {}, {}, ""});  // 3.7: a dead end
        const auto ps = check(s, cat);
        REQUIRE(ps.size() == 2);
        CHECK(ps[0].kind == P::unreachable_level);
        CHECK(ps[0].value == "2.5");
        CHECK(ps[0].where == "/levels/3");
        CHECK(ps[1].kind == P::no_discharge_path);
        CHECK(ps[1].value == "3.7");
    }

    SECTION("outgoing probabilities must sum to 1, all or none") {
        auto s = small_spec();
        s.transitions.push_back({"3.5", "1", {}, {}, ""});
        s.transitions[1].probability = 0.7;  // 3.5 -> 2.1
        s.transitions[4].probability = 0.2;  // 3.5 -> 1: sums to 0.9
        s.transitions[2].probability = 1.0;  // 2.1 -> 1 alone: fine
        s.transitions[0].probability = 1.0;  // community -> 3.5
        s.levels.push_back("2.5");
        s.transitions.push_back({"community", "2.5", {}, {}, ""});  // community: some without
        s.transitions.push_back({"2.5", "2.1", {}, {}, ""});
        const auto ps = check(s, cat);
        REQUIRE(ps.size() == 2);
        CHECK(ps[0].kind == P::probabilities_do_not_sum_to_one);
        CHECK(ps[0].value == "community");
        CHECK(ps[1].kind == P::probabilities_do_not_sum_to_one);
        CHECK(ps[1].value == "3.5");
        CHECK(ps[1].message.find("0.9") != std::string::npos);
    }

    SECTION("probabilities outside [0, 1]") {
        auto s = small_spec();
        s.transitions[3].probability = 1.5;
        const auto ps = check(s, cat);
        CHECK(kinds(ps) == std::vector<P>{P::invalid_probability});
        CHECK(ps[0].where == "/transitions/3/probability");
        CHECK(ps[0].value == "1.5");
    }

    SECTION("kinds that contradict their ends") {
        auto s = small_spec();
        s.transitions[1].kind = transition_kind::step_up;         // 3.5 -> 2.1 goes down
        s.transitions.push_back({"2.1", "discharge", transition_kind::lateral, {}, ""});
        s.transitions.push_back({"3.5", "community", {}, {}, ""});
        s.transitions.push_back({"1", "1", {}, {}, ""});
        const auto ps = check(s, cat);
        REQUIRE(ps.size() >= 4);
        CHECK(ps[0].kind == P::invalid_transition);
        CHECK(ps[0].where == "/transitions/1");
        CHECK(ps[1].where == "/transitions/4");
        CHECK(ps[2].where == "/transitions/5");
        CHECK(ps[3].where == "/transitions/6");
    }

    SECTION("build throws one error listing every problem; try_build does not throw") {
        auto s = small_spec();
        s.levels.push_back("9.9");
        s.transitions.push_back({"2.1", "1", {}, {}, "again"});
        try {
            (void)continuum::build(s, cat);
            FAIL("no exception");
        } catch (const error& e) {
            CHECK(e.code() == errc::invalid_continuum);
            CHECK(e.where() == "/levels/3");
            CHECK(e.value() == "9.9");
            const std::string what = e.what();
            CHECK(what.find("2 problem(s)") != std::string::npos);
            CHECK(what.find("/transitions/4") != std::string::npos);
        }
        const auto r = continuum::try_build(s, cat);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == errc::invalid_continuum);
    }
}

TEST_CASE("a continuum is a value: copies are independent and equal") {
    continuum a = continuum::build(small_spec(), catalog::asam3());
    continuum b = a;
    CHECK(b.transitions().size() == a.transitions().size());
    CHECK(b.assess("3.5", "1").skipped == a.assess("3.5", "1").skipped);
    continuum c = std::move(a);
    CHECK(c.allows("3.5", "2.1"));
    a = c;
    CHECK(a.allows("2.1", "1"));
}
