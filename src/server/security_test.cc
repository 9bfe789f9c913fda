#include "server/security.h"

#include <gtest/gtest.h>

namespace pl::server {
namespace {

TEST(SecurityTest, PasswordsVerifyOnlyWithTheRightSecret) {
  ASSERT_TRUE(InitSecurity().ok());
  auto h = HashPassword("correct horse battery", HashCost::kMinimum);
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword("correct horse battery", *h));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *h));
  EXPECT_FALSE(VerifyPassword("", *h));
  EXPECT_FALSE(VerifyPassword("x", "not a hash"));
  // Salted: the same password hashes differently.
  EXPECT_NE(*h, *HashPassword("correct horse battery", HashCost::kMinimum));
}

TEST(SecurityTest, TokensAreRandomHexAndDigestsStable) {
  ASSERT_TRUE(InitSecurity().ok());
  std::string a = RandomToken(32), b = RandomToken(32);
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(DigestToken("abc"), DigestToken("abc"));
  EXPECT_NE(DigestToken("abc"), DigestToken("abd"));
  // BLAKE2b-256("abc"), the RFC 7693 appendix test vector family.
  EXPECT_EQ(DigestToken("abc"), "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  EXPECT_TRUE(ConstantTimeEquals("same", "same"));
  EXPECT_FALSE(ConstantTimeEquals("same", "sama"));
  EXPECT_FALSE(ConstantTimeEquals("same", "sam"));
}

TEST(SecurityTest, PasswordStrength) {
  EXPECT_FALSE(CheckPasswordStrength("short").ok());
  EXPECT_FALSE(CheckPasswordStrength("aaaaaaaaaaaa").ok());
  EXPECT_FALSE(CheckPasswordStrength(std::string(300, 'x') + "y").ok());
  EXPECT_TRUE(CheckPasswordStrength("a-long-enough-one").ok());
  EXPECT_EQ(RandomPassword(16).size(), 16u);
}

}  // namespace
}  // namespace pl::server
