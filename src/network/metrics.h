// Person-level network metrics on the knowledge-flow graph, computed by peerlearn's own kernels
// (centrality.h). Definitions,
// chosen to match the peer libraries' reference values:
//   - PageRank: Brin & Page (1998), damping 0.85, dangling nodes spread uniformly.
//   - Betweenness: Brandes (2001), directed shortest paths over ordered pairs (s, t),
//     unnormalised. When weighted, a tie of strength w has length 1/w (strong ties are short).
//   - Burt's constraint: Burt (1992), igraph's definition (p_ij from a_ij + a_ji, so direction is
//     ignored); self-loops are never in the graph (see graph.h).
//   - Closeness: classic closeness on the undirected graph, normalised:
//     (reachable - 1) / sum of distances, computed within each node's component.
//   - Harmonic closeness: mean over the other n - 1 people of 1 / distance on the undirected
//     graph (0 for the unreachable), so it stays meaningful across components.
//   - Effective size: Burt (1992) in NetworkX's general form, with the same mutual tie weights as
//     the constraint: sum over neighbours u of (1 - sum_{w != u} p_vw m_uw).
//   - k-core (coreness): a person's degree is their in-ties and out-ties together, a partner tied
//     both ways counting twice, as igraph's coreness(mode="all") and NetworkX's core_number
//     read a directed graph; on an undirected network (MetricsParams::undirected), partners.
//   - Local clustering (0 for degree < 2): on the undirected simple graph.
//   - Reciprocity: the share of a person's partners with whom ties run both ways.
// Values are indexed by the graph's dense node index.
//
//   ASSIGN_OR_RETURN(PersonMetrics m, ComputePersonMetrics(g, {}));
//   double pr = m.pagerank[*g.IndexOf(person.value)];
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace pl::network {

// Which metrics to compute (the others are left empty): the all-pairs ones (betweenness,
// closeness, harmonic) cost O(people × ties) and are the ones to leave out on very large graphs.
enum MetricBits : uint32_t {
  kDegrees = 1u << 0,  // degrees, strengths, reciprocity: always computed
  kPageRank = 1u << 1,
  kBetweenness = 1u << 2,
  kConstraint = 1u << 3,
  kCloseness = 1u << 4,
  kHarmonic = 1u << 5,
  kCoreness = 1u << 6,
  kClustering = 1u << 7,
  kEffectiveSize = 1u << 8,
  kAllMetrics = 0x1FF,
};

struct MetricsParams {
  double damping = 0.85;
  bool weighted = false;  // use tie strengths (false: every tie counts 1)
  // Weighted only: where set, betweenness, closeness and harmonic closeness walk this graph's
  // ties with their weights as lengths, as given (igraph's and NetworkX's reading of weights in
  // shortest paths), instead of the graph's ties at 1 / strength. It has the graph's nodes in the
  // graph's order (built from the same ties and extra nodes).
  const graph::Graph* lengths = nullptr;
  // The ties were read both ways from an undirected network: the k-core counts partners.
  bool undirected = false;
  uint32_t which = kAllMetrics;
  int threads = 0;  // for the all-pairs metrics; < 1: one per core
};

struct PersonMetrics {
  std::vector<uint32_t> in_degree, out_degree;    // distinct people
  std::vector<double> in_strength, out_strength;  // summed tie strength
  std::vector<double> pagerank;
  std::vector<double> betweenness;
  std::vector<double> constraint;
  std::vector<double> closeness;
  std::vector<double> harmonic;
  std::vector<double> effective_size;  // NaN for a person without ties
  std::vector<uint32_t> coreness;
  std::vector<double> clustering;
  std::vector<double> reciprocity;
};

// InvalidArgument for a damping outside (0, 1).
Result<PersonMetrics> ComputePersonMetrics(const graph::Graph& g, const MetricsParams& params);

// Betweenness estimated from `sources` random source nodes (Brandes & Pich 2007): the exact
// contributions of the sampled sources, scaled by n / sources. By Hoeffding's inequality and a
// union bound over the n nodes, with probability at least 1 - delta every node's normalised
// estimate (divided by (n - 1)(n - 2)) is within `epsilon` of the exact normalised value, where
// epsilon = sqrt(ln(2n / delta) / (2 sources)). Directed, as ComputePersonMetrics; when
// `weighted`, over tie lengths 1 / strength (a source's dependencies are still at most n - 2, so
// the same bound holds).
struct SampledBetweenness {
  std::vector<double> values;
  int sources = 0;
  double delta = 0;
  double epsilon = 0;
};
// With `lengths_given` (weighted), the weights are the lengths themselves.
Result<SampledBetweenness> SampleBetweenness(const graph::Graph& g, int sources, uint64_t seed,
                                             double delta = 0.01, int threads = 0,
                                             bool weighted = false, bool lengths_given = false);

}  // namespace pl::network
