// PostgreSQL backend: a pool of libpq connections; migrations serialised by an advisory lock.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace pl::store::postgres {

// `url` is a libpq connection URI: postgresql://user:password@host:port/dbname?options
Result<std::unique_ptr<Store>> Open(const std::string& url, const OpenOptions& options);

}  // namespace pl::store::postgres
