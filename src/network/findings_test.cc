#include "network/findings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "network/analysis.h"
#include "network/snapshot.h"

namespace pl::network {
namespace {

// Ten people: team T1 a chain 1-2-3-4, joined by 4-5 to team T2's triangle 5-6-7, 7-8 (8 in no
// team); 9 in T2 and 10 in no team, both without ties. Skills (name, level):
//   1 sql 4 (and 3) · 2 ops 3 · 3 design 4 · 4 ops 3 · 5 go 4 · 6 design 2, ml 3 · 7 sql 3 · 8 go 3
//   · 9 ml 4 · 10 ml 4
std::vector<PersonInput> People() {
  std::vector<PersonInput> p;
  auto add = [&](int64_t id, std::string team, std::vector<std::pair<std::string, int>> skills) {
    p.push_back({id, std::move(team), 2, 0, std::nullopt, std::move(skills)});
  };
  add(1, "T1", {{"sql", 3}, {"sql", 4}});  // listed twice: the higher level counts
  add(2, "T1", {{"ops", 3}});
  add(3, "T1", {{"design", 4}});
  add(4, "T1", {{"ops", 3}});
  add(5, "T2", {{"go", 4}});
  add(6, "T2", {{"design", 2}, {"ml", 3}});
  add(7, "T2", {{"sql", 3}});
  add(8, "", {{"go", 3}});
  add(9, "T2", {{"ml", 4}});
  add(10, "", {{"ml", 4}});
  return p;
}

std::vector<graph::Interaction> Ties() {
  std::vector<graph::Interaction> ties;
  for (auto [a, b] : std::vector<std::pair<int64_t, int64_t>>{
           {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {6, 7}, {7, 5}, {7, 8}}) {
    ties.push_back({a, b, graph::Layer::kReply, Timestamp{}, 1.0});
  }
  return ties;
}

struct Point {
  bool cuts = false;
  int64_t teammates = 0;
  std::map<std::string, std::pair<int, int64_t>> sole;  // skill → (level, holders elsewhere)
  bool operator==(const Point&) const = default;
  friend void PrintTo(const Point& p, std::ostream* os) {
    *os << "{cuts " << p.cuts << ", teammates " << p.teammates << ", sole";
    for (const auto& [skill, x] : p.sole) *os << " " << skill << ":" << x.first << "/" << x.second;
    *os << "}";
  }
};

// The single points by person id, and their order.
std::pair<std::map<int64_t, Point>, std::vector<int64_t>> SinglePoints(
    const FindingsParams& findings) {
  AnalysisParams params;
  params.findings = findings;
  const auto ties = Ties();
  auto a = Analyze(People(), ties, params);
  EXPECT_TRUE(a.ok()) << a.status().message();
  std::map<int64_t, Point> out;
  std::vector<int64_t> order;
  if (!a.ok()) return {out, order};
  for (const SinglePoint& p : a->findings.single_points) {
    Point x{p.cuts_network, p.teammates_cut_off, {}};
    for (const SoleSkill& s : p.sole_skills) {
      x.sole[a->skills.at(static_cast<size_t>(s.skill))] = {s.level, s.holders_elsewhere};
    }
    out[a->graph.IdOf(p.node)] = x;
    order.push_back(a->graph.IdOf(p.node));
  }
  return {out, order};
}

// Cut vertices of the whole network, people whose loss splits their team, and skills nobody
// nearby holds at the level that counts (3): teammates count whether tied or not, others
// within two steps either way; a level below 3 neither counts nor covers.
TEST(SinglePointsTest, CutsAndSkillsNobodyNearbyHolds) {
  auto [points, order] = SinglePoints(FindingsParams{});
  std::map<int64_t, Point> want = {
      {2, {true, 2, {}}},                    // from 1, its teammates 3 and 4 are cut off
      {3, {true, 1, {{"design", {4, 0}}}}},  // 6's design is below the level: nobody else
      {4, {true, 0, {}}},
      {5, {true, 0, {}}},                 // 8's go is two steps away (5-7-8)
      {7, {true, 0, {{"sql", {3, 1}}}}},  // 1 holds sql, five steps away
      {1, {false, 0, {{"sql", {4, 1}}}}},
      {10, {false, 0, {{"ml", {4, 2}}}}},  // no team, no ties; 6 and 9 hold it
  };
  EXPECT_EQ(points, want);
  // Teammates cut off first, then cutting the network, then skills nobody else holds, then
  // skills nobody nearby holds.
  EXPECT_EQ(order, (std::vector<int64_t>{2, 3, 7, 4, 5, 1, 10}));
}

TEST(SinglePointsTest, StepsAndLevelAreSettings) {
  FindingsParams far;
  far.sole_skill_steps = 5;  // 1 and 7 now reach each other's sql
  auto [points, order] = SinglePoints(far);
  EXPECT_TRUE(points.at(7).sole.empty());
  EXPECT_EQ(points.count(1), 0u);
  FindingsParams near;
  near.sole_skill_steps = 4;
  EXPECT_EQ(SinglePoints(near).first.at(1).sole.count("sql"), 1u);
  FindingsParams low;
  low.sole_skill_min_level = 2;  // 6's design now counts, and is three steps from 3
  auto [low_points, low_order] = SinglePoints(low);
  EXPECT_EQ(low_points.at(3).sole.at("design"), (std::pair<int, int64_t>{4, 1}));
  EXPECT_EQ(low_points.at(6).sole.at("design"), (std::pair<int, int64_t>{2, 1}));
  FindingsParams none;
  none.sole_skill_steps = 0;  // teammates only: 5's go (8 has no team) is now alone
  EXPECT_EQ(SinglePoints(none).first.at(5).sole.at("go"), (std::pair<int, int64_t>{4, 1}));
}

// The snapshot names the skills and keeps the settings.
TEST(SinglePointsTest, SnapshotNamesTheSkills) {
  AnalysisParams params;
  const auto ties = Ties();
  auto a = Analyze(People(), ties, params);
  ASSERT_TRUE(a.ok()) << a.status().message();
  auto s = MakeSnapshot(*a, params, Timestamp{}, LayoutParams{});
  ASSERT_TRUE(s.ok()) << s.status().message();
  const auto& points = s->findings.at("single_points");
  ASSERT_EQ(points.size(), 7u);
  EXPECT_EQ(points[1].at("person"), 3);
  EXPECT_EQ(points[1].at("sole_skills"),
            nlohmann::json::parse(R"([{"skill": "design", "level": 4, "holders_elsewhere": 0}])"));
  EXPECT_EQ(points[0].at("sole_skills"), nlohmann::json::array());
  EXPECT_EQ(s->params.at("sole_skill_min_level"), 3);
  EXPECT_EQ(s->params.at("sole_skill_steps"), 2);
}

// Communities A {1, 2, 3}, B {4, 5}, C {6, 7}; ties (directions mixed, one both ways, one
// given twice) 1-2, 1-3, 2-3, 1->4, 5->1, 4<->5, 1-6, 6->2, 6-7.
std::pair<graph::Graph, std::vector<int32_t>> ThreeCommunities() {
  std::vector<graph::Interaction> ties;
  for (auto [a, b] : std::vector<std::pair<int64_t, int64_t>>{{1, 2},
                                                              {1, 3},
                                                              {2, 3},
                                                              {1, 4},
                                                              {5, 1},
                                                              {4, 5},
                                                              {5, 4},
                                                              {1, 6},
                                                              {1, 6},
                                                              {6, 2},
                                                              {6, 7}}) {
    ties.push_back({a, b, graph::Layer::kReply, Timestamp{}, 1.0});
  }
  graph::Graph g = graph::Build(ties);
  const std::map<int64_t, int32_t> community_of{{1, 0}, {2, 0}, {3, 0}, {4, 1},
                                                {5, 1}, {6, 2}, {7, 2}};
  std::vector<int32_t> community(g.num_nodes());
  for (uint32_t v = 0; v < g.num_nodes(); ++v) community[v] = community_of.at(g.IdOf(v));
  return {std::move(g), std::move(community)};
}

// Brokerage across communities, by hand, on ThreeCommunities. Person 1's contacts 2, 3 (A), 4, 5
// (B), 6 (C): 8 pairs across communities, of which 2-6 are tied: 7. Person 2's: 1, 3 (A), 6 (C):
// pairs 1-6 (tied) and 3-6: 1. Person 6's: 1, 2 (A), 7 (C): 1-7 and 2-7, neither tied: 2. Person
// 4's one pair 1-5 is tied: 0.
TEST(BrokersTest, CrossCommunityBrokerageByHand) {
  const auto [g, community] = ThreeCommunities();
  const std::vector<int64_t> brokerage = CrossCommunityBrokerage(g, community);
  std::map<int64_t, int64_t> by_id;
  for (uint32_t v = 0; v < g.num_nodes(); ++v) by_id[g.IdOf(v)] = brokerage[v];
  EXPECT_EQ(by_id,
            (std::map<int64_t, int64_t>{{1, 7}, {2, 1}, {3, 0}, {4, 0}, {5, 0}, {6, 2}, {7, 0}}));
  // One community: nothing to broker.
  EXPECT_EQ(CrossCommunityBrokerage(g, std::vector<int32_t>(g.num_nodes(), 0)),
            std::vector<int64_t>(g.num_nodes(), 0));
}

// ThreeCommunities: each person's bridge, worked out by hand. Pairs of contacts between the
// communities: {1,2,3}-{4,5} two (1-4, 1-5), {1,2,3}-{6,7} two (1-6, 2-6), {4,5}-{6,7} none.
// So people of {1,2,3} have 2 / 3 contacts in each of the others on average, those of {4,5}
// 2 / 2 = 1 in {1,2,3}, those of {6,7} 1 in {1,2,3}.
// 1 has two contacts in {4,5} (surprise 2 ln 3 - 4 / 3 = 0.864) and one in {6,7} (ln 1.5 - 1 /
// 3 = 0.072): {4,5}, where they hold both ties with two contacts at home, min(2, 2) × 2 / 2 = 2.
// 2's one contact in {6,7}: surprise 0.072, score 1 × 1 / 2. 4 and 5 have one contact in
// {1,2,3}, no more than its people's average: surprise 0, score 1 × 1 / 2. 6 has two contacts in
// {1,2,3} (2 ln 2 - 1 = 0.386) and one at home: 1 × 2 / 2.
TEST(BrokersTest, CommunityBridgesByHand) {
  const auto [g, community] = ThreeCommunities();
  const std::vector<Bridge> bridges = CommunityBridges(g, community);
  using Row = std::tuple<int32_t, int64_t, int64_t, int64_t, double>;
  std::map<int64_t, Row> by_id;
  for (uint32_t v = 0; v < g.num_nodes(); ++v) {
    const Bridge& b = bridges[v];
    by_id[g.IdOf(v)] = {b.community, b.contacts, b.own, b.ties, b.score};
  }
  EXPECT_EQ(by_id, (std::map<int64_t, Row>{{1, {1, 2, 2, 2, 2.0}},
                                           {2, {2, 1, 2, 2, 0.5}},
                                           {3, {-1, 0, 2, 0, 0.0}},
                                           {4, {0, 1, 1, 2, 0.5}},
                                           {5, {0, 1, 1, 2, 0.5}},
                                           {6, {0, 2, 1, 2, 1.0}},
                                           {7, {-1, 0, 1, 0, 0.0}}}));
  std::map<int64_t, std::pair<double, double>> surprise;  // expected, surprise
  for (uint32_t v = 0; v < g.num_nodes(); ++v) {
    surprise[g.IdOf(v)] = {bridges[v].expected, bridges[v].surprise};
  }
  const double third = 1.0 / 3;
  const std::map<int64_t, std::pair<double, double>> want{
      {1, {2 * third, 2 * std::log(3.0) - 4 * third}},
      {2, {2 * third, std::log(1.5) - third}},
      {3, {0, 0}},
      {4, {1, 0}},
      {5, {1, 0}},
      {6, {1, 2 * std::log(2.0) - 1}},
      {7, {0, 0}}};
  for (const auto& [id, x] : want) {
    EXPECT_NEAR(surprise[id].first, x.first, 1e-12) << id;
    EXPECT_NEAR(surprise[id].second, x.second, 1e-12) << id;
  }
  EXPECT_NEAR(surprise[1].second, 0.863891, 1e-6);
}

// Three teams of six, each tied all round; person 19 is one of the first team's and also tied
// to two people of each other team.
std::pair<std::vector<PersonInput>, std::vector<graph::Interaction>> LinkingThreeTeams() {
  std::vector<PersonInput> people;
  std::vector<graph::Interaction> ties;
  auto tie = [&](int64_t a, int64_t b) {
    ties.push_back({a, b, graph::Layer::kReply, Timestamp{}, 1.0});
  };
  for (int t = 0; t < 3; ++t) {
    for (int64_t i = 1; i <= 6; ++i) {
      const int64_t id = t * 6 + i;
      people.push_back({id, "T" + std::to_string(t + 1), 2, 0, std::nullopt, {}});
      for (int64_t j = i + 1; j <= 6; ++j) tie(id, t * 6 + j);
    }
  }
  people.push_back({19, "T1", 2, 0, std::nullopt, {}});
  for (int64_t id : {1, 2, 3, 4, 5, 6}) tie(19, id);
  for (int64_t id : {7, 8, 13, 14}) tie(id, 19);
  return {std::move(people), std::move(ties)};
}

// Only 19 reaches two other communities: the one broker, with
// the 6 × 2 + 6 × 2 + 2 × 2 = 28 pairs of contacts across communities none of whom are tied.
// Those four people link their team to 19 (pairs with their five teammates, less the one
// teammate also tied to 19: 4 each) but reach one other community only.
TEST(BrokersTest, TheOnePersonLinkingThreeTeams) {
  const auto [people, ties] = LinkingThreeTeams();
  AnalysisParams params;
  auto a = Analyze(people, ties, params);
  ASSERT_TRUE(a.ok()) << a.status().message();
  auto community = [&](int64_t id) { return a->communities.membership[*a->graph.IndexOf(id)]; };
  ASSERT_EQ(community(19), community(1));
  ASSERT_NE(community(7), community(1));
  ASSERT_NE(community(13), community(7));
  ASSERT_EQ(a->findings.brokers.size(), 1u);
  const Broker& b = a->findings.brokers[0];
  EXPECT_EQ(a->graph.IdOf(b.node), 19);
  EXPECT_EQ(b.communities_reached, 2);
  EXPECT_EQ(b.brokerage, 28);
  // The two other teams' communities, two contacts in each (equal: by community).
  const int32_t first = std::min(community(7), community(13));
  const int32_t second = std::max(community(7), community(13));
  EXPECT_EQ(b.links, (std::vector<std::pair<int32_t, int64_t>>{{first, 2}, {second, 2}}));
  EXPECT_GT(b.betweenness, 0);
  auto s = MakeSnapshot(*a, params, Timestamp{}, LayoutParams{});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->findings.at("brokers")[0].at("brokerage"), 28);
  EXPECT_EQ(s->findings.at("brokers")[0].at("links")[1],
            (nlohmann::json{{"community", second}, {"contacts", 2}}));
  // Both bridges score min(6, 2) × 2 / 2, with 2 / 7 on average for their community and the
  // same surprise: the first community's is kept.
  const double expected = 2.0 / 7, surprise = 2 * std::log(2 / expected) - (2 - expected);
  EXPECT_EQ(s->findings.at("brokers")[0].at("bridge"), (nlohmann::json{{"community", first},
                                                                       {"contacts", 2},
                                                                       {"own_contacts", 6},
                                                                       {"ties_between", 2},
                                                                       {"score", 2.0},
                                                                       {"expected", expected},
                                                                       {"surprise", surprise}}));
}

// In a large organisation the ties between two big communities are many, so a broker's share of
// them (the bridge's score) is small, and many well-connected people link more open pairs than
// they do; what stands out is how many contacts they have there beside their own community's
// average. Communities given by hand: A {1, 2, 3}, B {11..18}, C {21, 22}. 1 is tied to all of
// B and to 21; 21 also to all of B and to 22; B is tied all round, and 2-3. 1's contacts all tie
// each other across communities (brokerage 0, at most the fence, which is 0: only 21 links open
// pairs, 8 × 22 and 22 × 1) and none is at home (score 0). But A's three people have 8 / 3
// contacts in B on average and 1 has 8: surprise 8 ln 3 - (8 - 8 / 3) = 3.4556 (C: 1 against
// 1 / 3, ln 3 - 2 / 3). A surprise above 3.4 makes 1 a broker beside 21; one above 3.5 does not.
TEST(BrokersTest, ASurpriseAboveTheSettingFindsABroker) {
  std::vector<PersonInput> people;
  std::vector<graph::Interaction> ties;
  auto tie = [&](int64_t a, int64_t b) {
    ties.push_back({a, b, graph::Layer::kReply, Timestamp{}, 1.0});
  };
  for (int64_t id : {1, 2, 3, 11, 12, 13, 14, 15, 16, 17, 18, 21, 22}) {
    people.push_back({id, "", 2, 0, std::nullopt, {}});
  }
  tie(2, 3);
  tie(21, 22);
  for (int64_t b = 11; b <= 18; ++b) {
    tie(1, b);
    tie(21, b);
    for (int64_t c = b + 1; c <= 18; ++c) tie(b, c);
  }
  tie(1, 21);
  AnalysisParams params;
  auto a = Analyze(people, ties, params);
  ASSERT_TRUE(a.ok()) << a.status().message();
  const graph::Graph& g = a->graph;
  Communities by_hand{std::vector<int32_t>(g.num_nodes()), 3, 0};
  for (uint32_t v = 0; v < g.num_nodes(); ++v) {
    const int64_t id = g.IdOf(v);
    by_hand.membership[v] = id < 10 ? 0 : id < 20 ? 1 : 2;
  }
  const std::vector<int64_t> brokerage = CrossCommunityBrokerage(g, by_hand.membership);
  const uint32_t one = *g.IndexOf(1), twenty_one = *g.IndexOf(21);
  EXPECT_EQ(brokerage[one], 0);
  EXPECT_EQ(brokerage[twenty_one], 9);
  const std::vector<NodeInfo> nodes(g.num_nodes());
  const std::vector<int64_t> manager_of(g.num_nodes(), -1);
  for (auto [min_surprise, want] : {std::pair{3.4, std::set<int64_t>{1, 21}}, {3.5, {21}}}) {
    FindingsParams fp = params.findings;
    fp.broker_min_surprise = min_surprise;
    auto f = ComputeFindings(g, ties, nodes, manager_of, a->metrics, by_hand, a->team_metrics, fp);
    ASSERT_TRUE(f.ok()) << f.status().message();
    std::set<int64_t> found;
    for (const Broker& b : f->brokers) found.insert(g.IdOf(b.node));
    EXPECT_EQ(found, want) << min_surprise;
    for (const Broker& b : f->brokers) {
      if (b.node != one) continue;
      EXPECT_EQ(std::tuple(b.bridge.community, b.bridge.contacts, b.bridge.own, b.bridge.ties),
                std::tuple(1, 8, 0, 8));
      EXPECT_EQ(b.bridge.score, 0.0);
      EXPECT_NEAR(b.bridge.expected, 8.0 / 3, 1e-12);
      EXPECT_NEAR(b.bridge.surprise, 8 * std::log(3.0) - (8 - 8.0 / 3), 1e-12);
      EXPECT_NEAR(b.bridge.surprise, 3.455565, 1e-6);
    }
  }
}

// Newcomers: hired in the 90 days before `today`, their contacts and the days to their first,
// third and fifth; one with no tie beyond their manager is not yet connected only past the
// grace days (before, settling in).
TEST(NewcomersTest, SettlingInWithinTheGraceDaysNotYetConnectedAfter) {
  const Date today = *ParseDate("2026-12-06");
  auto day = [&](int back) { return today - std::chrono::days(back); };
  auto at = [&](Date d) { return Timestamp(d) + std::chrono::hours(10); };
  // 1 the manager (long here); 2 hired 3 days ago, 3 and 4 hired 20 days ago, 5 long here.
  std::vector<PersonInput> people = {{1, "T", 5, 0, day(900), {}}, {2, "T", 2, 1, day(3), {}},
                                     {3, "T", 2, 1, day(20), {}},  {4, "T", 2, 1, day(20), {}},
                                     {5, "T", 2, 1, day(700), {}}, {6, "T", 2, 1, day(400), {}}};
  std::vector<graph::Interaction> ties = {{2, 1, graph::Layer::kReply, at(day(2)), 1.0},
                                          {3, 1, graph::Layer::kReply, at(day(19)), 1.0},
                                          {4, 1, graph::Layer::kReply, at(day(18)), 1.0},
                                          {5, 4, graph::Layer::kReply, at(day(15)), 1.0},
                                          {4, 6, graph::Layer::kReply, at(day(15)), 1.0},
                                          {6, 4, graph::Layer::kReply, at(day(10)), 1.0},
                                          {5, 6, graph::Layer::kReply, at(day(30)), 1.0}};
  for (int grace : {14, 0}) {
    AnalysisParams params;
    params.findings.today = today;
    params.findings.newcomer_grace_days = grace;
    auto a = Analyze(people, ties, params);
    ASSERT_TRUE(a.ok()) << a.status().message();
    std::map<int64_t, Newcomer> by_id;
    for (const Newcomer& n : a->findings.newcomers) by_id[a->graph.IdOf(n.node)] = n;
    ASSERT_EQ(by_id.size(), 3u) << grace;  // 2, 3 and 4
    EXPECT_EQ(by_id[2].isolated, grace == 0);
    EXPECT_EQ(by_id[2].settling_in, grace == 14);
    EXPECT_EQ(by_id[2].days_since_hire, 3);
    EXPECT_TRUE(by_id[3].isolated);
    EXPECT_FALSE(by_id[3].settling_in);
    EXPECT_FALSE(by_id[4].isolated || by_id[4].settling_in);
    EXPECT_EQ(by_id[4].contacts, 3);
    EXPECT_EQ(by_id[4].days_to_first, 2);  // the manager, 18 days ago
    EXPECT_EQ(by_id[4].days_to_third, 5);  // 5 and 6 on the same day, 15 days ago
    EXPECT_EQ(by_id[4].days_to_fifth, std::nullopt);
    // Least connected first.
    EXPECT_EQ(a->graph.IdOf(a->findings.newcomers.back().node), 4);
  }
}

// A hundred people on a ring, each answering the 12 to 17 people after them (so each is asked by
// 12 to 17: the middle half narrow, median 14 or 15); person 1001 answers 35 people spread over
// the ring, person 1002 answers 60. Tukey's far-out fence (about 25) alone lets both in; at least
// three times the median (over 42) keeps only 1002, who is sought far more widely.
TEST(ChampionsTest, WidelySoughtIsFarOutAndThreeTimesTheMedian) {
  std::vector<PersonInput> people;
  for (int64_t id = 0; id < 100; ++id) people.push_back({id, "T", 2, 0, std::nullopt, {}});
  people.push_back({1001, "T", 2, 0, std::nullopt, {}});
  people.push_back({1002, "T", 2, 0, std::nullopt, {}});
  std::vector<graph::Interaction> ties;
  auto answer = [&](int64_t who, int64_t asker) {  // asked by a mention, answered by a reply
    ties.push_back({asker, who, graph::Layer::kMention, Timestamp{}, 1.0});
    ties.push_back({who, asker, graph::Layer::kReply, Timestamp{}, 1.0});
  };
  for (int64_t i = 0; i < 100; ++i) {
    for (int64_t k = 1; k <= 12 + i % 6; ++k) answer(i, (i + k) % 100);
  }
  for (int64_t j = 0; j < 35; ++j) answer(1001, j * 100 / 35);
  for (int64_t j = 0; j < 60; ++j) answer(1002, j * 100 / 60);
  auto champions = [&](double times_median) {
    AnalysisParams params;
    params.findings.champion_times_median = times_median;
    auto a = Analyze(people, ties, params);
    EXPECT_TRUE(a.ok()) << a.status().message();
    std::vector<std::pair<int64_t, int64_t>> out;  // (person, askers)
    if (!a.ok()) return out;
    for (const Champion& c : a->findings.champions) {
      out.emplace_back(a->graph.IdOf(c.node), c.signals.askers);
    }
    return out;
  };
  using Found = std::vector<std::pair<int64_t, int64_t>>;
  EXPECT_EQ(champions(3.0), (Found{{1002, 60}}));
  EXPECT_EQ(champions(0.0), (Found{{1002, 60}, {1001, 35}}));
}

// Recognition is weighed against the help sought: 1002, asked by 60, stays a hidden champion
// thanked by one of them or by 14 (under a quarter), even when hardly anyone else is thanked at
// all (where a thank-you puts them above everyone); thanked by 15 they are recognised, not
// hidden: a visible helper. The reason says how many thanked them of how many asked. Unthanked
// but managing someone, they are a visible helper too, for that.
TEST(ChampionsTest, RecognisedWhenAQuarterOfThoseWhoAskThankThem) {
  std::vector<PersonInput> people;
  for (int64_t id = 0; id < 100; ++id) people.push_back({id, "T", 2, 0, std::nullopt, {}});
  people.push_back({1002, "T", 2, 0, std::nullopt, {}});
  std::vector<graph::Interaction> base;
  auto answer = [&](int64_t who, int64_t asker) {
    base.push_back({asker, who, graph::Layer::kMention, Timestamp{}, 1.0});
    base.push_back({who, asker, graph::Layer::kReply, Timestamp{}, 1.0});
  };
  for (int64_t i = 0; i < 100; ++i) {
    for (int64_t k = 1; k <= 12 + i % 6; ++k) answer(i, (i + k) % 100);
  }
  std::vector<int64_t> askers;
  for (int64_t j = 0; j < 60; ++j) {
    askers.push_back(j * 100 / 60);
    answer(1002, askers.back());
  }
  for (auto [thanked, champion] : {std::pair{0, true}, {1, true}, {14, true}, {15, false}}) {
    std::vector<graph::Interaction> ties = base;
    for (int j = 0; j < thanked; ++j) {
      ties.push_back(
          {askers[static_cast<size_t>(j)], 1002, graph::Layer::kKudos, Timestamp{}, 1.0});
    }
    ties.push_back({3, 4, graph::Layer::kKudos, Timestamp{}, 1.0});  // someone else thanked once
    auto a = Analyze(people, ties, {});
    ASSERT_TRUE(a.ok()) << a.status().message();
    const auto& found = a->findings.champions;
    ASSERT_EQ(found.size(), champion ? 1u : 0u) << thanked;
    const auto& seen = a->findings.visible_helpers;
    ASSERT_EQ(seen.size(), champion ? 0u : 1u) << thanked;
    if (!champion) {
      EXPECT_EQ(a->graph.IdOf(seen[0].node), 1002);
      EXPECT_EQ(seen[0].reasons.back(),
                "seen by the structure: kudos from 15 of the 60 people who asked them");
      EXPECT_EQ(seen[0].reasons.front().rfind("asked for help by 60 people", 0), 0u)
          << seen[0].reasons.front();
      continue;
    }
    EXPECT_EQ(a->graph.IdOf(found[0].node), 1002);
    EXPECT_EQ(found[0].signals.recognition, thanked);
    EXPECT_NE(found[0].reasons.back().find("kudos from " + std::to_string(thanked) +
                                           " of the 60 people who asked them"),
              std::string::npos)
        << found[0].reasons.back();
  }
  people[0].manager_id = 1002;  // person 0 reports to them
  auto managing = Analyze(people, base, {});
  ASSERT_TRUE(managing.ok()) << managing.status().message();
  EXPECT_TRUE(managing->findings.champions.empty());
  ASSERT_EQ(managing->findings.visible_helpers.size(), 1u);
  EXPECT_EQ(managing->findings.visible_helpers[0].reasons.back(),
            "seen by the structure: manages people");
}

}  // namespace
}  // namespace pl::network
