// A zip file's directory and its members, read from an open descriptor with pread (so readers
// on several threads share one descriptor, and a file cut short while read is an error, never a
// signal). Members are inflated with libdeflate, whole, into a buffer of exactly the size the
// directory declares, and their CRC-32 checked: a member that holds more or fewer bytes than
// declared, or other bytes, is refused.
//
// Written here rather than read through libzip: opening the 19,608-file Slack export of the demo
// and reading every member took libzip 0.27 s, this 0.07 s, which is less than reading the same
// files unpacked from a folder (bench/RESULTS.md, "Reading a zip export").
//
//   ASSIGN_OR_RETURN(ZipDirectory zip, ReadZipDirectory(fd, file_size, limits.max_entries));
//   ZipInflater inflater;  // one per thread
//   RETURN_IF_ERROR(ReadZipMember(fd, zip.members[0], zip.data_end, inflater, out, 64));
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

struct libdeflate_decompressor;

namespace pl::ingest::internal {

struct ZipMember {
  std::string name;   // UTF-8 (CP437 names converted, as Windows' and old tools' zips have them)
  uint64_t size = 0;  // uncompressed, as the directory declares it
  uint64_t compressed = 0;  // bytes stored
  uint64_t offset = 0;      // of the member's local header
  uint32_t crc = 0;
  uint16_t method = 0;             // 0 stored, 8 deflated; others are refused when read
  uint16_t stored_name_size = 0;   // the name's bytes as stored (the local header repeats them)
  uint16_t stored_extra_size = 0;  // the directory's extra fields (the local ones are alike)
  bool name_converted = false;     // `name` is not the stored bytes (CP437, or a Unicode field)
  bool encrypted = false;
  bool symlink = false;  // a Unix symbolic link (its mode in the external attributes)
  bool folder = false;   // the name ended with '/' (removed from `name`)
};

struct ZipDirectory {
  std::vector<ZipMember> members;  // in the directory's order, folders included
  uint64_t data_end = 0;           // where the directory starts: members' bytes lie before it
};

// The directory of the zip open as `fd` (`file_size` bytes), ZIP64 included. InvalidArgument
// saying what is wrong for a file that is not a zip, is split over several disks, or whose
// directory is damaged; ResourceExhausted for more than `max_entries` members (checked before
// the directory is read). The members' names are not checked here.
Result<ZipDirectory> ReadZipDirectory(int fd, uint64_t file_size, int64_t max_entries);

// A decompressor and the buffer compressed bytes are read into; one per thread.
class ZipInflater {
 public:
  ZipInflater();
  ~ZipInflater();
  ZipInflater(const ZipInflater&) = delete;
  ZipInflater& operator=(const ZipInflater&) = delete;

 private:
  friend Status ReadZipMember(int fd, const ZipMember& m, uint64_t data_end, ZipInflater& z,
                              std::string& out, size_t spare);
  // Where n bytes at `at` (before `limit`) are: in the bytes read ahead, or read now. Members are
  // mostly read in the order they are stored (tools add them by name, and names are read sorted),
  // so a window that served several members doubles (up to 1 MiB) and one that served a single
  // member halves, down to reading just the member. nullptr if the file ends before.
  const char* At(int fd, uint64_t at, uint64_t n, uint64_t limit);

  libdeflate_decompressor* d_;
  std::unique_ptr<char[]> window_;
  uint64_t capacity_ = 0, window_at_ = 0, window_size_ = 0, ahead_ = 64 << 10;
  int served_ = 2;
};

// Reads member `m` whole into `out` (reusing its capacity, leaving `spare` bytes of capacity past
// its end). Its bytes must lie before `data_end` (where the directory starts). InvalidArgument
// naming the fault: a local header that is missing or names another member, an encrypted member
// or a compression method other than stored or deflated, data that does not inflate to exactly
// the declared size, a CRC that does not match.
Status ReadZipMember(int fd, const ZipMember& m, uint64_t data_end, ZipInflater& z,
                     std::string& out, size_t spare);

}  // namespace pl::ingest::internal
