#include "demo/demo.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <unordered_map>

#include "ingest/roster.h"

namespace pl::demo {
namespace {

Params P(int n, uint64_t seed) { return {n, seed, *ParseDate("2026-11-01")}; }

TEST(DemoTest, SameSeedSameOrganisationDifferentSeedDifferent) {
  auto a = Generate(P(400, 7)), b = Generate(P(400, 7)), c = Generate(P(400, 8));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(ingest::WriteRosterCsv(a->people), ingest::WriteRosterCsv(b->people));
  EXPECT_EQ(TruthJson(*a), TruthJson(*b));
  EXPECT_NE(ingest::WriteRosterCsv(a->people), ingest::WriteRosterCsv(c->people));
}

TEST(DemoTest, ExactHeadcountAValidRosterAndOneRoot) {
  for (int n : {25, 100, 401, 5000}) {
    auto org = Generate(P(n, 1));
    ASSERT_TRUE(org.ok());
    EXPECT_EQ(static_cast<int>(org->people.size()), n);
    // It passes the roster importer's validation: unique ids, known managers, no cycles.
    auto plan = ingest::PlanRoster(ingest::WriteRosterCsv(org->people), {}, {});
    EXPECT_FALSE(plan.has_errors) << n << ": "
                                  << (plan.issues.empty() ? "" : plan.issues[0].message);
    int roots = 0;
    for (auto& p : org->people) roots += p.manager_external_id.empty();
    EXPECT_EQ(roots, 1);
  }
}

TEST(DemoTest, BelievableShape) {
  auto org = Generate(P(2000, 3));
  ASSERT_TRUE(org.ok());
  std::unordered_map<std::string, int> reports;
  std::set<std::string> departments, timezones;
  for (auto& p : org->people) {
    if (!p.manager_external_id.empty()) reports[p.manager_external_id]++;
    departments.insert(p.team_path.substr(0, p.team_path.find('/')));
    timezones.insert(p.timezone);
    EXPECT_GE(p.skills.size(), p.level >= 9 ? 0u : 2u);
  }
  int max_span = 0;
  for (auto& [_, n] : reports) max_span = std::max(max_span, n);
  EXPECT_LE(max_span, 12) << "no manager has an unmanageable span";
  EXPECT_GE(departments.size(), 10u);
  EXPECT_GE(timezones.size(), 8u);
  // Recent hires exist and are ~8% of ICs.
  EXPECT_GT(org->truth.recent_hires.size(), 60u);
  EXPECT_LT(org->truth.recent_hires.size(), 250u);
  EXPECT_FALSE(org->truth.hidden_champions.empty());
  EXPECT_FALSE(org->truth.silo_teams.empty());
}

TEST(DemoTest, PlantedChampionsAreJuniorExperts) {
  auto org = Generate(P(3000, 11));
  ASSERT_TRUE(org.ok());
  std::unordered_map<std::string, const store::RosterRecord*> by_id;
  for (auto& p : org->people) by_id[p.external_id] = &p;
  for (auto& id : org->truth.hidden_champions) {
    const auto* p = by_id.at(id);
    EXPECT_LE(p->level, 3);
    int experts = 0;
    for (auto& s : p->skills) experts += s.level == 4;
    EXPECT_GE(experts, 2) << id;
  }
  for (auto& id : org->truth.recent_hires) {
    EXPECT_GT(*by_id.at(id)->hire_date, *ParseDate("2026-11-01") - std::chrono::days(91));
  }
}

// The planted truth never contradicts itself: no silo team holds a hidden champion or a broker
// (both work beyond their team), and no broker is planted as an isolated newcomer. Several seeds
// and sizes, so that the draws put some of each in the same teams.
TEST(DemoTest, PlantedTruthIsConsistent) {
  for (const auto& [people, seed] : {std::pair{300, 42}, {3000, 42}, {3000, 7}, {1000, 3}}) {
    auto org = Generate(P(people, seed));
    ASSERT_TRUE(org.ok());
    std::unordered_map<std::string, const store::RosterRecord*> by_id;
    for (auto& p : org->people) by_id[p.external_id] = &p;
    const auto& t = org->truth;
    const std::set<std::string> silos(t.silo_teams.begin(), t.silo_teams.end());
    const std::set<std::string> isolated(t.isolated_newcomers.begin(), t.isolated_newcomers.end());
    ASSERT_FALSE(t.brokers.empty()) << people << "/" << seed;
    auto dept = [](const std::string& path) { return path.substr(0, path.find('/')); };
    std::map<std::string, int> dept_size;  // outside silo teams
    for (const auto& p : org->people) dept_size[dept(p.team_path)] += !silos.count(p.team_path);
    EXPECT_EQ(t.broker_partner_dept.size(), t.brokers.size());
    for (const auto& id : t.brokers) {
      EXPECT_FALSE(silos.count(by_id.at(id)->team_path)) << id << " in " << people << "/" << seed;
      EXPECT_FALSE(isolated.count(id)) << id << " in " << people << "/" << seed;
      // Working with another department of several people who answer beyond their team (the
      // chief executive's "Executive" is a department of one: a broker planted there bridged to
      // nobody).
      ASSERT_TRUE(t.broker_partner_dept.count(id)) << id;
      const std::string& partner = t.broker_partner_dept.at(id);
      EXPECT_NE(partner, dept(by_id.at(id)->team_path)) << id;
      EXPECT_GE(dept_size[partner], kBrokerPartnerDeptMin) << id << " with " << partner;
    }
    for (const auto& id : t.hidden_champions) {
      EXPECT_FALSE(silos.count(by_id.at(id)->team_path)) << id << " in " << people << "/" << seed;
    }
    // Recognised helpers: at the champions' level, long hired, outside silo teams, planted as
    // nothing else; about one for every four champions.
    ASSERT_FALSE(t.recognised_helpers.empty()) << people << "/" << seed;
    std::set<std::string> others(t.hidden_champions.begin(), t.hidden_champions.end());
    others.insert(t.brokers.begin(), t.brokers.end());
    others.insert(t.recent_hires.begin(), t.recent_hires.end());
    for (const auto& id : t.recognised_helpers) {
      const auto* p = by_id.at(id);
      EXPECT_TRUE(p->level >= 2 && p->level <= 3) << id;
      EXPECT_FALSE(silos.count(p->team_path)) << id;
      EXPECT_FALSE(others.count(id)) << id << " is planted as something else too";
      EXPECT_TRUE(!p->hire_date || *p->hire_date <= P(people, seed).today - std::chrono::days(365))
          << id;
    }
    EXPECT_LE(t.recognised_helpers.size(), std::max<size_t>(1, t.hidden_champions.size() / 2))
        << people << "/" << seed;
  }
}

// The three log-ins: the admin leads Learning & Development; the manager leads an Engineering
// team with a planted newcomer not yet connected (their Newcomers page has someone to show);
// the employee reports to them and is not new.
TEST(DemoTest, DemoLoginsFormAReportingLine) {
  for (auto [people, seed] : {std::pair{150, 7}, {300, 42}, {1000, 1}, {3000, 1}}) {
    auto org = Generate(P(people, seed));
    ASSERT_TRUE(org.ok());
    std::unordered_map<std::string, const store::RosterRecord*> by_id;
    for (auto& p : org->people) by_id[p.external_id] = &p;
    const auto* employee = by_id.at(org->employee_external_id);
    EXPECT_EQ(employee->manager_external_id, org->manager_external_id) << people;
    EXPECT_TRUE(!employee->hire_date ||
                *employee->hire_date <= P(people, seed).today - std::chrono::days(90))
        << people;
    EXPECT_EQ(by_id.at(org->admin_external_id)->title, "Head of Learning & Development");
    EXPECT_TRUE(by_id.at(org->manager_external_id)->team_path.starts_with("Engineering/"));
    int isolated = 0;
    for (const auto& id : org->truth.isolated_newcomers) {
      isolated += by_id.at(id)->manager_external_id == org->manager_external_id;
    }
    EXPECT_GE(isolated, 1) << people << "/" << seed;
  }
}

TEST(DemoTest, ScalesToOneHundredThousand) {
  auto org = Generate(P(100000, 5));
  ASSERT_TRUE(org.ok());
  EXPECT_EQ(org->people.size(), 100000u);
  auto plan = ingest::PlanRoster(ingest::WriteRosterCsv(org->people), {}, {});
  EXPECT_FALSE(plan.has_errors);
}

TEST(DemoTest, RejectsSillySizes) {
  EXPECT_EQ(Generate(P(3, 1)).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace pl::demo
