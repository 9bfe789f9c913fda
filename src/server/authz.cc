#include "server/authz.h"

namespace pl::server {

Result<Visibility> Visibility::For(const Viewer& viewer, store::Store& store) {
  Visibility v;
  v.role_ = viewer.role;
  v.self_ = viewer.person_id;
  if (viewer.role == Role::kManager && viewer.person_id.valid()) {
    ASSIGN_OR_RETURN(std::vector<PersonId> sub, store.ReportingSubtree(viewer.person_id));
    v.subtree_.insert(sub.begin(), sub.end());
  }
  return v;
}

bool Visibility::CanSeePrivate(PersonId person) const {
  if (role_ == Role::kAdmin) return true;
  if (person.valid() && person == self_) return true;
  return role_ == Role::kManager && subtree_.count(person) > 0;
}

Status RequireAdmin(const Viewer& viewer) {
  if (viewer.role == Role::kAdmin) return OkStatus();
  return PermissionDenied("only an admin may do this");
}

}  // namespace pl::server
