// Sign-in sessions: the store keeps a digest of each token; this keeps a cache of the live ones
// so that resolving a cookie costs no database round trip. Sessions end at an absolute expiry
// (ttl) or after `idle` without a request, whichever is first. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "server/api.h"
#include "store/store.h"

namespace pl::server {

class SessionManager {
 public:
  SessionManager(store::Store& store, const Clock& clock, std::chrono::minutes ttl,
                 std::chrono::minutes idle);

  struct Created {
    std::string token;  // goes to the client in the cookie; never stored
    Viewer viewer;
  };
  Result<Created> Create(const User& user);
  // Unauthenticated if the token names no live session.
  Result<Viewer> Resolve(std::string_view token);
  Status Destroy(std::string_view token);
  std::chrono::minutes ttl() const { return ttl_; }

 private:
  struct Entry {
    Viewer viewer;
    Timestamp expires_at;
    std::atomic<int64_t> last_seen_us;
  };
  Result<Viewer> Load(const std::string& digest, Timestamp now);
  void Forget(const std::string& digest);

  store::Store& store_;
  const Clock& clock_;
  const std::chrono::minutes ttl_, idle_;
  std::shared_mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<Entry>> cache_;  // guarded by mu_
};

}  // namespace pl::server
