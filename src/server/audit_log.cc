#include "server/audit_log.h"

#include <string>

#include "core/text.h"
#include "server/authz.h"

namespace pl::server {

// "person:42" or "user:7" (and only that form: the prefix, then digits) as the id it names.
std::optional<int64_t> IdTarget(std::string_view target, std::string_view prefix) {
  if (!target.starts_with(prefix) || target.size() == prefix.size() ||
      target.size() > prefix.size() + 18) {
    return std::nullopt;
  }
  int64_t id = 0;
  for (char c : target.substr(prefix.size())) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id > 0 ? std::optional<int64_t>(id) : std::nullopt;
}

Status AuditNames::Learn(const std::vector<AuditEntry>& entries) {
  std::vector<PersonId> about;
  auto user = [&](UserId id) -> Status {
    if (!id.valid() || users_.count(id.value)) return OkStatus();
    auto u = store_.GetUser(id);
    if (!u.ok() && u.status().code() != StatusCode::kNotFound) return u.status();
    users_[id.value] = u.ok() ? std::optional<User>(*u) : std::nullopt;
    if (u.ok() && u->person_id.valid()) about.push_back(u->person_id);
    return OkStatus();
  };
  for (const auto& e : entries) {
    RETURN_IF_ERROR(user(e.user_id));
    for (const std::string* t : {&e.target, &e.detail}) {
      if (auto p = IdTarget(*t, "person:")) about.push_back(PersonId(*p));
      if (auto u = IdTarget(*t, "user:")) RETURN_IF_ERROR(user(UserId(*u)));
    }
  }
  if (everyone_) return OkStatus();
  for (PersonId id : about) {
    if (people_.count(id.value)) continue;
    auto p = store_.GetPerson(id);
    if (p.ok()) {
      people_.emplace(id.value, std::move(p).value());
    } else if (p.status().code() != StatusCode::kNotFound) {
      return p.status();
    }
  }
  return OkStatus();
}

Status AuditNames::LearnEveryone() {
  ASSIGN_OR_RETURN(std::vector<Person> all, store_.AllPeople(/*include_inactive=*/true));
  for (Person& p : all) people_.emplace(p.id.value, std::move(p));
  everyone_ = true;
  return OkStatus();
}

Result<int64_t> WriteAuditCsv(store::Store& store, store::AuditQuery q, std::ostream& out) {
  q.limit = 1000;
  q.before_id = 0;
  AuditNames names(store);
  RETURN_IF_ERROR(names.LearnEveryone());
  int64_t rows = 0;
  out << "id,time,username,role,user_employee_id,user_name,action,target,target_employee_id,"
         "target_name,detail\r\n";
  for (;;) {
    ASSIGN_OR_RETURN(std::vector<AuditEntry> page, store.ListAudit(q));
    RETURN_IF_ERROR(names.Learn(page));
    for (const auto& e : page) {
      std::string username, role, user_eid, user_name;
      if (const auto* u = names.UserOf(e.user_id); u && *u) {
        username = (*u)->username;
        role = RoleName((*u)->role);
        if (const Person* p = names.PersonOf((*u)->person_id)) {
          user_eid = p->external_id;
          user_name = p->name;
        }
      }
      std::string target_eid, target_name;
      if (auto p = IdTarget(e.target, "person:")) {
        if (const Person* x = names.PersonOf(PersonId(*p))) {
          target_eid = x->external_id;
          target_name = x->name;
        }
      } else if (auto id = IdTarget(e.target, "user:")) {
        if (const auto* u = names.UserOf(UserId(*id)); u && *u) target_name = (*u)->username;
      }
      out << e.id << ',' << FormatTimestamp(e.ts) << ',' << CsvText(username) << ',' << role << ','
          << CsvText(user_eid) << ',' << CsvText(user_name) << ',' << CsvText(e.action) << ','
          << CsvText(e.target) << ',' << CsvText(target_eid) << ',' << CsvText(target_name) << ','
          << CsvText(e.detail) << "\r\n";
      ++rows;
    }
    if (page.size() < static_cast<size_t>(q.limit)) break;
    q.before_id = page.back().id;
  }
  if (!out) return Unavailable("the audit log could not be written out");
  return rows;
}

}  // namespace pl::server
