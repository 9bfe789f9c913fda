#include "core/time.h"

#include <charconv>
#include <cstdio>

namespace pl {
namespace {

// Reads exactly `n` digits at `pos`; advances pos.
bool Digits(std::string_view s, size_t& pos, int n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  pos += n;
  return true;
}

Status BadDate(std::string_view text, std::string_view why) {
  return InvalidArgument("'" + std::string(text.substr(0, 64)) + "' is not a valid " +
                         std::string(why));
}

Result<Date> ParseDatePrefix(std::string_view text, size_t& pos) {
  int y = 0, m = 0, d = 0;
  if (!Digits(text, pos, 4, y) || pos >= text.size() || text[pos++] != '-' ||
      !Digits(text, pos, 2, m) || pos >= text.size() || text[pos++] != '-' ||
      !Digits(text, pos, 2, d)) {
    return BadDate(text, "date (expected YYYY-MM-DD)");
  }
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                  std::chrono::day{unsigned(d)}};
  if (!ymd.ok()) return BadDate(text, "calendar date (no such day)");
  return Date{ymd};
}

}  // namespace

Result<Date> ParseDate(std::string_view text) {
  size_t pos = 0;
  ASSIGN_OR_RETURN(Date d, ParseDatePrefix(text, pos));
  if (pos != text.size()) return BadDate(text, "date (expected YYYY-MM-DD)");
  return d;
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  using namespace std::chrono;
  size_t pos = 0;
  ASSIGN_OR_RETURN(Date d, ParseDatePrefix(text, pos));
  Timestamp t = time_point_cast<microseconds>(sys_time<seconds>(d));
  if (pos == text.size()) return t;
  if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') {
    return BadDate(text, "timestamp (expected 'T' after the date)");
  }
  ++pos;
  int hh = 0, mm = 0, ss = 0;
  if (!Digits(text, pos, 2, hh) || pos >= text.size() || text[pos++] != ':' ||
      !Digits(text, pos, 2, mm)) {
    return BadDate(text, "timestamp (expected hh:mm after the date)");
  }
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!Digits(text, pos, 2, ss)) return BadDate(text, "timestamp (bad seconds)");
  }
  if (hh > 23 || mm > 59 || ss > 60) return BadDate(text, "timestamp (time out of range)");
  int64_t micros = 0;
  if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 6) micros = micros * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return BadDate(text, "timestamp (empty fraction)");
    for (int i = digits; i < 6; ++i) micros *= 10;
  }
  int offset_minutes = 0;
  if (pos < text.size()) {
    char z = text[pos];
    if (z == 'Z' || z == 'z') {
      ++pos;
    } else if (z == '+' || z == '-') {
      ++pos;
      int oh = 0, om = 0;
      if (!Digits(text, pos, 2, oh)) return BadDate(text, "timestamp (bad zone offset)");
      if (pos < text.size() && text[pos] == ':') ++pos;
      if (!Digits(text, pos, 2, om)) return BadDate(text, "timestamp (bad zone offset)");
      if (oh > 23 || om > 59) return BadDate(text, "timestamp (zone offset out of range)");
      offset_minutes = (oh * 60 + om) * (z == '-' ? -1 : 1);
    }
  }
  if (pos != text.size()) return BadDate(text, "timestamp (unexpected trailing characters)");
  t += hours(hh) + minutes(mm) + seconds(ss) + microseconds(micros) - minutes(offset_minutes);
  return t;
}

std::string FormatDate(Date date) {
  std::chrono::year_month_day ymd{date};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

std::string FormatTimestamp(Timestamp t) {
  using namespace std::chrono;
  auto day = floor<days>(t);
  hh_mm_ss<microseconds> hms{t - day};
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d", FormatDate(day).c_str(),
                int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count()));
  std::string out = buf;
  if (auto us = hms.subseconds().count(); us != 0) {
    char frac[8];
    std::snprintf(frac, sizeof frac, "%06d", int(us));
    std::string f = frac;
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += "." + f;
  }
  out += "Z";
  return out;
}

namespace {
class RealClock final : public Clock {
 public:
  Timestamp Now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
  }
};
}  // namespace

const Clock& SystemClock() {
  static const RealClock kClock;
  return kClock;
}

}  // namespace pl
