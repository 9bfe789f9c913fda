#include "testing/test_backends.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace pl::testing {

std::vector<std::string> Backends() { return {"sqlite", "postgresql"}; }

namespace {

// The directories this process made, removed with everything in them when it exits (after every
// test and every static store that may still hold a file open in them), unless
// PL_TEST_KEEP_TMP is set to look at them afterwards.
class TempDirs {
 public:
  ~TempDirs() {
    if (const char* keep = std::getenv("PL_TEST_KEEP_TMP"); keep && *keep) return;
    std::error_code ec;
    for (const std::string& dir : dirs_) std::filesystem::remove_all(dir, ec);
  }
  void Add(std::string dir) {
    std::lock_guard lock(mu_);
    dirs_.push_back(std::move(dir));
  }

 private:
  std::mutex mu_;
  std::vector<std::string> dirs_;
};

TempDirs& MadeHere() {
  static TempDirs dirs;
  return dirs;
}

}  // namespace

std::string MakeTempDir() {
  TempDirs& made = MadeHere();  // constructed before the caller's statics, so outlives them
  std::string tmpl = (std::filesystem::temp_directory_path() / "peerlearn-test.XXXXXX").string();
  if (!mkdtemp(tmpl.data())) {
    std::fprintf(stderr, "cannot make a temporary directory from %s\n", tmpl.c_str());
    std::abort();
  }
  made.Add(tmpl);
  return tmpl;
}

namespace {

Result<std::string> PostgresServerUrl() {
  if (const char* url = std::getenv("PL_TEST_PG_URL"); url && *url) return std::string(url);
  const char* dir = std::getenv("PL_TEST_STATE_DIR");
  if (dir) {
    std::ifstream in(std::string(dir) + "/pg_url");
    std::string url;
    if (in && std::getline(in, url) && !url.empty()) return url;
  }
  return FailedPrecondition(
      "no PostgreSQL test server: run the tests through ctest (its fixture starts one with "
      "scripts/pg-harness.sh) or set PL_TEST_PG_URL");
}

}  // namespace

Result<std::string> FreshDatabaseUrl(std::string_view backend) {
  static std::atomic<int> counter{0};
  int n = ++counter;
  if (backend == "sqlite") {
    static const std::string dir = MakeTempDir();
    return "sqlite:" + dir + "/store-" + std::to_string(getpid()) + "-" + std::to_string(n) + ".db";
  }
  ASSIGN_OR_RETURN(std::string server, PostgresServerUrl());
  std::string name = "pl_test_" + std::to_string(getpid()) + "_" + std::to_string(n);
  try {
    // A throw-away server with trust auth on loopback: key=value form for SOCI.
    std::string host_port = server.substr(server.find('@') + 1);
    std::string host = host_port.substr(0, host_port.find(':'));
    std::string port = host_port.substr(host.size() + 1, host_port.find('/') - host.size() - 1);
    soci::session admin(soci::postgresql,
                        "host=" + host + " port=" + port + " user=postgres dbname=postgres");
    admin << "CREATE DATABASE " + name;  // name is generated above from digits only
  } catch (const std::exception& e) {
    return Unavailable(std::string("creating a test database: ") + e.what());
  }
  size_t slash = server.rfind('/');
  return server.substr(0, slash + 1) + name;
}

Result<std::unique_ptr<store::Store>> FreshStore(std::string_view backend, std::string* url_out) {
  ASSIGN_OR_RETURN(std::string url, FreshDatabaseUrl(backend));
  if (url_out) *url_out = url;
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, store::Open(url, {.pool_size = 4}));
  RETURN_IF_ERROR(s->Migrate());
  return s;
}

}  // namespace pl::testing
