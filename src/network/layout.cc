#include "network/layout.h"

#include <algorithm>
#include <cmath>

#include "network/internal/igraph_bridge.h"

namespace pl::network {

namespace {

struct Placement {
  std::vector<double> x, y;      // each box's top left corner
  double width = 0, height = 0;  // the whole's extent
};

// Repulsion flings a piece's people with one tie (and the chains they hang on) far beyond its
// body, and scaling the piece to its box then shrinks the body to a small knot in the middle.
// So whoever lies beyond 1.5 times the median distance from the piece's centroid (about the
// edge of an evenly filled disc: nobody of a body laid out that way) is drawn in towards it,
// keeping their direction and order: the distance d beyond that radius R becomes
// R × ln(1 + d / R) / 2 (a straggler 10 R out ends 1.2 R out; a chain's links stay apart, which
// a bound on the distance did not keep). Pieces under 20 people are left as they are.
void PullInStragglers(std::vector<double>& x, std::vector<double>& y) {
  const size_t n = x.size();
  if (n < 20) return;
  double cx = 0, cy = 0;
  for (size_t v = 0; v < n; ++v) cx += x[v], cy += y[v];
  cx /= static_cast<double>(n);
  cy /= static_cast<double>(n);
  std::vector<double> r(n);
  for (size_t v = 0; v < n; ++v) r[v] = std::hypot(x[v] - cx, y[v] - cy);
  std::vector<double> sorted = r;
  const auto middle = sorted.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(sorted.begin(), middle, sorted.end());
  const double radius = 1.5 * *middle;
  if (!(radius > 0)) return;
  for (size_t v = 0; v < n; ++v) {
    if (r[v] <= radius) continue;
    const double now = radius * (1 + std::log1p((r[v] - radius) / radius) / 2);
    x[v] = cx + (x[v] - cx) * now / r[v];
    y[v] = cy + (y[v] - cy) * now / r[v];
  }
}

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
    for (igraph_integer_t v = 0; v < n; ++v) {
      x[v] = MATRIX(m, v, 0);
      y[v] = MATRIX(m, v, 1);
    }
    PullInStragglers(x, y);
    double minx = HUGE_VAL, maxx = -HUGE_VAL, miny = HUGE_VAL, maxy = -HUGE_VAL;
    for (igraph_integer_t v = 0; v < n; ++v) {
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

// The boxes of `sizes` (squares, largest first) packed up to `width`: the first at the top left,
// the others in rows beside it while they fit there, then in rows under it across the width.
// Top left corners, and the whole's extent.
Placement Pack(const std::vector<double>& sizes, double width) {
  Placement out;
  const double largest = sizes.front();
  double left = largest;  // where a row starts: beside the largest box, later 0 (under it)
  double cursor_x = largest, cursor_y = 0, row_height = 0;
  out.x.push_back(0);
  out.y.push_back(0);
  out.width = out.height = largest;
  for (size_t k = 1; k < sizes.size(); ++k) {
    const double size = sizes[k];
    if (cursor_x > left && cursor_x + size > width) {  // a new row
      cursor_x = left;
      cursor_y += row_height;
      row_height = 0;
    }
    if (left > 0 && (cursor_y + size > largest || left + size > width)) {  // no room beside
      left = cursor_x = 0;
      cursor_y = largest;
      row_height = 0;
    }
    out.x.push_back(cursor_x);
    out.y.push_back(cursor_y);
    cursor_x += size;
    row_height = std::max(row_height, size);
    out.width = std::max(out.width, cursor_x);
    out.height = std::max(out.height, cursor_y + size);
  }
  return out;
}

// The packing that would be drawn largest on a screen about half again as wide as tall (the
// map's; pieces stacked under the largest had left its sides empty): of widths from the largest
// box's to all the boxes' in a row, the one whose extent needs the least of such a screen.
Placement PackForTheScreen(const std::vector<double>& sizes) {
  constexpr double kAspect = 1.6;
  double all = 0;
  for (double s : sizes) all += s;
  Placement best;
  double need = HUGE_VAL;
  constexpr int kTries = 64;
  for (int t = 0; t <= kTries; ++t) {
    const double width = sizes.front() + (all - sizes.front()) * t / kTries;
    Placement p = Pack(sizes, width);
    const double n = std::max(p.width / kAspect, p.height);
    if (n < need - 1e-9) need = n, best = std::move(p);
  }
  return best;
}

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
  std::vector<double> boxes;  // each piece's box, with a margin, largest first
  for (igraph_integer_t c : order) {
    boxes.push_back(2 * std::sqrt(static_cast<double>(members[c].size())) + 1);
  }
  const Placement at = PackForTheScreen(boxes);
  std::vector<double> px, py;
  std::vector<igraph_integer_t> local(n), ends;
  size_t k = 0;  // the piece's place in `order`
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
    const double size = boxes[k], corner_x = at.x[k], corner_y = at.y[k];
    for (size_t i = 0; i < vs.size(); ++i) {
      out.x[vs[i]] = corner_x + size / 2 + radius * px[i];
      out.y[vs[i]] = -(corner_y + size / 2 + radius * py[i]);
    }
    ++k;
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
