// A learning circle's life once it runs: the facilitator's checklist, when the next meeting is
// due at the circle's cadence, and the "what did we learn" summary — the summary, the challenge
// and every meeting's takeaways as Markdown, ready to become a lesson. Members are not named in
// it: a lesson speaks of what was learned, not of who said what.
//
//   Due d = NextMeeting(started, last_meeting, 7, now);  // d.date, d.overdue_days
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace pl::matching {

struct ChecklistItem {
  const char* key;
  const char* label;
};
// The facilitator's checklist, in the order a circle meets it.
const std::vector<ChecklistItem>& FacilitatorChecklist();
bool IsChecklistItem(const std::string& key);

struct Due {
  Timestamp date;        // midnight UTC of the day the next meeting is due
  int overdue_days = 0;  // whole days past it at `now` (0 when not yet due)
};
// The next meeting is due `cadence_days` after the last one, or after the start when none has
// been held.
Due NextMeeting(Timestamp started, std::optional<Timestamp> last_meeting, int cadence_days,
                Timestamp now);

struct LearnedMeeting {
  Timestamp held_on;
  std::vector<std::string> takeaways;
};
// Markdown: a title, the challenge, the summary (if written), the takeaways oldest first with
// their meeting's date (each distinct takeaway once), and how many met how often.
std::string LearnedMarkdown(const std::string& challenge_title, const std::string& problem,
                            const std::string& summary, int members,
                            std::vector<LearnedMeeting> meetings);

}  // namespace pl::matching
