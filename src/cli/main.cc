// peerlearn: the CLI, the analytics engine and the web server in one binary.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/commands.h"
#include "core/memory.h"
#include "core/text.h"
#include "ingest/interactions.h"

namespace {

constexpr int kUserError = 1;
constexpr int kInternalError = 2;

// A number above 0 (`whole`: a whole one). CLI11's own PositiveNumber refuses 0 and below as
// "not in range 0.000000 to" the largest double written out in 309 digits, and 1.5 for a whole
// number as "Could not convert".
CLI::Validator AboveZero(bool whole) {
  return CLI::Validator(
      [whole](std::string& text) -> std::string {
        char* end = nullptr;
        errno = 0;
        const bool above =
            whole ? std::strtoll(text.c_str(), &end, 10) > 0 : std::strtod(text.c_str(), &end) > 0;
        if (text.empty() || *end != '\0' || errno == ERANGE || !above) {
          return std::string("must be a ") + (whole ? "whole " : "") + "number above 0 (got '" +
                 text + "')";
        }
        return {};
      },
      "POSITIVE", whole ? "WHOLE_ABOVE_ZERO" : "ABOVE_ZERO");
}
const CLI::Validator kAboveZero = AboveZero(false);
const CLI::Validator kWholeAboveZero = AboveZero(true);

int ExitCodeFor(const pl::Status& s) {
  if (s.ok()) return 0;
  return s.code() == pl::StatusCode::kInternal ? kInternalError : kUserError;
}

// Settings shared by the subcommands; each is passed to LoadConfig only when given.
struct Flags {
  std::string config_file, db, listen, web_root, log_level;
  int threads = 0;
  std::map<std::string, std::string> Given(CLI::App& cmd) const {
    std::map<std::string, std::string> out;
    auto add = [&](const char* name, const std::string& value) {
      if (auto* opt = cmd.get_option_no_throw(std::string("--") + name); opt && opt->count()) {
        std::string key = name;
        std::replace(key.begin(), key.end(), '-', '_');
        out[key] = value;
      }
    };
    add("db", db);
    add("listen", listen);
    add("web-root", web_root);
    add("log-level", log_level);
    if (auto* opt = cmd.get_option_no_throw("--threads"); opt && opt->count())
      out["threads"] = std::to_string(threads);
    return out;
  }
};

void AddDb(CLI::App* cmd, Flags& f) {
  cmd->add_option("--db", f.db,
                  "Database: a SQLite file (PATH or sqlite:PATH) or postgresql://user@host:port/db")
      ->default_str("sqlite:peerlearn.db");
  cmd->add_option("--config", f.config_file, "Configuration file (key = value lines)");
}

void AddServe(CLI::App* cmd, Flags& f) {
  cmd->add_option("--listen", f.listen, "host:port to serve on (port 0 = any free port)")
      ->default_str("127.0.0.1:8080");
  cmd->add_option("--web-root", f.web_root,
                  "Folder of the built web app (default: found next to the binary)");
  cmd->add_option("--threads", f.threads,
                  "HTTP worker threads, one per open connection (default 128)");
  cmd->add_option("--log-level", f.log_level, "trace, debug, info, warn, error or off")
      ->default_str("info");
}

pl::Result<pl::Config> Load(CLI::App& cmd, const Flags& f, const std::string& default_db = "") {
  pl::ConfigSources src;
  src.env = pl::ProcessEnvironment();
  std::string file = f.config_file;
  if (file.empty()) {
    if (auto it = src.env.find("PEERLEARN_CONFIG"); it != src.env.end()) file = it->second;
  }
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) return pl::NotFound("cannot read the configuration file '" + file + "'");
    std::stringstream ss;
    ss << in.rdbuf();
    src.file_name = file;
    src.file_text = ss.str();
  }
  src.flags = f.Given(cmd);
  if (!default_db.empty() && !src.flags.count("db") && !src.env.count("PEERLEARN_DB")) {
    src.flags["db"] = default_db;
  }
  auto c = pl::LoadConfig(src);
  if (c.ok()) {
    spdlog::set_level(spdlog::level::from_str(c->log_level));
  }
  return c;
}

// Help with descriptions wrapped to a 120-column terminal (CLI11 writes each on one line).
class WrappingFormatter : public CLI::Formatter {
 public:
  static constexpr size_t kWidth = 120;
  std::string make_option_desc(const CLI::Option* opt) const override {
    return pl::WrapLines(opt->get_description(), kWidth - column_width_);
  }
  std::string make_description(const CLI::App* app) const override {
    return pl::WrapLines(CLI::Formatter::make_description(app), kWidth);
  }
  std::string make_subcommand(const CLI::App* sub) const override {
    std::stringstream out;
    CLI::detail::format_help(out, sub->get_display_name(true),
                             pl::WrapLines(sub->get_description(), kWidth - column_width_),
                             column_width_);
    return out.str();
  }
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "peerlearn — see, grow and measure how your people learn from each other.\n"
      "Run 'peerlearn demo' to try it on a generated organisation."};
  app.formatter(std::make_shared<WrappingFormatter>());
  app.set_version_flag("--version", "peerlearn 0.1.0");
  app.require_subcommand(1);
  spdlog::set_default_logger(spdlog::stderr_color_mt("peerlearn"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  Flags f;
  std::function<pl::Status()> run;

  auto* demo = app.add_subcommand(
      "demo", "Generate the demo organisation into a fresh database and serve it");
  pl::cli::DemoOptions demo_opt;
  AddDb(demo, f);
  demo->get_option("--db")->default_str("sqlite:peerlearn-demo.db");
  AddServe(demo, f);
  demo->add_option("--people", demo_opt.people, "Head count (25 to 1000000)")->default_val(300);
  demo->add_option("--seed", demo_opt.seed,
                   "Random seed; the same seed gives the same organisation")
      ->default_val(42);
  demo->add_option(
      "--password", demo_opt.password,
      "Password for the admin, manager and employee log-ins (default: random, printed)");
  demo->add_option("--today", demo_opt.today,
                   "The day (YYYY-MM-DD) it is made and first analysed as of (default: today, "
                   "UTC); with the seed, it fixes the organisation, its export and its findings");
  demo->add_flag("!--no-serve", demo_opt.serve, "Generate only; do not start the server");
  demo->add_option("--roster-out", demo_opt.roster_out, "Also write the generated roster as CSV");
  demo->add_option("--truth-out", demo_opt.truth_out,
                   "Where to write the planted ground truth (JSON)");
  demo->add_option("--traces-dir", demo_opt.traces_dir,
                   "Where to write the demo's Slack export and nominations (default: beside the "
                   "database); they are imported too");
  demo->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*demo, f, "sqlite:peerlearn-demo.db"));
      if (demo_opt.password.size() && demo_opt.password.size() < 10) {
        return pl::InvalidArgument("--password needs at least 10 characters");
      }
      return pl::cli::RunDemo(c, demo_opt);
    };
  });

  auto* serve = app.add_subcommand("serve", "Serve the web app and the JSON API");
  AddDb(serve, f);
  AddServe(serve, f);
  serve->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*serve, f));
      return pl::cli::RunServe(c);
    };
  });

  auto* migrate = app.add_subcommand("migrate", "Bring the database schema up to date");
  AddDb(migrate, f);
  migrate->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*migrate, f));
      return pl::cli::RunMigrate(c);
    };
  });

  auto* import = app.add_subcommand("import", "Import data from files");
  import->require_subcommand(1);
  auto* roster = import->add_subcommand(
      "roster",
      "Import people, teams, managers and skills from a CSV file (RFC 4180) or an .xlsx workbook.\n"
      "Columns: employee_id, name (required); email, title, level, department, team,\n"
      "manager_employee_id, hire_date (YYYY-MM-DD), location, timezone, skills (skill:level;...).\n"
      "Strict by default: any bad row rejects the whole file and nothing changes.");
  pl::cli::ImportRosterOptions roster_opt;
  roster->add_option("file", roster_opt.file, "The roster CSV file")->required();
  AddDb(roster, f);
  roster->add_flag("--lenient", roster_opt.lenient,
                   "Skip bad rows (and rows that depend on them) and import the rest");
  roster->add_flag("--sync", roster_opt.sync, "Deactivate people who are not in the file");
  roster->add_flag("--dry-run", roster_opt.dry_run, "Validate and count, write nothing");
  roster->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*roster, f));
      return pl::cli::RunImportRoster(c, roster_opt);
    };
  });

  std::string skills_file;
  auto* import_skills = import->add_subcommand(
      "skills",
      "Import the skill taxonomy from a CSV file: skill, parent (empty for a top-level skill).\n"
      "Skills are added if new; a cycle refuses the whole file.");
  import_skills->add_option("file", skills_file, "The taxonomy CSV file")->required();
  AddDb(import_skills, f);
  import_skills->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*import_skills, f));
      return pl::cli::RunImportSkills(c, skills_file);
    };
  });

  auto* interactions = import->add_subcommand(
      "interactions",
      "Import who interacted with whom from a CSV file (RFC 4180) or an .xlsx workbook.\n"
      "Columns: source, target (employee ids), timestamp (ISO-8601) required; layer (reply,\n"
      "mention, reaction, thread, nomination, debrief, kudos, mentoring), weight, context\n"
      "optional. An e-mail log's own names (from, to, time, sender, recipient, sent_at ...)\n"
      "are understood. Rows naming one person twice (mail to oneself) are left out and\n"
      "counted. Re-importing adds nothing twice. Message text is never read or stored.");
  pl::cli::ImportInteractionsOptions inter_opt;
  interactions->add_option("file", inter_opt.file, "The interactions CSV file")->required();
  AddDb(interactions, f);
  interactions->add_flag("--lenient", inter_opt.lenient, "Skip bad rows and import the rest");
  interactions->add_flag("--dry-run", inter_opt.dry_run, "Validate and count, write nothing");
  interactions->add_option("--date", inter_opt.date,
                           "ISO-8601 time of every row, for a file without a timestamp column "
                           "or a matrix");
  interactions->add_option("--context", inter_opt.context,
                           "The channel or project of every row, for a file without a context "
                           "column or a matrix");
  interactions->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*interactions, f));
      return pl::cli::RunImportInteractions(c, inter_opt);
    };
  });

  // Who helped whom, each kind on its layer (ingest::kInteractionCsvKinds).
  struct HelpKind {
    const char* name;
    const char* description;
    const char* date_help;
    const char* context_flag;
    const char* context_help;
  };
  const HelpKind help_kinds[] = {
      {"nominations",
       "Import peer nominations (\"who helped you most?\") from a CSV file (RFC 4180) or an\n"
       ".xlsx workbook (Microsoft Forms' export, say).\n"
       "Columns: nominator_employee_id, nominee_employee_id, date required; question optional.\n"
       "A survey's numbered answer columns (nominee_1, nominee_2, ...) are read; so is a matrix\n"
       "(first header cell empty, then employee ids; a row per nominator, a number per column)\n"
       "with --date. Re-importing adds nothing twice.",
       "ISO-8601 date the answers were collected, for a file without a date column or a matrix",
       "--question",
       "The question (or wave) of every row, for a file without a question column or a matrix: "
       "two matrices of one date stay apart"},
      {"kudos",
       "Import kudos (who thanked whom) from a recognition tool's CSV or .xlsx export.\n"
       "Columns: giver, receiver (employee ids or e-mails), given_at or date required;\n"
       "a note, message or comment column is never read. Re-importing adds nothing twice.",
       "ISO-8601 date of every row, for a file without a date column", "--context",
       "The programme or channel of every row, for a file without a context column"},
      {"debriefs",
       "Import project debriefs (\"who helped on this project?\") from a CSV or .xlsx file.\n"
       "Columns: respondent, helper (employee ids or e-mails; more in helper_1, helper_2, ...),\n"
       "date required; project optional (each project's helpers stay apart).\n"
       "Re-importing adds nothing twice.",
       "ISO-8601 date of the debrief, for a file without a date column", "--project",
       "The project of every row, for a file without a project column"},
  };
  std::array<pl::cli::ImportInteractionsOptions, std::size(help_kinds)> help_opts;
  for (size_t k = 0; k < std::size(help_kinds); ++k) {
    const HelpKind& kind = help_kinds[k];
    pl::cli::ImportInteractionsOptions& o = help_opts[k];
    o.default_layer = *pl::ingest::CsvKindLayer(kind.name);
    auto* sub = import->add_subcommand(kind.name, kind.description);
    sub->add_option("file", o.file, std::string("The ") + kind.name + " file")->required();
    AddDb(sub, f);
    sub->add_flag("--lenient", o.lenient, "Skip bad rows and import the rest");
    sub->add_flag("--dry-run", o.dry_run, "Validate and count, write nothing");
    sub->add_option("--date", o.date, kind.date_help);
    sub->add_option(kind.context_flag, o.context, kind.context_help);
    sub->callback([&, sub, k] {
      run = [&, sub, k]() -> pl::Status {
        ASSIGN_OR_RETURN(pl::Config c, Load(*sub, f));
        return pl::cli::RunImportInteractions(c, help_opts[k]);
      };
    });
  }

  pl::cli::ImportChatOptions chat_opt;
  for (const char* platform : {"slack", "teams"}) {
    bool slack = std::string_view(platform) == "slack";
    auto* chat = import->add_subcommand(
        platform,
        slack ? "Import a Slack workspace export (the zip, or its unpacked folder).\n"
                "Replies, thread co-participation, mentions and reactions between people;\n"
                "accounts are matched to people by e-mail or by --map. Message text is never "
                "stored."
              : "Import Microsoft Teams / Graph chatMessage JSON (a zip or folder of .json "
                "files).\nReplies, thread co-participation, mentions and reactions; accounts "
                "are matched by --map\n(Entra ID object id → employee id) or by e-mail from a "
                "users.json Graph user list.");
    chat->add_option("path", chat_opt.path, "The export: a .zip file or a folder")->required();
    AddDb(chat, f);
    chat->add_option("--map", chat_opt.mapping,
                     "CSV mapping accounts to people: columns slack_id|teams_id, employee_id");
    chat->add_option("--pseudonymise-key", chat_opt.key_file,
                     "Key file (>= 32 bytes): conversations and identities are stored as keyed "
                     "hashes; people match a roster imported with the same key");
    chat->add_option("--unmatched-out", chat_opt.unmatched_out,
                     "Write the accounts matching nobody as a mapping CSV to fill in (account "
                     "id, name, the employee id of the one person of that name, if any) for "
                     "'peerlearn accounts " +
                         std::string(platform) + " --link'");
    chat->add_flag("--lenient", chat_opt.lenient, "Skip malformed files and import the rest");
    chat->add_flag("--dry-run", chat_opt.dry_run, "Parse and count, write nothing");
    chat->add_option("--threads", chat_opt.threads, "Parser threads (default: one per core)")
        ->check(CLI::Range(1, 256));
    chat->add_option("--max-entries", chat_opt.max_entries,
                     "Refuse archives with more files than this (default 1000000)")
        ->check(kWholeAboveZero);
    chat->add_option("--max-total-mib", chat_opt.max_total_mib,
                     "Refuse archives expanding to more MiB than this (default 16384)")
        ->check(kWholeAboveZero);
    chat->callback([&, chat, platform] {
      chat_opt.platform = platform;
      run = [&, chat]() -> pl::Status {
        ASSIGN_OR_RETURN(pl::Config c, Load(*chat, f));
        return pl::cli::RunImportChat(c, chat_opt);
      };
    });
  }

  auto* accounts = app.add_subcommand(
      "accounts",
      "Chat accounts linked to people once, for every later import: list, link, unlink");
  accounts->require_subcommand(1);
  pl::cli::AccountsOptions acc_opt;
  for (const char* platform : {"slack", "teams"}) {
    auto* cmd = accounts->add_subcommand(
        platform, std::string("List the ") + platform +
                      " accounts linked to people; link more from a mapping CSV (--link), "
                      "unlink some (--unlink)");
    AddDb(cmd, f);
    cmd->add_option("--link", acc_opt.link,
                    "CSV mapping accounts to people: columns slack_id|teams_id, employee_id");
    cmd->add_option("--unlink", acc_opt.unlink, "Account ids to unlink");
    cmd->add_option("--pseudonymise-key", acc_opt.key_file,
                    "The key the imports pseudonymise with: accounts are kept as its hashes");
    cmd->add_flag("--lenient", acc_opt.lenient,
                  "Link the rows naming people in the roster, skip the others");
    cmd->add_flag("--dry-run", acc_opt.dry_run, "Say what would change; change nothing");
    cmd->callback([&, cmd, platform] {
      acc_opt.platform = platform;
      run = [&, cmd]() -> pl::Status {
        ASSIGN_OR_RETURN(pl::Config c, Load(*cmd, f));
        return pl::cli::RunAccounts(c, acc_opt);
      };
    });
  }

  auto* analyze = app.add_subcommand(
      "analyze",
      "Analyse the knowledge-flow network (who helps whom) and store a dated snapshot:\n"
      "person metrics, team metrics, communities, hidden champions, silos, brokers, single\n"
      "points of failure and newcomers. Snapshots are compared with 'peerlearn diff'.");
  pl::cli::AnalyzeOptions an_opt;
  AddDb(analyze, f);
  analyze->add_option("--days", an_opt.days, "Only the last N days of interactions")
      ->check(kWholeAboveZero);
  analyze->add_option("--quarter", an_opt.quarter, "Only one calendar quarter, e.g. 2026Q3");
  analyze->add_option("--from", an_opt.from, "Only interactions from this date/time (ISO-8601)");
  analyze->add_option("--to", an_opt.to, "... up to this date/time (default: now)");
  analyze
      ->add_option("--half-life", an_opt.half_life_days,
                   "Older ties fade: a tie's strength halves every N days (needs a window)")
      ->check(kWholeAboveZero);
  analyze->add_option("--layers", an_opt.layers,
                      "Layer weights over 1 each, e.g. nomination=3,kudos=2,reaction=0.5");
  analyze->add_flag("--weighted", an_opt.weighted,
                    "Use tie strengths in PageRank, betweenness and closeness");
  analyze
      ->add_option("--resolution", an_opt.resolution,
                   "Community resolution: above 1 finds more, smaller communities")
      ->check(kAboveZero);
  analyze
      ->add_option("--community-runs", an_opt.community_runs,
                   "Leiden runs, each from the last one's communities: more find slightly better "
                   "communities, in more time")
      ->check(CLI::Range(1, 20))
      ->default_val(2);
  analyze
      ->add_option("--skill-level", an_opt.skill_level,
                   "Single points of failure: a skill counts as knowledge someone holds from this "
                   "level (0-4) up")
      ->check(CLI::Range(1, 4))
      ->default_val(3);
  analyze
      ->add_option("--skill-steps", an_opt.skill_steps,
                   "... and is at risk when nobody in their team, nor within this many steps of "
                   "them in the network, holds it at that level")
      ->check(CLI::Range(0, 10))
      ->default_val(2);
  analyze
      ->add_option("--newcomer-days", an_opt.newcomer_days,
                   "Newcomers: people hired within this many days")
      ->check(CLI::Range(1, 3650))
      ->default_val(90);
  analyze
      ->add_option("--newcomer-grace-days", an_opt.newcomer_grace_days,
                   "... settling in for their first N days: only after them is a newcomer with no "
                   "tie beyond their manager called not yet connected")
      ->check(CLI::Range(0, 365))
      ->default_val(14);
  auto* an_sample =
      analyze
          ->add_option("--sample", an_opt.sample,
                       "Estimate betweenness from this many random sources, however small the "
                       "network (default: exact up to 20,000 people or people × ties 1.5e10)")
          ->check(CLI::Range(2, 1000000));
  analyze
      ->add_flag("--exact", an_opt.exact,
                 "Exact betweenness and closeness however large the network")
      ->excludes(an_sample);
  analyze->add_option("--seed", an_opt.seed, "Seed for communities and layout")->default_val(1);
  analyze->add_flag("--dry-run", an_opt.dry_run, "Analyse and print, store nothing");
  analyze->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*analyze, f));
      return pl::cli::RunAnalyze(c, an_opt);
    };
  });

  auto* mentors = app.add_subcommand("mentors", "Mentor matching");
  mentors->require_subcommand(1);
  pl::cli::MentorsMatchOptions mm;
  auto* mentors_match = mentors->add_subcommand(
      "match",
      "Match mentees with mentors as a global optimum (min-cost flow) and print the solution "
      "with each match's explanation and alternatives as JSON");
  mentors_match->add_option(
      "--problem", mm.problem,
      "A self-contained problem file (JSON: skills, people, mentees, mentors, "
      "pairings, exclusions, ties, settings); without it, the store's programme");
  mentors_match->add_option("--out", mm.out, "Write the solution to this file");
  mentors_match->add_flag("--greedy", mm.greedy, "The greedy baseline, for comparison");
  mentors_match->add_flag("--dry-run", mm.dry_run,
                          "Store: solve but keep the proposals as they are");
  mentors_match->add_option("--mode", mm.mode, "bridge (across communities) or familiar")
      ->capture_default_str();
  mentors_match
      ->add_option("--min-overlap-hours", mm.min_overlap_hours, "Shared working hours a pair needs")
      ->capture_default_str();
  AddDb(mentors_match, f);
  mentors_match->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*mentors_match, f));
      return pl::cli::RunMentorsMatch(c, mm);
    };
  });
  std::string optin_file;
  bool optin_dry = false;
  auto* mentors_import = mentors->add_subcommand(
      "import",
      "Opt-ins from CSV: employee_id,role,skills,capacity (mentee skills as skill:target)");
  mentors_import->add_option("file", optin_file, "The opt-ins CSV file")->required();
  mentors_import->add_flag("--dry-run", optin_dry, "Validate and count, write nothing");
  AddDb(mentors_import, f);
  mentors_import->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*mentors_import, f));
      return pl::cli::RunMentorsImport(c, optin_file, optin_dry);
    };
  });
  auto* mentors_pairs = mentors->add_subcommand("pairs", "List proposed, approved and ended pairs");
  AddDb(mentors_pairs, f);
  mentors_pairs->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*mentors_pairs, f));
      return pl::cli::RunMentorsPairs(c);
    };
  });
  std::vector<int64_t> pair_ids;
  for (const char* verb : {"approve", "end"}) {
    auto* cmd = mentors->add_subcommand(
        verb, std::string(verb == std::string("approve") ? "Approve proposed pairs"
                                                         : "End approved pairs"));
    cmd->add_option("ids", pair_ids, "Pair ids")->required();
    AddDb(cmd, f);
    const std::string status = verb == std::string("approve") ? "approved" : "ended";
    cmd->callback([&, cmd, status] {
      run = [&, cmd, status]() -> pl::Status {
        ASSIGN_OR_RETURN(pl::Config c, Load(*cmd, f));
        return pl::cli::RunMentorsSetStatus(c, pair_ids, status);
      };
    });
  }
  std::string exclude_a, exclude_b, exclude_reason;
  auto* mentors_exclude =
      mentors->add_subcommand("exclude", "Never pair two people (either way round)");
  mentors_exclude->add_option("a", exclude_a, "Employee id")->required();
  mentors_exclude->add_option("b", exclude_b, "Employee id")->required();
  mentors_exclude->add_option("--reason", exclude_reason, "Why (kept with the exclusion)")
      ->required();
  AddDb(mentors_exclude, f);
  mentors_exclude->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*mentors_exclude, f));
      return pl::cli::RunMentorsExclude(c, exclude_a, exclude_b, exclude_reason);
    };
  });
  int64_t rate_id = 0;
  double rating = 0;
  auto* mentors_rate = mentors->add_subcommand("rate", "The mentee's rating (1-5) of a pair");
  mentors_rate->add_option("id", rate_id, "Pair id")->required();
  mentors_rate->add_option("rating", rating, "1 to 5")->required();
  AddDb(mentors_rate, f);
  mentors_rate->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*mentors_rate, f));
      return pl::cli::RunMentorsRate(c, rate_id, rating);
    };
  });
  auto* circles = app.add_subcommand("circles", "Learning circles");
  circles->require_subcommand(1);
  pl::cli::CirclesFormOptions cf;
  auto* circles_form = circles->add_subcommand(
      "form",
      "Form learning circles from volunteers' ranked challenges (sizes, a facilitator each, "
      "shared working hours, mixing across teams and communities) and print them as JSON");
  circles_form->add_option("--problem", cf.problem,
                           "A self-contained problem file (JSON: skills, challenges, people with "
                           "their preferences, pins, settings); without it, the store's open "
                           "challenges and sign-ups, stored as proposals");
  circles_form->add_option("--out", cf.out, "Write the solution to this file");
  circles_form->add_flag("--greedy", cf.greedy, "The constructive start alone, for comparison");
  circles_form->add_flag("--dry-run", cf.dry_run, "Store: form and print, keep the proposals");
  circles_form->add_option("--min-size", cf.min_size, "Smallest circle")->check(CLI::Range(2, 60));
  circles_form->add_option("--max-size", cf.max_size, "Largest circle")->check(CLI::Range(2, 60));
  circles_form
      ->add_option("--min-overlap-hours", cf.min_overlap_hours,
                   "Working hours (9-17 local) every two members share")
      ->check(CLI::Range(0.0, 8.0));
  AddDb(circles_form, f);
  circles_form->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*circles_form, f));
      return pl::cli::RunCirclesForm(c, cf);
    };
  });
  pl::cli::ChallengeOptions co;
  auto* circles_challenge =
      circles->add_subcommand("challenge", "Post a business challenge for circles to work on");
  circles_challenge->add_option("--title", co.title, "The challenge in a line")->required();
  circles_challenge->add_option("--problem", co.problem, "What is hard, and for whom");
  circles_challenge->add_option("--skills", co.skills, "Skills it involves")->delimiter(',');
  circles_challenge->add_option("--sponsor", co.sponsor, "The sponsor's employee id");
  AddDb(circles_challenge, f);
  circles_challenge->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*circles_challenge, f));
      return pl::cli::RunCirclesChallenge(c, co);
    };
  });
  auto* circles_challenges =
      circles->add_subcommand("challenges", "List challenges with their volunteers");
  AddDb(circles_challenges, f);
  circles_challenges->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*circles_challenges, f));
      return pl::cli::RunCirclesChallenges(c);
    };
  });
  std::string signup_file;
  bool signup_dry = false;
  auto* circles_import = circles->add_subcommand(
      "import",
      "Sign-ups from CSV: employee_id,preferences (challenge ids, first choice "
      "first, ';'-separated),facilitator (yes/no),max_circles (1-3)");
  circles_import->add_option("file", signup_file, "The sign-ups CSV file")->required();
  circles_import->add_flag("--dry-run", signup_dry, "Validate and count, write nothing");
  AddDb(circles_import, f);
  circles_import->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*circles_import, f));
      return pl::cli::RunCirclesImport(c, signup_file, signup_dry);
    };
  });
  auto* circles_list = circles->add_subcommand("list", "List circles (* marks the facilitator)");
  AddDb(circles_list, f);
  circles_list->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*circles_list, f));
      return pl::cli::RunCirclesList(c);
    };
  });
  std::vector<int64_t> circle_ids;
  for (const auto& [name, status, help] : {std::tuple{"start", "active", "Start proposed circles"},
                                           std::tuple{"close", "closed", "Close active circles"}}) {
    auto* cmd = circles->add_subcommand(name, help);
    cmd->add_option("ids", circle_ids, "Circle ids")->required();
    AddDb(cmd, f);
    std::string st = status;
    cmd->callback([&, cmd, st] {
      run = [&, cmd, st]() -> pl::Status {
        ASSIGN_OR_RETURN(pl::Config c, Load(*cmd, f));
        return pl::cli::RunCirclesSetStatus(c, circle_ids, st);
      };
    });
  }
  std::string pin_person;
  int64_t pin_challenge = 0;
  bool pin_remove = false;
  auto* circles_pin = circles->add_subcommand(
      "pin", "Keep a person on a challenge: the next formation puts them in a circle on it");
  circles_pin->add_option("person", pin_person, "Employee id")->required();
  circles_pin->add_option("challenge", pin_challenge, "Challenge id")->required();
  circles_pin->add_flag("--remove", pin_remove, "Remove the pin");
  AddDb(circles_pin, f);
  circles_pin->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*circles_pin, f));
      return pl::cli::RunCirclesPin(c, pin_person, pin_challenge, pin_remove);
    };
  });
  auto* survey =
      app.add_subcommand("survey", "Survey instruments, waves, past results and reports");
  survey->require_subcommand(1);
  auto* survey_instruments =
      survey->add_subcommand("instruments", "List the built-in and stored instruments");
  AddDb(survey_instruments, f);
  survey_instruments->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*survey_instruments, f));
      return pl::cli::RunSurveyInstruments(c);
    };
  });
  auto* survey_waves = survey->add_subcommand("waves", "List the survey waves, newest first");
  AddDb(survey_waves, f);
  survey_waves->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*survey_waves, f));
      return pl::cli::RunSurveyWaves(c);
    };
  });
  auto* survey_import = survey->add_subcommand(
      "import",
      "Import past survey results from a CSV file (RFC 4180) or an .xlsx workbook as one wave.\n"
      "One row per respondent: a group column (default 'team'; a path such as Sales/EMEA "
      "makes\n"
      "every level a group), one column per item named by its id (e.g. ps1..ps7), and "
      "optionally\n"
      "a respondent column of employee ids. Empty or NA = unanswered. Strict unless "
      "--lenient;\n"
      "the same file is never imported twice. For anonymous instruments answers are stored\n"
      "without any link to who responded.");
  pl::cli::SurveyImportOptions sv_imp;
  survey_import->add_option("file", sv_imp.file, "The responses CSV file")->required();
  survey_import
      ->add_option("--instrument", sv_imp.instrument,
                   "A built-in instrument (psych-safety, learning-pulse, readiness, ...) or a "
                   "definition .json file")
      ->required();
  survey_import->add_option("--opens", sv_imp.opens, "The date the wave opened (YYYY-MM-DD)")
      ->required();
  survey_import->add_option("--closes", sv_imp.closes, "The date it closed (default: --opens)");
  survey_import->add_option("--title", sv_imp.title, "The wave's title (default: the file name)");
  survey_import->add_option("--group-column", sv_imp.group_column, "The group column's name")
      ->capture_default_str();
  survey_import->add_option("--respondent-column", sv_imp.respondent_column,
                            "The column of respondents' employee ids, if the file has one");
  survey_import
      ->add_option("--k", sv_imp.k, "Anonymity threshold for this wave's results (at least 3)")
      ->capture_default_str();
  AddDb(survey_import, f);
  survey_import->add_flag("--lenient", sv_imp.lenient, "Skip bad rows and import the rest");
  survey_import->add_flag("--dry-run", sv_imp.dry_run, "Validate and count, write nothing");
  survey_import->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*survey_import, f));
      return pl::cli::RunSurveyImport(c, sv_imp);
    };
  });
  pl::cli::SurveyScheduleOptions sv_sch;
  auto* survey_schedule = survey->add_subcommand(
      "schedule",
      "Schedule a recurring wave (e.g. the learning pulse every 6 weeks). The server's survey "
      "job opens each wave, invites the population and reminds those who have not answered");
  survey_schedule->add_option("--instrument", sv_sch.instrument, "Built-in key or a .json file")
      ->required();
  survey_schedule->add_option("--first-opens", sv_sch.first_opens, "First opening (YYYY-MM-DD)")
      ->required();
  survey_schedule->add_option("--title", sv_sch.title, "Waves are titled '<title>, <date>'");
  survey_schedule->add_option("--every-days", sv_sch.every_days, "Days between waves")
      ->capture_default_str();
  survey_schedule->add_option("--open-days", sv_sch.open_days, "Days each wave stays open")
      ->capture_default_str();
  survey_schedule->add_option("--k", sv_sch.k, "Anonymity threshold (never below the config's)")
      ->capture_default_str();
  survey_schedule->add_option("--population", sv_sch.population, "Team paths (default everyone)")
      ->delimiter(',');
  survey_schedule
      ->add_option("--reminders", sv_sch.reminders, "Days before closing to remind, e.g. 3,1")
      ->delimiter(',')
      ->capture_default_str();
  AddDb(survey_schedule, f);
  survey_schedule->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*survey_schedule, f));
      return pl::cli::RunSurveySchedule(c, sv_sch);
    };
  });
  auto* survey_schedules = survey->add_subcommand("schedules", "List the recurring schedules");
  AddDb(survey_schedules, f);
  survey_schedules->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*survey_schedules, f));
      return pl::cli::RunSurveySchedules(c);
    };
  });
  std::string tick_outbox;
  auto* survey_tick = survey->add_subcommand(
      "tick",
      "Run the survey job once: open due waves, queue invitations and reminders, deliver them "
      "(the server runs it every survey_job_seconds)");
  survey_tick->add_option("--outbox", tick_outbox, "log, file:PATH or sendmail:COMMAND");
  AddDb(survey_tick, f);
  survey_tick->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*survey_tick, f));
      return pl::cli::RunSurveyTick(c, tick_outbox);
    };
  });
  auto* survey_report = survey->add_subcommand(
      "report",
      "Print a wave's scored results per group with the anonymity threshold applied: scale "
      "and\n"
      "item means, SD, distribution, favourable share, rwg(j), change since the previous wave "
      "of\n"
      "the same instrument with a 95% interval, Cronbach's alpha and ICC(1)/ICC(2). Groups "
      "below\n"
      "k, or that would reveal a smaller group by subtraction, show their status only.");
  pl::cli::SurveyReportOptions sv_rep;
  survey_report->add_option("wave", sv_rep.wave, "The wave id (default: the newest)");
  survey_report->add_option("--format", sv_rep.format, "json or csv")->capture_default_str();
  survey_report->add_option("--out", sv_rep.out, "Write to this file instead of stdout");
  survey_report->add_option("--k", sv_rep.k, "Raise the anonymity threshold (never lowers it)");
  AddDb(survey_report, f);
  survey_report->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*survey_report, f));
      return pl::cli::RunSurveyReport(c, sv_rep);
    };
  });

  auto* audit = app.add_subcommand(
      "audit",
      "Write the audit log (sign-ins, admins' reads of person-level data, changes) as CSV,\n"
      "newest first, as narrowed; the export is itself logged");
  pl::cli::AuditOptions audit_opt;
  AddDb(audit, f);
  audit->add_option("--action", audit_opt.action,
                    "Only actions starting with this, e.g. person. or user.login");
  audit->add_option("--target", audit_opt.target, "Only entries about this, e.g. person:42");
  audit->add_option("--user", audit_opt.user, "Only what this account did (a username)");
  audit->add_option("--from", audit_opt.from, "Only entries from this date/time (ISO-8601)");
  audit->add_option("--to", audit_opt.to, "... before this date/time");
  audit->add_option("--out", audit_opt.out, "Write the CSV here (default: standard output)");
  audit->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*audit, f));
      return pl::cli::RunAudit(c, audit_opt);
    };
  });

  auto* snapshots = app.add_subcommand(
      "snapshots", "List the stored network snapshots; delete old ones (--delete, --keep)");
  pl::cli::SnapshotsOptions snap_opt;
  AddDb(snapshots, f);
  snapshots
      ->add_option("--delete", snap_opt.remove,
                   "Delete these snapshots (ids; with their people, teams and ties)")
      ->check(kWholeAboveZero);
  snapshots->add_option("--keep", snap_opt.keep, "Delete all but the newest N snapshots")
      ->check(kWholeAboveZero);
  snapshots->add_flag("--dry-run", snap_opt.dry_run, "Say what would be deleted; delete nothing");
  snapshots->add_option("--person", snap_opt.person,
                        "One person (employee id) in each snapshot that includes them, oldest "
                        "first: who sought them out, whom they went to, how many have fewer "
                        "askers, what the findings called them");
  snapshots->add_option("--limit", snap_opt.limit, "With --person: the newest N snapshots")
      ->check(CLI::Range(1, 1000));
  snapshots->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*snapshots, f));
      return pl::cli::RunSnapshots(c, snap_opt);
    };
  });

  auto* diff =
      app.add_subcommand("diff", "Compare two network snapshots (default: the two newest)");
  int64_t diff_from = 0, diff_to = 0;
  bool diff_json = false;
  AddDb(diff, f);
  diff->add_option("from", diff_from, "The earlier snapshot id")->check(kWholeAboveZero);
  diff->add_option("to", diff_to, "The later snapshot id")->check(kWholeAboveZero);
  diff->add_flag("--json", diff_json, "Print the comparison as JSON");
  diff->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*diff, f));
      return pl::cli::RunDiff(c, diff_from, diff_to, diff_json);
    };
  });

  auto* check = app.add_subcommand(
      "check-findings",
      "Compare a snapshot's findings with a known truth: the demo's *.truth.json, or lists you\n"
      "trust (a JSON object with any of \"hidden_champions\", \"brokers\" and\n"
      "\"isolated_newcomers\" as employee ids, \"silo_teams\" as team paths; beside the\n"
      "champions, \"recognised_helpers\": sought but thanked for it, so not hidden) → precision\n"
      "and recall for each, and who was missed or found beyond it");
  std::string check_truth;
  int64_t check_snapshot = 0;
  bool check_json = false;
  AddDb(check, f);
  check->add_option("truth", check_truth, "The truth file (JSON)")->required();
  check->add_option("--snapshot", check_snapshot, "The snapshot to check (default: the newest)")
      ->check(kWholeAboveZero);
  check->add_flag("--json", check_json, "Print the scores as JSON");
  check->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*check, f));
      return pl::cli::RunCheckFindings(c, check_truth, check_snapshot, check_json);
    };
  });

  auto* net = app.add_subcommand(
      "network",
      "Analyse any network file without a store or a roster: an edge list (\"source target\n"
      "[weight]\" a line, whitespace-, tab-, comma- or semicolon-separated, names quoted or not,\n"
      "'#'/'%' comments, an optional header; KONECT's \"% sym\" and SNAP's \"# Undirected graph\"\n"
      "undirected) or a GraphML, GML, Pajek, UCINET DL, Matrix Market, GEXF, node-link JSON, DOT\n"
      "or graph-tool gt file (graph-tool's and Gephi's too, Netzschleuder's .gt.zst), or an\n"
      "adjacency matrix as CSV (an empty corner cell, then names; an .xlsx or .ods workbook's\n"
      "first sheet read as its CSV); compressed (gzip, zstd, bzip2, xz), in a zip or tar beside\n"
      "its readme (Network Repository, KONECT) or Netzschleuder's csv.zip (edges.csv, every node\n"
      "in nodes.csv); the format told from the text → a CSV of per-node degrees, strengths,\n"
      "PageRank, betweenness, closeness, harmonic closeness, Burt's constraint and effective\n"
      "size, k-core, clustering, reciprocity and Leiden community. Self-loops are left out;\n"
      "repeated ties add up; an undirected file's edges count both ways.");
  pl::cli::NetworkFileOptions net_opt;
  net->add_option(
         "file", net_opt.file,
         "The network file (.txt, .csv, .graphml, .gml, .net, .mtx, .gexf, .json, .dot, .xlsx, "
         ".gt, .gz, .zst, .tar.bz2, .zip, ...), or - for standard input")
      ->required();
  net->add_option("--out", net_opt.out,
                  "Write the results here instead of stdout: the CSV, or by the name's ending the\n"
                  "network with each node's results as GraphML (.graphml), GEXF for Gephi (.gexf,\n"
                  "coloured by community, sized by PageRank, laid out) or node-link JSON (.json)");
  net->add_flag("--weighted", net_opt.weighted,
                "Read a third column as the tie's weight and use it (PageRank, paths as 1/weight, "
                "constraint, communities)");
  net->add_option("--weight", net_opt.weight,
                  "Read the weight (--weighted implied) from this header column of an edge list, "
                  "or edge\nattribute of a GraphML, GML, GEXF, JSON or gt file (default: a third "
                  "column; \"weight\")");
  net->add_flag("--lengths", net_opt.lengths,
                "With --weighted or --weight: the weights are lengths in betweenness, closeness "
                "and\nharmonic closeness, added up along a path as igraph and NetworkX take "
                "them (a tie\ngiven more than once keeps its shortest), not strengths walked "
                "at 1/weight");
  net->add_flag("--undirected", net_opt.undirected,
                "Each line is a tie both ways (betweenness then counts unordered pairs)");
  net->add_option(
         "--sample", net_opt.sample,
         "Estimate betweenness from this many random sources (the error bound is "
         "printed;\ndefault: exact up to 20,000 nodes or nodes × ties 1.5e10, 5,000 or 2.5e9 "
         "weighted,\n512 sources above)")
      ->check(kWholeAboveZero);
  net->add_flag("--exact", net_opt.exact,
                "Exact betweenness and closeness however large the network (closeness is left "
                "out\nabove 200,000 nodes, 20,000 weighted, otherwise)");
  net->add_option("--damping", net_opt.damping, "PageRank's damping factor")
      ->check(CLI::Range(0.01, 0.99))
      ->capture_default_str();
  net->add_option("--resolution", net_opt.resolution,
                  "Community resolution: above 1 finds more, smaller communities")
      ->check(kAboveZero)
      ->capture_default_str();
  net->add_option("--seed", net_opt.seed, "Seed for communities and sampling")
      ->capture_default_str();
  net->add_option("--format", net_opt.format,
                  "The file's format when its text does not tell it: edgelist, graphml, gml, "
                  "pajek, dl, mtx, gexf, json, matrix or dot");
  net->add_option("--threads", net_opt.threads, "Threads (default: one per core)")
      ->check(CLI::Range(1, 256));
  net->callback([&] { run = [&]() -> pl::Status { return pl::cli::RunNetworkFile(net_opt); }; });

  auto* exp = app.add_subcommand(
      "export",
      "Write a network snapshot for other tools:\n"
      "  csv      people.csv (metrics by employee id), edges.csv (ties with both people's HR\n"
      "           attributes), teams.csv, team_flows.csv, communities.csv, champions.csv,\n"
      "           brokers.csv, single_points.csv, newcomers.csv, visible_helpers.csv,\n"
      "           summary.json\n"
      "  json     network.json      graphml  network.graphml      gexf  network.gexf (Gephi)");
  pl::cli::ExportOptions exp_opt;
  AddDb(exp, f);
  exp->add_option("--format", exp_opt.format, "csv, json, graphml or gexf")->required();
  exp->add_option("--out", exp_opt.out_dir, "Folder to write into (created if missing)")
      ->required();
  exp->add_option("--snapshot", exp_opt.snapshot, "Snapshot id (default: the newest)")
      ->check(kWholeAboveZero);
  exp->add_flag("!--no-names", exp_opt.names, "Leave out names and e-mails (employee ids only)");
  exp->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*exp, f));
      return pl::cli::RunExport(c, exp_opt);
    };
  });

  auto* pseudo = app.add_subcommand(
      "pseudonymise-roster",
      "Write a copy of a roster CSV with employee ids, manager ids, e-mails and names "
      "replaced\n"
      "by keyed hashes (HMAC-SHA256). Import the copy with 'import roster', and chat exports\n"
      "with the same --pseudonymise-key: their accounts still match.");
  std::string pseudo_in, pseudo_out, pseudo_key;
  pseudo->add_option("in", pseudo_in, "The roster CSV")->required();
  pseudo->add_option("out", pseudo_out, "Where to write the pseudonymised CSV")->required();
  pseudo->add_option("--key", pseudo_key, "Key file (>= 32 bytes)")->required();
  pseudo->callback([&] {
    run = [&]() -> pl::Status {
      return pl::cli::RunPseudonymiseRoster(pseudo_in, pseudo_out, pseudo_key);
    };
  });

  auto* user = app.add_subcommand("user", "Manage log-in accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Create an account (the first admin included)");
  pl::cli::UserAddOptions user_opt;
  user_add->add_option("username", user_opt.username, "Log-in name")->required();
  user_add->add_option("--role", user_opt.role, "admin, manager or employee")->required();
  user_add->add_option("--person", user_opt.person,
                       "Employee id of the person this account belongs to");
  user_add->add_flag("--password-stdin", user_opt.password_stdin,
                     "Read the password from standard input");
  user_add->add_flag("--generate-password", user_opt.generate_password,
                     "Generate a password and print it");
  AddDb(user_add, f);
  user_add->callback([&] {
    run = [&]() -> pl::Status {
      ASSIGN_OR_RETURN(pl::Config c, Load(*user_add, f));
      return pl::cli::RunUserAdd(c, user_opt);
    };
  });

  if (argc > 1 && argv[1][0] != '-') {
    bool known = false;
    std::string names;
    for (const auto* sub : app.get_subcommands({})) {
      known |= sub->get_name() == argv[1];
      names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    if (!known) {
      std::cerr << "peerlearn: unknown command '" << argv[1] << "' (commands: " << names
                << "; see peerlearn --help)\n";
      return kUserError;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "peerlearn: " << e.what() << "\nRun with --help for usage.\n";
    return kUserError;
  }
  // Everything but a file import runs the network engine or serves for long: large blocks go
  // back to the system when freed. (A file import keeps glibc's adaptive threshold: with the
  // fixed one the Slack import measured 3–10% slower.)
  if (!import->parsed()) pl::ReturnLargeBlocksWhenFreed();
  pl::Status s;
  try {
    s = run();
  } catch (const std::exception& e) {
    s = pl::Internal(e.what());
  }
  if (!s.ok()) {
    // Messages quote what was read (a name, a cell): printed printably, so that no escape
    // sequence in a file reaches the terminal.
    std::cerr << "peerlearn: " << (s.code() == pl::StatusCode::kInternal ? "internal error: " : "")
              << pl::Printable(s.message(), SIZE_MAX, true) << "\n";
  }
  return ExitCodeFor(s);
}
