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

// PermissionDenied unless the viewer is an admin.
Status RequireAdmin(const Viewer& viewer);

}  // namespace pl::server
