#include "server/sessions.h"

#include <mutex>

#include "server/security.h"

namespace pl::server {
namespace {
int64_t Us(Timestamp t) { return t.time_since_epoch().count(); }
}  // namespace

SessionManager::SessionManager(store::Store& store, const Clock& clock, std::chrono::minutes ttl,
                               std::chrono::minutes idle)
    : store_(store), clock_(clock), ttl_(ttl), idle_(idle) {}

Result<SessionManager::Created> SessionManager::Create(const User& user) {
  Timestamp now = clock_.Now();
  std::string token = RandomToken(32);
  Session s{DigestToken(token), user.id, RandomToken(24), now, now + ttl_};
  RETURN_IF_ERROR(store_.CreateSession(s));
  (void)store_.DeleteExpiredSessions(now);  // housekeeping; failure is harmless
  ASSIGN_OR_RETURN(Viewer v, Load(s.token_hash, now));
  return Created{token, v};
}

Result<Viewer> SessionManager::Load(const std::string& digest, Timestamp now) {
  auto session = store_.GetSession(digest);
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kNotFound) return Unauthenticated("not signed in");
    return session.status();
  }
  if (session->expires_at <= now) {
    (void)store_.DeleteSession(digest);
    return Unauthenticated("the session has expired; sign in again");
  }
  ASSIGN_OR_RETURN(User user, store_.GetUser(session->user_id));
  if (user.disabled) return Unauthenticated("this account is disabled");
  Viewer v{user.id, user.username, user.role, user.person_id, "", digest, session->csrf_token};
  if (user.person_id.valid()) {
    if (auto p = store_.GetPerson(user.person_id); p.ok()) v.person_name = p->name;
  }
  auto entry = std::make_unique<Entry>();
  entry->viewer = v;
  entry->expires_at = session->expires_at;
  entry->last_seen_us = Us(now);
  std::unique_lock lock(mu_);
  if (cache_.size() > 50000) {
    for (auto it = cache_.begin(); it != cache_.end();) {
      it = it->second->expires_at <= now ? cache_.erase(it) : std::next(it);
    }
  }
  cache_[digest] = std::move(entry);
  return v;
}

Result<Viewer> SessionManager::Resolve(std::string_view token) {
  if (token.empty() || token.size() > 128) return Unauthenticated("not signed in");
  std::string digest = DigestToken(token);
  Timestamp now = clock_.Now();
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(digest);
    if (it != cache_.end()) {
      Entry& e = *it->second;
      bool idle = Us(now) - e.last_seen_us.load(std::memory_order_relaxed) >
                  std::chrono::duration_cast<std::chrono::microseconds>(idle_).count();
      if (e.expires_at > now && !idle) {
        e.last_seen_us.store(Us(now), std::memory_order_relaxed);
        return e.viewer;
      }
      lock.unlock();
      Forget(digest);
      (void)store_.DeleteSession(digest);
      return Unauthenticated(idle ? "the session was idle too long; sign in again"
                                  : "the session has expired; sign in again");
    }
  }
  return Load(digest, now);
}

void SessionManager::Forget(const std::string& digest) {
  std::unique_lock lock(mu_);
  cache_.erase(digest);
}

Status SessionManager::Destroy(std::string_view token) {
  std::string digest = DigestToken(token);
  Forget(digest);
  return store_.DeleteSession(digest);
}

}  // namespace pl::server
