// PageRank, betweenness, Burt's constraint and closeness on Krackhardt's three real networks
// reproduce igraph 0.10.2's reference values in ../shared/data to 1e-6.
#include <gtest/gtest.h>

#include <cmath>

#include "network/metrics.h"
#include "testing/krackhardt.h"

namespace pl::network {
namespace {

using pl::testing::kKrackhardt;

class KrackhardtMetricsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kKrackhardt)) {
      GTEST_SKIP() << kKrackhardt
                   << " is absent (a fresh clone without shared/data); this test needs it";
    }
  }
};

TEST_P(KrackhardtMetricsTest, MatchIgraphReference) {
  const std::string net = GetParam();
  graph::Graph g = pl::testing::KrackhardtGraph(net);
  auto m = ComputePersonMetrics(g, {});
  ASSERT_TRUE(m.ok()) << m.status().ToString();

  auto table = pl::testing::KrackhardtNodeMetrics(net);
  for (const auto& row : table.rows) {
    uint32_t v = *g.IndexOf(pl::testing::KrackhardtId(row[0]));
    auto ref = [&](const char* name) { return std::stod(row[table.column.at(name)]); };
    EXPECT_NEAR(m->pagerank[v], ref("pagerank_igraph"), 1e-6) << net << " " << row[0];
    EXPECT_NEAR(m->betweenness[v], ref("betweenness_igraph"), 1e-6) << net << " " << row[0];
    EXPECT_NEAR(m->constraint[v], ref("constraint_igraph"), 1e-6) << net << " " << row[0];
    EXPECT_NEAR(m->closeness[v], ref("closeness_undirected_igraph"), 1e-6) << net << " " << row[0];
    EXPECT_EQ(m->in_degree[v], std::stoul(row[table.column.at("in_degree")]));
  }
}

INSTANTIATE_TEST_SUITE_P(Networks, KrackhardtMetricsTest,
                         ::testing::Values("advice", "friendship", "reportto"),
                         [](const auto& info) { return info.param; });

TEST(MetricsTest, WeightsChangeTheRanking) {
  // 1 and 2 both point at 3 and 4; with weights, 1's strong tie to 4 lifts 4 above 3.
  auto t = Timestamp();
  std::vector<graph::Interaction> xs = {{1, 3, graph::Layer::kReply, t, 1},
                                        {1, 4, graph::Layer::kReply, t, 9},
                                        {2, 3, graph::Layer::kReply, t, 1},
                                        {2, 4, graph::Layer::kReply, t, 1}};
  graph::Graph g = graph::Build(xs);
  auto plain = ComputePersonMetrics(g, {});
  auto weighted = ComputePersonMetrics(g, {.weighted = true});
  ASSERT_TRUE(plain.ok() && weighted.ok());
  uint32_t three = *g.IndexOf(3), four = *g.IndexOf(4);
  EXPECT_DOUBLE_EQ(plain->pagerank[three], plain->pagerank[four]);
  EXPECT_GT(weighted->pagerank[four], weighted->pagerank[three]);
  EXPECT_DOUBLE_EQ(weighted->in_strength[four], 10.0);
  EXPECT_EQ(ComputePersonMetrics(g, {.damping = 1.0}).status().code(),
            StatusCode::kInvalidArgument);
  auto empty = ComputePersonMetrics(graph::Build({}), {});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->pagerank.empty());
}

}  // namespace
}  // namespace pl::network
