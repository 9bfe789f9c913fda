// Small helpers the handler files share: query and path parameters, JSON bodies, audit entries.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server/handlers.h"

namespace pl::server {

// A whole-number query parameter in [lo, hi]; `fallback` when absent or empty.
Result<int64_t> QueryInt(const ApiRequest& req, const std::string& name, int64_t fallback,
                         int64_t lo, int64_t hi);

// The ":id" path parameter as a person id.
Result<PersonId> PathId(const ApiRequest& req);

// The ":id" path parameter as a positive whole number; `what` names it in the error ("pair").
Result<int64_t> PositiveId(const ApiRequest& req, const char* what);

// A JSON response with `status`.
ApiResponse JsonResponse(nlohmann::json body, int status = 200);

// Everyone, active or not, by id; and {"id", "name", "team"} for one of them (just the id for
// someone unknown).
Result<std::map<int64_t, Person>> PeopleById(ApiContext& ctx);
// Only these people (one read each): for a response that names a few, not the whole directory.
Result<std::map<int64_t, Person>> PeopleById(ApiContext& ctx, const std::vector<PersonId>& ids);
nlohmann::json PersonRef(const std::map<int64_t, Person>& people, PersonId id);

// body[key] as up to `max` skill names of 1 to 80 characters (none when absent or null).
Result<std::vector<std::string>> SkillNames(const nlohmann::json& body, const char* key,
                                            size_t max);

// The request body as a JSON object (Content-Type application/json), else InvalidArgument.
Result<nlohmann::json> JsonBody(const ApiRequest& req);

// Appends to the audit log; a failure to audit is logged, never fails the request.
void Audit(ApiContext& ctx, const Viewer& v, std::string action, std::string target,
           std::string detail = "");

}  // namespace pl::server
