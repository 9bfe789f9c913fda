#include "surveys/schedule.h"

#include <gtest/gtest.h>

namespace pl::surveys {
namespace {

Timestamp T(const char* s) { return *ParseTimestamp(s); }

TEST(ScheduleTest, PopulationIsTeamsAndTheirSubTeams) {
  EXPECT_TRUE(InPopulation({}, "Anything"));
  EXPECT_TRUE(InPopulation({"Eng"}, "Eng"));
  EXPECT_TRUE(InPopulation({"Eng"}, "Eng/Platform"));
  EXPECT_FALSE(InPopulation({"Eng"}, "Engagement"));  // a prefix of the name is not a parent
  EXPECT_FALSE(InPopulation({"Eng/Platform"}, "Eng"));
  EXPECT_TRUE(InPopulation({"Sales", "Eng/Data"}, "Eng/Data/ML"));
}

TEST(ScheduleTest, DueOnTimeLateAndAfterALongGap) {
  Recurrence r{T("2026-01-05T09:00:00Z"), 42, 14};
  EXPECT_FALSE(DueNow(r, T("2026-01-05T08:59:59Z")).has_value());
  auto d = DueNow(r, T("2026-01-05T09:00:00Z"));
  ASSERT_TRUE(d && d->create);
  EXPECT_EQ(d->opens_at, T("2026-01-05T09:00:00Z"));
  EXPECT_EQ(d->closes_at, T("2026-01-19T09:00:00Z"));
  EXPECT_EQ(d->next_opens_at, T("2026-02-16T09:00:00Z"));
  // Three days late: the same wave, opened when it should have been.
  d = DueNow(r, T("2026-01-08T12:00:00Z"));
  ASSERT_TRUE(d && d->create);
  EXPECT_EQ(d->opens_at, T("2026-01-05T09:00:00Z"));
  // Twenty days late: that wave would already have closed; nothing is created, the schedule
  // moves on to its next opening.
  d = DueNow(r, T("2026-01-25T00:00:00Z"));
  ASSERT_TRUE(d.has_value());
  EXPECT_FALSE(d->create);
  EXPECT_EQ(d->next_opens_at, T("2026-02-16T09:00:00Z"));
  // A hundred days late: only the opening of the current period, still open, is created.
  d = DueNow(r, T("2026-04-01T00:00:00Z"));  // openings: Jan 5, Feb 16, Mar 30, May 11
  ASSERT_TRUE(d && d->create);
  EXPECT_EQ(d->opens_at, T("2026-03-30T09:00:00Z"));
  EXPECT_EQ(d->next_opens_at, T("2026-05-11T09:00:00Z"));
  EXPECT_FALSE(DueNow({r.next_opens_at, 0, 14}, T("2026-04-01T00:00:00Z")).has_value());
}

TEST(ScheduleTest, InvitationsThenRemindersToThoseWhoHaveNotAnswered) {
  const WaveTiming w{T("2026-03-02T09:00:00Z"), T("2026-03-16T09:00:00Z"), {3, 1}};
  const std::vector<PersonId> invited = {PersonId(3), PersonId(1), PersonId(2), PersonId(4)};
  std::set<PersonId> completed = {PersonId(2)};
  std::set<SentKey> sent;
  EXPECT_TRUE(PlanMessages(w, invited, completed, sent, T("2026-03-02T08:00:00Z")).empty());
  auto m = PlanMessages(w, invited, completed, sent, T("2026-03-02T10:00:00Z"));
  ASSERT_EQ(m.size(), 3u);  // 1, 3, 4: not 2, who has answered
  EXPECT_EQ(m[0].person, PersonId(1));
  EXPECT_EQ(m[2].person, PersonId(4));
  for (const auto& x : m) {
    EXPECT_EQ(x.kind, MessageKind::kInvitation);
    sent.insert({x.person, x.kind, x.sequence});
  }
  EXPECT_TRUE(PlanMessages(w, invited, completed, sent, T("2026-03-10T10:00:00Z")).empty());
  // Three days before closing: the first reminder, not to 3, who has answered since.
  completed.insert(PersonId(3));
  m = PlanMessages(w, invited, completed, sent, T("2026-03-13T09:00:00Z"));
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].kind, MessageKind::kReminder);
  EXPECT_EQ(m[0].sequence, 1);
  for (const auto& x : m) sent.insert({x.person, x.kind, x.sequence});
  EXPECT_TRUE(PlanMessages(w, invited, completed, sent, T("2026-03-14T09:00:00Z")).empty());
  m = PlanMessages(w, invited, completed, sent, T("2026-03-15T09:00:00Z"));
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[1].sequence, 2);
  EXPECT_TRUE(PlanMessages(w, invited, completed, {}, T("2026-03-16T09:00:00Z")).empty());
  // A job that missed the first reminder sends only the last one due, once.
  m = PlanMessages(w, invited, {}, {}, T("2026-03-15T12:00:00Z"));
  ASSERT_EQ(m.size(), 4u);
  for (const auto& x : m) EXPECT_EQ(x.sequence, 2);
}

}  // namespace
}  // namespace pl::surveys
