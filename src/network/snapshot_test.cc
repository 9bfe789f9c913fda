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

// Person 7, a hidden champion before, is among the visible helpers after (thanked, say): the
// diff lists them as now seen, and the visible helpers added; against a snapshot from before
// visible helpers were kept, only the champions now seen are said.
TEST(DiffSnapshotsTest, HiddenChampionsNowSeenByTheStructure) {
  auto findings = [](std::vector<int64_t> champions, std::optional<std::vector<int64_t>> seen) {
    nlohmann::json f = {{"champions", nlohmann::json::array()},
                        {"brokers", nlohmann::json::array()},
                        {"single_points", nlohmann::json::array()},
                        {"silos", nlohmann::json::array()},
                        {"newcomers", nlohmann::json::array()}};
    for (int64_t c : champions) f["champions"].push_back({{"person", c}});
    if (seen) {
      f["visible_helpers"] = nlohmann::json::array();
      for (int64_t v : *seen) f["visible_helpers"].push_back({{"person", v}});
    }
    return f;
  };
  Snapshot before, after, older;
  before.findings = findings({7, 8}, std::vector<int64_t>{3});
  after.findings = findings({8}, std::vector<int64_t>{3, 7, 9});
  older.findings = findings({7, 8}, std::nullopt);
  const nlohmann::json d = DiffSnapshots(before, after);
  EXPECT_EQ(d.at("champions_now_seen"), nlohmann::json::array({7}));
  EXPECT_EQ(d.at("visible_helpers").at("added"), nlohmann::json::array({7, 9}));
  EXPECT_EQ(d.at("visible_helpers").at("kept"), nlohmann::json::array({3}));
  EXPECT_EQ(d.at("champions").at("removed"), nlohmann::json::array({7}));
  const nlohmann::json from_older = DiffSnapshots(older, after);
  EXPECT_FALSE(from_older.contains("visible_helpers"));
  EXPECT_EQ(from_older.at("champions_now_seen"), nlohmann::json::array({7}));
  EXPECT_FALSE(DiffSnapshots(after, older).contains("champions_now_seen"));
}

}  // namespace
}  // namespace pl::network
