// Every case runs on SQLite and on PostgreSQL: roster and interactions in, a stored snapshot out.
#include "analytics/network_job.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <thread>

#include "ingest/interactions.h"
#include "ingest/roster.h"
#include "testing/test_backends.h"

namespace pl::analytics {
namespace {

constexpr const char* kRoster =
    "employee_id,name,email,title,level,department,team,manager_employee_id,hire_date\n"
    "E1,Ada,ada@x.org,Head,7,Eng,,,2019-01-07\n"
    "E2,Bo,bo@x.org,Engineer,3,Eng,Core,E1,2020-01-01\n"
    "E3,Cy,cy@x.org,Engineer,3,Eng,Core,E1,2020-01-01\n"
    "E4,Di,di@x.org,Engineer,3,Eng,Core,E1,2020-01-01\n"
    "E5,Ed,ed@x.org,Analyst,2,Eng,Data,E1,2026-10-01\n"
    "E6,Fi,fi@x.org,Analyst,2,Eng,Data,E1,2020-01-01\n";

// E2 is asked by E3, E4, E5 (replies to E2); E6 nominates E2 (weight 1, layer weight 3 below);
// one old reply E6 → E5 falls outside a 90-day window.
constexpr const char* kInteractions =
    "source,target,timestamp,layer,weight,context\n"
    "E3,E2,2026-11-02T10:00:00Z,reply,2,c1\n"
    "E4,E2,2026-11-03T10:00:00Z,reply,1,c1\n"
    "E5,E2,2026-11-04T10:00:00Z,mention,1,c2\n"
    "E2,E3,2026-11-05T10:00:00Z,reply,1,c1\n"
    "E6,E2,2026-11-06,nomination,1,wave-1\n"
    "E6,E5,2025-01-01T10:00:00Z,reply,1,c9\n";

class NetworkJobTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto s = pl::testing::FreshStore(GetParam(), &url_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  void Load() {
    auto r = ingest::ImportRoster(*store_, kRoster, {});
    ASSERT_TRUE(r.ok() && !r->rejected);
    auto x = ingest::ImportInteractions(*store_, kInteractions, {});
    ASSERT_TRUE(x.ok() && !x->rejected);
    ids_ = *store_->PersonIdsByExternalId();
  }
  int64_t Id(const char* ext) { return ids_.at(ext).value; }
  const network::SnapshotPerson& Person(const network::Snapshot& s, const char* ext) {
    for (const auto& p : s.people) {
      if (p.id == Id(ext)) return p;
    }
    throw std::runtime_error("missing");
  }

  ManualClock clock_{*ParseTimestamp("2026-11-20T12:00:00Z")};
  std::string url_;
  std::unique_ptr<store::Store> store_;
  std::unordered_map<std::string, PersonId> ids_;
};

TEST_P(NetworkJobTest, AnalysesTheWindowAndStoresTheSnapshot) {
  Load();
  NetworkJobOptions o;
  o.params.build.window = graph::LastDays(clock_.Now(), 90);
  ASSERT_TRUE(ParseLayerWeights("nomination=3, reply=1", o.params).ok());
  auto r = RunNetworkJob(*store_, o, clock_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const network::Snapshot& s = r->snapshot;
  EXPECT_EQ(r->interactions, 5);  // the 2025 reply is outside the window
  EXPECT_GT(s.id, 0);
  EXPECT_EQ(s.summary.at("people"), 6);
  EXPECT_EQ(s.summary.at("ties"), 5);              // E3→E2, E4→E2, E5→E2, E2→E3, E6→E2
  EXPECT_EQ(s.summary.at("people_with_ties"), 5);  // all but E1
  EXPECT_EQ(Person(s, "E2").in_degree, 4u);
  EXPECT_EQ(Person(s, "E2").out_degree, 1u);
  EXPECT_DOUBLE_EQ(Person(s, "E2").in_strength, 2 + 1 + 1 + 3);  // nomination weighs 3
  EXPECT_EQ(Person(s, "E5").team, "Eng/Data");
  EXPECT_EQ(Person(s, "E5").in_degree, 0u);  // E6 → E5 was too old
  // Ties (undirected): Core–Core E2-E3, E2-E4; Data–Core E5-E2, E6-E2: half cross teams.
  EXPECT_DOUBLE_EQ(s.summary.at("cross_team_tie_share").get<double>(), 0.5);
  // E5 joined on 2026-10-01: a newcomer with one contact (E2) on day 34.
  bool found = false;
  for (const auto& n : s.findings.at("newcomers")) {
    if (n.at("person") == Id("E5")) {
      found = true;
      EXPECT_EQ(n.at("contacts"), 1);
      EXPECT_EQ(n.at("days_to_first"), 34);
      EXPECT_TRUE(n.at("days_to_third").is_null());
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(s.params.at("layer_weights").at("nomination"), 3.0);

  auto loaded = store_->LoadSnapshot(s.id);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->summary, s.summary);
  EXPECT_EQ(loaded->findings, s.findings);
  ASSERT_EQ(loaded->people.size(), s.people.size());
  for (size_t i = 0; i < s.people.size(); ++i) {
    EXPECT_EQ(loaded->people[i].pagerank, s.people[i].pagerank);
    EXPECT_EQ(loaded->people[i].x, s.people[i].x);
  }
  EXPECT_EQ(loaded->edges.size(), 5u);

  // A dry run analyses and stores nothing.
  o.dry_run = true;
  auto dry = RunNetworkJob(*store_, o, clock_);
  ASSERT_TRUE(dry.ok());
  EXPECT_EQ(dry->snapshot.id, 0);
  EXPECT_EQ(store_->ListSnapshots()->size(), 1u);
}

TEST_P(NetworkJobTest, SnapshotsCompare) {
  Load();
  NetworkJobOptions o;
  auto before = RunNetworkJob(*store_, o, clock_);
  ASSERT_TRUE(before.ok());
  // Later, E1 starts answering E5 and E6.
  ASSERT_TRUE(ingest::ImportInteractions(*store_,
                                         "source,target,timestamp\n"
                                         "E5,E1,2026-11-21T09:00:00Z\n"
                                         "E6,E1,2026-11-21T09:05:00Z\n",
                                         {})
                  .ok());
  clock_.Advance(std::chrono::hours(48));
  auto after = RunNetworkJob(*store_, o, clock_);
  ASSERT_TRUE(after.ok());
  auto d = network::DiffSnapshots(before->snapshot, after->snapshot);
  EXPECT_EQ(d.at("summary").at("ties").at("before"), 6);
  EXPECT_EQ(d.at("summary").at("ties").at("after"), 8);
  EXPECT_EQ(d.at("summary").at("ties").at("change"), 2.0);
  ASSERT_FALSE(d.at("people").empty());
  EXPECT_EQ(d.at("people")[0].at("person"), Id("E1"));
  EXPECT_EQ(d.at("people")[0].at("in_degree_change"), 2);
  EXPECT_EQ(d.at("from").at("id"), before->snapshot.id);
  // E2 is the only path between E3, E4 and everyone else, before and after.
  EXPECT_EQ(d.at("single_points"), nlohmann::json({{"added", nlohmann::json::array()},
                                                   {"removed", nlohmann::json::array()},
                                                   {"kept", {Id("E2")}}}));
}

TEST_P(NetworkJobTest, LargeNetworksSampleBetweennessLeaveOutClosenessAndSayWhat) {
  Load();
  NetworkJobOptions o;
  o.params.exact_max_people = 3;  // as if 6 people were too many for the all-pairs metrics
  o.params.betweenness_sources = 6;
  // Above the count of people, betweenness stays exact while people × ties is within the budget.
  auto r = RunNetworkJob(*store_, o, clock_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->snapshot.summary.at("betweenness_method"), "exact");
  const auto ties = r->snapshot.summary.at("ties").get<int64_t>();
  ASSERT_GT(ties, 0);
  o.params.exact_max_work = 6.0 * static_cast<double>(ties);
  r = RunNetworkJob(*store_, o, clock_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->snapshot.summary.at("betweenness_method"), "exact");
  o.params.exact_max_work = 6.0 * static_cast<double>(ties) - 1;
  r = RunNetworkJob(*store_, o, clock_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& s = r->snapshot;
  EXPECT_EQ(s.summary.at("betweenness_method"), "sampled from 6 sources");
  // Every source sampled: the estimate is exact. Only E2 relays: E4, E5 and E6 reach E3 through
  // E2 (E4 → E2 → E3, E5 → E2 → E3, E6 → E2 → E3).
  EXPECT_DOUBLE_EQ(Person(s, "E2").betweenness, 3.0);
  // Closeness has a limit of its own, far higher: still exact here. E2 is one step from its
  // four partners; E1 has no ties; harmonic closeness is divided by the other five people.
  EXPECT_TRUE(s.summary.at("closeness_computed").get<bool>());
  EXPECT_DOUBLE_EQ(Person(s, "E2").harmonic, 4.0 / 5.0);
  EXPECT_DOUBLE_EQ(Person(s, "E3").harmonic, (1.0 + 3 * 0.5) / 5.0);
  auto loaded = store_->LoadSnapshot(s.id);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->people[1].betweenness, s.people[1].betweenness);

  o.params.closeness_max_people = 5;  // above it, closeness is left out and the summary says so
  r = RunNetworkJob(*store_, o, clock_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->snapshot.summary.at("closeness_computed").get<bool>());
  EXPECT_TRUE(std::isnan(Person(r->snapshot, "E2").harmonic));
  loaded = store_->LoadSnapshot(r->snapshot.id);
  ASSERT_TRUE(loaded.ok());
  EXPECT_TRUE(std::isnan(loaded->people[1].closeness));
  EXPECT_DOUBLE_EQ(Person(r->snapshot, "E2").betweenness, 3.0);
}

// With tie strengths the limits are the weighted ones (a Dijkstra search per person), and the
// sampled betweenness follows the tie lengths: the unweighted limits alone decide nothing.
TEST_P(NetworkJobTest, WeightedAnalysesHaveLimitsOfTheirOwn) {
  Load();
  NetworkJobOptions o;
  o.params.metrics.weighted = true;
  o.params.weighted_exact_max_people = 3;
  o.params.weighted_exact_max_work = 0;  // nor within a budget of people × ties
  o.params.weighted_closeness_max_people = 5;
  o.params.betweenness_sources = 6;
  auto r = RunNetworkJob(*store_, o, clock_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->snapshot.summary.at("betweenness_method"), "sampled from 6 sources");
  EXPECT_DOUBLE_EQ(Person(r->snapshot, "E2").betweenness, 3.0);
  EXPECT_FALSE(r->snapshot.summary.at("closeness_computed").get<bool>());
  o.params.metrics.weighted = false;  // the same limits do not apply unweighted
  r = RunNetworkJob(*store_, o, clock_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->snapshot.summary.at("betweenness_method"), "exact");
  EXPECT_TRUE(r->snapshot.summary.at("closeness_computed").get<bool>());
}

TEST_P(NetworkJobTest, RefusesWhatItCannotDo) {
  NetworkJobOptions o;
  auto empty = RunNetworkJob(*store_, o, clock_);
  EXPECT_EQ(empty.status().code(), StatusCode::kFailedPrecondition);
  o.params.build.half_life = std::chrono::days(30);
  EXPECT_EQ(RunNetworkJob(*store_, o, clock_).status().code(), StatusCode::kInvalidArgument);
  network::AnalysisParams p;
  EXPECT_NE(ParseLayerWeights("chat=2", p).message().find("unknown layer 'chat'"),
            std::string::npos);
  EXPECT_NE(ParseLayerWeights("reply=-1", p).message().find("at least 0"), std::string::npos);
  EXPECT_NE(ParseLayerWeights("reply", p).message().find("LAYER=WEIGHT"), std::string::npos);
  EXPECT_EQ(store_->ListSnapshots()->size(), 0u);
  EXPECT_FALSE(store_->LatestSnapshotId()->has_value());
}

// The server's own analysis: at once where nothing was analysed, then only once the newest
// snapshot (whoever took it) is `every` old; over the last `days` days; audited as done by
// nobody. Nothing is stored without a roster or without an interaction in the window.
TEST_P(NetworkJobTest, ScheduledAnalysesRunWhenTheNewestSnapshotIsOld) {
  const ScheduledAnalysis weekly{std::chrono::hours(168), 90};
  auto none = RunScheduledAnalysis(*store_, weekly, clock_);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());  // nobody to analyse
  auto roster = ingest::ImportRoster(*store_, kRoster, {});
  ASSERT_TRUE(roster.ok() && !roster->rejected);
  EXPECT_FALSE(RunScheduledAnalysis(*store_, weekly, clock_)->has_value());  // no interaction
  EXPECT_TRUE(store_->ListSnapshots()->empty());
  Load();

  auto first = RunScheduledAnalysis(*store_, weekly, clock_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(first->has_value());
  EXPECT_GT((*first)->job.snapshot.id, 0);
  EXPECT_EQ((*first)->job.interactions, 5);  // the reply of 2025 is outside the last 90 days
  auto log = store_->ListAudit(1);
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->front().action, "network.analyze");
  EXPECT_EQ(log->front().target, "snapshot:" + std::to_string((*first)->job.snapshot.id));
  EXPECT_FALSE(log->front().user_id.valid());
  EXPECT_EQ(log->front().detail, "scheduled every 168 hours, the last 90 days");
  EXPECT_EQ(store_->LoadSnapshot((*first)->job.snapshot.id)->summary.value("scheduled", false),
            true);

  clock_.Advance(std::chrono::hours(167));
  EXPECT_FALSE(RunScheduledAnalysis(*store_, weekly, clock_)->has_value());
  // An admin's analysis restarts the wait.
  NetworkJobOptions o;
  auto asked = RunNetworkJob(*store_, o, clock_);
  ASSERT_TRUE(asked.ok());
  EXPECT_FALSE(asked->snapshot.summary.contains("scheduled"));
  clock_.Advance(std::chrono::hours(2));
  EXPECT_FALSE(RunScheduledAnalysis(*store_, weekly, clock_)->has_value());
  EXPECT_EQ(store_->ListSnapshots()->size(), 2u);
  clock_.Advance(std::chrono::hours(166));
  auto again = RunScheduledAnalysis(*store_, {std::chrono::hours(168), 0}, clock_);
  ASSERT_TRUE(again.ok() && again->has_value());
  EXPECT_EQ((*again)->job.interactions, 6);  // every interaction
  EXPECT_TRUE((*again)->deleted.empty());
  EXPECT_EQ(store_->ListSnapshots()->size(), 3u);
  // A window with no interaction in it: nothing stored.
  clock_.Advance(std::chrono::days(400));
  EXPECT_FALSE(RunScheduledAnalysis(*store_, weekly, clock_)->has_value());
  EXPECT_EQ(store_->ListSnapshots()->size(), 3u);
  // Keeping the newest two: the new one and the one before; the two oldest go, audited.
  auto kept = RunScheduledAnalysis(*store_, {std::chrono::hours(168), 0, 2}, clock_);
  ASSERT_TRUE(kept.ok() && kept->has_value()) << kept.status().ToString();
  const int64_t newest = (*kept)->job.snapshot.id, oldest = (*first)->job.snapshot.id;
  EXPECT_EQ((*kept)->deleted, (std::vector<int64_t>{oldest + 1, oldest}));
  auto left = store_->ListSnapshots();
  ASSERT_EQ(left->size(), 2u);
  EXPECT_EQ(left->front().id, newest);
  EXPECT_EQ(left->back().id, (*again)->job.snapshot.id);
  auto deletions = store_->ListAudit({.action_prefix = "network.snapshot.delete"});
  ASSERT_EQ(deletions->size(), 2u);
  EXPECT_EQ(deletions->back().detail, "scheduled: the newest 2 kept");
  EXPECT_FALSE(store_->SnapshotExists(oldest).value());
}

// Several servers on one database: a due analysis claimed by another server is left to it; of
// servers looking at once, one analyses and the others find the job held, then the snapshot
// fresh.
TEST_P(NetworkJobTest, OneServerOfSeveralRunsTheScheduledAnalysis) {
  Load();
  ScheduledAnalysis weekly{std::chrono::hours(168), 90};
  weekly.server = "web-1";
  const Timestamp now = clock_.Now();
  ASSERT_TRUE(*store_->ClaimJob("network.analyze", "web-2", now, now + std::chrono::hours(6)));
  auto held = RunScheduledAnalysis(*store_, weekly, clock_);
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  EXPECT_FALSE(held->has_value());
  EXPECT_TRUE(store_->ListSnapshots()->empty());
  clock_.Advance(std::chrono::hours(6));  // web-2 stopped without giving it back: its lease is up
  auto ran = RunScheduledAnalysis(*store_, weekly, clock_);
  ASSERT_TRUE(ran.ok() && ran->has_value()) << ran.status().ToString();
  // Given back when done: anybody may claim it at once.
  EXPECT_TRUE(*store_->ClaimJob("network.analyze", "web-3", clock_.Now(), clock_.Now()));

  clock_.Advance(std::chrono::hours(200));
  constexpr int kServers = 4;
  std::vector<std::unique_ptr<store::Store>> servers;
  for (int i = 0; i < kServers; ++i) {
    auto s = store::Open(url_, {.pool_size = 2});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    servers.push_back(std::move(s).value());
  }
  std::atomic<int> analysed = 0, failed = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < kServers; ++i) {
    threads.emplace_back([&, i] {
      ScheduledAnalysis mine = weekly;
      mine.server = "web-" + std::to_string(10 + i);
      auto r = RunScheduledAnalysis(*servers[i], mine, clock_);
      if (!r.ok()) {
        ++failed;
      } else if (r->has_value()) {
        ++analysed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(analysed.load(), 1);
  EXPECT_EQ(store_->ListSnapshots()->size(), 2u);
  EXPECT_EQ(store_->ListAudit({.action_prefix = "network.analyze"})->size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, NetworkJobTest, ::testing::ValuesIn(pl::testing::Backends()),
                         pl::testing::BackendName());

}  // namespace
}  // namespace pl::analytics
