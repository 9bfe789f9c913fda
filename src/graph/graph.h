// The knowledge-flow graph: interactions between people (replies, mentions, reactions, threads,
// nominations, debriefs, kudos, mentoring) aggregated into one directed weighted graph in
// compressed sparse row (CSR) form, with dense node indices 0..n-1 and both out- and in-edges.
//
//   BuildParams p;
//   p.layer_weights[size_t(Layer::kNomination)] = 3.0;   // a nomination counts three replies
//   p.window = LastDays(now, 90);
//   p.half_life = std::chrono::days(60);                 // older ties fade
//   Graph g = Build(interactions, p);
//   for (uint32_t v = 0; v < g.num_nodes(); ++v) for (auto [u, w] : g.Out(v)) ...
//
// A tie's strength is the sum over its interactions of weight × layer weight × decay, where
// decay = 0.5^(age / half_life) and age is measured back from the window's end. Self-loops are
// dropped (Burt's constraint and others disagree between libraries with them present).
// Graphs are immutable once built and safe to read from many threads.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/time.h"

namespace pl::graph {

enum class Layer : uint8_t {
  kReply,
  kMention,
  kReaction,
  kThread,
  kNomination,
  kDebrief,
  kKudos,
  kMentoring,
};
inline constexpr size_t kLayerCount = 8;
std::string_view LayerName(Layer layer);
std::optional<Layer> ParseLayer(std::string_view name);

// One observed interaction between two people, by domain id (e.g. PersonId::value).
struct Interaction {
  int64_t src = 0;
  int64_t dst = 0;
  Layer layer = Layer::kReply;
  Timestamp ts;
  double weight = 1.0;
};

// A half-open time range [from, to).
struct Window {
  Timestamp from;
  Timestamp to;
};
// The `days` days before `now`.
Window LastDays(Timestamp now, int days);
// Calendar quarter q (1-4) of `year`, UTC.
Window Quarter(int year, int q);
// The window's length, to the nearest whole day.
int64_t LengthInDays(const Window& w);

struct BuildParams {
  std::array<double, kLayerCount> layer_weights = {1, 1, 1, 1, 1, 1, 1, 1};
  std::optional<Window> window;                // all interactions when unset
  std::optional<std::chrono::days> half_life;  // no decay when unset; needs `window`
  std::vector<int64_t> extra_nodes;            // people to include even without ties
};

struct Edge {
  uint32_t node;
  double weight;
};

// The tie-list accessors are always inlined: they sit in every kernel's innermost loop, and GCC's
// unit-growth limit had left OutNeighbors a call of its own in the betweenness searches once
// centrality.cc grew (14% more instructions; bench/RESULTS.md).
class Graph {
 public:
  [[gnu::always_inline]] size_t num_nodes() const { return ids_.size(); }
  [[gnu::always_inline]] size_t num_edges() const { return out_targets_.size(); }

  [[gnu::always_inline]] std::span<const uint32_t> OutNeighbors(uint32_t v) const {
    return {out_targets_.data() + out_offsets_[v], out_targets_.data() + out_offsets_[v + 1]};
  }
  [[gnu::always_inline]] std::span<const double> OutWeights(uint32_t v) const {
    return {out_weights_.data() + out_offsets_[v], out_weights_.data() + out_offsets_[v + 1]};
  }
  [[gnu::always_inline]] std::span<const uint32_t> InNeighbors(uint32_t v) const {
    return {in_sources_.data() + in_offsets_[v], in_sources_.data() + in_offsets_[v + 1]};
  }
  [[gnu::always_inline]] std::span<const double> InWeights(uint32_t v) const {
    return {in_weights_.data() + in_offsets_[v], in_weights_.data() + in_offsets_[v + 1]};
  }
  // Where v's list bounds are kept, to ask the cache for them ahead of a read of v's lists.
  [[gnu::always_inline]] const uint64_t* OutBoundsAt(uint32_t v) const {
    return out_offsets_.data() + v;
  }
  [[gnu::always_inline]] const uint64_t* InBoundsAt(uint32_t v) const {
    return in_offsets_.data() + v;
  }
  [[gnu::always_inline]] size_t OutDegree(uint32_t v) const {
    return out_offsets_[v + 1] - out_offsets_[v];
  }
  [[gnu::always_inline]] size_t InDegree(uint32_t v) const {
    return in_offsets_[v + 1] - in_offsets_[v];
  }
  // Weight of the tie u -> v, 0 if there is none. O(log degree).
  double Weight(uint32_t u, uint32_t v) const;
  // True when every tie u -> v has its return tie v -> u (of the same strength, with
  // `same_strength`), so that each person's out-list is their in-list. O(ties), sequential.
  bool AllTiesReturned(bool same_strength) const;

  // Domain id of node v, and the node of a domain id.
  int64_t IdOf(uint32_t v) const { return ids_[v]; }
  std::optional<uint32_t> IndexOf(int64_t id) const;

 private:
  friend Graph Build(std::span<const Interaction>, const BuildParams&);
  std::vector<int64_t> ids_;  // sorted ascending: node v has id ids_[v]
  std::vector<uint64_t> out_offsets_, in_offsets_;
  std::vector<uint32_t> out_targets_, in_sources_;  // each adjacency sorted by node
  std::vector<double> out_weights_, in_weights_;
};

// Aggregates `interactions` into a graph. Nodes are every person who appears in a kept
// interaction, plus `extra_nodes`. Interactions outside the window or with a non-positive
// resulting weight are ignored. Up to 2^32 - 1 interactions (160 GB of them) per build. Linear in
// the interactions plus sorting each person's ties; the peak beyond the input is 8 bytes per kept
// interaction plus the graph's out-side.
Graph Build(std::span<const Interaction> interactions, const BuildParams& params = {});

// Whole-graph statistics with their textbook definitions (directed, self-loops excluded):
// density = m / (n (n - 1)); reciprocity = share of ties whose reverse tie exists;
// weight_reciprocity = the share of the ties' weight that is returned, the sum over ties u → v of
// min(w(u, v), w(v, u)) over the sum of w(u, v) (Squartini et al., 2013): where one tie of a pair
// is far stronger than the other (one person does most of the helping), it is well below the
// reciprocity. Every tie returned in kind: both are 1.
struct Stats {
  size_t nodes = 0;
  size_t edges = 0;
  double density = 0;
  double reciprocity = 0;
  double weight_reciprocity = 0;
};
Stats ComputeStats(const Graph& g);

}  // namespace pl::graph
