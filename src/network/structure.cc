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

// Strong components: Pearce's variant of Tarjan's algorithm ("A space-efficient algorithm for
// finding strongly connected components", 2016), iterative (no recursion depth limit).
std::vector<uint32_t> StrongComponentLabels(const graph::Graph& g, int64_t& count,
                                            int64_t& largest) {
  // One number per node: its visit index while its component is open (the low link overwrites
  // it), the component's number once closed. Components are numbered down from n - 1 as they
  // close and visit indices given back, so an open node's number is always below a closed one's
  // and no on-stack flag is needed.
  const auto n = static_cast<uint32_t>(g.num_nodes());
  std::vector<uint32_t> rindex(n, 0);  // 0: not reached yet
  struct Frame {
    const uint32_t* it;
    const uint32_t* end;
    uint32_t v;
    bool root;
  };
  std::vector<Frame> path;     // the depth-first path
  std::vector<uint32_t> open;  // visited, left the path, their component not yet closed
  uint32_t index = 1;
  uint32_t closed = 0;  // components closed so far; the next gets number n - 1 - closed
  auto enter = [&](uint32_t v) {
    rindex[v] = index++;
    const auto out = g.OutNeighbors(v);
    path.push_back({out.data(), out.data() + out.size(), v, true});
  };
  for (uint32_t r = 0; r < n; ++r) {
    if (rindex[r] != 0) continue;
    enter(r);
    while (!path.empty()) {
      Frame& f = path.back();
      if (f.it != f.end) {
        const uint32_t w = *f.it;
        if (rindex[w] == 0) {
          enter(w);  // f.it moves on when w is done
          continue;
        }
        if (rindex[w] < rindex[f.v]) rindex[f.v] = rindex[w], f.root = false;
        ++f.it;
        continue;
      }
      const uint32_t v = f.v;
      const bool root = f.root;
      path.pop_back();
      if (root) {
        const uint32_t c = n - 1 - closed++;
        --index;
        while (!open.empty() && rindex[v] <= rindex[open.back()]) {
          rindex[open.back()] = c;
          open.pop_back();
          --index;
        }
        rindex[v] = c;
      } else {
        open.push_back(v);
      }
      if (!path.empty()) {
        Frame& p = path.back();
        if (rindex[v] < rindex[p.v]) rindex[p.v] = rindex[v], p.root = false;
        ++p.it;
      }
    }
  }
  // Numbered in the order closed: a sink component first, so a tie u -> v between two
  // components has label[u] > label[v].
  std::vector<uint32_t> size(closed, 0);
  for (uint32_t& l : rindex) ++size[l = n - 1 - l];
  count = closed;
  largest = closed == 0 ? 0 : *std::max_element(size.begin(), size.end());
  return rindex;
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
