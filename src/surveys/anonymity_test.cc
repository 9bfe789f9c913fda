#include "surveys/anonymity.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>

namespace pl::surveys {
namespace {

std::vector<uint32_t> Range(uint32_t from, uint32_t to) {
  std::vector<uint32_t> v(to - from);
  std::iota(v.begin(), v.end(), from);
  return v;
}
std::vector<uint32_t> Join(std::vector<uint32_t> a, const std::vector<uint32_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// An attacker's search, independent of the guard: every combination of the shown groups with
// coefficients -1, 0, 1; returns the size of the smallest nonempty set of people it isolates
// (0 if none).
int SmallestDerivable(const std::vector<GuardGroup>& groups, const std::vector<Visibility>& v,
                      uint32_t people) {
  std::vector<const GuardGroup*> shown;
  for (size_t g = 0; g < groups.size(); ++g) {
    if (v[g] == Visibility::kShown) shown.push_back(&groups[g]);
  }
  int best = 0;
  std::vector<int> coef(shown.size(), -1);
  size_t combos = 1;
  for (size_t i = 0; i < shown.size(); ++i) combos *= 3;
  for (size_t c = 0; c < combos; ++c) {
    size_t x = c;
    std::vector<int> sum(people, 0);
    for (size_t i = 0; i < shown.size(); ++i, x /= 3) {
      const int k = static_cast<int>(x % 3) - 1;
      if (k == 0) continue;
      for (uint32_t p : shown[i]->members) sum[p] += k;
    }
    int ones = 0;
    bool binary = true;
    for (int s : sum) {
      if (s == 1) ++ones;
      if (s != 0 && s != 1) binary = false;
    }
    if (binary && ones > 0 && (best == 0 || ones < best)) best = ones;
  }
  return best;
}

TEST(AnonymityTest, SmallGroupsAreSuppressedAndTheThresholdNeverDropsBelowThree) {
  std::vector<GuardGroup> g = {
      {"dept", Range(0, 12)}, {"a", Range(0, 5)}, {"b", Range(5, 9)}, {"c", Range(9, 12)}};
  auto v = GuardGroups(g, {.k = 5});
  EXPECT_EQ(v, (std::vector<Visibility>{Visibility::kShown, Visibility::kShown,
                                        Visibility::kTooSmall, Visibility::kTooSmall}));
  EXPECT_EQ(EffectiveK(1), 3);
  v = GuardGroups({{{"pair", Range(0, 2)}}}, {.k = 1});
  EXPECT_EQ(v[0], Visibility::kTooSmall);
}

TEST(AnonymityTest, DepartmentMinusTeamCannotExposeTheRest) {
  // Department of 9: team a (5) is big enough, team b (4) is not; showing a and the department
  // would give b's sum by subtraction.
  std::vector<GuardGroup> g = {{"dept", Range(0, 9)}, {"a", Range(0, 5)}, {"b", Range(5, 9)}};
  auto v = GuardGroups(g, {.k = 5});
  EXPECT_EQ(v, (std::vector<Visibility>{Visibility::kShown, Visibility::kDifferencing,
                                        Visibility::kTooSmall}));
  EXPECT_EQ(SmallestDerivable(g, v, 9), 9);
}

TEST(AnonymityTest, DepartmentWithoutTeamFilterIsBlocked) {
  // A four-person team inside a department of 10; the caller asks for "department without that
  // team" (6 people) next to the department.
  std::vector<GuardGroup> g = {
      {"dept", Range(0, 10)}, {"dept-without-team", Range(4, 10)}, {"team", Range(0, 4)}};
  auto v = GuardGroups(g, {.k = 5});
  EXPECT_EQ(v[2], Visibility::kTooSmall);
  EXPECT_EQ(v[1], Visibility::kDifferencing);
  EXPECT_EQ(v[0], Visibility::kShown);
  EXPECT_EQ(SmallestDerivable(g, v, 10), 10);
}

TEST(AnonymityTest, SecondarySuppressionCascadesUpTheHierarchy) {
  // org 30 = dept x (12: teams of 8 and 4) + dept y (18: teams of 9 and 9). x's 4-person team
  // forces its 8-person sibling out; nothing else.
  std::vector<GuardGroup> g = {{"org", Range(0, 30)}, {"x", Range(0, 12)},  {"x1", Range(0, 8)},
                               {"x2", Range(8, 12)},  {"y", Range(12, 30)}, {"y1", Range(12, 21)},
                               {"y2", Range(21, 30)}};
  auto v = GuardGroups(g, {.k = 5});
  EXPECT_EQ(v[2], Visibility::kDifferencing);
  EXPECT_EQ(v[3], Visibility::kTooSmall);
  for (int i : {0, 1, 4, 5, 6}) EXPECT_EQ(v[i], Visibility::kShown) << g[i].key;
  EXPECT_EQ(SmallestDerivable(g, v, 30), 9);  // y1 or y2: nothing smaller can be isolated
}

TEST(AnonymityTest, TeamByTenureCombinationsAreBlocked) {
  // Two teams of 7 (5 newer, 2 longer-serving each); the caller sees each team, the department,
  // "newer than two years" across the department, and team one's newer people. Team one minus
  // its newer people exposes 2; the department minus the newer exposes 4.
  const auto t1_new = Range(0, 5), t1_old = Range(5, 7), t2_new = Range(7, 12),
             t2_old = Range(12, 14);
  std::vector<GuardGroup> g = {{"dept", Range(0, 14)},
                               {"t1", Join(t1_new, t1_old)},
                               {"t2", Join(t2_new, t2_old)},
                               {"new", Join(t1_new, t2_new)},
                               {"t1-new", t1_new}};
  ASSERT_GT(SmallestDerivable(g, std::vector<Visibility>(5, Visibility::kShown), 14), 0);
  ASSERT_LT(SmallestDerivable(g, std::vector<Visibility>(5, Visibility::kShown), 14), 5);
  auto v = GuardGroups(g, {.k = 5});
  const int smallest = SmallestDerivable(g, v, 14);
  EXPECT_TRUE(smallest == 0 || smallest >= 5) << smallest;
  // The filters go, the org chart stays: the department and both teams.
  EXPECT_EQ(v, (std::vector<Visibility>{Visibility::kShown, Visibility::kShown, Visibility::kShown,
                                        Visibility::kDifferencing, Visibility::kDifferencing}));
}

TEST(AnonymityTest, CrossingGroupsThatExposeNobodyAllStay) {
  // Teams of 6 (3 newer each) and "newer" across both: every derivable set has 6 or 12 people.
  std::vector<GuardGroup> g = {{"dept", Range(0, 12)},
                               {"t1", Range(0, 6)},
                               {"t2", Range(6, 12)},
                               {"new", Join(Range(0, 3), Range(6, 9))}};
  auto v = GuardGroups(g, {.k = 5});
  EXPECT_EQ(v, std::vector<Visibility>(4, Visibility::kShown));
}

TEST(AnonymityTest, IdenticalGroupsShareTheirFate) {
  std::vector<GuardGroup> g = {
      {"team", Range(0, 6)}, {"team-again", Range(0, 6)}, {"all", Range(0, 9)}};
  auto v = GuardGroups(g, {.k = 5});
  EXPECT_EQ(v[0], v[1]);
  EXPECT_EQ(v[0], Visibility::kDifferencing);  // all minus team = 3
  EXPECT_EQ(v[2], Visibility::kShown);
}

TEST(AnonymityTest, RandomFamiliesNeverLeakAGroupBelowK) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 60; ++trial) {
    const uint32_t people = 24;
    std::vector<GuardGroup> g;
    const int groups = 4 + trial % 5;
    for (int i = 0; i < groups; ++i) {
      GuardGroup x{"g" + std::to_string(i), {}};
      const double p = std::uniform_real_distribution<double>(0.2, 0.8)(rng);
      for (uint32_t q = 0; q < people; ++q) {
        if (std::bernoulli_distribution(p)(rng)) x.members.push_back(q);
      }
      g.push_back(std::move(x));
    }
    for (size_t max_rank : {size_t{18}, size_t{2}}) {  // exact, and the conservative fallback
      auto v = GuardGroups(g, {.k = 5, .max_exact_rank = max_rank});
      const int smallest = SmallestDerivable(g, v, people);
      EXPECT_TRUE(smallest == 0 || smallest >= 5)
          << "trial " << trial << " rank cap " << max_rank << ": a set of " << smallest;
    }
  }
}

}  // namespace
}  // namespace pl::surveys
