#include "network/analysis.h"

#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace pl::network {

Result<BoundedMetrics> ComputeMetricsWithinLimits(const graph::Graph& g,
                                                  const AnalysisParams& params) {
  const size_t n = g.num_nodes();
  BoundedMetrics out;
  MetricsParams mp = params.metrics;
  const bool large = !params.BetweennessExact(n, g.num_edges());
  out.closeness_computed = n <= params.ClosenessMaxPeople();
  if (large) mp.which &= ~kBetweenness;
  if (!out.closeness_computed) mp.which &= ~(kCloseness | kHarmonic);
  ASSIGN_OR_RETURN(out.metrics, ComputePersonMetrics(g, mp));
  if (!out.closeness_computed) {
    out.metrics.closeness.assign(n, std::numeric_limits<double>::quiet_NaN());
    out.metrics.harmonic.assign(n, std::numeric_limits<double>::quiet_NaN());
  }
  if (large) {
    const graph::Graph* lengths = params.metrics.lengths;
    ASSIGN_OR_RETURN(SampledBetweenness sb,
                     SampleBetweenness(lengths != nullptr ? *lengths : g,
                                       params.betweenness_sources, params.communities.seed,
                                       /*delta=*/0.01, params.metrics.threads,
                                       params.metrics.weighted, lengths != nullptr));
    out.metrics.betweenness = std::move(sb.values);
    out.betweenness_method = "sampled from " + std::to_string(sb.sources) + " sources";
    out.betweenness_sources = sb.sources;
    out.betweenness_epsilon = sb.epsilon;
    out.betweenness_delta = sb.delta;
  }
  return out;
}

Result<Analysis> Analyze(const std::vector<PersonInput>& people,
                         std::span<const graph::Interaction> interactions,
                         const AnalysisParams& params) {
  Analysis a;
  graph::BuildParams build = params.build;
  // Only people on the roster: interactions naming others are left out.
  std::unordered_set<int64_t> known;
  for (const auto& p : people) {
    known.insert(p.id);
    build.extra_nodes.push_back(p.id);
  }
  std::vector<graph::Interaction> kept;
  kept.reserve(interactions.size());
  for (const auto& x : interactions) {
    if (known.count(x.src) && known.count(x.dst)) kept.push_back(x);
  }
  a.graph = graph::Build(kept, build);
  a.stats = graph::ComputeStats(a.graph);
  const size_t n = a.graph.num_nodes();

  std::map<std::string, int32_t> team_index;
  for (const auto& p : people) {
    if (!p.team.empty()) team_index.emplace(p.team, 0);
  }
  for (auto& [path, i] : team_index) {
    i = static_cast<int32_t>(a.teams.size());
    a.teams.push_back(path);
  }
  std::map<std::string, int32_t> skill_index;
  for (const auto& p : people) {
    for (const auto& s : p.skills) skill_index.emplace(s.first, 0);
  }
  for (auto& [name, i] : skill_index) {
    i = static_cast<int32_t>(a.skills.size());
    a.skills.push_back(name);
  }
  a.team_of.assign(n, kNoTeam);
  std::vector<int64_t> sizes(a.teams.size(), 0);
  std::vector<NodeInfo> nodes(n);
  std::vector<int64_t> manager_of(n, -1);
  std::unordered_set<int64_t> managers;
  for (const auto& p : people) {
    if (p.manager_id) managers.insert(p.manager_id);
  }
  for (const auto& p : people) {
    uint32_t v = *a.graph.IndexOf(p.id);
    NodeInfo& nd = nodes[v];
    if (!p.team.empty()) {
      nd.team = team_index.at(p.team);
      a.team_of[v] = nd.team;
      ++sizes[nd.team];
    }
    nd.level = p.level;
    nd.manager = managers.count(p.id) > 0;
    nd.hire_date = p.hire_date;
    for (const auto& [name, level] : p.skills) nd.skills.emplace_back(skill_index.at(name), level);
    if (p.manager_id) {
      if (auto m = a.graph.IndexOf(p.manager_id)) manager_of[v] = *m;
    }
  }
  ASSIGN_OR_RETURN(BoundedMetrics bounded, ComputeMetricsWithinLimits(a.graph, params));
  a.metrics = std::move(bounded.metrics);
  a.betweenness_method = std::move(bounded.betweenness_method);
  a.betweenness_epsilon = bounded.betweenness_epsilon;
  a.betweenness_delta = bounded.betweenness_delta;
  a.closeness_computed = bounded.closeness_computed;
  ASSIGN_OR_RETURN(a.communities, FindCommunities(a.graph, params.communities));
  a.team_metrics = ComputeTeamMetrics(a.graph, a.team_of, sizes);
  ASSIGN_OR_RETURN(a.findings, ComputeFindings(a.graph, kept, nodes, manager_of, a.metrics,
                                               a.communities, a.team_metrics, params.findings));
  return a;
}

}  // namespace pl::network
