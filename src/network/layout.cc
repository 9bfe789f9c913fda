#include "network/layout.h"

#include <algorithm>
#include <cmath>

#include "network/internal/igraph_bridge.h"

namespace pl::network {

Result<Layout> ComputeLayout(const graph::Graph& g, const LayoutParams& params) {
  Layout out;
  const auto n = static_cast<igraph_integer_t>(g.num_nodes());
  if (n == 0) return out;
  internal::IGraph und;
  RETURN_IF_ERROR(internal::ToUndirected(g, /*weighted=*/false, und, nullptr));
  igraph_matrix_t m;
  RETURN_IF_ERROR(internal::Check(igraph_matrix_init(&m, 0, 0), "layout matrix"));
  const int iterations =
      n <= 20000 ? params.iterations
                 : std::max(30, static_cast<int>(params.iterations * 20000 / static_cast<double>(n)));
  igraph_rng_seed(igraph_rng_default(), params.seed);
  Status s = internal::Check(
      igraph_layout_fruchterman_reingold(&und.g, &m, /*use_seed=*/false, iterations,
                                         std::sqrt(static_cast<double>(n)) / 10,
                                         IGRAPH_LAYOUT_AUTOGRID, nullptr, nullptr, nullptr,
                                         nullptr, nullptr),
      "force-directed layout");
  if (s.ok()) {
    out.x.resize(n);
    out.y.resize(n);
    double minx = HUGE_VAL, maxx = -HUGE_VAL, miny = HUGE_VAL, maxy = -HUGE_VAL;
    for (igraph_integer_t v = 0; v < n; ++v) {
      out.x[v] = MATRIX(m, v, 0);
      out.y[v] = MATRIX(m, v, 1);
      minx = std::min(minx, out.x[v]);
      maxx = std::max(maxx, out.x[v]);
      miny = std::min(miny, out.y[v]);
      maxy = std::max(maxy, out.y[v]);
    }
    double half = std::max({(maxx - minx) / 2, (maxy - miny) / 2, 1e-12});
    double cx = (minx + maxx) / 2, cy = (miny + maxy) / 2;
    for (igraph_integer_t v = 0; v < n; ++v) {
      out.x[v] = (out.x[v] - cx) / half;
      out.y[v] = (out.y[v] - cy) / half;
    }
  }
  igraph_matrix_destroy(&m);
  RETURN_IF_ERROR(s);
  return out;
}

}  // namespace pl::network
