#include "analytics/mentoring_job.h"

#include <map>
#include <set>
#include <unordered_map>

#include "analytics/internal/skills.h"

namespace pl::analytics {

Result<MentoringProblem> BuildMentoringProblem(store::Store& store,
                                               const matching::MatchSettings& settings) {
  ASSIGN_OR_RETURN(auto optins, store.ListMentoringOptIns());
  int mentees = 0, mentors = 0;
  for (const auto& o : optins) (o.role == "mentee" ? mentees : mentors) += 1;
  if (mentees == 0 || mentors == 0) {
    return FailedPrecondition("matching needs mentees and mentors: " + std::to_string(mentees) +
                              " mentees and " + std::to_string(mentors) + " mentors have opted in");
  }
  MentoringProblem out;
  matching::MatchProblem& p = out.problem;
  p.settings = settings;
  // Skills: the taxonomy, plus any skill named only in an opt-in (a root).
  ASSIGN_OR_RETURN(internal::SkillIndex skill_index, internal::SkillIndex::Load(store, p.skills));
  // People.
  ASSIGN_OR_RETURN(auto people, store.AllPeople(false));
  std::unordered_map<int64_t, int> index;
  std::unordered_map<int64_t, std::string> external;
  for (const Person& x : people) external[x.id.value] = x.external_id;
  std::set<std::string> unknown;
  for (const Person& x : people) {
    matching::MatchPerson m;
    m.id = x.external_id;
    m.name = x.name;
    m.team = x.team_path;
    if (x.manager_id.valid() && external.count(x.manager_id.value)) {
      m.manager = external.at(x.manager_id.value);
    }
    auto offset = StandardUtcOffsetHours(x.timezone);
    if (!offset && !x.timezone.empty()) unknown.insert(x.timezone);
    m.utc_offset_hours = offset.value_or(0);
    index[x.id.value] = static_cast<int>(p.people.size());
    out.person_ids.push_back(x.id);
    p.people.push_back(std::move(m));
  }
  out.unknown_zones.assign(unknown.begin(), unknown.end());
  // The newest snapshot: communities, hidden champions, ties.
  ASSIGN_OR_RETURN(auto latest,
                   internal::AddSkillsAndCommunities(store, index, skill_index, p.people));
  if (latest) {
    const network::Snapshot& snap = *latest;
    out.from_snapshot = true;
    if (snap.findings.contains("champions")) {
      for (const auto& c : snap.findings.at("champions")) {
        auto it = index.find(c.at("person").get<int64_t>());
        if (it != index.end()) p.people[it->second].champion = true;
      }
    }
    for (const auto& e : snap.edges) {
      auto a = index.find(e.src), b = index.find(e.dst);
      if (a != index.end() && b != index.end()) p.ties.emplace_back(a->second, b->second);
    }
  }
  // A mentee's learning goals count too, where the opt-in does not name the skill already.
  ASSIGN_OR_RETURN(auto learning, store.LearningGoals(std::nullopt));
  std::unordered_map<int64_t, std::vector<store::LearningGoal>> goals_of;
  for (auto& [who, g] : learning) goals_of[who.value].push_back(std::move(g));
  for (const auto& o : optins) {
    auto it = index.find(o.person.value);
    if (it == index.end()) continue;  // no longer active
    if (o.role == "mentee") {
      matching::Mentee m{it->second, {}, std::nullopt};
      if (!o.network.empty()) {
        m.mode = o.network == "familiar" ? matching::NetworkMode::kFamiliar
                                         : matching::NetworkMode::kBridge;
      }
      std::set<std::string> named;
      for (const auto& [name, target] : o.goals) {
        m.goals.push_back({skill_index(name), static_cast<double>(target)});
        named.insert(name);
      }
      for (const auto& g : goals_of[o.person.value]) {
        if (named.insert(g.skill).second) {
          m.goals.push_back({skill_index(g.skill), static_cast<double>(g.target)});
        }
      }
      p.mentees.push_back(std::move(m));
    } else {
      matching::Mentor m{it->second, {}, o.capacity};
      for (const auto& name : o.offers) m.offers.push_back(skill_index(name));
      p.mentors.push_back(std::move(m));
    }
  }
  ASSIGN_OR_RETURN(auto pairs, store.ListMentoringPairs());
  for (const auto& pair : pairs) {
    auto a = index.find(pair.mentee.value), b = index.find(pair.mentor.value);
    if (pair.rating && a != index.end() && b != index.end()) {
      p.pairings.push_back({a->second, b->second, *pair.rating});
    }
  }
  ASSIGN_OR_RETURN(auto exclusions, store.MentoringExclusions());
  for (const auto& [x, y] : exclusions) {
    auto a = index.find(x.value), b = index.find(y.value);
    if (a != index.end() && b != index.end()) p.exclusions.emplace_back(a->second, b->second);
  }
  return out;
}

Result<MentoringRun> RunMentorMatching(store::Store& store, const matching::MatchSettings& settings,
                                       bool store_proposals) {
  MentoringRun run;
  ASSIGN_OR_RETURN(run.built, BuildMentoringProblem(store, settings));
  const matching::MatchProblem& p = run.built.problem;
  // Mentees already in an approved pair, and mentors' places taken by approved pairs, are
  // accounted for: they are not matched again.
  ASSIGN_OR_RETURN(auto pairs, store.ListMentoringPairs());
  std::set<int64_t> paired;
  std::map<int64_t, int> taken;
  for (const auto& pair : pairs) {
    if (pair.status != "approved") continue;
    paired.insert(pair.mentee.value);
    ++taken[pair.mentor.value];
  }
  matching::MatchProblem open = p;
  open.mentees.clear();
  for (const auto& m : p.mentees) {
    if (!paired.count(run.built.person_ids[m.person].value)) open.mentees.push_back(m);
  }
  for (auto& m : open.mentors) {
    m.capacity = std::max(0, m.capacity - taken[run.built.person_ids[m.person].value]);
  }
  run.built.problem = open;
  ASSIGN_OR_RETURN(run.result, matching::MatchMentors(run.built.problem));
  if (store_proposals) {
    std::vector<store::MentoringPair> proposals;
    for (const auto& m : run.result.matches) {
      store::MentoringPair pair;
      pair.mentee = run.built.person_ids[open.mentees[m.mentee].person];
      pair.mentor = run.built.person_ids[open.mentors[m.mentor].person];
      pair.status = "proposed";
      pair.score = m.score.total;
      pair.explanation = m.explanation;
      for (const auto& alt : m.alternatives) {
        pair.alternatives.emplace_back(run.built.person_ids[open.mentors[alt.mentor].person],
                                       alt.explanation);
      }
      proposals.push_back(std::move(pair));
    }
    RETURN_IF_ERROR(store.ReplaceMentoringProposals(proposals));
  }
  return run;
}

}  // namespace pl::analytics
