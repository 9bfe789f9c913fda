// Memory: the process's allocator for large working arrays, and asking the cache for a line
// ahead of its use.
#pragma once

#include <cstddef>

namespace pl {

// Asks for the cache line holding p (which need not be valid memory). An asm statement rather
// than __builtin_prefetch: GCC 12 left the builtin out of Leiden's moves altogether once the
// graph's accessors were inline (no prefetch instruction in the disassembly; 20–25% slower).
[[gnu::always_inline]] inline void PrefetchLine(const void* p) {
#if defined(__x86_64__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#else
  __builtin_prefetch(p);
#endif
}

// Sets the process's allocator so that blocks of 256 KiB and more are mapped on their own and
// given back to the system when freed. glibc's default raises that threshold after the first
// large block is freed (up to 32 MiB), after which an engine's per-level working arrays come
// from the heap and stay resident once freed: peak memory then counts arrays long dead. Call
// once, before the work starts.
//
// (Transparent huge pages are not asked for: under Debian's default "defrag=madvise" a fault
// in an advised buffer waits while the kernel compacts memory, which after other programs had
// run cost up to 0.25 s where the buffer took 0.02 s to fill; bench/RESULTS.md.)
void ReturnLargeBlocksWhenFreed();

// Maps the whole pages inside [p, p + bytes) at once (Linux's MADV_POPULATE_WRITE, 5.14 and
// later), ahead of a loop that would otherwise fault them in one at a time: about 0.4 µs a page
// here against 0.8 (bench/RESULTS.md). Contents are kept. True where the pages were mapped;
// false for a block under 64 KiB (not worth the call) or where the kernel cannot.
bool Prefault(void* p, size_t bytes);

}  // namespace pl
