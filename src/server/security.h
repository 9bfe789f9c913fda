// Credentials: argon2id password hashes, random tokens, token digests and constant-time
// comparison, all from libsodium. Call InitSecurity() once before anything else here.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace pl::server {

// Initialises libsodium. Idempotent and thread-safe. Internal error if the CPU/OS cannot supply
// randomness.
Status InitSecurity();

// Cost of argon2id. kInteractive is libsodium's interactive preset (64 MiB, ~0.1 s); kMinimum is
// for tests only.
enum class HashCost { kInteractive, kModerate, kMinimum };

// A libsodium crypto_pwhash_str string ("$argon2id$v=19$m=...").
Result<std::string> HashPassword(std::string_view password, HashCost cost = HashCost::kInteractive);
bool VerifyPassword(std::string_view password, const std::string& hash);

// Checks a new password: 10..256 bytes, not all one character. InvalidArgument says why.
Status CheckPasswordStrength(std::string_view password);

// `bytes` random bytes as lowercase hex.
std::string RandomToken(size_t bytes = 32);
// A random password of letters and digits (for generated accounts).
std::string RandomPassword(size_t length = 16);
// BLAKE2b-256 of a token, hex: what the store keeps instead of the token.
std::string DigestToken(std::string_view token);
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace pl::server
