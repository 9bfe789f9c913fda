// Creating log-in accounts, shared by `peerlearn user add` and the demo.
#pragma once

#include <string>

#include "core/domain.h"
#include "server/security.h"
#include "store/store.h"

namespace pl::server {

struct NewAccount {
  std::string username;
  std::string password;
  Role role = Role::kEmployee;
  std::string person_external_id;  // the person this account belongs to; required for managers
                                   // and employees, optional for admins
  HashCost cost = HashCost::kInteractive;
};

// Validates (username shape, password strength, the person exists, a manager is linked to a
// person), hashes the password with argon2id and stores the account.
Result<UserId> AddAccount(store::Store& store, const NewAccount& account);

}  // namespace pl::server
