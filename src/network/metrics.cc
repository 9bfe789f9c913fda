#include "network/metrics.h"

#include "network/internal/igraph_bridge.h"

namespace pl::network {

using internal::Check;
using internal::IGraph;
using internal::IVector;

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
  RETURN_IF_ERROR(
      Check(igraph_pagerank(&ig.g, IGRAPH_PAGERANK_ALGO_PRPACK, &out.v, &value, igraph_vss_all(),
                            IGRAPH_DIRECTED, params.damping, w, nullptr),
            "PageRank"));
  m.pagerank = out.Copy();
  RETURN_IF_ERROR(Check(igraph_betweenness(&ig.g, &out.v, igraph_vss_all(), IGRAPH_DIRECTED, len),
                        "betweenness"));
  m.betweenness = out.Copy();
  RETURN_IF_ERROR(Check(igraph_constraint(&ig.g, &out.v, igraph_vss_all(), w), "constraint"));
  m.constraint = out.Copy();
  RETURN_IF_ERROR(Check(igraph_closeness(&ig.g, &out.v, nullptr, nullptr, igraph_vss_all(),
                                         IGRAPH_ALL, len, /*normalized=*/true),
                        "closeness"));
  m.closeness = out.Copy();
  return m;
}

}  // namespace pl::network
