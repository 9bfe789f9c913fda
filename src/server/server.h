// The HTTP server: the JSON API under /api/v1 (see routes.h) and the web app's static files,
// on cpp-httplib with a worker pool. Every response carries the security headers (CSP,
// nosniff, frame-deny, no-referrer).
//
//   ASSIGN_OR_RETURN(auto server, Server::Create(*store, config, web_root));
//   ASSIGN_OR_RETURN(int port, server->Bind());   // port 0 in config → any free port
//   std::thread t([&] { (void)server->Serve(); });
//   ...
//   server->Stop();  // from any thread; in-flight requests finish first
#pragma once

#include <memory>
#include <string>

#include "core/config.h"
#include "store/store.h"

namespace pl::server {

// How long a connection idle between requests is kept open for the next one.
inline constexpr int kKeepAliveSeconds = 5;

struct ServerOptions {
  std::string web_root;  // folder with the built web app (index.html); empty = API only
  std::string version = "0.1.0";
  const Clock* clock = nullptr;  // defaults to the system clock
};

class Server {
 public:
  // `store` must outlive the server.
  static Result<std::unique_ptr<Server>> Create(store::Store& store, const Config& config,
                                                const ServerOptions& options);
  virtual ~Server() = default;

  // Binds to config.listen. Returns the bound port. Unavailable if the address is taken.
  virtual Result<int> Bind() = 0;
  // Serves until Stop(). Call after Bind().
  virtual Status Serve() = 0;
  // Stops accepting, lets in-flight requests finish (each connection closed once answered), closes
  // connections idle between requests at once, and makes Serve() return when all are closed.
  // Thread-safe.
  virtual void Stop() = 0;
};

}  // namespace pl::server
