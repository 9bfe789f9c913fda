// SNAP's published statistics of email-Eu-core (../shared/data/snap-email-eu-core): 1,005
// people, 25,571 directed e-mail ties (642 of them self-loops, which the graph drops).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "network/structure.h"

namespace pl::network {
namespace {

const std::filesystem::path kFile = "../shared/data/snap-email-eu-core/email-Eu-core.txt";

TEST(EmailEuCoreTest, ReproducesSnapStatistics) {
  if (!std::filesystem::exists(kFile)) {
    GTEST_SKIP() << kFile << " is absent (a fresh clone without shared/data); this test needs it";
  }
  std::ifstream in(kFile);
  std::vector<graph::Interaction> xs;
  graph::BuildParams p;
  for (int64_t a, b; in >> a >> b;) xs.push_back({a, b, graph::Layer::kReply, Timestamp(), 1});
  ASSERT_EQ(xs.size(), 25571u);
  for (int64_t i = 0; i < 1005; ++i) p.extra_nodes.push_back(i);
  graph::Graph g = graph::Build(xs, p);
  EXPECT_EQ(g.num_nodes(), 1005u);
  EXPECT_EQ(g.num_edges(), 25571u - 642u);

  auto s = ComputeStructure(g);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->weak_components, 20);
  EXPECT_EQ(s->largest_weak, 986);
  EXPECT_EQ(s->strong_components, 203);
  EXPECT_EQ(s->largest_strong, 803);
  EXPECT_EQ(s->triangles, 105461);
  EXPECT_NEAR(s->average_clustering, 0.3994, 5e-5);              // SNAP prints four digits
  EXPECT_NEAR(s->average_clustering, 0.3993549664221539, 1e-9);  // NetworkX, peer_reference
  EXPECT_NEAR(s->transitivity, 0.26739242877040204, 1e-9);       // NetworkX and igraph
  EXPECT_EQ(s->diameter, 7);
}

TEST(StructureTest, SmallCases) {
  auto t = Timestamp();
  // A directed 3-cycle (one strong component, one triangle) and a separate pair.
  std::vector<graph::Interaction> xs = {{1, 2, graph::Layer::kReply, t, 1},
                                        {2, 3, graph::Layer::kReply, t, 1},
                                        {3, 1, graph::Layer::kReply, t, 1},
                                        {4, 5, graph::Layer::kReply, t, 1}};
  auto s = ComputeStructure(graph::Build(xs));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->weak_components, 2);
  EXPECT_EQ(s->largest_weak, 3);
  EXPECT_EQ(s->strong_components, 3);  // the cycle, and 4 and 5 alone
  EXPECT_EQ(s->triangles, 1);
  EXPECT_DOUBLE_EQ(s->average_clustering, 3.0 / 5.0);
  EXPECT_EQ(s->diameter, 1);
  EXPECT_EQ(ComputeStructure(graph::Build({}))->weak_components, 0);
}

}  // namespace
}  // namespace pl::network
