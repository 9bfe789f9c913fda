// Learning circles over HTTP: admins post challenges; anyone signs up with ranked choices
// (always voluntary); admins form circles, pin people, start and close them; a circle's members
// (and its sponsor) see it once started, log meetings with takeaways, and its facilitator keeps
// the checklist, cadence and the "what did we learn" summary. Proposed circles are the admins'
// to review: members learn of a circle when it starts.
#include <map>
#include <set>

#include "analytics/circles_job.h"
#include "matching/circle_life.h"
#include "server/handler_util.h"
#include "server/handlers.h"

namespace pl::server {
namespace {

using nlohmann::json;

// Text a person writes: at most `max_chars` characters, no control characters but line breaks
// and tabs (the JSON parser has checked the UTF-8).
Result<std::string> Text(const json& body, const char* key, size_t max_chars, bool required) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) {
    if (required) return InvalidArgument(std::string(key) + ": required");
    return std::string();
  }
  if (!it->is_string()) return InvalidArgument(std::string(key) + ": expected text");
  const std::string& s = it->get_ref<const std::string&>();
  size_t chars = 0;
  for (unsigned char ch : s) {
    chars += (ch & 0xC0) != 0x80;
    if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') {
      return InvalidArgument(std::string(key) + ": control characters are not allowed");
    }
  }
  if (chars > max_chars) {
    return InvalidArgument(std::string(key) + ": " + std::to_string(chars) +
                           " characters, at most " + std::to_string(max_chars));
  }
  if (required && s.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument(std::string(key) + ": required");
  }
  return s;
}

struct Circles {
  std::vector<store::CircleRecord> circles;
  std::map<int64_t, store::ChallengeRecord> challenges;
};

Result<Circles> LoadCircles(ApiContext& ctx) {
  Circles out;
  ASSIGN_OR_RETURN(out.circles, ctx.store.ListCircles());
  ASSIGN_OR_RETURN(auto challenges, ctx.store.ListChallenges());
  for (auto& c : challenges) out.challenges.emplace(c.id, std::move(c));
  return out;
}

bool IsMember(const store::CircleRecord& c, PersonId p) {
  for (const auto& m : c.members) {
    if (m.person == p) return true;
  }
  return false;
}

bool IsFacilitator(const store::CircleRecord& c, PersonId p) {
  for (const auto& m : c.members) {
    if (m.person == p && m.role == "facilitator") return true;
  }
  return false;
}

// Admins see every circle; members and the challenge's sponsor see it once started.
bool CanSee(const Viewer& v, const store::CircleRecord& c, const store::ChallengeRecord& ch) {
  if (v.role == Role::kAdmin) return true;
  if (c.status == "proposed" || !v.person_id.valid()) return false;
  return IsMember(c, v.person_id) || ch.sponsor == v.person_id;
}

json ChallengeJson(const store::ChallengeRecord& c, const std::map<int64_t, Person>& people) {
  return {{"id", c.id},
          {"title", c.title},
          {"problem", c.problem},
          {"skills", c.skills},
          {"sponsor", c.sponsor.valid() ? PersonRef(people, c.sponsor) : json(nullptr)},
          {"status", c.status},
          {"created_at", FormatTimestamp(c.created_at)}};
}

json CircleSummaryJson(const store::CircleRecord& c, const store::ChallengeRecord& ch,
                       const std::map<int64_t, Person>& people) {
  json members = json::array();
  for (const auto& m : c.members) {
    json r = PersonRef(people, m.person);
    r["role"] = m.role;
    members.push_back(std::move(r));
  }
  json j = {{"id", c.id},
            {"challenge", {{"id", ch.id}, {"title", ch.title}}},
            {"status", c.status},
            {"members", members},
            {"score", json::parse(c.score, nullptr, false)},
            {"explanation", c.explanation},
            {"cadence_days", c.cadence_days},
            {"created_at", FormatTimestamp(c.created_at)}};
  j["started_at"] = c.started_at ? json(FormatTimestamp(*c.started_at)) : json(nullptr);
  return j;
}

Result<std::pair<store::CircleRecord, store::ChallengeRecord>> FindCircle(ApiContext& ctx,
                                                                          const ApiRequest& req) {
  ASSIGN_OR_RETURN(int64_t id, PositiveId(req, "circle"));
  ASSIGN_OR_RETURN(Circles all, LoadCircles(ctx));
  for (auto& c : all.circles) {
    if (c.id != id) continue;
    const store::ChallengeRecord& ch = all.challenges.at(c.challenge_id);
    // A circle the viewer may not see is "not found", so ids reveal nothing.
    if (!CanSee(*req.viewer, c, ch)) break;
    return std::pair{std::move(c), ch};
  }
  return NotFound("there is no circle #" + std::to_string(id));
}

}  // namespace

Result<ApiResponse> ListChallenges(ApiContext& ctx, const ApiRequest& req) {
  const Viewer& v = *req.viewer;
  ASSIGN_OR_RETURN(auto challenges, ctx.store.ListChallenges());
  ASSIGN_OR_RETURN(auto signups, ctx.store.ListCircleSignups());
  ASSIGN_OR_RETURN(auto people, PeopleById(ctx));
  std::map<int64_t, std::pair<int, int>> counts;  // first choices, any rank
  json mine = nullptr;
  std::map<int64_t, int> my_rank;
  for (const auto& s : signups) {
    for (size_t i = 0; i < s.preferences.size(); ++i) {
      ++counts[s.preferences[i]].second;
      if (i == 0) ++counts[s.preferences[i]].first;
      if (s.person == v.person_id) my_rank[s.preferences[i]] = static_cast<int>(i) + 1;
    }
    if (s.person == v.person_id) {
      mine = {{"preferences", s.preferences},
              {"facilitator", s.facilitator},
              {"max_circles", s.max_circles}};
    }
  }
  json out = json::array();
  for (const auto& c : challenges) {
    if (c.status != "open" && v.role != Role::kAdmin) continue;
    json j = ChallengeJson(c, people);
    j["volunteers"] = counts[c.id].second;
    j["first_choices"] = counts[c.id].first;
    j["my_rank"] = my_rank.count(c.id) ? json(my_rank[c.id]) : json(nullptr);
    out.push_back(std::move(j));
  }
  json body = {{"challenges", out}, {"signup", mine}};
  if (v.role == Role::kAdmin) {
    ASSIGN_OR_RETURN(auto pins, ctx.store.CirclePins());
    json p = json::array();
    for (const auto& [who, challenge] : pins) {
      json r = PersonRef(people, who);
      r["challenge"] = challenge;
      p.push_back(std::move(r));
    }
    body["pins"] = p;
    body["volunteers"] = signups.size();
  }
  return JsonResponse(body);
}

Result<ApiResponse> CreateChallenge(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  store::ChallengeRecord c;
  ASSIGN_OR_RETURN(c.title, Text(body, "title", 200, true));
  ASSIGN_OR_RETURN(c.problem, Text(body, "problem", 4000, false));
  ASSIGN_OR_RETURN(c.skills, SkillNames(body, "skills", 12));
  if (auto s = body.find("sponsor"); s != body.end() && !s->is_null()) {
    if (!s->is_number_integer()) return InvalidArgument("sponsor: a person id");
    c.sponsor = PersonId(s->get<int64_t>());
  }
  // Admins post for any sponsor; a manager posts a challenge they sponsor themselves.
  const Viewer& v = *req.viewer;
  if (v.role == Role::kEmployee) {
    return PermissionDenied("challenges are posted by admins and by managers who sponsor them");
  }
  if (v.role == Role::kManager) {
    if (!v.person_id.valid()) return FailedPrecondition("this account is not linked to a person");
    if (c.sponsor.valid() && c.sponsor != v.person_id) {
      return PermissionDenied("a manager posts challenges they sponsor themselves");
    }
    c.sponsor = v.person_id;
  }
  c.created_at = ctx.clock.Now();
  ASSIGN_OR_RETURN(c.id, ctx.store.CreateChallenge(c));
  Audit(ctx, *req.viewer, "circles.challenge.create", "challenge:" + std::to_string(c.id));
  ASSIGN_OR_RETURN(auto people, PeopleById(ctx, {c.sponsor}));
  return JsonResponse(ChallengeJson(c, people), 201);
}

Result<ApiResponse> UpdateChallenge(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(int64_t id, PositiveId(req, "challenge"));
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  auto s = body.find("status");
  if (s == body.end() || !s->is_string() || (*s != "open" && *s != "closed")) {
    return InvalidArgument("status: \"open\" or \"closed\"");
  }
  RETURN_IF_ERROR(ctx.store.SetChallengeStatus(id, s->get<std::string>()));
  Audit(ctx, *req.viewer, "circles.challenge." + s->get<std::string>(),
        "challenge:" + std::to_string(id));
  return JsonResponse({{"id", id}, {"status", *s}});
}

Result<ApiResponse> SaveCircleSignup(ApiContext& ctx, const ApiRequest& req) {
  const Viewer& v = *req.viewer;
  if (!v.person_id.valid()) return FailedPrecondition("this account is not linked to a person");
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  store::CircleSignup s;
  s.person = v.person_id;
  s.updated_at = ctx.clock.Now();
  auto p = body.find("preferences");
  if (p == body.end() || !p->is_array()) {
    return InvalidArgument("preferences: challenge ids, first choice first ([] withdraws)");
  }
  for (const auto& x : *p) {
    if (!x.is_number_integer()) return InvalidArgument("preferences: challenge ids");
    s.preferences.push_back(x.get<int64_t>());
  }
  if (auto f = body.find("facilitator"); f != body.end() && !f->is_null()) {
    if (!f->is_boolean()) return InvalidArgument("facilitator: true or false");
    s.facilitator = f->get<bool>();
  }
  if (auto m = body.find("max_circles"); m != body.end() && !m->is_null()) {
    if (!m->is_number_integer()) return InvalidArgument("max_circles: 1, 2 or 3");
    s.max_circles = m->get<int>();
  }
  RETURN_IF_ERROR(ctx.store.SaveCircleSignup(s));
  return JsonResponse({{"preferences", s.preferences},
                       {"facilitator", s.facilitator},
                       {"max_circles", s.max_circles}});
}

Result<ApiResponse> PinToChallenge(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  for (const char* k : {"person", "challenge"}) {
    if (!body.contains(k) || !body[k].is_number_integer()) {
      return InvalidArgument(std::string(k) + ": an id");
    }
  }
  bool pinned = true;
  if (auto p = body.find("pinned"); p != body.end()) {
    if (!p->is_boolean()) return InvalidArgument("pinned: true or false");
    pinned = p->get<bool>();
  }
  const PersonId who(body["person"].get<int64_t>());
  const int64_t challenge = body["challenge"].get<int64_t>();
  RETURN_IF_ERROR(ctx.store.PinToChallenge(who, challenge, pinned));
  Audit(ctx, *req.viewer, pinned ? "circles.pin" : "circles.unpin",
        "person:" + std::to_string(who.value), "challenge:" + std::to_string(challenge));
  return JsonResponse({{"person", who.value}, {"challenge", challenge}, {"pinned", pinned}});
}

Result<ApiResponse> FormCirclesNow(ApiContext& ctx, const ApiRequest& req) {
  matching::CircleSettings settings;
  if (!req.body.empty()) {
    ASSIGN_OR_RETURN(json body, JsonBody(req));
    auto number = [&](const char* key, double lo, double hi, double& out) -> Status {
      auto it = body.find(key);
      if (it == body.end() || it->is_null()) return OkStatus();
      if (!it->is_number() || it->get<double>() < lo || it->get<double>() > hi) {
        return InvalidArgument(std::string(key) + ": " + std::to_string(static_cast<int>(lo)) +
                               " to " + std::to_string(static_cast<int>(hi)));
      }
      out = it->get<double>();
      return OkStatus();
    };
    double min_size = settings.min_size, max_size = settings.max_size;
    RETURN_IF_ERROR(number("min_size", 2, 60, min_size));
    RETURN_IF_ERROR(number("max_size", 2, 60, max_size));
    RETURN_IF_ERROR(number("min_overlap_hours", 0, 8, settings.min_overlap_hours));
    settings.min_size = static_cast<int>(min_size);
    settings.max_size = static_cast<int>(max_size);
    if (settings.min_size > settings.max_size) {
      return InvalidArgument("min_size: at most max_size (" + std::to_string(settings.max_size) +
                             ")");
    }
  }
  ASSIGN_OR_RETURN(analytics::CirclesRun run,
                   analytics::RunCircleFormation(ctx.store, settings, true));
  const auto& p = run.built.problem;
  Audit(ctx, *req.viewer, "circles.form", "programme",
        std::to_string(run.result.circles.size()) + " circles proposed");
  json unassigned = json::array();
  for (const auto& [v, why] : run.result.unassigned) {
    unassigned.push_back({{"person",
                           {{"id", run.built.person_ids[v].value},
                            {"name", p.people[v].name},
                            {"team", p.people[v].team}}},
                          {"reason", why}});
  }
  return JsonResponse({{"proposed", run.result.circles.size()},
                       {"volunteers", p.people.size()},
                       {"seated", p.people.size() - run.result.unassigned.size()},
                       {"objective", run.result.objective},
                       {"communities_known", run.built.from_snapshot},
                       {"unassigned", unassigned},
                       {"infeasibility", run.result.infeasibility},
                       {"stored", !run.result.circles.empty()}});
}

Result<ApiResponse> ListCircles(ApiContext& ctx, const ApiRequest& req) {
  const Viewer& v = *req.viewer;
  ASSIGN_OR_RETURN(Circles all, LoadCircles(ctx));
  ASSIGN_OR_RETURN(auto people, PeopleById(ctx));
  json out = json::array();
  for (const auto& c : all.circles) {
    const auto& ch = all.challenges.at(c.challenge_id);
    if (!CanSee(v, c, ch)) continue;
    json j = CircleSummaryJson(c, ch, people);
    j["mine"] = IsMember(c, v.person_id);
    out.push_back(std::move(j));
  }
  return JsonResponse({{"circles", out}});
}

Result<ApiResponse> GetCircle(ApiContext& ctx, const ApiRequest& req) {
  const Viewer& v = *req.viewer;
  ASSIGN_OR_RETURN(auto found, FindCircle(ctx, req));
  const auto& [c, ch] = found;
  ASSIGN_OR_RETURN(auto meetings, ctx.store.ListCircleMeetings(c.id));
  std::vector<PersonId> named = {ch.sponsor};
  for (const auto& m : c.members) named.push_back(m.person);
  for (const auto& m : meetings) named.push_back(m.logged_by);
  ASSIGN_OR_RETURN(auto people, PeopleById(ctx, named));
  json j = CircleSummaryJson(c, ch, people);
  j["challenge"] = ChallengeJson(ch, people);
  json checklist = json::array();
  std::set<std::string> done(c.checklist.begin(), c.checklist.end());
  for (const auto& item : matching::FacilitatorChecklist()) {
    checklist.push_back(
        {{"key", item.key}, {"label", item.label}, {"done", done.count(item.key) > 0}});
  }
  j["checklist"] = checklist;
  j["summary"] = c.summary;
  json log = json::array();
  for (const auto& m : meetings) {
    log.push_back({{"id", m.id},
                   {"date", FormatTimestamp(m.held_on).substr(0, 10)},
                   {"notes", m.notes},
                   {"takeaways", m.takeaways},
                   {"logged_by", m.logged_by.valid() ? PersonRef(people, m.logged_by) : json()}});
  }
  j["meetings"] = log;
  if (c.status == "active" && c.started_at) {
    std::optional<Timestamp> last;
    if (!meetings.empty()) last = meetings.front().held_on;
    matching::Due due = matching::NextMeeting(*c.started_at, last, c.cadence_days, ctx.clock.Now());
    j["next_meeting"] = {{"due", FormatTimestamp(due.date).substr(0, 10)},
                         {"overdue_days", due.overdue_days}};
  } else {
    j["next_meeting"] = nullptr;
  }
  j["can_log"] = c.status == "active" && (IsMember(c, v.person_id) || v.role == Role::kAdmin);
  j["can_edit"] =
      c.status != "proposed" && (IsFacilitator(c, v.person_id) || v.role == Role::kAdmin);
  return JsonResponse(j);
}

Result<ApiResponse> UpdateCircle(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(int64_t id, PositiveId(req, "circle"));
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  auto s = body.find("status");
  if (s == body.end() || !s->is_string() || (*s != "active" && *s != "closed")) {
    return InvalidArgument("status: \"active\" or \"closed\"");
  }
  RETURN_IF_ERROR(ctx.store.SetCircleStatus(id, s->get<std::string>(), ctx.clock.Now()));
  Audit(ctx, *req.viewer, "circles.circle." + s->get<std::string>(),
        "circle:" + std::to_string(id));
  return JsonResponse({{"id", id}, {"status", *s}});
}

Result<ApiResponse> SaveCircleLife(ApiContext& ctx, const ApiRequest& req) {
  const Viewer& v = *req.viewer;
  ASSIGN_OR_RETURN(auto found, FindCircle(ctx, req));
  const auto& [c, ch] = found;
  if (!IsFacilitator(c, v.person_id) && v.role != Role::kAdmin) {
    return PermissionDenied("only the circle's facilitator keeps its checklist and summary");
  }
  if (c.status == "proposed") return FailedPrecondition("the circle has not started");
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  int cadence = c.cadence_days;
  std::vector<std::string> checklist = c.checklist;
  std::string summary = c.summary;
  if (auto d = body.find("cadence_days"); d != body.end() && !d->is_null()) {
    if (!d->is_number_integer() || d->get<int>() < 1 || d->get<int>() > 62) {
      return InvalidArgument("cadence_days: a whole number of days from 1 to 62");
    }
    cadence = d->get<int>();
  }
  if (auto k = body.find("checklist"); k != body.end() && !k->is_null()) {
    if (!k->is_array()) return InvalidArgument("checklist: the keys of the items done");
    std::set<std::string> keys;
    for (const auto& x : *k) {
      if (!x.is_string() || !matching::IsChecklistItem(x.get<std::string>())) {
        return InvalidArgument("checklist: '" + (x.is_string() ? x.get<std::string>() : x.dump()) +
                               "' is not a checklist item");
      }
      keys.insert(x.get<std::string>());
    }
    checklist.assign(keys.begin(), keys.end());
  }
  if (body.contains("summary")) {
    ASSIGN_OR_RETURN(summary, Text(body, "summary", 8000, false));
  }
  RETURN_IF_ERROR(ctx.store.SaveCircleLife(c.id, cadence, checklist, summary));
  return JsonResponse(
      {{"id", c.id}, {"cadence_days", cadence}, {"checklist", checklist}, {"summary", summary}});
}

Result<ApiResponse> LogCircleMeeting(ApiContext& ctx, const ApiRequest& req) {
  const Viewer& v = *req.viewer;
  ASSIGN_OR_RETURN(auto found, FindCircle(ctx, req));
  const auto& [c, ch] = found;
  if (!IsMember(c, v.person_id) && v.role != Role::kAdmin) {
    return PermissionDenied("only the circle's members log its meetings");
  }
  if (c.status != "active") {
    return FailedPrecondition("circle #" + std::to_string(c.id) + " is " + c.status);
  }
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  store::CircleMeeting m;
  m.circle_id = c.id;
  m.logged_by = v.person_id;
  m.created_at = ctx.clock.Now();
  m.held_on = ctx.clock.Now();
  if (auto d = body.find("date"); d != body.end() && !d->is_null()) {
    if (!d->is_string()) return InvalidArgument("date: YYYY-MM-DD");
    auto date = ParseDate(d->get<std::string>());
    if (!date.ok()) return InvalidArgument("date: '" + d->get<std::string>() + "' is not a date");
    m.held_on = Timestamp(*date);
    if (m.held_on > ctx.clock.Now()) return InvalidArgument("date: in the future");
    if (c.started_at && *date < std::chrono::floor<std::chrono::days>(*c.started_at)) {
      return InvalidArgument("date: before the circle started (" +
                             FormatTimestamp(*c.started_at).substr(0, 10) + ")");
    }
  }
  ASSIGN_OR_RETURN(m.notes, Text(body, "notes", 4000, false));
  if (auto t = body.find("takeaways"); t != body.end() && !t->is_null()) {
    if (!t->is_array() || t->size() > 10) return InvalidArgument("takeaways: up to ten lines");
    for (size_t i = 0; i < t->size(); ++i) {
      json one = {{"takeaway", (*t)[i]}};
      ASSIGN_OR_RETURN(std::string s, Text(one, "takeaway", 300, true));
      m.takeaways.push_back(std::move(s));
    }
  }
  if (m.notes.empty() && m.takeaways.empty()) {
    return InvalidArgument("notes or takeaways: a meeting logs at least one");
  }
  ASSIGN_OR_RETURN(m.id, ctx.store.AddCircleMeeting(m));
  return JsonResponse({{"id", m.id},
                       {"date", FormatTimestamp(m.held_on).substr(0, 10)},
                       {"takeaways", m.takeaways}},
                      201);
}

Result<ApiResponse> CircleLearned(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(auto found, FindCircle(ctx, req));
  const auto& [c, ch] = found;
  ASSIGN_OR_RETURN(auto meetings, ctx.store.ListCircleMeetings(c.id));
  std::vector<matching::LearnedMeeting> learned;
  for (const auto& m : meetings) learned.push_back({m.held_on, m.takeaways});
  ApiResponse r;
  r.body = matching::LearnedMarkdown(ch.title, ch.problem, c.summary,
                                     static_cast<int>(c.members.size()), std::move(learned));
  r.headers.push_back({"Content-Type", "text/markdown; charset=utf-8"});
  r.headers.push_back({"Content-Disposition",
                       "attachment; filename=\"circle-" + std::to_string(c.id) + "-learned.md\""});
  return r;
}

}  // namespace pl::server
