#include "ingest/csv.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>

#include "core/text.h"

namespace pl::ingest {

char SniffCsvSeparator(std::string_view line) {
  bool quoted = false, semicolon = false;
  size_t tabs = 0;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == ',') return ',';
    if (c == '\n' || c == '\r') break;
    semicolon = semicolon || c == ';';
    tabs += c == '\t';
  }
  return semicolon ? ';' : tabs > 0 ? '\t' : ',';
}

Result<std::string> TableTextAsUtf8(std::string text) {
  const bool le = text.starts_with("\xFF\xFE"), be = text.starts_with("\xFE\xFF");
  if (!le && !be) return text;
  // iconv's "UTF-16" reads the byte-order mark and drops it.
  iconv_t cd = iconv_open("UTF-8", "UTF-16");
  if (cd == reinterpret_cast<iconv_t>(-1)) return Internal("cannot convert UTF-16 text");
  std::string out(text.size() / 2 * 3 + 16, '\0');
  char* in = text.data();
  size_t in_left = text.size();
  char* to = out.data();
  size_t to_left = out.size();
  const size_t done = iconv(cd, &in, &in_left, &to, &to_left);
  const int err = errno;
  iconv_close(cd);
  if (done == static_cast<size_t>(-1)) {
    const auto at = static_cast<size_t>(in - text.data());
    return InvalidArgument(std::string("the text is UTF-16 (it starts with a byte-order mark), ") +
                           (err == EINVAL
                                ? "cut short at byte " + std::to_string(at)
                                : "with a broken character at byte " + std::to_string(at)));
  }
  out.resize(out.size() - to_left);
  if (out.starts_with("\xEF\xBB\xBF")) out.erase(0, 3);  // a mark read as text by some iconv
  return out;
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
