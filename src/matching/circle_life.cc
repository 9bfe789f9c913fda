#include "matching/circle_life.h"

#include <algorithm>
#include <set>

namespace pl::matching {
namespace {

Timestamp Midnight(Timestamp t) { return Timestamp(std::chrono::floor<std::chrono::days>(t)); }

std::string Day(Timestamp t) { return FormatDate(std::chrono::floor<std::chrono::days>(t)); }

// Markdown would read a line starting "#", "-", "*", ">" or a digit-dot as structure, and "<" as
// HTML in some renderers: such text is escaped so it stays text.
std::string Escape(const std::string& s) {
  std::string out;
  bool line_start = true;
  for (char c : s) {
    if (c == '\r') continue;
    if ((line_start && (c == '#' || c == '-' || c == '*' || c == '>' || c == '+')) || c == '<' ||
        c == '>' || c == '[' || c == ']' || c == '`' || c == '_' || c == '\\') {
      out += '\\';
    }
    out += c;
    line_start = c == '\n';
  }
  return out;
}

}  // namespace

const std::vector<ChecklistItem>& FacilitatorChecklist() {
  static const std::vector<ChecklistItem> items = {
      {"question", "Agree the question with the sponsor"},
      {"ground-rules", "Agree ground rules: confidentiality, turns, attendance"},
      {"cadence", "Set the meeting time and cadence with everyone"},
      {"starting-points", "Hear each member's starting point and what they want to learn"},
      {"experiments", "Each member tries one thing at work and reports back"},
      {"midpoint", "Check in with the sponsor at the mid-point"},
      {"summary", "Write the \"what did we learn\" summary"},
  };
  return items;
}

bool IsChecklistItem(const std::string& key) {
  for (const auto& item : FacilitatorChecklist()) {
    if (key == item.key) return true;
  }
  return false;
}

Due NextMeeting(Timestamp started, std::optional<Timestamp> last_meeting, int cadence_days,
                Timestamp now) {
  Due d;
  const Timestamp from = Midnight(last_meeting ? std::max(*last_meeting, started) : started);
  d.date = from + std::chrono::days(cadence_days);
  if (now >= d.date + std::chrono::days(1)) {
    d.overdue_days = static_cast<int>(
        std::chrono::duration_cast<std::chrono::days>(Midnight(now) - d.date).count());
  }
  return d;
}

std::string LearnedMarkdown(const std::string& challenge_title, const std::string& problem,
                            const std::string& summary, int members,
                            std::vector<LearnedMeeting> meetings) {
  std::sort(meetings.begin(), meetings.end(),
            [](const LearnedMeeting& a, const LearnedMeeting& b) { return a.held_on < b.held_on; });
  std::string out = "# What we learned: " + Escape(challenge_title) + "\n\n";
  out += "A learning circle of " + std::to_string(members) + " people";
  if (meetings.empty()) {
    out += " that has not met yet.\n";
  } else {
    out += ", " + std::to_string(meetings.size()) +
           (meetings.size() == 1 ? " meeting on " : " meetings from ") +
           Day(meetings.front().held_on) +
           (meetings.size() == 1 ? "" : " to " + Day(meetings.back().held_on)) + ".\n";
  }
  if (!problem.empty()) out += "\n## The challenge\n\n" + Escape(problem) + "\n";
  if (!summary.empty()) out += "\n## Summary\n\n" + Escape(summary) + "\n";
  std::set<std::string> seen;
  std::string takeaways;
  for (const auto& m : meetings) {
    for (const auto& t : m.takeaways) {
      if (!seen.insert(t).second) continue;
      takeaways += "- " + Escape(t) + " (" + Day(m.held_on) + ")\n";
    }
  }
  if (!takeaways.empty()) out += "\n## Takeaways\n\n" + takeaways;
  return out;
}

}  // namespace pl::matching
