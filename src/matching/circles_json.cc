// The learning-circle problem file and the result, as JSON.
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "matching/circles.h"
#include "matching/internal/json_util.h"

namespace pl::matching {

using internal::Array;
using internal::Number;
using internal::Str;
using json = nlohmann::json;

Result<CircleProblem> ParseCircleProblem(const std::string& text) {
  json root = json::parse(text, nullptr, false);
  if (root.is_discarded()) return InvalidArgument("the problem is not valid JSON");
  if (!root.is_object()) return InvalidArgument("the problem must be a JSON object");
  CircleProblem p;
  std::unordered_map<std::string, int> skill_ids, challenge_ids, person_ids;
  RETURN_IF_ERROR(internal::ParseSkills(root, p.skills, skill_ids));
  ASSIGN_OR_RETURN(const json* challenges, Array(root, "challenges", ""));
  for (size_t i = 0; i < challenges->size(); ++i) {
    const json& x = (*challenges)[i];
    const std::string where = "challenges[" + std::to_string(i) + "]";
    if (!x.is_object() || Str(x, "id").empty()) return InvalidArgument(where + ".id: missing");
    if (!challenge_ids.emplace(Str(x, "id"), static_cast<int>(i)).second) {
      return InvalidArgument(where + ".id: '" + Str(x, "id") + "' twice");
    }
    Challenge c{Str(x, "id"), Str(x, "title"), Str(x, "sponsor"), {}};
    if (c.title.empty()) c.title = c.id;
    ASSIGN_OR_RETURN(const json* skills, Array(x, "skills", where + "."));
    for (size_t k = 0; k < skills->size(); ++k) {
      ASSIGN_OR_RETURN(int s, internal::SkillId(skill_ids, (*skills)[k],
                                                where + ".skills[" + std::to_string(k) + "]"));
      c.skills.push_back(s);
    }
    p.challenges.push_back(std::move(c));
  }
  auto challenge = [&](const json& v, const std::string& where) -> Result<int> {
    if (!v.is_string()) return InvalidArgument(where + ": expected a challenge id (string)");
    auto it = challenge_ids.find(v.get<std::string>());
    if (it == challenge_ids.end()) {
      return InvalidArgument(where + ": unknown challenge '" + v.get<std::string>().substr(0, 60) +
                             "'");
    }
    return it->second;
  };
  ASSIGN_OR_RETURN(const json* people, Array(root, "people", ""));
  for (size_t i = 0; i < people->size(); ++i) {
    const json& x = (*people)[i];
    const std::string where = "people[" + std::to_string(i) + "]";
    if (!x.is_object() || Str(x, "id").empty()) return InvalidArgument(where + ".id: missing");
    if (!person_ids.emplace(Str(x, "id"), static_cast<int>(i)).second) {
      return InvalidArgument(where + ".id: '" + Str(x, "id") + "' twice");
    }
    Volunteer v;
    v.id = Str(x, "id");
    v.name = Str(x, "name");
    v.team = Str(x, "team");
    ASSIGN_OR_RETURN(double community, Number(x, "community", -1, where));
    ASSIGN_OR_RETURN(double level, Number(x, "level", 0, where));
    ASSIGN_OR_RETURN(v.utc_offset_hours, Number(x, "utc_offset_hours", 0, where));
    ASSIGN_OR_RETURN(double max_circles, Number(x, "max_circles", 1, where));
    if (v.utc_offset_hours < -12 || v.utc_offset_hours > 14) {
      return InvalidArgument(where + ".utc_offset_hours: -12 to 14");
    }
    v.community = static_cast<int>(community);
    v.level = static_cast<int>(level);
    v.max_circles = static_cast<int>(max_circles);
    auto f = x.find("facilitator");
    if (f != x.end() && !f->is_boolean())
      return InvalidArgument(where + ".facilitator: true or false");
    v.facilitator = f != x.end() && f->get<bool>();
    if (auto s = x.find("skills"); s != x.end() && !s->is_null()) {
      if (!s->is_object()) return InvalidArgument(where + ".skills: expected {skill: level}");
      for (auto it = s->begin(); it != s->end(); ++it) {
        ASSIGN_OR_RETURN(int skill,
                         internal::SkillId(skill_ids, json(it.key()), where + ".skills"));
        if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 4) {
          return InvalidArgument(where + ".skills." + it.key() + ": a level from 0 to 4");
        }
        v.skills[skill] = it->get<double>();
      }
    }
    ASSIGN_OR_RETURN(const json* prefs, Array(x, "preferences", where + "."));
    for (size_t k = 0; k < prefs->size(); ++k) {
      ASSIGN_OR_RETURN(int c,
                       challenge((*prefs)[k], where + ".preferences[" + std::to_string(k) + "]"));
      v.preferences.push_back(c);
    }
    p.people.push_back(std::move(v));
  }
  ASSIGN_OR_RETURN(const json* pins, Array(root, "pins", ""));
  for (size_t i = 0; i < pins->size(); ++i) {
    const std::string where = "pins[" + std::to_string(i) + "]";
    const json& x = (*pins)[i];
    if (!x.is_array() || x.size() != 2 || !x[0].is_string()) {
      return InvalidArgument(where + ": expected [person, challenge]");
    }
    auto it = person_ids.find(x[0].get<std::string>());
    if (it == person_ids.end()) {
      return InvalidArgument(where + "[0]: unknown person '" + x[0].get<std::string>() + "'");
    }
    ASSIGN_OR_RETURN(int c, challenge(x[1], where + "[1]"));
    p.pins.emplace_back(it->second, c);
  }
  if (auto s = root.find("settings"); s != root.end() && !s->is_null()) {
    if (!s->is_object()) return InvalidArgument("settings: expected an object");
    CircleSettings& c = p.settings;
    ASSIGN_OR_RETURN(double min_size, Number(*s, "min_size", c.min_size, "settings"));
    ASSIGN_OR_RETURN(double max_size, Number(*s, "max_size", c.max_size, "settings"));
    ASSIGN_OR_RETURN(c.min_overlap_hours,
                     Number(*s, "min_overlap_hours", c.min_overlap_hours, "settings"));
    ASSIGN_OR_RETURN(double seed, Number(*s, "seed", 1, "settings"));
    ASSIGN_OR_RETURN(double iterations, Number(*s, "iterations", 0, "settings"));
    c.min_size = static_cast<int>(min_size);
    c.max_size = static_cast<int>(max_size);
    c.seed = static_cast<uint64_t>(std::max(0.0, seed));
    c.iterations = static_cast<int64_t>(std::max(0.0, iterations));
    if (auto w = s->find("weights"); w != s->end() && !w->is_null()) {
      if (!w->is_object()) return InvalidArgument("settings.weights: expected an object");
      const std::string ww = "settings.weights";
      ASSIGN_OR_RETURN(c.weight_preference, Number(*w, "preference", c.weight_preference, ww));
      ASSIGN_OR_RETURN(c.weight_team, Number(*w, "team", c.weight_team, ww));
      ASSIGN_OR_RETURN(c.weight_community, Number(*w, "community", c.weight_community, ww));
      ASSIGN_OR_RETURN(c.weight_seniority, Number(*w, "seniority", c.weight_seniority, ww));
      ASSIGN_OR_RETURN(c.weight_skill, Number(*w, "skill", c.weight_skill, ww));
    }
  }
  return p;
}

std::string CircleResultToJson(const CircleProblem& p, const CircleResult& r) {
  using ojson = nlohmann::ordered_json;
  ojson circles = ojson::array();
  for (const Circle& c : r.circles) {
    ojson members = ojson::array();
    for (int v : c.members) members.push_back(p.people[v].id);
    const CircleScore& s = c.score;
    circles.push_back({{"challenge", p.challenges[c.challenge].id},
                       {"members", members},
                       {"score",
                        {{"total", s.total},
                         {"preference", s.preference},
                         {"team", s.team},
                         {"community", s.community},
                         {"seniority", s.seniority},
                         {"skills", s.skills}}},
                       {"first_choices", s.first_choices},
                       {"skills_covered", s.skills_covered},
                       {"facilitators", s.facilitators},
                       {"same_team_pairs", s.same_team_pairs},
                       {"explanation", c.explanation}});
  }
  ojson unassigned = ojson::array();
  for (const auto& [v, why] : r.unassigned) {
    unassigned.push_back({{"person", p.people[v].id}, {"reason", why}});
  }
  ojson out = {{"objective", r.objective},
               {"circles", circles},
               {"unassigned", unassigned},
               {"infeasibility", r.infeasibility}};
  return out.dump(2) + "\n";
}

}  // namespace pl::matching
