// The HTTP API's own request and response types: handlers see these, never the HTTP library's,
// so they can be called and tested without a socket.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/domain.h"
#include "core/status.h"
#include "server/spill_file.h"

namespace pl::server {

// The signed-in user making a request.
struct Viewer {
  UserId user_id;
  std::string username;
  Role role = Role::kEmployee;
  PersonId person_id;
  std::string person_name;
  std::string token_hash;
  std::string csrf_token;
};

struct ApiRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;
  std::map<std::string, std::string> path_params;  // from ":name" segments of the route
  std::map<std::string, std::string> query;
  std::string body;
  std::string content_type;
  std::string origin;  // Origin header, may be empty
  std::string host;    // Host header
  std::string remote_addr;
  std::string session_token;     // from the session cookie
  std::string csrf_header;       // X-CSRF-Token
  bool via_tls = false;          // the client reached us over TLS (directly or via a proxy)
  std::optional<Viewer> viewer;  // set by the dispatcher for signed-in routes
  // An uploaded file (an export to import), streamed by the server into memory that never
  // touches the disk, to be opened at this path; empty for every other request.
  std::string upload_path;
  int64_t upload_bytes = 0;
};

struct ApiResponse {
  int status = 200;
  nlohmann::json body = nlohmann::json::object();
  std::vector<std::pair<std::string, std::string>> headers;
  // A download too large to hold (spill_file.h), sent instead of `body` with the Content-Type
  // among `headers`.
  std::shared_ptr<const SpillFile> file;
};

// The one mapping from Status codes to HTTP statuses.
int HttpStatusFor(StatusCode code);
// {"error": {"code": "not_found", "message": "..."}} with the mapped status.
ApiResponse ErrorResponse(const Status& status);

}  // namespace pl::server

namespace pl::server {
// 405 with an Allow header listing `allowed` methods.
ApiResponse MethodNotAllowed(const std::string& allowed);
}  // namespace pl::server
