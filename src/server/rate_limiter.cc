#include "server/rate_limiter.h"

namespace pl::server {

void RateLimiter::Prune(std::deque<Timestamp>& q, Timestamp now) {
  while (!q.empty() && q.front() <= now - window_) q.pop_front();
}

bool RateLimiter::Blocked(const std::string& key, Timestamp now) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return false;
  Prune(it->second, now);
  return static_cast<int>(it->second.size()) >= max_failures_;
}

int64_t RateLimiter::RetryAfterSeconds(const std::string& key, Timestamp now) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  Prune(it->second, now);
  if (static_cast<int>(it->second.size()) < max_failures_) return 0;
  auto left = it->second.front() + window_ - now;
  return std::max<int64_t>(1, std::chrono::ceil<std::chrono::seconds>(left).count());
}

void RateLimiter::RecordFailure(const std::string& key, Timestamp now) {
  std::lock_guard lock(mu_);
  auto& q = failures_[key];
  Prune(q, now);
  q.push_back(now);
  if (failures_.size() > 100000) {  // bound memory under a spray of keys
    for (auto it = failures_.begin(); it != failures_.end();) {
      Prune(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
  }
}

void RateLimiter::Reset(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
}

}  // namespace pl::server
