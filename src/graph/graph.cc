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
  struct Raw {
    int64_t src, dst;
    double w;
  };
  std::vector<Raw> raw;
  raw.reserve(interactions.size());
  const double half_life_us =
      params.half_life ? std::chrono::duration<double, std::micro>(*params.half_life).count() : 0;
  for (const Interaction& x : interactions) {
    if (x.src == x.dst) continue;
    if (params.window && (x.ts < params.window->from || x.ts >= params.window->to)) continue;
    double w = x.weight * params.layer_weights[static_cast<size_t>(x.layer)];
    if (half_life_us > 0 && params.window) {
      double age = std::chrono::duration<double, std::micro>(params.window->to - x.ts).count();
      w *= std::exp2(-age / half_life_us);
    }
    if (!(w > 0)) continue;
    raw.push_back({x.src, x.dst, w});
  }

  Graph g;
  g.ids_ = params.extra_nodes;
  g.ids_.reserve(g.ids_.size() + 2 * raw.size());
  for (const Raw& r : raw) {
    g.ids_.push_back(r.src);
    g.ids_.push_back(r.dst);
  }
  std::sort(g.ids_.begin(), g.ids_.end());
  g.ids_.erase(std::unique(g.ids_.begin(), g.ids_.end()), g.ids_.end());
  g.ids_.shrink_to_fit();
  const size_t n = g.ids_.size();

  // Dense indices, then (src, dst) order with parallel ties merged.
  struct Dense {
    uint32_t src, dst;
    double w;
  };
  std::vector<Dense> edges;
  edges.reserve(raw.size());
  for (const Raw& r : raw) edges.push_back({*g.IndexOf(r.src), *g.IndexOf(r.dst), r.w});
  raw.clear();
  raw.shrink_to_fit();
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
  edges.resize(m);

  g.out_offsets_.assign(n + 1, 0);
  g.in_offsets_.assign(n + 1, 0);
  for (const Dense& e : edges) {
    ++g.out_offsets_[e.src + 1];
    ++g.in_offsets_[e.dst + 1];
  }
  for (size_t v = 0; v < n; ++v) {
    g.out_offsets_[v + 1] += g.out_offsets_[v];
    g.in_offsets_[v + 1] += g.in_offsets_[v];
  }
  g.out_targets_.resize(m);
  g.out_weights_.resize(m);
  g.in_sources_.resize(m);
  g.in_weights_.resize(m);
  std::vector<uint64_t> in_next(g.in_offsets_.begin(), g.in_offsets_.end() - 1);
  for (size_t i = 0; i < m; ++i) {  // edges are in (src, dst) order: both sides come out sorted
    g.out_targets_[i] = edges[i].dst;
    g.out_weights_[i] = edges[i].w;
    uint64_t slot = in_next[edges[i].dst]++;
    g.in_sources_[slot] = edges[i].src;
    g.in_weights_[slot] = edges[i].w;
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
