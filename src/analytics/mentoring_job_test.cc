// The mentoring programme on the store, on both backends: opt-ins become a problem with the
// roster's reporting lines and time zones, proposals replace proposals, approved pairs keep their
// places, and ratings come back as history.
#include "analytics/mentoring_job.h"

#include <gtest/gtest.h>

#include "ingest/roster.h"
#include "testing/test_backends.h"

namespace pl::analytics {
namespace {

// Ana leads Sales (Bo reports to her); Cy leads Engineering (Di and Ed report to him); Fay is
// in Support in Sydney.
constexpr const char* kRoster =
    "employee_id,name,team,manager_employee_id,timezone,skills\n"
    "E1,Ana Lima,Sales,,Europe/London,negotiation:4;presenting:3\n"
    "E2,Bo Berg,Sales,E1,Europe/London,negotiation:1\n"
    "E3,Cy Chen,Engineering,,Europe/Berlin,sql:4;presenting:4\n"
    "E4,Di Diaz,Engineering,E3,Europe/Berlin,sql:1\n"
    "E5,Ed Eze,Engineering,E3,Mars/Base,\n"
    "E6,Fay Fox,Support,,Australia/Sydney,negotiation:4;sql:4\n";

class MentoringJobTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = pl::testing::FreshStore(GetParam());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    auto r = ingest::ImportRoster(*store_, kRoster, {});
    ASSERT_TRUE(r.ok() && !r->rejected) << (r.ok() ? "rejected" : r.status().ToString());
    ids_ = *store_->PersonIdsByExternalId();
  }
  void OptIn(const char* who, const char* role, std::vector<std::pair<std::string, int>> goals,
             std::vector<std::string> offers, int capacity) {
    store::MentoringOptIn o{ids_.at(who),      role,     std::move(goals),
                            std::move(offers), capacity, *ParseTimestamp("2026-11-01T00:00:00Z")};
    ASSERT_TRUE(store_->SaveMentoringOptIn(o).ok());
  }
  std::unique_ptr<store::Store> store_;
  std::unordered_map<std::string, PersonId> ids_;
};

TEST_P(MentoringJobTest, OptInsBecomeProposalsWithinTheRules) {
  EXPECT_EQ(RunMentorMatching(*store_, {}, true).status().code(), StatusCode::kFailedPrecondition);
  OptIn("E2", "mentee", {{"negotiation", 3}}, {}, 0);
  OptIn("E4", "mentee", {{"sql", 3}}, {}, 0);
  OptIn("E5", "mentee", {{"public speaking", 2}}, {}, 0);  // a skill nobody has yet
  OptIn("E1", "mentor", {}, {"negotiation", "presenting"}, 2);
  OptIn("E3", "mentor", {}, {"sql", "presenting"}, 2);
  OptIn("E6", "mentor", {}, {"negotiation", "sql"}, 2);
  // Bad opt-ins are refused and change nothing.
  store::MentoringOptIn bad{ids_.at("E2"), "mentee", {{"negotiation", 7}}, {}, 0, {}};
  EXPECT_EQ(store_->SaveMentoringOptIn(bad).code(), StatusCode::kInvalidArgument);
  bad = {PersonId(999), "mentor", {}, {"sql"}, 1, {}};
  EXPECT_EQ(store_->SaveMentoringOptIn(bad).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListMentoringOptIns()->size(), 6u);

  matching::MatchSettings settings;
  settings.min_overlap_hours = 3;
  auto run = RunMentorMatching(*store_, settings, true);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->built.unknown_zones, std::vector<std::string>{"Mars/Base"});
  // Bo cannot have Ana (his manager), Di cannot have Cy (his manager), and Fay in Sydney shares
  // no three working hours with London or Berlin; Ed wants a skill nobody has: no proposals.
  auto pairs = store_->ListMentoringPairs().value();
  EXPECT_TRUE(pairs.empty());
  EXPECT_EQ(run->result.unmatched.size(), 3u);

  // Fay moves to London: Bo and Di can have her.
  ASSERT_TRUE(ingest::ImportRoster(*store_,
                                   "employee_id,name,team,timezone,skills\n"
                                   "E6,Fay Fox,Support,Europe/London,negotiation:4;sql:4\n",
                                   {})
                  .ok());
  run = RunMentorMatching(*store_, settings, true);
  ASSERT_TRUE(run.ok());
  pairs = store_->ListMentoringPairs().value();
  ASSERT_EQ(pairs.size(), 2u);  // the earlier proposals were replaced
  std::map<int64_t, int64_t> mentor_of;
  for (const auto& pair : pairs) mentor_of[pair.mentee.value] = pair.mentor.value;
  EXPECT_EQ(mentor_of.at(ids_.at("E2").value), ids_.at("E6").value);
  EXPECT_EQ(mentor_of.at(ids_.at("E4").value), ids_.at("E6").value);
  EXPECT_NE(pairs[0].explanation.find("Fay Fox is at level 4"), std::string::npos);

  // Approving one keeps it; rerunning proposes the rest with Fay's remaining place.
  const int64_t first = pairs[0].id;
  EXPECT_EQ(store_->RateMentoringPair(first, 4).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store_->SetMentoringPairStatus(first, "approved").ok());
  EXPECT_EQ(store_->SetMentoringPairStatus(first, "proposed").code(),
            StatusCode::kFailedPrecondition);
  run = RunMentorMatching(*store_, settings, true);
  ASSERT_TRUE(run.ok());
  pairs = store_->ListMentoringPairs().value();
  int approved = 0, proposed = 0;
  for (const auto& pair : pairs) (pair.status == "approved" ? approved : proposed) += 1;
  EXPECT_EQ(approved, 1);
  EXPECT_EQ(proposed, 1);
  // A poor rating of the ended pair keeps the two apart next time.
  ASSERT_TRUE(store_->SetMentoringPairStatus(first, "ended").ok());
  ASSERT_TRUE(store_->RateMentoringPair(first, 2).ok());
  EXPECT_EQ(store_->RateMentoringPair(first, 6).code(), StatusCode::kInvalidArgument);
  auto built = BuildMentoringProblem(*store_, settings);
  ASSERT_TRUE(built.ok());
  ASSERT_EQ(built->problem.pairings.size(), 1u);
  EXPECT_DOUBLE_EQ(built->problem.pairings[0].rating, 2);

  // Ana wants sql: Cy and Fay both fit; the one not proposed is kept as her alternative.
  OptIn("E1", "mentee", {{"sql", 3}}, {}, 0);
  ASSERT_TRUE(RunMentorMatching(*store_, settings, true).ok());
  bool found = false;
  pairs = store_->ListMentoringPairs().value();
  for (const auto& pair : pairs) {
    if (pair.mentee != ids_.at("E1") || pair.status != "proposed") continue;
    found = true;
    ASSERT_EQ(pair.alternatives.size(), 1u);
    const PersonId other = pair.mentor == ids_.at("E3") ? ids_.at("E6") : ids_.at("E3");
    EXPECT_EQ(pair.alternatives[0].first, other);
    EXPECT_NE(pair.alternatives[0].second.find("is at level 4 in sql"), std::string::npos);
  }
  EXPECT_TRUE(found);
  // An admin's exclusion of Ana and Cy holds.
  ASSERT_TRUE(store_->ExcludeMentoringPair(ids_.at("E3"), ids_.at("E1"), "same committee").ok());
  EXPECT_EQ(store_->ExcludeMentoringPair(ids_.at("E3"), ids_.at("E3"), "x").code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(RunMentorMatching(*store_, settings, true).ok());
  pairs = store_->ListMentoringPairs().value();
  for (const auto& pair : pairs) {
    if (pair.mentee == ids_.at("E1")) {
      EXPECT_NE(pair.mentor, ids_.at("E3"));
      for (const auto& [alt, why] : pair.alternatives) EXPECT_NE(alt, ids_.at("E3"));
    }
  }
}

TEST_P(MentoringJobTest, AMenteesLearningGoalsAndNetworkPreferenceCount) {
  OptIn("E4", "mentee", {{"sql", 3}}, {}, 0);
  OptIn("E3", "mentor", {}, {"sql", "presenting"}, 2);
  ASSERT_TRUE(store_
                  ->SetLearningGoals(ids_.at("E4"), {{"presenting", 2}, {"sql", 4}},
                                     *ParseTimestamp("2026-11-02T00:00:00Z"))
                  .ok());
  store::MentoringOptIn familiar{
      ids_.at("E2"), "mentee", {{"negotiation", 3}}, {}, 0, *ParseTimestamp("2026-11-01T00:00:00Z"),
      "familiar"};
  ASSERT_TRUE(store_->SaveMentoringOptIn(familiar).ok());
  familiar.network = "cozy";
  EXPECT_EQ(store_->SaveMentoringOptIn(familiar).code(), StatusCode::kInvalidArgument);
  auto built = BuildMentoringProblem(*store_, {});
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const auto& p = built->problem;
  for (const auto& m : p.mentees) {
    const std::string who = p.people[m.person].id;
    if (who == "E4") {
      // The opt-in's sql (target 3) stays; the learning goal adds presenting.
      ASSERT_EQ(m.goals.size(), 2u);
      EXPECT_EQ(p.skills.names[m.goals[0].skill], "sql");
      EXPECT_EQ(m.goals[0].target, 3);
      EXPECT_EQ(p.skills.names[m.goals[1].skill], "presenting");
      EXPECT_FALSE(m.mode.has_value());
    } else {
      EXPECT_EQ(who, "E2");
      ASSERT_TRUE(m.mode.has_value());
      EXPECT_EQ(*m.mode, matching::NetworkMode::kFamiliar);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, MentoringJobTest, ::testing::ValuesIn(pl::testing::Backends()),
                         pl::testing::BackendName());

}  // namespace
}  // namespace pl::analytics
