#include "analytics/retention.h"

#include <chrono>
#include <string>

namespace pl::analytics {

Result<int64_t> PruneAuditLog(store::Store& store, int keep_days, const Clock& clock) {
  if (keep_days < 1) return InvalidArgument("the audit log keeps its entries at least one day");
  const Timestamp now = clock.Now();
  const Timestamp before = now - std::chrono::days(keep_days);
  ASSIGN_OR_RETURN(int64_t gone, store.DeleteAuditBefore(before));
  if (gone > 0) {
    RETURN_IF_ERROR(store.AppendAudit({0, now, UserId(), "audit.prune", "audit_log",
                                       std::to_string(gone) + (gone == 1 ? " entry" : " entries") +
                                           " from before " + FormatTimestamp(before) + " (kept " +
                                           std::to_string(keep_days) + " days)"}));
  }
  return gone;
}

Result<int64_t> PruneInteractions(store::Store& store, int keep_days, const Clock& clock) {
  if (keep_days < 1) return InvalidArgument("interactions are kept at least one day");
  const Timestamp now = clock.Now();
  const Timestamp before = now - std::chrono::days(keep_days);
  ASSIGN_OR_RETURN(int64_t gone, store.DeleteInteractionsBefore(before));
  if (gone > 0) {
    RETURN_IF_ERROR(store.AppendAudit(
        {0, now, UserId(), "interactions.prune", "interactions",
         std::to_string(gone) + (gone == 1 ? " interaction" : " interactions") + " from before " +
             FormatTimestamp(before) + " (kept " + std::to_string(keep_days) + " days)"}));
  }
  return gone;
}

std::optional<Timestamp> InteractionsFrom(int keep_days, Timestamp now) {
  if (keep_days <= 0) return std::nullopt;
  return now - std::chrono::days(keep_days);
}

}  // namespace pl::analytics
