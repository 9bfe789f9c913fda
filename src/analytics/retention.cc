#include "analytics/retention.h"

#include <chrono>
#include <functional>
#include <string>

namespace pl::analytics {

namespace {

// Deletes with `remove` what is from before `keep_days` days ago and, where there was any,
// records it as `action` on `target`: "N <noun>s from before <time> (kept D days)".
Result<int64_t> Prune(store::Store& store, int keep_days, const Clock& clock,
                      const std::function<Result<int64_t>(Timestamp)>& remove, const char* action,
                      const char* target, const char* one, const char* many) {
  if (keep_days < 1) {
    return InvalidArgument(std::string(many) + " are kept at least one day (got " +
                           std::to_string(keep_days) + ")");
  }
  const Timestamp now = clock.Now();
  const Timestamp before = now - std::chrono::days(keep_days);
  ASSIGN_OR_RETURN(int64_t gone, remove(before));
  if (gone > 0) {
    RETURN_IF_ERROR(store.AppendAudit({0, now, UserId(), action, target,
                                       std::to_string(gone) + " " + (gone == 1 ? one : many) +
                                           " from before " + FormatTimestamp(before) + " (kept " +
                                           std::to_string(keep_days) + " days)"}));
  }
  return gone;
}

}  // namespace

Result<int64_t> PruneAuditLog(store::Store& store, int keep_days, const Clock& clock) {
  return Prune(
      store, keep_days, clock, [&](Timestamp t) { return store.DeleteAuditBefore(t); },
      "audit.prune", "audit_log", "entry", "entries");
}

Result<int64_t> PruneInteractions(store::Store& store, int keep_days, const Clock& clock) {
  return Prune(
      store, keep_days, clock, [&](Timestamp t) { return store.DeleteInteractionsBefore(t); },
      "interactions.prune", "interactions", "interaction", "interactions");
}

std::optional<Timestamp> InteractionsFrom(int keep_days, Timestamp now) {
  if (keep_days <= 0) return std::nullopt;
  return now - std::chrono::days(keep_days);
}

}  // namespace pl::analytics
