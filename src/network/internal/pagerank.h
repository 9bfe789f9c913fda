// PageRank's error accounting, apart so that it can be checked on its own (centrality.cc).
#pragma once

#include <cstdint>
#include <span>

#include "graph/graph.h"

namespace pl::network::internal {

// People peeled from the back of the graph (`back`, in the order they are solved: each one's
// out-ties go only to people after it in the list) get their ranks from those before them, so
// an error in the ranks they are computed from passes on down their out-ties. An error of 1 at
// person v of the back becomes at most reach(v) = 1 + alpha × the sum, over v's out-ties to w,
// of reach(w) weighed by the tie's share of v's out-strength (the tie count's without
// `weighted`), in all; 1 for a person without out-ties. Fills `reach[v]` (indexed by node) for
// each v in `back` and returns the largest, 0 for no back.
double BackReach(const graph::Graph& g, std::span<const uint32_t> back, double alpha, bool weighted,
                 std::span<double> reach);

}  // namespace pl::network::internal
