// The demo's programme files solve, keep every rule and look after the planted people.
#include "demo/matching_demo.h"

#include <gtest/gtest.h>

#include <set>

#include "matching/circles.h"
#include "matching/mentor.h"

namespace pl::demo {
namespace {

class MatchingDemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto o = Generate({300, 7, *ParseDate("2026-11-01")});
    ASSERT_TRUE(o.ok());
    org_ = new Organisation(*std::move(o));
    files_ = new DemoProgrammes(Programmes(*org_));
  }
  static void TearDownTestSuite() {
    delete org_;
    delete files_;
  }
  static Organisation* org_;
  static DemoProgrammes* files_;
};
Organisation* MatchingDemoTest::org_ = nullptr;
DemoProgrammes* MatchingDemoTest::files_ = nullptr;

TEST_F(MatchingDemoTest, MentorsMatchWithinTheRulesAndNewcomersAreIncluded) {
  auto p = matching::ParseMatchProblem(files_->mentors_json);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_GE(p->mentees.size(), 30u);
  EXPECT_GE(p->mentors.size(), 15u);
  std::set<std::string> mentees;
  for (const auto& m : p->mentees) mentees.insert(p->people[m.person].id);
  for (const auto& id : org_->truth.isolated_newcomers) EXPECT_TRUE(mentees.count(id)) << id;
  auto r = matching::MatchMentors(*p);
  ASSERT_TRUE(r.ok());
  EXPECT_GE(r->matches.size(), p->mentees.size() * 7 / 10);  // most find a mentor
  std::map<int, int> load;
  for (const auto& m : r->matches) {
    EXPECT_EQ(matching::PairBlocked(*p, p->mentees[m.mentee].person, p->mentors[m.mentor].person),
              "");
    ++load[m.mentor];
  }
  const std::set<std::string> champions(org_->truth.hidden_champions.begin(),
                                        org_->truth.hidden_champions.end());
  int champion_mentors = 0;
  for (const auto& [j, n] : load) {
    const auto& who = p->people[p->mentors[j].person];
    if (champions.count(who.id)) {
      ++champion_mentors;
      EXPECT_LE(n, 1) << who.id << " is a hidden champion: protected capacity";
    }
    EXPECT_LE(n, p->mentors[j].capacity);
  }
  std::printf(
      "demo mentoring: %zu of %zu mentees matched, %d hidden champions mentoring one each\n",
      r->matches.size(), p->mentees.size(), champion_mentors);
}

TEST_F(MatchingDemoTest, CirclesFormWithinTheRules) {
  auto p = matching::ParseCircleProblem(files_->circles_json);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->challenges.size(), 6u);
  EXPECT_GE(p->people.size(), 80u);
  auto r = matching::FormCircles(*p);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(matching::CheckFormation(*p, r->circles), "");
  EXPECT_GE(r->circles.size(), 4u);
  auto g = matching::FormCirclesGreedy(*p);
  EXPECT_GE(r->objective, g->objective);
  std::printf("demo circles: %zu circles seat %zu of %zu volunteers (greedy: %zu circles)\n",
              r->circles.size(), p->people.size() - r->unassigned.size(), p->people.size(),
              g->circles.size());
}

}  // namespace
}  // namespace pl::demo
