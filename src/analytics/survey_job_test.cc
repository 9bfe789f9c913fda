// The survey job on both backends: a schedule opens its wave, invitations and reminders go to
// the right people once each through a real file sender, failures are kept and retried.
#include "analytics/survey_job.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "ingest/roster.h"
#include "surveys/instrument.h"
#include "testing/test_backends.h"

namespace pl::analytics {
namespace {

namespace fs = std::filesystem;

// Core has four people (one without an e-mail address); Data two; Ada heads Eng.
constexpr const char* kRoster =
    "employee_id,name,email,title,level,department,team,manager_employee_id\n"
    "E1,Ada Head,ada@x.org,Head,7,Eng,,\n"
    "E2,Bo Core,bo@x.org,Engineer,3,Eng,Core,E1\n"
    "E3,Cy Core,cy@x.org,Engineer,3,Eng,Core,E1\n"
    "E4,Di Core,di@x.org,Engineer,3,Eng,Core,E1\n"
    "E7,Gus Core,,Engineer,3,Eng,Core,E1\n"
    "E5,Ed Data,ed@x.org,Analyst,2,Eng,Data,E1\n"
    "E6,Fi Data,fi@x.org,Analyst,2,Eng,Data,E1\n";

class SurveyJobTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = pl::testing::FreshStore(GetParam());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    auto r = ingest::ImportRoster(*store_, kRoster, {});
    ASSERT_TRUE(r.ok() && !r->rejected);
    ids_ = *store_->PersonIdsByExternalId();
    outbox_ = fs::temp_directory_path() /
              ("pl-outbox-" + std::to_string(getpid()) + "-" + GetParam() + ".jsonl");
    fs::remove(outbox_);
    sender_ = notify::FileSender(outbox_.string());
  }
  void TearDown() override { fs::remove(outbox_); }
  SurveyJobResult Run() {
    auto r = RunSurveyJob(*store_, *sender_, clock_, {.base_url = "https://pl.example"});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : SurveyJobResult{};
  }
  std::vector<nlohmann::json> Delivered() {
    std::vector<nlohmann::json> out;
    std::ifstream in(outbox_);
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }
  std::unique_ptr<store::Store> store_;
  std::unordered_map<std::string, PersonId> ids_;
  fs::path outbox_;
  std::unique_ptr<notify::Sender> sender_;
  ManualClock clock_{*ParseTimestamp("2026-03-01T08:00:00Z")};
};

TEST_P(SurveyJobTest, AScheduleOpensItsWaveAndPeopleAreInvitedThenReminded) {
  const int64_t pulse =
      store_->SaveInstrument(surveys::BuiltinInstrument("learning-pulse").value()).value();
  store::ScheduleRecord s{.instrument_id = pulse,
                          .title = "Core pulse",
                          .population = {"Eng/Core"},
                          .k = 3,
                          .every_days = 42,
                          .open_days = 14,
                          .reminder_days_before = {3},
                          .next_opens_at = *ParseTimestamp("2026-03-02T09:00:00Z")};
  const int64_t schedule = store_->CreateSchedule(s).value();
  EXPECT_EQ(Run().waves_opened, 0);  // not yet
  EXPECT_TRUE(store_->ListWaves()->empty());

  clock_.Advance(std::chrono::hours(26));  // 2026-03-02T10:00Z
  SurveyJobResult r = Run();
  EXPECT_EQ(r.waves_opened, 1);
  EXPECT_EQ(r.invitations, 4);  // Core's four; not Data, not Ada
  EXPECT_EQ(r.sent, 3);
  EXPECT_EQ(r.failed, 1);  // Gus has no e-mail address
  auto waves = store_->ListWaves().value();
  ASSERT_EQ(waves.size(), 1u);
  const store::WaveRecord& w = waves[0];
  EXPECT_EQ(w.title, "Core pulse, 2026-03-02");
  EXPECT_EQ(w.schedule_id, schedule);
  EXPECT_EQ(w.closes_at, *ParseTimestamp("2026-03-16T09:00:00Z"));
  EXPECT_EQ(store_->ListSchedules()->at(0).next_opens_at, *ParseTimestamp("2026-04-13T09:00:00Z"));
  auto mail = Delivered();
  ASSERT_EQ(mail.size(), 3u);
  std::set<std::string> to;
  for (const auto& m : mail) to.insert(m["to"]);
  EXPECT_EQ(to, (std::set<std::string>{"bo@x.org", "cy@x.org", "di@x.org"}));
  EXPECT_EQ(mail[0]["subject"], "Survey: Core pulse, 2026-03-02");
  const std::string body = mail[0]["body"];
  EXPECT_NE(body.find("https://pl.example/#/surveys/" + std::to_string(w.id)), std::string::npos);
  EXPECT_NE(body.find("anonymous"), std::string::npos);
  EXPECT_NE(body.find("open until 2026-03-16"), std::string::npos);

  // Running again sends nothing new; the undeliverable one is not retried.
  r = Run();
  EXPECT_EQ(r.invitations + r.reminders + r.sent + r.failed, 0);
  auto summary = store_->SummariseOutbox(w.id, 5).value();
  EXPECT_EQ(summary.sent, 3);
  EXPECT_EQ(summary.failed, 1);

  // Bo and Cy answer; three days before closing only Di (and Gus, who cannot be reached) are
  // reminded.
  for (const char* who : {"E2", "E3"}) {
    store::SurveySubmission sub{w.id, ids_.at(who), "Eng/Core", std::vector<double>(6, 4.0),
                                "",   clock_.Now()};
    ASSERT_TRUE(store_->SubmitSurveyResponse(sub).ok());
  }
  clock_.Advance(std::chrono::days(11));  // 2026-03-13T10:00Z
  r = Run();
  EXPECT_EQ(r.reminders, 2);
  EXPECT_EQ(r.sent, 1);
  mail = Delivered();
  ASSERT_EQ(mail.size(), 4u);
  EXPECT_EQ(mail[3]["to"], "di@x.org");
  EXPECT_EQ(mail[3]["subject"], "Reminder: Core pulse, 2026-03-02 closes on 2026-03-16");
  EXPECT_EQ(mail[3]["kind"], "reminder");
  // After closing: nothing more for this wave.
  clock_.Advance(std::chrono::days(4));
  r = Run();
  EXPECT_EQ(r.invitations + r.reminders + r.sent, 0);
}

TEST_P(SurveyJobTest, AFailingSenderKeepsTheMessagesForTheNextRun) {
  const int64_t pulse =
      store_->SaveInstrument(surveys::BuiltinInstrument("learning-pulse").value()).value();
  store::WaveRecord w{.instrument_id = pulse,
                      .title = "Data pulse",
                      .opens_at = *ParseTimestamp("2026-03-01T00:00:00Z"),
                      .closes_at = *ParseTimestamp("2026-03-20T00:00:00Z"),
                      .k = 3};
  w.population = {"Eng/Data"};
  const int64_t id = store_->CreateWave(w).value();
  // A sendmail that is not there: every delivery fails, and is kept.
  auto broken = notify::SendmailSender("/nonexistent/sendmail");
  auto r = RunSurveyJob(*store_, *broken, clock_, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->invitations, 2);
  EXPECT_EQ(r->failed, 2);
  auto queued = store_->WaveMessages(id).value();
  ASSERT_EQ(queued.size(), 2u);
  EXPECT_NE(queued[0].last_error.find("cannot run /nonexistent/sendmail"), std::string::npos);
  EXPECT_EQ(store_->SummariseOutbox(id, 5)->pending, 2);
  // The next run, with a working sender, delivers them: none planned twice.
  SurveyJobResult ok = Run();
  EXPECT_EQ(ok.invitations, 0);
  EXPECT_EQ(ok.sent, 2);
  EXPECT_EQ(Delivered().size(), 2u);
}

TEST_P(SurveyJobTest, AMissedOpeningIsSkippedNotOpenedLate) {
  const int64_t pulse =
      store_->SaveInstrument(surveys::BuiltinInstrument("learning-pulse").value()).value();
  store::ScheduleRecord s{.instrument_id = pulse,
                          .title = "Pulse",
                          .k = 5,
                          .every_days = 42,
                          .open_days = 7,
                          .next_opens_at = *ParseTimestamp("2026-02-01T09:00:00Z")};
  ASSERT_TRUE(store_->CreateSchedule(s).ok());
  SurveyJobResult r = Run();  // 2026-03-01: Feb 1's wave closed on Feb 8
  EXPECT_EQ(r.waves_opened, 0);
  EXPECT_EQ(r.openings_skipped, 1);
  EXPECT_TRUE(store_->ListWaves()->empty());
  EXPECT_EQ(store_->ListSchedules()->at(0).next_opens_at, *ParseTimestamp("2026-03-15T09:00:00Z"));
}

INSTANTIATE_TEST_SUITE_P(Backends, SurveyJobTest, ::testing::ValuesIn(pl::testing::Backends()),
                         pl::testing::BackendName());

}  // namespace
}  // namespace pl::analytics
