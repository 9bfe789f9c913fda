#include "store/postgres/postgres_store.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <libpq-fe.h>

#include "store/internal/soci_store.h"
#include "store/migrations/migrations.h"

namespace pl::store::postgres {

namespace {

// SOCI hands libpq "key=value" strings; URIs are parsed by libpq itself and re-expressed so.
Result<std::string> ToKeyValue(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    std::string m = err ? err : "unparseable";
    if (err) PQfreemem(err);
    return InvalidArgument("bad PostgreSQL URL: " + m);
  }
  std::string out;
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string v = o->val, quoted;
    for (char c : v) {
      if (c == '\\' || c == '\'') quoted += '\\';
      quoted += c;
    }
    out += std::string(o->keyword) + "='" + quoted + "' ";
  }
  PQconninfoFree(opts);
  return out;
}

}  // namespace

Result<std::unique_ptr<Store>> Open(const std::string& url, const OpenOptions& options) {
  int n = std::max(1, options.pool_size);
  ASSIGN_OR_RETURN(std::string conninfo, ToKeyValue(url));
  try {
    auto pool = std::make_unique<soci::connection_pool>(n);
    for (int i = 0; i < n; ++i) {
      soci::session& s = pool->at(i);
      s.open(soci::postgresql, conninfo);
      s << "SET client_min_messages = warning";
    }
    internal::Dialect d{"postgresql", migrations::ForBackend("postgresql"),
                        "SELECT pg_advisory_xact_lock(736574)", 200};
    return std::unique_ptr<Store>(
        std::make_unique<internal::SociStore>(std::move(pool), std::move(d), SystemClock()));
  } catch (const std::exception& e) {
    // Never echo a password that may be in the URL.
    return Unavailable(std::string("cannot connect to PostgreSQL: ") + e.what());
  }
}

}  // namespace pl::store::postgres
