#include "network/internal/markup.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/text.h"

namespace pl::network::internal {

std::string Num(double v) {
  if (!std::isfinite(v)) return "";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 allows no control characters but tab, line feed and carriage return.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
    }
  }
  return out;
}

std::string ValidUtf8(std::string_view s) {
  std::string out;
  for (size_t bad; (bad = FirstInvalidUtf8(s)) < s.size(); s.remove_prefix(bad + 1)) {
    out.append(s.substr(0, bad));
    AppendUtf8(out, U'\uFFFD');
  }
  out.append(s);
  return out;
}

Rgb CommunityColour(int32_t community) {
  const double h = std::fmod(std::max(community, 0) * 0.618033988749895, 1.0) * 6;
  const double x = 1 - std::fabs(std::fmod(h, 2) - 1);
  double rgb[3] = {0, 0, 0};
  const int sector = static_cast<int>(h);
  const int order[6][3] = {{0, 1, 2}, {1, 0, 2}, {2, 0, 1}, {2, 1, 0}, {1, 2, 0}, {0, 2, 1}};
  rgb[order[sector][0]] = 0.85;
  rgb[order[sector][1]] = 0.85 * x;
  return {static_cast<int>(40 + 200 * rgb[0]), static_cast<int>(40 + 200 * rgb[1]),
          static_cast<int>(40 + 200 * rgb[2])};
}

}  // namespace pl::network::internal
