// PageRank, betweenness, Burt's constraint and closeness on Krackhardt's three real networks
// reproduce igraph 0.10.2's reference values in ../shared/data to 1e-6.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "network/metrics.h"

namespace pl::network {
namespace {

const std::filesystem::path kData = "../shared/data/krackhardt-hightech";

std::vector<std::vector<std::string>> ReadCsv(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) {
      if (cell.size() >= 2 && cell.front() == '"') cell = cell.substr(1, cell.size() - 2);
      cells.push_back(cell);
    }
    rows.push_back(cells);
  }
  return rows;
}

class KrackhardtMetricsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kData)) {
      GTEST_SKIP() << kData << " is absent (a fresh clone without shared/data); this test needs it";
    }
  }
};

TEST_P(KrackhardtMetricsTest, MatchIgraphReference) {
  const std::string net = GetParam();
  std::vector<graph::Interaction> xs;
  auto edges = ReadCsv(kData / (net + "_edges.csv"));
  for (size_t i = 1; i < edges.size(); ++i) {
    xs.push_back({std::stoll(edges[i][0].substr(1)), std::stoll(edges[i][1].substr(1)),
                  graph::Layer::kNomination, Timestamp(), 1});
  }
  graph::BuildParams bp;
  for (int i = 1; i <= 21; ++i) bp.extra_nodes.push_back(i);
  graph::Graph g = graph::Build(xs, bp);
  auto m = ComputePersonMetrics(g, {});
  ASSERT_TRUE(m.ok()) << m.status().ToString();

  auto rows = ReadCsv(kData / "peer_reference" / net / "node_metrics.csv");
  std::map<std::string, size_t> col;
  for (size_t c = 0; c < rows[0].size(); ++c) col[rows[0][c]] = c;
  for (size_t r = 1; r < rows.size(); ++r) {
    uint32_t v = *g.IndexOf(std::stoll(rows[r][0].substr(1)));
    auto ref = [&](const char* name) { return std::stod(rows[r][col.at(name)]); };
    EXPECT_NEAR(m->pagerank[v], ref("pagerank_igraph"), 1e-6) << net << " " << rows[r][0];
    EXPECT_NEAR(m->betweenness[v], ref("betweenness_igraph"), 1e-6) << net << " " << rows[r][0];
    EXPECT_NEAR(m->constraint[v], ref("constraint_igraph"), 1e-6) << net << " " << rows[r][0];
    EXPECT_NEAR(m->closeness[v], ref("closeness_undirected_igraph"), 1e-6)
        << net << " " << rows[r][0];
    EXPECT_EQ(m->in_degree[v], std::stoul(rows[r][col.at("in_degree")]));
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
