// peerlearn's own centrality kernels, working directly on the CSR arrays of graph::Graph (no
// conversion to another library's structure). Each one replaced an igraph call because it beat
// it in bench/network_bench.sh (bench/RESULTS.md), and each is checked against igraph's values
// in centrality_test.cc and against the peers' reference values on real networks. Definitions
// are those of metrics.h; all functions are pure and safe to call from many threads.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "graph/graph.h"

namespace pl::network {

// PageRank (damping in (0, 1), dangling people spread uniformly); the result sums to 1. With
// `weighted`, a person's rank is split over their out-ties in proportion to tie strength.
// Solved as the linear system (I - damping P^T) y = 1/n: people outside every cycle's reach
// exactly, in the order they are reached (an acyclic graph takes one pass), the rest together
// by over-relaxed Gauss–Seidel sweeps until the estimated L1 error of the normalised result is
// below `tolerance` (PRPACK's, as igraph uses it, is 1e-10 too). People with the same in-ties
// get bit-identical ranks.
std::vector<double> PageRank(const graph::Graph& g, double damping, bool weighted,
                             double tolerance = 1e-10);

// Brandes' betweenness (unweighted, directed shortest paths, ordered pairs, unnormalised),
// accumulating only the dependencies of `sources` (every node when empty; then a person whose
// only out-tie goes to a partner who is also their only source of in-ties, if any, is folded
// into that partner's search: the same values from ~30% fewer searches on communication
// networks). The sources are dealt to `threads` threads round-robin (threads < 1: one per
// core); each thread sums its own dependencies, and the per-thread sums are added in thread
// order, so a given thread count always gives the same bits.
std::vector<double> Betweenness(const graph::Graph& g, std::span<const uint32_t> sources,
                                int threads);

// The same over tie lengths 1 / strength (Brandes' Dijkstra variant), with igraph's rule for
// equal lengths: two path lengths are equal when they differ by less than 1e-10 of their sum
// (igraph_cmp_epsilon), so 1/2 + 1/2 ties 1 even where rounding differs; predecessors are
// recorded while relaxing, as igraph does. Sources dealt to threads as above (each thread its
// own sums, added in thread order). With `lengths_given`, the tie weights are the lengths
// themselves, as igraph and NetworkX take weights in shortest paths.
std::vector<double> WeightedBetweenness(const graph::Graph& g, std::span<const uint32_t> sources,
                                        int threads, bool lengths_given = false);

// Burt's structural-hole measures and local clustering from one pass over the triangles of the
// undirected graph (mutual tie a_ij + a_ji; 1 per direction unless `weighted`), with
// p_ij = a_ij / sum_k a_ik:
//   constraint_i = sum_{j in N(i)} (p_ij + sum_{q in N(i) ∩ N(j)} p_iq p_qj)^2   (igraph's)
//   effective_size_i = |N(i)| - sum_{j in N(i)} sum_{q in N(i) ∩ N(j)} p_iq a_jq / max_k a_jk
//                                                                       (NetworkX's)
//   clustering_i = triangles_i / (|N(i)| (|N(i)| - 1) / 2), 0 below two neighbours.
// Both sums run over common neighbours only, which is why triangles suffice. They are listed
// with each tie oriented from the lower to the higher (degree, id), so a hub's neighbour lists
// are never crossed with each other (O(m^1.5) at worst, against O(sum of squared degrees)).
// A person without ties gets NaN constraint and effective size.
struct StructuralHoles {
  std::vector<double> constraint;
  std::vector<double> effective_size;
  std::vector<double> clustering;
};
StructuralHoles ComputeStructuralHoles(const graph::Graph& g, bool weighted);

// k-core number of every person (Batagelj & Zaversnik 2003, O(n + m) bucket peeling), reading
// each person's partners from the out- and in-lists. `directed`: a person's degree is their
// in-ties and out-ties together, a partner tied both ways counting twice, as igraph's
// coreness(mode="all") and NetworkX's core_number take a directed graph. Not directed (a
// network whose ties were read both ways): each partner counts once, the undirected k-core.
std::vector<uint32_t> Coreness(const graph::Graph& g, bool directed);

// Closeness and harmonic closeness on the undirected graph (hop distances), breadth-first
// searches from every person, 64 at a time as the bits of one word, the batches spread over
// `threads` threads (threads < 1: one per core); a person with a single partner (who has
// others) gets theirs from the partner's search. 24 bytes a person per thread of working memory:
//   closeness_i = (r_i - 1) / sum of distances to the r_i - 1 others in i's component
//                 (NaN for a person without ties), as igraph's normalised closeness;
//   harmonic_i = sum_{j != i} 1 / d(i, j) / (n - 1), unreachable terms 0.
struct Closeness {
  std::vector<double> closeness;
  std::vector<double> harmonic;
};
Closeness ComputeCloseness(const graph::Graph& g, int threads);

// The same two measures over tie lengths 1 / strength (a strong tie is short), as igraph's
// weighted closeness and harmonic centrality in "all" mode compute them: a tie in either
// direction can be walked both ways, at the shorter of the two lengths where both exist. One
// Dijkstra search (a binary heap) per person gives both, the searches spread over `threads`
// threads; igraph runs one search per measure on one thread. With `lengths_given`, the tie
// weights are the lengths themselves (as igraph takes weights).
Closeness ComputeWeightedCloseness(const graph::Graph& g, int threads, bool lengths_given = false);

// The number of threads `threads` asks for: itself when positive, else the number of cores.
int ResolveThreads(int threads);

}  // namespace pl::network
