// Networks in the formats graph tools write — GraphML (Gephi, yEd, NetworkX, igraph), GML and
// Pajek and UCINET DL, read with igraph's own readers — and, read here where igraph has no
// reader, Matrix Market (SuiteSparse, Network Repository), GEXF (Gephi; libxml2), node-link
// JSON (NetworkX, D3; simdjson) and adjacency matrices as CSV (R, pandas, spreadsheets) into the
// same EdgeList a plain edge list gives, for `peerlearn network FILE`. The format is told from the
// text, not the file's name.
//
//   const GraphFormat f = SniffGraphFormat(text);
//   ASSIGN_OR_RETURN(EdgeList list, f == GraphFormat::kEdgeList ? ParseEdgeList(text, o)
//                                                               : ParseGraphFile(text, f, o));
#pragma once

#include <optional>
#include <string_view>

#include "core/status.h"
#include "ingest/edge_list.h"

namespace pl::ingest {

enum class GraphFormat {
  kEdgeList,
  kGraphML,
  kGML,
  kPajek,
  kMatrixMarket,
  kDL,
  kGEXF,
  kNodeLinkJson,
  kAdjacencyMatrix,
  kDot,
  kGraphTool
};

// GEXF where the text starts with '<' and its first 4 KiB hold "<gexf", else GraphML where the
// first thing in the text is '<' (an XML declaration or <graphml>); node-link JSON where it is
// '{'; an adjacency matrix where the text starts with an empty CSV cell ("," or "\"\",", or ';'
// and "\"\";" separated by semicolons); Pajek where it is a "*Vertices" or "*Network" line; GML
// where it is "graph [" or GML's "Creator" / "Version" lines (after '#' comments); Matrix Market
// where the text starts with its "%%MatrixMarket" banner; UCINET DL where it starts with "DL" and
// a space; DOT where it is "[strict] graph|digraph [NAME] {" (after // and /* */ comments);
// graph-tool's binary gt where it starts with its magic "\xE2\x9B\xBE gt"; otherwise an edge list.
GraphFormat SniffGraphFormat(std::string_view text);
const char* FormatName(GraphFormat format);
// The format a user names (`network --format`): edgelist, graphml, gml, pajek, dl, mtx, gexf,
// json, matrix, dot or gt (any case); nothing for another name.
std::optional<GraphFormat> GraphFormatNamed(std::string_view name);
inline constexpr const char* kGraphFormatNames =
    "edgelist, graphml, gml, pajek, dl, mtx, gexf, json, matrix, dot or gt";

// The file's nodes and edges. Node names as NetworkX reads them: GraphML's node ids, GML's
// labels (else its ids, whole numbers as such; character references decoded as NetworkX decodes
// them), Pajek's and DL's labels; where those are missing or repeat, the nodes' 1-based numbers.
// A DL file is read as directed (a symmetric matrix gives both directions itself); its values
// are the weights with options.weighted. A file that
// declares its graph undirected (GraphML's edgedefault, GML's "directed 0", Pajek's *Edges)
// gives each edge both ways, as options.undirected does (`undirected_file` says so); a Pajek
// file with both *Arcs and *Edges is a directed one whose edges go both ways; a multi-relational
// one ("*Arcs :1 \"advice\"") one network of all its relations (a warning names them). Self-loops
// are left out and counted; repeated edges add up. With options.weighted the edges' "weight"
// attribute is the weight (GML: "weight", else "value"), each a number above 0. Nodes without
// any edge are a network too (isolated nodes only).
// InvalidArgument with igraph's message (GML and Pajek name the line) for a malformed file, a
// missing or bad weight, a bad node name (as in ParseEdgeList), or a file without nodes.
// Reading swaps igraph's process-wide error and attribute handlers for its duration: one read
// at a time (a mutex), and igraph used elsewhere meanwhile would report through them.
// Matrix Market: a square sparse matrix in coordinate form ("matrix coordinate pattern|integer|
// real general|symmetric"); entry (i, j) is a tie from node i to node j, named by their 1-based
// numbers as the file gives them, every node of the declared size kept (isolated ones too);
// "symmetric" gives each stored entry both ways (undirected_file); with options.weighted the
// entry's value is its weight (a number above 0; a "pattern" file has none). The banner, a
// size line that does not declare a square matrix, an index outside it, a count of entries
// other than the size line's, and the array, complex, hermitian and skew-symmetric forms are
// refused naming the line.
// GEXF: nodes named by their ids; the <graph>'s defaultedgetype (undirected where missing, as
// the format has it; "mutual" too) and each edge's type (an undirected or mutual edge of a
// directed graph both ways; a directed edge in an undirected graph is refused); the edge's
// "weight" attribute with options.weighted (1 where an edge has none). A <!DOCTYPE> is refused,
// so no entity is expanded; an edge naming a node not declared before it is refused.
// Node-link JSON (NetworkX's node_link_data, D3): {"directed", "nodes": [{"id"}], "links" (or
// "edges"): [{"source", "target", "weight" (or "value")}]}; undirected unless "directed" is
// true (NetworkX's rule); ids strings or numbers; nodes without any "id" (D3's older files) are
// named by their "name" and links give places in "nodes" from 0; without "nodes", the nodes the
// links name. A link naming a node not in "nodes", a repeated id, or (with options.weighted) a
// link without a weight is refused, naming it. Cytoscape's JSON (the desktop's .cyjs, Cytoscape.js)
// is read the same way from its "elements" (an object of "nodes" and "edges", or one array told
// apart by "group"), each element's fields in its "data".
// An adjacency matrix as CSV (R's write.csv, pandas' to_csv; or write.csv2's semicolons and
// decimal commas): a header of an empty corner and
// the people's names (in the order the nodes take), then a row a person — its name, then a
// value a column, in the header's order; the rows in any order, one for each person. A value
// other than 0 (or empty) is a tie from the row's person to the column's, its weight with
// options.weighted; directed (a symmetric matrix gives both directions itself); the diagonal's
// ties are self-loops. A name the header repeats or lacks, a row missing, repeated or of the
// wrong length, a value that is not a number of 0 or more, and more than 100,000 people are
// refused, naming the line.
// DOT (Graphviz): read with Graphviz's cgraph; nodes named by their ids in the order they first
// appear, a graph's edges both ways and a digraph's one way, an edge statement between groups
// ("a -> {b c}") an edge for each pair (a file whose statements could make more than 1,000,000
// edges plus two for each of its bytes is refused first), a strict graph's repeated edges one;
// the edges' "weight" with options.weighted (1 where an edge has none, as in Graphviz).
// graph-tool's binary gt (Graph.save; Netzschleuder's .gt.zst): nodes named by their indices
// (0, 1, ...), as graph-tool numbers them; directed or not as the file says; with
// options.weighted the edge property map "weight" (or --weight NAME) of a numeric type (int16,
// int32, int64, double, long double), each a number above 0; either byte order. A file cut
// short, a neighbour that is not a vertex, a property of an unknown kind or type, or bytes after
// the last property are refused, naming the byte or the property.
Result<EdgeList> ParseGraphFile(std::string_view text, GraphFormat format,
                                const EdgeListOptions& options);

// The one network file a zip holds, as Network Repository and others distribute them: its bytes
// (a compressed file left as it is) and its name in `member`. What stands beside it (a readme,
// licence or web page; see BesideTheNetwork in compressed.h) is left aside. InvalidArgument naming
// them where the zip holds no file or several others; the archive's limits as for an export (at
// most 10,000 members; none over `max_bytes` or inflating over 1,000 times). Netzschleuder's
// csv.zip (edges.csv, nodes.csv and gprops.csv in one folder) gives edges.csv, and, with
// `listed_nodes`, the first column of nodes.csv there: every node's index, tied or not (so that a
// node without ties still counts; see AddListedNodes). A record of nodes.csv without a first
// field is refused, naming its line.
Result<std::string> ReadZippedNetworkFile(const std::string& path, size_t max_bytes,
                                          std::string& member,
                                          std::vector<std::string>* listed_nodes = nullptr);

}  // namespace pl::ingest
