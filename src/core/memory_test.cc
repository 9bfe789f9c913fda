#include "core/memory.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include <cstdint>
#include <cstring>

namespace pl {
namespace {

long MinorFaults() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt;
}

// A fresh mapping of 4 MiB (1,024 pages): touching it after Prefault faults (almost) nothing,
// where touching it without faults once per page. (Not counted under ThreadSanitizer, whose own
// shadow memory faults on the first write to each page either way.)
TEST(MemoryTest, PrefaultMapsThePagesAheadOfTheirFirstUse) {
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "a sanitizer's shadow memory faults on each page's first write";
#endif
  constexpr size_t kBytes = size_t{4} << 20;
  auto touch = [](char* p) {
    for (size_t i = 0; i < kBytes; i += 4096) p[i] = 1;
  };
  void* a = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  void* b = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(a, MAP_FAILED);
  ASSERT_NE(b, MAP_FAILED);
  long before = MinorFaults();
  touch(static_cast<char*>(a));
  const long unprepared = MinorFaults() - before;
  if (!Prefault(b, kBytes)) {
    munmap(a, kBytes);
    munmap(b, kBytes);
    GTEST_SKIP() << "this kernel has no MADV_POPULATE_WRITE (Linux 5.14 and later)";
  }
  before = MinorFaults();
  touch(static_cast<char*>(b));
  const long prepared = MinorFaults() - before;
  EXPECT_GE(unprepared, 1000);
  EXPECT_LE(prepared, 8);
  munmap(a, kBytes);
  munmap(b, kBytes);
}

// What is already written stays; a small block, and a block's partial first and last pages,
// are left alone.
TEST(MemoryTest, PrefaultKeepsContentsAndSkipsSmallBlocks) {
  constexpr size_t kBytes = size_t{1} << 20;
  auto* p = static_cast<unsigned char*>(
      mmap(nullptr, kBytes + 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  ASSERT_NE(static_cast<void*>(p), MAP_FAILED);
  for (size_t i = 0; i < kBytes; i += 512) p[i + 100] = static_cast<unsigned char>(i / 512);
  Prefault(p + 100, kBytes);
  for (size_t i = 0; i < kBytes; i += 512) {
    ASSERT_EQ(p[i + 100], static_cast<unsigned char>(i / 512)) << i;
  }
  EXPECT_FALSE(Prefault(p, 60 << 10));
  munmap(p, kBytes + 8192);
}

}  // namespace
}  // namespace pl
