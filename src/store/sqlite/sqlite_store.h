// SQLite backend: one file, WAL journal, foreign keys enforced on every connection.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace pl::store::sqlite {

// `path` is a file path (created if missing) or ":memory:" (one private database per connection,
// so only useful with a pool of one).
Result<std::unique_ptr<Store>> Open(const std::string& path, const OpenOptions& options);

}  // namespace pl::store::sqlite
