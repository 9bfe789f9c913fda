#include "surveys/schedule.h"

#include <algorithm>
#include <map>

namespace pl::surveys {

bool InPopulation(const std::vector<std::string>& population, std::string_view team) {
  if (population.empty()) return true;
  for (const std::string& p : population) {
    if (team == p || (team.size() > p.size() && team.starts_with(p) && team[p.size()] == '/')) {
      return true;
    }
  }
  return false;
}

std::optional<DueWave> DueNow(const Recurrence& r, Timestamp now) {
  if (r.every_days < 1 || r.open_days < 1 || now < r.next_opens_at) return std::nullopt;
  const auto every = std::chrono::days(r.every_days);
  const auto open = std::chrono::days(std::min(r.open_days, r.every_days));
  // The latest opening at or before now.
  const auto periods = (now - r.next_opens_at) / every;
  const Timestamp opens = r.next_opens_at + periods * every;
  DueWave d{true, opens, opens + open, opens + every};
  d.create = d.closes_at > now;
  return d;
}

std::string_view MessageKindName(MessageKind k) {
  return k == MessageKind::kInvitation ? "invitation" : "reminder";
}

std::vector<PlannedMessage> PlanMessages(const WaveTiming& wave,
                                         const std::vector<PersonId>& invited,
                                         const std::set<PersonId>& completed,
                                         const std::set<SentKey>& already, Timestamp now) {
  std::vector<PlannedMessage> out;
  if (now < wave.opens_at || now >= wave.closes_at) return out;
  // Reminder times in order; the latest one due now.
  std::vector<int> days = wave.reminder_days_before;
  std::sort(days.begin(), days.end(), std::greater<>());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  int due = 0;
  for (size_t i = 0; i < days.size(); ++i) {
    const Timestamp at = wave.closes_at - std::chrono::days(days[i]);
    if (at > wave.opens_at && now >= at) due = static_cast<int>(i) + 1;
  }
  std::map<PersonId, std::pair<bool, int>> sent;  // invited?, latest reminder
  for (const SentKey& k : already) {
    auto& s = sent[k.person];
    if (k.kind == MessageKind::kInvitation) s.first = true;
    if (k.kind == MessageKind::kReminder) s.second = std::max(s.second, k.sequence);
  }
  std::vector<PersonId> people = invited;
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  for (PersonId p : people) {
    if (completed.count(p)) continue;
    auto it = sent.find(p);
    const bool invitation_sent = it != sent.end() && it->second.first;
    const int latest_reminder = it != sent.end() ? it->second.second : 0;
    if (due > 0 && latest_reminder < due) {
      out.push_back({p, MessageKind::kReminder, due});
    } else if (!invitation_sent && due == 0) {
      out.push_back({p, MessageKind::kInvitation, 0});
    }
  }
  return out;
}

}  // namespace pl::surveys
