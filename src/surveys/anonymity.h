// The anonymity guard: which group aggregates a caller may see without any group of fewer than
// k respondents becoming visible — directly, or by subtracting or combining groups they can see.
//
// A caller who sees the sums of several groups can compute any integer combination of them; if
// such a combination is the sum over a set of 1..k-1 people (department minus department-without-
// team; team minus team-and-tenure-under-2-years), those people are exposed. The guard works on
// the groups' membership patterns ("atoms": people who belong to exactly the same groups):
//  1. groups under k are suppressed (primary suppression);
//  2. nested groups (a hierarchy such as org > department > team > team x tenure band): a group's
//     members outside its visible sub-groups must be 0 or at least k, else its smallest visible
//     sub-group is suppressed too (secondary suppression) — exact for such families;
//  3. crossing groups (team x tenure next to department x tenure): every 0/1 combination in the
//     span of the visible groups is enumerated (exact) when the span has rank <= max_exact_rank;
//     above that, crossing groups are suppressed, smallest first, until the rest nest.
// The result is applied in the query layer: suppressed groups are reported as such, never with
// a value. Callers must pass every group the same person could request for the same data (the
// guard cannot protect against groups it is not shown).
//
//   std::vector<GuardGroup> groups = {{"org", all}, {"sales", sales}, {"sales-no-ana", ...}};
//   std::vector<Visibility> v = GuardGroups(groups, {.k = 5});
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pl::surveys {

// The configured threshold, never below 3 (DESIGN.md).
inline constexpr int kMinimumK = 3;
inline int EffectiveK(int configured) { return configured < kMinimumK ? kMinimumK : configured; }

struct GuardGroup {
  std::string key;                // for the caller; not used by the guard
  std::vector<uint32_t> members;  // respondent indices; duplicates are ignored
};

struct GuardParams {
  int k = 5;  // raised to kMinimumK if lower
  size_t max_exact_rank = 18;
};

enum class Visibility {
  kShown,
  kTooSmall,     // fewer than k respondents
  kDifferencing  // at least k, but showing it would let a smaller group be derived
};

// One entry per group, in order.
std::vector<Visibility> GuardGroups(std::span<const GuardGroup> groups, const GuardParams& params);

}  // namespace pl::surveys
