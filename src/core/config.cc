#include "core/config.h"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <vector>

#include "core/text.h"

extern char** environ;

namespace pl {
namespace {

Result<int> ParseInt(std::string_view v, int lo, int hi) {
  int out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size()) {
    return InvalidArgument("'" + std::string(v) + "' is not a whole number");
  }
  if (out < lo || out > hi) {
    return InvalidArgument(std::to_string(out) + " is out of range [" + std::to_string(lo) + ", " +
                           std::to_string(hi) + "]");
  }
  return out;
}

Result<bool> ParseBool(std::string_view v) {
  std::string s = AsciiLower(v);
  if (s == "true" || s == "1" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "0" || s == "no" || s == "off") return false;
  return InvalidArgument("'" + std::string(v) + "' is not a boolean (use true or false)");
}

Status CheckListen(std::string_view v) {
  size_t colon = v.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return InvalidArgument("'" + std::string(v) + "' is not host:port (e.g. 127.0.0.1:8080)");
  }
  return ParseInt(v.substr(colon + 1), 0, 65535).status();
}

// A database URL, or a file path (no scheme: no letters and a colon before its first '/'), which
// is a SQLite file: `--db data/pl.db` is `--db sqlite:data/pl.db`.
Result<std::string> DbUrl(std::string_view v) {
  if (v.starts_with("sqlite:") && v.size() > 7) return std::string(v);
  if (v.starts_with("postgresql://") || v.starts_with("postgres://")) return std::string(v);
  const size_t colon = v.find(':');
  const bool scheme = colon != std::string_view::npos && colon > 0 &&
                      std::isalpha(static_cast<unsigned char>(v[0])) &&
                      v.substr(0, colon).find_first_not_of(
                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-") ==
                          std::string_view::npos;
  if (!v.empty() && !scheme) return "sqlite:" + std::string(v);
  return InvalidArgument("'" + std::string(v) +
                         "' is not a database URL (use sqlite:PATH, a file path or "
                         "postgresql://...)");
}

using Setter = std::function<Status(Config&, std::string_view)>;

const std::map<std::string, Setter>& Setters() {
  static const std::map<std::string, Setter> kSetters = {
      {"db",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.db, DbUrl(v));
         return OkStatus();
       }},
      {"listen",
       [](Config& c, std::string_view v) {
         RETURN_IF_ERROR(CheckListen(v));
         c.listen = v;
         return OkStatus();
       }},
      {"web_root",
       [](Config& c, std::string_view v) {
         c.web_root = v;
         return OkStatus();
       }},
      {"threads",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.threads, ParseInt(v, 0, 1024));
         return OkStatus();
       }},
      {"session_ttl_minutes",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.session_ttl_minutes, ParseInt(v, 1, 60 * 24 * 90));
         return OkStatus();
       }},
      {"session_idle_minutes",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.session_idle_minutes, ParseInt(v, 1, 60 * 24 * 90));
         return OkStatus();
       }},
      {"secure_cookies",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.secure_cookies, ParseBool(v));
         return OkStatus();
       }},
      {"login_max_failures",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.login_max_failures, ParseInt(v, 1, 1000));
         return OkStatus();
       }},
      {"login_window_seconds",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.login_window_seconds, ParseInt(v, 1, 86400));
         return OkStatus();
       }},
      {"anonymity_k",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.anonymity_k, ParseInt(v, 3, 1000));
         return OkStatus();
       }},
      {"outbox",
       [](Config& c, std::string_view v) {
         if (v != "log" && !(v.starts_with("file:") && v.size() > 5) &&
             !(v.starts_with("sendmail:") && v.size() > 9)) {
           return InvalidArgument("'" + std::string(v) +
                                  "' is not log, file:PATH or sendmail:COMMAND");
         }
         c.outbox = v;
         return OkStatus();
       }},
      {"public_url",
       [](Config& c, std::string_view v) {
         if (!v.empty() && !v.starts_with("http://") && !v.starts_with("https://")) {
           return InvalidArgument("'" + std::string(v) + "' is not an http:// or https:// URL");
         }
         c.public_url = v;
         while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
         return OkStatus();
       }},
      {"survey_job_seconds",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.survey_job_seconds, ParseInt(v, 0, 86400));
         return OkStatus();
       }},
      {"network_analyze_hours",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.network_analyze_hours, ParseInt(v, 0, 24 * 366));
         return OkStatus();
       }},
      {"network_analyze_days",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.network_analyze_days, ParseInt(v, 0, 36500));
         return OkStatus();
       }},
      {"network_keep_snapshots",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.network_keep_snapshots, ParseInt(v, 0, 100000));
         return OkStatus();
       }},
      {"audit_keep_days",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.audit_keep_days, ParseInt(v, 0, 36500));
         return OkStatus();
       }},
      {"interactions_keep_days",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.interactions_keep_days, ParseInt(v, 0, 36500));
         return OkStatus();
       }},
      {"max_upload_mib",
       [](Config& c, std::string_view v) {
         ASSIGN_OR_RETURN(c.max_upload_mib, ParseInt(v, 1, 1 << 20));
         return OkStatus();
       }},
      {"pseudonym_key_file",
       [](Config& c, std::string_view v) {
         c.pseudonym_key_file = v;
         return OkStatus();
       }},
      {"log_level",
       [](Config& c, std::string_view v) {
         static const std::vector<std::string> kLevels = {"trace", "debug", "info",
                                                          "warn",  "error", "off"};
         for (const auto& l : kLevels)
           if (v == l) {
             c.log_level = v;
             return OkStatus();
           }
         return InvalidArgument("'" + std::string(v) +
                                "' is not a log level (trace, debug, info, warn, error, off)");
       }},
  };
  return kSetters;
}

Status Apply(Config& c, const std::string& key, std::string_view value, const std::string& where) {
  auto it = Setters().find(key);
  if (it == Setters().end()) {
    std::string known;
    for (const auto& [k, _] : Setters()) known += (known.empty() ? "" : ", ") + k;
    return InvalidArgument(where + ": unknown setting '" + key + "' (known: " + known + ")");
  }
  Status s = it->second(c, value);
  if (!s.ok()) return s.WithContext(where + ": " + key);
  return OkStatus();
}

}  // namespace

std::string Config::ListenHost() const { return listen.substr(0, listen.rfind(':')); }
int Config::ListenPort() const { return std::atoi(listen.c_str() + listen.rfind(':') + 1); }

Result<Config> LoadConfig(const ConfigSources& sources) {
  Config c;
  if (sources.file_text) {
    int line_no = 0;
    for (std::string_view line : Split(*sources.file_text, '\n')) {
      ++line_no;
      std::string_view t = Trim(line);
      if (t.empty() || t.front() == '#') continue;
      std::string where = sources.file_name + ":" + std::to_string(line_no);
      size_t eq = t.find('=');
      if (eq == std::string_view::npos) {
        return InvalidArgument(where + ": expected 'key = value', got '" + std::string(t) + "'");
      }
      std::string key(Trim(t.substr(0, eq)));
      std::string_view value = Trim(t.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      RETURN_IF_ERROR(Apply(c, key, value, where));
    }
  }
  for (const auto& [name, value] : sources.env) {
    if (!name.starts_with("PEERLEARN_")) continue;
    std::string key = AsciiLower(name.substr(10));
    if (key == "config" || key == "admin_password") continue;  // consumed elsewhere
    RETURN_IF_ERROR(Apply(c, key, value, name));
  }
  for (const auto& [key, value] : sources.flags) {
    RETURN_IF_ERROR(Apply(c, key, value, "--" + key));
  }
  return c;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    if (!kv.starts_with("PEERLEARN_")) continue;
    size_t eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return out;
}

}  // namespace pl
