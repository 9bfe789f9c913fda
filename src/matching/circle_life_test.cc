#include "matching/circle_life.h"

#include <gtest/gtest.h>

namespace pl::matching {
namespace {

Timestamp At(const char* iso) { return *ParseTimestamp(iso); }

TEST(CircleLifeTest, NextMeetingFollowsTheCadenceFromTheLastMeeting) {
  const Timestamp start = At("2026-03-02T10:00:00Z");
  Due d = NextMeeting(start, std::nullopt, 7, At("2026-03-05T12:00:00Z"));
  EXPECT_EQ(FormatDate(std::chrono::floor<std::chrono::days>(d.date)), "2026-03-09");
  EXPECT_EQ(d.overdue_days, 0);
  d = NextMeeting(start, std::nullopt, 7, At("2026-03-09T23:59:00Z"));  // due today
  EXPECT_EQ(d.overdue_days, 0);
  d = NextMeeting(start, std::nullopt, 7, At("2026-03-12T08:00:00Z"));
  EXPECT_EQ(d.overdue_days, 3);
  d = NextMeeting(start, At("2026-03-10T00:00:00Z"), 14, At("2026-03-12T08:00:00Z"));
  EXPECT_EQ(FormatDate(std::chrono::floor<std::chrono::days>(d.date)), "2026-03-24");
  EXPECT_EQ(d.overdue_days, 0);
  // A meeting logged with a date before the start counts from the start.
  d = NextMeeting(start, At("2026-02-01T00:00:00Z"), 7, start);
  EXPECT_EQ(FormatDate(std::chrono::floor<std::chrono::days>(d.date)), "2026-03-09");
}

TEST(CircleLifeTest, TheChecklistHasStableKeys) {
  ASSERT_EQ(FacilitatorChecklist().size(), 7u);
  EXPECT_TRUE(IsChecklistItem("ground-rules"));
  EXPECT_TRUE(IsChecklistItem("summary"));
  EXPECT_FALSE(IsChecklistItem("Ground-rules"));
  EXPECT_FALSE(IsChecklistItem(""));
}

TEST(CircleLifeTest, LearnedMarkdownListsTakeawaysOnceOldestFirstAndEscapesText) {
  std::vector<LearnedMeeting> meetings = {
      {At("2026-03-16T00:00:00Z"), {"Pair new joiners with a buddy", "Docs first"}},
      {At("2026-03-09T00:00:00Z"), {"Docs first", "# not a heading"}},
  };
  const std::string md = LearnedMarkdown("Faster <onboarding>", "New joiners wait.\n- for access",
                                         "Buddies work.", 13, meetings);
  EXPECT_EQ(md,
            "# What we learned: Faster \\<onboarding\\>\n\n"
            "A learning circle of 13 people, 2 meetings from 2026-03-09 to 2026-03-16.\n\n"
            "## The challenge\n\nNew joiners wait.\n\\- for access\n\n"
            "## Summary\n\nBuddies work.\n\n"
            "## Takeaways\n\n"
            "- Docs first (2026-03-09)\n"
            "- \\# not a heading (2026-03-09)\n"
            "- Pair new joiners with a buddy (2026-03-16)\n");
  EXPECT_EQ(LearnedMarkdown("X", "", "", 12, {}),
            "# What we learned: X\n\nA learning circle of 12 people that has not met yet.\n");
}

}  // namespace
}  // namespace pl::matching
