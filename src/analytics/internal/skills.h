// The store's skill taxonomy as a matching::SkillTaxonomy, with a lookup that adds a skill named
// only elsewhere (in an opt-in, a challenge, a person's skills) as a new root. Shared by the
// mentoring and circles jobs.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

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

// Each indexed person's skill levels from the store and their community from the newest network
// snapshot, which is returned (nullopt when there is none yet). `index` maps a person id to their
// place in `people`, whose elements have `skills` (skill index -> level) and `community`.
template <class Person>
Result<std::optional<network::Snapshot>> AddSkillsAndCommunities(
    store::Store& store, const std::unordered_map<int64_t, int>& index, SkillIndex& skills,
    std::vector<Person>& people) {
  ASSIGN_OR_RETURN(auto levels, store.AllPersonSkills());
  for (const auto& [who, name, level] : levels) {
    auto it = index.find(who.value);
    if (it != index.end()) people[it->second].skills[skills(name)] = level;
  }
  ASSIGN_OR_RETURN(auto latest, store.LatestSnapshotId());
  if (!latest) return std::optional<network::Snapshot>();
  ASSIGN_OR_RETURN(network::Snapshot snap, store.LoadSnapshot(*latest));
  for (const auto& sp : snap.people) {
    auto it = index.find(sp.id);
    if (it != index.end()) people[it->second].community = sp.community;
  }
  return std::optional<network::Snapshot>(std::move(snap));
}

}  // namespace pl::analytics::internal
