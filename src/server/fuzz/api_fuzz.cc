// Fuzz target: every route of the HTTP API, called as the server calls it (Dispatch), on a
// SQLite store holding a small organisation with interactions and a network snapshot. The first
// byte chooses who asks (admin, manager, employee, nobody; bit 2: a wrong CSRF token), the
// second the route; the rest is three parts split at newlines: the route's ":params" joined by
// '/', the query ("a=1&b=2"), then the body (JSON, or the uploaded file for imports). Whatever
// the request, the answer must not be a 500: a malformed value of any type is the asker's error
// (4xx), never the server's. Requests change the store as they would a real one; logging out is
// left out, so the sessions stay.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "ingest/interactions.h"
#include "ingest/roster.h"
#include "server/accounts.h"
#include "server/rate_limiter.h"
#include "server/routes.h"
#include "server/sessions.h"
#include "server/snapshot_cache.h"
#include "store/store.h"
#include "testing/fuzz_check.h"

namespace {

using namespace pl;
using namespace pl::server;

constexpr const char* kRoster =
    "employee_id,name,email,title,level,team,manager_employee_id,hire_date,skills\n"
    "E1,Cora Chief,cora@x.io,CEO,10,Exec,,2015-01-05,strategy:4\n"
    "E2,Mona Manager,mona@x.io,Manager,6,Eng/Platform,E1,2018-02-01,coaching:3\n"
    "E3,Theo Lead,theo@x.io,Staff Engineer,5,Eng/Platform,E2,2019-03-01,c++:4\n"
    "E4,Emil Employee,emil@x.io,Engineer,3,Eng/Platform,E2,2024-04-01,sql:2\n"
    "E5,Sam Sales,sam@x.io,Sales Manager,6,Sales,E1,2017-05-01,negotiation:4\n"
    "E6,Ari Admin,ari@x.io,Head of L&D,7,People/L&D,E5,2016-06-01,facilitation:4\n"
    "E7,Nia New,nia@x.io,Junior Engineer,1,Eng/Platform,E3,2026-10-20,\n";
constexpr const char* kInteractions =
    "source,target,timestamp,layer\n"
    "E4,E3,2026-10-01T10:00:00Z,reply\nE3,E4,2026-10-01T11:00:00Z,mention\n"
    "E7,E3,2026-10-02T10:00:00Z,reply\nE2,E5,2026-10-03T10:00:00Z,reply\n"
    "E5,E6,2026-10-04T10:00:00Z,kudos\nE1,E2,2026-10-05T10:00:00Z,nomination\n";

struct World {
  std::unique_ptr<store::Store> store;
  Config config;
  ManualClock clock{ParseTimestamp("2026-11-01T09:00:00Z").value()};
  std::unique_ptr<SessionManager> sessions;
  std::unique_ptr<RateLimiter> limiter;
  SnapshotCache snapshots;
  std::optional<ingest::Pseudonymizer> pseudonymizer;
  std::unique_ptr<ApiContext> ctx;
  struct Asker {
    std::string token, csrf;
  };
  std::vector<Asker> askers;  // admin, manager, employee
};

// A request as the HTTP layer hands it over: a JSON body from the local machine, with the
// asker's session and CSRF token (none for nobody).
ApiRequest Request(const std::string& method, const std::string& path, const World::Asker* as) {
  ApiRequest req;
  req.method = method;
  req.path = path;
  req.content_type = "application/json";
  req.remote_addr = "127.0.0.1";
  req.host = "localhost";
  if (as != nullptr) req.session_token = as->token, req.csrf_header = as->csrf;
  return req;
}

ApiResponse Call(World& w, const std::string& method, const std::string& path,
                 const std::string& body, const World::Asker* as) {
  ApiRequest req = Request(method, path, as);
  req.body = body;
  return Dispatch(*w.ctx, req);
}

World& TheWorld() {
  static World* world = [] {
    auto* w = new World;
    static char dir[] = "/tmp/pl-api-fuzz-XXXXXX";  // removed when the process ends
    PL_FUZZ_CHECK(mkdtemp(dir) != nullptr);
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    });
    w->store = store::Open(std::string("sqlite:") + dir + "/fuzz.db").value();
    PL_FUZZ_CHECK(w->store->Migrate().ok());
    PL_FUZZ_CHECK(!ingest::ImportRoster(*w->store, kRoster, {}).value().rejected);
    PL_FUZZ_CHECK(!ingest::ImportInteractions(*w->store, kInteractions, {}).value().rejected);
    w->config.max_upload_mib = 1;
    w->sessions = std::make_unique<SessionManager>(*w->store, w->clock, std::chrono::minutes(600),
                                                   std::chrono::minutes(600));
    w->limiter = std::make_unique<RateLimiter>(1000000, std::chrono::seconds(1));
    w->ctx =
        std::make_unique<ApiContext>(ApiContext{*w->store, *w->sessions, *w->limiter, w->config,
                                                w->clock, "fuzz", w->snapshots, w->pseudonymizer});
    for (auto [name, role, person] :
         {std::tuple{"admin", Role::kAdmin, "E6"}, std::tuple{"mona", Role::kManager, "E2"},
          std::tuple{"emil", Role::kEmployee, "E4"}}) {
      const std::string password = std::string(name) + "-password-1";
      PL_FUZZ_CHECK(AddAccount(*w->store, {name, password, role, person, HashCost::kMinimum}).ok());
      ApiResponse r =
          Call(*w, "POST", "/api/v1/auth/login",
               nlohmann::json{{"username", name}, {"password", password}}.dump(), nullptr);
      PL_FUZZ_CHECK(r.status == 200);
      std::string cookie;
      for (const auto& [k, v] : r.headers) {
        if (k == "Set-Cookie") cookie = v;
      }
      const size_t eq = cookie.find('='), semi = cookie.find(';');
      PL_FUZZ_CHECK(eq != std::string::npos && semi != std::string::npos);
      w->askers.push_back({cookie.substr(eq + 1, semi - eq - 1), r.body["csrf_token"]});
    }
    PL_FUZZ_CHECK(Call(*w, "POST", "/api/v1/network/snapshots", "{}", &w->askers[0]).status < 300);
    return w;
  }();
  return *world;
}

// "a=1&b=2" → {a: 1, b: 2} (no decoding: the server's HTTP layer has decoded it already).
std::map<std::string, std::string> Query(std::string_view q) {
  std::map<std::string, std::string> out;
  size_t at = 0;
  while (at <= q.size()) {
    const size_t end = std::min(q.find('&', at), q.size());
    const std::string_view pair = q.substr(at, end - at);
    const size_t eq = pair.find('=');
    if (!pair.empty()) {
      out.emplace(std::string(pair.substr(0, eq)),
                  eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
    }
    at = end + 1;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  World& w = TheWorld();
  const std::vector<Route>& routes = RouteTable();
  const Route& route = routes[data[1] % routes.size()];
  if (std::string_view(route.pattern) == "/api/v1/auth/logout") return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data + 2), size - 2);
  const size_t a = std::min(rest.find('\n'), rest.size());
  const size_t b = a < rest.size() ? std::min(rest.find('\n', a + 1), rest.size()) : rest.size();
  const std::string_view params = rest.substr(0, a);
  const std::string_view query = a < rest.size() ? rest.substr(a + 1, b - a - 1) : "";
  const std::string body(b < rest.size() ? rest.substr(b + 1) : "");

  // The path: each ":name" segment of the pattern filled with the next of `params`.
  std::string path;
  size_t next = 0;
  for (std::string_view pattern = route.pattern; !pattern.empty();) {
    const size_t slash = pattern.find('/', 1);
    const std::string_view segment = pattern.substr(0, slash);
    pattern.remove_prefix(segment.size());
    if (segment.size() > 1 && segment[1] == ':') {
      const size_t end = std::min(params.find('/', next), params.size());
      path += "/" + std::string(params.substr(std::min(next, params.size()),
                                              end - std::min(next, params.size())));
      next = end + 1;
    } else {
      path += segment;
    }
  }
  const int who = data[0] & 3;
  ApiRequest req = Request(route.method, path, who < 3 ? &w.askers[who] : nullptr);
  req.query = Query(query);
  if (who < 3 && (data[0] & 4) != 0) req.csrf_header = "wrong";
  int fd = -1;
  if (std::string_view(route.pattern) == "/api/v1/imports/:kind") {
    fd = memfd_create("upload", MFD_CLOEXEC);
    PL_FUZZ_CHECK(fd >= 0);
    PL_FUZZ_CHECK(write(fd, body.data(), body.size()) == static_cast<ssize_t>(body.size()));
    req.upload_path = "/proc/self/fd/" + std::to_string(fd);
    req.upload_bytes = static_cast<int64_t>(body.size());
    req.content_type = "application/octet-stream";
  } else {
    req.body = body;
  }
  const ApiResponse r = Dispatch(*w.ctx, req);
  if (fd >= 0) close(fd);
  if (r.status >= 500) {
    std::fprintf(stderr, "%s %s → %d %s\n", req.method.c_str(), req.path.c_str(), r.status,
                 r.body.dump().c_str());
  }
  PL_FUZZ_CHECK(r.status >= 200 && r.status < 500);
  return 0;
}
