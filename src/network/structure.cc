#include "network/structure.h"

#include <algorithm>
#include <cmath>

#include "network/internal/igraph_bridge.h"

namespace pl::network {

using internal::Check;

Result<Structure> ComputeComponents(const graph::Graph& g) {
  Structure s;
  if (g.num_nodes() == 0) return s;
  internal::IGraph ig;
  RETURN_IF_ERROR(internal::ToIgraph(g, ig, nullptr, nullptr));
  igraph_vector_int_t csize;
  if (igraph_vector_int_init(&csize, 0) != IGRAPH_SUCCESS) return Internal("out of memory");
  for (auto [mode, count, largest] :
       {std::tuple{IGRAPH_WEAK, &s.weak_components, &s.largest_weak},
        std::tuple{IGRAPH_STRONG, &s.strong_components, &s.largest_strong}}) {
    igraph_integer_t no = 0;
    igraph_error_t rc = igraph_connected_components(&ig.g, nullptr, &csize, &no, mode);
    if (rc != IGRAPH_SUCCESS) {
      igraph_vector_int_destroy(&csize);
      return Check(rc, "components");
    }
    *count = no;
    *largest = no ? igraph_vector_int_max(&csize) : 0;
  }
  igraph_vector_int_destroy(&csize);
  return s;
}

Result<Structure> ComputeStructure(const graph::Graph& g) {
  if (g.num_nodes() == 0) return Structure{};
  ASSIGN_OR_RETURN(Structure s, ComputeComponents(g));
  internal::IGraph ig;
  RETURN_IF_ERROR(internal::ToIgraph(g, ig, nullptr, nullptr));
  internal::IVector per_node;
  RETURN_IF_ERROR(
      Check(igraph_adjacent_triangles(&ig.g, &per_node.v, igraph_vss_all()), "triangles"));
  double sum = 0;
  for (double t : per_node.Copy()) sum += t;
  s.triangles = std::llround(sum / 3);
  igraph_real_t value = 0;
  RETURN_IF_ERROR(Check(igraph_transitivity_undirected(&ig.g, &value, IGRAPH_TRANSITIVITY_ZERO),
                        "transitivity"));
  s.transitivity = value;
  RETURN_IF_ERROR(
      Check(igraph_transitivity_avglocal_undirected(&ig.g, &value, IGRAPH_TRANSITIVITY_ZERO),
            "average clustering"));
  s.average_clustering = value;
  RETURN_IF_ERROR(Check(igraph_diameter(&ig.g, &value, nullptr, nullptr, nullptr, nullptr,
                                        /*directed=*/false, /*unconn=*/true),
                        "diameter"));
  s.diameter = std::isfinite(value) ? static_cast<int64_t>(value) : 0;
  return s;
}

}  // namespace pl::network
