// Person metrics and communities on email-Eu-core against the peers' values in
// ../shared/data/snap-email-eu-core/peer_reference_without_self_loops (NetworkX 2.8.8 and
// igraph 0.10.2 on the graph without its 642 self-loops, as peerlearn's graph is built).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "network/groups.h"
#include "network/metrics.h"

namespace pl::network {
namespace {

const std::filesystem::path kDir = "../shared/data/snap-email-eu-core";

struct Data {
  graph::Graph g;
  std::vector<std::map<std::string, std::string>> rows;  // by node id
  std::vector<int32_t> departments;
};

// Reads the CSV once for all tests.
const Data* Load() {
  static Data* data = []() -> Data* {
    if (!std::filesystem::exists(kDir)) return nullptr;
    auto* d = new Data;
    std::ifstream in(kDir / "email-Eu-core.txt");
    std::vector<graph::Interaction> xs;
    for (int64_t a, b; in >> a >> b;) xs.push_back({a, b, graph::Layer::kReply, Timestamp(), 1});
    graph::BuildParams p;
    for (int64_t i = 0; i < 1005; ++i) p.extra_nodes.push_back(i);
    d->g = graph::Build(xs, p);
    std::ifstream csv(kDir / "peer_reference_without_self_loops/node_metrics.csv");
    std::string line;
    auto chomp = [](std::string& l) {
      if (!l.empty() && l.back() == '\r') l.pop_back();
    };
    std::getline(csv, line);
    chomp(line);
    std::vector<std::string> header;
    std::stringstream hs(line);
    for (std::string f; std::getline(hs, f, ',');) header.push_back(f);
    d->rows.resize(1005);
    while (std::getline(csv, line)) {
      chomp(line);
      std::stringstream ls(line);
      std::map<std::string, std::string> row;
      size_t c = 0;
      for (std::string f; c < header.size() && std::getline(ls, f, ','); ++c) row[header[c]] = f;
      d->rows[std::stoi(row["node"])] = std::move(row);
    }
    std::ifstream labels(kDir / "email-Eu-core-department-labels.txt");
    d->departments.resize(1005);
    for (int64_t node, dept; labels >> node >> dept;)
      d->departments[node] = static_cast<int32_t>(dept);
    return d;
  }();
  return data;
}

#define NEED_DATA()       \
  const Data* d = Load(); \
  if (!d) GTEST_SKIP() << kDir << " is absent (a fresh clone without shared/data)"

TEST(EmailEuCoreMetricsTest, PersonMetricsMatchIgraphAndNetworkX) {
  NEED_DATA();
  ASSERT_EQ(d->g.num_nodes(), 1005u);
  auto m = ComputePersonMetrics(d->g, {});
  ASSERT_TRUE(m.ok()) << m.status().message();
  int effective_checked = 0;
  for (uint32_t v = 0; v < 1005; ++v) {
    const auto& row = d->rows[d->g.IdOf(v)];
    SCOPED_TRACE("node " + row.at("node"));
    EXPECT_EQ(m->in_degree[v], std::stoul(row.at("in_degree")));
    EXPECT_EQ(m->out_degree[v], std::stoul(row.at("out_degree")));
    EXPECT_NEAR(m->pagerank[v], std::stod(row.at("pagerank_igraph")), 1e-9);
    EXPECT_NEAR(m->betweenness[v], std::stod(row.at("betweenness_igraph")), 1e-6);
    // igraph writes nan where a value is undefined (a person without ties): so must we.
    for (auto [ours, column] : {std::pair{m->constraint[v], "constraint_igraph"},
                                std::pair{m->closeness[v], "closeness_undirected_igraph"}}) {
      if (row.at(column) == "nan") {
        EXPECT_TRUE(std::isnan(ours)) << column;
      } else {
        EXPECT_NEAR(ours, std::stod(row.at(column)), 1e-9) << column;
      }
    }
    // NetworkX's effective size was computed for 41 nodes ("" elsewhere); 9 of them have no
    // ties, where it is undefined ("nan").
    if (const std::string& es = row.at("effective_size_nx"); !es.empty()) {
      if (es == "nan") {
        // NetworkX leaves it undefined for a node without out-ties (it tests len(G[v]) == 0,
        // the successors); peerlearn defines it for anyone with ties in either direction.
        EXPECT_EQ(m->out_degree[v], 0u);
        EXPECT_EQ(std::isnan(m->effective_size[v]), m->in_degree[v] == 0);
      } else {
        EXPECT_NEAR(m->effective_size[v], std::stod(es), 1e-9);
      }
      ++effective_checked;
    }
  }
  EXPECT_EQ(effective_checked, 41);  // the nodes NetworkX computed (SOURCE.txt)
}

TEST(EmailEuCoreMetricsTest, SampledBetweennessStaysWithinItsStatedError) {
  NEED_DATA();
  auto exact = ComputePersonMetrics(d->g, {});
  ASSERT_TRUE(exact.ok());
  auto s = SampleBetweenness(d->g, 256, 7, 0.01);
  ASSERT_TRUE(s.ok()) << s.status().message();
  const double n = 1005, norm = (n - 1) * (n - 2);
  double worst = 0;
  for (size_t v = 0; v < 1005; ++v) {
    worst = std::max(worst, std::abs(s->values[v] - exact->betweenness[v]) / norm);
  }
  EXPECT_NEAR(s->epsilon, std::sqrt(std::log(2 * n / 0.01) / 512), 1e-12);
  EXPECT_LT(worst, s->epsilon);
  EXPECT_GT(worst, 0);  // it is an estimate: 256 of 1005 sources
  std::cout << "sampled betweenness (256 sources): max normalised error " << worst
            << ", stated bound " << s->epsilon << "\n";
}

TEST(EmailEuCoreMetricsTest, ModularityNmiAndLeidenAgainstThePeers) {
  NEED_DATA();
  std::vector<int32_t> dept(1005), leiden_best(1005);
  for (uint32_t v = 0; v < 1005; ++v) {
    dept[v] = d->departments[d->g.IdOf(v)];
    leiden_best[v] = std::stoi(d->rows[d->g.IdOf(v)].at("community_igraph_leiden_best"));
  }
  // The peers' partitions scored by our modularity and NMI. The peers' modularity counts each
  // direction of a tie once (python-igraph: as_undirected(mode="each") without the self-loops
  // gives 0.298956; the collapsed simple graph would give 0.288013).
  auto qd = Modularity(d->g, dept, /*weighted=*/false);
  ASSERT_TRUE(qd.ok());
  EXPECT_NEAR(*qd, 0.2989558226143666, 1e-9);
  auto ql = Modularity(d->g, leiden_best, false);
  EXPECT_NEAR(*ql, 0.42821329934308155, 1e-9);
  auto nmi = NormalizedMutualInformation(leiden_best, dept);
  ASSERT_TRUE(nmi.ok());
  EXPECT_NEAR(*nmi, 0.5945244298924679, 1e-9);

  // Our Leiden over ten seeds: median modularity within 0.005 of igraph's best of ten.
  std::vector<double> qs, nmis;
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    auto c = FindCommunities(d->g, {.seed = seed, .weighted = false});
    ASSERT_TRUE(c.ok()) << c.status().message();
    qs.push_back(c->modularity);
    nmis.push_back(*NormalizedMutualInformation(c->membership, dept));
  }
  std::sort(qs.begin(), qs.end());
  std::sort(nmis.begin(), nmis.end());
  const double median_q = (qs[4] + qs[5]) / 2, median_nmi = (nmis[4] + nmis[5]) / 2;
  std::cout << "Leiden on email-Eu-core, 10 seeds: median modularity " << median_q << " (best "
            << qs.back() << "); median NMI vs departments " << median_nmi
            << " (igraph's best Leiden: 0.5945)\n";
  EXPECT_GT(median_q, 0.42821329934308155 - 0.005);
  EXPECT_GT(median_nmi, 0.5);
}

}  // namespace
}  // namespace pl::network
