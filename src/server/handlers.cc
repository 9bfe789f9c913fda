#include "server/handlers.h"

#include <charconv>

#include "core/text.h"
#include "server/audit_log.h"
#include "server/authz.h"
#include "server/handler_util.h"
#include "server/security.h"
#include "server/spill_file.h"

namespace pl::server {
namespace {

using nlohmann::json;

constexpr const char* kCookie = "pl_session";

json IdOrNull(PersonId id) { return id.valid() ? json(id.value) : json(nullptr); }

json PersonJson(const Person& p, bool with_private, int direct_reports = -1) {
  json j = {{"id", p.id.value},       {"name", p.name},
            {"title", p.title},       {"team", p.team_path},
            {"email", p.email},       {"location", p.location},
            {"timezone", p.timezone}, {"manager_id", IdOrNull(p.manager_id)},
            {"private", with_private}};
  if (direct_reports >= 0) j["direct_reports"] = direct_reports;
  if (with_private) {
    j["employee_id"] = p.external_id;
    j["level"] = p.level;
    j["hire_date"] = p.hire_date ? json(FormatDate(*p.hire_date)) : json(nullptr);
    j["active"] = p.active;
    json skills = json::array();
    for (const auto& s : p.skills) {
      skills.push_back(
          {{"skill", s.skill}, {"level", s.level}, {"source", SkillSourceName(s.source)}});
    }
    j["skills"] = skills;
  }
  return j;
}

json ViewerJson(const Viewer& v) {
  return {{"user", {{"id", v.user_id.value}, {"username", v.username}, {"role", RoleName(v.role)}}},
          {"person", v.person_id.valid() ? json{{"id", v.person_id.value}, {"name", v.person_name}}
                                         : json(nullptr)}};
}

std::string SessionCookie(const ApiContext& ctx, const ApiRequest& req, const std::string& value,
                          int64_t max_age) {
  std::string c = std::string(kCookie) + "=" + value +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (ctx.config.secure_cookies || req.via_tls) c += "; Secure";
  return c;
}

// A fixed hash to verify against when the user does not exist, so that timing does not tell
// which usernames are real.
const std::string& DummyHash() {
  static const std::string kHash =
      HashPassword("not-a-real-password-0", HashCost::kInteractive).value();
  return kHash;
}

}  // namespace

Result<ApiResponse> Health(ApiContext& ctx, const ApiRequest&) {
  ASSIGN_OR_RETURN(int version, ctx.store.SchemaVersion());
  ApiResponse r;
  r.body = {{"status", "ok"},
            {"version", ctx.version},
            {"store", ctx.store.Backend()},
            {"schema_version", version}};
  return r;
}

Result<ApiResponse> Login(ApiContext& ctx, const ApiRequest& req) {
  if (!req.content_type.starts_with("application/json")) {
    return InvalidArgument("send the credentials as JSON (Content-Type: application/json)");
  }
  if (!req.origin.empty() && req.origin != "http://" + req.host &&
      req.origin != "https://" + req.host) {
    return PermissionDenied("log-in from another site is not allowed");
  }
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("username") ||
      !body.contains("password") || !body["username"].is_string() ||
      !body["password"].is_string()) {
    return InvalidArgument("expected {\"username\": \"...\", \"password\": \"...\"}");
  }
  std::string username = body["username"];
  std::string password = body["password"];
  if (username.empty() || username.size() > 200 || password.size() > 1024) {
    return InvalidArgument("username or password has an impossible length");
  }
  Timestamp now = ctx.clock.Now();
  std::string user_key = "user:" + AsciiLower(username);
  std::string addr_key = "addr:" + req.remote_addr;
  for (const auto& key : {user_key, addr_key}) {
    if (ctx.login_limiter.Blocked(key, now)) {
      std::string seconds = std::to_string(ctx.login_limiter.RetryAfterSeconds(key, now));
      ApiResponse r = ErrorResponse(
          ResourceExhausted("too many failed log-ins; try again in " + seconds + " seconds"));
      r.headers.emplace_back("Retry-After", seconds);
      return r;
    }
  }
  auto user = ctx.store.FindUser(username);
  if (!user.ok() && user.status().code() != StatusCode::kNotFound) return user.status();
  bool good = user.ok() ? VerifyPassword(password, user->password_hash)
                        : (VerifyPassword(password, DummyHash()), false);
  if (!good || user->disabled) {
    ctx.login_limiter.RecordFailure(user_key, now);
    ctx.login_limiter.RecordFailure(addr_key, now);
    (void)ctx.store.AppendAudit({0, now, user.ok() ? user->id : UserId(), "user.login_failed",
                                 "user:" + username.substr(0, 64), req.remote_addr});
    return Unauthenticated("wrong username or password");
  }
  ctx.login_limiter.Reset(user_key);
  ASSIGN_OR_RETURN(SessionManager::Created created, ctx.sessions.Create(*user));
  Audit(ctx, created.viewer, "user.login", "user:" + std::to_string(user->id.value),
        req.remote_addr);
  ApiResponse r;
  r.body = ViewerJson(created.viewer);
  r.body["csrf_token"] = created.viewer.csrf_token;
  r.headers.emplace_back("Set-Cookie",
                         SessionCookie(ctx, req, created.token, ctx.sessions.ttl().count() * 60));
  return r;
}

Result<ApiResponse> Logout(ApiContext& ctx, const ApiRequest& req) {
  RETURN_IF_ERROR(ctx.sessions.Destroy(req.session_token));
  Audit(ctx, *req.viewer, "user.logout", "user:" + std::to_string(req.viewer->user_id.value));
  ApiResponse r;
  r.body = {{"signed_out", true}};
  r.headers.emplace_back("Set-Cookie", SessionCookie(ctx, req, "", 0));
  return r;
}

Result<ApiResponse> CurrentSession(ApiContext& ctx, const ApiRequest& req) {
  // Public, so that a signed-out app learns it without an error: {"signed_in": false}.
  ApiResponse r;
  auto viewer = ctx.sessions.Resolve(req.session_token);
  if (!viewer.ok()) {
    if (viewer.status().code() != StatusCode::kUnauthenticated) return viewer.status();
    r.body = {{"signed_in", false}};
    return r;
  }
  r.body = ViewerJson(*viewer);
  r.body["signed_in"] = true;
  r.body["csrf_token"] = viewer->csrf_token;
  return r;
}

Result<ApiResponse> Me(ApiContext&, const ApiRequest& req) {
  ApiResponse r;
  r.body = ViewerJson(*req.viewer);
  return r;
}

Result<ApiResponse> ListPeople(ApiContext& ctx, const ApiRequest& req) {
  const Viewer& viewer = *req.viewer;
  store::PeopleQuery q;
  if (auto it = req.query.find("q"); it != req.query.end()) {
    if (it->second.size() > 200 || !IsValidUtf8(it->second)) {
      return InvalidArgument("the search text must be valid UTF-8 of at most 200 bytes");
    }
    q.search = it->second;
  }
  ASSIGN_OR_RETURN(int64_t limit, QueryInt(req, "limit", 50, 1, 200));
  ASSIGN_OR_RETURN(int64_t offset, QueryInt(req, "offset", 0, 0, 10'000'000));
  ASSIGN_OR_RETURN(int64_t manager, QueryInt(req, "manager", 0, 0, INT64_MAX));
  q.limit = static_cast<int>(limit);
  q.offset = static_cast<int>(offset);
  if (manager) q.manager = PersonId(manager);
  if (auto it = req.query.find("scope"); it != req.query.end() && !it->second.empty()) {
    if (it->second == "reports") {
      if (!viewer.person_id.valid())
        return FailedPrecondition("this account is not linked to a person");
      q.subtree_of = viewer.person_id;
    } else if (it->second != "all") {
      return InvalidArgument("scope must be 'all' or 'reports'");
    }
  }
  ASSIGN_OR_RETURN(Visibility vis, Visibility::For(viewer, ctx.store));
  ASSIGN_OR_RETURN(store::PeoplePage page, ctx.store.ListPeople(q));
  json people = json::array();
  for (const auto& row : page.people) {
    json j = PersonJson(row.person, vis.CanSeePrivate(row.person.id), row.direct_reports);
    j.erase("skills");  // lists carry no skills; the person endpoint has them
    people.push_back(std::move(j));
  }
  if (vis.IsAdmin()) {
    Audit(ctx, viewer, "people.list", "people", "q=" + q.search.substr(0, 100));
  }
  ApiResponse r;
  r.body = {{"people", people}, {"total", page.total}, {"limit", q.limit}, {"offset", q.offset}};
  return r;
}

Result<ApiResponse> GetPerson(ApiContext& ctx, const ApiRequest& req) {
  const Viewer& viewer = *req.viewer;
  ASSIGN_OR_RETURN(PersonId id, PathId(req));
  ASSIGN_OR_RETURN(Person p, ctx.store.GetPerson(id));
  ASSIGN_OR_RETURN(Visibility vis, Visibility::For(viewer, ctx.store));
  bool priv = vis.CanSeePrivate(id);
  ASSIGN_OR_RETURN(store::PeoplePage reports, ctx.store.ListPeople({.manager = id, .limit = 1000}));
  json j = PersonJson(p, priv, static_cast<int>(reports.total));
  json direct = json::array();
  for (const auto& row : reports.people) {
    direct.push_back(PersonJson(row.person, vis.CanSeePrivate(row.person.id), row.direct_reports));
  }
  j["reports"] = direct;
  if (p.manager_id.valid()) {
    auto m = ctx.store.GetPerson(p.manager_id);
    if (m.ok()) j["manager"] = {{"id", m->id.value}, {"name", m->name}, {"title", m->title}};
  }
  if (vis.IsAdmin() && id != viewer.person_id) {
    Audit(ctx, viewer, "person.read", "person:" + std::to_string(id.value));
  }
  ApiResponse r;
  r.body = j;
  return r;
}

Result<ApiResponse> OrgChart(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(int64_t root, QueryInt(req, "root", 0, 0, INT64_MAX));
  ApiResponse r;
  json children = json::array();
  if (!root) {
    ASSIGN_OR_RETURN(store::PeoplePage tops,
                     ctx.store.ListPeople({.roots_only = true, .limit = 1000}));
    for (const auto& row : tops.people)
      children.push_back(PersonJson(row.person, false, row.direct_reports));
    r.body = {{"root", nullptr}, {"chain", json::array()}, {"children", children}};
    return r;
  }
  ASSIGN_OR_RETURN(Person p, ctx.store.GetPerson(PersonId(root)));
  ASSIGN_OR_RETURN(store::PeoplePage kids, ctx.store.ListPeople({.manager = p.id, .limit = 1000}));
  for (const auto& row : kids.people)
    children.push_back(PersonJson(row.person, false, row.direct_reports));
  // The chain of managers above the root, top first (bounded against corrupt data).
  json chain = json::array();
  PersonId up = p.manager_id;
  for (int depth = 0; up.valid() && depth < 64; ++depth) {
    ASSIGN_OR_RETURN(Person m, ctx.store.GetPerson(up));
    chain.insert(chain.begin(), json{{"id", m.id.value}, {"name", m.name}, {"title", m.title}});
    up = m.manager_id;
  }
  r.body = {{"root", PersonJson(p, false, static_cast<int>(kids.total))},
            {"chain", chain},
            {"children", children}};
  return r;
}

Result<ApiResponse> ListTeams(ApiContext& ctx, const ApiRequest&) {
  ASSIGN_OR_RETURN(std::vector<Team> teams, ctx.store.ListTeams());
  json out = json::array();
  for (const auto& t : teams) {
    out.push_back({{"id", t.id.value},
                   {"name", t.name},
                   {"path", t.path},
                   {"parent_id", t.parent_id.valid() ? json(t.parent_id.value) : json(nullptr)}});
  }
  ApiResponse r;
  r.body = {{"teams", out}};
  return r;
}

namespace {

// The log's filters from the query: `action` (a prefix), `target` (exactly), `user` (an id),
// `from` and `to` (ISO dates or timestamps; `to` not included).
Result<store::AuditQuery> AuditFilters(const ApiRequest& req) {
  store::AuditQuery q;
  ASSIGN_OR_RETURN(int64_t user, QueryInt(req, "user", 0, 0, INT64_MAX));
  if (user > 0) q.user = UserId(user);
  for (auto [key, field] :
       {std::pair{"action", &q.action_prefix}, std::pair{"target", &q.target}}) {
    auto it = req.query.find(key);
    if (it == req.query.end()) continue;
    if (it->second.size() > 200) {
      return InvalidArgument(std::string(key) + " is longer than 200 characters");
    }
    *field = it->second;
  }
  for (auto [key, field] : {std::pair{"from", &q.since}, std::pair{"to", &q.until}}) {
    auto it = req.query.find(key);
    if (it == req.query.end() || it->second.empty()) continue;
    auto t = ParseTimestamp(it->second.substr(0, 64));
    if (!t.ok()) {
      return InvalidArgument(std::string(key) + " must be a date like 2026-07-01 or a timestamp (" +
                             t.status().message() + ")");
    }
    *field = *t;
  }
  if (q.since && q.until && !(*q.since < *q.until)) {
    return InvalidArgument("from must be before to");
  }
  return q;
}

// {id, username, role, person} for a user id (just the id for one since deleted).
json UserJson(const AuditNames& names, UserId id) {
  json who = {{"id", id.value}};
  if (const auto* u = names.UserOf(id); u && *u) {
    who["username"] = (*u)->username;
    who["role"] = RoleName((*u)->role);
    if ((*u)->person_id.valid()) who["person"] = PersonRef(names.people(), (*u)->person_id);
  }
  return who;
}

// The person a target ("person:N") names, else null.
json TargetPersonJson(const AuditNames& names, const std::string& t) {
  auto p = IdTarget(t, "person:");
  return p ? PersonRef(names.people(), PersonId(*p)) : json(nullptr);
}

// The user a target ("user:N") names, else null.
json TargetUserJson(const AuditNames& names, const std::string& t) {
  auto u = IdTarget(t, "user:");
  return u ? UserJson(names, UserId(*u)) : json(nullptr);
}

}  // namespace

// The log, newest first, a page at a time (`before`: the last id of the page before), narrowed
// by an action prefix, an exact target, a user and a time range; each entry with its user's name
// and the person (or user) it was about, where it names one.
Result<ApiResponse> ListAudit(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(store::AuditQuery q, AuditFilters(req));
  ASSIGN_OR_RETURN(int64_t limit, QueryInt(req, "limit", 100, 1, 1000));
  ASSIGN_OR_RETURN(q.before_id, QueryInt(req, "before", 0, 0, INT64_MAX));
  q.limit = static_cast<int>(limit);
  ASSIGN_OR_RETURN(std::vector<AuditEntry> entries, ctx.store.ListAudit(q));
  AuditNames names(ctx.store);
  RETURN_IF_ERROR(names.Learn(entries));
  json out = json::array();
  for (const auto& e : entries) {
    out.push_back({{"id", e.id},
                   {"ts", FormatTimestamp(e.ts)},
                   {"user_id", e.user_id.valid() ? json(e.user_id.value) : json(nullptr)},
                   {"user", e.user_id.valid() ? UserJson(names, e.user_id) : json(nullptr)},
                   {"action", e.action},
                   {"target", e.target},
                   {"target_person", TargetPersonJson(names, e.target)},
                   {"target_user", TargetUserJson(names, e.target)},
                   {"detail", e.detail},
                   {"detail_person", TargetPersonJson(names, e.detail)}});
  }
  ApiResponse r;
  r.body = {{"entries", out},
            {"next_before", entries.size() == static_cast<size_t>(q.limit) && !entries.empty()
                                ? json(entries.back().id)
                                : json(nullptr)}};
  return r;
}

// The log as narrowed (every page), newest first, as CSV for a spreadsheet or an auditor: who
// (username, role, their employee id and name), what, about whom (the target with the person's
// or user's name) and the detail. Free text is written so that no cell runs as a formula. The
// download is itself audited.
Result<ApiResponse> AuditCsv(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(store::AuditQuery q, AuditFilters(req));
  int64_t rows = 0;
  ApiResponse r;
  ASSIGN_OR_RETURN(r.file, SpillFile::Write([&](std::ostream& out) -> Status {
                     ASSIGN_OR_RETURN(rows, WriteAuditCsv(ctx.store, q, out));
                     return OkStatus();
                   }));
  Audit(ctx, *req.viewer, "audit.export", "audit_log",
        std::to_string(rows) + (rows == 1 ? " entry" : " entries"));
  r.headers.push_back({"Content-Type", "text/csv; charset=utf-8"});
  r.headers.push_back({"Content-Disposition", "attachment; filename=\"peerlearn-audit-log.csv\""});
  return r;
}

}  // namespace pl::server
