#include "ingest/csv.h"

#include <algorithm>

#include "core/text.h"

namespace pl::ingest {

char SniffCsvSeparator(std::string_view line) {
  bool quoted = false, semicolon = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == ',') return ',';
    if (c == '\n' || c == '\r') break;
    semicolon = semicolon || c == ';';
  }
  return semicolon ? ';' : ',';
}

bool ParseCsvNumber(std::string_view cell, char separator, double& out) {
  std::string with_point;
  if (separator == ';' && std::count(cell.begin(), cell.end(), ',') == 1 &&
      cell.find('.') == cell.npos) {
    with_point.assign(cell);
    with_point[with_point.find(',')] = '.';
    cell = with_point;
  }
  return !cell.empty() && ParseNumber(cell, out);
}

CsvReader::CsvReader(std::string_view text, CsvOptions options) : text_(text), options_(options) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  if (options_.separator == 0) options_.separator = SniffCsvSeparator(text_.substr(pos_));
}

bool CsvReader::Next(CsvRecord& out) {
  out.fields.clear();
  if (!status_.ok()) return false;
  // Skip blank lines.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  out.line = line_;
  auto fail = [&](const std::string& what) {
    status_ = InvalidArgument("line " + std::to_string(line_) + ": " + what);
    return false;
  };
  const char sep = options_.separator;
  std::string field;
  while (true) {
    field.clear();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      ++pos_;
      int64_t opened_at = line_;
      while (true) {
        if (pos_ >= text_.size()) {
          line_ = opened_at;
          return fail("a quoted field opened here is never closed (add the closing \")");
        }
        char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field += '"';
            ++pos_;
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        field += c;
        if (field.size() > options_.max_field_bytes) {
          return fail("a field is longer than " + std::to_string(options_.max_field_bytes) +
                      " bytes");
        }
      }
      if (pos_ < text_.size() && text_[pos_] != sep && text_[pos_] != '\n' && text_[pos_] != '\r') {
        return fail(
            "unexpected text after a closing quote (quote the whole field, and double any \" "
            "inside it)");
      }
    } else {
      while (pos_ < text_.size() && text_[pos_] != sep && text_[pos_] != '\n' &&
             text_[pos_] != '\r') {
        if (text_[pos_] == '"') {
          return fail(
              "a \" inside an unquoted field (quote the field and write the quote as \"\")");
        }
        field += text_[pos_++];
        if (field.size() > options_.max_field_bytes) {
          return fail("a field is longer than " + std::to_string(options_.max_field_bytes) +
                      " bytes");
        }
      }
    }
    out.fields.push_back(std::move(field));
    if (out.fields.size() > options_.max_fields) {
      return fail("more than " + std::to_string(options_.max_fields) + " fields in one record");
    }
    if (pos_ >= text_.size()) break;
    char c = text_[pos_];
    if (c == sep) {
      ++pos_;
      continue;
    }
    // End of record: CRLF, LF or a lone CR.
    ++pos_;
    if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
    break;
  }
  return true;
}

}  // namespace pl::ingest
