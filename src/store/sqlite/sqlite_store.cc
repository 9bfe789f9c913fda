#include "store/sqlite/sqlite_store.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/internal/soci_store.h"
#include "store/migrations/migrations.h"

namespace pl::store::sqlite {

namespace {

// The one-row statement prepared once and stepped per row through SQLite's API: cells bound by
// position (the :pN placeholders appear in column order), text without a copy.
// Runs `statement` over rows [0, n) in groups of `per` (the last group through `last`). Its
// placeholders are `per` rows' cells in order ("?"), or, when `named`, one row's :p0, :p1, ...
// in any order and any number of times. Returns the rows changed.
int64_t StepRows(soci::session& sql, const std::string& statement, const std::string& last,
                 size_t per, bool named, const internal::BulkRows& rows) {
  using namespace sqlite_api;
  sqlite3* db = static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
  sqlite3_stmt* st = nullptr;
  const std::string* text = &statement;
  auto fail = [&](const char* what) {
    std::string message = std::string(what) + ": " + sqlite3_errmsg(db);
    sqlite3_finalize(st);
    throw soci::soci_error(message + " while running \"" + text->substr(0, 200) + "\"");
  };
  auto prepare = [&](const std::string& sql_text) {
    sqlite3_finalize(st);
    st = nullptr;
    text = &sql_text;
    if (sqlite3_prepare_v2(db, sql_text.c_str(), static_cast<int>(sql_text.size()), &st, nullptr) !=
        SQLITE_OK) {
      fail("sqlite3_prepare_v2");
    }
  };
  const size_t cols = rows.is_int.size(), n = rows.rows();
  prepare(statement);
  std::vector<int> place(cols);  // where cell k % cols is bound; 0: not used
  for (size_t c = 0; c < cols; ++c) {
    place[c] = named ? sqlite3_bind_parameter_index(st, (":p" + std::to_string(c)).c_str())
                     : static_cast<int>(c) + 1;
  }
  int64_t changed = 0;
  for (size_t r = 0; r < n; r += per) {
    if (r + per > n) prepare(last);
    const size_t group = std::min(per, n - r);
    for (size_t k = 0; k < group * cols; ++k) {
      const internal::Cell& cell = rows.cells[r * cols + k];
      const int at = place[k % cols] == 0 ? 0 : place[k % cols] + static_cast<int>(k / cols * cols);
      if (at == 0) continue;
      if (cell.ind == soci::i_null) {
        sqlite3_bind_null(st, at);
      } else if (cell.real) {
        sqlite3_bind_double(st, at, cell.Real());
      } else if (rows.is_int[k % cols]) {
        sqlite3_bind_int64(st, at, cell.i);
      } else {
        sqlite3_bind_text(st, at, cell.s.data(), static_cast<int>(cell.s.size()), SQLITE_STATIC);
      }
    }
    if (sqlite3_step(st) != SQLITE_DONE) fail("sqlite3_step");
    changed += sqlite3_changes(db);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  return changed;
}

// The one-row statement prepared once and stepped per row through SQLite's API: cells bound by
// position (the :pN placeholders appear in column order), text without a copy.
int64_t RunEach(soci::session& sql, const std::string& one_row, const internal::BulkRows& rows) {
  return StepRows(sql, one_row, one_row, 1, /*named=*/true, rows);
}

// INSERT ... VALUES (...), (...), ... [suffix]: up to about 500 cells a statement, which takes
// SQLite from one statement's overhead per row to one per group. Returns the rows changed.
int64_t UpsertRows(soci::session& sql, const std::string& table, const std::string& columns,
                   const std::string& suffix, const internal::BulkRows& rows) {
  const size_t cols = rows.is_int.size();
  const size_t per = std::max<size_t>(1, 500 / cols);
  std::string one = "(";
  for (size_t c = 0; c < cols; ++c) one += c ? ", ?" : "?";
  one += ")";
  auto statement = [&](size_t group) {
    std::string s = "INSERT INTO " + table + " (" + columns + ") VALUES ";
    for (size_t g = 0; g < group; ++g) s += (g ? ", " : "") + one;
    return s + suffix;
  };
  const size_t n = rows.rows();
  if (n == 0) return 0;
  return StepRows(sql, statement(std::min(per, n)), statement(n % per == 0 ? per : n % per),
                  std::min(per, n), /*named=*/false, rows);
}

void InsertRows(soci::session& sql, const std::string& table, const std::string& columns,
                const internal::BulkRows& rows) {
  UpsertRows(sql, table, columns, "", rows);
}

// Ties bound as integers and doubles, 125 rows a statement.
void WriteTies(soci::session& sql, long long snapshot_id,
               std::span<const network::SnapshotEdge> ties) {
  using namespace sqlite_api;
  if (ties.empty()) return;
  sqlite3* db = static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
  constexpr size_t kPer = 125;
  sqlite3_stmt* st = nullptr;
  auto prepare = [&](size_t rows) {
    sqlite3_finalize(st);
    std::string text =
        "INSERT INTO snapshot_edges (snapshot_id, src_person_id, dst_person_id, weight) VALUES ";
    for (size_t r = 0; r < rows; ++r) text += r ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)";
    if (sqlite3_prepare_v2(db, text.c_str(), static_cast<int>(text.size()), &st, nullptr) !=
        SQLITE_OK) {
      std::string message = std::string("writing ties: ") + sqlite3_errmsg(db);
      sqlite3_finalize(st);
      throw soci::soci_error(message);
    }
  };
  prepare(std::min(kPer, ties.size()));
  for (size_t from = 0; from < ties.size(); from += kPer) {
    const size_t rows = std::min(kPer, ties.size() - from);
    if (rows < kPer && from > 0) prepare(rows);
    int at = 0;
    for (size_t r = from; r < from + rows; ++r) {
      sqlite3_bind_int64(st, ++at, snapshot_id);
      sqlite3_bind_int64(st, ++at, ties[r].src);
      sqlite3_bind_int64(st, ++at, ties[r].dst);
      sqlite3_bind_double(st, ++at, ties[r].weight);
    }
    if (sqlite3_step(st) != SQLITE_DONE) {
      std::string message = std::string("writing ties: ") + sqlite3_errmsg(db);
      sqlite3_finalize(st);
      throw soci::soci_error(message);
    }
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
}

// A range of the table's key (snapshot, source, target).
void DeleteTies(soci::session& sql, long long snapshot_id) {
  sql << "DELETE FROM snapshot_edges WHERE snapshot_id = :id", soci::use(snapshot_id);
}

}  // namespace

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
      // 32 MiB of pages a connection (SQLite's default is 2 MB), taken only as pages are used:
      // an import's write then spills less to the WAL before it commits (the demo's export, 450k
      // rows: 2.1-2.2 s at 16 MiB, 1.9-2.1 s at 64 MiB, 2.5-2.6 s at 2 MB; bench/RESULTS.md).
      s << "PRAGMA cache_size=-32768";
    }
    internal::Dialect d{.name = "sqlite",
                        .migrations = migrations::ForBackend("sqlite"),
                        .run_each = RunEach,
                        .insert_rows = InsertRows,
                        .upsert_rows = UpsertRows,
                        .write_ties = WriteTies,
                        .delete_ties = DeleteTies};
    return std::unique_ptr<Store>(
        std::make_unique<internal::SociStore>(std::move(pool), std::move(d), SystemClock()));
  } catch (const std::exception& e) {
    return Unavailable("cannot open SQLite database '" + path + "': " + e.what());
  }
}

}  // namespace pl::store::sqlite
