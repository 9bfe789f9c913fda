#include "core/time.h"

#include <charconv>
#include <cstdio>
#include <map>

#include "core/text.h"

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

namespace {

// "d/m/yyyy", "dd.mm.yyyy": the two leading numbers and the year, and the separator; false for
// any other form.
bool SplitLocalDate(std::string_view t, int& a, int& b, int& y, char& sep) {
  auto number = [&](size_t& pos, size_t most, int& out) {
    const size_t start = pos;
    out = 0;
    while (pos < t.size() && pos - start < most && t[pos] >= '0' && t[pos] <= '9') {
      out = out * 10 + (t[pos++] - '0');
    }
    return pos > start;
  };
  size_t pos = 0;
  if (!number(pos, 2, a) || pos >= t.size() || (t[pos] != '/' && t[pos] != '.')) return false;
  sep = t[pos++];
  if (!number(pos, 2, b) || pos >= t.size() || t[pos++] != sep) return false;
  const size_t year_at = pos;
  return number(pos, 4, y) && pos - year_at == 4 && pos == t.size();
}

}  // namespace

DateOrder InferDateOrder(const std::vector<std::string_view>& dates) {
  bool day_first = false, month_first = false, local = false;
  for (std::string_view d : dates) {
    int a = 0, b = 0, y = 0;
    char sep = 0;
    if (!SplitLocalDate(d, a, b, y, sep)) continue;
    local = true;
    day_first = day_first || sep == '.' || a > 12;
    month_first = month_first || (sep == '/' && b > 12);
  }
  if (!local) return DateOrder::kIso;
  if (day_first && month_first) return DateOrder::kConflicting;
  return day_first     ? DateOrder::kDayFirst
         : month_first ? DateOrder::kMonthFirst
                       : DateOrder::kAmbiguous;
}

Result<Date> ParseLocalDate(std::string_view text, DateOrder order) {
  int a = 0, b = 0, y = 0;
  char sep = 0;
  if (!SplitLocalDate(text, a, b, y, sep)) {
    size_t pos = 0;
    auto d = ParseDatePrefix(text, pos);
    if (!d.ok() || pos == text.size()) return d;
    if ((text[pos] == ' ' || text[pos] == 'T') && ParseTimestamp(text).ok()) {
      return d;  // a date with its time of day
    }
    return BadDate(text, "date (expected YYYY-MM-DD)");
  }
  switch (order) {
    case DateOrder::kAmbiguous:
      return InvalidArgument("'" + std::string(text) +
                             "' could be read day first or month first, and no date in the file "
                             "tells which (none has a number above 12 in either place)");
    case DateOrder::kConflicting:
      return InvalidArgument("'" + std::string(text) +
                             "': the file's dates put the day first in some and the month first "
                             "in others");
    case DateOrder::kIso:  // the file's dates were not looked at: day and month unknown
      return BadDate(text, "date (expected YYYY-MM-DD)");
    case DateOrder::kMonthFirst:
      if (sep == '/') std::swap(a, b);
      break;
    case DateOrder::kDayFirst:
      break;
  }
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(b)},
                                  std::chrono::day{unsigned(a)}};
  if (!ymd.ok()) return BadDate(text, "calendar date (no such day)");
  return Date{ymd};
}

bool IsLocalDate(std::string_view text, std::string_view& date) {
  date = text.substr(0, text.find(' '));
  int a = 0, b = 0, y = 0;
  char sep = 0;
  return SplitLocalDate(date, a, b, y, sep);
}

Result<Timestamp> ParseLocalTimestamp(std::string_view text, DateOrder order) {
  std::string_view head;
  if (!IsLocalDate(text, head)) return ParseTimestamp(text);
  ASSIGN_OR_RETURN(Date d, ParseLocalDate(head, order));
  std::string_view rest = head.size() < text.size() ? text.substr(head.size() + 1) : "";
  while (rest.starts_with(' ')) rest.remove_prefix(1);
  while (rest.ends_with(' ')) rest.remove_suffix(1);
  if (rest.empty()) return Timestamp(d);
  // h:mm[:ss] [AM|PM]
  int part[3] = {0, 0, 0}, parts = 0;
  size_t pos = 0;
  while (parts < 3 && pos < rest.size() && rest[pos] >= '0' && rest[pos] <= '9') {
    const size_t start = pos;
    while (pos < rest.size() && pos - start < 2 && rest[pos] >= '0' && rest[pos] <= '9') {
      part[parts] = part[parts] * 10 + (rest[pos++] - '0');
    }
    ++parts;
    if (pos < rest.size() && rest[pos] == ':') {
      ++pos;
    } else {
      break;
    }
  }
  std::string_view suffix = rest.substr(pos);
  while (suffix.starts_with(' ')) suffix.remove_prefix(1);
  const std::string half = AsciiLower(suffix);
  const bool am = half == "am" || half == "a.m.", pm = half == "pm" || half == "p.m.";
  if (parts < 2 || (!suffix.empty() && !am && !pm) || part[1] > 59 || part[2] > 59 ||
      ((am || pm) ? part[0] < 1 || part[0] > 12 : part[0] > 23)) {
    return BadDate(text, "time of day (expected hh:mm or hh:mm:ss, with AM or PM or not)");
  }
  int hour = part[0];
  if (am && hour == 12) hour = 0;
  if (pm && hour != 12) hour += 12;
  return Timestamp(d) + std::chrono::hours(hour) + std::chrono::minutes(part[1]) +
         std::chrono::seconds(part[2]);
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

std::optional<double> StandardUtcOffsetHours(std::string_view zone) {
  static const std::map<std::string_view, double> kZones = {
      {"UTC", 0},
      {"Etc/UTC", 0},
      {"Europe/London", 0},
      {"Europe/Dublin", 0},
      {"Europe/Lisbon", 0},
      {"Europe/Berlin", 1},
      {"Europe/Paris", 1},
      {"Europe/Madrid", 1},
      {"Europe/Rome", 1},
      {"Europe/Amsterdam", 1},
      {"Europe/Brussels", 1},
      {"Europe/Vienna", 1},
      {"Europe/Zurich", 1},
      {"Europe/Stockholm", 1},
      {"Europe/Oslo", 1},
      {"Europe/Copenhagen", 1},
      {"Europe/Warsaw", 1},
      {"Europe/Prague", 1},
      {"Europe/Budapest", 1},
      {"Europe/Athens", 2},
      {"Europe/Helsinki", 2},
      {"Europe/Kiev", 2},
      {"Europe/Kyiv", 2},
      {"Europe/Bucharest", 2},
      {"Europe/Istanbul", 3},
      {"Europe/Moscow", 3},
      {"Africa/Lagos", 1},
      {"Africa/Cairo", 2},
      {"Africa/Johannesburg", 2},
      {"Africa/Nairobi", 3},
      {"Asia/Dubai", 4},
      {"Asia/Karachi", 5},
      {"Asia/Kolkata", 5.5},
      {"Asia/Dhaka", 6},
      {"Asia/Bangkok", 7},
      {"Asia/Jakarta", 7},
      {"Asia/Singapore", 8},
      {"Asia/Shanghai", 8},
      {"Asia/Hong_Kong", 8},
      {"Asia/Manila", 8},
      {"Asia/Seoul", 9},
      {"Asia/Tokyo", 9},
      {"Australia/Perth", 8},
      {"Australia/Brisbane", 10},
      {"Australia/Sydney", 10},
      {"Australia/Melbourne", 10},
      {"Pacific/Auckland", 12},
      {"America/St_Johns", -3.5},
      {"America/Halifax", -4},
      {"America/Sao_Paulo", -3},
      {"America/Argentina/Buenos_Aires", -3},
      {"America/Bogota", -5},
      {"America/Lima", -5},
      {"America/New_York", -5},
      {"America/Toronto", -5},
      {"America/Chicago", -6},
      {"America/Mexico_City", -6},
      {"America/Denver", -7},
      {"America/Phoenix", -7},
      {"America/Los_Angeles", -8},
      {"America/Vancouver", -8},
      {"America/Anchorage", -9},
      {"Pacific/Honolulu", -10},
  };
  if (auto it = kZones.find(zone); it != kZones.end()) return it->second;
  std::string_view z = zone;
  if (z.starts_with("UTC") || z.starts_with("GMT")) z.remove_prefix(3);
  if (z.empty() || (z[0] != '+' && z[0] != '-')) return std::nullopt;
  const double sign = z[0] == '-' ? -1 : 1;
  z.remove_prefix(1);
  int hours = 0, minutes = 0;
  size_t i = 0;
  while (i < z.size() && i < 2 && z[i] >= '0' && z[i] <= '9') hours = hours * 10 + (z[i++] - '0');
  if (i == 0) return std::nullopt;
  if (i < z.size() && z[i] == ':') ++i;
  size_t digits = 0;
  while (i < z.size() && digits < 2 && z[i] >= '0' && z[i] <= '9') {
    minutes = minutes * 10 + (z[i++] - '0');
    ++digits;
  }
  if (i != z.size() || hours > 14 || minutes >= 60 || (digits != 0 && digits != 2)) {
    return std::nullopt;
  }
  return sign * (hours + minutes / 60.0);
}

}  // namespace pl
