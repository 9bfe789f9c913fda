// Test support for Krackhardt's high-tech managers (../shared/data/krackhardt-hightech): the
// three networks as graphs (node id = the number in "A07") and the peers' reference tables.
// Header-only so that engine tests use it without linking the store.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace pl::testing {

inline const std::filesystem::path kKrackhardt = "../shared/data/krackhardt-hightech";

// A simple comma-separated file with optional double quotes around cells (no embedded commas).
inline std::vector<std::vector<std::string>> ReadSimpleCsv(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) {
      if (cell.size() >= 2 && cell.front() == '"') cell = cell.substr(1, cell.size() - 2);
      cells.push_back(cell);
    }
    rows.push_back(cells);
  }
  return rows;
}

// "A07" -> 7.
inline int64_t KrackhardtId(const std::string& name) { return std::stoll(name.substr(1)); }

// The network `net` ("advice", "friendship" or "reportto") over all 21 managers.
inline graph::Graph KrackhardtGraph(const std::string& net) {
  std::vector<graph::Interaction> xs;
  auto edges = ReadSimpleCsv(kKrackhardt / (net + "_edges.csv"));
  for (size_t i = 1; i < edges.size(); ++i) {
    xs.push_back({KrackhardtId(edges[i][0]), KrackhardtId(edges[i][1]), graph::Layer::kNomination,
                  Timestamp(), 1});
  }
  graph::BuildParams p;
  for (int i = 1; i <= 21; ++i) p.extra_nodes.push_back(i);
  return graph::Build(xs, p);
}

// peer_reference/<net>/node_metrics.csv as rows, with a column-name index.
struct ReferenceTable {
  std::vector<std::vector<std::string>> rows;  // without the header
  std::map<std::string, size_t> column;
};
inline ReferenceTable KrackhardtNodeMetrics(const std::string& net) {
  auto all = ReadSimpleCsv(kKrackhardt / "peer_reference" / net / "node_metrics.csv");
  ReferenceTable t;
  for (size_t c = 0; c < all[0].size(); ++c) t.column[all[0][c]] = c;
  t.rows.assign(all.begin() + 1, all.end());
  return t;
}

}  // namespace pl::testing
