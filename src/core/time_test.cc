#include "core/time.h"

#include <gtest/gtest.h>

namespace pl {
namespace {

TEST(TimeTest, ParsesDatesAndRejectsImpossibleOnes) {
  ASSERT_TRUE(ParseDate("2024-02-29").ok());
  EXPECT_EQ(FormatDate(*ParseDate("2024-02-29")), "2024-02-29");
  struct Case {
    const char* text;
  } bad[] = {{"2023-02-29"},  {"2024-13-01"}, {"2024-1-01"}, {"24-01-01"},
             {"2024-01-01x"}, {""},           {"2024/01/01"}};
  for (auto c : bad) EXPECT_FALSE(ParseDate(c.text).ok()) << c.text;
}

TEST(TimeTest, TimestampsNormaliseToUtc) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"2026-03-01T09:30:00+01:00", "2026-03-01T08:30:00Z"},
      {"2026-03-01T09:30:00-0230", "2026-03-01T12:00:00Z"},
      {"2026-03-01 23:59:59Z", "2026-03-01T23:59:59Z"},
      {"2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00Z"},
      {"2026-03-01T09:30", "2026-03-01T09:30:00Z"},
      {"2026-03-01", "2026-03-01T00:00:00Z"},
      {"2026-03-01T09:30:00.250Z", "2026-03-01T09:30:00.25Z"},
      {"2026-03-01T09:30:00.1234567Z", "2026-03-01T09:30:00.123456Z"},
  };
  for (auto c : cases) {
    auto t = ParseTimestamp(c.in);
    ASSERT_TRUE(t.ok()) << c.in << ": " << t.status().ToString();
    EXPECT_EQ(FormatTimestamp(*t), c.out) << c.in;
  }
}

TEST(TimeTest, RejectsMalformedTimestampsWithAMessage) {
  for (const char* bad : {"2026-03-01T25:00:00Z", "2026-03-01T09:60Z", "2026-03-01T09:30:00+1",
                          "2026-03-01T09:30:00.Z", "2026-03-01X09:30", "2026-03-01T09:30:00ZZ"}) {
    auto t = ParseTimestamp(bad);
    EXPECT_FALSE(t.ok()) << bad;
    if (!t.ok()) {
      EXPECT_NE(t.status().message().find("not a valid"), std::string::npos);
    }
  }
}

TEST(TimeTest, EpochRoundTrip) {
  auto t = ParseTimestamp("1970-01-01T00:00:01Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->time_since_epoch().count(), 1'000'000);
}

TEST(TimeTest, StandardOffsetsOfZoneNamesAndUtcForms) {
  EXPECT_EQ(StandardUtcOffsetHours("Europe/Berlin"), 1);
  EXPECT_EQ(StandardUtcOffsetHours("Asia/Kolkata"), 5.5);
  EXPECT_EQ(StandardUtcOffsetHours("America/Los_Angeles"), -8);
  EXPECT_EQ(StandardUtcOffsetHours("UTC+5:30"), 5.5);
  EXPECT_EQ(StandardUtcOffsetHours("-08"), -8);
  EXPECT_EQ(StandardUtcOffsetHours("GMT-3:30"), -3.5);
  EXPECT_FALSE(StandardUtcOffsetHours("Mars/Olympus").has_value());
  EXPECT_FALSE(StandardUtcOffsetHours("UTC+25").has_value());
  EXPECT_FALSE(StandardUtcOffsetHours("+5:3").has_value());
}

}  // namespace
// Dates in a locale's order: told by the file as a whole, refused where it cannot tell.
TEST(TimeTest, LocalDatesTakeTheirOrderFromTheWholeFile) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(InferDateOrder(V{"2021-03-15", ""}), DateOrder::kIso);
  EXPECT_EQ(InferDateOrder(V{"03/04/2021", "15/03/2021"}), DateOrder::kDayFirst);
  EXPECT_EQ(InferDateOrder(V{"3/4/2021", "3/15/2021", "2021-01-02"}), DateOrder::kMonthFirst);
  EXPECT_EQ(InferDateOrder(V{"03.04.2021"}), DateOrder::kDayFirst);
  EXPECT_EQ(InferDateOrder(V{"03/04/2021", "12/11/2020"}), DateOrder::kAmbiguous);
  EXPECT_EQ(InferDateOrder(V{"15/03/2021", "3/15/2021"}), DateOrder::kConflicting);
  auto day = [](std::string_view t, DateOrder o) {
    return FormatDate(ParseLocalDate(t, o).value());
  };
  EXPECT_EQ(day("03/04/2021", DateOrder::kDayFirst), "2021-04-03");
  EXPECT_EQ(day("03/04/2021", DateOrder::kMonthFirst), "2021-03-04");
  EXPECT_EQ(day("3/4/2021", DateOrder::kMonthFirst), "2021-03-04");
  EXPECT_EQ(day("03.04.2021", DateOrder::kMonthFirst), "2021-04-03");  // dots: day first
  EXPECT_EQ(day("2021-03-15", DateOrder::kMonthFirst), "2021-03-15");
  EXPECT_EQ(day("2021-03-15 00:00:00", DateOrder::kIso), "2021-03-15");
  EXPECT_EQ(day("2021-03-15T09:30:00Z", DateOrder::kIso), "2021-03-15");
  auto bad = [](std::string_view t, DateOrder o) {
    auto d = ParseLocalDate(t, o);
    return d.ok() ? std::string("ok") : std::string(d.status().message());
  };
  EXPECT_NE(bad("03/04/2021", DateOrder::kAmbiguous).find("no date in the file tells which"),
            std::string::npos);
  EXPECT_NE(bad("03/04/2021", DateOrder::kConflicting).find("day first in some"),
            std::string::npos);
  EXPECT_NE(bad("31/02/2021", DateOrder::kDayFirst).find("no such day"), std::string::npos);
  EXPECT_NE(bad("3/4/21", DateOrder::kDayFirst).find("expected YYYY-MM-DD"), std::string::npos);
  EXPECT_NE(bad("03/04/2021", DateOrder::kIso).find("expected YYYY-MM-DD"), std::string::npos);
  EXPECT_NE(bad("2021-03-15 soon", DateOrder::kIso).find("expected YYYY-MM-DD"), std::string::npos);
}

// A local date with a time of day, as US and European spreadsheets write them.
TEST(TimeTest, LocalTimestampsWithTwelveAndTwentyFourHourClocks) {
  auto at = [](std::string_view t, DateOrder o) {
    return FormatTimestamp(ParseLocalTimestamp(t, o).value());
  };
  EXPECT_EQ(at("3/15/2026 2:05:09 PM", DateOrder::kMonthFirst), "2026-03-15T14:05:09Z");
  EXPECT_EQ(at("3/15/2026 12:30 AM", DateOrder::kMonthFirst), "2026-03-15T00:30:00Z");
  EXPECT_EQ(at("3/15/2026 12:30 pm", DateOrder::kMonthFirst), "2026-03-15T12:30:00Z");
  EXPECT_EQ(at("15.03.2026 23:59", DateOrder::kDayFirst), "2026-03-15T23:59:00Z");
  EXPECT_EQ(at("15/03/2026", DateOrder::kDayFirst), "2026-03-15T00:00:00Z");
  EXPECT_EQ(at("2026-03-15T09:30:00+01:00", DateOrder::kMonthFirst), "2026-03-15T08:30:00Z");
  std::string_view date;
  EXPECT_TRUE(IsLocalDate("3/15/2026 2:05 PM", date));
  EXPECT_EQ(date, "3/15/2026");
  EXPECT_FALSE(IsLocalDate("2026-03-15 09:30", date));
  for (std::string_view bad : {"3/15/2026 13:05 PM", "3/15/2026 24:00", "3/15/2026 10:61",
                               "3/15/2026 10", "3/15/2026 10:30 noon"}) {
    auto t = ParseLocalTimestamp(bad, DateOrder::kMonthFirst);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_NE(t.status().message().find("time of day"), std::string::npos) << t.status().message();
  }
  EXPECT_FALSE(ParseLocalTimestamp("3/4/2026 10:00", DateOrder::kAmbiguous).ok());
}

}  // namespace pl
