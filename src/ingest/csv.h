// RFC 4180 CSV: comma-separated fields, CRLF or LF records, double-quoted fields that may hold
// commas, quotes ("") and line breaks. Each record remembers the physical line it starts on so
// errors can point at it. Semicolon-separated files, as spreadsheets write CSV where the decimal
// separator is a comma, and tab-separated ones are read too: see SniffCsvSeparator.
//
//   CsvReader reader(text);
//   CsvRecord rec;
//   while (reader.Next(rec)) { ... rec.line, rec.fields ... }
//   if (!reader.status().ok()) ...  // "line 7: unterminated quoted field"
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace pl::ingest {

struct CsvRecord {
  int64_t line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
};

struct CsvOptions {
  size_t max_field_bytes = size_t{64} * 1024;
  size_t max_fields = 512;
  char separator = 0;  // 0: SniffCsvSeparator on the text
};

// ';' where `line` (up to its first line break) holds a ';' and no ',' outside double quotes, as
// spreadsheets write CSV in locales with a decimal comma ("a;b;0,5"); '\t' where it holds tabs
// and neither (tab-separated text, as Excel's "Unicode Text" and many HR systems export); else
// ','. A tab-separated file's numbers take a decimal point only ("0,5" is refused, not guessed).
char SniffCsvSeparator(std::string_view line);

// A table's text as UTF-8: text that starts with a UTF-16 byte-order mark (Excel's "Unicode
// Text" is tab-separated UTF-16LE) converted, the mark dropped; any other text as it is.
// InvalidArgument naming the byte where the UTF-16 is cut short or broken (a lone surrogate).
Result<std::string> TableTextAsUtf8(std::string text);

// A number as a CSV cell holds it: as from_chars reads it, or, in a semicolon-separated file,
// with a decimal comma ("0,5"; no '.' then). False when `cell` is not wholly one number.
bool ParseCsvNumber(std::string_view cell, char separator, double& out);

class CsvReader {
 public:
  // `text` must outlive the reader. A leading UTF-8 byte-order mark is skipped.
  explicit CsvReader(std::string_view text, CsvOptions options = {});

  char separator() const { return options_.separator; }

  // Reads the next record into `out`. Returns false at the end of input or on a syntax error;
  // then status() tells which. Blank lines are skipped.
  bool Next(CsvRecord& out);
  const Status& status() const { return status_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  CsvOptions options_;
  Status status_;
};

}  // namespace pl::ingest
