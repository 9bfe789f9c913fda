#include "analytics/circles_job.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "analytics/internal/skills.h"

namespace pl::analytics {

std::string CircleScoreJson(const matching::CircleScore& s) {
  return nlohmann::json{{"total", s.total},
                        {"preference", s.preference},
                        {"team", s.team},
                        {"community", s.community},
                        {"seniority", s.seniority},
                        {"skills", s.skills},
                        {"first_choices", s.first_choices},
                        {"skills_covered", s.skills_covered},
                        {"facilitators", s.facilitators},
                        {"same_team_pairs", s.same_team_pairs},
                        {"same_community_pairs", s.same_community_pairs},
                        {"same_level_pairs", s.same_level_pairs}}
      .dump();
}

Result<CirclesProblem> BuildCirclesProblem(store::Store& store,
                                           const matching::CircleSettings& settings) {
  CirclesProblem out;
  matching::CircleProblem& p = out.problem;
  p.settings = settings;
  ASSIGN_OR_RETURN(auto challenges, store.ListChallenges());
  ASSIGN_OR_RETURN(auto signups, store.ListCircleSignups());
  ASSIGN_OR_RETURN(auto pins, store.CirclePins());
  ASSIGN_OR_RETURN(auto circles, store.ListCircles());
  // Skills: the taxonomy, plus any named only by a challenge or a person (a root).
  ASSIGN_OR_RETURN(internal::SkillIndex skill_index, internal::SkillIndex::Load(store, p.skills));
  std::unordered_map<int64_t, int> challenge;
  for (const auto& c : challenges) {
    if (c.status != "open") continue;
    matching::Challenge m;
    m.id = std::to_string(c.id);
    m.title = c.title;
    m.sponsor = c.sponsor.valid() ? std::to_string(c.sponsor.value) : "";
    for (const auto& s : c.skills) m.skills.push_back(skill_index(s));
    challenge[c.id] = static_cast<int>(p.challenges.size());
    out.challenge_ids.push_back(c.id);
    p.challenges.push_back(std::move(m));
  }
  if (p.challenges.empty()) return FailedPrecondition("no challenge is open for sign-ups");
  if (signups.empty() && pins.empty()) {
    return FailedPrecondition("nobody has signed up for a learning circle yet");
  }
  // Active circles: how many each person is in, on which challenges; who has facilitated.
  std::map<int64_t, int> active;
  std::set<std::pair<int64_t, int64_t>> active_on;
  std::set<int64_t> facilitated;
  for (const auto& c : circles) {
    if (c.status == "proposed") continue;
    for (const auto& m : c.members) {
      if (m.role == "facilitator") facilitated.insert(m.person.value);
      if (c.status == "active") {
        ++active[m.person.value];
        active_on.insert({m.person.value, c.challenge_id});
      }
    }
  }
  ASSIGN_OR_RETURN(auto people, store.AllPeople(false));
  std::unordered_map<int64_t, const Person*> person;
  for (const Person& x : people) person[x.id.value] = &x;
  std::unordered_map<int64_t, int> index;
  std::set<std::string> unknown;
  auto add = [&](const Person& x, const store::CircleSignup* s) {
    matching::Volunteer v;
    v.id = std::to_string(x.id.value);
    v.name = x.name;
    v.team = x.team_path;
    v.level = x.level;
    auto offset = StandardUtcOffsetHours(x.timezone);
    if (!offset && !x.timezone.empty()) unknown.insert(x.timezone);
    v.utc_offset_hours = offset.value_or(0);
    v.facilitator = (s && s->facilitator) || facilitated.count(x.id.value);
    v.max_circles = (s ? s->max_circles : 1) - active[x.id.value];
    if (s) {
      for (int64_t c : s->preferences) {
        auto it = challenge.find(c);
        if (it != challenge.end() && !active_on.count({x.id.value, c})) {
          v.preferences.push_back(it->second);
        }
      }
    }
    index[x.id.value] = static_cast<int>(p.people.size());
    out.person_ids.push_back(x.id);
    p.people.push_back(std::move(v));
  };
  for (const auto& s : signups) {
    auto it = person.find(s.person.value);
    if (it == person.end()) continue;
    if (s.max_circles - active[s.person.value] <= 0) {
      out.left_out.emplace_back(s.person, "already in " + std::to_string(active[s.person.value]) +
                                              " active circle(s), as many as they asked for");
      continue;
    }
    add(*it->second, &s);
  }
  for (const auto& [who, c] : pins) {
    auto pc = challenge.find(c);
    auto it = person.find(who.value);
    if (pc == challenge.end() || it == person.end() || active_on.count({who.value, c})) continue;
    if (!index.count(who.value)) {
      if (active[who.value] >= 1) continue;  // pinned, but already in a circle and not asking
      add(*it->second, nullptr);
    }
    p.pins.emplace_back(index.at(who.value), pc->second);
  }
  out.unknown_zones.assign(unknown.begin(), unknown.end());
  ASSIGN_OR_RETURN(auto snap,
                   internal::AddSkillsAndCommunities(store, index, skill_index, p.people));
  out.from_snapshot = snap.has_value();
  if (p.people.empty()) {
    return FailedPrecondition(
        "every volunteer is already in as many active circles as they "
        "asked for");
  }
  return out;
}

Result<CirclesRun> RunCircleFormation(store::Store& store, const matching::CircleSettings& settings,
                                      bool store_proposals) {
  CirclesRun run;
  ASSIGN_OR_RETURN(run.built, BuildCirclesProblem(store, settings));
  const matching::CircleProblem& p = run.built.problem;
  ASSIGN_OR_RETURN(run.result, matching::FormCircles(p));
  // A formation that seats nobody explains itself and leaves the earlier proposals alone.
  if (!store_proposals || run.result.circles.empty()) return run;
  std::vector<store::CircleRecord> proposals;
  for (const matching::Circle& c : run.result.circles) {
    store::CircleRecord r;
    r.challenge_id = run.built.challenge_ids[c.challenge];
    r.score = CircleScoreJson(c.score);
    r.explanation = c.explanation;
    // The most senior experienced facilitator leads; everyone else is a member.
    int lead = -1;
    for (int v : c.members) {
      if (p.people[v].facilitator && (lead < 0 || p.people[v].level > p.people[lead].level)) {
        lead = v;
      }
    }
    for (int v : c.members) {
      r.members.push_back({run.built.person_ids[v], v == lead ? "facilitator" : "member"});
    }
    proposals.push_back(std::move(r));
  }
  ASSIGN_OR_RETURN(run.circle_ids, store.ReplaceCircleProposals(proposals));
  return run;
}

}  // namespace pl::analytics
