// Leiden (Traag, Waltman & van Eck 2019) on an undirected weighted graph in compressed form,
// maximising Σ_c (e_c − γ K_c²) — modularity when node weights are strengths and γ is the
// resolution over twice the total weight, as igraph's igraph_community_leiden takes it. Fast
// local moving with a queue, refinement within each community (random merges with
// probability ∝ exp(gain / β) among well-connected subsets), aggregation, until no community
// changes; whole runs repeat from the last partition until it stops changing.
//
//   internal::GraphLevel level = internal::LevelOf(g, weighted);
//   auto membership = internal::Leiden(level, resolution / (2 * level.total), 0.01, seed, 2,
//                                      internal::DefaultAggregateBudget(level), threads);
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/memory.h"
#include "graph/graph.h"

namespace pl::network::internal {

// An aggregate level: each node a set of the level below, ties summed between sets — kept as
// floats, 8 bytes a tie end, or where every weight is a whole number small enough (an
// unweighted graph's), packed with the neighbour in 4 bytes: neighbour << shift | weight;
// what is reported is computed on the graph itself.
struct UGraph {
  std::vector<uint64_t> offsets;  // n + 1
  std::vector<uint32_t> nbr;      // both directions of each tie; no self-loops
  std::vector<float> w;
  std::vector<uint32_t> packed;  // in place of nbr and w: neighbour << shift | weight
  uint32_t shift = 0;
  std::vector<double> node_weight;  // what the members weigh together
  uint32_t n() const { return static_cast<uint32_t>(node_weight.size()); }
  // As GraphLevel's: where v's ties are, then the ties themselves, asked for ahead of use.
  void PrefetchBounds(uint32_t v) const { PrefetchLine(offsets.data() + v); }
  void Prefetch(uint32_t v) const {
    if (!packed.empty()) {
      PrefetchLine(packed.data() + offsets[v]);
    } else {
      PrefetchLine(nbr.data() + offsets[v]);
      PrefetchLine(w.data() + offsets[v]);
    }
  }
  template <class F>
  void ForEachTie(uint32_t v, F&& f) const {
    if (!packed.empty()) {
      const uint32_t mask = (uint32_t{1} << shift) - 1;
      for (uint64_t e = offsets[v]; e < offsets[v + 1]; ++e) {
        f(packed[e] >> shift, static_cast<double>(packed[e] & mask));
      }
      return;
    }
    for (uint64_t e = offsets[v]; e < offsets[v + 1]; ++e) f(nbr[e], w[e]);
  }
};

// The lowest level: the directed graph read in place as undirected — a pair's weight is both
// directions' strengths (1 per direction when not `weighted`, as igraph's
// as_undirected(mode="each") counts them), self-loops and zero weights left out.
struct GraphLevel {
  const graph::Graph* g = nullptr;
  bool weighted = true;
  // Every tie returned (of the same strength when weighted): a person's in-list is their
  // out-list, so only that is read, each tie counted twice (email-Enron's ties are all so).
  bool returned = false;
  // Every weight a whole number (always when not `weighted`; tie counts when weighted, as
  // `peerlearn analyze`'s by default): sums come out the same in any order, so some can be kept
  // up to date instead of summed again, and the aggregates packed.
  bool whole = true;
  std::vector<double> node_weight;  // strengths
  double total = 0;                 // Σ of pair weights, each pair once
  uint32_t n() const { return static_cast<uint32_t>(node_weight.size()); }
  template <class F>
  void ForEachTie(uint32_t v, F&& f) const {
    auto on = g->OutNeighbors(v), in = g->InNeighbors(v);
    if (!weighted) {  // the same ties as below, without asking of each whether it is weighted
      const double x = returned ? 2.0 : 1.0;
      for (uint32_t u : on) {
        if (u != v) f(u, x);
      }
      if (returned) return;
      for (uint32_t u : in) {
        if (u != v) f(u, 1.0);
      }
      return;
    }
    auto ow = g->OutWeights(v), iw = g->InWeights(v);
    if (returned) {
      for (size_t i = 0; i < on.size(); ++i) {
        const double x = weighted ? ow[i] : 1.0;
        if (on[i] != v && x > 0) f(on[i], 2 * x);
      }
      return;
    }
    for (size_t i = 0; i < on.size(); ++i) {
      const double x = weighted ? ow[i] : 1.0;
      if (on[i] != v && x > 0) f(on[i], x);
    }
    for (size_t i = 0; i < in.size(); ++i) {
      const double x = weighted ? iw[i] : 1.0;
      if (in[i] != v && x > 0) f(in[i], x);
    }
  }
  // Asks for where v's ties are to be brought into cache, ahead of a Prefetch(v) (which reads
  // it): a Prefetch of a node far from the last would otherwise wait on that read.
  void PrefetchBounds(uint32_t v) const {
    PrefetchLine(g->OutBoundsAt(v));
    if (!returned) PrefetchLine(g->InBoundsAt(v));
  }
  // Asks for v's ties to be brought into cache ahead of a ForEachTie(v).
  void Prefetch(uint32_t v) const {
    const uint32_t* on = g->OutNeighbors(v).data();
    const uint32_t* in = g->InNeighbors(v).data();
    PrefetchLine(on);
    PrefetchLine(on + 16);
    if (!returned) {
      PrefetchLine(in);
      PrefetchLine(in + 16);
    }
    if (weighted) {
      PrefetchLine(g->OutWeights(v).data());
      if (!returned) PrefetchLine(g->InWeights(v).data());
    }
  }
};
GraphLevel LevelOf(const graph::Graph& g, bool weighted);

// Dense community labels 0..k-1, numbered in order of first appearance. `runs` whole runs,
// each from the last one's partition (negative: until one changes nothing). Aggregate levels
// are copied while they take at most `budget` bytes (the one being made and the one it is
// made from); a larger one is read through the graph instead — slower where it is much
// smaller than the graph, the same where it is nearly as large.
// Each level's refinement is spread over `threads` threads; the result is the same for any
// number of them. With `inside`: the weight inside each community (both ends of each tie, by
// label), where the last level gives it exactly (whole weights, a copied aggregate), for
// ModularityOf; else left empty.
std::vector<uint32_t> Leiden(const GraphLevel& g, double gamma, double beta, uint64_t seed,
                             int runs, size_t budget, int threads = 1,
                             std::vector<double>* inside = nullptr);
// 8 bytes per tie of the graph: with the graph's own 24 and the per-person arrays, Leiden's
// peak stays within about 40 bytes per tie.
inline size_t DefaultAggregateBudget(const GraphLevel& g) {
  return 8 * static_cast<size_t>(g.g->num_edges());
}

// Σ_c (in_c / m − γ (K_c / 2m)²) with in_c the weight inside c: Newman's modularity at
// resolution γ. `inside`, when it has a value for each community (as Leiden gives it), is
// taken as in_c instead of summing the graph's ties: the same value.
double ModularityOf(const GraphLevel& g, const std::vector<uint32_t>& membership, double resolution,
                    std::span<const double> inside = {});

}  // namespace pl::network::internal
