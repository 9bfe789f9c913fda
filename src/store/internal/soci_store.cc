#include "store/internal/soci_store.h"

#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"

namespace pl::store::internal {
namespace {

using soci::indicator;
using soci::into;
using soci::use;

int64_t Micros(Timestamp t) { return t.time_since_epoch().count(); }
Timestamp FromMicros(long long v) { return Timestamp(std::chrono::microseconds(v)); }

// Runs `f`, turning database exceptions into a Status naming `what`.
template <typename F>
auto Guard(std::string_view what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const soci::soci_error& e) {
    return FromDatabaseError(what, e.get_error_message().empty() ? e.what() : e.what());
  } catch (const std::exception& e) {
    return FromDatabaseError(what, e.what());
  }
}

std::string LikePattern(std::string_view search) {
  std::string out = "%";
  for (char c : AsciiLower(Trim(search))) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

const char* kPersonColumns =
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
  if (lower.find("connection") != std::string::npos || lower.find("could not connect") != std::string::npos ||
      lower.find("unable to open") != std::string::npos || lower.find("server closed") != std::string::npos) {
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
                       soci::transaction tr(sql);
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
    // The filters are fixed SQL; only their values vary, and each is bound.
    const std::string cte =
        "WITH RECURSIVE sub(id) AS (SELECT id FROM people WHERE manager_id = :root "
        "UNION SELECT c.id FROM people c JOIN sub s ON c.manager_id = s.id) ";
    const std::string where =
        " FROM people p LEFT JOIN teams t ON t.id = p.team_id WHERE "
        "(:inactive = 1 OR p.active = 1) "
        "AND (:has_q = 0 OR lower(p.name) LIKE :p1 ESCAPE '\\' OR lower(p.title) LIKE :p2 ESCAPE '\\' "
        "  OR lower(p.email) LIKE :p3 ESCAPE '\\' OR lower(t.path) LIKE :p4 ESCAPE '\\') "
        "AND (:has_m = 0 OR p.manager_id = :m) "
        "AND (:roots = 0 OR p.manager_id IS NULL) "
        "AND (:has_s = 0 OR p.id IN (SELECT id FROM sub))";
    long long root = q.subtree_of ? q.subtree_of->value : 0;
    int inactive = q.include_inactive ? 1 : 0;
    int has_q = Trim(q.search).empty() ? 0 : 1;
    std::string pat = LikePattern(q.search);
    int has_m = q.manager ? 1 : 0;
    long long m = q.manager ? q.manager->value : 0;
    int roots = q.roots_only ? 1 : 0;
    int has_s = q.subtree_of ? 1 : 0;

    PeoplePage page;
    long long total = 0;
    sql << cte + "SELECT COUNT(*)" + where, use(root), use(inactive), use(has_q), use(pat),
        use(pat), use(pat), use(pat), use(has_m), use(m), use(roots), use(has_s), into(total);
    page.total = total;

    PersonBinder b;
    int reports = 0;
    int limit = q.limit, offset = q.offset;
    soci::statement st(sql);
    st.alloc();
    st.prepare(cte + "SELECT " + kPersonColumns +
               ", (SELECT COUNT(*) FROM people r WHERE r.manager_id = p.id AND r.active = 1)" +
               where + " ORDER BY lower(p.name), p.id LIMIT :lim OFFSET :off");
    st.exchange(use(root));
    st.exchange(use(inactive));
    st.exchange(use(has_q));
    for (int i = 0; i < 4; ++i) st.exchange(use(pat));
    st.exchange(use(has_m));
    st.exchange(use(m));
    st.exchange(use(roots));
    st.exchange(use(has_s));
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
    if (!st.execute(true)) return NotFound("there is no person with id " + std::to_string(id.value));
    Person p = b.Get();
    std::string skill, source;
    int level = 0;
    soci::statement sk = (sql.prepare << "SELECT s.name, ps.level, ps.source FROM person_skills ps "
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
    soci::statement st = (sql.prepare << "SELECT id, name, path, parent_id FROM teams ORDER BY path",
                          into(id), into(name), into(path), into(parent, parent_ind));
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
    std::string ext, mgr;
    indicator mgr_ind;
    int active = 0;
    soci::statement st = (sql.prepare << "SELECT p.external_id, m.external_id, p.active FROM people p "
                                         "LEFT JOIN people m ON m.id = p.manager_id",
                          into(ext), into(mgr, mgr_ind), into(active));
    st.execute();
    while (st.fetch()) out.push_back({ext, mgr_ind == soci::i_ok ? mgr : "", active != 0});
    return out;
  });
}

namespace {

struct ExistingPerson {
  long long id = 0;
  std::string name, email, title, hire_date, location, timezone;
  int level = 0, active = 1;
  long long team_id = 0, manager_id = 0;  // 0 = none
};

using SkillSet = std::vector<std::tuple<long long, int, std::string>>;  // skill id, level, source

}  // namespace

Result<RosterApplyResult> SociStore::ApplyRoster(const std::vector<RosterRecord>& records,
                                                 const RosterApplyOptions& options) {
  return Guard("writing the roster", [&]() -> Result<RosterApplyResult> {
    RosterApplyResult r;
    soci::session sql(*pool_);
    soci::transaction tr(sql);
    long long now = Micros(clock_.Now());

    // 1. Teams: every prefix of every path, parents first.
    std::unordered_map<std::string, long long> team_ids;
    {
      long long id = 0;
      std::string path;
      soci::statement st = (sql.prepare << "SELECT id, path FROM teams", into(id), into(path));
      st.execute();
      while (st.fetch()) team_ids.emplace(path, id);
    }
    std::set<std::string> wanted_paths;
    for (const auto& rec : records) {
      if (rec.team_path.empty()) continue;
      for (size_t pos = rec.team_path.find('/'); ; pos = rec.team_path.find('/', pos + 1)) {
        wanted_paths.insert(rec.team_path.substr(0, pos));
        if (pos == std::string::npos) break;
      }
    }
    for (const std::string& path : wanted_paths) {  // sorted: a parent precedes its children
      if (team_ids.count(path)) continue;
      size_t slash = path.rfind('/');
      std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
      long long parent = slash == std::string::npos ? 0 : team_ids.at(path.substr(0, slash));
      indicator parent_ind = parent ? soci::i_ok : soci::i_null;
      long long id = 0;
      sql << "INSERT INTO teams (name, path, parent_id) VALUES (:n, :p, :parent) RETURNING id",
          use(name), use(path), use(parent, parent_ind), into(id);
      team_ids.emplace(path, id);
      ++r.teams_added;
    }

    // 2. Skills by name.
    std::unordered_map<std::string, long long> skill_ids;
    {
      long long id = 0;
      std::string name;
      soci::statement st = (sql.prepare << "SELECT id, name FROM skills", into(id), into(name));
      st.execute();
      while (st.fetch()) skill_ids.emplace(name, id);
    }
    for (const auto& rec : records) {
      for (const auto& s : rec.skills) {
        if (skill_ids.count(s.skill)) continue;
        long long id = 0;
        sql << "INSERT INTO skills (name) VALUES (:n) RETURNING id", use(s.skill), into(id);
        skill_ids.emplace(s.skill, id);
        ++r.skills_added;
      }
    }

    // 3. People as they are now.
    std::unordered_map<std::string, ExistingPerson> existing;
    {
      ExistingPerson e;
      std::string ext;
      indicator team_ind, mgr_ind, hire_ind;
      soci::statement st =
          (sql.prepare << "SELECT id, external_id, name, email, title, level, team_id, manager_id, "
                          "hire_date, location, timezone, active FROM people",
           into(e.id), into(ext), into(e.name), into(e.email), into(e.title), into(e.level),
           into(e.team_id, team_ind), into(e.manager_id, mgr_ind), into(e.hire_date, hire_ind),
           into(e.location), into(e.timezone), into(e.active));
      st.execute();
      while (st.fetch()) {
        ExistingPerson copy = e;
        if (team_ind != soci::i_ok) copy.team_id = 0;
        if (mgr_ind != soci::i_ok) copy.manager_id = 0;
        if (hire_ind != soci::i_ok) copy.hire_date.clear();
        existing.emplace(ext, std::move(copy));
      }
    }

    // 4. Insert the new, update the changed (fields only; managers and skills below).
    struct Columns {
      std::vector<std::string> ext, name, email, title, hire, location, tz;
      std::vector<int> level;
      std::vector<long long> team, id;
      std::vector<indicator> team_ind, hire_ind;
      void Add(const RosterRecord& rec, long long team_id) {
        ext.push_back(rec.external_id);
        name.push_back(rec.name);
        email.push_back(rec.email);
        title.push_back(rec.title);
        level.push_back(rec.level);
        team.push_back(team_id);
        team_ind.push_back(team_id ? soci::i_ok : soci::i_null);
        hire.push_back(rec.hire_date ? FormatDate(*rec.hire_date) : "");
        hire_ind.push_back(rec.hire_date ? soci::i_ok : soci::i_null);
        location.push_back(rec.location);
        tz.push_back(rec.timezone);
      }
    } ins, upd;
    std::unordered_set<std::string> changed;  // external ids counted as updated
    for (const auto& rec : records) {
      long long team_id = rec.team_path.empty() ? 0 : team_ids.at(rec.team_path);
      auto it = existing.find(rec.external_id);
      if (it == existing.end()) {
        ins.Add(rec, team_id);
        continue;
      }
      const ExistingPerson& e = it->second;
      std::string hire = rec.hire_date ? FormatDate(*rec.hire_date) : "";
      if (e.name != rec.name || e.email != rec.email || e.title != rec.title ||
          e.level != rec.level || e.team_id != team_id || e.hire_date != hire ||
          e.location != rec.location || e.timezone != rec.timezone || !e.active) {
        upd.Add(rec, team_id);
        upd.id.push_back(e.id);
        if (!e.active) ++r.reactivated;
        changed.insert(rec.external_id);
      }
    }
    if (!ins.ext.empty()) {
      std::vector<long long> stamp(ins.ext.size(), now);
      sql << "INSERT INTO people (external_id, name, email, title, level, team_id, hire_date, "
             "location, timezone, active, updated_at) VALUES (:e, :n, :m, :t, :l, :team, :h, :loc, "
             ":tz, 1, :u)",
          use(ins.ext), use(ins.name), use(ins.email), use(ins.title), use(ins.level),
          use(ins.team, ins.team_ind), use(ins.hire, ins.hire_ind), use(ins.location),
          use(ins.tz), use(stamp);
      r.added = static_cast<int64_t>(ins.ext.size());
    }
    if (!upd.ext.empty()) {
      std::vector<long long> stamp(upd.ext.size(), now);
      sql << "UPDATE people SET name = :n, email = :m, title = :t, level = :l, team_id = :team, "
             "hire_date = :h, location = :loc, timezone = :tz, active = 1, updated_at = :u "
             "WHERE id = :id",
          use(upd.name), use(upd.email), use(upd.title), use(upd.level),
          use(upd.team, upd.team_ind), use(upd.hire, upd.hire_ind), use(upd.location),
          use(upd.tz), use(stamp), use(upd.id);
    }

    // 5. Every person's id, then manager links that differ.
    std::unordered_map<std::string, long long> ids;
    {
      long long id = 0;
      std::string ext;
      soci::statement st = (sql.prepare << "SELECT id, external_id FROM people", into(id), into(ext));
      st.execute();
      while (st.fetch()) ids.emplace(ext, id);
    }
    {
      std::vector<long long> mgr, who;
      std::vector<indicator> mgr_ind;
      for (const auto& rec : records) {
        long long want = rec.manager_external_id.empty() ? 0 : ids.at(rec.manager_external_id);
        auto it = existing.find(rec.external_id);
        long long have = it == existing.end() ? 0 : it->second.manager_id;
        if (want == have) continue;
        mgr.push_back(want);
        mgr_ind.push_back(want ? soci::i_ok : soci::i_null);
        who.push_back(ids.at(rec.external_id));
        if (it != existing.end()) changed.insert(rec.external_id);
      }
      if (!who.empty()) {
        sql << "UPDATE people SET manager_id = :m WHERE id = :id", use(mgr, mgr_ind), use(who);
      }
    }

    // 6. Skill sets that differ are replaced whole.
    {
      std::unordered_map<long long, SkillSet> have;
      long long pid = 0, sid = 0;
      int level = 0;
      std::string source;
      soci::statement st = (sql.prepare << "SELECT person_id, skill_id, level, source FROM person_skills",
                            into(pid), into(sid), into(level), into(source));
      st.execute();
      while (st.fetch()) have[pid].emplace_back(sid, level, source);
      for (auto& [_, set] : have) std::sort(set.begin(), set.end());

      std::vector<long long> del;
      std::vector<long long> ins_p, ins_s, ins_u;
      std::vector<int> ins_l;
      std::vector<std::string> ins_src;
      for (const auto& rec : records) {
        long long person = ids.at(rec.external_id);
        SkillSet want;
        for (const auto& s : rec.skills) {
          want.emplace_back(skill_ids.at(s.skill), s.level, std::string(SkillSourceName(s.source)));
        }
        std::sort(want.begin(), want.end());
        auto it = have.find(person);
        const SkillSet empty;
        if ((it == have.end() ? empty : it->second) == want) continue;
        if (it != have.end()) del.push_back(person);
        for (const auto& [skill, lvl, src] : want) {
          ins_p.push_back(person);
          ins_s.push_back(skill);
          ins_l.push_back(lvl);
          ins_src.push_back(src);
          ins_u.push_back(now);
        }
        if (existing.count(rec.external_id)) changed.insert(rec.external_id);
      }
      if (!del.empty()) sql << "DELETE FROM person_skills WHERE person_id = :p", use(del);
      if (!ins_p.empty()) {
        sql << "INSERT INTO person_skills (person_id, skill_id, level, source, updated_at) "
               "VALUES (:p, :s, :l, :src, :u)",
            use(ins_p), use(ins_s), use(ins_l), use(ins_src), use(ins_u);
      }
    }

    // 7. With sync, the active who are absent from the file are deactivated.
    if (options.sync) {
      std::unordered_set<std::string> present;
      for (const auto& rec : records) present.insert(rec.external_id);
      std::vector<long long> gone;
      for (const auto& [ext, e] : existing) {
        if (e.active && !present.count(ext)) gone.push_back(e.id);
      }
      if (!gone.empty()) {
        std::vector<long long> stamp(gone.size(), now);
        sql << "UPDATE people SET active = 0, updated_at = :u WHERE id = :id", use(stamp), use(gone);
      }
      r.deactivated = static_cast<int64_t>(gone.size());
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

// ---------------------------------------------------------------------------------------------
// Accounts, sessions, audit

Result<UserId> SociStore::CreateUser(const User& user) {
  return Guard("creating user '" + user.username + "'", [&]() -> Result<UserId> {
    soci::session sql(*pool_);
    soci::transaction tr(sql);
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
const char* kUserColumns = "id, username, password_hash, role, person_id, disabled";
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
  return Guard("deleting expired sessions", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    long long t = Micros(now);
    soci::statement st = (sql.prepare << "DELETE FROM sessions WHERE expires_at <= :t", use(t));
    st.execute(true);
    return static_cast<int64_t>(st.get_affected_rows());
  });
}

Status SociStore::AppendAudit(const AuditEntry& e) {
  return Guard("writing the audit log", [&]() -> Status {
    soci::session sql(*pool_);
    long long ts = Micros(e.ts), uid = e.user_id.value;
    indicator uid_ind = e.user_id.valid() ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO audit_log (ts, user_id, action, target, detail) VALUES (:ts, :u, :a, :t, :d)",
        use(ts), use(uid, uid_ind), use(e.action), use(e.target), use(e.detail);
    return OkStatus();
  });
}

Result<std::vector<AuditEntry>> SociStore::ListAudit(int limit) {
  return Guard("reading the audit log", [&]() -> Result<std::vector<AuditEntry>> {
    soci::session sql(*pool_);
    std::vector<AuditEntry> out;
    long long id = 0, ts = 0, uid = 0;
    indicator uid_ind;
    std::string action, target, detail;
    soci::statement st = (sql.prepare << "SELECT id, ts, user_id, action, target, detail FROM audit_log "
                                         "ORDER BY id DESC LIMIT :n",
                          use(limit), into(id), into(ts), into(uid, uid_ind), into(action),
                          into(target), into(detail));
    st.execute();
    while (st.fetch()) {
      out.push_back({id, FromMicros(ts), uid_ind == soci::i_ok ? UserId(uid) : UserId(), action,
                     target, detail});
    }
    return out;
  });
}

}  // namespace pl::store::internal
