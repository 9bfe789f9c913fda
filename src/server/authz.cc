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

Result<NetworkAccess> NetworkAccess::For(const Viewer& viewer, store::Store& store,
                                         const network::Snapshot& snapshot, int k) {
  NetworkAccess a;
  a.role_ = viewer.role;
  a.self_ = viewer.person_id.value;
  a.k_ = k;
  if (viewer.role == Role::kManager && viewer.person_id.valid()) {
    ASSIGN_OR_RETURN(std::vector<PersonId> sub, store.ReportingSubtree(viewer.person_id));
    for (PersonId p : sub) a.line_.insert(p.value);
    for (const auto& p : snapshot.people) {
      if (a.line_.count(p.id) && !p.team.empty()) a.own_teams_.insert(p.team);
    }
  }
  return a;
}

bool NetworkAccess::CanSeePersonScores(int64_t person) const {
  return role_ == Role::kAdmin || (self_ != 0 && person == self_);
}

bool NetworkAccess::CanSeePersonScores(const Viewer& viewer, int64_t person) {
  return viewer.role == Role::kAdmin ||
         (viewer.person_id.valid() && viewer.person_id.value == person);
}

bool NetworkAccess::CanSeeTeam(const std::string& team, int64_t members) const {
  if (role_ == Role::kAdmin) return true;
  return role_ == Role::kManager && members >= k_ && own_teams_.count(team) > 0;
}

bool NetworkAccess::InReportingLine(int64_t person) const {
  return role_ == Role::kAdmin || line_.count(person) > 0;
}

Status RequireAdmin(const Viewer& viewer) {
  if (viewer.role == Role::kAdmin) return OkStatus();
  return PermissionDenied("only an admin may do this");
}

}  // namespace pl::server
