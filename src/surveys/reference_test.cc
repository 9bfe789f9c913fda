// Scoring against the peers' values on real survey data in ../shared/data:
//  - psych::alpha on the bfi Big-Five items (2,800 respondents, reverse keys, missing answers),
//    pairwise and listwise; psych::scoreItems' per-respondent scale means;
//  - multilevel::rwg.j on the cohesion example (one respondent with a missing item is dropped);
//  - the Watts Lab psychological-safety and team-viability scoring vectors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "surveys/scoring.h"

namespace pl::surveys {
namespace {

const std::filesystem::path kPsychometrics = "../shared/data/survey-psychometrics";
const std::filesystem::path kEdmondson = "../shared/data/psych-safety-edmondson";

#define SKIP_WITHOUT(dir)                                                                        \
  if (!std::filesystem::exists(dir)) {                                                           \
    GTEST_SKIP() << dir << " is absent (a fresh clone without shared/data); this test needs it"; \
  }

// A CSV of quoted headers and numbers ("" or NA = missing).
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  size_t Col(const std::string& name) const {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
};

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.push_back(cell);
      cell.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  out.push_back(cell);
  return out;
}

Table ReadCsv(const std::filesystem::path& path) {
  std::ifstream in(path);
  Table t;
  std::string line;
  std::getline(in, line);
  t.header = SplitCsv(line);
  while (std::getline(in, line)) {
    if (!line.empty()) t.rows.push_back(SplitCsv(line));
  }
  return t;
}

double Number(const std::string& s) {
  if (s.empty() || s == "NA") return kMissing;
  return std::stod(s);
}

// An instrument over the bfi items of one scale (1..6, the given reverse keys).
Instrument BfiScale(const std::vector<std::string>& items,
                    const std::vector<std::string>& reverse) {
  Instrument in;
  in.key = "bfi";
  in.title = "bfi";
  in.scale_min = 1;
  in.scale_max = 6;
  in.min_answered = 1e-9;  // psych::scoreItems(impute = "none"): the mean of what was answered
  in.subscales = {{"scale", "scale"}};
  for (const std::string& id : items) {
    in.items.push_back(
        {id, id, std::find(reverse.begin(), reverse.end(), id) != reverse.end(), false, "scale"});
  }
  return in;
}

TEST(BfiReferenceTest, CronbachAlphaMatchesPsychPairwiseAndListwise) {
  SKIP_WITHOUT(kPsychometrics);
  const Table bfi = ReadCsv(kPsychometrics / "bfi.csv");
  ASSERT_EQ(bfi.rows.size(), 2800u);
  std::ifstream ref_file(kPsychometrics / "bfi_alpha_reference.json");
  const auto ref = nlohmann::json::parse(ref_file);
  int scales = 0;
  for (const auto& [name, scale] : ref["scales"].items()) {
    SCOPED_TRACE(name);
    const auto items = scale["items"].get<std::vector<std::string>>();
    const auto reverse = scale["reverse_keyed"].get<std::vector<std::string>>();
    const Instrument in = BfiScale(items, reverse);
    Answers a;
    a.items = items.size();
    for (const auto& row : bfi.rows) {
      for (const std::string& id : items) a.values.push_back(Number(row[bfi.Col(id)]));
    }
    std::vector<size_t> all(items.size());
    std::iota(all.begin(), all.end(), 0);
    const Columns keyed = KeyedColumns(in, a, all);
    for (bool pairwise : {true, false}) {
      SCOPED_TRACE(pairwise ? "pairwise" : "listwise");
      const auto& r = scale[pairwise ? "psych_default_pairwise" : "complete_cases"];
      const Alpha alpha = CronbachAlpha(keyed, pairwise);
      EXPECT_NEAR(alpha.raw_alpha, r["raw_alpha"].get<double>(), 1e-12);
      EXPECT_NEAR(alpha.std_alpha, r["std_alpha"].get<double>(), 1e-12);
      EXPECT_NEAR(alpha.average_r, r["average_r"].get<double>(), 1e-12);
      EXPECT_EQ(alpha.n_obs, r["n_obs"].get<int>());
      for (size_t i = 0; i < items.size(); ++i) {
        const bool rev = std::find(reverse.begin(), reverse.end(), items[i]) != reverse.end();
        const auto& d = r["alpha_if_item_dropped"][items[i] + (rev ? "-" : "")];
        EXPECT_NEAR(alpha.raw_alpha_if_dropped[i], d["raw_alpha"].get<double>(), 1e-12) << items[i];
        EXPECT_NEAR(alpha.std_alpha_if_dropped[i], d["std.alpha"].get<double>(), 1e-12) << items[i];
      }
    }
    if (scale.contains("textbook_formula_alpha")) {
      EXPECT_NEAR(CronbachAlpha(keyed, false).raw_alpha,
                  scale["textbook_formula_alpha"].get<double>(), 1e-12);
    }
    ++scales;
  }
  EXPECT_EQ(scales, 5);
}

TEST(BfiReferenceTest, ScaleMeansMatchPsychScoreItems) {
  SKIP_WITHOUT(kPsychometrics);
  const Table bfi = ReadCsv(kPsychometrics / "bfi.csv");
  const Table means = ReadCsv(kPsychometrics / "bfi_scale_means_psych_scoreItems_impute_none.csv");
  ASSERT_EQ(means.rows.size(), bfi.rows.size());
  std::ifstream ref_file(kPsychometrics / "bfi_alpha_reference.json");
  const auto ref = nlohmann::json::parse(ref_file);
  int compared = 0, missing = 0;
  for (const auto& [name, scale] : ref["scales"].items()) {
    const auto items = scale["items"].get<std::vector<std::string>>();
    const Instrument in = BfiScale(items, scale["reverse_keyed"].get<std::vector<std::string>>());
    Answers a;
    a.items = items.size();
    for (const auto& row : bfi.rows) {
      for (const std::string& id : items) a.values.push_back(Number(row[bfi.Col(id)]));
    }
    const RespondentScores s = ScoreRespondents(in, a);
    const size_t col = means.Col(name);
    for (size_t r = 0; r < bfi.rows.size(); ++r) {
      ASSERT_EQ(means.rows[r][0], bfi.rows[r][0]);
      const double want = Number(means.rows[r][col]);
      if (std::isnan(want)) {
        EXPECT_TRUE(std::isnan(s.at(r, 0))) << name << " row " << r;
        ++missing;
      } else {
        EXPECT_NEAR(s.at(r, 0), want, 1e-9) << name << " row " << r;
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared + missing, 5 * 2800);
  EXPECT_GT(compared, 13900);
}

TEST(CohesionReferenceTest, RwgJMatchesMultilevelWithTheIncompleteRespondentDropped) {
  SKIP_WITHOUT(kPsychometrics);
  const Table c = ReadCsv(kPsychometrics / "cohesion.csv");
  const Table ref = ReadCsv(kPsychometrics / "cohesion_rwgj_by_unit_ranvar5.csv");
  ASSERT_EQ(ref.rows.size(), 2u);
  for (const auto& r : ref.rows) {
    Columns g;
    g.cols = 5;
    for (const auto& row : c.rows) {
      if (row[c.Col("UNIT")] != r[0]) continue;
      for (int i = 1; i <= 5; ++i)
        g.values.push_back(Number(row[c.Col("COH0" + std::to_string(i))]));
    }
    const Agreement a = RwgJ(g, 5.0);
    EXPECT_NEAR(a.rwg_j, std::stod(r[1]), 1e-12) << r[0];
    EXPECT_EQ(a.n, std::stoi(r[2])) << r[0];
  }
}

TEST(WattsLabVectorsTest, PsychologicalSafetyAndTeamViabilityScores) {
  SKIP_WITHOUT(kEdmondson);
  std::ifstream f(kEdmondson / "peer_scoring_test_vectors.json");
  const auto vectors = nlohmann::json::parse(f);
  ASSERT_EQ(vectors.size(), 2u);
  // Item order and reverse keys as in each instrument's scoring code.
  const std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> order =
      {{"psychologicalSafety",
        {{"holdMistake", "othersProblems", "rejectedDifferent", "safeToTakeRisks",
          "difficultToAskHelp", "notUndermine", "skillsValued"},
         {"holdMistake", "rejectedDifferent", "difficultToAskHelp"}}},
       {"teamViability",
        {{"capableUnit", "futureSuccess", "fallingApart", "welcomeReunion",
          "persistDespiteObstacles", "succeedDespiteDislike"},
         {"fallingApart"}}}};
  for (const auto& v : vectors) {
    const std::string name =
        v["instrument"].get<std::string>().substr(0, v["instrument"].get<std::string>().find(' '));
    SCOPED_TRACE(name);
    const auto& [items, reverse] = order.at(name);
    Instrument in;
    in.key = "x";
    in.title = "x";
    in.scale_min = name == "teamViability" ? -3 : 1;
    in.scale_max = name == "teamViability" ? 3 : 7;
    in.min_answered = 1e-9;
    in.subscales = {{"s", "s"}};
    Answers a;
    a.items = items.size();
    for (const std::string& id : items) {
      in.items.push_back(
          {id, id, std::find(reverse.begin(), reverse.end(), id) != reverse.end(), false, "s"});
      const auto& x = v["responses"][id];
      a.values.push_back(x.is_null() ? kMissing : x.get<double>());
    }
    const RespondentScores s = ScoreRespondents(in, a);
    char raw[32], norm[32];
    std::snprintf(raw, sizeof raw, "%.3f", s.raw[0]);
    std::snprintf(norm, sizeof norm, "%.3f", s.normalised[0]);
    EXPECT_EQ(raw, v["expected"]["rawScore"].get<std::string>());
    EXPECT_EQ(norm, v["expected"]["normScore"].get<std::string>());
    EXPECT_DOUBLE_EQ(s.completion[0], v["expected"]["completion_exact"].get<double>());
  }
}

}  // namespace
}  // namespace pl::surveys
