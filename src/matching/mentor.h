// Mentor matching: who mentors whom, as a global optimum. Mentees state goals (a skill and a
// target level); mentors offer skills and a capacity. A pair's score (0..1) combines
//   skill     — how far the mentor is ahead where the mentee wants to grow, related skills
//               counting in part (taxonomy distance, co-occurrence across people);
//   history   — the mentor's ratings from earlier mentees, and how this mentee rated this mentor
//               before (a poor earlier pairing is not repeated);
//   network   — "bridge" mode (default) prefers pairs from different teams and communities;
//               "familiar" prefers people already tied or in the same community.
// Hard rules: never inside one reporting line (neither is the other's manager, directly or
// further up), mentor capacity (hidden champions' capacity capped), a minimum overlap of
// working hours, admin exclusions. Each mentee keeps their best `max_candidates` eligible
// mentors; the assignment over those is a min-cost flow solved exactly (LEMON's network
// simplex) that first matches as many mentees as possible and then maximises the total score.
//
//   MatchProblem p = ...;  // or ParseMatchProblem(json)
//   ASSIGN_OR_RETURN(MatchResult r, MatchMentors(p));
//   for (const Match& m : r.matches) std::cout << m.explanation << "\n";
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace pl::matching {

// A skill tree: parent[i] is the index of skill i's parent, -1 for a root.
struct SkillTaxonomy {
  std::vector<std::string> names;
  std::vector<int> parent;
  int Find(const std::string& name) const;  // -1 if unknown
  int Distance(int a, int b) const;         // edges between them in the tree; -1 if unrelated
};

struct MatchPerson {
  std::string id;    // the person's external id
  std::string name;  // for explanations; may be empty
  std::string team;
  std::string manager;  // external id of their manager; empty for none
  double utc_offset_hours = 0;
  int community = -1;            // network community; -1 unknown
  bool champion = false;         // a hidden champion: protected capacity
  std::map<int, double> skills;  // skill index -> level (0..4)
};

struct Goal {
  int skill = -1;
  double target = 3;
};

// bridge: prefer a mentor from another team and network community; familiar: prefer one the
// mentee already works with, or who is close in the network.
enum class NetworkMode { kBridge, kFamiliar };

struct Mentee {
  int person = -1;  // index into people
  std::vector<Goal> goals;
  std::optional<NetworkMode> mode;  // the mentee's own preference; else settings.mode
};

struct Mentor {
  int person = -1;
  std::vector<int> offers;  // skill indices; one without a recorded level counts as level 3
  int capacity = 1;
};

struct PastPairing {
  int mentee = -1, mentor = -1;  // person indices
  double rating = 0;             // 1..5
};

struct MatchSettings {
  NetworkMode mode = NetworkMode::kBridge;
  double min_overlap_hours = 3;  // of a 09:00-17:00 working day in each one's time zone
  int champion_capacity = 1;     // hidden champions mentor at most this many
  int alternatives = 3;
  int max_candidates = 50;  // per mentee, the best eligible mentors kept for the optimisation
  double weight_skill = 0.6, weight_history = 0.15, weight_network = 0.25;
};

struct MatchProblem {
  SkillTaxonomy skills;
  std::vector<MatchPerson> people;
  std::vector<Mentee> mentees;
  std::vector<Mentor> mentors;
  std::vector<PastPairing> pairings;
  std::vector<std::pair<int, int>> exclusions;  // person pairs never matched (either way)
  std::vector<std::pair<int, int>> ties;        // existing network ties (either direction)
  MatchSettings settings;
};

struct ScoreParts {
  double skill = 0, history = 0, network = 0, total = 0;
};

struct Alternative {
  int mentor = -1;  // index into mentors
  ScoreParts score;
  bool has_capacity = false;  // a place was left after the assignment
  std::string explanation;
};

struct Match {
  int mentee = -1, mentor = -1;  // indices into mentees and mentors
  ScoreParts score;
  std::string explanation;
  std::vector<Alternative> alternatives;
};

struct Unmatched {
  int mentee = -1;
  int candidates = 0;  // eligible mentors it had
  std::string reason;
};

struct MatchResult {
  std::vector<Match> matches;  // by mentee
  std::vector<Unmatched> unmatched;
  double objective = 0;  // sum of the matched pairs' scores
  int64_t candidate_pairs = 0;
  // What cannot be satisfied and what would fix it; empty when every mentee is matched.
  std::vector<std::string> infeasibility;
};

// Why two people may not be paired, or empty if they may (hard rules only).
std::string PairBlocked(const MatchProblem& p, int mentee_person, int mentor_person);

// The score of a pair (whether or not it is allowed).
ScoreParts ScorePair(const MatchProblem& p, const Mentee& mentee, const Mentor& mentor);

// InvalidArgument for indices out of range, capacities below 0, weights that are not a
// distribution, or a person both mentee and mentor of themselves.
Result<MatchResult> MatchMentors(const MatchProblem& problem);

// The greedy baseline (best remaining pair first) on the same candidates, for comparison.
Result<MatchResult> MatchMentorsGreedy(const MatchProblem& problem);

// A self-contained problem as JSON (the --problem file; README documents the format), and the
// result as JSON. Parsing errors name the field ("mentees[3].goals[0].skill: unknown skill").
Result<MatchProblem> ParseMatchProblem(const std::string& json_text);
std::string MatchResultToJson(const MatchProblem& p, const MatchResult& r);

}  // namespace pl::matching
