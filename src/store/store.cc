#include "store/store.h"

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace pl::store {

Result<std::unique_ptr<Store>> Open(std::string_view url, const OpenOptions& options) {
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.starts_with("//")) path = path.substr(2);  // also accept sqlite://path
    return sqlite::Open(path, options);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return postgres::Open(std::string(url), options);
  }
  return InvalidArgument("'" + std::string(url) +
                         "' is not a database URL (use sqlite:PATH or postgresql://...)");
}

}  // namespace pl::store
