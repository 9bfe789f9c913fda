// Positions for drawing the network: a force-directed layout (Fruchterman & Reingold 1991, with
// igraph's grid approximation so that 100k people stay in seconds) on the undirected ties,
// deterministic for a seed. Coordinates are scaled into [-1, 1] on the longer axis.
//
//   ASSIGN_OR_RETURN(Layout l, ComputeLayout(g, {}));
//   draw(l.x[v], l.y[v]);
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace pl::network {

struct LayoutParams {
  uint64_t seed = 1;
  // Iterations: `iterations` up to 20,000 people, fewer above (never under 30), so the work
  // stays near 6 million node-iterations.
  int iterations = 300;
};

struct Layout {
  std::vector<double> x, y;  // by node
};

Result<Layout> ComputeLayout(const graph::Graph& g, const LayoutParams& params);

}  // namespace pl::network
