#include "core/memory.h"

#include <malloc.h>

namespace pl {

void ReturnLargeBlocksWhenFreed() { mallopt(M_MMAP_THRESHOLD, 256 << 10); }

}  // namespace pl
