// A fresh, empty database URL for a benchmark run: a new SQLite file in the temp folder, or a
// new database on the PostgreSQL server named by PL_BENCH_PG_URL (bench/run.sh starts one).
// Returns "" when PostgreSQL is asked for and not available.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace pl::bench {

inline std::string FreshUrl(const std::string& backend, const std::string& prefix) {
  static int counter = 0;
  ++counter;
  const std::string tag = prefix + std::to_string(getpid()) + "_" + std::to_string(counter);
  if (backend == "sqlite") {
    const std::string path = std::filesystem::temp_directory_path() / (tag + ".db");
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
    return "sqlite:" + path;
  }
  const char* server = std::getenv("PL_BENCH_PG_URL");
  if (!server) return "";
  const std::string admin = server;
  const std::string cmd = "psql -q '" + admin + "' -c 'CREATE DATABASE " + tag + "'";
  if (std::system(cmd.c_str()) != 0) return "";
  return admin.substr(0, admin.rfind('/') + 1) + tag;
}

}  // namespace pl::bench
