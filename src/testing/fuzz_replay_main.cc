// Runs a fuzz target over stored inputs, for builds without libFuzzer: every file under the
// folders (or the files) given, one after another. A failed check aborts, naming the input on
// the line before; a folder without inputs is an error, so a corpus cannot go missing unseen.
// As scripts/fuzz.sh caps libFuzzer's memory, the replay's address space is capped (at 2 GiB,
// outside sanitizer builds, whose shadow memory needs more): an input that once asked for
// gigabytes fails here again, as an allocation that throws, should the bound it needs be lost.
//
//   build/release/src/ingest/fuzz/pl_fuzz_replay_csv src/ingest/fuzz/corpus/csv
#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PL_REPLAY_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define PL_REPLAY_SANITIZED 1
#endif
#endif

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FOLDER_OR_FILE...\n", argv[0]);
    return 2;
  }
#ifndef PL_REPLAY_SANITIZED
  constexpr rlim_t kAddressSpace = rlim_t{2} << 30;
  const rlimit cap{kAddressSpace, kAddressSpace};
  if (setrlimit(RLIMIT_AS, &cap) != 0) {
    std::perror("setrlimit(RLIMIT_AS)");
    return 1;
  }
#endif
  size_t replayed = 0;
  for (int a = 1; a < argc; ++a) {
    std::vector<fs::path> inputs;
    std::error_code ec;
    if (fs::is_directory(argv[a], ec)) {
      for (const auto& e : fs::recursive_directory_iterator(argv[a])) {
        if (e.is_regular_file()) inputs.push_back(e.path());
      }
      if (inputs.empty()) {
        std::fprintf(stderr, "%s: no inputs\n", argv[a]);
        return 1;
      }
    } else if (fs::is_regular_file(argv[a], ec)) {
      inputs.emplace_back(argv[a]);
    } else {
      std::fprintf(stderr, "%s: not a file or folder\n", argv[a]);
      return 1;
    }
    std::sort(inputs.begin(), inputs.end());
    for (const fs::path& p : inputs) {
      std::ifstream in(p, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      std::fprintf(stderr, "%s\n", p.c_str());
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++replayed;
    }
  }
  std::printf("%zu inputs replayed\n", replayed);
  return 0;
}
