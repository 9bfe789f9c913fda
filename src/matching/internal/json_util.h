// JSON reading shared by the matching problem files: numbers, arrays and strings with errors
// that name the field, and the skill taxonomy.
#pragma once

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "core/status.h"
#include "matching/mentor.h"

namespace pl::matching::internal {

using json = nlohmann::json;

inline Result<double> Number(const json& o, const char* key, double fallback,
                             const std::string& where) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return fallback;
  if (!it->is_number()) return InvalidArgument(where + "." + key + ": expected a number");
  return it->get<double>();
}

inline Result<const json*> Array(const json& o, const char* key, const std::string& where) {
  static const json empty = json::array();
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return &empty;
  if (!it->is_array()) return InvalidArgument(where + key + ": expected an array");
  return &*it;
}

inline std::string Str(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

inline Result<int> SkillId(const std::unordered_map<std::string, int>& ids, const json& v,
                           const std::string& where) {
  if (!v.is_string()) return InvalidArgument(where + ": expected a skill id (string)");
  auto it = ids.find(v.get<std::string>());
  if (it == ids.end()) {
    return InvalidArgument(where + ": unknown skill '" + v.get<std::string>().substr(0, 60) + "'");
  }
  return it->second;
}

// "skills": [{"id": ..., "parent": ...}], in any order, no cycles.
inline Status ParseSkills(const json& root, SkillTaxonomy& skills,
                          std::unordered_map<std::string, int>& ids) {
  ASSIGN_OR_RETURN(const json* list, Array(root, "skills", ""));
  for (size_t i = 0; i < list->size(); ++i) {
    const json& s = (*list)[i];
    const std::string where = "skills[" + std::to_string(i) + "]";
    if (!s.is_object() || !s.contains("id") || !s["id"].is_string()) {
      return InvalidArgument(where + ": expected {\"id\": ..., \"parent\": ...}");
    }
    if (!ids.emplace(s["id"].get<std::string>(), static_cast<int>(i)).second) {
      return InvalidArgument(where + ".id: '" + s["id"].get<std::string>() + "' twice");
    }
    skills.names.push_back(s["id"].get<std::string>());
  }
  skills.parent.assign(skills.names.size(), -1);
  for (size_t i = 0; i < list->size(); ++i) {
    const json& s = (*list)[i];
    if (s.contains("parent") && !s["parent"].is_null()) {
      ASSIGN_OR_RETURN(skills.parent[i],
                       SkillId(ids, s["parent"], "skills[" + std::to_string(i) + "].parent"));
    }
  }
  for (size_t i = 0; i < skills.parent.size(); ++i) {  // no cycles
    int steps = 0;
    for (int x = static_cast<int>(i); x >= 0; x = skills.parent[x]) {
      if (++steps > static_cast<int>(skills.parent.size())) {
        return InvalidArgument("skills: '" + skills.names[i] + "' is its own ancestor");
      }
    }
  }
  return OkStatus();
}

}  // namespace pl::matching::internal
