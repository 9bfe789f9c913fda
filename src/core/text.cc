#include "core/text.h"

#include <cstdint>

namespace pl {

namespace {

// The well-formed UTF-8 sequence at p[i] (of n bytes): its length, with its code point in `cp`;
// 0 where none starts there (a stray or truncated byte, an overlong, a surrogate, past U+10FFFF).
size_t SequenceAt(const unsigned char* p, size_t n, size_t i, uint32_t& cp) {
  const unsigned char c = p[i];
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  size_t len;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > n) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((p[i + k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i + k] & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) {
    return 0;  // overlong
  }
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

size_t FirstInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  uint32_t cp;
  for (size_t i = 0; i < s.size();) {
    const size_t len = SequenceAt(p, s.size(), i, cp);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string Printable(std::string_view s, size_t most, bool keep_lines) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::string out;
  size_t shown = 0, i = 0;
  for (uint32_t cp; i < s.size() && shown < most; ++shown) {
    const size_t len = SequenceAt(p, s.size(), i, cp);
    if (len == 0) {
      out += "\\x";
      out += kHex[p[i] >> 4];
      out += kHex[p[i] & 15];
      ++i;
    } else if ((cp < 0x20 && !(keep_lines && (cp == '\n' || cp == '\t'))) ||
               (cp >= 0x7f && cp < 0xa0)) {
      out += '?';
      i += len;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  if (i < s.size()) out += "...";
  return out;
}

bool IsValidUtf8(std::string_view s) { return FirstInvalidUtf8(s) == std::string_view::npos; }

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string WrapLines(std::string_view text, size_t width) {
  std::string out;
  for (size_t pos = 0, first = 1; pos <= text.size(); first = 0) {
    const size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    if (!first) out += '\n';
    pos = end + 1;
    if (Utf8Length(line) <= width) {  // as it is, runs of spaces and all
      out += line;
      continue;
    }
    const size_t indent = std::min(line.find_first_not_of(' '), line.size());
    const std::string_view lead = line.substr(0, indent);
    size_t column = 0;
    bool first_word = true;
    for (std::string_view word : Split(line.substr(indent), ' ')) {
      if (word.empty()) continue;
      const size_t n = Utf8Length(word);
      if (first_word || column + 1 + n > width) {  // a line of its own, under the lead
        if (!first_word) out += '\n';
        out += lead;
        column = indent;
      } else {
        out += ' ';
        ++column;
      }
      out += word;
      column += n;
      first_word = false;
    }
  }
  return out;
}

bool AppendUtf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | cp >> 6);
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | cp >> 12);
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | cp >> 18);
    out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n'))
    --e;
  return s.substr(b, e - b);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(
        s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

std::string CsvField(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvText(std::string_view v) {
  if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos) {
    return CsvField("'" + std::string(v));
  }
  return CsvField(v);
}

}  // namespace pl
