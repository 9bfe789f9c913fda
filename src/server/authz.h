// Who may see what about whom: the only place role rules live.
//   admin    — everyone, every field (reads of person-level data are audited by the caller)
//   manager  — private fields of themself and of everyone in their reporting subtree
//   employee — private fields of themself only
// Everyone signed in sees the public directory fields of everyone.
#pragma once

#include <unordered_set>

#include "server/api.h"
#include "store/store.h"

namespace pl::server {

// Fields anyone signed in may see: id, name, title, team, location, timezone, manager, e-mail,
// number of direct reports. Private: employee id, level, hire date, skills, active flag.
class Visibility {
 public:
  static Result<Visibility> For(const Viewer& viewer, store::Store& store);

  bool IsAdmin() const { return role_ == Role::kAdmin; }
  bool CanSeePrivate(PersonId person) const;

 private:
  Role role_ = Role::kEmployee;
  PersonId self_;
  std::unordered_set<PersonId> subtree_;
};

// Knowledge-network results (network/snapshot.h):
//   admin    — everything, person level included (reads of others' scores are audited)
//   manager  — their own teams' metrics (teams with someone in their reporting line), only for
//              teams of at least k people; org-wide aggregates over groups of at least k people
//              (flows between teams, communities, the team-level map); the newcomers in their
//              reporting line; their own person-level scores
//   employee — the organisation's summary and their own person-level scores
class NetworkAccess {
 public:
  static Result<NetworkAccess> For(const Viewer& viewer, store::Store& store,
                                   const network::Snapshot& snapshot, int k);

  bool IsAdmin() const { return role_ == Role::kAdmin; }
  bool IsManager() const { return role_ == Role::kManager; }
  int k() const { return k_; }
  // Person-level scores: admins and the person.
  bool CanSeePersonScores(int64_t person) const;
  // The same rule where no snapshot is at hand (a person's scores over time).
  static bool CanSeePersonScores(const Viewer& viewer, int64_t person);
  // Aggregates over groups of at least k people (flows, communities, team-level map).
  bool CanSeeAggregates() const { return role_ != Role::kEmployee; }
  // A team's own metrics: admins; managers for their own teams of at least k people.
  bool CanSeeTeam(const std::string& team, int64_t members) const;
  // Someone in the manager's reporting line (admins: everyone).
  bool InReportingLine(int64_t person) const;

 private:
  Role role_ = Role::kEmployee;
  int64_t self_ = 0;
  int k_ = 5;
  std::unordered_set<int64_t> line_;
  std::unordered_set<std::string> own_teams_;
};

// PermissionDenied unless the viewer is an admin.
Status RequireAdmin(const Viewer& viewer);

}  // namespace pl::server
