// The Store implementation shared by both backends. SQL is written once where the two dialects
// agree; Dialect carries what differs (migrations, locking). Backends live in ../sqlite and
// ../postgres and only open connections and pick a Dialect.
#pragma once

#include <soci/connection-pool.h>
#include <soci/soci-backend.h>

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/time.h"
#include "network/snapshot.h"
#include "store/store.h"

namespace pl::store::internal {

struct Migration {
  int version;
  std::string description;
  std::vector<std::string> statements;  // executed in order, in one transaction
};

// One bound value of a bulk write.
struct Cell {
  std::string s;
  long long i = 0;  // the integer, or the bits of the double when `real`
  soci::indicator ind = soci::i_ok;
  bool real = false;  // a double in a TEXT column (written as its shortest decimal form)
  double Real() const { return std::bit_cast<double>(i); }
};

// Rows of cells, `is_int.size()` to a row, for bulk writes.
struct BulkRows {
  std::vector<bool> is_int;  // per column: BIGINT (true) or TEXT
  std::vector<Cell> cells;   // row-major
  size_t rows() const { return is_int.empty() ? 0 : cells.size() / is_int.size(); }
};

// Streams rows into `table` (columns listed as "a, b, c"): PostgreSQL's COPY.
using CopyIn = std::function<void(soci::session&, const std::string& table,
                                  const std::string& columns, const BulkRows& rows)>;

// Runs a one-row statement (placeholders :p0, :p1, ... in column order) once per row; returns
// the rows changed. SQLite's: its own API, binding by position.
using RunEach =
    std::function<int64_t(soci::session&, const std::string& one_row, const BulkRows& rows)>;

struct Dialect {
  std::string name;  // "sqlite" | "postgresql"
  std::vector<Migration> migrations;
  std::string migration_lock_sql;  // run first in each migration transaction; may be empty
  // Bulk writes: when copy_in is set, rows are streamed (COPY) — into the table, or into a
  // temporary table that one set-based statement then applies. Otherwise (SQLite, in process)
  // run_each re-executes a one-row prepared statement per row, which is fastest there.
  CopyIn copy_in;
  RunEach run_each;
  // Plain inserts without COPY (SQLite): many rows to a statement.
  CopyIn insert_rows;
  // The same with `suffix` after the VALUES list (an ON CONFLICT clause); returns the rows
  // inserted or changed.
  std::function<int64_t(soci::session&, const std::string& table, const std::string& columns,
                        const std::string& suffix, const BulkRows& rows)>
      upsert_rows;
  // A snapshot's ties into snapshot_edges, typed end to end (the largest bulk write there is):
  // PostgreSQL's binary COPY, SQLite's multi-row insert with values bound as they are.
  std::function<void(soci::session&, long long snapshot_id,
                     std::span<const network::SnapshotEdge> ties)>
      write_ties;
  // Deletes a snapshot's ties (its own table on PostgreSQL, its rows on SQLite).
  std::function<void(soci::session&, long long snapshot_id)> delete_ties;
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
  Result<std::vector<Person>> AllPeople(bool include_inactive) override;
  Result<Person> GetPerson(PersonId id) override;
  Result<std::optional<PersonId>> FindPersonByExternalId(std::string_view external_id) override;
  Result<std::vector<Team>> ListTeams() override;
  Result<std::vector<PersonId>> ReportingSubtree(PersonId manager) override;
  Result<std::vector<RosterEntry>> RosterIndex() override;
  Result<RosterApplyResult> ApplyRoster(const std::vector<RosterRecord>& records,
                                        const RosterApplyOptions& options) override;

  Result<std::unordered_map<std::string, PersonId>> PersonIdsByExternalId() override;
  Result<std::unordered_map<std::string, PersonId>> PersonIdsByEmail() override;
  using Store::AddInteractions;
  Result<InteractionApplyResult> AddInteractions(const InteractionRows& records,
                                                 std::string_view source,
                                                 const InteractionWriteOptions& options) override;
  Result<std::vector<graph::Interaction>> LoadInteractions(
      const std::optional<graph::Window>& window) override;
  Result<int64_t> DeleteInteractionsBefore(Timestamp before) override;

  Result<int64_t> SaveSnapshot(const network::Snapshot& snapshot) override;
  Result<std::vector<AccountLink>> ListAccountLinks(std::string_view platform) override;
  Result<int64_t> LinkAccounts(std::string_view platform,
                               const std::vector<AccountLink>& links) override;
  Result<int64_t> UnlinkAccounts(std::string_view platform,
                                 std::span<const std::string> accounts) override;
  Result<std::vector<SnapshotInfo>> ListSnapshots() override;
  Result<std::vector<PersonSnapshotRow>> PersonHistory(PersonId person, int limit) override;
  Result<std::optional<int64_t>> LatestSnapshotId() override;
  Result<network::Snapshot> LoadSnapshot(int64_t id) override;
  Result<int64_t> DeleteSnapshots(std::span<const int64_t> ids) override;
  Result<bool> SnapshotExists(int64_t id) override;

  Result<int64_t> SaveInstrument(const surveys::Instrument& instrument) override;
  Result<std::vector<InstrumentRecord>> ListInstruments() override;
  Result<InstrumentRecord> GetInstrument(int64_t id) override;
  Result<int64_t> CreateWave(const WaveRecord& wave) override;
  Result<WaveRecord> GetWave(int64_t id) override;
  Result<std::vector<WaveRecord>> ListWaves() override;
  Result<int64_t> ImportWave(const surveys::Instrument& instrument, const WaveRecord& wave,
                             const std::vector<SurveyResponseRecord>& responses, bool dry_run,
                             SurveyWriteResult* result) override;
  Result<std::vector<StoredResponse>> LoadSurveyResponses(int64_t wave_id) override;
  Status SaveSurveyDraft(int64_t wave_id, PersonId person, const SurveyDraft& draft) override;
  Result<std::optional<SurveyDraft>> GetSurveyDraft(int64_t wave_id, PersonId person) override;
  Result<bool> SubmitSurveyResponse(const SurveySubmission& submission) override;
  Result<int64_t> CreateSchedule(const ScheduleRecord& schedule) override;
  Result<std::vector<ScheduleRecord>> ListSchedules() override;
  Status SetScheduleActive(int64_t id, bool active) override;
  Result<std::optional<int64_t>> AdvanceSchedule(int64_t schedule_id, Timestamp expected_next,
                                                 Timestamp new_next,
                                                 const WaveRecord* wave) override;
  Result<std::vector<std::tuple<PersonId, std::string, int>>> AllPersonSkills() override;
  Result<std::vector<std::pair<std::string, std::string>>> SkillParents() override;
  Result<int64_t> ApplySkillTaxonomy(
      const std::vector<std::pair<std::string, std::string>>& skill_parent) override;
  Status SetLearningGoals(PersonId person, const std::vector<LearningGoal>& goals,
                          Timestamp now) override;
  Result<std::vector<std::pair<PersonId, LearningGoal>>> LearningGoals(
      std::optional<PersonId> person) override;
  Status SaveMentoringOptIn(const MentoringOptIn& optin) override;
  Status RemoveMentoringOptIn(PersonId person, const std::string& role) override;
  Result<std::vector<MentoringOptIn>> ListMentoringOptIns() override;
  Status ReplaceMentoringProposals(const std::vector<MentoringPair>& proposals) override;
  Result<std::vector<MentoringPair>> ListMentoringPairs() override;
  Status SetMentoringPairStatus(int64_t id, const std::string& status) override;
  Status RateMentoringPair(int64_t id, double rating) override;
  Status ExcludeMentoringPair(PersonId a, PersonId b, const std::string& reason) override;
  Result<std::vector<std::pair<PersonId, PersonId>>> MentoringExclusions() override;
  Result<int64_t> CreateChallenge(const ChallengeRecord& challenge) override;
  Result<std::vector<ChallengeRecord>> ListChallenges() override;
  Status SetChallengeStatus(int64_t id, const std::string& status) override;
  Status SaveCircleSignup(const CircleSignup& signup) override;
  Result<std::vector<CircleSignup>> ListCircleSignups() override;
  Status PinToChallenge(PersonId person, int64_t challenge_id, bool pinned) override;
  Result<std::vector<std::pair<PersonId, int64_t>>> CirclePins() override;
  Result<std::vector<int64_t>> ReplaceCircleProposals(
      const std::vector<CircleRecord>& proposals) override;
  Result<std::vector<CircleRecord>> ListCircles() override;
  Status SetCircleStatus(int64_t id, const std::string& status, Timestamp now) override;
  Status SaveCircleLife(int64_t id, int cadence_days, const std::vector<std::string>& checklist,
                        const std::string& summary) override;
  Result<int64_t> AddCircleMeeting(const CircleMeeting& meeting) override;
  Result<std::vector<CircleMeeting>> ListCircleMeetings(int64_t circle_id) override;
  Result<int64_t> EnqueueMessages(const std::vector<OutboxMessage>& messages) override;
  Result<std::vector<OutboxMessage>> WaveMessages(int64_t wave_id) override;
  Result<std::vector<OutboxMessage>> PendingMessages(int max_attempts, int limit) override;
  Status RecordDelivery(int64_t message_id, const std::string& error, Timestamp now,
                        bool give_up) override;
  Result<OutboxSummary> SummariseOutbox(int64_t wave_id, int max_attempts) override;
  Result<std::vector<PersonId>> SurveyCompletions(int64_t wave_id) override;

  Result<UserId> CreateUser(const User& user) override;
  Result<User> GetUser(UserId id) override;
  Result<User> FindUser(std::string_view username) override;
  Result<int64_t> CountUsers() override;
  Status CreateSession(const Session& session) override;
  Result<Session> GetSession(std::string_view token_hash) override;
  Status DeleteSession(std::string_view token_hash) override;
  Result<int64_t> DeleteExpiredSessions(Timestamp now) override;
  Status AppendAudit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ListAudit(const AuditQuery& query) override;
  using Store::ListAudit;
  Result<int64_t> DeleteAuditBefore(Timestamp before) override;
  Result<bool> ClaimJob(std::string_view job, std::string_view holder, Timestamp now,
                        Timestamp until) override;
  Status ReleaseJob(std::string_view job, std::string_view holder) override;

 private:
  std::unique_ptr<soci::connection_pool> pool_;
  Dialect dialect_;
  const Clock& clock_;
};

// Maps a SOCI/driver exception text to a Status: unique violations become AlreadyExists,
// foreign-key violations InvalidArgument, lost connections Unavailable, the rest Internal.
Status FromDatabaseError(std::string_view what, std::string_view message);

}  // namespace pl::store::internal
