#include "demo/survey_demo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "ingest/survey_csv.h"
#include "surveys/report.h"

namespace pl::demo {
namespace {

// The demo's waves, read by the real importer's planning stage and scored by the report engine:
// the planted truth must be what an admin would see.
class SurveyDemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto org = Generate({.people = 300, .seed = 42, .today = *ParseDate("2026-11-20")});
    ASSERT_TRUE(org.ok());
    org_ = *std::move(org);
    for (size_t i = 0; i < org_.people.size(); ++i) {
      people_[org_.people[i].external_id] = PersonId(static_cast<int64_t>(i) + 1);
    }
    waves_ = SurveyWaves(org_);
  }
  surveys::WaveData Load(const DemoWave& w, const surveys::Instrument& in) {
    auto plan = ingest::PlanSurveyCsv(w.csv, in, people_, {.respondent_column = "employee_id"});
    EXPECT_FALSE(plan.has_errors) << w.file_name << ": " << plan.issues.front().message;
    surveys::WaveData d;
    d.instrument = &in;
    d.answers.items = in.items.size();
    for (const auto& r : plan.records) {
      d.groups.push_back(r.group);
      d.answers.values.insert(d.answers.values.end(), r.answers.begin(), r.answers.end());
    }
    return d;
  }
  static const surveys::GroupResult* Find(const surveys::WaveReport& r, const std::string& g) {
    for (const auto& x : r.groups) {
      if (x.group == g) return &x;
    }
    return nullptr;
  }
  Organisation org_;
  std::unordered_map<std::string, PersonId> people_;
  std::vector<DemoWave> waves_;
};

TEST_F(SurveyDemoTest, TwoOrThreeWavesOfEachInstrumentOldestFirst) {
  std::map<std::string, int> count;
  for (size_t i = 0; i < waves_.size(); ++i) {
    ++count[waves_[i].instrument];
    if (i > 0) {
      EXPECT_LE(waves_[i - 1].opens, waves_[i].opens);
    }
  }
  EXPECT_EQ(count["psych-safety"], 3);
  EXPECT_EQ(count["learning-pulse"], 3);
  EXPECT_EQ(count["reaction"], 2);
  EXPECT_EQ(count["readiness"], 1);
  EXPECT_EQ(count["learning-self-evaluation"], 1);
}

TEST_F(SurveyDemoTest, PlantedLowSafetyTeamsStandOutAndTheImprovedTeamImproved) {
  const auto& truth = org_.truth;
  ASSERT_GE(truth.low_safety_teams.size(), 2u);
  ASSERT_FALSE(truth.improved_safety_team.empty());
  const std::set<std::string> low(truth.low_safety_teams.begin(), truth.low_safety_teams.end());
  const surveys::Instrument ps = surveys::BuiltinInstrument("psych-safety").value();
  std::vector<surveys::WaveData> safety;
  for (const DemoWave& w : waves_) {
    if (w.instrument == "psych-safety") safety.push_back(Load(w, ps));
  }
  ASSERT_EQ(safety.size(), 3u);
  const surveys::WaveReport first = surveys::BuildReport(safety[0], nullptr, {.k = 5});
  const surveys::WaveReport last = surveys::BuildReport(safety[2], &safety[1], {.k = 5});
  int low_shown = 0;
  double highest_low = 0, lowest_other = 7;
  for (const auto& g : last.groups) {
    if (g.visibility != surveys::Visibility::kShown || g.group.find('/') == std::string::npos) {
      continue;  // teams only
    }
    const double mean = g.subscales[0].score.mean;
    if (low.count(g.group)) {
      ++low_shown;
      highest_low = std::max(highest_low, mean);
    } else if (g.group != truth.improved_safety_team) {
      lowest_other = std::min(lowest_other, mean);
    }
  }
  EXPECT_GE(low_shown * 2, static_cast<int>(low.size()));  // most are big enough to show
  EXPECT_LT(highest_low, 3.6);
  EXPECT_GT(lowest_other, 4.5);
  EXPECT_LT(highest_low + 1.0, lowest_other);
  // The improved team: low in the first wave, up since the previous one by a clear margin.
  const auto* before = Find(first, truth.improved_safety_team);
  const auto* after = Find(last, truth.improved_safety_team);
  ASSERT_TRUE(before && after);
  ASSERT_EQ(before->visibility, surveys::Visibility::kShown);
  ASSERT_EQ(after->visibility, surveys::Visibility::kShown);
  EXPECT_LT(before->subscales[0].score.mean, 4.0);
  EXPECT_GT(after->subscales[0].score.mean, 5.0);
  EXPECT_GT(after->subscales[0].change.low, 0.0) << "the rise is not distinguishable from noise";
}

TEST_F(SurveyDemoTest, ReadinessGapsAreRewardsAndResources) {
  const surveys::Instrument in = surveys::BuiltinInstrument("readiness").value();
  for (const DemoWave& w : waves_) {
    if (w.instrument != "readiness") continue;
    const surveys::WaveReport r = surveys::BuildReport(Load(w, in), nullptr, {.k = 5});
    const auto* org = Find(r, "");
    ASSERT_TRUE(org && org->visibility == surveys::Visibility::kShown);
    std::vector<std::pair<double, std::string>> means;
    for (size_t s = 0; s < in.subscales.size(); ++s) {
      means.push_back({org->subscales[s].score.mean, in.subscales[s].id});
    }
    std::sort(means.begin(), means.end());
    EXPECT_EQ(means[0].second, "tangible_rewards");
    EXPECT_EQ(means[1].second, "resources");
  }
}

}  // namespace
}  // namespace pl::demo
