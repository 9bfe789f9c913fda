// Pieces the Slack and Teams parsers share: per-worker tallies, the parallel file loop, and the
// final merge into a ChatParse.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/chat_import.h"

namespace pl::ingest::internal {

namespace {  // internal linkage: each parser's translation unit has its own build flags

// FailedPrecondition when this translation unit was built for AVX2 (PL_SIMD_JSON, on by default
// where the build host has it) and the processor running it lacks AVX2 or BMI2.
inline Status CheckSimdSupport() {
#if defined(__AVX2__)
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("bmi2")) {
    return FailedPrecondition(
        "this peerlearn was built for processors with AVX2; rebuild it with -DPL_SIMD_JSON=OFF");
  }
#endif
  return OkStatus();
}

}  // namespace

// What one worker accumulates. A file is read straight into it and then either committed or,
// if malformed, taken back whole.
struct alignas(64) Tally {  // a worker's own cache lines
  EdgeCounter counts;
  ThreadBook threads;
  int64_t messages = 0, kept = 0, mentions_of_non_people = 0, reactions_by_non_people = 0;
  std::map<std::string, int64_t> skipped;  // committed files' skipped messages, by reason

  // Counts a message skipped for `reason`. "system: SUBTYPE" carries what the export says, so
  // a new one is kept only while this worker holds fewer than kMostSkipReasons reasons (a real
  // export has a few dozen); after that an export of endless made-up subtypes is counted under
  // kOtherSkipReasons, and its memory stays bounded.
  void Skip(const std::string& reason);
  static constexpr size_t kMostSkipReasons = 100;
  static constexpr std::string_view kOtherSkipReasons = "system: other subtypes";
  // The ties a kept message implies beyond its thread: author → each person mentioned (once per
  // message), each reactor → author. Mentions of and reactions by non-people are counted, a
  // mention once per message and account (as a person's: Slack writes each in the text and in
  // the blocks).
  void AddTies(uint32_t author, const std::vector<std::string_view>& mentions,
               const std::vector<std::string_view>& reactors, const Identities& ids, int32_t day,
               uint32_t conversation);
  // Starts a file; then either Commit() it or Rollback() to where it started.
  void Begin();
  void Commit();
  void Rollback();

 private:
  std::vector<uint32_t> mentioned_;          // scratch for AddTies: people
  std::vector<std::string_view> unmatched_;  // and accounts that are not
  std::map<std::string, int64_t> file_skipped_;
  EdgeCounter::Mark counts_at_;
  std::pair<size_t, size_t> threads_at_;
  std::array<int64_t, 4> numbers_at_{};
};

// Runs `parse_file(worker, entry_index, bytes, tally)` for each entry in `files` on `threads`
// workers (0: one per core); `bytes` holds the file with simdjson's padding available beyond its
// size. A file's part of the worker's tally is kept only if it parsed; else it is taken back
// and its issue recorded. The callback returns an error message and byte offset for a
// malformed file.
struct FileError {
  std::string message;
  int64_t offset = -1;
};
using ParseFile = std::function<std::optional<FileError>(int worker, size_t entry,
                                                         const std::string& bytes, Tally& tally)>;
struct LoopResult {
  std::vector<Tally> parts;  // one per worker, each resolved and sorted on its own thread
  std::vector<FileIssue> issues;
  int64_t failed = 0;
};
Result<LoopResult> ParseFilesInParallel(const Archive& archive, const std::vector<size_t>& files,
                                        int threads, const ParseFile& parse_file);

// Where a JSON text that simdjson's first pass (parser.iterate) refused goes wrong, as a byte
// offset: the opening quote of a string that is never closed, a control character inside a
// string, or the first byte that is not UTF-8; -1 where none is found. That pass leaves no
// document to ask for its location: asking a document that was never iterated reads through a
// null pointer (an unclosed string in a day file crashed the import).
int64_t FirstPassErrorOffset(std::string_view bytes);

// Threads resolved, rows built, report filled; strict + errors → no rows.
ChatParse Finish(LoopResult loop, Identities&& ids, const std::vector<std::string>& conversations,
                 const ChatImportOptions& options, ChatImportReport report);

int WorkerCount(int requested, size_t files);

// How identities are pseudonymised for matching (empty when the import is not pseudonymised).
std::function<std::string(std::string_view kind, std::string_view value)> PseudonymiseFn(
    const ChatImportOptions& options);
// How a conversation is stored: "<platform>:<id>", or its keyed hash.
std::string ConversationContext(const ChatImportOptions& options, std::string_view platform,
                                const std::string& id);

}  // namespace pl::ingest::internal
