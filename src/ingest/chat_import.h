// Chat-platform imports (Slack workspace exports, Microsoft Teams / Graph chatMessage JSON):
// options, the report both give, and the two-stage shape they share:
//
//   parse   archive + identities → aggregated interaction rows + report   (no store; parallel)
//   write   the rows in one transaction, raising counts a previous export saw lower
//
// Strict by default: a malformed file rejects the whole import and the store is unchanged.
// Lenient: malformed files are skipped (whole; nothing of them is counted) and reported. Limits
// and unsafe entry names always refuse the archive. Message text is read only to find mentions
// and is never kept.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "ingest/archive.h"
#include "ingest/conversations.h"
#include "ingest/pseudonym.h"
#include "store/store.h"

namespace pl::ingest {

struct ChatImportOptions {
  bool lenient = false;
  bool dry_run = false;
  int threads = 0;          // 0: one per core
  std::string mapping_csv;  // optional id-mapping CSV text (see ParseIdMapping)
  std::optional<Pseudonymizer> pseudonymizer;
  ArchiveLimits limits;
  size_t max_thread_participants = 50;
  // Interactions from before this are not kept (the retention), only counted.
  std::optional<Timestamp> not_before;
};

// A problem in one file of the export; offset is a byte offset into it (-1: the whole file).
struct FileIssue {
  std::string file;
  int64_t offset = -1;
  std::string message;
  bool warning = false;
};
std::string FormatFileIssue(const FileIssue& issue);

struct ChatImportReport {
  std::string platform;      // "slack" or "teams"
  std::string archive_kind;  // "zip" or "folder"
  int64_t files = 0;         // message files read
  int64_t files_failed = 0;  // malformed (lenient: skipped)
  int64_t other_files = 0;   // neither metadata nor messages; not read
  int64_t conversations = 0;
  int64_t messages = 0;
  int64_t kept_messages = 0;               // by a person, not a bot or system event
  std::map<std::string, int64_t> skipped;  // reason → messages
  int64_t mentions_of_non_people = 0;      // mentions of bots or unmatched accounts
  int64_t reactions_by_non_people = 0;     // reactions by bots or unmatched accounts
  std::array<int64_t, graph::kLayerCount> interactions{};  // before aggregation, by layer
  ThreadBook::Resolution threads;
  IdentityReport identities;
  int64_t aggregated_rows = 0;  // (from, to, layer, day, conversation) rows
  bool pseudonymised = false;
  bool rejected = false;
  std::vector<FileIssue> issues;
  store::InteractionApplyResult applied;
  double parse_seconds = 0;  // reading, parsing and aggregating
  double write_seconds = 0;  // the store transaction
};

struct ChatParse {
  AggregatedRows records;
  ChatImportReport report;
};

// Reads the store's people for matching (by employee id and e-mail, pseudonymised as stored)
// and the accounts of `platform` ("slack" or "teams") an admin linked to people.
Result<IdentitySources> LoadIdentitySources(store::Store& store, std::string_view platform,
                                            const ChatImportOptions& options);

// Parse stages (pure: no store). Errors that refuse the archive are returned as a Status;
// malformed files are issues in the report (and, strict, leave `records` empty).
Result<ChatParse> ParseSlackExport(const Archive& archive, const IdentitySources& sources,
                                   const ChatImportOptions& options);
Result<ChatParse> ParseTeamsExport(const Archive& archive, const IdentitySources& sources,
                                   const ChatImportOptions& options);

// Open → parse → write. A rejected import (report.rejected) wrote nothing.
Result<ChatImportReport> ImportSlack(store::Store& store, const std::string& path,
                                     const ChatImportOptions& options);
Result<ChatImportReport> ImportTeams(store::Store& store, const std::string& path,
                                     const ChatImportOptions& options);

// Accounts linked to people once, for every later import of their platform.
struct AccountLinkReport {
  int64_t rows = 0;                   // accounts the file names
  int64_t linked = 0;                 // links written: new, or to another person than before
  int64_t unchanged = 0;              // already linked so
  int64_t unknown = 0;                // rows naming an employee id not in the roster
  int64_t blank = 0;                  // rows whose employee id is left blank: not linked
  std::vector<std::string> problems;  // the first 50 of those, each naming its account
  bool rejected = false;              // strict, with unknown rows: nothing written
};
// Links the accounts of an id-mapping CSV (see ParseIdMapping) to the people it names, for
// `platform` ("slack" or "teams"); with a pseudonymiser, the account and employee ids as it
// keeps them. Strict: a row naming an employee id not in the roster refuses the file (nothing
// written); lenient: such rows are skipped and counted. A dry run writes nothing.
Result<AccountLinkReport> LinkAccountsFromCsv(store::Store& store, std::string_view platform,
                                              std::string_view csv,
                                              const ChatImportOptions& options);

}  // namespace pl::ingest
