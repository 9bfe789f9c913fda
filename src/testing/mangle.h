// Test support: a copy of a good file with 1 to `max_edits` random edits — a byte changed, bytes
// cut, a byte inserted, the rest cut off, a run repeated — for tests that every mangled file is
// read or refused with a message, never more. New bytes come from `noise`, or are any byte where
// it is empty.
//   std::mt19937 rng(2026);
//   const std::string m = pl::testing::Mangle(good, rng, 3, "");
#pragma once

#include <random>
#include <string>
#include <string_view>

namespace pl::testing {

inline std::string Mangle(std::string m, std::mt19937& rng, int max_edits, std::string_view noise) {
  auto byte = [&] {
    return noise.empty() ? static_cast<char>(rng()) : noise[rng() % noise.size()];
  };
  const int edits = 1 + static_cast<int>(rng() % static_cast<unsigned>(max_edits));
  for (int k = 0; k < edits && !m.empty(); ++k) {
    const size_t at = rng() % m.size();
    switch (rng() % 5) {
      case 0:
        m[at] = byte();
        break;
      case 1:
        m.erase(at, 1 + rng() % 8);
        break;
      case 2:
        m.insert(at, 1, byte());
        break;
      case 3:
        m.resize(at);
        break;
      default:
        m.insert(at, m.substr(at, 1 + rng() % 16));
        break;
    }
  }
  return m;
}

}  // namespace pl::testing
