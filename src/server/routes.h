// The API's route table — every endpoint, the access it needs, and its handler, in one list —
// and the dispatcher that applies it: match → authenticate → CSRF → role → handler → errors.
#pragma once

#include <optional>
#include <vector>

#include "server/handlers.h"

namespace pl::server {

enum class Access {
  kPublic,    // anyone
  kSignedIn,  // any signed-in user; handlers narrow what each role sees
  kAdmin,     // admins only
};

struct Route {
  const char* method;
  const char* pattern;  // "/api/v1/people/:id"
  Access access;
  Handler handler;
};

const std::vector<Route>& RouteTable();

// Runs `req` through the table. Never throws; every failure becomes an error response.
ApiResponse Dispatch(ApiContext& ctx, ApiRequest& req);

// Whether `req` would be let through to its handler (route, sign-in, CSRF, role), judged on its
// headers alone: the error response if not. For a body streamed before dispatching (an upload),
// so that nobody but an admin gets to send one.
std::optional<ApiResponse> Admit(ApiContext& ctx, ApiRequest& req);

}  // namespace pl::server
