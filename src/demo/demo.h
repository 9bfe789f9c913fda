// The demo organisation: a believable company generated from a seed, with the ground truth that
// later analyses are checked against planted beside it.
//
//   ASSIGN_OR_RETURN(Organisation org, Generate({.people = 300, .seed = 7, .today = today}));
//   store.ApplyRoster(org.people, {});
//   WriteFile(db + ".truth.json", TruthJson(org));
//
// Same params, same organisation, on every machine (own PRNG, no std distributions). Generation
// is O(people) and handles 100k people. Later generators (collaboration exports, survey waves,
// nominations) take the Organisation and its GroundTruth and add traces consistent with them:
// hidden champions are asked for help across teams, silo teams talk mostly inside, newcomers
// marked isolated get few ties.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace pl::demo {

struct Params {
  int people = 300;  // 25 .. 1'000'000
  uint64_t seed = 42;
  Date today;  // hire dates and "recent" are relative to this day
};

// The fewest people (outside silo teams) a department must have for a broker to be planted
// working with it: a department of one (the chief executive's) is nobody to bridge to.
inline constexpr int kBrokerPartnerDeptMin = 5;

struct GroundTruth {
  // People (external ids) planted as hidden champions: low formal level, deep skills, and (in
  // generated interaction data) sought out for help well beyond their own team.
  std::vector<std::string> hidden_champions;
  // People planted as recognised helpers: at the same low formal level as hidden champions and
  // sought out as widely, but thanked for it (kudos from many of those they help), so visible:
  // never to be reported as hidden. One for every three to six hidden champions, one at least.
  std::vector<std::string> recognised_helpers;
  // People planted as brokers between two departments: their own and the one named here
  // (external id → department, the first part of a team path), always one with at least
  // kBrokerPartnerDeptMin people outside silo teams.
  std::vector<std::string> brokers;
  std::map<std::string, std::string> broker_partner_dept;
  // Team paths planted as silos: their interaction stays inside the team.
  std::vector<std::string> silo_teams;
  // Hired within the last 90 days.
  std::vector<std::string> recent_hires;
  // Recent hires planted as not yet connected (few or no ties outside their manager).
  std::vector<std::string> isolated_newcomers;
  // Skills that exactly one active person holds at expert level (single points of failure).
  std::vector<std::string> single_expert_skills;
  // Team paths planted with low psychological safety in every survey wave.
  std::vector<std::string> low_safety_teams;
  // A team whose psychological safety was low in the first wave and is high in the latest.
  std::string improved_safety_team;
};

struct Organisation {
  Params params;
  std::vector<store::RosterRecord> people;  // managers precede their reports
  GroundTruth truth;
  // The people behind the demo log-ins.
  std::string admin_external_id;     // the Head of Learning & Development
  std::string manager_external_id;   // a team manager with reports
  std::string employee_external_id;  // one of that manager's reports
};

Result<Organisation> Generate(const Params& params);

// The ground truth and parameters as JSON (written beside the database).
std::string TruthJson(const Organisation& org);

// Deterministic PRNG (xoshiro256**, seeded by splitmix64).
class Rng {
 public:
  explicit Rng(uint64_t seed);
  uint64_t Next();
  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n);
  // Uniform in [0, 1).
  double Real();
  bool Chance(double p) { return Real() < p; }

 private:
  uint64_t s_[4];
};

}  // namespace pl::demo
