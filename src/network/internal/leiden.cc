#include "network/internal/leiden.h"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <numeric>
#include <random>
#include <span>
#include <thread>
#include <type_traits>
#include <variant>

namespace pl::network::internal {
namespace {

using Rng = std::mt19937_64;

// SplitMix64 (Steele, Lea & Flood 2014): each community's refinement draws from one of its
// own, started from the level's draw and the community's label — cheap to start, unlike
// Rng, where a level has thousands of communities.
struct SplitMix {
  uint64_t state;
  uint64_t operator()() {
    uint64_t x = (state += 0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9;
    x = (x ^ (x >> 27)) * 0x94d049bb133111eb;
    return x ^ (x >> 31);
  }
};

// A uniform double in [0, 1).
template <class R>
double Uniform(R& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

// e^x, as std::exp gives it; 0 without the call below −746, where it gives 0 (e^−746 is under
// half the least double). At β = 0.01 a candidate a few ties' gain short of the best is there.
inline double ExpOrZero(double x) { return x < -746.0 ? 0.0 : std::exp(x); }

// f(i, cut[i], cut[i + 1]) for each run, run 0 on the calling thread, each other on its own.
template <class F>
void OnCuts(const std::vector<uint32_t>& cut, F&& f) {
  std::vector<std::thread> pool;
  for (size_t i = 1; i + 1 < cut.size(); ++i) {
    pool.emplace_back([&, i] { f(i, cut[i], cut[i + 1]); });
  }
  f(size_t{0}, cut[0], cut[1]);
  for (std::thread& th : pool) th.join();
}

// f(begin, end) over [0, n) in `threads` contiguous pieces, the first on the calling thread.
template <class F>
void ForRanges(int threads, uint32_t n, F&& f) {
  const uint32_t t = std::max<uint32_t>(1, std::min<uint32_t>(threads, n));
  std::vector<uint32_t> cut(t + 1);
  for (uint32_t i = 0; i <= t; ++i) cut[i] = static_cast<uint32_t>(uint64_t{n} * i / t);
  OnCuts(cut, [&](size_t, uint32_t begin, uint32_t end) { f(begin, end); });
}

template <class R>
void Shuffle(std::vector<uint32_t>& v, R& rng) {
  for (size_t i = v.size(); i > 1; --i) {
    const size_t j = static_cast<size_t>(rng() % i);
    std::swap(v[i - 1], v[j]);
  }
}

// Weights from one node to each community it touches: dense by community, with the list of
// those touched so that clearing costs only what was used. Tie weights are positive, so a
// zero weight marks a community not yet touched. Summed as W: doubles, or 32-bit integers where
// every weight is a whole number and all of them fit (IntegerSums): the same values, in half
// the room.
template <class W>
struct Tally {
  using Weight = W;
  std::vector<W> weight;
  std::vector<uint32_t> touched;  // the first `count` are the communities touched
  size_t count = 0;
  void Resize(uint32_t n) {  // gives back room held for a much larger level
    if (weight.capacity() > 2 * size_t{n}) Release();
    weight.assign(n, W{0});
    count = 0;
  }
  // Room for `most` communities touched at once (and the slot Add writes past them).
  void Fit(size_t most) {
    if (touched.size() <= most) touched.resize(most + 1);
  }
  // Without a branch: the slot after the last is written every time, kept only when new.
  void Add(uint32_t c, double w) {
    touched[count] = c;
    count += weight[c] == 0;
    weight[c] += static_cast<W>(w);
  }
  std::span<const uint32_t> Touched() const { return {touched.data(), count}; }
  void Clear() {
    for (uint32_t c : Touched()) weight[c] = 0;
    count = 0;
  }
  void Release() {
    std::vector<W>().swap(weight);
    std::vector<uint32_t>().swap(touched);
    count = 0;
  }
};

// Fast local moving: nodes taken from a queue (all of them, in random order, at first); each
// goes to the community it gains most by joining (an empty one if every gain is negative),
// and its neighbours outside that community are queued again. A community's total weight
// sits beside the node's weight to it (one cache line for both), summed as in Tally.
// With `inside`, each node's weight to the rest of its community at the end is kept there,
// so that the refinement need not sum it again: summed when the node is taken from the queue,
// then raised as neighbours join its community; a neighbour leaving it queues the node again,
// to be summed afresh. Exact where the weights are whole numbers, where it is asked for.
//
// The sums are kept as the tally's are (W): as 32-bit integers where they can be, the same
// values, so the same moves, in entries of 8 bytes instead of 16: more of them in each cache
// line the moves wait on.
template <class W, class G>
void MoveNodes(const G& g, double gamma, std::vector<uint32_t>& cluster, Rng& rng, Tally<W>& tally,
               std::vector<W>* inside) {
  const uint32_t n = g.n();
  struct Community {
    W to = 0;  // from the node being moved, 0 when not touched
    W K = 0;   // what its members weigh
  };
  std::vector<Community> comm(n);
  std::vector<uint32_t> size(n, 0);
  for (uint32_t v = 0; v < n; ++v) {
    comm[cluster[v]].K += static_cast<W>(g.node_weight[v]);
    ++size[cluster[v]];
  }
  std::vector<uint32_t> empty;
  for (uint32_t c = n; c-- > 0;) {
    if (size[c] == 0) empty.push_back(c);
  }
  std::vector<uint32_t> queue(n);
  std::iota(queue.begin(), queue.end(), 0u);
  Shuffle(queue, rng);
  std::vector<uint8_t> queued(n, 1);
  if (inside != nullptr) inside->assign(n, W{0});  // each node's set when it is first taken
  W* in = inside != nullptr ? inside->data() : nullptr;
  uint32_t* touched = tally.touched.data();  // room for the most ties a node has, and one
  size_t head = 0, count = n;                // a ring of n slots
  while (count > 0) {
    const uint32_t v = queue[head];
    if constexpr (requires { g.Prefetch(v); }) {
      if (count > 16) g.PrefetchBounds(queue[head + 16 < n ? head + 16 : head + 16 - n]);
      if (count > 8) {
        const uint32_t ahead = queue[head + 8 < n ? head + 8 : head + 8 - n];
        g.Prefetch(ahead);
        PrefetchLine(&cluster[ahead]);
        PrefetchLine(&g.node_weight[ahead]);
      }
    }
    head = head + 1 == n ? 0 : head + 1;
    --count;
    queued[v] = 0;
    const uint32_t old = cluster[v];
    const W wv = static_cast<W>(g.node_weight[v]);
    const double kv = g.node_weight[v];
    size_t k = 0;
    g.ForEachTie(v, [&](uint32_t u, double w) {
      const uint32_t c = cluster[u];
      touched[k] = c;
      k += comm[c].to == 0;
      comm[c].to += static_cast<W>(w);
    });
    comm[old].K -= wv;
    --size[old];
    uint32_t best = old;
    double best_gain =
        static_cast<double>(comm[old].to) - gamma * kv * static_cast<double>(comm[old].K);
    for (size_t i = 0; i < k; ++i) {
      const Community& x = comm[touched[i]];
      const double gain = static_cast<double>(x.to) - gamma * kv * static_cast<double>(x.K);
      if (gain > best_gain) best = touched[i], best_gain = gain;
    }
    if (best_gain < 0) {  // alone is better: an empty community (its own, if now empty)
      best = size[old] == 0 ? old : empty.back();
    }
    if (in != nullptr) in[v] = comm[best].to;  // 0 for an empty community
    for (size_t i = 0; i < k; ++i) comm[touched[i]].to = 0;
    if (best != old) {
      if (size[best] == 0 && best != old) empty.pop_back();
      if (size[old] == 0) empty.push_back(old);
    }
    comm[best].K += wv;
    ++size[best];
    cluster[v] = best;
    if (best == old) continue;
    g.ForEachTie(v, [&](uint32_t u, double w) {
      if (cluster[u] == best) {
        if (in != nullptr) in[u] += static_cast<W>(w);
      } else if (!queued[u]) {
        queued[u] = 1;
        const size_t tail = head + count;
        queue[tail < n ? tail : tail - n] = u;
        ++count;
      }
    });
  }
}

// Renumbers labels densely in order of first appearance; returns how many there are.
uint32_t Renumber(std::vector<uint32_t>& labels) {
  std::vector<uint32_t> scratch(labels.size(), UINT32_MAX);
  uint32_t next = 0;
  for (uint32_t& l : labels) {
    if (scratch[l] == UINT32_MAX) scratch[l] = next++;
    l = scratch[l];
  }
  return next;
}

// A level's nodes grouped by the part each is in: part p's are members[start[p], start[p + 1]).
struct Groups {
  std::vector<uint32_t> start, members;
};

Groups GroupBy(const std::vector<uint32_t>& part, uint32_t parts) {
  Groups out;
  out.start.assign(parts + 1, 0);
  out.members.resize(part.size());
  for (uint32_t p : part) ++out.start[p + 1];
  for (uint32_t p = 0; p < parts; ++p) out.start[p + 1] += out.start[p];
  std::vector<uint32_t> at(out.start.begin(), out.start.end() - 1);
  for (uint32_t v = 0; v < part.size(); ++v) out.members[at[part[v]]++] = v;
  return out;
}

// Refinement: within each community of `cluster` (labels 0..communities-1), every node starts
// alone; in random order, a node still alone and well connected to its community joins a
// well-connected refined subset of it (or stays), chosen with probability ∝ exp(gain / β)
// among those it does not lose by. Communities are refined independently — each with its own
// random stream, from `seed` and its label — so they are spread over `threads` threads
// (largest first) and the result does not depend on how many there are.
// `ext`: each node's weight to the rest of its community, if the moves kept it (else empty).
template <class G, class T>
std::vector<uint32_t> Refine(const G& g, double gamma, double beta,
                             const std::vector<uint32_t>& cluster, uint32_t communities,
                             uint64_t seed, int threads, std::vector<typename T::Weight> ext,
                             T& tally) {
  using W = typename T::Weight;
  const uint32_t n = g.n();
  if (n < 4096) threads = 1;  // not worth a thread
  std::vector<double> Kc(communities, 0.0), Kr(g.node_weight);
  for (uint32_t v = 0; v < n; ++v) Kc[cluster[v]] += g.node_weight[v];
  if (ext.empty()) {
    ext.assign(n, W{0});
    ForRanges(threads, n, [&](uint32_t begin, uint32_t end) {
      for (uint32_t v = begin; v < end; ++v) {
        W x = 0;
        g.ForEachTie(v, [&](uint32_t u, double w) {
          if (cluster[u] == cluster[v]) x += static_cast<W>(w);
        });
        ext[v] = x;
      }
    });
  }
  const Groups by = GroupBy(cluster, communities);
  std::vector<uint32_t> largest_first(communities);
  std::iota(largest_first.begin(), largest_first.end(), 0u);
  std::stable_sort(largest_first.begin(), largest_first.end(), [&](uint32_t a, uint32_t b) {
    return by.start[a + 1] - by.start[a] > by.start[b + 1] - by.start[b];
  });
  std::vector<uint32_t> refined(n), size(n, 1);
  std::iota(refined.begin(), refined.end(), 0u);
  std::atomic<uint32_t> next{0};
  auto work = [&](T& t) {
    std::vector<uint32_t> order, candidates;
    std::vector<double> gains;
    for (uint32_t k; (k = next.fetch_add(1, std::memory_order_relaxed)) < communities;) {
      const uint32_t c = largest_first[k];
      if (by.start[c + 1] - by.start[c] < 2) break;  // the rest are single nodes: nothing to merge
      SplitMix rng{SplitMix{seed ^ c}()};
      order.assign(by.members.begin() + by.start[c], by.members.begin() + by.start[c + 1]);
      Shuffle(order, rng);
      for (uint32_t i = 0; i < order.size(); ++i) {
        const uint32_t v = order[i];
        if constexpr (requires { g.Prefetch(v); }) {
          if (i + 16 < order.size()) g.PrefetchBounds(order[i + 16]);
          if (i + 8 < order.size()) g.Prefetch(order[i + 8]);
        }
        if (size[v] != 1 || refined[v] != v) continue;  // only nodes still alone
        const double kv = g.node_weight[v];
        const auto outside = static_cast<double>(ext[v]);   // to the rest of its community
        if (outside < gamma * kv * (Kc[c] - kv)) continue;  // not well connected to it
        g.ForEachTie(v, [&](uint32_t u, double w) {
          if (cluster[u] == c) t.Add(refined[u], w);
        });
        Kr[v] = 0;
        size[v] = 0;
        candidates.clear();
        gains.clear();
        double top = 0;  // staying alone gains nothing
        for (uint32_t r : t.Touched()) {
          const auto r_outside = static_cast<double>(ext[r]);
          if (r_outside < gamma * Kr[r] * (Kc[c] - Kr[r])) continue;  // r not well connected
          const double gain = static_cast<double>(t.weight[r]) - gamma * kv * Kr[r];
          if (gain < 0) continue;
          candidates.push_back(r);
          gains.push_back(gain);
          top = std::max(top, gain);
        }
        uint32_t chosen = v;
        if (!candidates.empty()) {
          // Staying alone is a candidate with gain 0.
          const double alone = ExpOrZero((0 - top) / beta);
          double sum = alone;
          for (double& x : gains) sum += (x = ExpOrZero((x - top) / beta));
          double pick = Uniform(rng) * sum - alone;
          for (size_t j = 0; j < candidates.size() && pick >= 0; ++j) {
            chosen = candidates[j];
            pick -= gains[j];
          }
          if (pick >= 0) chosen = candidates.back();
        }
        if (chosen != v) {  // both sets' ties to the rest, less those between the two
          if constexpr (std::is_integral_v<W>) {
            ext[chosen] = ext[chosen] + ext[v] - 2 * t.weight[chosen];  // no step below 0
          } else {
            ext[chosen] += ext[v] - 2 * t.weight[chosen];
          }
        }
        refined[v] = chosen;
        Kr[chosen] += kv;
        ++size[chosen];
        t.Clear();
      }
    }
  };
  const int helpers = std::max(0, std::min(threads, static_cast<int>(communities)) - 1);
  // The helpers' room is taken here, from the calling thread's heap, which gets it back for
  // the aggregate that follows (a helper's own heap would keep it).
  std::vector<T> tallies(helpers);
  for (T& t : tallies) t.Resize(n), t.Fit(tally.touched.size());
  std::vector<std::thread> pool;
  for (T& t : tallies) pool.emplace_back([&] { work(t); });
  work(tally);
  for (std::thread& th : pool) th.join();
  return refined;
}

// An aggregate level read through the graph instead of copied: each node a set of the graph's
// nodes, tied to the others by its members' ties, each passed on its own (the moves and the
// refinement only ever sum them); ties inside the set are left out. A pass over it reads the
// graph's ties where a copied aggregate would read its own, but it takes 8 bytes per graph
// node instead of 8 per aggregate tie end: the level of choice when the aggregate is nearly
// as large as the graph and there is no room for it.
struct PartsLevel {
  const GraphLevel* base = nullptr;
  std::vector<uint32_t> part;  // base node → node of this level
  Groups groups;               // this level's nodes → their base nodes
  std::vector<double> node_weight;
  uint32_t n() const { return static_cast<uint32_t>(node_weight.size()); }
  template <class F>
  void ForEachTie(uint32_t v, F&& f) const {
    for (uint32_t i = groups.start[v]; i < groups.start[v + 1]; ++i) {
      base->ForEachTie(groups.members[i], [&](uint32_t u, double w) {
        const uint32_t q = part[u];
        if (q != v) f(q, w);
      });
    }
  }
};

size_t Bytes(const UGraph& a) {
  return (a.nbr.size() + a.packed.size()) * sizeof(uint32_t) + a.w.size() * sizeof(float) +
         a.offsets.size() * sizeof(uint64_t) + a.node_weight.size() * sizeof(double);
}
size_t Bytes(const PartsLevel& p) {
  return (p.part.size() + p.groups.members.size() + p.groups.start.size()) * sizeof(uint32_t) +
         p.node_weight.size() * sizeof(double);
}
size_t Bytes(const GraphLevel&) { return 0; }  // the input, there anyway

// Whether every tie weight of a level is a whole number (so that its aggregates' are too).
bool WholeWeights(const GraphLevel& g) { return g.whole; }
bool WholeWeights(const UGraph& a) { return !a.packed.empty() || a.nbr.empty(); }
bool WholeWeights(const PartsLevel& p) { return p.base->whole; }

// Whether a level's sums can be kept as 32-bit integers: every weight a whole number, and what
// all its nodes weigh together (the most a community or a node's ties to one can) fits.
template <class G>
bool IntegerSums(const G& g) {
  if (!WholeWeights(g)) return false;
  double all = 0;
  for (uint32_t v = 0; v < g.n(); ++v) all += g.node_weight[v];
  return all <= static_cast<double>(UINT32_MAX);
}

// The tallies of a run: the one of a level's kind (IntegerSums) holds room, the other none.
struct Tallies {
  Tally<uint32_t> whole;
  Tally<double> real;
  // f(the tally for `g`'s kind), the other's room given back.
  template <class G, class F>
  auto For(const G& g, F&& f) {
    if (IntegerSums(g)) {
      real.Release();
      return f(whole);
    }
    whole.Release();
    return f(real);
  }
};

// The most ties one node has (a bound on the communities it touches).
size_t MaxTies(const GraphLevel& g) {
  size_t most = 0;
  for (uint32_t v = 0; v < g.n(); ++v) {
    most = std::max(most, g.g->OutDegree(v) + g.g->InDegree(v));
  }
  return most;
}
size_t MaxTies(const UGraph& a) {
  uint64_t most = 0;
  for (uint32_t v = 0; v < a.n(); ++v) most = std::max(most, a.offsets[v + 1] - a.offsets[v]);
  return most;
}
size_t MaxTies(const PartsLevel& p) { return p.n(); }
// The tie ends a level has: at least as many as any aggregate of it.
uint64_t Ends(const GraphLevel& g) { return 2 * static_cast<uint64_t>(g.g->num_edges()); }
uint64_t Ends(const UGraph& a) { return a.offsets.back(); }
uint64_t Ends(const PartsLevel& p) { return Ends(*p.base); }

// How an aggregate is laid out: the ends each part's ties take (prefix sums) and whether they
// pack into 4 bytes each: the neighbour in the bits the number of parts needs, the weight in
// the rest, when every weight is a whole number that fits (an unweighted graph's levels).
struct AggregatePlan {
  std::vector<uint64_t> offsets;
  bool packed = false;
  uint32_t shift = 0;  // bits for the weight
  size_t Bytes(uint32_t parts) const {
    return offsets[parts] * (packed ? sizeof(uint32_t) : sizeof(uint32_t) + sizeof(float)) +
           (2 * size_t{parts} + 1) * sizeof(double);
  }
};

// Tallies part p's ties to the other parts: its members' ties, mapped through `part`.
template <class G, class T>
void TallyPart(const G& g, const std::vector<uint32_t>& part, const Groups& groups, uint32_t p,
               T& tally) {
  for (uint32_t i = groups.start[p]; i < groups.start[p + 1]; ++i) {
    if constexpr (requires { g.Prefetch(i); }) {
      if (i + 16 < g.n()) g.PrefetchBounds(groups.members[i + 16]);
      if (i + 8 < g.n()) g.Prefetch(groups.members[i + 8]);
    }
    g.ForEachTie(groups.members[i], [&](uint32_t u, double w) {
      const uint32_t q = part[u];
      if (q != p) tally.Add(q, w);
    });
  }
}

// What each part's members weigh together: the aggregate's node weights.
template <class G>
std::vector<double> PartWeights(const G& g, const std::vector<uint32_t>& part, uint32_t parts) {
  std::vector<double> weight(parts, 0.0);
  for (uint32_t v = 0; v < g.n(); ++v) weight[part[v]] += g.node_weight[v];
  return weight;
}

// How many threads an aggregate is made on, and where each one's parts begin: runs of parts of
// about equal weight (their members' ties, where the weights are counts); cut[t] to cut[t + 1]
// are thread t's. One thread for a level too small to be worth another (`weight` may then be
// left empty).
std::vector<uint32_t> CutParts(const std::vector<double>& weight, uint32_t parts, uint32_t level_n,
                               int threads) {
  const int t = level_n < 4096 || weight.size() != parts
                    ? 1
                    : std::max(1, std::min<int>(threads, static_cast<int>(parts)));
  std::vector<uint32_t> cut(static_cast<size_t>(t) + 1, parts);
  cut[0] = 0;
  if (t == 1) return cut;
  double total = 0;
  for (double w : weight) total += w;
  double sum = 0;
  uint32_t p = 0;
  for (int i = 1; i < t; ++i) {
    const double share = total * i / t;
    while (p < parts && sum + weight[p] <= share) sum += weight[p++];
    cut[static_cast<size_t>(i)] = p;
  }
  return cut;
}

// Tie ends appended a block at a time, so that moving them on frees them a block at a time: a
// helper's share of an aggregate takes no more room than it will in the aggregate. Each block
// is mapped on its own and unmapped once moved (freed to the heap, it would stay the process's).
class Blocks {
 public:
  Blocks() = default;
  Blocks(const Blocks&) = delete;
  Blocks& operator=(const Blocks&) = delete;
  ~Blocks() {
    for (uint32_t* b : blocks_) ::munmap(b, kBlock * sizeof(uint32_t));
  }
  // False where no block could be mapped.
  bool push_back(uint32_t x) {
    if (used_ == kBlock) {
      void* b = ::mmap(nullptr, kBlock * sizeof(uint32_t), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (b == MAP_FAILED) return false;
      blocks_.push_back(static_cast<uint32_t*>(b));
      used_ = 0;
    }
    blocks_.back()[used_++] = x;
    return true;
  }
  void MoveTo(std::vector<uint32_t>& out) {
    for (size_t i = 0; i < blocks_.size(); ++i) {
      const size_t count = i + 1 == blocks_.size() ? used_ : kBlock;
      out.insert(out.end(), blocks_[i], blocks_[i] + count);
      ::munmap(blocks_[i], kBlock * sizeof(uint32_t));
    }
    blocks_.clear();
    used_ = kBlock;
  }

 private:
  static constexpr size_t kBlock = 65536;  // 256 KiB
  std::vector<uint32_t*> blocks_;
  size_t used_ = kBlock;
};

// The aggregate of `g` by `part` (g's nodes → parts, grouped in `groups`): each part a node
// weighing what its members do, tied to the others by the sum of its members' ties to theirs
// (ties inside it dropped: they add the same to every move). With `plan.offsets` empty, only
// plans it: counts each part's distinct neighbours and sees whether the ties pack; with them,
// fills the aggregate in exactly that room.
template <class G, class T>
UGraph Aggregate(const G& g, const std::vector<uint32_t>& part, const Groups& groups,
                 uint32_t parts, AggregatePlan& plan, T& tally, int threads) {
  const bool fill = !plan.offsets.empty();
  UGraph a;
  std::vector<double> weight;
  if (fill || (threads > 1 && g.n() >= 4096)) weight = PartWeights(g, part, parts);
  const std::vector<uint32_t> cut = CutParts(weight, parts, g.n(), threads);
  if (!fill) {
    plan.offsets.assign(parts + 1, 0);
    plan.shift = static_cast<uint32_t>(std::countl_zero(std::max(parts, 2u) - 1));
    plan.packed = plan.shift > 0;
  } else {
    a.node_weight = std::move(weight);
    if (plan.packed) {
      a.packed.resize(plan.offsets[parts]);
      a.shift = plan.shift;
    } else {
      a.nbr.resize(plan.offsets[parts]);
      a.w.resize(plan.offsets[parts]);
    }
  }
  const size_t runs = cut.size() - 1;
  tally.Resize(parts);
  tally.Fit(parts);
  std::vector<T> helpers(runs - 1);  // from the calling thread's heap, as in Refine
  for (T& t : helpers) t.Resize(parts), t.Fit(parts);
  std::vector<uint8_t> packs(runs, 1);  // planning: whether each run's weights pack
  const double most = static_cast<double>((uint64_t{1} << plan.shift) - 1);
  OnCuts(cut, [&](size_t i, uint32_t begin, uint32_t end) {
    T& t = i == 0 ? tally : helpers[i - 1];
    for (uint32_t p = begin; p < end; ++p) {
      TallyPart(g, part, groups, p, t);
      if (!fill) {
        plan.offsets[p + 1] = t.count;  // summed into offsets below
        if (plan.packed && packs[i]) {
          for (uint32_t q : t.Touched()) {
            const double w = t.weight[q];
            if (!(w <= most) || w != std::floor(w)) packs[i] = 0;
          }
        }
      } else if (plan.packed) {
        uint64_t at = plan.offsets[p];
        for (uint32_t q : t.Touched()) {
          a.packed[at++] = q << plan.shift | static_cast<uint32_t>(t.weight[q]);
        }
      } else {
        uint64_t at = plan.offsets[p];
        for (uint32_t q : t.Touched()) {
          a.nbr[at] = q;
          a.w[at++] = static_cast<float>(t.weight[q]);
        }
      }
      t.Clear();
    }
  });
  if (!fill) {
    for (uint32_t p = 0; p < parts; ++p) plan.offsets[p + 1] += plan.offsets[p];
    for (uint8_t x : packs) plan.packed = plan.packed && x != 0;
  }
  if (fill) a.offsets = std::move(plan.offsets);
  return a;
}

// The packed aggregate (see Aggregate) in one pass, where the level's weights are whole
// numbers: each part's ties appended as they are summed. Gives up (false, `out` left empty)
// as soon as it would take more than `room` bytes or a weight does not fit beside its
// neighbour. The room reserved up front is the level's own tie ends at most: address space,
// of which only what is written becomes memory. Above the graph, where the level below is
// held too, it is tried only when sure to fit (giving up half-way would have held the room).
// On more threads (CutParts), each takes a run of parts; the first appends to the aggregate,
// the others to blocks moved on after it, a block at a time: the same aggregate, in about the
// same room.
template <class G, class T>
bool AggregatePacked(const G& g, const std::vector<uint32_t>& part, const Groups& groups,
                     uint32_t parts, size_t room, UGraph& out, T& tally, int threads) {
  const size_t fixed = (2 * size_t{parts} + 1) * sizeof(double);
  const uint32_t shift = static_cast<uint32_t>(std::countl_zero(std::max(parts, 2u) - 1));
  if (!WholeWeights(g) || shift == 0 || room < fixed) return false;
  if (Bytes(g) > 0 && Ends(g) * sizeof(uint32_t) > room - fixed) return false;
  const uint64_t most_ends = std::min<uint64_t>(Ends(g), (room - fixed) / sizeof(uint32_t));
  const uint32_t most_weight = (uint32_t{1} << shift) - 1;  // shift is 31 at most
  UGraph a;
  a.shift = shift;
  a.offsets.assign(size_t{parts} + 1, 0);
  a.packed.reserve(most_ends);
  std::vector<double> weight = PartWeights(g, part, parts);
  const std::vector<uint32_t> cut = CutParts(weight, parts, g.n(), threads);
  const size_t runs = cut.size() - 1;
  tally.Resize(parts);
  tally.Fit(parts);
  std::vector<T> helpers(runs - 1);  // from the calling thread's heap, as in Refine
  for (T& t : helpers) t.Resize(parts), t.Fit(parts);
  std::vector<Blocks> blocks(runs - 1);
  std::atomic<uint64_t> written{0};
  std::atomic<bool> failed{false};
  OnCuts(cut, [&](size_t i, uint32_t begin, uint32_t end) {
    T& t = i == 0 ? tally : helpers[i - 1];
    uint64_t mine = 0;  // ends this run has written; its offsets count from its start
    for (uint32_t p = begin; p < end && !failed.load(std::memory_order_relaxed); ++p) {
      TallyPart(g, part, groups, p, t);
      if (written.fetch_add(t.count, std::memory_order_relaxed) + t.count > most_ends) {
        failed.store(true, std::memory_order_relaxed);
        break;
      }
      for (uint32_t q : t.Touched()) {
        const double w = t.weight[q];
        if (!(w <= most_weight) || w != std::floor(w)) {
          failed.store(true, std::memory_order_relaxed);
          break;
        }
        const uint32_t end_of_tie = q << shift | static_cast<uint32_t>(w);
        if (i == 0) {
          a.packed.push_back(end_of_tie);
        } else if (!blocks[i - 1].push_back(end_of_tie)) {
          failed.store(true, std::memory_order_relaxed);  // no room: copied the other way
          break;
        }
      }
      mine += t.count;
      a.offsets[p + 1] = mine;
      t.Clear();
    }
    t.Clear();
  });
  if (failed.load()) return false;
  for (size_t i = 1; i < runs; ++i) {
    const uint64_t base = a.packed.size();
    for (uint32_t p = cut[i]; p < cut[i + 1]; ++p) a.offsets[p + 1] += base;
    blocks[i - 1].MoveTo(a.packed);
  }
  a.node_weight = std::move(weight);
  out = std::move(a);
  return true;
}

using AnyLevel = std::variant<UGraph, PartsLevel>;

// One level: local moving on `level` (its partition in `cluster`); unless every community is
// then one node, refinement, with `cluster` set to the refined communities' communities,
// `node_of` (original node → node of the level) followed up, and the next level made: the
// aggregate of the refined communities, packed in one pass where it can be (AggregatePacked);
// else planned first, and copied from `level` if it fits in `budget` bytes next to it; else,
// `level` freed first (through `owner`, which holds it; null for the graph itself), copied
// from the graph `g` if it fits on its own; else read through `g` (a PartsLevel).
template <class G>
bool Level(const G& level, AnyLevel* owner, const GraphLevel& g, double gamma, double beta,
           size_t budget, int threads, std::vector<uint32_t>& cluster,
           std::vector<uint32_t>& node_of, Rng& rng, Tallies& tallies, AnyLevel& next) {
  return tallies.For(level, [&](auto& tally) {
    if (tally.weight.size() < level.n()) tally.Resize(level.n());
    tally.Fit(std::min<size_t>(level.n(), MaxTies(level)));  // for the moves and the refinement
    // Whole weights sum exactly in any order, so the weights inside communities that the moves
    // keep are the refinement's own sums (levels with fractions: summed by the refinement).
    std::vector<typename std::remove_reference_t<decltype(tally)>::Weight> inside;
    MoveNodes(level, gamma, cluster, rng, tally, WholeWeights(level) ? &inside : nullptr);
    const uint32_t communities = Renumber(cluster);
    if (communities == level.n()) return false;  // each community one node: nothing to merge
    std::vector<uint32_t> refined =
        Refine(level, gamma, beta, cluster, communities, rng(), threads, std::move(inside), tally);
    uint32_t parts = Renumber(refined);
    if (parts == level.n()) refined = cluster, parts = communities;  // refinement merged none
    std::vector<uint32_t> next_cluster(parts);
    for (uint32_t v = 0; v < level.n(); ++v) next_cluster[refined[v]] = cluster[v];
    cluster = std::move(next_cluster);
    for (uint32_t& x : node_of) x = refined[x];

    Groups groups = GroupBy(refined, parts);
    {
      UGraph packed;
      if (AggregatePacked(level, refined, groups, parts,
                          budget > Bytes(level) ? budget - Bytes(level) : 0, packed, tally,
                          threads)) {
        next = std::move(packed);
        return true;
      }
    }
    AggregatePlan plan;
    Aggregate(level, refined, groups, parts, plan, tally, threads);  // plans only
    const size_t bytes = plan.Bytes(parts);
    if (Bytes(level) + bytes <= budget) {
      next = Aggregate(level, refined, groups, parts, plan, tally, threads);
      return true;
    }
    // No room for both: `level` is freed (and not read again), the graph read instead.
    groups = {};
    refined = {};
    if (owner != nullptr) *owner = AnyLevel();
    PartsLevel through{&g, node_of, GroupBy(node_of, parts), std::vector<double>(parts, 0.0)};
    for (uint32_t v = 0; v < g.n(); ++v) through.node_weight[node_of[v]] += g.node_weight[v];
    if (bytes <= budget) {
      next = tallies.For(g, [&](auto& t) {
        return Aggregate(g, through.part, through.groups, parts, plan, t, threads);
      });
    } else {
      next = std::move(through);
    }
    return true;
  });
}

// The weight inside each community of a run's result, read off the last level, whose nodes
// are the communities: a node's weight less its ties to the others. Only where that level is
// a copied aggregate of whole weights, where it is exactly what summing the graph's ties
// inside each community gives (else `inside` is left empty). `label` maps the level's nodes
// to the result's labels.
template <class G>
void InsideFromLastLevel(const G& level, const std::vector<uint32_t>& label,
                         std::vector<double>& inside) {
  inside.clear();
  if constexpr (std::is_same_v<G, UGraph>) {
    if (!WholeWeights(level)) return;
    inside.assign(level.n(), 0.0);
    for (uint32_t i = 0; i < level.n(); ++i) {
      double cut = 0;
      level.ForEachTie(i, [&](uint32_t, double w) { cut += w; });
      inside[label[i]] = level.node_weight[i] - cut;
    }
  }
}

// One Leiden run from `membership` (labels of g's nodes); returns whether it changed. With
// `inside`, the weight inside each community of the result where the last level tells it
// exactly (InsideFromLastLevel), else empty.
bool LeidenRun(const GraphLevel& g, double gamma, double beta, size_t budget, int threads,
               std::vector<uint32_t>& membership, Rng& rng, std::vector<double>* inside) {
  const uint32_t n = g.n();
  std::vector<uint32_t> cluster = membership;
  Renumber(cluster);
  std::vector<uint32_t> node_of(n);  // original node → node of the current level
  std::iota(node_of.begin(), node_of.end(), 0u);
  Tallies tallies;
  AnyLevel level, next;
  const bool above =
      Level(g, nullptr, g, gamma, beta, budget, threads, cluster, node_of, rng, tallies, level);
  if (above) {
    while (std::visit(
        [&](const auto& l) {
          return Level(l, &level, g, gamma, beta, budget, threads, cluster, node_of, rng, tallies,
                       next);
        },
        level)) {
      level = std::move(next);
    }
  }
  std::vector<uint32_t> result(n);
  for (uint32_t v = 0; v < n; ++v) result[v] = cluster[node_of[v]];
  Renumber(result);
  if (inside != nullptr) {
    inside->clear();
    if (above && WholeWeights(g)) {                 // the graph's own sums exact too, in any order
      std::vector<uint32_t> label(cluster.size());  // the last level's node → result's label
      for (uint32_t v = 0; v < n; ++v) label[node_of[v]] = result[v];
      std::visit([&](const auto& l) { InsideFromLastLevel(l, label, *inside); }, level);
    }
  }
  const bool changed = result != membership;
  membership = std::move(result);
  return changed;
}

}  // namespace

GraphLevel LevelOf(const graph::Graph& g, bool weighted) {
  GraphLevel level;
  level.g = &g;
  level.weighted = weighted;
  level.returned = g.AllTiesReturned(weighted);
  level.node_weight.assign(g.num_nodes(), 0.0);
  bool whole = true;
  for (uint32_t v = 0; v < level.n(); ++v) {
    level.ForEachTie(v, [&](uint32_t, double w) {
      level.node_weight[v] += w;
      whole &= w == std::floor(w);
    });
    level.total += level.node_weight[v];
  }
  level.total /= 2;
  // Sums of whole numbers are exact in doubles in any order up to 2^53.
  level.whole = whole && 2 * level.total < 0x1p53;
  return level;
}

std::vector<uint32_t> Leiden(const GraphLevel& g, double gamma, double beta, uint64_t seed,
                             int runs, size_t budget, int threads, std::vector<double>* inside) {
  std::vector<uint32_t> membership(g.n());
  std::iota(membership.begin(), membership.end(), 0u);
  Rng rng(seed);
  if (inside != nullptr) inside->clear();
  // Whole runs, each from the last partition, until one changes nothing (or `runs` of them).
  for (int run = 0; (runs < 0 || run < runs) &&
                    LeidenRun(g, gamma, beta, budget, threads, membership, rng, inside);
       ++run) {
  }
  return membership;
}

double ModularityOf(const GraphLevel& g, const std::vector<uint32_t>& membership, double resolution,
                    std::span<const double> inside_given) {
  if (g.total <= 0) return std::nan("");
  uint32_t k = 0;
  for (uint32_t c : membership) k = std::max(k, c + 1);
  std::vector<double> inside(k, 0.0), K(k, 0.0);
  if (inside_given.size() == k) {
    inside.assign(inside_given.begin(), inside_given.end());
    for (uint32_t v = 0; v < g.n(); ++v) K[membership[v]] += g.node_weight[v];
  } else {
    for (uint32_t v = 0; v < g.n(); ++v) {
      K[membership[v]] += g.node_weight[v];
      g.ForEachTie(v, [&](uint32_t u, double w) {
        if (membership[u] == membership[v]) inside[membership[v]] += w;
      });
    }
  }
  const double m2 = 2 * g.total;
  double q = 0;
  for (uint32_t c = 0; c < k; ++c) q += inside[c] / m2 - resolution * (K[c] / m2) * (K[c] / m2);
  return q;
}

}  // namespace pl::network::internal
