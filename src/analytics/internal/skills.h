// The store's skill taxonomy as a matching::SkillTaxonomy, with a lookup that adds a skill named
// only elsewhere (in an opt-in, a challenge, a person's skills) as a new root. Shared by the
// mentoring and circles jobs.
#pragma once

#include <string>
#include <unordered_map>

#include "core/status.h"
#include "matching/mentor.h"
#include "store/store.h"

namespace pl::analytics::internal {

class SkillIndex {
 public:
  // Fills `taxonomy` (which must outlive the index) from the store.
  static Result<SkillIndex> Load(store::Store& store, matching::SkillTaxonomy& taxonomy);
  // The skill's index, adding it as a root when it is new.
  int operator()(const std::string& name);

 private:
  explicit SkillIndex(matching::SkillTaxonomy& taxonomy) : taxonomy_(&taxonomy) {}
  matching::SkillTaxonomy* taxonomy_;
  std::unordered_map<std::string, int> index_;
};

}  // namespace pl::analytics::internal
