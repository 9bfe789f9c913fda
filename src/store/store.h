// The Store: every read and write of peerlearn's data goes through this interface. Two backends
// implement it, SQLite (the embedded default) and PostgreSQL (production), chosen by URL:
//
//   ASSIGN_OR_RETURN(std::unique_ptr<pl::store::Store> store, pl::store::Open("sqlite:pl.db"));
//   RETURN_IF_ERROR(store->Migrate());
//   ASSIGN_OR_RETURN(auto page, store->ListPeople({.search = "ana"}));
//
// Thread safety: a Store may be used from many threads at once; each call takes a connection
// from an internal pool. Every call either completes or leaves the data as it was.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/domain.h"
#include "core/status.h"
#include "graph/graph.h"
#include "network/snapshot.h"
#include "surveys/instrument.h"

namespace pl::store {

// Which audit log entries to read.
struct AuditQuery {
  int limit = 100;
  int64_t before_id = 0;                  // only entries older than this one (0: from the newest)
  std::string action_prefix;              // e.g. "network." or "user.login"; empty: every action
  std::string target;                     // exactly, e.g. "person:7"; empty: every target
  std::optional<UserId> user;             // only what this user did
  std::optional<Timestamp> since, until;  // only entries at or after `since`, before `until`
};

struct PeopleQuery {
  std::string search;  // case-insensitive substring of name, title, e-mail or team path
  std::optional<PersonId> manager;     // only direct reports of this person
  bool roots_only = false;             // only people without a manager (tops of the org chart)
  std::optional<PersonId> subtree_of;  // only people reporting to this person, at any depth
  bool include_inactive = false;
  int limit = 50;  // 1..1000
  int offset = 0;
};

struct PersonRow {
  Person person;  // skills are not filled in lists
  int direct_reports = 0;
};

struct PeoplePage {
  std::vector<PersonRow> people;
  int64_t total = 0;  // matches before limit/offset
};

// One validated roster row, by external ids (the store resolves them to its own ids).
struct RosterRecord {
  std::string external_id;
  std::string name;
  std::string email;
  std::string title;
  int level = 0;
  std::string team_path;  // "" for none; "Dept/Team" creates both levels
  std::string manager_external_id;
  std::optional<Date> hire_date;
  std::string location;
  std::string timezone;
  std::vector<PersonSkill> skills;
};

// What the roster currently holds, for validating an import against it.
struct RosterEntry {
  std::string external_id;
  std::string manager_external_id;
  bool active = true;
  std::string email;  // "" for none
};

struct RosterApplyOptions {
  bool sync = false;     // deactivate active people absent from the records
  bool dry_run = false;  // compute the counts, then roll back
};

// One interaction to store, between two people already in the store.
struct InteractionRecord {
  PersonId src;
  PersonId dst;
  graph::Layer layer = graph::Layer::kReply;
  Timestamp ts;
  double weight = 1.0;
  std::string context;  // where: a channel or project id; never message text
};

// An interaction as the store reads it from InteractionRows: the record's fields, the context
// viewed where the rows keep it.
struct InteractionRef {
  PersonId src;
  PersonId dst;
  graph::Layer layer = graph::Layer::kReply;
  Timestamp ts;
  double weight = 1.0;
  std::string_view context;
};

// Interactions to store, read one at a time, by position: a vector of records
// (RecordRows), or rows kept in a compact form of their own (a chat import's aggregated rows,
// which are not copied into records first).
class InteractionRows {
 public:
  virtual ~InteractionRows() = default;
  virtual size_t size() const = 0;
  // Row i, 0 <= i < size(); the context valid while the rows are.
  virtual InteractionRef at(size_t i) const = 0;
};

class RecordRows final : public InteractionRows {
 public:
  explicit RecordRows(const std::vector<InteractionRecord>& records) : records_(records) {}
  size_t size() const override { return records_.size(); }
  InteractionRef at(size_t i) const override {
    const InteractionRecord& r = records_[i];
    return {r.src, r.dst, r.layer, r.ts, r.weight, r.context};
  }

 private:
  const std::vector<InteractionRecord>& records_;
};

// What to do with an interaction whose people, layer, time and context are already stored.
enum class OnDuplicate {
  kSkip,        // keep the stored one (single events: the same event imported twice)
  kKeepLarger,  // keep the larger weight (daily counts: a later export of the same day saw more)
};

struct InteractionWriteOptions {
  OnDuplicate on_duplicate = OnDuplicate::kSkip;
  bool dry_run = false;  // compute the counts, then roll back
  // Interactions from before this are not written (the retention, `interactions_keep_days`),
  // only counted (`too_old`).
  std::optional<Timestamp> not_before;
};

struct InteractionApplyResult {
  int64_t added = 0;
  int64_t updated = 0;     // stored with a smaller weight, raised (kKeepLarger only)
  int64_t duplicates = 0;  // already stored as they are
  int64_t too_old = 0;     // from before `not_before`: not written
};

// A chat-platform account linked to a person by an admin (see LinkAccounts).
struct AccountLink {
  std::string account;  // as imports keep it: pseudonymised when they pseudonymise
  PersonId person;
  Timestamp linked_at;
};

// A stored snapshot's headline, for listing.
struct SnapshotInfo {
  int64_t id = 0;
  Timestamp taken_at;
  std::optional<graph::Window> window;
  nlohmann::json summary;
  nlohmann::json params;  // the settings it was analysed with (network::ParamsJson)
};

// One person's row in a snapshot that has them (PersonHistory).
struct PersonSnapshotRow {
  int64_t snapshot_id = 0;
  Timestamp taken_at;
  std::optional<graph::Window> window;
  int64_t people = 0;              // people in the snapshot
  int64_t fewer_askers = 0;        // of them, how many have fewer distinct askers (in-degree)
  network::SnapshotPerson person;  // their metrics (x, y and the rest as stored)
  nlohmann::json findings;         // the snapshot's findings, for what they name the person
  nlohmann::json params;           // the settings the snapshot was analysed with
};

// --- surveys ---

struct InstrumentRecord {
  int64_t id = 0;
  surveys::Instrument instrument;
};

// A wave: an instrument sent to a population between two times.
struct WaveRecord {
  int64_t id = 0;  // set by the store
  int64_t instrument_id = 0;
  std::string title;
  Timestamp opens_at;
  Timestamp closes_at;
  int k = 5;                       // anonymity threshold for this wave's results (at least 3)
  std::string source = "web";      // "web" or "import"
  std::string import_fingerprint;  // imports: the file's fingerprint, so it is not loaded twice
  // Who is invited: people whose team path is one of these or below one; empty = everyone.
  std::vector<std::string> population;
  // Web waves: reminders to those who have not answered, this many days before closing.
  std::vector<int> reminder_days_before = {3, 1};
  int64_t schedule_id = 0;  // the recurring schedule that opened it; 0 = none
};

// A recurring wave: the instrument sent to the population every `every_days`, open `open_days`.
struct ScheduleRecord {
  int64_t id = 0;  // set by the store
  int64_t instrument_id = 0;
  std::string title;  // each wave is titled "<title>, <opening date>"
  std::vector<std::string> population;
  int k = 5;
  int every_days = 42;
  int open_days = 14;
  std::vector<int> reminder_days_before = {3, 1};
  Timestamp next_opens_at;
  bool active = true;
};

// A message waiting to be sent (or sent): an invitation or a reminder to one person for a wave.
// (wave, person, kind, sequence) is unique, so planning the same message twice stores it once.
struct OutboxMessage {
  int64_t id = 0;  // set by the store
  int64_t wave_id = 0;
  PersonId person;
  std::string kind;       // "invitation" or "reminder"
  int sequence = 0;       // 0 for invitations; reminders 1, 2, ...
  std::string recipient;  // e-mail address; empty if the person has none
  std::string subject;
  std::string body;
  Timestamp created_at;
  std::optional<Timestamp> sent_at;
  int attempts = 0;
  std::string last_error;
  bool given_up = false;
};

struct OutboxSummary {
  int64_t pending = 0;  // not sent yet, still to be tried
  int64_t sent = 0;
  int64_t failed = 0;  // given up: undeliverable, or the maximum attempts reached
};

// One respondent's answers to a wave's items (in the instrument's item order, NaN = none).
struct SurveyResponseRecord {
  std::optional<PersonId> respondent;  // never stored for an anonymous instrument
  std::string group;                   // the reporting group: a team path or an import's group
  std::vector<double> answers;
  Timestamp submitted_at;
};

// Free-text answers: question id -> text. Kept with the answers row, never with a respondent's
// name in an anonymous wave.
using SurveyComments = std::map<std::string, std::string>;

struct StoredResponse {
  std::optional<PersonId> respondent;  // empty for anonymous waves
  std::string group;
  std::vector<double> answers;
  int64_t submitted_day = 0;  // days since 1970-01-01 (submission times are kept to the day)
  SurveyComments comments;
};

struct SurveyDraft {
  std::vector<double> answers;
  Timestamp updated_at;
  SurveyComments comments;
};

// A submission through the app. For an anonymous instrument `edit_key` (a hash of a receipt only
// the respondent holds) is stored with the answers instead of the respondent; submitting again
// with the same key replaces those answers.
struct SurveySubmission {
  int64_t wave_id = 0;
  PersonId person;
  std::string group;
  std::vector<double> answers;
  std::string edit_key;
  Timestamp now;
  SurveyComments comments;
};

struct SurveyWriteResult {
  int64_t responses = 0;
  int64_t completions = 0;  // "who completed" rows (anonymous waves with known respondents)
};

// --- mentoring ---

// A person's opt-in to the mentoring programme, as a mentee (goals) or a mentor (offers).
struct MentoringOptIn {
  PersonId person;
  std::string role;                                // "mentee" or "mentor"
  std::vector<std::pair<std::string, int>> goals;  // mentee: skill name, target level 1..4
  std::vector<std::string> offers;                 // mentor: skill names
  int capacity = 0;                                // mentor: mentees at once
  Timestamp updated_at;
  std::string network;  // mentee: "bridge", "familiar", or "" for the programme's default
};

// A skill a person wants to grow, and the level they aim for (1..4).
struct LearningGoal {
  std::string skill;
  int target = 3;
};

// A pairing: proposed by the matcher, approved by an admin, ended with the mentee's rating.
struct MentoringPair {
  int64_t id = 0;
  PersonId mentee, mentor;
  std::string status;  // "proposed", "approved", "ended"
  double score = 0;
  std::string explanation;
  std::optional<double> rating;  // 1..5 once rated
  Timestamp created_at;
  // Other good mentors for the mentee when proposed: (mentor, explanation), best first.
  std::vector<std::pair<PersonId, std::string>> alternatives;
};

// --- learning circles ---

// A business challenge a circle works on, posted by an admin for a sponsor.
struct ChallengeRecord {
  int64_t id = 0;
  std::string title, problem;
  std::vector<std::string> skills;  // skill names the challenge needs
  PersonId sponsor;                 // invalid when none
  std::string status = "open";      // "open" (taking sign-ups) or "closed"
  Timestamp created_at;
};

// A volunteer's sign-up: the challenges they would join, first choice first. Participation is
// voluntary: nobody is placed on a challenge they did not rank unless an admin pinned them.
struct CircleSignup {
  PersonId person;
  std::vector<int64_t> preferences;  // challenge ids
  bool facilitator = false;          // has facilitated a group before and will again
  int max_circles = 1;               // 1 to 3
  Timestamp updated_at;
};

struct CircleMember {
  PersonId person;
  std::string role = "member";  // "member" or "facilitator"
};

// A circle: proposed by formation, started (active) by an admin, closed when done. Its life —
// the cadence, the facilitator's checklist, the "what did we learn" summary — is kept with it.
struct CircleRecord {
  int64_t id = 0, challenge_id = 0;
  std::string status = "proposed";  // "proposed", "active", "closed"
  std::vector<CircleMember> members;
  std::string score;  // the formation's score breakdown, a JSON object
  std::string explanation;
  int cadence_days = 7;
  std::vector<std::string> checklist;  // keys of the checklist items done
  std::string summary;                 // what the circle learned
  Timestamp created_at;
  std::optional<Timestamp> started_at;
};

struct CircleMeeting {
  int64_t id = 0, circle_id = 0;
  Timestamp held_on;
  std::string notes;
  std::vector<std::string> takeaways;
  PersonId logged_by;
  Timestamp created_at;
};

struct RosterApplyResult {
  int64_t added = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t reactivated = 0;
  int64_t deactivated = 0;
  int64_t teams_added = 0;
  int64_t skills_added = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // "sqlite" or "postgresql".
  virtual std::string_view Backend() const = 0;

  // Applies pending migrations in order, each in its own transaction; returns the schema version.
  // Safe to call from several processes at once.
  virtual Result<int> Migrate() = 0;
  virtual Result<int> SchemaVersion() = 0;

  // --- people, teams, skills ---
  virtual Result<PeoplePage> ListPeople(const PeopleQuery& query) = 0;
  // Everyone (skills not filled), ordered by id: for analyses and exports.
  virtual Result<std::vector<Person>> AllPeople(bool include_inactive) = 0;
  // Fills skills. NotFound if there is no such person.
  virtual Result<Person> GetPerson(PersonId id) = 0;
  virtual Result<std::optional<PersonId>> FindPersonByExternalId(std::string_view external_id) = 0;
  virtual Result<std::vector<Team>> ListTeams() = 0;
  // Everyone who reports to `manager`, directly or not (not the manager).
  virtual Result<std::vector<PersonId>> ReportingSubtree(PersonId manager) = 0;
  virtual Result<std::vector<RosterEntry>> RosterIndex() = 0;
  // Writes the roster in one transaction: upserts by external id, writing only rows that differ;
  // links managers; replaces changed skill sets; with `sync`, deactivates the absent.
  virtual Result<RosterApplyResult> ApplyRoster(const std::vector<RosterRecord>& records,
                                                const RosterApplyOptions& options) = 0;

  // --- interactions ---
  // Every person's id by employee id (active or not).
  virtual Result<std::unordered_map<std::string, PersonId>> PersonIdsByExternalId() = 0;
  // Every person's id by e-mail, lower-cased (people without an e-mail are left out).
  virtual Result<std::unordered_map<std::string, PersonId>> PersonIdsByEmail() = 0;
  // Adds interactions in one transaction; ones already stored are counted, not added again
  // (or raised, see OnDuplicate). `records` must not repeat a key. `source` names where they
  // came from ("csv", "slack", ...).
  virtual Result<InteractionApplyResult> AddInteractions(
      const InteractionRows& rows, std::string_view source,
      const InteractionWriteOptions& options) = 0;
  Result<InteractionApplyResult> AddInteractions(const std::vector<InteractionRecord>& records,
                                                 std::string_view source,
                                                 const InteractionWriteOptions& options) {
    return AddInteractions(RecordRows(records), source, options);
  }
  // Chat-platform accounts ("slack" or "teams") linked to people, by account.
  virtual Result<std::vector<AccountLink>> ListAccountLinks(std::string_view platform) = 0;
  // Links accounts to people in one transaction (an account linked before is linked anew);
  // NotFound naming the first person not stored, and nothing written. Returns the links that
  // were new or changed.
  virtual Result<int64_t> LinkAccounts(std::string_view platform,
                                       const std::vector<AccountLink>& links) = 0;
  // Removes the accounts' links; returns how many there were.
  virtual Result<int64_t> UnlinkAccounts(std::string_view platform,
                                         std::span<const std::string> accounts) = 0;
  // Stored interactions with person ids as graph ids, within `window` when given.
  virtual Result<std::vector<graph::Interaction>> LoadInteractions(
      const std::optional<graph::Window>& window) = 0;
  // Deletes the interactions from before `before` (their time, not when they were imported);
  // how many there were.
  virtual Result<int64_t> DeleteInteractionsBefore(Timestamp before) = 0;

  // --- network snapshots ---
  // Stores a snapshot in one transaction; returns its id. Its people must be in the store.
  virtual Result<int64_t> SaveSnapshot(const network::Snapshot& snapshot) = 0;
  // Newest first.
  virtual Result<std::vector<SnapshotInfo>> ListSnapshots() = 0;
  // The newest snapshot's id (nullopt when there is none), without reading any snapshot.
  virtual Result<std::optional<int64_t>> LatestSnapshotId() = 0;
  // Whether snapshot `id` is stored, without reading it.
  virtual Result<bool> SnapshotExists(int64_t id) = 0;
  // NotFound if there is no such snapshot.
  virtual Result<network::Snapshot> LoadSnapshot(int64_t id) = 0;
  // The person's rows in the newest `limit` snapshots that have them, oldest first (none: an
  // empty list), without reading the snapshots' other people or ties.
  virtual Result<std::vector<PersonSnapshotRow>> PersonHistory(PersonId person, int limit) = 0;
  // Deletes the snapshots (their people, teams and ties) in one transaction; NotFound naming
  // the first unknown id, and nothing deleted, if any is not stored. Returns the ties deleted.
  virtual Result<int64_t> DeleteSnapshots(std::span<const int64_t> ids) = 0;

  // --- surveys ---
  // Stores an instrument definition; returns its id. Storing the same definition again returns
  // the existing id; a different definition under a stored (key, version) is AlreadyExists.
  virtual Result<int64_t> SaveInstrument(const surveys::Instrument& instrument) = 0;
  virtual Result<std::vector<InstrumentRecord>> ListInstruments() = 0;
  // NotFound if there is no such instrument.
  virtual Result<InstrumentRecord> GetInstrument(int64_t id) = 0;
  // InvalidArgument for an unknown instrument, closes_at before opens_at or k below 3;
  // AlreadyExists if an import with the same fingerprint was already stored.
  virtual Result<int64_t> CreateWave(const WaveRecord& wave) = 0;
  virtual Result<WaveRecord> GetWave(int64_t id) = 0;
  // Newest first.
  virtual Result<std::vector<WaveRecord>> ListWaves() = 0;
  // Stores the instrument (as SaveInstrument), creates the wave for it (wave.instrument_id is
  // ignored) and stores its responses, all in one transaction (an import); returns the wave's
  // id. For an anonymous instrument, answers are stored under random ids with no
  // respondent and the submission day only, and who responded goes to a separate table that
  // cannot be joined to the answers.
  virtual Result<int64_t> ImportWave(const surveys::Instrument& instrument, const WaveRecord& wave,
                                     const std::vector<SurveyResponseRecord>& responses,
                                     bool dry_run, SurveyWriteResult* result) = 0;
  // Every response of the wave, in a random-id order that says nothing about submission order.
  virtual Result<std::vector<StoredResponse>> LoadSurveyResponses(int64_t wave_id) = 0;
  // A person's unsubmitted answers (nullopt if none); saving replaces them.
  virtual Status SaveSurveyDraft(int64_t wave_id, PersonId person, const SurveyDraft& draft) = 0;
  virtual Result<std::optional<SurveyDraft>> GetSurveyDraft(int64_t wave_id, PersonId person) = 0;
  // Stores a submission and deletes the person's draft, in one transaction. Confidential and
  // attributed: one row per person, replaced on resubmission. Anonymous: the completion and the
  // answers go to separate tables; the answers row gets a random id and the day only, and the
  // wave's other answer rows (up to 200, chosen at random) are rewritten in the same
  // transaction, so neither write order nor transaction ids pair a completion with its answers.
  // A second anonymous submission needs the first one's edit key: FailedPrecondition otherwise.
  // Returns true when it replaced an earlier submission.
  virtual Result<bool> SubmitSurveyResponse(const SurveySubmission& submission) = 0;
  // Who has submitted (confidential: respondents; anonymous: completions).
  virtual Result<std::vector<PersonId>> SurveyCompletions(int64_t wave_id) = 0;
  // Recurring schedules. InvalidArgument for an unknown instrument, every_days < 1, open_days
  // outside 1..every_days or k below 3.
  virtual Result<int64_t> CreateSchedule(const ScheduleRecord& schedule) = 0;
  virtual Result<std::vector<ScheduleRecord>> ListSchedules() = 0;
  // NotFound if there is no such schedule.
  virtual Status SetScheduleActive(int64_t id, bool active) = 0;
  // Moves the schedule's next opening from `expected_next` to `new_next` and, when `wave` is
  // given, creates that wave (its schedule_id set), in one transaction. Returns the wave's id,
  // 0 when no wave was given, or nullopt when the schedule's next opening was no longer
  // `expected_next` (another run got there first: nothing is written).
  virtual Result<std::optional<int64_t>> AdvanceSchedule(int64_t schedule_id,
                                                         Timestamp expected_next,
                                                         Timestamp new_next,
                                                         const WaveRecord* wave) = 0;

  // --- skills and mentoring ---
  // Every (person, skill name, level) of active people.
  virtual Result<std::vector<std::tuple<PersonId, std::string, int>>> AllPersonSkills() = 0;
  // Every skill with its parent's name ("" for a root).
  virtual Result<std::vector<std::pair<std::string, std::string>>> SkillParents() = 0;
  // Adds the skills not stored yet and sets every listed skill's parent ("" = a root), in one
  // transaction; returns how many skills were added. InvalidArgument if the result would have a
  // cycle (nothing is written).
  virtual Result<int64_t> ApplySkillTaxonomy(
      const std::vector<std::pair<std::string, std::string>>& skill_parent) = 0;
  // Replaces the person's learning goals (at most 10, each skill once, targets 1..4, names of
  // 1..80 bytes); InvalidArgument otherwise, NotFound for an unknown person.
  virtual Status SetLearningGoals(PersonId person, const std::vector<LearningGoal>& goals,
                                  Timestamp now) = 0;
  // One person's goals in their order, or (no person) every active person's.
  virtual Result<std::vector<std::pair<PersonId, LearningGoal>>> LearningGoals(
      std::optional<PersonId> person) = 0;
  // Adds or replaces an opt-in (one per person and role); NotFound for an unknown person.
  virtual Status SaveMentoringOptIn(const MentoringOptIn& optin) = 0;
  virtual Status RemoveMentoringOptIn(PersonId person, const std::string& role) = 0;
  virtual Result<std::vector<MentoringOptIn>> ListMentoringOptIns() = 0;
  // Replaces every proposed pair with these (approved and ended pairs stay), in one transaction.
  virtual Status ReplaceMentoringProposals(const std::vector<MentoringPair>& proposals) = 0;
  virtual Result<std::vector<MentoringPair>> ListMentoringPairs() = 0;
  // proposed -> approved -> ended; FailedPrecondition for any other step, NotFound for no pair.
  virtual Status SetMentoringPairStatus(int64_t id, const std::string& status) = 0;
  // The mentee's rating (1..5) of an approved or ended pair.
  virtual Status RateMentoringPair(int64_t id, double rating) = 0;
  // Two people never to be paired (stored with the smaller id first); NotFound for no person.
  virtual Status ExcludeMentoringPair(PersonId a, PersonId b, const std::string& reason) = 0;
  virtual Result<std::vector<std::pair<PersonId, PersonId>>> MentoringExclusions() = 0;

  // --- learning circles ---
  // InvalidArgument for an empty or over-long title (200) or problem (4000); NotFound for an
  // unknown sponsor.
  virtual Result<int64_t> CreateChallenge(const ChallengeRecord& challenge) = 0;
  virtual Result<std::vector<ChallengeRecord>> ListChallenges() = 0;
  // "open" <-> "closed"; NotFound for no challenge.
  virtual Status SetChallengeStatus(int64_t id, const std::string& status) = 0;
  // Replaces the person's sign-up; no preferences withdraws it. InvalidArgument for a repeated,
  // unknown or closed challenge or max_circles outside 1..3; NotFound for an unknown person.
  virtual Status SaveCircleSignup(const CircleSignup& signup) = 0;
  virtual Result<std::vector<CircleSignup>> ListCircleSignups() = 0;
  // An admin's pin: the person must be in a circle on the challenge (pinned = false removes it).
  virtual Status PinToChallenge(PersonId person, int64_t challenge_id, bool pinned) = 0;
  virtual Result<std::vector<std::pair<PersonId, int64_t>>> CirclePins() = 0;
  // Replaces every proposed circle with these (active and closed circles stay), in one
  // transaction; returns the new circles' ids in order.
  virtual Result<std::vector<int64_t>> ReplaceCircleProposals(
      const std::vector<CircleRecord>& proposals) = 0;
  virtual Result<std::vector<CircleRecord>> ListCircles() = 0;
  // proposed -> active (started at `now`) -> closed; FailedPrecondition for any other step.
  virtual Status SetCircleStatus(int64_t id, const std::string& status, Timestamp now) = 0;
  // The circle's cadence (1..62 days), checklist items done and summary (up to 8000 characters).
  virtual Status SaveCircleLife(int64_t id, int cadence_days,
                                const std::vector<std::string>& checklist,
                                const std::string& summary) = 0;
  // A meeting of an active circle; FailedPrecondition otherwise. Returns its id.
  virtual Result<int64_t> AddCircleMeeting(const CircleMeeting& meeting) = 0;
  // The circle's meetings, most recent first.
  virtual Result<std::vector<CircleMeeting>> ListCircleMeetings(int64_t circle_id) = 0;

  // --- outbox ---
  // Stores the messages not stored yet (by wave, person, kind, sequence); returns how many.
  virtual Result<int64_t> EnqueueMessages(const std::vector<OutboxMessage>& messages) = 0;
  // Every message of a wave, sent or not, by id.
  virtual Result<std::vector<OutboxMessage>> WaveMessages(int64_t wave_id) = 0;
  // Unsent messages tried fewer than `max_attempts` times, oldest first, at most `limit`.
  virtual Result<std::vector<OutboxMessage>> PendingMessages(int max_attempts, int limit) = 0;
  // Records a delivery: sent at `now` when `error` is empty, else one more failed attempt;
  // `give_up` (a message that can never go, such as one without an address) stops retries.
  virtual Status RecordDelivery(int64_t message_id, const std::string& error, Timestamp now,
                                bool give_up) = 0;
  virtual Result<OutboxSummary> SummariseOutbox(int64_t wave_id, int max_attempts) = 0;

  // --- accounts, sessions, audit ---
  // AlreadyExists if the username is taken; NotFound if person_id names nobody.
  virtual Result<UserId> CreateUser(const User& user) = 0;
  virtual Result<User> GetUser(UserId id) = 0;
  // NotFound if there is no such username.
  virtual Result<User> FindUser(std::string_view username) = 0;
  virtual Result<int64_t> CountUsers() = 0;
  virtual Status CreateSession(const Session& session) = 0;
  // NotFound if missing (expired sessions are returned; the caller checks expiry).
  virtual Result<Session> GetSession(std::string_view token_hash) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  virtual Result<int64_t> DeleteExpiredSessions(Timestamp now) = 0;
  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  // Newest first, as `query` narrows them.
  virtual Result<std::vector<AuditEntry>> ListAudit(const AuditQuery& query) = 0;
  Result<std::vector<AuditEntry>> ListAudit(int limit) {
    return ListAudit(AuditQuery{.limit = limit});
  }
  // Deletes the entries from before `before`; how many there were.
  virtual Result<int64_t> DeleteAuditBefore(Timestamp before) = 0;

  // --- jobs several servers share ---
  // Takes the job named `job` for `holder` until `until` when nobody holds it, its holder's time
  // is up (at or before `now`) or `holder` holds it already; false when another holds it. One
  // statement: of several servers asking at once, one gets it.
  virtual Result<bool> ClaimJob(std::string_view job, std::string_view holder, Timestamp now,
                                Timestamp until) = 0;
  // Gives the job back if `holder` holds it.
  virtual Status ReleaseJob(std::string_view job, std::string_view holder) = 0;
};

struct OpenOptions {
  int pool_size = 8;  // connections kept open
};

// Opens the store named by `url`: "sqlite:PATH" (the file is created if missing) or
// "postgresql://user@host:port/db" (also "postgres://"). Does not migrate.
Result<std::unique_ptr<Store>> Open(std::string_view url, const OpenOptions& options = {});

}  // namespace pl::store
