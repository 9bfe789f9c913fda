// Leiden (Traag, Waltman & van Eck 2019) on an undirected weighted graph in compressed form,
// maximising Σ_c (e_c − γ K_c²) — modularity when node weights are strengths and γ is the
// resolution over twice the total weight, as igraph's igraph_community_leiden takes it. Fast
// local moving with a queue, refinement within each community (random merges with
// probability ∝ exp(gain / β) among well-connected subsets), aggregation, until no community
// changes; whole runs repeat from the last partition until it stops changing.
//
//   internal::UGraph u = internal::UndirectedOf(g, weighted);
//   auto membership = internal::Leiden(u, resolution / (2 * u.total), 0.01, seed, /*runs=*/2);
#pragma once

#include <cstdint>
#include <vector>

#include "graph/graph.h"

namespace pl::network::internal {

struct UGraph {
  std::vector<uint64_t> offsets;  // n + 1
  std::vector<uint32_t> nbr;      // both directions of each tie; no self-loops
  std::vector<double> w;
  std::vector<double> node_weight;  // strengths (of the members, for an aggregate)
  double total = 0;                 // Σ of tie weights, each tie once
  uint32_t n() const { return static_cast<uint32_t>(node_weight.size()); }
};

// Each pair tied in either direction once, weighted by both directions' strengths (or 1 per
// direction when not `weighted`, as igraph's as_undirected(mode="each") counts them).
UGraph UndirectedOf(const graph::Graph& g, bool weighted);

// Dense community labels 0..k-1, numbered in order of each community's lowest node. `runs`
// whole runs, each from the last one's partition (negative: until one changes nothing).
std::vector<uint32_t> Leiden(const UGraph& g, double gamma, double beta, uint64_t seed, int runs);

// Σ_c (in_c / m − γ (K_c / 2m)²) with in_c the weight inside c: Newman's modularity at
// resolution γ.
double ModularityOf(const UGraph& g, const std::vector<uint32_t>& membership, double resolution);

}  // namespace pl::network::internal
