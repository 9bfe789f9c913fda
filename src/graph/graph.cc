#include "graph/graph.h"

#include <algorithm>
#include <cmath>

namespace pl::graph {
namespace {

constexpr std::array<std::string_view, kLayerCount> kLayerNames = {
    "reply", "mention", "reaction", "thread", "nomination", "debrief", "kudos", "mentoring"};

}  // namespace

std::string_view LayerName(Layer layer) { return kLayerNames[static_cast<size_t>(layer)]; }

std::optional<Layer> ParseLayer(std::string_view name) {
  for (size_t i = 0; i < kLayerCount; ++i) {
    if (kLayerNames[i] == name) return static_cast<Layer>(i);
  }
  return std::nullopt;
}

Window LastDays(Timestamp now, int days) { return {now - std::chrono::days(days), now}; }

Window Quarter(int year, int q) {
  using namespace std::chrono;
  auto start = sys_days(std::chrono::year{year} / month(unsigned(3 * (q - 1) + 1)) / 1);
  auto end = sys_days(std::chrono::year{year} / month(unsigned(3 * (q - 1) + 1)) / 1 + months(3));
  return {time_point_cast<microseconds>(sys_time<seconds>(start)),
          time_point_cast<microseconds>(sys_time<seconds>(end))};
}

std::span<const uint32_t> Graph::OutNeighbors(uint32_t v) const {
  return {out_targets_.data() + out_offsets_[v], out_targets_.data() + out_offsets_[v + 1]};
}
std::span<const double> Graph::OutWeights(uint32_t v) const {
  return {out_weights_.data() + out_offsets_[v], out_weights_.data() + out_offsets_[v + 1]};
}
std::span<const uint32_t> Graph::InNeighbors(uint32_t v) const {
  return {in_sources_.data() + in_offsets_[v], in_sources_.data() + in_offsets_[v + 1]};
}
std::span<const double> Graph::InWeights(uint32_t v) const {
  return {in_weights_.data() + in_offsets_[v], in_weights_.data() + in_offsets_[v + 1]};
}

double Graph::Weight(uint32_t u, uint32_t v) const {
  auto n = OutNeighbors(u);
  auto it = std::lower_bound(n.begin(), n.end(), v);
  if (it == n.end() || *it != v) return 0;
  return OutWeights(u)[it - n.begin()];
}

std::optional<uint32_t> Graph::IndexOf(int64_t id) const {
  auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
  if (it == ids_.end() || *it != id) return std::nullopt;
  return static_cast<uint32_t>(it - ids_.begin());
}

Graph Build(std::span<const Interaction> interactions, const BuildParams& params) {
  // Two passes over the input instead of a filtered copy of it: the peak is the dense edge list
  // (16 bytes per kept interaction) plus the out-side of the graph, and the edge list is freed
  // before the in-side is built from the out-side.
  const double half_life_us =
      params.half_life ? std::chrono::duration<double, std::micro>(*params.half_life).count() : 0;
  auto kept_weight = [&](const Interaction& x) -> double {
    if (x.src == x.dst) return 0;
    if (params.window && (x.ts < params.window->from || x.ts >= params.window->to)) return 0;
    double w = x.weight * params.layer_weights[static_cast<size_t>(x.layer)];
    if (half_life_us > 0 && params.window) {
      double age = std::chrono::duration<double, std::micro>(params.window->to - x.ts).count();
      w *= std::exp2(-age / half_life_us);
    }
    return w > 0 ? w : 0;  // also maps NaN to "not kept"
  };

  // The people, deduplicated whenever the buffer fills, so it stays near the number of people
  // rather than twice the number of interactions.
  Graph g;
  std::vector<int64_t>& ids = g.ids_;
  auto compact = [&ids] {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  };
  ids = params.extra_nodes;
  ids.reserve(ids.size() + std::min<size_t>(2 * interactions.size(), size_t{1} << 16));
  size_t kept = 0;
  for (const Interaction& x : interactions) {
    if (!(kept_weight(x) > 0)) continue;
    ++kept;
    if (ids.size() + 2 > ids.capacity()) {
      compact();
      if (ids.size() + 2 > ids.capacity() / 2) ids.reserve(2 * ids.capacity());
    }
    ids.push_back(x.src);
    ids.push_back(x.dst);
  }
  compact();
  ids.shrink_to_fit();
  const size_t n = g.ids_.size();

  // Dense indices, then (src, dst) order with parallel ties merged.
  struct Dense {
    uint32_t src, dst;
    double w;
  };
  std::vector<Dense> edges;
  edges.reserve(kept);
  for (const Interaction& x : interactions) {
    if (double w = kept_weight(x); w > 0)
      edges.push_back({*g.IndexOf(x.src), *g.IndexOf(x.dst), w});
  }
  std::sort(edges.begin(), edges.end(), [](const Dense& a, const Dense& b) {
    return a.src != b.src ? a.src < b.src : a.dst < b.dst;
  });
  size_t m = 0;
  for (size_t i = 0; i < edges.size(); ++i) {
    if (m > 0 && edges[m - 1].src == edges[i].src && edges[m - 1].dst == edges[i].dst) {
      edges[m - 1].w += edges[i].w;
    } else {
      edges[m++] = edges[i];
    }
  }

  g.out_offsets_.assign(n + 1, 0);
  g.out_targets_.resize(m);
  g.out_weights_.resize(m);
  for (size_t i = 0; i < m; ++i) {
    ++g.out_offsets_[edges[i].src + 1];
    g.out_targets_[i] = edges[i].dst;
    g.out_weights_[i] = edges[i].w;
  }
  std::vector<Dense>().swap(edges);
  g.in_offsets_.assign(n + 1, 0);
  for (uint32_t t : g.out_targets_) ++g.in_offsets_[t + 1];
  for (size_t v = 0; v < n; ++v) {
    g.out_offsets_[v + 1] += g.out_offsets_[v];
    g.in_offsets_[v + 1] += g.in_offsets_[v];
  }
  g.in_sources_.resize(m);
  g.in_weights_.resize(m);
  std::vector<uint64_t> in_next(g.in_offsets_.begin(), g.in_offsets_.end() - 1);
  for (uint32_t u = 0; u < n; ++u) {  // sources in ascending order: each in-list comes out sorted
    for (uint64_t i = g.out_offsets_[u]; i < g.out_offsets_[u + 1]; ++i) {
      const uint64_t slot = in_next[g.out_targets_[i]]++;
      g.in_sources_[slot] = u;
      g.in_weights_[slot] = g.out_weights_[i];
    }
  }
  return g;
}

Stats ComputeStats(const Graph& g) {
  Stats s;
  s.nodes = g.num_nodes();
  s.edges = g.num_edges();
  if (s.nodes > 1) {
    s.density = static_cast<double>(s.edges) / (static_cast<double>(s.nodes) * (s.nodes - 1));
  }
  size_t reciprocated = 0;
  for (uint32_t u = 0; u < g.num_nodes(); ++u) {
    for (uint32_t v : g.OutNeighbors(u)) reciprocated += g.Weight(v, u) > 0;
  }
  if (s.edges > 0) s.reciprocity = static_cast<double>(reciprocated) / static_cast<double>(s.edges);
  return s;
}

}  // namespace pl::graph
