// Whole-network structure, computed with igraph, with the conventions SNAP uses for its dataset
// statistics: components on the directed graph (weak and strong); triangles, clustering and
// diameter on the undirected simple graph (direction and multiplicity ignored, no self-loops).
//   - average clustering: mean of local clustering coefficients, 0 for nodes of degree < 2
//     (Watts & Strogatz 1998; NetworkX's average_clustering).
//   - transitivity: 3 × triangles / connected triples (global clustering).
//   - diameter: the longest shortest path (hops) between any two connected nodes.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace pl::network {

struct Structure {
  int64_t weak_components = 0;
  int64_t largest_weak = 0;  // nodes
  int64_t strong_components = 0;
  int64_t largest_strong = 0;
  int64_t triangles = 0;
  double transitivity = 0;
  double average_clustering = 0;
  int64_t diameter = 0;
};

Result<Structure> ComputeStructure(const graph::Graph& g);

// Only the weak and strong components (the other fields stay 0): linear time.
Result<Structure> ComputeComponents(const graph::Graph& g);

// How many weak components there are and the largest one's size (union-find, linear time).
void WeakComponents(const graph::Graph& g, int64_t& count, int64_t& largest);

// The strong component of every node, numbered 0..count-1 in reverse topological order: a tie
// u -> v between two components has label[u] > label[v] (Pearce's one-array variant of
// Tarjan's algorithm, iterative).
std::vector<uint32_t> StrongComponentLabels(const graph::Graph& g, int64_t& count,
                                            int64_t& largest);

}  // namespace pl::network
