#include "ingest/archive.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/text.h"
#include "ingest/internal/zip.h"

namespace pl::ingest {
namespace fs = std::filesystem;
namespace {

std::string Quoted(std::string_view name) { return "'" + Printable(name, 120) + "'"; }

Status CheckEntry(const ArchiveEntry& e, int64_t compressed, const ArchiveLimits& limits,
                  int64_t& total) {
  if (!IsSafeEntryName(e.name)) {
    return InvalidArgument("entry " + Quoted(e.name) +
                           " has an unsafe name (absolute, '..', backslash or control "
                           "characters); the archive is refused");
  }
  if (e.size < 0) return OkStatus();  // a folder's file: checked when read
  if (e.size > limits.max_entry_bytes) {
    return ResourceExhausted("entry " + Quoted(e.name) + " expands to " + std::to_string(e.size) +
                             " bytes, over the limit of " + std::to_string(limits.max_entry_bytes));
  }
  if (compressed >= 0 && e.size > 4096 &&
      e.size / std::max<int64_t>(compressed, 1) > limits.max_ratio) {
    return ResourceExhausted("entry " + Quoted(e.name) + " expands " +
                             std::to_string(e.size / std::max<int64_t>(compressed, 1)) +
                             " times, over the limit of " + std::to_string(limits.max_ratio) +
                             " (a zip bomb?)");
  }
  total += e.size;
  if (total > limits.max_total_bytes) {
    return ResourceExhausted("the archive expands to more than " +
                             std::to_string(limits.max_total_bytes) + " bytes in all");
  }
  return OkStatus();
}

// --- zip ----------------------------------------------------------------------------------------

// The zip's descriptor and directory, shared by its readers (each reads with pread).
struct ZipFile {
  ZipFile() = default;
  ZipFile(const ZipFile&) = delete;
  ZipFile& operator=(const ZipFile&) = delete;
  ~ZipFile() {
    if (fd >= 0) ::close(fd);
  }
  int fd = -1;
  uint64_t directory_at = 0;                 // where members' bytes must end
  std::vector<internal::ZipMember> members;  // by entry, in the entries' (sorted) order
};

class ZipReader : public ArchiveReader {
 public:
  ZipReader(const ZipFile* zip, const std::vector<ArchiveEntry>* entries)
      : zip_(zip), entries_(entries) {}

  Status Read(size_t i, std::string& out, size_t spare) override {
    Status s = internal::ReadZipMember(zip_->fd, zip_->members[i], zip_->directory_at, inflater_,
                                       out, spare);
    if (!s.ok())
      return InvalidArgument("entry " + Quoted((*entries_)[i].name) + ": " + s.message());
    return OkStatus();
  }

 private:
  const ZipFile* zip_;
  const std::vector<ArchiveEntry>* entries_;
  internal::ZipInflater inflater_;
};

class ZipArchive : public Archive {
 public:
  static Result<std::unique_ptr<Archive>> Open(const std::string& path,
                                               const ArchiveLimits& limits) {
    auto a = std::make_unique<ZipArchive>();
    a->zip_.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (a->zip_.fd < 0 || ::fstat(a->zip_.fd, &st) != 0) {
      return InvalidArgument(path + ": " + strerror(errno));
    }
    auto zip = internal::ReadZipDirectory(a->zip_.fd, static_cast<uint64_t>(st.st_size),
                                          limits.max_entries);
    if (!zip.ok()) {
      if (zip.status().code() == StatusCode::kResourceExhausted) {
        return ResourceExhausted(path + " " + zip.status().message());
      }
      return InvalidArgument(path + " is not a readable zip file: " + zip.status().message());
    }
    int64_t total = 0;
    std::vector<internal::ZipMember> files;
    for (internal::ZipMember& m : zip->members) {
      if (m.symlink) {
        return InvalidArgument("entry " + Quoted(m.name) +
                               " is a symbolic link; the archive is refused");
      }
      if (m.encrypted) {
        return InvalidArgument("entry " + Quoted(m.name) + " is encrypted; export it unencrypted");
      }
      ArchiveEntry e{m.name, static_cast<int64_t>(std::min<uint64_t>(m.size, INT64_MAX))};
      RETURN_IF_ERROR(CheckEntry(
          e, static_cast<int64_t>(std::min<uint64_t>(m.compressed, INT64_MAX)), limits, total));
      if (!m.folder) files.push_back(std::move(m));
    }
    std::sort(files.begin(), files.end(),
              [](const auto& x, const auto& y) { return x.name < y.name; });
    for (size_t i = 1; i < files.size(); ++i) {
      if (files[i].name == files[i - 1].name) {
        return InvalidArgument("entry " + Quoted(files[i].name) +
                               " appears twice; the archive is refused");
      }
    }
    for (const internal::ZipMember& m : files) {
      a->entries_.push_back({m.name, static_cast<int64_t>(m.size)});
    }
    a->zip_.members = std::move(files);
    a->zip_.directory_at = zip->data_end;
    return std::unique_ptr<Archive>(std::move(a));
  }

  std::string_view kind() const override { return "zip"; }

  std::vector<size_t> ReadingOrder(std::vector<size_t> indices) const override {
    std::sort(indices.begin(), indices.end(),
              [&](size_t a, size_t b) { return zip_.members[a].offset < zip_.members[b].offset; });
    return indices;
  }

  Result<std::unique_ptr<ArchiveReader>> NewReader() const override {
    return std::unique_ptr<ArchiveReader>(std::make_unique<ZipReader>(&zip_, &entries_));
  }

 private:
  ZipFile zip_;
};

// --- folder -------------------------------------------------------------------------------------

// What a folder's readers share: its limits, and the bytes of the files read so far, each file
// counted once (its sizes are learnt as it is read, not while listing).
struct FolderBudget {
  explicit FolderBudget(const ArchiveLimits& l, size_t files) : limits(l), counted(files) {}

  Status Take(const ArchiveEntry& e, size_t index, int64_t size) {
    if (size > limits.max_entry_bytes) {
      return ResourceExhausted("entry " + Quoted(e.name) + " is " + std::to_string(size) +
                               " bytes, over the limit of " +
                               std::to_string(limits.max_entry_bytes));
    }
    if (counted[index].exchange(true, std::memory_order_relaxed)) return OkStatus();
    if (total.fetch_add(size, std::memory_order_relaxed) + size > limits.max_total_bytes) {
      return ResourceExhausted("the folder holds more than " +
                               std::to_string(limits.max_total_bytes) + " bytes in all");
    }
    return OkStatus();
  }

  const ArchiveLimits limits;
  std::vector<std::atomic<bool>> counted;
  std::atomic<int64_t> total{0};
};

// Opens each entry relative to the folder's own descriptor, never through a symbolic link (one
// swapped in after listing included) and never outside the folder, and reads it only if it is
// still a file (a pipe swapped in is neither waited on nor read).
class FolderReader : public ArchiveReader {
 public:
  FolderReader(int root_fd, const std::vector<ArchiveEntry>* entries, FolderBudget* budget)
      : root_fd_(root_fd), entries_(entries), budget_(budget) {}
  ~FolderReader() override {
    if (dir_fd_ >= 0) ::close(dir_fd_);
    if (root_fd_ >= 0) ::close(root_fd_);
  }

  Status Read(size_t i, std::string& out, size_t spare) override {
    const ArchiveEntry& e = (*entries_)[i];
    // Entries are sorted, so a folder's files come together: its descriptor is kept, and each
    // file opened by its last name component.
    const size_t slash = e.name.rfind('/');
    int dir = root_fd_;
    const char* base = e.name.c_str();
    if (slash != std::string::npos) {
      const std::string_view folder(e.name.data(), slash);
      if (dir_fd_ < 0 || folder != dir_name_) {
        if (dir_fd_ >= 0) ::close(dir_fd_);
        dir_name_ = folder;
        dir_fd_ = OpenBeneath(root_fd_, dir_name_.c_str(), O_DIRECTORY);
        if (dir_fd_ < 0) {
          dir_name_.clear();
          return InvalidArgument("cannot open " + Quoted(e.name) + ": " + strerror(errno));
        }
      }
      dir = dir_fd_;
      base += slash + 1;
    }
    const int fd = OpenBeneath(dir, base, O_NONBLOCK);
    if (fd < 0) return InvalidArgument("cannot open " + Quoted(e.name) + ": " + strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      return InvalidArgument(Quoted(e.name) + " is no longer a file");
    }
    // A size listed (where the folder did not say what its entries are) must still hold.
    if (e.size >= 0 && st.st_size != e.size) {
      ::close(fd);
      return InvalidArgument(Quoted(e.name) + " changed while it was read");
    }
    if (Status s = budget_->Take(e, i, st.st_size); !s.ok()) {
      ::close(fd);
      return s;
    }
    // One byte more than the file's size is asked for: a read that stops short at the size has
    // met the end of the file, and one that gets the extra byte has found it grown.
    const auto size = static_cast<size_t>(st.st_size);
    out.reserve(size + std::max<size_t>(spare, 1));
    out.resize(size + 1);
    size_t got = 0;
    ssize_t n = 0;
    while (got <= size && (n = ::read(fd, out.data() + got, size + 1 - got)) > 0) {
      got += static_cast<size_t>(n);
      if (got == size) break;  // short of what was asked: the end
    }
    ::close(fd);
    out.resize(std::min(got, size));
    if (n < 0 || got != size) return InvalidArgument(Quoted(e.name) + " changed while it was read");
    return OkStatus();
  }

 private:
  // openat2 with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, or openat with O_NOFOLLOW where the
  // kernel lacks it.
  int OpenBeneath(int at, const char* name, int flags) {
#ifdef SYS_openat2
    if (openat2_works_) {
      open_how how{};
      how.flags = static_cast<uint64_t>(O_RDONLY | O_CLOEXEC | flags);
      how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
      const long fd = ::syscall(SYS_openat2, at, name, &how, sizeof how);
      if (fd >= 0 || errno != ENOSYS) return static_cast<int>(fd);
      openat2_works_ = false;
    }
#endif
    return ::openat(at, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | flags);
  }

  int root_fd_;
  int dir_fd_ = -1;
  std::string dir_name_;
  bool openat2_works_ = true;
  const std::vector<ArchiveEntry>* entries_;
  FolderBudget* budget_;
};

class FolderArchive : public Archive {
 public:
  static Result<std::unique_ptr<Archive>> Open(const fs::path& root, const ArchiveLimits& limits) {
    auto a = std::make_unique<FolderArchive>();
    a->root_ = root;
    const int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return InvalidArgument(root.string() + ": " + strerror(errno));
    int64_t total = 0;
    RETURN_IF_ERROR(a->List(fd, "", 0, limits, total));
    std::sort(a->entries_.begin(), a->entries_.end(),
              [](const auto& x, const auto& y) { return x.name < y.name; });
    a->budget_ = std::make_unique<FolderBudget>(limits, a->entries_.size());
    return std::unique_ptr<Archive>(std::move(a));
  }

  std::string_view kind() const override { return "folder"; }

  Result<std::unique_ptr<ArchiveReader>> NewReader() const override {
    const int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return InvalidArgument("cannot open " + root_.string() + ": " + strerror(errno));
    return std::unique_ptr<ArchiveReader>(
        std::make_unique<FolderReader>(fd, &entries_, budget_.get()));
  }

 private:
  static constexpr int kMostDepth = 64;

  // Lists the files under the open folder `fd` (taken over and closed), whose names start with
  // `prefix` inside the export: each folder read once (the kind of each entry comes with its
  // name; a file system that does not say is asked with one fstatat, which gives the size too),
  // sub-folders opened without following a link. Symbolic links are neither followed nor listed,
  // nor is anything but files and folders. A file's size is learnt when it is read: one stat per
  // file here had cost three times the rest of the listing (bench/RESULTS.md); std::filesystem's
  // walk before it ten readlink and three stat calls a file, 0.32 s to list a 20,000-file export
  // that takes 0.14 s to import.
  Status List(int fd, const std::string& prefix, int depth, const ArchiveLimits& limits,
              int64_t& total) {
    DIR* dir = ::fdopendir(fd);
    if (dir == nullptr) {
      ::close(fd);
      return InvalidArgument(Shown(prefix) + ": " + strerror(errno));
    }
    std::unique_ptr<DIR, int (*)(DIR*)> closer(dir, ::closedir);
    for (errno = 0; const dirent* d = ::readdir(dir); errno = 0) {
      const std::string_view name = d->d_name;
      if (name == "." || name == "..") continue;
      unsigned char type = d->d_type;
      struct stat st {};
      bool have_stat = false;
      if (type == DT_UNKNOWN) {
        if (::fstatat(::dirfd(dir), d->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
          return InvalidArgument(Shown(prefix + std::string(name)) + ": " + strerror(errno));
        }
        have_stat = true;
        type = S_ISREG(st.st_mode) ? DT_REG : S_ISDIR(st.st_mode) ? DT_DIR : DT_UNKNOWN;
      }
      if (type == DT_DIR) {
        const std::string sub = prefix + std::string(name) + "/";
        if (depth + 1 > kMostDepth) {
          return ResourceExhausted(Shown(sub) + " is nested more than " +
                                   std::to_string(kMostDepth) + " folders deep");
        }
        const int sub_fd =
            ::openat(::dirfd(dir), d->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub_fd < 0) {
          if (errno == ELOOP || errno == ENOTDIR) continue;  // swapped for a link meanwhile
          return InvalidArgument(Shown(sub) + ": " + strerror(errno));
        }
        RETURN_IF_ERROR(List(sub_fd, sub, depth + 1, limits, total));
        continue;
      }
      if (type != DT_REG) continue;  // links, sockets, devices: not listed
      if (static_cast<int64_t>(entries_.size()) >= limits.max_entries) {
        return ResourceExhausted(root_.string() + " holds more than " +
                                 std::to_string(limits.max_entries) + " files");
      }
      ArchiveEntry e{prefix + std::string(name), have_stat ? static_cast<int64_t>(st.st_size) : -1};
      RETURN_IF_ERROR(CheckEntry(e, -1, limits, total));
      entries_.push_back(std::move(e));
    }
    if (errno != 0) return InvalidArgument(Shown(prefix) + ": " + strerror(errno));
    return OkStatus();
  }

  std::string Shown(const std::string& inside) const {
    return inside.empty() ? root_.string() : (root_ / inside).string();
  }

  fs::path root_;
  std::unique_ptr<FolderBudget> budget_;
};

}  // namespace

bool IsSafeEntryName(std::string_view name) {
  if (name.empty() || name.front() == '/') return false;
  if (name.size() >= 2 && name[1] == ':') return false;  // C:...
  for (char c : name) {
    if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  }
  size_t start = 0;
  while (start <= name.size()) {
    size_t slash = name.find('/', start);
    std::string_view part =
        name.substr(start, slash == std::string_view::npos ? name.npos : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

Result<std::unique_ptr<Archive>> OpenArchive(const std::string& path, const ArchiveLimits& limits) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return NotFound(path + " does not exist");
  if (fs::is_directory(st)) return FolderArchive::Open(path, limits);
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  if (in.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' &&
      ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6))) {
    return ZipArchive::Open(path, limits);
  }
  return InvalidArgument(path + " is neither a folder nor a zip file");
}

}  // namespace pl::ingest
