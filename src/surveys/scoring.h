// Scoring survey answers: reverse keys, per-respondent scale scores with a minimum-answered rule,
// group statistics, reliability (Cronbach's alpha), within-group agreement (rwg(j)), the share
// of variance between groups (ICC(1), ICC(2)) and change between two waves with a confidence
// interval. Pure functions over answer matrices; nothing here knows who answered.
//
//   Answers a = ...;                                  // respondents x items, NaN = unanswered
//   RespondentScores s = ScoreRespondents(instrument, a);
//   Alpha alpha = CronbachAlpha(KeyedColumns(instrument, a, instrument.SubscaleItems(0)));
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "surveys/instrument.h"

namespace pl::surveys {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline bool Answered(double x) { return !std::isnan(x); }

// Answers, one row per respondent, one column per item of the instrument; kMissing where the
// item was not answered. Values are raw (before reverse keying).
struct Answers {
  size_t items = 0;
  std::vector<double> values;  // row-major, respondents x items
  size_t respondents() const { return items == 0 ? 0 : values.size() / items; }
  double at(size_t r, size_t i) const { return values[r * items + i]; }
};

// A matrix of keyed answers for a set of columns (respondents x columns, kMissing allowed).
struct Columns {
  size_t cols = 0;
  std::vector<double> values;
  size_t rows() const { return cols == 0 ? 0 : values.size() / cols; }
  double at(size_t r, size_t c) const { return values[r * cols + c]; }
};
// The keyed answers to `items` (reverse-scored where the instrument says so).
Columns KeyedColumns(const Instrument& instrument, const Answers& answers,
                     std::span<const size_t> items);

// Per respondent and subscale: the mean of the keyed answers, or NaN when fewer than
// ceil(min_answered x items) were answered; `normalised` maps it to [0, 1]; `completion` is
// the share of all items answered.
struct RespondentScores {
  size_t subscales = 0;
  std::vector<double> raw;         // respondents x subscales
  std::vector<double> normalised;  // (raw - min) / (max - min)
  std::vector<double> completion;  // per respondent
  double at(size_t r, size_t s) const { return raw[r * subscales + s]; }
};
RespondentScores ScoreRespondents(const Instrument& instrument, const Answers& answers);

// Descriptive statistics of a set of values (NaN skipped): n, mean, sample SD (n - 1), and for
// answers on the instrument's scale the count at each point and the share favourable.
struct Describe {
  int n = 0;
  double mean = kMissing;
  double sd = kMissing;
  std::vector<int> distribution;  // count per scale point, min first (items only)
  double favourable = kMissing;   // share of values >= favourable_min
};
Describe DescribeValues(std::span<const double> values);
Describe DescribeItem(const Instrument& instrument, std::span<const double> keyed_answers);

// Cronbach's alpha (Cronbach 1951): k/(k-1) (1 - sum of item variances / variance of the sum).
// `pairwise` (psych::alpha's default): covariances from the pairwise-complete observations of
// each pair of items; otherwise listwise (complete rows only; the textbook formula).
// std_alpha uses the correlation matrix; average_r is its mean off-diagonal entry.
struct Alpha {
  int n_obs = 0;  // rows used (listwise) or rows with any answer (pairwise)
  double raw_alpha = kMissing;
  double std_alpha = kMissing;
  double average_r = kMissing;
  std::vector<double> raw_alpha_if_dropped;  // per column
  std::vector<double> std_alpha_if_dropped;
};
Alpha CronbachAlpha(const Columns& keyed, bool pairwise);

// Within-group agreement rwg(j) (James, Demaree & Wolf 1984) of a group's answers to J items:
// J (1 - s²/σ²) / (J (1 - s²/σ²) + s²/σ²), s² the mean item variance, σ² the variance expected
// under no agreement (`null_variance`; for a uniform null on A points (A² - 1) / 12). As
// multilevel::rwg.j: rows with a missing item are dropped, and a mean variance above σ² gives 0.
// NaN for fewer than two complete rows.
struct Agreement {
  int n = 0;  // complete rows used
  double rwg_j = kMissing;
};
Agreement RwgJ(const Columns& group_answers, double null_variance);
double UniformNullVariance(int points);

// ICC(1) and ICC(2) from a one-way ANOVA of `values` by `group` (Bliese 2000; as
// multilevel::ICC1/ICC2 with the mean group size): ICC(1) = (MSB - MSW) / (MSB + (k - 1) MSW),
// ICC(2) = (MSB - MSW) / MSB. NaN values are skipped; NaN results when there are fewer than two
// groups or no within-group variation.
struct Icc {
  double icc1 = kMissing;
  double icc2 = kMissing;
  int groups = 0;
  int n = 0;
};
Icc IntraclassCorrelation(std::span<const double> values, std::span<const int> group);

// Difference of two independent means (later - earlier) with Welch's confidence interval.
struct Change {
  double difference = kMissing;
  double low = kMissing;
  double high = kMissing;
  double df = kMissing;
};
Change MeanChange(const Describe& earlier, const Describe& later, double confidence = 0.95);

}  // namespace pl::surveys
