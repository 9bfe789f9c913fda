#include "server/routes.h"

#include <spdlog/spdlog.h>

#include <optional>
#include <variant>

#include "core/text.h"
#include "server/authz.h"
#include "server/security.h"

namespace pl::server {

const std::vector<Route>& RouteTable() {
  static const std::vector<Route> kRoutes = {
      {"GET", "/api/v1/health", Access::kPublic, Health},
      {"POST", "/api/v1/auth/login", Access::kPublic, Login},
      {"POST", "/api/v1/auth/logout", Access::kSignedIn, Logout},
      {"GET", "/api/v1/auth/session", Access::kPublic, CurrentSession},
      {"GET", "/api/v1/me", Access::kSignedIn, Me},
      {"GET", "/api/v1/people", Access::kSignedIn, ListPeople},
      {"GET", "/api/v1/people/:id", Access::kSignedIn, GetPerson},
      {"GET", "/api/v1/org", Access::kSignedIn, OrgChart},
      {"GET", "/api/v1/teams", Access::kSignedIn, ListTeams},
      {"GET", "/api/v1/audit", Access::kAdmin, ListAudit},
      {"GET", "/api/v1/audit.csv", Access::kAdmin, AuditCsv},
      {"POST", "/api/v1/imports/:kind", Access::kAdmin, ImportUpload},
      {"GET", "/api/v1/accounts/:platform", Access::kAdmin, ListAccountLinks},
      {"PUT", "/api/v1/accounts/:platform/:account", Access::kAdmin, LinkAccount},
      {"DELETE", "/api/v1/accounts/:platform/:account", Access::kAdmin, UnlinkAccount},
      {"GET", "/api/v1/network/snapshots", Access::kSignedIn, ListSnapshots},
      {"POST", "/api/v1/network/snapshots", Access::kAdmin, CreateSnapshot},
      {"DELETE", "/api/v1/network/snapshots/:id", Access::kAdmin, DeleteSnapshot},
      {"GET", "/api/v1/network/snapshots/:id/:file", Access::kAdmin, ExportSnapshotFile},
      {"GET", "/api/v1/network/summary", Access::kSignedIn, NetworkSummary},
      {"GET", "/api/v1/network/people/:id", Access::kSignedIn, PersonNetwork},
      {"GET", "/api/v1/network/people/:id/history", Access::kSignedIn, PersonNetworkHistory},
      {"GET", "/api/v1/network/teams", Access::kSignedIn, TeamNetwork},
      {"GET", "/api/v1/network/champions", Access::kAdmin, Champions},
      {"POST", "/api/v1/network/findings/check", Access::kAdmin, CheckFindings},
      {"GET", "/api/v1/network/single-points", Access::kAdmin, SinglePoints},
      {"GET", "/api/v1/network/brokers", Access::kAdmin, Brokers},
      {"GET", "/api/v1/network/silos", Access::kSignedIn, Silos},
      {"GET", "/api/v1/network/communities", Access::kSignedIn, NetworkCommunities},
      {"GET", "/api/v1/network/flows", Access::kSignedIn, TeamFlows},
      {"GET", "/api/v1/network/newcomers", Access::kSignedIn, Newcomers},
      {"GET", "/api/v1/network/diff", Access::kSignedIn, SnapshotDiff},
      {"GET", "/api/v1/network/graph", Access::kSignedIn, NetworkGraph},
      {"GET", "/api/v1/surveys/instruments", Access::kAdmin, ListInstruments},
      {"POST", "/api/v1/surveys/instruments", Access::kAdmin, CreateInstrument},
      {"GET", "/api/v1/surveys/waves", Access::kSignedIn, ListWaves},
      {"POST", "/api/v1/surveys/waves", Access::kAdmin, CreateWave},
      {"GET", "/api/v1/surveys/waves/:id", Access::kSignedIn, GetWaveForm},
      {"PUT", "/api/v1/surveys/waves/:id/response", Access::kSignedIn, SaveWaveResponse},
      {"GET", "/api/v1/surveys/waves/:id/results", Access::kSignedIn, WaveResults},
      {"GET", "/api/v1/surveys/waves/:id/results.csv", Access::kAdmin, WaveResultsCsv},
      {"GET", "/api/v1/surveys/waves/:id/rate", Access::kSignedIn, WaveResponseRate},
      {"GET", "/api/v1/surveys/schedules", Access::kAdmin, ListSchedules},
      {"POST", "/api/v1/surveys/schedules", Access::kAdmin, CreateSchedule},
      {"PUT", "/api/v1/surveys/schedules/:id", Access::kAdmin, UpdateSchedule},
      {"GET", "/api/v1/skills", Access::kSignedIn, ListSkills},
      {"GET", "/api/v1/people/:id/goals", Access::kSignedIn, GetLearningGoals},
      {"PUT", "/api/v1/people/:id/goals", Access::kSignedIn, SetLearningGoals},
      {"GET", "/api/v1/mentoring/me", Access::kSignedIn, MyMentoring},
      {"PUT", "/api/v1/mentoring/optin", Access::kSignedIn, SaveOptIn},
      {"GET", "/api/v1/mentoring/pairs", Access::kAdmin, ListPairs},
      {"POST", "/api/v1/mentoring/match", Access::kAdmin, RunMatching},
      {"PUT", "/api/v1/mentoring/pairs/:id", Access::kAdmin, UpdatePair},
      {"PUT", "/api/v1/mentoring/pairs/:id/rating", Access::kSignedIn, RatePair},
      {"POST", "/api/v1/mentoring/pairs/:id/meetings", Access::kSignedIn, LogMeeting},
      {"POST", "/api/v1/mentoring/exclusions", Access::kAdmin, ExcludePair},
      {"GET", "/api/v1/challenges", Access::kSignedIn, ListChallenges},
      {"POST", "/api/v1/challenges", Access::kSignedIn, CreateChallenge},
      {"PUT", "/api/v1/challenges/:id", Access::kAdmin, UpdateChallenge},
      {"PUT", "/api/v1/circles/signup", Access::kSignedIn, SaveCircleSignup},
      {"POST", "/api/v1/circles/pins", Access::kAdmin, PinToChallenge},
      {"POST", "/api/v1/circles/form", Access::kAdmin, FormCirclesNow},
      {"GET", "/api/v1/circles", Access::kSignedIn, ListCircles},
      {"GET", "/api/v1/circles/:id", Access::kSignedIn, GetCircle},
      {"PUT", "/api/v1/circles/:id", Access::kAdmin, UpdateCircle},
      {"PUT", "/api/v1/circles/:id/life", Access::kSignedIn, SaveCircleLife},
      {"POST", "/api/v1/circles/:id/meetings", Access::kSignedIn, LogCircleMeeting},
      {"GET", "/api/v1/circles/:id/learned.md", Access::kSignedIn, CircleLearned},
  };
  return kRoutes;
}

namespace {

bool Match(std::string_view pattern, std::string_view path,
           std::map<std::string, std::string>& params) {
  auto ps = Split(pattern, '/');
  auto xs = Split(path, '/');
  if (ps.size() != xs.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < ps.size(); ++i) {
    if (ps[i].starts_with(':')) {
      if (xs[i].empty()) return false;
      found.emplace(std::string(ps[i].substr(1)), std::string(xs[i]));
    } else if (ps[i] != xs[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

bool ChangesState(std::string_view method) { return method != "GET" && method != "HEAD"; }

// The route for `req` (its path parameters set), or the error response when there is none.
std::variant<const Route*, ApiResponse> Find(ApiRequest& req) {
  std::string allowed;
  for (const Route& r : RouteTable()) {
    std::map<std::string, std::string> params;
    if (!Match(r.pattern, req.path, params)) continue;
    if (req.method == r.method || (req.method == "HEAD" && std::string_view(r.method) == "GET")) {
      req.path_params = std::move(params);
      return &r;
    }
    allowed += (allowed.empty() ? "" : ", ") + std::string(r.method);
  }
  if (!allowed.empty()) return MethodNotAllowed(allowed);
  return ErrorResponse(NotFound("no such endpoint: " + req.method + " " + req.path.substr(0, 200)));
}

// Authentication, CSRF and role for `route`: the error response, or none (req.viewer set).
std::optional<ApiResponse> Refuse(ApiContext& ctx, const Route& route, ApiRequest& req) {
  if (route.access == Access::kPublic) return std::nullopt;
  auto viewer = ctx.sessions.Resolve(req.session_token);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  req.viewer = *viewer;
  if (ChangesState(req.method) && !ConstantTimeEquals(req.csrf_header, req.viewer->csrf_token)) {
    return ErrorResponse(PermissionDenied(
        "missing or wrong CSRF token (send the session's csrf_token in X-CSRF-Token)"));
  }
  if (route.access == Access::kAdmin) {
    if (Status s = RequireAdmin(*req.viewer); !s.ok()) return ErrorResponse(s);
  }
  return std::nullopt;
}

}  // namespace

std::optional<ApiResponse> Admit(ApiContext& ctx, ApiRequest& req) {
  auto found = Find(req);
  if (auto* refused = std::get_if<ApiResponse>(&found)) return std::move(*refused);
  return Refuse(ctx, *std::get<const Route*>(found), req);
}

ApiResponse Dispatch(ApiContext& ctx, ApiRequest& req) {
  auto found = Find(req);
  if (auto* refused = std::get_if<ApiResponse>(&found)) return std::move(*refused);
  const Route* route = std::get<const Route*>(found);
  try {
    if (std::optional<ApiResponse> refused = Refuse(ctx, *route, req)) return *refused;
    Result<ApiResponse> r = route->handler(ctx, req);
    if (!r.ok()) {
      if (r.status().code() == StatusCode::kInternal ||
          r.status().code() == StatusCode::kUnavailable) {
        spdlog::error("{} {}: {}", req.method, Printable(req.path, 200), r.status().ToString());
      }
      return ErrorResponse(r.status());
    }
    return std::move(r).value();
  } catch (const std::exception& e) {
    // A bug: log it with the route, answer 500 with the error shape.
    spdlog::error("{} {}: unexpected exception: {}", req.method, Printable(req.path, 200),
                  e.what());
    return ErrorResponse(Internal(e.what()));
  }
}

}  // namespace pl::server
