// Krackhardt's high-tech managers (../shared/data/krackhardt-hightech): the graph built from the
// real advice, friendship and reports-to networks reproduces the degrees, density and
// reciprocity that NetworkX 2.8.8 and igraph 0.10.2 computed (peer_reference/).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "graph/graph.h"

namespace pl::graph {
namespace {

const std::filesystem::path kData = "../shared/data/krackhardt-hightech";

std::vector<std::vector<std::string>> ReadCsv(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) {
      if (cell.size() >= 2 && cell.front() == '"') cell = cell.substr(1, cell.size() - 2);
      cells.push_back(cell);
    }
    rows.push_back(cells);
  }
  return rows;
}

int64_t NodeId(const std::string& name) { return std::stoll(name.substr(1)); }  // "A07" -> 7

class KrackhardtTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kData)) {
      GTEST_SKIP() << kData << " is absent (a fresh clone without shared/data); this test needs it";
    }
  }
};

TEST_P(KrackhardtTest, DegreesDensityAndReciprocityMatchThePeers) {
  const std::string net = GetParam();
  std::vector<Interaction> xs;
  auto edges = ReadCsv(kData / (net + "_edges.csv"));
  for (size_t i = 1; i < edges.size(); ++i) {
    xs.push_back({NodeId(edges[i][0]), NodeId(edges[i][1]), Layer::kNomination, Timestamp(), 1});
  }
  BuildParams p;
  for (int i = 1; i <= 21; ++i)
    p.extra_nodes.push_back(i);  // reports-to has an isolate-free CEO row
  Graph g = Build(xs, p);
  ASSERT_EQ(g.num_nodes(), 21u);

  std::ifstream metrics_file(kData / "peer_reference" / net / "graph_metrics.json");
  auto metrics = nlohmann::json::parse(metrics_file);
  Stats s = ComputeStats(g);
  EXPECT_EQ(s.edges, metrics["n_edges"].get<size_t>());
  EXPECT_NEAR(s.density, metrics["density"].get<double>(), 1e-12);
  EXPECT_NEAR(s.reciprocity, metrics["reciprocity_igraph"].get<double>(), 1e-12);

  auto nodes = ReadCsv(kData / "peer_reference" / net / "node_metrics.csv");
  std::map<std::string, size_t> col;
  for (size_t c = 0; c < nodes[0].size(); ++c) col[nodes[0][c]] = c;
  for (size_t r = 1; r < nodes.size(); ++r) {
    uint32_t v = *g.IndexOf(NodeId(nodes[r][0]));
    EXPECT_EQ(g.InDegree(v), std::stoul(nodes[r][col.at("in_degree")]))
        << net << " " << nodes[r][0];
    EXPECT_EQ(g.OutDegree(v), std::stoul(nodes[r][col.at("out_degree")]))
        << net << " " << nodes[r][0];
  }
}

INSTANTIATE_TEST_SUITE_P(Networks, KrackhardtTest,
                         ::testing::Values("advice", "friendship", "reportto"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace pl::graph
