// Large working arrays. A buffer of tens of megabytes written once costs a page fault per 4 KiB
// page (8,000 for 32 MB); asking the kernel for transparent huge pages before the first write
// makes it 16 faults of 2 MiB. Where huge pages are off (or the buffer is small) nothing
// changes.
//
//   std::vector<Row> rows;
//   ReserveHuge(rows, n);   // reserve, then advise; the pages are touched by the writes
//   rows.resize(n);
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace pl {

// Advises transparent huge pages for the whole 2 MiB pages inside [data, data + bytes); buffers
// under 4 MiB are left alone.
void AdviseHugePages(const void* data, size_t bytes);

template <class T>
void ReserveHuge(std::vector<T>& v, size_t n) {
  v.reserve(n);
  AdviseHugePages(v.data(), v.capacity() * sizeof(T));
}

// Sets the process's allocator so that blocks of 256 KiB and more are mapped on their own and
// given back to the system when freed. glibc's default raises that threshold after the first
// large block is freed (up to 32 MiB), after which an engine's per-level working arrays come
// from the heap and stay resident once freed: peak memory then counts arrays long dead. Call
// once, before the work starts.
void ReturnLargeBlocksWhenFreed();

// n uninitialised elements of a trivial type, advised as above.
template <class T>
std::unique_ptr<T[]> NewHugeArray(size_t n) {
  auto p = std::make_unique_for_overwrite<T[]>(n);
  AdviseHugePages(p.get(), n * sizeof(T));
  return p;
}

}  // namespace pl
