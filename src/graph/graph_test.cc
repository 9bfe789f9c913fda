#include "graph/graph.h"

#include <gtest/gtest.h>

#include <cmath>

namespace pl::graph {
namespace {

Timestamp T(const char* s) { return *ParseTimestamp(s); }

TEST(GraphTest, AggregatesParallelTiesAndKeepsBothDirections) {
  std::vector<Interaction> xs = {
      {10, 20, Layer::kReply, T("2026-01-05"), 1}, {10, 20, Layer::kMention, T("2026-01-06"), 1},
      {20, 10, Layer::kReply, T("2026-01-07"), 2}, {30, 10, Layer::kKudos, T("2026-01-08"), 1},
      {10, 10, Layer::kReply, T("2026-01-08"), 5},  // a self-loop: dropped
  };
  BuildParams p;
  p.layer_weights[size_t(Layer::kMention)] = 0.5;
  p.extra_nodes = {99};
  Graph g = Build(xs, p);
  ASSERT_EQ(g.num_nodes(), 4u);  // 10, 20, 30 and the isolated 99
  EXPECT_EQ(g.num_edges(), 3u);
  uint32_t a = *g.IndexOf(10), b = *g.IndexOf(20), c = *g.IndexOf(30), d = *g.IndexOf(99);
  EXPECT_DOUBLE_EQ(g.Weight(a, b), 1.5);
  EXPECT_DOUBLE_EQ(g.Weight(b, a), 2.0);
  EXPECT_DOUBLE_EQ(g.Weight(c, a), 1.0);
  EXPECT_EQ(g.Weight(a, a), 0.0);
  EXPECT_EQ(g.InDegree(a), 2u);
  EXPECT_EQ(g.OutDegree(a), 1u);
  EXPECT_EQ(g.OutDegree(d) + g.InDegree(d), 0u);
  EXPECT_EQ(g.IdOf(d), 99);
  EXPECT_FALSE(g.IndexOf(42).has_value());
  auto in = g.InNeighbors(a);
  ASSERT_EQ(in.size(), 2u);
  EXPECT_LT(in[0], in[1]) << "adjacency lists are sorted";
}

TEST(GraphTest, WindowsAndHalfLifeDecay) {
  std::vector<Interaction> xs = {
      {1, 2, Layer::kReply, T("2026-03-31T23:59:59Z"), 1},  // in Q1
      {1, 2, Layer::kReply, T("2026-04-01T00:00:00Z"), 1},  // first instant of Q2
      {1, 2, Layer::kReply, T("2026-02-14T00:00:00Z"), 1},  // in Q1, 46 days before Q1 ends
  };
  BuildParams q1;
  q1.window = Quarter(2026, 1);
  EXPECT_DOUBLE_EQ(Build(xs, q1).Weight(0, 1), 2.0);
  BuildParams q2;
  q2.window = Quarter(2026, 2);
  EXPECT_DOUBLE_EQ(Build(xs, q2).Weight(0, 1), 1.0);
  // With a 46-day half-life measured from the window's end (2026-04-01), the February tie
  // counts one half and the last-second tie almost fully.
  BuildParams decayed = q1;
  decayed.half_life = std::chrono::days(46);
  double w = Build(xs, decayed).Weight(0, 1);
  EXPECT_NEAR(w, 0.5 + std::exp2(-1.0 / (46 * 86400.0)), 1e-12);
  Window last = LastDays(T("2026-04-01T00:00:00Z"), 30);
  EXPECT_EQ(FormatTimestamp(last.from), "2026-03-02T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(Quarter(2026, 4).to), "2027-01-01T00:00:00Z");
}

TEST(GraphTest, StatsMatchTheirDefinitions) {
  // A 3-cycle plus one reciprocated pair: 4 ties of 6 possible; 2 of 4 reciprocated.
  std::vector<Interaction> xs = {{1, 2, Layer::kReply, T("2026-01-01"), 1},
                                 {2, 3, Layer::kReply, T("2026-01-01"), 1},
                                 {3, 1, Layer::kReply, T("2026-01-01"), 1},
                                 {2, 1, Layer::kReply, T("2026-01-01"), 1}};
  Stats s = ComputeStats(Build(xs));
  EXPECT_EQ(s.nodes, 3u);
  EXPECT_EQ(s.edges, 4u);
  EXPECT_DOUBLE_EQ(s.density, 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(s.reciprocity, 0.5);
  EXPECT_DOUBLE_EQ(s.weight_reciprocity, 0.5);  // 1 + 1 of the weight 4 returned
  EXPECT_EQ(ComputeStats(Build({})).edges, 0u);
  EXPECT_EQ(ComputeStats(Build({})).weight_reciprocity, 0);
  // Every tie returned, but 1 → 2 five times as strong as 2 → 1 and 2 → 3 twice as strong as
  // 3 → 2: all ties are returned, 1 + 1 + 1 + 1 of the weight 5 + 1 + 2 + 1.
  std::vector<Interaction> lopsided = {{1, 2, Layer::kReply, T("2026-01-01"), 5},
                                       {2, 1, Layer::kReply, T("2026-01-01"), 1},
                                       {2, 3, Layer::kReply, T("2026-01-01"), 2},
                                       {3, 2, Layer::kReply, T("2026-01-01"), 1}};
  Stats l = ComputeStats(Build(lopsided));
  EXPECT_DOUBLE_EQ(l.reciprocity, 1.0);
  EXPECT_DOUBLE_EQ(l.weight_reciprocity, 4.0 / 9.0);
}

TEST(GraphTest, LayerNamesRoundTrip) {
  for (size_t i = 0; i < kLayerCount; ++i) {
    auto layer = static_cast<Layer>(i);
    EXPECT_EQ(ParseLayer(LayerName(layer)), layer);
  }
  EXPECT_FALSE(ParseLayer("email").has_value());
}

}  // namespace
}  // namespace pl::graph
