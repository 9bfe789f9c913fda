// The mentoring programme over HTTP: anyone opts in (as a mentee with goals, as a mentor with
// offered skills and places) and sees their own pairs with the explanation; admins run the
// matching, review and approve; the pair rate it and log meetings, which feed the network's
// mentoring layer.
#include <map>

#include "analytics/mentoring_job.h"
#include "server/handler_util.h"
#include "server/handlers.h"

namespace pl::server {
namespace {

using nlohmann::json;

json PairJson(const store::MentoringPair& p, const std::map<int64_t, Person>& people) {
  json j = {{"id", p.id},
            {"mentee", PersonRef(people, p.mentee)},
            {"mentor", PersonRef(people, p.mentor)},
            {"status", p.status},
            {"score", p.score},
            {"explanation", p.explanation},
            {"created_at", FormatTimestamp(p.created_at)}};
  j["rating"] = p.rating ? json(*p.rating) : json(nullptr);
  json alts = json::array();
  for (const auto& [who, why] : p.alternatives) {
    json a = PersonRef(people, who);
    a["explanation"] = why;
    alts.push_back(std::move(a));
  }
  j["alternatives"] = alts;
  return j;
}

json OptInJson(const store::MentoringOptIn& o) {
  json goals = json::array();
  for (const auto& [skill, target] : o.goals)
    goals.push_back({{"skill", skill}, {"target", target}});
  return {{"role", o.role},
          {"goals", goals},
          {"offers", o.offers},
          {"capacity", o.capacity},
          {"network", o.network.empty() ? json(nullptr) : json(o.network)}};
}

Result<store::MentoringPair> FindPair(ApiContext& ctx, int64_t id) {
  ASSIGN_OR_RETURN(auto pairs, ctx.store.ListMentoringPairs());
  for (auto& p : pairs) {
    if (p.id == id) return p;
  }
  return NotFound("there is no pair #" + std::to_string(id));
}

}  // namespace

Result<ApiResponse> ListSkills(ApiContext& ctx, const ApiRequest&) {
  ASSIGN_OR_RETURN(auto parents, ctx.store.SkillParents());
  json out = json::array();
  for (const auto& [name, parent] : parents) {
    out.push_back({{"name", name}, {"parent", parent.empty() ? json(nullptr) : json(parent)}});
  }
  return JsonResponse({{"skills", out}});
}

namespace {

// Learning goals are the person's own: they and admins read and change them.
Result<PersonId> GoalsOwner(const ApiRequest& req) {
  ASSIGN_OR_RETURN(PersonId id, PathId(req));
  const Viewer& v = *req.viewer;
  if (v.person_id != id && v.role != Role::kAdmin) {
    return PermissionDenied("learning goals are seen only by the person and admins");
  }
  return id;
}

json GoalsJson(const std::vector<std::pair<PersonId, store::LearningGoal>>& goals) {
  json out = json::array();
  for (const auto& [who, g] : goals) out.push_back({{"skill", g.skill}, {"target", g.target}});
  return out;
}

}  // namespace

Result<ApiResponse> GetLearningGoals(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(PersonId id, GoalsOwner(req));
  ASSIGN_OR_RETURN(auto goals, ctx.store.LearningGoals(id));
  return JsonResponse({{"goals", GoalsJson(goals)}});
}

Result<ApiResponse> SetLearningGoals(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(PersonId id, GoalsOwner(req));
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  auto g = body.find("goals");
  if (g == body.end() || !g->is_array()) {
    return InvalidArgument("goals: a list of {\"skill\", \"target\"}");
  }
  std::vector<store::LearningGoal> goals;
  for (const auto& x : *g) {
    if (!x.is_object() || !x.contains("skill") || !x["skill"].is_string() ||
        !x.contains("target") || !x["target"].is_number_integer()) {
      return InvalidArgument("goals: each {\"skill\": name, \"target\": 1 to 4}");
    }
    goals.push_back({x["skill"].get<std::string>(), x["target"].get<int>()});
  }
  RETURN_IF_ERROR(ctx.store.SetLearningGoals(id, goals, ctx.clock.Now()));
  ASSIGN_OR_RETURN(auto stored, ctx.store.LearningGoals(id));
  return JsonResponse({{"goals", GoalsJson(stored)}});
}

Result<ApiResponse> MyMentoring(ApiContext& ctx, const ApiRequest& req) {
  const Viewer& v = *req.viewer;
  if (!v.person_id.valid()) {
    return FailedPrecondition("this account is not linked to a person");
  }
  ASSIGN_OR_RETURN(auto optins, ctx.store.ListMentoringOptIns());
  json mine = json::array();
  for (const auto& o : optins) {
    if (o.person == v.person_id) mine.push_back(OptInJson(o));
  }
  ASSIGN_OR_RETURN(auto people, PeopleById(ctx));
  ASSIGN_OR_RETURN(auto pairs, ctx.store.ListMentoringPairs());
  json as_mentee = json::array(), as_mentor = json::array();
  for (const auto& p : pairs) {
    // A proposal is the admins' to review; people see their pairs once approved.
    if (p.status == "proposed") continue;
    if (p.mentee == v.person_id) as_mentee.push_back(PairJson(p, people));
    if (p.mentor == v.person_id) as_mentor.push_back(PairJson(p, people));
  }
  return JsonResponse({{"optins", mine}, {"as_mentee", as_mentee}, {"as_mentor", as_mentor}});
}

Result<ApiResponse> SaveOptIn(ApiContext& ctx, const ApiRequest& req) {
  const Viewer& v = *req.viewer;
  if (!v.person_id.valid()) {
    return FailedPrecondition("this account is not linked to a person");
  }
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  store::MentoringOptIn o;
  o.person = v.person_id;
  o.updated_at = ctx.clock.Now();
  if (!body.contains("role") || !body["role"].is_string()) {
    return InvalidArgument("role: \"mentee\" or \"mentor\"");
  }
  o.role = body["role"].get<std::string>();
  if (auto g = body.find("goals"); g != body.end() && !g->is_null()) {
    if (!g->is_array() || g->size() > 5) {
      return InvalidArgument("goals: up to five {\"skill\", \"target\"}");
    }
    for (const auto& x : *g) {
      if (!x.is_object() || !x.contains("skill") || !x["skill"].is_string() ||
          !x.contains("target") || !x["target"].is_number_integer()) {
        return InvalidArgument("goals: each {\"skill\": name, \"target\": 1 to 4}");
      }
      const std::string skill = x["skill"].get<std::string>();
      if (skill.empty() || skill.size() > 80)
        return InvalidArgument("goals: a skill name of 1 to 80 characters");
      o.goals.emplace_back(skill, x["target"].get<int>());
    }
  }
  ASSIGN_OR_RETURN(o.offers, SkillNames(body, "offers", 10));
  if (auto n = body.find("network"); n != body.end() && !n->is_null()) {
    if (!n->is_string()) return InvalidArgument("network: \"bridge\" or \"familiar\"");
    o.network = n->get<std::string>();
  }
  if (auto c = body.find("capacity"); c != body.end() && !c->is_null()) {
    if (!c->is_number_integer()) return InvalidArgument("capacity: a whole number");
    o.capacity = c->get<int>();
  }
  RETURN_IF_ERROR(ctx.store.SaveMentoringOptIn(o));
  Audit(ctx, v, "mentoring.optin", "person:" + std::to_string(v.person_id.value), o.role);
  return JsonResponse(OptInJson(o));
}

Result<ApiResponse> ListPairs(ApiContext& ctx, const ApiRequest&) {
  ASSIGN_OR_RETURN(auto people, PeopleById(ctx));
  ASSIGN_OR_RETURN(auto pairs, ctx.store.ListMentoringPairs());
  ASSIGN_OR_RETURN(auto optins, ctx.store.ListMentoringOptIns());
  json out = json::array();
  for (const auto& p : pairs) out.push_back(PairJson(p, people));
  int mentees = 0, mentors = 0;
  for (const auto& o : optins) (o.role == "mentee" ? mentees : mentors) += 1;
  return JsonResponse({{"pairs", out}, {"mentees", mentees}, {"mentors", mentors}});
}

Result<ApiResponse> RunMatching(ApiContext& ctx, const ApiRequest& req) {
  matching::MatchSettings settings;
  if (!req.body.empty()) {
    ASSIGN_OR_RETURN(json body, JsonBody(req));
    if (auto m = body.find("mode"); m != body.end()) {
      if (*m != "bridge" && *m != "familiar") return InvalidArgument("mode: bridge or familiar");
      settings.mode =
          *m == "bridge" ? matching::NetworkMode::kBridge : matching::NetworkMode::kFamiliar;
    }
    if (auto h = body.find("min_overlap_hours"); h != body.end() && !h->is_null()) {
      if (!h->is_number() || h->get<double>() < 0 || h->get<double>() > 8) {
        return InvalidArgument("min_overlap_hours: 0 to 8");
      }
      settings.min_overlap_hours = h->get<double>();
    }
  }
  ASSIGN_OR_RETURN(analytics::MentoringRun run,
                   analytics::RunMentorMatching(ctx.store, settings, true));
  Audit(ctx, *req.viewer, "mentoring.match", "programme",
        std::to_string(run.result.matches.size()) + " proposals");
  json unmatched = json::array();
  const auto& p = run.built.problem;
  for (const auto& u : run.result.unmatched) {
    unmatched.push_back(
        {{"mentee", p.people[p.mentees[u.mentee].person].id}, {"reason", u.reason}});
  }
  return JsonResponse({{"proposed", run.result.matches.size()},
                       {"mentees", p.mentees.size()},
                       {"mentors", p.mentors.size()},
                       {"objective", run.result.objective},
                       {"unmatched", unmatched},
                       {"infeasibility", run.result.infeasibility}});
}

Result<ApiResponse> UpdatePair(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(int64_t id, PositiveId(req, "pair"));
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  auto s = body.find("status");
  if (s == body.end() || !s->is_string() || (*s != "approved" && *s != "ended")) {
    return InvalidArgument("status: \"approved\" or \"ended\"");
  }
  RETURN_IF_ERROR(ctx.store.SetMentoringPairStatus(id, s->get<std::string>()));
  Audit(ctx, *req.viewer, "mentoring.pair." + s->get<std::string>(), "pair:" + std::to_string(id));
  return JsonResponse({{"id", id}, {"status", *s}});
}

Result<ApiResponse> RatePair(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(int64_t id, PositiveId(req, "pair"));
  ASSIGN_OR_RETURN(store::MentoringPair pair, FindPair(ctx, id));
  const Viewer& v = *req.viewer;
  if (pair.mentee != v.person_id && v.role != Role::kAdmin) {
    return PermissionDenied("only the mentee rates a pair");
  }
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  auto r = body.find("rating");
  if (r == body.end() || !r->is_number()) return InvalidArgument("rating: a number from 1 to 5");
  RETURN_IF_ERROR(ctx.store.RateMentoringPair(id, r->get<double>()));
  return JsonResponse({{"id", id}, {"rating", *r}});
}

Result<ApiResponse> ExcludePair(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  for (const char* k : {"a", "b"}) {
    if (!body.contains(k) || !body[k].is_number_integer()) {
      return InvalidArgument(std::string(k) + ": a person id");
    }
  }
  if (!body.contains("reason") || !body["reason"].is_string()) {
    return InvalidArgument("reason: why the two are never paired");
  }
  const PersonId a(body["a"].get<int64_t>()), b(body["b"].get<int64_t>());
  RETURN_IF_ERROR(ctx.store.ExcludeMentoringPair(a, b, body["reason"].get<std::string>()));
  Audit(ctx, *req.viewer, "mentoring.exclude",
        "people:" + std::to_string(a.value) + "," + std::to_string(b.value));
  return JsonResponse({{"a", a.value}, {"b", b.value}}, 201);
}

Result<ApiResponse> LogMeeting(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(int64_t id, PositiveId(req, "pair"));
  ASSIGN_OR_RETURN(store::MentoringPair pair, FindPair(ctx, id));
  const Viewer& v = *req.viewer;
  if (pair.mentee != v.person_id && pair.mentor != v.person_id) {
    return PermissionDenied("only the mentee and the mentor log their meetings");
  }
  if (pair.status != "approved") {
    return FailedPrecondition("pair #" + std::to_string(id) + " is " + pair.status);
  }
  Timestamp when = ctx.clock.Now();
  if (!req.body.empty()) {
    ASSIGN_OR_RETURN(json body, JsonBody(req));
    if (auto d = body.find("date"); d != body.end() && !d->is_null()) {
      if (!d->is_string()) return InvalidArgument("date: YYYY-MM-DD");
      auto date = ParseDate(d->get<std::string>());
      if (!date.ok()) return InvalidArgument("date: '" + d->get<std::string>() + "' is not a date");
      when = Timestamp(*date);
      if (when > ctx.clock.Now()) return InvalidArgument("date: in the future");
    }
  }
  // The mentee sought the mentor's help: a tie in the mentoring layer, once per day.
  std::vector<store::InteractionRecord> tie = {{pair.mentee, pair.mentor, graph::Layer::kMentoring,
                                                when, 1.0, "mentoring:" + std::to_string(id)}};
  ASSIGN_OR_RETURN(auto applied, ctx.store.AddInteractions(tie, "mentoring", {}));
  return JsonResponse(
      {{"id", id}, {"logged", applied.added > 0}, {"date", FormatTimestamp(when).substr(0, 10)}},
      201);
}

}  // namespace pl::server
