#include "cli/internal/common.h"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/text.h"
#include "ingest/csv.h"
#include "ingest/spreadsheet.h"

namespace pl::cli::internal {

std::string DescribeFindingScores(const std::vector<network::FindingScore>& scores,
                                  const std::string& indent) {
  auto ratio = [](double v) {
    if (std::isnan(v)) return std::string("n/a");
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return std::string(buf);
  };
  std::ostringstream out;
  for (const network::FindingScore& s : scores) {
    out << indent << s.finding << ": found " << s.found << ", known " << s.known;
    if (s.unreportable > 0) {
      out << " (and " << s.unreportable << " under the reporting floor, never shown)";
    }
    out << ", in both " << s.hits << " — precision " << ratio(s.precision) << ", recall "
        << ratio(s.recall);
    if (s.unexpected_champions > 0 || s.unexpected_recognised > 0) {
      out << " (";
      if (s.unexpected_champions > 0) {
        out << "hidden champions the truth lists: " << s.unexpected_champions << " of the "
            << s.unexpected.size() << " beyond it";
      }
      if (s.unexpected_recognised > 0) {
        out << (s.unexpected_champions > 0 ? ", " : "")
            << "recognised helpers it lists: " << s.unexpected_recognised
            << (s.unexpected_champions > 0
                    ? ""
                    : " of the " + std::to_string(s.unexpected.size()) + " beyond it");
      }
      out << "; they link communities too)";
    }
    if (s.recognised > 0) {
      out << "; of the " << s.recognised << " recognised helper" << (s.recognised == 1 ? "" : "s")
          << " the truth lists (sought, and thanked for it), " << s.recognised_reported.size()
          << " reported as hidden";
    }
    out << "\n";
    if (!s.note.empty()) out << indent << "  (" << s.note << ")\n";
  }
  return out.str();
}

namespace fs = std::filesystem;

Result<int64_t> NewestSnapshot(store::Store& s, int index) {
  ASSIGN_OR_RETURN(std::vector<store::SnapshotInfo> list, s.ListSnapshots());
  if (list.size() <= static_cast<size_t>(index)) {
    return FailedPrecondition(list.empty()
                                  ? "there is no snapshot yet: run 'peerlearn analyze' first"
                                  : "there is only one snapshot: run 'peerlearn analyze' again "
                                    "later to compare");
  }
  return list[index].id;
}

Result<std::unique_ptr<store::Store>> OpenMigrated(const Config& config) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, store::Open(config.db));
  RETURN_IF_ERROR(s->Migrate());
  return s;
}

Result<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return NotFound("'" + path + "' is not a readable file");
  auto size = fs::file_size(path, ec);
  if (ec) return NotFound("cannot read '" + path + "': " + ec.message());
  if (size > max_bytes) {
    return InvalidArgument("'" + path + "' is " + std::to_string(size >> 20) +
                           " MiB, more than the " + std::to_string(max_bytes >> 20) + " MiB limit");
  }
  std::ifstream in(path, std::ios::binary);
  std::string text(size, '\0');
  if (!in.read(text.data(), static_cast<std::streamsize>(size))) {
    return Unavailable("cannot read '" + path + "'");
  }
  return text;
}

Result<std::string> ReadStdin(size_t max_bytes) {
  std::string text;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return Unavailable(std::string("cannot read standard input: ") + std::strerror(errno));
    if (n == 0) return text;
    if (text.size() + static_cast<size_t>(n) > max_bytes) {
      return InvalidArgument("standard input holds more than the " +
                             std::to_string(max_bytes >> 20) + " MiB limit");
    }
    text.append(buf, static_cast<size_t>(n));
  }
}

Status WriteFileWhole(const std::string& path,
                      const std::function<Status(std::ostream& out)>& write) {
  // The system's reason where the stream failed on one (ENOSPC, EFBIG, EACCES ...).
  auto failed = [&] {
    const int err = errno;
    return Unavailable("cannot write '" + path + "'" +
                       (err != 0 ? ": " + std::string(std::strerror(err)) : ""));
  };
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (fs::exists(st) && !fs::is_regular_file(st)) {  // a device or a pipe: as it is
    errno = 0;
    std::ofstream out(path, std::ios::binary);
    if (!out) return failed();
    Status written = write(out);
    out.flush();
    return out ? written : failed();
  }
  fs::path file = path;
  if (fs::is_symlink(fs::symlink_status(path, ec))) {
    file = fs::canonical(path, ec);
    if (ec) {  // a link to a file not made yet: where it points, its folders resolved
      const fs::path target = fs::read_symlink(path, ec);
      if (!ec) file = fs::weakly_canonical(fs::path(path).parent_path() / target, ec);
      if (ec) return Unavailable("cannot write '" + path + "': " + ec.message());
    }
  }
  fs::path part = file;
  part += ".part";
  errno = 0;
  std::ofstream out(part, std::ios::binary | std::ios::trunc);
  if (!out) return failed();
  Status written = write(out);
  out.close();
  if (!out) written = failed();  // the stream's own failure says why, whatever the writer said
  if (!written.ok()) {
    fs::remove(part, ec);
    return written;
  }
  fs::rename(part, file, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::remove(part, ec);
    return Unavailable("cannot write '" + path + "': " + why);
  }
  return OkStatus();
}

Result<std::string> ReadTable(const std::string& path, size_t max_bytes) {
  char magic[4] = {};
  {
    std::ifstream in(path, std::ios::binary);
    in.read(magic, sizeof magic);
    if (in.gcount() < static_cast<std::streamsize>(sizeof magic)) return ReadFile(path, max_bytes);
  }
  if (!ingest::LooksLikeZip(std::string_view(magic, sizeof magic))) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(path, max_bytes));
    auto utf8 = ingest::TableTextAsUtf8(std::move(text));
    if (!utf8.ok()) return Status(utf8.status().code(), path + ": " + utf8.status().message());
    return utf8;
  }
  auto csv = ingest::SpreadsheetAsCsv(path, max_bytes);
  if (!csv.ok()) return Status(csv.status().code(), path + ": " + csv.status().message());
  return csv;
}

Status PrintIssues(const std::string& file, const std::vector<ingest::ImportIssue>& issues,
                   bool rejected, int64_t rows) {
  int64_t errors = 0;
  for (const auto& issue : issues) errors += !issue.warning;
  for (const std::string& line : ingest::FormatIssues(file, issues, kShownIssues)) {
    std::cerr << Printable(line, SIZE_MAX, true) << "\n";  // they quote the file: no escapes
  }
  if (!rejected) return OkStatus();
  return InvalidArgument(
      file + ": " + std::to_string(errors) + " error(s) in " + std::to_string(rows) +
      " rows; nothing was imported (fix them, or use --lenient to skip bad rows)");
}

}  // namespace pl::cli::internal
