// Learning circles run on the store: open challenges, volunteers' ranked sign-ups and admins'
// pins, with each person's team, level, time zone and skills from the roster and their network
// community from the newest snapshot, made into a formation problem (matching/circles.h);
// solved, the circles replace the proposals awaiting an admin's start. People already in active
// circles keep them: those circles count against how many a person asked for, and their
// challenges are not offered to them again.
//
//   ASSIGN_OR_RETURN(CirclesRun r, RunCircleFormation(store, {}, /*store_proposals=*/true));
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "matching/circles.h"
#include "store/store.h"

namespace pl::analytics {

struct CirclesProblem {
  matching::CircleProblem problem;
  std::vector<PersonId> person_ids;    // problem.people[i] is person_ids[i]
  std::vector<int64_t> challenge_ids;  // problem.challenges[j] is challenge_ids[j]
  bool from_snapshot = false;          // communities came from a snapshot
  std::vector<std::string> unknown_zones;
  // Volunteers left out before formation, with why (already in as many circles as they asked).
  std::vector<std::pair<PersonId, std::string>> left_out;
};

// FailedPrecondition when no challenge is open or nobody has signed up.
Result<CirclesProblem> BuildCirclesProblem(store::Store& store,
                                           const matching::CircleSettings& settings);

struct CirclesRun {
  CirclesProblem built;
  matching::CircleResult result;
  std::vector<int64_t> circle_ids;  // when stored: result.circles[i] is circle_ids[i]
};

// The score breakdown a circle keeps (a JSON object), shared by the store and the API.
std::string CircleScoreJson(const matching::CircleScore& s);

Result<CirclesRun> RunCircleFormation(store::Store& store, const matching::CircleSettings& settings,
                                      bool store_proposals);

}  // namespace pl::analytics
