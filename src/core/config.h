// Configuration from a file, the environment and flags, in that order of precedence (flags win).
// The file is `key = value` lines with '#' comments; the environment uses PEERLEARN_<KEY> in
// upper case (PEERLEARN_DB, PEERLEARN_LISTEN, ...). Every value is validated; errors name the
// source ("peerlearn.conf:3", "PEERLEARN_LISTEN", "--listen") and what is expected.
//
//   ConfigSources src{.file_name = "peerlearn.conf", .file_text = text, .flags = {{"db", url}}};
//   ASSIGN_OR_RETURN(Config cfg, LoadConfig(src));
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/status.h"

namespace pl {

struct Config {
  std::string db = "sqlite:peerlearn.db";  // sqlite:PATH (or a bare path) or postgresql://...
  std::string listen = "127.0.0.1:8080";   // host:port; port 0 picks a free one
  std::string web_root;                    // built web app; empty = next to the binary
  int threads = 0;                         // HTTP worker threads; 0 = automatic
  int session_ttl_minutes = 12 * 60;
  int session_idle_minutes = 120;
  bool secure_cookies = false;  // set when served behind TLS (also inferred from X-Forwarded-Proto)
  int login_max_failures = 5;   // per account and per client address within the window
  int login_window_seconds = 300;
  int anonymity_k = 5;  // aggregates over fewer people are suppressed
  // Where survey invitations and reminders go: "log", "file:PATH" or "sendmail:COMMAND".
  std::string outbox = "log";
  // The address people open the app at, for links in messages; empty = http://<listen>.
  std::string public_url;
  int survey_job_seconds = 60;  // the survey job's period while serving; 0 = never
  // While serving, the network is analysed again (a snapshot stored) once the newest snapshot is
  // this many hours old, over the last `network_analyze_days` days (0: every interaction);
  // 0 = never.
  int network_analyze_hours = 168;
  int network_analyze_days = 90;
  // After each of those analyses, only the newest this many snapshots are kept; 0 = all.
  int network_keep_snapshots = 0;
  // While serving, audit entries older than this many days are deleted once a day; 0 = kept.
  int audit_keep_days = 0;
  // ... and interactions that happened more than this many days ago; 0 = kept.
  int interactions_keep_days = 0;
  std::string log_level = "info";
  // The largest export an admin may upload to import (Slack, Teams), in MiB; other requests'
  // bodies stay under 1 MiB.
  int max_upload_mib = 1024;
  // The key file that pseudonymised the roster (`import roster --key-file`), so that uploaded
  // exports are matched and pseudonymised with it too; empty = none.
  std::string pseudonym_key_file;

  // The host and port parts of `listen` (validated by LoadConfig).
  std::string ListenHost() const;
  int ListenPort() const;
};

struct ConfigSources {
  std::string file_name;                     // for messages
  std::optional<std::string> file_text;      // contents of the config file, if any
  std::map<std::string, std::string> env;    // PEERLEARN_* variables
  std::map<std::string, std::string> flags;  // key -> value, from the command line
};

Result<Config> LoadConfig(const ConfigSources& sources);

// The PEERLEARN_* variables of this process.
std::map<std::string, std::string> ProcessEnvironment();

}  // namespace pl
