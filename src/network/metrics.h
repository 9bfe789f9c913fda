// Person-level network metrics on the knowledge-flow graph, computed with the igraph C library
// (0.10). Definitions, chosen to match the peer libraries' reference values:
//   - PageRank: Brin & Page (1998), damping 0.85, dangling nodes spread uniformly; igraph PRPACK.
//   - Betweenness: Brandes (2001), directed shortest paths over ordered pairs (s, t),
//     unnormalised. When weighted, a tie of strength w has length 1/w (strong ties are short).
//   - Burt's constraint: Burt (1992), igraph's definition (p_ij from a_ij + a_ji, so direction is
//     ignored); self-loops are never in the graph (see graph.h).
//   - Closeness: harmonic-free classic closeness on the undirected graph, normalised:
//     (reachable - 1) / sum of distances, computed within each node's component.
// Values are indexed by the graph's dense node index.
//
//   ASSIGN_OR_RETURN(PersonMetrics m, ComputePersonMetrics(g, {}));
//   double pr = m.pagerank[*g.IndexOf(person.value)];
#pragma once

#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace pl::network {

struct MetricsParams {
  double damping = 0.85;
  bool weighted = false;  // use tie strengths (false: every tie counts 1)
};

struct PersonMetrics {
  std::vector<uint32_t> in_degree, out_degree;    // distinct people
  std::vector<double> in_strength, out_strength;  // summed tie strength
  std::vector<double> pagerank;
  std::vector<double> betweenness;
  std::vector<double> constraint;
  std::vector<double> closeness;
};

// InvalidArgument for a damping outside (0, 1); Internal if igraph fails.
Result<PersonMetrics> ComputePersonMetrics(const graph::Graph& g, const MetricsParams& params);

}  // namespace pl::network
