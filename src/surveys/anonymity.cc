#include "surveys/anonymity.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <optional>

namespace pl::surveys {
namespace {

// The visible groups' atoms: the people who belong to exactly the same visible groups.
struct Atoms {
  std::vector<std::vector<int>> groups_of;  // per atom, the visible groups containing it
  std::vector<int64_t> size;                // per atom, people
};

Atoms MakeAtoms(const std::vector<std::vector<uint32_t>>& members, const std::vector<int>& active) {
  uint32_t top = 0;
  for (int g : active) {
    if (!members[g].empty()) top = std::max(top, members[g].back() + 1);
  }
  std::vector<std::vector<int>> of(top);
  for (int g : active) {
    for (uint32_t p : members[g]) of[p].push_back(g);
  }
  std::map<std::vector<int>, size_t> index;
  Atoms atoms;
  for (auto& gs : of) {
    if (gs.empty()) continue;
    auto [it, fresh] = index.try_emplace(gs, atoms.size.size());
    if (fresh) {
      atoms.groups_of.push_back(gs);
      atoms.size.push_back(0);
    }
    ++atoms.size[it->second];
  }
  return atoms;
}

// A 0/1 combination of the visible groups that covers 1..k-1 people, as the groups that take
// part in it (nonzero coefficients); nullopt if there is none. Exact: enumerates the span's 0/1
// vectors through a reduced row echelon basis (a 0/1 vector in the span is fixed by its values
// at the pivot columns); each basis row carries its combination of the groups alongside.
std::optional<std::vector<int>> SmallCombination(const Atoms& atoms, const std::vector<int>& active,
                                                 int k, size_t max_rank, bool& too_big) {
  const size_t na = atoms.size.size(), ng = active.size();
  std::map<int, size_t> row_of;
  for (size_t i = 0; i < ng; ++i) row_of[active[i]] = i;
  std::vector<std::vector<double>> m(ng, std::vector<double>(na + ng, 0.0));
  for (size_t a = 0; a < na; ++a) {
    for (int g : atoms.groups_of[a]) m[row_of[g]][a] = 1.0;
  }
  for (size_t i = 0; i < ng; ++i) m[i][na + i] = 1.0;
  constexpr double kEps = 1e-9;
  size_t rank = 0;
  for (size_t col = 0; col < na && rank < m.size(); ++col) {
    size_t pivot = rank;
    for (size_t r = rank; r < m.size(); ++r) {
      if (std::abs(m[r][col]) > std::abs(m[pivot][col])) pivot = r;
    }
    if (std::abs(m[pivot][col]) < kEps) continue;
    std::swap(m[pivot], m[rank]);
    const double p = m[rank][col];
    for (double& v : m[rank]) v /= p;
    for (size_t r = 0; r < m.size(); ++r) {
      if (r == rank || std::abs(m[r][col]) < kEps) continue;
      const double f = m[r][col];
      for (size_t c = 0; c < na + ng; ++c) m[r][c] -= f * m[rank][c];
    }
    ++rank;
  }
  if (rank > max_rank) {
    too_big = true;
    return std::nullopt;
  }
  // Gray-code walk over the 2^rank combinations of basis rows.
  std::vector<double> x(na + ng, 0.0);
  for (uint64_t step = 1; step < (uint64_t{1} << rank); ++step) {
    const int flip = std::countr_zero(step);
    const bool add = ((step ^ (step >> 1)) >> flip) & 1;
    for (size_t c = 0; c < na + ng; ++c) x[c] += add ? m[flip][c] : -m[flip][c];
    int64_t weight = 0;
    bool binary = true;
    for (size_t c = 0; c < na && binary; ++c) {
      if (std::abs(x[c] - 1.0) < kEps) {
        weight += atoms.size[c];
      } else if (std::abs(x[c]) >= kEps) {
        binary = false;
      }
    }
    if (binary && weight > 0 && weight < k) {
      std::vector<int> parts;
      for (size_t i = 0; i < ng; ++i) {
        if (std::abs(x[na + i]) >= kEps) parts.push_back(active[i]);
      }
      return parts;
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<Visibility> GuardGroups(std::span<const GuardGroup> groups, const GuardParams& params) {
  const int k = EffectiveK(params.k);
  const size_t n = groups.size();
  std::vector<Visibility> out(n, Visibility::kShown);

  // Identical member sets are one group to the guard; their duplicates follow it.
  std::vector<std::vector<uint32_t>> members(n);
  std::map<std::vector<uint32_t>, int> first;
  std::vector<int> same_as(n);
  std::vector<int> reps;
  for (size_t g = 0; g < n; ++g) {
    members[g] = groups[g].members;
    std::sort(members[g].begin(), members[g].end());
    members[g].erase(std::unique(members[g].begin(), members[g].end()), members[g].end());
    auto [it, fresh] = first.try_emplace(members[g], static_cast<int>(g));
    same_as[g] = it->second;
    if (fresh) reps.push_back(static_cast<int>(g));
  }
  for (int g : reps) {
    if (members[g].size() < static_cast<size_t>(k)) out[g] = Visibility::kTooSmall;
  }

  auto size_of = [&](int g) { return static_cast<int64_t>(members[g].size()); };
  for (;;) {
    std::vector<int> active;
    for (int g : reps) {
      if (out[g] == Visibility::kShown) active.push_back(g);
    }
    if (active.size() < 2) break;
    const Atoms atoms = MakeAtoms(members, active);
    // Pairwise overlaps, from the atoms.
    std::map<std::pair<int, int>, int64_t> overlap;
    for (size_t a = 0; a < atoms.size.size(); ++a) {
      const auto& gs = atoms.groups_of[a];
      for (size_t i = 0; i < gs.size(); ++i) {
        for (size_t j = i + 1; j < gs.size(); ++j) overlap[{gs[i], gs[j]}] += atoms.size[a];
      }
    }
    std::vector<int> crossing;  // groups overlapping another without nesting
    for (const auto& [pair, common] : overlap) {
      if (common != std::min(size_of(pair.first), size_of(pair.second))) {
        crossing.push_back(pair.first);
        crossing.push_back(pair.second);
      }
    }
    int suppress = -1;
    if (crossing.empty()) {
      // Nested: each group's members outside its visible sub-groups must be 0 or >= k.
      std::map<int, int> parent;  // smallest visible group strictly containing the group
      for (const auto& [pair, common] : overlap) {
        auto [a, b] = pair;
        if (size_of(a) > size_of(b)) std::swap(a, b);  // a inside b
        auto it = parent.find(a);
        if (it == parent.end() || size_of(b) < size_of(it->second)) parent[a] = b;
      }
      std::map<int, int64_t> inside;
      std::map<int, int> smallest_child;
      for (const auto& [child, p] : parent) {
        inside[p] += size_of(child);
        auto it = smallest_child.find(p);
        if (it == smallest_child.end() || size_of(child) < size_of(it->second)) {
          smallest_child[p] = child;
        }
      }
      for (const auto& [p, covered] : inside) {
        const int64_t rest = size_of(p) - covered;
        if (rest > 0 && rest < k) {
          suppress = smallest_child[p];
          break;
        }
      }
    } else {
      bool too_big = false;
      auto small = SmallCombination(atoms, active, k, params.max_exact_rank, too_big);
      if (small) {
        // The smallest group taking part in the combination.
        for (int g : *small) {
          if (suppress < 0 || size_of(g) < size_of(suppress)) suppress = g;
        }
      } else if (too_big) {
        for (int g : crossing) {
          if (suppress < 0 || size_of(g) < size_of(suppress)) suppress = g;
        }
      }
    }
    if (suppress < 0) break;
    out[suppress] = Visibility::kDifferencing;
  }
  for (size_t g = 0; g < n; ++g) out[g] = out[same_as[g]];
  return out;
}

}  // namespace pl::surveys
