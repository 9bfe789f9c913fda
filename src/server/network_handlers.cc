// The knowledge network over HTTP. Every handler: pick the snapshot, work out what the viewer
// may see (NetworkAccess in authz.h), and serialise only that. Groups under k people are never
// shown to anyone but admins; person-level scores go to admins and to the person only.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "analytics/network_job.h"
#include "network/export.h"
#include "network/findings.h"
#include "network/truth.h"
#include "server/authz.h"
#include "server/handler_util.h"
#include "server/handlers.h"

namespace pl::server {
namespace {

using nlohmann::json;
using SnapshotPtr = std::shared_ptr<const network::Snapshot>;

json Num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json WindowJson(const std::optional<graph::Window>& w) {
  if (!w) return nullptr;
  return {{"from", FormatTimestamp(w->from)}, {"to", FormatTimestamp(w->to)}};
}

json Header(const network::Snapshot& s) {
  return {
      {"id", s.id}, {"taken_at", FormatTimestamp(s.taken_at)}, {"window", WindowJson(s.window)}};
}

Result<SnapshotPtr> Pick(ApiContext& ctx, const ApiRequest& req, const char* name = "snapshot") {
  ASSIGN_OR_RETURN(int64_t id, QueryInt(req, name, 0, 0, INT64_MAX));
  return ctx.snapshots.Get(ctx.store, id);
}

struct Viewing {
  SnapshotPtr snap;
  NetworkAccess access;
};

Result<Viewing> View(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(SnapshotPtr snap, Pick(ctx, req));
  ASSIGN_OR_RETURN(NetworkAccess access,
                   NetworkAccess::For(*req.viewer, ctx.store, *snap, ctx.config.anonymity_k));
  return Viewing{std::move(snap), std::move(access)};
}

// Names and teams of people by id, for the lists that show people.
Result<std::unordered_map<int64_t, Person>> PeopleIndex(ApiContext& ctx) {
  ASSIGN_OR_RETURN(std::vector<Person> people, ctx.store.AllPeople(/*include_inactive=*/true));
  std::unordered_map<int64_t, Person> out;
  for (auto& p : people) out.emplace(p.id.value, std::move(p));
  return out;
}

json PersonRef(const std::unordered_map<int64_t, Person>& people, int64_t id) {
  auto it = people.find(id);
  if (it == people.end()) return {{"id", id}, {"name", nullptr}, {"team", nullptr}};
  return {{"id", id},
          {"name", it->second.name},
          {"title", it->second.title},
          {"team", it->second.team_path}};
}

std::unordered_map<std::string, int64_t> TeamSizes(const network::Snapshot& s) {
  std::unordered_map<std::string, int64_t> out;
  for (const auto& t : s.teams) out[t.team] = t.members;
  return out;
}

// The person-level findings a person is in besides `kind` ("champion", "visible_helper",
// "broker", "single_point"), so that a list can say a broker is also a hidden champion.
class OtherFindings {
 public:
  explicit OtherFindings(const network::Snapshot& s) {
    for (const auto& [key, name] : {std::pair{"champions", "champion"},
                                    {"visible_helpers", "visible_helper"},
                                    {"brokers", "broker"},
                                    {"single_points", "single_point"}}) {
      for (const auto& f : s.findings.value(key, json::array())) {
        in_[f.at("person").get<int64_t>()].push_back(name);
      }
    }
  }
  json Besides(int64_t person, std::string_view kind) const {
    json out = json::array();
    if (auto it = in_.find(person); it != in_.end()) {
      for (const char* k : it->second) {
        if (k != kind) out.push_back(k);
      }
    }
    return out;
  }

 private:
  std::unordered_map<int64_t, std::vector<const char*>> in_;
};

ApiResponse Ok(json body) {
  ApiResponse r;
  r.body = std::move(body);
  return r;
}

json TeamJson(const network::SnapshotTeam& t, bool silo) {
  json j = network::TeamJson(t);
  j["silo"] = silo;
  return j;
}

// The metrics people are ranked by on their own page, and whether a higher value ranks higher.
struct Ranked {
  const char* name;
  double (*get)(const network::SnapshotPerson&);
};
constexpr Ranked kRanked[] = {
    {"in_degree", [](const network::SnapshotPerson& p) { return double(p.in_degree); }},
    {"out_degree", [](const network::SnapshotPerson& p) { return double(p.out_degree); }},
    {"pagerank", [](const network::SnapshotPerson& p) { return p.pagerank; }},
    {"betweenness", [](const network::SnapshotPerson& p) { return p.betweenness; }},
    {"harmonic", [](const network::SnapshotPerson& p) { return p.harmonic; }},
};

}  // namespace

// The snapshots, newest first, each with the settings it was analysed with where they differ
// from snapshot `like`'s (default: the newest; "settings_changed" as in a diff from it to
// `like`, empty where the two are like for like), and the server's own schedule (null when it
// analyses nothing by itself): every how many hours, over how many days (0: all), and when next —
// the newest snapshot's time plus the period (null: as soon as there are interactions to
// analyse).
Result<ApiResponse> ListSnapshots(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(int64_t like, QueryInt(req, "like", 0, 0, INT64_MAX));
  ASSIGN_OR_RETURN(std::vector<store::SnapshotInfo> list, ctx.store.ListSnapshots());
  const store::SnapshotInfo* reference = list.empty() ? nullptr : &list.front();
  if (like != 0) {
    auto it = std::ranges::find(list, like, &store::SnapshotInfo::id);
    if (it == list.end()) return NotFound("there is no snapshot " + std::to_string(like));
    reference = &*it;
  }
  json out = json::array();
  for (const auto& s : list) {
    out.push_back(
        {{"id", s.id},
         {"taken_at", FormatTimestamp(s.taken_at)},
         {"window", WindowJson(s.window)},
         {"summary", s.summary},
         {"settings_changed",
          network::SettingsChanged(s.window, s.params, reference->window, reference->params)}});
  }
  json schedule = nullptr;
  if (const int hours = ctx.config.network_analyze_hours; hours > 0) {
    schedule = {{"every_hours", hours},
                {"days", ctx.config.network_analyze_days},
                {"keep", ctx.config.network_keep_snapshots},
                {"next_at", list.empty() ? json(nullptr)
                                         : json(FormatTimestamp(list.front().taken_at +
                                                                std::chrono::hours(hours)))}};
  }
  return Ok({{"snapshots", out},
             {"like", reference ? json(reference->id) : json(nullptr)},
             {"schedule", schedule}});
}

namespace {

// A setting of a whole number from lo to hi.
Result<int> WholeSetting(const std::string& key, const json& value, int lo, int hi) {
  if (!value.is_number_integer() || value.get<int64_t>() < lo || value.get<int64_t>() > hi) {
    return InvalidArgument("'" + key + "' must be a whole number from " + std::to_string(lo) +
                           " to " + std::to_string(hi));
  }
  return value.get<int>();
}

}  // namespace

Result<ApiResponse> CreateSnapshot(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  analytics::NetworkJobOptions o;
  analytics::WindowRequest window;
  int sources = 0;
  bool exact = false;
  for (const auto& [key, value] : body.items()) {
    if (key == "days") {
      ASSIGN_OR_RETURN(window.days, WholeSetting(key, value, 1, 36500));
    } else if (key == "quarter" || key == "from" || key == "to") {
      if (!value.is_string() || value.get<std::string>().empty()) {
        return InvalidArgument("'" + key + "' must be " +
                               (key == "quarter" ? "a quarter like \"2026Q3\""
                                                 : "a date like \"2026-07-01\" or a timestamp"));
      }
      (key == "quarter" ? window.quarter
       : key == "from"  ? window.from
                        : window.to) = value.get<std::string>();
    } else if (key == "half_life_days") {
      ASSIGN_OR_RETURN(int days, WholeSetting(key, value, 1, 36500));
      o.params.build.half_life = std::chrono::days(days);
    } else if (key == "layers") {
      if (!value.is_object()) return InvalidArgument("'layers' must map layer names to weights");
      std::string text;
      for (const auto& [layer, w] : value.items()) {
        if (!w.is_number()) return InvalidArgument("layer weight '" + layer + "' is not a number");
        text += layer + "=" + w.dump() + ",";  // as sent: to_string would make 1e-7 "0.000000"
      }
      RETURN_IF_ERROR(analytics::ParseLayerWeights(text, o.params));
    } else if (key == "weighted") {
      if (!value.is_boolean()) return InvalidArgument("'weighted' must be true or false");
      o.params.metrics.weighted = value.get<bool>();
    } else if (key == "resolution") {
      if (!value.is_number() || !(value.get<double>() > 0) || value.get<double>() > 100) {
        return InvalidArgument("'resolution' must be a number above 0 and at most 100");
      }
      o.params.communities.resolution = value.get<double>();
    } else if (key == "community_runs") {
      ASSIGN_OR_RETURN(o.params.communities.runs, WholeSetting(key, value, 1, 20));
    } else if (key == "skill_level") {
      ASSIGN_OR_RETURN(o.params.findings.sole_skill_min_level, WholeSetting(key, value, 1, 4));
    } else if (key == "skill_steps") {
      ASSIGN_OR_RETURN(o.params.findings.sole_skill_steps, WholeSetting(key, value, 0, 10));
    } else if (key == "newcomer_days") {
      ASSIGN_OR_RETURN(o.params.findings.newcomer_days, WholeSetting(key, value, 1, 3650));
    } else if (key == "newcomer_grace_days") {
      ASSIGN_OR_RETURN(o.params.findings.newcomer_grace_days, WholeSetting(key, value, 0, 365));
    } else if (key == "betweenness_sources") {
      ASSIGN_OR_RETURN(sources, WholeSetting(key, value, 2, 1000000));
    } else if (key == "exact") {
      if (!value.is_boolean()) return InvalidArgument("'exact' must be true or false");
      exact = value.get<bool>();
    } else {
      return InvalidArgument(
          "unknown setting '" + key.substr(0, 64) +
          "' (days, quarter, from, to, half_life_days, layers, weighted, resolution, "
          "community_runs, skill_level, skill_steps, newcomer_days, newcomer_grace_days, "
          "betweenness_sources, exact)");
    }
  }
  RETURN_IF_ERROR(analytics::CheckNewcomerSettings(
      o.params.findings, [](std::string_view k) { return "'" + std::string(k) + "'"; }));
  // Betweenness estimated from `sources` sampled sources however small the network, or every
  // all-pairs metric exact however large; by default exact where it is affordable.
  if (exact && sources > 0) {
    return InvalidArgument("'exact' and 'betweenness_sources' go one at a time");
  }
  if (exact) o.params.AlwaysExact();
  if (sources > 0) o.params.AlwaysSampled(sources);
  ASSIGN_OR_RETURN(o.params.build.window,
                   analytics::ParseWindow(window, ctx.clock.Now(), [](std::string_view k) {
                     return "'" + std::string(k) + "'";
                   }));
  ASSIGN_OR_RETURN(analytics::NetworkJobResult r,
                   analytics::RunNetworkJob(ctx.store, o, ctx.clock));
  Audit(ctx, *req.viewer, "network.analyze", "snapshot:" + std::to_string(r.snapshot.id),
        body.dump().substr(0, 500));
  ApiResponse resp = Ok({{"snapshot", Header(r.snapshot)}, {"summary", r.snapshot.summary}});
  resp.status = 201;
  return resp;
}

// Deletes a snapshot with its people, teams and ties (an unknown id: 404); audited.
Result<ApiResponse> DeleteSnapshot(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(int64_t id, PositiveId(req, "snapshot"));
  ASSIGN_OR_RETURN(int64_t ties, ctx.store.DeleteSnapshots(std::vector<int64_t>{id}));
  Audit(ctx, *req.viewer, "network.snapshot.delete", "snapshot:" + std::to_string(id),
        std::to_string(ties) + " ties");
  return Ok({{"deleted", id}, {"ties", ties}});
}

Result<ApiResponse> ExportSnapshotFile(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(int64_t id, PositiveId(req, "snapshot"));
  const std::string& file = req.path_params.at("file");
  std::optional<network::ExportFormat> format;
  std::string files;
  for (auto f : {network::ExportFormat::kCsv, network::ExportFormat::kJson,
                 network::ExportFormat::kGraphml, network::ExportFormat::kGexf}) {
    for (const std::string& name : network::ExportFiles(f)) {
      if (name == file) format = f;
      files += (files.empty() ? "" : ", ") + name;
    }
  }
  if (!format) return NotFound("a snapshot has no file '" + file + "' (its files: " + files + ")");
  ASSIGN_OR_RETURN(int64_t names, QueryInt(req, "names", 1, 0, 1));
  ASSIGN_OR_RETURN(SnapshotPtr s, ctx.snapshots.Get(ctx.store, id));
  ASSIGN_OR_RETURN(std::vector<Person> people, ctx.store.AllPeople(/*include_inactive=*/true));
  // Spilled to a file and sent from there: edges.csv is 112 MB at 10,000 people.
  ApiResponse r;
  ASSIGN_OR_RETURN(r.file, SpillFile::Write([&](std::ostream& out) {
                     return network::WriteExportFile(*format, file, *s, people,
                                                     {.names = names == 1}, out);
                   }));
  Audit(ctx, *req.viewer, "network.export", "snapshot:" + std::to_string(id),
        file + (names == 1 ? "" : ", without names"));
  const std::string_view ext = std::string_view(file).substr(file.rfind('.') + 1);
  r.headers.push_back({"Content-Type", ext == "csv"       ? "text/csv; charset=utf-8"
                                       : ext == "json"    ? "application/json; charset=utf-8"
                                       : ext == "graphml" ? "application/graphml+xml; charset=utf-8"
                                                          : "application/gexf+xml; charset=utf-8"});
  r.headers.push_back({"Content-Disposition", "attachment; filename=\"peerlearn-snapshot-" +
                                                  std::to_string(id) + "-" + file + "\""});
  return r;
}

Result<ApiResponse> NetworkSummary(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(SnapshotPtr s, Pick(ctx, req));
  return Ok({{"snapshot", Header(*s)}, {"summary", s->summary}, {"params", s->params}});
}

// Communities as the pages name them: {"id", "teams": the paths of the teams most of its
// members come from, at most three, largest first}. With `k` (a viewer other than an admin), as
// NetworkCommunities shows them: a community under k people is named by no team, nor is it by a
// team with fewer than k of its people.
class CommunityNames {
 public:
  explicit CommunityNames(const network::Snapshot& s, int64_t k = 0) {
    for (const auto& c : s.findings.value("communities", json::array())) {
      json teams = json::array();
      for (const auto& t : c.at("teams")) {
        if (teams.size() == 3 || c.at("size").get<int64_t>() < k) break;
        if (t.at("members").get<int64_t>() < k) continue;
        teams.push_back(t.at("team"));
      }
      teams_of_[c.at("id").get<int64_t>()] = std::move(teams);
    }
  }
  json operator()(int64_t c) const {
    auto it = teams_of_.find(c);
    return json{{"id", c}, {"teams", it == teams_of_.end() ? json::array() : it->second}};
  }

 private:
  std::unordered_map<int64_t, json> teams_of_;
};

Result<ApiResponse> PersonNetwork(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(PersonId id, PathId(req));
  ASSIGN_OR_RETURN(Viewing v, View(ctx, req));
  if (!v.access.CanSeePersonScores(id.value)) {
    return PermissionDenied("person-level network scores are shown only to the person and admins");
  }
  const network::Snapshot& s = *v.snap;
  const network::SnapshotPerson* found = network::FindPerson(s, id.value);
  if (found == nullptr) {
    return NotFound("person " + std::to_string(id.value) + " is not in snapshot " +
                    std::to_string(s.id));
  }
  const network::SnapshotPerson& p = *found;
  json metrics = {{"in_degree", p.in_degree},        {"out_degree", p.out_degree},
                  {"in_strength", p.in_strength},    {"out_strength", p.out_strength},
                  {"pagerank", p.pagerank},          {"betweenness", p.betweenness},
                  {"closeness", Num(p.closeness)},   {"harmonic", Num(p.harmonic)},
                  {"constraint", Num(p.constraint)}, {"effective_size", Num(p.effective_size)},
                  {"coreness", p.coreness},          {"clustering", p.clustering},
                  {"reciprocity", p.reciprocity}};
  json percentiles = json::object();
  for (const Ranked& r : kRanked) {
    std::vector<double> values;
    values.reserve(s.people.size());
    for (const auto& q : s.people) values.push_back(r.get(q));
    // Metrics not computed for this snapshot (NaN: very large networks) have no rank.
    if (std::any_of(values.begin(), values.end(), [](double x) { return !std::isfinite(x); })) {
      percentiles[r.name] = nullptr;
      continue;
    }
    percentiles[r.name] = network::Percentiles(values)[found - s.people.data()];
  }
  json findings = json::object();
  for (const char* kind :
       {"champions", "visible_helpers", "brokers", "single_points", "newcomers"}) {
    for (const auto& f : s.findings.value(kind, json::array())) {  // older: no visible helpers
      if (f.at("person") == id.value) findings[kind] = f;
    }
  }
  // How many teams besides their own their ties reach: those of the people who came to them and
  // of those they went to (people without a team left out).
  std::set<std::string_view> teams_from, teams_to;
  for (const auto& e : s.edges) {
    if (e.dst != id.value && e.src != id.value) continue;
    const network::SnapshotPerson* q = network::FindPerson(s, e.dst == id.value ? e.src : e.dst);
    if (q == nullptr || q->team.empty() || q->team == p.team) continue;
    (e.dst == id.value ? teams_from : teams_to).insert(q->team);
  }
  // Communities named by their largest teams: their own, and a broker's bridge's.
  const CommunityNames community(s, v.access.IsAdmin() ? 0 : v.access.k());
  if (findings.contains("brokers")) {
    json& bridge = findings["brokers"]["bridge"];
    if (bridge.is_object()) bridge["teams"] = community(bridge.at("community"))["teams"];
  }
  if (v.access.IsAdmin() && id != req.viewer->person_id) {
    Audit(ctx, *req.viewer, "network.person.read", "person:" + std::to_string(id.value));
  }
  return Ok({{"snapshot", Header(s)},
             {"person", id.value},
             {"team", p.team},
             {"community", p.community},
             {"community_teams", community(p.community)["teams"]},
             {"other_teams", {{"came_from", teams_from.size()}, {"went_to", teams_to.size()}}},
             {"metrics", metrics},
             {"percentiles", percentiles},
             {"findings", findings}});
}

// A person's network over the newest `limit` snapshots that have them (default 12, at most 100),
// oldest first: each snapshot's header and size, how many sought them out and whom they went to,
// the share of its people with fewer askers, PageRank, the findings that name them (flags as
// the exports give them) and the settings it was analysed with unlike the last of them
// ("settings_changed", as in a diff; empty: like for like). Admins and the person only; an
// admin's read of someone else audited.
Result<ApiResponse> PersonNetworkHistory(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(PersonId id, PathId(req));
  if (!NetworkAccess::CanSeePersonScores(*req.viewer, id.value)) {
    return PermissionDenied("person-level network scores are shown only to the person and admins");
  }
  ASSIGN_OR_RETURN(int64_t limit, QueryInt(req, "limit", 12, 1, 100));
  RETURN_IF_ERROR(ctx.store.GetPerson(id).status());  // an unknown person: 404
  ASSIGN_OR_RETURN(std::vector<store::PersonSnapshotRow> rows,
                   ctx.store.PersonHistory(id, static_cast<int>(limit)));
  json out = json::array();
  for (const store::PersonSnapshotRow& r : rows) {
    const network::SnapshotPerson& p = r.person;
    out.push_back(
        {{"snapshot",
          {{"id", r.snapshot_id},
           {"taken_at", FormatTimestamp(r.taken_at)},
           {"window", WindowJson(r.window)}}},
         {"people", r.people},
         {"team", p.team},
         {"in_degree", p.in_degree},
         {"out_degree", p.out_degree},
         {"fewer_askers_share",
          r.people > 0 ? json(static_cast<double>(r.fewer_askers) / static_cast<double>(r.people))
                       : json(nullptr)},
         {"pagerank", Num(p.pagerank)},
         {"flags", network::PersonFlagsOf(r.findings, id.value)},
         {"settings_changed",
          network::SettingsChanged(r.window, r.params, rows.back().window, rows.back().params)}});
  }
  if (req.viewer->role == Role::kAdmin && id != req.viewer->person_id) {
    Audit(ctx, *req.viewer, "network.person.history.read", "person:" + std::to_string(id.value));
  }
  return Ok({{"person", id.value}, {"snapshots", std::move(out)}});
}

Result<ApiResponse> TeamNetwork(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(Viewing v, View(ctx, req));
  if (!v.access.IsAdmin() && !v.access.IsManager()) {
    return PermissionDenied(
        "team network metrics are shown to managers (their own teams) and "
        "admins");
  }
  std::unordered_map<std::string, bool> silo;
  for (const auto& x : v.snap->findings.at("silos")) silo[x.at("team")] = true;
  json teams = json::array();
  int64_t suppressed = 0;
  for (const auto& t : v.snap->teams) {
    if (v.access.CanSeeTeam(t.team, t.members)) {
      teams.push_back(TeamJson(t, silo.count(t.team) > 0));
    } else if (v.access.CanSeeTeam(t.team, INT64_MAX)) {
      ++suppressed;  // an own team too small to show: say so, not what it holds
    }
  }
  return Ok({{"snapshot", Header(*v.snap)},
             {"teams", teams},
             {"min_group_size", v.access.k()},
             {"suppressed_small_teams", v.access.IsAdmin() ? json(0) : json(suppressed)}});
}

Result<ApiResponse> Champions(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(SnapshotPtr s, Pick(ctx, req));
  ASSIGN_OR_RETURN(auto people, PeopleIndex(ctx));
  const OtherFindings other(*s);
  // A list's entries with each person named and their other findings.
  auto named = [&](const json& list, std::string_view kind) {
    json out = json::array();
    for (const auto& c : list) {
      json x = c;
      const int64_t id = c.at("person").get<int64_t>();
      x["person"] = PersonRef(people, id);
      x["also"] = other.Besides(id, kind);
      out.push_back(std::move(x));
    }
    return out;
  };
  json out = named(s->findings.at("champions"), "champion");
  // As widely sought, already seen by the structure (snapshots before them have none: null).
  json visible = s->findings.contains("visible_helpers")
                     ? named(s->findings.at("visible_helpers"), "visible_helper")
                     : json(nullptr);
  Audit(ctx, *req.viewer, "network.champions.read", "snapshot:" + std::to_string(s->id));
  return Ok({{"snapshot", Header(*s)}, {"champions", out}, {"visible_helpers", visible}});
}

// Brokers (admins): each with their name and team, their own community and the communities
// they link, each named by the teams most of its members come from (at most three), with how
// many of the broker's contacts are there, and the bridge they hold most of (Bridge: the
// community, their contacts there and in their own, the ties between the two). A snapshot
// analysed before brokerage was counted has neither the count nor the links; one analysed before
// bridges were, no bridge.
Result<ApiResponse> Brokers(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(SnapshotPtr s, Pick(ctx, req));
  ASSIGN_OR_RETURN(auto people, PeopleIndex(ctx));
  const CommunityNames community(*s);
  const OtherFindings other(*s);
  json out = json::array();
  for (const auto& b : s->findings.at("brokers")) {
    const int64_t id = b.at("person").get<int64_t>();
    const network::SnapshotPerson* p = network::FindPerson(*s, id);
    json links = json::array();
    for (const auto& l : b.value("links", json::array())) {
      json x = community(l.at("community").get<int64_t>());
      x["contacts"] = l.at("contacts");
      links.push_back(std::move(x));
    }
    // The community they bridge to most, named as the links are (older snapshots: null).
    json bridge = b.value("bridge", json(nullptr));
    if (!bridge.is_null()) {
      json named = community(bridge.at("community").get<int64_t>());
      for (const char* k : {"contacts", "own_contacts", "ties_between", "score"}) {
        named[k] = bridge.at(k);
      }
      // Snapshots from before the surprise was counted: null.
      for (const char* k : {"expected", "surprise"}) named[k] = bridge.value(k, json(nullptr));
      bridge = std::move(named);
    }
    out.push_back({{"person", PersonRef(people, id)},
                   {"community", p != nullptr ? community(p->community) : json(nullptr)},
                   {"communities_reached", b.at("communities_reached")},
                   {"brokerage", b.value("brokerage", json(nullptr))},
                   {"betweenness", b.at("betweenness")},
                   {"constraint", b.at("constraint")},
                   {"links", std::move(links)},
                   {"bridge", bridge},
                   {"also", other.Besides(id, "broker")}});
  }
  Audit(ctx, *req.viewer, "network.brokers.read", "snapshot:" + std::to_string(s->id));
  return Ok({{"snapshot", Header(*s)}, {"brokers", out}});
}

// Single points of failure (admins): people whose loss would cut the network or their team
// apart, or who hold skills nobody near them holds, with their names and teams. A snapshot
// analysed before skills were read has no skills in its entries and says so.
Result<ApiResponse> SinglePoints(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(SnapshotPtr s, Pick(ctx, req));
  ASSIGN_OR_RETURN(auto people, PeopleIndex(ctx));
  const bool skills = s->params.contains("sole_skill_min_level");
  const OtherFindings other(*s);
  json out = json::array();
  for (const auto& p : s->findings.at("single_points")) {
    json x = p;
    if (!x.contains("sole_skills")) x["sole_skills"] = json::array();
    const int64_t id = p.at("person").get<int64_t>();
    x["person"] = PersonRef(people, id);
    x["also"] = other.Besides(id, "single_point");
    out.push_back(std::move(x));
  }
  Audit(ctx, *req.viewer, "network.single_points.read", "snapshot:" + std::to_string(s->id));
  return Ok({{"snapshot", Header(*s)},
             {"single_points", out},
             {"skills_analysed", skills},
             {"skill_level", skills ? s->params.at("sole_skill_min_level") : json(nullptr)},
             {"skill_steps", skills ? s->params.at("sole_skill_steps") : json(nullptr)}});
}

// A snapshot's findings against a truth the admin trusts (network/truth.h): the body is the truth
// ({"hidden_champions": [employee ids], "silo_teams": [team paths], ...}); each person a score
// names comes back with their name and team under "people".
Result<ApiResponse> CheckFindings(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  ASSIGN_OR_RETURN(network::KnownTruth truth, network::KnownTruthFrom(body));
  ASSIGN_OR_RETURN(SnapshotPtr s, Pick(ctx, req));
  ASSIGN_OR_RETURN(auto people, PeopleIndex(ctx));
  std::unordered_map<int64_t, std::string> employee_id;
  std::unordered_map<std::string, int64_t> by_employee;
  for (const auto& [id, p] : people) {
    employee_id[id] = p.external_id;
    by_employee[p.external_id] = id;
  }
  ASSIGN_OR_RETURN(std::vector<network::FindingScore> scores,
                   network::ScoreFindings(*s, truth, employee_id));
  json named = json::object();
  for (const network::FindingScore& f : scores) {
    for (const auto* list : {&f.missed, &f.unexpected}) {
      for (const std::string& key : *list) {
        auto it = by_employee.find(key);
        if (it != by_employee.end() && f.finding != "silo teams") {
          named[key] = PersonRef(people, it->second);
        }
      }
    }
  }
  Audit(ctx, *req.viewer, "network.findings.check", "snapshot:" + std::to_string(s->id));
  return Ok({{"snapshot", Header(*s)},
             {"scores", network::FindingScoresJson(scores)},
             {"people", named}});
}

Result<ApiResponse> Silos(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(Viewing v, View(ctx, req));
  if (!v.access.IsAdmin() && !v.access.IsManager()) {
    return PermissionDenied("silo teams are shown to managers (their own teams) and admins");
  }
  json out = json::array();
  for (const auto& x : v.snap->findings.at("silos")) {
    if (v.access.CanSeeTeam(x.at("team"), x.at("members").get<int64_t>())) out.push_back(x);
  }
  return Ok({{"snapshot", Header(*v.snap)},
             {"silos", out},
             {"threshold_ei", v.snap->params.value("silo_max_ei", -0.5)}});
}

Result<ApiResponse> NetworkCommunities(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(Viewing v, View(ctx, req));
  if (!v.access.CanSeeAggregates()) {
    return PermissionDenied("communities are shown to managers and admins");
  }
  const int k = v.access.k();
  json out = json::array();
  int64_t hidden = 0;
  for (const auto& c : v.snap->findings.at("communities")) {
    int64_t size = c.at("size").get<int64_t>();
    if (!v.access.IsAdmin() && size < k) {
      ++hidden;
      continue;
    }
    json teams = json::array();
    int64_t other = 0;
    for (const auto& t : c.at("teams")) {
      int64_t m = t.at("members").get<int64_t>();
      if (v.access.IsAdmin() || m >= k) {
        teams.push_back(t);
      } else {
        other += m;
      }
    }
    out.push_back({{"id", c.at("id")},
                   {"size", size},
                   {"teams", teams},
                   {"members_in_smaller_groups", other}});
  }
  return Ok({{"snapshot", Header(*v.snap)},
             {"modularity", v.snap->summary.at("modularity")},
             {"communities", out},
             {"suppressed_small_communities", hidden}});
}

Result<ApiResponse> TeamFlows(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(Viewing v, View(ctx, req));
  if (!v.access.CanSeeAggregates()) {
    return PermissionDenied("flows between teams are shown to managers and admins");
  }
  const network::Snapshot& s = *v.snap;
  // Teams under k people are pooled into one row for everyone but admins.
  const std::string kPooled = "(teams under " + std::to_string(v.access.k()) + " people)";
  std::map<std::string, int64_t> members;
  auto group = [&](const std::string& team, int64_t size) {
    return v.access.IsAdmin() || size >= v.access.k() ? team : kPooled;
  };
  auto sizes = TeamSizes(s);
  for (const auto& t : s.teams) members[group(t.team, t.members)] += t.members;
  std::vector<std::string> names;
  std::unordered_map<std::string, size_t> index;
  for (const auto& [name, m] : members) {
    index[name] = names.size();
    names.push_back(name);
  }
  std::map<std::pair<size_t, size_t>, int64_t> cells;
  for (const auto& f : s.flows) {
    std::string a = f[0], b = f[1];
    size_t i = index.at(group(a, sizes[a])), j = index.at(group(b, sizes[b]));
    if (i > j) std::swap(i, j);
    cells[{i, j}] += f[2].get<int64_t>();
  }
  json teams = json::array();
  for (const auto& n : names) teams.push_back({{"team", n}, {"members", members[n]}});
  json out = json::array();
  for (const auto& [ij, ties] : cells) out.push_back({ij.first, ij.second, ties});
  return Ok({{"snapshot", Header(s)}, {"teams", teams}, {"flows", out}});
}

Result<ApiResponse> Newcomers(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(Viewing v, View(ctx, req));
  if (!v.access.IsAdmin() && !v.access.IsManager()) {
    return PermissionDenied("newcomers' integration is shown to their managers and admins");
  }
  ASSIGN_OR_RETURN(auto people, PeopleIndex(ctx));
  json out = json::array();
  for (const auto& n : v.snap->findings.at("newcomers")) {
    int64_t id = n.at("person").get<int64_t>();
    if (!v.access.InReportingLine(id)) continue;
    json x = n;
    x["person"] = PersonRef(people, id);
    auto it = people.find(id);
    x["hire_date"] = it != people.end() && it->second.hire_date
                         ? json(FormatDate(*it->second.hire_date))
                         : json(nullptr);
    out.push_back(std::move(x));
  }
  return Ok({{"snapshot", Header(*v.snap)},
             {"newcomer_days", v.snap->params.value("newcomer_days", 90)},
             // Snapshots taken before the grace days had none.
             {"newcomer_grace_days", v.snap->params.value("newcomer_grace_days", 0)},
             {"newcomers", out}});
}

Result<ApiResponse> SnapshotDiff(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(SnapshotPtr after, Pick(ctx, req, "to"));
  ASSIGN_OR_RETURN(int64_t from, QueryInt(req, "from", 0, 0, INT64_MAX));
  if (from == 0) {
    ASSIGN_OR_RETURN(from, ctx.snapshots.Previous(ctx.store, after->id));
    if (from == 0) {
      return NotFound("there is no earlier snapshot to compare snapshot " +
                      std::to_string(after->id) + " with");
    }
  }
  ASSIGN_OR_RETURN(SnapshotPtr before, ctx.snapshots.Get(ctx.store, from));
  ASSIGN_OR_RETURN(NetworkAccess access,
                   NetworkAccess::For(*req.viewer, ctx.store, *after, ctx.config.anonymity_k));
  json d = network::DiffSnapshots(*before, *after);
  if (access.IsAdmin()) {
    // Who the person-level changes are about: each person named once, by id.
    ASSIGN_OR_RETURN(auto people, PeopleIndex(ctx));
    json names = json::object();
    auto name = [&](const json& id) {
      names[std::to_string(id.get<int64_t>())] = PersonRef(people, id.get<int64_t>());
    };
    for (const char* list :
         {"champions", "visible_helpers", "brokers", "single_points", "isolated_newcomers"}) {
      if (!d.contains(list)) continue;  // visible helpers: not kept by an older snapshot
      for (const char* part : {"added", "removed", "kept"}) {
        for (const auto& id : d.at(list).at(part)) name(id);
      }
    }
    for (const auto& id : d.value("champions_now_seen", json::array())) name(id);
    for (const auto& p : d.at("people")) name(p.at("person"));
    d["names"] = std::move(names);
    Audit(ctx, *req.viewer, "network.diff.read",
          "snapshot:" + std::to_string(before->id) + ".." + std::to_string(after->id));
  } else {
    // Person-level changes are for admins; teams only as the viewer may see them.
    d.erase("people");
    d.erase("champions");
    d.erase("visible_helpers");
    d.erase("champions_now_seen");
    d.erase("brokers");
    d.erase("single_points");
    d.erase("isolated_newcomers");
    json teams = json::array();
    for (const auto& t : d.at("teams")) {
      if (access.CanSeeTeam(t.at("team"), std::min(t.at("members_before").get<int64_t>(),
                                                   t.at("members_after").get<int64_t>()))) {
        teams.push_back(t);
      }
    }
    d["teams"] = teams;
    json silos = {{"added", json::array()}, {"removed", json::array()}, {"kept", json::array()}};
    auto sizes = TeamSizes(*after);
    for (const char* part : {"added", "removed", "kept"}) {
      for (const auto& t : d.at("silos").at(part)) {
        if (access.CanSeeTeam(t, sizes[t.get<std::string>()])) silos[part].push_back(t);
      }
    }
    d["silos"] = silos;
  }
  return Ok(d);
}

// The person-level map's ties by default, and at most (bench/RESULTS.md, "The network map at
// 10,000 people").
constexpr int64_t kMapTies = 50'000;
constexpr int64_t kMaxMapTies = 2'000'000;

Result<ApiResponse> NetworkGraph(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(Viewing v, View(ctx, req));
  std::string level = req.query.count("level") ? req.query.at("level") : "team";
  if (level != "team" && level != "person") {
    return InvalidArgument("level must be 'team' or 'person'");
  }
  const network::Snapshot& s = *v.snap;
  if (level == "person") {
    if (!v.access.IsAdmin()) {
      return PermissionDenied("the person-level map is shown to admins only; others see teams");
    }
    ASSIGN_OR_RETURN(auto people, PeopleIndex(ctx));
    std::vector<std::string> teams;
    std::unordered_map<std::string, int32_t> team_index;
    json ids = json::array(), names = json::array(), team = json::array(),
         community = json::array(), x = json::array(), y = json::array();
    json metrics = {{"in_degree", json::array()},
                    {"pagerank", json::array()},
                    {"betweenness", json::array()},
                    {"harmonic", json::array()},
                    {"constraint", json::array()}};
    std::unordered_map<int64_t, size_t> node_of;
    for (const auto& p : s.people) {
      const size_t node = node_of.size();
      node_of[p.id] = node;
      ids.push_back(p.id);
      auto it = people.find(p.id);
      names.push_back(it == people.end() ? json(nullptr) : json(it->second.name));
      auto [ti, added] = team_index.emplace(p.team, static_cast<int32_t>(teams.size()));
      if (added) teams.push_back(p.team);
      team.push_back(ti->second);
      community.push_back(p.community);
      x.push_back(std::round(p.x * 1e4) / 1e4);
      y.push_back(std::round(p.y * 1e4) / 1e4);
      metrics["in_degree"].push_back(p.in_degree);
      metrics["pagerank"].push_back(p.pagerank);
      metrics["betweenness"].push_back(p.betweenness);
      metrics["harmonic"].push_back(Num(p.harmonic));
      metrics["constraint"].push_back(Num(p.constraint));
    }
    // A map shows so many lines before it stops being readable or smooth: past `max_edges`,
    // everyone's strongest ties and then the strongest of the rest (network::TiesToDraw).
    ASSIGN_OR_RETURN(int64_t max_edges,
                     QueryInt(req, "max_edges", kMapTies, 0, static_cast<int64_t>(kMaxMapTies)));
    json src = json::array(), dst = json::array(), weight = json::array();
    for (size_t i : network::TiesToDraw(s.edges, static_cast<size_t>(max_edges))) {
      const auto& e = s.edges[i];
      src.push_back(node_of.at(e.src));
      dst.push_back(node_of.at(e.dst));
      weight.push_back(e.weight);
    }
    // The people each person-level finding names, as nodes (for the map to pick them out).
    json flagged = json::object();
    for (const auto& f : network::PersonFlags(s)) {
      json nodes = json::array();
      for (int64_t id : f.people) {
        if (auto it = node_of.find(id); it != node_of.end()) nodes.push_back(it->second);
      }
      flagged[f.flag] = std::move(nodes);
    }
    Audit(ctx, *req.viewer, "network.graph.read", "snapshot:" + std::to_string(s.id), "person");
    return Ok({{"snapshot", Header(s)},
               {"findings", std::move(flagged)},
               {"level", "person"},
               {"groups", teams},
               {"nodes",
                {{"id", ids},
                 {"label", names},
                 {"group", team},
                 {"community", community},
                 {"x", x},
                 {"y", y},
                 {"metrics", metrics}}},
               {"edges", {{"source", src}, {"target", dst}, {"weight", weight}}},
               {"edges_total", s.edges.size()}});
  }
  if (!v.access.CanSeeAggregates()) {
    return PermissionDenied("the network map is shown to managers and admins");
  }
  // Teams as nodes (at least k people unless admin), placed at their members' centre, sized by
  // head count, coloured by the community most of them are in; ties between teams as edges.
  struct Acc {
    int64_t members = 0;
    double x = 0, y = 0;
    std::map<int32_t, int64_t> communities;
  };
  std::map<std::string, Acc> acc;
  auto sizes = TeamSizes(s);
  auto visible = [&](const std::string& t) {
    return !t.empty() && (v.access.IsAdmin() || sizes[t] >= v.access.k());
  };
  for (const auto& p : s.people) {
    if (!visible(p.team)) continue;
    Acc& a = acc[p.team];
    ++a.members;
    a.x += p.x;
    a.y += p.y;
    ++a.communities[p.community];
  }
  json labels = json::array(), members = json::array(), community = json::array(),
       x = json::array(), y = json::array();
  std::unordered_map<std::string, size_t> index;
  for (const auto& [team, a] : acc) {
    index[team] = index.size();
    labels.push_back(team);
    members.push_back(a.members);
    auto top = std::max_element(a.communities.begin(), a.communities.end(),
                                [](const auto& l, const auto& r) { return l.second < r.second; });
    community.push_back(top->first);
    x.push_back(a.x / static_cast<double>(a.members));
    y.push_back(a.y / static_cast<double>(a.members));
  }
  json src = json::array(), dst = json::array(), weight = json::array(), internal = json::array();
  std::vector<int64_t> inside(index.size(), 0);
  for (const auto& f : s.flows) {
    std::string a = f[0], b = f[1];
    if (!index.count(a) || !index.count(b)) continue;
    if (a == b) {
      inside[index[a]] = f[2].get<int64_t>();
      continue;
    }
    src.push_back(index[a]);
    dst.push_back(index[b]);
    weight.push_back(f[2]);
  }
  for (int64_t t : inside) internal.push_back(t);
  return Ok({{"snapshot", Header(s)},
             {"level", "team"},
             {"min_group_size", v.access.k()},
             {"nodes",
              {{"label", labels},
               {"members", members},
               {"internal_ties", internal},
               {"community", community},
               {"x", x},
               {"y", y}}},
             {"edges", {{"source", src}, {"target", dst}, {"weight", weight}}},
             {"edges_total", src.size()}});
}

}  // namespace pl::server
