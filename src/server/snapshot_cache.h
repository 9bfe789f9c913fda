// Network snapshots as the API reads them: loaded once from the store and kept (they never change
// once stored), the few most recently used only; a kept one is still looked for in the store
// (a one-row query) before it is served, as it may have been deleted since. Thread-safe.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>

#include "network/snapshot.h"
#include "store/store.h"

namespace pl::server {

class SnapshotCache {
 public:
  explicit SnapshotCache(size_t capacity = 4) : capacity_(capacity) {}

  // Snapshot `id`, or the newest when id is 0. NotFound when there is none.
  Result<std::shared_ptr<const network::Snapshot>> Get(store::Store& store, int64_t id);

  // The id of the snapshot before `id` (0 if none).
  Result<int64_t> Previous(store::Store& store, int64_t id);

 private:
  std::mutex mu_;
  size_t capacity_;
  std::list<std::shared_ptr<const network::Snapshot>> recent_;  // most recently used first
};

}  // namespace pl::server
