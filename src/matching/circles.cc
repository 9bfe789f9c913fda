#include "matching/circles.h"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <random>
#include <set>
#include <unordered_map>

namespace pl::matching {
namespace {

int Rank(const Volunteer& v, int challenge) {
  for (size_t r = 0; r < v.preferences.size(); ++r) {
    if (v.preferences[r] == challenge) return static_cast<int>(r);
  }
  return -1;
}

double Pref(const Volunteer& v, int challenge) {
  const int r = Rank(v, challenge);
  if (r < 0) return 0;
  return r < 4 ? 1.0 - 0.25 * r : 0.1;
}

double Overlap(const Volunteer& a, const Volunteer& b) {
  const double a0 = 9 - a.utc_offset_hours, b0 = 9 - b.utc_offset_hours;
  double best = 0;
  for (double shift : {-24.0, 0.0, 24.0}) {
    best = std::max(best, std::min(a0 + 8, b0 + 8 + shift) - std::max(a0, b0 + shift));
  }
  return best;
}

bool Covers(const Volunteer& v, int skill) {
  auto it = v.skills.find(skill);
  return it != v.skills.end() && it->second >= 3;
}

std::string Count(int64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

Status Validate(const CircleProblem& p) {
  const CircleSettings& s = p.settings;
  if (s.min_size < 2 || s.max_size < s.min_size || s.max_size > 200) {
    return InvalidArgument("settings: 2 <= min_size <= max_size <= 200");
  }
  if (s.min_overlap_hours < 0 || s.min_overlap_hours > 8) {
    return InvalidArgument("settings.min_overlap_hours: 0 to 8");
  }
  for (double w : {s.weight_preference, s.weight_team, s.weight_community, s.weight_seniority,
                   s.weight_skill}) {
    if (w < 0 || !std::isfinite(w)) return InvalidArgument("settings.weights: non-negative");
  }
  const int challenges = static_cast<int>(p.challenges.size());
  for (size_t i = 0; i < p.people.size(); ++i) {
    const Volunteer& v = p.people[i];
    const std::string where = "people[" + std::to_string(i) + "]";
    if (v.max_circles < 0 || v.max_circles > 3) {
      return InvalidArgument(where + ".max_circles: 0 to 3");
    }
    std::set<int> seen;
    for (int c : v.preferences) {
      if (c < 0 || c >= challenges)
        return InvalidArgument(where + ".preferences: unknown challenge");
      if (!seen.insert(c).second) {
        return InvalidArgument(where + ".preferences: '" + p.challenges[c].id + "' twice");
      }
    }
  }
  for (auto [v, c] : p.pins) {
    if (v < 0 || v >= static_cast<int>(p.people.size()) || c < 0 || c >= challenges) {
      return InvalidArgument("pins: out of range");
    }
  }
  return OkStatus();
}

// A formation being improved: members per circle with the counts the objective needs.
class State {
 public:
  State(const CircleProblem& p) : p_(p), in_(p.people.size()) {
    std::unordered_map<std::string, int> teams;
    for (const Volunteer& v : p.people)
      team_.push_back(teams.emplace(v.team, teams.size()).first->second);
    pinned_.resize(p.people.size());
    for (auto [v, c] : p.pins) pinned_[v].insert(c);
  }

  struct C {
    int challenge;
    std::vector<int> members;
    std::unordered_map<int, int> team, community, level;
    std::vector<int> cover;  // per challenge skill: members holding it at 3+
    int facilitators = 0;
  };

  int Open(int challenge) {
    C c;
    c.challenge = challenge;
    c.cover.assign(p_.challenges[challenge].skills.size(), 0);
    circles_.push_back(std::move(c));
    return static_cast<int>(circles_.size()) - 1;
  }

  // The change in the objective from adding (sign +1) or removing (-1) v, before doing it.
  double Delta(int v, int ci, int sign) const {
    const C& c = circles_[ci];
    const Volunteer& x = p_.people[v];
    const CircleSettings& w = p_.settings;
    auto n = [](const std::unordered_map<int, int>& m, int key) {
      auto it = m.find(key);
      return it == m.end() ? 0 : it->second;
    };
    // Pairs v forms (or formed) with the others of the same team, community and level.
    const int t = n(c.team, team_[v]) - (sign < 0 ? 1 : 0);
    const int co = x.community >= 0 ? n(c.community, x.community) - (sign < 0 ? 1 : 0) : 0;
    const int le = n(c.level, x.level) - (sign < 0 ? 1 : 0);
    double d = w.weight_preference * Pref(x, c.challenge) - w.weight_team * t -
               w.weight_community * co - w.weight_seniority * le;
    const auto& skills = p_.challenges[c.challenge].skills;
    for (size_t k = 0; k < skills.size(); ++k) {
      if (Covers(x, skills[k]) && c.cover[k] == (sign < 0 ? 1 : 0)) d += w.weight_skill;
    }
    return sign * d;
  }

  void Add(int v, int ci) {
    C& c = circles_[ci];
    const Volunteer& x = p_.people[v];
    c.members.push_back(v);
    ++c.team[team_[v]];
    if (x.community >= 0) ++c.community[x.community];
    ++c.level[x.level];
    const auto& skills = p_.challenges[c.challenge].skills;
    for (size_t k = 0; k < skills.size(); ++k) c.cover[k] += Covers(x, skills[k]);
    c.facilitators += x.facilitator;
    in_[v].push_back(ci);
  }

  void Remove(int v, int ci) {
    C& c = circles_[ci];
    const Volunteer& x = p_.people[v];
    c.members.erase(std::find(c.members.begin(), c.members.end(), v));
    --c.team[team_[v]];
    if (x.community >= 0) --c.community[x.community];
    --c.level[x.level];
    const auto& skills = p_.challenges[c.challenge].skills;
    for (size_t k = 0; k < skills.size(); ++k) c.cover[k] -= Covers(x, skills[k]);
    c.facilitators -= x.facilitator;
    in_[v].erase(std::find(in_[v].begin(), in_[v].end(), ci));
  }

  // Whether v may be in circle ci (besides size): ranked or pinned, not already in it, and
  // enough shared working time with every member (`except` is leaving it).
  bool Fits(int v, int ci, int except = -1) const {
    const C& c = circles_[ci];
    if (Rank(p_.people[v], c.challenge) < 0 && !pinned_[v].count(c.challenge)) return false;
    for (int u : c.members) {
      if (u == v) return false;
      if (u != except &&
          Overlap(p_.people[u], p_.people[v]) + 1e-9 < p_.settings.min_overlap_hours) {
        return false;
      }
    }
    return true;
  }

  // Whether v may leave circle ci: its facilitator stays, and a pin stays honoured.
  bool MayLeave(int v, int ci, int to_challenge) const {
    const C& c = circles_[ci];
    if (p_.people[v].facilitator && c.facilitators == 1) return false;
    if (pinned_[v].count(c.challenge) && to_challenge != c.challenge) {
      int others = 0;
      for (int cj : in_[v]) others += cj != ci && circles_[cj].challenge == c.challenge;
      if (!others) return false;
    }
    return true;
  }

  const CircleProblem& p_;
  std::vector<C> circles_;
  std::vector<std::vector<int>> in_;  // person -> circles
  std::vector<int> team_;
  std::vector<std::set<int>> pinned_;
};

struct Built {
  std::vector<std::string> infeasibility;
  std::map<int, std::string> why_not;  // person -> reason when left out
};

// The constructive start: everyone on their first choice, challenges too small to run closed
// (their people moved down their lists), each challenge split into as many circles as its
// volunteers and facilitators allow, dealt round-robin (facilitators first, then by team) so
// circles mix; then the left-over fill any circle with room.
Built Construct(const CircleProblem& p, State& s) {
  Built b;
  const CircleSettings& w = p.settings;
  const int n = static_cast<int>(p.people.size());
  const int m = static_cast<int>(p.challenges.size());
  std::vector<std::vector<int>> options(n);  // challenges in preference order, pins first
  for (int v = 0; v < n; ++v) {
    for (int c : s.pinned_[v]) options[v].push_back(c);
    for (int c : p.people[v].preferences) {
      if (!s.pinned_[v].count(c)) options[v].push_back(c);
    }
  }
  std::vector<int> choice(n, 0);  // index into options
  std::vector<bool> closed(m, false);
  std::vector<std::string> closed_why(m);
  for (;;) {
    std::vector<int> count(m, 0), facilitators(m, 0);
    for (int v = 0; v < n; ++v) {
      if (p.people[v].max_circles == 0) continue;
      while (choice[v] < static_cast<int>(options[v].size()) && closed[options[v][choice[v]]]) {
        ++choice[v];
      }
      if (choice[v] < static_cast<int>(options[v].size())) {
        const int c = options[v][choice[v]];
        ++count[c];
        facilitators[c] += p.people[v].facilitator;
      }
    }
    // Close the smallest challenge that cannot run, then look again.
    int worst = -1;
    for (int c = 0; c < m; ++c) {
      if (closed[c] || count[c] == 0) continue;
      const bool small = count[c] < w.min_size;
      if ((small || facilitators[c] == 0) && (worst < 0 || count[c] < count[worst])) worst = c;
    }
    if (worst < 0) break;
    closed[worst] = true;
    closed_why[worst] = count[worst] < w.min_size
                            ? std::to_string(count[worst]) + " volunteers had it as their " +
                                  "highest choice still open"
                            : "no experienced facilitator among its " +
                                  std::to_string(count[worst]) + " volunteers";
  }
  // Split each open challenge's group into circles.
  std::vector<std::vector<int>> group(m);
  for (int v = 0; v < n; ++v) {
    if (p.people[v].max_circles > 0 && choice[v] < static_cast<int>(options[v].size())) {
      group[options[v][choice[v]]].push_back(v);
    }
  }
  std::vector<int> left;
  for (int c = 0; c < m; ++c) {
    auto& g = group[c];
    if (g.empty()) continue;
    int facilitators = 0;
    for (int v : g) facilitators += p.people[v].facilitator;
    int k = std::min<int>(static_cast<int>(g.size()) / w.min_size, facilitators);
    k = std::max(k, 1);
    // Facilitators first, then the rest by team; those ranking it lowest leave first if over.
    std::stable_sort(g.begin(), g.end(), [&](int a, int b2) {
      const Volunteer &x = p.people[a], &y = p.people[b2];
      if (x.facilitator != y.facilitator) return x.facilitator;
      const int rx = Rank(x, c), ry = Rank(y, c);
      if (rx != ry) return (rx < 0 ? 99 : rx) < (ry < 0 ? 99 : ry);
      return s.team_[a] < s.team_[b2];
    });
    const size_t capacity = static_cast<size_t>(k) * static_cast<size_t>(w.max_size);
    if (g.size() > capacity) {
      // The lowest-ranking leave, never a pinned person while others can.
      std::stable_partition(g.begin() + k, g.end(),
                            [&](int v) { return s.pinned_[v].count(c) > 0; });
      left.insert(left.end(), g.begin() + static_cast<long>(capacity), g.end());
      g.resize(capacity);
    }
    std::stable_sort(g.begin() + std::min<long>(k, static_cast<long>(g.size())), g.end(),
                     [&](int a, int b2) { return s.team_[a] < s.team_[b2]; });
    std::vector<int> ids;
    for (int i = 0; i < k; ++i) ids.push_back(s.Open(c));
    for (size_t i = 0; i < g.size(); ++i) {
      const int ci = ids[i % ids.size()];
      if (s.Fits(g[i], ci)) {
        s.Add(g[i], ci);
      } else {
        left.push_back(g[i]);
      }
    }
  }
  // Everyone not placed yet (and second circles for those who asked) where there is room.
  for (int v = 0; v < n; ++v) {
    if (s.in_[v].empty() && p.people[v].max_circles > 0 &&
        std::find(left.begin(), left.end(), v) == left.end()) {
      left.push_back(v);
    }
  }
  for (int v : left) {
    for (int c : options[v]) {
      if (static_cast<int>(s.in_[v].size()) >= p.people[v].max_circles) break;
      for (size_t ci = 0; ci < s.circles_.size(); ++ci) {
        if (s.circles_[ci].challenge != c) continue;
        if (static_cast<int>(s.circles_[ci].members.size()) >= w.max_size) continue;
        if (!s.Fits(v, static_cast<int>(ci))) continue;
        s.Add(v, static_cast<int>(ci));
        break;
      }
    }
  }
  // Circles that fell under the minimum (members left for time zones) are dissolved.
  for (size_t ci = 0; ci < s.circles_.size(); ++ci) {
    auto& c = s.circles_[ci];
    if (!c.members.empty() &&
        (static_cast<int>(c.members.size()) < w.min_size || c.facilitators == 0)) {
      for (int v : std::vector<int>(c.members)) s.Remove(v, static_cast<int>(ci));
    }
  }
  for (int c = 0; c < m; ++c) {
    if (!closed[c]) continue;
    int ranked = 0;
    for (const Volunteer& v : p.people) ranked += Rank(v, c) >= 0;
    b.infeasibility.push_back(
        "\"" + p.challenges[c].title + "\" cannot run: " + closed_why[c] + " (" +
        Count(ranked, "volunteer", "volunteers") + " ranked it; a circle needs " +
        std::to_string(w.min_size) +
        " and an experienced facilitator). Lower min_size, find a facilitator, or invite more "
        "volunteers for it.");
  }
  for (auto [v, c] : p.pins) {
    bool ok = false;
    for (int ci : s.in_[v]) ok |= s.circles_[ci].challenge == c;
    if (!ok) {
      b.infeasibility.push_back("the pin of " + p.people[v].id + " to \"" + p.challenges[c].title +
                                "\" cannot be honoured: the challenge has no circle with room "
                                "that suits them.");
    }
  }
  for (int v = 0; v < n; ++v) {
    if (!s.in_[v].empty() || p.people[v].max_circles == 0) continue;
    if (p.people[v].preferences.empty() && s.pinned_[v].empty()) {
      b.why_not[v] = "ranked no challenge";
      continue;
    }
    bool any_open = false;
    for (int c : options[v]) any_open |= !closed[c];
    b.why_not[v] = any_open ? "the circles of their choices are full or share too few working "
                              "hours with them"
                            : "none of their choices gathered enough volunteers to run";
  }
  return b;
}

// Hill climbing with a fixed seed: move a member to another circle of a challenge they ranked,
// swap two members, or seat someone left out; keep a change only if it raises the objective.
// `kicks` random moves and swaps are made first whatever they cost (a perturbation, for
// iterated local search).
void Improve(const CircleProblem& p, State& s, int64_t budget, uint64_t seed = 0, int kicks = 0) {
  const CircleSettings& w = p.settings;
  const int n = static_cast<int>(p.people.size());
  if (n == 0 || s.circles_.empty()) return;
  std::vector<std::vector<int>> by_challenge(p.challenges.size());
  for (size_t ci = 0; ci < s.circles_.size(); ++ci) {
    if (!s.circles_[ci].members.empty()) {
      by_challenge[s.circles_[ci].challenge].push_back(static_cast<int>(ci));
    }
  }
  std::vector<std::vector<int>> reachable(n);  // circles v may be in
  for (int v = 0; v < n; ++v) {
    std::set<int> cs(p.people[v].preferences.begin(), p.people[v].preferences.end());
    cs.insert(s.pinned_[v].begin(), s.pinned_[v].end());
    for (int c : cs) {
      for (int ci : by_challenge[c]) reachable[v].push_back(ci);
    }
  }
  std::mt19937_64 rng(seed ? seed : w.seed);
  const int64_t steps = budget > 0 ? budget
                        : w.iterations > 0
                            ? w.iterations
                            : std::max<int64_t>(20000, 200 * static_cast<int64_t>(n));
  auto size = [&](int ci) { return static_cast<int>(s.circles_[ci].members.size()); };
  for (int64_t step = -static_cast<int64_t>(kicks) * 20; step < steps; ++step) {
    const bool kick = step < 0;  // accept whatever it costs
    const int v = static_cast<int>(rng() % n);
    if (reachable[v].empty()) continue;
    const int to = reachable[v][rng() % reachable[v].size()];
    const int to_challenge = s.circles_[to].challenge;
    if (s.in_[v].empty()) {  // seat someone left out
      if (p.people[v].max_circles > 0 && size(to) < w.max_size && s.Fits(v, to) &&
          (kick || s.Delta(v, to, +1) > 1e-12)) {
        s.Add(v, to);
      }
      continue;
    }
    const int from = s.in_[v][rng() % s.in_[v].size()];
    if (from == to || !s.MayLeave(v, from, to_challenge)) continue;
    if (rng() % 2 == 0) {  // move
      if (size(from) - 1 < w.min_size || size(to) + 1 > w.max_size || !s.Fits(v, to)) continue;
      const double d = s.Delta(v, from, -1);
      s.Remove(v, from);
      if (kick || d + s.Delta(v, to, +1) > 1e-12) {
        s.Add(v, to);
      } else {
        s.Add(v, from);
      }
      continue;
    }
    // swap with a member of the target circle
    const auto& others = s.circles_[to].members;
    const int u = others[rng() % others.size()];
    const int from_challenge = s.circles_[from].challenge;
    if (std::find(s.in_[u].begin(), s.in_[u].end(), from) != s.in_[u].end()) continue;
    if (!s.MayLeave(u, to, from_challenge) || !s.Fits(v, to, u) || !s.Fits(u, from, v)) continue;
    double d = s.Delta(v, from, -1);
    s.Remove(v, from);
    d += s.Delta(u, to, -1);
    s.Remove(u, to);
    d += s.Delta(v, to, +1);
    s.Add(v, to);
    d += s.Delta(u, from, +1);
    s.Add(u, from);
    if ((!kick && d <= 1e-12) || s.circles_[from].facilitators == 0 ||
        s.circles_[to].facilitators == 0) {
      s.Remove(u, from);
      s.Remove(v, to);
      s.Add(u, to);
      s.Add(v, from);
    }
  }
}

// The volunteers who may join challenge c: they ranked it or are pinned to it.
std::vector<int> Interested(const CircleProblem& p, const State& s, int c) {
  std::vector<int> out;
  for (int v = 0; v < static_cast<int>(p.people.size()); ++v) {
    if (p.people[v].max_circles > 0 && (Rank(p.people[v], c) >= 0 || s.pinned_[v].count(c))) {
      out.push_back(v);
    }
  }
  return out;
}

// Fills a plan (how many circles each challenge runs) optimally for preferences: a min-cost
// flow with lower bounds — every circle between min_size and max_size with at least one
// facilitator, each volunteer in at most max_circles circles and one per challenge, pins first.
// A circle has a time anchor; a volunteer joins only within (8 - min_overlap_hours) / 2 hours of
// it, so any two members share the minimum working time. False if the plan cannot be filled.
// Window starts per challenge and circle; empty = chosen from the zones' quantiles.
using Windows = std::vector<std::vector<double>>;

// `count` window starts at the quantiles of the sorted `zones` (the k-th circle's at the
// (2k+1)/(2·count) quantile), so circles spread over the day as the volunteers do. (Starting
// each where the most volunteers not yet seated are was tried: it seats fewer on large spread
// problems, 9,015 against 9,936 of 10,000 in bench_matching.)
std::vector<double> QuantileWindows(const std::vector<double>& zones, int count) {
  std::vector<double> out;
  for (int k = 0; k < count; ++k) {
    out.push_back(zones[std::min(zones.size() - 1, zones.size() * (2 * k + 1) / (2 * count))]);
  }
  return out;
}

// With `underfilled`, nothing is seated: every circle may be topped up by costly stand-ins, and
// the number of stand-ins needed is returned per challenge (the plan is then reduced).
bool FillPlan(const CircleProblem& p, State& s, const std::vector<int>& plan,
              const Windows& windows = {}, std::vector<int>* underfilled = nullptr) {
  using Graph = lemon::SmartDigraph;
  const CircleSettings& w = p.settings;
  const int n = static_cast<int>(p.people.size());
  const double reach = (8 - w.min_overlap_hours) / 2 + 1e-9;
  Graph g;
  Graph::ArcMap<int64_t> lower(g), upper(g), cost(g);
  Graph::Node source = g.addNode(), sink = g.addNode();
  struct Slot {
    int challenge;
    double anchor;
    Graph::Node in, facilitators;
  };
  std::vector<Slot> slots;
  constexpr int64_t kStandIn = 1000000000000LL;
  std::vector<Graph::Arc> stand_ins;  // two per slot
  int64_t spare = 0;
  auto arc = [&](Graph::Node a, Graph::Node b, int64_t lo, int64_t hi, int64_t c) {
    Graph::Arc x = g.addArc(a, b);
    lower[x] = lo, upper[x] = hi, cost[x] = c;
    return x;
  };
  for (int c = 0; c < static_cast<int>(p.challenges.size()); ++c) {
    if (plan[c] == 0) continue;
    std::vector<double> zones;
    for (int v : Interested(p, s, c)) zones.push_back(p.people[v].utc_offset_hours);
    std::sort(zones.begin(), zones.end());
    const bool one_band = zones.back() - zones.front() <= 2 * reach;
    const bool given = static_cast<size_t>(c) < windows.size() &&
                       windows[c].size() == static_cast<size_t>(plan[c]);
    const std::vector<double> starts =
        one_band || given ? std::vector<double>() : QuantileWindows(zones, plan[c]);
    for (int k = 0; k < plan[c]; ++k) {
      // Several bands: windows of the full width starting at given points or at quantiles.
      const double anchor = one_band ? (zones.front() + zones.back()) / 2
                            : given  ? windows[c][k] + reach
                                     : starts[k] + reach;
      Slot slot{c, anchor, g.addNode(), g.addNode()};
      arc(slot.facilitators, slot.in, 1, w.max_size, 0);
      arc(slot.in, sink, w.min_size, w.max_size, 0);
      slots.push_back(slot);
      if (underfilled) {
        stand_ins.push_back(arc(source, slot.facilitators, 0, 1, kStandIn));
        stand_ins.push_back(arc(source, slot.in, 0, w.min_size, kStandIn));
        spare += 1 + w.min_size;
      }
    }
  }
  std::vector<std::vector<std::pair<int, Graph::Arc>>> seat(n);  // person -> (slot, arc)
  int64_t supply = 0;
  for (int v = 0; v < n; ++v) {
    const Volunteer& x = p.people[v];
    if (x.max_circles <= 0) continue;
    Graph::Node person = g.addNode();
    arc(source, person, 0, x.max_circles, 0);
    arc(person, sink, 0, x.max_circles, 0);  // unseated
    supply += x.max_circles;
    std::map<int, Graph::Node> per_challenge;
    for (size_t k = 0; k < slots.size(); ++k) {
      const Slot& slot = slots[k];
      const bool pinned = s.pinned_[v].count(slot.challenge) > 0;
      if (Rank(x, slot.challenge) < 0 && !pinned) continue;
      if (std::abs(x.utc_offset_hours - slot.anchor) > reach) continue;
      auto it = per_challenge.find(slot.challenge);
      if (it == per_challenge.end()) {
        Graph::Node node = g.addNode();
        const int64_t gain = std::llround(1000 * w.weight_preference * Pref(x, slot.challenge));
        arc(person, node, 0, 1, pinned ? -1000000000 : -gain - 1);
        it = per_challenge.emplace(slot.challenge, node).first;
      }
      seat[v].push_back({static_cast<int>(k),
                         arc(it->second, x.facilitator ? slot.facilitators : slot.in, 0, 1, 0)});
    }
  }
  if (underfilled) {
    arc(source, sink, 0, spare, 0);  // stand-ins not needed
    supply += spare;
  }
  lemon::NetworkSimplex<Graph, int64_t, int64_t> ns(g);
  ns.lowerMap(lower).upperMap(upper).costMap(cost).stSupply(source, sink, supply);
  if (ns.run() != lemon::NetworkSimplex<Graph, int64_t, int64_t>::OPTIMAL) return false;
  if (underfilled) {
    underfilled->assign(p.challenges.size(), 0);
    for (size_t k = 0; k < slots.size(); ++k) {
      (*underfilled)[slots[k].challenge] +=
          static_cast<int>(ns.flow(stand_ins[2 * k]) + ns.flow(stand_ins[2 * k + 1]));
    }
    return true;
  }
  std::vector<int> ids;
  for (const Slot& slot : slots) ids.push_back(s.Open(slot.challenge));
  for (int v = 0; v < n; ++v) {
    for (auto [k, a] : seat[v]) {
      if (ns.flow(a) > 0) s.Add(v, ids[k]);
    }
  }
  return true;
}

// How many stand-ins the plan needs with these windows (0: it fills with real volunteers).
int64_t StandIns(const CircleProblem& p, const std::vector<int>& plan, const Windows& windows) {
  State s(p);
  std::vector<int> under;
  if (!FillPlan(p, s, plan, windows, &under)) return std::numeric_limits<int64_t>::max();
  int64_t total = 0;
  for (int x : under) total += x;
  return total;
}

// Where the plan cannot fill because its circles' windows leave volunteers out (three zones
// whose ends cannot meet, every challenge's window on the busiest band), window starts are moved
// one circle at a time to whichever of the challenge's zones needs the fewest stand-ins, until the
// plan fills or no move helps. True if it fills; `windows` then holds the starts.
bool RepairWindows(const CircleProblem& p, const std::vector<int>& plan, Windows& windows) {
  const CircleSettings& w = p.settings;
  const double width = 8 - w.min_overlap_hours + 2e-9;
  const int m = static_cast<int>(p.challenges.size());
  State probe(p);
  windows.resize(m);
  std::vector<std::vector<double>> zones(m);
  for (int c = 0; c < m; ++c) {
    if (plan[c] == 0) continue;
    for (int v : Interested(p, probe, c)) zones[c].push_back(p.people[v].utc_offset_hours);
    std::sort(zones[c].begin(), zones[c].end());
    if (zones[c].empty() || zones[c].back() - zones[c].front() <= width) {
      zones[c].clear();  // one band: the window does not matter
      continue;
    }
    if (windows[c].size() != static_cast<size_t>(plan[c])) {
      windows[c] = QuantileWindows(zones[c], plan[c]);
    }
    zones[c].erase(std::unique(zones[c].begin(), zones[c].end()), zones[c].end());
  }
  int64_t current = StandIns(p, plan, windows);
  for (int pass = 0; pass < 4 && current > 0; ++pass) {
    bool better = false;
    for (int c = 0; c < m; ++c) {
      for (size_t k = 0; k < windows[c].size() && !zones[c].empty(); ++k) {
        const double was = windows[c][k];
        for (double z : zones[c]) {
          if (z == was) continue;
          windows[c][k] = z;
          const int64_t value = StandIns(p, plan, windows);
          if (value < current) {
            current = value, better = true;
            break;
          }
          windows[c][k] = was;
        }
        if (current == 0) return true;
      }
    }
    if (!better) break;
  }
  return current == 0;
}

// The plan with the most circles each challenge's volunteers and facilitators allow, reduced
// until it can be filled; then (for up to 20 challenges) one challenge's count at a time moved
// up or down while that improves the formation after a short local search.
std::vector<int> ChoosePlan(const CircleProblem& p, Built& b, Windows& windows) {
  const CircleSettings& w = p.settings;
  const int m = static_cast<int>(p.challenges.size());
  State probe(p);
  std::vector<int> most(m, 0), plan(m, 0);
  for (int c = 0; c < m; ++c) {
    const auto interested = Interested(p, probe, c);
    int facilitators = 0;
    for (int v : interested) facilitators += p.people[v].facilitator;
    most[c] = std::min<int>(static_cast<int>(interested.size()) / w.min_size, facilitators);
    if (most[c] == 0 && !interested.empty()) {
      b.infeasibility.push_back(
          "\"" + p.challenges[c].title + "\" cannot run: " +
          (static_cast<int>(interested.size()) < w.min_size
               ? Count(static_cast<int64_t>(interested.size()), "volunteer", "volunteers") +
                     " chose it and a circle needs " + std::to_string(w.min_size) + ". " +
                     (interested.size() >= 2
                          ? "Lower min_size to " + std::to_string(interested.size()) + " or i"
                          : std::string("I")) +
                     "nvite more volunteers for it."
               : "none of its " + std::to_string(interested.size()) +
                     " volunteers is an experienced facilitator. Find one."));
    }
  }
  // Start from the most circles each challenge allows; fill with stand-ins allowed, close the
  // circles that needed them, and repeat until every circle fills with real volunteers.
  plan = most;
  for (int round = 0; round < 400; ++round) {
    State probe_fill(p);
    std::vector<int> under;
    if (!FillPlan(p, probe_fill, plan, windows, &under)) break;
    if (m <= 20 && p.people.size() <= 400) {
      Windows trial = windows;
      if (RepairWindows(p, plan, trial)) {
        windows = trial;
        break;
      }
    }
    // Close just enough circles to cover the stand-ins needed, from the challenges that needed
    // the most (one circle from each at most per round), so a nearly full plan is not overcut.
    int64_t deficit = 0;
    std::vector<int> order;
    for (int c = 0; c < m; ++c) {
      deficit += under[c];
      if (under[c] > 0) order.push_back(c);
    }
    if (deficit == 0) break;
    std::stable_sort(order.begin(), order.end(), [&](int a, int c) { return under[a] > under[c]; });
    for (int c : order) {
      if (deficit <= 0) break;
      plan[c] = std::max(plan[c] - 1, 0);
      deficit -= w.min_size;
    }
  }
  const bool small = m <= 20 && p.people.size() <= 400;
  // The plan's value after a short local search (-1e300 if it cannot be filled).
  auto evaluate = [&](const std::vector<int>& candidate, int64_t budget,
                      const Windows& w_try) -> double {
    auto s = std::make_unique<State>(p);
    if (!FillPlan(p, *s, candidate, w_try)) return -1e300;
    Improve(p, *s, budget);
    double total = 0;
    for (const auto& c : s->circles_) {
      if (!c.members.empty()) total += ScoreCircle(p, c.challenge, c.members).total;
    }
    return total;
  };
  // Whatever is left infeasible (hard windows, pins): drop circles until it fills.
  for (int guard = 0; guard < 10 * m + 10; ++guard) {
    State s(p);
    if (FillPlan(p, s, plan, windows)) break;
    windows.clear();
    int worst = -1;
    for (int c = 0; c < m; ++c) {
      if (plan[c] > 0 && (worst < 0 || plan[c] > plan[worst])) worst = c;
    }
    if (worst < 0) break;
    --plan[worst];
  }
  // Searching plans costs a filling and a short local search per try: small problems only (the
  // size of a team's or a department's programme); large ones keep the plan above.
  if (small) {
    // The search is over slot types — a challenge with, where its volunteers' zones cannot all
    // meet, the start of the circle's working-time window — so how many circles each challenge
    // runs and where in the day each sits are chosen together: one more or one fewer circle of a
    // type, or a circle moved from one type to another, while that improves the formation after
    // a short local search.
    struct Type {
      int challenge;
      double start;  // NaN: the challenge's volunteers all meet, so the window does not matter
      int most;
    };
    const double width = 8 - w.min_overlap_hours + 2e-9;
    std::vector<Type> types;
    std::vector<int> first_type(m, -1);
    for (int c = 0; c < m; ++c) {
      if (most[c] == 0) continue;
      std::vector<std::pair<double, bool>> zones;  // zone, facilitator
      for (int v : Interested(p, probe, c)) {
        zones.push_back({p.people[v].utc_offset_hours, p.people[v].facilitator});
      }
      std::sort(zones.begin(), zones.end());
      first_type[c] = static_cast<int>(types.size());
      if (zones.back().first - zones.front().first <= width) {
        types.push_back({c, std::numeric_limits<double>::quiet_NaN(), most[c]});
        continue;
      }
      std::pair<size_t, size_t> last_cover{0, 0};
      for (size_t i = 0; i < zones.size(); ++i) {
        if (i > 0 && zones[i].first == zones[i - 1].first) continue;
        size_t j = i;
        int facilitators = 0;
        for (; j < zones.size() && zones[j].first <= zones[i].first + width; ++j) {
          facilitators += zones[j].second;
        }
        if (std::pair{i, j} == last_cover || j == last_cover.second) continue;  // same people
        last_cover = {i, j};
        const int t_most = std::min<int>(static_cast<int>(j - i) / w.min_size, facilitators);
        if (t_most > 0) types.push_back({c, zones[i].first, t_most});
      }
      if (static_cast<int>(types.size()) == first_type[c]) first_type[c] = -1;
    }
    const int nt = static_cast<int>(types.size());
    auto materialise = [&](const std::vector<int>& counts, std::vector<int>& out_plan,
                           Windows& out_windows) {
      out_plan.assign(m, 0);
      out_windows.assign(m, {});
      for (int t = 0; t < nt; ++t) {
        out_plan[types[t].challenge] += counts[t];
        if (!std::isnan(types[t].start)) {
          for (int k = 0; k < counts[t]; ++k)
            out_windows[types[t].challenge].push_back(types[t].start);
        }
      }
    };
    // The plan found so far, as counts per type (each window to the type at or just below it).
    std::vector<int> counts(nt, 0);
    for (int c = 0; c < m; ++c) {
      if (plan[c] == 0 || first_type[c] < 0) continue;
      const int t0 = first_type[c];
      if (std::isnan(types[t0].start)) {
        counts[t0] = plan[c];
        continue;
      }
      std::vector<double> starts = windows.size() > static_cast<size_t>(c) &&
                                           windows[c].size() == static_cast<size_t>(plan[c])
                                       ? windows[c]
                                       : std::vector<double>(plan[c], types[t0].start);
      for (double z : starts) {
        int pick = t0;
        for (int t = t0; t < nt && types[t].challenge == c; ++t) {
          if (types[t].start <= z + 1e-9) pick = t;
        }
        ++counts[pick];
      }
    }
    const int64_t budget = std::max<int64_t>(5000, 50 * static_cast<int64_t>(p.people.size()));
    auto value = [&](const std::vector<int>& candidate) {
      std::vector<int> pl;
      Windows win;
      materialise(candidate, pl, win);
      for (int c = 0; c < m; ++c) {
        if (pl[c] > most[c]) return -1e300;
      }
      return evaluate(pl, budget, win);
    };
    double best = value(counts);
    // Few enough plans: every one is tried (bounded by the work: plans × volunteers).
    {
      double combos = 1;
      for (const Type& t : types) combos *= t.most + 1;
      const double n = std::max<double>(50, static_cast<double>(p.people.size()));
      if (combos * n <= 40000) {
        std::vector<int> next(nt, 0);
        const int min_size = w.min_size;
        const int people = static_cast<int>(p.people.size());
        for (bool more = true; more;) {
          int circles = 0;
          for (int x : next) circles += x;
          if (circles > 0 && circles * min_size <= people && next != counts) {
            const double v = value(next);
            if (v > best + 1e-9) best = v, counts = next;
          }
          // the next vector, odometer-wise
          more = false;
          for (int t = 0; t < nt; ++t) {
            if (next[t] < types[t].most) {
              ++next[t];
              more = true;
              break;
            }
            next[t] = 0;
          }
        }
      }
    }
    for (bool improved = true; improved;) {
      improved = false;
      for (int t = 0; t < nt; ++t) {
        for (int step : {+1, -1}) {
          std::vector<int> next = counts;
          next[t] += step;
          if (next[t] < 0 || next[t] > types[t].most) continue;
          const double v = value(next);
          if (v > best + 1e-9) best = v, counts = next, improved = true;
        }
      }
      // A circle moved from one type to another: to another window of its challenge always; to
      // another challenge while the search stays small.
      for (int a = 0; a < nt; ++a) {
        for (int c = 0; c < nt; ++c) {
          if (a == c || counts[a] == 0 || counts[c] >= types[c].most) continue;
          if (nt > 16 && types[a].challenge != types[c].challenge) continue;
          std::vector<int> next = counts;
          --next[a], ++next[c];
          const double v = value(next);
          if (v > best + 1e-9) best = v, counts = next, improved = true;
        }
      }
    }
    if (best > -1e299) materialise(counts, plan, windows);
  }
  return plan;
}

std::string Explain(const CircleProblem& p, const Circle& c) {
  const CircleScore& s = c.score;
  std::set<std::string> teams;
  std::set<int> communities;
  std::vector<std::string> facilitators;
  for (int v : c.members) {
    teams.insert(p.people[v].team);
    if (p.people[v].community >= 0) communities.insert(p.people[v].community);
    if (p.people[v].facilitator) {
      facilitators.push_back(p.people[v].name.empty() ? p.people[v].id : p.people[v].name);
    }
  }
  const auto& need = p.challenges[c.challenge].skills;
  std::string covered, missing;
  for (int k : need) {
    bool has = false;
    for (int v : c.members) has |= Covers(p.people[v], k);
    (has ? covered : missing) +=
        ((has ? covered : missing).empty() ? "" : ", ") + p.skills.names[k];
  }
  std::string out =
      Count(static_cast<int64_t>(c.members.size()), "member", "members") + " from " +
      Count(static_cast<int64_t>(teams.size()), "team", "teams") +
      (communities.empty() ? std::string()  // no network communities known
                           : " and " + Count(static_cast<int64_t>(communities.size()),
                                             "network community", "network communities")) +
      "; " + std::to_string(s.first_choices) + " chose it first. ";
  if (!need.empty()) {
    out += "Covers " + std::to_string(s.skills_covered) + " of the " + std::to_string(need.size()) +
           " skills it needs" + (covered.empty() ? "" : " (" + covered + ")") +
           (missing.empty() ? "." : "; missing: " + missing + ".") + " ";
  }
  out += "Facilitated by ";
  for (size_t i = 0; i < facilitators.size(); ++i) {
    out += (i ? ", " : "") + facilitators[i];
  }
  out += ". " + Count(s.same_team_pairs, "pair", "pairs") + " from the same team.";
  return out;
}

Result<CircleResult> Solve(const CircleProblem& p, bool improve) {
  RETURN_IF_ERROR(Validate(p));
  State s(p);
  Built b;
  if (improve) {
    Windows windows;
    const std::vector<int> plan = ChoosePlan(p, b, windows);
    if (!FillPlan(p, s, plan, windows)) b = Construct(p, s);
    Improve(p, s, 0);
    // The constructive start, improved the same way, when it ends better (never worse than
    // greedy).
    {
      State other(p);
      Built ob = Construct(p, other);
      Improve(p, other, 0);
      auto total = [&](const State& st) {
        double t = 0;
        for (const auto& c : st.circles_) {
          if (!c.members.empty()) t += ScoreCircle(p, c.challenge, c.members).total;
        }
        return t;
      };
      if (total(other) > total(s) + 1e-9) {
        s.circles_ = std::move(other.circles_);
        s.in_ = std::move(other.in_);
        for (const std::string& x : ob.infeasibility) {
          if (std::find(b.infeasibility.begin(), b.infeasibility.end(), x) ==
                  b.infeasibility.end() &&
              x.find("cannot run") == std::string::npos) {
            b.infeasibility.push_back(x);
          }
        }
      }
    }
    // Iterated local search: perturb the best formation, climb again, keep what is better.
    auto value = [&](const State& st) {
      double total = 0;
      for (const auto& c : st.circles_) {
        if (!c.members.empty()) total += ScoreCircle(p, c.challenge, c.members).total;
      }
      return total;
    };
    const int n = static_cast<int>(p.people.size());
    const int restarts = n <= 1000 ? 30 : n <= 5000 ? 5 : 2;
    const int64_t budget = std::max<int64_t>(5000, 50 * static_cast<int64_t>(n));
    auto best = std::make_unique<State>(s);
    double best_value = value(s);
    for (int r = 1; r <= restarts; ++r) {
      auto next = std::make_unique<State>(*best);
      Improve(p, *next, budget, p.settings.seed * 1000003 + r, std::max(2, n / 25));
      const double v = value(*next);
      if (v > best_value + 1e-9) best_value = v, best = std::move(next);
    }
    s.circles_ = best->circles_;
    s.in_ = best->in_;
    for (int v = 0; v < static_cast<int>(p.people.size()); ++v) {
      if (s.in_[v].empty() && p.people[v].max_circles > 0) {
        b.why_not[v] = p.people[v].preferences.empty() && s.pinned_[v].empty()
                           ? "ranked no challenge"
                           : "no circle of their choices had room at a time that suits them";
      }
    }
    for (auto [v, c] : p.pins) {
      bool ok = false;
      for (int ci : s.in_[v]) ok |= s.circles_[ci].challenge == c;
      if (!ok) {
        b.infeasibility.push_back("the pin of " + p.people[v].id + " to \"" +
                                  p.challenges[c].title +
                                  "\" cannot be honoured: no circle "
                                  "on it has room at a time that suits them.");
      }
    }
  } else {
    b = Construct(p, s);
  }
  CircleResult r;
  for (const auto& c : s.circles_) {
    if (c.members.empty()) continue;
    Circle out{c.challenge, c.members, {}, ""};
    std::sort(out.members.begin(), out.members.end());
    out.score = ScoreCircle(p, c.challenge, out.members);
    out.explanation = Explain(p, out);
    r.objective += out.score.total;
    r.circles.push_back(std::move(out));
  }
  std::sort(r.circles.begin(), r.circles.end(), [](const Circle& a, const Circle& b2) {
    return std::tie(a.challenge, a.members) < std::tie(b2.challenge, b2.members);
  });
  for (const auto& [v, why] : b.why_not) {
    if (s.in_[v].empty()) r.unassigned.emplace_back(v, why);
  }
  r.infeasibility = std::move(b.infeasibility);
  if (!r.unassigned.empty()) {
    r.infeasibility.push_back(
        Count(static_cast<int64_t>(r.unassigned.size()), "volunteer is", "volunteers are") +
        " without a circle (see each one's reason).");
  }
  return r;
}

}  // namespace

CircleScore ScoreCircle(const CircleProblem& p, int challenge, const std::vector<int>& members) {
  CircleScore s;
  const CircleSettings& w = p.settings;
  std::map<std::string, int> team;
  std::map<int, int> community, level;
  for (int v : members) {
    const Volunteer& x = p.people[v];
    s.preference += w.weight_preference * Pref(x, challenge);
    s.first_choices += Rank(x, challenge) == 0;
    s.same_team_pairs += team[x.team]++;
    if (x.community >= 0) s.same_community_pairs += community[x.community]++;
    s.same_level_pairs += level[x.level]++;
    s.facilitators += x.facilitator;
  }
  for (int k : p.challenges[challenge].skills) {
    bool has = false;
    for (int v : members) has |= Covers(p.people[v], k);
    s.skills_covered += has;
  }
  s.team = -w.weight_team * s.same_team_pairs;
  s.community = -w.weight_community * s.same_community_pairs;
  s.seniority = -w.weight_seniority * s.same_level_pairs;
  s.skills = w.weight_skill * s.skills_covered;
  s.total = s.preference + s.team + s.community + s.seniority + s.skills;
  return s;
}

std::string CheckFormation(const CircleProblem& p, const std::vector<Circle>& circles) {
  const CircleSettings& w = p.settings;
  std::vector<int> count(p.people.size(), 0);
  std::set<std::pair<int, int>> on;  // person, challenge
  for (size_t i = 0; i < circles.size(); ++i) {
    const Circle& c = circles[i];
    const std::string where = "circle " + std::to_string(i + 1);
    const int size = static_cast<int>(c.members.size());
    if (size < w.min_size || size > w.max_size) return where + ": size " + std::to_string(size);
    int facilitators = 0;
    std::set<int> seen;
    for (int v : c.members) {
      if (!seen.insert(v).second) return where + ": " + p.people[v].id + " twice";
      facilitators += p.people[v].facilitator;
      ++count[v];
      on.insert({v, c.challenge});
      bool pinned = false;
      for (auto [pv, pc] : p.pins) pinned |= pv == v && pc == c.challenge;
      if (Rank(p.people[v], c.challenge) < 0 && !pinned) {
        return where + ": " + p.people[v].id + " did not choose it";
      }
      for (int u : c.members) {
        if (u < v && Overlap(p.people[u], p.people[v]) + 1e-9 < w.min_overlap_hours) {
          return where + ": " + p.people[u].id + " and " + p.people[v].id +
                 " share too few working hours";
        }
      }
    }
    if (facilitators == 0) return where + ": no facilitator";
  }
  for (size_t v = 0; v < p.people.size(); ++v) {
    if (count[v] > std::max(p.people[v].max_circles, 0)) {
      return p.people[v].id + " is in " + std::to_string(count[v]) + " circles";
    }
  }
  return "";
}

Result<CircleResult> FormCircles(const CircleProblem& problem) { return Solve(problem, true); }
Result<CircleResult> FormCirclesGreedy(const CircleProblem& problem) {
  return Solve(problem, false);
}

}  // namespace pl::matching
