#include "surveys/scoring.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <numeric>

namespace pl::surveys {
namespace {

// Sample covariance matrix (n - 1) of the columns, over the pairwise-complete rows of each pair
// (R's cov(use = "pairwise")) or over the rows complete in every column.
std::vector<double> Covariance(const Columns& x, bool pairwise, int& n_obs) {
  const size_t k = x.cols, rows = x.rows();
  std::vector<char> use(rows, 1);
  n_obs = 0;
  for (size_t r = 0; r < rows; ++r) {
    bool all = true, any = false;
    for (size_t c = 0; c < k; ++c) {
      all = all && Answered(x.at(r, c));
      any = any || Answered(x.at(r, c));
    }
    use[r] = pairwise ? any : all;
    n_obs += use[r];
  }
  std::vector<double> cov(k * k, kMissing);
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = i; j < k; ++j) {
      double mi = 0, mj = 0;
      int n = 0;
      for (size_t r = 0; r < rows; ++r) {
        if (!use[r] || !Answered(x.at(r, i)) || !Answered(x.at(r, j))) continue;
        mi += x.at(r, i), mj += x.at(r, j), ++n;
      }
      if (n < 2) continue;
      mi /= n, mj /= n;
      double s = 0;
      for (size_t r = 0; r < rows; ++r) {
        if (!use[r] || !Answered(x.at(r, i)) || !Answered(x.at(r, j))) continue;
        s += (x.at(r, i) - mi) * (x.at(r, j) - mj);
      }
      cov[i * k + j] = cov[j * k + i] = s / (n - 1);
    }
  }
  return cov;
}

// Alpha from a covariance (raw) or correlation (std) matrix, leaving out column `skip`.
double AlphaOf(const std::vector<double>& m, size_t k, size_t skip) {
  double trace = 0, total = 0;
  size_t used = 0;
  for (size_t i = 0; i < k; ++i) {
    if (i == skip) continue;
    ++used;
    trace += m[i * k + i];
    for (size_t j = 0; j < k; ++j) {
      if (j != skip) total += m[i * k + j];
    }
  }
  if (used < 2 || !(total != 0) || std::isnan(total)) return kMissing;
  const double u = static_cast<double>(used);
  return u / (u - 1) * (1 - trace / total);
}

}  // namespace

Columns KeyedColumns(const Instrument& instrument, const Answers& answers,
                     std::span<const size_t> items) {
  Columns out;
  out.cols = items.size();
  const size_t rows = answers.respondents();
  out.values.reserve(rows * items.size());
  for (size_t r = 0; r < rows; ++r) {
    for (size_t i : items) {
      const double a = answers.at(r, i);
      out.values.push_back(Answered(a) ? instrument.Keyed(i, a) : kMissing);
    }
  }
  return out;
}

RespondentScores ScoreRespondents(const Instrument& instrument, const Answers& answers) {
  RespondentScores out;
  out.subscales = instrument.subscales.size();
  const size_t rows = answers.respondents();
  out.raw.assign(rows * out.subscales, kMissing);
  out.normalised.assign(rows * out.subscales, kMissing);
  out.completion.assign(rows, 0.0);
  const double span = instrument.scale_max - instrument.scale_min;
  for (size_t s = 0; s < out.subscales; ++s) {
    const std::vector<size_t> items = instrument.SubscaleItems(s);
    // The smallest count that is at least min_answered of the items (with a guard against
    // 0.5 x 6 landing a hair above 3 in floating point).
    const auto needed = static_cast<size_t>(std::max(
        1.0, std::ceil(instrument.min_answered * static_cast<double>(items.size()) - 1e-9)));
    for (size_t r = 0; r < rows; ++r) {
      double sum = 0;
      size_t n = 0;
      for (size_t i : items) {
        const double a = answers.at(r, i);
        if (Answered(a)) sum += instrument.Keyed(i, a), ++n;
      }
      if (n < needed) continue;
      const double mean = sum / static_cast<double>(n);
      out.raw[r * out.subscales + s] = mean;
      out.normalised[r * out.subscales + s] = (mean - instrument.scale_min) / span;
    }
  }
  for (size_t r = 0; r < rows; ++r) {
    size_t n = 0;
    for (size_t i = 0; i < answers.items; ++i) n += Answered(answers.at(r, i));
    if (answers.items > 0)
      out.completion[r] = static_cast<double>(n) / static_cast<double>(answers.items);
  }
  return out;
}

Describe DescribeValues(std::span<const double> values) {
  Describe d;
  double sum = 0;
  for (double v : values) {
    if (Answered(v)) sum += v, ++d.n;
  }
  if (d.n == 0) return d;
  d.mean = sum / d.n;
  if (d.n >= 2) {
    double ss = 0;
    for (double v : values) {
      if (Answered(v)) ss += (v - d.mean) * (v - d.mean);
    }
    d.sd = std::sqrt(ss / (d.n - 1));
  }
  return d;
}

Describe DescribeItem(const Instrument& instrument, std::span<const double> keyed_answers) {
  Describe d = DescribeValues(keyed_answers);
  d.distribution.assign(static_cast<size_t>(instrument.scale_max - instrument.scale_min + 1), 0);
  int favourable = 0;
  for (double v : keyed_answers) {
    if (!Answered(v)) continue;
    const auto point = static_cast<long>(std::lround(v)) - instrument.scale_min;
    if (point >= 0 && point < static_cast<long>(d.distribution.size())) ++d.distribution[point];
    favourable += v >= instrument.favourable_min;
  }
  if (d.n > 0) d.favourable = static_cast<double>(favourable) / d.n;
  return d;
}

Alpha CronbachAlpha(const Columns& keyed, bool pairwise) {
  Alpha a;
  const size_t k = keyed.cols;
  std::vector<double> cov = Covariance(keyed, pairwise, a.n_obs);
  if (k < 2) return a;
  std::vector<double> cor(k * k, kMissing);
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) {
      cor[i * k + j] = cov[i * k + j] / std::sqrt(cov[i * k + i] * cov[j * k + j]);
    }
  }
  a.raw_alpha = AlphaOf(cov, k, k);
  a.std_alpha = AlphaOf(cor, k, k);
  double off = 0;
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) {
      if (i != j) off += cor[i * k + j];
    }
  }
  a.average_r = off / static_cast<double>(k * (k - 1));
  for (size_t i = 0; i < k; ++i) {
    a.raw_alpha_if_dropped.push_back(AlphaOf(cov, k, i));
    a.std_alpha_if_dropped.push_back(AlphaOf(cor, k, i));
  }
  return a;
}

double UniformNullVariance(int points) {
  return (static_cast<double>(points) * points - 1.0) / 12.0;
}

Agreement RwgJ(const Columns& group, double null_variance) {
  Agreement out;
  const size_t j = group.cols;
  std::vector<size_t> complete;
  for (size_t r = 0; r < group.rows(); ++r) {
    bool all = true;
    for (size_t c = 0; c < j; ++c) all = all && Answered(group.at(r, c));
    if (all) complete.push_back(r);
  }
  out.n = static_cast<int>(complete.size());
  if (complete.size() < 2 || j == 0 || !(null_variance > 0)) return out;
  double mean_var = 0;
  for (size_t c = 0; c < j; ++c) {
    double m = 0;
    for (size_t r : complete) m += group.at(r, c);
    m /= static_cast<double>(complete.size());
    double ss = 0;
    for (size_t r : complete) ss += (group.at(r, c) - m) * (group.at(r, c) - m);
    mean_var += ss / static_cast<double>(complete.size() - 1);
  }
  mean_var /= static_cast<double>(j);
  const double q = mean_var / null_variance;
  const double jd = static_cast<double>(j);
  const double rwg = jd * (1 - q) / (jd * (1 - q) + q);
  out.rwg_j = (mean_var > null_variance || rwg < 0 || rwg > 1) ? 0.0 : rwg;
  return out;
}

Icc IntraclassCorrelation(std::span<const double> values, std::span<const int> group) {
  Icc out;
  std::vector<std::pair<int, double>> xs;
  for (size_t i = 0; i < values.size() && i < group.size(); ++i) {
    if (Answered(values[i])) xs.emplace_back(group[i], values[i]);
  }
  std::sort(xs.begin(), xs.end());
  out.n = static_cast<int>(xs.size());
  if (xs.empty()) return out;
  double grand = 0;
  for (auto& [g, v] : xs) grand += v;
  grand /= static_cast<double>(xs.size());
  double ssb = 0, ssw = 0;
  for (size_t a = 0; a < xs.size();) {
    size_t b = a;
    double m = 0;
    while (b < xs.size() && xs[b].first == xs[a].first) m += xs[b++].second;
    const double n = static_cast<double>(b - a);
    m /= n;
    for (size_t i = a; i < b; ++i) ssw += (xs[i].second - m) * (xs[i].second - m);
    ssb += n * (m - grand) * (m - grand);
    ++out.groups;
    a = b;
  }
  if (out.groups < 2 || out.n <= out.groups) return out;
  const double msb = ssb / (out.groups - 1);
  const double msw = ssw / (out.n - out.groups);
  const double k = static_cast<double>(out.n) / out.groups;
  if (!(msb > 0)) return out;
  out.icc1 = (msb - msw) / (msb + (k - 1) * msw);
  out.icc2 = (msb - msw) / msb;
  return out;
}

Change MeanChange(const Describe& earlier, const Describe& later, double confidence) {
  Change c;
  if (earlier.n < 2 || later.n < 2 || std::isnan(earlier.sd) || std::isnan(later.sd)) return c;
  c.difference = later.mean - earlier.mean;
  const double v1 = earlier.sd * earlier.sd / earlier.n, v2 = later.sd * later.sd / later.n;
  const double se = std::sqrt(v1 + v2);
  if (!(se > 0)) {
    c.low = c.high = c.difference;
    return c;
  }
  c.df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (earlier.n - 1) + v2 * v2 / (later.n - 1));
  boost::math::students_t t(c.df);
  const double q = boost::math::quantile(t, 0.5 + confidence / 2);
  c.low = c.difference - q * se;
  c.high = c.difference + q * se;
  return c;
}

}  // namespace pl::surveys
