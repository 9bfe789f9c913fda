#include "network/internal/igraph_bridge.h"

#include <mutex>
#include <string>

namespace pl::network::internal {

void InitIgraph() {
  static std::once_flag once;
  std::call_once(once, [] { igraph_set_error_handler(igraph_error_handler_ignore); });
}

Status Check(igraph_error_t code, const char* what) {
  if (code == IGRAPH_SUCCESS) return OkStatus();
  return Internal(std::string("igraph failed computing ") + what + ": " + igraph_strerror(code));
}

std::vector<double> IVector::Copy() const {
  std::vector<double> out(igraph_vector_size(&v));
  for (size_t i = 0; i < out.size(); ++i) out[i] = VECTOR(v)[i];
  return out;
}

Status ToIgraph(const graph::Graph& g, IGraph& out, IVector* strength, IVector* length) {
  InitIgraph();
  const auto m = static_cast<igraph_integer_t>(g.num_edges());
  igraph_vector_int_t edges;
  if (igraph_vector_int_init(&edges, 2 * m) != IGRAPH_SUCCESS) {
    return Internal("out of memory building the igraph edge list");
  }
  if (strength) igraph_vector_resize(&strength->v, m);
  if (length) igraph_vector_resize(&length->v, m);
  igraph_integer_t e = 0;
  for (uint32_t u = 0; u < g.num_nodes(); ++u) {
    auto nbrs = g.OutNeighbors(u);
    auto ws = g.OutWeights(u);
    for (size_t i = 0; i < nbrs.size(); ++i, ++e) {
      VECTOR(edges)[2 * e] = u;
      VECTOR(edges)[2 * e + 1] = nbrs[i];
      if (strength) VECTOR(strength->v)[e] = ws[i];
      if (length) VECTOR(length->v)[e] = 1.0 / ws[i];
    }
  }
  igraph_error_t rc =
      igraph_create(&out.g, &edges, static_cast<igraph_integer_t>(g.num_nodes()), IGRAPH_DIRECTED);
  igraph_vector_int_destroy(&edges);
  RETURN_IF_ERROR(Check(rc, "the graph"));
  out.ok = true;
  return OkStatus();
}

}  // namespace pl::network::internal
