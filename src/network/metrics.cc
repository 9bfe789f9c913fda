#include "network/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "network/internal/igraph_bridge.h"

namespace pl::network {

using internal::Check;
using internal::IGraph;
using internal::IVector;

namespace {

// Effective size (Burt 1992) as NetworkX computes it for directed and weighted graphs: mutual
// weights a_ij + a_ji; p_vw = mutual(v, w) / sum_j mutual(v, j); m_uw = mutual(u, w) /
// max_j mutual(u, j). Cost: the sum of the neighbours' degrees, per person.
std::vector<double> EffectiveSize(const graph::Graph& g, bool weighted) {
  const size_t n = g.num_nodes();
  // Undirected adjacency with mutual weights, each list sorted.
  std::vector<std::vector<std::pair<uint32_t, double>>> adj(n);
  for (uint32_t u = 0; u < n; ++u) {
    auto on = g.OutNeighbors(u);
    auto ow = g.OutWeights(u);
    for (size_t i = 0; i < on.size(); ++i) {
      double w = weighted ? ow[i] : 1.0;
      adj[u].emplace_back(on[i], w);
      adj[on[i]].emplace_back(u, w);
    }
  }
  std::vector<double> total(n, 0), max_w(n, 0);
  for (auto& list : adj) {
    std::sort(list.begin(), list.end());
    size_t k = 0;
    for (size_t i = 0; i < list.size(); ++i) {
      if (k && list[k - 1].first == list[i].first) {
        list[k - 1].second += list[i].second;
      } else {
        list[k++] = list[i];
      }
    }
    list.resize(k);
  }
  for (uint32_t v = 0; v < n; ++v) {
    for (auto [u, w] : adj[v]) {
      total[v] += w;
      max_w[v] = std::max(max_w[v], w);
    }
  }
  std::vector<double> out(n, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> p(n, 0);  // p_vw for w in N(v), 0 elsewhere
  for (uint32_t v = 0; v < n; ++v) {
    if (adj[v].empty()) continue;
    for (auto [w, a] : adj[v]) p[w] = a / total[v];
    double size = 0;
    for (auto [u, a] : adj[v]) {
      double redundancy = 0;
      for (auto [w, b] : adj[u]) {
        if (w != v && p[w] > 0) redundancy += p[w] * b / max_w[u];
      }
      size += 1 - redundancy;
    }
    out[v] = size;
    for (auto [w, a] : adj[v]) p[w] = 0;
  }
  return out;
}

}  // namespace

Result<PersonMetrics> ComputePersonMetrics(const graph::Graph& g, const MetricsParams& params) {
  if (!(params.damping > 0 && params.damping < 1)) {
    return InvalidArgument("damping must be between 0 and 1 (exclusive)");
  }
  const size_t n = g.num_nodes();
  PersonMetrics m;
  m.in_degree.resize(n);
  m.out_degree.resize(n);
  m.in_strength.resize(n);
  m.out_strength.resize(n);
  for (uint32_t u = 0; u < g.num_nodes(); ++u) {
    auto nbrs = g.OutNeighbors(u);
    auto ws = g.OutWeights(u);
    m.out_degree[u] = static_cast<uint32_t>(nbrs.size());
    m.in_degree[u] = static_cast<uint32_t>(g.InDegree(u));
    for (size_t i = 0; i < nbrs.size(); ++i) {
      m.out_strength[u] += ws[i];
      m.in_strength[nbrs[i]] += ws[i];
    }
  }
  IGraph ig;
  IVector strength, length;
  RETURN_IF_ERROR(internal::ToIgraph(g, ig, &strength, &length));
  const igraph_vector_t* w = params.weighted ? &strength.v : nullptr;
  const igraph_vector_t* len = params.weighted ? &length.v : nullptr;

  IVector out;
  igraph_real_t value = 0;
  const uint32_t which = params.which;
  if (which & kPageRank) {
    RETURN_IF_ERROR(
        Check(igraph_pagerank(&ig.g, IGRAPH_PAGERANK_ALGO_PRPACK, &out.v, &value, igraph_vss_all(),
                              IGRAPH_DIRECTED, params.damping, w, nullptr),
              "PageRank"));
    m.pagerank = out.Copy();
  }
  if (which & kBetweenness) {
    RETURN_IF_ERROR(Check(igraph_betweenness(&ig.g, &out.v, igraph_vss_all(), IGRAPH_DIRECTED, len),
                          "betweenness"));
    m.betweenness = out.Copy();
  }
  if (which & kConstraint) {
    RETURN_IF_ERROR(Check(igraph_constraint(&ig.g, &out.v, igraph_vss_all(), w), "constraint"));
    m.constraint = out.Copy();
  }
  if (which & kCloseness) {
    RETURN_IF_ERROR(Check(igraph_closeness(&ig.g, &out.v, nullptr, nullptr, igraph_vss_all(),
                                           IGRAPH_ALL, len, /*normalized=*/true),
                          "closeness"));
    m.closeness = out.Copy();
  }
  if (which & kHarmonic) {
    RETURN_IF_ERROR(Check(igraph_harmonic_centrality(&ig.g, &out.v, igraph_vss_all(), IGRAPH_ALL,
                                                     len, /*normalized=*/true),
                          "harmonic closeness"));
    m.harmonic = out.Copy();
  }

  IGraph und;
  RETURN_IF_ERROR(internal::ToUndirected(g, false, und, nullptr));
  if (which & kCoreness) {
    internal::IIntVector cores;
    RETURN_IF_ERROR(Check(igraph_coreness(&und.g, &cores.v, IGRAPH_ALL), "k-core"));
    for (int64_t c : cores.Copy()) m.coreness.push_back(static_cast<uint32_t>(c));
  }
  if (which & kClustering) {
    RETURN_IF_ERROR(Check(igraph_transitivity_local_undirected(&und.g, &out.v, igraph_vss_all(),
                                                               IGRAPH_TRANSITIVITY_ZERO),
                          "clustering"));
    m.clustering = out.Copy();
  }
  if (which & kEffectiveSize) m.effective_size = EffectiveSize(g, params.weighted);
  m.reciprocity.resize(n);
  for (uint32_t v = 0; v < n; ++v) {
    auto on = g.OutNeighbors(v), in = g.InNeighbors(v);
    size_t both = 0, i = 0, j = 0;
    while (i < on.size() && j < in.size()) {
      if (on[i] < in[j]) {
        ++i;
      } else if (in[j] < on[i]) {
        ++j;
      } else {
        ++both, ++i, ++j;
      }
    }
    size_t partners = on.size() + in.size() - both;
    m.reciprocity[v] = partners ? static_cast<double>(both) / static_cast<double>(partners) : 0;
  }
  return m;
}

Result<SampledBetweenness> SampleBetweenness(const graph::Graph& g, int sources, uint64_t seed,
                                             double delta) {
  const auto n = static_cast<int64_t>(g.num_nodes());
  if (sources < 1) return InvalidArgument("sample at least one source");
  if (!(delta > 0 && delta < 1)) return InvalidArgument("delta must be between 0 and 1");
  SampledBetweenness out;
  out.delta = delta;
  out.sources = static_cast<int>(std::min<int64_t>(sources, n));
  if (n < 3) {
    out.values.assign(static_cast<size_t>(n), 0.0);
    return out;
  }
  // A uniform sample without replacement (partial Fisher-Yates with splitmix64).
  std::vector<igraph_integer_t> order(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) order[i] = i;
  uint64_t state = seed;
  auto next = [&] {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  for (int i = 0; i < out.sources; ++i) {
    std::swap(order[i], order[i + static_cast<int64_t>(next() % static_cast<uint64_t>(n - i))]);
  }
  IGraph ig;
  RETURN_IF_ERROR(internal::ToIgraph(g, ig, nullptr, nullptr));
  igraph_vector_int_t chosen;
  igraph_vector_int_view(&chosen, order.data(), out.sources);
  igraph_vs_t src;
  igraph_vs_vector(&src, &chosen);
  IVector res;
  RETURN_IF_ERROR(Check(igraph_betweenness_subset(&ig.g, &res.v, igraph_vss_all(), IGRAPH_DIRECTED,
                                                  src, igraph_vss_all(), nullptr),
                        "sampled betweenness"));
  out.values = res.Copy();
  const double scale = static_cast<double>(n) / out.sources;
  for (double& v : out.values) v *= scale;
  out.epsilon = std::sqrt(std::log(2.0 * static_cast<double>(n) / delta) / (2.0 * out.sources));
  return out;
}

}  // namespace pl::network
