// The own kernels against igraph 0.10 on random directed graphs with hubs (preferential
// targets), reciprocal ties, isolated people and random tie strengths, seeds fixed. Any wrong
// tie, path count or triangle shows up as a difference far above the tolerances.
#include "network/centrality.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "network/internal/igraph_bridge.h"
#include "network/internal/pagerank.h"
#include "network/structure.h"

namespace pl::network {
namespace {

using internal::IGraph;
using internal::IIntVector;
using internal::IVector;

// Marsaglia's xorshift64: the tests' fixed-seed random numbers.
struct XorShift {
  uint64_t x;
  uint64_t operator()() {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  }
};

graph::Graph RandomGraph(uint64_t seed, int n, int ties) {
  XorShift next{seed * 0x9E3779B97F4A7C15ull + 1};
  std::vector<graph::Interaction> xs;
  // The last tenth of the people stay isolated.
  const int tied = n - n / 10;
  for (int e = 0; e < ties; ++e) {
    int64_t a = static_cast<int64_t>(next() % tied);
    // A quarter of the ties go to the first 5% (hubs).
    int64_t b = next() % 4 == 0 ? static_cast<int64_t>(next() % (tied / 20 + 1))
                                : static_cast<int64_t>(next() % tied);
    double w = 0.5 + static_cast<double>(next() % 1000) / 250.0;
    xs.push_back({a, b, graph::Layer::kReply, {}, w});
    if (next() % 3 == 0) xs.push_back({b, a, graph::Layer::kReply, {}, w});
  }
  graph::BuildParams p;
  for (int64_t v = 0; v < n; ++v) p.extra_nodes.push_back(v);
  return graph::Build(xs, p);
}

void ExpectClose(const std::vector<double>& ours, const std::vector<double>& ref, double rel,
                 const std::string& what) {
  ASSERT_EQ(ours.size(), ref.size()) << what;
  for (size_t v = 0; v < ours.size(); ++v) {
    if (std::isnan(ref[v])) {
      EXPECT_TRUE(std::isnan(ours[v])) << what << " node " << v;
      continue;
    }
    EXPECT_NEAR(ours[v], ref[v], rel * std::max(1.0, std::fabs(ref[v]))) << what << " node " << v;
  }
}

class KernelsTest : public ::testing::TestWithParam<uint64_t> {};

TEST_P(KernelsTest, AgreeWithIgraph) {
  const uint64_t seed = GetParam();
  const int n = 150 + static_cast<int>(seed) * 53;
  graph::Graph g = RandomGraph(seed, n, n * (2 + static_cast<int>(seed % 4)));
  IGraph ig;
  IVector strength, length;
  ASSERT_TRUE(internal::ToIgraph(g, ig, &strength, &length).ok());
  IVector ref;
  igraph_real_t value = 0;
  for (bool weighted : {false, true}) {
    const std::string tag =
        std::string(weighted ? "weighted" : "unweighted") + " seed " + std::to_string(seed);
    const igraph_vector_t* w = weighted ? &strength.v : nullptr;
    ASSERT_EQ(igraph_pagerank(&ig.g, IGRAPH_PAGERANK_ALGO_PRPACK, &ref.v, &value, igraph_vss_all(),
                              IGRAPH_DIRECTED, 0.85, w, nullptr),
              IGRAPH_SUCCESS);
    ExpectClose(PageRank(g, 0.85, weighted), ref.Copy(), 1e-9, "PageRank " + tag);

    ASSERT_EQ(igraph_constraint(&ig.g, &ref.v, igraph_vss_all(), w), IGRAPH_SUCCESS);
    StructuralHoles holes = ComputeStructuralHoles(g, weighted);
    ExpectClose(holes.constraint, ref.Copy(), 1e-12, "constraint " + tag);
  }

  // Betweenness from all sources, on one and on three threads, and from a subset.
  ASSERT_EQ(igraph_betweenness(&ig.g, &ref.v, igraph_vss_all(), IGRAPH_DIRECTED, nullptr),
            IGRAPH_SUCCESS);
  const std::vector<double> exact = ref.Copy();
  ExpectClose(Betweenness(g, {}, 1), exact, 1e-10, "betweenness 1 thread");
  ExpectClose(Betweenness(g, {}, 3), exact, 1e-10, "betweenness 3 threads");
  std::vector<igraph_integer_t> some;
  std::vector<uint32_t> some32;
  for (uint32_t v = 0; v < g.num_nodes(); v += 7) some.push_back(v), some32.push_back(v);
  igraph_vector_int_t chosen;
  igraph_vector_int_view(&chosen, some.data(), static_cast<igraph_integer_t>(some.size()));
  igraph_vs_t src;
  igraph_vs_vector(&src, &chosen);
  ASSERT_EQ(igraph_betweenness_subset(&ig.g, &ref.v, igraph_vss_all(), IGRAPH_DIRECTED, src,
                                      igraph_vss_all(), nullptr),
            IGRAPH_SUCCESS);
  ExpectClose(Betweenness(g, some32, 2), ref.Copy(), 1e-10, "betweenness from every 7th");

  Closeness c = ComputeCloseness(g, 2);
  ASSERT_EQ(igraph_closeness(&ig.g, &ref.v, nullptr, nullptr, igraph_vss_all(), IGRAPH_ALL, nullptr,
                             true),
            IGRAPH_SUCCESS);
  ExpectClose(c.closeness, ref.Copy(), 1e-12, "closeness");
  ASSERT_EQ(igraph_harmonic_centrality(&ig.g, &ref.v, igraph_vss_all(), IGRAPH_ALL, nullptr, true),
            IGRAPH_SUCCESS);
  ExpectClose(c.harmonic, ref.Copy(), 1e-12, "harmonic");

  // The k-core: directed, in- and out-ties together (a tie both ways twice), as igraph's
  // mode "all"; undirected, on the undirected simple graph.
  IGraph und;
  ASSERT_TRUE(internal::ToUndirected(g, false, und, nullptr).ok());
  std::vector<int64_t> directed_cores;
  for (bool directed : {true, false}) {
    IIntVector cores;
    ASSERT_EQ(igraph_coreness(directed ? &ig.g : &und.g, &cores.v, IGRAPH_ALL), IGRAPH_SUCCESS);
    std::vector<int64_t> ref_cores = cores.Copy();
    std::vector<uint32_t> our_cores = Coreness(g, directed);
    ASSERT_EQ(our_cores.size(), ref_cores.size());
    for (size_t v = 0; v < ref_cores.size(); ++v) {
      EXPECT_EQ(our_cores[v], ref_cores[v])
          << "coreness node " << v << " seed " << seed << (directed ? " directed" : "");
    }
    if (directed) {
      directed_cores = std::move(ref_cores);
    } else {  // ties both ways make the directed cores deeper: the two must differ
      EXPECT_NE(directed_cores, ref_cores);
    }
  }
  ASSERT_EQ(igraph_transitivity_local_undirected(&und.g, &ref.v, igraph_vss_all(),
                                                 IGRAPH_TRANSITIVITY_ZERO),
            IGRAPH_SUCCESS);
  ExpectClose(ComputeStructuralHoles(g, false).clustering, ref.Copy(), 1e-12, "clustering");
}

INSTANTIATE_TEST_SUITE_P(RandomGraphs, KernelsTest, ::testing::Range<uint64_t>(1, 13));

// PageRank of g, unweighted and weighted, equals igraph's (PRPACK) to 1e-9 of each value.
void ExpectPageRankAsIgraph(const graph::Graph& g, const std::string& what) {
  IGraph ig;
  IVector strength, length, ref;
  ASSERT_TRUE(internal::ToIgraph(g, ig, &strength, &length).ok());
  igraph_real_t value = 0;
  for (bool weighted : {false, true}) {
    ASSERT_EQ(igraph_pagerank(&ig.g, IGRAPH_PAGERANK_ALGO_PRPACK, &ref.v, &value, igraph_vss_all(),
                              IGRAPH_DIRECTED, 0.85, weighted ? &strength.v : nullptr, nullptr),
              IGRAPH_SUCCESS);
    const std::vector<double> want = ref.Copy(), got = PageRank(g, 0.85, weighted);
    for (size_t v = 0; v < want.size(); ++v) {
      EXPECT_NEAR(got[v], want[v], 1e-9 * want[v])
          << (weighted ? "weighted" : "unweighted") << what << " node " << v;
    }
  }
}

// Strong components of every size from 1 to 12 in a chain (each a weighted cycle with a chord,
// tied one way to the next), led into by a path of people without cycles and leading out to
// people who only receive, some of them passing on to others who only receive.
TEST(KernelsEdgeTest, PageRankAcrossAChainOfStrongComponents) {
  // Without returned ties inside the cycles, PageRank takes the strong components in order;
  // with them (each cycle tie also back, at another strength), it peels the paths at both ends
  // and sweeps the rest together. Both must give igraph's values.
  for (bool returned : {false, true}) {
    std::vector<graph::Interaction> xs;
    int64_t next_id = 0, previous_first = -1;
    auto tie = [&](int64_t a, int64_t b, double w) {
      xs.push_back({a, b, graph::Layer::kReply, {}, w});
    };
    for (int size = 1; size <= 12; ++size) {
      const int64_t first = next_id;
      next_id += size;
      for (int i = 0; i < size && size > 1; ++i) {
        tie(first + i, first + (i + 1) % size, 1.0 + 0.25 * i);
        if (returned) tie(first + (i + 1) % size, first + i, 0.5 + 0.1 * i);
      }
      if (size > 2) tie(first, first + size / 2, 2.5);
      if (previous_first >= 0) {
        tie(previous_first, first, 0.75);
        tie(first - 1, first + size - 1, 1.5);
      }
      previous_first = first;
    }
    tie(next_id - 1, next_id, 1.0);
    tie(next_id - 2, next_id + 1, 3.0);
    // A path of people who only pass rank on, into the first component, and one that only
    // receives it, out of the last: the order they are solved in matters.
    tie(1000, 1001, 1.0);
    tie(1001, 1002, 2.0);
    tie(1002, 0, 1.0);
    tie(1001, 1, 1.0);
    tie(next_id, next_id + 2, 1.0);
    tie(next_id + 2, next_id + 3, 0.5);
    tie(next_id + 1, next_id + 3, 1.0);
    graph::Graph g = graph::Build(xs);
    ASSERT_EQ(g.num_nodes(), 85u);
    int64_t count = 0, largest = 0;
    StrongComponentLabels(g, count, largest);
    ASSERT_EQ(count, 19);
    ASSERT_EQ(largest, 12);
    ExpectPageRankAsIgraph(g, returned ? ", ties returned" : "");
  }
}

// Where much of the rank flows on from the swept core into a long line of people who only pass
// it on (the back, solved after the core from its values), the core's errors pass on down the
// line: PageRank still ends within its tolerance of the exact ranks (L1), at loose tolerances
// where the difference shows, weighted or not.
TEST(KernelsEdgeTest, PageRankStaysWithinItsToleranceWhereErrorsPassDownALine) {
  XorShift next{42};
  std::vector<graph::Interaction> xs;
  constexpr int64_t kCore = 3000, kLine = 80;
  for (int64_t a = 0; a < kCore; ++a) {
    for (int k = 0; k < 4; ++k) {
      const auto b = static_cast<int64_t>(next() % kCore);
      if (b == a) continue;
      xs.push_back({a, b, graph::Layer::kReply, {}, 1.0 + static_cast<double>(next() % 4)});
      xs.push_back({b, a, graph::Layer::kReply, {}, 1.0});
    }
    xs.push_back({a, kCore + static_cast<int64_t>(next() % 5), graph::Layer::kReply, {}, 6.0});
  }
  for (int64_t i = 0; i + 1 < kLine; ++i) {
    xs.push_back({kCore + i, kCore + i + 1, graph::Layer::kReply, {}, 1.0});
  }
  const graph::Graph g = graph::Build(xs);
  ASSERT_EQ(g.num_nodes(), static_cast<size_t>(kCore + kLine));
  for (bool weighted : {false, true}) {
    const std::vector<double> exact = PageRank(g, 0.85, weighted, 1e-15);
    double line = 0;
    for (int64_t i = 0; i < kLine; ++i) line += exact[*g.IndexOf(kCore + i)];
    EXPECT_GT(line, 0.3) << "much of the rank ends on the line";
    for (double tolerance : {1e-3, 1e-5, 1e-7, 1e-9}) {
      const std::vector<double> got = PageRank(g, 0.85, weighted, tolerance);
      double l1 = 0;
      for (size_t v = 0; v < got.size(); ++v) l1 += std::fabs(got[v] - exact[v]);
      EXPECT_LE(l1, tolerance) << (weighted ? "weighted" : "unweighted") << " at " << tolerance;
    }
  }
}

// How far an error passes on down the back: along a line, alpha more for each step left to go;
// where a person's out-ties part, each branch by its share of the out-strength (or of the tie
// count, unweighted).
TEST(KernelsEdgeTest, BackReachIsTheMostAnErrorCanBecomeDownstream) {
  const double a = 0.85;
  // 10 → 11 → 12 → 13 (a line), 20 → 21 (weight 3) and 20 → 13 (weight 1).
  std::vector<graph::Interaction> xs = {
      {10, 11, graph::Layer::kReply, {}, 1.0}, {11, 12, graph::Layer::kReply, {}, 1.0},
      {12, 13, graph::Layer::kReply, {}, 1.0}, {20, 21, graph::Layer::kReply, {}, 3.0},
      {20, 13, graph::Layer::kReply, {}, 1.0}, {21, 11, graph::Layer::kReply, {}, 1.0}};
  const graph::Graph g = graph::Build(xs);
  auto at = [&](int64_t id) { return *g.IndexOf(id); };
  // Solved in this order: each one's out-ties go to people after it.
  const std::vector<uint32_t> back = {at(20), at(21), at(10), at(11), at(12), at(13)};
  for (bool weighted : {false, true}) {
    std::vector<double> reach(g.num_nodes(), -1);
    const double largest = internal::BackReach(g, back, a, weighted, reach);
    const double r13 = 1, r12 = 1 + a * r13, r11 = 1 + a * r12, r10 = 1 + a * r11;
    const double r21 = 1 + a * r11;
    const double r20 = weighted ? 1 + a * (0.75 * r21 + 0.25 * r13) : 1 + a * (r21 + r13) / 2;
    EXPECT_DOUBLE_EQ(reach[at(13)], r13);
    EXPECT_DOUBLE_EQ(reach[at(12)], r12);
    EXPECT_DOUBLE_EQ(reach[at(10)], r10);
    EXPECT_DOUBLE_EQ(reach[at(21)], r21);
    EXPECT_DOUBLE_EQ(reach[at(20)], r20) << (weighted ? "weighted" : "unweighted");
    EXPECT_DOUBLE_EQ(largest, std::max(r10, r20));
  }
  std::vector<double> none(g.num_nodes(), -1);
  EXPECT_EQ(internal::BackReach(g, {}, a, false, none), 0.0);
}

// An undirected network (every tie both ways, the same strength each way): nothing to peel, all
// its components swept as one system. Components of 2 to 40 people, a lone one, and the same
// graph with one direction's strength changed.
TEST(KernelsEdgeTest, PageRankOnAnUndirectedNetwork) {
  std::vector<graph::Interaction> xs;
  int64_t next_id = 0;
  auto both = [&](int64_t a, int64_t b, double w) {
    xs.push_back({a, b, graph::Layer::kReply, {}, w});
    xs.push_back({b, a, graph::Layer::kReply, {}, w});
  };
  for (int size : {2, 3, 5, 9, 40}) {
    const int64_t first = next_id;
    next_id += size;
    for (int i = 1; i < size; ++i) both(first + (i * 7) % i, first + i, 1.0 + 0.5 * (i % 3));
    if (size > 4) both(first + 1, first + size - 1, 2.0);
  }
  graph::BuildParams p;
  p.extra_nodes = {next_id};  // without ties
  for (bool asymmetric : {false, true}) {
    if (asymmetric) xs[0].weight = 4.0;
    graph::Graph g = graph::Build(xs, p);
    ASSERT_EQ(g.num_nodes(), 60u);
    ExpectPageRankAsIgraph(g, asymmetric ? ", one strength changed" : "");
  }
}

// The sweeps copy the in-lists with 2-byte neighbours where every node number fits (65,536
// people at most) and 4-byte ones beyond. Just either side of that size: a ring through
// everyone, a random tie from each, and ten people near the top of the numbering each tied
// from 150 others (so they sweep in the group of 64 and more in-ties, which keeps where each
// list ends). A 2-byte copy of the larger graph would read node 65,536 as node 0.
TEST(KernelsEdgeTest, PageRankEitherSideOfTwoByteNeighbours) {
  for (int64_t n : {int64_t{65536}, int64_t{65537}}) {
    XorShift next{static_cast<uint64_t>(n)};
    std::vector<graph::Interaction> xs;
    auto tie = [&](int64_t a, int64_t b) {
      if (a != b) xs.push_back({a, b, graph::Layer::kReply, {}, 1.0 + (next() % 4) * 0.5});
    };
    for (int64_t v = 0; v < n; ++v) {
      tie(v, (v + 1) % n);
      tie(v, static_cast<int64_t>(next() % n));
    }
    for (int64_t hub = n - 10; hub < n; ++hub) {
      for (int i = 0; i < 150; ++i) tie(static_cast<int64_t>(next() % n), hub);
    }
    graph::Graph g = graph::Build(xs);
    ASSERT_EQ(g.num_nodes(), static_cast<size_t>(n));
    ExpectPageRankAsIgraph(g, ", " + std::to_string(n) + " people");
  }
}

// A core of 2M ties and more is copied as each list's first node number and the 2-byte gaps
// after it; a list with a gap over 65,535 is read from the graph instead. 70,000 people on a
// ring, each tied to from 31 random others among people 200 and up (2.2M ties); people 1 to 199
// tied to from the ring and from: someone at the far end of the numbering (a gap too wide), 70
// people 5 apart near the end (64 and more, behind a wide gap), or 70 people 900 apart (64 and
// more, every gap narrow); person 0 from the ring alone (no gaps). Wide gaps cut to 2 bytes
// would read the wrong people.
TEST(KernelsEdgeTest, PageRankFromGapsBetweenNeighbours) {
  constexpr int64_t n = 70000;
  XorShift next{2024};
  std::vector<graph::Interaction> xs;
  auto tie = [&](int64_t a, int64_t b) {
    if (a != b) xs.push_back({a, b, graph::Layer::kReply, {}, 1.0 + (next() % 4) * 0.5});
  };
  for (int64_t v = 0; v < n; ++v) {
    tie(v, (v + 1) % n);
    for (int i = 0; i < 31; ++i) tie(static_cast<int64_t>(next() % n), 200 + v % (n - 200));
  }
  for (int64_t p = 1; p < 200; ++p) {
    if (p % 3 == 0) tie(n - 1 - p, p);
    for (int64_t k = 0; k < 70 && p % 3 != 0; ++k)
      tie(p % 3 == 1 ? n - 1 - 5 * k : 300 + 900 * k, p);
  }
  graph::Graph g = graph::Build(xs);
  ASSERT_EQ(g.num_nodes(), static_cast<size_t>(n));
  ASSERT_GT(g.num_edges(), size_t{1} << 21);
  ExpectPageRankAsIgraph(g, ", gaps");
}

// Closeness searches 64 people at a time, one bit each: a path longer than 64 (levels far
// beyond one word's searches), a ring, a directed star, people without ties at the start, in
// the middle and at the end of a batch, and batches split over 1, 2 and 3 threads, all equal to
// igraph's closeness and harmonic centrality, and identical for every thread count.
// Weighted betweenness against igraph's (lengths 1 / strength): random graphs whose strengths
// make many paths of equal length (1/2 + 1/2 = 1, 1/3 * 3 = 1, 1/4 * 4 = 1/2 + 1/2 ...), where
// igraph's tolerance for equal lengths decides which paths count; the sources dealt to one
// thread or three, every source or some. With the weights taken as the lengths themselves
// (`lengths_given`), igraph's with the same weights as lengths.
TEST(KernelsEdgeTest, WeightedBetweennessMatchesIgraph) {
  XorShift rng{777};
  for (int round = 0; round < 6; ++round) {
    std::vector<graph::Interaction> xs;
    const int64_t people = 40 + 30 * round;
    for (int k = 0; k < people * 4; ++k) {
      const auto a = static_cast<int64_t>(rng() % people), b = static_cast<int64_t>(rng() % people);
      const double strengths[] = {1, 2, 3, 4, 6, 12, 0.5, 1.5};
      xs.push_back({a, b, graph::Layer::kReply, {}, strengths[rng() % (round < 3 ? 4 : 8)]});
    }
    const graph::Graph g = graph::Build(xs, {});
    IGraph ig;
    IVector strength, length;
    ASSERT_TRUE(internal::ToIgraph(g, ig, &strength, &length).ok());
    IVector ref;
    ASSERT_EQ(igraph_betweenness(&ig.g, &ref.v, igraph_vss_all(), IGRAPH_DIRECTED, &length.v),
              IGRAPH_SUCCESS);
    const std::string tag = "round " + std::to_string(round);
    const std::vector<double> one = WeightedBetweenness(g, {}, 1);
    ExpectClose(one, ref.Copy(), 1e-9, "weighted betweenness, " + tag);
    ASSERT_EQ(igraph_betweenness(&ig.g, &ref.v, igraph_vss_all(), IGRAPH_DIRECTED, &strength.v),
              IGRAPH_SUCCESS);
    const std::vector<double> given = WeightedBetweenness(g, {}, 2, /*lengths_given=*/true);
    ExpectClose(given, ref.Copy(), 1e-9, "the weights as lengths, " + tag);
    size_t apart = 0;
    for (uint32_t v = 0; v < g.num_nodes(); ++v) apart += std::fabs(given[v] - one[v]) > 1e-9;
    EXPECT_GT(apart, 0u) << tag;
    ExpectClose(WeightedBetweenness(g, {}, 3), one, 1e-12, "three threads, " + tag);
    // Some sources: igraph's subset betweenness from the same ones.
    std::vector<uint32_t> some;
    for (uint32_t v = 0; v < g.num_nodes(); v += 3) some.push_back(v);
    internal::IIntVector picked(static_cast<igraph_integer_t>(some.size()));
    for (size_t i = 0; i < some.size(); ++i) VECTOR(picked.v)[i] = some[i];
    ASSERT_EQ(igraph_betweenness_subset(&ig.g, &ref.v, igraph_vss_all(), IGRAPH_DIRECTED,
                                        igraph_vss_vector(&picked.v), igraph_vss_all(), &length.v),
              IGRAPH_SUCCESS);
    ExpectClose(WeightedBetweenness(g, some, 2), ref.Copy(), 1e-9, "some sources, " + tag);
    // By steps the values differ: the strengths decide.
    const std::vector<double> steps = Betweenness(g, {}, 1);
    size_t differ = 0;
    for (uint32_t v = 0; v < g.num_nodes(); ++v) differ += std::fabs(steps[v] - one[v]) > 1e-9;
    EXPECT_GT(differ, 0u) << tag;
  }
}

// Weighted closeness and harmonic closeness against igraph's (mode "all", lengths 1 / strength):
// random graphs with ties one way and both ways at different strengths (the shorter length
// counts), several components, people without ties; one thread and several give the same. With
// the weights as the lengths themselves, igraph's with the same weights as lengths.
TEST(KernelsEdgeTest, WeightedClosenessMatchesIgraph) {
  XorShift rng{12345};
  for (int round = 0; round < 4; ++round) {
    std::vector<graph::Interaction> xs;
    const int64_t people = 60 + 40 * round;
    for (int k = 0; k < people * 3; ++k) {
      const auto a = static_cast<int64_t>(rng() % people), b = static_cast<int64_t>(rng() % people);
      // Two halves that never meet: two components at least.
      if ((a < people / 2) != (b < people / 2)) continue;
      xs.push_back({a, b, graph::Layer::kReply, {}, 0.5 + static_cast<double>(rng() % 9)});
    }
    graph::BuildParams p;
    p.extra_nodes = {people, people + 1};
    const graph::Graph g = graph::Build(xs, p);
    IGraph ig;
    IVector strength, length;
    ASSERT_TRUE(internal::ToIgraph(g, ig, &strength, &length).ok());
    // igraph's closeness and harmonic centrality (mode "all") over these lengths.
    auto igraph_closeness_of = [&](IVector& lengths) {
      IVector c, h;
      EXPECT_EQ(igraph_closeness(&ig.g, &c.v, nullptr, nullptr, igraph_vss_all(), IGRAPH_ALL,
                                 &lengths.v, true),
                IGRAPH_SUCCESS);
      EXPECT_EQ(
          igraph_harmonic_centrality(&ig.g, &h.v, igraph_vss_all(), IGRAPH_ALL, &lengths.v, true),
          IGRAPH_SUCCESS);
      return std::pair(c.Copy(), h.Copy());
    };
    const auto [given_closeness, given_harmonic] = igraph_closeness_of(strength);
    const Closeness given = ComputeWeightedCloseness(g, 2, /*lengths_given=*/true);
    ExpectClose(given.closeness, given_closeness, 1e-12,
                "the weights as lengths, round " + std::to_string(round));
    ExpectClose(given.harmonic, given_harmonic, 1e-12,
                "the weights as lengths, round " + std::to_string(round));
    const auto [closeness, harmonic] = igraph_closeness_of(length);
    const Closeness one = ComputeWeightedCloseness(g, 1);
    const std::string tag = "round " + std::to_string(round);
    ExpectClose(one.closeness, closeness, 1e-12, "weighted closeness, " + tag);
    ExpectClose(one.harmonic, harmonic, 1e-12, "weighted harmonic, " + tag);
    EXPECT_TRUE(std::isnan(one.closeness[*g.IndexOf(people)]));
    EXPECT_EQ(one.harmonic[*g.IndexOf(people + 1)], 0.0);
    // Unweighted closeness would differ: the strengths matter.
    const Closeness hops = ComputeCloseness(g, 1);
    size_t differ = 0;
    for (uint32_t v = 0; v < g.num_nodes(); ++v) differ += hops.harmonic[v] != one.harmonic[v];
    EXPECT_GT(differ, g.num_nodes() / 2) << tag;
    const Closeness three = ComputeWeightedCloseness(g, 3);
    for (uint32_t v = 0; v < g.num_nodes(); ++v) {
      EXPECT_EQ(std::isnan(three.closeness[v]), std::isnan(one.closeness[v])) << v;
      if (!std::isnan(one.closeness[v])) {
        EXPECT_EQ(three.closeness[v], one.closeness[v]) << v;
      }
      EXPECT_EQ(three.harmonic[v], one.harmonic[v]) << v;
    }
  }
}

TEST(KernelsEdgeTest, ClosenessOnPathsRingsAndLonePeopleInEveryBatch) {
  std::vector<graph::Interaction> xs;
  auto tie = [&](int64_t a, int64_t b) { xs.push_back({a, b, graph::Layer::kReply, {}, 1.0}); };
  for (int64_t v = 1; v < 150; ++v) v % 2 ? tie(v, v + 1) : tie(v + 1, v);  // path 1..150
  for (int64_t v = 0; v < 97; ++v) tie(200 + v, 200 + (v + 1) % 97);        // ring 200..296
  for (int64_t v = 1; v < 40; ++v) tie(300, 300 + v);                       // star 300..339
  tie(151, 152), tie(152, 151);                                             // a pair both ways
  // People with a single partner, whose sums come from their partner's search: a star tied
  // both ways, a pair tied one way, one of each kind on the ring, one more on the first star.
  for (int64_t v = 401; v <= 420; ++v) tie(400, v), tie(v, 400);
  tie(430, 431);
  tie(200, 500), tie(500, 200), tie(501, 250);
  tie(513, 300);
  graph::BuildParams p;
  p.extra_nodes = {0, 160, 199, 340, 341};  // without ties: places 0, 153, 154, 292 and 293
  graph::Graph g = graph::Build(xs, p);
  ASSERT_EQ(g.num_nodes(), 320u);
  IGraph ig;
  ASSERT_TRUE(internal::ToIgraph(g, ig, nullptr, nullptr).ok());
  IVector ref;
  ASSERT_EQ(igraph_closeness(&ig.g, &ref.v, nullptr, nullptr, igraph_vss_all(), IGRAPH_ALL, nullptr,
                             true),
            IGRAPH_SUCCESS);
  const std::vector<double> closeness = ref.Copy();
  ASSERT_EQ(igraph_harmonic_centrality(&ig.g, &ref.v, igraph_vss_all(), IGRAPH_ALL, nullptr, true),
            IGRAPH_SUCCESS);
  const std::vector<double> harmonic = ref.Copy();
  const Closeness one = ComputeCloseness(g, 1);
  ExpectClose(one.closeness, closeness, 1e-12, "closeness");
  ExpectClose(one.harmonic, harmonic, 1e-12, "harmonic");
  // The path's end: 149 others at distances 1..149.
  const uint32_t end = *g.IndexOf(150);
  EXPECT_NEAR(one.closeness[end], 149.0 / (149.0 * 150.0 / 2.0), 1e-15);
  EXPECT_TRUE(std::isnan(one.closeness[*g.IndexOf(160)]));
  EXPECT_EQ(one.harmonic[*g.IndexOf(160)], 0.0);
  for (int threads : {2, 3}) {
    const Closeness c = ComputeCloseness(g, threads);
    for (uint32_t v = 0; v < g.num_nodes(); ++v) {
      EXPECT_EQ(std::isnan(c.closeness[v]), std::isnan(one.closeness[v])) << v;
      if (!std::isnan(one.closeness[v])) {
        EXPECT_EQ(c.closeness[v], one.closeness[v]) << threads << " threads, node " << v;
      }
      EXPECT_EQ(c.harmonic[v], one.harmonic[v]) << threads << " threads, node " << v;
    }
  }
  // Every tie returned: the searches read the out-lists alone, and agree with igraph as well.
  const size_t one_way = xs.size();
  for (size_t k = 0; k < one_way; ++k) tie(xs[k].dst, xs[k].src);
  graph::Graph both = graph::Build(xs, p);
  ASSERT_TRUE(both.AllTiesReturned(false));
  IGraph ib;
  ASSERT_TRUE(internal::ToIgraph(both, ib, nullptr, nullptr).ok());
  ASSERT_EQ(igraph_closeness(&ib.g, &ref.v, nullptr, nullptr, igraph_vss_all(), IGRAPH_ALL, nullptr,
                             true),
            IGRAPH_SUCCESS);
  const Closeness c = ComputeCloseness(both, 2);
  ExpectClose(c.closeness, ref.Copy(), 1e-12, "closeness, every tie returned");
  ASSERT_EQ(igraph_harmonic_centrality(&ib.g, &ref.v, igraph_vss_all(), IGRAPH_ALL, nullptr, true),
            IGRAPH_SUCCESS);
  ExpectClose(c.harmonic, ref.Copy(), 1e-12, "harmonic, every tie returned");
}

// Exact betweenness folds a pendant's search (one out-tie, in-ties from that partner only) into
// its partner's. Every kind of near-pendant hangs here on a random core: leaves tied both ways
// (several on one host), one-way sources, a pair tied only to each other, a pair one of which
// is tied to others too, chains of two, people whose one in-tie comes from someone other than
// their one out-tie's, pendants on people with no out-ties or who only write, triangles (the
// graph has no self-loops: Build drops them). All sources run unfolded when listed explicitly,
// so that is a second reference beside igraph.
TEST(KernelsEdgeTest, BetweennessFoldsPendantSearchesExactly) {
  std::vector<graph::Interaction> xs;
  auto tie = [&](int64_t a, int64_t b) { xs.push_back({a, b, graph::Layer::kReply, {}, 1.0}); };
  XorShift next{12345};
  for (int e = 0; e < 240; ++e) {  // core 0..59
    const auto a = static_cast<int64_t>(next() % 60), b = static_cast<int64_t>(next() % 60);
    tie(a, b);
    if (next() % 2) tie(b, a);
  }
  int64_t id = 100;
  for (int k = 0; k < 120; ++k, id += 3) {
    const auto host = static_cast<int64_t>(next() % 60);
    const int64_t a = id, b = id + 1;
    switch (k % 10) {
      case 0:  // a leaf tied both ways
        tie(a, host), tie(host, a);
        break;
      case 1:  // a one-way source
        tie(a, host);
        break;
      case 2:  // a pair tied only to each other
        tie(a, b), tie(b, a);
        break;
      case 3:  // a pair of which one is also tied to the core
        tie(a, b), tie(b, a), tie(host, b), tie(b, host);
        break;
      case 4:  // a chain of two onto the core
        tie(a, b), tie(b, host), tie(host, b);
        break;
      case 5:  // one out-tie, and an in-tie from someone else
        tie(a, host), tie((host + 1) % 60, a);
        break;
      case 6:  // onto a person with no out-ties
        tie(a, b);
        break;
      case 7:  // onto a person who only writes to the core
        tie(a, b), tie(b, host);
        break;
      case 8:  // a triangle on the host
        tie(a, b), tie(b, a), tie(a, host), tie(host, a), tie(b, host), tie(host, b);
        break;
      default:  // two on one host
        tie(a, host), tie(host, a), tie(b, host);
        break;
    }
  }
  graph::Graph g = graph::Build(xs);
  IGraph ig;
  ASSERT_TRUE(internal::ToIgraph(g, ig, nullptr, nullptr).ok());
  IVector ref;
  ASSERT_EQ(igraph_betweenness(&ig.g, &ref.v, igraph_vss_all(), IGRAPH_DIRECTED, nullptr),
            IGRAPH_SUCCESS);
  const std::vector<double> exact = ref.Copy();
  std::vector<uint32_t> all(g.num_nodes());
  for (uint32_t v = 0; v < g.num_nodes(); ++v) all[v] = v;
  ExpectClose(Betweenness(g, all, 1), exact, 1e-12, "unfolded");
  for (int threads : {1, 2, 3}) {
    ExpectClose(Betweenness(g, {}, threads), exact, 1e-12,
                "folded, " + std::to_string(threads) + " threads");
  }
  // The hosts of leaves carry them: a leaf tied both ways to host h puts h between it and every
  // other person h reaches, so the test is not vacuous.
  double most = 0;
  for (double b : exact) most = std::max(most, b);
  EXPECT_GT(most, 500.0);
}

TEST(KernelsEdgeTest, EmptyAndTinyGraphs) {
  graph::Graph empty = graph::Build({});
  EXPECT_TRUE(PageRank(empty, 0.85, false).empty());
  EXPECT_TRUE(Betweenness(empty, {}, 2).empty());
  EXPECT_TRUE(ComputeStructuralHoles(empty, false).constraint.empty());
  EXPECT_TRUE(Coreness(empty, true).empty());
  EXPECT_TRUE(Coreness(empty, false).empty());
  EXPECT_TRUE(ComputeCloseness(empty, 2).closeness.empty());
  // One tie 1 -> 2 and a lone person 3; 2 and 3 are dangling. Solved by hand: with a = x1 = x3
  // and b = x2 = 1 - 2a, a = 0.05 + 0.85 (b + a) / 3, so a = (0.05 + 0.85 / 3) / (1 + 0.85 / 3).
  graph::BuildParams p;
  p.extra_nodes = {3};
  std::vector<graph::Interaction> tie = {{1, 2, graph::Layer::kReply, {}, 1.0}};
  graph::Graph g = graph::Build(tie, p);
  std::vector<double> pr = PageRank(g, 0.85, false);
  const double a = (0.05 + 0.85 / 3) / (1 + 0.85 / 3);
  EXPECT_NEAR(pr[0], a, 1e-12);
  EXPECT_NEAR(pr[1], 1 - 2 * a, 1e-12);
  EXPECT_NEAR(pr[2], a, 1e-12);
  StructuralHoles h = ComputeStructuralHoles(g, false);
  EXPECT_DOUBLE_EQ(h.constraint[0], 1.0);
  EXPECT_TRUE(std::isnan(h.constraint[2]));
  EXPECT_DOUBLE_EQ(h.effective_size[0], 1.0);
}

}  // namespace
}  // namespace pl::network
