#include "store/internal/soci_store.h"

#include <soci/soci.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "store/internal/soci_util.h"

namespace pl::store::internal {
namespace {

using soci::indicator;
using soci::into;
using soci::use;

std::string LikePattern(std::string_view search) {
  std::string out = "%";
  for (char c : AsciiLower(Trim(search))) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

constexpr const char* kPersonColumns =
    "p.id, p.external_id, p.name, p.email, p.title, p.level, p.team_id, t.path, p.manager_id, "
    "p.hire_date, p.location, p.timezone, p.active";

// Reads a person from the current row of `kPersonColumns`.
struct PersonBinder {
  long long id = 0, team_id = 0, manager_id = 0;
  int level = 0, active = 1;
  std::string external_id, name, email, title, team_path, hire_date, location, timezone;
  indicator team_ind{}, path_ind{}, manager_ind{}, hire_ind{};

  template <typename S>
  void Bind(S& st) {
    st.exchange(into(id));
    st.exchange(into(external_id));
    st.exchange(into(name));
    st.exchange(into(email));
    st.exchange(into(title));
    st.exchange(into(level));
    st.exchange(into(team_id, team_ind));
    st.exchange(into(team_path, path_ind));
    st.exchange(into(manager_id, manager_ind));
    st.exchange(into(hire_date, hire_ind));
    st.exchange(into(location));
    st.exchange(into(timezone));
    st.exchange(into(active));
  }

  Person Get() const {
    Person p;
    p.id = PersonId(id);
    p.external_id = external_id;
    p.name = name;
    p.email = email;
    p.title = title;
    p.level = level;
    if (team_ind == soci::i_ok) p.team_id = TeamId(team_id);
    if (path_ind == soci::i_ok) p.team_path = team_path;
    if (manager_ind == soci::i_ok) p.manager_id = PersonId(manager_id);
    if (hire_ind == soci::i_ok) {
      if (auto d = ParseDate(hire_date); d.ok()) p.hire_date = *d;
    }
    p.location = location;
    p.timezone = timezone;
    p.active = active != 0;
    return p;
  }
};

User ReadUser(long long id, const std::string& username, const std::string& hash,
              const std::string& role, long long person_id, indicator person_ind, int disabled) {
  User u;
  u.id = UserId(id);
  u.username = username;
  u.password_hash = hash;
  u.role = ParseRole(role).value_or(Role::kEmployee);
  if (person_ind == soci::i_ok) u.person_id = PersonId(person_id);
  u.disabled = disabled != 0;
  return u;
}

// The positions of the rows of `rows` from `not_before` on, in their order.
class RowsFrom final : public InteractionRows {
 public:
  RowsFrom(const InteractionRows& rows, Timestamp not_before) : rows_(rows) {
    for (size_t i = 0; i < rows.size(); ++i) {
      if (!(rows.at(i).ts < not_before)) kept_.push_back(i);
    }
  }
  size_t size() const override { return kept_.size(); }
  InteractionRef at(size_t i) const override { return rows_.at(kept_[i]); }

 private:
  const InteractionRows& rows_;
  std::vector<size_t> kept_;
};

// Runs `statement`, a DELETE with one bound time `:t`; how many rows it deleted.
Result<int64_t> DeleteBefore(soci::connection_pool& pool, std::string_view what,
                             const std::string& statement, Timestamp t) {
  return Guard(what, [&]() -> Result<int64_t> {
    soci::session sql(pool);
    long long micros = Micros(t);
    soci::statement st = (sql.prepare << statement, use(micros));
    st.execute(true);
    return static_cast<int64_t>(st.get_affected_rows());
  });
}

}  // namespace

Status FromDatabaseError(std::string_view what, std::string_view message) {
  std::string m(message);
  std::string lower = AsciiLower(m);
  std::string prefix = std::string(what) + ": ";
  if (lower.find("unique constraint") != std::string::npos ||
      lower.find("duplicate key") != std::string::npos) {
    return AlreadyExists(prefix + "already exists (" + m + ")");
  }
  if (lower.find("foreign key") != std::string::npos) {
    return InvalidArgument(prefix + "refers to something that does not exist (" + m + ")");
  }
  if (lower.find("connection") != std::string::npos ||
      lower.find("could not connect") != std::string::npos ||
      lower.find("unable to open") != std::string::npos ||
      lower.find("server closed") != std::string::npos) {
    return Unavailable(prefix + m);
  }
  if (lower.find("database is locked") != std::string::npos) {
    return Unavailable(prefix + "the database is busy, try again (" + m + ")");
  }
  return Internal(prefix + m);
}

SociStore::SociStore(std::unique_ptr<soci::connection_pool> pool, Dialect dialect,
                     const Clock& clock)
    : pool_(std::move(pool)), dialect_(std::move(dialect)), clock_(clock) {}

SociStore::~SociStore() = default;

// ---------------------------------------------------------------------------------------------
// Migrations

Result<int> SociStore::SchemaVersion() {
  return Guard("reading the schema version", [&]() -> Result<int> {
    soci::session sql(*pool_);
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
           "description TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    int v = 0;
    indicator ind;
    sql << "SELECT MAX(version) FROM schema_migrations", into(v, ind);
    return ind == soci::i_ok ? v : 0;
  });
}

Result<int> SociStore::Migrate() {
  ASSIGN_OR_RETURN(int current, SchemaVersion());
  int latest = dialect_.migrations.empty() ? 0 : dialect_.migrations.back().version;
  if (current > latest) {
    return FailedPrecondition("the database is at schema version " + std::to_string(current) +
                              ", newer than this peerlearn (" + std::to_string(latest) +
                              "); upgrade peerlearn");
  }
  for (const Migration& m : dialect_.migrations) {
    if (m.version <= current) continue;
    Status s = Guard("applying migration " + std::to_string(m.version) + " (" + m.description + ")",
                     [&]() -> Status {
                       soci::session sql(*pool_);
                       WriteTransaction tr(sql);
                       if (!dialect_.migration_lock_sql.empty()) sql << dialect_.migration_lock_sql;
                       int present = 0;
                       sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v",
                           use(m.version), into(present);
                       if (present) return OkStatus();  // another process got there first
                       for (const std::string& stmt : m.statements) sql << stmt;
                       long long now = Micros(clock_.Now());
                       sql << "INSERT INTO schema_migrations (version, description, applied_at) "
                              "VALUES (:v, :d, :t)",
                           use(m.version), use(m.description), use(now);
                       tr.commit();
                       return OkStatus();
                     });
    RETURN_IF_ERROR(s);
  }
  return SchemaVersion();
}

// ---------------------------------------------------------------------------------------------
// People

Result<PeoplePage> SociStore::ListPeople(const PeopleQuery& q) {
  if (q.limit < 1 || q.limit > 1000) return InvalidArgument("limit must be between 1 and 1000");
  if (q.offset < 0) return InvalidArgument("offset must not be negative");
  return Guard("listing people", [&]() -> Result<PeoplePage> {
    soci::session sql(*pool_);
    // The query is assembled from fixed fragments, one per active filter, so that the planner
    // can use the indexes (name order, manager); every value is bound, in fragment order.
    long long root = q.subtree_of ? q.subtree_of->value : 0;
    long long manager = q.manager ? q.manager->value : 0;
    std::string pat = LikePattern(q.search);
    bool has_q = !Trim(q.search).empty();
    std::string cte, where = " WHERE 1 = 1";
    if (q.subtree_of) {
      cte =
          "WITH RECURSIVE sub(id) AS (SELECT id FROM people WHERE manager_id = :root "
          "UNION SELECT c.id FROM people c JOIN sub s ON c.manager_id = s.id) ";
      where += " AND p.id IN (SELECT id FROM sub)";
    }
    if (!q.include_inactive) where += " AND p.active = 1";
    if (has_q) {
      where +=
          " AND (lower(p.name) LIKE :p1 ESCAPE '\\' OR lower(p.title) LIKE :p2 ESCAPE '\\' "
          "OR lower(p.email) LIKE :p3 ESCAPE '\\' OR p.team_id IN (SELECT id FROM teams "
          "WHERE lower(path) LIKE :p4 ESCAPE '\\'))";
    }
    if (q.manager) where += " AND p.manager_id = :m";
    if (q.roots_only) where += " AND p.manager_id IS NULL";
    auto bind_filters = [&](soci::statement& st) {
      if (q.subtree_of) st.exchange(use(root));
      if (has_q)
        for (int i = 0; i < 4; ++i) st.exchange(use(pat));
      if (q.manager) st.exchange(use(manager));
    };

    PeoplePage page;
    long long total = 0;
    {
      soci::statement st(sql);
      st.alloc();
      st.prepare(cte + "SELECT COUNT(*) FROM people p" + where);
      bind_filters(st);
      st.exchange(into(total));
      st.define_and_bind();
      st.execute(true);
    }
    page.total = total;

    PersonBinder b;
    int reports = 0;
    int limit = q.limit, offset = q.offset;
    soci::statement st(sql);
    st.alloc();
    st.prepare(cte + "SELECT " + kPersonColumns +
               ", (SELECT COUNT(*) FROM people r WHERE r.manager_id = p.id AND r.active = 1) "
               "FROM people p LEFT JOIN teams t ON t.id = p.team_id" +
               where + " ORDER BY lower(p.name), p.id LIMIT :lim OFFSET :off");
    bind_filters(st);
    st.exchange(use(limit));
    st.exchange(use(offset));
    b.Bind(st);
    st.exchange(into(reports));
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) page.people.push_back({b.Get(), reports});
    return page;
  });
}

Result<std::vector<Person>> SociStore::AllPeople(bool include_inactive) {
  return Guard("reading people", [&]() -> Result<std::vector<Person>> {
    soci::session sql(*pool_);
    std::vector<Person> out;
    PersonBinder b;
    soci::statement st(sql);
    st.alloc();
    st.prepare(std::string("SELECT ") + kPersonColumns +
               " FROM people p LEFT JOIN teams t ON t.id = p.team_id" +
               (include_inactive ? "" : " WHERE p.active = 1") + " ORDER BY p.id");
    b.Bind(st);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) out.push_back(b.Get());
    return out;
  });
}

Result<Person> SociStore::GetPerson(PersonId id) {
  return Guard("reading person " + std::to_string(id.value), [&]() -> Result<Person> {
    soci::session sql(*pool_);
    PersonBinder b;
    long long pid = id.value;
    soci::statement st(sql);
    st.alloc();
    st.prepare(std::string("SELECT ") + kPersonColumns +
               " FROM people p LEFT JOIN teams t ON t.id = p.team_id WHERE p.id = :id");
    st.exchange(use(pid));
    b.Bind(st);
    st.define_and_bind();
    if (!st.execute(true))
      return NotFound("there is no person with id " + std::to_string(id.value));
    Person p = b.Get();
    std::string skill, source;
    int level = 0;
    soci::statement sk =
        (sql.prepare << "SELECT s.name, ps.level, ps.source FROM person_skills ps "
                        "JOIN skills s ON s.id = ps.skill_id WHERE ps.person_id = :id "
                        "ORDER BY ps.level DESC, s.name",
         use(pid), into(skill), into(level), into(source));
    sk.execute();
    while (sk.fetch()) {
      p.skills.push_back({skill, level, ParseSkillSource(source).value_or(SkillSource::kSelf)});
    }
    return p;
  });
}

Result<std::optional<PersonId>> SociStore::FindPersonByExternalId(std::string_view external_id) {
  return Guard("finding a person by employee id", [&]() -> Result<std::optional<PersonId>> {
    soci::session sql(*pool_);
    std::string ext(external_id);
    long long id = 0;
    sql << "SELECT id FROM people WHERE external_id = :e", use(ext), into(id);
    if (!sql.got_data()) return std::optional<PersonId>();
    return std::optional<PersonId>(PersonId(id));
  });
}

Result<std::vector<Team>> SociStore::ListTeams() {
  return Guard("listing teams", [&]() -> Result<std::vector<Team>> {
    soci::session sql(*pool_);
    std::vector<Team> out;
    long long id = 0, parent = 0;
    std::string name, path;
    indicator parent_ind;
    soci::statement st =
        (sql.prepare << "SELECT id, name, path, parent_id FROM teams ORDER BY path", into(id),
         into(name), into(path), into(parent, parent_ind));
    st.execute();
    while (st.fetch()) {
      out.push_back({TeamId(id), name, path, parent_ind == soci::i_ok ? TeamId(parent) : TeamId()});
    }
    return out;
  });
}

Result<std::vector<PersonId>> SociStore::ReportingSubtree(PersonId manager) {
  return Guard("reading a reporting line", [&]() -> Result<std::vector<PersonId>> {
    soci::session sql(*pool_);
    std::vector<PersonId> out;
    long long root = manager.value, id = 0;
    soci::statement st =
        (sql.prepare << "WITH RECURSIVE sub(id) AS (SELECT id FROM people WHERE manager_id = :root "
                        "UNION SELECT c.id FROM people c JOIN sub s ON c.manager_id = s.id) "
                        "SELECT id FROM sub WHERE id <> :root2",
         use(root), use(root), into(id));
    st.execute();
    while (st.fetch()) out.push_back(PersonId(id));
    return out;
  });
}

Result<std::vector<RosterEntry>> SociStore::RosterIndex() {
  return Guard("reading the roster", [&]() -> Result<std::vector<RosterEntry>> {
    soci::session sql(*pool_);
    std::vector<RosterEntry> out;
    std::string ext, mgr, email;
    indicator mgr_ind, email_ind;
    int active = 0;
    soci::statement st =
        (sql.prepare << "SELECT p.external_id, m.external_id, p.active, p.email FROM people p "
                        "LEFT JOIN people m ON m.id = p.manager_id",
         into(ext), into(mgr, mgr_ind), into(active), into(email, email_ind));
    st.execute();
    while (st.fetch()) {
      out.push_back({ext, mgr_ind == soci::i_ok ? mgr : "", active != 0,
                     email_ind == soci::i_ok ? email : ""});
    }
    return out;
  });
}

namespace {

// Builds rows for a bulk write (see BulkRows).
class MultiRow {
 public:
  explicit MultiRow(std::vector<bool> is_int) { rows_.is_int = std::move(is_int); }

  MultiRow& Text(std::string v, bool null = false) {
    rows_.cells.push_back({std::move(v), 0, null ? soci::i_null : soci::i_ok});
    return *this;
  }
  MultiRow& Int(long long v, bool null = false) {
    rows_.cells.push_back({"", v, null ? soci::i_null : soci::i_ok});
    return *this;
  }
  // A double in a TEXT column; NaN and infinities as NULL.
  MultiRow& Real(double v) {
    if (!std::isfinite(v)) return Text("", /*null=*/true);
    rows_.cells.push_back({"", std::bit_cast<long long>(v), soci::i_ok, true});
    return *this;
  }
  void Reserve(size_t rows) { rows_.cells.reserve(rows * rows_.is_int.size()); }
  void Clear() { rows_.cells.clear(); }  // keeps the capacity
  size_t rows() const { return rows_.rows(); }
  const BulkRows& bulk() const { return rows_; }

 private:
  BulkRows rows_;
};

// Bulk writes: COPY where the dialect has it, else multi-row inserts.
void BulkInsert(soci::session& sql, const Dialect& dialect, MultiRow& rows,
                const std::string& table, const std::string& columns) {
  if (!rows.rows()) return;
  if (dialect.copy_in) return dialect.copy_in(sql, table, columns, rows.bulk());
  dialect.insert_rows(sql, table, columns, rows.bulk());
}

// `set_based` reads the rows from the table named $T (columns column1..N); `one_row` binds one
// row as :p0..:pN-1.
// Returns the rows changed.
int64_t BulkApply(soci::session& sql, const Dialect& dialect, MultiRow& rows, std::string set_based,
                  const std::string& one_row) {
  if (!rows.rows()) return 0;
  if (!dialect.copy_in) return dialect.run_each(sql, one_row, rows.bulk());
  std::string defs, names;
  for (size_t c = 0; c < rows.bulk().is_int.size(); ++c) {
    std::string col = "column" + std::to_string(c + 1);
    defs += (c ? ", " : "") + col + (rows.bulk().is_int[c] ? " BIGINT" : " TEXT");
    names += (c ? ", " : "") + col;
  }
  sql << "CREATE TEMPORARY TABLE pl_bulk (" + defs + ") ON COMMIT DROP";
  dialect.copy_in(sql, "pl_bulk", names, rows.bulk());
  set_based.replace(set_based.find("$T"), 2, "pl_bulk");
  soci::statement st = (sql.prepare << set_based);
  st.execute(true);
  int64_t affected = st.get_affected_rows();
  sql << "DROP TABLE pl_bulk";
  return affected;
}

// Reads a whole result set in chunks of kFetch rows (SOCI bulk into).
constexpr size_t kFetch = 2000;

struct ExistingPerson {
  long long id = 0;
  std::string name, email, title, hire_date, location, timezone;
  int level = 0, active = 1;
  long long team_id = 0, manager_id = 0;  // 0 = none
};

using SkillSet = std::vector<std::tuple<long long, int, std::string>>;  // skill id, level, source

std::unordered_map<std::string, long long> ReadIdMap(soci::session& sql, const std::string& query) {
  std::unordered_map<std::string, long long> out;
  std::vector<long long> ids(kFetch);
  std::vector<std::string> keys(kFetch);
  soci::statement st = (sql.prepare << query, into(ids), into(keys));
  st.execute();
  while (st.fetch()) {
    for (size_t i = 0; i < ids.size(); ++i) out.emplace(std::move(keys[i]), ids[i]);
    ids.resize(kFetch);
    keys.resize(kFetch);
  }
  return out;
}

// The roster's person ids, for checking many references at once (the tables written in bulk
// have no foreign keys, whose per-row checks cost more than the writes): a bit per id over
// their range. With `only`, just those of its ids that are people are read (a write of a few
// rows need not read the whole roster); else every person's.
class KnownPeople {
 public:
  explicit KnownPeople(soci::session& sql, std::span<const long long> only = {}) {
    std::string query = "SELECT id FROM people";
    if (!only.empty()) {
      query += " WHERE id IN (";
      for (size_t i = 0; i < only.size(); ++i) query += (i ? ", " : "") + std::to_string(only[i]);
      query += ")";
    }
    std::vector<long long> ids(kFetch), all;
    soci::statement st = (sql.prepare << query, into(ids));
    st.execute();
    while (st.fetch()) {
      all.insert(all.end(), ids.begin(), ids.end());
      ids.resize(kFetch);
    }
    if (all.empty()) return;
    const auto [lo, hi] = std::minmax_element(all.begin(), all.end());
    first_ = *lo;
    bits_.assign(static_cast<size_t>(*hi - *lo) + 1, false);
    for (long long id : all) bits_[static_cast<size_t>(id - first_)] = true;
  }
  bool Has(long long id) const {
    return id >= first_ && id - first_ < static_cast<long long>(bits_.size()) &&
           bits_[static_cast<size_t>(id - first_)];
  }

 private:
  long long first_ = 0;
  std::vector<bool> bits_;
};

// Up to this many interactions a write reads only their people from the roster.
constexpr size_t kFewRows = 64;

std::unordered_map<std::string, ExistingPerson> ReadPeople(soci::session& sql) {
  std::unordered_map<std::string, ExistingPerson> out;
  std::vector<long long> id(kFetch), team(kFetch), mgr(kFetch);
  std::vector<std::string> ext(kFetch), name(kFetch), email(kFetch), title(kFetch), hire(kFetch),
      loc(kFetch), tz(kFetch);
  std::vector<int> level(kFetch), active(kFetch);
  std::vector<indicator> team_ind(kFetch), mgr_ind(kFetch), hire_ind(kFetch);
  soci::statement st =
      (sql.prepare << "SELECT id, external_id, name, email, title, level, team_id, manager_id, "
                      "hire_date, location, timezone, active FROM people",
       into(id), into(ext), into(name), into(email), into(title), into(level), into(team, team_ind),
       into(mgr, mgr_ind), into(hire, hire_ind), into(loc), into(tz), into(active));
  st.execute();
  while (st.fetch()) {
    for (size_t i = 0; i < id.size(); ++i) {
      ExistingPerson e;
      e.id = id[i];
      e.name = std::move(name[i]);
      e.email = std::move(email[i]);
      e.title = std::move(title[i]);
      e.level = level[i];
      e.team_id = team_ind[i] == soci::i_ok ? team[i] : 0;
      e.manager_id = mgr_ind[i] == soci::i_ok ? mgr[i] : 0;
      e.hire_date = hire_ind[i] == soci::i_ok ? std::move(hire[i]) : "";
      e.location = std::move(loc[i]);
      e.timezone = std::move(tz[i]);
      e.active = active[i];
      out.emplace(std::move(ext[i]), std::move(e));
    }
    for (auto* v : {&id, &team, &mgr}) v->resize(kFetch);
    for (auto* v : {&ext, &name, &email, &title, &hire, &loc, &tz}) v->resize(kFetch);
    level.resize(kFetch);
    active.resize(kFetch);
    for (auto* v : {&team_ind, &mgr_ind, &hire_ind}) v->resize(kFetch);
  }
  return out;
}

std::unordered_map<long long, SkillSet> ReadSkillSets(soci::session& sql) {
  std::unordered_map<long long, SkillSet> out;
  std::vector<long long> pid(kFetch), sid(kFetch);
  std::vector<int> level(kFetch);
  std::vector<std::string> source(kFetch);
  soci::statement st =
      (sql.prepare << "SELECT person_id, skill_id, level, source FROM person_skills", into(pid),
       into(sid), into(level), into(source));
  st.execute();
  while (st.fetch()) {
    for (size_t i = 0; i < pid.size(); ++i)
      out[pid[i]].emplace_back(sid[i], level[i], std::move(source[i]));
    pid.resize(kFetch);
    sid.resize(kFetch);
    level.resize(kFetch);
    source.resize(kFetch);
  }
  for (auto& [_, set] : out) std::sort(set.begin(), set.end());
  return out;
}

}  // namespace

Result<RosterApplyResult> SociStore::ApplyRoster(const std::vector<RosterRecord>& records,
                                                 const RosterApplyOptions& options) {
  return Guard("writing the roster", [&]() -> Result<RosterApplyResult> {
    RosterApplyResult r;
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    const long long now = Micros(clock_.Now());

    auto insert = [&](MultiRow& rows, const std::string& table, const std::string& columns) {
      BulkInsert(sql, dialect_, rows, table, columns);
    };
    auto apply = [&](MultiRow& rows, const std::string& set_based, const std::string& one_row) {
      BulkApply(sql, dialect_, rows, set_based, one_row);
    };

    // 1. Teams: every prefix of every path, a level at a time so that parents exist first.
    auto team_ids = ReadIdMap(sql, "SELECT id, path FROM teams");
    std::map<size_t, std::set<std::string>> missing_by_depth;
    for (const auto& rec : records) {
      if (rec.team_path.empty()) continue;
      for (size_t pos = rec.team_path.find('/');; pos = rec.team_path.find('/', pos + 1)) {
        std::string prefix = rec.team_path.substr(0, pos);
        if (!team_ids.count(prefix)) {
          missing_by_depth[std::count(prefix.begin(), prefix.end(), '/')].insert(prefix);
        }
        if (pos == std::string::npos) break;
      }
    }
    for (const auto& [depth, paths] : missing_by_depth) {
      MultiRow rows({false, false, true});
      for (const std::string& path : paths) {
        size_t slash = path.rfind('/');
        long long parent = slash == std::string::npos ? 0 : team_ids.at(path.substr(0, slash));
        rows.Text(slash == std::string::npos ? path : path.substr(slash + 1))
            .Text(path)
            .Int(parent, parent == 0);
      }
      insert(rows, "teams", "name, path, parent_id");
      r.teams_added += static_cast<int64_t>(paths.size());
      team_ids = ReadIdMap(sql, "SELECT id, path FROM teams");
    }

    // 2. Skills by name.
    auto skill_ids = ReadIdMap(sql, "SELECT id, name FROM skills");
    {
      std::set<std::string> missing;
      for (const auto& rec : records) {
        for (const auto& s : rec.skills) {
          if (!skill_ids.count(s.skill)) missing.insert(s.skill);
        }
      }
      if (!missing.empty()) {
        MultiRow rows({false});
        for (const auto& name : missing) rows.Text(name);
        insert(rows, "skills", "name");
        r.skills_added = static_cast<int64_t>(missing.size());
        skill_ids = ReadIdMap(sql, "SELECT id, name FROM skills");
      }
    }

    // 3. Insert the new, update the changed (fields only; managers and skills below).
    const auto existing = ReadPeople(sql);
    const std::vector<bool> kPersonCols = {false, false, false, false, true,
                                           true,  false, false, false, true};
    MultiRow ins(kPersonCols);
    std::vector<bool> upd_cols = {true};
    upd_cols.insert(upd_cols.end(), kPersonCols.begin() + 1, kPersonCols.end());
    MultiRow upd(upd_cols);
    std::unordered_set<std::string> changed;  // external ids counted as updated
    for (const auto& rec : records) {
      long long team_id = rec.team_path.empty() ? 0 : team_ids.at(rec.team_path);
      std::string hire = rec.hire_date ? FormatDate(*rec.hire_date) : "";
      auto it = existing.find(rec.external_id);
      MultiRow* target = &ins;
      if (it == existing.end()) {
        ins.Text(rec.external_id);
      } else {
        const ExistingPerson& e = it->second;
        if (e.name == rec.name && e.email == rec.email && e.title == rec.title &&
            e.level == rec.level && e.team_id == team_id && e.hire_date == hire &&
            e.location == rec.location && e.timezone == rec.timezone && e.active) {
          continue;
        }
        if (!e.active) ++r.reactivated;
        changed.insert(rec.external_id);
        upd.Int(e.id);
        target = &upd;
      }
      target->Text(rec.name).Text(rec.email).Text(rec.title).Int(rec.level).Int(team_id,
                                                                                team_id == 0);
      target->Text(hire, !rec.hire_date).Text(rec.location).Text(rec.timezone).Int(now);
    }
    insert(ins, "people",
           "external_id, name, email, title, level, team_id, hire_date, location, timezone, "
           "updated_at");
    r.added = static_cast<int64_t>(ins.rows());
    apply(upd,
          "UPDATE people SET name = v.column2, email = v.column3, title = v.column4, "
          "level = v.column5, team_id = v.column6, hire_date = v.column7, location = v.column8, "
          "timezone = v.column9, updated_at = v.column10, active = 1 FROM $T AS v "
          "WHERE people.id = v.column1",
          "UPDATE people SET name = :p1, email = :p2, title = :p3, level = :p4, team_id = :p5, "
          "hire_date = :p6, location = :p7, timezone = :p8, updated_at = :p9, active = 1 "
          "WHERE id = :p0");

    // 4. Every person's id, then manager links that differ.
    const auto ids = ReadIdMap(sql, "SELECT id, external_id FROM people");
    {
      MultiRow links({true, true});
      for (const auto& rec : records) {
        long long want = rec.manager_external_id.empty() ? 0 : ids.at(rec.manager_external_id);
        auto it = existing.find(rec.external_id);
        long long have = it == existing.end() ? 0 : it->second.manager_id;
        if (want == have) continue;
        links.Int(ids.at(rec.external_id)).Int(want, want == 0);
        if (it != existing.end()) changed.insert(rec.external_id);
      }
      apply(links,
            "UPDATE people SET manager_id = v.column2 FROM $T AS v WHERE people.id = v.column1",
            "UPDATE people SET manager_id = :p1 WHERE id = :p0");
    }

    // 5. Skill sets that differ are replaced whole.
    {
      const auto have = ReadSkillSets(sql);
      MultiRow del({true}), add({true, true, true, false, true});
      const SkillSet empty;
      for (const auto& rec : records) {
        long long person = ids.at(rec.external_id);
        SkillSet want;
        for (const auto& s : rec.skills) {
          want.emplace_back(skill_ids.at(s.skill), s.level, std::string(SkillSourceName(s.source)));
        }
        std::sort(want.begin(), want.end());
        auto it = have.find(person);
        if ((it == have.end() ? empty : it->second) == want) continue;
        if (it != have.end()) del.Int(person);
        for (const auto& [skill, lvl, src] : want)
          add.Int(person).Int(skill).Int(lvl).Text(src).Int(now);
        if (existing.count(rec.external_id)) changed.insert(rec.external_id);
      }
      apply(del, "DELETE FROM person_skills WHERE person_id IN (SELECT column1 FROM $T AS v)",
            "DELETE FROM person_skills WHERE person_id = :p0");
      insert(add, "person_skills", "person_id, skill_id, level, source, updated_at");
    }

    // 6. With sync, the active who are absent from the file are deactivated.
    if (options.sync) {
      std::unordered_set<std::string> present;
      for (const auto& rec : records) present.insert(rec.external_id);
      MultiRow gone({true, true});
      for (const auto& [ext, e] : existing) {
        if (e.active && !present.count(ext)) gone.Int(e.id).Int(now);
      }
      apply(gone,
            "UPDATE people SET active = 0, updated_at = v.column2 FROM $T AS v "
            "WHERE people.id = v.column1",
            "UPDATE people SET active = 0, updated_at = :p1 WHERE id = :p0");
      r.deactivated = static_cast<int64_t>(gone.rows());
    }

    r.updated = static_cast<int64_t>(changed.size());
    r.unchanged = static_cast<int64_t>(records.size()) - r.added - r.updated;
    if (options.dry_run) {
      tr.rollback();
    } else {
      tr.commit();
    }
    return r;
  });
}

Result<std::unordered_map<std::string, PersonId>> SociStore::PersonIdsByExternalId() {
  return Guard("reading employee ids", [&]() -> Result<std::unordered_map<std::string, PersonId>> {
    soci::session sql(*pool_);
    std::unordered_map<std::string, PersonId> out;
    for (auto& [ext, id] : ReadIdMap(sql, "SELECT id, external_id FROM people")) {
      out.emplace(ext, PersonId(id));
    }
    return out;
  });
}

Result<std::unordered_map<std::string, PersonId>> SociStore::PersonIdsByEmail() {
  return Guard("reading e-mails", [&]() -> Result<std::unordered_map<std::string, PersonId>> {
    soci::session sql(*pool_);
    std::unordered_map<std::string, PersonId> out;
    for (auto& [email, id] : ReadIdMap(
             sql, "SELECT id, LOWER(email) FROM people WHERE email IS NOT NULL AND email <> ''")) {
      out.emplace(email, PersonId(id));
    }
    return out;
  });
}

namespace {
Status CheckPlatform(std::string_view platform) {
  if (platform == "slack" || platform == "teams") return OkStatus();
  return InvalidArgument("platform: \"slack\" or \"teams\", not \"" +
                         std::string(platform.substr(0, 40)) + "\"");
}
}  // namespace

Result<std::vector<AccountLink>> SociStore::ListAccountLinks(std::string_view platform) {
  RETURN_IF_ERROR(CheckPlatform(platform));
  return Guard("reading linked accounts", [&]() -> Result<std::vector<AccountLink>> {
    soci::session sql(*pool_);
    const std::string p(platform);
    std::string account;
    long long person = 0, at = 0;
    soci::statement st = (sql.prepare << "SELECT account, person_id, linked_at FROM account_links "
                                         "WHERE platform = :p ORDER BY account",
                          use(p), into(account), into(person), into(at));
    st.execute();
    std::vector<AccountLink> out;
    while (st.fetch()) out.push_back({account, PersonId(person), FromMicros(at)});
    return out;
  });
}

Result<int64_t> SociStore::LinkAccounts(std::string_view platform,
                                        const std::vector<AccountLink>& links) {
  RETURN_IF_ERROR(CheckPlatform(platform));
  for (const AccountLink& l : links) {
    if (l.account.empty() || l.account.size() > 256) {
      return InvalidArgument("account id: 1 to 256 characters");
    }
  }
  return Guard("linking accounts", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    std::vector<long long> ids;
    for (const AccountLink& l : links) ids.push_back(l.person.value);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    const KnownPeople known(sql, ids);
    for (const AccountLink& l : links) {
      if (!known.Has(l.person.value)) {
        return NotFound("account " + l.account + ": there is no person " +
                        std::to_string(l.person.value));
      }
    }
    const std::string p(platform);
    const long long now = Micros(clock_.Now());
    int64_t changed = 0;
    for (const AccountLink& l : links) {
      long long stored = 0, person = l.person.value;
      sql << "SELECT person_id FROM account_links WHERE platform = :p AND account = :a", use(p),
          use(l.account), into(stored);
      if (sql.got_data() && stored == person) continue;
      if (sql.got_data()) {
        sql << "UPDATE account_links SET person_id = :x, linked_at = :t "
               "WHERE platform = :p AND account = :a",
            use(person), use(now), use(p), use(l.account);
      } else {
        sql << "INSERT INTO account_links (platform, account, person_id, linked_at) "
               "VALUES (:p, :a, :x, :t)",
            use(p), use(l.account), use(person), use(now);
      }
      ++changed;
    }
    tr.commit();
    return changed;
  });
}

Result<int64_t> SociStore::UnlinkAccounts(std::string_view platform,
                                          std::span<const std::string> accounts) {
  RETURN_IF_ERROR(CheckPlatform(platform));
  return Guard("unlinking accounts", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    const std::string p(platform);
    int64_t removed = 0;
    for (const std::string& a : accounts) {
      soci::statement st = (sql.prepare << "DELETE FROM account_links "
                                           "WHERE platform = :p AND account = :a",
                            use(p), use(a));
      st.execute(true);
      removed += st.get_affected_rows();
    }
    tr.commit();
    return removed;
  });
}

namespace {
// Positions of `records` in the order of the table's unique key (source, target, layer by name,
// day, context): the key's index then takes rows one page after another instead of all over the
// table (a million CSV rows in random order wrote in 8.1-10.3 s, 16.3-17.3 s unsorted). The key's
// numbers are copied out once and sorted; contexts are compared only where the rest is equal.
std::vector<uint32_t> KeyOrder(const InteractionRows& records) {
  std::array<uint8_t, graph::kLayerCount> rank{};  // a layer's place among the layers by name
  for (size_t a = 0; a < graph::kLayerCount; ++a) {
    for (size_t b = 0; b < graph::kLayerCount; ++b) {
      rank[a] += graph::LayerName(static_cast<graph::Layer>(b)) <
                 graph::LayerName(static_cast<graph::Layer>(a));
    }
  }
  struct Key {
    int64_t src, dst, ts;
    uint32_t layer, at;
  };
  std::vector<Key> keys(records.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const InteractionRef r = records.at(i);
    keys[i] = {r.src.value, r.dst.value, Micros(r.ts), rank[static_cast<size_t>(r.layer)],
               static_cast<uint32_t>(i)};
  }
  std::sort(keys.begin(), keys.end(), [&](const Key& x, const Key& y) {
    if (x.src != y.src) return x.src < y.src;
    if (x.dst != y.dst) return x.dst < y.dst;
    if (x.layer != y.layer) return x.layer < y.layer;
    if (x.ts != y.ts) return x.ts < y.ts;
    return records.at(x.at).context < records.at(y.at).context;
  });
  std::vector<uint32_t> order(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].at;
  return order;
}
}  // namespace

Result<InteractionApplyResult> SociStore::AddInteractions(const InteractionRows& records,
                                                          std::string_view source,
                                                          const InteractionWriteOptions& options) {
  if (options.not_before) {
    InteractionWriteOptions rest = options;
    rest.not_before.reset();
    const RowsFrom kept(records, *options.not_before);
    // Nothing too old (the usual case): the rows as they are, read without the indirection.
    ASSIGN_OR_RETURN(
        InteractionApplyResult r,
        AddInteractions(
            kept.size() == records.size() ? records : static_cast<const InteractionRows&>(kept),
            source, rest));
    r.too_old = static_cast<int64_t>(records.size() - kept.size());
    return r;
  }
  return Guard("adding interactions", [&]() -> Result<InteractionApplyResult> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    // Every row's people are checked against the roster here, once, not by a key per row; for
    // a few rows (a tie from the app) only their people are read.
    const size_t n = records.size();
    if (n > 0) {
      std::vector<long long> only;
      if (n <= kFewRows) {
        for (size_t i = 0; i < n; ++i) {
          const InteractionRef r = records.at(i);
          only.insert(only.end(), {r.src.value, r.dst.value});
        }
      }
      const KnownPeople known(sql, only);
      for (size_t i = 0; i < n; ++i) {
        const InteractionRef r = records.at(i);
        for (PersonId p : {r.src, r.dst}) {
          if (!known.Has(p.value)) {
            return InvalidArgument("interaction " + std::to_string(i + 1) + " names person " +
                                   std::to_string(p.value) +
                                   ", who is not in the store; nothing was written");
          }
        }
      }
    }
    // New rows take ids above the largest so far (a sequence; SQLite's rowid), so the rows added
    // are counted over that range of the key alone, not by counting the whole table twice.
    long long top = 0, added = 0;
    indicator top_ind = soci::i_ok;
    sql << "SELECT MAX(id) FROM interactions", into(top, top_ind);
    if (top_ind == soci::i_null) top = 0;
    const bool larger = options.on_duplicate == OnDuplicate::kKeepLarger;
    const std::string conflict =
        larger ? " ON CONFLICT (src_person_id, dst_person_id, layer, ts, context) DO UPDATE SET "
                 "weight = excluded.weight, source = excluded.source "
                 "WHERE excluded.weight > interactions.weight"
               : " ON CONFLICT DO NOTHING";
    const std::string src(source);
    int64_t changed = 0;
    if (dialect_.upsert_rows) {
      // Many rows a statement, the weight bound as a double; the bound cells built for 65,536
      // rows at a time (48 bytes a cell: a million rows' cells at once had taken 336 MB).
      constexpr size_t kBlock = size_t{1} << 16;
      const std::vector<uint32_t> order = KeyOrder(records);
      MultiRow rows({true, true, false, true, false, false, false});
      rows.Reserve(std::min(n, kBlock));
      for (size_t from = 0; from < n; from += kBlock) {
        rows.Clear();
        for (size_t k = from; k < std::min(n, from + kBlock); ++k) {
          const InteractionRef r = records.at(order[k]);
          rows.Int(r.src.value)
              .Int(r.dst.value)
              .Text(std::string(graph::LayerName(r.layer)))
              .Int(Micros(r.ts))
              .Real(r.weight)
              .Text(src)
              .Text(std::string(r.context));
        }
        changed += dialect_.upsert_rows(
            sql, "interactions", "src_person_id, dst_person_id, layer, ts, weight, source, context",
            conflict, rows.bulk());
      }
    } else {
      MultiRow rows({true, true, false, true, false, false, false});
      for (size_t i : KeyOrder(records)) {
        const InteractionRef r = records.at(i);
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, r.weight);  // shortest round trip
        rows.Int(r.src.value)
            .Int(r.dst.value)
            .Text(std::string(graph::LayerName(r.layer)))
            .Int(Micros(r.ts))
            .Text(std::string(buf, end))
            .Text(src)
            .Text(std::string(r.context));
      }
      changed = BulkApply(
          sql, dialect_, rows,
          "INSERT INTO interactions (src_person_id, dst_person_id, layer, ts, weight, source, "
          "context) SELECT column1, column2, column3, column4, "
          "CAST(column5 AS DOUBLE PRECISION), column6, column7 FROM $T AS v" +
              conflict,
          "INSERT INTO interactions (src_person_id, dst_person_id, layer, ts, weight, source, "
          "context) VALUES (:p0, :p1, :p2, :p3, CAST(:p4 AS REAL), :p5, :p6)" +
              conflict);
    }
    sql << "SELECT COUNT(*) FROM interactions WHERE id > :top", use(top), into(added);
    InteractionApplyResult r;
    r.added = added;
    r.updated = larger ? changed - r.added : 0;
    r.duplicates = static_cast<int64_t>(n) - r.added - r.updated;
    if (options.dry_run) {
      tr.rollback();
    } else {
      tr.commit();
    }
    return r;
  });
}

Result<int64_t> SociStore::DeleteInteractionsBefore(Timestamp before) {
  return DeleteBefore(*pool_, "deleting old interactions", "DELETE FROM interactions WHERE ts < :t",
                      before);
}

Result<std::vector<graph::Interaction>> SociStore::LoadInteractions(
    const std::optional<graph::Window>& window) {
  return Guard("reading interactions", [&]() -> Result<std::vector<graph::Interaction>> {
    soci::session sql(*pool_);
    std::vector<graph::Interaction> out;
    long long from = window ? Micros(window->from) : std::numeric_limits<long long>::min();
    long long to = window ? Micros(window->to) : std::numeric_limits<long long>::max();
    std::vector<long long> src(kFetch), dst(kFetch), ts(kFetch);
    std::vector<std::string> layer(kFetch);
    std::vector<double> weight(kFetch);
    soci::statement st =
        (sql.prepare << "SELECT src_person_id, dst_person_id, layer, ts, weight "
                        "FROM interactions WHERE ts >= :f AND ts < :t ORDER BY id",
         use(from), use(to), into(src), into(dst), into(layer), into(ts), into(weight));
    st.execute();
    while (st.fetch()) {
      for (size_t i = 0; i < src.size(); ++i) {
        out.push_back({src[i], dst[i], graph::ParseLayer(layer[i]).value_or(graph::Layer::kReply),
                       FromMicros(ts[i]), weight[i]});
      }
      for (auto* v : {&src, &dst, &ts}) v->resize(kFetch);
      layer.resize(kFetch);
      weight.resize(kFetch);
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// Network snapshots

namespace {

// Shortest round-trip text of a double; NULL for NaN and infinities.
double RealOrNaN(double v, indicator ind) {
  return ind == soci::i_ok ? v : std::numeric_limits<double>::quiet_NaN();
}

std::optional<graph::Window> ReadWindow(long long from, indicator fi, long long to, indicator ti) {
  if (fi != soci::i_ok || ti != soci::i_ok) return std::nullopt;
  return graph::Window{FromMicros(from), FromMicros(to)};
}

}  // namespace

namespace {

// Ties are stored without a foreign-key check per row: each must join two of the snapshot's own
// people (whose rows are checked), each pair once, in (src, dst) order.
Status CheckSnapshotTies(const network::Snapshot& snap) {
  std::vector<int64_t> people;
  people.reserve(snap.people.size());
  for (const auto& p : snap.people) people.push_back(p.id);
  std::sort(people.begin(), people.end());
  // Store ids are dense: a bit per id over their range, else a binary search.
  std::vector<bool> member;
  const int64_t lo = people.empty() ? 0 : people.front();
  const uint64_t range = people.empty() ? 0 : static_cast<uint64_t>(people.back() - lo) + 1;
  if (range <= 64 * people.size() + 4096) {
    member.assign(range, false);
    for (int64_t id : people) member[static_cast<uint64_t>(id - lo)] = true;
  }
  auto known = [&](int64_t id) {
    if (!member.empty()) {
      return id >= lo && static_cast<uint64_t>(id - lo) < range && member[id - lo];
    }
    return std::binary_search(people.begin(), people.end(), id);
  };
  for (size_t i = 0; i < snap.edges.size(); ++i) {
    const auto& e = snap.edges[i];
    if (!known(e.src) || !known(e.dst)) {
      return InvalidArgument("snapshot tie " + std::to_string(i + 1) + " (" +
                             std::to_string(e.src) + " → " + std::to_string(e.dst) +
                             ") names someone who is not among the snapshot's people");
    }
    if (i > 0) {
      const auto& p = snap.edges[i - 1];
      if (p.src > e.src || (p.src == e.src && p.dst >= e.dst)) {
        return InvalidArgument("snapshot tie " + std::to_string(i + 1) + " (" +
                               std::to_string(e.src) + " → " + std::to_string(e.dst) +
                               ") repeats a tie or is out of (source, target) order");
      }
    }
  }
  return OkStatus();
}

}  // namespace

Result<int64_t> SociStore::SaveSnapshot(const network::Snapshot& snap) {
  RETURN_IF_ERROR(CheckSnapshotTies(snap));
  return Guard("saving a network snapshot", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long taken = Micros(snap.taken_at);
    long long from = snap.window ? Micros(snap.window->from) : 0;
    long long to = snap.window ? Micros(snap.window->to) : 0;
    indicator wi = snap.window ? soci::i_ok : soci::i_null;
    // The snapshot's people are checked against the roster once, not by a key per row.
    {
      const KnownPeople known(sql);
      for (const auto& p : snap.people) {
        if (!known.Has(static_cast<long long>(p.id))) {
          return InvalidArgument("the snapshot names person " + std::to_string(p.id) +
                                 ", who is not in the store");
        }
      }
    }
    long long people = static_cast<long long>(snap.people.size());
    long long ties = static_cast<long long>(snap.edges.size());
    std::string params = snap.params.dump(), summary = snap.summary.dump(),
                findings = snap.findings.dump(), flows = snap.flows.dump();
    const std::string insert =
        "INSERT INTO network_snapshots (taken_at, window_from, window_to, people, ties, params, "
        "summary, findings, flows) VALUES (:t, :f, :w, :p, :e, :pa, :s, :fi, :fl)";
    long long id = 0;
    if (dialect_.name == "postgresql") {
      sql << insert + " RETURNING id", use(taken), use(from, wi), use(to, wi), use(people),
          use(ties), use(params), use(summary), use(findings), use(flows), into(id);
    } else {
      // SQLite would number it one past the largest id left, which may be a deleted one's.
      sql << "SELECT MAX(id) FROM (SELECT MAX(id) AS id FROM network_snapshots UNION ALL "
             "SELECT MAX(id) FROM deleted_snapshots UNION ALL SELECT 0)",
          into(id);
      ++id;
      sql << "INSERT INTO network_snapshots (id, taken_at, window_from, window_to, people, ties, "
             "params, summary, findings, flows) VALUES (:id, :t, :f, :w, :p, :e, :pa, :s, :fi, "
             ":fl)",
          use(id), use(taken), use(from, wi), use(to, wi), use(people), use(ties), use(params),
          use(summary), use(findings), use(flows);
    }
    MultiRow prow({true, true, false, true, true, true, false, false, false, false, false, false,
                   false, false, true, false, false, false, false});
    for (const auto& p : snap.people) {
      prow.Int(id).Int(p.id).Text(p.team).Int(p.community).Int(p.in_degree).Int(p.out_degree);
      for (double v : {p.in_strength, p.out_strength, p.pagerank, p.betweenness, p.constraint,
                       p.closeness, p.harmonic, p.effective_size}) {
        prow.Real(v);
      }
      prow.Int(p.coreness);
      for (double v : {p.clustering, p.reciprocity, p.x, p.y}) prow.Real(v);
    }
    BulkInsert(sql, dialect_, prow, "snapshot_people",
               "snapshot_id, person_id, team, community, in_degree, out_degree, in_strength, "
               "out_strength, pagerank, betweenness, constraint_, closeness, harmonic, "
               "effective_size, coreness, clustering, reciprocity, x, y");
    MultiRow trow({true, false, true, true, true, false, false, false, true, true});
    for (const auto& t : snap.teams) {
      trow.Int(id).Text(t.team).Int(t.members).Int(t.internal_ties).Int(t.external_ties);
      for (double v : {t.density, t.ei_index, t.cross_share}) trow.Real(v);
      trow.Int(t.external_people).Int(t.external_teams);
    }
    BulkInsert(sql, dialect_, trow, "snapshot_teams",
               "snapshot_id, team, members, internal_ties, external_ties, density, ei_index, "
               "cross_share, external_people, external_teams");
    dialect_.write_ties(sql, id, snap.edges);
    tr.commit();
    return static_cast<int64_t>(id);
  });
}

Result<std::vector<SnapshotInfo>> SociStore::ListSnapshots() {
  return Guard("listing network snapshots", [&]() -> Result<std::vector<SnapshotInfo>> {
    soci::session sql(*pool_);
    std::vector<SnapshotInfo> out;
    long long id = 0, taken = 0, from = 0, to = 0;
    indicator fi, ti;
    std::string summary, params;
    soci::statement st =
        (sql.prepare << "SELECT id, taken_at, window_from, window_to, summary, params "
                        "FROM network_snapshots ORDER BY taken_at DESC, id DESC",
         into(id), into(taken), into(from, fi), into(to, ti), into(summary), into(params));
    st.execute();
    while (st.fetch()) {
      out.push_back({id, FromMicros(taken), ReadWindow(from, fi, to, ti),
                     nlohmann::json::parse(summary), nlohmann::json::parse(params)});
    }
    return out;
  });
}

Result<std::vector<PersonSnapshotRow>> SociStore::PersonHistory(PersonId person, int limit) {
  return Guard(
      "reading person " + std::to_string(person.value) + "'s network snapshots",
      [&]() -> Result<std::vector<PersonSnapshotRow>> {
        soci::session sql(*pool_);
        std::vector<PersonSnapshotRow> out;
        long long pid = person.value, n = std::max(0, limit), id = 0, taken = 0, from = 0, to = 0,
                  people = 0, fewer = 0, in = 0, out_degree = 0, community = 0;
        indicator fi, ti;
        std::string findings, params, team;
        constexpr int kReals = 4;
        double reals[kReals] = {};
        indicator inds[kReals];
        soci::statement st =
            (sql.prepare << "SELECT s.id, s.taken_at, s.window_from, s.window_to, s.people, "
                            "s.findings, s.params, p.team, p.community, p.in_degree, "
                            "p.out_degree, p.in_strength, p.out_strength, p.pagerank, "
                            "p.betweenness, "
                            "(SELECT COUNT(*) FROM snapshot_people o WHERE o.snapshot_id = "
                            "p.snapshot_id AND o.in_degree < p.in_degree) "
                            "FROM snapshot_people p JOIN network_snapshots s ON s.id = "
                            "p.snapshot_id WHERE p.person_id = :p "
                            "ORDER BY s.taken_at DESC, s.id DESC LIMIT :n",
             use(pid), use(n), into(id), into(taken), into(from, fi), into(to, ti), into(people),
             into(findings), into(params), into(team), into(community), into(in), into(out_degree),
             into(reals[0], inds[0]), into(reals[1], inds[1]), into(reals[2], inds[2]),
             into(reals[3], inds[3]), into(fewer));
        st.execute();
        while (st.fetch()) {
          PersonSnapshotRow r;
          r.snapshot_id = id;
          r.taken_at = FromMicros(taken);
          r.window = ReadWindow(from, fi, to, ti);
          r.people = people;
          r.fewer_askers = fewer;
          r.person.id = person.value;
          r.person.team = team;
          r.person.community = static_cast<int32_t>(community);
          r.person.in_degree = static_cast<uint32_t>(in);
          r.person.out_degree = static_cast<uint32_t>(out_degree);
          double* fields[kReals] = {&r.person.in_strength, &r.person.out_strength,
                                    &r.person.pagerank, &r.person.betweenness};
          for (int k = 0; k < kReals; ++k) *fields[k] = RealOrNaN(reals[k], inds[k]);
          r.findings = nlohmann::json::parse(findings);
          r.params = nlohmann::json::parse(params);
          out.push_back(std::move(r));
        }
        std::reverse(out.begin(), out.end());
        return out;
      });
}

Result<std::optional<int64_t>> SociStore::LatestSnapshotId() {
  return Guard("reading the newest network snapshot", [&]() -> Result<std::optional<int64_t>> {
    soci::session sql(*pool_);
    long long id = 0;
    sql << "SELECT id FROM network_snapshots ORDER BY taken_at DESC, id DESC LIMIT 1", into(id);
    if (!sql.got_data()) return std::optional<int64_t>();
    return std::optional<int64_t>(id);
  });
}

Result<network::Snapshot> SociStore::LoadSnapshot(int64_t snapshot_id) {
  return Guard(
      "reading network snapshot " + std::to_string(snapshot_id),
      [&]() -> Result<network::Snapshot> {
        soci::session sql(*pool_);
        network::Snapshot s;
        long long id = snapshot_id, taken = 0, from = 0, to = 0;
        indicator fi, ti;
        std::string params, summary, findings, flows;
        sql << "SELECT taken_at, window_from, window_to, params, summary, findings, flows "
               "FROM network_snapshots WHERE id = :id",
            use(id), into(taken), into(from, fi), into(to, ti), into(params), into(summary),
            into(findings), into(flows);
        if (!sql.got_data()) {
          return NotFound("there is no network snapshot " + std::to_string(snapshot_id));
        }
        s.id = snapshot_id;
        s.taken_at = FromMicros(taken);
        s.window = ReadWindow(from, fi, to, ti);
        s.params = nlohmann::json::parse(params);
        s.summary = nlohmann::json::parse(summary);
        s.findings = nlohmann::json::parse(findings);
        s.flows = nlohmann::json::parse(flows);
        {
          constexpr int kReals = 12;
          std::vector<long long> person(kFetch), community(kFetch), in(kFetch), out(kFetch),
              core(kFetch);
          std::vector<std::string> team(kFetch);
          std::vector<std::vector<double>> reals(kReals, std::vector<double>(kFetch));
          std::vector<std::vector<indicator>> inds(kReals, std::vector<indicator>(kFetch));
          soci::statement st(sql);
          st.alloc();
          st.prepare(
              "SELECT person_id, team, community, in_degree, out_degree, coreness, in_strength, "
              "out_strength, pagerank, betweenness, constraint_, closeness, harmonic, "
              "effective_size, clustering, reciprocity, x, y FROM snapshot_people "
              "WHERE snapshot_id = :id ORDER BY person_id");
          st.exchange(use(id));
          st.exchange(into(person));
          st.exchange(into(team));
          st.exchange(into(community));
          st.exchange(into(in));
          st.exchange(into(out));
          st.exchange(into(core));
          for (int r = 0; r < kReals; ++r) st.exchange(into(reals[r], inds[r]));
          st.define_and_bind();
          st.execute();
          while (st.fetch()) {
            for (size_t i = 0; i < person.size(); ++i) {
              network::SnapshotPerson p;
              p.id = person[i];
              p.team = team[i];
              p.community = static_cast<int32_t>(community[i]);
              p.in_degree = static_cast<uint32_t>(in[i]);
              p.out_degree = static_cast<uint32_t>(out[i]);
              p.coreness = static_cast<uint32_t>(core[i]);
              double* fields[kReals] = {
                  &p.in_strength, &p.out_strength, &p.pagerank, &p.betweenness,
                  &p.constraint,  &p.closeness,    &p.harmonic, &p.effective_size,
                  &p.clustering,  &p.reciprocity,  &p.x,        &p.y};
              for (int r = 0; r < kReals; ++r) *fields[r] = RealOrNaN(reals[r][i], inds[r][i]);
              s.people.push_back(std::move(p));
            }
            for (auto* v : {&person, &community, &in, &out, &core}) v->resize(kFetch);
            team.resize(kFetch);
            for (int r = 0; r < kReals; ++r) {
              reals[r].resize(kFetch);
              inds[r].resize(kFetch);
            }
          }
        }
        {
          network::SnapshotTeam t;
          double density = 0, ei = 0, cross = 0;
          indicator di, ei_i, ci;
          long long members = 0, internal = 0, external = 0, ext_people = 0, ext_teams = 0;
          soci::statement st =
              (sql.prepare
                   << "SELECT team, members, internal_ties, external_ties, density, ei_index, "
                      "cross_share, external_people, external_teams FROM snapshot_teams "
                      "WHERE snapshot_id = :id ORDER BY team",
               use(id), into(t.team), into(members), into(internal), into(external),
               into(density, di), into(ei, ei_i), into(cross, ci), into(ext_people),
               into(ext_teams));
          st.execute();
          while (st.fetch()) {
            t.members = members;
            t.internal_ties = internal;
            t.external_ties = external;
            t.density = RealOrNaN(density, di);
            t.ei_index = RealOrNaN(ei, ei_i);
            t.cross_share = RealOrNaN(cross, ci);
            t.external_people = ext_people;
            t.external_teams = ext_teams;
            s.teams.push_back(t);
          }
        }
        {
          std::vector<long long> src(kFetch), dst(kFetch);
          std::vector<double> weight(kFetch);
          soci::statement st = (sql.prepare << "SELECT src_person_id, dst_person_id, weight FROM "
                                               "snapshot_edges WHERE snapshot_id = :id "
                                               "ORDER BY src_person_id, dst_person_id",
                                use(id), into(src), into(dst), into(weight));
          st.execute();
          while (st.fetch()) {
            for (size_t i = 0; i < src.size(); ++i) s.edges.push_back({src[i], dst[i], weight[i]});
            src.resize(kFetch);
            dst.resize(kFetch);
            weight.resize(kFetch);
          }
        }
        return s;
      });
}

Result<bool> SociStore::SnapshotExists(int64_t snapshot_id) {
  return Guard("looking for a network snapshot", [&]() -> Result<bool> {
    soci::session sql(*pool_);
    long long id = snapshot_id, n = 0;
    sql << "SELECT COUNT(*) FROM network_snapshots WHERE id = :id", use(id), into(n);
    return n > 0;
  });
}

Result<int64_t> SociStore::DeleteSnapshots(std::span<const int64_t> ids) {
  std::vector<long long> unique(ids.begin(), ids.end());
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  return Guard("deleting network snapshots", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long ties = 0, now = Micros(clock_.Now());
    for (long long id : unique) {
      long long stored = -1;
      indicator ind = soci::i_null;
      sql << "SELECT ties FROM network_snapshots WHERE id = :id", use(id), into(stored, ind);
      if (!sql.got_data()) return NotFound("there is no snapshot " + std::to_string(id));
      ties += ind == soci::i_ok ? stored : 0;
      dialect_.delete_ties(sql, id);
      sql << "DELETE FROM snapshot_people WHERE snapshot_id = :id", use(id);
      sql << "DELETE FROM snapshot_teams WHERE snapshot_id = :id", use(id);
      sql << "DELETE FROM network_snapshots WHERE id = :id", use(id);
      sql << "INSERT INTO deleted_snapshots (id, deleted_at) VALUES (:id, :t)", use(id), use(now);
    }
    tr.commit();
    return static_cast<int64_t>(ties);
  });
}

// ---------------------------------------------------------------------------------------------
// Accounts, sessions, audit

Result<UserId> SociStore::CreateUser(const User& user) {
  return Guard("creating user '" + user.username + "'", [&]() -> Result<UserId> {
    soci::session sql(*pool_);
    WriteTransaction tr(sql);
    long long person = user.person_id.value;
    if (user.person_id.valid()) {
      int n = 0;
      sql << "SELECT COUNT(*) FROM people WHERE id = :p", use(person), into(n);
      if (!n) return NotFound("there is no person with id " + std::to_string(person));
    }
    int taken = 0;
    sql << "SELECT COUNT(*) FROM users WHERE username = :u", use(user.username), into(taken);
    if (taken) return AlreadyExists("the username '" + user.username + "' is taken");
    indicator person_ind = user.person_id.valid() ? soci::i_ok : soci::i_null;
    std::string role(RoleName(user.role));
    int disabled = user.disabled ? 1 : 0;
    long long now = Micros(clock_.Now()), id = 0;
    sql << "INSERT INTO users (username, password_hash, role, person_id, disabled, created_at) "
           "VALUES (:u, :h, :r, :p, :d, :c) RETURNING id",
        use(user.username), use(user.password_hash), use(role), use(person, person_ind),
        use(disabled), use(now), into(id);
    tr.commit();
    return UserId(id);
  });
}

namespace {
constexpr const char* kUserColumns = "id, username, password_hash, role, person_id, disabled";
}

Result<User> SociStore::GetUser(UserId id) {
  return Guard("reading a user", [&]() -> Result<User> {
    soci::session sql(*pool_);
    long long uid = id.value, person = 0;
    std::string username, hash, role;
    indicator person_ind;
    int disabled = 0;
    sql << std::string("SELECT ") + kUserColumns + " FROM users WHERE id = :id", use(uid),
        into(uid), into(username), into(hash), into(role), into(person, person_ind), into(disabled);
    if (!sql.got_data()) return NotFound("there is no user with id " + std::to_string(id.value));
    return ReadUser(uid, username, hash, role, person, person_ind, disabled);
  });
}

Result<User> SociStore::FindUser(std::string_view name) {
  return Guard("finding a user", [&]() -> Result<User> {
    soci::session sql(*pool_);
    std::string wanted(name), username, hash, role;
    long long uid = 0, person = 0;
    indicator person_ind;
    int disabled = 0;
    sql << std::string("SELECT ") + kUserColumns + " FROM users WHERE username = :u", use(wanted),
        into(uid), into(username), into(hash), into(role), into(person, person_ind), into(disabled);
    if (!sql.got_data()) return NotFound("there is no user named '" + wanted + "'");
    return ReadUser(uid, username, hash, role, person, person_ind, disabled);
  });
}

Result<int64_t> SociStore::CountUsers() {
  return Guard("counting users", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    long long n = 0;
    sql << "SELECT COUNT(*) FROM users", into(n);
    return static_cast<int64_t>(n);
  });
}

Status SociStore::CreateSession(const Session& s) {
  return Guard("creating a session", [&]() -> Status {
    soci::session sql(*pool_);
    long long uid = s.user_id.value, created = Micros(s.created_at), expires = Micros(s.expires_at);
    sql << "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
           "VALUES (:t, :u, :c, :cr, :ex)",
        use(s.token_hash), use(uid), use(s.csrf_token), use(created), use(expires);
    return OkStatus();
  });
}

Result<Session> SociStore::GetSession(std::string_view token_hash) {
  return Guard("reading a session", [&]() -> Result<Session> {
    soci::session sql(*pool_);
    std::string hash(token_hash), csrf;
    long long uid = 0, created = 0, expires = 0;
    sql << "SELECT user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = :t",
        use(hash), into(uid), into(csrf), into(created), into(expires);
    if (!sql.got_data()) return NotFound("no such session");
    return Session{hash, UserId(uid), csrf, FromMicros(created), FromMicros(expires)};
  });
}

Status SociStore::DeleteSession(std::string_view token_hash) {
  return Guard("deleting a session", [&]() -> Status {
    soci::session sql(*pool_);
    std::string hash(token_hash);
    sql << "DELETE FROM sessions WHERE token_hash = :t", use(hash);
    return OkStatus();
  });
}

Result<int64_t> SociStore::DeleteExpiredSessions(Timestamp now) {
  return DeleteBefore(*pool_, "deleting expired sessions",
                      "DELETE FROM sessions WHERE expires_at <= :t", now);
}

Status SociStore::AppendAudit(const AuditEntry& e) {
  return Guard("writing the audit log", [&]() -> Status {
    soci::session sql(*pool_);
    long long ts = Micros(e.ts), uid = e.user_id.value;
    indicator uid_ind = e.user_id.valid() ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO audit_log (ts, user_id, action, target, detail) VALUES (:ts, :u, :a, :t, "
           ":d)",
        use(ts), use(uid, uid_ind), use(e.action), use(e.target), use(e.detail);
    return OkStatus();
  });
}

Result<int64_t> SociStore::DeleteAuditBefore(Timestamp before) {
  return DeleteBefore(*pool_, "deleting old audit entries", "DELETE FROM audit_log WHERE ts < :t",
                      before);
}

Result<bool> SociStore::ClaimJob(std::string_view job, std::string_view holder, Timestamp now,
                                 Timestamp until) {
  return Guard("claiming a job", [&]() -> Result<bool> {
    soci::session sql(*pool_);
    std::string j(job), h(holder);
    long long at = Micros(now), to = Micros(until);
    soci::statement st =
        (sql.prepare << "INSERT INTO job_leases (job, holder, until_at) VALUES (:j, :h, :u) "
                        "ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, "
                        "until_at = excluded.until_at "
                        "WHERE job_leases.until_at <= :n OR job_leases.holder = excluded.holder",
         use(j), use(h), use(to), use(at));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

Status SociStore::ReleaseJob(std::string_view job, std::string_view holder) {
  return Guard("releasing a job", [&]() -> Status {
    soci::session sql(*pool_);
    std::string j(job), h(holder);
    sql << "DELETE FROM job_leases WHERE job = :j AND holder = :h", use(j), use(h);
    return OkStatus();
  });
}

Result<std::vector<AuditEntry>> SociStore::ListAudit(const AuditQuery& q) {
  if (q.limit < 1 || q.limit > 1000) return InvalidArgument("limit must be between 1 and 1000");
  if (!IsValidUtf8(q.action_prefix) || !IsValidUtf8(q.target)) {
    return InvalidArgument("the audit log's action and target filters must be UTF-8 text");
  }
  return Guard("reading the audit log", [&]() -> Result<std::vector<AuditEntry>> {
    soci::session sql(*pool_);
    // Assembled from fixed fragments, one per active filter (so that the planner can use the
    // target and user indexes); every value is bound, in fragment order. The prefix is compared
    // as text, not with LIKE ('%' and '_' in it would be patterns).
    long long before = q.before_id, user = q.user ? q.user->value : 0;
    long long since = q.since ? Micros(*q.since) : 0, until = q.until ? Micros(*q.until) : 0;
    int prefix_length = static_cast<int>(Utf8Length(q.action_prefix));
    std::string where = " WHERE 1 = 1";
    if (q.before_id > 0) where += " AND id < :before";
    if (prefix_length > 0) where += " AND substr(action, 1, :len) = :prefix";
    if (!q.target.empty()) where += " AND target = :target";
    if (q.user) where += " AND user_id = :user";
    if (q.since) where += " AND ts >= :since";
    if (q.until) where += " AND ts < :until";
    std::vector<AuditEntry> out;
    long long id = 0, ts = 0, uid = 0;
    indicator uid_ind;
    std::string action, target, detail;
    int limit = q.limit;
    soci::statement st(sql);
    st.alloc();
    st.prepare("SELECT id, ts, user_id, action, target, detail FROM audit_log" + where +
               " ORDER BY id DESC LIMIT :n");
    if (q.before_id > 0) st.exchange(use(before));
    if (prefix_length > 0) {
      st.exchange(use(prefix_length));
      st.exchange(use(q.action_prefix));
    }
    if (!q.target.empty()) st.exchange(use(q.target));
    if (q.user) st.exchange(use(user));
    if (q.since) st.exchange(use(since));
    if (q.until) st.exchange(use(until));
    st.exchange(use(limit));
    st.exchange(into(id));
    st.exchange(into(ts));
    st.exchange(into(uid, uid_ind));
    st.exchange(into(action));
    st.exchange(into(target));
    st.exchange(into(detail));
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) {
      out.push_back({id, FromMicros(ts), uid_ind == soci::i_ok ? UserId(uid) : UserId(), action,
                     target, detail});
    }
    return out;
  });
}

}  // namespace pl::store::internal
