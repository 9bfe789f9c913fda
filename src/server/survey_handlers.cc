// Surveys over HTTP: instruments and waves (admins), answering (the invited), results and
// response rates with the anonymity guard applied in the query layer. The guard runs over every
// group of the wave (what an admin may see); each role then sees a subset of the shown groups,
// and a subset of a family that exposes nobody exposes nobody either:
//   admin    — every shown group, the CSV export
//   manager  — the whole organisation and the teams of their reporting line
//   employee — the whole organisation
#include <algorithm>
#include <charconv>
#include <map>
#include <random>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "analytics/survey_job.h"
#include "server/handler_util.h"
#include "server/handlers.h"
#include "server/security.h"
#include "surveys/report.h"
#include "surveys/schedule.h"

namespace pl::server {
namespace {

using nlohmann::json;

ApiResponse Ok(json body) {
  ApiResponse r;
  r.body = std::move(body);
  return r;
}

Result<int64_t> WaveId(const ApiRequest& req) {
  auto it = req.path_params.find("id");
  if (it == req.path_params.end()) return InvalidArgument("missing id");
  int64_t id = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), id);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || id <= 0) {
    return InvalidArgument("the id in the path must be a positive whole number");
  }
  return id;
}

bool InPopulation(const store::WaveRecord& w, const std::string& team) {
  return surveys::InPopulation(w.population, team);
}

std::string WaveState(const store::WaveRecord& w, Timestamp now) {
  if (now < w.opens_at) return "scheduled";
  if (now >= w.closes_at) return "closed";
  return "open";
}

json WaveJson(const store::WaveRecord& w, const surveys::Instrument& in, Timestamp now) {
  return {{"id", w.id},
          {"title", w.title},
          {"instrument",
           {{"key", in.key},
            {"version", in.version},
            {"title", in.title},
            {"anonymity", surveys::AnonymityName(in.anonymity)}}},
          {"opens_at", FormatTimestamp(w.opens_at)},
          {"closes_at", FormatTimestamp(w.closes_at)},
          {"state", WaveState(w, now)},
          {"k", w.k},
          {"source", w.source},
          {"population", w.population},
          {"reminders", w.reminder_days_before}};
}

struct WaveContext {
  store::WaveRecord wave;
  store::InstrumentRecord instrument;
};

Result<WaveContext> LoadWave(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(int64_t id, WaveId(req));
  ASSIGN_OR_RETURN(store::WaveRecord w, ctx.store.GetWave(id));
  ASSIGN_OR_RETURN(store::InstrumentRecord in, ctx.store.GetInstrument(w.instrument_id));
  return WaveContext{std::move(w), std::move(in)};
}

Result<Person> Me(ApiContext& ctx, const Viewer& v) {
  if (!v.person_id.valid()) {
    return FailedPrecondition("this account is not linked to a person, so it takes no surveys");
  }
  return ctx.store.GetPerson(v.person_id);
}

// Free-text answers: known questions only, each within its length limit, no control characters
// other than line breaks and tabs; blank answers are dropped.
Result<store::SurveyComments> ParseComments(const json& body, const surveys::Instrument& in) {
  store::SurveyComments out;
  auto c = body.find("comments");
  if (c == body.end() || c->is_null()) return out;
  if (!c->is_object())
    return InvalidArgument("comments: expected an object of question id to text");
  for (auto it = c->begin(); it != c->end(); ++it) {
    auto q = in.FreeTextIndex(it.key());
    if (!q) {
      return InvalidArgument("comments: \"" + it.key().substr(0, 40) +
                             "\" is not a free-text question of " + in.key);
    }
    if (it->is_null()) continue;
    if (!it->is_string()) return InvalidArgument("comments." + it.key() + ": expected text");
    const std::string& text = it->get_ref<const std::string&>();
    size_t points = 0;
    for (unsigned char ch : text) {
      points += (ch & 0xC0) != 0x80;  // the parser has checked the UTF-8
      if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') {
        return InvalidArgument("comments." + it.key() + ": control characters are not allowed");
      }
    }
    if (points > static_cast<size_t>(in.free_text[*q].max_length)) {
      return InvalidArgument("comments." + it.key() + ": " + std::to_string(points) +
                             " characters, at most " + std::to_string(in.free_text[*q].max_length));
    }
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    out[it.key()] = text;
  }
  return out;
}

bool InGroup(const std::string& team, const std::string& group) {
  return group.empty() || team == group ||
         (team.size() > group.size() && team.starts_with(group) && team[group.size()] == '/');
}

// The team paths a manager's results may include: those of everyone in their reporting line.
Result<std::set<std::string>> OwnTeams(ApiContext& ctx, const Viewer& v) {
  std::set<std::string> out;
  if (!v.person_id.valid()) return out;
  ASSIGN_OR_RETURN(Person me, ctx.store.GetPerson(v.person_id));
  out.insert(me.team_path);
  ASSIGN_OR_RETURN(std::vector<PersonId> line, ctx.store.ReportingSubtree(v.person_id));
  std::unordered_set<int64_t> ids;
  for (PersonId p : line) ids.insert(p.value);
  ASSIGN_OR_RETURN(std::vector<Person> people, ctx.store.AllPeople(false));
  for (const Person& p : people) {
    if (ids.count(p.id.value)) out.insert(p.team_path);
  }
  out.erase("");
  return out;
}

// The wave's report with the guard applied; the previous wave of the same instrument for change.
// `responses_out`, when given, receives the wave's stored responses (read once).
Result<surveys::WaveReport> Report(ApiContext& ctx, const WaveContext& wc,
                                   surveys::WaveData& now_out, surveys::WaveData& prev_out,
                                   store::InstrumentRecord& prev_in,
                                   std::vector<store::StoredResponse>* responses_out = nullptr) {
  auto load = [&](int64_t wave, const surveys::Instrument& in, surveys::WaveData& d,
                  std::vector<store::StoredResponse>* keep) -> Status {
    ASSIGN_OR_RETURN(auto responses, ctx.store.LoadSurveyResponses(wave));
    d.instrument = &in;
    d.answers.items = in.items.size();
    for (const auto& r : responses) {
      d.groups.push_back(r.group);
      d.answers.values.insert(d.answers.values.end(), r.answers.begin(), r.answers.end());
    }
    if (keep) *keep = std::move(responses);
    return OkStatus();
  };
  RETURN_IF_ERROR(load(wc.wave.id, wc.instrument.instrument, now_out, responses_out));
  ASSIGN_OR_RETURN(auto waves, ctx.store.ListWaves());
  const surveys::WaveData* prev = nullptr;
  for (const auto& w : waves) {  // newest first: the first earlier one of the same instrument
    if (w.id == wc.wave.id || w.opens_at >= wc.wave.opens_at) continue;
    ASSIGN_OR_RETURN(store::InstrumentRecord in, ctx.store.GetInstrument(w.instrument_id));
    if (in.instrument.key != wc.instrument.instrument.key) continue;
    prev_in = std::move(in);
    RETURN_IF_ERROR(load(w.id, prev_in.instrument, prev_out, nullptr));
    prev = &prev_out;
    break;
  }
  return surveys::BuildReport(now_out, prev, {.k = std::max(wc.wave.k, ctx.config.anonymity_k)});
}

}  // namespace

Result<ApiResponse> ListInstruments(ApiContext& ctx, const ApiRequest&) {
  json out = json::array();
  std::set<std::pair<std::string, int>> seen;
  ASSIGN_OR_RETURN(auto stored, ctx.store.ListInstruments());
  for (const auto& r : stored) {
    json j = json::parse(surveys::InstrumentToJson(r.instrument));
    j["id"] = r.id;
    j["builtin"] = false;
    seen.insert({r.instrument.key, r.instrument.version});
    out.push_back(std::move(j));
  }
  for (const std::string& key : surveys::BuiltinKeys()) {
    ASSIGN_OR_RETURN(surveys::Instrument in, surveys::BuiltinInstrument(key));
    if (seen.count({in.key, in.version})) continue;
    json j = json::parse(surveys::InstrumentToJson(in));
    j["id"] = nullptr;
    j["builtin"] = true;
    out.push_back(std::move(j));
  }
  return Ok({{"instruments", out}});
}

Result<ApiResponse> CreateInstrument(ApiContext& ctx, const ApiRequest& req) {
  if (req.body.size() > (256u << 10)) return InvalidArgument("the definition is over 256 KiB");
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  ASSIGN_OR_RETURN(surveys::Instrument in, surveys::ParseInstrument(body.dump()));
  ASSIGN_OR_RETURN(int64_t id, ctx.store.SaveInstrument(in));
  Audit(ctx, *req.viewer, "survey.instrument.create", "instrument:" + std::to_string(id), in.key);
  ApiResponse r = Ok({{"id", id}, {"key", in.key}, {"version", in.version}});
  r.status = 201;
  return r;
}

namespace {

// The fields a wave and a schedule share, read from a request body with errors naming the field.
struct WaveFields {
  const json& body;

  Result<std::string> Text(const char* name, bool required) const {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
      if (required) return InvalidArgument(std::string(name) + ": missing");
      return std::string();
    }
    if (!it->is_string()) return InvalidArgument(std::string(name) + ": expected a string");
    return it->get<std::string>();
  }
  Result<Timestamp> When(const char* name) const {
    ASSIGN_OR_RETURN(std::string s, Text(name, true));
    if (auto d = ParseDate(s); d.ok()) return Timestamp(*d);
    auto t = ParseTimestamp(s);
    if (!t.ok())
      return InvalidArgument(std::string(name) + ": '" + s.substr(0, 40) + "' is not a date");
    return t;
  }
  Result<int> Int(const char* name, int fallback) const {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return fallback;
    if (!it->is_number_integer())
      return InvalidArgument(std::string(name) + ": expected a whole number");
    const int64_t v = it->get<int64_t>();
    if (v < -1000000 || v > 1000000) return InvalidArgument(std::string(name) + ": out of range");
    return static_cast<int>(v);
  }
  Result<std::vector<int>> Reminders() const {
    std::vector<int> out = {3, 1};
    auto it = body.find("reminders");
    if (it == body.end() || it->is_null()) return out;
    if (!it->is_array())
      return InvalidArgument("reminders: expected an array of days before closing");
    out.clear();
    for (const auto& d : *it) {
      if (!d.is_number_integer()) return InvalidArgument("reminders: days are whole numbers");
      out.push_back(static_cast<int>(std::clamp<int64_t>(d.get<int64_t>(), -1, 1000)));
    }
    return out;
  }
  Result<std::vector<std::string>> Population(ApiContext& ctx) const {
    std::vector<std::string> out;
    auto it = body.find("population");
    if (it == body.end() || it->is_null()) return out;
    if (!it->is_array()) return InvalidArgument("population: expected an array of team paths");
    ASSIGN_OR_RETURN(std::vector<Team> teams, ctx.store.ListTeams());
    std::set<std::string> paths;
    for (const Team& t : teams) paths.insert(t.path);
    for (const auto& p : *it) {
      if (!p.is_string()) return InvalidArgument("population: expected team paths (strings)");
      if (!paths.count(p.get<std::string>())) {
        return InvalidArgument("population: there is no team '" +
                               p.get<std::string>().substr(0, 80) + "'");
      }
      out.push_back(p.get<std::string>());
    }
    return out;
  }
  // A built-in key, or the id of a stored instrument.
  Result<int64_t> Instrument(ApiContext& ctx) const {
    ASSIGN_OR_RETURN(std::string key, Text("instrument", true));
    ASSIGN_OR_RETURN(auto stored, ctx.store.ListInstruments());
    for (const auto& r : stored) {
      if (std::to_string(r.id) == key) return r.id;
    }
    auto in = surveys::BuiltinInstrument(key);
    if (!in.ok())
      return InvalidArgument("instrument: '" + key.substr(0, 40) +
                             "' is neither a built-in key nor a stored instrument id");
    return ctx.store.SaveInstrument(*in);
  }
};

json ScheduleJson(const store::ScheduleRecord& s, const surveys::Instrument& in) {
  return {
      {"id", s.id},
      {"title", s.title},
      {"instrument",
       {{"key", in.key}, {"title", in.title}, {"anonymity", surveys::AnonymityName(in.anonymity)}}},
      {"every_days", s.every_days},
      {"open_days", s.open_days},
      {"k", s.k},
      {"population", s.population},
      {"reminders", s.reminder_days_before},
      {"next_opens_at", FormatTimestamp(s.next_opens_at)},
      {"active", s.active}};
}

}  // namespace

Result<ApiResponse> CreateWave(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  const WaveFields f{body};
  store::WaveRecord w;
  ASSIGN_OR_RETURN(w.title, f.Text("title", true));
  ASSIGN_OR_RETURN(w.opens_at, f.When("opens_at"));
  ASSIGN_OR_RETURN(w.closes_at, f.When("closes_at"));
  ASSIGN_OR_RETURN(w.k, f.Int("k", ctx.config.anonymity_k));
  ASSIGN_OR_RETURN(w.reminder_days_before, f.Reminders());
  ASSIGN_OR_RETURN(w.population, f.Population(ctx));
  ASSIGN_OR_RETURN(w.instrument_id, f.Instrument(ctx));
  w.source = "web";
  ASSIGN_OR_RETURN(int64_t id, ctx.store.CreateWave(w));
  Audit(ctx, *req.viewer, "survey.wave.create", "wave:" + std::to_string(id), w.title);
  ASSIGN_OR_RETURN(store::WaveRecord created, ctx.store.GetWave(id));
  ASSIGN_OR_RETURN(store::InstrumentRecord in, ctx.store.GetInstrument(created.instrument_id));
  ApiResponse r = Ok(WaveJson(created, in.instrument, ctx.clock.Now()));
  r.status = 201;
  return r;
}

Result<ApiResponse> ListSchedules(ApiContext& ctx, const ApiRequest&) {
  ASSIGN_OR_RETURN(auto schedules, ctx.store.ListSchedules());
  json out = json::array();
  for (const auto& s : schedules) {
    ASSIGN_OR_RETURN(store::InstrumentRecord in, ctx.store.GetInstrument(s.instrument_id));
    out.push_back(ScheduleJson(s, in.instrument));
  }
  return Ok({{"schedules", out}});
}

Result<ApiResponse> CreateSchedule(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  const WaveFields f{body};
  store::ScheduleRecord s;
  ASSIGN_OR_RETURN(s.title, f.Text("title", true));
  ASSIGN_OR_RETURN(s.next_opens_at, f.When("first_opens_at"));
  ASSIGN_OR_RETURN(s.every_days, f.Int("every_days", 42));
  ASSIGN_OR_RETURN(s.open_days, f.Int("open_days", 14));
  ASSIGN_OR_RETURN(s.k, f.Int("k", ctx.config.anonymity_k));
  ASSIGN_OR_RETURN(s.reminder_days_before, f.Reminders());
  ASSIGN_OR_RETURN(s.population, f.Population(ctx));
  ASSIGN_OR_RETURN(s.instrument_id, f.Instrument(ctx));
  ASSIGN_OR_RETURN(int64_t id, ctx.store.CreateSchedule(s));
  Audit(ctx, *req.viewer, "survey.schedule.create", "schedule:" + std::to_string(id), s.title);
  // A first opening that is due now opens at once; invitations follow with the survey job.
  analytics::SurveyJobResult opened;
  RETURN_IF_ERROR(analytics::OpenDueWaves(ctx.store, ctx.clock.Now(), opened));
  ASSIGN_OR_RETURN(auto schedules, ctx.store.ListSchedules());
  for (const auto& x : schedules) {
    if (x.id == id) s = x;
  }
  ASSIGN_OR_RETURN(store::InstrumentRecord in, ctx.store.GetInstrument(s.instrument_id));
  json out = ScheduleJson(s, in.instrument);
  out["waves_opened"] = opened.waves_opened;
  ApiResponse r = Ok(out);
  r.status = 201;
  return r;
}

Result<ApiResponse> UpdateSchedule(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(int64_t id, WaveId(req));
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  auto active = body.find("active");
  if (active == body.end() || !active->is_boolean() || body.size() != 1) {
    return InvalidArgument("expected {\"active\": true or false}");
  }
  RETURN_IF_ERROR(ctx.store.SetScheduleActive(id, active->get<bool>()));
  Audit(ctx, *req.viewer, active->get<bool>() ? "survey.schedule.resume" : "survey.schedule.pause",
        "schedule:" + std::to_string(id));
  return Ok({{"id", id}, {"active", active->get<bool>()}});
}

Result<ApiResponse> ListWaves(ApiContext& ctx, const ApiRequest& req) {
  const Viewer& v = *req.viewer;
  const Timestamp now = ctx.clock.Now();
  ASSIGN_OR_RETURN(auto waves, ctx.store.ListWaves());
  std::optional<Person> me;
  if (v.person_id.valid()) {
    ASSIGN_OR_RETURN(Person p, ctx.store.GetPerson(v.person_id));
    me = std::move(p);
  }
  json mine = json::array(), all = json::array();
  for (const auto& w : waves) {
    ASSIGN_OR_RETURN(store::InstrumentRecord in, ctx.store.GetInstrument(w.instrument_id));
    json j = WaveJson(w, in.instrument, now);
    if (me && w.source == "web" && InPopulation(w, me->team_path)) {
      ASSIGN_OR_RETURN(auto done, ctx.store.SurveyCompletions(w.id));
      const bool submitted =
          std::any_of(done.begin(), done.end(), [&](PersonId p) { return p == me->id; });
      ASSIGN_OR_RETURN(auto draft, ctx.store.GetSurveyDraft(w.id, me->id));
      json m = j;
      m["my_status"] = submitted ? "submitted" : draft ? "in progress" : "not started";
      mine.push_back(std::move(m));
    }
    if (v.role != Role::kEmployee) all.push_back(std::move(j));
  }
  return Ok({{"mine", mine}, {"waves", all}});
}

Result<ApiResponse> GetWaveForm(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(WaveContext wc, LoadWave(ctx, req));
  ASSIGN_OR_RETURN(Person me, Me(ctx, *req.viewer));
  if (!InPopulation(wc.wave, me.team_path) || wc.wave.source != "web") {
    return PermissionDenied("you are not invited to this survey");
  }
  const surveys::Instrument& in = wc.instrument.instrument;
  json out = WaveJson(wc.wave, in, ctx.clock.Now());
  out["definition"] = json::parse(surveys::InstrumentToJson(in));
  ASSIGN_OR_RETURN(auto done, ctx.store.SurveyCompletions(wc.wave.id));
  out["submitted"] = std::any_of(done.begin(), done.end(), [&](PersonId p) { return p == me.id; });
  json answers = json::object();
  ASSIGN_OR_RETURN(auto draft, ctx.store.GetSurveyDraft(wc.wave.id, me.id));
  std::vector<double> values;
  store::SurveyComments comments;
  if (draft) {
    values = draft->answers;
    comments = draft->comments;
  } else if (in.anonymity != surveys::Anonymity::kAnonymous && out["submitted"].get<bool>()) {
    ASSIGN_OR_RETURN(auto responses, ctx.store.LoadSurveyResponses(wc.wave.id));
    for (const auto& r : responses) {
      if (r.respondent == me.id) values = r.answers, comments = r.comments;
    }
  }
  for (size_t i = 0; i < values.size() && i < in.items.size(); ++i) {
    answers[in.items[i].id] = surveys::Answered(values[i]) ? json(values[i]) : json(nullptr);
  }
  out["answers"] = answers;
  out["comments"] = comments;
  out["draft"] = draft.has_value();
  return Ok(out);
}

Result<ApiResponse> SaveWaveResponse(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(WaveContext wc, LoadWave(ctx, req));
  ASSIGN_OR_RETURN(Person me, Me(ctx, *req.viewer));
  if (!InPopulation(wc.wave, me.team_path) || wc.wave.source != "web") {
    return PermissionDenied("you are not invited to this survey");
  }
  const Timestamp now = ctx.clock.Now();
  if (now < wc.wave.opens_at) return FailedPrecondition("this survey is not open yet");
  if (now >= wc.wave.closes_at) return FailedPrecondition("this survey has closed");
  if (req.body.size() > (64u << 10)) return InvalidArgument("the response is over 64 KiB");
  ASSIGN_OR_RETURN(json body, JsonBody(req));
  const surveys::Instrument& in = wc.instrument.instrument;
  static const std::set<std::string> kKnown = {"answers", "comments", "nominations", "submit",
                                               "receipt"};
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (!kKnown.count(it.key()))
      return InvalidArgument("unknown field \"" + it.key().substr(0, 40) + "\"");
  }
  std::vector<double> answers(in.items.size(), surveys::kMissing);
  if (auto a = body.find("answers"); a != body.end() && !a->is_null()) {
    if (!a->is_object()) return InvalidArgument("answers: expected an object of item id to value");
    for (auto it = a->begin(); it != a->end(); ++it) {
      auto i = in.ItemIndex(it.key());
      if (!i)
        return InvalidArgument("answers: \"" + it.key().substr(0, 40) + "\" is not an item of " +
                               in.key);
      if (it->is_null()) continue;
      if (!it->is_number_integer() || it->get<int64_t>() < in.scale_min ||
          it->get<int64_t>() > in.scale_max) {
        return InvalidArgument("answers." + it.key() + ": a whole number from " +
                               std::to_string(in.scale_min) + " to " +
                               std::to_string(in.scale_max));
      }
      answers[*i] = static_cast<double>(it->get<int64_t>());
    }
  }
  ASSIGN_OR_RETURN(store::SurveyComments comments, ParseComments(body, in));
  bool submit = false;
  if (auto s = body.find("submit"); s != body.end()) {
    if (!s->is_boolean()) return InvalidArgument("submit: expected true or false");
    submit = s->get<bool>();
  }
  // Nominations: up to max_people existing, active colleagues per question, never oneself.
  std::vector<store::InteractionRecord> nominations;
  if (auto n = body.find("nominations"); n != body.end() && !n->is_null()) {
    if (in.nominations.empty()) return InvalidArgument("nominations: this survey asks for none");
    if (!n->is_object())
      return InvalidArgument("nominations: expected an object of question id to person ids");
    ASSIGN_OR_RETURN(std::vector<Person> people, ctx.store.AllPeople(false));
    std::unordered_set<int64_t> active;
    for (const Person& p : people) active.insert(p.id.value);
    for (auto it = n->begin(); it != n->end(); ++it) {
      auto q = in.NominationIndex(it.key());
      if (!q)
        return InvalidArgument("nominations: \"" + it.key().substr(0, 40) +
                               "\" is not a question of " + in.key);
      if (!it->is_array())
        return InvalidArgument("nominations." + it.key() + ": expected an array of person ids");
      if (it->size() > static_cast<size_t>(in.nominations[*q].max_people)) {
        return InvalidArgument("nominations." + it.key() + ": at most " +
                               std::to_string(in.nominations[*q].max_people) + " people");
      }
      std::set<int64_t> seen;
      for (const auto& p : *it) {
        if (!p.is_number_integer())
          return InvalidArgument("nominations." + it.key() + ": person ids are whole numbers");
        const int64_t id = p.get<int64_t>();
        if (id == me.id.value)
          return InvalidArgument("nominations." + it.key() + ": you cannot nominate yourself");
        if (!active.count(id))
          return InvalidArgument("nominations." + it.key() + ": there is no active person " +
                                 std::to_string(id));
        if (!seen.insert(id).second) continue;
        nominations.push_back({me.id, PersonId(id), graph::Layer::kNomination, now, 1.0,
                               "wave:" + std::to_string(wc.wave.id) + ":" + it.key()});
      }
    }
  }
  if (!submit) {
    if (!nominations.empty()) return InvalidArgument("nominations are saved when submitted");
    RETURN_IF_ERROR(ctx.store.SaveSurveyDraft(wc.wave.id, me.id, {answers, now, comments}));
    return Ok({{"saved", true}, {"submitted", false}});
  }
  for (size_t i = 0; i < in.items.size(); ++i) {
    if (in.items[i].required && !surveys::Answered(answers[i])) {
      return InvalidArgument("answers." + in.items[i].id + ": required");
    }
  }
  if (!in.items.empty() && comments.empty() &&
      std::none_of(answers.begin(), answers.end(), [](double x) { return surveys::Answered(x); })) {
    return InvalidArgument("answers: answer at least one question before submitting");
  }
  if (!in.nominations.empty() && nominations.empty() && in.items.empty()) {
    return InvalidArgument("nominations: name at least one colleague before submitting");
  }
  store::SurveySubmission sub{wc.wave.id, me.id, me.team_path, answers, "", now, comments};
  std::string receipt;
  if (in.anonymity == surveys::Anonymity::kAnonymous) {
    if (auto r = body.find("receipt"); r != body.end() && r->is_string()) {
      receipt = r->get<std::string>().substr(0, 128);
    } else {
      receipt = RandomToken(16);
    }
    sub.edit_key = DigestToken(receipt);
  }
  if (!nominations.empty()) {
    // Nominations are attributed by design; a resubmission replaces nothing already counted.
    ASSIGN_OR_RETURN(auto applied, ctx.store.AddInteractions(nominations, "survey", {}));
    (void)applied;
  }
  ASSIGN_OR_RETURN(bool replaced, ctx.store.SubmitSurveyResponse(sub));
  json out = {{"saved", true}, {"submitted", true}, {"replaced", replaced}};
  if (!receipt.empty()) out["receipt"] = receipt;
  return Ok(out);
}

Result<ApiResponse> WaveResults(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(WaveContext wc, LoadWave(ctx, req));
  const Viewer& v = *req.viewer;
  surveys::WaveData now, prev;
  store::InstrumentRecord prev_in;
  std::vector<store::StoredResponse> responses;
  ASSIGN_OR_RETURN(surveys::WaveReport report, Report(ctx, wc, now, prev, prev_in, &responses));
  json full = json::parse(surveys::ReportToJson(report, wc.instrument.instrument));
  std::set<std::string> allowed;
  if (v.role == Role::kManager) {
    ASSIGN_OR_RETURN(allowed, OwnTeams(ctx, v));
  }
  // Free text goes only with a shown group (k or more respondents, no differencing), in an order
  // drawn afresh for every request.
  std::mt19937_64 shuffle(std::random_device{}());
  auto comments_of = [&](const std::string& group) {
    json out = json::object();
    for (const auto& q : wc.instrument.instrument.free_text) {
      std::vector<std::string> texts;
      for (const auto& r : responses) {
        auto t = r.comments.find(q.id);
        if (t != r.comments.end() && InGroup(r.group, group)) texts.push_back(t->second);
      }
      std::shuffle(texts.begin(), texts.end(), shuffle);
      out[q.id] = texts;
    }
    return out;
  };
  json groups = json::array();
  int64_t hidden_own = 0;
  for (auto& g : full["groups"]) {
    const std::string name = g["group"];
    const bool visible =
        v.role == Role::kAdmin || name.empty() || (v.role == Role::kManager && allowed.count(name));
    if (!visible) continue;
    if (v.role != Role::kAdmin && g["status"] != "shown") {
      ++hidden_own;  // say that it is hidden, not why: the reason could hint at its size
      groups.push_back({{"group", name}, {"status", "suppressed"}});
      continue;
    }
    if (g["status"] == "shown" && !wc.instrument.instrument.free_text.empty()) {
      g["comments"] = comments_of(name);
    }
    groups.push_back(g);
  }
  full["groups"] = groups;
  if (v.role != Role::kAdmin) full.erase("reliability");
  full["wave"] = WaveJson(wc.wave, wc.instrument.instrument, ctx.clock.Now());
  full["definition"] = json::parse(surveys::InstrumentToJson(wc.instrument.instrument));
  full["suppressed_groups"] = hidden_own;
  if (v.role == Role::kAdmin) {
    Audit(ctx, v, "survey.results.read", "wave:" + std::to_string(wc.wave.id));
  }
  return Ok(full);
}

Result<ApiResponse> WaveResultsCsv(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(WaveContext wc, LoadWave(ctx, req));
  surveys::WaveData now, prev;
  store::InstrumentRecord prev_in;
  ASSIGN_OR_RETURN(surveys::WaveReport report, Report(ctx, wc, now, prev, prev_in));
  Audit(ctx, *req.viewer, "survey.results.export", "wave:" + std::to_string(wc.wave.id));
  ApiResponse r;
  r.body = surveys::ReportToCsv(report, wc.instrument.instrument);
  r.headers.push_back({"Content-Type", "text/csv; charset=utf-8"});
  r.headers.push_back({"Content-Disposition",
                       "attachment; filename=\"wave-" + std::to_string(wc.wave.id) + ".csv\""});
  return r;
}

Result<ApiResponse> WaveResponseRate(ApiContext& ctx, const ApiRequest& req) {
  ASSIGN_OR_RETURN(WaveContext wc, LoadWave(ctx, req));
  const Viewer& v = *req.viewer;
  if (v.role == Role::kEmployee)
    return PermissionDenied("response rates are for managers and admins");
  std::set<std::string> allowed;
  if (v.role == Role::kManager) {
    ASSIGN_OR_RETURN(allowed, OwnTeams(ctx, v));
  }
  ASSIGN_OR_RETURN(std::vector<Person> people, ctx.store.AllPeople(false));
  ASSIGN_OR_RETURN(auto done, ctx.store.SurveyCompletions(wc.wave.id));
  std::unordered_set<int64_t> completed;
  for (PersonId p : done) completed.insert(p.value);
  std::map<std::string, std::pair<int64_t, int64_t>> by_group;  // invited, completed
  std::map<std::string, std::vector<uint32_t>> responded;       // who completed, by group
  uint32_t next = 0;
  for (const Person& p : people) {
    if (!InPopulation(wc.wave, p.team_path)) continue;
    std::vector<std::string> groups = {""};
    for (size_t pos = p.team_path.find('/'); pos != std::string::npos;
         pos = p.team_path.find('/', pos + 1)) {
      groups.push_back(p.team_path.substr(0, pos));
    }
    if (!p.team_path.empty()) groups.push_back(p.team_path);
    const bool answered_here = completed.count(p.id.value) > 0;
    const uint32_t index = next++;
    for (const std::string& g : groups) {
      auto& [invited, answered] = by_group[g];
      ++invited;
      answered += answered_here;
      if (answered_here) responded[g].push_back(index);
    }
  }
  const int k = std::max(wc.wave.k, ctx.config.anonymity_k);
  // The same guard as the results, over who has completed: a group's count is shown only if no
  // group under k completions can be derived from the counts shown.
  std::vector<surveys::GuardGroup> family;
  for (const auto& [g, counts] : by_group) family.push_back({g, responded[g]});
  const std::vector<surveys::Visibility> visible = surveys::GuardGroups(family, {.k = k});
  json out = json::array();
  size_t i = 0;
  for (const auto& [g, counts] : by_group) {
    const surveys::Visibility vis = visible[i++];
    if (v.role == Role::kManager && !g.empty() && !allowed.count(g)) continue;
    json j = {{"group", g}};
    if (vis == surveys::Visibility::kDifferencing) {
      j["status"] = "not shown: it would reveal a smaller group's count";
    } else if (vis == surveys::Visibility::kShown) {
      j["invited"] = counts.first;
      j["completed"] = counts.second;
      j["rate"] = static_cast<double>(counts.second) / static_cast<double>(counts.first);
    } else {
      j["status"] = "fewer than k responses so far";
    }
    out.push_back(std::move(j));
  }
  json result = {{"wave", WaveJson(wc.wave, wc.instrument.instrument, ctx.clock.Now())},
                 {"k", k},
                 {"groups", out}};
  if (v.role == Role::kAdmin) {
    ASSIGN_OR_RETURN(store::OutboxSummary m, ctx.store.SummariseOutbox(wc.wave.id, 5));
    result["messages"] = {{"pending", m.pending}, {"sent", m.sent}, {"failed", m.failed}};
  }
  return Ok(result);
}

}  // namespace pl::server
