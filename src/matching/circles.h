// Learning circles: volunteers grouped around business challenges, formed to bridge silos.
// Volunteers rank the challenges they would join (participation is voluntary: nobody is put on
// a challenge they did not rank, unless an admin pinned them there). A formation is a set of
// circles, each on one challenge, scored by
//   preference   w_pref × (1, 0.75, 0.5, 0.25, 0.1 for the 1st, 2nd, ... choice) per member;
//   mixing       − w_team × pairs from the same team, − w_community × pairs from the same
//                network community, − w_seniority × pairs at the same level, per circle;
//   skills       + w_skill × the challenge's skills someone in the circle holds at level 3+.
// Hard rules: every circle's size within [min_size, max_size], at least one experienced
// facilitator in each, every pair of members sharing min_overlap_hours of working time, a person
// in at most max_circles circles (1 unless they asked for more), pins honoured.
// FormCircles builds a formation constructively and improves it by local search (moves and
// swaps, a fixed seed: the same problem gives the same circles); the tests compare it with the
// exact optimum of the integer program (GLPK) on small instances.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "matching/mentor.h"

namespace pl::matching {

struct Volunteer {
  std::string id, name, team;
  int community = -1;
  int level = 0;  // seniority band
  double utc_offset_hours = 0;
  bool facilitator = false;
  int max_circles = 1;
  std::map<int, double> skills;  // skill index -> level
  std::vector<int> preferences;  // challenge indices, first choice first
};

struct Challenge {
  std::string id, title, sponsor;
  std::vector<int> skills;  // skill indices the challenge needs
};

struct CircleSettings {
  int min_size = 12, max_size = 15;
  double min_overlap_hours = 2;
  double weight_preference = 10, weight_team = 0.5, weight_community = 0.3, weight_seniority = 0.2,
         weight_skill = 1.0;
  uint64_t seed = 1;
  int64_t iterations = 0;  // local-search steps; 0 = 200 per volunteer
};

struct CircleProblem {
  SkillTaxonomy skills;
  std::vector<Volunteer> people;
  std::vector<Challenge> challenges;
  std::vector<std::pair<int, int>> pins;  // (person, challenge): must be in a circle on it
  CircleSettings settings;
};

struct CircleScore {
  double preference = 0, team = 0, community = 0, seniority = 0, skills = 0, total = 0;
  int same_team_pairs = 0, same_community_pairs = 0, same_level_pairs = 0;
  int skills_covered = 0, facilitators = 0, first_choices = 0;
};

struct Circle {
  int challenge = -1;
  std::vector<int> members;  // person indices
  CircleScore score;
  std::string explanation;
};

struct CircleResult {
  std::vector<Circle> circles;
  std::vector<std::pair<int, std::string>> unassigned;  // person, why
  double objective = 0;
  // What cannot be satisfied and what would fix it; empty when every volunteer has a circle.
  std::vector<std::string> infeasibility;
};

// The score of one circle (whether or not it keeps the hard rules), and why a formation breaks a
// hard rule (empty if it keeps them all).
CircleScore ScoreCircle(const CircleProblem& p, int challenge, const std::vector<int>& members);
std::string CheckFormation(const CircleProblem& p, const std::vector<Circle>& circles);

// InvalidArgument for a malformed problem (bounds, indices, weights).
Result<CircleResult> FormCircles(const CircleProblem& problem);
// The constructive start alone (no local search): the baseline.
Result<CircleResult> FormCirclesGreedy(const CircleProblem& problem);

Result<CircleProblem> ParseCircleProblem(const std::string& json_text);
std::string CircleResultToJson(const CircleProblem& p, const CircleResult& r);

}  // namespace pl::matching
