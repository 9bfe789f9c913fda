#include "matching/mentor.h"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace pl::matching {

int SkillTaxonomy::Find(const std::string& name) const {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

int SkillTaxonomy::Distance(int a, int b) const {
  if (a == b) return 0;
  std::unordered_map<int, int> up;  // ancestor of a -> steps from a
  int steps = 0;
  for (int x = a; x >= 0 && steps <= 64; x = parent[x], ++steps) up.emplace(x, steps);
  steps = 0;
  for (int y = b; y >= 0 && steps <= 64; y = parent[y], ++steps) {
    auto it = up.find(y);
    if (it != up.end()) return it->second + steps;
  }
  return -1;
}

namespace {

constexpr int64_t kCostScale = 1000;
constexpr size_t kMinSupport = 6;  // people per skill before co-occurrence counts
constexpr double kMinCosine = 0.15;
// A skill a mentor offers without a recorded level counts as "confident" (3): offering it says
// so; a recorded level wins.
constexpr double kOfferedLevel = 3;

std::string Count(int64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string Fmt(double x, int decimals = 1) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

// Precomputed lookups for one problem.
class Context {
 public:
  explicit Context(const MatchProblem& p) : p_(p) {
    const size_t n = p.people.size();
    std::unordered_map<std::string, int> by_id;
    for (size_t i = 0; i < n; ++i) by_id.emplace(p.people[i].id, static_cast<int>(i));
    manager_.assign(n, -1);
    for (size_t i = 0; i < n; ++i) {
      auto it = by_id.find(p.people[i].manager);
      if (!p.people[i].manager.empty() && it != by_id.end()) manager_[i] = it->second;
    }
    skill_people_.resize(p.skills.names.size());
    for (size_t i = 0; i < n; ++i) {
      for (const auto& [s, level] : p.people[i].skills) {
        if (s >= 0 && static_cast<size_t>(s) < skill_people_.size() && level > 0) {
          skill_people_[s].push_back(static_cast<int>(i));
        }
      }
    }
    for (auto [a, b] : p.exclusions) excluded_.insert(Key(a, b));
    for (auto [a, b] : p.ties) ties_.insert(Key(a, b));
    std::unordered_map<int, std::pair<double, int>> sum;
    for (const PastPairing& x : p.pairings) {
      auto& s = sum[x.mentor];
      s.first += x.rating;
      s.second += 1;
      pair_rating_[Key(x.mentee, x.mentor)] = x.rating;
    }
    for (const auto& [m, s] : sum) reputation_[m] = {s.first / s.second, s.second};
  }

  static uint64_t Key(int a, int b) {
    if (a > b) std::swap(a, b);
    return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
  }

  // Whether `boss` is `person`'s manager, directly or further up.
  bool Above(int boss, int person) const {
    int steps = 0;
    for (int x = manager_[person]; x >= 0 && steps < 200; x = manager_[x], ++steps) {
      if (x == boss) return true;
    }
    return false;
  }

  double Relatedness(int goal, int offered) const {
    if (goal == offered) return 1.0;
    const uint64_t key = (static_cast<uint64_t>(goal) << 32) | static_cast<uint32_t>(offered);
    auto it = related_.find(key);
    if (it != related_.end()) return it->second;
    double r = 0;
    switch (p_.skills.Distance(goal, offered)) {
      case 1:
        r = 0.7;
        break;
      case 2:
        r = 0.5;
        break;
      case 3:
        r = 0.25;
        break;
      default:
        break;
    }
    // Co-occurrence: cosine of the sets of people who have each skill, once both skills are
    // held by enough people for it to mean something.
    const auto& a = skill_people_[goal];
    const auto& b = skill_people_[offered];
    if (a.size() >= kMinSupport && b.size() >= kMinSupport) {
      size_t common = 0;
      for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] < b[j]) {
          ++i;
        } else if (b[j] < a[i]) {
          ++j;
        } else {
          ++common, ++i, ++j;
        }
      }
      const double cosine =
          static_cast<double>(common) / std::sqrt(static_cast<double>(a.size() * b.size()));
      // Below kMinCosine two skills are about as common together as chance makes them.
      if (common >= kMinSupport / 2 && cosine >= kMinCosine) r = std::max(r, 0.8 * cosine);
    }
    related_.emplace(key, r);
    return r;
  }

  double OverlapHours(int a, int b) const {
    // 09:00-17:00 local in UTC hours, compared with the other shifted by a day either way.
    const double a0 = 9 - p_.people[a].utc_offset_hours, b0 = 9 - p_.people[b].utc_offset_hours;
    double best = 0;
    for (double shift : {-24.0, 0.0, 24.0}) {
      const double lo = std::max(a0, b0 + shift), hi = std::min(a0 + 8, b0 + 8 + shift);
      best = std::max(best, hi - lo);
    }
    return best;
  }

  bool Excluded(int a, int b) const { return excluded_.count(Key(a, b)) > 0; }
  bool Tied(int a, int b) const { return ties_.count(Key(a, b)) > 0; }
  const double* PairRating(int mentee, int mentor) const {
    auto it = pair_rating_.find(Key(mentee, mentor));
    return it == pair_rating_.end() ? nullptr : &it->second;
  }
  std::pair<double, int> Reputation(int mentor) const {
    auto it = reputation_.find(mentor);
    return it == reputation_.end() ? std::pair<double, int>{0, 0} : it->second;
  }

 private:
  const MatchProblem& p_;
  std::vector<int> manager_;
  std::vector<std::vector<int>> skill_people_;
  std::unordered_set<uint64_t> excluded_, ties_;
  std::unordered_map<uint64_t, double> pair_rating_;
  std::unordered_map<int, std::pair<double, int>> reputation_;
  mutable std::unordered_map<uint64_t, double> related_;
};

std::string Blocked(const MatchProblem& p, const Context& c, int mentee, int mentor) {
  if (mentee == mentor) return "the same person";
  const auto& a = p.people[mentee];
  const auto& b = p.people[mentor];
  if (c.Above(mentor, mentee)) return "in the mentee's reporting line";
  if (c.Above(mentee, mentor)) return "the mentee manages the mentor";
  if (c.Excluded(mentee, mentor)) return "excluded by an admin";
  const double overlap = c.OverlapHours(mentee, mentor);
  if (overlap + 1e-9 < p.settings.min_overlap_hours) {
    return "too little shared working time (" + Fmt(overlap) + " h; " + a.id + " UTC" +
           Fmt(a.utc_offset_hours, 0) + ", " + b.id + " UTC" + Fmt(b.utc_offset_hours, 0) + ")";
  }
  if (const double* r = c.PairRating(mentee, mentor); r && *r < 3) {
    return "an earlier pairing of the two was rated " + Fmt(*r);
  }
  return "";
}

ScoreParts Finish(const MatchProblem& p, const Context& c, const Mentee& me, const Mentor& mo,
                  double skill);

struct SkillDetail {
  int goal = -1, offered = -1;
  double related = 0, mentor_level = 0, mentee_level = 0, target = 0;
};

ScoreParts Score(const MatchProblem& p, const Context& c, const Mentee& me, const Mentor& mo,
                 SkillDetail* detail) {
  const auto& a = p.people[me.person];
  const auto& b = p.people[mo.person];
  double sum = 0, best_gain = -1;
  int counted = 0;
  for (const Goal& g : me.goals) {
    auto have = a.skills.find(g.skill);
    const double current = have == a.skills.end() ? 0 : have->second;
    const double need = g.target - current;
    if (need <= 0) continue;
    ++counted;
    double goal_best = 0;
    for (int offered : mo.offers) {
      auto lv = b.skills.find(offered);
      const double level = lv == b.skills.end() ? kOfferedLevel : lv->second;
      if (level <= current) continue;
      const double r = c.Relatedness(g.skill, offered);
      if (r <= 0) continue;
      const double gain = r * std::min(1.0, (level - current) / need);
      if (gain > goal_best) goal_best = gain;
      if (gain > best_gain && detail) {
        best_gain = gain;
        *detail = {g.skill, offered, r, level, current, g.target};
      }
    }
    sum += goal_best;
  }
  return Finish(p, c, me, mo, counted ? sum / counted : 0);
}

ScoreParts Finish(const MatchProblem& p, const Context& c, const Mentee& me, const Mentor& mo,
                  double skill) {
  ScoreParts s;
  s.skill = skill;
  const auto& a = p.people[me.person];
  const auto& b = p.people[mo.person];
  auto [avg, n] = c.Reputation(mo.person);
  s.history = n ? (avg - 1) / 4 : 0.5;
  if (const double* r = c.PairRating(me.person, mo.person); r && *r >= 4) {
    s.history = std::max(s.history, 0.8);
  }
  const bool same_team = !a.team.empty() && a.team == b.team;
  const bool known = a.community >= 0 && b.community >= 0;
  const bool same_community = known && a.community == b.community;
  if (me.mode.value_or(p.settings.mode) == NetworkMode::kBridge) {
    s.network = same_team ? 0 : (known && !same_community) ? 1.0 : 0.5;
  } else {
    s.network = c.Tied(me.person, mo.person) ? 1.0 : same_community ? 0.7 : same_team ? 0.6 : 0.2;
  }
  const MatchSettings& w = p.settings;
  s.total = w.weight_skill * s.skill + w.weight_history * s.history + w.weight_network * s.network;
  return s;
}

std::string Who(const MatchPerson& x) { return x.name.empty() ? x.id : x.name; }

std::string Explain(const MatchProblem& p, const Context& c, const Mentee& me, const Mentor& mo) {
  SkillDetail d;
  ScoreParts s = Score(p, c, me, mo, &d);
  const auto& a = p.people[me.person];
  const auto& b = p.people[mo.person];
  std::string out = Who(b);
  if (d.offered >= 0) {
    out += " is at level " + Fmt(d.mentor_level, 0) + " in " + p.skills.names[d.offered];
    if (d.offered != d.goal) {
      out += " (related to your goal " + p.skills.names[d.goal] + ")";
    }
    out += (d.mentee_level > 0
                ? "; you are at " + Fmt(d.mentee_level, 0) + " in " + p.skills.names[d.goal]
                : "; you are new to " + p.skills.names[d.goal]) +
           " and aim for " + Fmt(d.target, 0) + ".";
  } else {
    out += " is not ahead of you on your goals.";
  }
  const bool same_team = !a.team.empty() && a.team == b.team;
  const bool known = a.community >= 0 && b.community >= 0;
  if (me.mode.value_or(p.settings.mode) == NetworkMode::kBridge) {
    if (same_team) {
      out += " Same team (" + a.team + ").";
    } else if (known && a.community != b.community) {
      out += " Different team (" + b.team + ", you: " + a.team +
             ") and network community: a bridge across the organisation.";
    } else {
      out += " Different team (" + b.team + ", you: " + a.team + ").";
    }
  } else if (c.Tied(me.person, mo.person)) {
    out += " You already work together.";
  } else if (known && a.community == b.community) {
    out += " In your part of the network.";
  }
  out += " " + Fmt(c.OverlapHours(me.person, mo.person)) + " h of shared working time.";
  auto [avg, n] = c.Reputation(mo.person);
  out += n ? " Rated " + Fmt(avg) + " by " + std::to_string(n) + " earlier mentee" +
                 (n == 1 ? "" : "s") + "."
           : " No ratings yet.";
  (void)s;
  return out;
}

Status Validate(const MatchProblem& p) {
  const auto& w = p.settings;
  const int people = static_cast<int>(p.people.size());
  const int skills = static_cast<int>(p.skills.names.size());
  if (p.skills.parent.size() != p.skills.names.size()) {
    return InvalidArgument("skills: a parent for every skill");
  }
  for (int par : p.skills.parent) {
    if (par < -1 || par >= skills) return InvalidArgument("skills: parent out of range");
  }
  if (w.weight_skill < 0 || w.weight_history < 0 || w.weight_network < 0 ||
      std::abs(w.weight_skill + w.weight_history + w.weight_network - 1) > 1e-6) {
    return InvalidArgument("settings.weights: three non-negative weights that sum to 1");
  }
  if (w.max_candidates < 1) return InvalidArgument("settings.max_candidates: at least 1");
  if (w.champion_capacity < 0) return InvalidArgument("settings.champion_capacity: at least 0");
  if (w.alternatives < 0 || w.alternatives > 10) {
    return InvalidArgument("settings.alternatives: 0 to 10");
  }
  if (w.min_overlap_hours < 0 || w.min_overlap_hours > 8) {
    return InvalidArgument("settings.min_overlap_hours: 0 to 8");
  }
  std::set<int> mentee_people, mentor_people;
  for (size_t i = 0; i < p.mentees.size(); ++i) {
    const Mentee& m = p.mentees[i];
    const std::string where = "mentees[" + std::to_string(i) + "]";
    if (m.person < 0 || m.person >= people) return InvalidArgument(where + ".person: out of range");
    if (!mentee_people.insert(m.person).second) {
      return InvalidArgument(where + ": " + p.people[m.person].id + " is a mentee twice");
    }
    if (m.goals.empty()) return InvalidArgument(where + ".goals: at least one goal");
    for (const Goal& g : m.goals) {
      if (g.skill < 0 || g.skill >= skills) return InvalidArgument(where + ".goals: unknown skill");
      if (g.target < 0 || g.target > 4) return InvalidArgument(where + ".goals: target 0 to 4");
    }
  }
  for (size_t i = 0; i < p.mentors.size(); ++i) {
    const Mentor& m = p.mentors[i];
    const std::string where = "mentors[" + std::to_string(i) + "]";
    if (m.person < 0 || m.person >= people) return InvalidArgument(where + ".person: out of range");
    if (!mentor_people.insert(m.person).second) {
      return InvalidArgument(where + ": " + p.people[m.person].id + " is a mentor twice");
    }
    if (m.capacity < 0 || m.capacity > 1000) return InvalidArgument(where + ".capacity: 0 to 1000");
    for (int s : m.offers) {
      if (s < 0 || s >= skills) return InvalidArgument(where + ".offers: unknown skill");
    }
  }
  return OkStatus();
}

struct Candidate {
  int mentor;
  ScoreParts score;
};

// Every mentee's best eligible mentors (skill score above 0, no hard rule broken), best first.
// The skill component is the costly part: relatedness rows for every goal skill are computed
// first, then mentees are scored in parallel (read-only from there on) with the same arithmetic
// as Score(), and hard rules are checked only down the ranked list until enough are kept.
std::vector<std::vector<Candidate>> Candidates(const MatchProblem& p, const Context& c) {
  const size_t skills = p.skills.names.size();
  std::vector<std::vector<int>> by_skill(skills);
  for (size_t j = 0; j < p.mentors.size(); ++j) {
    for (int s : p.mentors[j].offers) by_skill[s].push_back(static_cast<int>(j));
  }
  std::vector<int> offered;
  for (size_t s = 0; s < skills; ++s) {
    if (!by_skill[s].empty()) offered.push_back(static_cast<int>(s));
  }
  std::unordered_map<int, size_t> row_of;
  std::vector<std::vector<double>> rows;
  std::vector<std::vector<int>> related;
  for (const Mentee& me : p.mentees) {
    for (const Goal& g : me.goals) {
      if (row_of.count(g.skill)) continue;
      row_of.emplace(g.skill, rows.size());
      std::vector<double> row(skills, 0);
      std::vector<int> list;
      for (int s : offered) {
        row[s] = c.Relatedness(g.skill, s);
        if (row[s] > 0) list.push_back(s);
      }
      rows.push_back(std::move(row));
      related.push_back(std::move(list));
    }
  }
  struct Offer {
    int skill;
    double level;
  };
  std::vector<std::vector<Offer>> offers(p.mentors.size());
  for (size_t j = 0; j < p.mentors.size(); ++j) {
    const auto& have = p.people[p.mentors[j].person].skills;
    for (int s : p.mentors[j].offers) {
      auto lv = have.find(s);
      offers[j].push_back({s, lv == have.end() ? kOfferedLevel : lv->second});
    }
  }
  std::vector<std::vector<Candidate>> out(p.mentees.size());
  const size_t keep = static_cast<size_t>(p.settings.max_candidates);
  auto better = [](const Candidate& a, const Candidate& b) {
    return a.score.total != b.score.total ? a.score.total > b.score.total : a.mentor < b.mentor;
  };
  auto work = [&](size_t first, size_t step) {
    std::vector<size_t> seen(p.mentors.size(), SIZE_MAX);
    std::vector<Candidate> all;
    struct GoalRow {
      const std::vector<double>* row;
      double current, need;
    };
    std::vector<GoalRow> goals;
    for (size_t i = first; i < p.mentees.size(); i += step) {
      const Mentee& me = p.mentees[i];
      const auto& mine = p.people[me.person].skills;
      goals.clear();
      for (const Goal& g : me.goals) {
        auto have = mine.find(g.skill);
        const double current = have == mine.end() ? 0 : have->second;
        goals.push_back({&rows[row_of.at(g.skill)], current, g.target - current});
      }
      all.clear();
      for (const Goal& g : me.goals) {
        for (int s : related[row_of.at(g.skill)]) {
          for (int j : by_skill[s]) {
            if (seen[j] == i) continue;
            seen[j] = i;
            if (p.mentors[j].capacity == 0) continue;
            double sum = 0;
            int counted = 0;
            for (const GoalRow& gr : goals) {  // as in Score()
              if (gr.need <= 0) continue;
              ++counted;
              double goal_best = 0;
              for (const Offer& o : offers[j]) {
                if (o.level <= gr.current) continue;
                const double r = (*gr.row)[o.skill];
                if (r <= 0) continue;
                goal_best =
                    std::max(goal_best, r * std::min(1.0, (o.level - gr.current) / gr.need));
              }
              sum += goal_best;
            }
            const double skill = counted ? sum / counted : 0;
            if (skill <= 0) continue;
            all.push_back({j, Finish(p, c, me, p.mentors[j], skill)});
          }
        }
      }
      std::sort(all.begin(), all.end(), better);
      std::vector<Candidate>& list = out[i];
      for (const Candidate& x : all) {
        if (list.size() >= keep) break;
        if (Blocked(p, c, me.person, p.mentors[x.mentor].person).empty()) list.push_back(x);
      }
    }
  };
  const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  if (threads == 1 || p.mentees.size() < 2000) {
    work(0, 1);
  } else {
    std::vector<std::thread> pool;
    for (size_t t = 0; t < threads; ++t) pool.emplace_back(work, t, threads);
    for (auto& t : pool) t.join();
  }
  return out;
}

int Capacity(const MatchProblem& p, const Mentor& m) {
  return p.people[m.person].champion ? std::min(m.capacity, p.settings.champion_capacity)
                                     : m.capacity;
}

// Assignment: mentee index -> candidate index (-1 unmatched), by min-cost flow or greedily.
std::vector<int> AssignByFlow(const MatchProblem& p,
                              const std::vector<std::vector<Candidate>>& cand) {
  using Graph = lemon::SmartDigraph;
  Graph g;
  const int n = static_cast<int>(p.mentees.size());
  const int m = static_cast<int>(p.mentors.size());
  g.reserveNode(n + m + 2);
  Graph::Node source = g.addNode(), sink = g.addNode();
  std::vector<Graph::Node> mentee(n), mentor(m);
  for (auto& x : mentee) x = g.addNode();
  for (auto& x : mentor) x = g.addNode();
  Graph::ArcMap<int64_t> cap(g), cost(g);
  // Leaving a mentee unmatched costs more than any re-routing of all the others could save,
  // so the optimum first matches as many mentees as possible, then maximises the total score.
  const int64_t unmatched = kCostScale * (static_cast<int64_t>(n) + 1);
  std::vector<std::vector<Graph::Arc>> pair_arcs(n);
  for (int i = 0; i < n; ++i) {
    Graph::Arc a = g.addArc(source, mentee[i]);
    cap[a] = 1, cost[a] = 0;
    a = g.addArc(mentee[i], sink);
    cap[a] = 1, cost[a] = unmatched;
    for (const Candidate& c : cand[i]) {
      a = g.addArc(mentee[i], mentor[c.mentor]);
      cap[a] = 1;
      cost[a] = kCostScale - std::llround(c.score.total * kCostScale);
      pair_arcs[i].push_back(a);
    }
  }
  for (int j = 0; j < m; ++j) {
    Graph::Arc a = g.addArc(mentor[j], sink);
    cap[a] = Capacity(p, p.mentors[j]), cost[a] = 0;
  }
  lemon::NetworkSimplex<Graph, int64_t, int64_t> ns(g);
  ns.upperMap(cap).costMap(cost).stSupply(source, sink, n);
  std::vector<int> out(n, -1);
  if (ns.run() != lemon::NetworkSimplex<Graph, int64_t, int64_t>::OPTIMAL) return out;
  for (int i = 0; i < n; ++i) {
    for (size_t k = 0; k < pair_arcs[i].size(); ++k) {
      if (ns.flow(pair_arcs[i][k]) > 0) out[i] = static_cast<int>(k);
    }
  }
  return out;
}

std::vector<int> AssignGreedily(const MatchProblem& p,
                                const std::vector<std::vector<Candidate>>& cand) {
  std::vector<std::tuple<double, int, int>> pairs;
  for (size_t i = 0; i < cand.size(); ++i) {
    for (size_t k = 0; k < cand[i].size(); ++k) {
      pairs.emplace_back(cand[i][k].score.total, static_cast<int>(i), static_cast<int>(k));
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
    return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) > std::get<0>(b)
                                            : std::tie(std::get<1>(a), std::get<2>(a)) <
                                                  std::tie(std::get<1>(b), std::get<2>(b));
  });
  std::vector<int> left(p.mentors.size());
  for (size_t j = 0; j < p.mentors.size(); ++j) left[j] = Capacity(p, p.mentors[j]);
  std::vector<int> out(cand.size(), -1);
  for (const auto& [score, i, k] : pairs) {
    const int j = cand[i][k].mentor;
    if (out[i] >= 0 || left[j] == 0) continue;
    out[i] = k;
    --left[j];
  }
  return out;
}

// Why a mentee with no eligible mentor has none, counted over the mentors ahead on its goals.
std::string NoCandidateReason(const MatchProblem& p, const Context& c, const Mentee& me) {
  std::map<std::string, int> reasons;
  int ahead = 0;
  for (const Mentor& mo : p.mentors) {
    if (Score(p, c, me, mo, nullptr).skill <= 0) continue;
    ++ahead;
    std::string why = mo.capacity == 0 ? "no capacity" : Blocked(p, c, me.person, mo.person);
    if (why.starts_with("too little shared working time")) why = "too little shared working time";
    if (why.starts_with("an earlier pairing")) why = "an earlier pairing rated poorly";
    reasons[why.empty() ? "not among the best candidates" : why] += 1;
  }
  if (ahead == 0) {
    std::string goals;
    for (const Goal& g : me.goals) {
      goals += (goals.empty() ? "" : ", ") + p.skills.names[g.skill];
    }
    return "no mentor is ahead of them on their goals (" + goals + ") or a related skill";
  }
  std::string out = std::to_string(ahead) + " mentor" + (ahead == 1 ? " is" : "s are") +
                    " ahead on their goals, but ";
  bool first = true;
  for (const auto& [why, n] : reasons) {
    out += (first ? "" : ", ") + std::to_string(n) + ": " + why;
    first = false;
  }
  return out;
}

Result<MatchResult> Solve(const MatchProblem& p, bool greedy) {
  RETURN_IF_ERROR(Validate(p));
  Context c(p);
  auto cand = Candidates(p, c);
  std::vector<int> pick = greedy ? AssignGreedily(p, cand) : AssignByFlow(p, cand);
  MatchResult r;
  std::vector<int> left(p.mentors.size());
  int64_t places = 0, withheld = 0;
  for (size_t j = 0; j < p.mentors.size(); ++j) {
    left[j] = Capacity(p, p.mentors[j]);
    places += left[j];
    withheld += p.mentors[j].capacity - left[j];
  }
  for (size_t i = 0; i < cand.size(); ++i) {
    r.candidate_pairs += static_cast<int64_t>(cand[i].size());
    if (pick[i] >= 0) --left[cand[i][pick[i]].mentor];
  }
  int no_candidates = 0, full = 0;
  for (size_t i = 0; i < p.mentees.size(); ++i) {
    const Mentee& me = p.mentees[i];
    if (pick[i] < 0) {
      Unmatched u{static_cast<int>(i), static_cast<int>(cand[i].size()), ""};
      if (cand[i].empty()) {
        u.reason = NoCandidateReason(p, c, me);
        ++no_candidates;
      } else {
        u.reason = cand[i].size() == 1
                       ? "their only eligible mentor is full"
                       : "all " + std::to_string(cand[i].size()) + " eligible mentors are full";
        ++full;
      }
      r.unmatched.push_back(std::move(u));
      continue;
    }
    const Candidate& chosen = cand[i][pick[i]];
    Match m{static_cast<int>(i),
            chosen.mentor,
            chosen.score,
            Explain(p, c, me, p.mentors[chosen.mentor]),
            {}};
    for (const Candidate& alt : cand[i]) {
      if (static_cast<int>(m.alternatives.size()) >= p.settings.alternatives) break;
      if (alt.mentor == chosen.mentor) continue;
      m.alternatives.push_back(
          {alt.mentor, alt.score, left[alt.mentor] > 0, Explain(p, c, me, p.mentors[alt.mentor])});
    }
    r.objective += chosen.score.total;
    r.matches.push_back(std::move(m));
  }
  const int64_t demand = static_cast<int64_t>(p.mentees.size());
  if (places < demand) {
    r.infeasibility.push_back(
        Count(demand, "mentee", "mentees") + " and " +
        Count(places, "mentor place", "mentor places") +
        (withheld ? " (" + std::to_string(withheld) + " withheld to protect hidden champions)"
                  : std::string()) +
        ": at least " + std::to_string(demand - places) +
        " cannot be matched. Invite more mentors or raise capacities by " +
        std::to_string(demand - places) + " places" +
        (withheld ? ", or raise settings.champion_capacity" : std::string()) + ".");
  }
  if (no_candidates) {
    r.infeasibility.push_back(Count(no_candidates, "mentee has", "mentees have") +
                              " no eligible mentor at all (see each one's reason): "
                              "invite mentors offering their goal skills, or lower "
                              "settings.min_overlap_hours if time zones are the reason.");
  }
  if (full && places >= demand) {
    r.infeasibility.push_back(Count(full, "mentee's", "mentees'") +
                              " eligible mentors are all taken: raise those mentors' capacity or "
                              "settings.max_candidates.");
  }
  return r;
}

}  // namespace

std::string PairBlocked(const MatchProblem& p, int mentee_person, int mentor_person) {
  Context c(p);
  return Blocked(p, c, mentee_person, mentor_person);
}

ScoreParts ScorePair(const MatchProblem& p, const Mentee& mentee, const Mentor& mentor) {
  Context c(p);
  return Score(p, c, mentee, mentor, nullptr);
}

Result<MatchResult> MatchMentors(const MatchProblem& problem) { return Solve(problem, false); }
Result<MatchResult> MatchMentorsGreedy(const MatchProblem& problem) { return Solve(problem, true); }

}  // namespace pl::matching
