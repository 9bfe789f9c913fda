// Roster import: people, teams, managers and skills from an HR export in CSV (RFC 4180).
// Stages stay apart: detect (header → columns) → parse (fields → records) → validate (each row,
// then across rows and against the store: duplicates, unknown managers, manager cycles) → load
// (one transaction). Strict by default: any bad row rejects the whole file and the store is left
// exactly as it was. Lenient: bad rows (and rows that depend on them) are skipped and counted.
//
//   RosterOptions opt{.lenient = false, .sync = false};
//   ASSIGN_OR_RETURN(RosterReport report, ImportRoster(store, csv_text, "people.csv", opt));
//   for (const auto& issue : report.issues) std::cerr << FormatIssue("people.csv", issue) << "\n";
//
// Columns (header names are case-insensitive; aliases in brackets):
//   employee_id [employee_number, id] (required), name [full_name] (required), email, title,
//   level, department, team, manager_employee_id [manager_id, manager_employee_number],
//   hire_date [start_date] (YYYY-MM-DD), location, timezone, skills ("skill:level;..." 0-4).
// `team` may be a path ("Engineering/Platform"); with `department`, the path is department/team.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace pl::ingest {

struct ImportIssue {
  int64_t line = 0;      // 1-based line in the file; 0 for the file as a whole
  std::string column;    // header name, or "" when the issue is about the row or file
  std::string message;   // what is wrong
  std::string hint;      // how to fix it
  bool warning = false;  // warnings never reject a file
};

std::string FormatIssue(std::string_view file_name, const ImportIssue& issue);
// Lines for a report of `issues`: the first `shown` as FormatIssue writes them, then one line for
// each kind of the rest (the same column, hint and severity), in the order the kinds first
// appear, with how many there are and the first of them, so that one systematic mistake in a
// million rows takes a few lines to tell:
//   "people.csv: 99980 more errors like line 27: column 'email' 'x' is not an e-mail address (...)"
std::vector<std::string> FormatIssues(std::string_view file_name,
                                      const std::vector<ImportIssue>& issues, size_t shown);

struct RosterOptions {
  bool lenient = false;  // skip bad rows instead of rejecting the file
  bool sync = false;     // deactivate people missing from the file
  bool dry_run = false;  // validate and count, write nothing
};

struct RosterReport {
  int64_t rows = 0;                 // data rows read
  int64_t accepted = 0;             // rows that passed validation
  int64_t skipped = 0;              // rows skipped (lenient mode)
  bool rejected = false;            // strict mode and errors: nothing was written
  bool written = false;             // the store was changed (or would be, in a dry run)
  std::vector<ImportIssue> issues;  // errors and warnings, in file order
  store::RosterApplyResult applied;
};

// Detect + parse + validate: pure, no store writes. `existing` is the store's roster index.
struct RosterPlan {
  int64_t rows = 0;
  std::vector<store::RosterRecord> records;  // the rows that passed
  std::vector<ImportIssue> issues;
  int64_t skipped = 0;
  bool has_errors = false;
};
RosterPlan PlanRoster(std::string_view text, const std::vector<store::RosterEntry>& existing,
                      const RosterOptions& options);

// The whole import. Infrastructure failures (database down) are a non-OK Result; problems with
// the file are in the report (`rejected` in strict mode).
Result<RosterReport> ImportRoster(store::Store& store, std::string_view text,
                                  const RosterOptions& options);

// The store's people by employee id and by lower-case e-mail (where no employee id is the same
// text), for imports that name people either way (interactions, nominations, survey answers).
Result<std::unordered_map<std::string, PersonId>> PeopleByIdOrEmail(store::Store& store);
// The person `id` names in such a map: an employee id, or else (with an '@') an e-mail in any
// case, also as a mail header writes one ("Doe, Jane <jane@x.com>", "<mailto:jane@x.com>": the
// address in the angle brackets); nullptr for nobody.
const PersonId* FindPerson(const std::unordered_map<std::string, PersonId>& people,
                           const std::string& id);

// Writes `records` back out as a roster CSV that ImportRoster reads (header included).
std::string WriteRosterCsv(const std::vector<store::RosterRecord>& records);

}  // namespace pl::ingest
