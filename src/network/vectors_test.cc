// Small graphs with values from NetworkX 2.8.8's own tests (../shared/data/peer-test-vectors,
// copied here as literals so they run everywhere) and hand-worked team and group values.
#include <gtest/gtest.h>
#include <igraph.h>

#include <cmath>
#include <set>
#include <tuple>

#include "network/groups.h"
#include "network/internal/leiden.h"
#include "network/metrics.h"
#include "network/structure.h"

namespace pl::network {
namespace {

graph::Graph G(std::vector<std::tuple<int64_t, int64_t, double>> edges, bool undirected = false) {
  std::vector<graph::Interaction> xs;
  for (auto [a, b, w] : edges) {
    xs.push_back({a, b, graph::Layer::kReply, Timestamp(), w});
    if (undirected) xs.push_back({b, a, graph::Layer::kReply, Timestamp(), w});
  }
  return graph::Build(xs);
}

TEST(NetworkXVectorsTest, StructuralHolesDirected) {
  // test_structuralholes.py: D = 0->1, 0->2, 1->0, 2->1; weights 2, 2, 1, 1.
  auto d = G({{0, 1, 2}, {0, 2, 2}, {1, 0, 1}, {2, 1, 1}});
  auto plain = ComputePersonMetrics(d, {});
  ASSERT_TRUE(plain.ok());
  EXPECT_NEAR(plain->constraint[0], 1.003, 1e-3);
  EXPECT_NEAR(plain->constraint[1], 1.003, 1e-3);
  EXPECT_NEAR(plain->constraint[2], 1.389, 1e-3);
  EXPECT_NEAR(plain->effective_size[0], 1.167, 1e-3);
  EXPECT_NEAR(plain->effective_size[1], 1.167, 1e-3);
  EXPECT_NEAR(plain->effective_size[2], 1.0, 1e-3);
  auto weighted = ComputePersonMetrics(d, {.weighted = true});
  ASSERT_TRUE(weighted.ok());
  EXPECT_NEAR(weighted->constraint[0], 0.840, 1e-3);
  EXPECT_NEAR(weighted->constraint[1], 1.143, 1e-3);
  EXPECT_NEAR(weighted->constraint[2], 1.378, 1e-3);
  EXPECT_NEAR(weighted->effective_size[0], 1.567, 1e-3);
  EXPECT_NEAR(weighted->effective_size[1], 1.083, 1e-3);
  EXPECT_NEAR(weighted->effective_size[2], 1.0, 1e-3);
}

TEST(NetworkXVectorsTest, StructuralHolesUndirectedBorgatti) {
  // A-B, A-F, A-G, A-E, E-G, F-G, B-G, B-D, D-G, G-C as 0..6 = A B C D E F G.
  auto g = G({{0, 1, 1},
              {0, 5, 1},
              {0, 6, 1},
              {0, 4, 1},
              {4, 6, 1},
              {5, 6, 1},
              {1, 6, 1},
              {1, 3, 1},
              {3, 6, 1},
              {6, 2, 1}},
             true);
  auto m = ComputePersonMetrics(g, {});
  ASSERT_TRUE(m.ok());
  EXPECT_NEAR(m->effective_size[6], 4.67, 1e-2);  // G
  EXPECT_NEAR(m->effective_size[0], 2.50, 1e-2);  // A
  EXPECT_NEAR(m->effective_size[2], 1.0, 1e-2);   // C
  EXPECT_NEAR(m->constraint[6], 0.400, 1e-3);
  EXPECT_NEAR(m->constraint[0], 0.595, 1e-3);
  EXPECT_NEAR(m->constraint[2], 1.0, 1e-3);
}

TEST(NetworkXVectorsTest, HarmonicCentrality) {
  // test_harmonic_centrality.py, unnormalised there; peerlearn divides by n - 1.
  auto p3 = ComputePersonMetrics(G({{0, 1, 1}, {1, 2, 1}}, true), {});
  ASSERT_TRUE(p3.ok());
  EXPECT_NEAR(p3->harmonic[0] * 2, 1.5, 1e-3);
  EXPECT_NEAR(p3->harmonic[1] * 2, 2.0, 1e-3);
  auto p4 = ComputePersonMetrics(G({{0, 1, 1}, {1, 2, 1}, {2, 3, 1}}, true), {});
  EXPECT_NEAR(p4->harmonic[0] * 3, 1.8333333, 1e-3);
  EXPECT_NEAR(p4->harmonic[1] * 3, 2.5, 1e-3);
  auto c5 =
      ComputePersonMetrics(G({{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {3, 4, 1}, {4, 0, 1}}, true), {});
  EXPECT_NEAR(c5->harmonic[0] * 4, 3.0, 1e-3);
  // Balanced binary tree of height 2: root 4.0, children 4.1666, leaves 2.8333.
  auto tree = ComputePersonMetrics(
      G({{0, 1, 1}, {0, 2, 1}, {1, 3, 1}, {1, 4, 1}, {2, 5, 1}, {2, 6, 1}}, true), {});
  EXPECT_NEAR(tree->harmonic[0] * 6, 4.0, 1e-3);
  EXPECT_NEAR(tree->harmonic[1] * 6, 4.1666, 1e-3);
  EXPECT_NEAR(tree->harmonic[3] * 6, 2.8333, 1e-3);
}

TEST(PersonMetricsTest, CoreClusteringReciprocity) {
  // A triangle 0-1-2 (mutual ties), a tail 2->3, and 4->0 one way.
  auto g =
      G({{0, 1, 1}, {1, 0, 1}, {1, 2, 1}, {2, 1, 1}, {0, 2, 1}, {2, 0, 1}, {2, 3, 1}, {4, 0, 1}});
  auto m = ComputePersonMetrics(g, {});
  ASSERT_TRUE(m.ok());
  // In- and out-ties together, a tie both ways twice: igraph's coreness() and NetworkX's
  // core_number both give [4, 4, 4, 1, 1] on this directed graph. Read as undirected, the
  // triangle is a 2-core.
  EXPECT_EQ(m->coreness, (std::vector<uint32_t>{4, 4, 4, 1, 1}));
  EXPECT_EQ(ComputePersonMetrics(g, {.undirected = true})->coreness,
            (std::vector<uint32_t>{2, 2, 2, 1, 1}));
  EXPECT_DOUBLE_EQ(m->clustering[0], 1.0 / 3.0);  // neighbours 1, 2, 4: one tie among three pairs
  EXPECT_DOUBLE_EQ(m->clustering[1], 1.0);
  EXPECT_DOUBLE_EQ(m->clustering[3], 0.0);
  EXPECT_DOUBLE_EQ(m->reciprocity[0], 2.0 / 3.0);  // 1 and 2 both ways, 4 one way
  EXPECT_DOUBLE_EQ(m->reciprocity[3], 0.0);
  EXPECT_DOUBLE_EQ(m->reciprocity[1], 1.0);
}

// The own component kernels against igraph's on random sparse directed graphs (many small
// strong components, chains, isolated people), seeds fixed.
TEST(ComponentsTest, AgreeWithIgraphOnRandomGraphs) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    uint64_t x = seed * 0x9E3779B97F4A7C15ull;
    auto next = [&] {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      return x;
    };
    const int n = 200 + static_cast<int>(seed) * 37;
    std::vector<graph::Interaction> xs;
    for (int e = 0; e < n * (1 + static_cast<int>(seed % 3)) / 2; ++e) {
      int64_t a = static_cast<int64_t>(next() % n), b = static_cast<int64_t>(next() % n);
      xs.push_back({a, b, graph::Layer::kReply, {}, 1.0});
    }
    graph::BuildParams p;
    for (int64_t v = 0; v < n; ++v) p.extra_nodes.push_back(v);
    graph::Graph g = graph::Build(xs, p);
    auto ours = ComputeComponents(g);
    ASSERT_TRUE(ours.ok());
    // igraph, via the whole-structure path's reference: count with igraph directly.
    igraph_t ig;
    std::vector<igraph_integer_t> ends;
    for (uint32_t u = 0; u < g.num_nodes(); ++u) {
      for (uint32_t v : g.OutNeighbors(u)) {
        ends.push_back(u);
        ends.push_back(v);
      }
    }
    igraph_vector_int_t ev;
    igraph_vector_int_view(&ev, ends.data(), static_cast<igraph_integer_t>(ends.size()));
    ASSERT_EQ(igraph_create(&ig, &ev, n, IGRAPH_DIRECTED), IGRAPH_SUCCESS);
    igraph_vector_int_t sizes;
    igraph_vector_int_init(&sizes, 0);
    for (auto [mode, count, largest] :
         {std::tuple{IGRAPH_WEAK, ours->weak_components, ours->largest_weak},
          std::tuple{IGRAPH_STRONG, ours->strong_components, ours->largest_strong}}) {
      igraph_integer_t no = 0;
      igraph_connected_components(&ig, nullptr, &sizes, &no, mode);
      EXPECT_EQ(count, no) << "seed " << seed;
      EXPECT_EQ(largest, igraph_vector_int_max(&sizes)) << "seed " << seed;
    }
    igraph_vector_int_destroy(&sizes);
    igraph_destroy(&ig);
  }
}

TEST(SampledBetweennessTest, AllSourcesIsExact) {
  auto g = G({{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {3, 0, 1}, {1, 3, 1}});
  auto exact = ComputePersonMetrics(g, {});
  auto all = SampleBetweenness(g, 4, 1);
  ASSERT_TRUE(all.ok());
  for (size_t v = 0; v < 4; ++v) EXPECT_NEAR(all->values[v], exact->betweenness[v], 1e-12);
  EXPECT_FALSE(SampleBetweenness(g, 0, 1).ok());
  EXPECT_FALSE(SampleBetweenness(g, 2, 1, 1.5).ok());
}

// Weighted, a strong tie is short: 0 -> 1 -> 2 (strengths 4 and 4, length 0.5) beats the direct
// 0 -> 2 (strength 1, length 1), so 1 lies on 0's path to 2 — which it does not by steps. Every
// source sampled gives the exact weighted values; half of them, the estimate scaled by n / k.
TEST(SampledBetweennessTest, WeightedFollowsTieLengths) {
  auto g = G({{0, 1, 4}, {1, 2, 4}, {0, 2, 1}, {2, 3, 1}, {3, 0, 1}});
  auto exact = ComputePersonMetrics(g, {.weighted = true});
  ASSERT_TRUE(exact.ok());
  auto all = SampleBetweenness(g, 4, 1, 0.01, 1, /*weighted=*/true);
  ASSERT_TRUE(all.ok()) << all.status().message();
  for (size_t v = 0; v < 4; ++v) EXPECT_NEAR(all->values[v], exact->betweenness[v], 1e-12) << v;
  const uint32_t one = *g.IndexOf(1);
  EXPECT_GT(all->values[one], 0);
  auto steps = SampleBetweenness(g, 4, 1, 0.01, 1, /*weighted=*/false);
  ASSERT_TRUE(steps.ok());
  EXPECT_LT(steps->values[one], all->values[one]);
  auto half = SampleBetweenness(g, 2, 3, 0.01, 1, /*weighted=*/true);
  ASSERT_TRUE(half.ok());
  double sum = 0;
  for (double x : half->values) sum += x;
  EXPECT_GT(sum, 0);
  EXPECT_EQ(half->sources, 2);
}

TEST(TeamMetricsTest, DensityEiIndexReach) {
  // Team 0 = {1, 2, 3}: ties 1-2, 2-3 inside, 3-4 out. Team 1 = {4, 5, 6}: 4-5 inside (both
  // ways: still one tie), 6 has no ties. Person 7 has no team; 1-7 is external for team 0.
  auto g = G({{1, 2, 1}, {2, 3, 1}, {3, 4, 1}, {4, 5, 1}, {5, 4, 1}, {1, 7, 1}}, false);
  std::vector<int32_t> team_of(g.num_nodes());
  for (uint32_t v = 0; v < g.num_nodes(); ++v) {
    int64_t id = g.IdOf(v);
    team_of[v] = id <= 3 ? 0 : id <= 6 ? 1 : kNoTeam;
  }
  auto t = ComputeTeamMetrics(g, team_of, {3, 3});
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].internal_ties, 2);
  EXPECT_EQ(t[0].external_ties, 2);
  EXPECT_DOUBLE_EQ(t[0].ei_index, 0.0);
  EXPECT_DOUBLE_EQ(t[0].density, 2.0 / 3.0);
  EXPECT_EQ(t[0].external_people, 2);
  EXPECT_EQ(t[0].external_teams, 1);
  EXPECT_EQ(t[1].internal_ties, 1);
  EXPECT_EQ(t[1].external_ties, 1);
  EXPECT_DOUBLE_EQ(t[1].density, 1.0 / 3.0);  // 6 counts though it has no ties
  EXPECT_DOUBLE_EQ(t[1].cross_share, 0.5);
  auto flow = TeamFlowMatrix(g, team_of, 2);
  EXPECT_EQ(flow, (std::vector<int64_t>{2, 1, 0, 1}));

  // Person 7 as a team of one: no pair to be tied, so no density (not 0, which would read as a
  // team whose members ignore each other); every one of its ties is external.
  for (uint32_t v = 0; v < g.num_nodes(); ++v) {
    if (g.IdOf(v) == 7) team_of[v] = 2;
  }
  t = ComputeTeamMetrics(g, team_of, {3, 3, 1});
  ASSERT_EQ(t.size(), 3u);
  EXPECT_TRUE(std::isnan(t[2].density));
  EXPECT_DOUBLE_EQ(t[2].ei_index, 1.0);
  EXPECT_EQ(t[2].external_people, 1);
  EXPECT_DOUBLE_EQ(t[0].density, 2.0 / 3.0);
}

TEST(CommunitiesTest, TwoCliquesJoinedByOneTie) {
  std::vector<std::tuple<int64_t, int64_t, double>> e;
  for (int a = 0; a < 5; ++a)
    for (int b = a + 1; b < 5; ++b) {
      e.push_back({a, b, 1});
      e.push_back({a + 10, b + 10, 1});
    }
  e.push_back({4, 10, 1});
  auto g = G(e, true);
  auto c = FindCommunities(g, {.seed = 3});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->count, 2);
  for (uint32_t v = 0; v < g.num_nodes(); ++v) {
    EXPECT_EQ(c->membership[v], c->membership[g.IdOf(v) < 10 ? 0 : g.num_nodes() - 1]);
  }
  // Newman's modularity of this split: 2 × (20/42 − (21/42)²) = 0.452381.
  EXPECT_NEAR(c->modularity, 2 * (20.0 / 42 - 0.25), 1e-12);
  EXPECT_NEAR(*NormalizedMutualInformation(c->membership, {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}), 1.0,
              1e-12);
  EXPECT_FALSE(FindCommunities(g, {.resolution = 0}).ok());
}

// Each Leiden run starts from the last one's partition and never lowers its quality; run until
// nothing changes, one more run changes nothing.
TEST(CommunitiesTest, MoreRunsNeverLowerModularityAndStableMeansStable) {
  std::vector<std::tuple<int64_t, int64_t, double>> e;
  uint64_t x = 12345;
  auto next = [&] { return (x = x * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
  for (int c = 0; c < 12; ++c) {  // twelve groups of ten, dense inside, with random ties across
    for (int i = 0; i < 10; ++i) {
      for (int j = 0; j < 10; ++j) {
        if (i != j && next() % 3 == 0) e.push_back({c * 10 + i, c * 10 + j, 1});
      }
    }
  }
  for (int k = 0; k < 150; ++k) e.push_back({int64_t(next() % 120), int64_t(next() % 120), 1});
  auto g = G(e, true);
  double last = -1;
  for (int runs : {1, 2, 3, 5}) {
    auto c = FindCommunities(g, {.seed = 7, .runs = runs});
    ASSERT_TRUE(c.ok());
    EXPECT_GE(c->modularity, last - 1e-12) << runs << " runs";
    last = c->modularity;
  }
  auto stable = FindCommunities(g, {.seed = 7, .runs = -1});
  ASSERT_TRUE(stable.ok());
  EXPECT_GE(stable->modularity, last - 1e-12);
  EXPECT_GT(stable->modularity, 0.3);
  EXPECT_GE(stable->count, 8);
  EXPECT_LE(stable->count, 16);
}

// Aggregate levels copied (packed in 4 bytes a tie end for whole-number weights, as floats
// otherwise), copied from the graph once the level below is freed, or read through the graph
// (as the memory budget allows): each way finds the planted groups, with modularity within
// 0.01 of the others.
// The refinement is spread over threads community by community, each with its own random
// stream: the partition must be the same, node for node, whatever the number of threads. (A
// graph above the size where threads are used: 240 planted groups of 25.)
TEST(CommunitiesTest, ThreadsDoNotChangeThePartition) {
  std::vector<std::tuple<int64_t, int64_t, double>> e;
  uint64_t x = 7;
  auto next = [&] { return (x = x * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
  const int groups = 240, size = 25, n = groups * size;
  for (int c = 0; c < groups; ++c) {
    for (int i = 0; i < size; ++i) {
      for (int j = 0; j < size; ++j) {
        if (i != j && next() % 5 == 0) e.push_back({c * size + i, c * size + j, 1.0});
      }
    }
  }
  for (int k = 0; k < 3 * n; ++k) e.push_back({int64_t(next() % n), int64_t(next() % n), 1.0});
  auto g = G(e, true);
  ASSERT_GE(g.num_nodes(), 4096u);
  for (uint64_t seed : {1u, 2u, 3u}) {
    auto one = FindCommunities(g, {.seed = seed, .threads = 1});
    ASSERT_TRUE(one.ok());
    EXPECT_GT(one->modularity, 0.5);  // the planted groups are found (merged in threes or so)
    for (int threads : {2, 3, 0}) {
      auto many = FindCommunities(g, {.seed = seed, .threads = threads});
      ASSERT_TRUE(many.ok());
      EXPECT_EQ(many->membership, one->membership) << seed << " " << threads;
      EXPECT_EQ(many->modularity, one->modularity) << seed << " " << threads;
    }
  }
}

// Aggregates are made on several threads, each a run of parts: packed in one pass (the helpers'
// runs moved on after the first's), planned and copied, read through the graph, or given up
// half-way where the room runs out. Every way, with whole weights and fractions, the levels
// must be the same as on one thread: the same partition node for node, the same weights inside.
TEST(CommunitiesTest, AggregatesOnSeveralThreadsAreTheSame) {
  for (const bool whole : {true, false}) {
    std::vector<std::tuple<int64_t, int64_t, double>> e;
    uint64_t x = 4242;
    auto next = [&] { return (x = x * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
    auto weight = [&] { return whole ? 1.0 + next() % 3 : 0.5 + next() % 1000 / 1000.0; };
    const int groups = 300, size = 20, n = groups * size;
    for (int c = 0; c < groups; ++c) {
      for (int i = 0; i < size; ++i) {
        for (int j = 0; j < size; ++j) {
          if (i != j && next() % 4 == 0) e.push_back({c * size + i, c * size + j, weight()});
        }
      }
    }
    for (int k = 0; k < 4 * n; ++k)
      e.push_back({int64_t(next() % n), int64_t(next() % n), weight()});
    auto g = G(e, true);
    const internal::GraphLevel level = internal::LevelOf(g, true);
    ASSERT_EQ(level.whole, whole);
    ASSERT_GE(level.n(), 4096u);  // where a level's aggregate is made on threads
    for (size_t budget : {size_t{0}, size_t{1} << 16, size_t{1} << 19,
                          internal::DefaultAggregateBudget(level), SIZE_MAX}) {
      std::vector<double> inside_one;
      const auto one =
          internal::Leiden(level, 1.0 / (2 * level.total), 0.01, 3, 2, budget, 1, &inside_one);
      EXPECT_GT(internal::ModularityOf(level, one, 1.0), 0.5) << whole << " " << budget;
      for (int threads : {2, 3}) {
        std::vector<double> inside;
        const auto many =
            internal::Leiden(level, 1.0 / (2 * level.total), 0.01, 3, 2, budget, threads, &inside);
        EXPECT_EQ(many, one) << whole << " " << budget << " " << threads;
        EXPECT_EQ(inside, inside_one) << whole << " " << budget << " " << threads;
      }
    }
  }
}

// Where every weight is a whole number the moves, the refinement and the aggregation sum in
// 32-bit integers, else in doubles. Halving every weight (fractions: doubles) and β with it
// halves every gain exactly, so the partition must be the very same: the integer sums are
// checked against the doubles', move for move.
TEST(CommunitiesTest, WholeWeightsMoveAsIntegersExactlyAsDoubles) {
  uint64_t x = 77;
  auto next = [&] { return (x = x * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
  std::vector<std::tuple<int64_t, int64_t, double>> whole, halves;
  const int groups = 60, size = 30, n = groups * size;
  auto tie = [&](int64_t a, int64_t b) {
    const double w = static_cast<double>(1 + next() % 5);
    whole.push_back({a, b, w});
    halves.push_back({a, b, w / 2});
  };
  for (int c = 0; c < groups; ++c) {
    for (int i = 0; i < size; ++i) {
      for (int j = 0; j < size; ++j) {
        if (i != j && next() % 5 == 0) tie(c * size + i, c * size + j);
      }
    }
  }
  for (int k = 0; k < 3 * n; ++k) tie(int64_t(next() % n), int64_t(next() % n));
  const auto gw = G(whole), gh = G(halves);  // directed: ties not all returned, read as given
  const internal::GraphLevel lw = internal::LevelOf(gw, true), lh = internal::LevelOf(gh, true);
  ASSERT_TRUE(lw.whole);
  ASSERT_FALSE(lh.whole);
  for (uint64_t seed : {1, 2, 3}) {
    const auto a = internal::Leiden(lw, 1.0 / (2 * lw.total), 0.01, seed, -1,
                                    internal::DefaultAggregateBudget(lw), 1);
    const auto b = internal::Leiden(lh, 1.0 / (2 * lh.total), 0.005, seed, -1,
                                    internal::DefaultAggregateBudget(lh), 1);
    EXPECT_EQ(a, b) << seed;
    EXPECT_GT(internal::ModularityOf(lw, a, 1.0), 0.4) << seed;
  }
}

TEST(CommunitiesTest, EveryAggregateBudgetFindsThePlantedGroups) {
  for (const bool whole : {true, false}) {
    std::vector<std::tuple<int64_t, int64_t, double>> e;
    uint64_t x = 99;
    auto next = [&] { return (x = x * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
    auto weight = [&] { return whole ? 1.0 : 0.5 + static_cast<double>(next() % 1000) / 1000; };
    const int groups = 40, size = 25;
    for (int c = 0; c < groups; ++c) {
      for (int i = 0; i < size; ++i) {
        for (int j = 0; j < size; ++j) {
          if (i != j && next() % 4 == 0) e.push_back({c * size + i, c * size + j, weight()});
        }
      }
    }
    const int n = groups * size;
    for (int k = 0; k < 2 * n; ++k) {
      e.push_back({int64_t(next() % n), int64_t(next() % n), weight()});
    }
    auto g = G(e, true);
    const internal::GraphLevel level = internal::LevelOf(g, !whole);
    std::vector<int32_t> planted(g.num_nodes());
    for (uint32_t v = 0; v < g.num_nodes(); ++v) {
      planted[v] = static_cast<int32_t>(g.IdOf(v) / size);
    }
    std::vector<double> qs;
    int told = 0;  // runs whose last level told the weight inside each community
    for (size_t budget : {size_t{0}, size_t{1} << 10, size_t{1} << 14, size_t{1} << 16,
                          size_t{1} << 18, internal::DefaultAggregateBudget(level), SIZE_MAX}) {
      std::vector<double> inside;
      const auto m =
          internal::Leiden(level, 1.0 / (2 * level.total), 0.01, 5, 2, budget, 2, &inside);
      ASSERT_EQ(m.size(), g.num_nodes());
      std::vector<int32_t> labels(m.begin(), m.end());
      EXPECT_GT(*NormalizedMutualInformation(labels, planted), 0.95) << whole << " " << budget;
      qs.push_back(internal::ModularityOf(level, m, 1.0));
      if (inside.empty()) continue;
      ++told;
      // Exactly what summing the graph's ties inside each community gives, community by
      // community, and so the same modularity to the last bit.
      std::vector<double> summed(inside.size(), 0.0);
      for (uint32_t v = 0; v < g.num_nodes(); ++v) {
        level.ForEachTie(v, [&](uint32_t u, double w) {
          if (m[u] == m[v]) summed[m[v]] += w;
        });
      }
      EXPECT_EQ(inside, summed) << budget;
      EXPECT_EQ(internal::ModularityOf(level, m, 1.0, inside), qs.back()) << budget;
      EXPECT_EQ(internal::ModularityOf(level, m, 0.5, inside),
                internal::ModularityOf(level, m, 0.5))
          << budget;
    }
    // Whole weights: told wherever the last level is a copy (not the smallest budgets, where
    // it is read through the graph); fractions sum as floats above the graph: never told.
    if (whole) {
      EXPECT_GE(told, 4);
    } else {
      EXPECT_EQ(told, 0);
    }
    const auto [lo, hi] = std::minmax_element(qs.begin(), qs.end());
    EXPECT_GT(*lo, 0.5) << whole;
    EXPECT_LT(*hi - *lo, 0.01) << whole;
  }
}

// Where every weight is a whole number, the moves keep each node's weight to the rest of its
// community for the refinement; otherwise the refinement sums it over the node's ties. The same
// graph read both ways (the second told its weights are not whole) must give the same partition
// node for node: a weight kept wrong changes which nodes count as well connected, and so the
// refined communities.
TEST(CommunitiesTest, WeightsInsideKeptByTheMovesAreTheRefinementsOwn) {
  std::vector<std::tuple<int64_t, int64_t, double>> e;
  uint64_t x = 2026;
  auto next = [&] { return (x = x * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
  std::set<std::pair<int64_t, int64_t>> seen;  // distinct ties, each of weight 1
  for (int k = 0; k < 12000; ++k) {
    const auto a = static_cast<int64_t>(next() % 1500);
    const auto b = k % 3 == 0 ? static_cast<int64_t>(next() % 1500)
                              : (a / 30) * 30 + static_cast<int64_t>(next() % 30);
    if (a != b && seen.insert({a, b}).second) e.push_back({a, b, 1.0});
  }
  const graph::Graph g = G(e);  // directed: some ties returned, most not
  const internal::GraphLevel kept = internal::LevelOf(g, true);
  ASSERT_TRUE(kept.whole);
  internal::GraphLevel summed = kept;
  summed.whole = false;
  // Read unweighted (each tie 1, as here), the same again.
  const internal::GraphLevel unweighted = internal::LevelOf(g, false);
  ASSERT_TRUE(unweighted.whole);
  ASSERT_EQ(kept.node_weight, unweighted.node_weight);
  // At a high resolution many nodes and subsets fall short of well connected (the weight to
  // the rest of their community under γ K_v (K_c − K_v)), so the weights kept decide more.
  for (double resolution : {1.0, 20.0}) {
    for (uint64_t seed : {1, 2, 3}) {
      for (size_t budget : {size_t{0}, SIZE_MAX}) {
        const double gamma = resolution / (2 * kept.total);
        const auto a = internal::Leiden(kept, gamma, 0.01, seed, 2, budget, 1);
        const auto b = internal::Leiden(summed, gamma, 0.01, seed, 2, budget, 1);
        EXPECT_EQ(a, b) << resolution << " " << seed << " " << budget;
        EXPECT_EQ(internal::Leiden(unweighted, gamma, 0.01, seed, 2, budget, 1), a);
      }
    }
  }
}

// A level's weights are whole when every tie's is (always when read unweighted): a fraction
// anywhere, or a total past what doubles count exactly, and they are not.
TEST(CommunitiesTest, WholeWeightsAreTold) {
  const graph::Graph counts = G({{1, 2, 3.0}, {2, 3, 1.0}, {3, 1, 2.0}});
  EXPECT_TRUE(internal::LevelOf(counts, true).whole);
  const graph::Graph half = G({{1, 2, 3.0}, {2, 3, 0.5}, {3, 1, 2.0}});
  EXPECT_FALSE(internal::LevelOf(half, true).whole);
  EXPECT_TRUE(internal::LevelOf(half, false).whole);
  const graph::Graph huge = G({{1, 2, 0x1p52}, {2, 3, 1.0}});
  EXPECT_FALSE(internal::LevelOf(huge, true).whole);
}

// Where every tie is returned (email-Enron's are), Leiden reads only the out-lists, each tie
// counted twice: the strengths, the total and the partition are those of reading both lists.
TEST(CommunitiesTest, ReturnedTiesReadOnceGiveTheSamePartition) {
  std::vector<std::tuple<int64_t, int64_t, double>> e;
  uint64_t x = 7;
  auto next = [&] { return (x = x * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
  for (int k = 0; k < 3000; ++k) {
    const auto a = static_cast<int64_t>(next() % 400);
    const auto b = (a / 20) * 20 + static_cast<int64_t>(next() % (k % 5 == 0 ? 400 : 20)) % 400;
    if (a != b) e.push_back({a, b, static_cast<double>(1 + next() % 3)});
  }
  const graph::Graph g = G(e, true);
  for (const bool weighted : {false, true}) {
    const internal::GraphLevel once = internal::LevelOf(g, weighted);
    ASSERT_TRUE(once.returned) << weighted;
    double total = 0;
    for (uint32_t v = 0; v < g.num_nodes(); ++v) {
      double out = 0;
      for (double w : g.OutWeights(v)) out += weighted ? w : 1.0;
      EXPECT_EQ(once.node_weight[v], 2 * out) << v;
      total += out;
    }
    EXPECT_EQ(once.total, total);
    internal::GraphLevel both = once;
    both.returned = false;
    const auto a = internal::Leiden(once, 1.0 / (2 * once.total), 0.01, 3, 2, SIZE_MAX, 1);
    const auto b = internal::Leiden(both, 1.0 / (2 * both.total), 0.01, 3, 2, SIZE_MAX, 1);
    EXPECT_EQ(a, b) << weighted;
    EXPECT_EQ(internal::ModularityOf(once, a, 1.0), internal::ModularityOf(both, b, 1.0));
  }
  // One tie not returned, or returned with another strength (which only the weighted reading
  // minds): both lists are read.
  std::vector<graph::Interaction> xs;
  for (auto [a, b, w] : e) {
    xs.push_back({a, b, graph::Layer::kReply, Timestamp(), w});
    xs.push_back({b, a, graph::Layer::kReply, Timestamp(), w});
  }
  xs.push_back({0, 399, graph::Layer::kReply, Timestamp(), 1.0});
  EXPECT_FALSE(internal::LevelOf(graph::Build(xs), false).returned);
  xs.push_back({399, 0, graph::Layer::kReply, Timestamp(), 2.0});
  const graph::Graph uneven = graph::Build(xs);
  EXPECT_TRUE(internal::LevelOf(uneven, false).returned);
  EXPECT_FALSE(internal::LevelOf(uneven, true).returned);
}

}  // namespace
}  // namespace pl::network
