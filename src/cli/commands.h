// The `peerlearn` subcommands. Each returns a Status: OK → exit 0, a user error → exit 1 with
// the message on stderr, an internal error → exit 2. Progress and results go to stdout.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "graph/graph.h"

namespace pl::cli {

struct DemoOptions {
  int people = 300;
  uint64_t seed = 42;
  std::string password;  // for all three demo log-ins; empty = random, printed
  bool serve = true;
  std::string roster_out;  // also write the generated roster CSV here
  std::string truth_out;   // ground truth JSON; default: beside the SQLite file
  std::string traces_dir;  // Slack export + nominations; default: beside the SQLite file
  std::string today;       // YYYY-MM-DD: the day it is made and analysed as of; empty: today (UTC)
};
Status RunDemo(const Config& config, const DemoOptions& options);

Status RunServe(const Config& config);
Status RunMigrate(const Config& config);

struct ImportRosterOptions {
  std::string file;
  bool lenient = false;
  bool sync = false;
  bool dry_run = false;
};
Status RunImportRoster(const Config& config, const ImportRosterOptions& options);

struct ImportInteractionsOptions {
  std::string file;
  bool lenient = false;
  bool dry_run = false;
  graph::Layer default_layer = graph::Layer::kReply;  // of rows without a layer
  std::string date;     // ISO-8601: the time of rows without one, and of a matrix's ties
  std::string context;  // the question or wave, channel or project of rows without one
};
Status RunImportInteractions(const Config& config, const ImportInteractionsOptions& options);

struct ImportChatOptions {
  std::string platform;       // "slack" or "teams"
  std::string path;           // zip file or folder
  std::string mapping;        // optional id-mapping CSV
  std::string unmatched_out;  // where to write the unmatched accounts as a mapping template
  std::string key_file;       // optional pseudonymisation key
  bool lenient = false;
  bool dry_run = false;
  int threads = 0;
  int64_t max_entries = 0;    // 0: the default limit
  int64_t max_total_mib = 0;  // 0: the default limit
};
Status RunImportChat(const Config& config, const ImportChatOptions& options);

struct AccountsOptions {
  std::string platform;             // "slack" or "teams"
  std::string link;                 // an id-mapping CSV to link from
  std::vector<std::string> unlink;  // account ids
  std::string key_file;             // optional pseudonymisation key (as the imports use)
  bool lenient = false;
  bool dry_run = false;
};
// Links or unlinks accounts as asked, then lists the platform's linked accounts.
Status RunAccounts(const Config& config, const AccountsOptions& options);

// Writes a pseudonymised copy of a roster CSV (see ingest/pseudonym.h).
Status RunPseudonymiseRoster(const std::string& in, const std::string& out,
                             const std::string& key_file);

struct AnalyzeOptions {
  int days = 0;          // last N days (0: not set)
  std::string quarter;   // "2026Q3"
  std::string from, to;  // ISO dates/timestamps
  int half_life_days = 0;
  std::string layers;  // "nomination=3,kudos=2"
  bool weighted = false;
  double resolution = 1.0;
  int community_runs = 2;
  int skill_level = 3;           // a skill counts as held from this level (0..4) up
  int skill_steps = 2;           // "nearby" for skills nobody else holds: team + this many steps
  int newcomer_days = 90;        // hired within this many days: a newcomer
  int newcomer_grace_days = 14;  // settling in before being called not yet connected
  int sample = 0;                // > 0: betweenness estimated from this many sources, however small
  bool exact = false;            // betweenness and closeness exact, however large
  uint64_t seed = 1;
  bool dry_run = false;
};
Status RunAnalyze(const Config& config, const AnalyzeOptions& options);

// Writes the audit log as narrowed (every entry, newest first) as CSV to `out` or stdout, the
// way the web app's download does; the export is itself logged ("audit.export", by nobody).
struct AuditOptions {
  std::string action;    // a prefix: "person.", "user.login"
  std::string target;    // exactly: "person:42"
  std::string user;      // a username
  std::string from, to;  // ISO dates or timestamps; `to` not included
  std::string out;       // a file (written whole or not at all); empty: stdout
};
Status RunAudit(const Config& config, const AuditOptions& options);

// Lists the stored snapshots, newest first.
struct SnapshotsOptions {
  std::vector<int64_t> remove;  // delete these
  int keep = 0;                 // delete all but the newest `keep` (0: not set)
  bool dry_run = false;         // say what would be deleted, delete nothing
  std::string person;           // an employee id: that person across the snapshots instead
  int limit = 12;               // with `person`: the newest this many snapshots that include them
};
// Deletes snapshots as asked, then lists the stored ones, newest first; or, with `person`, lists
// that person in each snapshot that includes them, oldest first.
Status RunSnapshots(const Config& config, const SnapshotsOptions& options);

// Compares two snapshots (default: the two newest).
Status RunDiff(const Config& config, int64_t from, int64_t to, bool json);

// How a snapshot's findings (default: the newest's) compare with a known truth: the demo's
// *.truth.json or an analyst's lists (network/truth.h); precision and recall per finding, and
// who or what was missed or found beyond it. The truth file's faults named with its path.
Status RunCheckFindings(const Config& config, const std::string& truth_file, int64_t snapshot,
                        bool json);

struct ExportOptions {
  std::string format;  // csv, json, graphml, gexf
  std::string out_dir;
  int64_t snapshot = 0;  // 0: the newest
  bool names = true;
};
Status RunExport(const Config& config, const ExportOptions& options);

struct UserAddOptions {
  std::string username;
  std::string role;
  std::string person;  // employee id
  bool password_stdin = false;
  bool generate_password = false;
};
Status RunUserAdd(const Config& config, const UserAddOptions& options);

// `peerlearn survey ...`: the instruments (built in and stored), the waves, importing past
// results from CSV (ingest/survey_csv.h), and a wave's scored report with suppression applied.
Status RunSurveyInstruments(const Config& config);
Status RunSurveyWaves(const Config& config);

struct SurveyImportOptions {
  std::string file;
  std::string instrument;  // a built-in key or a definition .json file
  std::string title;       // default: the file name
  std::string opens;       // date the wave opened (required)
  std::string closes;      // default: `opens`
  std::string group_column = "team";
  std::string respondent_column;  // empty: no respondent ids in the file
  int k = 5;
  bool lenient = false;
  bool dry_run = false;
};
Status RunSurveyImport(const Config& config, const SurveyImportOptions& options);

struct SurveyReportOptions {
  int64_t wave = 0;  // 0: the newest
  std::string format = "json";
  std::string out;  // empty: stdout
  int k = 0;        // can only raise the wave's own threshold
};
Status RunSurveyReport(const Config& config, const SurveyReportOptions& options);

struct SurveyScheduleOptions {
  std::string instrument;  // built-in key or definition file
  std::string title;
  std::string first_opens;  // date or timestamp
  int every_days = 42;
  int open_days = 14;
  int k = 5;
  std::vector<std::string> population;  // team paths; empty = everyone
  std::vector<int> reminders = {3, 1};  // days before closing
};
Status RunSurveySchedule(const Config& config, const SurveyScheduleOptions& options);
Status RunSurveySchedules(const Config& config);
// Runs the survey job once; `outbox` overrides the configured sender when not empty.
Status RunSurveyTick(const Config& config, const std::string& outbox);

struct MentorsMatchOptions {
  std::string problem;   // a self-contained problem file; empty = the store's programme
  std::string out;       // write the solution here instead of stdout
  bool greedy = false;   // the greedy baseline instead of the optimum
  bool dry_run = false;  // store: solve, keep the proposals as they were
  std::string mode = "bridge";
  double min_overlap_hours = 3;
};
Status RunMentorsMatch(const Config& config, const MentorsMatchOptions& options);
Status RunMentorsImport(const Config& config, const std::string& file, bool dry_run);
// `peerlearn import skills FILE`: the skill taxonomy (skill,parent).
Status RunImportSkills(const Config& config, const std::string& file);
Status RunMentorsPairs(const Config& config);
// status: "approved" or "ended"
Status RunMentorsSetStatus(const Config& config, const std::vector<int64_t>& ids,
                           const std::string& status);
Status RunMentorsRate(const Config& config, int64_t id, double rating);
// Two people (employee ids) never to be paired.
Status RunMentorsExclude(const Config& config, const std::string& a, const std::string& b,
                         const std::string& reason);

struct CirclesFormOptions {
  std::string problem;  // a self-contained problem file (JSON; README documents it); empty =
                        // the store's open challenges and sign-ups
  std::string out;
  bool greedy = false;   // the constructive start alone, for comparison
  bool dry_run = false;  // store: form, keep the proposals as they were
  int min_size = 12, max_size = 15;
  double min_overlap_hours = 2;
};
Status RunCirclesForm(const Config& config, const CirclesFormOptions& options);
struct ChallengeOptions {
  std::string title, problem, sponsor;  // sponsor: an employee id, or empty
  std::vector<std::string> skills;
};
Status RunCirclesChallenge(const Config& config, const ChallengeOptions& options);
Status RunCirclesChallenges(const Config& config);
Status RunCirclesImport(const Config& config, const std::string& file, bool dry_run);
Status RunCirclesList(const Config& config);
// status: "active" (start) or "closed"
Status RunCirclesSetStatus(const Config& config, const std::vector<int64_t>& ids,
                           const std::string& status);
Status RunCirclesPin(const Config& config, const std::string& person, int64_t challenge,
                     bool remove);

// `peerlearn network FILE`: any network file analysed without a store or a roster. The edge
// list (ingest/edge_list.h; gzip read where the bytes say so) becomes the engine's graph, and a
// CSV of per-node metrics and communities is written (stdout, or `out`), one row per node in the
// order the file names them; a summary goes to stderr.
struct NetworkFileOptions {
  std::string file;
  std::string out;  // empty: stdout
  bool weighted = false;
  std::string weight;  // the weight's column or edge attribute (implies weighted); empty: own
  // Weighted: the weights are lengths in the path metrics, as given (a repeated tie's shortest).
  bool lengths = false;
  bool undirected = false;
  int sample = 0;      // > 0: betweenness estimated from this many sources instead of exact
  bool exact = false;  // exact betweenness and closeness however large (else as `analyze`)
  double damping = 0.85;
  double resolution = 1.0;
  uint64_t seed = 1;
  int threads = 0;
  std::string format;  // empty: told from the text (ingest::GraphFormatNamed's names)
};
Status RunNetworkFile(const NetworkFileOptions& options);

// Where the built web app is: config.web_root, else next to the executable, else web/dist in
// the source tree above it. Empty if none is found.
std::string FindWebRoot(const Config& config);

}  // namespace pl::cli
