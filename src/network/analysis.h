// The whole knowledge-network analysis in one call: the graph from interactions (everyone in the
// roster included, tied or not), person metrics, communities, team metrics and findings.
//
//   ASSIGN_OR_RETURN(Analysis a, Analyze(people, interactions, params));
//   for (const auto& c : a.findings.champions) ... a.graph.IdOf(c.node) ...
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "graph/graph.h"
#include "network/findings.h"
#include "network/groups.h"
#include "network/metrics.h"

namespace pl::network {

struct PersonInput {
  int64_t id = 0;
  std::string team;  // team path; "" for none
  int level = 0;
  int64_t manager_id = 0;  // 0: none
  std::optional<Date> hire_date;
  std::vector<std::pair<std::string, int>> skills;  // (name, level 0..4)
};

struct AnalysisParams {
  // Above this many people betweenness is not computed exactly (unless the ties are few: below)
  // but sampled from `betweenness_sources` sources, with its error bound stated.
  size_t exact_max_people = 20000;
  int betweenness_sources = 512;
  // Closeness and harmonic closeness are exact up to this many people, and left out (NaN)
  // above. They run 64 breadth-first searches at a time: 11.5 s on two cores for 100,000
  // people and a million ties (bench/RESULTS.md).
  size_t closeness_max_people = 200000;
  // The same limits when tie strengths are used (MetricsParams::weighted): shortest paths then
  // take a Dijkstra search per person, not a bit in a breadth-first one — the demo's 3,000
  // people and 112,594 ties analyse in 2.8–3.0 s weighted against 0.9 s unweighted on two
  // cores (bench/RESULTS.md), and the cost grows with people × ties.
  size_t weighted_exact_max_people = 5000;
  size_t weighted_closeness_max_people = 20000;
  // Above those many people betweenness is still exact while people × ties stays within this:
  // a sparse network costs what its ties do (email-Enron, 36,692 people and 367,662 ties, 1.35e10:
  // 18 s for exact betweenness and closeness on two cores; the as-22july06 Internet graph, 22,963
  // and 96,872, would be sampled by the count of people alone). Weighted: a Dijkstra search per
  // person costs about six times a breadth-first one.
  double exact_max_work = 1.5e10;
  double weighted_exact_max_work = 2.5e9;

  size_t ExactMaxPeople() const {
    return metrics.weighted ? weighted_exact_max_people : exact_max_people;
  }
  double ExactMaxWork() const {
    return metrics.weighted ? weighted_exact_max_work : exact_max_work;
  }
  // Whether betweenness is computed exactly for `people` people and `ties` ties (directed).
  bool BetweennessExact(size_t people, size_t ties) const {
    return people <= ExactMaxPeople() ||
           static_cast<double>(people) * static_cast<double>(ties) <= ExactMaxWork();
  }
  size_t ClosenessMaxPeople() const {
    return metrics.weighted ? weighted_closeness_max_people : closeness_max_people;
  }
  // Betweenness and closeness exact however large the network (`--exact`).
  void AlwaysExact() {
    exact_max_people = weighted_exact_max_people = SIZE_MAX;
    exact_max_work = weighted_exact_max_work = std::numeric_limits<double>::infinity();
    closeness_max_people = weighted_closeness_max_people = SIZE_MAX;
  }
  // Betweenness estimated from this many sampled sources however small (`--sample N`).
  void AlwaysSampled(int sources) {
    exact_max_people = weighted_exact_max_people = 0;
    exact_max_work = weighted_exact_max_work = 0;
    betweenness_sources = sources;
  }
  graph::BuildParams build;
  MetricsParams metrics;
  CommunityParams communities;
  FindingsParams findings;
};

// Person metrics within `params`' limits: betweenness estimated from `betweenness_sources`
// sampled sources above ExactMaxPeople(), closeness and harmonic closeness left out (NaN) above
// ClosenessMaxPeople(); what was done is said. (`peerlearn analyze` and `peerlearn network`.)
struct BoundedMetrics {
  PersonMetrics metrics;
  // "exact", or sampled with the bound: |estimate - exact| / ((n-1)(n-2)) <= epsilon for every
  // person with probability 1 - delta.
  std::string betweenness_method = "exact";
  int betweenness_sources = 0;  // when sampled
  double betweenness_epsilon = 0, betweenness_delta = 0;
  bool closeness_computed = true;  // false: closeness and harmonic closeness are NaN
};
Result<BoundedMetrics> ComputeMetricsWithinLimits(const graph::Graph& g,
                                                  const AnalysisParams& params);

struct Analysis {
  graph::Graph graph;
  graph::Stats stats;
  std::vector<std::string> teams;   // team index → path
  std::vector<int32_t> team_of;     // node → team index
  std::vector<std::string> skills;  // skill index → name (findings' SoleSkill::skill), sorted
  PersonMetrics metrics;
  // "exact", or sampled with the bound: |estimate - exact| / ((n-1)(n-2)) <= epsilon for every
  // person with probability 1 - delta.
  std::string betweenness_method = "exact";
  double betweenness_epsilon = 0, betweenness_delta = 0;
  bool closeness_computed = true;  // false: closeness and harmonic closeness are NaN
  Communities communities;
  std::vector<TeamMetrics> team_metrics;
  Findings findings;
};

Result<Analysis> Analyze(const std::vector<PersonInput>& people,
                         std::span<const graph::Interaction> interactions,
                         const AnalysisParams& params);

}  // namespace pl::network
