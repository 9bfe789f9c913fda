// The schema's history. Each migration is written once; `ForBackend` substitutes the few type
// names that differ between SQLite and PostgreSQL. Append new migrations; never edit old ones.
#pragma once

#include <string_view>
#include <vector>

#include "store/internal/soci_store.h"

namespace pl::store::migrations {

// "sqlite" or "postgresql".
std::vector<internal::Migration> ForBackend(std::string_view backend);

}  // namespace pl::store::migrations
