// The graph-file readers ParseGraphFile hands a format to when igraph has none for it: node-link
// JSON (graph_json.cc), GEXF (graph_gexf.cc), an adjacency matrix as CSV (graph_matrix.cc),
// DOT (graph_dot.cc, with Graphviz's cgraph) and graph-tool's binary gt (graph_gt.cc). Each
// returns the EdgeList ParseGraphFile does, with the same rules (see ingest/graph_file.h): nodes in
// the order the file declares them, an undirected graph's edges both ways (undirected_file),
// self-loops left out and counted, repeated edges adding up, with options.weighted each edge's
// weight a number above 0.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/edge_list.h"

namespace pl::ingest::internal {

Result<EdgeList> ParseNodeLinkJson(std::string_view text, const EdgeListOptions& options);
Result<EdgeList> ParseGexf(std::string_view text, const EdgeListOptions& options);
Result<EdgeList> ParseAdjacencyMatrixCsv(std::string_view text, const EdgeListOptions& options);
Result<EdgeList> ParseDot(std::string_view text, const EdgeListOptions& options);
Result<EdgeList> ParseGraphTool(std::string_view text, const EdgeListOptions& options);
// At most how many edges cgraph would make of a DOT text (its edge statements between groups
// make one for each pair); ParseDot refuses a file over 1,000,000 plus two for each byte.
uint64_t DotEdgesAtMost(std::string_view text);

// "--weighted, but the FILE file's edges have no numeric WANTED NOUN", with the numeric ones
// it has (`numeric`) named and --weight NAME suggested, or "(nor any other numeric one)".
Status NoNumericWeight(std::string_view file, std::string_view wanted, std::string_view noun,
                       const std::vector<std::string>& numeric);

// x as a node name or in a message: a whole number without a fraction, else the shortest text
// that reads back as x.
std::string WholeOrNumber(double x);

}  // namespace pl::ingest::internal
