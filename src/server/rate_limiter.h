// Counts failures per key (an account, a client address) in a sliding window. Thread-safe.
//
//   if (limiter.Blocked("user:ada", now)) return ResourceExhausted(...);
//   if (!ok) limiter.RecordFailure("user:ada", now); else limiter.Reset("user:ada");
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/time.h"

namespace pl::server {

class RateLimiter {
 public:
  RateLimiter(int max_failures, std::chrono::seconds window)
      : max_failures_(max_failures), window_(window) {}

  // True if `key` has max_failures or more failures within the window before `now`.
  bool Blocked(const std::string& key, Timestamp now);
  // Seconds until the oldest failure leaves the window (0 if not blocked).
  int64_t RetryAfterSeconds(const std::string& key, Timestamp now);
  void RecordFailure(const std::string& key, Timestamp now);
  void Reset(const std::string& key);

 private:
  void Prune(std::deque<Timestamp>& q, Timestamp now);

  const int max_failures_;
  const std::chrono::seconds window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<Timestamp>> failures_;  // guarded by mu_
};

}  // namespace pl::server
