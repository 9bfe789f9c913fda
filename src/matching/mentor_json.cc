// The mentor-matching problem file and the result, as JSON.
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "matching/internal/json_util.h"
#include "matching/mentor.h"

namespace pl::matching {
namespace {

using json = nlohmann::json;
using internal::Array;
using internal::Number;
using internal::Str;

struct Reader {
  std::unordered_map<std::string, int> people, skills;

  Result<int> Person(const json& v, const std::string& where) const {
    if (!v.is_string()) return InvalidArgument(where + ": expected a person id (string)");
    auto it = people.find(v.get<std::string>());
    if (it == people.end()) {
      return InvalidArgument(where + ": unknown person '" + v.get<std::string>().substr(0, 60) +
                             "'");
    }
    return it->second;
  }
  Result<int> Skill(const json& v, const std::string& where) const {
    return internal::SkillId(skills, v, where);
  }
};

}  // namespace

Result<MatchProblem> ParseMatchProblem(const std::string& text) {
  json root = json::parse(text, nullptr, false);
  if (root.is_discarded()) return InvalidArgument("the problem is not valid JSON");
  if (!root.is_object()) return InvalidArgument("the problem must be a JSON object");
  MatchProblem p;
  Reader r;
  RETURN_IF_ERROR(internal::ParseSkills(root, p.skills, r.skills));
  ASSIGN_OR_RETURN(const json* people, Array(root, "people", ""));
  for (size_t i = 0; i < people->size(); ++i) {
    const json& x = (*people)[i];
    const std::string where = "people[" + std::to_string(i) + "]";
    if (!x.is_object() || Str(x, "id").empty()) return InvalidArgument(where + ".id: missing");
    if (!r.people.emplace(Str(x, "id"), static_cast<int>(i)).second) {
      return InvalidArgument(where + ".id: '" + Str(x, "id") + "' twice");
    }
    MatchPerson m;
    m.id = Str(x, "id");
    m.name = Str(x, "name");
    m.team = Str(x, "team");
    m.manager = Str(x, "manager");
    ASSIGN_OR_RETURN(m.utc_offset_hours, Number(x, "utc_offset_hours", 0, where));
    if (m.utc_offset_hours < -12 || m.utc_offset_hours > 14) {
      return InvalidArgument(where + ".utc_offset_hours: -12 to 14");
    }
    ASSIGN_OR_RETURN(double community, Number(x, "community", -1, where));
    m.community = static_cast<int>(community);
    m.champion = x.value("champion", false);
    p.people.push_back(std::move(m));
  }
  for (size_t i = 0; i < people->size(); ++i) {  // skills after all ids are known
    const json& x = (*people)[i];
    const std::string where = "people[" + std::to_string(i) + "].skills";
    auto it = x.find("skills");
    if (it == x.end() || it->is_null()) continue;
    if (!it->is_object()) return InvalidArgument(where + ": expected {skill: level}");
    for (auto s = it->begin(); s != it->end(); ++s) {
      ASSIGN_OR_RETURN(int skill, r.Skill(json(s.key()), where));
      if (!s->is_number() || s->get<double>() < 0 || s->get<double>() > 4) {
        return InvalidArgument(where + "." + s.key() + ": a level from 0 to 4");
      }
      p.people[i].skills[skill] = s->get<double>();
    }
  }
  ASSIGN_OR_RETURN(const json* mentees, Array(root, "mentees", ""));
  for (size_t i = 0; i < mentees->size(); ++i) {
    const json& x = (*mentees)[i];
    const std::string where = "mentees[" + std::to_string(i) + "]";
    if (!x.is_object()) return InvalidArgument(where + ": expected an object");
    Mentee m;
    ASSIGN_OR_RETURN(m.person, r.Person(x.value("person", json()), where + ".person"));
    ASSIGN_OR_RETURN(const json* goals, Array(x, "goals", where + "."));
    for (size_t k = 0; k < goals->size(); ++k) {
      const std::string gw = where + ".goals[" + std::to_string(k) + "]";
      const json& g = (*goals)[k];
      if (!g.is_object()) return InvalidArgument(gw + ": expected {\"skill\", \"target\"}");
      Goal goal;
      ASSIGN_OR_RETURN(goal.skill, r.Skill(g.value("skill", json()), gw + ".skill"));
      ASSIGN_OR_RETURN(goal.target, Number(g, "target", 3, gw));
      m.goals.push_back(goal);
    }
    if (auto mode = x.find("mode"); mode != x.end() && !mode->is_null()) {
      if (*mode != "bridge" && *mode != "familiar") {
        return InvalidArgument(where + ".mode: \"bridge\" or \"familiar\"");
      }
      m.mode = *mode == "bridge" ? NetworkMode::kBridge : NetworkMode::kFamiliar;
    }
    p.mentees.push_back(std::move(m));
  }
  ASSIGN_OR_RETURN(const json* mentors, Array(root, "mentors", ""));
  for (size_t i = 0; i < mentors->size(); ++i) {
    const json& x = (*mentors)[i];
    const std::string where = "mentors[" + std::to_string(i) + "]";
    if (!x.is_object()) return InvalidArgument(where + ": expected an object");
    Mentor m;
    ASSIGN_OR_RETURN(m.person, r.Person(x.value("person", json()), where + ".person"));
    ASSIGN_OR_RETURN(const json* offers, Array(x, "offers", where + "."));
    for (size_t k = 0; k < offers->size(); ++k) {
      ASSIGN_OR_RETURN(int s, r.Skill((*offers)[k], where + ".offers[" + std::to_string(k) + "]"));
      m.offers.push_back(s);
    }
    ASSIGN_OR_RETURN(double capacity, Number(x, "capacity", 1, where));
    if (capacity != std::floor(capacity)) return InvalidArgument(where + ".capacity: whole number");
    m.capacity = static_cast<int>(capacity);
    p.mentors.push_back(std::move(m));
  }
  ASSIGN_OR_RETURN(const json* pairings, Array(root, "pairings", ""));
  for (size_t i = 0; i < pairings->size(); ++i) {
    const json& x = (*pairings)[i];
    const std::string where = "pairings[" + std::to_string(i) + "]";
    if (!x.is_object()) return InvalidArgument(where + ": expected an object");
    PastPairing pp;
    ASSIGN_OR_RETURN(pp.mentee, r.Person(x.value("mentee", json()), where + ".mentee"));
    ASSIGN_OR_RETURN(pp.mentor, r.Person(x.value("mentor", json()), where + ".mentor"));
    ASSIGN_OR_RETURN(pp.rating, Number(x, "rating", 0, where));
    if (pp.rating < 1 || pp.rating > 5) return InvalidArgument(where + ".rating: 1 to 5");
    p.pairings.push_back(pp);
  }
  for (const char* key : {"exclusions", "ties"}) {
    ASSIGN_OR_RETURN(const json* pairs, Array(root, key, ""));
    for (size_t i = 0; i < pairs->size(); ++i) {
      const std::string where = std::string(key) + "[" + std::to_string(i) + "]";
      const json& x = (*pairs)[i];
      if (!x.is_array() || x.size() != 2) return InvalidArgument(where + ": expected [a, b]");
      ASSIGN_OR_RETURN(int a, r.Person(x[0], where + "[0]"));
      ASSIGN_OR_RETURN(int b, r.Person(x[1], where + "[1]"));
      (std::string(key) == "ties" ? p.ties : p.exclusions).emplace_back(a, b);
    }
  }
  if (auto s = root.find("settings"); s != root.end() && !s->is_null()) {
    if (!s->is_object()) return InvalidArgument("settings: expected an object");
    MatchSettings& m = p.settings;
    const std::string mode = s->value("mode", std::string("bridge"));
    if (mode != "bridge" && mode != "familiar") {
      return InvalidArgument("settings.mode: \"bridge\" or \"familiar\"");
    }
    m.mode = mode == "bridge" ? NetworkMode::kBridge : NetworkMode::kFamiliar;
    ASSIGN_OR_RETURN(m.min_overlap_hours,
                     Number(*s, "min_overlap_hours", m.min_overlap_hours, "settings"));
    ASSIGN_OR_RETURN(double cc, Number(*s, "champion_capacity", m.champion_capacity, "settings"));
    ASSIGN_OR_RETURN(double alt, Number(*s, "alternatives", m.alternatives, "settings"));
    ASSIGN_OR_RETURN(double mc, Number(*s, "max_candidates", m.max_candidates, "settings"));
    m.champion_capacity = static_cast<int>(cc);
    m.alternatives = static_cast<int>(alt);
    m.max_candidates = static_cast<int>(mc);
    if (auto w = s->find("weights"); w != s->end() && !w->is_null()) {
      if (!w->is_object()) return InvalidArgument("settings.weights: expected an object");
      ASSIGN_OR_RETURN(m.weight_skill, Number(*w, "skill", m.weight_skill, "settings.weights"));
      ASSIGN_OR_RETURN(m.weight_history,
                       Number(*w, "history", m.weight_history, "settings.weights"));
      ASSIGN_OR_RETURN(m.weight_network,
                       Number(*w, "network", m.weight_network, "settings.weights"));
    }
  }
  return p;
}

std::string MatchResultToJson(const MatchProblem& p, const MatchResult& r) {
  using ojson = nlohmann::ordered_json;
  auto parts = [](const ScoreParts& s) {
    return ojson{
        {"total", s.total}, {"skill", s.skill}, {"history", s.history}, {"network", s.network}};
  };
  auto person = [&](int index) { return p.people[index].id; };
  ojson out = {{"objective", r.objective},
               {"matched", r.matches.size()},
               {"unmatched", r.unmatched.size()},
               {"candidate_pairs", r.candidate_pairs},
               {"infeasibility", r.infeasibility}};
  ojson matches = ojson::array();
  for (const Match& m : r.matches) {
    ojson alts = ojson::array();
    for (const Alternative& a : m.alternatives) {
      alts.push_back({{"mentor", person(p.mentors[a.mentor].person)},
                      {"score", parts(a.score)},
                      {"has_capacity", a.has_capacity},
                      {"explanation", a.explanation}});
    }
    matches.push_back({{"mentee", person(p.mentees[m.mentee].person)},
                       {"mentor", person(p.mentors[m.mentor].person)},
                       {"score", parts(m.score)},
                       {"explanation", m.explanation},
                       {"alternatives", alts}});
  }
  out["matches"] = matches;
  ojson unmatched = ojson::array();
  for (const Unmatched& u : r.unmatched) {
    unmatched.push_back({{"mentee", person(p.mentees[u.mentee].person)},
                         {"candidates", u.candidates},
                         {"reason", u.reason}});
  }
  out["unmatched_mentees"] = unmatched;
  return out.dump(2) + "\n";
}

}  // namespace pl::matching
