// Test support: every store test runs against both backends. SQLite stores are fresh files in a
// temporary directory; PostgreSQL stores are fresh databases on the throw-away server that CTest
// starts through scripts/pg-harness.sh (its URL is read from $PL_TEST_STATE_DIR/pg_url, or from
// $PL_TEST_PG_URL). A missing server is an error, never a silent skip.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

namespace pl::testing {

// "sqlite" and "postgresql".
std::vector<std::string> Backends();

// The URL of a new, empty database of `backend` (not migrated).
Result<std::string> FreshDatabaseUrl(std::string_view backend);

// A new, empty, migrated store of `backend`.
Result<std::unique_ptr<store::Store>> FreshStore(std::string_view backend,
                                                 std::string* url_out = nullptr);

// A new empty directory under the system temporary directory, removed with its contents when
// the process exits (kept where PL_TEST_KEEP_TMP is set).
std::string MakeTempDir();

// gtest parameter names: "sqlite", "postgresql".
struct BackendName {
  template <typename Info>
  std::string operator()(const Info& info) const {
    return info.param;
  }
};

}  // namespace pl::testing
