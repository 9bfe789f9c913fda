#include "core/memory.h"

#include <malloc.h>
#include <sys/mman.h>

#include <cstdint>

namespace pl {

void AdviseHugePages(const void* data, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (data == nullptr || bytes < 2 * kHuge) return;
  const auto begin = reinterpret_cast<uintptr_t>(data);
  const uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t last = (begin + bytes) & ~(kHuge - 1);
  // Advice only: a kernel without transparent huge pages refuses it and the buffer keeps its
  // normal pages.
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

void ReturnLargeBlocksWhenFreed() { mallopt(M_MMAP_THRESHOLD, 256 << 10); }

}  // namespace pl
