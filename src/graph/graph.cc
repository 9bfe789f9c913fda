#include "graph/graph.h"

#include <algorithm>
#include <cmath>
#include <limits>

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

int64_t LengthInDays(const Window& w) {
  return std::llround(std::chrono::duration<double, std::ratio<86400>>(w.to - w.from).count());
}

Window Quarter(int year, int q) {
  using namespace std::chrono;
  auto start = sys_days(std::chrono::year{year} / month(unsigned(3 * (q - 1) + 1)) / 1);
  auto end = sys_days(std::chrono::year{year} / month(unsigned(3 * (q - 1) + 1)) / 1 + months(3));
  return {time_point_cast<microseconds>(sys_time<seconds>(start)),
          time_point_cast<microseconds>(sys_time<seconds>(end))};
}

double Graph::Weight(uint32_t u, uint32_t v) const {
  auto n = OutNeighbors(u);
  auto it = std::lower_bound(n.begin(), n.end(), v);
  if (it == n.end() || *it != v) return 0;
  return OutWeights(u)[it - n.begin()];
}

bool Graph::AllTiesReturned(bool same_strength) const {
  return out_offsets_ == in_offsets_ && out_targets_ == in_sources_ &&
         (!same_strength || out_weights_ == in_weights_);
}

std::optional<uint32_t> Graph::IndexOf(int64_t id) const {
  auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
  if (it == ids_.end() || *it != id) return std::nullopt;
  return static_cast<uint32_t>(it - ids_.begin());
}

Graph Build(std::span<const Interaction> interactions, const BuildParams& params) {
  // Passes over the input instead of a filtered copy of it: the peak is the ties bucketed by
  // source (8 bytes per kept interaction) plus the out-side of the graph, and the ties are freed
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

  // The people. Person ids from the store span a small range: then a table over the range gives
  // each its dense index in one pass (ids in ascending order, as IndexOf needs). Otherwise the
  // ids are gathered and deduplicated whenever the buffer fills, so it stays near the number of
  // people rather than twice the number of interactions, and found by binary search.
  Graph g;
  std::vector<int64_t>& ids = g.ids_;
  size_t kept = 0;
  int64_t lo = std::numeric_limits<int64_t>::max(), hi = std::numeric_limits<int64_t>::min();
  for (int64_t id : params.extra_nodes) lo = std::min(lo, id), hi = std::max(hi, id);
  for (const Interaction& x : interactions) {
    if (!(kept_weight(x) > 0)) continue;
    ++kept;
    lo = std::min({lo, x.src, x.dst});
    hi = std::max({hi, x.src, x.dst});
  }
  constexpr uint32_t kAbsent = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> table;  // id - lo -> dense index, when the range is small
  const bool any = lo <= hi;
  const uint64_t span = any ? static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1 : 0;
  const uint64_t entries = kept * 2 + params.extra_nodes.size();
  if (any && span <= std::max<uint64_t>(uint64_t{1} << 20, 4 * entries) &&
      span < (uint64_t{1} << 31)) {
    table.assign(span, kAbsent);
    for (int64_t id : params.extra_nodes) table[id - lo] = 0;
    for (const Interaction& x : interactions) {
      if (!(kept_weight(x) > 0)) continue;
      table[x.src - lo] = 0;
      table[x.dst - lo] = 0;
    }
    for (uint64_t i = 0; i < span; ++i) {
      if (table[i] == kAbsent) continue;
      table[i] = static_cast<uint32_t>(ids.size());
      ids.push_back(lo + static_cast<int64_t>(i));
    }
  } else {
    auto compact = [&ids] {
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    };
    ids = params.extra_nodes;
    ids.reserve(ids.size() + std::min<size_t>(2 * interactions.size(), size_t{1} << 16));
    for (const Interaction& x : interactions) {
      if (!(kept_weight(x) > 0)) continue;
      if (ids.size() + 2 > ids.capacity()) {
        compact();
        if (ids.size() + 2 > ids.capacity() / 2) ids.reserve(2 * ids.capacity());
      }
      ids.push_back(x.src);
      ids.push_back(x.dst);
    }
    compact();
  }
  ids.shrink_to_fit();
  const size_t n = g.ids_.size();
  auto index = [&](int64_t id) -> uint32_t {
    return table.empty() ? *g.IndexOf(id) : table[id - lo];
  };

  // Each kept interaction under its source (a counting sort: sources in order) as its target
  // and its place in the input (8 bytes a tie: the peak of a build), then each source's ties
  // sorted by target and parallel ties merged into the out-side, their weights taken again from
  // the input and summed in input order.
  struct Tie {
    uint32_t dst;
    uint32_t item;
  };
  std::vector<uint64_t> next(n + 1, 0);
  for (const Interaction& x : interactions) {
    if (kept_weight(x) > 0) ++next[index(x.src) + 1];
  }
  for (size_t v = 0; v < n; ++v) next[v + 1] += next[v];
  std::vector<uint64_t> begin(next.begin(), next.end());
  std::vector<Tie> ties(kept);
  for (size_t i = 0; i < interactions.size(); ++i) {
    const Interaction& x = interactions[i];
    if (kept_weight(x) > 0) {
      ties[next[index(x.src)]++] = {index(x.dst), static_cast<uint32_t>(i)};
    }
  }
  std::vector<uint64_t>().swap(next);
  std::vector<uint32_t>().swap(table);
  g.out_offsets_.assign(n + 1, 0);
  for (size_t u = 0; u < n; ++u) {
    auto first = ties.begin() + static_cast<std::ptrdiff_t>(begin[u]);
    auto last = ties.begin() + static_cast<std::ptrdiff_t>(begin[u + 1]);
    std::sort(first, last, [](const Tie& a, const Tie& b) {
      return a.dst != b.dst ? a.dst < b.dst : a.item < b.item;
    });
    size_t distinct = 0;
    for (auto it = first; it != last; ++it) distinct += it == first || it->dst != (it - 1)->dst;
    g.out_offsets_[u + 1] = g.out_offsets_[u] + distinct;
  }
  const size_t m = g.out_offsets_[n];
  g.out_targets_.resize(m);
  g.out_weights_.resize(m);
  size_t e = 0;
  for (size_t u = 0; u < n; ++u) {
    for (uint64_t i = begin[u]; i < begin[u + 1]; ++i) {
      const double w = kept_weight(interactions[ties[i].item]);
      if (i > begin[u] && ties[i].dst == ties[i - 1].dst) {
        g.out_weights_[e - 1] += w;
      } else {
        g.out_targets_[e] = ties[i].dst;
        g.out_weights_[e++] = w;
      }
    }
  }
  std::vector<uint64_t>().swap(begin);
  std::vector<Tie>().swap(ties);
  g.in_offsets_.assign(n + 1, 0);
  for (uint32_t t : g.out_targets_) ++g.in_offsets_[t + 1];
  for (size_t v = 0; v < n; ++v) g.in_offsets_[v + 1] += g.in_offsets_[v];
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
  double weight = 0, returned = 0;
  for (uint32_t u = 0; u < g.num_nodes(); ++u) {
    const auto out = g.OutNeighbors(u);
    const auto w = g.OutWeights(u);
    for (size_t k = 0; k < out.size(); ++k) {
      const double back = g.Weight(out[k], u);
      reciprocated += back > 0;
      weight += w[k];
      returned += std::min(w[k], back);
    }
  }
  if (s.edges > 0) s.reciprocity = static_cast<double>(reciprocated) / static_cast<double>(s.edges);
  if (weight > 0) s.weight_reciprocity = returned / weight;
  return s;
}

}  // namespace pl::graph
