#include "core/memory.h"

#include <malloc.h>
#include <sys/mman.h>

#include <cstdint>

namespace pl {

void ReturnLargeBlocksWhenFreed() { mallopt(M_MMAP_THRESHOLD, 256 << 10); }

bool Prefault(void* p, size_t bytes) {
#ifdef MADV_POPULATE_WRITE
  if (bytes < (size_t{64} << 10)) return false;
  constexpr uintptr_t kPage = 4096;
  const auto from = (reinterpret_cast<uintptr_t>(p) + kPage - 1) & ~(kPage - 1);
  const auto to = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kPage - 1);
  return to > from && madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE) == 0;
#else
  (void)p, (void)bytes;
  return false;
#endif
}

}  // namespace pl
