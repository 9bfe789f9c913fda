// The process's allocator for large working arrays.
#pragma once

namespace pl {

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

}  // namespace pl
