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

// Learning-circle sign-ups from CSV: `employee_id,preferences,facilitator,max_circles`, where
// preferences are challenge ids first choice first (`3;1`), facilitator is yes/no (empty = no)
// and max_circles 1-3 (empty = 1). Every row is checked (person, open challenges, repeats)
// before anything is written; any error refuses the whole file, naming the line.
Result<int64_t> ImportCircleSignups(store::Store& store, const std::string& text, Timestamp now,
                                    bool dry_run);

// A skill taxonomy from CSV: `skill,parent` (parent empty for a root), one row per skill.
// InvalidArgument naming the line for an empty or over-long name or a skill listed twice.
Result<std::vector<std::pair<std::string, std::string>>> ParseSkillTaxonomyCsv(
    const std::string& text);

}  // namespace pl::ingest
