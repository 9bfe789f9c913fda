#include "matching/mentor.h"

#include <glpk.h>
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>
#include <set>

namespace pl::matching {
namespace {

// A small organisation: Sales (Ana manages Bo), Engineering (Cy manages Di and Ed), Support.
constexpr const char* kProblem = R"({
  "skills": [
    {"id": "communication"}, {"id": "negotiation", "parent": "communication"},
    {"id": "presenting", "parent": "communication"},
    {"id": "engineering"}, {"id": "sql", "parent": "engineering"}, {"id": "python", "parent": "engineering"}
  ],
  "people": [
    {"id": "ana", "name": "Ana", "team": "Sales", "utc_offset_hours": 1, "community": 0,
     "skills": {"negotiation": 4, "presenting": 3}},
    {"id": "bo", "name": "Bo", "team": "Sales", "manager": "ana", "utc_offset_hours": 1, "community": 0,
     "skills": {"negotiation": 1}},
    {"id": "cy", "name": "Cy", "team": "Engineering", "utc_offset_hours": 0, "community": 1,
     "skills": {"sql": 4, "python": 4, "presenting": 4}},
    {"id": "di", "name": "Di", "team": "Engineering", "manager": "cy", "utc_offset_hours": 0, "community": 1,
     "skills": {"sql": 1}},
    {"id": "ed", "name": "Ed", "team": "Engineering", "manager": "cy", "utc_offset_hours": -8, "community": 1,
     "skills": {"python": 3}},
    {"id": "fay", "name": "Fay", "team": "Support", "utc_offset_hours": 2, "community": 2, "champion": true,
     "skills": {"negotiation": 3, "sql": 3}}
  ],
  "mentees": [
    {"person": "bo", "goals": [{"skill": "negotiation", "target": 3}]},
    {"person": "di", "goals": [{"skill": "sql", "target": 3}, {"skill": "presenting", "target": 2}]},
    {"person": "ed", "goals": [{"skill": "negotiation", "target": 2}]}
  ],
  "mentors": [
    {"person": "ana", "offers": ["negotiation", "presenting"], "capacity": 2},
    {"person": "cy", "offers": ["sql", "python", "presenting"], "capacity": 2},
    {"person": "fay", "offers": ["negotiation", "sql"], "capacity": 3}
  ],
  "pairings": [{"mentee": "di", "mentor": "ana", "rating": 5}, {"mentee": "ed", "mentor": "fay", "rating": 4}],
  "settings": {"min_overlap_hours": 3}
})";

TEST(MentorMatchTest, HardRulesExplanationsAndAlternativesOnASmallOrganisation) {
  auto p = ParseMatchProblem(kProblem);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto idx = [&](const char* id) {
    for (size_t i = 0; i < p->people.size(); ++i)
      if (p->people[i].id == id) return static_cast<int>(i);
    return -1;
  };
  EXPECT_EQ(PairBlocked(*p, idx("bo"), idx("ana")), "in the mentee's reporting line");
  EXPECT_EQ(PairBlocked(*p, idx("di"), idx("cy")), "in the mentee's reporting line");
  // Ed works at UTC-8: 09:00-17:00 there overlaps Fay's (UTC+2) by nothing.
  EXPECT_NE(PairBlocked(*p, idx("ed"), idx("fay")).find("too little shared working time (0.0 h"),
            std::string::npos);
  EXPECT_EQ(PairBlocked(*p, idx("di"), idx("ana")), "");

  auto r = MatchMentors(*p);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Bo can only have Fay (Ana is his manager); Di can have Ana or Fay (not Cy); Ed, at UTC-8,
  // has three mentors ahead (Ana and Fay on negotiation, Cy on presenting, a sibling skill):
  // Cy is his manager, the others share no three working hours with him.
  ASSERT_EQ(r->matches.size(), 2u);
  std::map<std::string, std::string> got;
  for (const Match& m : r->matches) {
    got[p->people[p->mentees[m.mentee].person].id] = p->people[p->mentors[m.mentor].person].id;
  }
  EXPECT_EQ(got["bo"], "fay");
  ASSERT_EQ(r->unmatched.size(), 1u);
  EXPECT_EQ(p->people[p->mentees[r->unmatched[0].mentee].person].id, "ed");
  EXPECT_EQ(r->unmatched[0].reason,
            "3 mentors are ahead on their goals, but 1: in the mentee's reporting line, 2: too "
            "little shared working time");
  ASSERT_EQ(r->infeasibility.size(), 1u);
  EXPECT_NE(r->infeasibility[0].find("1 mentee has no eligible mentor"), std::string::npos);
  // Fay is a hidden champion: one mentee at most, though she offered three places.
  int fay = 0;
  for (const Match& m : r->matches) fay += p->people[p->mentors[m.mentor].person].id == "fay";
  EXPECT_LE(fay, 1);
  EXPECT_EQ(got["di"], "ana");  // so Di goes to Ana, whom Di rated 5 before
  for (const Match& m : r->matches) {
    if (got.count("di") && p->people[p->mentees[m.mentee].person].id == "di") {
      EXPECT_EQ(m.explanation,
                "Ana is at level 3 in presenting; you are new to presenting and aim for 2. "
                "Different team (Sales, you: Engineering) and network community: a bridge across "
                "the organisation. 7.0 h of shared working time. Rated 5.0 by 1 earlier mentee.");
      ASSERT_EQ(m.alternatives.size(), 1u);  // Fay, who is full
      EXPECT_FALSE(m.alternatives[0].has_capacity);
    }
  }
}

// Random organisations: hard rules hold, and the assignment is optimal (checked by GLPK's
// simplex on the same LP, which is integral: a transportation problem).
MatchProblem Random(std::mt19937_64& rng, int people, int mentees, int mentors, int skills) {
  MatchProblem p;
  for (int s = 0; s < skills; ++s) {
    p.skills.names.push_back("s" + std::to_string(s));
    p.skills.parent.push_back(s < 3 ? -1 : static_cast<int>(rng() % 3));
  }
  for (int i = 0; i < people; ++i) {
    MatchPerson m;
    m.id = "p" + std::to_string(i);
    m.team = "t" + std::to_string(i % 5);
    if (i >= 5) m.manager = "p" + std::to_string(rng() % i);
    m.utc_offset_hours = static_cast<double>(static_cast<int>(rng() % 5) * 3 - 6);
    m.community = static_cast<int>(rng() % 3);
    m.champion = rng() % 7 == 0;
    for (int k = 0; k < 3; ++k) m.skills[static_cast<int>(rng() % skills)] = 1 + rng() % 4;
    p.people.push_back(m);
  }
  std::vector<int> order(people);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  for (int i = 0; i < mentees; ++i) {
    Mentee m{order[i], {}};
    m.goals.push_back({static_cast<int>(rng() % skills), 3});
    if (rng() % 2) m.goals.push_back({static_cast<int>(rng() % skills), 4});
    p.mentees.push_back(m);
  }
  for (int j = 0; j < mentors; ++j) {
    Mentor m{order[mentees + j], {}, 1 + static_cast<int>(rng() % 3)};
    for (const auto& [s, level] : p.people[m.person].skills) m.offers.push_back(s);
    p.mentors.push_back(m);
  }
  for (int k = 0; k < 6; ++k) {
    p.pairings.push_back({order[rng() % mentees], order[mentees + rng() % mentors],
                          1.0 + static_cast<double>(rng() % 5)});
  }
  p.exclusions.emplace_back(order[0], order[mentees]);
  p.settings.max_candidates = mentors;  // no truncation: the LP below sees every eligible pair
  return p;
}

int64_t Cost(double score) { return 1000 - std::llround(score * 1000); }

// min sum c x + big u, sum_j x_ij + u_i = 1, sum_i x_ij <= cap_j, 0 <= x, u <= 1.
double LpOptimum(const MatchProblem& p, int64_t big) {
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MIN);
  const int n = static_cast<int>(p.mentees.size()), m = static_cast<int>(p.mentors.size());
  glp_add_rows(lp, n + m);
  for (int i = 0; i < n; ++i) glp_set_row_bnds(lp, i + 1, GLP_FX, 1, 1);
  for (int j = 0; j < m; ++j) {
    const Mentor& mo = p.mentors[j];
    const int cap = p.people[mo.person].champion
                        ? std::min(mo.capacity, p.settings.champion_capacity)
                        : mo.capacity;
    glp_set_row_bnds(lp, n + j + 1, GLP_UP, 0, cap);
  }
  std::vector<int> ia = {0}, ja = {0};
  std::vector<double> ar = {0};
  auto add = [&](double cost, std::vector<int> rows) {
    const int col = glp_add_cols(lp, 1);
    glp_set_col_bnds(lp, col, GLP_DB, 0, 1);
    glp_set_obj_coef(lp, col, cost);
    for (int row : rows) ia.push_back(row), ja.push_back(col), ar.push_back(1);
  };
  for (int i = 0; i < n; ++i) {
    add(static_cast<double>(big), {i + 1});
    for (int j = 0; j < m; ++j) {
      ScoreParts s = ScorePair(p, p.mentees[i], p.mentors[j]);
      if (s.skill <= 0 || p.mentors[j].capacity == 0) continue;
      if (!PairBlocked(p, p.mentees[i].person, p.mentors[j].person).empty()) continue;
      add(static_cast<double>(Cost(s.total)), {i + 1, n + j + 1});
    }
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  EXPECT_EQ(glp_simplex(lp, &parm), 0);
  EXPECT_EQ(glp_get_status(lp), GLP_OPT);
  const double z = glp_get_obj_val(lp);
  glp_delete_prob(lp);
  return z;
}

// Two mentors equally ahead: Kim works with Lu already, in Lu's community; Max is from elsewhere.
// The programme bridges by default; Lu's own "familiar" preference overrides it for Lu alone.
TEST(MentorMatchTest, AMenteesOwnNetworkPreferenceOverridesTheProgrammes) {
  constexpr const char* kTwo = R"({
    "skills": [{"id": "sql"}],
    "people": [
      {"id": "lu", "name": "Lu", "team": "Data", "community": 0, "skills": {"sql": 1}},
      {"id": "kim", "name": "Kim", "team": "Finance", "community": 0, "skills": {"sql": 4}},
      {"id": "max", "name": "Max", "team": "Sales", "community": 1, "skills": {"sql": 4}}
    ],
    "mentees": [{"person": "lu", "goals": [{"skill": "sql", "target": 3}]}],
    "mentors": [{"person": "kim", "offers": ["sql"], "capacity": 1},
                {"person": "max", "offers": ["sql"], "capacity": 1}],
    "ties": [["lu", "kim"]]
  })";
  auto p = ParseMatchProblem(kTwo);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto mentor_of_lu = [&](const MatchProblem& q) {
    auto r = MatchMentors(q);
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r->matches.size(), 1u);
    return q.people[q.mentors[r->matches[0].mentor].person].id;
  };
  EXPECT_EQ(mentor_of_lu(*p), "max");
  MatchProblem familiar = *p;
  familiar.mentees[0].mode = NetworkMode::kFamiliar;
  EXPECT_EQ(mentor_of_lu(familiar), "kim");
  auto r = MatchMentors(familiar);
  EXPECT_NE(r->matches[0].explanation.find("You already work together."), std::string::npos);
  // And the other way round: a bridging mentee in a familiar programme.
  MatchProblem bridging = *p;
  bridging.settings.mode = NetworkMode::kFamiliar;
  EXPECT_EQ(mentor_of_lu(bridging), "kim");
  bridging.mentees[0].mode = NetworkMode::kBridge;
  EXPECT_EQ(mentor_of_lu(bridging), "max");
  // In the problem file.
  std::string text = kTwo;
  const std::string from = R"("person": "lu", "goals")";
  text.replace(text.find(from), from.size(), R"("person": "lu", "mode": "familiar", "goals")");
  auto parsed = ParseMatchProblem(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << text;
  EXPECT_EQ(mentor_of_lu(*parsed), "kim");
  text.replace(text.find("familiar"), 8, "cozy");
  EXPECT_EQ(ParseMatchProblem(text).status().message(),
            "mentees[0].mode: \"bridge\" or \"familiar\"");
}

TEST(MentorMatchTest, RandomInstancesKeepEveryRuleAndReachTheLpOptimum) {
  std::mt19937_64 rng(2026);
  for (int round = 0; round < 12; ++round) {
    MatchProblem p = Random(rng, 80, 40, 12 + round, 9);
    auto r = MatchMentors(p);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    const int64_t big = 1000 * (static_cast<int64_t>(p.mentees.size()) + 1);
    int64_t cost = big * static_cast<int64_t>(r->unmatched.size());
    std::map<int, int> load;
    std::set<int> seen;
    for (const Match& m : r->matches) {
      const Mentee& me = p.mentees[m.mentee];
      const Mentor& mo = p.mentors[m.mentor];
      EXPECT_EQ(PairBlocked(p, me.person, mo.person), "") << "round " << round;
      EXPECT_GT(m.score.skill, 0);
      EXPECT_TRUE(seen.insert(m.mentee).second);
      ++load[m.mentor];
      cost += Cost(m.score.total);
      EXPECT_LE(m.alternatives.size(), 3u);
      for (const Alternative& a : m.alternatives) EXPECT_NE(a.mentor, m.mentor);
    }
    for (const auto& [j, n] : load) {
      const Mentor& mo = p.mentors[j];
      EXPECT_LE(n, mo.capacity);
      if (p.people[mo.person].champion) {
        EXPECT_LE(n, p.settings.champion_capacity);
      }
    }
    EXPECT_EQ(r->matches.size() + r->unmatched.size(), p.mentees.size());
    EXPECT_NEAR(static_cast<double>(cost), LpOptimum(p, big), 1e-6) << "round " << round;
    // Greedy never does better: fewer matches, or as many at a cost at least as high.
    auto g = MatchMentorsGreedy(p);
    ASSERT_TRUE(g.ok());
    int64_t gcost = big * static_cast<int64_t>(g->unmatched.size());
    for (const Match& m : g->matches) gcost += Cost(m.score.total);
    EXPECT_GE(gcost, cost);
  }
}

TEST(MentorMatchTest, TinyInstancesMatchExhaustiveSearch) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 20; ++round) {
    MatchProblem p = Random(rng, 14, 6, 3, 5);
    auto r = MatchMentors(p);
    ASSERT_TRUE(r.ok());
    // Every assignment of each mentee to an eligible mentor or to nobody.
    const int n = static_cast<int>(p.mentees.size());
    std::vector<std::vector<std::pair<int, int64_t>>> options(n);
    for (int i = 0; i < n; ++i) {
      options[i].push_back({-1, 0});
      for (int j = 0; j < static_cast<int>(p.mentors.size()); ++j) {
        ScoreParts s = ScorePair(p, p.mentees[i], p.mentors[j]);
        if (s.skill > 0 && p.mentors[j].capacity > 0 &&
            PairBlocked(p, p.mentees[i].person, p.mentors[j].person).empty()) {
          options[i].push_back({j, Cost(s.total)});
        }
      }
    }
    std::pair<int, int64_t> best = {-1, 0};  // matched (max), cost (min)
    std::vector<int> load(p.mentors.size(), 0);
    std::function<void(int, int, int64_t)> go = [&](int i, int matched, int64_t cost) {
      if (i == n) {
        if (matched > best.first || (matched == best.first && cost < best.second)) {
          best = {matched, cost};
        }
        return;
      }
      for (auto [j, c] : options[i]) {
        if (j >= 0) {
          const Mentor& mo = p.mentors[j];
          const int cap = p.people[mo.person].champion
                              ? std::min(mo.capacity, p.settings.champion_capacity)
                              : mo.capacity;
          if (load[j] >= cap) continue;
          ++load[j];
          go(i + 1, matched + 1, cost + c);
          --load[j];
        } else {
          go(i + 1, matched, cost);
        }
      }
    };
    go(0, 0, 0);
    int64_t cost = 0;
    for (const Match& m : r->matches) cost += Cost(m.score.total);
    EXPECT_EQ(static_cast<int>(r->matches.size()), best.first) << "round " << round;
    EXPECT_EQ(cost, best.second) << "round " << round;
  }
}

TEST(MentorMatchTest, TooLittleCapacityIsExplainedWithWhatWouldFixIt) {
  auto p = ParseMatchProblem(kProblem);
  ASSERT_TRUE(p.ok());
  for (Mentor& m : p->mentors) m.capacity = 0;
  p->mentors[1].capacity = 1;  // Cy: one place for three mentees
  auto r = MatchMentors(*p);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->infeasibility.empty());
  EXPECT_EQ(r->infeasibility[0],
            "3 mentees and 1 mentor place: at least 2 cannot be matched. Invite more mentors or "
            "raise capacities by 2 places.");
  for (const Unmatched& u : r->unmatched) EXPECT_FALSE(u.reason.empty());
}

TEST(MentorMatchTest, ProblemFileErrorsNameTheField) {
  struct Case {
    const char* text;
    const char* words;
  } cases[] = {
      {"[1]", "must be a JSON object"},
      {"{", "not valid JSON"},
      {R"({"skills": [{"id": "a", "parent": "b"}]})", "skills[0].parent: unknown skill 'b'"},
      {R"({"skills": [{"id": "a", "parent": "a"}]})", "'a' is its own ancestor"},
      {R"({"people": [{"id": "x"}, {"id": "x"}]})", "people[1].id: 'x' twice"},
      {R"({"people": [{"id": "x", "skills": {"zzz": 2}}]})",
       "people[0].skills: unknown skill 'zzz'"},
      {R"({"people": [{"id": "x"}], "mentees": [{"person": "y"}]})",
       "mentees[0].person: unknown person 'y'"},
      {R"({"skills": [{"id": "a"}], "people": [{"id": "x"}], "mentors": [{"person": "x", "offers": ["a"], "capacity": 1.5}]})",
       "mentors[0].capacity: whole number"},
      {R"({"settings": {"mode": "random"}})", "settings.mode"},
      {R"({"people": [{"id": "x", "utc_offset_hours": 30}]})", "utc_offset_hours: -12 to 14"},
  };
  for (const Case& c : cases) {
    auto p = ParseMatchProblem(c.text);
    ASSERT_FALSE(p.ok()) << c.text;
    EXPECT_NE(p.status().message().find(c.words), std::string::npos)
        << c.text << " -> " << p.status().message();
  }
  // Parsed but invalid: weights, a goal out of range, a mentee twice.
  auto p = ParseMatchProblem(kProblem);
  ASSERT_TRUE(p.ok());
  p->settings.weight_skill = 0.9;
  EXPECT_NE(MatchMentors(*p).status().message().find("sum to 1"), std::string::npos);
  p = ParseMatchProblem(kProblem);
  p->mentees.push_back(p->mentees[0]);
  EXPECT_NE(MatchMentors(*p).status().message().find("is a mentee twice"), std::string::npos);
}

}  // namespace
}  // namespace pl::matching
