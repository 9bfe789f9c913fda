// The API's handlers: parse → authorise → call the store → serialise. Each takes the request
// (with `viewer` set on signed-in routes) and returns a response or an error Status. Routes and
// the access each needs are in routes.cc; nothing here is reachable except through that table.
#pragma once

#include <optional>

#include "core/config.h"
#include "ingest/pseudonym.h"
#include "server/api.h"
#include "server/rate_limiter.h"
#include "server/sessions.h"
#include "server/snapshot_cache.h"
#include "store/store.h"

namespace pl::server {

struct ApiContext {
  store::Store& store;
  SessionManager& sessions;
  RateLimiter& login_limiter;
  const Config& config;
  const Clock& clock;
  std::string version;
  SnapshotCache& snapshots;
  // The key of config.pseudonym_key_file, read when the server starts; none when not set.
  const std::optional<ingest::Pseudonymizer>& pseudonymizer;
};

using Handler = Result<ApiResponse> (*)(ApiContext&, const ApiRequest&);

Result<ApiResponse> Health(ApiContext&, const ApiRequest&);
Result<ApiResponse> Login(ApiContext&, const ApiRequest&);
Result<ApiResponse> Logout(ApiContext&, const ApiRequest&);
Result<ApiResponse> CurrentSession(ApiContext&, const ApiRequest&);
Result<ApiResponse> Me(ApiContext&, const ApiRequest&);
Result<ApiResponse> ListPeople(ApiContext&, const ApiRequest&);
Result<ApiResponse> GetPerson(ApiContext&, const ApiRequest&);
Result<ApiResponse> OrgChart(ApiContext&, const ApiRequest&);
Result<ApiResponse> ListTeams(ApiContext&, const ApiRequest&);
Result<ApiResponse> ListAudit(ApiContext&, const ApiRequest&);
Result<ApiResponse> AuditCsv(ApiContext&, const ApiRequest&);

// The knowledge network (network_handlers.cc); `?snapshot=ID` picks a snapshot, else the newest.
// Imports (admins): an uploaded Slack or Teams export, or a CSV of interactions or nominations
// (ApiRequest::upload_path).
Result<ApiResponse> ImportUpload(ApiContext&, const ApiRequest&);
Result<ApiResponse> ListAccountLinks(ApiContext&, const ApiRequest&);
Result<ApiResponse> LinkAccount(ApiContext&, const ApiRequest&);
Result<ApiResponse> UnlinkAccount(ApiContext&, const ApiRequest&);
Result<ApiResponse> ListSnapshots(ApiContext&, const ApiRequest&);
Result<ApiResponse> CreateSnapshot(ApiContext&, const ApiRequest&);
Result<ApiResponse> DeleteSnapshot(ApiContext&, const ApiRequest&);
Result<ApiResponse> NetworkSummary(ApiContext&, const ApiRequest&);
Result<ApiResponse> PersonNetwork(ApiContext&, const ApiRequest&);
Result<ApiResponse> PersonNetworkHistory(ApiContext&, const ApiRequest&);
Result<ApiResponse> TeamNetwork(ApiContext&, const ApiRequest&);
Result<ApiResponse> Champions(ApiContext&, const ApiRequest&);
Result<ApiResponse> CheckFindings(ApiContext&, const ApiRequest&);
Result<ApiResponse> SinglePoints(ApiContext&, const ApiRequest&);
Result<ApiResponse> Brokers(ApiContext&, const ApiRequest&);
Result<ApiResponse> Silos(ApiContext&, const ApiRequest&);
Result<ApiResponse> NetworkCommunities(ApiContext&, const ApiRequest&);
Result<ApiResponse> TeamFlows(ApiContext&, const ApiRequest&);
Result<ApiResponse> Newcomers(ApiContext&, const ApiRequest&);
Result<ApiResponse> SnapshotDiff(ApiContext&, const ApiRequest&);
Result<ApiResponse> NetworkGraph(ApiContext&, const ApiRequest&);
// One of a snapshot's export files (people.csv, edges.csv, ..., network.gexf), as `peerlearn
// export` writes it, to download; ?names=0 leaves out names and e-mails. Admins only; audited.
Result<ApiResponse> ExportSnapshotFile(ApiContext&, const ApiRequest&);

// Surveys (survey_handlers.cc): instruments and waves, answering, results with the guard applied.
Result<ApiResponse> ListInstruments(ApiContext&, const ApiRequest&);
Result<ApiResponse> CreateInstrument(ApiContext&, const ApiRequest&);
Result<ApiResponse> ListWaves(ApiContext&, const ApiRequest&);
Result<ApiResponse> CreateWave(ApiContext&, const ApiRequest&);
Result<ApiResponse> GetWaveForm(ApiContext&, const ApiRequest&);
Result<ApiResponse> SaveWaveResponse(ApiContext&, const ApiRequest&);
Result<ApiResponse> WaveResults(ApiContext&, const ApiRequest&);
Result<ApiResponse> WaveResultsCsv(ApiContext&, const ApiRequest&);
Result<ApiResponse> WaveResponseRate(ApiContext&, const ApiRequest&);
Result<ApiResponse> ListSchedules(ApiContext&, const ApiRequest&);
// Mentoring (mentoring_handlers.cc).
Result<ApiResponse> ListSkills(ApiContext&, const ApiRequest&);
Result<ApiResponse> GetLearningGoals(ApiContext&, const ApiRequest&);
Result<ApiResponse> SetLearningGoals(ApiContext&, const ApiRequest&);
Result<ApiResponse> MyMentoring(ApiContext&, const ApiRequest&);
Result<ApiResponse> SaveOptIn(ApiContext&, const ApiRequest&);
Result<ApiResponse> ListPairs(ApiContext&, const ApiRequest&);
Result<ApiResponse> RunMatching(ApiContext&, const ApiRequest&);
Result<ApiResponse> UpdatePair(ApiContext&, const ApiRequest&);
Result<ApiResponse> RatePair(ApiContext&, const ApiRequest&);
Result<ApiResponse> LogMeeting(ApiContext&, const ApiRequest&);
Result<ApiResponse> ExcludePair(ApiContext&, const ApiRequest&);
// Learning circles (circles_handlers.cc).
Result<ApiResponse> ListChallenges(ApiContext&, const ApiRequest&);
Result<ApiResponse> CreateChallenge(ApiContext&, const ApiRequest&);
Result<ApiResponse> UpdateChallenge(ApiContext&, const ApiRequest&);
Result<ApiResponse> SaveCircleSignup(ApiContext&, const ApiRequest&);
Result<ApiResponse> PinToChallenge(ApiContext&, const ApiRequest&);
Result<ApiResponse> FormCirclesNow(ApiContext&, const ApiRequest&);
Result<ApiResponse> ListCircles(ApiContext&, const ApiRequest&);
Result<ApiResponse> GetCircle(ApiContext&, const ApiRequest&);
Result<ApiResponse> UpdateCircle(ApiContext&, const ApiRequest&);
Result<ApiResponse> SaveCircleLife(ApiContext&, const ApiRequest&);
Result<ApiResponse> LogCircleMeeting(ApiContext&, const ApiRequest&);
Result<ApiResponse> CircleLearned(ApiContext&, const ApiRequest&);
Result<ApiResponse> CreateSchedule(ApiContext&, const ApiRequest&);
Result<ApiResponse> UpdateSchedule(ApiContext&, const ApiRequest&);

}  // namespace pl::server
