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

std::vector<int64_t> IIntVector::Copy() const {
  std::vector<int64_t> out(igraph_vector_int_size(&v));
  for (size_t i = 0; i < out.size(); ++i) out[i] = VECTOR(v)[i];
  return out;
}

Status ToUndirected(const graph::Graph& g, bool weighted, IGraph& out, IVector* weight) {
  InitIgraph();
  std::vector<igraph_integer_t> ends;
  std::vector<double> ws;
  for (uint32_t u = 0; u < g.num_nodes(); ++u) {
    // Merge u's sorted out- and in-lists; keep pairs with u < v.
    auto on = g.OutNeighbors(u), in = g.InNeighbors(u);
    auto ow = g.OutWeights(u), iw = g.InWeights(u);
    size_t i = 0, j = 0;
    while (i < on.size() || j < in.size()) {
      uint32_t v;
      double w = 0;
      if (j == in.size() || (i < on.size() && on[i] < in[j])) {
        v = on[i];
        w = weighted ? ow[i] : 1;
        ++i;
      } else if (i == on.size() || in[j] < on[i]) {
        v = in[j];
        w = weighted ? iw[j] : 1;
        ++j;
      } else {
        v = on[i];
        w = weighted ? ow[i] + iw[j] : 2;
        ++i;
        ++j;
      }
      if (u < v) {
        ends.push_back(u);
        ends.push_back(v);
        ws.push_back(w);
      }
    }
  }
  igraph_vector_int_t edges;
  igraph_vector_int_view(&edges, ends.data(), static_cast<igraph_integer_t>(ends.size()));
  RETURN_IF_ERROR(Check(igraph_create(&out.g, &edges, static_cast<igraph_integer_t>(g.num_nodes()),
                                      IGRAPH_UNDIRECTED),
                        "the undirected graph"));
  out.ok = true;
  if (weight) {
    igraph_vector_resize(&weight->v, static_cast<igraph_integer_t>(ws.size()));
    for (size_t e = 0; e < ws.size(); ++e) VECTOR(weight->v)[e] = ws[e];
  }
  return OkStatus();
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
