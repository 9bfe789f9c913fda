#include "server/rate_limiter.h"

#include <gtest/gtest.h>

namespace pl::server {
namespace {

TEST(RateLimiterTest, BlocksAfterTheLimitAndForgetsAfterTheWindow) {
  RateLimiter rl(3, std::chrono::seconds(60));
  Timestamp t0 = *ParseTimestamp("2026-01-01T00:00:00Z");
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(rl.Blocked("k", t0 + std::chrono::seconds(i)));
    rl.RecordFailure("k", t0 + std::chrono::seconds(i));
  }
  EXPECT_TRUE(rl.Blocked("k", t0 + std::chrono::seconds(3)));
  EXPECT_FALSE(rl.Blocked("other", t0 + std::chrono::seconds(3)));
  EXPECT_EQ(rl.RetryAfterSeconds("k", t0 + std::chrono::seconds(10)), 50);
  // The first failure leaves the window at t0+60.
  EXPECT_FALSE(rl.Blocked("k", t0 + std::chrono::seconds(60)));
  rl.Reset("k");
  EXPECT_FALSE(rl.Blocked("k", t0 + std::chrono::seconds(4)));
}

}  // namespace
}  // namespace pl::server
