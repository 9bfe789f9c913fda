// On SQLite and on PostgreSQL: how long the audit log and the interactions are kept.
#include "analytics/retention.h"

#include <gtest/gtest.h>

#include "ingest/interactions.h"
#include "ingest/roster.h"
#include "testing/test_backends.h"

namespace pl::analytics {
namespace {

class RetentionTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = pl::testing::FreshStore(GetParam());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  ManualClock clock_{*ParseTimestamp("2026-11-20T12:00:00Z")};
  std::unique_ptr<store::Store> store_;
};

// Entries a day apart for ten days; keeping seven days leaves the last seven and the record of
// the pruning; pruning again removes nothing and records nothing.
TEST_P(RetentionTest, EntriesOlderThanTheRetentionGoAndThePruningIsRecorded) {
  const Timestamp start = clock_.Now();
  for (int d = 0; d < 10; ++d) {
    ASSERT_TRUE(store_
                    ->AppendAudit({0, start + std::chrono::days(d), UserId(), "person.read",
                                   "person:" + std::to_string(d + 1), ""})
                    .ok());
  }
  clock_.Advance(std::chrono::days(9) + std::chrono::hours(1));  // the last entry's day, later
  auto gone = PruneAuditLog(*store_, 7, clock_);
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  EXPECT_EQ(*gone, 3);  // days 0, 1 and 2 are more than 7 days before
  auto left = store_->ListAudit(100);
  ASSERT_TRUE(left.ok());
  ASSERT_EQ(left->size(), 8u);
  EXPECT_EQ(left->front().action, "audit.prune");
  EXPECT_FALSE(left->front().user_id.valid());
  EXPECT_EQ(left->front().detail, "3 entries from before 2026-11-22T13:00:00Z (kept 7 days)");
  EXPECT_EQ(left->back().target, "person:4");
  EXPECT_EQ(*PruneAuditLog(*store_, 7, clock_), 0);
  EXPECT_EQ(store_->ListAudit(100)->size(), 8u);
  EXPECT_EQ(PruneAuditLog(*store_, 0, clock_).status().code(), StatusCode::kInvalidArgument);
}

// Interactions from before the retention go by when they happened; the pruning is recorded.
TEST_P(RetentionTest, InteractionsOlderThanTheRetentionGo) {
  auto roster = ingest::ImportRoster(
      *store_,
      "employee_id,name,email,title,level,department,team,manager_employee_id,hire_date\n"
      "E1,Ada,ada@x.org,Head,7,Eng,,,2019-01-07\n"
      "E2,Bo,bo@x.org,Engineer,3,Eng,Core,E1,2020-01-01\n",
      {});
  ASSERT_TRUE(roster.ok() && !roster->rejected);
  auto x = ingest::ImportInteractions(*store_,
                                      "source,target,timestamp,layer,weight,context\n"
                                      "E1,E2,2026-11-01T10:00:00Z,reply,1,c1\n"
                                      "E2,E1,2026-11-10T10:00:00Z,reply,1,c1\n"
                                      "E2,E1,2026-11-19T10:00:00Z,kudos,1,k\n",
                                      {});
  ASSERT_TRUE(x.ok() && !x->rejected);
  auto gone = PruneInteractions(*store_, 7, clock_);  // before 2026-11-13T12:00
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  EXPECT_EQ(*gone, 2);
  auto left = store_->LoadInteractions(std::nullopt);
  ASSERT_TRUE(left.ok());
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ((*left)[0].layer, graph::Layer::kKudos);
  auto log = store_->ListAudit(1);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->front().action, "interactions.prune");
  EXPECT_EQ(log->front().detail, "2 interactions from before 2026-11-13T12:00:00Z (kept 7 days)");
  EXPECT_EQ(*PruneInteractions(*store_, 7, clock_), 0);
  EXPECT_EQ(store_->ListAudit(10)->size(), 1u);  // nothing pruned, nothing recorded
  EXPECT_EQ(PruneInteractions(*store_, 0, clock_).status().code(), StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, RetentionTest, ::testing::ValuesIn(pl::testing::Backends()),
                         pl::testing::BackendName());

}  // namespace
}  // namespace pl::analytics
