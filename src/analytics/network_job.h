// The knowledge-network job: reads the roster and the interactions from the store, analyses
// them (network/analysis.h), and stores the result as a dated snapshot that the API, the pages
// and the exports read. `peerlearn analyze` runs it; so does the demo.
//
//   NetworkJobOptions o;
//   o.window = graph::LastDays(now, 90);
//   ASSIGN_OR_RETURN(NetworkJobResult r, RunNetworkJob(store, o, SystemClock()));
//   std::cout << r.snapshot.summary.dump();
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "network/analysis.h"
#include "network/layout.h"
#include "network/snapshot.h"
#include "store/store.h"

namespace pl::analytics {

struct NetworkJobOptions {
  network::AnalysisParams params;  // `params.findings.today` is set from the clock
  network::LayoutParams layout;
  bool dry_run = false;  // analyse, do not store
  // Store nothing where the window holds no interaction (the result's snapshot id stays 0).
  bool skip_empty = false;
  // Run by the server's schedule, not asked for: the summary says so ("scheduled": true).
  bool scheduled = false;
};

struct NetworkJobResult {
  network::Snapshot snapshot;  // with its id once stored
  int64_t interactions = 0;    // read from the store (within the window)
  double load_seconds = 0, analyse_seconds = 0, save_seconds = 0;
};

Result<NetworkJobResult> RunNetworkJob(store::Store& store, const NetworkJobOptions& options,
                                       const Clock& clock);

// The analysis a server runs by itself: due when no snapshot is stored or the newest was taken
// `every` or longer ago; it then covers the last `days` days (0: every interaction), with the
// default settings otherwise, and is audited as done by nobody ("network.analyze", detail
// "scheduled ..."). Not due, nobody in the roster, or no interaction in the window: nullopt and
// nothing stored.
// After storing one, only the newest `keep` snapshots are kept (0: every one), the others
// deleted (audited as "network.snapshot.delete" by nobody).
// Several servers on one database may each run it: a due analysis is first claimed in the
// store (job "network.analyze", for `lease`) by `server`, and one that finds it claimed by
// another does nothing. The claim is given back when done; a server that stops while holding it
// holds it until the lease is up.
std::string ThisServer();  // "HOST pid PID"
struct ScheduledAnalysis {
  std::chrono::hours every{168};
  int days = 90;
  int keep = 0;
  std::string server = ThisServer();
  std::chrono::hours lease{6};
};
struct ScheduledAnalysisResult {
  NetworkJobResult job;
  std::vector<int64_t> deleted;  // snapshots beyond `keep`
};
Result<std::optional<ScheduledAnalysisResult>> RunScheduledAnalysis(
    store::Store& store, const ScheduledAnalysis& schedule, const Clock& clock);

// The window an analysis covers, as asked: at most one of the last `days` days, a calendar
// `quarter` ("2026Q3") or a `from`/`to` range (ISO dates or timestamps; either end may be left
// open: from the first interaction, to now). None: all interactions.
struct WindowRequest {
  int days = 0;  // 0: not set
  std::string quarter;
  std::string from, to;
};
// InvalidArgument naming the setting as `name` spells it (the command line's "--quarter", the
// API's "'quarter'").
Result<std::optional<graph::Window>> ParseWindow(
    const WindowRequest& request, Timestamp now,
    const std::function<std::string(std::string_view)>& name);

// Parses "--layers nomination=3,kudos=2": layer weights over the defaults (1 each).
// InvalidArgument naming the bad part.
Status ParseLayerWeights(std::string_view text, network::AnalysisParams& params);

// Who counts as a newcomer (hired within `newcomer_days`, 1 to 3,650) and for how long one is
// settling in before being called not yet connected (`newcomer_grace_days`, 0 to 365, fewer than
// the newcomers' days, or nobody could ever be found left out). InvalidArgument naming the
// setting as `name` spells it.
Status CheckNewcomerSettings(const network::FindingsParams& findings,
                             const std::function<std::string(std::string_view)>& name);

}  // namespace pl::analytics
