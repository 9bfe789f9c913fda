// Mentoring opt-ins from CSV: `employee_id,role,skills,capacity`, one row per person and role.
// A mentee's skills are goals `skill:target;skill:target` (targets 1-4); a mentor's are the
// skills offered `skill;skill`, with capacity 1-20. Every row is checked before anything is
// written; any error refuses the whole file ("line 4: role: 'coach' is not mentee or mentor").
#pragma once

#include <string>

#include "core/status.h"
#include "store/store.h"

namespace pl::ingest {

struct MentoringCsvReport {
  int64_t mentees = 0, mentors = 0;
};

Result<MentoringCsvReport> ImportMentoringOptIns(store::Store& store, const std::string& text,
                                                 Timestamp now, bool dry_run);

}  // namespace pl::ingest
