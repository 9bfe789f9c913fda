// Surveys over real HTTP on both backends: creating waves, answering (drafts, submission,
// anonymous editing by receipt, nominations), bad input, and each role's view of the results.
#include "server/api_fixture.h"

namespace pl::server {
namespace {

class SurveyApiTest : public ApiTest {
 protected:
  int64_t NewWave(const Session& admin, const std::string& instrument, json population = nullptr) {
    json body = {{"instrument", instrument},
                 {"title", "Autumn " + instrument},
                 {"opens_at", "2026-10-25"},
                 {"closes_at", "2026-11-15"}};
    if (!population.is_null()) body["population"] = population;
    json w = Send("POST", admin, "/api/v1/surveys/waves", body, 201);
    return w.value("id", int64_t{0});
  }
  std::string Wave(int64_t id, const std::string& rest = "") {
    return "/api/v1/surveys/waves/" + std::to_string(id) + rest;
  }
  // Signs in `user` (an account for employee `ext`, made on first use) and submits.
  Session As(const std::string& user, const char* ext) {
    if (!accounts_.count(user)) {
      auto id = AddAccount(*store_,
                           {user, user + "-password-1", Role::kEmployee, ext, HashCost::kMinimum});
      EXPECT_TRUE(id.ok()) << id.status().ToString();
      accounts_.insert(user);
    }
    return Login(user);
  }
  // Adds Sales people S0.. reporting to E5 (Sales has E5 and these).
  void AddSales(int n) {
    std::string more = "employee_id,name,manager_employee_id,team\n";
    for (int i = 0; i < n; ++i)
      more += "S" + std::to_string(i) + ",Sale " + std::to_string(i) + ",E5,Sales\n";
    auto added = ingest::ImportRoster(*store_, more, {});
    ASSERT_TRUE(added.ok() && !added->rejected);
  }
  std::set<std::string> accounts_;
};

TEST_P(SurveyApiTest, AnsweringDraftsSubmissionAndAnonymousEditing) {
  Session admin = Login("admin"), emil = Login("emil");
  const int64_t w = NewWave(admin, "psych-safety", json::array({"Eng"}));
  ASSERT_GT(w, 0);
  // Emil (Eng/Platform) is invited; the admin's person (People/L&D) is not.
  json mine = Get(emil, "/api/v1/surveys/waves")["mine"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["my_status"], "not started");
  EXPECT_EQ(mine[0]["state"], "open");
  Get(admin, Wave(w), 403);
  json form = Get(emil, Wave(w));
  EXPECT_EQ(form["definition"]["items"].size(), 7u);
  EXPECT_EQ(form["instrument"]["anonymity"], "anonymous");

  // A draft is kept and comes back.
  Send("PUT", emil, Wave(w, "/response"), {{"answers", {{"ps1", 2}, {"ps4", nullptr}}}}, 200);
  form = Get(emil, Wave(w));
  EXPECT_EQ(form["answers"]["ps1"], 2);
  EXPECT_TRUE(form["draft"].get<bool>());
  EXPECT_EQ(Get(emil, "/api/v1/surveys/waves")["mine"][0]["my_status"], "in progress");

  // Bad input: a clear 4xx, nothing stored.
  struct Case {
    json body;
    int status;
    const char* words;
  } cases[] = {
      {{{"answers", {{"ps1", 9}}}, {"submit", true}}, 400, "a whole number from 1 to 7"},
      {{{"answers", {{"ps1", "3"}}}}, 400, "a whole number from 1 to 7"},
      {{{"answers", {{"nope", 3}}}}, 400, "\"nope\" is not an item of psych-safety"},
      {{{"answers", json::array()}}, 400, "expected an object"},
      {{{"answer", {{"ps1", 3}}}}, 400, "unknown field \"answer\""},
      {{{"answers", json::object()}, {"submit", true}}, 400, "answer at least one question"},
      {{{"nominations", {{"stuck", {1}}}}}, 400, "this survey asks for none"},
  };
  for (const Case& c : cases) {
    json e = Send("PUT", emil, Wave(w, "/response"), c.body, c.status);
    EXPECT_NE(e["error"]["message"].get<std::string>().find(c.words), std::string::npos)
        << c.body.dump() << " -> " << e.dump();
  }
  auto junk =
      Client().Put(Wave(w, "/response"), {{"Cookie", emil.cookie}, {"X-CSRF-Token", emil.csrf}},
                   "{\"answers\": ", "application/json");
  EXPECT_EQ(junk->status, 400);
  EXPECT_TRUE(store_->LoadSurveyResponses(w)->empty());

  json ok =
      Send("PUT", emil, Wave(w, "/response"),
           {{"answers",
             {{"ps1", 2}, {"ps2", 6}, {"ps3", 1}, {"ps4", 6}, {"ps5", 2}, {"ps6", 6}, {"ps7", 7}}},
            {"submit", true}},
           200);
  ASSERT_TRUE(ok["submitted"].get<bool>());
  const std::string receipt = ok["receipt"];
  EXPECT_EQ(receipt.size(), 32u);
  EXPECT_EQ(Get(emil, "/api/v1/surveys/waves")["mine"][0]["my_status"], "submitted");
  auto stored = store_->LoadSurveyResponses(w).value();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_FALSE(stored[0].respondent.has_value());
  // Changing anonymous answers needs the receipt.
  json again =
      Send("PUT", emil, Wave(w, "/response"), {{"answers", {{"ps1", 7}}}, {"submit", true}}, 412);
  EXPECT_NE(again["error"]["message"].get<std::string>().find("receipt"), std::string::npos);
  Send("PUT", emil, Wave(w, "/response"),
       {{"answers", {{"ps1", 7}}}, {"submit", true}, {"receipt", receipt}}, 200);
  stored = store_->LoadSurveyResponses(w).value();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_DOUBLE_EQ(stored[0].answers[0], 7);
  EXPECT_TRUE(std::isnan(stored[0].answers[1]));  // the new submission replaced the old one

  // Closed: no more answers.
  clock_.Advance(std::chrono::hours(24 * 30));
  emil = Login("emil");
  json closed = Send("PUT", emil, Wave(w, "/response"), {{"answers", {{"ps1", 3}}}}, 412);
  EXPECT_EQ(closed["error"]["message"], "this survey has closed");
}

TEST_P(SurveyApiTest, NominationsFeedTheNetworkAndRejectSelfAndStrangers) {
  Session admin = Login("admin"), emil = Login("emil");
  const int64_t w = NewWave(admin, "peer-nominations");
  const std::string self = std::to_string(ids_["E4"]);
  json bad = Send("PUT", emil, Wave(w, "/response"),
                  {{"nominations", {{"stuck", {ids_["E4"]}}}}, {"submit", true}}, 400);
  EXPECT_NE(bad["error"]["message"].get<std::string>().find("cannot nominate yourself"),
            std::string::npos);
  bad = Send("PUT", emil, Wave(w, "/response"),
             {{"nominations", {{"stuck", {999999}}}}, {"submit", true}}, 400);
  EXPECT_NE(bad["error"]["message"].get<std::string>().find("no active person 999999"),
            std::string::npos);
  bad =
      Send("PUT", emil, Wave(w, "/response"),
           {{"nominations",
             {{"stuck", {ids_["E1"], ids_["E2"], ids_["E3"], ids_["E5"], ids_["E6"], ids_["E7"]}}}},
            {"submit", true}},
           400);
  EXPECT_NE(bad["error"]["message"].get<std::string>().find("at most 5 people"), std::string::npos);
  EXPECT_TRUE(store_->LoadInteractions(std::nullopt)->empty());
  Send("PUT", emil, Wave(w, "/response"),
       {{"nominations", {{"stuck", {ids_["E3"], ids_["E2"]}}, {"helped", {ids_["E3"]}}}},
        {"submit", true}},
       200);
  auto xs = store_->LoadInteractions(std::nullopt).value();
  ASSERT_EQ(xs.size(), 3u);
  for (const auto& x : xs) {
    EXPECT_EQ(x.layer, graph::Layer::kNomination);
    EXPECT_EQ(x.src, ids_["E4"]);
  }
}

TEST_P(SurveyApiTest, EachRoleSeesOnlyWhatTheThresholdAllows) {
  // Eight more people: Eng/Platform grows to 9 (E2, E3, E4, E7 + 5), Sales to 5 (E5 + 4); the
  // admin's team People/L&D stays at 1.
  std::string more = "employee_id,name,manager_employee_id,team\n";
  for (int i = 0; i < 5; ++i)
    more += "P" + std::to_string(i) + ",Plat " + std::to_string(i) + ",E2,Eng/Platform\n";
  for (int i = 0; i < 4; ++i)
    more += "S" + std::to_string(i) + ",Sale " + std::to_string(i) + ",E5,Sales\n";
  auto added = ingest::ImportRoster(*store_, more, {});
  ASSERT_TRUE(added.ok() && !added->rejected);
  Session admin = Login("admin");
  const int64_t w = NewWave(admin, "learning-pulse");
  json all = {{"safe_to_ask", 4}, {"peer_learning", 4}};
  int n = 0;
  for (const char* ext :
       {"E2", "E3", "E4", "E7", "P0", "P1", "P2", "P3", "P4", "E5", "S0", "S1", "S2", "E6"}) {
    Session s = As("u" + std::to_string(n++), ext);
    Send("PUT", s, Wave(w, "/response"), {{"answers", all}, {"submit", true}}, 200);
  }
  // Sales has 5 respondents, but org (14) - Eng/Platform (9) - Sales (5) = 0, and Exec has none:
  // People/L&D (1) is below k, so showing People would... People has one member: too small.
  json r = Get(admin, Wave(w, "/results"));
  std::map<std::string, std::string> status;
  for (const auto& g : r["groups"]) status[g["group"]] = g["status"];
  EXPECT_EQ(status[""], "shown");
  EXPECT_EQ(status["Eng/Platform"], "shown");
  EXPECT_EQ(status["People/L&D"], "suppressed: fewer than k respondents");
  // Eng (9) = Eng/Platform (9): the same people, the same fate; Sales (5 of them, no team below).
  EXPECT_EQ(status["Eng"], "shown");
  EXPECT_EQ(r["respondents"], 14);
  EXPECT_TRUE(r.contains("reliability"));

  // The manager (E2) sees the org and their own team; the employee the org only.
  json m = Get(Login("mona"), Wave(w, "/results"));
  std::set<std::string> seen;
  for (const auto& g : m["groups"]) seen.insert(g["group"]);
  EXPECT_EQ(seen, (std::set<std::string>{"", "Eng/Platform"}));
  EXPECT_FALSE(m.contains("reliability"));
  json e = Get(Login("emil"), Wave(w, "/results"));
  ASSERT_EQ(e["groups"].size(), 1u);
  EXPECT_EQ(e["groups"][0]["group"], "");
  Get(Login("emil"), Wave(w, "/rate"), 403);
  json rate = Get(admin, Wave(w, "/rate"));
  for (const auto& g : rate["groups"]) {
    if (g["group"] == "People/L&D") {
      EXPECT_EQ(g["status"], "fewer than k responses so far");
    }
    if (g["group"] == "Eng/Platform") {
      EXPECT_EQ(g["completed"], 9);
    }
  }
  auto csv = Client().Get(Wave(w, "/results.csv"), {{"Cookie", admin.cookie}});
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv->body.find("\"People/L&D\",suppressed"), std::string::npos) << csv->body;
  Get(Login("mona"), Wave(w, "/results.csv"), 403);
}

TEST_P(SurveyApiTest, AManagerOfAFourPersonTeamSeesNothingOfIt) {
  // Mona's Eng/Platform has four people (E2, E3, E4, E7); everyone answers.
  AddSales(6);
  Session admin = Login("admin");
  const int64_t w = NewWave(admin, "learning-pulse");
  int n = 0;
  for (const char* ext :
       {"E2", "E3", "E4", "E7", "E5", "S0", "S1", "S2", "S3", "S4", "S5", "E1", "E6"}) {
    Session s = As("v" + std::to_string(n++), ext);
    Send("PUT", s, Wave(w, "/response"),
         {{"answers",
           {{"safe_to_ask", ext[0] == 'E' && ext[1] < '5' ? 1 : 5}, {"peer_learning", 3}}},
          {"submit", true}},
         200);
  }
  json m = Get(Login("mona"), Wave(w, "/results"));
  for (const auto& g : m["groups"]) {
    if (g["group"] == "Eng/Platform") {
      EXPECT_EQ(g["status"], "suppressed");
      EXPECT_FALSE(g.contains("subscales"));
    }
  }
  // Nor by subtraction: Eng equals Eng/Platform, and org - Sales - Exec - People would be it.
  json a = Get(admin, Wave(w, "/results"));
  std::map<std::string, json> g;
  for (const auto& x : a["groups"]) g[x["group"]] = x;
  EXPECT_NE(g["Eng"]["status"], "shown");
  EXPECT_NE(g["Eng/Platform"]["status"], "shown");
  EXPECT_NE(g["Exec"]["status"], "shown");
  EXPECT_NE(g["People/L&D"]["status"], "shown");
  // What stays is safe: the org (13) minus Sales (7) is 6 people, not four.
  EXPECT_EQ(g[""]["status"], "shown");
  EXPECT_EQ(g["Sales"]["status"], "shown");
}

TEST_P(SurveyApiTest, FreeTextOnlyForShownGroupsInShuffledOrderAndWithinItsLimit) {
  // Eng/Platform has four people (E2, E3, E4, E7), Sales seven (E5 + six).
  AddSales(6);
  Session admin = Login("admin");
  const int64_t w = NewWave(admin, "learning-pulse");
  // Over-long, control characters, an unknown question, not text: 400 and nothing kept.
  Session first = As("t-first", "E5");
  struct Case {
    json comments;
    const char* words;
  } cases[] = {
      {{{"blocker", std::string(1001, 'x')}}, "1001 characters, at most 1000"},
      {{{"blocker", "bell \a"}}, "control characters"},
      {{{"why", "x"}}, "\"why\" is not a free-text question"},
      {{{"blocker", 5}}, "expected text"},
  };
  for (const Case& c : cases) {
    json e = Send("PUT", first, Wave(w, "/response"),
                  {{"answers", {{"safe_to_ask", 3}, {"peer_learning", 3}}},
                   {"comments", c.comments},
                   {"submit", true}},
                  400);
    EXPECT_NE(e["error"]["message"].get<std::string>().find(c.words), std::string::npos)
        << e.dump();
  }
  EXPECT_TRUE(store_->LoadSurveyResponses(w)->empty());
  EXPECT_TRUE(store_->SurveyCompletions(w)->empty());
  // 1000 characters of two-byte UTF-8 are within the limit: it counts characters, not bytes.
  std::string umlauts;
  for (int i = 0; i < 1000; ++i) umlauts += "\xc3\xbc";
  Send("PUT", first, Wave(w, "/response"),
       {{"answers", {{"safe_to_ask", 3}}}, {"comments", {{"blocker", umlauts}}}}, 200);
  EXPECT_EQ(Get(first, Wave(w))["comments"]["blocker"], umlauts);  // the draft keeps it

  int n = 0;
  std::set<std::string> sales, platform;
  std::set<std::string> others;  // E1 (Exec) and E6 (People/L&D)
  const std::set<std::string> in_platform = {"E2", "E3", "E4", "E7"};
  for (const char* ext :
       {"E2", "E3", "E4", "E7", "E5", "S0", "S1", "S2", "S3", "S4", "S5", "E1", "E6"}) {
    const std::string text = std::string(ext) + " says: \"meetings\"\nall day";
    const std::string e = ext;
    (in_platform.count(e) ? platform : e == "E1" || e == "E6" ? others : sales).insert(text);
    Session s = std::string(ext) == "E5" ? first : As("t" + std::to_string(n++), ext);
    Send("PUT", s, Wave(w, "/response"),
         {{"answers", {{"safe_to_ask", 4}, {"peer_learning", 2}}},
          {"comments", {{"blocker", text}}},
          {"submit", true}},
         200);
  }
  json a = Get(admin, Wave(w, "/results"));
  std::map<std::string, json> g;
  for (const auto& x : a["groups"]) g[x["group"]] = x;
  ASSERT_EQ(g[""]["status"], "shown");
  std::set<std::string> everyone = sales;
  everyone.insert(platform.begin(), platform.end());
  everyone.insert(others.begin(), others.end());
  auto texts = [](const json& group) {
    std::vector<std::string> out;
    if (!group.contains("comments")) return out;
    for (const auto& t : group.at("comments").at("blocker")) out.push_back(t);
    return out;
  };
  auto org = texts(g[""]);
  EXPECT_EQ(std::set<std::string>(org.begin(), org.end()), everyone);
  auto in_sales = texts(g["Sales"]);
  EXPECT_EQ(std::set<std::string>(in_sales.begin(), in_sales.end()), sales) << a.dump();
  // The four-person team's words never appear under its own name.
  EXPECT_NE(g["Eng/Platform"]["status"], "shown");
  EXPECT_FALSE(g["Eng/Platform"].contains("comments"));
  // The order is drawn afresh: thirteen comments in the same order ten times running would be a
  // fixed order (chance 1 in 13!^9).
  std::set<std::vector<std::string>> orders;
  for (int i = 0; i < 10; ++i) orders.insert(texts(Get(admin, Wave(w, "/results"))["groups"][0]));
  EXPECT_GT(orders.size(), 1u);
  // A manager sees no suppressed group's comments either.
  json m = Get(Login("mona"), Wave(w, "/results"));
  for (const auto& x : m["groups"]) {
    if (x["group"] == "Eng/Platform") {
      EXPECT_FALSE(x.contains("comments"));
    }
  }
}

TEST_P(SurveyApiTest, ResponseRatesCannotBeSubtractedIntoASmallGroup) {
  // Eng/Platform's four and Sales' seven answer: the organisation's count minus Sales' would be
  // Eng/Platform's four, so not both counts are shown.
  AddSales(6);
  Session admin = Login("admin");
  const int64_t w = NewWave(admin, "learning-pulse");
  int n = 0;
  for (const char* ext : {"E2", "E3", "E4", "E7", "E5", "S0", "S1", "S2", "S3", "S4", "S5"}) {
    Session s = As("r" + std::to_string(n++), ext);
    Send("PUT", s, Wave(w, "/response"),
         {{"answers", {{"safe_to_ask", 4}, {"peer_learning", 4}}}, {"submit", true}}, 200);
  }
  std::map<std::string, json> g;
  const json rate = Get(admin, Wave(w, "/rate"));
  for (const auto& x : rate["groups"]) g[x["group"]] = x;
  ASSERT_TRUE(g.count("") && g.count("Sales") && g.count("Eng/Platform")) << rate.dump();
  EXPECT_FALSE(g["Eng/Platform"].contains("completed"));
  EXPECT_FALSE(g[""].contains("completed") && g["Sales"].contains("completed"))
      << g[""].dump() << " " << g["Sales"].dump();
  int hidden_by_subtraction = 0;
  for (const auto& [name, x] : g) {
    hidden_by_subtraction +=
        x.value("status", "") == "not shown: it would reveal a smaller group's count";
  }
  EXPECT_GE(hidden_by_subtraction, 1);
}

TEST_P(SurveyApiTest, SchedulesAreForAdminsAndValidated) {
  Session admin = Login("admin"), mona = Login("mona");
  json good = {{"instrument", "learning-pulse"},
               {"title", "Pulse"},
               {"first_opens_at", "2026-11-02"},
               {"every_days", 42},
               {"open_days", 14},
               {"population", {"Eng"}},
               {"reminders", {5, 1}}};
  Send("POST", mona, "/api/v1/surveys/schedules", good, 403);
  struct Case {
    const char* field;
    json value;
    const char* words;
  } cases[] = {
      {"open_days", 50, "open_days: 1 to every_days (42)"},
      {"every_days", "six weeks", "every_days: expected a whole number"},
      {"population", {"Nowhere"}, "no team 'Nowhere'"},
      {"reminders", {0}, "reminders: days before closing, 1 to 60"},
      {"first_opens_at", "soon", "first_opens_at: 'soon' is not a date"},
      {"k", 2, "cannot be below 3"},
      {"instrument", "nps", "neither a built-in key nor a stored instrument id"},
  };
  for (const Case& c : cases) {
    json body = good;
    body[c.field] = c.value;
    json e = Send("POST", admin, "/api/v1/surveys/schedules", body, 400);
    EXPECT_NE(e["error"]["message"].get<std::string>().find(c.words), std::string::npos)
        << c.field << " -> " << e.dump();
  }
  EXPECT_TRUE(store_->ListSchedules()->empty());
  json made = Send("POST", admin, "/api/v1/surveys/schedules", good, 201);
  EXPECT_EQ(made["reminders"], json({5, 1}));
  // The clock says 2026-11-01: the first opening is tomorrow, so nothing opens yet.
  EXPECT_EQ(made["waves_opened"], 0);
  EXPECT_EQ(made["next_opens_at"], "2026-11-02T00:00:00Z");
  // One that was due this morning opens its first wave at once.
  json now = good;
  now["title"] = "Today";
  now["first_opens_at"] = "2026-11-01";
  json today = Send("POST", admin, "/api/v1/surveys/schedules", now, 201);
  EXPECT_EQ(today["waves_opened"], 1);
  EXPECT_EQ(today["next_opens_at"], "2026-12-13T00:00:00Z");
  json waves = Get(admin, "/api/v1/surveys/waves")["waves"];
  ASSERT_EQ(waves.size(), 1u);
  EXPECT_EQ(waves[0]["title"], "Today, 2026-11-01");
  EXPECT_EQ(waves[0]["reminders"], json({5, 1}));
  json list = Get(admin, "/api/v1/surveys/schedules");
  ASSERT_EQ(list["schedules"].size(), 2u);
  EXPECT_EQ(list["schedules"][0]["instrument"]["key"], "learning-pulse");
  const std::string path = "/api/v1/surveys/schedules/" + std::to_string(made["id"].get<int64_t>());
  Send("PUT", admin, path, {{"active", "no"}}, 400);
  Send("PUT", admin, path, {{"active", false}}, 200);
  EXPECT_FALSE(store_->ListSchedules()->at(0).active);
  Send("PUT", admin, "/api/v1/surveys/schedules/99", {{"active", false}}, 404);
  // The admin's response-rate view counts the wave's messages.
  const int64_t w = NewWave(admin, "learning-pulse");
  json rate = Get(admin, Wave(w, "/rate"));
  EXPECT_EQ(rate["messages"]["sent"], 0);
  EXPECT_FALSE(Get(mona, Wave(w, "/rate")).contains("messages"));
}

INSTANTIATE_TEST_SUITE_P(Backends, SurveyApiTest, ::testing::ValuesIn(pl::testing::Backends()),
                         pl::testing::BackendName());

}  // namespace
}  // namespace pl::server
