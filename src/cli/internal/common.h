// Helpers shared by the CLI's command files.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "ingest/roster.h"
#include "network/truth.h"
#include "store/store.h"

namespace pl::cli::internal {

inline constexpr size_t kMaxRosterBytes = 512u << 20;

// Opens the configured store and brings its schema up to date.
Result<std::unique_ptr<store::Store>> OpenMigrated(const Config& config);
// The whole file; NotFound / InvalidArgument (over `max_bytes`) / Unavailable.
Result<std::string> ReadFile(const std::string& path, size_t max_bytes);
// All of standard input; InvalidArgument past `max_bytes`, Unavailable where reading fails.
Result<std::string> ReadStdin(size_t max_bytes);
// A table for an import: a CSV file's text, or an .xlsx or .ods spreadsheet's first sheet as CSV
// text (ingest::SpreadsheetAsCsv), told apart by the file's first bytes; errors as ReadFile's, or
// naming the workbook's fault after the path.
Result<std::string> ReadTable(const std::string& path, size_t max_bytes);
// Writes `path` whole or not at all: `write` fills PATH.part beside it, which replaces `path`
// only once all of it is written, so a failure (the writer's error, a full disk) leaves `path`
// as it was and no part behind. A link is followed (the file it names is replaced, the link
// kept); a path that is not a regular file (/dev/stdout, a pipe) is written to directly.
// Unavailable naming the path where the file cannot be written; the writer's own error as it is.
Status WriteFileWhole(const std::string& path,
                      const std::function<Status(std::ostream& out)>& write);
// Prints the first kShownIssues issues to stderr and the rest counted by kind (FormatIssues);
// InvalidArgument saying nothing was imported when `rejected`.
inline constexpr size_t kShownIssues = 20;
Status PrintIssues(const std::string& file, const std::vector<ingest::ImportIssue>& issues,
                   bool rejected, int64_t rows);

// The id of the stored snapshot `index` places from the newest (0: the newest);
// FailedPrecondition saying to run `peerlearn analyze` where there are not that many.
Result<int64_t> NewestSnapshot(store::Store& s, int index);

// One line per finding scored against a known truth (network::ScoreFindings), each indented by
// `indent`: "hidden champions: found 24, known 22, in both 21 — precision 0.88, recall 0.95".
std::string DescribeFindingScores(const std::vector<network::FindingScore>& scores,
                                  const std::string& indent);

// The demo's learning circles on the store: the demo problem's challenges and sign-ups, the demo
// employee pinned to a challenge, a formation, and the employee's circle under way for three
// weeks with meetings and takeaways. Returns a line for the demo's report.
Result<std::string> SeedDemoCircles(store::Store& store, const std::string& circles_problem_json,
                                    const std::string& employee_external_id, Date today);

}  // namespace pl::cli::internal
