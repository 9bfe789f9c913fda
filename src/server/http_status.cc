#include "server/api.h"

namespace pl::server {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kFailedPrecondition:
      return 412;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

ApiResponse ErrorResponse(const Status& status) {
  ApiResponse r;
  r.status = HttpStatusFor(status.code());
  // Internal details stay in the server log, not in the response.
  std::string message = status.code() == StatusCode::kInternal
                            ? "an internal error occurred; it has been logged"
                            : status.message();
  r.body = {
      {"error", {{"code", std::string(StatusCodeName(status.code()))}, {"message", message}}}};
  return r;
}

}  // namespace pl::server

namespace pl::server {

ApiResponse MethodNotAllowed(const std::string& allowed) {
  ApiResponse r;
  r.status = 405;
  r.body = {{"error", {{"code", "method_not_allowed"}, {"message", "use " + allowed}}}};
  r.headers.emplace_back("Allow", allowed);
  return r;
}

}  // namespace pl::server
