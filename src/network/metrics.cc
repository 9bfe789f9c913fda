#include "network/metrics.h"

#include <igraph.h>

#include <mutex>

namespace pl::network {
namespace {

// igraph's default error handler aborts; errors must come back as codes instead.
void InitIgraph() {
  static std::once_flag once;
  std::call_once(once, [] { igraph_set_error_handler(igraph_error_handler_ignore); });
}

// RAII holders for igraph objects.
struct IGraph {
  igraph_t g;
  bool ok = false;
  ~IGraph() {
    if (ok) igraph_destroy(&g);
  }
};
struct IVector {
  igraph_vector_t v;
  bool ok = false;
  explicit IVector(igraph_integer_t n = 0) { ok = igraph_vector_init(&v, n) == IGRAPH_SUCCESS; }
  ~IVector() {
    if (ok) igraph_vector_destroy(&v);
  }
  std::vector<double> Copy() const {
    std::vector<double> out(igraph_vector_size(&v));
    for (size_t i = 0; i < out.size(); ++i) out[i] = VECTOR(v)[i];
    return out;
  }
};

Status Check(igraph_error_t code, const char* what) {
  if (code == IGRAPH_SUCCESS) return OkStatus();
  return Internal(std::string("igraph failed computing ") + what + ": " + igraph_strerror(code));
}

}  // namespace

Result<PersonMetrics> ComputePersonMetrics(const graph::Graph& g, const MetricsParams& params) {
  if (!(params.damping > 0 && params.damping < 1)) {
    return InvalidArgument("damping must be between 0 and 1 (exclusive)");
  }
  InitIgraph();
  const auto n = static_cast<igraph_integer_t>(g.num_nodes());
  PersonMetrics m;
  m.in_degree.resize(n);
  m.out_degree.resize(n);
  m.in_strength.resize(n);
  m.out_strength.resize(n);

  igraph_vector_int_t edges;
  if (igraph_vector_int_init(&edges, 2 * static_cast<igraph_integer_t>(g.num_edges())) !=
      IGRAPH_SUCCESS) {
    return Internal("out of memory building the igraph edge list");
  }
  IVector strength(static_cast<igraph_integer_t>(g.num_edges()));
  IVector length(static_cast<igraph_integer_t>(g.num_edges()));
  size_t e = 0;
  for (uint32_t u = 0; u < g.num_nodes(); ++u) {
    auto nbrs = g.OutNeighbors(u);
    auto ws = g.OutWeights(u);
    m.out_degree[u] = static_cast<uint32_t>(nbrs.size());
    m.in_degree[u] = static_cast<uint32_t>(g.InDegree(u));
    for (size_t i = 0; i < nbrs.size(); ++i, ++e) {
      VECTOR(edges)[2 * e] = u;
      VECTOR(edges)[2 * e + 1] = nbrs[i];
      VECTOR(strength.v)[e] = ws[i];
      VECTOR(length.v)[e] = 1.0 / ws[i];
      m.out_strength[u] += ws[i];
      m.in_strength[nbrs[i]] += ws[i];
    }
  }
  IGraph ig;
  igraph_error_t rc = igraph_create(&ig.g, &edges, n, IGRAPH_DIRECTED);
  igraph_vector_int_destroy(&edges);
  RETURN_IF_ERROR(Check(rc, "the graph"));
  ig.ok = true;
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
