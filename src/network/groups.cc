#include "network/groups.h"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "network/centrality.h"
#include "network/internal/igraph_bridge.h"
#include "network/internal/leiden.h"

namespace pl::network {

using internal::Check;

namespace {

// Calls f(u, v) once per undirected tie (u < v).
template <typename F>
void ForEachTie(const graph::Graph& g, F&& f) {
  for (uint32_t u = 0; u < g.num_nodes(); ++u) {
    for (uint32_t v : g.OutNeighbors(u)) {
      if (u < v || g.Weight(v, u) == 0) f(std::min(u, v), std::max(u, v));
    }
  }
}

// Dense labels 0..k-1 for any labels.
std::vector<igraph_integer_t> Dense(const std::vector<int32_t>& labels) {
  std::unordered_map<int32_t, igraph_integer_t> map;
  std::vector<igraph_integer_t> out;
  out.reserve(labels.size());
  for (int32_t l : labels) {
    out.push_back(map.emplace(l, static_cast<igraph_integer_t>(map.size())).first->second);
  }
  return out;
}

}  // namespace

std::vector<TeamMetrics> ComputeTeamMetrics(const graph::Graph& g,
                                            const std::vector<int32_t>& team_of,
                                            const std::vector<int64_t>& team_sizes) {
  std::vector<TeamMetrics> out(team_sizes.size());
  std::vector<std::unordered_set<uint32_t>> outside_people(team_sizes.size());
  std::vector<std::unordered_set<int32_t>> outside_teams(team_sizes.size());
  for (size_t t = 0; t < out.size(); ++t) {
    out[t].team = static_cast<int32_t>(t);
    out[t].members = team_sizes[t];
  }
  ForEachTie(g, [&](uint32_t u, uint32_t v) {
    int32_t a = team_of[u], b = team_of[v];
    if (a != kNoTeam && a == b) {
      ++out[a].internal_ties;
      return;
    }
    for (auto [t, other, other_team] : {std::tuple{a, v, b}, std::tuple{b, u, a}}) {
      if (t == kNoTeam) continue;
      ++out[t].external_ties;
      outside_people[t].insert(other);
      if (other_team != kNoTeam) outside_teams[t].insert(other_team);
    }
  });
  for (size_t t = 0; t < out.size(); ++t) {
    auto& m = out[t];
    double pairs = static_cast<double>(m.members) * static_cast<double>(m.members - 1) / 2;
    m.density = pairs > 0 ? static_cast<double>(m.internal_ties) / pairs
                          : std::numeric_limits<double>::quiet_NaN();  // one person
    double all = static_cast<double>(m.internal_ties + m.external_ties);
    if (all > 0) {
      m.ei_index = static_cast<double>(m.external_ties - m.internal_ties) / all;
      m.cross_share = static_cast<double>(m.external_ties) / all;
    }
    m.external_people = static_cast<int64_t>(outside_people[t].size());
    m.external_teams = static_cast<int64_t>(outside_teams[t].size());
  }
  return out;
}

std::vector<int64_t> TeamFlowMatrix(const graph::Graph& g, const std::vector<int32_t>& team_of,
                                    int32_t teams) {
  std::vector<int64_t> m(static_cast<size_t>(teams) * teams, 0);
  ForEachTie(g, [&](uint32_t u, uint32_t v) {
    int32_t a = team_of[u], b = team_of[v];
    if (a == kNoTeam || b == kNoTeam) return;
    if (a > b) std::swap(a, b);
    ++m[static_cast<size_t>(a) * teams + b];
  });
  return m;
}

Result<Communities> FindCommunities(const graph::Graph& g, const CommunityParams& params) {
  if (!(params.resolution > 0)) return InvalidArgument("the resolution must be above 0");
  Communities c;
  const auto n = static_cast<uint32_t>(g.num_nodes());
  if (n == 0) return c;
  const internal::GraphLevel u = internal::LevelOf(g, params.weighted);
  if (u.total == 0) {
    c.membership.resize(n);
    for (uint32_t v = 0; v < n; ++v) c.membership[v] = static_cast<int32_t>(v);
    c.count = static_cast<int32_t>(n);
    return c;
  }
  // Modularity as Leiden's quality: node weights = strengths, resolution / (2m).
  std::vector<double> inside;  // each community's weight inside, where Leiden knows it
  std::vector<uint32_t> membership = internal::Leiden(
      u, params.resolution / (2 * u.total), params.beta, params.seed, params.runs,
      internal::DefaultAggregateBudget(u), ResolveThreads(params.threads), &inside);
  c.membership.assign(membership.begin(), membership.end());
  c.count = static_cast<int32_t>(*std::max_element(membership.begin(), membership.end()) + 1);
  c.modularity = internal::ModularityOf(u, membership, 1.0, inside);
  return c;
}

Result<double> Modularity(const graph::Graph& g, const std::vector<int32_t>& membership,
                          bool weighted, double resolution) {
  if (membership.size() != g.num_nodes()) {
    return InvalidArgument("the partition must give every node a group");
  }
  internal::IGraph und;
  internal::IVector w;
  RETURN_IF_ERROR(internal::ToUndirected(g, weighted, und, &w));
  std::vector<igraph_integer_t> dense = Dense(membership);
  igraph_vector_int_t m;
  igraph_vector_int_view(&m, dense.data(), static_cast<igraph_integer_t>(dense.size()));
  igraph_real_t q = 0;
  RETURN_IF_ERROR(
      Check(igraph_modularity(&und.g, &m, &w.v, resolution, IGRAPH_UNDIRECTED, &q), "modularity"));
  return q;
}

Result<double> NormalizedMutualInformation(const std::vector<int32_t>& a,
                                           const std::vector<int32_t>& b) {
  if (a.size() != b.size()) return InvalidArgument("the partitions cover different nodes");
  internal::InitIgraph();
  std::vector<igraph_integer_t> da = Dense(a), db = Dense(b);
  igraph_vector_int_t va, vb;
  igraph_vector_int_view(&va, da.data(), static_cast<igraph_integer_t>(da.size()));
  igraph_vector_int_view(&vb, db.data(), static_cast<igraph_integer_t>(db.size()));
  igraph_real_t nmi = 0;
  RETURN_IF_ERROR(Check(igraph_compare_communities(&va, &vb, &nmi, IGRAPH_COMMCMP_NMI), "NMI"));
  return nmi;
}

}  // namespace pl::network
