// Networks in the formats graph tools write — GraphML (Gephi, yEd, NetworkX, igraph), GML and
// Pajek and UCINET DL, read with igraph's own readers — and Matrix Market (SuiteSparse, Network
// Repository; read here: igraph has no reader) into the same EdgeList a plain edge list gives, for
// `peerlearn network FILE`. The format is told from the text, not the file's name.
//
//   const GraphFormat f = SniffGraphFormat(text);
//   ASSIGN_OR_RETURN(EdgeList list, f == GraphFormat::kEdgeList ? ParseEdgeList(text, o)
//                                                               : ParseGraphFile(text, f, o));
#pragma once

#include <string_view>

#include "core/status.h"
#include "ingest/edge_list.h"

namespace pl::ingest {

enum class GraphFormat { kEdgeList, kGraphML, kGML, kPajek, kMatrixMarket, kDL };

// GraphML where the first thing in the text is '<' (an XML declaration or <graphml>); Pajek
// where it is a "*Vertices" or "*Network" line; GML where it is "graph [" or GML's "Creator" /
// "Version" lines (after '#' comments); Matrix Market where the text starts with its
// "%%MatrixMarket" banner; UCINET DL where it starts with "DL" and a space; otherwise an edge
// list.
GraphFormat SniffGraphFormat(std::string_view text);
const char* FormatName(GraphFormat format);

// The file's nodes and edges. Node names as NetworkX reads them: GraphML's node ids, GML's
// labels (else its ids, whole numbers as such), Pajek's and DL's labels; where those are missing
// or repeat, the nodes' 1-based numbers. A DL file is read as directed (a symmetric matrix
// gives both directions itself); its values are the weights with options.weighted. A file that
// declares its graph undirected (GraphML's edgedefault, GML's "directed 0", Pajek's *Edges)
// gives each edge both ways, as options.undirected does (`undirected_file` says so). Self-loops
// are left out and counted; repeated edges add up. With options.weighted the edges' "weight"
// attribute is the weight (GML: "weight", else "value"), each a number above 0.
// InvalidArgument with igraph's message (GML and Pajek name the line) for a malformed file, a
// missing or bad weight, a bad node name (as in ParseEdgeList), or a file without edges.
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
Result<EdgeList> ParseGraphFile(std::string_view text, GraphFormat format,
                                const EdgeListOptions& options);

}  // namespace pl::ingest
