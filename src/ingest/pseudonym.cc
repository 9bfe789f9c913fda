#include "ingest/pseudonym.h"

#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "core/text.h"

namespace pl::ingest {

Result<Pseudonymizer> Pseudonymizer::FromKey(std::string key) {
  // A key written as text (`openssl rand -hex 32 > key`) ends with a line ending that is not
  // part of it. The trailing CR and LF bytes are dropped from every key, as they always were,
  // so that a key gives the pseudonyms it gave before; but a binary key
  // (`head -c 32 /dev/urandom > key`) ends with one of them by chance once in 128, so only a
  // text key is measured without them.
  const size_t bytes = key.size();
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  const bool text =
      std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
  const size_t length = text ? key.size() : bytes;
  if (length < 32) {
    return InvalidArgument("the pseudonymisation key has " + std::to_string(length) +
                           " bytes; it needs at least 32 (e.g. head -c 32 /dev/urandom > key)");
  }
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  Pseudonymizer p;
  p.key_ = std::move(key);
  return p;
}

Result<Pseudonymizer> Pseudonymizer::FromKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read the pseudonymisation key " + path);
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto p = FromKey(std::move(key));
  if (!p.ok()) return InvalidArgument(path + ": " + p.status().message());
  return p;
}

std::string Pseudonymizer::Apply(std::string_view kind, std::string_view value) const {
  std::string normal = kind == "email" ? AsciiLower(Trim(value)) : std::string(Trim(value));
  std::string msg = std::string(kind) + ":" + normal;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key_.data()),
                              key_.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(msg.data()),
                                msg.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[2 * 10 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, 10);
  std::string out = (kind == "conversation" ? "c-"
                     : kind == "account"    ? "a-"
                                            : "p-") +
                    std::string(hex);
  if (kind == "email") out += "@pseudonymous.invalid";
  return out;
}

void PseudonymiseRoster(const Pseudonymizer& p, std::vector<store::RosterRecord>& records) {
  for (auto& r : records) {
    r.external_id = p.Apply("employee", r.external_id);
    if (!r.manager_external_id.empty()) {
      r.manager_external_id = p.Apply("employee", r.manager_external_id);
    }
    if (!r.email.empty()) r.email = p.Apply("email", r.email);
    r.name = "Person " + r.external_id.substr(2, 8);
  }
}

}  // namespace pl::ingest
