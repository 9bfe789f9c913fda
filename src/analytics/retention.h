// How long what is recorded is kept: audit entries and interactions older than their retention
// are deleted, and each deletion is itself recorded in the audit log. The server runs both daily
// (`audit_keep_days`, `interactions_keep_days`).
//
//   ASSIGN_OR_RETURN(int64_t gone, PruneAuditLog(store, 730, SystemClock()));
#pragma once

#include <cstdint>
#include <optional>

#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace pl::analytics {

// Deletes the entries from before `keep_days` days ago (keep_days ≥ 1) and, where there were
// any, appends "audit.prune" (by nobody, target "audit_log", detail "N entries before <time>").
// Returns how many went.
Result<int64_t> PruneAuditLog(store::Store& store, int keep_days, const Clock& clock);

// Deletes the interactions that happened before `keep_days` days ago (keep_days ≥ 1) and, where
// there were any, appends "interactions.prune" (by nobody, target "interactions", detail "N
// interactions from before <time>"). Snapshots already taken keep what they found. Returns how
// many went.
Result<int64_t> PruneInteractions(store::Store& store, int keep_days, const Clock& clock);

// Where kept interactions start for an import at `now`: `keep_days` before it; none when
// keep_days is 0 (kept for ever).
std::optional<Timestamp> InteractionsFrom(int keep_days, Timestamp now);

}  // namespace pl::analytics
