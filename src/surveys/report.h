// A wave's scored results, per group, with the anonymity guard applied: what `peerlearn survey
// report` prints and the results pages show. Groups are paths ("Sales/EMEA"); every ancestor is
// a group too, and "" is the whole population, so the groups nest and secondary suppression is
// exact. Suppressed groups carry their status and nothing else: not their size, not a value.
//
//   WaveData now{instrument, groups, answers};
//   WaveReport r = BuildReport(now, /*previous=*/nullptr, {.k = 5});
//   std::string json = ReportToJson(r);
#pragma once

#include <string>
#include <vector>

#include "surveys/anonymity.h"
#include "surveys/instrument.h"
#include "surveys/scoring.h"

namespace pl::surveys {

// One wave's responses: a group path per respondent and their raw answers.
struct WaveData {
  const Instrument* instrument = nullptr;
  std::vector<std::string> groups;  // per respondent
  Answers answers;                  // respondents x items
};

struct ReportParams {
  int k = 5;                 // raised to kMinimumK if lower
  double confidence = 0.95;  // for the change intervals
};

struct SubscaleResult {
  Describe score;       // of respondents' scale scores
  Agreement agreement;  // rwg(j) over the subscale's items, uniform null
  Change change;        // against the previous wave's same group, when both are shown
};

struct ItemResult {
  Describe stats;           // keyed answers
  bool suppressed = false;  // answered by fewer than k in this group
};

struct GroupResult {
  std::string group;  // "" = everyone
  Visibility visibility = Visibility::kShown;
  int respondents = 0;  // 0 unless shown
  std::vector<SubscaleResult> subscales;
  std::vector<ItemResult> items;
};

struct ScaleReliability {
  Alpha alpha;  // pairwise (psych's default), over every respondent
  Icc icc;      // scale score by respondents' own groups, among groups of at least k
};

struct WaveReport {
  std::string instrument_key;
  int instrument_version = 0;
  int k = 0;
  int respondents = 0;                        // 0 (and nothing else) when the whole wave is below k
  std::vector<ScaleReliability> reliability;  // per subscale; empty when below k
  std::vector<GroupResult> groups;            // "" first, then by path
};

WaveReport BuildReport(const WaveData& now, const WaveData* previous, const ReportParams& params);

// JSON and CSV (one row per group and measure) renderings. NaN (not computable) is null / empty.
std::string ReportToJson(const WaveReport& report, const Instrument& instrument);
std::string ReportToCsv(const WaveReport& report, const Instrument& instrument);

}  // namespace pl::surveys
