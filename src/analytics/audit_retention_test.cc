// On SQLite and on PostgreSQL: the audit log's retention.
#include "analytics/audit_retention.h"

#include <gtest/gtest.h>

#include "testing/test_backends.h"

namespace pl::analytics {
namespace {

class AuditRetentionTest : public ::testing::TestWithParam<std::string> {
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
TEST_P(AuditRetentionTest, EntriesOlderThanTheRetentionGoAndThePruningIsRecorded) {
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

INSTANTIATE_TEST_SUITE_P(Backends, AuditRetentionTest, ::testing::ValuesIn(pl::testing::Backends()),
                         pl::testing::BackendName());

}  // namespace
}  // namespace pl::analytics
