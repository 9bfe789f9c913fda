// Krackhardt's high-tech managers (../shared/data/krackhardt-hightech): the graph built from the
// real advice, friendship and reports-to networks reproduces the degrees, density and
// reciprocity that NetworkX 2.8.8 and igraph 0.10.2 computed (peer_reference/).
#include "testing/krackhardt.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "graph/graph.h"

namespace pl::graph {
namespace {

using pl::testing::kKrackhardt;

class KrackhardtTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kKrackhardt)) {
      GTEST_SKIP() << kKrackhardt
                   << " is absent (a fresh clone without shared/data); this test needs it";
    }
  }
};

TEST_P(KrackhardtTest, DegreesDensityAndReciprocityMatchThePeers) {
  const std::string net = GetParam();
  Graph g = pl::testing::KrackhardtGraph(net);
  ASSERT_EQ(g.num_nodes(), 21u);

  std::ifstream metrics_file(kKrackhardt / "peer_reference" / net / "graph_metrics.json");
  auto metrics = nlohmann::json::parse(metrics_file);
  Stats s = ComputeStats(g);
  EXPECT_EQ(s.edges, metrics["n_edges"].get<size_t>());
  EXPECT_NEAR(s.density, metrics["density"].get<double>(), 1e-12);
  EXPECT_NEAR(s.reciprocity, metrics["reciprocity_igraph"].get<double>(), 1e-12);

  auto ref = pl::testing::KrackhardtNodeMetrics(net);
  for (const auto& row : ref.rows) {
    uint32_t v = *g.IndexOf(pl::testing::KrackhardtId(row[0]));
    EXPECT_EQ(g.InDegree(v), std::stoul(row[ref.column.at("in_degree")])) << net << " " << row[0];
    EXPECT_EQ(g.OutDegree(v), std::stoul(row[ref.column.at("out_degree")])) << net << " " << row[0];
  }
}

INSTANTIATE_TEST_SUITE_P(Networks, KrackhardtTest,
                         ::testing::Values("advice", "friendship", "reportto"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace pl::graph
