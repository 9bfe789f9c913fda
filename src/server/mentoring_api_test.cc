// The mentoring programme over real HTTP on both backends: opting in, admin matching and
// approval, what each person sees, meetings into the network's mentoring layer, ratings.
#include "server/api_fixture.h"

namespace pl::server {
namespace {

using MentoringApiTest = ApiTest;

TEST_P(MentoringApiTest, OptInMatchApproveMeetAndRate) {
  ASSERT_TRUE(
      AddAccount(*store_, {"sam", "sam-password-1", Role::kEmployee, "E5", HashCost::kMinimum})
          .ok());
  Session admin = Login("admin"), emil = Login("emil"), mona = Login("mona"), sam = Login("sam");
  // Bad opt-ins: a clear 400 and nothing stored.
  Send("PUT", emil, "/api/v1/mentoring/optin", {{"role", "coach"}}, 400);
  Send("PUT", emil, "/api/v1/mentoring/optin",
       {{"role", "mentee"}, {"goals", {{{"skill", "negotiation"}, {"target", 9}}}}}, 400);
  Send("PUT", emil, "/api/v1/mentoring/optin", {{"role", "mentee"}, {"goals", "negotiation"}}, 400);
  Send("PUT", emil, "/api/v1/mentoring/optin",
       {{"role", "mentee"},
        {"goals", {{{"skill", "negotiation"}, {"target", 3}}}},
        {"network", "cozy"}},
       400);
  Send("PUT", sam, "/api/v1/mentoring/optin",
       {{"role", "mentor"}, {"offers", {"negotiation"}}, {"capacity", 1}, {"network", "bridge"}},
       400);  // a mentee's preference
  Send("PUT", sam, "/api/v1/mentoring/optin",
       {{"role", "mentor"}, {"offers", {"negotiation"}}, {"capacity", 0}}, 400);
  EXPECT_TRUE(store_->ListMentoringOptIns()->empty());
  // Emil (Lisbon) wants to negotiate; Sam (New York, Sales) offers it: three shared hours.
  Send("PUT", emil, "/api/v1/mentoring/optin",
       {{"role", "mentee"},
        {"goals", {{{"skill", "negotiation"}, {"target", 3}}}},
        {"network", "familiar"}},
       200);
  Send("PUT", sam, "/api/v1/mentoring/optin",
       {{"role", "mentor"}, {"offers", {"negotiation"}}, {"capacity", 1}}, 200);
  {
    const json mine = Get(emil, "/api/v1/mentoring/me")["optins"];
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0]["network"], "familiar");
  }
  json skills = Get(emil, "/api/v1/skills")["skills"];
  EXPECT_GE(skills.size(), 5u);

  Send("POST", mona, "/api/v1/mentoring/match", json::object(), 403);
  json run = Send("POST", admin, "/api/v1/mentoring/match", json::object(), 200);
  EXPECT_EQ(run["proposed"], 1);
  json pairs = Get(admin, "/api/v1/mentoring/pairs");
  ASSERT_EQ(pairs["pairs"].size(), 1u);
  const json& pair = pairs["pairs"][0];
  EXPECT_EQ(pair["status"], "proposed");
  EXPECT_EQ(pair["mentor"]["name"], "Sam Sales");
  const std::string path = "/api/v1/mentoring/pairs/" + std::to_string(pair["id"].get<int64_t>());
  // Not shown to the pair before an admin approves it.
  EXPECT_TRUE(Get(emil, "/api/v1/mentoring/me")["as_mentee"].empty());
  Send("POST", emil, path + "/meetings", json::object(), 412);
  Send("PUT", mona, path, {{"status", "approved"}}, 403);
  Send("PUT", admin, path, {{"status", "approved"}}, 200);
  Send("PUT", admin, path, {{"status", "approved"}}, 412);
  json me = Get(emil, "/api/v1/mentoring/me");
  ASSERT_EQ(me["as_mentee"].size(), 1u);
  EXPECT_NE(me["as_mentee"][0]["explanation"].get<std::string>().find(
                "Sam Sales is at level 4 in negotiation"),
            std::string::npos);
  EXPECT_EQ(Get(sam, "/api/v1/mentoring/me")["as_mentor"].size(), 1u);

  // Meetings: one tie per day in the mentoring layer, from the mentee to the mentor.
  EXPECT_TRUE(Send("POST", emil, path + "/meetings", {{"date", "2026-10-30"}}, 201)["logged"]);
  EXPECT_FALSE(Send("POST", sam, path + "/meetings", {{"date", "2026-10-30"}}, 201)["logged"]);
  Send("POST", emil, path + "/meetings", {{"date", "2027-01-01"}}, 400);
  Send("POST", mona, path + "/meetings", json::object(), 403);
  auto ties = store_->LoadInteractions(std::nullopt).value();
  int mentoring = 0;
  for (const auto& t : ties) {
    if (t.layer == graph::Layer::kMentoring) {
      ++mentoring;
      EXPECT_EQ(t.src, ids_.at("E4"));
      EXPECT_EQ(t.dst, ids_.at("E5"));
    }
  }
  EXPECT_EQ(mentoring, 1);

  Send("PUT", mona, path + "/rating", {{"rating", 5}}, 403);
  Send("PUT", emil, path + "/rating", {{"rating", 7}}, 400);
  Send("PUT", emil, path + "/rating", {{"rating", 5}}, 200);
  EXPECT_EQ(Get(emil, "/api/v1/mentoring/me")["as_mentee"][0]["rating"], 5.0);
}

TEST_P(MentoringApiTest, AnAdminsExclusionKeepsTwoPeopleApart) {
  ASSERT_TRUE(
      AddAccount(*store_, {"sam", "sam-password-1", Role::kEmployee, "E5", HashCost::kMinimum})
          .ok());
  Session admin = Login("admin"), emil = Login("emil"), mona = Login("mona"), sam = Login("sam");
  Send("PUT", emil, "/api/v1/mentoring/optin",
       {{"role", "mentee"}, {"goals", {{{"skill", "negotiation"}, {"target", 3}}}}}, 200);
  Send("PUT", sam, "/api/v1/mentoring/optin",
       {{"role", "mentor"}, {"offers", {"negotiation"}}, {"capacity", 1}}, 200);
  const json exclusion = {
      {"a", ids_.at("E4")}, {"b", ids_.at("E5")}, {"reason", "conflict of interest"}};
  Send("POST", mona, "/api/v1/mentoring/exclusions", exclusion, 403);
  Send("POST", admin, "/api/v1/mentoring/exclusions",
       {{"a", ids_.at("E4")}, {"b", 999}, {"reason", "x"}}, 404);
  Send("POST", admin, "/api/v1/mentoring/exclusions", {{"a", ids_.at("E4")}, {"b", "E5"}}, 400);
  Send("POST", admin, "/api/v1/mentoring/exclusions", exclusion, 201);
  json run = Send("POST", admin, "/api/v1/mentoring/match", json::object(), 200);
  EXPECT_EQ(run["proposed"], 0);
  ASSERT_EQ(run["unmatched"].size(), 1u);
  EXPECT_NE(run["unmatched"][0]["reason"].get<std::string>().find("excluded by an admin"),
            std::string::npos);
  EXPECT_TRUE(store_->ListMentoringPairs()->empty());
}

TEST_P(MentoringApiTest, LearningGoalsAreThePersonsAndAdmins) {
  Session admin = Login("admin"), emil = Login("emil"), mona = Login("mona");
  const std::string path = Person("E4") + "/goals";
  EXPECT_TRUE(Get(emil, path)["goals"].empty());
  Send("PUT", emil, path, {{"goals", {{{"skill", "sql"}, {"target", 9}}}}}, 400);
  Send("PUT", emil, path, {{"goals", "sql"}}, 400);
  Send("PUT", emil, path,
       {{"goals", {{{"skill", "sql"}, {"target", 3}}, {{"skill", "sql"}, {"target", 2}}}}}, 400);
  EXPECT_TRUE(store_->LearningGoals(std::nullopt)->empty());
  json saved = Send(
      "PUT", emil, path,
      {{"goals", {{{"skill", "sql"}, {"target", 3}}, {{"skill", "presenting"}, {"target", 2}}}}},
      200);
  ASSERT_EQ(saved["goals"].size(), 2u);
  EXPECT_EQ(saved["goals"][1]["skill"], "presenting");
  // Not even the manager reads them; admins do.
  Get(mona, path, 403);
  Send("PUT", mona, path, {{"goals", json::array()}}, 403);
  EXPECT_EQ(Get(admin, path)["goals"].size(), 2u);
  Get(emil, "/api/v1/people/abc/goals", 400);
}

INSTANTIATE_TEST_SUITE_P(MentoringBackends, MentoringApiTest,
                         ::testing::ValuesIn(pl::testing::Backends()), pl::testing::BackendName());

}  // namespace
}  // namespace pl::server
