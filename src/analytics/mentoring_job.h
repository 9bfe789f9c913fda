// The mentoring programme run on the store: the people (teams, managers, time zones), skills and
// taxonomy, opt-ins, earlier pairs' ratings, and — from the newest network snapshot — communities,
// hidden champions and ties, made into a matching problem (matching/mentor.h); solved, the
// matches replace the proposals awaiting an admin's approval.
//
//   ASSIGN_OR_RETURN(MentoringRun r, RunMentorMatching(store, {}, /*store_proposals=*/true));
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "matching/mentor.h"
#include "store/store.h"

namespace pl::analytics {

struct MentoringProblem {
  matching::MatchProblem problem;
  std::vector<PersonId> person_ids;        // problem.people[i] is person_ids[i]
  bool from_snapshot = false;              // communities, champions and ties came from a snapshot
  std::vector<std::string> unknown_zones;  // time zones taken as UTC
};

// FailedPrecondition when nobody has opted in as both kinds.
Result<MentoringProblem> BuildMentoringProblem(store::Store& store,
                                               const matching::MatchSettings& settings);

struct MentoringRun {
  MentoringProblem built;
  matching::MatchResult result;
};

Result<MentoringRun> RunMentorMatching(store::Store& store, const matching::MatchSettings& settings,
                                       bool store_proposals);

}  // namespace pl::analytics
