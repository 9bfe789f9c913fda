#include "demo/matching_demo.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace pl::demo {
namespace {

using json = nlohmann::ordered_json;

double Offset(const std::string& tz) { return StandardUtcOffsetHours(tz).value_or(0); }

std::string Department(const std::string& team_path) {
  return team_path.substr(0, team_path.find('/'));
}

}  // namespace

DemoProgrammes Programmes(const Organisation& org) {
  Rng rng(org.params.seed ^ 0x6d656e746f72ULL);
  const auto& people = org.people;
  const std::set<std::string> champions(org.truth.hidden_champions.begin(),
                                        org.truth.hidden_champions.end());
  const std::set<std::string> isolated(org.truth.isolated_newcomers.begin(),
                                       org.truth.isolated_newcomers.end());
  std::set<std::string> managers;
  for (const auto& p : people) {
    if (!p.manager_external_id.empty()) managers.insert(p.manager_external_id);
  }
  // Departments as communities; each skill under the department where most of its holders are.
  std::map<std::string, int> community;
  std::map<std::string, std::map<std::string, int>> holders;  // skill -> department -> count
  for (const auto& p : people) {
    const std::string d = Department(p.team_path);
    if (d.empty()) continue;
    community.emplace(d, static_cast<int>(community.size()));
    for (const auto& s : p.skills) ++holders[s.skill][d];
  }
  json skills = json::array();
  for (const auto& [d, _] : community) skills.push_back({{"id", d + " skills"}});
  for (const auto& [skill, by] : holders) {
    auto top = std::max_element(by.begin(), by.end(),
                                [](const auto& a, const auto& b) { return a.second < b.second; });
    skills.push_back({{"id", skill}, {"parent", top->first + " skills"}});
  }
  json persons = json::array();
  for (const auto& p : people) {
    json s = json::object();
    for (const auto& k : p.skills) s[k.skill] = k.level;
    json x = {
        {"id", p.external_id},
        {"name", p.name},
        {"team", p.team_path},
        {"utc_offset_hours", Offset(p.timezone)},
        {"community",
         community.count(Department(p.team_path)) ? community.at(Department(p.team_path)) : -1},
        {"skills", s}};
    if (!p.manager_external_id.empty()) x["manager"] = p.manager_external_id;
    if (champions.count(p.external_id)) x["champion"] = true;
    persons.push_back(x);
  }
  // Mentors: senior people and every hidden champion, offering their skills at 3 or more.
  json mentors = json::array(), mentees = json::array();
  std::vector<std::string> mentor_ids, mentee_ids;
  std::map<std::string, std::vector<std::string>> dept_skills;
  for (const auto& [skill, by] : holders) {
    for (const auto& [d, n] : by) dept_skills[d].push_back(skill);
  }
  for (const auto& p : people) {
    json offers = json::array();
    for (const auto& k : p.skills) {
      if (k.level >= 3) offers.push_back(k.skill);
    }
    const bool champion = champions.count(p.external_id) > 0;
    if (offers.empty() || p.team_path.empty()) continue;
    if (isolated.count(p.external_id) && !champion) continue;  // newcomers are mentees
    if (champion || (p.level >= 4 && rng.Chance(0.5))) {
      mentors.push_back({{"person", p.external_id},
                         {"offers", offers},
                         {"capacity", 1 + static_cast<int>(rng.Below(3))}});
      mentor_ids.push_back(p.external_id);
    }
  }
  const std::set<std::string> is_mentor(mentor_ids.begin(), mentor_ids.end());
  for (const auto& p : people) {
    if (is_mentor.count(p.external_id) || p.team_path.empty()) continue;
    const bool newcomer = isolated.count(p.external_id) > 0;
    if (!newcomer && (managers.count(p.external_id) || !rng.Chance(0.15))) continue;
    // Grow in a skill of their department: one they hold at 2 or less, else a new one.
    const auto& pool = dept_skills[Department(p.team_path)];
    if (pool.empty()) continue;
    json goals = json::array();
    std::set<std::string> chosen;
    for (const auto& k : p.skills) {
      if (k.level <= 2 && goals.size() < 1) {
        goals.push_back({{"skill", k.skill}, {"target", std::min(4, k.level + 2)}});
        chosen.insert(k.skill);
      }
    }
    const std::string extra = pool[rng.Below(pool.size())];
    if (!chosen.count(extra) && (goals.empty() || rng.Chance(0.4))) {
      bool has = false;
      for (const auto& k : p.skills) has |= k.skill == extra && k.level >= 3;
      if (!has) goals.push_back({{"skill", extra}, {"target", 3}});
    }
    if (goals.empty()) continue;
    mentees.push_back({{"person", p.external_id}, {"goals", goals}});
    mentee_ids.push_back(p.external_id);
  }
  json pairings = json::array();
  for (int i = 0; i < 30 && !mentee_ids.empty() && !mentor_ids.empty(); ++i) {
    pairings.push_back({{"mentee", mentee_ids[rng.Below(mentee_ids.size())]},
                        {"mentor", mentor_ids[rng.Below(mentor_ids.size())]},
                        {"rating", 2 + static_cast<int>(rng.Below(4))}});
  }
  json exclusions = json::array();
  if (!mentee_ids.empty() && !mentor_ids.empty()) {
    exclusions.push_back({mentee_ids.front(), mentor_ids.front()});
  }
  json m = {{"skills", skills},
            {"people", persons},
            {"mentees", mentees},
            {"mentors", mentors},
            {"pairings", pairings},
            {"exclusions", exclusions},
            {"settings", {{"mode", "bridge"}, {"min_overlap_hours", 3}, {"champion_capacity", 1}}}};

  // Learning circles: six challenges; about a third of the people volunteer.
  struct Spec {
    const char* id;
    const char* title;
    std::vector<std::string> skills;
  };
  std::vector<Spec> specs = {
      {"onboarding", "Faster onboarding of new colleagues", {"onboarding others", "facilitation"}},
      {"incidents", "Calmer incident response", {}},
      {"pricing", "Clearer pricing conversations", {}},
      {"handoffs", "Better hand-offs between Sales and Customer Success", {}},
      {"writing", "Writing that gets read", {}},
      {"data-trust", "Data people trust", {}}};
  // Each challenge needs its named skills and, to three, skills people hold at level 3 or more
  // (the most widely held first, dealt round the challenges), so circles can cover them.
  std::map<std::string, int> experts;
  for (const auto& p : people) {
    for (const auto& k : p.skills) experts[k.skill] += k.level >= 3;
  }
  std::vector<std::pair<int, std::string>> by_experts;
  for (const auto& [skill, n] : experts) by_experts.push_back({-n, skill});
  std::sort(by_experts.begin(), by_experts.end());
  size_t next_skill = 0;
  json challenges = json::array();
  for (auto& s : specs) {
    json sk = json::array();
    for (const auto& k : s.skills) {
      if (holders.count(k)) sk.push_back(k);
    }
    for (size_t tries = 0; sk.size() < 3 && tries < by_experts.size(); ++tries) {
      const std::string& k = by_experts[next_skill++ % by_experts.size()].second;
      if (std::find(sk.begin(), sk.end(), k) == sk.end()) sk.push_back(k);
    }
    challenges.push_back(
        {{"id", s.id}, {"title", s.title}, {"sponsor", org.admin_external_id}, {"skills", sk}});
  }
  json volunteers = json::array();
  for (const auto& p : people) {
    if (p.team_path.empty() || !rng.Chance(0.35)) continue;
    json prefs = json::array();
    std::set<size_t> taken;
    const int n = 1 + static_cast<int>(rng.Below(3));
    while (static_cast<int>(prefs.size()) < n) {
      // Onboarding and incidents draw more first choices.
      size_t c = rng.Chance(0.4) ? rng.Below(2) : rng.Below(specs.size());
      if (taken.insert(c).second) prefs.push_back(specs[c].id);
    }
    bool facilitator = p.level >= 5;
    json sk = json::object();
    for (const auto& k : p.skills) {
      sk[k.skill] = k.level;
      facilitator |= k.skill == "facilitation" && k.level >= 3;
    }
    volunteers.push_back(
        {{"id", p.external_id},
         {"name", p.name},
         {"team", p.team_path},
         {"community",
          community.count(Department(p.team_path)) ? community.at(Department(p.team_path)) : -1},
         {"level", p.level},
         {"utc_offset_hours", Offset(p.timezone)},
         {"facilitator", facilitator},
         {"skills", sk},
         {"preferences", prefs}});
  }
  json c = {
      {"skills", skills},
      {"challenges", challenges},
      {"people", volunteers},
      {"settings", {{"min_size", 12}, {"max_size", 15}, {"min_overlap_hours", 2}, {"seed", 1}}}};
  return {m.dump(1) + "\n", c.dump(1) + "\n"};
}

}  // namespace pl::demo
