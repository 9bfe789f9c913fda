#include "cli/commands.h"

#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "analytics/network_job.h"
#include "analytics/retention.h"
#include "analytics/survey_job.h"
#include "cli/internal/common.h"
#include "core/text.h"
#include "core/time.h"
#include "demo/chat_demo.h"
#include "demo/demo.h"
#include "demo/matching_demo.h"
#include "demo/survey_demo.h"
#include "ingest/chat_import.h"
#include "ingest/interactions.h"
#include "ingest/pseudonym.h"
#include "ingest/roster.h"
#include "ingest/survey_csv.h"
#include "matching/circles.h"
#include "matching/mentor.h"
#include "network/export.h"
#include "network/truth.h"
#include "notify/sender.h"
#include "server/accounts.h"
#include "server/audit_log.h"
#include "server/server.h"
#include "store/store.h"

namespace pl::cli {
namespace {

using internal::kMaxRosterBytes;
using internal::OpenMigrated;
using internal::PrintIssues;
using internal::ReadFile;
using internal::WriteFileWhole;

namespace fs = std::filesystem;

// Prints every import issue to stderr; a rejected file becomes the command's error.

std::string DisplayHost(const Config& c) {
  std::string host = c.ListenHost();
  return host == "0.0.0.0" ? "127.0.0.1" : host;
}

// Runs `job` every `period` on a thread of its own, from construction (first right away) until
// destruction, which waits for a run in progress to end.
class Ticker {
 public:
  Ticker() = default;
  void Start(std::chrono::seconds period, std::function<void()> job) {
    thread_ = std::thread([this, period, job = std::move(job)] {
      std::unique_lock lock(mu_);
      while (!stop_) {
        lock.unlock();
        job();
        lock.lock();
        wake_.wait_for(lock, period, [this] { return stop_; });
      }
    });
  }
  ~Ticker() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

// Runs the survey job (scheduled waves, invitations, reminders, delivery) every
// `config.survey_job_seconds` from construction until destruction, first right away.
class SurveyJobTicker {
 public:
  SurveyJobTicker(store::Store& store, const Config& config, int port) {
    if (config.survey_job_seconds <= 0) return;
    auto sender = notify::SenderFromSpec(config.outbox);
    if (!sender.ok()) {
      spdlog::error("survey job not started: {}", sender.status().ToString());
      return;
    }
    sender_ = std::move(sender).value();
    options_.base_url = !config.public_url.empty()
                            ? config.public_url
                            : "http://" + DisplayHost(config) + ":" + std::to_string(port);
    ticker_.Start(std::chrono::seconds(config.survey_job_seconds), [this, &store] {
      auto r = analytics::RunSurveyJob(store, *sender_, SystemClock(), options_);
      if (!r.ok()) {
        spdlog::error("survey job: {}", r.status().ToString());
      } else if (r->waves_opened || r->invitations || r->reminders || r->sent || r->failed) {
        spdlog::info(
            "survey job: {} waves opened, {} invitations and {} reminders queued, {} sent, {} "
            "failed ({})",
            r->waves_opened, r->invitations, r->reminders, r->sent, r->failed, sender_->Describe());
      }
    });
  }

 private:
  std::unique_ptr<notify::Sender> sender_;
  analytics::SurveyJobOptions options_;
  Ticker ticker_;  // last: stopped before what its job uses goes
};

// Analyses the network again whenever the newest snapshot is `config.network_analyze_hours` old
// (looked at every ten minutes, first right away): snapshots for the trends without anyone
// running `peerlearn analyze`.
class NetworkJobTicker {
 public:
  NetworkJobTicker(store::Store& store, const Config& config) {
    if (config.network_analyze_hours <= 0) return;
    const analytics::ScheduledAnalysis schedule{std::chrono::hours(config.network_analyze_hours),
                                                config.network_analyze_days,
                                                config.network_keep_snapshots};
    ticker_.Start(std::chrono::minutes(10), [&store, schedule] {
      const auto t0 = std::chrono::steady_clock::now();
      auto r = analytics::RunScheduledAnalysis(store, schedule, SystemClock());
      if (!r.ok()) {
        spdlog::error("network analysis: {}", r.status().ToString());
      } else if (r->has_value()) {
        spdlog::info("network analysis: snapshot {} stored, {} interactions ({}), {:.1f} s{}",
                     (*r)->job.snapshot.id, (*r)->job.interactions,
                     schedule.days > 0 ? "the last " + std::to_string(schedule.days) + " days"
                                       : std::string("all"),
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                     (*r)->deleted.empty()
                         ? std::string()
                         : "; " + std::to_string((*r)->deleted.size()) + " older deleted");
      }
    });
  }

 private:
  Ticker ticker_;
};

// Deletes audit entries older than `config.audit_keep_days` and interactions older than
// `config.interactions_keep_days` once a day, first right away.
class RetentionTicker {
 public:
  RetentionTicker(store::Store& store, const Config& config) {
    const int audit = config.audit_keep_days, interactions = config.interactions_keep_days;
    if (audit <= 0 && interactions <= 0) return;
    ticker_.Start(std::chrono::hours(24), [&store, audit, interactions] {
      if (audit > 0) {
        auto gone = analytics::PruneAuditLog(store, audit, SystemClock());
        if (!gone.ok()) {
          spdlog::error("audit retention: {}", gone.status().ToString());
        } else if (*gone > 0) {
          spdlog::info("audit retention: {} entries older than {} days deleted", *gone, audit);
        }
      }
      if (interactions > 0) {
        auto gone = analytics::PruneInteractions(store, interactions, SystemClock());
        if (!gone.ok()) {
          spdlog::error("interaction retention: {}", gone.status().ToString());
        } else if (*gone > 0) {
          spdlog::info("interaction retention: {} interactions older than {} days deleted", *gone,
                       interactions);
        }
      }
    });
  }

 private:
  Ticker ticker_;
};

// Serves until SIGINT or SIGTERM, then shuts down gracefully.
Status ServeUntilSignalled(server::Server& srv, const std::string& banner) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // worker threads inherit the mask
  Status served;
  std::thread worker([&] { served = srv.Serve(); });
  std::cout << banner << std::flush;
  int sig = 0;
  sigwait(&set, &sig);
  std::cout << "\npeerlearn: " << (sig == SIGTERM ? "SIGTERM" : "SIGINT")
            << " received, finishing in-flight requests..." << std::endl;
  srv.Stop();
  worker.join();
  std::cout << "peerlearn: stopped" << std::endl;
  return served;
}

}  // namespace

std::string FindWebRoot(const Config& config) {
  if (!config.web_root.empty()) return config.web_root;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  fs::path dir = exe.parent_path();
  for (const fs::path& candidate : {dir / "web", dir / ".." / "share" / "peerlearn" / "web"}) {
    if (fs::exists(candidate / "index.html", ec)) return candidate.lexically_normal().string();
  }
  for (fs::path p = dir; p.has_parent_path() && p != p.parent_path(); p = p.parent_path()) {
    if (fs::exists(p / "web" / "dist" / "index.html", ec)) return (p / "web" / "dist").string();
  }
  return "";
}

Status RunMigrate(const Config& config) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, store::Open(config.db));
  ASSIGN_OR_RETURN(int before, s->SchemaVersion());
  ASSIGN_OR_RETURN(int after, s->Migrate());
  std::cout << "peerlearn: " << s->Backend() << " schema at version " << after
            << (after == before ? " (already up to date)" : " (was " + std::to_string(before) + ")")
            << "\n";
  return OkStatus();
}

Status RunServe(const Config& config) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  ASSIGN_OR_RETURN(std::unique_ptr<server::Server> srv,
                   server::Server::Create(*s, config, {.web_root = FindWebRoot(config)}));
  ASSIGN_OR_RETURN(int port, srv->Bind());
  ASSIGN_OR_RETURN(int64_t users, s->CountUsers());
  std::string banner = "peerlearn listening on http://" + DisplayHost(config) + ":" +
                       std::to_string(port) + " (" + std::string(s->Backend()) + ")\n";
  SurveyJobTicker survey_job(*s, config, port);
  NetworkJobTicker network_job(*s, config);
  RetentionTicker retention(*s, config);
  if (users == 0) {
    banner +=
        "No accounts yet: create the first admin with\n"
        "  peerlearn user add admin --role admin --db " +
        config.db + "\n";
  }
  return ServeUntilSignalled(*srv, banner);
}

Status RunImportRoster(const Config& config, const ImportRosterOptions& o) {
  ASSIGN_OR_RETURN(std::string text, internal::ReadTable(o.file, kMaxRosterBytes));
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  ingest::RosterOptions opt{.lenient = o.lenient, .sync = o.sync, .dry_run = o.dry_run};
  auto report = ingest::ImportRoster(*s, text, opt);
  if (!report.ok()) return report.status().WithContext("while importing " + o.file);
  RETURN_IF_ERROR(PrintIssues(o.file, report->issues, report->rejected, report->rows));
  const auto& a = report->applied;
  std::cout << (o.dry_run ? "dry run, nothing written: " : "") << o.file << ": " << report->rows
            << " rows, " << a.added << " added, " << a.updated << " updated, " << a.unchanged
            << " unchanged, " << a.deactivated << " deactivated, " << report->skipped
            << " skipped; " << a.teams_added << " new teams, " << a.skills_added << " new skills\n";
  return OkStatus();
}

Status RunImportInteractions(const Config& config, const ImportInteractionsOptions& o) {
  std::optional<Timestamp> date;
  if (!o.date.empty()) {
    auto t = ParseTimestamp(o.date);
    if (!t.ok()) return InvalidArgument("--date: " + t.status().message());
    date = *t;
  }
  ASSIGN_OR_RETURN(std::string text, internal::ReadTable(o.file, kMaxRosterBytes));
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  auto report =
      ingest::ImportInteractions(*s, text,
                                 {.lenient = o.lenient,
                                  .dry_run = o.dry_run,
                                  .default_layer = o.default_layer,
                                  .date = date,
                                  .context = o.context,
                                  .not_before = analytics::InteractionsFrom(
                                      config.interactions_keep_days, SystemClock().Now())});
  if (!report.ok()) return report.status().WithContext("while importing " + o.file);
  RETURN_IF_ERROR(PrintIssues(o.file, report->issues, report->rejected, report->rows));
  std::cout << (o.dry_run ? "dry run, nothing written: " : "") << o.file << ": " << report->rows
            << " rows, " << report->applied.added << " interactions added, "
            << report->applied.duplicates << " already present, ";
  if (report->self_interactions > 0) {
    std::cout << report->self_interactions << " self-interactions left out, ";
  }
  if (report->applied.too_old > 0) {
    std::cout << report->applied.too_old << " older than the retention ("
              << config.interactions_keep_days << " days) not kept, ";
  }
  std::cout << report->skipped << " skipped; message text: none read or stored\n";
  return OkStatus();
}

namespace {

void PrintChatReport(const ImportChatOptions& o, const ingest::ChatImportReport& r) {
  const auto& id = r.identities;
  std::cout << (o.dry_run ? "dry run, nothing written: " : "") << o.path << " (" << r.platform
            << " export, " << r.archive_kind << "): " << r.files << " message files in "
            << r.conversations << " conversations, " << r.files_failed << " malformed, "
            << r.other_files << " other files not read\n";
  std::cout << "  accounts: " << id.users << " (" << id.bots << " bots), " << id.matched_by_mapping
            << " matched by the mapping, " << id.matched_by_link << " by linked accounts, "
            << id.matched_by_email << " by e-mail, " << id.unmatched << " unmatched";
  if (!id.unmatched_ids.empty()) {
    std::cout << " (";
    for (size_t i = 0; i < id.unmatched_ids.size() && i < 10; ++i) {
      // The export's own text: printable only (no escape sequence reaches the terminal).
      std::cout << (i ? ", " : "") << Printable(id.unmatched_ids[i], 40);
      if (i < id.unmatched_names.size() && !id.unmatched_names[i].empty()) {
        std::cout << " " << Printable(id.unmatched_names[i], 60);
      }
    }
    std::cout << (id.unmatched > 10 ? ", ..." : "") << ")";
  }
  std::cout << "\n";
  if (id.unmatched > 0) {
    std::string suggested;
    for (size_t i = 0; i < id.unmatched_suggested_employee_ids.size(); ++i) {
      if (id.unmatched_suggested_employee_ids[i].empty()) continue;
      suggested += (suggested.empty() ? "" : ", ") + Printable(id.unmatched_ids[i], 40) + " → " +
                   id.unmatched_suggested_employee_ids[i];
    }
    if (!suggested.empty()) {
      std::cout << "  unmatched accounts named as one person of the roster is: " << suggested
                << "\n";
    }
    std::cout << "  link unmatched accounts to people once with 'peerlearn accounts " << r.platform
              << " --link MAPPING.csv'\n";
  }
  if (id.mapping_unknown_employee) {
    std::cout << "  mapping rows naming an employee id not in the roster: "
              << id.mapping_unknown_employee << "\n";
  }
  std::cout << "  messages: " << r.messages << ", by people: " << r.kept_messages << "\n";
  for (const auto& [reason, n] : r.skipped)
    std::cout << "    skipped, " << reason << ": " << n << "\n";
  std::cout << "  interactions:";
  bool any = false;
  for (size_t l = 0; l < graph::kLayerCount; ++l) {
    if (r.interactions[l]) {
      std::cout << " " << graph::LayerName(static_cast<graph::Layer>(l)) << " "
                << r.interactions[l];
      any = true;
    }
  }
  if (!any) std::cout << " none";
  std::cout << "; threads with 2+ people " << r.threads.threads << " (" << r.threads.large_threads
            << " over the size limit, no pair ties)\n";
  std::cout << "    left out: mentions of bots or unmatched accounts " << r.mentions_of_non_people
            << ", reactions by them " << r.reactions_by_non_people << ", replies whose thread "
            << "starter is unknown " << r.threads.replies_without_starter << "\n";
  std::cout << (o.dry_run ? "  would store: " : "  stored: ") << r.aggregated_rows
            << " daily rows (" << r.applied.added << " new, " << r.applied.updated << " raised, "
            << r.applied.duplicates << " already present";
  if (r.applied.too_old > 0) {
    std::cout << ", " << r.applied.too_old << " older than the retention not kept";
  }
  std::cout << ")\n";
  std::cout << "  time: " << std::fixed << std::setprecision(2) << r.parse_seconds
            << " s reading and parsing, " << r.write_seconds
            << (o.dry_run ? " s weighing against the store (nothing kept)\n" : " s writing\n");
  std::cout.unsetf(std::ios::floatfield);
  std::cout << (o.dry_run ? "  would keep: " : "  kept: ") << "who (people in the roster"
            << (r.pseudonymised ? ", pseudonymised" : "")
            << "), when (UTC day), where (conversation id"
            << (r.pseudonymised ? ", pseudonymised" : "")
            << "), kind of interaction and count. Not kept: message text, names, e-mails, "
               "files, emoji.\n";
}

}  // namespace

Status RunPseudonymiseRoster(const std::string& in, const std::string& out,
                             const std::string& key_file) {
  ASSIGN_OR_RETURN(ingest::Pseudonymizer key, ingest::Pseudonymizer::FromKeyFile(key_file));
  ASSIGN_OR_RETURN(std::string text, internal::ReadTable(in, kMaxRosterBytes));
  ingest::RosterPlan plan = ingest::PlanRoster(text, {}, {});
  RETURN_IF_ERROR(PrintIssues(in, plan.issues, plan.has_errors, plan.rows));
  ingest::PseudonymiseRoster(key, plan.records);
  RETURN_IF_ERROR(WriteFileWhole(out, [&](std::ostream& file) {
    file << ingest::WriteRosterCsv(plan.records);
    return OkStatus();
  }));
  std::cout << in << ": " << plan.records.size() << " people pseudonymised into " << out
            << " (ids, managers, e-mails and names replaced; import it with import roster)\n";
  return OkStatus();
}

namespace {

// The unmatched accounts as a mapping CSV to fill in: the account id, the export's name for it
// and the employee id of the one person of that name (blank where there is none).
Status WriteUnmatched(const ImportChatOptions& o, const ingest::IdentityReport& id) {
  RETURN_IF_ERROR(WriteFileWhole(o.unmatched_out, [&](std::ostream& out) {
    out << o.platform << "_id,name,employee_id\n";
    for (size_t i = 0; i < id.unmatched_ids.size(); ++i) {
      out << CsvField(id.unmatched_ids[i]) << ","
          << CsvText(i < id.unmatched_names.size() ? id.unmatched_names[i] : "") << ","
          << CsvField(i < id.unmatched_suggested_employee_ids.size()
                          ? id.unmatched_suggested_employee_ids[i]
                          : "")
          << "\n";
    }
    return OkStatus();
  }));
  std::cout << o.unmatched_out << ": " << id.unmatched_ids.size()
            << " unmatched accounts (fill in employee_id where it is blank or wrong, then "
               "'peerlearn accounts "
            << o.platform << " --link " << o.unmatched_out << "')\n";
  return OkStatus();
}

}  // namespace

Status RunImportChat(const Config& config, const ImportChatOptions& o) {
  ingest::ChatImportOptions opt;
  opt.lenient = o.lenient;
  opt.dry_run = o.dry_run;
  opt.threads = o.threads;
  opt.not_before = analytics::InteractionsFrom(config.interactions_keep_days, SystemClock().Now());
  if (o.max_entries > 0) opt.limits.max_entries = o.max_entries;
  if (o.max_total_mib > 0) opt.limits.max_total_bytes = o.max_total_mib << 20;
  if (!o.mapping.empty()) {
    ASSIGN_OR_RETURN(opt.mapping_csv, internal::ReadTable(o.mapping, kMaxRosterBytes));
  }
  if (!o.key_file.empty()) {
    ASSIGN_OR_RETURN(opt.pseudonymizer, ingest::Pseudonymizer::FromKeyFile(o.key_file));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  auto report = o.platform == "teams" ? ingest::ImportTeams(*s, o.path, opt)
                                      : ingest::ImportSlack(*s, o.path, opt);
  if (!report.ok()) return report.status().WithContext("while importing " + o.path);
  // The first kShownIssues files' problems, then how many more (a malformed export under
  // --lenient can have thousands).
  int errors = 0, hidden_errors = 0, hidden_warnings = 0;
  for (size_t i = 0; i < report->issues.size(); ++i) {
    const auto& issue = report->issues[i];
    errors += !issue.warning;
    if (i < internal::kShownIssues) {
      std::cerr << ingest::FormatFileIssue(issue) << "\n";
    } else {
      ++(issue.warning ? hidden_warnings : hidden_errors);
    }
  }
  if (hidden_errors + hidden_warnings > 0) {
    std::cerr << o.path << ": " << hidden_errors << " more malformed file(s) and "
              << hidden_warnings << " more warning(s) not shown\n";
  }
  if (!o.unmatched_out.empty()) RETURN_IF_ERROR(WriteUnmatched(o, report->identities));
  if (report->rejected) {
    return InvalidArgument(o.path + ": " + std::to_string(errors) +
                           " malformed file(s); nothing was imported (fix them, or use --lenient "
                           "to skip them)");
  }
  PrintChatReport(o, *report);
  return OkStatus();
}

namespace {

Result<std::string> ReadPassword(const UserAddOptions& o) {
  if (o.generate_password) return server::RandomPassword(20);
  if (o.password_stdin) {
    std::string line;
    if (!std::getline(std::cin, line)) return InvalidArgument("no password on standard input");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (!isatty(STDIN_FILENO)) {
    return InvalidArgument("give the password with --password-stdin or --generate-password");
  }
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  std::string a, b;
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::cout << "Password for " << o.username << ": " << std::flush;
  std::getline(std::cin, a);
  std::cout << "\nRepeat it: " << std::flush;
  std::getline(std::cin, b);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cout << "\n";
  if (a != b) return InvalidArgument("the two passwords differ");
  return a;
}

}  // namespace

Status RunUserAdd(const Config& config, const UserAddOptions& o) {
  auto role = ParseRole(o.role);
  if (!role)
    return InvalidArgument("--role must be admin, manager or employee (got '" + o.role + "')");
  ASSIGN_OR_RETURN(std::string password, ReadPassword(o));
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  ASSIGN_OR_RETURN(UserId id, server::AddAccount(*s, {o.username, password, *role, o.person}));
  std::cout << "peerlearn: created " << o.role << " account '" << o.username << "' (user "
            << id.value << ")";
  if (o.generate_password) std::cout << " with password: " << password;
  std::cout << "\n";
  return OkStatus();
}

namespace {

// "all time", "2026-07-01 to 2026-09-30 (92 days)" (whole days: the first and the last day), else
// times to the second: "2026-11-07T05:35:21Z to 2026-12-07T05:35:21Z (30 days)".
std::string WindowText(const std::optional<graph::Window>& w) {
  if (!w) return "all time";
  const auto from = std::chrono::floor<std::chrono::seconds>(w->from);
  const auto to = std::chrono::floor<std::chrono::seconds>(w->to);
  const auto day_from = std::chrono::floor<std::chrono::days>(from);
  const auto day_to = std::chrono::floor<std::chrono::days>(to);
  const bool whole_days = from == day_from && to == day_to;
  const int64_t days = graph::LengthInDays(*w);
  return (whole_days && day_to > day_from
              ? FormatDate(day_from) + " to " + FormatDate(day_to - std::chrono::days(1))
              : FormatTimestamp(from) + " to " + FormatTimestamp(to)) +
         " (" + std::to_string(days) + (days == 1 ? " day)" : " days)");
}

std::string Fixed(double v, int digits) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

// A count with its thousands grouped: 230,318 (as the web app writes counts).
std::string Grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

// A list's heading; where it is longer than the `shown` printed, says so and where the rest is.
void Heading(const std::string& what, size_t total, size_t shown) {
  std::cout << "  " << what;
  if (total > shown) {
    std::cout << " (the first " << shown << " of " << Grouped(static_cast<int64_t>(total))
              << "; `peerlearn export --format csv` has them all)";
  }
  std::cout << ":\n";
}
constexpr size_t kListed = 10;  // the people or teams of a finding printed

// A bridge's average contacts: one decimal, or "under 0.1" (as the web app writes it).
std::string OnAverage(double v) { return v < 0.1 ? "under 0.1" : Fixed(v, 1); }

// "E0123 Ana Silva (Eng/Platform)" for a store id.
std::string Who(const std::unordered_map<int64_t, const Person*>& people, int64_t id) {
  auto it = people.find(id);
  if (it == people.end()) return "#" + std::to_string(id);
  const Person& p = *it->second;
  return p.external_id + " " + p.name + (p.team_path.empty() ? "" : " (" + p.team_path + ")");
}

void PrintSnapshot(const network::Snapshot& s, const std::vector<Person>& people) {
  std::unordered_map<int64_t, const Person*> by_id;
  for (const auto& p : people) by_id[p.id.value] = &p;
  const auto& m = s.summary;
  const auto& f = s.findings;
  std::cout << "  " << m.at("people") << " people (" << m.at("people_with_ties") << " with ties), "
            << m.at("ties") << " ties; density " << Fixed(m.at("density").get<double>(), 4)
            << ", reciprocity " << Fixed(m.at("reciprocity").get<double>(), 2)
            << (m.contains("weight_reciprocity")
                    ? " (of the weight " + Fixed(m.at("weight_reciprocity").get<double>(), 2) + ")"
                    : "")
            << "\n  " << m.at("communities") << " communities (modularity "
            << Fixed(m.at("modularity").get<double>(), 3) << "); "
            << Fixed(100 * m.at("cross_team_tie_share").get<double>(), 1)
            << "% of ties join two teams\n  hidden champions " << m.at("champions")
            << ", silo teams " << m.at("silos") << ", brokers " << m.at("brokers")
            << ", single points of failure " << m.at("single_points") << ", newcomers "
            << m.at("newcomers") << " (" << m.at("isolated_newcomers") << " not yet connected)\n";
  if (const auto method = m.value("betweenness_method", std::string("exact")); method != "exact") {
    std::cout << "  betweenness " << method << " (with probability "
              << Fixed(1 - m.value("betweenness_delta", 0.0), 2)
              << " every normalised value within " << Fixed(m.value("betweenness_epsilon", 0.0), 3)
              << " of the exact one; --exact for exact values)\n";
  }
  if (!m.value("closeness_computed", true)) {
    std::cout << "  closeness left out for a network this large (--exact computes it)\n";
  }
  size_t shown = 0;
  for (const auto& c : f.at("champions")) {
    if (shown++ == 0)
      Heading("hidden champions, strongest first", f.at("champions").size(), kListed);
    if (shown > kListed) break;
    std::cout << "    " << Who(by_id, c.at("person")) << ", score "
              << Fixed(c.at("score").get<double>(), 2) << "\n";
    for (const auto& r : c.at("reasons")) std::cout << "      - " << r.get<std::string>() << "\n";
  }
  shown = 0;
  const auto visible = f.value("visible_helpers", nlohmann::json::array());
  for (const auto& c : visible) {
    if (shown++ == 0) {
      Heading("sought as widely, and already seen by the structure", visible.size(), kListed);
    }
    if (shown > kListed) break;
    std::cout << "    " << Who(by_id, c.at("person")) << ", asked by "
              << c.at("signals").at("askers") << " people; "
              << c.at("reasons").back().get<std::string>() << "\n";
  }
  shown = 0;
  for (const auto& t : f.at("silos")) {
    if (shown++ == 0) Heading("silo teams, most closed first", f.at("silos").size(), kListed);
    if (shown > kListed) break;
    std::cout << "    " << t.at("team").get<std::string>() << ": E-I "
              << Fixed(t.at("ei_index").get<double>(), 2) << ", " << t.at("members") << " people, "
              << t.at("internal_ties") << " ties inside, " << t.at("external_ties") << " outside\n";
  }
  std::unordered_set<int64_t> champions;
  for (const auto& c : f.at("champions")) champions.insert(c.at("person").get<int64_t>());
  shown = 0;
  for (const auto& b : f.at("brokers")) {
    if (shown++ == 0) {
      Heading("brokers between communities, most pairs linked first", f.at("brokers").size(),
              kListed);
    }
    if (shown > kListed) break;
    std::cout << "    " << Who(by_id, b.at("person")) << ": ";
    if (b.contains("brokerage")) {
      const int64_t pairs = b.at("brokerage");
      std::cout << "links " << Grouped(pairs) << (pairs == 1 ? " pair" : " pairs")
                << " of contacts in different communities, ";
    }
    std::cout << "tied into " << b.at("communities_reached") << " communities besides their own";
    if (b.contains("bridge") && !b.at("bridge").is_null()) {
      const auto& x = b.at("bridge");
      const int64_t ties = x.at("ties_between");
      std::cout << "; holds " << x.at("contacts") << " of the " << ties
                << (ties == 1 ? " tie" : " ties") << " between their community and community "
                << x.at("community");
      // Snapshots from before the surprise was counted have no average to compare with.
      if (x.contains("expected")) {
        std::cout << " (people of their community have "
                  << OnAverage(x.at("expected").get<double>()) << " there on average)";
      }
    }
    std::cout << (champions.count(b.at("person").get<int64_t>()) ? "; also a hidden champion" : "")
              << "\n";
  }
  shown = 0;
  for (const auto& p : f.at("single_points")) {
    if (shown++ == 0) {
      Heading("knowledge at risk (single points of failure), most teammates cut off first",
              f.at("single_points").size(), kListed);
    }
    if (shown > kListed) break;
    std::vector<std::string> why;
    if (const int64_t cut = p.at("teammates_cut_off"); cut > 0) {
      why.push_back("cuts off " + std::to_string(cut) + (cut == 1 ? " teammate" : " teammates"));
    }
    if (p.at("cuts_network").get<bool>()) why.push_back("cuts the network");
    std::string skills;
    for (const auto& k : p.value("sole_skills", nlohmann::json::array())) {
      const int64_t others = k.at("holders_elsewhere");
      skills += (skills.empty() ? "" : ", ") + k.at("skill").get<std::string>() + " (" +
                std::to_string(k.at("level").get<int>()) + ", " +
                (others == 0 ? std::string("nobody else") : std::to_string(others) + " elsewhere") +
                ")";
    }
    if (!skills.empty()) why.push_back("alone nearby with " + skills);
    std::cout << "    " << Who(by_id, p.at("person")) << ":";
    for (size_t i = 0; i < why.size(); ++i) std::cout << (i ? "; " : " ") << why[i];
    std::cout << "\n";
  }
}

}  // namespace

Status RunAnalyze(const Config& config, const AnalyzeOptions& o) {
  analytics::NetworkJobOptions job;
  const Timestamp now = SystemClock().Now();
  ASSIGN_OR_RETURN(
      job.params.build.window,
      analytics::ParseWindow({o.days, o.quarter, o.from, o.to}, now,
                             [](std::string_view k) { return "--" + std::string(k); }));
  if (o.half_life_days < 0) return InvalidArgument("--half-life must be a number of days above 0");
  if (o.half_life_days > 0) job.params.build.half_life = std::chrono::days(o.half_life_days);
  RETURN_IF_ERROR(analytics::ParseLayerWeights(o.layers, job.params));
  job.params.metrics.weighted = o.weighted;
  job.params.communities.resolution = o.resolution;
  job.params.communities.seed = o.seed;
  job.params.communities.runs = o.community_runs;
  job.params.findings.sole_skill_min_level = o.skill_level;
  job.params.findings.sole_skill_steps = o.skill_steps;
  job.params.findings.newcomer_days = o.newcomer_days;
  job.params.findings.newcomer_grace_days = o.newcomer_grace_days;
  RETURN_IF_ERROR(analytics::CheckNewcomerSettings(job.params.findings, [](std::string_view k) {
    std::string flag = "--" + std::string(k);
    std::replace(flag.begin(), flag.end(), '_', '-');
    return flag;
  }));
  if (o.exact) job.params.AlwaysExact();
  if (o.sample > 0) job.params.AlwaysSampled(o.sample);
  job.layout.seed = o.seed;
  job.dry_run = o.dry_run;
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  ASSIGN_OR_RETURN(analytics::NetworkJobResult r, analytics::RunNetworkJob(*s, job, SystemClock()));
  ASSIGN_OR_RETURN(std::vector<Person> people, s->AllPeople(false));
  std::cout << "peerlearn analyze: "
            << (o.dry_run ? std::string("dry run, nothing stored")
                          : "snapshot " + std::to_string(r.snapshot.id) + " stored")
            << "; " << r.interactions << " interactions, " << WindowText(job.params.build.window)
            << "\n";
  PrintSnapshot(r.snapshot, people);
  std::cout << "  times: reading " << Fixed(r.load_seconds, 2) << " s, analysing "
            << Fixed(r.analyse_seconds, 2) << " s, storing " << Fixed(r.save_seconds, 2) << " s\n";
  return OkStatus();
}

Status RunAccounts(const Config& config, const AccountsOptions& o) {
  if (!o.link.empty() && !o.unlink.empty()) {
    return InvalidArgument("--link and --unlink go one at a time");
  }
  ingest::ChatImportOptions opt;
  opt.lenient = o.lenient;
  opt.dry_run = o.dry_run;
  if (!o.key_file.empty()) {
    ASSIGN_OR_RETURN(opt.pseudonymizer, ingest::Pseudonymizer::FromKeyFile(o.key_file));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  if (!o.link.empty()) {
    ASSIGN_OR_RETURN(std::string csv, internal::ReadTable(o.link, kMaxRosterBytes));
    auto r = ingest::LinkAccountsFromCsv(*s, o.platform, csv, opt);
    if (!r.ok()) return r.status().WithContext("while linking accounts from " + o.link);
    for (const std::string& p : r->problems) std::cout << "  " << p << "\n";
    if (r->unknown > static_cast<int64_t>(r->problems.size())) {
      std::cout << "  ... and " << r->unknown - static_cast<int64_t>(r->problems.size())
                << " more\n";
    }
    if (r->rejected) {
      return InvalidArgument(o.link + ": " + std::to_string(r->unknown) + " of " +
                             std::to_string(r->rows) +
                             " rows name an employee id not in the roster; nothing linked "
                             "(--lenient links the rest)");
    }
    std::cout << (o.dry_run ? "dry run: would link " : "linked ") << r->linked << " of " << r->rows
              << " accounts (" << r->unchanged << " already so, " << r->unknown
              << " naming nobody in the roster)";
    if (r->blank > 0) std::cout << "; " << r->blank << " rows left blank";
    std::cout << "\n";
  }
  if (!o.unlink.empty()) {
    std::vector<std::string> keys;
    for (const std::string& a : o.unlink) {
      keys.push_back(opt.pseudonymizer ? opt.pseudonymizer->Apply("account", a) : a);
    }
    int64_t removed = 0;
    if (o.dry_run) {
      ASSIGN_OR_RETURN(auto links, s->ListAccountLinks(o.platform));
      for (const auto& l : links) removed += std::count(keys.begin(), keys.end(), l.account);
    } else {
      ASSIGN_OR_RETURN(removed, s->UnlinkAccounts(o.platform, keys));
    }
    std::cout << (o.dry_run ? "dry run: would unlink " : "unlinked ") << removed << " of "
              << keys.size() << " accounts\n";
  }
  ASSIGN_OR_RETURN(auto links, s->ListAccountLinks(o.platform));
  if (links.empty()) {
    std::cout << "no " << o.platform << " accounts linked\n";
    return OkStatus();
  }
  ASSIGN_OR_RETURN(auto people, s->AllPeople(true));
  std::unordered_map<int64_t, const Person*> by_id;
  for (const Person& p : people) by_id.emplace(p.id.value, &p);
  std::cout << "account  employee id  name  linked at\n";
  for (const auto& l : links) {
    auto p = by_id.find(l.person.value);
    std::cout << l.account << "  " << (p == by_id.end() ? "?" : p->second->external_id) << "  "
              << (p == by_id.end() ? "?" : p->second->name) << "  " << FormatTimestamp(l.linked_at)
              << "\n";
  }
  return OkStatus();
}

Status RunAudit(const Config& config, const AuditOptions& o) {
  store::AuditQuery q;
  q.action_prefix = o.action;
  q.target = o.target;
  for (auto [text, field, flag] :
       {std::tuple{&o.from, &q.since, "--from"}, std::tuple{&o.to, &q.until, "--to"}}) {
    if (text->empty()) continue;
    auto t = ParseTimestamp(*text);
    if (!t.ok()) {
      return InvalidArgument(std::string(flag) +
                             " must be a date like 2026-07-01 or a timestamp (" +
                             t.status().message() + ")");
    }
    *field = *t;
  }
  if (q.since && q.until && !(*q.since < *q.until)) {
    return InvalidArgument("--from must be before --to");
  }
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  if (!o.user.empty()) {
    auto u = s->FindUser(o.user);
    if (!u.ok() && u.status().code() == StatusCode::kNotFound) {
      return NotFound("--user: there is no account '" + o.user + "'");
    }
    if (!u.ok()) return u.status();
    q.user = u->id;
  }
  int64_t rows = 0;
  auto write = [&](std::ostream& out) -> Status {
    ASSIGN_OR_RETURN(rows, server::WriteAuditCsv(*s, q, out));
    return OkStatus();
  };
  if (o.out.empty()) {
    RETURN_IF_ERROR(write(std::cout));
    std::cout.flush();
  } else {
    RETURN_IF_ERROR(WriteFileWhole(o.out, write));
    std::cerr << "peerlearn audit: " << rows << (rows == 1 ? " entry" : " entries")
              << " written to " << o.out << "\n";
  }
  return s->AppendAudit(
      {0, SystemClock().Now(), UserId(), "audit.export", "audit_log",
       std::to_string(rows) + (rows == 1 ? " entry" : " entries") + ", on the command line"});
}

namespace {

// Columns as wide as their widest cell, two spaces apart; numbers right-aligned; the last
// column not padded.
void PrintTable(const std::vector<std::string>& head, const std::vector<bool>& number,
                const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(head.size());
  for (size_t c = 0; c < head.size(); ++c) {
    width[c] = head[c].size();
    for (const auto& r : rows) width[c] = std::max(width[c], r[c].size());
  }
  auto print = [&](const std::vector<std::string>& r) {
    std::string line;
    for (size_t c = 0; c < r.size(); ++c) {
      const std::string pad(width[c] - r[c].size(), ' ');
      if (c > 0) line += "  ";
      line += number[c] ? pad + r[c] : r[c] + (c + 1 == r.size() ? "" : pad);
    }
    std::cout << line << "\n";
  };
  print(head);
  for (const auto& r : rows) print(r);
}

// Settings two snapshots were analysed with differently (network::SettingsChanged), as
// "window all time → 30 days; weight of nomination 1.0 → 3.0".
std::string SettingsChangedText(const nlohmann::json& changed) {
  auto setting = [](const nlohmann::json& c, const char* side) -> std::string {
    const nlohmann::json& v = c.at(side);
    if (c.at("setting") == "window_days") {
      return v.is_null() ? "all time" : std::to_string(v.get<int64_t>()) + " days";
    }
    if (v.is_null()) return "none";
    return v.is_string() ? v.get<std::string>() : v.dump();
  };
  std::string out;
  for (const auto& c : changed) {
    std::string name = c.at("setting").get<std::string>();
    if (name == "window_days") name = "window";
    if (name == "half_life_days") name = "half-life in days";
    if (name.starts_with("layer_weight:")) name = "weight of " + name.substr(13);
    std::replace(name.begin(), name.end(), '_', ' ');
    out +=
        (out.empty() ? "" : "; ") + name + " " + setting(c, "before") + " → " + setting(c, "after");
  }
  return out;
}

// Which of the snapshots listed were analysed unlike the newest (`newest`), so that their
// numbers do not compare, and how: each snapshot's id with network::SettingsChanged from it to
// the newest.
void PrintUnlike(int64_t newest, const std::vector<std::pair<int64_t, nlohmann::json>>& changed) {
  std::string lines;
  for (const auto& [id, settings] : changed) {
    if (!settings.empty())
      lines += "\n  " + std::to_string(id) + ": " + SettingsChangedText(settings);
  }
  if (!lines.empty()) {
    std::cout << "analysed unlike the newest (" << newest
              << "), so their numbers are not like for like:" << lines << "\n";
  }
}

// One person in each snapshot that includes them, oldest first.
Status PrintPersonHistory(store::Store& s, const SnapshotsOptions& o) {
  if (!o.remove.empty() || o.keep > 0) return InvalidArgument("--person lists; it deletes nothing");
  ASSIGN_OR_RETURN(auto ids, s.PersonIdsByExternalId());
  auto it = ids.find(o.person);
  if (it == ids.end()) return NotFound("no person with employee id '" + o.person + "'");
  ASSIGN_OR_RETURN(Person who, s.GetPerson(it->second));
  ASSIGN_OR_RETURN(std::vector<store::PersonSnapshotRow> history,
                   s.PersonHistory(it->second, o.limit));
  const std::string name =
      who.external_id + " " + who.name + (who.team_path.empty() ? "" : " (" + who.team_path + ")");
  if (history.empty()) {
    std::cout << name << " is in no snapshot yet: run 'peerlearn analyze'\n";
    return OkStatus();
  }
  static const std::map<std::string, std::string> kFlag = {
      {"hidden_champion", "hidden champion"},
      {"visible_helper", "visible helper"},
      {"broker", "broker"},
      {"single_point", "single point of failure"},
      {"isolated_newcomer", "newcomer not yet connected"}};
  std::vector<std::vector<std::string>> rows;
  for (const store::PersonSnapshotRow& r : history) {
    std::string flags;
    for (const char* flag : network::PersonFlagsOf(r.findings, who.id.value)) {
      flags += (flags.empty() ? "" : ", ") + kFlag.at(flag);
    }
    const int64_t share = r.people > 0 ? std::llround(100.0 * static_cast<double>(r.fewer_askers) /
                                                      static_cast<double>(r.people))
                                       : 0;
    rows.push_back({std::to_string(r.snapshot_id),
                    FormatTimestamp(std::chrono::floor<std::chrono::seconds>(r.taken_at)),
                    std::to_string(r.person.in_degree), std::to_string(r.person.out_degree),
                    std::to_string(share) + "%", flags.empty() ? "-" : flags,
                    WindowText(r.window)});
  }
  std::cout << name << " in " << history.size() << " snapshot" << (history.size() == 1 ? "" : "s")
            << ", oldest first:\n";
  PrintTable(
      {"id", "taken at", "sought out by", "went to", "more askers than", "findings", "window"},
      {false, false, true, true, true, false, false}, rows);
  std::vector<std::pair<int64_t, nlohmann::json>> unlike;
  for (const auto& r : history) {
    unlike.emplace_back(
        r.snapshot_id,
        network::SettingsChanged(r.window, r.params, history.back().window, history.back().params));
  }
  PrintUnlike(history.back().snapshot_id, unlike);
  return OkStatus();
}

}  // namespace

Status RunSnapshots(const Config& config, const SnapshotsOptions& o) {
  if (!o.person.empty()) {
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
    return PrintPersonHistory(*s, o);
  }
  if (!o.remove.empty() && o.keep > 0)
    return InvalidArgument("--delete and --keep go one at a time");
  if (o.keep < 0) return InvalidArgument("--keep must be at least 1");
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  ASSIGN_OR_RETURN(std::vector<store::SnapshotInfo> list, s->ListSnapshots());
  std::vector<int64_t> doomed = o.remove;
  for (size_t i = static_cast<size_t>(o.keep); o.keep > 0 && i < list.size(); ++i) {
    doomed.push_back(list[i].id);
  }
  if (!doomed.empty() || o.keep > 0) {
    std::sort(doomed.begin(), doomed.end());
    doomed.erase(std::unique(doomed.begin(), doomed.end()), doomed.end());
    std::string named;
    for (int64_t id : doomed) named += (named.empty() ? "" : ", ") + std::to_string(id);
    if (doomed.empty()) {
      std::cout << "nothing to delete: " << list.size() << " snapshot"
                << (list.size() == 1 ? "" : "s") << " stored\n";
    } else if (o.dry_run) {
      for (int64_t id : doomed) {
        if (std::none_of(list.begin(), list.end(), [&](const auto& x) { return x.id == id; })) {
          return NotFound("there is no snapshot " + std::to_string(id));
        }
      }
      std::cout << "dry run: would delete snapshot" << (doomed.size() == 1 ? " " : "s ") << named
                << "\n";
    } else {
      ASSIGN_OR_RETURN(int64_t ties, s->DeleteSnapshots(doomed));
      std::cout << "deleted snapshot" << (doomed.size() == 1 ? " " : "s ") << named << " (" << ties
                << " ties)\n";
      ASSIGN_OR_RETURN(list, s->ListSnapshots());
    }
  }
  if (list.empty()) {
    std::cout << "no snapshots yet: run 'peerlearn analyze'\n";
    return OkStatus();
  }
  // The time to the second (the id tells snapshots apart).
  std::vector<std::vector<std::string>> rows;
  for (const auto& x : list) {
    auto count = [&](const char* key) { return std::to_string(x.summary.value(key, 0LL)); };
    rows.push_back(
        {std::to_string(x.id),
         FormatTimestamp(std::chrono::floor<std::chrono::seconds>(x.taken_at)), count("people"),
         count("ties"), count("communities"), count("champions"), count("silos"),
         WindowText(x.window) + (x.summary.value("scheduled", false) ? " (scheduled)" : "")});
  }
  PrintTable({"id", "taken at", "people", "ties", "communities", "champions", "silos", "window"},
             {false, false, true, true, true, true, true, false}, rows);
  std::vector<std::pair<int64_t, nlohmann::json>> unlike;
  for (const auto& x : list) {
    unlike.emplace_back(x.id, network::SettingsChanged(x.window, x.params, list.front().window,
                                                       list.front().params));
  }
  PrintUnlike(list.front().id, unlike);
  return OkStatus();
}

Status RunDiff(const Config& config, int64_t from, int64_t to, bool json) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  if (to == 0) {
    ASSIGN_OR_RETURN(to, internal::NewestSnapshot(*s, 0));
  }
  if (from == 0) {
    ASSIGN_OR_RETURN(from, internal::NewestSnapshot(*s, 1));
  }
  ASSIGN_OR_RETURN(network::Snapshot a, s->LoadSnapshot(from));
  ASSIGN_OR_RETURN(network::Snapshot b, s->LoadSnapshot(to));
  nlohmann::json d = network::DiffSnapshots(a, b);
  if (json) {
    std::cout << d.dump(1) << "\n";
    return OkStatus();
  }
  ASSIGN_OR_RETURN(std::vector<Person> people, s->AllPeople(true));
  std::unordered_map<int64_t, const Person*> by_id;
  for (const auto& p : people) by_id[p.id.value] = &p;
  std::cout << "snapshot " << from << " (" << FormatTimestamp(a.taken_at) << ") → " << to << " ("
            << FormatTimestamp(b.taken_at) << ")\n";
  // Whole numbers as they are, the others to four significant digits; the change signed.
  auto number = [](double v, bool sign) {
    std::ostringstream o;
    if (sign && v > 0) o << "+";
    if (sign && v < 0) o << "−";
    const double a = sign ? std::abs(v) : v;
    if (a == std::floor(a) && std::abs(a) < 1e15) {
      o << static_cast<int64_t>(a);
    } else {
      o << std::setprecision(4) << a;
    }
    return o.str();
  };
  // Settings that differ make some changes below the analysis's, not the organisation's.
  if (const auto& changed = d.at("settings_changed"); !changed.empty()) {
    std::cout << "  analysed differently (changes below partly reflect this): "
              << SettingsChangedText(changed) << "\n";
  }
  for (const auto& [key, v] : d.at("summary").items()) {
    if (v.at("change").get<double>() == 0) continue;
    std::cout << "  " << key << ": " << number(v.at("before").get<double>(), false) << " → "
              << number(v.at("after").get<double>(), false) << " ("
              << number(v.at("change").get<double>(), true) << ")\n";
  }
  auto list = [&](const char* title, const nlohmann::json& x, bool people_ids) {
    for (const char* part : {"added", "removed"}) {
      for (const auto& k : x.at(part)) {
        std::cout << "  " << title << (std::string(part) == "added" ? " new: " : " gone: ")
                  << (people_ids ? Who(by_id, k.get<int64_t>()) : k.get<std::string>()) << "\n";
      }
    }
  };
  list("hidden champion", d.at("champions"), true);
  for (const auto& k : d.value("champions_now_seen", nlohmann::json::array())) {
    std::cout << "  hidden champion now seen by the structure: " << Who(by_id, k.get<int64_t>())
              << "\n";
  }
  if (d.contains("visible_helpers")) list("visible helper", d.at("visible_helpers"), true);
  list("broker", d.at("brokers"), true);
  list("single point of failure", d.at("single_points"), true);
  list("silo team", d.at("silos"), false);
  list("isolated newcomer", d.at("isolated_newcomers"), true);
  size_t shown = 0;
  for (const auto& t : d.at("teams")) {
    if (t.at("ei_index_change").get<double>() == 0 || shown++ >= 10) break;
    std::cout << "  team " << t.at("team").get<std::string>() << ": E-I "
              << Fixed(t.at("ei_index_before").get<double>(), 2) << " → "
              << Fixed(t.at("ei_index_after").get<double>(), 2) << "\n";
  }
  return OkStatus();
}

Status RunExport(const Config& config, const ExportOptions& o) {
  auto format = network::ParseExportFormat(o.format);
  if (!format) {
    return InvalidArgument("--format must be csv, json, graphml or gexf (got '" + o.format + "')");
  }
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  int64_t id = o.snapshot;
  if (id == 0) {
    ASSIGN_OR_RETURN(id, internal::NewestSnapshot(*s, 0));
  }
  ASSIGN_OR_RETURN(network::Snapshot snap, s->LoadSnapshot(id));
  ASSIGN_OR_RETURN(std::vector<Person> people, s->AllPeople(/*include_inactive=*/true));
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec || !fs::is_directory(o.out_dir)) {
    return Unavailable("cannot create the folder '" + o.out_dir + "': " + ec.message());
  }
  for (const std::string& name : network::ExportFiles(*format)) {
    // Written beside, then renamed: a failed export never leaves a half-written file.
    const fs::path file = fs::path(o.out_dir) / name;
    RETURN_IF_ERROR(WriteFileWhole(file.string(), [&](std::ostream& out) {
      return network::WriteExportFile(*format, name, snap, people, {.names = o.names}, out);
    }));
    std::cout << file.string() << "\n";
  }
  std::cout << "peerlearn export: snapshot " << id << " (" << FormatTimestamp(snap.taken_at)
            << "), " << snap.people.size() << " people, " << snap.edges.size() << " ties, as "
            << o.format << "\n";
  return OkStatus();
}

Status RunDemo(const Config& config, const DemoOptions& o) {
  std::string path;
  if (config.db.starts_with("sqlite:")) {
    path = config.db.substr(7);
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ec);
  }
  // The day the demo is made as of: hire dates, the export's days and the analysis's newcomers
  // are relative to it, so that a seed and a day give the same organisation and findings.
  const Timestamp now = SystemClock().Now();
  Date today = std::chrono::floor<std::chrono::days>(now);
  if (!o.today.empty()) {
    Result<Date> day = ParseDate(o.today);
    if (!day.ok()) return day.status().WithContext("--today");
    today = *day;
  }
  const ManualClock as_of(Timestamp(today) + (now - std::chrono::floor<std::chrono::days>(now)));
  const Clock& clock = o.today.empty() ? SystemClock() : static_cast<const Clock&>(as_of);
  const auto t0 = std::chrono::steady_clock::now();  // the whole demo, as its last line says
  ASSIGN_OR_RETURN(demo::Organisation org, demo::Generate({o.people, o.seed, today}));
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  ASSIGN_OR_RETURN(store::PeoplePage existing,
                   s->ListPeople({.include_inactive = true, .limit = 1}));
  if (existing.total > 0) {
    return FailedPrecondition("the database " + config.db +
                              " already holds people; the demo needs an empty database");
  }
  ASSIGN_OR_RETURN(store::RosterApplyResult applied, s->ApplyRoster(org.people, {}));

  std::string truth_path =
      !o.truth_out.empty() ? o.truth_out : (path.empty() ? "" : path + ".truth.json");
  if (!truth_path.empty()) {
    std::ofstream out(truth_path);
    out << demo::TruthJson(org);
    if (!out) return Unavailable("cannot write " + truth_path);
  }
  if (!o.roster_out.empty()) {
    std::ofstream out(o.roster_out, std::ios::binary);
    out << ingest::WriteRosterCsv(org.people);
    if (!out) return Unavailable("cannot write " + o.roster_out);
  }

  // The organisation's Slack export and nomination waves, written out and imported through
  // the same importers a customer's files go through.
  std::string traces = !o.traces_dir.empty() ? o.traces_dir
                       : !path.empty()       ? path + ".traces"
                                             : std::string();
  if (!traces.empty()) {
    std::error_code ec;
    fs::remove_all(traces + "/slack-export", ec);
    fs::remove_all(traces + "/surveys", ec);
    fs::remove(traces + "/outbox.jsonl", ec);
    RETURN_IF_ERROR(demo::WriteSlackExport(
        org, {}, [&](const std::string& name, const std::string& bytes) -> Status {
          fs::path file = fs::path(traces) / "slack-export" / name;
          fs::create_directories(file.parent_path());
          std::ofstream out(file, std::ios::binary);
          out << bytes;
          return out ? OkStatus() : Unavailable("cannot write " + file.string());
        }));
    ASSIGN_OR_RETURN(ingest::ChatImportReport chat,
                     ingest::ImportSlack(*s, traces + "/slack-export", {}));
    // Nominations, kudos and debriefs: written as the files `peerlearn import nominations|kudos|
    // debriefs` takes, and imported from them.
    std::map<std::string, int64_t> csv_added;
    demo::HelpCsvs said = demo::WriteHelpCsvs(org, {});
    for (const auto& [kind, text] :
         {std::pair<std::string, const std::string*>{"nominations", &said.nominations},
          {"kudos", &said.kudos},
          {"debriefs", &said.debriefs}}) {
      const std::string file = traces + "/" + kind + ".csv";
      {
        std::ofstream out(file, std::ios::binary);
        out << *text;
        if (!out) return Unavailable("cannot write " + file);
      }
      ASSIGN_OR_RETURN(std::string read, ReadFile(file, kMaxRosterBytes));
      ASSIGN_OR_RETURN(
          ingest::InteractionsReport r,
          ingest::ImportInteractions(*s, read, {.default_layer = *ingest::CsvKindLayer(kind)}));
      if (r.rejected) return Internal("the demo's " + kind + " were refused");
      csv_added[kind] = r.applied.added;
    }
    ASSIGN_OR_RETURN(analytics::NetworkJobResult net, analytics::RunNetworkJob(*s, {}, clock));
    std::cout << "knowledge network: snapshot " << net.snapshot.id << " of "
              << net.snapshot.summary.at("ties") << " ties, "
              << net.snapshot.summary.at("champions") << " hidden champions, "
              << net.snapshot.summary.at("silos") << " silo teams, "
              << net.snapshot.summary.at("isolated_newcomers") << " newcomers not yet connected ("
              << Fixed(net.analyse_seconds + net.save_seconds, 2) << " s)\n";
    // The findings against what was planted (as `peerlearn check-findings` reports it).
    {
      ASSIGN_OR_RETURN(network::KnownTruth truth, network::ParseKnownTruth(demo::TruthJson(org)));
      std::unordered_map<int64_t, std::string> employee_id;
      ASSIGN_OR_RETURN(std::vector<Person> everyone, s->AllPeople(true));
      for (const Person& p : everyone) employee_id[p.id.value] = p.external_id;
      ASSIGN_OR_RETURN(auto scores, network::ScoreFindings(net.snapshot, truth, employee_id));
      std::cout << "  against the planted truth (peerlearn check-findings "
                << (truth_path.empty() ? std::string("TRUTH.json") : truth_path) << "):\n"
                << internal::DescribeFindingScores(scores, "    ");
    }
    // Past survey waves, as CSV files imported like a customer's.
    int64_t responses = 0;
    std::map<std::string, int> waves_by_instrument;
    fs::create_directories(fs::path(traces) / "surveys", ec);
    for (const demo::DemoWave& w : demo::SurveyWaves(org)) {
      const std::string file = (fs::path(traces) / "surveys" / w.file_name).string();
      {
        std::ofstream out(file, std::ios::binary);
        out << w.csv;
        if (!out) return Unavailable("cannot write " + file);
      }
      ASSIGN_OR_RETURN(surveys::Instrument in, surveys::BuiltinInstrument(w.instrument));
      ingest::SurveyCsvOptions so;
      so.respondent_column = "employee_id";
      so.wave.title = w.title;
      so.wave.opens_at = Timestamp(w.opens);
      so.wave.closes_at = Timestamp(w.closes);
      ASSIGN_OR_RETURN(ingest::SurveyCsvReport r, ingest::ImportSurveyCsv(*s, w.csv, in, so));
      if (r.rejected) {
        return Internal("demo survey " + w.file_name + " was rejected: " +
                        (r.issues.empty() ? std::string("?") : r.issues[0].message));
      }
      responses += r.written.responses;
      ++waves_by_instrument[w.instrument];
    }
    std::cout << "surveys: " << responses << " responses in";
    for (const auto& [key, n] : waves_by_instrument) std::cout << " " << key << " x" << n;
    std::cout << " (past waves, imported from " << traces << "/surveys)\n";
    // And two waves open now, for everyone, to answer in the app.
    const Timestamp opened = Timestamp(org.params.today - std::chrono::days(2));
    for (const auto& [key, title] :
         {std::pair<const char*, const char*>{"learning-pulse", "Learning pulse 4"},
          {"peer-nominations", "Who helps you learn?"}}) {
      ASSIGN_OR_RETURN(surveys::Instrument in, surveys::BuiltinInstrument(key));
      store::WaveRecord w;
      ASSIGN_OR_RETURN(w.instrument_id, s->SaveInstrument(in));
      w.title = title;
      w.opens_at = opened;
      w.closes_at = opened + std::chrono::days(14);
      ASSIGN_OR_RETURN(int64_t id, s->CreateWave(w));
      (void)id;
    }
    // Peer-learning programmes, as problem files beside the traces, solved once here.
    {
      const demo::DemoProgrammes files = demo::Programmes(org);
      const std::string mentors_file = traces + "/mentors-problem.json";
      const std::string circles_file = traces + "/circles-problem.json";
      for (const auto& [path, text] : {std::pair{mentors_file, files.mentors_json},
                                       std::pair{circles_file, files.circles_json}}) {
        std::ofstream out(path, std::ios::binary);
        out << text;
        if (!out) return Unavailable("cannot write " + path);
      }
      ASSIGN_OR_RETURN(matching::MatchProblem mp, matching::ParseMatchProblem(files.mentors_json));
      ASSIGN_OR_RETURN(matching::MatchResult mr, matching::MatchMentors(mp));
      // The same opt-ins, in the store: the programme an admin finds on the Mentoring page.
      ASSIGN_OR_RETURN(auto ids, s->PersonIdsByExternalId());
      const Timestamp opted = clock.Now();
      for (const auto& m : mp.mentees) {
        store::MentoringOptIn o{ids.at(mp.people[m.person].id), "mentee", {}, {}, 0, opted};
        for (const auto& g : m.goals) {
          o.goals.emplace_back(mp.skills.names[g.skill], static_cast<int>(g.target));
        }
        RETURN_IF_ERROR(s->SaveMentoringOptIn(o));
      }
      for (const auto& m : mp.mentors) {
        store::MentoringOptIn o{
            ids.at(mp.people[m.person].id), "mentor", {}, {}, m.capacity, opted};
        for (int k : m.offers) o.offers.push_back(mp.skills.names[k]);
        RETURN_IF_ERROR(s->SaveMentoringOptIn(o));
      }
      // Past pairings, ended and rated: the history the next matching weighs. The three people
      // the demo signs in as start without one, so their walk-through starts from nothing.
      {
        const std::set<std::string> sign_in = {org.admin_external_id, org.manager_external_id,
                                               org.employee_external_id};
        std::map<std::pair<int64_t, int64_t>, double> rated;
        std::vector<store::MentoringPair> past;
        // Each scored as the matching scores the two today, without the history they made.
        matching::MatchProblem before = mp;
        before.pairings.clear();
        for (const matching::PastPairing& h : mp.pairings) {
          if (sign_in.count(mp.people[h.mentee].id) || sign_in.count(mp.people[h.mentor].id)) {
            continue;
          }
          const PersonId mentee = ids.at(mp.people[h.mentee].id);
          const PersonId mentor = ids.at(mp.people[h.mentor].id);
          if (mentee == mentor ||
              !rated.emplace(std::pair{mentee.value, mentor.value}, h.rating).second) {
            continue;
          }
          store::MentoringPair x;
          x.mentee = mentee, x.mentor = mentor, x.status = "proposed";
          x.explanation = "An earlier pairing, before this programme.";
          const auto me = std::find_if(mp.mentees.begin(), mp.mentees.end(),
                                       [&](const auto& m) { return m.person == h.mentee; });
          const auto mo = std::find_if(mp.mentors.begin(), mp.mentors.end(),
                                       [&](const auto& m) { return m.person == h.mentor; });
          if (me != mp.mentees.end() && mo != mp.mentors.end()) {
            const matching::ScoreParts score = matching::ScorePair(before, *me, *mo);
            x.score = score.total;
            x.explanation += " Its score is the one the matching gives the two today (skills " +
                             Fixed(score.skill, 2) + ", network " + Fixed(score.network, 2) +
                             ", each out of 1).";
          }
          past.push_back(std::move(x));
        }
        RETURN_IF_ERROR(s->ReplaceMentoringProposals(past));
        ASSIGN_OR_RETURN(auto stored, s->ListMentoringPairs());
        for (const auto& x : stored) {
          RETURN_IF_ERROR(s->SetMentoringPairStatus(x.id, "approved"));
          RETURN_IF_ERROR(s->SetMentoringPairStatus(x.id, "ended"));
          RETURN_IF_ERROR(s->RateMentoringPair(x.id, rated.at({x.mentee.value, x.mentor.value})));
        }
      }
      ASSIGN_OR_RETURN(matching::CircleProblem cp,
                       matching::ParseCircleProblem(files.circles_json));
      ASSIGN_OR_RETURN(matching::CircleResult cr, matching::FormCircles(cp));
      ASSIGN_OR_RETURN(std::string circles_line,
                       internal::SeedDemoCircles(*s, files.circles_json, org.employee_external_id,
                                                 org.params.today));
      std::cout << circles_line << "\n";
      std::cout << "mentoring: " << mr.matches.size() << " of " << mp.mentees.size()
                << " mentees matched with " << mp.mentors.size()
                << " mentors; the same programmes as problem files: peerlearn mentors match "
                   "--problem "
                << mentors_file << " (" << mr.matches.size()
                << " matched), peerlearn circles form --problem " << circles_file << " ("
                << cr.circles.size() << " circles for " << cp.people.size() - cr.unassigned.size()
                << " of " << cp.people.size() << " volunteers)\n";
    }
    std::cout << "surveys open now: \"Learning pulse 4\" and \"Who helps you learn?\", for "
                 "everyone, until "
              << FormatDate(org.params.today + std::chrono::days(12)) << "\n";
    std::cout << "demo traces in " << traces << ": Slack export of " << chat.messages
              << " messages (" << chat.kept_messages << " by people) → " << chat.applied.added
              << " daily interaction rows; " << csv_added["nominations"] << " peer nominations, "
              << csv_added["kudos"] << " kudos, " << csv_added["debriefs"]
              << " helpers named in project debriefs\n";
  }

  struct Login {
    const char* role;
    const char* username;
    std::string person;
  };
  std::vector<Login> logins = {{"admin", "admin", org.admin_external_id},
                               {"manager", "manager", org.manager_external_id},
                               {"employee", "employee", org.employee_external_id}};
  std::ostringstream who;
  for (const auto& l : logins) {
    std::string password = o.password.empty() ? server::RandomPassword(14) : o.password;
    ASSIGN_OR_RETURN(UserId id,
                     server::AddAccount(*s, {l.username, password, *ParseRole(l.role), l.person}));
    (void)id;
    ASSIGN_OR_RETURN(std::optional<PersonId> pid, s->FindPersonByExternalId(l.person));
    ASSIGN_OR_RETURN(Person p, s->GetPerson(*pid));
    char line[256];
    std::snprintf(line, sizeof line, "  %-9s username: %-9s password: %-16s (%s, %s)\n", l.role,
                  l.username, password.c_str(), p.name.c_str(), p.title.c_str());
    who << line;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "peerlearn demo: " << applied.added << " people in " << applied.teams_added
            << " teams (seed " << o.seed << ") written to " << config.db << " in " << std::fixed
            << std::setprecision(2) << secs << " s\n";
  if (!truth_path.empty()) std::cout << "planted ground truth: " << truth_path << "\n";
  if (!o.serve) {
    std::cout << "log in with:\n" << who.str();
    return OkStatus();
  }
  ASSIGN_OR_RETURN(std::unique_ptr<server::Server> srv,
                   server::Server::Create(*s, config, {.web_root = FindWebRoot(config)}));
  ASSIGN_OR_RETURN(int port, srv->Bind());
  std::string web = FindWebRoot(config).empty() ? " (API only: the web app is not built)" : "";
  std::string banner = "peerlearn listening on http://" + DisplayHost(config) + ":" +
                       std::to_string(port) + web + "\nLog in as:\n" + who.str() +
                       "Press Ctrl+C to stop.\n";
  Config served = config;
  if (served.outbox == "log" && !traces.empty()) {
    // The demo's invitations and reminders go to a file beside its traces, not the terminal.
    served.outbox = "file:" + traces + "/outbox.jsonl";
    banner = "survey invitations and reminders: " + traces + "/outbox.jsonl\n" + banner;
  }
  SurveyJobTicker survey_job(*s, served, port);
  NetworkJobTicker network_job(*s, served);
  RetentionTicker retention(*s, served);
  return ServeUntilSignalled(*srv, banner);
}

}  // namespace pl::cli
