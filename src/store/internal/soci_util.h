// Helpers shared by the SociStore's translation units.
#pragma once

#include <soci/soci.h>

#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace pl::store::internal {

Status FromDatabaseError(std::string_view what, std::string_view message);

inline int64_t Micros(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp FromMicros(long long v) { return Timestamp(std::chrono::microseconds(v)); }

// Runs `f`, turning database exceptions into a Status naming `what`.
template <typename F>
auto Guard(std::string_view what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const soci::soci_error& e) {
    return FromDatabaseError(what, e.what());
  } catch (const std::exception& e) {
    return FromDatabaseError(what, e.what());
  }
}

// A write transaction. On SQLite it takes the write lock when it begins (BEGIN IMMEDIATE): a
// deferred transaction that reads before it writes cannot wait for a concurrent writer when it
// upgrades its lock (SQLite answers "database is locked" at once rather than deadlock), so
// concurrent submissions would fail; an immediate one waits its turn under the busy timeout.
// Rolls back unless committed.
class WriteTransaction {
 public:
  explicit WriteTransaction(soci::session& sql) : sql_(sql) {
    if (sql.get_backend_name() == "sqlite3") {
      sql << "BEGIN IMMEDIATE";
    } else {
      sql.begin();
    }
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction() {
    if (done_) return;
    try {
      sql_.rollback();
    } catch (...) {
    }
  }
  void commit() {
    sql_.commit();
    done_ = true;
  }
  void rollback() {
    sql_.rollback();
    done_ = true;
  }

 private:
  soci::session& sql_;
  bool done_ = false;
};

}  // namespace pl::store::internal
