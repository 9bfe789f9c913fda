// A response too large to hold in memory, written to a file that no directory names (O_TMPFILE
// in the system's temporary folder) and sent from there: a snapshot's edges.csv is 112 MB at
// 10,000 people and would be ten times that at 100,000. The file is gone when the last holder
// lets go of it (the response is sent, or the server gives up on the client).
//
//   ASSIGN_OR_RETURN(auto spill, SpillFile::Write([&](std::ostream& out) { ...; return OkStatus();
//   })); spill->ReadAt(buf, n, offset);
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>

#include "core/status.h"

namespace pl::server {

class SpillFile {
 public:
  // A new file filled by `write` through a buffered stream; the writer's error, or Unavailable
  // where the file cannot be made or written (a full disk, say).
  static Result<std::shared_ptr<const SpillFile>> Write(
      const std::function<Status(std::ostream& out)>& write);
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  uint64_t size() const { return size_; }
  // Up to n bytes from `offset` into buf; how many were read (0 at the end), -1 on an error.
  int64_t ReadAt(char* buf, size_t n, uint64_t offset) const;

 private:
  explicit SpillFile(int fd) : fd_(fd) {}
  int fd_;
  uint64_t size_ = 0;
};

}  // namespace pl::server
