#include "server/server.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <httplib.h>
#include <netinet/in.h>
#include <spdlog/spdlog.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "ingest/pseudonym.h"
#include "server/compression.h"
#include "server/rate_limiter.h"
#include "server/routes.h"
#include "server/security.h"
#include "server/sessions.h"

namespace pl::server {
namespace {

constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

std::string MimeFor(const std::string& path) {
  static const std::unordered_map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  auto ext = std::filesystem::path(path).extension().string();
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::string CookieValue(const std::string& header, std::string_view name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.starts_with(name) && part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    pos = end + 1;
  }
  return "";
}

// Below this a body is sent as it is: compressing would save little and cost a round of the
// compressor's set-up.
constexpr size_t kCompressFrom = 1024;

// A request body's limit, and where uploads (streamed up to max_upload_mib) go.
constexpr size_t kMaxBody = size_t{1} << 20;
constexpr std::string_view kUploads = "/api/v1/imports/";

// The body's length as the request declares it: 0 when it does not say (no body, or chunked),
// UINT64_MAX when what it says is not a number that fits.
uint64_t DeclaredLength(const httplib::Request& req) {
  const std::string v = req.get_header_value("Content-Length");
  if (v.empty()) return 0;
  if (v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) return UINT64_MAX;
  return std::stoull(v);
}

nlohmann::json TooLarge() {
  return {{"error",
           {{"code", "payload_too_large"},
            {"message",
             "the request body is larger than 1 MiB (or does not say how large it "
             "is); exports are uploaded to /api/v1/imports/"}}}};
}

// Sends `bytes` as they are (already in `coding`), through a sized content provider: cpp-httplib
// compresses bodies given with set_content() itself, at Brotli's slowest quality (compression.h),
// but never those of a provider whose length is known.
void SendBytes(httplib::Response& res, std::shared_ptr<const std::string> bytes,
               const std::string& type, ContentCoding coding) {
  res.set_header("Vary", "Accept-Encoding");
  if (coding != ContentCoding::kIdentity) {
    res.set_header("Content-Encoding", std::string(CodingName(coding)));
  }
  const size_t size = bytes->size();
  if (size == 0) {
    res.set_content("", type);  // nothing to compress
    return;
  }
  res.set_content_provider(
      size, type,
      [bytes = std::move(bytes)](size_t offset, size_t length, httplib::DataSink& sink) {
        return sink.write(bytes->data() + offset, length);
      });
}

// Sends a body made for this request, compressed fast as the client accepts.
void SendBody(const httplib::Request& req, httplib::Response& res, std::string body,
              const std::string& type) {
  ContentCoding coding = body.size() < kCompressFrom
                             ? ContentCoding::kIdentity
                             : ChooseCoding(req.get_header_value("Accept-Encoding"));
  if (coding != ContentCoding::kIdentity) {
    if (auto packed = Compress(body, coding, Effort::kFast); packed.ok()) {
      body = std::move(*packed);
    } else {
      spdlog::warn("{} {}: sent uncompressed: {}", req.method, Printable(req.path, 200),
                   packed.status().message());
      coding = ContentCoding::kIdentity;
    }
  }
  SendBytes(res, std::make_shared<const std::string>(std::move(body)), type, coding);
}

// Sends a spilled download (spill_file.h), compressed fast as the client accepts into another
// spilled file, a piece at a time from the file: memory never holds the body.
void SendSpill(const httplib::Request& req, httplib::Response& res,
               std::shared_ptr<const SpillFile> file, const std::string& type) {
  ContentCoding coding = file->size() < kCompressFrom
                             ? ContentCoding::kIdentity
                             : ChooseCoding(req.get_header_value("Accept-Encoding"));
  if (coding != ContentCoding::kIdentity) {
    if (auto packed = Compress(file, coding); packed.ok()) {
      file = std::move(*packed);
    } else {
      spdlog::warn("{} {}: sent uncompressed: {}", req.method, Printable(req.path, 200),
                   packed.status().message());
      coding = ContentCoding::kIdentity;
    }
  }
  res.set_header("Vary", "Accept-Encoding");
  if (coding != ContentCoding::kIdentity) {
    res.set_header("Content-Encoding", std::string(CodingName(coding)));
  }
  const uint64_t size = file->size();
  if (size == 0) {
    res.set_content("", type);
    return;
  }
  res.set_content_provider(
      size, type, [file = std::move(file)](size_t offset, size_t length, httplib::DataSink& sink) {
        std::string buf(std::min<size_t>(length, 1 << 20), '\0');
        const int64_t got = file->ReadAt(buf.data(), buf.size(), offset);
        return got > 0 && sink.write(buf.data(), static_cast<size_t>(got));
      });
}

class HttpServer final : public Server {
 public:
  HttpServer(store::Store& store, const Config& config, const ServerOptions& options,
             std::optional<ingest::Pseudonymizer> pseudonymizer)
      : config_(config),
        pseudonymizer_(std::move(pseudonymizer)),
        clock_(options.clock ? *options.clock : SystemClock()),
        sessions_(store, clock_, std::chrono::minutes(config.session_ttl_minutes),
                  std::chrono::minutes(config.session_idle_minutes)),
        limiter_(config.login_max_failures, std::chrono::seconds(config.login_window_seconds)),
        ctx_{store,  sessions_,       limiter_,   config_,
             clock_, options.version, snapshots_, pseudonymizer_} {
    LoadWebApp(options.web_root);
    Configure();
  }

  Result<int> Bind() override {
    int port = config_.ListenPort();
    std::string host = config_.ListenHost();
    if (port == 0) {
      port = svr_.bind_to_any_port(host);
      if (port < 0) return Unavailable("cannot listen on " + host + " (no free port)");
    } else if (!svr_.bind_to_port(host, port)) {
      return Unavailable("cannot listen on " + config_.listen +
                         " (is another server using it? choose another with --listen)");
    }
    port_ = port;
    return port;
  }

  ~HttpServer() override {
    served_ = true;
    if (closer_.joinable()) closer_.join();
  }

  Status Serve() override {
    const bool ok = svr_.listen_after_bind();
    served_ = true;
    if (!ok) return Unavailable("the server stopped unexpectedly");
    return OkStatus();
  }

  // cpp-httplib 0.11 waits out the keep-alive time of a connection idle between requests before
  // its worker ends, and gives no hook to end it sooner. So after the listening socket is closed,
  // a thread looks at the process's sockets on the bound port every 20 ms until Serve() returns,
  // and shuts the receiving side of each one that is between requests: no request of it is being
  // handled (kept in `busy_` from when its headers are read until its answer is written) and no
  // byte of a next one is waiting. Its worker wakes at once to an end of input and closes it;
  // answers still being written are not touched (only the receiving side is shut), and a
  // request in flight is read to its end and answered before its connection is closed in turn.
  // A request that arrives in the instant between that look and the shut finds its connection
  // closed unanswered, as at any server's stop: nothing of it is handled (browsers send such a
  // request again on a new connection).
  void Stop() override {
    std::lock_guard<std::mutex> lock(stop_mu_);
    svr_.stop();
    if (closer_.joinable() || port_ <= 0) return;
    closer_ = std::thread([this] {
      while (!served_) {
        CloseIdleConnections();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
  }

 private:
  // The web app's files, read and compressed both ways when the server starts (they do not
  // change while it runs): as small as they go up to 4 MiB (the app's 232 kB script: 0.26 s),
  // fast above, so that a large file cannot hold the start up for seconds.
  void LoadWebApp(const std::string& root) {
    if (root.empty()) return;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::ifstream in(it->path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string rel = "/" + std::filesystem::relative(it->path(), root).generic_string();
      WebFile& f = files_[rel];
      f.type = MimeFor(rel);
      f.bytes = std::make_shared<const std::string>(ss.str());
      const bool text = f.type.starts_with("text/") || f.type.starts_with("application/json") ||
                        f.type.starts_with("image/svg") ||
                        f.type.starts_with("application/manifest");
      if (text && f.bytes->size() >= kCompressFrom) {
        for (ContentCoding c : {ContentCoding::kBrotli, ContentCoding::kGzip}) {
          auto packed = Compress(*f.bytes, c,
                                 f.bytes->size() <= (4u << 20) ? Effort::kSmallest : Effort::kFast);
          if (!packed.ok() || packed->size() >= f.bytes->size()) continue;
          (c == ContentCoding::kBrotli ? f.br : f.gzip) =
              std::make_shared<const std::string>(std::move(*packed));
        }
      }
    }
    if (files_.count("/index.html")) {
      spdlog::info("serving the web app from {} ({} files)", root, files_.size());
    }
  }

  // The remote port of each request being handled, by the worker handling it (a worker serves one
  // connection at a time, so a mark left behind is replaced by its next request's). By port
  // alone: two clients from different hosts on the same port can only keep a connection open
  // longer, never close one in use.
  void MarkBusy(int remote_port) {
    std::lock_guard<std::mutex> lock(busy_mu_);
    busy_[std::this_thread::get_id()] = remote_port;
  }
  void MarkDone() {
    std::lock_guard<std::mutex> lock(busy_mu_);
    busy_.erase(std::this_thread::get_id());
  }

  void CloseIdleConnections() {
    std::vector<int> busy;
    {
      std::lock_guard<std::mutex> lock(busy_mu_);
      for (const auto& [worker, port] : busy_) busy.push_back(port);
    }
    auto port_of = [](const sockaddr_storage& a) {
      if (a.ss_family == AF_INET)
        return int(ntohs(reinterpret_cast<const sockaddr_in&>(a).sin_port));
      if (a.ss_family == AF_INET6) {
        return int(ntohs(reinterpret_cast<const sockaddr_in6&>(a).sin6_port));
      }
      return -1;
    };
    // Each descriptor is looked at through a duplicate this thread makes and owns: a worker may
    // close the original meanwhile and its number be given to another file or socket (a store
    // connection), which a check and a shut made on the number could then hit. The duplicate
    // refers to one socket from its making to its closing, whatever becomes of the number. Made
    // and used with raw system calls: the thread sanitizer keeps its own record of each
    // descriptor number, and takes the duplicate's number for the closed descriptor it once was.
    auto sys = [](auto... args) { return ::syscall(args...); };
    DIR* dir = opendir("/proc/self/fd");
    if (dir == nullptr) return;
    while (const dirent* e = readdir(dir)) {
      char* end = nullptr;
      const long fd = std::strtol(e->d_name, &end, 10);
      if (end == e->d_name || *end != '\0' || fd == dirfd(dir)) continue;
      const long own = sys(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 0);
      if (own < 0) continue;  // closed since it was listed
      sockaddr_storage local{}, peer{};
      socklen_t local_len = sizeof local, peer_len = sizeof peer;
      int waiting = 0;
      // A connection accepted on our port (the closed listener has no peer), none of whose
      // requests is being handled, with no byte of a next one waiting.
      if (sys(SYS_getsockname, own, &local, &local_len) == 0 && port_of(local) == port_ &&
          sys(SYS_getpeername, own, &peer, &peer_len) == 0 &&
          std::find(busy.begin(), busy.end(), port_of(peer)) == busy.end() &&
          sys(SYS_ioctl, own, FIONREAD, &waiting) == 0 && waiting == 0) {
        sys(SYS_shutdown, own, SHUT_RD);
      }
      sys(SYS_close, own);
    }
    closedir(dir);
  }

  void Configure() {
    int threads = config_.threads > 0 ? config_.threads : 128;
    // One worker per keep-alive connection: the pool bounds concurrent connections.
    svr_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    svr_.set_tcp_nodelay(true);  // no Nagle/delayed-ACK stalls on keep-alive connections
    svr_.set_keep_alive_max_count(100000);
    // An idle keep-alive connection holds its worker until this runs out (a stop closes it at
    // once: Stop()): 5 s, the library's own default.
    svr_.set_keep_alive_timeout(kKeepAliveSeconds);
    svr_.set_read_timeout(15);
    svr_.set_write_timeout(15);
    // Bodies up to 1 MiB, but for uploads (up to max_upload_mib, streamed by HandleUpload).
    // POST, PUT, PATCH and DELETE bodies are read by HandleWithBody, which keeps at most 1 MiB;
    // a GET or OPTIONS with a body announcing more, or not saying how much, is refused unread.
    svr_.set_payload_max_length(std::max<size_t>(kMaxBody, size_t(config_.max_upload_mib) << 20));
    // A request is being handled from its pre-routing (its headers read) until its answer is
    // written (the logger is called then); see Stop().
    svr_.set_logger([this](const httplib::Request&, const httplib::Response&) { MarkDone(); });
    svr_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      MarkBusy(req.remote_port);
      if (req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS") {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      if (!req.has_header("Transfer-Encoding") && DeclaredLength(req) <= kMaxBody) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      res.status = 413;
      res.set_header("Connection", "close");
      res.set_content(TooLarge().dump(), "application/json");
      return httplib::Server::HandlerResponse::Handled;
    });
    svr_.set_default_headers({
        {"Content-Security-Policy", kCsp},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
    });
    auto api = [this](const httplib::Request& req, httplib::Response& res) { HandleApi(req, res); };
    auto with_body = [this](const httplib::Request& req, httplib::Response& res,
                            const httplib::ContentReader& content) {
      HandleWithBody(req, res, content);
    };
    const char* kApi = R"(/api/.*)";
    svr_.Get(kApi, api);
    svr_.Post(kApi, with_body);
    svr_.Put(kApi, with_body);
    svr_.Patch(kApi, with_body);
    svr_.Delete(kApi, with_body);
    // (httplib takes these methods to the handlers above whether or not a body is sent; the
    // plain ones stay as the fallback for a request it does not expect content from.)
    svr_.Post(kApi, api);
    svr_.Put(kApi, api);
    svr_.Patch(kApi, api);
    svr_.Delete(kApi, api);
    svr_.Options(kApi, api);
    svr_.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      HandleStatic(req, res);
    });
    svr_.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty() || res.content_length_ > 0) return;  // the handler's own answer
      if (res.status == 413) {
        res.set_content(TooLarge().dump(), "application/json");
        return;
      }
      nlohmann::json j = {{"error",
                           {{"code", "http_" + std::to_string(res.status)},
                            {"message", "the request could not be handled (HTTP " +
                                            std::to_string(res.status) + ")"}}}};
      res.set_content(j.dump(), "application/json");
    });
    svr_.set_exception_handler(
        [](const httplib::Request& req, httplib::Response& res, const std::exception_ptr& ep) {
          std::string what = "unknown";
          try {
            std::rethrow_exception(ep);
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          spdlog::error("{} {}: {}", req.method, Printable(req.path, 200), what);
          ApiResponse r = ErrorResponse(Internal(what));
          res.status = r.status;
          res.set_content(r.body.dump(), "application/json");
        });
  }

  static ApiRequest FromHttp(const httplib::Request& hreq) {
    ApiRequest req;
    req.method = hreq.method;
    req.path = hreq.path;
    for (const auto& [k, v] : hreq.params) req.query.emplace(k, v);
    req.content_type = hreq.get_header_value("Content-Type");
    req.origin = hreq.get_header_value("Origin");
    req.host = hreq.get_header_value("Host");
    req.remote_addr = hreq.remote_addr;
    req.session_token = CookieValue(hreq.get_header_value("Cookie"), "pl_session");
    req.csrf_header = hreq.get_header_value("X-CSRF-Token");
    req.via_tls = hreq.get_header_value("X-Forwarded-Proto") == "https";
    return req;
  }

  void HandleApi(const httplib::Request& hreq, httplib::Response& res) {
    ApiRequest req = FromHttp(hreq);
    req.body = hreq.body;
    Answer(hreq, res, Dispatch(ctx_, req));
  }

  // A request that may carry a body: an upload is streamed (HandleUpload); any other body is
  // kept up to 1 MiB, and one over that is read to its end and dropped, then refused (the
  // client gets its answer rather than a reset connection).
  void HandleWithBody(const httplib::Request& hreq, httplib::Response& res,
                      const httplib::ContentReader& content) {
    if (hreq.method == "POST" && hreq.path.starts_with(kUploads)) {
      HandleUpload(hreq, res, content);
      return;
    }
    std::string body;
    bool over = false;
    const bool read = content([&](const char* data, size_t length) {
      if (!over && body.size() + length > kMaxBody) {
        over = true;
        std::string().swap(body);
      }
      if (!over) body.append(data, length);
      return true;
    });
    // Over the server's payload limit (max_upload_mib), httplib refuses before any is read.
    if (over || (!read && DeclaredLength(hreq) > kMaxBody)) {
      res.status = 413;
      res.set_content(TooLarge().dump(), "application/json");
      return;
    }
    if (!read) {
      res.set_header("Connection", "close");
      Answer(hreq, res, ErrorResponse(InvalidArgument("the request body was cut short")));
      return;
    }
    ApiRequest req = FromHttp(hreq);
    req.body = std::move(body);
    Answer(hreq, res, Dispatch(ctx_, req));
  }

  // An upload (an export to import): the caller admitted on its headers alone, then the body
  // streamed into an anonymous in-memory file (memfd: never on disk, gone when closed) of at
  // most max_upload_mib, then dispatched with the file's path.
  void HandleUpload(const httplib::Request& hreq, httplib::Response& res,
                    const httplib::ContentReader& content) {
    ApiRequest req = FromHttp(hreq);
    if (std::optional<ApiResponse> refused = Admit(ctx_, req)) {
      res.set_header("Connection", "close");  // the body is not read
      Answer(hreq, res, std::move(*refused));
      return;
    }
    const int64_t limit = int64_t{config_.max_upload_mib} << 20;
    auto too_large = [&] {
      res.status = 413;
      nlohmann::json j = {
          {"error",
           {{"code", "payload_too_large"},
            {"message", "the upload is larger than " + std::to_string(config_.max_upload_mib) +
                            " MiB (the server's max_upload_mib)"}}}};
      res.set_content(j.dump(), "application/json");
    };
    if (DeclaredLength(hreq) > static_cast<uint64_t>(limit)) {
      // Over the server's payload limit (the same): httplib reads it to its end, unkept, so
      // that the admin's browser gets this answer rather than a reset connection.
      content([](const char*, size_t) { return true; });
      too_large();
      return;
    }
    const int fd = ::memfd_create("peerlearn-upload", MFD_CLOEXEC);
    if (fd < 0) {
      Answer(hreq, res,
             ErrorResponse(
                 Unavailable(std::string("no memory for the upload: ") + std::strerror(errno))));
      return;
    }
    bool over = false;
    int write_error = 0;
    const bool read = content([&](const char* data, size_t length) {
      if (req.upload_bytes + static_cast<int64_t>(length) > limit) {
        over = true;
        return false;
      }
      for (size_t done = 0; done < length;) {
        const ssize_t n = ::write(fd, data + done, length - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          write_error = n < 0 ? errno : ENOSPC;
          return false;
        }
        done += static_cast<size_t>(n);
      }
      req.upload_bytes += static_cast<int64_t>(length);
      return true;
    });
    if (over) {  // chunked, past the limit: not read further
      ::close(fd);
      res.set_header("Connection", "close");
      too_large();
      return;
    }
    ApiResponse r;
    if (write_error != 0) {
      r = ErrorResponse(
          Unavailable(std::string("no memory for the upload: ") + std::strerror(write_error)));
    } else if (!read) {
      res.set_header("Connection", "close");
      r = ErrorResponse(InvalidArgument("the upload was cut short"));
    } else {
      req.upload_path = "/proc/self/fd/" + std::to_string(fd);
      r = Dispatch(ctx_, req);
    }
    ::close(fd);
    Answer(hreq, res, std::move(r));
  }

  void Answer(const httplib::Request& hreq, httplib::Response& res, ApiResponse r) {
    res.status = r.status;
    std::string type = "application/json";
    for (auto& [k, v] : r.headers) {
      if (k == "Content-Type") {
        type = v;  // a download: the body is the file's text
      } else {
        res.set_header(k, v);
      }
    }
    res.set_header("Cache-Control", "no-store");
    if (r.file) {
      SendSpill(hreq, res, std::move(r.file), type);
    } else if (type != "application/json" && r.body.is_string()) {
      SendBody(hreq, res, std::move(r.body.get_ref<std::string&>()), type);  // not copied
    } else {
      SendBody(hreq, res, r.body.dump(), "application/json");
    }
  }

  void HandleStatic(const httplib::Request& req, httplib::Response& res) {
    if (files_.empty()) {
      res.set_content(
          "peerlearn API is running; the web app is not built (run scripts/setup.sh "
          "and scripts/build.sh).\n",
          "text/plain; charset=utf-8");
      return;
    }
    auto it = files_.find(req.path);
    if (it == files_.end()) {
      // Client-side routes get the app; a missing asset (with an extension) is a 404.
      if (std::filesystem::path(req.path).has_extension()) {
        res.status = 404;
        res.set_content("not found\n", "text/plain; charset=utf-8");
        return;
      }
      it = files_.find("/index.html");
      if (it == files_.end()) {
        res.status = 404;
        return;
      }
    }
    bool hashed = it->first.starts_with("/assets/");
    res.set_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    const WebFile& f = it->second;
    ContentCoding coding = ChooseCoding(req.get_header_value("Accept-Encoding"));
    const auto& packed = coding == ContentCoding::kBrotli ? f.br : f.gzip;
    if (coding == ContentCoding::kIdentity || !packed) {
      SendBytes(res, f.bytes, f.type, ContentCoding::kIdentity);  // asked for, or not worth it
    } else {
      SendBytes(res, packed, f.type, coding);
    }
  }

  const Config config_;
  const std::optional<ingest::Pseudonymizer> pseudonymizer_;
  const Clock& clock_;
  SessionManager sessions_;
  RateLimiter limiter_;
  SnapshotCache snapshots_;
  ApiContext ctx_;
  httplib::Server svr_;
  std::atomic<int> port_ = 0;  // bound
  std::mutex busy_mu_;
  std::unordered_map<std::thread::id, int> busy_;  // worker → remote port of its request
  std::mutex stop_mu_;
  std::atomic<bool> served_ = false;
  std::thread closer_;  // closes idle connections once stopping (Stop)
  struct WebFile {
    std::string type;
    std::shared_ptr<const std::string> bytes, br, gzip;  // as read; compressed (if it pays)
  };
  std::unordered_map<std::string, WebFile> files_;  // by path, read at start
};

}  // namespace

Result<std::unique_ptr<Server>> Server::Create(store::Store& store, const Config& config,
                                               const ServerOptions& options) {
  RETURN_IF_ERROR(InitSecurity());
  std::optional<ingest::Pseudonymizer> key;  // read now: unreadable stops the start, not an upload
  if (!config.pseudonym_key_file.empty()) {
    auto read = ingest::Pseudonymizer::FromKeyFile(config.pseudonym_key_file);
    if (!read.ok()) return read.status().WithContext("pseudonym_key_file");
    key = std::move(*read);
  }
  return std::unique_ptr<Server>(
      std::make_unique<HttpServer>(store, config, options, std::move(key)));
}

}  // namespace pl::server
