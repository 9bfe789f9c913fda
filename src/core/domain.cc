#include "core/domain.h"

namespace pl {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kManager:
      return "manager";
    case Role::kEmployee:
      return "employee";
  }
  return "employee";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "manager") return Role::kManager;
  if (name == "employee") return Role::kEmployee;
  return std::nullopt;
}

std::string_view SkillSourceName(SkillSource s) {
  switch (s) {
    case SkillSource::kSelf:
      return "self";
    case SkillSource::kManager:
      return "manager";
    case SkillSource::kInferred:
      return "inferred";
  }
  return "self";
}

std::optional<SkillSource> ParseSkillSource(std::string_view name) {
  if (name == "self") return SkillSource::kSelf;
  if (name == "manager") return SkillSource::kManager;
  if (name == "inferred") return SkillSource::kInferred;
  return std::nullopt;
}

}  // namespace pl
