#include "store/postgres/postgres_store.h"

#include <endian.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <bit>
#include <charconv>

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

// COPY ... FROM STDIN in text format: tab-separated, \N for NULL, backslash escapes.
void CopyIn(soci::session& sql, const std::string& table, const std::string& columns,
            const internal::BulkRows& rows) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  PGconn* conn = backend->conn_;
  auto fail = [&](const std::string& what) {
    throw soci::soci_error("COPY into " + table + ": " + what + ": " + PQerrorMessage(conn));
  };
  // Table and column names are constants of the caller, never data.
  PGresult* res = PQexec(conn, ("COPY " + table + " (" + columns + ") FROM STDIN").c_str());
  bool started = PQresultStatus(res) == PGRES_COPY_IN;
  PQclear(res);
  if (!started) fail("could not start");
  const size_t cols = rows.is_int.size();
  std::string buf;
  buf.reserve(1 << 20);
  for (size_t i = 0; i < rows.cells.size(); ++i) {
    const internal::Cell& cell = rows.cells[i];
    if (cell.ind == soci::i_null) {
      buf += "\\N";
    } else if (cell.real || rows.is_int[i % cols]) {
      char number[32];
      auto [end, ec] = cell.real ? std::to_chars(number, number + sizeof number, cell.Real())
                                 : std::to_chars(number, number + sizeof number, cell.i);
      buf.append(number, end);
    } else {
      for (char c : cell.s) {
        switch (c) {
          case '\\':
            buf += "\\\\";
            break;
          case '\t':
            buf += "\\t";
            break;
          case '\n':
            buf += "\\n";
            break;
          case '\r':
            buf += "\\r";
            break;
          default:
            buf += c;
        }
      }
    }
    buf += (i % cols == cols - 1) ? '\n' : '\t';
    if (buf.size() >= (1 << 20) || i + 1 == rows.cells.size()) {
      if (PQputCopyData(conn, buf.data(), static_cast<int>(buf.size())) != 1) fail("sending rows");
      buf.clear();
    }
  }
  if (PQputCopyEnd(conn, nullptr) != 1) fail("ending");
  std::string error;
  while ((res = PQgetResult(conn)) != nullptr) {
    if (PQresultStatus(res) != PGRES_COMMAND_OK && error.empty()) error = PQresultErrorMessage(res);
    PQclear(res);
  }
  if (!error.empty()) throw soci::soci_error("COPY into " + table + ": " + error);
}

// A snapshot's ties are a partition of snapshot_edges of their own (migration 12): a new table
// that may only hold this snapshot's rows, filled by COPY, then attached. No index to keep up
// row by row (the block-range index this replaces took 0.4 of the 1.1 s that 2M ties took), a
// read of one snapshot scans its own table, and rows written into a table made in the same
// transaction go in frozen, so the first read does not rewrite every page to mark them visible.
// Attaching takes a lock that readers of other snapshots' ties do not wait for; the CHECK
// spares the scan attaching would otherwise make. Inside the caller's transaction: a failure
// anywhere leaves no table behind.
//
// COPY ... (FORMAT binary): each row a field count and, per field, its length and its value in
// network byte order — no text to format here or to parse on the server.
void WriteTies(soci::session& sql, long long snapshot_id,
               std::span<const network::SnapshotEdge> ties) {
  if (ties.empty()) return;
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  PGconn* conn = backend->conn_;
  auto fail = [&](const std::string& what) {
    throw soci::soci_error("COPY into snapshot_edges: " + what + ": " + PQerrorMessage(conn));
  };
  const std::string id = std::to_string(snapshot_id), table = "snapshot_edges_" + id;
  auto exec = [&](const std::string& what, const std::string& statement) {
    PGresult* r = PQexec(conn, statement.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) fail(what + " " + table);
  };
  exec("creating",
       "CREATE TABLE " + table + " (LIKE snapshot_edges, CHECK (snapshot_id = " + id + "))");
  PGresult* res = PQexec(conn, ("COPY " + table +
                                " (snapshot_id, src_person_id, dst_person_id, weight) "
                                "FROM STDIN (FORMAT binary, FREEZE)")
                                   .c_str());
  const bool started = PQresultStatus(res) == PGRES_COPY_IN;
  PQclear(res);
  if (!started) fail("could not start");
  std::string buf;
  buf.reserve(1 << 20);
  auto u16 = [&](uint16_t v) {
    v = htobe16(v);
    buf.append(reinterpret_cast<const char*>(&v), 2);
  };
  auto u32 = [&](uint32_t v) {
    v = htobe32(v);
    buf.append(reinterpret_cast<const char*>(&v), 4);
  };
  auto u64 = [&](uint64_t v) {
    v = htobe64(v);
    buf.append(reinterpret_cast<const char*>(&v), 8);
  };
  auto send = [&] {
    if (PQputCopyData(conn, buf.data(), static_cast<int>(buf.size())) != 1) fail("sending rows");
    buf.clear();
  };
  buf.append("PGCOPY\n\377\r\n\0", 11);
  u32(0);  // flags
  u32(0);  // header extension length
  for (const auto& t : ties) {
    u16(4);
    u32(8), u64(static_cast<uint64_t>(snapshot_id));
    u32(8), u64(static_cast<uint64_t>(t.src));
    u32(8), u64(static_cast<uint64_t>(t.dst));
    u32(8), u64(std::bit_cast<uint64_t>(t.weight));
    if (buf.size() >= (1 << 20)) send();
  }
  u16(0xFFFF);  // the trailer: -1 fields
  send();
  if (PQputCopyEnd(conn, nullptr) != 1) fail("ending");
  std::string error;
  while ((res = PQgetResult(conn)) != nullptr) {
    if (PQresultStatus(res) != PGRES_COMMAND_OK && error.empty()) error = PQresultErrorMessage(res);
    PQclear(res);
  }
  if (!error.empty()) throw soci::soci_error("COPY into snapshot_edges: " + error);
  exec("attaching",
       "ALTER TABLE snapshot_edges ATTACH PARTITION " + table + " FOR VALUES IN (" + id + ")");
}

// Its own table (see WriteTies); a snapshot without ties has none.
void DeleteTies(soci::session& sql, long long snapshot_id) {
  sql << "DROP TABLE IF EXISTS snapshot_edges_" + std::to_string(snapshot_id);
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
    internal::Dialect d{.name = "postgresql",
                        .migrations = migrations::ForBackend("postgresql"),
                        .migration_lock_sql = "SELECT pg_advisory_xact_lock(736574)",
                        .copy_in = CopyIn,
                        .write_ties = WriteTies,
                        .delete_ties = DeleteTies};
    return std::unique_ptr<Store>(
        std::make_unique<internal::SociStore>(std::move(pool), std::move(d), SystemClock()));
  } catch (const std::exception& e) {
    // Never echo a password that may be in the URL.
    return Unavailable(std::string("cannot connect to PostgreSQL: ") + e.what());
  }
}

}  // namespace pl::store::postgres
