// Small text utilities shared by importers and the server: UTF-8 validation, trimming,
// case folding for search, whole numbers and CSV fields.
#pragma once

#include <charconv>
#include <string>
#include <string_view>
#include <vector>

namespace pl {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);
// Where `s` stops being well-formed UTF-8: the offset of the first byte of the first bad
// sequence (a truncated one included); npos where it is well-formed throughout.
size_t FirstInvalidUtf8(std::string_view s);
// `s` made safe to print in a message: at most `most` characters, a control character (C0,
// DEL, C1: a terminal could act on it) as '?', a byte outside well-formed UTF-8 as \xNN, and
// "..." where it was cut short. With `keep_lines`, line feeds and tabs are kept (a message of
// several lines).
std::string Printable(std::string_view s, size_t most, bool keep_lines = false);
// Number of code points in valid UTF-8 `s`.
size_t Utf8Length(std::string_view s);
// Appends code point `cp` as UTF-8; false (nothing appended) for a surrogate or one above
// U+10FFFF, which UTF-8 cannot carry.
bool AppendUtf8(std::string& out, char32_t cp);
// `text` with each line broken at spaces to at most `width` code points where its words allow
// (a longer word keeps its own line); a broken line's continuation starts with the line's own
// leading spaces. Existing line breaks stay.
std::string WrapLines(std::string_view text, size_t width);
std::string_view Trim(std::string_view s);
std::string AsciiLower(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char sep);
// The next line of `text` from `pos` (without its '\n'; a '\r' before it is kept), moving `pos`
// past it; false at the end. Inline, as SplitWords.
//   size_t pos = 0; std::string_view line;
//   while (NextLine(text, pos, line)) { ... }
inline bool NextLine(std::string_view text, size_t& pos, std::string_view& line) {
  if (pos >= text.size()) return false;
  size_t end = text.find('\n', pos);
  if (end == std::string_view::npos) end = text.size();
  line = text.substr(pos, end - pos);
  pos = end + 1;
  return true;
}

// The words of a line — runs of characters other than spaces, tabs and carriage returns — into
// `out` (cleared first). Inline: edge-list readers call it for every line of large files.
inline void SplitWords(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && blank(line[i])) ++i;
    const size_t start = i;
    while (i < line.size() && !blank(line[i])) ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
}

// The whole of `s` as a number, as std::from_chars reads one (no spaces, no '+'); false otherwise.
template <class T>
bool ParseNumber(std::string_view s, T& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

// One RFC 4180 CSV field: quoted (with doubled quotes) when it holds a comma, quote or line break.
std::string CsvField(std::string_view v);
// A CSV field for free text opened in spreadsheets: as CsvField, and a leading =, +, -, @, tab
// or carriage return is preceded by an apostrophe so that it cannot run as a formula (OWASP).
std::string CsvText(std::string_view v);

}  // namespace pl
