// Fuzz target: an .xlsx workbook as every CSV import opens it (the zip with the workbook limits,
// then its workbook, relationships, shared strings, styles and first sheet as XML), the bytes in
// a memory file. The seeds are stored (uncompressed) workbooks, so mutations reach the XML. A
// workbook that reads must give CSV text the CSV reader reads whole; a refusal must say why.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/csv.h"
#include "ingest/xlsx.h"
#include "testing/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pl::ingest;
  const int fd = memfd_create("book.xlsx", MFD_CLOEXEC);
  PL_FUZZ_CHECK(fd >= 0);
  for (size_t done = 0; done < size;) {
    const ssize_t n = write(fd, data + done, size - done);
    PL_FUZZ_CHECK(n > 0);
    done += static_cast<size_t>(n);
  }
  constexpr size_t kMost = size_t{4} << 20;
  auto csv = XlsxAsCsv("/proc/self/fd/" + std::to_string(fd), kMost);
  close(fd);
  if (!csv.ok()) {
    PL_FUZZ_CHECK(!csv.status().message().empty());
    return 0;
  }
  PL_FUZZ_CHECK(csv->size() <= kMost + 64 * 1024);
  CsvReader reader(*csv, {.max_field_bytes = kMost, .max_fields = 1 << 15});
  CsvRecord record;
  int64_t last = 0;
  while (reader.Next(record)) {
    PL_FUZZ_CHECK(record.line > last);  // one record a line: no cell spans two
    last = record.line;
  }
  PL_FUZZ_CHECK(reader.status().ok());
  return 0;
}
