#include "ingest/survey_csv.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/text.h"
#include "testing/test_backends.h"

namespace pl::ingest {
namespace {

const std::unordered_map<std::string, PersonId> kPeople = {
    {"E1", PersonId(1)}, {"E2", PersonId(2)}, {"E3", PersonId(3)}};

surveys::Instrument PsychSafety() { return surveys::BuiltinInstrument("psych-safety").value(); }
surveys::Instrument Pulse() { return surveys::BuiltinInstrument("learning-pulse").value(); }

TEST(SurveyCsvPlanTest, ReadsItemsByIdWithMissingAnswers) {
  auto plan = PlanSurveyCsv(
      "Team,ps1,ps2,ps3,ps4,ps5,ps6,ps7,comment\n"
      "Sales/EMEA,2,6,1,NA,3,6,7,\"great, honestly\"\n"
      "Sales/EMEA,,5,,5,,5,5,\n",
      PsychSafety(), kPeople, {});
  ASSERT_FALSE(plan.has_errors) << plan.issues[0].message;
  ASSERT_EQ(plan.records.size(), 2u);
  EXPECT_EQ(plan.records[0].group, "Sales/EMEA");
  EXPECT_FALSE(plan.records[0].respondent.has_value());
  EXPECT_DOUBLE_EQ(plan.records[0].answers[0], 2);
  EXPECT_TRUE(std::isnan(plan.records[0].answers[3]));
  EXPECT_TRUE(std::isnan(plan.records[1].answers[0]));
  ASSERT_EQ(plan.issues.size(), 1u);  // the free-text column: a warning, not read
  EXPECT_TRUE(plan.issues[0].warning);
  EXPECT_EQ(plan.issues[0].column, "comment");
}

// A form's export (Microsoft Forms' columns): questions headed by the items' texts (numbered or
// not, in any case and punctuation), answers as the scale's labels; the form's bookkeeping
// columns left out with warnings; a label not on the scale named.
TEST(SurveyCsvPlanTest, AFormsExportByItemTextsAndScaleLabels) {
  const auto in = PsychSafety();
  std::string header = "ID,Start time,Completion time,Email,Name,Team";
  for (size_t i = 0; i < in.items.size(); ++i) {
    header += i % 2 ? ",\"" + std::to_string(i + 1) + ". " + in.items[i].text + "\""
                    : ",\"" + AsciiLower(in.items[i].text) + "\"";
  }
  auto plan = PlanSurveyCsv(header +
                                "\n1,2026-03-02 09:00,2026-03-02 09:04,anonymous,,Sales,Very "
                                "inaccurate,accurate,Somewhat Inaccurate,7,,Very accurate,Neither "
                                "accurate nor inaccurate\n",
                            in, kPeople, {});
  ASSERT_FALSE(plan.has_errors) << plan.issues[0].message;
  ASSERT_EQ(plan.records.size(), 1u);
  const std::vector<double> expected = {1, 6, 3, 7, NAN, 7, 4};
  ASSERT_EQ(plan.records[0].answers.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    if (std::isnan(expected[i])) {
      EXPECT_TRUE(std::isnan(plan.records[0].answers[i])) << i;
    } else {
      EXPECT_EQ(plan.records[0].answers[i], expected[i]) << i;
    }
  }
  EXPECT_EQ(plan.issues.size(), 5u);  // ID, Start time, Completion time, Email, Name
  for (const auto& i : plan.issues) EXPECT_TRUE(i.warning) << i.column;
  auto off = PlanSurveyCsv(header + "\n1,,,,,Sales,Rather accurate,,,,,,\n", in, kPeople, {});
  ASSERT_TRUE(off.has_errors);
  EXPECT_EQ(off.issues.back().message, "'Rather accurate' is not on the scale 1..7");
  auto twice =
      PlanSurveyCsv("team,ps4,It is safe to take a risk on this team.\nA,1,2\n", in, kPeople, {});
  ASSERT_TRUE(twice.has_errors);
  EXPECT_EQ(twice.issues.back().message,
            "item 'ps4' has two columns ('ps4' and 'it is safe to take a risk on this team.')");
}

TEST(SurveyCsvPlanTest, EveryBadRowIsNamed) {
  struct Case {
    const char* row;
    const char* column;
    const char* message;
  } cases[] = {
      {"E1,Eng,8,5,5,5,5,5,5", "ps1", "'8' is not on the scale 1..7"},
      {"E1,Eng,x,5,5,5,5,5,5", "ps1", "'x' is not on the scale 1..7"},
      {"E1,Eng,4.5,5,5,5,5,5,5", "ps1", "'4.5' is not on the scale 1..7"},
      {"E1,,5,5,5,5,5,5,5", "team", "is empty"},
      {"E9,Eng,5,5,5,5,5,5,5", "employee_id", "unknown person 'E9'"},
      {"E1,Eng,,,,,,,", "", "answers no item"},
      {"E1,Eng,5,5,5", "", "has 5 fields, the header has 9"},
  };
  const std::string header = "employee_id,team,ps1,ps2,ps3,ps4,ps5,ps6,ps7\n";
  for (const Case& c : cases) {
    auto plan = PlanSurveyCsv(header + c.row + "\n", PsychSafety(), kPeople,
                              {.respondent_column = "employee_id"});
    ASSERT_TRUE(plan.has_errors) << c.row;
    EXPECT_TRUE(plan.records.empty());
    ASSERT_EQ(plan.issues.size(), 1u) << c.row;
    EXPECT_EQ(plan.issues[0].line, 2);
    EXPECT_EQ(plan.issues[0].column, c.column) << c.row;
    EXPECT_EQ(plan.issues[0].message, c.message) << c.row;
  }
  auto twice = PlanSurveyCsv(header + "E1,Eng,5,5,5,5,5,5,5\nE1,Eng,4,4,4,4,4,4,4\n", PsychSafety(),
                             kPeople, {.respondent_column = "employee_id"});
  ASSERT_EQ(twice.issues.size(), 1u);
  EXPECT_EQ(twice.issues[0].message, "'E1' answered twice");
  EXPECT_EQ(twice.issues[0].line, 3);
  // Lenient keeps the good rows.
  auto lenient =
      PlanSurveyCsv(header + "E1,Eng,5,5,5,5,5,5,5\nE2,Eng,9,5,5,5,5,5,5\n", PsychSafety(), kPeople,
                    {.lenient = true, .respondent_column = "employee_id"});
  EXPECT_EQ(lenient.records.size(), 1u);
  EXPECT_EQ(lenient.skipped, 1);
}

TEST(SurveyCsvPlanTest, HeaderProblemsRejectTheFile) {
  struct Case {
    const char* csv;
    const char* message;
  } cases[] = {
      {"", "the file is empty"},
      {"ps1,ps2\n1,1\n", "the group column 'team' is missing"},
      {"team,ps1,ps1\nA,1,1\n", "column 'ps1' appears twice"},
      {"team,ps1,colour\nA,1,red\n", "column 'colour' is not an item of psych-safety"},
  };
  for (const Case& c : cases) {
    auto plan = PlanSurveyCsv(c.csv, PsychSafety(), kPeople, {});
    ASSERT_TRUE(plan.has_errors) << c.csv;
    EXPECT_EQ(plan.issues.back().message, c.message) << c.csv;
  }
  // The pulse's first two items are required: a file without them cannot be read.
  auto pulse = PlanSurveyCsv("team,peer_learning,applied\nA,4,4\n", Pulse(), kPeople, {});
  ASSERT_TRUE(pulse.has_errors);
  EXPECT_EQ(pulse.issues.back().message, "required item 'safe_to_ask' has no column");
  auto empty_required =
      PlanSurveyCsv("team,safe_to_ask,peer_learning\nA,,4\n", Pulse(), kPeople, {});
  ASSERT_TRUE(empty_required.has_errors);
  EXPECT_EQ(empty_required.issues.back().message, "is required but empty");
}

class SurveyCsvImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = pl::testing::FreshStore(GetParam());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    auto r = ImportRoster(
        *store_, "employee_id,name,manager_employee_id\nE1,Ann,\nE2,Bob,E1\nE3,Cat,E1\n", {});
    ASSERT_TRUE(r.ok() && !r->rejected);
  }
  SurveyCsvOptions Options() {
    SurveyCsvOptions o;
    o.respondent_column = "employee_id";
    o.wave.title = "Spring";
    o.wave.opens_at = *ParseTimestamp("2026-03-01T00:00:00Z");
    o.wave.closes_at = *ParseTimestamp("2026-03-15T00:00:00Z");
    return o;
  }
  std::unique_ptr<store::Store> store_;
};

TEST_P(SurveyCsvImportTest, OneAtomicWaveThatCannotBeImportedTwice) {
  const std::string csv =
      "employee_id,team,ps1,ps2,ps3,ps4,ps5,ps6,ps7\n"
      "E1,Eng,1,7,1,7,1,7,7\nE2,Eng,2,6,2,6,2,6,6\nE3,Eng,3,5,3,5,3,5,5\n";
  // A bad row: nothing is stored, the instrument included.
  auto bad = ImportSurveyCsv(*store_, csv + "E9,Eng,1,1,1,1,1,1,1\n", PsychSafety(), Options());
  ASSERT_TRUE(bad.ok());
  EXPECT_TRUE(bad->rejected);
  EXPECT_TRUE(store_->ListInstruments()->empty());
  EXPECT_TRUE(store_->ListWaves()->empty());
  // A dry run counts and writes nothing.
  auto options = Options();
  options.dry_run = true;
  auto dry = ImportSurveyCsv(*store_, csv, PsychSafety(), options);
  ASSERT_TRUE(dry.ok()) << dry.status().ToString();
  EXPECT_EQ(dry->written.responses, 3);
  EXPECT_TRUE(store_->ListWaves()->empty());
  EXPECT_TRUE(store_->ListInstruments()->empty());

  auto r = ImportSurveyCsv(*store_, csv, PsychSafety(), Options());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_FALSE(r->rejected);
  EXPECT_EQ(r->written.responses, 3);
  EXPECT_EQ(r->written.completions, 3);  // anonymous: who completed, kept apart
  auto stored = store_->LoadSurveyResponses(r->wave_id);
  ASSERT_EQ(stored->size(), 3u);
  double sum = 0;
  for (const auto& x : *stored) {
    EXPECT_FALSE(x.respondent.has_value());
    sum += x.answers[0];
  }
  EXPECT_DOUBLE_EQ(sum, 6);
  auto again = ImportSurveyCsv(*store_, csv, PsychSafety(), Options());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->ListWaves()->size(), 1u);
}

// Respondents named by e-mail (any case), as a form's export names them; the same person by
// e-mail and by employee id answers twice.
TEST_P(SurveyCsvImportTest, RespondentsByEmail) {
  ASSERT_TRUE(ImportRoster(*store_,
                           "employee_id,name,email,manager_employee_id\nE1,Ann,ann@example.com,\n"
                           "E2,Bob,bob@example.com,E1\nE3,Cat,,E1\n",
                           {})
                  .ok());
  const std::string header = "employee_id,team,ps1,ps2,ps3,ps4,ps5,ps6,ps7\n";
  auto twice =
      ImportSurveyCsv(*store_, header + "ANN@example.com,Eng,1,7,1,7,1,7,7\nE1,Eng,2,6,2,6,2,6,6\n",
                      PsychSafety(), Options());
  ASSERT_TRUE(twice.ok());
  ASSERT_TRUE(twice->rejected);
  EXPECT_EQ(twice->issues[0].message, "'E1' answered twice");
  auto r = ImportSurveyCsv(
      *store_, header + "ANN@example.com,Eng,1,7,1,7,1,7,7\nbob@EXAMPLE.com,Eng,2,6,2,6,2,6,6\n",
      PsychSafety(), Options());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_FALSE(r->rejected) << r->issues[0].message;
  EXPECT_EQ(r->written.completions, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, SurveyCsvImportTest,
                         ::testing::ValuesIn(pl::testing::Backends()), pl::testing::BackendName());

}  // namespace
}  // namespace pl::ingest
