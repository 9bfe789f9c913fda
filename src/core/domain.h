// Domain structs shared by every module: people, teams, skills, accounts. Plain values; the store
// owns persistence and the server owns who may see what.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/time.h"

namespace pl {

struct Team {
  TeamId id;
  std::string name;  // last segment of the path
  std::string path;  // "Engineering/Platform": unique, '/'-separated from the top department
  TeamId parent_id;
};

struct Skill {
  SkillId id;
  std::string name;
};

enum class SkillSource { kSelf, kManager, kInferred };

struct PersonSkill {
  std::string skill;  // skill name
  int level = 0;      // 0 (aware) .. 4 (expert, teaches others)
  SkillSource source = SkillSource::kSelf;
};

struct Person {
  PersonId id;
  std::string external_id;  // employee number from the HR system; unique
  std::string name;
  std::string email;
  std::string title;
  int level = 0;  // job level/grade, 0 when unknown
  TeamId team_id;
  std::string team_path;
  PersonId manager_id;
  std::optional<Date> hire_date;
  std::string location;
  std::string timezone;
  bool active = true;
  std::vector<PersonSkill> skills;
};

enum class Role { kAdmin, kManager, kEmployee };
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
std::string_view SkillSourceName(SkillSource s);
std::optional<SkillSource> ParseSkillSource(std::string_view name);

struct User {
  UserId id;
  std::string username;
  std::string password_hash;  // argon2id, libsodium's crypto_pwhash_str format
  Role role = Role::kEmployee;
  PersonId person_id;  // the person this account belongs to (none for a service admin)
  bool disabled = false;
};

struct Session {
  std::string token_hash;  // hex hash of the cookie token; the token itself is never stored
  UserId user_id;
  std::string csrf_token;
  Timestamp created_at;
  Timestamp expires_at;
};

struct AuditEntry {
  int64_t id = 0;
  Timestamp ts;
  UserId user_id;
  std::string action;  // "person.read", "user.login", ...
  std::string target;  // "person:42"
  std::string detail;
};

}  // namespace pl
