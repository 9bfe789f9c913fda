// UTC time: timestamps with microsecond precision, calendar dates, ISO-8601 parsing and printing,
// and an injectable Clock so tests control "now".
//
//   ASSIGN_OR_RETURN(pl::Timestamp t, pl::ParseTimestamp("2026-03-01T09:30:00+01:00"));
//   std::string s = pl::FormatTimestamp(t);  // "2026-03-01T08:30:00Z"
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace pl {

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;
using Date = std::chrono::sys_days;

// "YYYY-MM-DD", a real calendar date (no 2026-02-30).
Result<Date> ParseDate(std::string_view text);
// ISO-8601 / RFC 3339: a date alone (midnight UTC), or date 'T' (or space) hh:mm[:ss[.fraction]]
// with 'Z', '±hh:mm', '±hhmm', or no zone (taken as UTC).
Result<Timestamp> ParseTimestamp(std::string_view text);

// Dates as spreadsheets and HR systems write them in a file's locale: "15/03/2021", "3/15/2021",
// "15.03.2021" (day first always), beside ISO's "2021-03-15". Which of day and month comes first
// is told by the file as a whole: a first number above 12 anywhere says day first, a second one
// above 12 month first (both: kConflicting); dots say day first; a file of only ISO dates is
// kIso, and one whose slashed dates all fit either way kAmbiguous.
enum class DateOrder { kIso, kDayFirst, kMonthFirst, kAmbiguous, kConflicting };
DateOrder InferDateOrder(const std::vector<std::string_view>& dates);
// A date in ISO form, or written with slashes or dots in `order` (four-digit years only; the
// ISO form is read whatever the order); a date and a time ("2021-03-15 00:00:00", as exports
// of date columns write them) is the date. Errors say why, and for kAmbiguous that nothing in
// the file tells day from month.
Result<Date> ParseLocalDate(std::string_view text, DateOrder order);
// A timestamp as ParseTimestamp reads one, or a local date (as ParseLocalDate) and a time of
// day after a space, "h:mm[:ss]" with an optional AM or PM ("3/15/2026 2:05:09 PM", as US
// spreadsheets write them); a local time is taken as UTC.
Result<Timestamp> ParseLocalTimestamp(std::string_view text, DateOrder order);
// Whether `text` starts with a date written with slashes or dots (followed by a space or
// nothing), i.e. whether its reading depends on a DateOrder; its date part into `date`.
bool IsLocalDate(std::string_view text, std::string_view& date);

std::string FormatDate(Date date);
// "YYYY-MM-DDThh:mm:ssZ", with ".ffffff" (trailing zeros trimmed) only when there is a fraction.
std::string FormatTimestamp(Timestamp t);

// A time zone's standard offset from UTC in hours: an IANA name among the common ones
// ("Europe/Berlin" → 1, "Asia/Kolkata" → 5.5) or "UTC", "UTC+5:30", "+05:30", "-8". nullopt if
// unknown. Daylight saving is not applied (offsets are used to compare working hours).
std::optional<double> StandardUtcOffsetHours(std::string_view zone);

// Source of the current time. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

// The real wall clock.
const Clock& SystemClock();

// A clock that moves only when told to: for tests and simulations. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : us_(start.time_since_epoch().count()) {}
  Timestamp Now() const override { return Timestamp(std::chrono::microseconds(us_.load())); }
  void Advance(std::chrono::microseconds d) { us_ += d.count(); }

 private:
  std::atomic<int64_t> us_;
};

}  // namespace pl
