// Fuzz target: a spreadsheet (.xlsx, .ods) as every CSV import opens it, the bytes in a memory
// file. An input starting "PK" is the zip itself (the limits, the directory, the members' CRCs).
// One starting "ODS\n" is the rest as an .ods file's content.xml; any other is an .xlsx
// workbook's XML — xl/workbook.xml, its relationships, the shared strings, the styles and
// xl/worksheets/sheet1.xml, in that order, separated by "\n@@\n". Those are put into a stored
// zip here, so mutations reach the XML readers rather than the CRC check. A spreadsheet that
// reads must give CSV text the CSV reader reads whole, a record a line; a refusal must say why.
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/csv.h"
#include "ingest/spreadsheet.h"
#include "testing/fuzz_check.h"

namespace {

void Put(std::string& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

// A zip of `members` stored uncompressed (method 0), CRCs right.
std::string StoredZip(const std::vector<std::pair<std::string, std::string_view>>& members) {
  std::string out, directory;
  for (const auto& [name, bytes] : members) {
    const uint32_t crc = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
    const uint64_t offset = out.size();
    Put(out, 0x04034b50, 4);
    Put(out, 20, 2), Put(out, 0, 2), Put(out, 0, 2), Put(out, 0, 4);  // version, flags, method, time
    Put(out, crc, 4), Put(out, bytes.size(), 4), Put(out, bytes.size(), 4);
    Put(out, name.size(), 2), Put(out, 0, 2);
    out += name;
    out += bytes;
    Put(directory, 0x02014b50, 4);
    Put(directory, 20, 2), Put(directory, 20, 2), Put(directory, 0, 2), Put(directory, 0, 2);
    Put(directory, 0, 4), Put(directory, crc, 4), Put(directory, bytes.size(), 4);
    Put(directory, bytes.size(), 4), Put(directory, name.size(), 2), Put(directory, 0, 2);
    Put(directory, 0, 2), Put(directory, 0, 2), Put(directory, 0, 2), Put(directory, 0, 4);
    Put(directory, offset, 4);
    directory += name;
  }
  const uint64_t at = out.size();
  out += directory;
  Put(out, 0x06054b50, 4);
  Put(out, 0, 2), Put(out, 0, 2), Put(out, members.size(), 2), Put(out, members.size(), 2);
  Put(out, directory.size(), 4), Put(out, at, 4), Put(out, 0, 2);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pl::ingest;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string zip;
  if (input.starts_with("ODS\n")) {
    zip = StoredZip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                     {"content.xml", input.substr(4)}});
    input = zip;
  } else if (!input.starts_with("PK")) {
    static const std::array<const char*, 5> kNames = {
        "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml",
        "xl/worksheets/sheet1.xml"};
    std::vector<std::pair<std::string, std::string_view>> members;
    for (size_t i = 0; i < kNames.size(); ++i) {
      const size_t end = i + 1 < kNames.size() ? input.find("\n@@\n") : std::string_view::npos;
      members.emplace_back(kNames[i], input.substr(0, end));
      if (end == std::string_view::npos) break;
      input.remove_prefix(end + 4);
    }
    zip = StoredZip(members);
    input = zip;
  }
  const int fd = memfd_create("book.xlsx", MFD_CLOEXEC);
  PL_FUZZ_CHECK(fd >= 0);
  for (size_t done = 0; done < input.size();) {
    const ssize_t n = write(fd, input.data() + done, input.size() - done);
    PL_FUZZ_CHECK(n > 0);
    done += static_cast<size_t>(n);
  }
  constexpr size_t kMost = size_t{4} << 20;
  auto csv = SpreadsheetAsCsv("/proc/self/fd/" + std::to_string(fd), kMost);
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
