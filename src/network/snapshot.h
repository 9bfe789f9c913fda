// A dated snapshot of one knowledge-network analysis, in the terms the rest of peerlearn speaks
// (people by id, teams by path) rather than graph node indices: what `peerlearn analyze`
// stores, what the API serves and the exports write, and what two snapshots are compared by.
//
//   ASSIGN_OR_RETURN(Analysis a, Analyze(people, interactions, params));
//   ASSIGN_OR_RETURN(Snapshot s, MakeSnapshot(a, params, now, {}));
//   nlohmann::json d = DiffSnapshots(older, s);
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "graph/graph.h"
#include "network/analysis.h"
#include "network/layout.h"

namespace pl::network {

struct SnapshotPerson {
  int64_t id = 0;
  std::string team;        // path; "" for none
  int32_t community = -1;  // index into the snapshot's communities
  uint32_t in_degree = 0, out_degree = 0;
  double in_strength = 0, out_strength = 0;
  double pagerank = 0, betweenness = 0, constraint = 0, closeness = 0, harmonic = 0;
  double effective_size = 0;  // NaN without ties
  uint32_t coreness = 0;
  double clustering = 0, reciprocity = 0;
  double x = 0, y = 0;  // drawing position in [-1, 1]
};

struct SnapshotTeam {
  std::string team;  // path
  int64_t members = 0, internal_ties = 0, external_ties = 0;
  double density = 0, ei_index = 0, cross_share = 0;
  int64_t external_people = 0, external_teams = 0;
};

struct SnapshotEdge {
  int64_t src = 0, dst = 0;
  double weight = 0;  // tie strength after layer weights and decay
};

struct Snapshot {
  int64_t id = 0;  // 0 until stored
  Timestamp taken_at;
  std::optional<graph::Window> window;
  nlohmann::json params;    // the settings that produced it
  nlohmann::json summary;   // organisation-level numbers
  nlohmann::json findings;  // champions, silos, brokers, single_points, newcomers, communities
  nlohmann::json flows;     // [[team a, team b, undirected ties], ...], a <= b, nonzero only
  std::vector<SnapshotPerson> people;  // by id, ascending
  std::vector<SnapshotTeam> teams;     // by path
  std::vector<SnapshotEdge> edges;     // by (src, dst)
};

// The snapshot's person with this id (its people are by id, ascending); null if it has none.
const SnapshotPerson* FindPerson(const Snapshot& s, int64_t id);

// The person-level findings a person can be flagged with, under the names exports and the map
// give them — hidden_champion, visible_helper, broker, single_point, isolated_newcomer — each
// with the people its list names (store ids), in the snapshot's order; the newcomers only those
// not yet connected. A list the snapshot predates (visible helpers) names nobody.
struct PersonFlag {
  const char* flag;
  std::vector<int64_t> people;
};
std::vector<PersonFlag> PersonFlags(const nlohmann::json& findings);
inline std::vector<PersonFlag> PersonFlags(const Snapshot& s) { return PersonFlags(s.findings); }
// The flags a snapshot's findings give one person, in the order above.
std::vector<const char*> PersonFlagsOf(const nlohmann::json& findings, int64_t person);

// A team's metrics as JSON (NaN as null).
nlohmann::json TeamJson(const SnapshotTeam& team);

// The settings and window as JSON (for `params`).
nlohmann::json ParamsJson(const AnalysisParams& params);

Result<Snapshot> MakeSnapshot(const Analysis& analysis, const AnalysisParams& params,
                              Timestamp taken_at, const LayoutParams& layout);

// The ties to draw when a map cannot show them all: every person's strongest tie out and in
// (ties of equal weight: the first listed), so that nobody with a tie is drawn alone, then the
// strongest of the rest, up to `max_ties` in all; where the people's own strongest ties alone
// exceed it, the strongest of those. Indices into `edges`, ascending.
std::vector<size_t> TiesToDraw(std::span<const SnapshotEdge> edges, size_t max_ties);

// The settings two snapshots were analysed with where they differ, each {setting, before,
// after}: the window's length in days (null for all time; lengths within 3 days of each other
// count as the same, so that two quarters or two months compare), each layer's weight
// ("layer_weight:<layer>") and the rest of ParamsJson (`params`) but the day analysed as of,
// which differs between any two snapshots. A setting only one of them records (a snapshot from
// before it was kept) is left out. Empty: the two are like for like.
nlohmann::json SettingsChanged(const std::optional<graph::Window>& before_window,
                               const nlohmann::json& before_params,
                               const std::optional<graph::Window>& after_window,
                               const nlohmann::json& after_params);

// What changed from `before` to `after`: the settings they were analysed with where they
// differ ("settings_changed", as SettingsChanged says), summary numbers,
// champions/silos/brokers/isolated newcomers that appeared or went (and visible helpers, where both
// keep them), the earlier hidden champions now among the visible helpers ("champions_now_seen",
// where `after` keeps them), each team's E-I index, density and cross share, and the people whose
// distinct askers (in-degree) moved most. Callers filter by what the viewer may see.
nlohmann::json DiffSnapshots(const Snapshot& before, const Snapshot& after, size_t top_people = 20);

}  // namespace pl::network
