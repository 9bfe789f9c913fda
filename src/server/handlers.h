// The API's handlers: parse → authorise → call the store → serialise. Each takes the request
// (with `viewer` set on signed-in routes) and returns a response or an error Status. Routes and
// the access each needs are in routes.cc; nothing here is reachable except through that table.
#pragma once

#include "core/config.h"
#include "server/api.h"
#include "server/rate_limiter.h"
#include "server/sessions.h"
#include "store/store.h"

namespace pl::server {

struct ApiContext {
  store::Store& store;
  SessionManager& sessions;
  RateLimiter& login_limiter;
  const Config& config;
  const Clock& clock;
  std::string version;
};

using Handler = Result<ApiResponse> (*)(ApiContext&, const ApiRequest&);

Result<ApiResponse> Health(ApiContext&, const ApiRequest&);
Result<ApiResponse> Login(ApiContext&, const ApiRequest&);
Result<ApiResponse> Logout(ApiContext&, const ApiRequest&);
Result<ApiResponse> CurrentSession(ApiContext&, const ApiRequest&);
Result<ApiResponse> Me(ApiContext&, const ApiRequest&);
Result<ApiResponse> ListPeople(ApiContext&, const ApiRequest&);
Result<ApiResponse> GetPerson(ApiContext&, const ApiRequest&);
Result<ApiResponse> OrgChart(ApiContext&, const ApiRequest&);
Result<ApiResponse> ListTeams(ApiContext&, const ApiRequest&);
Result<ApiResponse> ListAudit(ApiContext&, const ApiRequest&);

}  // namespace pl::server
