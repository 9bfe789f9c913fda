// The whole knowledge-network analysis in one call: the graph from interactions (everyone in the
// roster included, tied or not), person metrics, communities, team metrics and findings.
//
//   ASSIGN_OR_RETURN(Analysis a, Analyze(people, interactions, params));
//   for (const auto& c : a.findings.champions) ... a.graph.IdOf(c.node) ...
#pragma once

#include <optional>
#include <span>
#include <string>
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
};

struct AnalysisParams {
  // Above this many people the all-pairs metrics are not computed exactly: betweenness is
  // sampled from `betweenness_sources` sources (with its error bound stated), closeness and
  // harmonic closeness are left out (NaN).
  size_t exact_max_people = 20000;
  int betweenness_sources = 512;
  graph::BuildParams build;
  MetricsParams metrics;
  CommunityParams communities;
  FindingsParams findings;
};

struct Analysis {
  graph::Graph graph;
  graph::Stats stats;
  std::vector<std::string> teams;  // team index → path
  std::vector<int32_t> team_of;    // node → team index
  PersonMetrics metrics;
  // "exact", or sampled with the bound: |estimate - exact| / ((n-1)(n-2)) <= epsilon for every
  // person with probability 1 - delta.
  std::string betweenness_method = "exact";
  double betweenness_epsilon = 0, betweenness_delta = 0;
  Communities communities;
  std::vector<TeamMetrics> team_metrics;
  Findings findings;
};

Result<Analysis> Analyze(const std::vector<PersonInput>& people,
                         std::span<const graph::Interaction> interactions,
                         const AnalysisParams& params);

}  // namespace pl::network
