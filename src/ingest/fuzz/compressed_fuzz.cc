// Fuzz target: what `peerlearn network FILE` does to a file's bytes before a reader sees them —
// Decompressed (gzip, zstd, bzip2, xz, by their magic bytes) and, where the result is a tar,
// OneNetworkFileInTar, then Decompressed again on that file. Never more than the limit comes out;
// a refusal says why; a file found in a tar lies within the archive.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/compressed.h"
#include "testing/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pl::ingest;
  constexpr size_t kMost = size_t{1} << 24;
  auto text = Decompressed(std::string(reinterpret_cast<const char*>(data), size), kMost);
  if (!text.ok()) {
    PL_FUZZ_CHECK(!text.status().message().empty());
    return 0;
  }
  PL_FUZZ_CHECK(text->size() <= kMost);
  if (CompressionOf(std::string_view(reinterpret_cast<const char*>(data), size)) == nullptr) {
    PL_FUZZ_CHECK(text->size() == size);  // other bytes pass through
  }
  if (!LooksLikeTar(*text)) return 0;
  std::string member;
  auto inside = OneNetworkFileInTar(*text, kMost, member);
  if (!inside.ok()) {
    PL_FUZZ_CHECK(!inside.status().message().empty());
    return 0;
  }
  PL_FUZZ_CHECK(inside->size() + 512 <= text->size());
  PL_FUZZ_CHECK(!BesideTheNetwork(member));
  auto again = Decompressed(std::move(*inside), kMost);
  if (again.ok()) PL_FUZZ_CHECK(again->size() <= kMost);
  return 0;
}
