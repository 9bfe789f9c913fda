#include "server/handler_util.h"

#include <charconv>

namespace pl::server {

Result<int64_t> QueryInt(const ApiRequest& req, const std::string& name, int64_t fallback,
                         int64_t lo, int64_t hi) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return fallback;
  int64_t v = 0;
  const std::string& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) {
    return InvalidArgument("query parameter '" + name + "' must be a whole number from " +
                           std::to_string(lo) + " to " + std::to_string(hi));
  }
  return v;
}

Result<PersonId> PathId(const ApiRequest& req) {
  const std::string& s = req.path_params.at("id");
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) {
    return InvalidArgument("'" + s.substr(0, 32) + "' is not a person id");
  }
  return PersonId(v);
}

Result<int64_t> PositiveId(const ApiRequest& req, const char* what) {
  auto it = req.path_params.find("id");
  if (it == req.path_params.end()) return InvalidArgument(std::string("missing ") + what + " id");
  const std::string& s = it->second;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) {
    return InvalidArgument(std::string("the ") + what + " id must be a positive whole number");
  }
  return v;
}

ApiResponse JsonResponse(nlohmann::json body, int status) {
  ApiResponse r;
  r.body = std::move(body);
  r.status = status;
  return r;
}

Result<std::map<int64_t, Person>> PeopleById(ApiContext& ctx) {
  ASSIGN_OR_RETURN(auto people, ctx.store.AllPeople(true));
  std::map<int64_t, Person> out;
  for (Person& p : people) out.emplace(p.id.value, std::move(p));
  return out;
}

Result<std::map<int64_t, Person>> PeopleById(ApiContext& ctx, const std::vector<PersonId>& ids) {
  std::map<int64_t, Person> out;
  for (PersonId id : ids) {
    if (!id.valid() || out.count(id.value)) continue;
    auto p = ctx.store.GetPerson(id);
    if (p.ok()) {
      out.emplace(id.value, std::move(p).value());
    } else if (p.status().code() != StatusCode::kNotFound) {
      return p.status();
    }
  }
  return out;
}

nlohmann::json PersonRef(const std::map<int64_t, Person>& people, PersonId id) {
  auto it = people.find(id.value);
  if (it == people.end()) return {{"id", id.value}};
  return {{"id", id.value}, {"name", it->second.name}, {"team", it->second.team_path}};
}

Result<std::vector<std::string>> SkillNames(const nlohmann::json& body, const char* key,
                                            size_t max) {
  std::vector<std::string> out;
  auto f = body.find(key);
  if (f == body.end() || f->is_null()) return out;
  if (!f->is_array() || f->size() > max) {
    return InvalidArgument(std::string(key) + ": up to " + std::to_string(max) + " skill names");
  }
  for (const auto& x : *f) {
    if (!x.is_string() || x.get<std::string>().empty() || x.get<std::string>().size() > 80) {
      return InvalidArgument(std::string(key) + ": skill names of 1 to 80 characters");
    }
    out.push_back(x.get<std::string>());
  }
  return out;
}

Result<nlohmann::json> JsonBody(const ApiRequest& req) {
  if (!req.content_type.starts_with("application/json")) {
    return InvalidArgument("send the body as JSON (Content-Type: application/json)");
  }
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgument("the body is not a JSON object");
  }
  return body;
}

void Audit(ApiContext& ctx, const Viewer& v, std::string action, std::string target,
           std::string detail) {
  (void)ctx.store.AppendAudit(
      {0, ctx.clock.Now(), v.user_id, std::move(action), std::move(target), std::move(detail)});
}

}  // namespace pl::server
