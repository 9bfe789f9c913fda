#include "analytics/internal/skills.h"

namespace pl::analytics::internal {

Result<SkillIndex> SkillIndex::Load(store::Store& store, matching::SkillTaxonomy& taxonomy) {
  SkillIndex out(taxonomy);
  ASSIGN_OR_RETURN(auto parents, store.SkillParents());
  for (const auto& [name, parent] : parents) {
    out.index_.emplace(name, static_cast<int>(taxonomy.names.size()));
    taxonomy.names.push_back(name);
  }
  taxonomy.parent.assign(taxonomy.names.size(), -1);
  for (const auto& [name, parent] : parents) {
    if (!parent.empty()) taxonomy.parent[out.index_.at(name)] = out.index_.at(parent);
  }
  return out;
}

int SkillIndex::operator()(const std::string& name) {
  auto [it, added] = index_.emplace(name, static_cast<int>(taxonomy_->names.size()));
  if (added) {
    taxonomy_->names.push_back(name);
    taxonomy_->parent.push_back(-1);
  }
  return it->second;
}

}  // namespace pl::analytics::internal
