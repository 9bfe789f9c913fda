#include "store/sqlite/sqlite_store.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/internal/soci_store.h"
#include "store/migrations/migrations.h"

namespace pl::store::sqlite {

Result<std::unique_ptr<Store>> Open(const std::string& path, const OpenOptions& options) {
  if (path.empty()) return InvalidArgument("the SQLite path is empty (use sqlite:FILE)");
  int n = path == ":memory:" ? 1 : std::max(1, options.pool_size);
  try {
    auto pool = std::make_unique<soci::connection_pool>(n);
    for (int i = 0; i < n; ++i) {
      soci::session& s = pool->at(i);
      // timeout: seconds a writer waits for another's lock before "database is locked".
      s.open(soci::sqlite3, "db=" + path + " timeout=30 shared_cache=false");
      if (i == 0) s << "PRAGMA journal_mode=WAL";
      s << "PRAGMA foreign_keys=ON";
      s << "PRAGMA synchronous=NORMAL";
    }
    internal::Dialect d{"sqlite", migrations::ForBackend("sqlite"), "", nullptr};
    return std::unique_ptr<Store>(
        std::make_unique<internal::SociStore>(std::move(pool), std::move(d), SystemClock()));
  } catch (const std::exception& e) {
    return Unavailable("cannot open SQLite database '" + path + "': " + e.what());
  }
}

}  // namespace pl::store::sqlite
