#include "network/truth.h"

#include <gtest/gtest.h>

#include <cmath>

namespace pl::network {
namespace {

// A snapshot naming people 1-4 and teams A (6 members), B (3: under the reporting floor of 5)
// and C (8).
Snapshot Sample() {
  Snapshot s;
  s.params = {{"min_team_size", 5}};
  s.findings = nlohmann::json::parse(R"({
    "champions": [{"person": 1, "reasons": []}, {"person": 2, "reasons": []}],
    "brokers": [{"person": 2, "betweenness": 9}],
    "newcomers": [{"person": 3, "isolated": true}, {"person": 4, "isolated": false}],
    "silos": [{"team": "A", "ei_index": -1}]
  })");
  s.teams = {{.team = "A", .members = 6}, {.team = "B", .members = 3}, {.team = "C", .members = 8}};
  return s;
}

const std::unordered_map<int64_t, std::string> kEmployees = {
    {1, "E1"}, {2, "E2"}, {3, "E3"}, {4, "E4"}, {5, "E5"}};

// Each list the truth has is scored, in a fixed order, with what was found and missed; a planted
// silo team below the reporting floor is counted apart, not as missed; a list the truth lacks
// (brokers here) is not scored.
TEST(TruthTest, ScoresEachListTheTruthHas) {
  auto truth = ParseKnownTruth(R"({"generator": "peerlearn demo", "seed": 42,
      "isolated_newcomers": ["E3", "E4"], "silo_teams": ["C", "B", "A"],
      "hidden_champions": ["E1", "E5"]})");
  ASSERT_TRUE(truth.ok()) << truth.status().message();
  auto scores = ScoreFindings(Sample(), *truth, kEmployees);
  ASSERT_TRUE(scores.ok()) << scores.status().message();
  ASSERT_EQ(scores->size(), 3u);
  const FindingScore& ch = (*scores)[0];
  EXPECT_EQ(ch.finding, "hidden champions");
  EXPECT_EQ(ch.found, 2);
  EXPECT_EQ(ch.known, 2);
  EXPECT_EQ(ch.hits, 1);
  EXPECT_DOUBLE_EQ(ch.precision, 0.5);
  EXPECT_DOUBLE_EQ(ch.recall, 0.5);
  EXPECT_EQ(ch.missed, std::vector<std::string>{"E5"});
  EXPECT_EQ(ch.unexpected, std::vector<std::string>{"E2"});
  const FindingScore& si = (*scores)[1];
  EXPECT_EQ(si.finding, "silo teams");
  EXPECT_EQ(si.found, 1);
  EXPECT_EQ(si.known, 2);
  EXPECT_EQ(si.unreportable, 1);
  EXPECT_DOUBLE_EQ(si.precision, 1.0);
  EXPECT_DOUBLE_EQ(si.recall, 0.5);
  EXPECT_EQ(si.missed, std::vector<std::string>{"C"});
  const FindingScore& nw = (*scores)[2];
  EXPECT_EQ(nw.finding, "isolated newcomers");
  EXPECT_EQ(nw.found, 1);  // person 4 is a newcomer, not an isolated one
  EXPECT_DOUBLE_EQ(nw.precision, 1.0);
  EXPECT_DOUBLE_EQ(nw.recall, 0.5);
  EXPECT_EQ(nw.missed, std::vector<std::string>{"E4"});

  const nlohmann::json j = FindingScoresJson(*scores);
  EXPECT_EQ(j[1]["unreportable"], 1);
  EXPECT_EQ(j[0]["missed"], nlohmann::json::array({"E5"}));
  EXPECT_DOUBLE_EQ(j[2]["recall"].get<double>(), 0.5);
}

// Brokers found beyond the truth who are among its hidden champions are counted: person 2 is a
// broker the truth does not list as one, and a champion it does; person 5 a broker it lists.
// Without hidden champions in the truth, nothing is counted.
TEST(TruthTest, BrokersBeyondTheTruthWhoAreItsChampions) {
  Snapshot s = Sample();
  s.findings["brokers"].push_back({{"person", 3}, {"betweenness", 1}});
  auto truth = ParseKnownTruth(R"({"brokers": ["E5"], "hidden_champions": ["E2"]})");
  ASSERT_TRUE(truth.ok()) << truth.status().message();
  auto scores = ScoreFindings(s, *truth, kEmployees);
  ASSERT_TRUE(scores.ok()) << scores.status().message();
  ASSERT_EQ(scores->size(), 2u);
  const FindingScore& br = (*scores)[1];
  EXPECT_EQ(br.finding, "brokers");
  EXPECT_EQ(br.unexpected, (std::vector<std::string>{"E2", "E3"}));
  EXPECT_EQ(br.unexpected_champions, 1);
  const nlohmann::json j = FindingScoresJson(*scores);
  EXPECT_EQ(j[1]["unexpected_champions"], 1);
  EXPECT_FALSE(j[0].contains("unexpected_champions"));
  EXPECT_FALSE(j[1].contains("unexpected_recognised"));  // the truth lists no recognised helper
  // Person 3 listed as a recognised helper: counted apart from the champions.
  auto with = ParseKnownTruth(
      R"({"brokers": ["E5"], "hidden_champions": ["E2"], "recognised_helpers": ["E3", "E4"]})");
  ASSERT_TRUE(with.ok()) << with.status().message();
  auto both = ScoreFindings(s, *with, kEmployees);
  ASSERT_TRUE(both.ok()) << both.status().message();
  EXPECT_EQ((*both)[1].unexpected_champions, 1);
  EXPECT_EQ((*both)[1].unexpected_recognised, 1);
  EXPECT_EQ(FindingScoresJson(*both)[1]["unexpected_recognised"], 1);
  auto alone = ParseKnownTruth(R"({"brokers": ["E5"]})");
  ASSERT_TRUE(alone.ok());
  auto without = ScoreFindings(s, *alone, kEmployees);
  ASSERT_TRUE(without.ok());
  EXPECT_EQ((*without)[0].unexpected_champions, 0);
  EXPECT_EQ((*without)[0].unexpected_recognised, 0);
}

// Recognised helpers are scored with the hidden champions: how many the truth lists, and which of
// them the snapshot reports as hidden (person 2 here, found as a champion). Without them in the
// truth, the score says nothing of them.
TEST(TruthTest, RecognisedHelpersReportedAsHiddenAreNamed) {
  auto truth =
      ParseKnownTruth(R"({"hidden_champions": ["E1"], "recognised_helpers": ["E2", "E5", "E4"]})");
  ASSERT_TRUE(truth.ok()) << truth.status().message();
  auto scores = ScoreFindings(Sample(), *truth, kEmployees);
  ASSERT_TRUE(scores.ok()) << scores.status().message();
  const FindingScore& ch = (*scores)[0];
  EXPECT_EQ(ch.recognised, 3);
  EXPECT_EQ(ch.recognised_reported, std::vector<std::string>{"E2"});
  EXPECT_DOUBLE_EQ(ch.precision, 0.5);
  const nlohmann::json j = FindingScoresJson(*scores);
  EXPECT_EQ(j[0]["recognised_helpers"], 3);
  EXPECT_EQ(j[0]["recognised_reported"], nlohmann::json::array({"E2"}));
  auto plain = ParseKnownTruth(R"({"hidden_champions": ["E1"]})");
  ASSERT_TRUE(plain.ok());
  auto without = ScoreFindings(Sample(), *plain, kEmployees);
  ASSERT_TRUE(without.ok());
  EXPECT_EQ((*without)[0].recognised, 0);
  EXPECT_FALSE(FindingScoresJson(*without)[0].contains("recognised_helpers"));
}

// Newcomers are hired within a window before the day a snapshot is analysed for: where the truth
// holds for another day (the demo's "today", analysed again later), the isolated newcomers' score
// says so, with the window the snapshot used; on the same day, or without a day on either side,
// nothing is said.
TEST(TruthTest, ATruthForAnotherDaySaysSoOfTheNewcomers) {
  Snapshot s = Sample();
  s.params["today"] = "2026-12-06";
  s.params["newcomer_days"] = 90;
  auto later = ParseKnownTruth(R"({"isolated_newcomers": ["E3"], "today": "2026-12-05"})");
  ASSERT_TRUE(later.ok()) << later.status().message();
  auto scores = ScoreFindings(s, *later, kEmployees);
  ASSERT_TRUE(scores.ok()) << scores.status().message();
  EXPECT_EQ((*scores)[0].note,
            "the truth holds for 2026-12-05 and the snapshot was analysed for 2026-12-06: "
            "newcomers are the people hired in the 90 days before, so who crossed that line in "
            "between is in one list and not the other");
  EXPECT_EQ(FindingScoresJson(*scores)[0]["note"], (*scores)[0].note);
  s.params["newcomer_grace_days"] = 14;
  scores = ScoreFindings(s, *later, kEmployees);
  ASSERT_TRUE(scores.ok()) << scores.status().message();
  EXPECT_EQ((*scores)[0].note,
            "the truth holds for 2026-12-05 and the snapshot was analysed for 2026-12-06: "
            "newcomers are the people hired in the 90 days before, not yet connected only after "
            "their first 14, so who crossed either line in between is in one list and not the "
            "other");
  for (const char* text : {R"({"isolated_newcomers": ["E3"], "today": "2026-12-06"})",
                           R"({"isolated_newcomers": ["E3"]})",
                           R"({"hidden_champions": ["E1"], "today": "2026-12-05"})"}) {
    auto truth = ParseKnownTruth(text);
    ASSERT_TRUE(truth.ok()) << text;
    auto same = ScoreFindings(s, *truth, kEmployees);
    ASSERT_TRUE(same.ok()) << text;
    EXPECT_EQ((*same)[0].note, "") << text;
    EXPECT_FALSE(FindingScoresJson(*same)[0].contains("note")) << text;
  }
  s.params.erase("today");  // a snapshot that does not say its day
  auto unknown = ScoreFindings(s, *later, kEmployees);
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ((*unknown)[0].note, "");
}

// Nothing found, or nothing known: precision or recall is undefined (null in JSON), not 0 or 1.
TEST(TruthTest, UndefinedRatiosAreNotNumbers) {
  Snapshot s = Sample();
  s.findings["brokers"] = nlohmann::json::array();
  auto truth = ParseKnownTruth(R"({"brokers": [], "hidden_champions": ["E1"]})");
  ASSERT_TRUE(truth.ok());
  auto scores = ScoreFindings(s, *truth, kEmployees);
  ASSERT_TRUE(scores.ok());
  const FindingScore& br = (*scores)[1];
  EXPECT_EQ(br.finding, "brokers");
  EXPECT_TRUE(std::isnan(br.precision));
  EXPECT_TRUE(std::isnan(br.recall));
  EXPECT_TRUE(FindingScoresJson(*scores)[1]["precision"].is_null());
  EXPECT_DOUBLE_EQ((*scores)[0].recall, 1.0);
  EXPECT_DOUBLE_EQ((*scores)[0].precision, 0.5);
}

// A truth file that cannot be read, or that names someone or a team that is not there, is
// refused with what and where.
TEST(TruthTest, BadTruthIsRefusedNamingThePlace) {
  const std::pair<const char*, const char*> parse_cases[] = {
      {"{", "not JSON"},
      {"[1]", "not a JSON object"},
      {R"({"seed": 1})", "none of \"hidden_champions\""},
      {R"({"brokers": "E1"})", "\"brokers\" is not a list (of employee ids)"},
      {R"({"silo_teams": {"A": 1}})", "\"silo_teams\" is not a list (of team paths)"},
      {R"({"hidden_champions": ["E1", 2]})", "\"hidden_champions\"[1] is not a non-empty string"},
      {R"({"hidden_champions": [""]})", "\"hidden_champions\"[0] is not a non-empty string"},
      {R"({"isolated_newcomers": ["E1", "E1"]})",
       "\"isolated_newcomers\"[1]: 'E1' is listed twice"},
      {R"({"brokers": [], "today": "2026-13-01"})", "\"today\" is not a date (YYYY-MM-DD)"},
      {R"({"brokers": [], "today": 20261201})", "\"today\" is not a date (YYYY-MM-DD)"},
      {R"({"brokers": [], "recognised_helpers": ["E1"]})", "give \"hidden_champions\" too"},
      {R"({"hidden_champions": ["E1"], "recognised_helpers": ["E2", "E1"]})",
       "\"recognised_helpers\"[1]: 'E1' is listed in \"hidden_champions\" too"},
      {R"({"hidden_champions": [], "recognised_helpers": "E1"})",
       "\"recognised_helpers\" is not a list (of employee ids)"},
  };
  for (const auto& [text, words] : parse_cases) {
    auto t = ParseKnownTruth(text);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_NE(t.status().message().find(words), std::string::npos)
        << text << ": " << t.status().message();
  }
  const std::pair<const char*, const char*> score_cases[] = {
      {R"({"hidden_champions": ["E1", "E9"]})", "\"hidden_champions\"[1]: 'E9' is nobody"},
      {R"({"silo_teams": ["A", "Z"]})", "\"silo_teams\"[1]: 'Z' is no team of the snapshot"},
      {R"({"hidden_champions": ["E1"], "recognised_helpers": ["E7"]})",
       "\"recognised_helpers\"[0]: 'E7' is nobody"},
  };
  for (const auto& [text, words] : score_cases) {
    auto t = ParseKnownTruth(text);
    ASSERT_TRUE(t.ok()) << text;
    auto s = ScoreFindings(Sample(), *t, kEmployees);
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_NE(s.status().message().find(words), std::string::npos)
        << text << ": " << s.status().message();
  }
}

}  // namespace
}  // namespace pl::network
