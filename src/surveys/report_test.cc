#include "surveys/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace pl::surveys {
namespace {

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override { in_ = BuiltinInstrument("psych-safety").value(); }
  // Adds `n` respondents to `group` answering every item with `value` (reverse items get the
  // mirrored answer so every keyed answer equals `value`).
  void Add(WaveData& w, const std::string& group, int n, double value) {
    w.instrument = &in_;
    w.answers.items = in_.items.size();
    for (int r = 0; r < n; ++r) {
      w.groups.push_back(group);
      for (const Item& item : in_.items) {
        w.answers.values.push_back(item.reverse ? in_.scale_min + in_.scale_max - value : value);
      }
    }
  }
  const GroupResult& Group(const WaveReport& r, const std::string& name) {
    for (const auto& g : r.groups) {
      if (g.group == name) return g;
    }
    ADD_FAILURE() << "no group " << name;
    return r.groups.front();
  }
  Instrument in_;
};

TEST_F(ReportTest, GroupsNestAndSmallOrDerivableGroupsShowNothing) {
  WaveData w;
  Add(w, "Eng/Platform", 6, 6);
  Add(w, "Eng/Data", 4, 2);  // a four-person team
  Add(w, "Sales", 7, 5);
  const WaveReport r = BuildReport(w, nullptr, {.k = 5});
  EXPECT_EQ(r.respondents, 17);
  ASSERT_EQ(r.groups.size(), 5u);  // "", Eng, Eng/Data, Eng/Platform, Sales
  EXPECT_EQ(Group(r, "").visibility, Visibility::kShown);
  EXPECT_EQ(Group(r, "Eng").visibility, Visibility::kShown);
  EXPECT_EQ(Group(r, "Eng/Data").visibility, Visibility::kTooSmall);
  // Eng minus Platform would be Data's four people.
  EXPECT_EQ(Group(r, "Eng/Platform").visibility, Visibility::kDifferencing);
  EXPECT_EQ(Group(r, "Sales").visibility, Visibility::kShown);
  EXPECT_EQ(Group(r, "Eng/Data").respondents, 0);
  EXPECT_TRUE(Group(r, "Eng/Data").subscales.empty());
  EXPECT_DOUBLE_EQ(Group(r, "Eng").subscales[0].score.mean, (6 * 6 + 4 * 2) / 10.0);
  EXPECT_DOUBLE_EQ(Group(r, "Sales").subscales[0].score.mean, 5);
  EXPECT_DOUBLE_EQ(Group(r, "Sales").subscales[0].agreement.rwg_j, 1.0);  // perfect agreement
  EXPECT_DOUBLE_EQ(Group(r, "Sales").items[0].stats.favourable, 1.0);     // 5 >= 5
  // The org minus Eng is Sales (shown anyway); Sales minus nothing smaller: nothing leaks.

  const auto j = nlohmann::json::parse(ReportToJson(r, in_));
  for (const auto& g : j["groups"]) {
    if (g["status"] != "shown") {
      EXPECT_FALSE(g.contains("respondents")) << g.dump();
      EXPECT_FALSE(g.contains("subscales")) << g.dump();
    }
  }
  const std::string csv = ReportToCsv(r, in_);
  EXPECT_NE(csv.find("\"Eng/Data\",suppressed,,,,,,,,,\n"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("\"Eng/Data\",shown"), std::string::npos);
}

TEST_F(ReportTest, AWaveBelowKShowsNothingAtAll) {
  WaveData w;
  Add(w, "Team", 4, 6);
  const WaveReport r = BuildReport(w, nullptr, {.k = 5});
  EXPECT_EQ(r.respondents, 0);
  EXPECT_TRUE(r.reliability.empty());
  for (const auto& g : r.groups) EXPECT_NE(g.visibility, Visibility::kShown);
}

TEST_F(ReportTest, ItemsAnsweredByFewerThanKAreSuppressedInsideAShownGroup) {
  WaveData w;
  Add(w, "Team", 6, 6);
  for (int r = 0; r < 2; ++r) w.answers.values[r * 7 + 6] = kMissing;  // ps7: 4 answers
  const WaveReport r = BuildReport(w, nullptr, {.k = 5});
  const GroupResult& g = Group(r, "Team");
  ASSERT_EQ(g.visibility, Visibility::kShown);
  EXPECT_FALSE(g.items[5].suppressed);
  EXPECT_TRUE(g.items[6].suppressed);
  EXPECT_EQ(g.items[6].stats.n, 0);
}

TEST_F(ReportTest, ChangeSinceThePreviousWaveWithAnInterval) {
  WaveData before, after;
  Add(before, "Sales", 3, 3);
  Add(before, "Sales", 3, 4);  // mean 3.5
  Add(after, "Sales", 3, 5);
  Add(after, "Sales", 3, 6);  // mean 5.5
  const WaveReport r = BuildReport(after, &before, {.k = 5});
  const Change& c = Group(r, "Sales").subscales[0].change;
  EXPECT_DOUBLE_EQ(c.difference, 2.0);
  EXPECT_LT(c.low, 2.0);
  EXPECT_GT(c.low, 1.0);  // sd 0.548 each, n 6: the interval is about +-0.7
  EXPECT_GT(c.high, 2.0);
  EXPECT_NEAR(c.high - 2.0, 2.0 - c.low, 1e-12);
}

}  // namespace
}  // namespace pl::surveys
