// Fuzz target: a zip export as `import slack|teams` opens it (the directory, the limits, each
// member inflated and its CRC checked), the bytes in a memory file. An archive that opens must
// list only safe names, and each member that reads must have the size the directory declared.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "ingest/archive.h"
#include "testing/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pl::ingest;
  const int fd = memfd_create("export.zip", MFD_CLOEXEC);
  PL_FUZZ_CHECK(fd >= 0);
  for (size_t done = 0; done < size;) {
    const ssize_t n = write(fd, data + done, size - done);
    PL_FUZZ_CHECK(n > 0);
    done += static_cast<size_t>(n);
  }
  // Limits small enough that a hostile directory is refused before it costs much memory.
  const ArchiveLimits limits{.max_entries = 4096,
                             .max_total_bytes = int64_t{64} << 20,
                             .max_entry_bytes = int64_t{16} << 20,
                             .max_ratio = 1000};
  auto opened = OpenArchive("/proc/self/fd/" + std::to_string(fd), limits);
  if (opened.ok()) {
    const Archive& archive = *opened.value();
    PL_FUZZ_CHECK(archive.kind() == "zip");
    std::vector<size_t> all(archive.entries().size());
    std::iota(all.begin(), all.end(), size_t{0});
    auto reader = archive.NewReader();
    PL_FUZZ_CHECK(reader.ok());
    std::string bytes;
    for (size_t i : archive.ReadingOrder(all)) {
      const ArchiveEntry& entry = archive.entries()[i];
      PL_FUZZ_CHECK(IsSafeEntryName(entry.name));
      if (reader.value()->Read(i, bytes, 64).ok()) {
        PL_FUZZ_CHECK(static_cast<int64_t>(bytes.size()) == entry.size);
        PL_FUZZ_CHECK(bytes.capacity() >= bytes.size() + 64);
      }
    }
  } else {
    PL_FUZZ_CHECK(!opened.status().message().empty());
  }
  close(fd);
  return 0;
}
