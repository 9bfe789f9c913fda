// `peerlearn survey instruments | waves | import | report | schedule | schedules | tick`.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "analytics/survey_job.h"
#include "cli/commands.h"
#include "cli/internal/common.h"
#include "ingest/survey_csv.h"
#include "notify/sender.h"
#include "surveys/report.h"

namespace pl::cli {
namespace {

using internal::OpenMigrated;
using internal::PrintIssues;
using internal::ReadFile;

constexpr size_t kMaxSurveyBytes = 256u << 20;

// A built-in instrument by key, or a definition file (a path ending in .json).
Result<surveys::Instrument> ResolveInstrument(const std::string& name) {
  if (name.size() > 5 && name.ends_with(".json")) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(name, 1u << 20));
    auto in = surveys::ParseInstrument(text);
    if (!in.ok()) return in.status().WithContext(name);
    return in;
  }
  auto in = surveys::BuiltinInstrument(name);
  if (!in.ok()) {
    std::string keys;
    for (const std::string& k : surveys::BuiltinKeys()) keys += (keys.empty() ? "" : ", ") + k;
    return InvalidArgument("unknown instrument '" + name + "': use one of " + keys +
                           ", or a definition file ending in .json");
  }
  return in;
}

Result<Timestamp> ParseWhen(const std::string& text, const char* what) {
  if (auto d = ParseDate(text); d.ok()) return Timestamp(*d);
  auto t = ParseTimestamp(text);
  if (!t.ok())
    return InvalidArgument(std::string(what) + ": '" + text + "' is not a date (YYYY-MM-DD)");
  return t;
}

}  // namespace

Status RunSurveyInstruments(const Config& config) {
  std::cout << "built in:\n";
  for (const std::string& key : surveys::BuiltinKeys()) {
    ASSIGN_OR_RETURN(surveys::Instrument in, surveys::BuiltinInstrument(key));
    std::cout << "  " << in.key << " v" << in.version << "  " << in.title << " (" << in.items.size()
              << " items";
    if (!in.items.empty()) std::cout << ", " << in.scale_min << ".." << in.scale_max;
    if (!in.nominations.empty())
      std::cout << ", " << in.nominations.size() << " nomination questions";
    std::cout << ", " << surveys::AnonymityName(in.anonymity) << ")\n";
  }
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  ASSIGN_OR_RETURN(auto stored, s->ListInstruments());
  std::cout << "stored: " << stored.size() << "\n";
  for (const auto& r : stored) {
    std::cout << "  #" << r.id << " " << r.instrument.key << " v" << r.instrument.version << "  "
              << r.instrument.title << "\n";
  }
  return OkStatus();
}

Status RunSurveyWaves(const Config& config) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  ASSIGN_OR_RETURN(auto waves, s->ListWaves());
  ASSIGN_OR_RETURN(auto instruments, s->ListInstruments());
  if (waves.empty()) std::cout << "no waves yet\n";
  for (const auto& w : waves) {
    std::string key = "?";
    for (const auto& in : instruments) {
      if (in.id == w.instrument_id) key = in.instrument.key;
    }
    std::cout << "#" << w.id << "  " << FormatTimestamp(w.opens_at).substr(0, 10) << " .. "
              << FormatTimestamp(w.closes_at).substr(0, 10) << "  " << key << "  \"" << w.title
              << "\"  k=" << w.k << "  (" << w.source << ")\n";
  }
  return OkStatus();
}

Status RunSurveyImport(const Config& config, const SurveyImportOptions& o) {
  ASSIGN_OR_RETURN(surveys::Instrument in, ResolveInstrument(o.instrument));
  ASSIGN_OR_RETURN(std::string text, internal::ReadTable(o.file, kMaxSurveyBytes));
  ingest::SurveyCsvOptions options;
  options.lenient = o.lenient;
  options.dry_run = o.dry_run;
  options.group_column = o.group_column;
  options.respondent_column = o.respondent_column;
  options.wave.title = o.title.empty() ? std::filesystem::path(o.file).stem().string() : o.title;
  ASSIGN_OR_RETURN(options.wave.opens_at, ParseWhen(o.opens, "--opens"));
  ASSIGN_OR_RETURN(options.wave.closes_at,
                   ParseWhen(o.closes.empty() ? o.opens : o.closes, "--closes"));
  options.wave.k = o.k;
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  auto report = ingest::ImportSurveyCsv(*s, text, in, options);
  if (!report.ok()) return report.status().WithContext("while importing " + o.file);
  RETURN_IF_ERROR(PrintIssues(o.file, report->issues, report->rejected, report->rows));
  std::cout << (o.dry_run ? "dry run, nothing written: " : "") << o.file << ": " << report->rows
            << " rows, " << report->written.responses << " responses";
  if (!o.dry_run) std::cout << " stored as wave #" << report->wave_id;
  std::cout << " (" << in.key << " v" << in.version << ", " << surveys::AnonymityName(in.anonymity)
            << "), " << report->skipped << " skipped";
  if (in.anonymity == surveys::Anonymity::kAnonymous) {
    std::cout << "; answers kept without respondent ids, " << report->written.completions
              << " completions recorded apart";
  }
  std::cout << "\n";
  return OkStatus();
}

Status RunSurveyReport(const Config& config, const SurveyReportOptions& o) {
  if (o.format != "json" && o.format != "csv") {
    return InvalidArgument("--format: json or csv, not '" + o.format + "'");
  }
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  ASSIGN_OR_RETURN(auto waves, s->ListWaves());
  if (waves.empty()) return NotFound("there are no survey waves yet (peerlearn survey import)");
  const store::WaveRecord* wave = o.wave == 0 ? &waves.front() : nullptr;
  for (const auto& w : waves) {
    if (w.id == o.wave) wave = &w;
  }
  if (!wave) return NotFound("there is no wave #" + std::to_string(o.wave));
  ASSIGN_OR_RETURN(store::InstrumentRecord in, s->GetInstrument(wave->instrument_id));
  auto load = [&](const store::WaveRecord& w,
                  const surveys::Instrument& instrument) -> Result<surveys::WaveData> {
    ASSIGN_OR_RETURN(auto responses, s->LoadSurveyResponses(w.id));
    surveys::WaveData d;
    d.instrument = &instrument;
    d.answers.items = instrument.items.size();
    for (const auto& r : responses) {
      d.groups.push_back(r.group);
      d.answers.values.insert(d.answers.values.end(), r.answers.begin(), r.answers.end());
    }
    return d;
  };
  ASSIGN_OR_RETURN(surveys::WaveData now, load(*wave, in.instrument));
  // The previous wave of the same instrument (by opening date), for change.
  std::optional<store::InstrumentRecord> prev_in;
  std::optional<surveys::WaveData> prev;
  for (const auto& w : waves) {
    if (w.id == wave->id || w.opens_at >= wave->opens_at) continue;
    ASSIGN_OR_RETURN(store::InstrumentRecord pi, s->GetInstrument(w.instrument_id));
    if (pi.instrument.key != in.instrument.key) continue;
    prev_in = std::move(pi);  // waves are newest first: the first earlier one is the previous
    ASSIGN_OR_RETURN(prev, load(w, prev_in->instrument));
    break;
  }
  const surveys::WaveReport report =
      surveys::BuildReport(now, prev ? &*prev : nullptr, {.k = std::max(wave->k, o.k)});
  const std::string text = o.format == "json" ? surveys::ReportToJson(report, in.instrument)
                                              : surveys::ReportToCsv(report, in.instrument);
  if (o.out.empty()) {
    std::cout << text;
    return OkStatus();
  }
  RETURN_IF_ERROR(internal::WriteFileWhole(o.out, [&](std::ostream& out) {
    out << text;
    return OkStatus();
  }));
  std::cerr << "wrote " << o.out << "\n";
  return OkStatus();
}

Status RunSurveySchedule(const Config& config, const SurveyScheduleOptions& o) {
  ASSIGN_OR_RETURN(surveys::Instrument in, ResolveInstrument(o.instrument));
  store::ScheduleRecord r;
  r.title = o.title.empty() ? in.title : o.title;
  ASSIGN_OR_RETURN(r.next_opens_at, ParseWhen(o.first_opens, "--first-opens"));
  r.every_days = o.every_days;
  r.open_days = o.open_days;
  r.k = std::max(o.k, config.anonymity_k);
  r.reminder_days_before = o.reminders;
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  ASSIGN_OR_RETURN(std::vector<Team> teams, s->ListTeams());
  for (const std::string& p : o.population) {
    if (std::none_of(teams.begin(), teams.end(), [&](const Team& t) { return t.path == p; })) {
      return InvalidArgument("--population: there is no team '" + p + "'");
    }
  }
  r.population = o.population;
  ASSIGN_OR_RETURN(r.instrument_id, s->SaveInstrument(in));
  ASSIGN_OR_RETURN(int64_t id, s->CreateSchedule(r));
  std::cout << "schedule #" << id << ": \"" << r.title << "\" (" << in.key << ") every "
            << r.every_days << " days from " << FormatTimestamp(r.next_opens_at) << ", open "
            << r.open_days << " days, for "
            << (r.population.empty() ? std::string("everyone")
                                     : std::to_string(r.population.size()) + " teams")
            << "; waves open when the server's survey job (or peerlearn survey tick) runs\n";
  return OkStatus();
}

Status RunSurveySchedules(const Config& config) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  ASSIGN_OR_RETURN(auto schedules, s->ListSchedules());
  if (schedules.empty()) std::cout << "no schedules yet\n";
  for (const auto& r : schedules) {
    ASSIGN_OR_RETURN(store::InstrumentRecord in, s->GetInstrument(r.instrument_id));
    std::cout << "#" << r.id << "  \"" << r.title << "\"  " << in.instrument.key << "  every "
              << r.every_days << " days, open " << r.open_days << ", next "
              << FormatTimestamp(r.next_opens_at) << (r.active ? "" : "  (paused)") << "\n";
  }
  return OkStatus();
}

Status RunSurveyTick(const Config& config, const std::string& outbox) {
  ASSIGN_OR_RETURN(std::unique_ptr<notify::Sender> sender,
                   notify::SenderFromSpec(outbox.empty() ? config.outbox : outbox));
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, OpenMigrated(config));
  analytics::SurveyJobOptions options;
  options.base_url = !config.public_url.empty() ? config.public_url : "http://" + config.listen;
  ASSIGN_OR_RETURN(analytics::SurveyJobResult r,
                   analytics::RunSurveyJob(*s, *sender, SystemClock(), options));
  std::cout << "survey job: " << r.waves_opened << " waves opened";
  if (r.openings_skipped) std::cout << " (" << r.openings_skipped << " missed openings skipped)";
  std::cout << ", " << r.invitations << " invitations and " << r.reminders << " reminders queued, "
            << r.sent << " sent, " << r.failed << " failed (" << sender->Describe() << ")\n";
  return OkStatus();
}

}  // namespace pl::cli
