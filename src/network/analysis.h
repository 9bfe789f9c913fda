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
  Communities communities;
  std::vector<TeamMetrics> team_metrics;
  Findings findings;
};

Result<Analysis> Analyze(const std::vector<PersonInput>& people,
                         std::span<const graph::Interaction> interactions,
                         const AnalysisParams& params);

}  // namespace pl::network
