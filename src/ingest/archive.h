// Read-only access to an export that arrives as a zip file or as an unpacked folder, with the
// limits that make a hostile archive harmless: at most `max_entries` files, at most
// `max_total_bytes` uncompressed in all and `max_entry_bytes` per file, no entry expanding more
// than `max_ratio` times, and no entry name that is absolute or climbs out with "..". Nothing is
// ever extracted to disk; a folder's symbolic links are not followed. A zip's sizes are checked
// when it is opened (its directory declares them); a folder's when each file is read.
//
//   ASSIGN_OR_RETURN(auto archive, OpenArchive("export.zip", {}));
//   auto reader = archive->NewReader();          // one per thread
//   std::string bytes;
//   for (size_t i = 0; i < archive->entries().size(); ++i) RETURN_IF_ERROR(reader->Read(i, bytes));
//   RETURN_IF_ERROR(reader->Read(0, bytes, simdjson::SIMDJSON_PADDING));  // room to parse in place
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace pl::ingest {

struct ArchiveLimits {
  int64_t max_entries = 1'000'000;
  int64_t max_total_bytes = int64_t{16} << 30;  // 16 GiB
  int64_t max_entry_bytes = int64_t{1} << 30;   // 1 GiB
  int64_t max_ratio = 1000;                     // uncompressed / compressed, per entry
};

struct ArchiveEntry {
  std::string name;  // relative, '/'-separated, e.g. "general/2024-05-01.json"
  // Uncompressed bytes as the archive declares them; -1 where it declares none before the entry
  // is read (a folder's files: asking the file system for every size while listing had cost
  // three times the listing itself, bench/RESULTS.md).
  int64_t size = 0;
};

class ArchiveReader {
 public:
  virtual ~ArchiveReader() = default;
  // Reads entry `index` whole into `out` (reusing its capacity), leaving at least `spare` bytes
  // of capacity past its end (simdjson's padding, say). InvalidArgument if the bytes do not
  // match what the archive declared, or a folder's file changed while it was read or is no
  // longer a file; ResourceExhausted if a folder's file is over the per-entry limit or brings
  // the files read so far over the total (each file counted once, however often read).
  virtual Status Read(size_t index, std::string& out, size_t spare = 0) = 0;
};

class Archive {
 public:
  virtual ~Archive() = default;
  // Files only (no directories), sorted by name.
  const std::vector<ArchiveEntry>& entries() const { return entries_; }
  // "zip" or "folder".
  virtual std::string_view kind() const = 0;
  // Readers are independent: use one per thread.
  virtual Result<std::unique_ptr<ArchiveReader>> NewReader() const = 0;
  // `indices` (of entries) in the order that reads them fastest: a zip's in the order its members
  // are stored, which readers then read ahead; a folder's as given.
  virtual std::vector<size_t> ReadingOrder(std::vector<size_t> indices) const { return indices; }

 protected:
  std::vector<ArchiveEntry> entries_;
};

// A path to a .zip file (by content, not by name) or to a folder. InvalidArgument naming the
// entry for a name that escapes the archive; ResourceExhausted naming the limit for one that is
// too large; NotFound if `path` does not exist.
Result<std::unique_ptr<Archive>> OpenArchive(const std::string& path, const ArchiveLimits& limits);

// True if `name` is a safe relative entry name: not empty, no leading '/', no drive letter, no
// backslash, no "." or ".." component, no NUL or control characters.
bool IsSafeEntryName(std::string_view name);

}  // namespace pl::ingest
