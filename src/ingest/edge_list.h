// A network from a plain edge list, for analysing any network file without a store or a roster
// (`peerlearn network FILE`): one tie a line, "source target [weight]", the fields separated by
// whitespace (SNAP, Pajek-free edge lists, igraph's "edgelist"/"ncol") or by commas (CSV, RFC 4180
// quoting) or semicolons (a spreadsheet's CSV where the decimal separator is a comma: "a;b;0,5").
// Lines starting with '#' or '%' are comments (KONECT's first, "% sym ...", also makes the
// file undirected: see ParseEdgeList); a first line naming the columns
// (source/target, from/to, src/dst, node1/node2, u/v, and weight) is a header and skipped: its
// "weight" column (any case, anywhere after the ends) is the weight's, and a "type" column,
// as in Gephi's edge table ("Source,Target,Type,Id,Label,timeset,Weight"), gives each edge's
// direction — "Undirected" counts both ways, and a file of undirected edges only is undirected.
// Node names are any text (ids, e-mails), kept in the order they first appear. A line naming one
// node twice is a self-loop: the node is kept, the line left out and counted. Repeated lines add
// up (the tie's strength is their count, or the sum of their weights); columns after the weight
// are ignored (a timestamp, say).
//
//   ASSIGN_OR_RETURN(EdgeList list, ParseEdgeList(text, {.weighted = true}));
//   graph::Graph g = graph::Build(list.ties, {.extra_nodes = list.AllNodes()});
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace pl::ingest {

struct EdgeListOptions {
  bool weighted = false;    // read the third field as the line's weight (> 0); else each line is 1
  bool undirected = false;  // each line is a tie both ways
  // With `weighted`, where the weight is read from: an edge list's column of this name in its
  // header line, a graph file's edge attribute (GraphML, GML, node-link JSON, GEXF) or Pajek-free
  // key. Empty: the format's own (an edge list's third field; "weight", GML and JSON "value" too).
  std::string weight_name;
};

struct EdgeList {
  std::vector<std::string> nodes;        // names, in the order they first appear
  std::vector<graph::Interaction> ties;  // src, dst: indices into `nodes`
  int64_t lines = 0;                     // tie lines read (not comments, blanks or the header)
  int64_t self_loops = 0;                // lines naming one node twice: left out
  bool header = false;                   // the first line named the columns and was skipped
  char separator = ' ';  // ',' or ';' (CSV), '\t' (tabs, a field quoted), else ' ' (whitespace)
  bool undirected_file = false;  // the file says it is undirected (KONECT "% sym", Gephi types)
  std::vector<std::string> warnings;  // what a graph file's reader warned of (the first 20)

  // 0 .. nodes.size() - 1, for graph::BuildParams::extra_nodes: a node seen only in self-loops
  // is still a node.
  std::vector<int64_t> AllNodes() const;
  // One edge read, from node a to node b: counted in `lines`, and a self-loop in `self_loops`,
  // else a tie (and the tie back with `both_ways`).
  void AddEdge(int64_t a, int64_t b, double weight, bool both_ways);
};

// A KONECT file (out.NAME) starts "% sym|asym|bip WEIGHTS" (WEIGHTS one of KONECT's:
// unweighted, positive, posweighted, signed, ...): "sym" and "bip" make it undirected (each line
// a tie both ways, undirected_file); in a "bip" (bipartite) file the two columns number two sets
// of nodes, so node N of the first is named "1:N" and of the second "2:N" (a warning says so).
// Its second line, "% EDGES ROWS COLUMNS", counts every node, tied or not: those no line names
// are added after the others (where every node named is a number it counts).
// Its further '%' lines are comments, its columns after the weight (a timestamp) ignored.
// InvalidArgument naming the line (1-based) and what is wrong: fewer than two fields, an empty,
// over-long (256 bytes), control-character or invalid UTF-8 name, a weight that is not a number
// above 0 (when `weighted`), a CSV syntax error; --weight naming a column without a header line
// or not in it; or no tie at all.
Result<EdgeList> ParseEdgeList(std::string_view text, const EdgeListOptions& options);

// Adds the nodes a file lists apart from its ties (Netzschleuder's nodes.csv; see
// ReadZippedNetworkFile) that no tie named, in the order listed: a node without ties still
// counts (PageRank's share, closeness). Returns how many were added; InvalidArgument naming the
// first name that cannot be a node's (NodeNameProblem) and its place in the list.
Result<int64_t> AddListedNodes(std::span<const std::string> names, EdgeList& list);

// Whether two column names are an edge list's header (source/target, from/to, src/dst, …).
bool NamesEdgeListColumns(std::string_view first, std::string_view second);

// What is wrong with a node name ("is empty", "is longer than 256 bytes", "is not valid UTF-8",
// "holds a control character"), or "" when nothing is.
std::string NodeNameProblem(std::string_view name);
// s quoted for a message: its first 40 characters, made printable (Printable: control
// characters as '?', bytes outside UTF-8 as \xNN).
std::string Shown(std::string_view s);

}  // namespace pl::ingest
