#include "surveys/scoring.h"

#include <gtest/gtest.h>

#include <numeric>

namespace pl::surveys {
namespace {

Instrument ThreeItems() {
  Instrument in;
  in.key = "t";
  in.title = "t";
  in.scale_min = 1;
  in.scale_max = 5;
  in.favourable_min = 4;
  in.min_answered = 0.5;
  in.subscales = {{"a", "A"}, {"b", "B"}};
  in.items = {{"q1", "one", false, false, "a"},
              {"q2", "two", true, false, "a"},
              {"q3", "three", false, false, "a"},
              {"q4", "four", false, false, "b"}};
  return in;
}

TEST(ScoringTest, ReverseKeysAndTheMinimumAnsweredRule) {
  const Instrument in = ThreeItems();
  Answers a;
  a.items = 4;
  a.values = {5,        1,        3,        2,          // keyed 5, 5, 3 -> 13/3; b: 2
              4,        kMissing, kMissing, 1,          // 1 of 3 answered: below half -> no score
              kMissing, 2,        3,        kMissing};  // keyed 4, 3 -> 3.5; b unanswered
  const RespondentScores s = ScoreRespondents(in, a);
  ASSERT_EQ(s.subscales, 2u);
  EXPECT_DOUBLE_EQ(s.at(0, 0), 13.0 / 3);
  EXPECT_DOUBLE_EQ(s.at(0, 1), 2);
  EXPECT_TRUE(std::isnan(s.at(1, 0)));
  EXPECT_DOUBLE_EQ(s.at(1, 1), 1);
  EXPECT_DOUBLE_EQ(s.at(2, 0), 3.5);
  EXPECT_TRUE(std::isnan(s.at(2, 1)));
  EXPECT_DOUBLE_EQ(s.normalised[0], (13.0 / 3 - 1) / 4);
  EXPECT_DOUBLE_EQ(s.completion[0], 1.0);
  EXPECT_DOUBLE_EQ(s.completion[1], 0.5);
}

TEST(ScoringTest, HalfOfSixItemsNeedsThreeAnswers) {
  Instrument in = ThreeItems();
  in.subscales = {{"a", "A"}};
  in.items.clear();
  for (int i = 0; i < 6; ++i) in.items.push_back({"q" + std::to_string(i), "x", false, false, "a"});
  Answers a;
  a.items = 6;
  a.values = {1, 2, 3, kMissing, kMissing, kMissing, 1, 2, kMissing, kMissing, kMissing, kMissing};
  const RespondentScores s = ScoreRespondents(in, a);
  EXPECT_DOUBLE_EQ(s.at(0, 0), 2.0);
  EXPECT_TRUE(std::isnan(s.at(1, 0)));
}

TEST(ScoringTest, DescribeItemCountsPointsAndFavourableShare) {
  const Instrument in = ThreeItems();
  const std::vector<double> keyed = {5, 4, 4, 2, 1, kMissing, 3};
  const Describe d = DescribeItem(in, keyed);
  EXPECT_EQ(d.n, 6);
  EXPECT_DOUBLE_EQ(d.mean, 19.0 / 6);
  EXPECT_NEAR(d.sd,
              std::sqrt((std::pow(5 - 19.0 / 6, 2) + 2 * std::pow(4 - 19.0 / 6, 2) +
                         std::pow(2 - 19.0 / 6, 2) + std::pow(1 - 19.0 / 6, 2) +
                         std::pow(3 - 19.0 / 6, 2)) /
                        5),
              1e-12);
  EXPECT_EQ(d.distribution, (std::vector<int>{1, 1, 1, 2, 1}));
  EXPECT_DOUBLE_EQ(d.favourable, 0.5);
}

TEST(ScoringTest, AlphaOnASmallMatrixMatchesNumpy) {
  Columns x;
  x.cols = 3;
  x.values = {1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 4, 5, 4, 5};
  const Alpha a = CronbachAlpha(x, false);
  EXPECT_EQ(a.n_obs, 5);
  EXPECT_NEAR(a.raw_alpha, 0.933333333333333, 1e-12);
  EXPECT_NEAR(a.std_alpha, 0.942178016272805, 1e-12);
  ASSERT_EQ(a.raw_alpha_if_dropped.size(), 3u);
  // Pairwise on complete data is the same matrix.
  EXPECT_NEAR(CronbachAlpha(x, true).raw_alpha, a.raw_alpha, 1e-15);
  // A missing answer: listwise drops the row, pairwise keeps the rest of it.
  x.values[4] = kMissing;
  EXPECT_EQ(CronbachAlpha(x, false).n_obs, 4);
  EXPECT_EQ(CronbachAlpha(x, true).n_obs, 5);
  EXPECT_NE(CronbachAlpha(x, false).raw_alpha, CronbachAlpha(x, true).raw_alpha);
}

TEST(ScoringTest, RwgJOfAnAgreeingGroupAndOfOneWithMoreSpreadThanChance) {
  Columns g;
  g.cols = 3;
  g.values = {4, 4, 5, 4, 5, 5, 5, 4, 4, 4, 4, 4};
  EXPECT_DOUBLE_EQ(UniformNullVariance(5), 2.0);
  const Agreement a = RwgJ(g, 2.0);
  EXPECT_EQ(a.n, 4);
  EXPECT_NEAR(a.rwg_j, 0.948979591836735, 1e-12);
  Columns split;
  split.cols = 2;
  split.values = {1, 1, 5, 5, 1, 1, 5, 5};  // variance 5.33 > 2: no agreement
  EXPECT_DOUBLE_EQ(RwgJ(split, 2.0).rwg_j, 0.0);
  Columns one;
  one.cols = 2;
  one.values = {3, 3};
  EXPECT_TRUE(std::isnan(RwgJ(one, 2.0).rwg_j));
}

TEST(ScoringTest, IccFromOneWayAnovaMatchesHandComputation) {
  const std::vector<double> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, kMissing};
  const std::vector<int> g = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2};
  const Icc icc = IntraclassCorrelation(v, g);
  EXPECT_EQ(icc.groups, 3);
  EXPECT_EQ(icc.n, 10);
  EXPECT_NEAR(icc.icc1, 0.892183288409704, 1e-12);
  EXPECT_NEAR(icc.icc2, 0.965014577259475, 1e-12);
}

TEST(ScoringTest, WelchChangeIntervalMatchesScipy) {
  const std::vector<double> before = {3, 4, 5, 4, 3, 4}, after = {4, 5, 5, 6, 5, 4, 5};
  const Change c = MeanChange(DescribeValues(before), DescribeValues(after));
  EXPECT_NEAR(c.difference, 1.023809523809523, 1e-12);
  EXPECT_NEAR(c.df, 10.330575144709320, 1e-9);
  EXPECT_NEAR(c.low, 0.129576750971075, 1e-9);
  EXPECT_NEAR(c.high, 1.918042296647972, 1e-9);
  EXPECT_TRUE(
      std::isnan(MeanChange(DescribeValues(std::vector<double>{3}), DescribeValues(after)).low));
}

}  // namespace
}  // namespace pl::surveys
