// Learning circles over real HTTP on both backends: challenges, voluntary sign-ups, formation,
// who sees a circle and when, the facilitator's checklist, meetings, the "what did we learn"
// summary, pins; every refusal a 4xx that changes nothing.
#include "server/api_fixture.h"

namespace pl::server {
namespace {

using CirclesApiTest = ApiTest;

TEST_P(CirclesApiTest, ChallengeSignUpFormStartMeetAndLearn) {
  for (auto [name, person] :
       {std::pair{"theo", "E3"}, {"nia", "E7"}, {"sam", "E5"}, {"cora", "E1"}}) {
    ASSERT_TRUE(AddAccount(*store_, {name, std::string(name) + "-password-1", Role::kEmployee,
                                     person, HashCost::kMinimum})
                    .ok());
  }
  Session admin = Login("admin"), emil = Login("emil"), mona = Login("mona"), theo = Login("theo"),
          nia = Login("nia"), sam = Login("sam"), cora = Login("cora");
  // Challenges: admins, and managers as their sponsors; bad ones refused.
  const json onboarding = {{"title", "Faster onboarding"},
                           {"problem", "New joiners wait weeks for access."},
                           {"skills", {"c++", "coaching"}},
                           {"sponsor", ids_.at("E1")}};
  Send("POST", emil, "/api/v1/challenges", onboarding, 403);
  // A manager posts only as the sponsor: someone else as sponsor is refused, none means them.
  Send("POST", mona, "/api/v1/challenges", onboarding, 403);
  {
    const json posted =
        Send("POST", mona, "/api/v1/challenges", {{"title", "Cleaner code reviews"}}, 201);
    EXPECT_EQ(posted["sponsor"]["name"], "Mona Manager");
    ASSERT_TRUE(store_->SetChallengeStatus(posted["id"].get<int64_t>(), "closed").ok());
  }
  Send("POST", admin, "/api/v1/challenges", {{"title", ""}}, 400);
  Send("POST", admin, "/api/v1/challenges", {{"title", "x"}, {"sponsor", 999}}, 404);
  Send("POST", admin, "/api/v1/challenges", {{"title", "x"}, {"skills", "c++"}}, 400);
  EXPECT_EQ(store_->ListChallenges()->size(), 1u);  // the manager's
  const int64_t onb = Send("POST", admin, "/api/v1/challenges", onboarding, 201)["id"];
  const int64_t inc =
      Send("POST", admin, "/api/v1/challenges", {{"title", "Calmer incidents"}}, 201)["id"];
  // Sign-ups: voluntary, ranked; refusals keep nothing.
  Send("PUT", emil, "/api/v1/circles/signup", {{"preferences", {onb, onb}}}, 400);
  Send("PUT", emil, "/api/v1/circles/signup", {{"preferences", {onb, 999}}}, 400);
  Send("PUT", emil, "/api/v1/circles/signup", {{"preferences", {onb}}, {"max_circles", 5}}, 400);
  Send("PUT", emil, "/api/v1/circles/signup", {{"preferences", "all"}}, 400);
  EXPECT_TRUE(store_->ListCircleSignups()->empty());
  Send("PUT", emil, "/api/v1/circles/signup", {{"preferences", {onb, inc}}}, 200);
  Send("PUT", theo, "/api/v1/circles/signup", {{"preferences", {onb}}, {"facilitator", true}}, 200);
  Send("PUT", nia, "/api/v1/circles/signup", {{"preferences", {onb}}}, 200);
  Send("PUT", mona, "/api/v1/circles/signup", {{"preferences", {inc, onb}}}, 200);
  json list = Get(emil, "/api/v1/challenges");
  ASSERT_EQ(list["challenges"].size(), 2u);
  EXPECT_EQ(list["challenges"][0]["volunteers"], 4);
  EXPECT_EQ(list["challenges"][0]["first_choices"], 3);
  EXPECT_EQ(list["challenges"][0]["my_rank"], 1);
  EXPECT_EQ(list["challenges"][1]["my_rank"], 2);
  EXPECT_EQ(list["signup"]["preferences"], json({onb, inc}));
  EXPECT_FALSE(list.contains("pins"));  // admins only

  // Formation: admins only; bounds nobody can meet explain themselves and store nothing.
  Send("POST", mona, "/api/v1/circles/form", json::object(), 403);
  Send("POST", admin, "/api/v1/circles/form", {{"min_size", 5}, {"max_size", 4}}, 400);
  json none = Send("POST", admin, "/api/v1/circles/form", json::object(), 200);
  EXPECT_EQ(none["proposed"], 0);
  EXPECT_FALSE(none["stored"]);
  ASSERT_FALSE(none["infeasibility"].empty());
  EXPECT_NE(none["infeasibility"][0].get<std::string>().find("needs 12"), std::string::npos);
  EXPECT_TRUE(store_->ListCircles()->empty());
  json run = Send("POST", admin, "/api/v1/circles/form",
                  {{"min_size", 2}, {"max_size", 4}, {"min_overlap_hours", 4}}, 200);
  EXPECT_EQ(run["proposed"], 1);
  EXPECT_EQ(run["seated"], 4);
  // Proposed: only admins see it.
  EXPECT_TRUE(Get(emil, "/api/v1/circles")["circles"].empty());
  json all = Get(admin, "/api/v1/circles");
  ASSERT_EQ(all["circles"].size(), 1u);
  const json circle = all["circles"][0];
  EXPECT_EQ(circle["challenge"]["id"], onb);
  EXPECT_EQ(circle["members"].size(), 4u);
  EXPECT_EQ(circle["members"][0]["name"], "Theo Lead");
  EXPECT_EQ(circle["members"][0]["role"], "facilitator");
  EXPECT_EQ(circle["score"]["first_choices"], 3);
  EXPECT_EQ(circle["score"]["facilitators"], 1);
  EXPECT_NE(circle["explanation"].get<std::string>().find("Facilitated by Theo Lead"),
            std::string::npos);
  const std::string path = "/api/v1/circles/" + std::to_string(circle["id"].get<int64_t>());
  Get(emil, path, 404);
  Send("PUT", mona, path, {{"status", "active"}}, 403);
  Send("PUT", admin, path, {{"status", "active"}}, 200);
  Send("PUT", admin, path, {{"status", "active"}}, 412);

  // Started: members and the sponsor see it; others do not.
  ASSERT_EQ(Get(emil, "/api/v1/circles")["circles"].size(), 1u);
  EXPECT_TRUE(Get(emil, "/api/v1/circles")["circles"][0]["mine"]);
  EXPECT_EQ(Get(cora, "/api/v1/circles")["circles"].size(), 1u);
  EXPECT_TRUE(Get(sam, "/api/v1/circles")["circles"].empty());
  Get(sam, path, 404);
  json page = Get(emil, path);
  EXPECT_EQ(page["checklist"].size(), 7u);
  EXPECT_EQ(page["next_meeting"]["due"], "2026-11-08");
  EXPECT_TRUE(page["can_log"]);
  EXPECT_FALSE(page["can_edit"]);
  EXPECT_TRUE(Get(theo, path)["can_edit"]);

  // The facilitator's checklist, cadence and summary.
  Send("PUT", emil, path + "/life", {{"checklist", {"question"}}}, 403);
  Send("PUT", theo, path + "/life", {{"checklist", {"question", "bogus"}}}, 400);
  Send("PUT", theo, path + "/life", {{"cadence_days", 0}}, 400);
  Send("PUT", theo, path + "/life", {{"summary", "bell \a"}}, 400);
  Send("PUT", theo, path + "/life",
       {{"checklist", {"question", "ground-rules", "question"}},
        {"cadence_days", 14},
        {"summary", "Buddies work."}},
       200);
  // Meetings: members log them; dates before the start or in the future are refused.
  Send("POST", emil, path + "/meetings", {{"date", "2026-10-30"}, {"notes", "x"}}, 400);
  Send("POST", emil, path + "/meetings", {{"date", "2026-11-02"}, {"notes", "x"}}, 400);
  Send("POST", emil, path + "/meetings", {{"date", "2026-11-01"}}, 400);  // nothing to log
  Send("POST", emil, path + "/meetings",
       {{"notes", "x"},
        {"takeaways", json::array({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"})}},
       400);
  Send("POST", sam, path + "/meetings", {{"notes", "x"}}, 404);
  EXPECT_TRUE(store_->ListCircleMeetings(circle["id"].get<int64_t>())->empty());
  Send("POST", emil, path + "/meetings",
       {{"date", "2026-11-01"},
        {"notes", "Mapped the first week."},
        {"takeaways", {"Docs first", "A buddy for week one"}}},
       201);
  clock_.Advance(std::chrono::days(19));  // 2026-11-20: the sessions have expired
  emil = Login("emil");
  sam = Login("sam");
  admin = Login("admin");
  page = Get(emil, path);
  EXPECT_EQ(page["cadence_days"], 14);
  EXPECT_EQ(page["next_meeting"]["due"], "2026-11-15");
  EXPECT_EQ(page["next_meeting"]["overdue_days"], 5);
  ASSERT_EQ(page["meetings"].size(), 1u);
  EXPECT_EQ(page["meetings"][0]["logged_by"]["name"], "Emil Employee");
  int done = 0;
  for (const auto& item : page["checklist"]) done += item["done"].get<bool>();
  EXPECT_EQ(done, 2);
  // What we learned: a lesson-ready summary that names nobody.
  auto md = Client().Get(path + "/learned.md", {{"Cookie", emil.cookie}});
  ASSERT_TRUE(md);
  EXPECT_EQ(md->status, 200);
  EXPECT_EQ(md->get_header_value("Content-Type"), "text/markdown; charset=utf-8");
  EXPECT_NE(md->body.find("# What we learned: Faster onboarding"), std::string::npos);
  EXPECT_NE(md->body.find("## Summary\n\nBuddies work."), std::string::npos);
  EXPECT_NE(md->body.find("- A buddy for week one (2026-11-01)"), std::string::npos);
  EXPECT_EQ(md->body.find("Emil"), std::string::npos);
  EXPECT_EQ(md->body.find("Theo"), std::string::npos);
  EXPECT_EQ(Client().Get(path + "/learned.md", {{"Cookie", sam.cookie}})->status, 404);
  // Closed: no more meetings.
  Send("PUT", admin, path, {{"status", "closed"}}, 200);
  Send("POST", emil, path + "/meetings", {{"notes", "late"}}, 412);
}

TEST_P(CirclesApiTest, AdminsPinPeopleAndCloseChallenges) {
  Session admin = Login("admin"), emil = Login("emil");
  const int64_t c = Send("POST", admin, "/api/v1/challenges", {{"title", "Pricing"}}, 201)["id"];
  Send("POST", emil, "/api/v1/circles/pins", {{"person", ids_.at("E5")}, {"challenge", c}}, 403);
  Send("POST", admin, "/api/v1/circles/pins", {{"person", 999}, {"challenge", c}}, 404);
  Send("POST", admin, "/api/v1/circles/pins", {{"person", ids_.at("E5")}, {"challenge", 999}}, 404);
  Send("POST", admin, "/api/v1/circles/pins", {{"person", "E5"}, {"challenge", c}}, 400);
  Send("POST", admin, "/api/v1/circles/pins", {{"person", ids_.at("E5")}, {"challenge", c}}, 200);
  json list = Get(admin, "/api/v1/challenges");
  ASSERT_EQ(list["pins"].size(), 1u);
  EXPECT_EQ(list["pins"][0]["name"], "Sam Sales");
  EXPECT_EQ(list["pins"][0]["challenge"], c);
  // A closed challenge takes no sign-ups and is not listed for employees.
  Send("PUT", emil, "/api/v1/challenges/" + std::to_string(c), {{"status", "closed"}}, 403);
  Send("PUT", admin, "/api/v1/challenges/" + std::to_string(c), {{"status", "gone"}}, 400);
  Send("PUT", admin, "/api/v1/challenges/" + std::to_string(c), {{"status", "closed"}}, 200);
  Send("PUT", emil, "/api/v1/circles/signup", {{"preferences", {c}}}, 400);
  EXPECT_TRUE(Get(emil, "/api/v1/challenges")["challenges"].empty());
  EXPECT_EQ(Get(admin, "/api/v1/challenges")["challenges"].size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(CirclesBackends, CirclesApiTest,
                         ::testing::ValuesIn(pl::testing::Backends()), pl::testing::BackendName());

}  // namespace
}  // namespace pl::server
