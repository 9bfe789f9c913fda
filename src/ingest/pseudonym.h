// Keyed pseudonymisation of identities at import: an employee id, an e-mail or a conversation id
// is replaced by HMAC-SHA256(key, kind ":" value), shown as 20 hex digits (80 bits). The same key
// gives the same pseudonym on every import, so a pseudonymous roster and a pseudonymous Slack
// export still meet; without the key nobody can go back. Keep the key out of the store.
//
//   ASSIGN_OR_RETURN(Pseudonymizer p, Pseudonymizer::FromKeyFile("/secure/peerlearn.key"));
//   p.Apply("employee", "E1042");   // "p-3f9a…"
//   p.Apply("email", "ana@x.org");  // "p-81c2…@pseudonymous.invalid" (lower-cased first)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace pl::ingest {

class Pseudonymizer {
 public:
  // The key file's bytes (trailing CR and LF bytes are ignored); at least 32 bytes — for a text
  // key, without its line ending; a binary key counts every byte it has.
  static Result<Pseudonymizer> FromKeyFile(const std::string& path);
  static Result<Pseudonymizer> FromKey(std::string key);

  // kind is "employee", "email", "conversation" or "account" (a chat platform's); anything
  // else is treated as a plain id.
  std::string Apply(std::string_view kind, std::string_view value) const;

 private:
  std::string key_;
};

// A roster with its identities replaced: employee and manager ids and e-mails by their
// pseudonyms, names by "Person " and the employee pseudonym. Titles, levels, teams, dates,
// locations and skills stay (the analyses need them).
void PseudonymiseRoster(const Pseudonymizer& p, std::vector<store::RosterRecord>& records);

}  // namespace pl::ingest
