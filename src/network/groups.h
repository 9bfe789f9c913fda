// Groups in the knowledge-flow network: formal teams (from the roster) and communities (found
// in the ties). Ties here are undirected: two people are tied if either reached the other.
//
//   - density: ties inside the team / (size (size - 1) / 2), over all members (with or without
//   ties); none (NaN) for a team of one, which has no pair to be tied
//   - E-I index (Krackhardt & Stern 1988): (external - internal) / (external + internal), over
//     the ties of the team's members; -1 is a closed group, +1 a group that only looks outward
//   - cross share: external / (external + internal)
//   - external reach: distinct people outside the team tied to a member, and their teams
//   - communities: Leiden (Traag, Waltman & van Eck 2019) maximising modularity with a
//     resolution parameter (our own, internal/leiden.h), on the undirected graph weighted by
//     tie counts
//   - NMI: normalised mutual information between two partitions (Danon et al. 2005)
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace pl::network {

inline constexpr int32_t kNoTeam = -1;

struct TeamMetrics {
  int32_t team = 0;
  int64_t members = 0;        // as given by the roster, tied or not
  int64_t internal_ties = 0;  // undirected
  int64_t external_ties = 0;
  double density = 0;
  double ei_index = 0;     // 0 when the team has no ties
  double cross_share = 0;  // 0 when the team has no ties
  int64_t external_people = 0;
  int64_t external_teams = 0;
};

// `team_of[v]` is node v's team (kNoTeam for none), `team_sizes[t]` every team's head count.
// One entry per team, in team order.
std::vector<TeamMetrics> ComputeTeamMetrics(const graph::Graph& g,
                                            const std::vector<int32_t>& team_of,
                                            const std::vector<int64_t>& team_sizes);

// Flow between teams: ties (undirected, counted once) between members of team a and team b,
// a <= b; the diagonal holds internal ties. Row-major, teams × teams.
std::vector<int64_t> TeamFlowMatrix(const graph::Graph& g, const std::vector<int32_t>& team_of,
                                    int32_t teams);

struct CommunityParams {
  double resolution = 1.0;
  uint64_t seed = 1;
  bool weighted = true;  // tie strengths (else 1 per direction: a mutual tie counts 2)
  double beta = 0.01;    // Leiden's randomness in refinement
  int runs = 2;          // whole Leiden runs, each from the last one's partition (the second
                         // finds better communities for about a third more time); < 0: until
                         // one changes nothing
  int threads = 0;       // for the refinement; < 1: one per core (the result is the same)
};

struct Communities {
  std::vector<int32_t> membership;  // by node
  int32_t count = 0;
  double modularity = 0;  // of `membership` at resolution 1, with the weights used
};

Result<Communities> FindCommunities(const graph::Graph& g, const CommunityParams& params);

// Modularity (Newman 2006) of a given partition on the undirected graph, resolution gamma.
Result<double> Modularity(const graph::Graph& g, const std::vector<int32_t>& membership,
                          bool weighted, double resolution = 1.0);

// NMI of two partitions of the same nodes (labels need not be dense).
Result<double> NormalizedMutualInformation(const std::vector<int32_t>& a,
                                           const std::vector<int32_t>& b);

}  // namespace pl::network
