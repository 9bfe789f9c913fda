// Writes what `peerlearn network` finds in a network file, node by node, in the form the next
// tool wants:
//   csv      a row per node: its name, degrees, strengths, PageRank, betweenness, closeness,
//            harmonic closeness, Burt's constraint and effective size, k-core, clustering,
//            reciprocity and community
//   graphml  the ties (summed, as analysed, with their weight) and each node's results as
//            attributes (GraphML 1.0: Cytoscape, yEd, NetworkX, igraph)
//   gexf     the same for Gephi (GEXF 1.2), each node coloured by community, sized by PageRank
//            and placed where a layout is given
//   json     NetworkX's node-link JSON (d3 reads it too), the results as node properties
// An undirected network's ties are written once each. A value that does not exist (effective
// size without ties; closeness not computed) is empty in CSV, null in JSON and left out of
// GraphML and GEXF. Names that are not valid UTF-8 have the bad bytes replaced (U+FFFD) in XML
// and JSON, and " #i" (the node's place in the file) added where that made two names one.
//
//   NodeResults r{.graph = g, .names = names, .metrics = m, .community = c.membership};
//   RETURN_IF_ERROR(WriteNodeResults(NodeResultsFormatOf(path), r, out));
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"
#include "network/layout.h"
#include "network/metrics.h"

namespace pl::network {

enum class NodeResultsFormat { kCsv, kGraphml, kGexf, kJson };

// The format an output file's name asks for: .graphml, .gexf or .json (any case), else CSV.
NodeResultsFormat NodeResultsFormatOf(std::string_view path);

struct NodeResults {
  const graph::Graph& graph;
  // The nodes' names in the file's order: node i is graph.IndexOf(i).
  const std::vector<std::string>& names;
  const PersonMetrics& metrics;           // by graph index
  const std::vector<int32_t>& community;  // by graph index
  double betweenness_scale = 1;           // 0.5 for an undirected network: unordered pairs
  bool undirected = false;                // ties were read both ways: write each once
  const Layout* layout = nullptr;         // positions by graph index (GEXF only), or none
};

// Unavailable if the stream fails.
Status WriteNodeResults(NodeResultsFormat format, const NodeResults& results, std::ostream& out);

}  // namespace pl::network
