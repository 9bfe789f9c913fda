// Survey scoring at scale: a wave of N respondents x 10 items (two subscales of five, one item
// reverse-keyed in each, 3% of answers missing) in 1,000 teams of a three-level hierarchy
// (10 x 10 x 10, so 1,111 reported groups with the ancestors), scored with everything the
// report gives — per-group item distributions and favourable shares, scale scores under the
// minimum-answered rule, rwg(j), the anonymity guard over all groups, Cronbach's alpha and
// ICC(1)/ICC(2) per scale, and change against a previous wave of the same size.
//   bench_surveys [--benchmark_*]           Google Benchmark
//   bench_surveys --dump N FILE             writes the N-respondent wave as CSV for the peer
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

#include "surveys/report.h"

namespace {

using namespace pl::surveys;

const Instrument& TenItems() {
  static const Instrument in = [] {
    std::string items;
    for (int i = 0; i < 10; ++i) {
      items += std::string(i ? "," : "") + "{\"id\":\"q" + std::to_string(i) +
               "\",\"text\":\"Item " + std::to_string(i) + "\",\"subscale\":\"" +
               (i < 5 ? "a" : "b") + "\"" + (i % 5 == 4 ? ",\"reverse\":true" : "") + "}";
    }
    auto r = ParseInstrument(
        "{\"key\":\"bench\",\"version\":1,\"title\":\"Bench\",\"anonymity\":\"anonymous\","
        "\"scale\":{\"min\":1,\"max\":5},\"subscales\":[{\"id\":\"a\",\"title\":\"A\"},{\"id\":"
        "\"b\",\"title\":\"B\"}],\"items\":[" +
        items + "]}");
    if (!r.ok()) std::abort();
    return *r;
  }();
  return in;
}

WaveData MakeWave(int respondents, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0, 0.9), team_effect(0, 0.4);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> effect(1000);
  for (double& e : effect) e = team_effect(rng);
  WaveData w;
  w.instrument = &TenItems();
  w.answers.items = 10;
  w.answers.values.reserve(static_cast<size_t>(respondents) * 10);
  for (int r = 0; r < respondents; ++r) {
    const int team = r % 1000;
    w.groups.push_back("D" + std::to_string(team / 100) + "/G" + std::to_string(team / 10 % 10) +
                       "/T" + std::to_string(team % 10));
    const double person = 3.4 + effect[team] + 0.5 * noise(rng);
    for (int i = 0; i < 10; ++i) {
      double v = std::round(person + noise(rng));
      v = std::clamp(v, 1.0, 5.0);
      if (i % 5 == 4) v = 6 - v;  // reverse-keyed item: answered the other way round
      w.answers.values.push_back(u(rng) < 0.03 ? kMissing : v);
    }
  }
  return w;
}

void BM_ScoreWave(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const WaveData now = MakeWave(n, 1), before = MakeWave(n, 2);
  size_t shown = 0;
  for (auto _ : state) {
    WaveReport r = BuildReport(now, &before, {.k = 5});
    shown = 0;
    for (const auto& g : r.groups) shown += g.visibility == Visibility::kShown;
    benchmark::DoNotOptimize(r);
  }
  state.counters["groups_shown"] = static_cast<double>(shown);
  state.counters["respondents/s"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ScoreWave)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--dump") == 0) {
    const WaveData w = MakeWave(std::atoi(argv[2]), 1);
    std::ofstream out(argv[3]);
    out << "group";
    for (int i = 0; i < 10; ++i) out << ",q" << i;
    out << "\n";
    for (size_t r = 0; r < w.groups.size(); ++r) {
      out << w.groups[r];
      for (int i = 0; i < 10; ++i) {
        const double v = w.answers.at(r, i);
        out << ",";
        if (!std::isnan(v)) out << static_cast<int>(v);
      }
      out << "\n";
    }
    return out ? 0 : 1;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
