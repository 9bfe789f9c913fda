#include "network/centrality.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <memory>
#include <thread>

#include "core/memory.h"
#include "network/internal/pagerank.h"
#include "network/structure.h"

namespace pl::network {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// n zeros, their pages mapped in one call rather than faulted in one by one as they are written.
template <class T>
std::vector<T> Zeros(size_t n) {
  std::vector<T> v;
  v.reserve(n);
  Prefault(v.data(), n * sizeof(T));
  v.resize(n);
  return v;
}

// Calls fn(partner, mutual weight) for each person tied to v in either direction, in node
// order, merging v's sorted out- and in-lists. Mutual weight: the tie strengths of both
// directions when `weighted`, else 1 per direction.
template <class Fn>
inline void ForEachPartner(const graph::Graph& g, uint32_t v, bool weighted, Fn fn) {
  auto on = g.OutNeighbors(v), in = g.InNeighbors(v);
  auto ow = g.OutWeights(v), iw = g.InWeights(v);
  size_t i = 0, j = 0;
  while (i < on.size() || j < in.size()) {
    if (j == in.size() || (i < on.size() && on[i] < in[j])) {
      fn(on[i], weighted ? ow[i] : 1.0);
      ++i;
    } else if (i == on.size() || in[j] < on[i]) {
      fn(in[j], weighted ? iw[j] : 1.0);
      ++j;
    } else {
      fn(on[i], weighted ? ow[i] + iw[j] : 2.0);
      ++i, ++j;
    }
  }
}

// Sum of z over the in-ties p[0..d) (times their strengths w when weighted), four partial sums
// so the additions do not wait on each other. Index: how the neighbours are stored (node ids
// of the graph, or 2-byte copies of them, see SolveCore).
template <bool kWeighted, class Index>
inline double PullList(const Index* p, const double* w, size_t d, const double* z) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  size_t k = 0;
  if constexpr (kWeighted) {
    for (; k + 4 <= d; k += 4) {
      s0 += w[k] * z[p[k]];
      s1 += w[k + 1] * z[p[k + 1]];
      s2 += w[k + 2] * z[p[k + 2]];
      s3 += w[k + 3] * z[p[k + 3]];
    }
    for (; k < d; ++k) s0 += w[k] * z[p[k]];
  } else {
    for (; k + 4 <= d; k += 4) {
      s0 += z[p[k]];
      s1 += z[p[k + 1]];
      s2 += z[p[k + 2]];
      s3 += z[p[k + 3]];
    }
    for (; k < d; ++k) s0 += z[p[k]];
  }
  return (s0 + s1) + (s2 + s3);
}

// PullList over a list kept as its first node number and the gaps between its (ascending)
// neighbours, in eight partial sums: with four, a sweep of the generated organisation (the core
// that takes this path) waited on the additions, 9% longer (bench/RESULTS.md); on the short
// lists of soc-Slashdot0902 and email-Enron eight were slower than four. Reads one gap past the
// list's own (the next list's, or the copy's padding); the node number made from it is unused.
template <bool kWeighted>
inline double PullGaps(uint32_t id, const uint16_t* gap, const double* w, size_t d,
                       const double* z) {
  auto term = [&](size_t k, uint32_t v) {
    if constexpr (kWeighted) {
      return w[k] * z[v];
    } else {
      return z[v];
    }
  };
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  size_t k = 0;
  for (; k + 8 <= d; k += 8) {
    const uint32_t a = id, b = a + gap[k], c = b + gap[k + 1], e = c + gap[k + 2];
    const uint32_t f = e + gap[k + 3], h = f + gap[k + 4], i = h + gap[k + 5], j = i + gap[k + 6];
    id = j + gap[k + 7];
    s0 += term(k, a);
    s1 += term(k + 1, b);
    s2 += term(k + 2, c);
    s3 += term(k + 3, e);
    s4 += term(k + 4, f);
    s5 += term(k + 5, h);
    s6 += term(k + 6, i);
    s7 += term(k + 7, j);
  }
  if (k + 4 <= d) {
    const uint32_t a = id, b = a + gap[k], c = b + gap[k + 1], e = c + gap[k + 2];
    id = e + gap[k + 3];
    s0 += term(k, a);
    s1 += term(k + 1, b);
    s2 += term(k + 2, c);
    s3 += term(k + 3, e);
    k += 4;
  }
  for (; k < d; ++k) {
    s0 += term(k, id);
    id += gap[k];
  }
  return ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7));
}

template <bool kWeighted>
inline double Pull(const graph::Graph& g, const double* z, uint32_t v) {
  auto in = g.InNeighbors(v);
  return PullList<kWeighted>(in.data(), kWeighted ? g.InWeights(v).data() : nullptr, in.size(), z);
}

// The over-relaxation factor of SolveCore's sweeps, chosen from the contraction ratios
// (change / previous change) the sweeps show. Three plain Gauss–Seidel sweeps measure theirs,
// r, which gives Young's factor omega = 2 / (1 + sqrt(1 - r)). For these systems (not
// "consistently ordered") that falls short of the best one: below it, a sweep contracts by
// more than omega - 1; at it, by omega - 1; above it, the contraction grows and wanders. So
// Young's factor and one 0.03 above it run four sweeps each, and the factor where the
// contraction would meet omega - 1 is found by the secant through the two (less 0.01: beyond
// the best costs more than short of it), within [Young's, second + 0.1]. On email-Enron this
// is 1.36 against Young's 1.31 (33 → 28 sweeps), on soc-Slashdot0902 1.32 against 1.29.
// Two growing sweeps in a row with over-relaxation: plain sweeps for good.
class Relaxation {
 public:
  double omega() const { return omega_; }

  void AfterSweep(int sweep, double ratio) {
    if (plain_) return;
    growing_ = omega_ > 1.0 && ratio > 1 ? growing_ + 1 : 0;
    if (growing_ >= 2) {
      omega_ = 1.0;
      plain_ = true;
      return;
    }
    if (sweep != next_) return;
    switch (phase_++) {
      case 0:  // plain sweeps measured
        if (ratio >= 1) {
          plain_ = true;
          return;
        }
        omega_ = 2.0 / (1.0 + std::sqrt(1.0 - ratio));
        break;
      case 1:  // Young's factor measured
        first_omega_ = omega_;
        first_gap_ = ratio - (omega_ - 1.0);
        first_ratio_ = ratio;
        omega_ = std::min(1.9, omega_ + kStep);
        break;
      case 2: {  // the second factor measured
        const double gap = ratio - (omega_ - 1.0);
        if (first_gap_ > 0 && gap < first_gap_) {
          const double root =
              first_omega_ + first_gap_ * (omega_ - first_omega_) / (first_gap_ - gap);
          omega_ = std::clamp(root - kMargin, first_omega_, std::min(1.9, omega_ + 0.1));
        } else if (ratio > first_ratio_) {
          omega_ = first_omega_;
        }
        return;
      }
      default:
        return;
    }
    next_ = sweep + kSettle;
  }

 private:
  static constexpr int kSettle = 4;  // sweeps after a change before its contraction is read
  static constexpr double kStep = 0.03, kMargin = 0.01;
  double omega_ = 1.0;
  bool plain_ = false;
  int growing_ = 0, phase_ = 0, next_ = 2;
  double first_omega_ = 1.0, first_gap_ = 0, first_ratio_ = 1.0;
};

// 1 / v's out-strength (0 for a dangling person): what each of v's out-ties carries of its rank.
template <bool kWeighted>
inline double InverseOutStrength(const graph::Graph& g, uint32_t v) {
  double s = 0;
  if constexpr (kWeighted) {
    for (double w : g.OutWeights(v)) s += w;
  } else {
    s = static_cast<double>(g.OutDegree(v));
  }
  return s > 0 ? 1.0 / s : 0.0;
}

// How SolveCore copies the in-lists: node numbers in 2 bytes (graphs of at most 65,536 people)
// or 4, or each list as its first node number and 2-byte gaps between its ascending neighbours.
enum class Copy { kTwoBytes, kFourBytes, kGaps };
// Gaps cost more to read than node numbers, and pay where the copy streams from memory: the
// generated organisation's 4M ties (16 MB in 4 bytes) 1.4× faster, soc-Slashdot0902's 0.87M
// (3.5 MB) 1.3× slower (bench/RESULTS.md). So they are used from 2M ties on.
constexpr size_t kGapsFrom = size_t{1} << 21;

// Solves the core (two or more people, each with an in-tie and an out-tie among them), given
// final values everywhere upstream, with (over-relaxed, see Relaxation) Gauss–Seidel sweeps
// from zero. Stops when alpha × change × r / (1 - r), the remaining error of a contraction r as
// the last Jacobi step leaves it (that step takes an error e to alpha P^T e: at most alpha of it
// in L1), is below `budget` times the core's rank sum (at least 1), with r the last sweep's
// contraction but at
// least max(omega - 1, 1/2): the budget is on the normalised result, and the ranks are
// normalised by their total, which is at least 1 (every rank is at least b = 1 / n) and at
// least the core's own sum.
//
// The sweeps take the members by in-degree (fewer than 64 in-ties: one group per count, so the
// loop over a person's ties runs as long as the last one's and its end is predicted; the count
// is the group's, so only the last group, 64 and more, keeps where each list ends), and read
// their in-lists from a copy laid out in that order, one sequential stream instead of a jump per
// person; values that belong to the member (its rank, 1 / out-strength) sit by its place in the
// order. On email-Enron this took a sweep from 0.5 to 0.18 ms (bench/RESULTS.md). The copy
// (Copy) costs 2 bytes per in-tie of the core where the graph has at most 65,536 people, else 4,
// or, for a core of 2M ties and more, 2 again with the gaps between the node numbers (and the
// first number, 4 bytes a member): on the generated organisation (100,000 people, 4M ties) the
// sweeps stream their copy from memory, and gaps took a sweep from about 2.4 to 1.7 ms. A list
// with a gap over 65,535 is read from the graph instead (its place in the copy left unread).
// The weights, where used, are read from the graph. Much of what it costs to set up is the first
// touch of its arrays (a page fault per 4 KiB, 0.8-1.5 µs each here), hence the narrow copy and
// no array that can be done without; the pages are mapped ahead, all at once (Prefault, about
// 0.4 µs a page: 4% of the whole on soc-Slashdot0902 and the organisation). Not huge pages:
// asking for them (Debian's default "defrag=madvise") makes a fault wait while the kernel
// compacts memory; after other programs had run, that took the organisation's PageRank from
// 0.10-0.14 s to 0.23-0.33.
template <bool kWeighted, Copy kCopy>
void SolveCore(const graph::Graph& g, std::span<const uint32_t> members, double alpha, double b,
               double budget, std::vector<double>& y, std::vector<double>& z) {
  constexpr bool kGaps = kCopy == Copy::kGaps;
  using Entry = std::conditional_t<kCopy == Copy::kFourBytes, uint32_t, uint16_t>;
  constexpr size_t kLess = kGaps ? 1 : 0;    // entries a list takes in the copy: in-degree - this
  constexpr uint32_t kOwnList = UINT32_MAX;  // in first[]: read the graph's list (no node's id)
  const size_t count = members.size();
  constexpr size_t kGroups = 64, kLast = kGroups - 1;
  // Written before they are read, so left uninitialised: zeroing them first had cost a pass.
  auto seq = std::make_unique_for_overwrite<uint32_t[]>(count);  // members in sweep order
  Prefault(seq.get(), count * sizeof(uint32_t));
  std::array<size_t, kGroups + 1> start{};  // group k: seq[start[k], start[k + 1])
  size_t stream = 0;                        // entries in the copy
  for (uint32_t v : members) {
    const size_t d = g.InDegree(v);
    ++start[std::min(d, kLast) + 1];
    stream += d - kLess;
  }
  for (size_t k = 0; k < kGroups; ++k) start[k + 1] += start[k];
  {
    std::array<size_t, kGroups> at;
    std::copy(start.begin(), start.end() - 1, at.begin());
    for (uint32_t v : members) seq[at[std::min(g.InDegree(v), kLast)]++] = v;
  }
  // Each member's rank and 1 / out-strength side by side; where the last group's lists end.
  struct Slot {
    double rank, inv;
  };
  auto slot = std::make_unique_for_overwrite<Slot[]>(count);
  auto last_end = std::make_unique_for_overwrite<uint64_t[]>(count - start[kLast]);
  auto list = std::make_unique_for_overwrite<Entry[]>(stream + 1);  // + the gap read past
  auto first = std::make_unique_for_overwrite<uint32_t[]>(kGaps ? count : 0);
  Prefault(slot.get(), count * sizeof(Slot));
  Prefault(list.get(), (stream + 1) * sizeof(Entry));
  Prefault(first.get(), (kGaps ? count : 0) * sizeof(uint32_t));
  list[stream] = 0;
  stream = 0;
  // The members are far apart in the graph: what the next ones need is asked for ahead, so
  // their cache misses overlap (a member's gaps are a long loop that would otherwise hold them
  // back: the organisation's copy took 28 ms without, 14 with, medians of 5).
  for (size_t i = 0; i < count; ++i) {
    if (i + 16 < count) {
      PrefetchLine(g.InBoundsAt(seq[i + 16]));
      PrefetchLine(g.OutBoundsAt(seq[i + 16]));
      PrefetchLine(y.data() + seq[i + 16]);
    }
    if (i + 8 < count) PrefetchLine(g.InNeighbors(seq[i + 8]).data());
    const uint32_t v = seq[i];
    const auto in = g.InNeighbors(v);
    if constexpr (kGaps) {
      const uint32_t* from = in.data();
      Entry* to = list.get() + stream;
      const size_t gaps = in.size() - 1;
      uint32_t wide = 0;
      for (size_t j = 0; j < gaps; ++j) {
        const uint32_t gap = from[j + 1] - from[j];
        wide |= gap;
        to[j] = static_cast<uint16_t>(gap);
      }
      stream += gaps;
      first[i] = wide <= 65535 ? from[0] : kOwnList;
    } else {
      std::copy(in.begin(), in.end(), list.get() + stream);  // fits: see Copy
      stream += in.size();
    }
    if (i >= start[kLast]) last_end[i - start[kLast]] = stream;
    slot[i] = {y[v], InverseOutStrength<kWeighted>(g, v)};
  }
  double* zp = z.data();
  const Entry* lp = list.get();
  // Pull on member i, whose list of d takes entries from k of the copy.
  auto pull = [&](size_t i, uint64_t k, size_t d) {
    const double* w = nullptr;
    if constexpr (kWeighted) w = g.InWeights(seq[i]).data();
    if constexpr (kGaps) {
      if (first[i] == kOwnList) [[unlikely]]
        return Pull<kWeighted>(g, zp, seq[i]);
      return PullGaps<kWeighted>(first[i], lp + k, w, d, zp);
    } else {
      return PullList<kWeighted>(lp + k, w, d, zp);
    }
  };
  // Calls f(i, pull on member i) for each member in sweep order.
  auto each = [&](auto&& f) {
    uint64_t k = 0;
    for (size_t d = 1; d < kLast; ++d) {  // nobody in the core lacks an in-tie
      for (size_t i = start[d]; i < start[d + 1]; ++i, k += d - kLess) f(i, pull(i, k, d));
    }
    for (size_t i = start[kLast]; i < count; ++i) {
      const uint64_t e = last_end[i - start[kLast]];
      f(i, pull(i, k, e - k + kLess));
      k = e;
    }
  };
  Relaxation relax;
  double previous = 0, ratio = alpha;
  for (int sweep = 0; sweep < 100000; ++sweep) {
    const double omega = relax.omega();
    double change = 0, sum = 0;
    each([&](size_t i, double pull) {
      Slot& s = slot[i];
      const double nv = s.rank + omega * (b + alpha * pull - s.rank);
      change += std::fabs(nv - s.rank);
      sum += nv;
      s.rank = nv;
      zp[seq[i]] = nv * s.inv;
    });
    if (previous > 0) ratio = change / previous;
    previous = change;
    relax.AfterSweep(sweep, ratio);
    const double r = std::min(0.99, std::max({ratio, omega - 1.0, 0.5}));
    // The last Jacobi step (below) takes the error e to alpha P^T e, at most alpha of it.
    if (sweep >= 2 && alpha * change * r / (1 - r) < budget * std::max(1.0, sum)) break;
  }
  // A last Jacobi step (everyone from the same finished vector): people with the same in-ties
  // (the same list, in the same order) end with bit-identical ranks, whatever their place in
  // the sweep order.
  each([&](size_t i, double pull) { slot[i].rank = b + alpha * pull; });
  for (size_t i = 0; i < count; ++i) {
    y[seq[i]] = slot[i].rank;
    zp[seq[i]] = slot[i].rank * slot[i].inv;
  }
}

}  // namespace

double internal::BackReach(const graph::Graph& g, std::span<const uint32_t> back, double alpha,
                           bool weighted, std::span<double> reach) {
  double largest = 0;
  for (size_t i = back.size(); i-- > 0;) {
    const uint32_t v = back[i];
    const auto out = g.OutNeighbors(v);
    double passed = 0, strength = 0;
    if (weighted) {
      const auto w = g.OutWeights(v);
      for (size_t k = 0; k < out.size(); ++k) passed += w[k] * reach[out[k]], strength += w[k];
    } else {
      for (uint32_t u : out) passed += reach[u];
      strength = static_cast<double>(out.size());
    }
    reach[v] = 1 + (strength > 0 ? alpha * passed / strength : 0);
    largest = std::max(largest, reach[v]);
  }
  return largest;
}

namespace {

// PageRank with uniform teleport and uniform dangling spread is the normalised solution y of
// (I - alpha P^T) y = 1/n, where P has empty rows for dangling people (their spread only scales
// the solution). That system has no all-to-all term, so a person whose in-ties all come from
// people already solved is exact in one step. So the graph is trimmed first: people without
// in-ties from the unsolved are peeled off from the front (sources, then those only they reach,
// ...), people without out-ties to the unsolved from the back (sinks, then those that only
// reach them, ...). The front is solved in the order peeled, then the core — what is left,
// every person in it on a cycle or on a path between two — by SolveCore's sweeps, then the back
// in reverse order of peeling. An acyclic graph is all front: one pass. Trimming reads each
// peeled person's ties once. A strong-component decomposition first (Pearce's, the fastest
// tried) cost 4–7 ns a tie on the SNAP graphs, a third of the whole on the generated
// organisation, while sweeping the core's few small cycles together with its giant one cost no
// more sweeps there (bench/RESULTS.md).
template <bool kWeighted>
std::vector<double> PageRankSolve(const graph::Graph& g, double alpha, double tolerance) {
  const auto n = static_cast<uint32_t>(g.num_nodes());
  std::vector<double> y = Zeros<double>(n), z = Zeros<double>(n);  // z = y / out-strength
  const double b = 1.0 / n;
  auto exact = [&](uint32_t v) {
    y[v] = b + alpha * Pull<kWeighted>(g, z.data(), v);
    z[v] = y[v] * InverseOutStrength<kWeighted>(g, v);
  };
  auto solve_core = [&](std::span<const uint32_t> members, double budget) {
    if (n <= 65536) {
      SolveCore<kWeighted, Copy::kTwoBytes>(g, members, alpha, b, budget, y, z);
      return;
    }
    size_t ties = 0;
    for (uint32_t v : members) ties += g.InDegree(v);
    if (ties <= kGapsFrom) {
      SolveCore<kWeighted, Copy::kFourBytes>(g, members, alpha, b, budget, y, z);
    } else {
      SolveCore<kWeighted, Copy::kGaps>(g, members, alpha, b, budget, y, z);
    }
  };
  auto normalised = [&] {
    double total = 0;
    for (double v : y) total += v;
    for (double& v : y) v /= total;
    return std::move(y);
  };
  // Where few ties are returned (under a tenth of some 1,000 looked at, spread over the people),
  // the graph tends to be mostly acyclic, and peeling would touch most ties at random; its
  // strong components in topological order cost less there (BA 1M / 10M, no tie returned:
  // 38 ms against 85). Each is solved from final values upstream: a single person exactly, a
  // larger one by sweeps with its share of the tolerance (less what passes on downstream, as
  // below). Either way the result is the same; only the time differs.
  uint32_t looked = 0, returned = 0;
  for (uint32_t v = 0; v < n; v += std::max<uint32_t>(1, n / 1024)) {
    const auto out = g.OutNeighbors(v);
    if (out.empty()) continue;
    const uint32_t w = out[out.size() / 2];
    const auto back_ties = g.OutNeighbors(w);
    ++looked;
    returned += std::binary_search(back_ties.begin(), back_ties.end(), v);
  }
  if (looked > 0 && returned * 10 < looked) {
    int64_t count = 0, largest = 0;
    const std::vector<uint32_t> label = StrongComponentLabels(g, count, largest);
    const auto comps = static_cast<uint32_t>(count);
    std::vector<uint32_t> first(comps + 1, 0), members(n);
    for (uint32_t v = 0; v < n; ++v) ++first[comps - label[v]];
    for (uint32_t c = 0; c < comps; ++c) first[c + 1] += first[c];
    for (uint32_t v = 0; v < n; ++v) members[first[comps - 1 - label[v]]++] = v;
    for (uint32_t c = comps; c > 0; --c) first[c] = first[c - 1];
    first[0] = 0;
    for (uint32_t c = 0; c < comps; ++c) {
      const std::span<const uint32_t> part(members.data() + first[c], first[c + 1] - first[c]);
      if (part.size() == 1) {
        exact(part[0]);
      } else {
        solve_core(part, tolerance * (1 - alpha) * part.size() * b);
      }
    }
    return normalised();
  }
  // order[0, front) peeled from the front in order; order[back, n) from the back, the last
  // peeled first; the core in between. `left` counts a person's ties to or from the unpeeled.
  std::vector<uint32_t> order = Zeros<uint32_t>(n), left = Zeros<uint32_t>(n);
  uint32_t front = 0, back = n;
  for (uint32_t v = 0; v < n; ++v) {
    left[v] = static_cast<uint32_t>(g.InDegree(v));
    if (left[v] == 0) order[front++] = v;
  }
  for (uint32_t i = 0; i < front; ++i) {
    for (uint32_t w : g.OutNeighbors(order[i])) {
      if (--left[w] == 0) order[front++] = w;
    }
  }
  // From here `left` counts out-ties; a peeled person is marked with UINT32_MAX.
  for (uint32_t i = 0; i < front; ++i) left[order[i]] = UINT32_MAX;
  for (uint32_t v = 0; v < n; ++v) {
    if (left[v] == UINT32_MAX) continue;
    left[v] = static_cast<uint32_t>(g.OutDegree(v));
    if (left[v] == 0) order[--back] = v;
  }
  for (uint32_t i = n; i-- > back;) {
    for (uint32_t u : g.InNeighbors(order[i])) {
      if (left[u] != UINT32_MAX && --left[u] == 0) order[--back] = u;
    }
    left[order[i]] = UINT32_MAX;
  }
  // The core, in node order (every person in it has an in-tie and an out-tie in it, so it is
  // never a single person).
  uint32_t k = front;
  for (uint32_t v = 0; v < n; ++v) {
    if (left[v] != UINT32_MAX) order[k++] = v;
  }
  left = {};

  for (uint32_t i = 0; i < front; ++i) exact(order[i]);
  const std::span<const uint32_t> core(order.data() + front, back - front);
  // The back's ranks are computed from the core's, so its errors pass on. An error of 1 at a
  // person of the back becomes at most reach(v) = 1 + alpha × the sum of reach(w) over their
  // out-ties to w, each weighed by its share of v's out-strength, in all (the back's out-ties
  // stay in the back: internal::BackReach). An error of 1 in the core becomes at most 1 + alpha ×
  // the largest reach in all; the core's budget leaves room for that. (It had been the bound for
  // any graph, 1 / (1 - alpha): 6.7 for 0.85, against 2.6 on soc-Slashdot0902, whose back's
  // largest reach is 1.85, bench/RESULTS.md.) The back's ranks hold the reaches until solved.
  const double reach = internal::BackReach(
      g, std::span<const uint32_t>(order.data() + back, n - back), alpha, kWeighted, y);
  const double budget = tolerance / (1 + alpha * reach);
  if (!core.empty()) solve_core(core, budget);
  for (uint32_t i = back; i < n; ++i) exact(order[i]);
  return normalised();
}

// One thread's Brandes state, reused across its sources: per node the hop distance from the
// source (-1 unreached) and the number of shortest paths (0 unreached) — in the backward pass
// replaced, node by node, by (1 + dependency) / paths, which is all its predecessors read, and
// both set back for the next search at its end; the nodes in the order
// reached, and for the k-th of them its successors on shortest paths
// (succ[succ_end[k - 1] .. succ_end[k]]), appended during the forward pass so the backward pass
// reads only those ties, in sequence. The successor list grows to what the largest
// shortest-path DAG so far needed (at most the ties), not to the ties up front.
struct BrandesState {
  std::vector<int32_t> dist;
  std::vector<double> sigma;
  std::vector<uint32_t> order;
  std::vector<uint64_t> succ_end;
  std::vector<uint32_t> succ;
  std::vector<double> bc;
  size_t max_succ;
  BrandesState(uint32_t n, size_t m)
      : dist(n, -1),
        sigma(n, 0.0),
        order(n + 1),  // the forward pass writes one place past the nodes reached
        succ_end(n),
        succ(std::min<size_t>(m, 4096)),
        bc(n, 0.0),
        max_succ(m) {}
};

// One Brandes search from s, every target counted `weight` times (the source's own search and
// the searches of the pendants folded into it, below); returns how many nodes it reached, s
// among them.
uint32_t BrandesFrom(const graph::Graph& g, uint32_t s, double weight, BrandesState& st) {
  int32_t* dist = st.dist.data();
  double* sigma = st.sigma.data();
  uint32_t* order = st.order.data();
  uint32_t* succ = st.succ.data();
  uint64_t* succ_end = st.succ_end.data();
  uint32_t head = 0, tail = 0;
  uint64_t edges = 0;
  order[tail++] = s;
  dist[s] = 0;
  sigma[s] = 1;
  while (head < tail) {
    if (head + 16 < tail) PrefetchLine(g.OutBoundsAt(order[head + 16]));
    if (head + 8 < tail) PrefetchLine(g.OutNeighbors(order[head + 8]).data());
    const uint32_t v = order[head];
    const int32_t dw = dist[v] + 1;
    const double sv = sigma[v];
    const auto out = g.OutNeighbors(v);
    if (edges + out.size() > st.succ.size()) {  // room for all of v's ties, by half again
      st.succ.resize(std::min(st.max_succ, std::max(edges + out.size(), st.succ.size() * 3 / 2)));
      succ = st.succ.data();
    }
    // Without branches: whether a tie leads to a node not reached before, or to one reached at
    // the same distance, is a coin toss to the processor in the middle of a search. Every tie
    // writes its end into the queue and the successors, and only advances them where it counts;
    // the distances of the nodes v reached first are set after v's list (Build merges parallel
    // ties, so no node is twice in it), as are the path counts.
    const uint64_t first = edges;
    const uint32_t reached = tail;
    for (uint32_t w : out) {
      const int32_t d = dist[w];
      const bool fresh = d < 0;
      order[tail] = w;
      tail += fresh;
      succ[edges] = w;
      edges += fresh | (d == dw);
    }
    for (uint32_t k = reached; k < tail; ++k) dist[order[k]] = dw;
    for (uint64_t j = first; j < edges; ++j) sigma[succ[j]] += sv;  // unreached nodes hold 0
    succ_end[head++] = edges;
  }
  // Dependencies in order of decreasing distance: delta_v = sigma_v * sum over successors w of
  // (weight + delta_w) / sigma_w, the latter already in sigma[w] (successors come later in order).
  for (uint32_t k = tail; k-- > 1;) {
    const uint32_t v = order[k];
    double acc = 0;
    for (uint64_t j = succ_end[k - 1]; j < succ_end[k]; ++j) acc += sigma[succ[j]];
    const double delta = sigma[v] * acc;
    st.bc[v] += delta;
    sigma[v] = (weight + delta) / sigma[v];
  }
  for (uint32_t k = 0; k < tail; ++k) {
    dist[order[k]] = -1;
    sigma[order[k]] = 0;
  }
  return tail;
}

// The node a pendant u is folded into, or UINT32_MAX. u is a pendant on v when its only out-tie
// goes to v and its in-ties, if any, come from v alone (the graph has no self-loops). Then every
// shortest path from u is the tie u -> v followed by a shortest path from v, and no shortest path
// from v passes through u (u leads back only to v). So u's search gives every node but u and v the
// dependency v's own search gives it, less the part for target u — and that part is nothing, since
// v reaches u, if at all, by the direct tie with no one between. The search from v with every
// target counted 1 + k times for its k pendants therefore stands for all 1 + k searches; and v
// lies between u and every node v reaches except u. A host is never a pendant itself, except in
// a pair tied to no one else, each pendant on the other: both searches are dropped, which is
// exact, as nobody lies between anybody there. People with a single partner are common in
// communication networks (Baglioni et al. 2012 remove them the same way): 31% of email-Enron's
// people are pendants.
uint32_t PendantHost(const graph::Graph& g, uint32_t u) {
  if (g.OutDegree(u) != 1) return UINT32_MAX;
  const uint32_t v = g.OutNeighbors(u)[0];
  if (g.InDegree(u) > 1 || (g.InDegree(u) == 1 && g.InNeighbors(u)[0] != v)) {
    return UINT32_MAX;
  }
  return v;
}

// Runs body(t, i) for i = t, t + threads, ... < count on `threads` threads.
// The threads asked for (ResolveThreads), but no more than there are pieces of work (at least 1).
int ThreadsFor(int threads, size_t work) {
  return static_cast<int>(
      std::min<size_t>(static_cast<size_t>(ResolveThreads(threads)), std::max<size_t>(work, 1)));
}

template <class Body>
void ParallelStrided(int threads, size_t count, Body body) {
  if (threads <= 1 || count < 2) {
    for (size_t i = 0; i < count; ++i) body(0, i);
    return;
  }
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (size_t i = static_cast<size_t>(t); i < count; i += static_cast<size_t>(threads)) {
        body(t, i);
      }
    });
  }
  for (auto& th : pool) th.join();
}

}  // namespace

int ResolveThreads(int threads) {
  if (threads > 0) return threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::vector<double> PageRank(const graph::Graph& g, double damping, bool weighted,
                             double tolerance) {
  if (g.num_nodes() == 0) return {};
  return weighted ? PageRankSolve<true>(g, damping, tolerance)
                  : PageRankSolve<false>(g, damping, tolerance);
}

std::vector<double> Betweenness(const graph::Graph& g, std::span<const uint32_t> sources,
                                int threads) {
  const auto n = static_cast<uint32_t>(g.num_nodes());
  const size_t count = sources.empty() ? n : sources.size();
  threads = ThreadsFor(threads, count);
  std::vector<BrandesState> state;
  state.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t) state.emplace_back(n, g.num_edges());
  ParallelStrided(threads, count, [&](int t, size_t i) {
    BrandesState& st = state[static_cast<size_t>(t)];
    if (!sources.empty()) {
      if (g.OutDegree(sources[i]) > 0) BrandesFrom(g, sources[i], 1.0, st);
      return;
    }
    // Every source: pendants are folded into their hosts' searches (PendantHost).
    const auto s = static_cast<uint32_t>(i);
    if (g.OutDegree(s) == 0 || PendantHost(g, s) != UINT32_MAX) return;
    uint32_t pendants = 0, tied_back = 0;
    for (uint32_t u : g.InNeighbors(s)) {
      if (PendantHost(g, u) == s) {
        ++pendants;
        tied_back += g.InDegree(u) == 1 ? 1u : 0u;  // reached by s's search
      }
    }
    const uint32_t reached = BrandesFrom(g, s, 1.0 + pendants, st);
    if (pendants > 0) {
      st.bc[s] += static_cast<double>(pendants) * (reached - 1) - tied_back;
    }
  });
  std::vector<double> bc = std::move(state[0].bc);
  for (size_t t = 1; t < state.size(); ++t) {
    for (uint32_t v = 0; v < n; ++v) bc[v] += state[t].bc[v];
  }
  return bc;
}

StructuralHoles ComputeStructuralHoles(const graph::Graph& g, bool weighted) {
  const auto n = static_cast<uint32_t>(g.num_nodes());
  // Per person: partners, total and largest mutual weight.
  std::vector<uint32_t> degree(n, 0);
  std::vector<double> inv_total(n, 0.0), inv_max(n, 0.0);
  for (uint32_t v = 0; v < n; ++v) {
    double total = 0, top = 0;
    ForEachPartner(g, v, weighted, [&](uint32_t x, double w) {
      if (x == v) return;
      ++degree[v];
      total += w;
      top = std::max(top, w);
    });
    if (degree[v] > 0) inv_total[v] = 1.0 / total, inv_max[v] = 1.0 / top;
  }
  // One person i at a time, with memory for one person only: i's partners j are marked with
  // p_ij; walking each partner q's own partners finds every path i–q–j, adding p_iq p_qj to j's
  // indirect term, p_iq m_jq to i's redundancy, and a triangle (counted from both ends).
  StructuralHoles out;
  out.constraint.assign(n, kNaN);
  out.effective_size.assign(n, kNaN);
  out.clustering.assign(n, 0.0);
  constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> mark(n, kNone), seen(n, kNone);
  std::vector<double> direct(n, 0.0), indirect(n, 0.0);
  std::vector<uint32_t> partners;
  for (uint32_t i = 0; i < n; ++i) {
    if (degree[i] == 0) continue;
    partners.clear();
    ForEachPartner(
        g, i, weighted, [&](uint32_t j, double w) __attribute__((always_inline)) {
          if (j == i) return;
          mark[j] = i;
          seen[j] = kNone;
          direct[j] = w * inv_total[i];
          indirect[j] = 0;
          partners.push_back(j);
        });
    double redundancy = 0;
    uint64_t paths = 0;
    for (uint32_t q : partners) {
      // q's out- and in-ties one list after the other: the terms are linear in the mutual
      // weight, so a pair tied both ways adds its two directions apart; only the path count
      // must see j once (seen[j] == q).
      const double p_iq = direct[q], scale = p_iq * inv_total[q];
      auto walk = [&](std::span<const uint32_t> ends, std::span<const double> ws) {
        for (size_t k = 0; k < ends.size(); ++k) {
          const uint32_t j = ends[k];
          if (mark[j] != i || j == q) continue;
          const double w = weighted ? ws[k] : 1.0;
          indirect[j] += scale * w;
          redundancy += p_iq * w * inv_max[j];
          if (seen[j] != q) seen[j] = q, ++paths;
        }
      };
      walk(g.OutNeighbors(q), g.OutWeights(q));
      walk(g.InNeighbors(q), g.InWeights(q));
    }
    double c = 0;
    for (uint32_t j : partners) {
      const double t = direct[j] + indirect[j];
      c += t * t;
    }
    out.constraint[i] = c;
    const uint32_t d = degree[i];
    out.effective_size[i] = static_cast<double>(d) - redundancy;
    if (d >= 2) {
      out.clustering[i] = static_cast<double>(paths / 2) /
                          (static_cast<double>(d) * static_cast<double>(d - 1) / 2.0);
    }
  }
  return out;
}

std::vector<uint32_t> Coreness(const graph::Graph& g, bool directed) {
  // The partners are merged from the out- and in-lists where they are needed, not copied:
  // an undirected copy would cost up to 8 bytes a tie at the peak of the person metrics.
  // Directed, a partner tied both ways counts twice (ForEachPartner's count of directions).
  const auto n = static_cast<uint32_t>(g.num_nodes());
  std::vector<uint32_t> deg(n), bin, pos(n), vert(n);
  uint32_t max_deg = 0;
  for (uint32_t v = 0; v < n; ++v) {
    uint32_t d = 0;
    if (directed) {
      d = static_cast<uint32_t>(g.InDegree(v) + g.OutDegree(v));
    } else {
      ForEachPartner(g, v, false, [&](uint32_t, double) { ++d; });
    }
    max_deg = std::max(max_deg, deg[v] = d);
  }
  bin.assign(max_deg + 1, 0);
  for (uint32_t v = 0; v < n; ++v) ++bin[deg[v]];
  uint32_t start = 0;
  for (uint32_t d = 0; d <= max_deg; ++d) {
    uint32_t c = bin[d];
    bin[d] = start;
    start += c;
  }
  for (uint32_t v = 0; v < n; ++v) {
    pos[v] = bin[deg[v]]++;
    vert[pos[v]] = v;
  }
  for (uint32_t d = max_deg; d > 0; --d) bin[d] = bin[d - 1];
  bin[0] = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t v = vert[i];
    ForEachPartner(g, v, false, [&](uint32_t w, double ways) {
      // w loses one from its degree for each direction of the tie, while above v's.
      for (uint32_t k = directed ? uint32_t(ways) : 1; k > 0 && deg[w] > deg[v]; --k) {
        const uint32_t dw = deg[w], pw = pos[w], ps = bin[dw], s = vert[ps];
        if (s != w) {
          pos[w] = ps, vert[pw] = s;
          pos[s] = pw, vert[ps] = w;
        }
        ++bin[dw];
        --deg[w];
      }
    });
  }
  return deg;
}

namespace {

// The one partner of a person tied to exactly one other person (by an out-tie, an in-tie or
// both; the graph has no self-loops), UINT32_MAX for anyone else.
uint32_t OnlyPartner(const graph::Graph& g, uint32_t u) {
  const auto out = g.OutNeighbors(u), in = g.InNeighbors(u);
  if (out.size() > 1 || in.size() > 1 || out.size() + in.size() == 0) return UINT32_MAX;
  const uint32_t v = out.empty() ? in[0] : out[0];
  if (!in.empty() && in[0] != v) return UINT32_MAX;
  return v;
}

// The partner whose search stands for u's in closeness: u's only partner, unless that partner
// has only u (a pair by itself, both searched).
uint32_t ClosenessHost(const graph::Graph& g, uint32_t u) {
  const uint32_t v = OnlyPartner(g, u);
  return v != UINT32_MAX && OnlyPartner(g, v) == UINT32_MAX ? v : UINT32_MAX;
}

}  // namespace

Closeness ComputeCloseness(const graph::Graph& g, int threads) {
  const auto n = static_cast<uint32_t>(g.num_nodes());
  Closeness out;
  out.closeness.assign(n, kNaN);
  out.harmonic.assign(n, 0.0);
  // Multi-source breadth-first search (Then et al., "The More the Merrier", VLDB 2014): 64
  // people's searches at once, one bit each, so a tie is read once a level for all 64 rather
  // than once for each. The partners are read from the out- and in-lists as they are (a tie
  // both ways is read twice, OR-ing a bit in twice changes nothing — or, where every tie is
  // returned, from the out-lists alone), not from an undirected copy: three words a person per
  // thread is all the working memory.
  //
  // A person u with a single partner v (who has others) is not searched from: u is at 1 from v
  // and at 1 + d(v, w) from everyone else v reaches, so u's sums follow from the counts per
  // level of v's search: 27% of email-Enron's people, 35% of soc-Slashdot0902's.
  std::vector<uint32_t> roots;
  for (uint32_t s = 0; s < n; ++s) {
    if (g.OutDegree(s) + g.InDegree(s) > 0 && ClosenessHost(g, s) == UINT32_MAX) {
      roots.push_back(s);
    }
  }
  const auto searched = static_cast<uint32_t>(roots.size());
  // Where every tie is returned, the in-lists are the out-lists: read once.
  const bool returned = g.AllTiesReturned(false);
  constexpr uint32_t kBatch = 64;
  const uint32_t batches = (searched + kBatch - 1) / kBatch;
  threads = ThreadsFor(threads, batches);
  struct State {
    std::vector<uint64_t> seen, frontier, next;  // per person: which of the 64 searches
  };
  std::vector<State> state(static_cast<size_t>(threads));
  for (auto& st : state) {
    st.seen.resize(n);
    st.frontier.resize(n);
    st.next.assign(n, 0);
  }
  const double others = n > 1 ? static_cast<double>(n - 1) : 1.0;
  ParallelStrided(threads, batches, [&](int t, size_t b) {
    State& st = state[static_cast<size_t>(t)];
    uint64_t* seen = st.seen.data();
    uint64_t* frontier = st.frontier.data();
    uint64_t* next = st.next.data();
    const uint32_t lo = static_cast<uint32_t>(b) * kBatch, hi = std::min(searched, lo + kBatch);
    std::fill(seen, seen + n, 0);
    std::fill(frontier, frontier + n, 0);
    for (uint32_t k = lo; k < hi; ++k)
      seen[roots[k]] = frontier[roots[k]] = uint64_t{1} << (k - lo);
    bool any = hi > lo;
    std::array<uint64_t, kBatch> total{}, reached{}, found{};
    // harmonic: sum over levels of found / d; beyond: found / (d + 1), for single partners.
    std::array<double, kBatch> harmonic{}, beyond{};
    for (uint64_t d = 1; any; ++d) {
      for (uint32_t v = 0; v < n; ++v) {
        const uint64_t f = frontier[v];
        if (f == 0) continue;
        for (uint32_t w : g.OutNeighbors(v)) next[w] |= f;
        if (!returned) {
          for (uint32_t w : g.InNeighbors(v)) next[w] |= f;
        }
      }
      any = false;
      for (uint32_t w = 0; w < n; ++w) {
        uint64_t fresh = next[w] & ~seen[w];
        next[w] = 0;
        frontier[w] = fresh;
        if (fresh == 0) continue;
        seen[w] |= fresh;
        any = true;
        for (; fresh != 0; fresh &= fresh - 1)
          ++found[static_cast<size_t>(std::countr_zero(fresh))];
      }
      // Level by level, so everyone found at one distance shares one 1/d.
      for (uint32_t i = 0; i < kBatch; ++i) {
        if (found[i] == 0) continue;
        total[i] += found[i] * d;
        reached[i] += found[i];
        harmonic[i] += static_cast<double>(found[i]) / static_cast<double>(d);
        beyond[i] += static_cast<double>(found[i]) / static_cast<double>(d + 1);
        found[i] = 0;
      }
    }
    for (uint32_t k = lo; k < hi; ++k) {
      const uint32_t s = roots[k], i = k - lo;
      out.closeness[s] = static_cast<double>(reached[i]) / static_cast<double>(total[i]);
      out.harmonic[s] = harmonic[i] / others;
      // s's single partners: s at 1, the others s reaches at one more than from s, themselves
      // (at 1 from s) left out. Each has one host, so no two threads write one person.
      ForEachPartner(g, s, false, [&](uint32_t u, double) {
        if (ClosenessHost(g, u) != s) return;
        out.closeness[u] =
            static_cast<double>(reached[i]) / static_cast<double>(total[i] + reached[i] - 1);
        out.harmonic[u] = (beyond[i] + 0.5) / others;
      });
    }
  });
  return out;
}

namespace {

// igraph_cmp_epsilon with igraph's shortest-path epsilon: -1, 0 or 1 as a is below, equal to
// (within 1e-10 of |a| + |b|) or above b.
int CompareLengthsExactly(double a, double b);

// Path lengths are never negative: where a and b are clearly apart (by more than 4e-10 of the
// larger, twice what the rule allows of their sum) the rule's answer is known without it.
inline int CompareLengths(double a, double b) {
  if (a == b) return 0;
  if (a < b * (1 - 4e-10)) return -1;
  if (a > b * (1 + 4e-10)) return 1;
  return CompareLengthsExactly(a, b);
}

int CompareLengthsExactly(double a, double b) {
  constexpr double kEps = 1e-10;
  if (a == b) return 0;
  const double diff = a - b, abs_diff = std::fabs(diff), sum = std::fabs(a) + std::fabs(b);
  bool equal;
  if (a == 0 || b == 0 || sum < std::numeric_limits<double>::min()) {
    equal = abs_diff < kEps * std::numeric_limits<double>::min();
  } else if (!std::isfinite(sum)) {
    equal = abs_diff < kEps * std::fabs(a) + kEps * std::fabs(b);
  } else {
    equal = abs_diff / sum < kEps;
  }
  return equal ? 0 : (diff < 0 ? -1 : 1);
}

// A binary min-heap of people by distance, each at most once (a shorter distance moves a person
// up): at most one entry a person, where a heap of stale entries holds one per shorter path
// found — most of the ties on a dense graph.
class DistanceHeap {
 public:
  explicit DistanceHeap(uint32_t n) : at_(n, kAbsent) {}
  bool empty() const { return heap_.empty(); }
  // Adds v at distance d, or moves it to the shorter d.
  void Set(uint32_t v, double d) {
    size_t i = at_[v];
    if (i == kAbsent) {
      i = heap_.size();
      heap_.push_back({d, v});
    } else {
      heap_[i].first = d;
    }
    Up(i);
  }
  std::pair<double, uint32_t> Pop() {
    const auto top = heap_.front();
    at_[top.second] = kAbsent;
    const auto last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) {
      heap_.front() = last;
      Down(0);
    }
    return top;
  }

 private:
  static constexpr uint32_t kAbsent = UINT32_MAX;
  void Up(size_t i) {
    const auto item = heap_[i];
    while (i > 0) {
      const size_t parent = (i - 1) / 2;
      if (heap_[parent].first <= item.first) break;
      heap_[i] = heap_[parent];
      at_[heap_[i].second] = static_cast<uint32_t>(i);
      i = parent;
    }
    heap_[i] = item;
    at_[item.second] = static_cast<uint32_t>(i);
  }
  void Down(size_t i) {
    const auto item = heap_[i];
    const size_t size = heap_.size();
    while (true) {
      size_t child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heap_[child + 1].first < heap_[child].first) ++child;
      if (item.first <= heap_[child].first) break;
      heap_[i] = heap_[child];
      at_[heap_[i].second] = static_cast<uint32_t>(i);
      i = child;
    }
    heap_[i] = item;
    at_[item.second] = static_cast<uint32_t>(i);
  }
  std::vector<std::pair<double, uint32_t>> heap_;
  std::vector<uint32_t> at_;  // place in heap_, or kAbsent
};

}  // namespace

std::vector<double> WeightedBetweenness(const graph::Graph& g, std::span<const uint32_t> sources,
                                        int threads, bool lengths_given) {
  const auto n = static_cast<uint32_t>(g.num_nodes());
  const size_t count = sources.empty() ? n : sources.size();
  threads = ThreadsFor(threads, count);
  constexpr double kFar = std::numeric_limits<double>::infinity();
  struct State {
    explicit State(uint32_t n) : head(n, -1), heap(n) {}
    std::vector<double> dist, paths, dependency, sum;
    std::vector<uint32_t> order;  // settled, nearest first
    // Each person's predecessors on shortest paths, as igraph records them while relaxing: a
    // list through `links` (predecessor, next), started afresh when a shorter path is found.
    std::vector<int32_t> head;
    std::vector<std::pair<uint32_t, int32_t>> links;
    DistanceHeap heap;
  };
  std::vector<State> state;
  state.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t) state.emplace_back(n);
  for (auto& st : state) {
    st.dist.assign(n, kFar);
    st.paths.assign(n, 0.0);
    st.dependency.assign(n, 0.0);
    st.sum.assign(n, 0.0);
  }
  ParallelStrided(threads, count, [&](int t, size_t i) {
    const uint32_t s = sources.empty() ? static_cast<uint32_t>(i) : sources[i];
    if (g.OutDegree(s) == 0) return;
    State& st = state[static_cast<size_t>(t)];
    double* dist = st.dist.data();
    double* paths = st.paths.data();
    int32_t* head = st.head.data();
    dist[s] = 0;
    paths[s] = 1;
    st.heap.Set(s, 0.0);
    while (!st.heap.empty()) {
      const auto [d, popped] = st.heap.Pop();
      const uint32_t u = popped;  // a variable, not a binding: lambdas below capture it
      st.order.push_back(u);
      dist[u] = -dist[u] - 1;  // settled (negative), its distance kept: -(d + 1)
      const auto to = g.OutNeighbors(u);
      const auto w = g.OutWeights(u);
      for (size_t k = 0; k < to.size(); ++k) {
        const uint32_t v = to[k];
        const double nd = d + (lengths_given ? w[k] : 1.0 / w[k]);
        auto add_predecessor = [&] {
          st.links.push_back({u, head[v]});
          head[v] = static_cast<int32_t>(st.links.size() - 1);
        };
        if (dist[v] < 0) {  // settled: only an equal length adds paths
          if (CompareLengths(nd, -dist[v] - 1) == 0) {
            paths[v] += paths[u];
            add_predecessor();
          }
          continue;
        }
        const int c = dist[v] == kFar ? -1 : CompareLengths(nd, dist[v]);
        if (c < 0) {
          dist[v] = nd;
          paths[v] = paths[u];
          head[v] = -1;
          add_predecessor();
          st.heap.Set(v, nd);
        } else if (c == 0) {
          paths[v] += paths[u];
          add_predecessor();
        }
      }
    }
    // Dependencies, farthest first, passed to the predecessors recorded.
    double* dep = st.dependency.data();
    for (size_t k = st.order.size(); k-- > 0;) {
      const uint32_t u = st.order[k];
      const double share = (1.0 + dep[u]) / paths[u];
      for (int32_t l = head[u]; l >= 0; l = st.links[static_cast<size_t>(l)].second) {
        const uint32_t v = st.links[static_cast<size_t>(l)].first;
        dep[v] += paths[v] * share;
      }
      if (u != s) st.sum[u] += dep[u];
    }
    for (uint32_t u : st.order) {
      dist[u] = kFar;
      paths[u] = 0;
      dep[u] = 0;
      head[u] = -1;
    }
    st.order.clear();
    st.links.clear();
  });
  std::vector<double> out(n, 0.0);
  for (const auto& st : state) {
    for (uint32_t v = 0; v < n; ++v) out[v] += st.sum[v];
  }
  return out;
}

Closeness ComputeWeightedCloseness(const graph::Graph& g, int threads, bool lengths_given) {
  const auto n = static_cast<uint32_t>(g.num_nodes());
  Closeness out;
  out.closeness.assign(n, kNaN);
  out.harmonic.assign(n, 0.0);
  threads = ThreadsFor(threads, n);
  struct State {
    explicit State(uint32_t n) : dist(n, std::numeric_limits<double>::infinity()), heap(n) {}
    std::vector<double> dist;       // +inf where not reached (reset after each search)
    std::vector<uint32_t> touched;  // the people a search reached
    DistanceHeap heap;
  };
  constexpr double kFar = std::numeric_limits<double>::infinity();
  // Each person's partners either way, once, at the shorter length where a tie runs both ways
  // (the out- and in-lists are sorted, so one merge a person): a returned tie is relaxed once
  // rather than twice, and the lengths are divided once rather than in every search.
  std::vector<uint64_t> first(n + 1, 0);
  std::vector<uint32_t> partner;
  std::vector<double> length;
  auto of = [lengths_given](double w) { return lengths_given ? w : 1.0 / w; };  // a tie's length
  partner.reserve(2 * g.num_edges());
  length.reserve(2 * g.num_edges());
  for (uint32_t v = 0; v < n; ++v) {
    const auto on = g.OutNeighbors(v), in = g.InNeighbors(v);
    const auto ow = g.OutWeights(v), iw = g.InWeights(v);
    size_t i = 0, j = 0;
    while (i < on.size() || j < in.size()) {
      if (j == in.size() || (i < on.size() && on[i] < in[j])) {
        partner.push_back(on[i]);
        length.push_back(of(ow[i++]));
      } else if (i == on.size() || in[j] < on[i]) {
        partner.push_back(in[j]);
        length.push_back(of(iw[j++]));
      } else {
        partner.push_back(on[i]);
        length.push_back(std::min(of(ow[i++]), of(iw[j++])));
      }
    }
    first[v + 1] = partner.size();
  }
  std::vector<State> state;
  state.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t) state.emplace_back(n);
  const double others = n > 1 ? static_cast<double>(n - 1) : 1.0;
  ParallelStrided(threads, n, [&](int t, size_t i) {
    const auto s = static_cast<uint32_t>(i);
    if (g.OutDegree(s) + g.InDegree(s) == 0) return;
    State& st = state[static_cast<size_t>(t)];
    double* dist = st.dist.data();
    auto& heap = st.heap;
    dist[s] = 0;
    st.touched.push_back(s);
    heap.Set(s, 0.0);
    double total = 0, harmonic = 0;
    uint64_t reached = 0;
    while (!heap.empty()) {
      const auto [d, u] = heap.Pop();
      ++reached;
      if (u != s) {
        total += d;
        harmonic += 1.0 / d;
      }
      for (uint64_t k = first[u]; k < first[u + 1]; ++k) {
        const double nd = d + length[k];
        const uint32_t v = partner[k];
        if (nd < dist[v]) {
          if (dist[v] == kFar) st.touched.push_back(v);
          dist[v] = nd;
          heap.Set(v, nd);
        }
      }
    }
    out.closeness[s] = static_cast<double>(reached - 1) / total;
    out.harmonic[s] = harmonic / others;
    for (uint32_t v : st.touched) dist[v] = kFar;
    st.touched.clear();
  });
  return out;
}

}  // namespace pl::network
