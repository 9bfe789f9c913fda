#include "analytics/network_job.h"

#include <unistd.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <tuple>
#include <unordered_map>

#include "core/text.h"

namespace pl::analytics {

namespace {

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

Result<NetworkJobResult> RunNetworkJob(store::Store& store, const NetworkJobOptions& options,
                                       const Clock& clock) {
  NetworkJobResult r;
  network::AnalysisParams params = options.params;
  const Timestamp now = clock.Now();
  params.findings.today = std::chrono::floor<std::chrono::days>(now);
  if (params.build.half_life && !params.build.window) {
    return InvalidArgument("a half-life needs a time window to measure age from (e.g. --days 90)");
  }
  auto t0 = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(std::vector<Person> people, store.AllPeople(/*include_inactive=*/false));
  if (people.empty()) {
    return FailedPrecondition("there is nobody to analyse: import a roster first");
  }
  ASSIGN_OR_RETURN(std::vector<graph::Interaction> interactions,
                   store.LoadInteractions(params.build.window));
  r.interactions = static_cast<int64_t>(interactions.size());
  r.load_seconds = Since(t0);
  if (options.skip_empty && interactions.empty()) return r;

  t0 = std::chrono::steady_clock::now();
  std::vector<network::PersonInput> inputs;
  inputs.reserve(people.size());
  std::unordered_map<int64_t, size_t> input_of;
  for (const auto& p : people) {
    input_of[p.id.value] = inputs.size();
    inputs.push_back({p.id.value, p.team_path, p.level, p.manager_id.value, p.hire_date, {}});
  }
  ASSIGN_OR_RETURN(auto skills, store.AllPersonSkills());
  for (auto& [person, name, level] : skills) {
    auto it = input_of.find(person.value);
    if (it != input_of.end()) inputs[it->second].skills.emplace_back(std::move(name), level);
  }
  ASSIGN_OR_RETURN(network::Analysis analysis, network::Analyze(inputs, interactions, params));
  ASSIGN_OR_RETURN(r.snapshot, network::MakeSnapshot(analysis, params, now, options.layout));
  r.snapshot.summary["interactions"] = r.interactions;
  if (options.scheduled) r.snapshot.summary["scheduled"] = true;
  r.analyse_seconds = Since(t0);

  if (!options.dry_run) {
    t0 = std::chrono::steady_clock::now();
    ASSIGN_OR_RETURN(r.snapshot.id, store.SaveSnapshot(r.snapshot));
    r.save_seconds = Since(t0);
  }
  return r;
}

std::string ThisServer() {
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0) host[0] = 0;
  return std::string(host[0] ? host.data() : "localhost") + " pid " + std::to_string(::getpid());
}

namespace {

constexpr std::string_view kScheduledJob = "network.analyze";

// The scheduled analysis once this server holds the job.
Result<std::optional<ScheduledAnalysisResult>> AnalyseAsScheduled(store::Store& store,
                                                                  const ScheduledAnalysis& schedule,
                                                                  Timestamp now,
                                                                  const Clock& clock) {
  using Done = std::optional<ScheduledAnalysisResult>;
  // Another server may have analysed between the first look and the claim.
  ASSIGN_OR_RETURN(std::vector<store::SnapshotInfo> stored, store.ListSnapshots());
  if (!stored.empty() && now - stored.front().taken_at < schedule.every) return Done();
  NetworkJobOptions o;
  o.skip_empty = true;
  o.scheduled = true;
  if (schedule.days > 0) o.params.build.window = graph::LastDays(now, schedule.days);
  auto r = RunNetworkJob(store, o, clock);
  if (!r.ok() && r.status().code() == StatusCode::kFailedPrecondition) return Done();
  if (!r.ok()) return r.status();
  if (r->snapshot.id == 0) return Done();
  ScheduledAnalysisResult out{std::move(r).value(), {}};
  const std::string covers = schedule.days > 0
                                 ? "the last " + std::to_string(schedule.days) + " days"
                                 : std::string("every interaction");
  RETURN_IF_ERROR(store.AppendAudit(
      {0, now, UserId(), "network.analyze", "snapshot:" + std::to_string(out.job.snapshot.id),
       "scheduled every " + std::to_string(schedule.every.count()) + " hours, " + covers}));
  if (schedule.keep > 0) {
    ASSIGN_OR_RETURN(stored, store.ListSnapshots());
    for (size_t i = static_cast<size_t>(schedule.keep); i < stored.size(); ++i) {
      out.deleted.push_back(stored[i].id);
    }
    if (!out.deleted.empty()) {
      RETURN_IF_ERROR(store.DeleteSnapshots(out.deleted).status());
      for (int64_t id : out.deleted) {
        RETURN_IF_ERROR(store.AppendAudit(
            {0, now, UserId(), "network.snapshot.delete", "snapshot:" + std::to_string(id),
             "scheduled: the newest " + std::to_string(schedule.keep) + " kept"}));
      }
    }
  }
  return Done(std::move(out));
}

}  // namespace

Result<std::optional<ScheduledAnalysisResult>> RunScheduledAnalysis(
    store::Store& store, const ScheduledAnalysis& schedule, const Clock& clock) {
  using Done = std::optional<ScheduledAnalysisResult>;
  const Timestamp now = clock.Now();
  ASSIGN_OR_RETURN(std::vector<store::SnapshotInfo> stored, store.ListSnapshots());
  if (!stored.empty() && now - stored.front().taken_at < schedule.every) return Done();
  // Of several servers on one database, the one that claims the job analyses; the others find
  // it held, and once it is given back, the snapshot fresh.
  ASSIGN_OR_RETURN(bool mine,
                   store.ClaimJob(kScheduledJob, schedule.server, now, now + schedule.lease));
  if (!mine) return Done();
  auto r = AnalyseAsScheduled(store, schedule, now, clock);
  Status released = store.ReleaseJob(kScheduledJob, schedule.server);
  if (r.ok() && !released.ok()) return released;
  return r;
}

Result<std::optional<graph::Window>> ParseWindow(
    const WindowRequest& r, Timestamp now,
    const std::function<std::string(std::string_view)>& name) {
  const int given = (r.days != 0) + !r.quarter.empty() + (!r.from.empty() || !r.to.empty());
  if (given > 1) {
    return InvalidArgument("give one of " + name("days") + ", " + name("quarter") + " or " +
                           name("from") + "/" + name("to"));
  }
  if (r.days != 0) {
    if (r.days < 1 || r.days > 36500) {
      return InvalidArgument(name("days") + " must be a whole number from 1 to 36500");
    }
    return std::optional(graph::LastDays(now, r.days));
  }
  if (!r.quarter.empty()) {
    int year = 0, q = 0;
    char tail = 0;
    if (std::sscanf(r.quarter.c_str(), "%4dQ%1d%c", &year, &q, &tail) != 2 || q < 1 || q > 4 ||
        year < 1970) {
      return InvalidArgument(name("quarter") + " must look like 2026Q3 (got '" +
                             r.quarter.substr(0, 40) + "')");
    }
    return std::optional(graph::Quarter(year, q));
  }
  if (!r.from.empty() || !r.to.empty()) {
    graph::Window w{Timestamp{}, now};
    for (auto [text, end, key] : {std::tuple{&r.from, &w.from, "from"}, {&r.to, &w.to, "to"}}) {
      if (text->empty()) continue;
      auto t = ParseTimestamp(*text);
      if (!t.ok()) return InvalidArgument(name(key) + ": " + t.status().message());
      *end = *t;
    }
    if (!(w.from < w.to)) return InvalidArgument(name("from") + " must be before " + name("to"));
    return std::optional(w);
  }
  return std::optional<graph::Window>();
}

Status ParseLayerWeights(std::string_view text, network::AnalysisParams& params) {
  for (std::string_view part : Split(text, ',')) {
    part = Trim(part);
    if (part.empty()) continue;
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgument("layer weight '" + std::string(part) +
                             "' is not LAYER=WEIGHT (e.g. nomination=3)");
    }
    std::string_view name = Trim(part.substr(0, eq)), value = Trim(part.substr(eq + 1));
    auto layer = graph::ParseLayer(name);
    if (!layer) {
      return InvalidArgument("unknown layer '" + std::string(name) +
                             "' (layers: reply, mention, reaction, thread, nomination, debrief, "
                             "kudos, mentoring)");
    }
    double w = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), w);
    if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(w) || w < 0) {
      return InvalidArgument("the weight of layer '" + std::string(name) +
                             "' must be a number at least 0 (got '" + std::string(value) + "')");
    }
    params.build.layer_weights[static_cast<size_t>(*layer)] = w;
  }
  return OkStatus();
}

Status CheckNewcomerSettings(const network::FindingsParams& f,
                             const std::function<std::string(std::string_view)>& name) {
  if (f.newcomer_days < 1 || f.newcomer_days > 3650) {
    return InvalidArgument(name("newcomer_days") +
                           " must be a number of days from 1 to 3650 (got " +
                           std::to_string(f.newcomer_days) + ")");
  }
  if (f.newcomer_grace_days < 0 || f.newcomer_grace_days > 365) {
    return InvalidArgument(name("newcomer_grace_days") +
                           " must be a number of days from 0 to 365 (got " +
                           std::to_string(f.newcomer_grace_days) + ")");
  }
  if (f.newcomer_grace_days >= f.newcomer_days) {
    return InvalidArgument(name("newcomer_grace_days") + " (" +
                           std::to_string(f.newcomer_grace_days) + ") must be fewer than " +
                           name("newcomer_days") + " (" + std::to_string(f.newcomer_days) +
                           "): nobody could be found not yet connected");
  }
  return OkStatus();
}

}  // namespace pl::analytics
