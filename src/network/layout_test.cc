#include "network/layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace pl::network {
namespace {

// An organisation's shape: a body of 60 people (each tied to 5 others of it, at random but fixed),
// four chains of four people hanging off it (the stragglers a force layout flings out), four
// small teams of 6 tied only among themselves (rings), and 5 people with no tie. Ids: body 0-59,
// chains 100-115, teams 200-223, alone 300-304.
graph::Graph Organisation() {
  std::vector<graph::Interaction> xs;
  auto tie = [&](int64_t a, int64_t b) { xs.push_back({a, b, graph::Layer::kReply, {}, 1.0}); };
  uint64_t state = 12345;
  auto next = [&] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
  };
  for (int64_t a = 0; a < 60; ++a) {
    for (int k = 0; k < 5; ++k) {
      const auto b = static_cast<int64_t>(next() % 60);
      if (b != a) tie(a, b);
    }
  }
  for (int64_t c = 0; c < 4; ++c) {
    tie(c * 15, 100 + c * 4);  // hangs off the body
    for (int64_t i = 0; i < 3; ++i) tie(100 + c * 4 + i, 100 + c * 4 + i + 1);
  }
  for (int64_t t = 0; t < 4; ++t) {
    for (int64_t i = 0; i < 6; ++i) tie(200 + t * 6 + i, 200 + t * 6 + (i + 1) % 6);
  }
  graph::BuildParams p;
  for (int64_t v = 300; v < 305; ++v) p.extra_nodes.push_back(v);
  return graph::Build(xs, p);
}

// Which piece a person is in: the body with its chains (0), a team (1 + t), or alone (10 + i).
int PieceOf(int64_t id) {
  if (id < 200) return 0;
  if (id < 300) return 1 + static_cast<int>((id - 200) / 6);
  return 10 + static_cast<int>(id - 300);
}

struct Box {
  double minx = HUGE_VAL, maxx = -HUGE_VAL, miny = HUGE_VAL, maxy = -HUGE_VAL;
  void Add(double x, double y) {
    minx = std::min(minx, x), maxx = std::max(maxx, x);
    miny = std::min(miny, y), maxy = std::max(maxy, y);
  }
  bool Overlaps(const Box& o) const {
    return minx < o.maxx && o.minx < maxx && miny < o.maxy && o.miny < maxy;
  }
};

TEST(LayoutTest, PiecesApartWithinTheUnitSquareAndWiderThanTall) {
  const graph::Graph g = Organisation();
  auto l = ComputeLayout(g, {});
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  ASSERT_EQ(l->x.size(), g.num_nodes());
  Box all;
  std::map<int, Box> pieces;
  for (uint32_t v = 0; v < g.num_nodes(); ++v) {
    ASSERT_TRUE(std::isfinite(l->x[v]) && std::isfinite(l->y[v]));
    all.Add(l->x[v], l->y[v]);
    pieces[PieceOf(g.IdOf(v))].Add(l->x[v], l->y[v]);
  }
  // Centred, the longer axis exactly [-1, 1].
  EXPECT_NEAR(all.minx, -1, 1e-9);
  EXPECT_NEAR(all.maxx, 1, 1e-9);
  EXPECT_NEAR(all.miny + all.maxy, 0, 1e-9);
  // Drawn on a wide screen: the pieces are packed beside the body, not stacked under it (that
  // gave a layout taller than wide, the body in a third of the map's width).
  EXPECT_GT((all.maxx - all.minx) / (all.maxy - all.miny), 1.25);
  ASSERT_EQ(pieces.size(), 1u + 4 + 5);
  for (auto a = pieces.begin(); a != pieces.end(); ++a) {
    for (auto b = std::next(a); b != pieces.end(); ++b) {
      EXPECT_FALSE(a->second.Overlaps(b->second)) << "pieces " << a->first << " and " << b->first;
    }
  }
  // The body takes most of the height.
  EXPECT_GT(pieces[0].maxy - pieces[0].miny, 0.8 * (all.maxy - all.miny));
}

TEST(LayoutTest, TiedPeopleCloseAndStragglersPulledIn) {
  const graph::Graph g = Organisation();
  auto l = ComputeLayout(g, {});
  ASSERT_TRUE(l.ok());
  std::map<int64_t, uint32_t> node;
  for (uint32_t v = 0; v < g.num_nodes(); ++v) node[g.IdOf(v)] = v;
  auto dist = [&](int64_t a, int64_t b) {
    return std::hypot(l->x[node[a]] - l->x[node[b]], l->y[node[a]] - l->y[node[b]]);
  };
  // Tied people of the body lie closer together than people of the body at large.
  double tied = 0, any = 0;
  int tied_n = 0, any_n = 0;
  for (uint32_t v = 0; v < g.num_nodes(); ++v) {
    if (g.IdOf(v) >= 60) continue;
    for (uint32_t w : g.OutNeighbors(v)) {
      if (g.IdOf(w) < 60) tied += dist(g.IdOf(v), g.IdOf(w)), ++tied_n;
    }
  }
  for (int64_t a = 0; a < 60; ++a) {
    for (int64_t b = a + 1; b < 60; ++b) any += dist(a, b), ++any_n;
  }
  EXPECT_LT(tied / tied_n, 0.8 * any / any_n);
  // The body fills its piece: its 90th percentile distance from the body's centre is more than
  // 0.4 of the farthest of the body and its chains (0.10 to 0.17 with the chains flung out as
  // the force layout leaves them).
  double cx = 0, cy = 0;
  for (int64_t a = 0; a < 60; ++a) cx += l->x[node[a]] / 60, cy += l->y[node[a]] / 60;
  std::vector<double> r;
  for (int64_t a = 0; a < 60; ++a) r.push_back(std::hypot(l->x[node[a]] - cx, l->y[node[a]] - cy));
  std::sort(r.begin(), r.end());
  double farthest = 0;
  for (const auto& [a, v] : node) {
    if (a >= 200) continue;  // the body and its chains only
    farthest = std::max(farthest, std::hypot(l->x[v] - cx, l->y[v] - cy));
  }
  EXPECT_GT(r[54] / farthest, 0.4)
      << "the body's 90th percentile " << r[54] << ", the farthest " << farthest;
  // Pulled in, yet nobody drawn over anyone: people of a chain stay apart.
  for (int64_t c = 0; c < 4; ++c) {
    for (int64_t i = 0; i < 3; ++i) {
      EXPECT_GT(dist(100 + c * 4 + i, 100 + c * 4 + i + 1), 0.005) << "chain " << c << ", " << i;
    }
  }
}

TEST(LayoutTest, TheSameSeedTheSamePositions) {
  const graph::Graph g = Organisation();
  auto a = ComputeLayout(g, {.seed = 7}), b = ComputeLayout(g, {.seed = 7}),
       c = ComputeLayout(g, {.seed = 8});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->x, b->x);
  EXPECT_EQ(a->y, b->y);
  EXPECT_NE(a->x, c->x);
}

TEST(LayoutTest, OnePersonAloneAndNobody) {
  graph::BuildParams p;
  p.extra_nodes = {42};
  auto one = ComputeLayout(graph::Build({}, p), {});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->x.size(), 1u);
  EXPECT_TRUE(std::isfinite(one->x[0]) && std::isfinite(one->y[0]));
  auto none = ComputeLayout(graph::Build({}, {}), {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->x.empty());
}

}  // namespace
}  // namespace pl::network
