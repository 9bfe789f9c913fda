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

// Two snapshots analysed differently say how: the window's length (all time → 30 days; two
// quarters of 90 and 92 days count as the same), a layer's weight, the half-life and the
// resolution; the day each was analysed as of, and settings one of them does not record, are not
// said.
TEST(DiffSnapshotsTest, SaysWhichSettingsDiffer) {
  const nlohmann::json empty = {{"champions", nlohmann::json::array()},
                                {"brokers", nlohmann::json::array()},
                                {"single_points", nlohmann::json::array()},
                                {"silos", nlohmann::json::array()},
                                {"newcomers", nlohmann::json::array()}};
  const Timestamp end = Timestamp(Date(std::chrono::year(2026) / 12 / 1));
  AnalysisParams p;
  p.findings.today = Date(std::chrono::year(2026) / 11 / 1);
  Snapshot before, after;
  before.findings = after.findings = empty;
  before.params = ParamsJson(p);
  EXPECT_EQ(DiffSnapshots(before, before).at("settings_changed"), nlohmann::json::array());

  p.build.window = graph::Window{end - std::chrono::days(30), end};
  p.build.layer_weights[static_cast<size_t>(graph::Layer::kNomination)] = 3.0;
  p.build.half_life = std::chrono::days(60);
  p.communities.resolution = 1.5;
  p.findings.today = Date(std::chrono::year(2026) / 12 / 1);
  after.params = ParamsJson(p);
  after.window = p.build.window;
  const nlohmann::json d = DiffSnapshots(before, after).at("settings_changed");
  auto changed = [&](const std::string& setting) -> nlohmann::json {
    for (const auto& c : d) {
      if (c.at("setting") == setting) return c;
    }
    return nullptr;
  };
  EXPECT_EQ(d.size(), 4u) << d.dump();
  EXPECT_EQ(changed("window_days"),
            (nlohmann::json{{"setting", "window_days"}, {"before", nullptr}, {"after", 30}}));
  const std::string nomination(graph::LayerName(graph::Layer::kNomination));
  EXPECT_EQ(changed("layer_weight:" + nomination).at("before"), 1.0);
  EXPECT_EQ(changed("layer_weight:" + nomination).at("after"), 3.0);
  EXPECT_EQ(changed("half_life_days").at("after"), 60);
  EXPECT_EQ(changed("community_resolution").at("after"), 1.5);
  EXPECT_TRUE(changed("today").is_null());

  // A quarter of 90 days against one of 92: the same length, as far as a comparison goes; one of
  // 80 days is not.
  Snapshot q1 = after, q2 = after, short_one = after;
  q1.window = graph::Window{end - std::chrono::days(90), end};
  q2.window = graph::Window{end, end + std::chrono::days(92)};
  short_one.window = graph::Window{end - std::chrono::days(80), end};
  EXPECT_EQ(DiffSnapshots(q1, q2).at("settings_changed"), nlohmann::json::array());
  const nlohmann::json shorter = DiffSnapshots(q1, short_one).at("settings_changed");
  ASSERT_EQ(shorter.size(), 1u);
  EXPECT_EQ(shorter[0].at("before"), 90);
  EXPECT_EQ(shorter[0].at("after"), 80);

  // A snapshot that does not record a setting (made before it was kept): not compared.
  Snapshot older = before;
  older.params.erase("community_resolution");
  EXPECT_TRUE(DiffSnapshots(older, after).at("settings_changed").size() == 3u);
}

}  // namespace
}  // namespace pl::network
