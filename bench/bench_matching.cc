// Mentor matching at scale: M mentees against N mentors (default 50,000 × 10,000) in a synthetic
// organisation (200 skills under 20 roots, 600 teams, 40 network communities, seven time zones,
// reporting lines, hidden champions, past ratings), each mentee keeping its best 50 eligible
// mentors (sparse candidate lists). The optimum (LEMON network simplex) and the greedy baseline
// run on the same candidates; prints time (median of R runs), matched mentees and the objective.
//   bench_matching [MENTEES MENTORS RUNS]
// Learning circles: V volunteers (default 10,000) ranking 1-3 of C challenges (default 100, with
// popularity skewed), circles of 12-15, one in six can facilitate, four time zones; formation vs
// the constructive start alone (greedy), time and objective.
//   bench_matching circles [VOLUNTEERS CHALLENGES RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "matching/circles.h"
#include "matching/mentor.h"

using namespace pl::matching;

// Runs `solve` `runs` times; the median time and the last result (nullopt on an error).
template <typename F>
static auto Timed(int runs, F solve) {
  std::vector<double> seconds;
  std::decay_t<decltype(*solve())> last{};
  for (int r = 0; r < runs; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    auto res = solve();
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    if (!res.ok()) {
      std::fprintf(stderr, "%s\n", res.status().ToString().c_str());
      std::exit(1);
    }
    last = *std::move(res);
  }
  std::sort(seconds.begin(), seconds.end());
  return std::make_pair(seconds[seconds.size() / 2], std::move(last));
}

static MatchProblem Make(int mentees, int mentors, uint64_t seed) {
  std::mt19937_64 rng(seed);
  MatchProblem p;
  for (int s = 0; s < 200; ++s) {
    p.skills.names.push_back("skill" + std::to_string(s));
    p.skills.parent.push_back(s < 20 ? -1 : s % 20);
  }
  const int people = mentees + mentors + mentors / 2;
  const double zones[] = {-8, -5, 0, 1, 2, 5.5, 8};
  for (int i = 0; i < people; ++i) {
    MatchPerson m;
    m.id = "p" + std::to_string(i);
    const int team = static_cast<int>(rng() % 600);
    m.team = "team" + std::to_string(team);
    if (i >= 100) m.manager = "p" + std::to_string(rng() % (i / 10 + 1));
    m.utc_offset_hours = zones[team % 7];
    m.community = team % 40;
    m.champion = rng() % 50 == 0;
    const int home = 20 + static_cast<int>(rng() % 180);  // skills cluster around a home skill
    for (int k = 0; k < 4; ++k) {
      const int s = k < 2 ? home : 20 + static_cast<int>(rng() % 180);
      m.skills[k == 1 ? home % 20 : s] = 1 + static_cast<double>(rng() % 4);
    }
    p.people.push_back(std::move(m));
  }
  std::vector<int> order(people);
  for (int i = 0; i < people; ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  for (int i = 0; i < mentees; ++i) {
    Mentee m{order[i], {}};
    const auto& skills = p.people[order[i]].skills;
    auto it = skills.begin();
    std::advance(it, static_cast<long>(rng() % skills.size()));
    m.goals.push_back({it->first, std::min(4.0, it->second + 2)});
    if (rng() % 2) m.goals.push_back({20 + static_cast<int>(rng() % 180), 3});
    p.mentees.push_back(m);
  }
  for (int j = 0; j < mentors; ++j) {
    Mentor m{order[mentees + j], {}, 3 + static_cast<int>(rng() % 5)};
    for (const auto& [s, level] : p.people[m.person].skills) {
      if (level >= 3) m.offers.push_back(s);
    }
    if (m.offers.empty()) m.offers.push_back(p.people[m.person].skills.begin()->first);
    p.mentors.push_back(m);
  }
  for (int k = 0; k < mentees / 5; ++k) {
    p.pairings.push_back({order[rng() % mentees], order[mentees + rng() % mentors],
                          1 + static_cast<double>(rng() % 5)});
  }
  p.settings.max_candidates = 50;
  p.settings.min_overlap_hours = 2;
  return p;
}

static CircleProblem MakeCircles(int volunteers, int challenges, uint64_t seed) {
  std::mt19937_64 rng(seed);
  CircleProblem p;
  for (int s = 0; s < 300; ++s) {
    p.skills.names.push_back("skill" + std::to_string(s));
    p.skills.parent.push_back(-1);
  }
  for (int c = 0; c < challenges; ++c) {
    p.challenges.push_back({"c" + std::to_string(c),
                            "Challenge " + std::to_string(c),
                            "",
                            {static_cast<int>(rng() % 300), static_cast<int>(rng() % 300),
                             static_cast<int>(rng() % 300)}});
  }
  const double zones[] = {-5, 0, 1, 2};
  std::vector<double> weights;
  for (int c = 0; c < challenges; ++c) weights.push_back(1.0 / (1 + c % 20));
  std::discrete_distribution<int> popular(weights.begin(), weights.end());
  for (int i = 0; i < volunteers; ++i) {
    Volunteer v;
    v.id = "v" + std::to_string(i);
    const int team = static_cast<int>(rng() % 400);
    v.team = "team" + std::to_string(team);
    v.community = team % 30;
    v.level = static_cast<int>(rng() % 4);
    v.utc_offset_hours = zones[team % 4];
    v.facilitator = rng() % 6 == 0;
    for (int k = 0; k < 3; ++k)
      v.skills[static_cast<int>(rng() % 300)] = 2 + static_cast<double>(rng() % 3);
    const int choices = 1 + static_cast<int>(rng() % 3);
    while (static_cast<int>(v.preferences.size()) < choices) {
      const int c = popular(rng);
      if (std::find(v.preferences.begin(), v.preferences.end(), c) == v.preferences.end()) {
        v.preferences.push_back(c);
      }
    }
    p.people.push_back(std::move(v));
  }
  return p;
}

static int Circles(int volunteers, int challenges, int runs) {
  const CircleProblem p = MakeCircles(volunteers, challenges, 42);
  for (bool greedy : {false, true}) {
    auto [median, last] =
        Timed(runs, [&] { return greedy ? FormCirclesGreedy(p) : FormCircles(p); });
    const std::string broken = CheckFormation(p, last.circles);
    std::printf(
        "%-8s %d volunteers, %d challenges: median %.2f s of %d; %zu circles, %zu seated, "
        "objective %.1f%s\n",
        greedy ? "greedy" : "formed", volunteers, challenges, median, runs, last.circles.size(),
        p.people.size() - last.unassigned.size(), last.objective,
        broken.empty() ? "" : (" BROKEN: " + broken).c_str());
  }
  return 0;
}

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "circles") {
    return Circles(argc > 2 ? std::atoi(argv[2]) : 10000, argc > 3 ? std::atoi(argv[3]) : 100,
                   argc > 4 ? std::atoi(argv[4]) : 3);
  }
  const int mentees = argc > 1 ? std::atoi(argv[1]) : 50000;
  const int mentors = argc > 2 ? std::atoi(argv[2]) : 10000;
  const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
  const MatchProblem p = Make(mentees, mentors, 42);
  for (bool greedy : {false, true}) {
    auto [median, last] =
        Timed(runs, [&] { return greedy ? MatchMentorsGreedy(p) : MatchMentors(p); });
    std::printf(
        "%-8s %d mentees x %d mentors: median %.2f s of %d; %zu matched, objective %.1f, "
        "%lld candidate pairs\n",
        greedy ? "greedy" : "optimal", mentees, mentors, median, runs, last.matches.size(),
        last.objective, static_cast<long long>(last.candidate_pairs));
  }
  return 0;
}
