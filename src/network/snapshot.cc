#include "network/snapshot.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

namespace pl::network {

using nlohmann::json;

namespace {

json Number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json OptionalDays(const std::optional<int>& d) { return d ? json(*d) : json(nullptr); }

json WindowJson(const std::optional<graph::Window>& w) {
  if (!w) return nullptr;
  return {{"from", FormatTimestamp(w->from)}, {"to", FormatTimestamp(w->to)}};
}

json FindingsJson(const Analysis& a) {
  const auto& g = a.graph;
  const auto& f = a.findings;
  auto helpers = [&](const std::vector<Champion>& list) {
    json out = json::array();
    for (const auto& c : list) {
      const auto& s = c.signals;
      out.push_back({{"person", g.IdOf(c.node)},
                     {"score", c.score},
                     {"signals",
                      {{"askers", s.askers},
                       {"answers", s.answers},
                       {"nominations", s.nominations},
                       {"betweenness", s.betweenness},
                       {"recognition", s.recognition},
                       {"askers_pct", s.askers_pct},
                       {"answers_pct", s.answers_pct},
                       {"nominations_pct", s.nominations_pct},
                       {"betweenness_pct", s.betweenness_pct},
                       {"recognition_pct", s.recognition_pct}}},
                     {"reasons", c.reasons}});
    }
    return out;
  };
  json champions = helpers(f.champions), visible_helpers = helpers(f.visible_helpers);
  json silos = json::array();
  for (const auto& s : f.silos) {
    silos.push_back({{"team", a.teams[s.team]},
                     {"members", s.metrics.members},
                     {"ei_index", s.metrics.ei_index},
                     {"internal_ties", s.metrics.internal_ties},
                     {"external_ties", s.metrics.external_ties},
                     {"external_teams", s.metrics.external_teams}});
  }
  json brokers = json::array();
  for (const auto& b : f.brokers) {
    json links = json::array();
    for (const auto& [community, contacts] : b.links) {
      links.push_back({{"community", community}, {"contacts", contacts}});
    }
    brokers.push_back({{"person", g.IdOf(b.node)},
                       {"communities_reached", b.communities_reached},
                       {"brokerage", b.brokerage},
                       {"links", std::move(links)},
                       {"betweenness", b.betweenness},
                       {"constraint", Number(b.constraint)},
                       {"bridge", b.bridge.community < 0 ? json(nullptr)
                                                         : json{{"community", b.bridge.community},
                                                                {"contacts", b.bridge.contacts},
                                                                {"own_contacts", b.bridge.own},
                                                                {"ties_between", b.bridge.ties},
                                                                {"score", b.bridge.score},
                                                                {"expected", b.bridge.expected},
                                                                {"surprise", b.bridge.surprise}}}});
  }
  json single_points = json::array();
  for (const auto& p : f.single_points) {
    json skills = json::array();
    for (const auto& k : p.sole_skills) {
      skills.push_back({{"skill", a.skills.at(static_cast<size_t>(k.skill))},
                        {"level", k.level},
                        {"holders_elsewhere", k.holders_elsewhere}});
    }
    single_points.push_back({{"person", g.IdOf(p.node)},
                             {"cuts_network", p.cuts_network},
                             {"teammates_cut_off", p.teammates_cut_off},
                             {"sole_skills", skills}});
  }
  json newcomers = json::array();
  for (const auto& nc : f.newcomers) {
    newcomers.push_back({{"person", g.IdOf(nc.node)},
                         {"days_since_hire", nc.days_since_hire},
                         {"contacts", nc.contacts},
                         {"days_to_first", OptionalDays(nc.days_to_first)},
                         {"days_to_third", OptionalDays(nc.days_to_third)},
                         {"days_to_fifth", OptionalDays(nc.days_to_fifth)},
                         {"isolated", nc.isolated},
                         {"settling_in", nc.settling_in}});
  }
  // Communities: size and the teams they draw on, largest first.
  std::vector<std::map<int32_t, int64_t>> teams_in(a.communities.count);
  std::vector<int64_t> sizes(a.communities.count, 0);
  for (size_t v = 0; v < a.communities.membership.size(); ++v) {
    int32_t c = a.communities.membership[v];
    ++sizes[c];
    if (a.team_of[v] != kNoTeam) ++teams_in[c][a.team_of[v]];
  }
  json communities = json::array();
  for (int32_t c = 0; c < a.communities.count; ++c) {
    std::vector<std::pair<int64_t, int32_t>> by_size;
    for (auto [t, k] : teams_in[c]) by_size.push_back({-k, t});
    std::sort(by_size.begin(), by_size.end());
    json teams = json::array();
    for (auto [k, t] : by_size) teams.push_back({{"team", a.teams[t]}, {"members", -k}});
    communities.push_back({{"id", c}, {"size", sizes[c]}, {"teams", teams}});
  }
  return {
      {"champions", champions},    {"visible_helpers", visible_helpers}, {"silos", silos},
      {"brokers", brokers},        {"single_points", single_points},     {"newcomers", newcomers},
      {"communities", communities}};
}

json SummaryJson(const Analysis& a) {
  int64_t tied = 0;
  for (uint32_t v = 0; v < a.graph.num_nodes(); ++v) {
    if (a.graph.OutDegree(v) + a.graph.InDegree(v) > 0) ++tied;
  }
  // Undirected ties between two people who both have a team: the share joining two teams.
  int64_t within = 0, across = 0;
  for (uint32_t u = 0; u < a.graph.num_nodes(); ++u) {
    for (uint32_t v : a.graph.OutNeighbors(u)) {
      if (u > v && a.graph.Weight(v, u) > 0) continue;  // counted from v
      if (a.team_of[u] == kNoTeam || a.team_of[v] == kNoTeam) continue;
      ++(a.team_of[u] == a.team_of[v] ? within : across);
    }
  }
  int64_t isolated = 0;
  for (const auto& nc : a.findings.newcomers) isolated += nc.isolated ? 1 : 0;
  const auto& f = a.findings;
  return {{"people", a.graph.num_nodes()},
          {"people_with_ties", tied},
          {"ties", a.stats.edges},
          {"density", a.stats.density},
          {"reciprocity", a.stats.reciprocity},
          {"weight_reciprocity", a.stats.weight_reciprocity},
          {"teams", a.teams.size()},
          {"communities", a.communities.count},
          {"modularity", a.communities.modularity},
          {"cross_team_tie_share",
           within + across > 0 ? static_cast<double>(across) / static_cast<double>(within + across)
                               : 0.0},
          {"champions", f.champions.size()},
          {"silos", f.silos.size()},
          {"brokers", f.brokers.size()},
          {"single_points", f.single_points.size()},
          {"newcomers", f.newcomers.size()},
          {"isolated_newcomers", isolated},
          {"betweenness_method", a.betweenness_method},
          {"betweenness_epsilon", a.betweenness_epsilon},
          {"betweenness_delta", a.betweenness_delta},
          {"closeness_computed", a.closeness_computed}};
}

std::set<json> Keys(const json& list, const char* key) {
  std::set<json> out;
  for (const auto& x : list) out.insert(x.at(key));
  return out;
}

json AddedRemoved(const json& before, const json& after, const char* key) {
  auto b = Keys(before, key), a = Keys(after, key);
  json added = json::array(), removed = json::array(), kept = json::array();
  for (const auto& k : a) (b.count(k) ? kept : added).push_back(k);
  for (const auto& k : b) {
    if (!a.count(k)) removed.push_back(k);
  }
  return {{"added", added}, {"removed", removed}, {"kept", kept}};
}

json IsolatedNewcomers(const json& newcomers) {
  json out = json::array();
  for (const auto& n : newcomers) {
    if (n.at("isolated").get<bool>()) out.push_back(n);
  }
  return out;
}

}  // namespace

json TeamJson(const SnapshotTeam& t) {
  return {{"team", t.team},
          {"members", t.members},
          {"internal_ties", t.internal_ties},
          {"external_ties", t.external_ties},
          {"density", Number(t.density)},
          {"ei_index", Number(t.ei_index)},
          {"cross_share", Number(t.cross_share)},
          {"external_people", t.external_people},
          {"external_teams", t.external_teams}};
}

json ParamsJson(const AnalysisParams& p) {
  json layers = json::object();
  for (size_t l = 0; l < graph::kLayerCount; ++l) {
    layers[std::string(graph::LayerName(static_cast<graph::Layer>(l)))] = p.build.layer_weights[l];
  }
  return {{"layer_weights", layers},
          {"window", WindowJson(p.build.window)},
          {"half_life_days", p.build.half_life ? json(p.build.half_life->count()) : json(nullptr)},
          {"weighted_metrics", p.metrics.weighted},
          {"damping", p.metrics.damping},
          {"community_resolution", p.communities.resolution},
          {"community_seed", p.communities.seed},
          {"community_runs", p.communities.runs},
          {"champion_min_score", p.findings.champion_min_score},
          {"silo_max_ei", p.findings.silo_max_ei},
          {"min_team_size", p.findings.min_team_size},
          {"newcomer_days", p.findings.newcomer_days},
          {"newcomer_grace_days", p.findings.newcomer_grace_days},
          {"sole_skill_min_level", p.findings.sole_skill_min_level},
          {"sole_skill_steps", p.findings.sole_skill_steps},
          {"today", FormatDate(p.findings.today)}};
}

const SnapshotPerson* FindPerson(const Snapshot& s, int64_t id) {
  auto it = std::lower_bound(s.people.begin(), s.people.end(), id,
                             [](const SnapshotPerson& p, int64_t x) { return p.id < x; });
  return it != s.people.end() && it->id == id ? &*it : nullptr;
}

std::vector<PersonFlag> PersonFlags(const json& findings) {
  static constexpr std::pair<const char*, const char*> kLists[] = {
      {"hidden_champion", "champions"},
      {"visible_helper", "visible_helpers"},
      {"broker", "brokers"},
      {"single_point", "single_points"},
      {"isolated_newcomer", "newcomers"}};
  std::vector<PersonFlag> out;
  for (const auto& [flag, list] : kLists) {
    PersonFlag f{flag, {}};
    for (const auto& item : findings.value(list, json::array())) {
      if (std::string_view(list) == "newcomers" && !item.value("isolated", false)) continue;
      f.people.push_back(item.at("person").get<int64_t>());
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<const char*> PersonFlagsOf(const json& findings, int64_t person) {
  std::vector<const char*> out;
  for (const PersonFlag& f : PersonFlags(findings)) {
    if (std::find(f.people.begin(), f.people.end(), person) != f.people.end()) {
      out.push_back(f.flag);
    }
  }
  return out;
}

Result<Snapshot> MakeSnapshot(const Analysis& a, const AnalysisParams& params, Timestamp taken_at,
                              const LayoutParams& layout_params) {
  Snapshot s;
  s.taken_at = taken_at;
  s.window = params.build.window;
  s.params = ParamsJson(params);
  s.summary = SummaryJson(a);
  s.findings = FindingsJson(a);
  const auto& g = a.graph;
  const auto& m = a.metrics;
  ASSIGN_OR_RETURN(Layout layout, ComputeLayout(g, layout_params));
  s.people.resize(g.num_nodes());
  for (uint32_t v = 0; v < g.num_nodes(); ++v) {
    SnapshotPerson& p = s.people[v];  // node order is id order
    p.id = g.IdOf(v);
    p.team = a.team_of[v] == kNoTeam ? "" : a.teams[a.team_of[v]];
    p.community = a.communities.membership.empty() ? -1 : a.communities.membership[v];
    p.in_degree = m.in_degree[v];
    p.out_degree = m.out_degree[v];
    p.in_strength = m.in_strength[v];
    p.out_strength = m.out_strength[v];
    p.pagerank = m.pagerank[v];
    p.betweenness = m.betweenness[v];
    p.constraint = m.constraint[v];
    p.closeness = m.closeness[v];
    p.harmonic = m.harmonic[v];
    p.effective_size = m.effective_size[v];
    p.coreness = m.coreness[v];
    p.clustering = m.clustering[v];
    p.reciprocity = m.reciprocity[v];
    p.x = layout.x[v];
    p.y = layout.y[v];
    auto targets = g.OutNeighbors(v);
    auto weights = g.OutWeights(v);
    for (size_t i = 0; i < targets.size(); ++i) {
      s.edges.push_back({p.id, g.IdOf(targets[i]), weights[i]});
    }
  }
  for (const auto& t : a.team_metrics) {
    s.teams.push_back({a.teams[t.team], t.members, t.internal_ties, t.external_ties, t.density,
                       t.ei_index, t.cross_share, t.external_people, t.external_teams});
  }
  const auto k = static_cast<int32_t>(a.teams.size());
  std::vector<int64_t> flow = TeamFlowMatrix(g, a.team_of, k);
  s.flows = json::array();
  for (int32_t i = 0; i < k; ++i) {
    for (int32_t j = i; j < k; ++j) {
      if (int64_t ties = flow[static_cast<size_t>(i) * k + j]) {
        s.flows.push_back({a.teams[i], a.teams[j], ties});
      }
    }
  }
  return s;
}

namespace {

// A window's length in whole days (null: all time).
json WindowDays(const std::optional<graph::Window>& w) {
  if (!w) return nullptr;
  return graph::LengthInDays(*w);
}

}  // namespace

json SettingsChanged(const std::optional<graph::Window>& before_window, const json& bp,
                     const std::optional<graph::Window>& after_window, const json& ap) {
  constexpr int64_t kWindowSlackDays = 3;
  json out = json::array();
  const json b_days = WindowDays(before_window), a_days = WindowDays(after_window);
  if (b_days.is_null() != a_days.is_null() ||
      (!b_days.is_null() &&
       std::abs(b_days.get<int64_t>() - a_days.get<int64_t>()) > kWindowSlackDays)) {
    out.push_back({{"setting", "window_days"}, {"before", b_days}, {"after", a_days}});
  }
  if (!bp.is_object() || !ap.is_object()) return out;
  for (const auto& [key, value] : ap.items()) {
    if (key == "window" || key == "today" || !bp.contains(key)) continue;
    const json& old = bp.at(key);
    if (key == "layer_weights" && value.is_object() && old.is_object()) {
      for (const auto& [layer, weight] : value.items()) {
        if (old.contains(layer) && old.at(layer) != weight) {
          out.push_back(
              {{"setting", "layer_weight:" + layer}, {"before", old.at(layer)}, {"after", weight}});
        }
      }
    } else if (old != value) {
      out.push_back({{"setting", key}, {"before", old}, {"after", value}});
    }
  }
  return out;
}

json DiffSnapshots(const Snapshot& before, const Snapshot& after, size_t top_people) {
  json out;
  out["from"] = {{"id", before.id}, {"taken_at", FormatTimestamp(before.taken_at)}};
  out["to"] = {{"id", after.id}, {"taken_at", FormatTimestamp(after.taken_at)}};
  out["settings_changed"] =
      SettingsChanged(before.window, before.params, after.window, after.params);
  json summary = json::object();
  for (const auto& [key, value] : after.summary.items()) {
    if (!value.is_number() || !before.summary.contains(key)) continue;
    double b = before.summary[key].get<double>(), a = value.get<double>();
    summary[key] = {{"before", before.summary[key]}, {"after", value}, {"change", a - b}};
  }
  out["summary"] = summary;
  const json& fb = before.findings;
  const json& fa = after.findings;
  out["champions"] = AddedRemoved(fb.at("champions"), fa.at("champions"), "person");
  // Visible helpers, where both snapshots keep them; and the earlier snapshot's hidden champions
  // whom the structure now sees (thanked, promoted, managing): what recognising them looks like.
  if (fb.contains("visible_helpers") && fa.contains("visible_helpers")) {
    out["visible_helpers"] =
        AddedRemoved(fb.at("visible_helpers"), fa.at("visible_helpers"), "person");
  }
  if (fa.contains("visible_helpers")) {
    const auto seen = Keys(fa.at("visible_helpers"), "person");
    json now_seen = json::array();
    for (const auto& k : Keys(fb.at("champions"), "person")) {
      if (seen.count(k)) now_seen.push_back(k);
    }
    out["champions_now_seen"] = std::move(now_seen);
  }
  out["brokers"] = AddedRemoved(fb.at("brokers"), fa.at("brokers"), "person");
  out["single_points"] = AddedRemoved(fb.at("single_points"), fa.at("single_points"), "person");
  out["silos"] = AddedRemoved(fb.at("silos"), fa.at("silos"), "team");
  out["isolated_newcomers"] = AddedRemoved(IsolatedNewcomers(fb.at("newcomers")),
                                           IsolatedNewcomers(fa.at("newcomers")), "person");
  // Teams in both, by the size of their E-I change.
  std::unordered_map<std::string, const SnapshotTeam*> old_teams;
  for (const auto& t : before.teams) old_teams[t.team] = &t;
  std::vector<std::pair<double, json>> teams;
  for (const auto& t : after.teams) {
    auto it = old_teams.find(t.team);
    if (it == old_teams.end()) continue;
    const SnapshotTeam& o = *it->second;
    teams.push_back({-std::abs(t.ei_index - o.ei_index),
                     {{"team", t.team},
                      {"members_before", o.members},
                      {"members_after", t.members},
                      {"ei_index_before", o.ei_index},
                      {"ei_index_after", t.ei_index},
                      {"ei_index_change", t.ei_index - o.ei_index},
                      {"density_before", o.density},
                      {"density_after", t.density},
                      {"cross_share_before", o.cross_share},
                      {"cross_share_after", t.cross_share}}});
  }
  std::stable_sort(teams.begin(), teams.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  out["teams"] = json::array();
  for (auto& [k, t] : teams) out["teams"].push_back(std::move(t));
  // People in both, by the size of their change in distinct askers.
  std::unordered_map<int64_t, const SnapshotPerson*> old_people;
  for (const auto& p : before.people) old_people[p.id] = &p;
  std::vector<std::pair<int64_t, json>> people;
  for (const auto& p : after.people) {
    auto it = old_people.find(p.id);
    if (it == old_people.end()) continue;
    const SnapshotPerson& o = *it->second;
    int64_t change = static_cast<int64_t>(p.in_degree) - static_cast<int64_t>(o.in_degree);
    if (change == 0) continue;
    people.push_back({-std::abs(change),
                      {{"person", p.id},
                       {"in_degree_before", o.in_degree},
                       {"in_degree_after", p.in_degree},
                       {"in_degree_change", change},
                       {"pagerank_before", o.pagerank},
                       {"pagerank_after", p.pagerank}}});
  }
  std::stable_sort(people.begin(), people.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  if (people.size() > top_people) people.resize(top_people);
  out["people"] = json::array();
  for (auto& [k, p] : people) out["people"].push_back(std::move(p));
  return out;
}

std::vector<size_t> TiesToDraw(std::span<const SnapshotEdge> edges, size_t max_ties) {
  std::vector<size_t> out;
  if (edges.size() <= max_ties) {
    out.resize(edges.size());
    std::iota(out.begin(), out.end(), size_t{0});
    return out;
  }
  // Stronger: the heavier, then the first listed.
  auto stronger = [&](size_t a, size_t b) {
    return edges[a].weight != edges[b].weight ? edges[a].weight > edges[b].weight : a < b;
  };
  std::unordered_map<int64_t, size_t> best_out, best_in;
  for (size_t e = 0; e < edges.size(); ++e) {
    for (auto [map, who] :
         {std::pair{&best_out, edges[e].src}, std::pair{&best_in, edges[e].dst}}) {
      auto [it, added] = map->emplace(who, e);
      if (!added && stronger(e, it->second)) it->second = e;
    }
  }
  std::vector<char> keep(edges.size(), 0);
  std::vector<size_t> own;
  for (const auto* map : {&best_out, &best_in}) {
    for (const auto& [who, e] : *map) {
      if (!keep[e]) own.push_back(e);
      keep[e] = 1;
    }
  }
  if (own.size() >= max_ties) {
    std::nth_element(own.begin(), own.begin() + static_cast<ptrdiff_t>(max_ties), own.end(),
                     stronger);
    own.resize(max_ties);
    std::sort(own.begin(), own.end());
    return own;
  }
  std::vector<size_t> rest;
  rest.reserve(edges.size() - own.size());
  for (size_t e = 0; e < edges.size(); ++e) {
    if (!keep[e]) rest.push_back(e);
  }
  const size_t more = max_ties - own.size();
  std::nth_element(rest.begin(), rest.begin() + static_cast<ptrdiff_t>(more), rest.end(), stronger);
  for (size_t i = 0; i < more; ++i) keep[rest[i]] = 1;
  for (size_t e = 0; e < edges.size(); ++e) {
    if (keep[e]) out.push_back(e);
  }
  return out;
}

}  // namespace pl::network
