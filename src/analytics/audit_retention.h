// How long the audit log keeps what it recorded: entries older than the retention are deleted,
// and the deletion is itself recorded. The server runs it daily (`audit_keep_days`).
//
//   ASSIGN_OR_RETURN(int64_t gone, PruneAuditLog(store, 730, SystemClock()));
#pragma once

#include <cstdint>

#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace pl::analytics {

// Deletes the entries from before `keep_days` days ago (keep_days ≥ 1) and, where there were
// any, appends "audit.prune" (by nobody, target "audit_log", detail "N entries before <time>").
// Returns how many went.
Result<int64_t> PruneAuditLog(store::Store& store, int keep_days, const Clock& clock);

}  // namespace pl::analytics
