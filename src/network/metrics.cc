#include "network/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "network/centrality.h"

namespace pl::network {

Result<PersonMetrics> ComputePersonMetrics(const graph::Graph& g, const MetricsParams& params) {
  if (!(params.damping > 0 && params.damping < 1)) {
    return InvalidArgument("damping must be between 0 and 1 (exclusive)");
  }
  const size_t n = g.num_nodes();
  const uint32_t which = params.which;
  const int threads = ResolveThreads(params.threads);
  // The metrics with the most working memory first, while few results are held beside it:
  // PageRank (a copy of the core's in-ties, 4 bytes each), then betweenness (each thread's
  // search state and shortest-path successors). The rest work in a few words per person.
  // The per-person results end at about 9 bytes a tie on the SNAP graphs; bench_network's
  // "memory" operation measures the peak.
  PersonMetrics m;
  if (params.lengths != nullptr &&
      (!params.weighted || params.lengths->num_nodes() != g.num_nodes())) {
    return InvalidArgument("tie lengths need weighted metrics and the graph's own nodes");
  }
  if (which & kPageRank) m.pagerank = PageRank(g, params.damping, params.weighted);
  // Weighted: shortest paths over tie lengths 1 / strength, or over the lengths given.
  const bool given = params.lengths != nullptr;
  const graph::Graph& paths = given ? *params.lengths : g;
  if (which & kBetweenness) {
    m.betweenness = params.weighted ? WeightedBetweenness(paths, {}, threads, given)
                                    : Betweenness(g, {}, threads);
  }
  Closeness closeness;
  if (which & (kCloseness | kHarmonic)) {
    closeness = params.weighted ? ComputeWeightedCloseness(paths, threads, given)
                                : ComputeCloseness(g, threads);
  }
  if (which & kCoreness) m.coreness = Coreness(g, !params.undirected);
  if (which & (kConstraint | kEffectiveSize | kClustering)) {
    StructuralHoles holes = ComputeStructuralHoles(g, params.weighted);
    if (which & kConstraint) m.constraint = std::move(holes.constraint);
    if (which & kEffectiveSize) m.effective_size = std::move(holes.effective_size);
    if (which & kClustering) m.clustering = std::move(holes.clustering);
  }
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
  if (which & kCloseness) m.closeness = std::move(closeness.closeness);
  if (which & kHarmonic) m.harmonic = std::move(closeness.harmonic);
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
                                             double delta, int threads, bool weighted,
                                             bool lengths_given) {
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
  std::vector<uint32_t> order(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) order[i] = static_cast<uint32_t>(i);
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
  const std::span<const uint32_t> picked(order.data(), static_cast<size_t>(out.sources));
  out.values = weighted ? WeightedBetweenness(g, picked, threads, lengths_given)
                        : Betweenness(g, picked, threads);
  const double scale = static_cast<double>(n) / out.sources;
  for (double& v : out.values) v *= scale;
  out.epsilon = std::sqrt(std::log(2.0 * static_cast<double>(n) / delta) / (2.0 * out.sources));
  return out;
}

}  // namespace pl::network
