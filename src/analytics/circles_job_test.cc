// Learning circles on the store, on both backends: sign-ups and pins become circles within the
// rules, proposals replace proposals, active circles keep their members, and a formation that
// cannot run explains itself and leaves the earlier proposals alone.
#include "analytics/circles_job.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "ingest/roster.h"
#include "testing/test_backends.h"

namespace pl::analytics {
namespace {

// Ten people in four teams; S1, E1 and P1 have facilitated before; Z1 works in Sydney.
constexpr const char* kRoster =
    "employee_id,name,team,level,timezone,skills\n"
    "S1,Sam One,Sales,5,Europe/London,negotiation:4\n"
    "S2,Sam Two,Sales,2,Europe/London,\n"
    "S3,Sam Three,Sales,3,Europe/Lisbon,\n"
    "E1,Eve One,Engineering,5,Europe/Berlin,sql:4\n"
    "E2,Eve Two,Engineering,2,Europe/Berlin,sql:2\n"
    "E3,Eve Three,Engineering,3,Europe/Paris,\n"
    "P1,Pat One,People,4,Europe/Madrid,facilitation:4\n"
    "P2,Pat Two,People,2,Europe/Madrid,\n"
    "P3,Pat Three,People,3,Europe/Rome,\n"
    "Z1,Zed One,Support,3,Australia/Sydney,\n";

class CirclesJobTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = pl::testing::FreshStore(GetParam());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    auto r = ingest::ImportRoster(*store_, kRoster, {});
    ASSERT_TRUE(r.ok() && !r->rejected) << (r.ok() ? "rejected" : r.status().ToString());
    ids_ = *store_->PersonIdsByExternalId();
    settings_.min_size = 3;
    settings_.max_size = 4;
    settings_.min_overlap_hours = 4;
  }
  void SignUp(const char* who, std::vector<int64_t> prefs, bool facilitator = false) {
    ASSERT_TRUE(store_
                    ->SaveCircleSignup({ids_.at(who), std::move(prefs), facilitator, 1,
                                        *ParseTimestamp("2026-11-01T00:00:00Z")})
                    .ok());
  }
  int64_t Challenge(const char* title, std::vector<std::string> skills) {
    return store_
        ->CreateChallenge({0, title, "", std::move(skills), ids_.at("P1"), "open",
                           *ParseTimestamp("2026-10-01T00:00:00Z")})
        .value();
  }
  std::unique_ptr<store::Store> store_;
  std::unordered_map<std::string, PersonId> ids_;
  matching::CircleSettings settings_;
};

TEST_P(CirclesJobTest, SignUpsBecomeCirclesWithinTheRules) {
  EXPECT_EQ(RunCircleFormation(*store_, settings_, true).status().code(),
            StatusCode::kFailedPrecondition);  // no challenge
  const int64_t deals = Challenge("Shorter deal cycles", {"negotiation"});
  const int64_t data = Challenge("Data people trust", {"sql"});
  auto none = RunCircleFormation(*store_, settings_, true);
  EXPECT_EQ(none.status().code(), StatusCode::kFailedPrecondition);  // nobody signed up
  EXPECT_NE(none.status().message().find("signed up"), std::string::npos);
  SignUp("S1", {deals}, true);
  SignUp("S2", {deals, data});
  SignUp("S3", {data, deals});
  SignUp("E1", {data}, true);
  SignUp("E2", {data});
  SignUp("E3", {deals});
  SignUp("P1", {deals, data});  // has facilitated before, but did not say so: not a facilitator
  SignUp("P2", {data, deals});
  SignUp("Z1", {data});  // Sydney: no 4-hour overlap with Europe
  auto run = RunCircleFormation(*store_, settings_, true);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->result.circles.size(), 2u);
  const auto circles = store_->ListCircles().value();
  ASSERT_EQ(circles.size(), 2u);
  std::set<int64_t> seated;
  const auto signups = store_->ListCircleSignups().value();
  for (const auto& c : circles) {
    EXPECT_EQ(c.status, "proposed");
    EXPECT_GE(c.members.size(), 3u);
    EXPECT_LE(c.members.size(), 4u);
    EXPECT_EQ(c.members[0].role, "facilitator");
    EXPECT_TRUE(c.members[0].person == ids_.at("S1") || c.members[0].person == ids_.at("E1"));
    for (const auto& m : c.members) {
      EXPECT_TRUE(seated.insert(m.person.value).second) << "in two circles";
      bool ranked = false;
      for (const auto& s : signups) {
        if (s.person != m.person) continue;
        for (int64_t x : s.preferences) ranked |= x == c.challenge_id;
      }
      EXPECT_TRUE(ranked) << "person " << m.person.value << " did not choose this challenge";
    }
    const auto score = nlohmann::json::parse(c.score);
    EXPECT_GT(score.at("total").get<double>(), 0);
    EXPECT_EQ(score.at("facilitators").get<int>(), 1);
    EXPECT_NE(c.explanation.find("chose it first"), std::string::npos);
  }
  EXPECT_EQ(seated.size(), 8u);
  EXPECT_FALSE(seated.count(ids_.at("Z1").value));
  ASSERT_EQ(run->result.unassigned.size(), 1u);
  EXPECT_EQ(run->built.person_ids[run->result.unassigned[0].first], ids_.at("Z1"));

  // An admin pins P3, who never signed up, to the data challenge; and starts the deals circle.
  ASSERT_TRUE(store_->PinToChallenge(ids_.at("P3"), data, true).ok());
  const store::CircleRecord* deals_circle = nullptr;
  for (const auto& c : circles) {
    if (c.challenge_id == deals) deals_circle = &c;
  }
  ASSERT_NE(deals_circle, nullptr);
  ASSERT_TRUE(store_->SetCircleStatus(deals_circle->id, "active", Timestamp()).ok());
  auto again = RunCircleFormation(*store_, settings_, true);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  const auto after = store_->ListCircles().value();
  int active = 0;
  for (const auto& c : after) {
    if (c.status == "active") {
      ++active;
      EXPECT_EQ(c.members.size(), deals_circle->members.size());
      continue;
    }
    EXPECT_EQ(c.challenge_id, data);
    bool p3 = false;
    for (const auto& m : c.members) {
      p3 |= m.person == ids_.at("P3");
      for (const auto& d : deals_circle->members) EXPECT_NE(m.person, d.person) << "seated twice";
    }
    EXPECT_TRUE(p3) << "the pin was not honoured";
  }
  EXPECT_EQ(active, 1);
  EXPECT_EQ(again->built.left_out.size(), deals_circle->members.size());

  // Bounds nobody can meet: explained, and the proposals stay as they were.
  matching::CircleSettings big = settings_;
  big.min_size = 12;
  big.max_size = 15;
  auto impossible = RunCircleFormation(*store_, big, true);
  ASSERT_TRUE(impossible.ok()) << impossible.status().ToString();
  EXPECT_TRUE(impossible->result.circles.empty());
  ASSERT_FALSE(impossible->result.infeasibility.empty());
  EXPECT_EQ(store_->ListCircles().value().size(), after.size());
}

INSTANTIATE_TEST_SUITE_P(Backends, CirclesJobTest, ::testing::ValuesIn(pl::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace pl::analytics
