// What the fuzz targets share: a check that stops the run where a property fails (a crash
// libFuzzer and the replay test both report, with the input that caused it).
#pragma once

#include <cstdio>
#include <cstdlib>

#define PL_FUZZ_CHECK(cond)                                                         \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                 \
    }                                                                               \
  } while (false)
