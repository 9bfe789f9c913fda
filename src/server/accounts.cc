#include "server/accounts.h"

namespace pl::server {

Result<UserId> AddAccount(store::Store& store, const NewAccount& a) {
  RETURN_IF_ERROR(InitSecurity());
  if (a.username.empty() || a.username.size() > 64) {
    return InvalidArgument("the username must have 1 to 64 characters");
  }
  for (char c : a.username) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
          c == '@')) {
      return InvalidArgument("the username may only use letters, digits and . _ - @");
    }
  }
  RETURN_IF_ERROR(CheckPasswordStrength(a.password));
  User u;
  u.username = a.username;
  u.role = a.role;
  if (!a.person_external_id.empty()) {
    ASSIGN_OR_RETURN(std::optional<PersonId> id,
                     store.FindPersonByExternalId(a.person_external_id));
    if (!id) {
      return NotFound("there is no person with employee id '" + a.person_external_id +
                      "' (import the roster first)");
    }
    u.person_id = *id;
  } else if (a.role != Role::kAdmin) {
    return InvalidArgument("a " + std::string(RoleName(a.role)) +
                           " account must belong to a person (give --person EMPLOYEE_ID)");
  }
  ASSIGN_OR_RETURN(u.password_hash, HashPassword(a.password, a.cost));
  return store.CreateUser(u);
}

}  // namespace pl::server
