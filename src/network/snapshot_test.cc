#include "network/snapshot.h"

#include <gtest/gtest.h>

namespace pl::network {
namespace {

TEST(TiesToDrawTest, KeepsEveryonesStrongestTiesThenTheStrongestOfTheRest) {
  // A hub (1) with strong ties to and from 2 and 3; 4 and 5 have only weak ties; 6 only one.
  const std::vector<SnapshotEdge> edges = {
      {1, 2, 9.0},  // 0
      {1, 3, 8.0},  // 1
      {2, 1, 7.0},  // 2
      {2, 3, 5.0},  // 3
      {3, 1, 6.0},  // 4
      {4, 1, 0.5},  // 5: 4's only tie out
      {4, 5, 0.5},  // 6: 5's only tie in (equal weight, listed after 5)
      {5, 4, 0.2},  // 7: 5's only tie out, 4's only tie in
      {6, 2, 0.1},  // 8: 6's only tie
      {3, 2, 4.0},  // 9
  };
  // Everything fits.
  EXPECT_EQ(TiesToDraw(edges, 10).size(), 10u);
  EXPECT_EQ(TiesToDraw(edges, 99).size(), 10u);
  // The people's own strongest: out 1→2 (0), 2→1 (2), 3→1 (4), 4→1 (5), 5→4 (7), 6→2 (8);
  // in: 2 ← 1 (0), 3 ← 1 (1), 1 ← 2 (2), 5 ← 4 (6), 4 ← 5 (7). Eight ties; then the strongest
  // of the rest (3: 5.0, 9: 4.0).
  EXPECT_EQ(TiesToDraw(edges, 8), (std::vector<size_t>{0, 1, 2, 4, 5, 6, 7, 8}));
  EXPECT_EQ(TiesToDraw(edges, 9), (std::vector<size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  // Fewer than the people's own: the strongest of those (9, 8, 7, 6).
  EXPECT_EQ(TiesToDraw(edges, 4), (std::vector<size_t>{0, 1, 2, 4}));
  EXPECT_TRUE(TiesToDraw(edges, 0).empty());
  EXPECT_TRUE(TiesToDraw({}, 5).empty());
}

}  // namespace
}  // namespace pl::network
