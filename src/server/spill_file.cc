#include "server/spill_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <streambuf>
#include <string>
#include <vector>

namespace pl::server {
namespace {

// An output stream's buffer that writes to a descriptor a megabyte at a time; `failed` keeps the
// first error's errno.
class FdBuf final : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd), buf_(1 << 20) { setp(buf_.data(), buf_.data() + buf_.size()); }
  int failed() const { return errno_; }
  uint64_t written() const { return written_; }

 protected:
  int_type overflow(int_type c) override {
    if (!Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return Drain() ? 0 : -1; }

 private:
  bool Drain() {
    const char* p = pbase();
    size_t left = static_cast<size_t>(pptr() - pbase());
    while (left > 0 && errno_ == 0) {
      const ssize_t n = ::write(fd_, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        errno_ = n < 0 ? errno : ENOSPC;
        break;
      }
      p += n, left -= static_cast<size_t>(n), written_ += static_cast<uint64_t>(n);
    }
    setp(buf_.data(), buf_.data() + buf_.size());
    return errno_ == 0;
  }
  int fd_;
  std::vector<char> buf_;
  int errno_ = 0;
  uint64_t written_ = 0;
};

}  // namespace

Result<std::shared_ptr<const SpillFile>> SpillFile::Write(
    const std::function<Status(std::ostream& out)>& write) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    // A file system without unnamed files: a named one, unnamed at once.
    std::string name = (dir / "peerlearn-spill.XXXXXX").string();
    fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd >= 0) ::unlink(name.c_str());
  }
  if (fd < 0) {
    return Unavailable("cannot make a temporary file in " + dir.string() + ": " +
                       std::strerror(errno));
  }
  std::shared_ptr<SpillFile> spill(new SpillFile(fd));
  FdBuf buf(fd);
  std::ostream out(&buf);
  Status written = write(out);
  out.flush();
  if (buf.failed() != 0) {
    return Unavailable("cannot write a temporary file in " + dir.string() + ": " +
                       std::strerror(buf.failed()));
  }
  if (!written.ok()) return written;
  spill->size_ = buf.written();
  return std::shared_ptr<const SpillFile>(std::move(spill));
}

SpillFile::~SpillFile() { ::close(fd_); }

int64_t SpillFile::ReadAt(char* buf, size_t n, uint64_t offset) const {
  for (;;) {
    const ssize_t got = ::pread(fd_, buf, n, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    return got;
  }
}

}  // namespace pl::server
