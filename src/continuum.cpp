#include "iopcare/continuum.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <string>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/visitors.hpp>

#include "detail/text.hpp"
#include "iopcare/text.hpp"

namespace iopcare {

std::string_view to_string(transition_kind k) noexcept {
    switch (k) {
        case transition_kind::admission: return "admission";
        case transition_kind::step_down: return "step_down";
        case transition_kind::step_up: return "step_up";
        case transition_kind::lateral: return "lateral";
        case transition_kind::discharge: return "discharge";
    }
    return "lateral";
}

std::optional<transition_kind> parse_transition_kind(std::string_view text) noexcept {
    for (auto k : {transition_kind::admission, transition_kind::step_down, transition_kind::step_up,
                   transition_kind::lateral, transition_kind::discharge}) {
        if (detail::word_equals(text, to_string(k))) return k;
    }
    return std::nullopt;
}

std::string_view to_string(continuum_problem_kind k) noexcept {
    switch (k) {
        case continuum_problem_kind::unknown_level: return "unknown_level";
        case continuum_problem_kind::duplicate_level: return "duplicate_level";
        case continuum_problem_kind::duplicate_transition: return "duplicate_transition";
        case continuum_problem_kind::invalid_transition: return "invalid_transition";
        case continuum_problem_kind::invalid_probability: return "invalid_probability";
        case continuum_problem_kind::probabilities_do_not_sum_to_one: return "probabilities_do_not_sum_to_one";
        case continuum_problem_kind::unreachable_level: return "unreachable_level";
        case continuum_problem_kind::no_discharge_path: return "no_discharge_path";
    }
    return "invalid_transition";
}

namespace {

// Vertex 0 is the community (source of admissions), vertex 1 is discharge, levels follow.
constexpr std::size_t community_vertex = 0;
constexpr std::size_t discharge_vertex = 1;
constexpr std::size_t first_level_vertex = 2;

struct edge_props {
    std::size_t index = 0;  // into the transitions vector
};
using graph_t = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                      boost::no_property, edge_props>;
using vertex_t = boost::graph_traits<graph_t>::vertex_descriptor;
using edge_t = boost::graph_traits<graph_t>::edge_descriptor;

constexpr double probability_tolerance = 1e-9;

// Resolved form of a spec, shared by check() and build().
struct resolved {
    std::vector<care_level> levels;
    std::vector<std::string> level_where;           // where each level was listed
    std::vector<transition> transitions;            // only the ones whose ends resolved
    std::vector<std::pair<std::size_t, std::size_t>> ends;  // vertex pairs of `transitions`
    std::vector<std::size_t> spec_index;            // transition -> index in spec.transitions
    std::vector<continuum_problem> problems;
    std::vector<std::size_t> bad_probability_sources;  // their sums are not checked again
};

std::string level_list_where(const continuum_spec& spec, std::size_t i, const std::string& code) {
    return spec.levels.empty() ? "level " + code : "/levels/" + std::to_string(i);
}

// A withdrawal-management level handing over to treatment (or back) changes what care is for,
// not how intensive it is: such a move is lateral whatever the two intensity ranks say.
bool is_hand_off(const care_level& a, const care_level& b) noexcept { return a.purpose != b.purpose; }

transition_kind infer_kind(std::size_t u, std::size_t v, const std::vector<care_level>& levels) {
    if (u == community_vertex) return transition_kind::admission;
    if (v == discharge_vertex) return transition_kind::discharge;
    const care_level& a = levels[u - first_level_vertex];
    const care_level& b = levels[v - first_level_vertex];
    if (is_hand_off(a, b)) return transition_kind::lateral;
    if (b.intensity_rank < a.intensity_rank) return transition_kind::step_down;
    if (b.intensity_rank > a.intensity_rank) return transition_kind::step_up;
    return transition_kind::lateral;
}

std::string vertex_code(std::size_t v, const std::vector<care_level>& levels) {
    if (v == community_vertex) return std::string(community_code);
    if (v == discharge_vertex) return std::string(discharge_code);
    return levels[v - first_level_vertex].code.str();
}

// The levels a spec names: its level list, or the transitions' ends in order of first mention.
std::vector<std::string> level_names(const continuum_spec& spec) {
    if (!spec.levels.empty()) return spec.levels;
    std::vector<std::string> names;
    for (const auto& t : spec.transitions) {
        for (const auto* end : {&t.from, &t.to}) {
            if (detail::iequals(*end, community_code) || detail::iequals(*end, discharge_code)) continue;
            if (std::find(names.begin(), names.end(), *end) == names.end()) names.push_back(*end);
        }
    }
    return names;
}

// Why a transition of this kind cannot join u and v, or nothing when it can.
std::optional<std::string> kind_problem(std::size_t u, std::size_t v, transition_kind kind,
                                        const std::vector<care_level>& levels) {
    const transition_kind natural = infer_kind(u, v, levels);
    const std::string kind_text(to_string(kind));
    if ((kind == transition_kind::admission) != (u == community_vertex)) {
        return "admissions, and only admissions, start from 'community' (kind " + kind_text + ")";
    }
    if ((kind == transition_kind::discharge) != (v == discharge_vertex)) {
        return "discharges, and only discharges, end at 'discharge' (kind " + kind_text + ")";
    }
    if ((kind != transition_kind::step_down && kind != transition_kind::step_up) || kind == natural) return std::nullopt;
    if (is_hand_off(levels[u - first_level_vertex], levels[v - first_level_vertex])) {
        return "a hand-off between withdrawal management and treatment is lateral, not a " + kind_text;
    }
    return "a " + kind_text + " must go to a " + (kind == transition_kind::step_down ? "less" : "more") +
           " intensive level (by intensity rank)";
}

// Resolves a spec against a catalog, collecting every problem on the way.
class resolver {
public:
    resolver(const continuum_spec& spec, const catalog& cat) : spec_(spec), cat_(cat), local_(spec.name, cat.catalog_edition()) {}

    resolved run() {
        const auto names = level_names(spec_);
        for (std::size_t i = 0; i < names.size(); ++i) add_level(i, names[i]);
        for (std::size_t j = 0; j < spec_.transitions.size(); ++j) add_transition(j);
        return std::move(r_);
    }

private:
    void problem(continuum_problem_kind k, std::string where, std::string value, std::string msg) {
        r_.problems.push_back({k, std::move(where), std::move(value), std::move(msg)});
    }

    void add_level(std::size_t i, const std::string& name) {
        const auto where = level_list_where(spec_, i, name);
        const care_level* level = cat_.find(name);
        if (level == nullptr) {
            const error_info why = cat_.lookup_error(name);
            problem(continuum_problem_kind::unknown_level, where, name,
                    why.code == errc::ambiguous_level ? why.message
                                                      : "the catalog '" + cat_.name() + "' has no level '" + name + "'");
            return;
        }
        if (local_.find(level->code.str()) != nullptr) {
            problem(continuum_problem_kind::duplicate_level, where, name,
                    "level " + level->code.str() + " is listed more than once");
            return;
        }
        local_.add(*level);
        r_.levels.push_back(*level);
        r_.level_where.push_back(where);
    }

    std::optional<std::size_t> vertex_of(const std::string& code) const {
        if (detail::iequals(detail::trim(code), community_code)) return community_vertex;
        if (detail::iequals(detail::trim(code), discharge_code)) return discharge_vertex;
        const care_level* l = local_.find(code);
        if (l == nullptr) return std::nullopt;
        for (std::size_t i = 0; i < r_.levels.size(); ++i) {
            if (r_.levels[i].code == l->code) return first_level_vertex + i;
        }
        return std::nullopt;
    }

    // The transition's ends as vertices; each unknown end is a problem.
    std::optional<std::pair<std::size_t, std::size_t>> ends_of(const transition_spec& t, const std::string& where) {
        const auto u = vertex_of(t.from);
        const auto v = vertex_of(t.to);
        if (!u) {
            problem(continuum_problem_kind::unknown_level, where + "/from", t.from,
                    "'" + t.from + "' is not a level of this continuum (nor 'community')");
        }
        if (!v) {
            problem(continuum_problem_kind::unknown_level, where + "/to", t.to,
                    "'" + t.to + "' is not a level of this continuum (nor 'discharge')");
        }
        if (!u || !v) return std::nullopt;
        return std::make_pair(*u, *v);
    }

    // Problems of the ends themselves (a loop, leaving discharge, entering community).
    static std::vector<std::string> ends_problems(std::size_t u, std::size_t v) {
        std::vector<std::string> out;
        if (u == v) out.emplace_back("a transition must lead to another level");
        if (u == discharge_vertex) out.emplace_back("nothing leaves 'discharge'");
        if (v == community_vertex) out.emplace_back("nothing leads back to 'community'; use an admission");
        return out;
    }

    void add_transition(std::size_t j) {
        const auto& t = spec_.transitions[j];
        const std::string where = "/transitions/" + std::to_string(j);
        const auto ends = ends_of(t, where);
        if (!ends) return;
        const auto [u, v] = *ends;
        const std::string pair = vertex_code(u, r_.levels) + " -> " + vertex_code(v, r_.levels);
        std::vector<std::string> invalid = ends_problems(u, v);
        // The kind is only looked at once the ends are sound (infer_kind needs a level or a
        // pseudo-level at the right end).
        const transition_kind kind = invalid.empty() ? t.kind.value_or(infer_kind(u, v, r_.levels)) : transition_kind::lateral;
        if (invalid.empty()) {
            if (auto why = kind_problem(u, v, kind, r_.levels)) invalid.push_back(std::move(*why));
        }
        for (auto& why : invalid) problem(continuum_problem_kind::invalid_transition, where, pair, std::move(why));
        if (!invalid.empty()) return;
        if (t.probability && (!std::isfinite(*t.probability) || *t.probability < 0.0 || *t.probability > 1.0)) {
            problem(continuum_problem_kind::invalid_probability, where + "/probability", detail::shortest(*t.probability),
                    "a probability must lie in [0, 1]");
            r_.bad_probability_sources.push_back(u);
        }
        auto [it, inserted] = seen_.emplace(std::make_pair(u, v), j);
        if (!inserted) {
            problem(continuum_problem_kind::duplicate_transition, where, pair,
                    "the same move is already given at /transitions/" + std::to_string(it->second));
            return;
        }
        r_.transitions.push_back(transition{level_code(vertex_code(u, r_.levels)), level_code(vertex_code(v, r_.levels)),
                                            kind, t.probability, t.criteria});
        r_.ends.emplace_back(u, v);
        r_.spec_index.push_back(j);
    }

    const continuum_spec& spec_;
    const catalog& cat_;
    catalog local_;
    resolved r_;
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> seen_;
};

resolved resolve(const continuum_spec& spec, const catalog& cat) { return resolver(spec, cat).run(); }

graph_t make_graph(std::size_t level_count, const std::vector<std::pair<std::size_t, std::size_t>>& ends) {
    graph_t g(first_level_vertex + level_count);
    for (std::size_t i = 0; i < ends.size(); ++i) {
        boost::add_edge(ends[i].first, ends[i].second, edge_props{i}, g);
    }
    return g;
}

// Vertices reachable from `start` (start included) in a graph-like G.
template <class G>
std::vector<bool> reach(const G& g, std::size_t start) {
    std::vector<bool> seen(boost::num_vertices(g), false);
    std::vector<boost::default_color_type> colors(boost::num_vertices(g));
    auto color = boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, g));
    struct visitor : boost::default_bfs_visitor {
        std::vector<bool>* seen;
        void discover_vertex(typename boost::graph_traits<G>::vertex_descriptor v, const G&) const {
            (*seen)[v] = true;
        }
    } vis;
    vis.seen = &seen;
    boost::breadth_first_search(g, boost::vertex(start, g), boost::visitor(vis).color_map(color));
    return seen;
}

void check_graph(resolved& r) {
    const graph_t g = make_graph(r.levels.size(), r.ends);

    // Outgoing probabilities: all or none, and summing to 1.
    for (std::size_t v = 0; v < boost::num_vertices(g); ++v) {
        std::size_t with = 0, without = 0;
        double sum = 0.0;
        for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
            const auto& t = r.transitions[g[*e].index];
            if (t.probability) {
                ++with;
                sum += *t.probability;
            } else {
                ++without;
            }
        }
        if (with == 0 || std::find(r.bad_probability_sources.begin(), r.bad_probability_sources.end(), v) !=
                             r.bad_probability_sources.end()) {
            continue;
        }
        const std::string where = v >= first_level_vertex ? r.level_where[v - first_level_vertex]
                                                          : std::string(community_code);
        const std::string code = vertex_code(v, r.levels);
        if (without > 0) {
            r.problems.push_back({continuum_problem_kind::probabilities_do_not_sum_to_one, where, code,
                                  "level " + code + " gives probabilities for " + std::to_string(with) +
                                      " of its " + std::to_string(with + without) +
                                      " outgoing transitions; give all or none"});
        } else if (std::abs(sum - 1.0) > probability_tolerance) {
            // 15 digits: a sum of 1.0000001 must not read "sum to 1, not 1".
            r.problems.push_back({continuum_problem_kind::probabilities_do_not_sum_to_one, where, code,
                                  "the outgoing probabilities of level " + code + " sum to " + detail::computed(sum) +
                                      ", not 1"});
        }
    }

    const auto from_community = reach(g, community_vertex);
    const auto to_discharge = reach(boost::make_reverse_graph(g), discharge_vertex);
    for (std::size_t i = 0; i < r.levels.size(); ++i) {
        const std::size_t v = first_level_vertex + i;
        const auto& code = r.levels[i].code.str();
        if (!from_community[v]) {
            r.problems.push_back({continuum_problem_kind::unreachable_level, r.level_where[i], code,
                                  "no admission leads to level " + code + ", directly or through other levels"});
        }
        if (!to_discharge[v]) {
            r.problems.push_back({continuum_problem_kind::no_discharge_path, r.level_where[i], code,
                                  "a patient at level " + code + " has no way to discharge"});
        }
    }
    std::stable_sort(r.problems.begin(), r.problems.end(),
                     [](const continuum_problem& a, const continuum_problem& b) { return a.kind < b.kind; });
}

}  // namespace

std::vector<continuum_problem> check(const continuum_spec& spec, const catalog& levels) {
    resolved r = resolve(spec, levels);
    check_graph(r);
    return std::move(r.problems);
}

struct continuum::impl {
    std::string name;
    std::vector<care_level> levels;
    std::vector<transition> transitions;
    catalog lookup;  // the continuum's levels, for spelling-tolerant lookups
    graph_t graph;

    std::size_t vertex_of(std::string_view code) const {
        if (detail::iequals(detail::trim(code), community_code)) return community_vertex;
        if (detail::iequals(detail::trim(code), discharge_code)) return discharge_vertex;
        if (const care_level* l = lookup.find(code)) {
            for (std::size_t i = 0; i < levels.size(); ++i) {
                if (levels[i].code == l->code) return first_level_vertex + i;
            }
        }
        throw error(not_found(code));
    }

    // Why a code names no level: ambiguous in the catalog, or not a level of this continuum.
    error_info not_found(std::string_view code) const {
        error_info why = lookup.lookup_error(code);
        if (why.code != errc::ambiguous_level) why.message = "the continuum '" + name + "' has no level with this code";
        return why;
    }

    std::string code(std::size_t v) const { return vertex_code(v, levels); }

    // Whether a step-down leaves vertex v: a level without one is the foot of its pathway.
    bool steps_down(std::size_t v) const {
        for (auto [e, end] = boost::out_edges(v, graph); e != end; ++e) {
            if (transitions[graph[*e].index].kind == transition_kind::step_down) return true;
        }
        return false;
    }

    // How many distinct intensity ranks of treatment levels lie strictly between two levels.
    int ranks_between(std::size_t u, std::size_t v) const {
        if (u < first_level_vertex || v < first_level_vertex) return 0;
        const auto [low, high] = std::minmax(levels[u - first_level_vertex].intensity_rank,
                                             levels[v - first_level_vertex].intensity_rank);
        std::vector<int> ranks;
        for (const auto& l : levels) {
            if (l.purpose == level_purpose::treatment && l.intensity_rank > low && l.intensity_rank < high) {
                ranks.push_back(l.intensity_rank);
            }
        }
        std::sort(ranks.begin(), ranks.end());
        return static_cast<int>(std::unique(ranks.begin(), ranks.end()) - ranks.begin());
    }

    const transition* edge_between(std::size_t u, std::size_t v) const {
        auto [e, found] = boost::edge(u, v, graph);
        return found ? &transitions[graph[e].index] : nullptr;
    }

    // Shortest path from u to v using only transitions that `allowed(kind, source vertex)`
    // accepts; vertices from u to v inclusive, or empty.
    template <class Pred>
    std::vector<std::size_t> shortest_path(std::size_t u, std::size_t v, Pred allowed) const {
        auto keep = [this, allowed](const edge_t& e) {
            return allowed(transitions[graph[e].index].kind, boost::source(e, graph));
        };
        boost::filtered_graph<graph_t, std::function<bool(const edge_t&)>> fg(
            graph, std::function<bool(const edge_t&)>(keep));
        std::vector<std::size_t> pred(boost::num_vertices(graph));
        for (std::size_t i = 0; i < pred.size(); ++i) pred[i] = i;
        std::vector<boost::default_color_type> colors(boost::num_vertices(graph));
        boost::breadth_first_search(
            fg, u,
            boost::visitor(boost::make_bfs_visitor(
                               boost::record_predecessors(pred.data(), boost::on_tree_edge())))
                .color_map(boost::make_iterator_property_map(colors.begin(),
                                                             boost::get(boost::vertex_index, graph))));
        if (u != v && pred[v] == v) return {};
        std::vector<std::size_t> path{v};
        while (path.back() != u) path.push_back(pred[path.back()]);
        std::reverse(path.begin(), path.end());
        return path;
    }
};

continuum::continuum(std::unique_ptr<impl> p) noexcept : impl_(std::move(p)) {}
continuum::continuum(const continuum& other) : impl_(std::make_unique<impl>(*other.impl_)) {}
continuum::continuum(continuum&& other) noexcept = default;
continuum& continuum::operator=(const continuum& other) {
    if (this != &other) impl_ = std::make_unique<impl>(*other.impl_);
    return *this;
}
continuum& continuum::operator=(continuum&& other) noexcept = default;
continuum::~continuum() = default;

continuum continuum::build(const continuum_spec& spec, const catalog& levels) {
    resolved r = resolve(spec, levels);
    check_graph(r);
    if (!r.problems.empty()) {
        // One problem per line; the names and codes inside come from the host's data, escaped
        // so that none of them can start a line of its own.
        std::string message =
            std::to_string(r.problems.size()) + " problem(s) in continuum '" + escape_text(spec.name) + "':";
        for (const auto& p : r.problems) {
            message += "\n  " + escape_text(p.where) + ": " + escape_text(p.message);
        }
        throw error(errc::invalid_continuum, r.problems.front().where, r.problems.front().value, message);
    }
    auto p = std::make_unique<impl>();
    p->name = spec.name;
    p->lookup = catalog(spec.name, levels.catalog_edition());
    for (const auto& l : r.levels) p->lookup.add(l);
    p->graph = make_graph(r.levels.size(), r.ends);
    p->levels = std::move(r.levels);
    p->transitions = std::move(r.transitions);
    return continuum(std::move(p));
}

result<continuum> continuum::try_build(const continuum_spec& spec, const catalog& levels) noexcept {
    return try_call([&] { return build(spec, levels); });
}

namespace {

// Patients leave care from every level: they complete treatment, transfer out, drop out or
// are discharged for another reason (TEDS-D reasons for discharge, docs/sources.md section 6),
// and the episode of care records which. The foot of the continuum (a treatment level no
// step-down leaves) is the usual way out. Called once every other transition is in place.
void add_discharges(continuum_spec& s, const catalog& levels) {
    auto steps_down = [&s](const level_code& code) {
        return std::any_of(s.transitions.begin(), s.transitions.end(), [&code](const transition_spec& t) {
            return t.from == code.str() && t.kind == transition_kind::step_down;
        });
    };
    for (const auto& l : levels) {
        const bool foot = l.purpose == level_purpose::treatment && !steps_down(l.code);
        s.transitions.push_back({l.code.str(), std::string(discharge_code), transition_kind::discharge, {},
                                 foot ? "treatment complete; continuing care and recovery support"
                                      : "leaves care from this level; the episode records the reason"});
    }
}

continuum_spec standard_spec_asam3() {
    using K = transition_kind;
    continuum_spec s;
    s.name = "standard continuum (ASAM 3rd edition)";
    for (const auto& l : catalog::asam3()) s.levels.push_back(l.code.str());
    for (const auto& l : catalog::asam3()) {
        s.transitions.push_back({"community", l.code.str(), K::admission, {}, "admission after a medical and clinical assessment"});
    }
    auto add = [&s](const char* from, const char* to, K kind, const char* why) {
        s.transitions.push_back({from, to, kind, {}, why});
    };
    // Withdrawal management hands over to treatment (lateral by rule: what care is for
    // changes, not its intensity), or steps up or down within withdrawal management.
    add("4-WM", "3.7-WM", K::step_down, "withdrawal stabilised enough for medically monitored care");
    add("4-WM", "4", K::lateral, "withdrawal complete; continued medically managed treatment");
    add("3.7-WM", "3.7", K::lateral, "withdrawal complete; continued medically monitored treatment");
    add("3.7-WM", "3.5", K::lateral, "withdrawal complete; residential treatment");
    add("3.7-WM", "4-WM", K::step_up, "withdrawal needs medical management");
    add("3.2-WM", "3.5", K::lateral, "withdrawal complete; residential treatment");
    add("3.2-WM", "3.1", K::lateral, "withdrawal complete; low-intensity residential treatment");
    add("3.2-WM", "3.7-WM", K::step_up, "withdrawal needs medical monitoring");
    add("2-WM", "2.5", K::lateral, "withdrawal complete; partial hospitalization");
    add("2-WM", "2.1", K::lateral, "withdrawal complete; intensive outpatient treatment");
    add("2-WM", "3.2-WM", K::step_up, "withdrawal needs a residential setting");
    add("1-WM", "2.1", K::lateral, "withdrawal complete; intensive outpatient treatment");
    add("1-WM", "1", K::lateral, "withdrawal complete; outpatient treatment");
    add("1-WM", "2-WM", K::step_up, "withdrawal needs extended on-site monitoring");
    // Treatment steps down towards outpatient care.
    add("4", "3.7", K::step_down, "no longer needs daily physician management");
    add("4", "3.5", K::step_down, "no longer needs medical monitoring");
    add("3.7", "3.5", K::step_down, "no longer needs medical monitoring");
    add("3.7", "2.5", K::step_down, "can live at home with daily structure");
    add("3.5", "3.1", K::step_down, "needs a structured home while attending treatment");
    add("3.5", "2.5", K::step_down, "can live at home with daily structure");
    add("3.5", "2.1", K::step_down, "step-down from residential to intensive outpatient");
    add("3.3", "3.1", K::step_down, "needs a structured home while attending treatment");
    add("3.3", "2.5", K::step_down, "can live at home with daily structure");
    add("3.1", "2.1", K::step_down, "ready for intensive outpatient treatment");
    add("2.5", "2.1", K::step_down, "step-down from partial hospitalization");
    add("2.1", "1", K::step_down, "step-down to weekly outpatient therapy");
    add("0.5", "1", K::step_up, "needs treatment beyond early intervention");
    // Step-ups when outpatient care is not enough.
    add("1", "2.1", K::step_up, "step-up from outpatient to intensive outpatient");
    add("2.1", "2.5", K::step_up, "needs daily structure");
    add("2.1", "3.5", K::step_up, "needs a residential setting");
    add("2.5", "3.5", K::step_up, "needs a residential setting");
    add("2.5", "3.7", K::step_up, "needs medical monitoring");
    add("3.1", "3.5", K::step_up, "needs high-intensity residential care");
    add("3.5", "3.7", K::step_up, "needs medical monitoring");
    add("3.7", "4", K::step_up, "needs medical management");
    add("OTS", "1", K::lateral, "adds outpatient counselling alongside opioid treatment");
    add("1", "OTS", K::lateral, "adds opioid treatment alongside outpatient care");
    add_discharges(s, catalog::asam3());
    return s;
}

continuum_spec standard_spec_asam4() {
    using K = transition_kind;
    continuum_spec s;
    s.name = "standard continuum (ASAM 4th edition)";
    for (const auto& l : catalog::asam4()) s.levels.push_back(l.code.str());
    for (const auto& l : catalog::asam4()) {
        s.transitions.push_back({"community", l.code.str(), K::admission, {}, "admission after a medical and clinical assessment"});
    }
    auto add = [&s](const char* from, const char* to, K kind, const char* why) {
        s.transitions.push_back({from, to, kind, {}, why});
    };
    add("4", "3.7", K::step_down, "no longer needs hospital care");
    add("4", "3.5", K::step_down, "no longer needs medical management");
    add("3.7", "3.5", K::step_down, "no longer needs medical management");
    add("3.7", "2.7", K::step_down, "can live at home with medical management by day");
    add("3.5", "3.1", K::step_down, "needs a structured home while attending treatment");
    add("3.5", "2.5", K::step_down, "can live at home with daily structure");
    add("3.5", "2.1", K::step_down, "step-down from residential to intensive outpatient");
    add("3.1", "2.1", K::step_down, "ready for intensive outpatient treatment");
    add("2.7", "2.5", K::step_down, "no longer needs medical management");
    add("2.7", "2.1", K::step_down, "no longer needs medical management");
    add("2.5", "2.1", K::step_down, "step-down from high-intensity outpatient");
    add("2.1", "1.5", K::step_down, "step-down to outpatient therapy");
    add("1.7", "1.5", K::step_down, "no longer needs medical management");
    add("1.5", "1.0", K::step_down, "remission; long-term monitoring");
    add("1.0", "1.5", K::step_up, "needs outpatient therapy again");
    add("1.5", "2.1", K::step_up, "step-up from outpatient to intensive outpatient");
    add("1.7", "2.7", K::step_up, "needs more intensive medical management");
    add("2.1", "2.5", K::step_up, "needs daily structure");
    add("2.1", "3.5", K::step_up, "needs a residential setting");
    add("2.5", "3.5", K::step_up, "needs a residential setting");
    add("2.5", "3.7", K::step_up, "needs medical management");
    add("2.7", "3.7", K::step_up, "needs residential medical management");
    add("3.1", "3.5", K::step_up, "needs high-intensity residential care");
    add("3.5", "3.7", K::step_up, "needs medical management");
    add("3.7", "4", K::step_up, "needs hospital care");
    add_discharges(s, catalog::asam4());
    return s;
}

}  // namespace

continuum_spec continuum::standard_spec(edition ed) {
    switch (ed) {
        case edition::asam3: return standard_spec_asam3();
        case edition::asam4: return standard_spec_asam4();
        case edition::custom: break;
    }
    throw error(errc::invalid_argument, "edition", std::string(to_string(ed)),
                "only the asam3 and asam4 editions have a standard continuum");
}

const continuum& continuum::standard(edition ed) {
    if (ed == edition::asam4) {
        static const continuum c4 = build(standard_spec(edition::asam4), catalog::asam4());
        return c4;
    }
    if (ed == edition::asam3) {
        static const continuum c3 = build(standard_spec(edition::asam3), catalog::asam3());
        return c3;
    }
    (void)standard_spec(ed);  // throws for custom
    return standard(edition::asam3);
}

const std::string& continuum::name() const noexcept { return impl_->name; }
std::span<const care_level> continuum::levels() const noexcept { return impl_->levels; }
std::span<const transition> continuum::transitions() const noexcept { return impl_->transitions; }

const care_level* continuum::find_level(std::string_view code) const noexcept {
    const care_level* l = impl_->lookup.find(code);
    if (l == nullptr) return nullptr;
    for (const auto& level : impl_->levels) {
        if (level.code == l->code) return &level;
    }
    return nullptr;
}

const care_level& continuum::level_at(std::string_view code) const {
    if (const care_level* l = find_level(code)) return *l;
    throw error(impl_->not_found(code));
}

bool continuum::has_vertex(std::string_view code) const noexcept {
    return detail::iequals(detail::trim(code), community_code) ||
           detail::iequals(detail::trim(code), discharge_code) || find_level(code) != nullptr;
}

const transition* continuum::find(std::string_view from, std::string_view to) const {
    return impl_->edge_between(impl_->vertex_of(from), impl_->vertex_of(to));
}

namespace {
bool any_kind(transition_kind, std::size_t) { return true; }
// Step-downs, and a discharge straight from any level: the fewest levels a move down passes.
bool down_or_out(transition_kind k, std::size_t) {
    return k == transition_kind::step_down || k == transition_kind::discharge;
}
}  // namespace

move_assessment continuum::assess(std::string_view from, std::string_view to) const {
    const std::size_t u = impl_->vertex_of(from);
    const std::size_t v = impl_->vertex_of(to);
    move_assessment a;
    a.ranks_between = impl_->ranks_between(u, v);
    if (const transition* t = impl_->edge_between(u, v)) {
        a.allowed = true;
        a.kind = t->kind;
        a.reachable = true;
        return a;
    }
    a.reachable = u == v || !impl_->shortest_path(u, v, any_kind).empty();
    if (u == v || u == discharge_vertex || v == community_vertex) return a;  // lateral, nothing skipped
    a.kind = infer_kind(u, v, impl_->levels);
    // Only a move down (or out) can skip a step: a step-up straight to the level a placement
    // indicates is the right move, however many levels lie between.
    if (a.kind == transition_kind::step_down || a.kind == transition_kind::discharge) {
        const auto path = impl_->shortest_path(u, v, down_or_out);
        for (std::size_t i = 1; i + 1 < path.size(); ++i) a.skipped.emplace_back(impl_->code(path[i]));
    }
    return a;
}

std::vector<transition> continuum::next_steps(std::string_view from) const {
    const std::size_t u = impl_->vertex_of(from);
    std::vector<transition> out;
    for (auto [e, end] = boost::out_edges(u, impl_->graph); e != end; ++e) {
        out.push_back(impl_->transitions[impl_->graph[*e].index]);
    }
    return out;
}

std::vector<level_code> continuum::step_down_pathway(std::string_view from, std::string_view to) const {
    // Towards discharge the pathway steps down as far as the continuum goes before leaving:
    // a discharge is taken only from a level no step-down leaves (every level may discharge).
    const impl& m = *impl_;
    const auto path = m.shortest_path(m.vertex_of(from), m.vertex_of(to), [&m](transition_kind k, std::size_t source) {
        return k == transition_kind::step_down || (k == transition_kind::discharge && !m.steps_down(source));
    });
    std::vector<level_code> out;
    for (auto v : path) out.emplace_back(m.code(v));
    return out;
}

std::vector<level_code> continuum::reachable_from(std::string_view from) const {
    const std::size_t u = impl_->vertex_of(from);
    std::vector<level_code> out;
    struct visitor : boost::default_bfs_visitor {
        const impl* self;
        std::vector<level_code>* out;
        std::size_t start;
        void discover_vertex(vertex_t v, const graph_t&) const {
            if (v != start) out->emplace_back(self->code(v));
        }
    } vis;
    vis.self = impl_.get();
    vis.out = &out;
    vis.start = u;
    std::vector<boost::default_color_type> colors(boost::num_vertices(impl_->graph));
    boost::breadth_first_search(impl_->graph, u,
                                boost::visitor(vis).color_map(boost::make_iterator_property_map(
                                    colors.begin(), boost::get(boost::vertex_index, impl_->graph))));
    return out;
}

namespace {
std::string dot_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}
}  // namespace

std::string continuum::to_dot() const {
    const impl& m = *impl_;
    std::ostringstream os;
    auto vertex_writer = [&m](std::ostream& out, vertex_t v) {
        if (v < first_level_vertex) {
            out << "[label=\"" << m.code(v) << "\", shape=ellipse]";
        } else {
            const auto& l = m.levels[v - first_level_vertex];
            out << "[label=\"" << dot_escape(l.code.str()) << "\\n" << dot_escape(l.name) << "\", shape=box]";
        }
    };
    auto edge_writer = [&m](std::ostream& out, const edge_t& e) {
        const auto& t = m.transitions[m.graph[e].index];
        out << "[label=\"" << to_string(t.kind);
        if (t.probability) out << " " << *t.probability;
        out << "\"";
        if (t.kind == transition_kind::step_up) out << ", style=dashed";
        out << "]";
    };
    auto graph_writer = [&m](std::ostream& out) {
        out << "label=\"" << dot_escape(m.name) << "\";\nrankdir=TB;\n";
    };
    boost::write_graphviz(os, m.graph, vertex_writer, edge_writer, graph_writer);
    return os.str();
}

}  // namespace iopcare
