// The Store implementation shared by both backends. SQL is written once where the two dialects
// agree; Dialect carries what differs (migrations, locking). Backends live in ../sqlite and
// ../postgres and only open connections and pick a Dialect.
#pragma once

#include <soci/connection-pool.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/time.h"
#include "store/store.h"

namespace pl::store::internal {

struct Migration {
  int version;
  std::string description;
  std::vector<std::string> statements;  // executed in order, in one transaction
};

struct Dialect {
  std::string name;                 // "sqlite" | "postgresql"
  std::vector<Migration> migrations;
  std::string migration_lock_sql;   // run first in each migration transaction; may be empty
  // Bulk writes: rows per multi-row statement. PostgreSQL gains from fewer round trips; SQLite
  // (in process) is fastest re-executing a one-row prepared statement (1).
  size_t rows_per_statement = 1;
};

class SociStore final : public Store {
 public:
  // Takes ownership of an open pool of `pool_size` connections.
  SociStore(std::unique_ptr<soci::connection_pool> pool, Dialect dialect, const Clock& clock);
  ~SociStore() override;

  std::string_view Backend() const override { return dialect_.name; }
  Result<int> Migrate() override;
  Result<int> SchemaVersion() override;

  Result<PeoplePage> ListPeople(const PeopleQuery& query) override;
  Result<Person> GetPerson(PersonId id) override;
  Result<std::optional<PersonId>> FindPersonByExternalId(std::string_view external_id) override;
  Result<std::vector<Team>> ListTeams() override;
  Result<std::vector<PersonId>> ReportingSubtree(PersonId manager) override;
  Result<std::vector<RosterEntry>> RosterIndex() override;
  Result<RosterApplyResult> ApplyRoster(const std::vector<RosterRecord>& records,
                                        const RosterApplyOptions& options) override;

  Result<UserId> CreateUser(const User& user) override;
  Result<User> GetUser(UserId id) override;
  Result<User> FindUser(std::string_view username) override;
  Result<int64_t> CountUsers() override;
  Status CreateSession(const Session& session) override;
  Result<Session> GetSession(std::string_view token_hash) override;
  Status DeleteSession(std::string_view token_hash) override;
  Result<int64_t> DeleteExpiredSessions(Timestamp now) override;
  Status AppendAudit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ListAudit(int limit) override;

 private:
  std::unique_ptr<soci::connection_pool> pool_;
  Dialect dialect_;
  const Clock& clock_;
};

// Maps a SOCI/driver exception text to a Status: unique violations become AlreadyExists,
// foreign-key violations InvalidArgument, lost connections Unavailable, the rest Internal.
Status FromDatabaseError(std::string_view what, std::string_view message);

}  // namespace pl::store::internal
