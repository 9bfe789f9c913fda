// The demo organisation's peer-learning programmes as problem files (the formats
// `peerlearn mentors match --problem` and `peerlearn circles form --problem` read): mentees with
// growth goals (every planted isolated newcomer among them), mentors with offered skills and
// places (the planted hidden champions among them, flagged so their capacity is protected), past
// pairings with ratings, an admin exclusion; and six business challenges with volunteers'
// ranked choices and facilitators. Skills are grouped under their department; communities are
// departments (the generator does not analyse the network).
//
//   DemoProgrammes d = Programmes(org);  // d.mentors_json, d.circles_json
#pragma once

#include <string>

#include "demo/demo.h"

namespace pl::demo {

struct DemoProgrammes {
  std::string mentors_json;
  std::string circles_json;
};

// Deterministic for the organisation's seed.
DemoProgrammes Programmes(const Organisation& org);

}  // namespace pl::demo
