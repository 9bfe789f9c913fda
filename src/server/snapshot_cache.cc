#include "server/snapshot_cache.h"

namespace pl::server {

Result<std::shared_ptr<const network::Snapshot>> SnapshotCache::Get(store::Store& store,
                                                                    int64_t id) {
  const bool asked = id != 0;
  if (id == 0) {
    ASSIGN_OR_RETURN(std::optional<int64_t> latest, store.LatestSnapshotId());
    if (!latest) {
      return NotFound(
          "the knowledge network has not been analysed yet (an admin runs 'peerlearn analyze' or "
          "POST /api/v1/network/snapshots)");
    }
    id = *latest;
  }
  std::shared_ptr<const network::Snapshot> kept;
  {
    std::lock_guard lock(mu_);
    for (auto it = recent_.begin(); it != recent_.end(); ++it) {
      if ((*it)->id == id) {
        recent_.splice(recent_.begin(), recent_, it);
        kept = recent_.front();
        break;
      }
    }
  }
  if (kept) {
    if (asked) {  // else the newest was just looked up
      ASSIGN_OR_RETURN(bool stored, store.SnapshotExists(id));
      if (!stored) return NotFound("there is no network snapshot " + std::to_string(id));
    }
    return kept;
  }
  // Loaded outside the lock: two requests may both load it; the second copy is dropped.
  ASSIGN_OR_RETURN(network::Snapshot loaded, store.LoadSnapshot(id));
  auto shared = std::make_shared<const network::Snapshot>(std::move(loaded));
  std::lock_guard lock(mu_);
  for (const auto& s : recent_) {
    if (s->id == id) return s;
  }
  recent_.push_front(shared);
  if (recent_.size() > capacity_) recent_.pop_back();
  return shared;
}

Result<int64_t> SnapshotCache::Previous(store::Store& store, int64_t id) {
  ASSIGN_OR_RETURN(std::vector<store::SnapshotInfo> list, store.ListSnapshots());
  for (size_t i = 0; i + 1 < list.size(); ++i) {
    if (list[i].id == id) return list[i + 1].id;
  }
  return int64_t{0};
}

}  // namespace pl::server
