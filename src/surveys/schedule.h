// Recurring waves and their messages, decided without I/O: which scheduled waves are due, and
// which invitations and reminders each invited person should get now. The survey job
// (analytics/survey_job.h) reads the store, asks these functions, and writes what they say.
//
//   for (const DueWave& d : DueWaves(schedules, now)) ... // create d.wave, move next_opens_at
//   auto msgs = PlanMessages({opens, closes, {3, 1}}, invited, completed, already_sent, now);
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ids.h"
#include "core/time.h"

namespace pl::surveys {

// Whether a person in `team` is invited to a wave whose population is these team paths (a team
// includes its sub-teams; an empty population is everyone).
bool InPopulation(const std::vector<std::string>& population, std::string_view team);

struct Recurrence {
  Timestamp next_opens_at;  // when the next wave opens
  int every_days = 42;      // a wave every this many days (at least 1)
  int open_days = 14;       // each wave stays open this long (1..every_days)
};

struct DueWave {
  bool create = false;  // false: the latest opening has already closed; only move on
  Timestamp opens_at, closes_at;
  Timestamp next_opens_at;  // the schedule's next opening, after now
};

// What a schedule should do now: nullopt before its next opening. When openings were missed (the
// job did not run), only the latest one is created, and only if it is still open — never a
// burst of stale waves — and the next opening moves past `now`.
std::optional<DueWave> DueNow(const Recurrence& r, Timestamp now);

enum class MessageKind { kInvitation, kReminder };
std::string_view MessageKindName(MessageKind k);

struct WaveTiming {
  Timestamp opens_at, closes_at;
  std::vector<int> reminder_days_before = {3, 1};  // reminders this many days before closing
};

struct SentKey {
  PersonId person;
  MessageKind kind;
  int sequence;  // 0 for the invitation; 1.. for reminders, in time order
  auto operator<=>(const SentKey&) const = default;
};

struct PlannedMessage {
  PersonId person;
  MessageKind kind;
  int sequence;
};

// While the wave is open: an invitation to every invited person who has neither one nor a
// completion; and, once a reminder's time has come, that reminder to everyone invited who has
// not completed and has no reminder of that sequence or later. At most one message per person
// per call (a late run sends the latest due reminder, not every missed one). Nothing before
// opening or after closing. Sorted by person.
std::vector<PlannedMessage> PlanMessages(const WaveTiming& wave,
                                         const std::vector<PersonId>& invited,
                                         const std::set<PersonId>& completed,
                                         const std::set<SentKey>& already, Timestamp now);

}  // namespace pl::surveys
