#include "network/structure.h"

#include <algorithm>
#include <cmath>

#include "network/internal/igraph_bridge.h"

namespace pl::network {

using internal::Check;

// Weak components: union-find over the out-edges (path halving, union by size).
void WeakComponents(const graph::Graph& g, int64_t& count, int64_t& largest) {
  const auto n = static_cast<uint32_t>(g.num_nodes());
  std::vector<uint32_t> parent(n), size(n, 1);
  for (uint32_t v = 0; v < n; ++v) parent[v] = v;
  auto find = [&](uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  count = n;
  for (uint32_t u = 0; u < n; ++u) {
    for (uint32_t v : g.OutNeighbors(u)) {
      uint32_t a = find(u), b = find(v);
      if (a == b) continue;
      if (size[a] < size[b]) std::swap(a, b);
      parent[b] = a;
      size[a] += size[b];
      --count;
    }
  }
  largest = 0;
  for (uint32_t v = 0; v < n; ++v) {
    if (parent[v] == v) largest = std::max<int64_t>(largest, size[v]);
  }
}

// Strong components: Tarjan's algorithm, iterative (no recursion depth limit).
std::vector<uint32_t> StrongComponentLabels(const graph::Graph& g, int64_t& count,
                                            int64_t& largest) {
  const auto n = static_cast<uint32_t>(g.num_nodes());
  constexpr uint32_t kUnseen = UINT32_MAX;
  std::vector<uint32_t> index(n, kUnseen), low(n), stack, next_edge(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<uint32_t> call;  // the DFS path
  std::vector<uint32_t> label(n);
  uint32_t counter = 0;
  count = 0;
  largest = 0;
  for (uint32_t root = 0; root < n; ++root) {
    if (index[root] != kUnseen) continue;
    call.push_back(root);
    while (!call.empty()) {
      uint32_t v = call.back();
      if (index[v] == kUnseen) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        on_stack[v] = true;
      }
      auto out = g.OutNeighbors(v);
      bool descended = false;
      while (next_edge[v] < out.size()) {
        uint32_t w = out[next_edge[v]++];
        if (index[w] == kUnseen) {
          call.push_back(w);
          descended = true;
          break;
        }
        if (on_stack[w]) low[v] = std::min(low[v], index[w]);
      }
      if (descended) continue;
      if (low[v] == index[v]) {
        int64_t members = 0;
        uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          label[w] = static_cast<uint32_t>(count);
          ++members;
        } while (w != v);
        ++count;
        largest = std::max(largest, members);
      }
      call.pop_back();
      if (!call.empty()) low[call.back()] = std::min(low[call.back()], low[v]);
    }
  }
  return label;
}

// Own linear-time kernels on the CSR arrays: igraph needs its own copy of the graph first, which
// costs more than the components themselves (bench/RESULTS.md).
Result<Structure> ComputeComponents(const graph::Graph& g) {
  Structure s;
  WeakComponents(g, s.weak_components, s.largest_weak);
  StrongComponentLabels(g, s.strong_components, s.largest_strong);
  return s;
}

Result<Structure> ComputeStructure(const graph::Graph& g) {
  if (g.num_nodes() == 0) return Structure{};
  ASSIGN_OR_RETURN(Structure s, ComputeComponents(g));
  internal::IGraph ig;
  RETURN_IF_ERROR(internal::ToIgraph(g, ig, nullptr, nullptr));
  internal::IVector per_node;
  RETURN_IF_ERROR(
      Check(igraph_adjacent_triangles(&ig.g, &per_node.v, igraph_vss_all()), "triangles"));
  double sum = 0;
  for (double t : per_node.Copy()) sum += t;
  s.triangles = std::llround(sum / 3);
  igraph_real_t value = 0;
  RETURN_IF_ERROR(Check(igraph_transitivity_undirected(&ig.g, &value, IGRAPH_TRANSITIVITY_ZERO),
                        "transitivity"));
  s.transitivity = value;
  RETURN_IF_ERROR(
      Check(igraph_transitivity_avglocal_undirected(&ig.g, &value, IGRAPH_TRANSITIVITY_ZERO),
            "average clustering"));
  s.average_clustering = value;
  RETURN_IF_ERROR(Check(igraph_diameter(&ig.g, &value, nullptr, nullptr, nullptr, nullptr,
                                        /*directed=*/false, /*unconn=*/true),
                        "diameter"));
  s.diameter = std::isfinite(value) ? static_cast<int64_t>(value) : 0;
  return s;
}

}  // namespace pl::network
