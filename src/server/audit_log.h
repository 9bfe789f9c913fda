// The audit log read for people: who each entry was by and about (its user's account and person,
// the person or account its target names), and the whole log as narrowed written as CSV — the
// web app's download and `peerlearn audit`.
//
//   AuditNames names(store);
//   RETURN_IF_ERROR(names.Learn(entries));
//   ASSIGN_OR_RETURN(int64_t rows, WriteAuditCsv(store, {.action_prefix = "person."}, std::cout));
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/status.h"
#include "store/store.h"

namespace pl::server {

// "person:42" or "user:7" (and only that form: the prefix, then digits) as the id it names.
std::optional<int64_t> IdTarget(std::string_view target, std::string_view prefix);

// Who the log's entries were by and about: their users (each read once, kept across pages) and
// the people they name.
class AuditNames {
 public:
  explicit AuditNames(store::Store& store) : store_(store) {}

  // Reads the users and people of `entries` not yet known (people one by one unless the whole
  // directory was read).
  Status Learn(const std::vector<AuditEntry>& entries);
  // Everyone at once: for a download of many pages.
  Status LearnEveryone();

  const std::optional<User>* UserOf(UserId id) const {
    auto it = users_.find(id.value);
    return id.valid() && it != users_.end() ? &it->second : nullptr;
  }
  const Person* PersonOf(PersonId id) const {
    auto it = people_.find(id.value);
    return it != people_.end() ? &it->second : nullptr;
  }
  const std::map<int64_t, Person>& people() const { return people_; }

 private:
  store::Store& store_;
  std::map<int64_t, std::optional<User>> users_;
  std::map<int64_t, Person> people_;
  bool everyone_ = false;
};

// Writes every entry `query` matches (its limit and before_id aside: every page), newest first,
// as CSV with a header: id, time, username, role, user_employee_id, user_name, action, target,
// target_employee_id, target_name, detail. Free text is written so that no cell runs as a
// spreadsheet formula. Returns the rows written.
Result<int64_t> WriteAuditCsv(store::Store& store, store::AuditQuery query, std::ostream& out);

}  // namespace pl::server
