#include "network/layout.h"

#include <algorithm>
#include <cmath>

#include "network/internal/igraph_bridge.h"

namespace pl::network {

namespace {

// Force-directed positions for one connected piece, centred, longer half-axis 1.
Status LayoutPiece(const igraph_t& g, int iterations, std::vector<double>& x,
                   std::vector<double>& y) {
  const igraph_integer_t n = igraph_vcount(&g);
  x.assign(n, 0);
  y.assign(n, 0);
  if (n == 1) return OkStatus();
  igraph_matrix_t m;
  RETURN_IF_ERROR(internal::Check(igraph_matrix_init(&m, 0, 0), "layout matrix"));
  Status s = internal::Check(
      igraph_layout_fruchterman_reingold(
          &g, &m, /*use_seed=*/false, iterations, std::sqrt(static_cast<double>(n)) / 10,
          IGRAPH_LAYOUT_AUTOGRID, nullptr, nullptr, nullptr, nullptr, nullptr),
      "force-directed layout");
  if (s.ok()) {
    double minx = HUGE_VAL, maxx = -HUGE_VAL, miny = HUGE_VAL, maxy = -HUGE_VAL;
    for (igraph_integer_t v = 0; v < n; ++v) {
      x[v] = MATRIX(m, v, 0);
      y[v] = MATRIX(m, v, 1);
      minx = std::min(minx, x[v]);
      maxx = std::max(maxx, x[v]);
      miny = std::min(miny, y[v]);
      maxy = std::max(maxy, y[v]);
    }
    double half = std::max({(maxx - minx) / 2, (maxy - miny) / 2, 1e-12});
    for (igraph_integer_t v = 0; v < n; ++v) {
      x[v] = (x[v] - (minx + maxx) / 2) / half;
      y[v] = (y[v] - (miny + maxy) / 2) / half;
    }
  }
  igraph_matrix_destroy(&m);
  return s;
}

}  // namespace

// Each connected piece is laid out on its own (otherwise repulsion flings small pieces and
// isolated people to the far edges and the main piece shrinks to a dot), scaled to the square
// root of its size, and the pieces are packed in rows, largest first.
Result<Layout> ComputeLayout(const graph::Graph& g, const LayoutParams& params) {
  Layout out;
  const auto n = static_cast<igraph_integer_t>(g.num_nodes());
  if (n == 0) return out;
  internal::IGraph und;
  RETURN_IF_ERROR(internal::ToUndirected(g, /*weighted=*/false, und, nullptr));
  internal::IIntVector membership(n), sizes(0);
  igraph_integer_t pieces = 0;
  RETURN_IF_ERROR(internal::Check(
      igraph_connected_components(&und.g, &membership.v, &sizes.v, &pieces, IGRAPH_WEAK),
      "connected pieces"));
  std::vector<std::vector<igraph_integer_t>> members(pieces);
  for (igraph_integer_t v = 0; v < n; ++v) members[VECTOR(membership.v)[v]].push_back(v);
  std::vector<igraph_integer_t> order(pieces);
  for (igraph_integer_t c = 0; c < pieces; ++c) order[c] = c;
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return members[a].size() > members[b].size(); });
  const int iterations =
      n <= 20000
          ? params.iterations
          : std::max(30, static_cast<int>(params.iterations * 20000 / static_cast<double>(n)));
  igraph_rng_seed(igraph_rng_default(), params.seed);
  out.x.assign(n, 0);
  out.y.assign(n, 0);
  const double row_width = 2 * std::sqrt(static_cast<double>(members[order[0]].size())) + 2;
  double cursor_x = 0, cursor_y = 0, row_height = 0;
  std::vector<double> px, py;
  std::vector<igraph_integer_t> local(n), ends;
  for (igraph_integer_t c : order) {
    const auto& vs = members[c];
    if (vs.size() == 1) {
      px.assign(1, 0);
      py.assign(1, 0);
    } else {
      // The piece's own graph, from the CSR lists with piece-local ids: linear in the piece
      // (igraph's induced subgraph costs O(all people) per piece, and there can be thousands).
      for (size_t i = 0; i < vs.size(); ++i) local[vs[i]] = static_cast<igraph_integer_t>(i);
      ends.clear();
      for (igraph_integer_t v : vs) {
        for (uint32_t w : g.OutNeighbors(static_cast<uint32_t>(v))) {
          if (v < w || g.Weight(w, static_cast<uint32_t>(v)) == 0) {
            ends.push_back(local[v]);
            ends.push_back(local[w]);
          }
        }
      }
      internal::IGraph piece;
      igraph_vector_int_t view;
      igraph_vector_int_view(&view, ends.data(), static_cast<igraph_integer_t>(ends.size()));
      RETURN_IF_ERROR(
          internal::Check(igraph_create(&piece.g, &view, static_cast<igraph_integer_t>(vs.size()),
                                        IGRAPH_UNDIRECTED),
                          "a connected piece"));
      piece.ok = true;
      RETURN_IF_ERROR(LayoutPiece(piece.g, iterations, px, py));
    }
    const double radius = std::sqrt(static_cast<double>(vs.size()));  // half-size of its box
    const double size = 2 * radius + 1;                               // with a margin
    if (cursor_x > 0 && cursor_x + size > row_width) {
      cursor_x = 0;
      cursor_y += row_height;
      row_height = 0;
    }
    for (size_t i = 0; i < vs.size(); ++i) {
      out.x[vs[i]] = cursor_x + size / 2 + radius * px[i];
      out.y[vs[i]] = -(cursor_y + size / 2 + radius * py[i]);
    }
    cursor_x += size;
    row_height = std::max(row_height, size);
  }
  // Into [-1, 1] on the longer axis, centred.
  auto [minx, maxx] = std::minmax_element(out.x.begin(), out.x.end());
  auto [miny, maxy] = std::minmax_element(out.y.begin(), out.y.end());
  const double cx = (*minx + *maxx) / 2, cy = (*miny + *maxy) / 2;
  const double half = std::max({(*maxx - *minx) / 2, (*maxy - *miny) / 2, 1e-12});
  for (igraph_integer_t v = 0; v < n; ++v) {
    out.x[v] = (out.x[v] - cx) / half;
    out.y[v] = (out.y[v] - cy) / half;
  }
  return out;
}

}  // namespace pl::network
