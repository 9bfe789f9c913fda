// Roster import of a 100k-person organisation (the demo generator's, as CSV), into SQLite and
// into PostgreSQL: parse + validate + load in one transaction with bulk binding.
//   BM_ParseValidate  — detect/parse/validate only (no store)
//   BM_ImportFresh    — into an empty, migrated store
//   BM_ReimportSame   — the same file again (the idempotent path: reads, diffs, writes nothing)
// PostgreSQL cases run when PL_BENCH_PG_URL names a server (bench/run.sh starts one).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "bench/fresh_store.h"
#include "demo/demo.h"
#include "ingest/roster.h"
#include "store/store.h"

namespace {

const std::string& RosterCsv(int people) {
  static std::map<int, std::string> cache;
  auto& s = cache[people];
  if (s.empty()) {
    auto org = pl::demo::Generate({people, 42, *pl::ParseDate("2026-11-01")});
    s = pl::ingest::WriteRosterCsv(org->people);
  }
  return s;
}

std::string FreshUrl(const std::string& backend) { return pl::bench::FreshUrl(backend, "bench_"); }

std::unique_ptr<pl::store::Store> OpenFresh(benchmark::State& state, const std::string& backend) {
  if (backend == "postgresql" && !std::getenv("PL_BENCH_PG_URL")) {
    state.SkipWithError("set PL_BENCH_PG_URL (bench/run.sh does)");
    return nullptr;
  }
  auto s = pl::store::Open(FreshUrl(backend));
  if (!s.ok() || !(*s)->Migrate().ok()) {
    state.SkipWithError("cannot open the store");
    return nullptr;
  }
  return std::move(s).value();
}

void BM_ParseValidate(benchmark::State& state) {
  const std::string& csv = RosterCsv(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto plan = pl::ingest::PlanRoster(csv, {}, {});
    benchmark::DoNotOptimize(plan.records.data());
    if (plan.has_errors) state.SkipWithError("the generated roster did not validate");
  }
  state.counters["rows/s"] = benchmark::Counter(
      static_cast<double>(state.range(0)) * state.iterations(), benchmark::Counter::kIsRate);
}

void ImportFresh(benchmark::State& state, const std::string& backend) {
  const std::string& csv = RosterCsv(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    auto store = OpenFresh(state, backend);
    if (!store) return;
    state.ResumeTiming();
    auto r = pl::ingest::ImportRoster(*store, csv, {});
    if (!r.ok() || r->rejected || r->applied.added != state.range(0))
      state.SkipWithError("import failed");
  }
  state.counters["rows/s"] = benchmark::Counter(
      static_cast<double>(state.range(0)) * state.iterations(), benchmark::Counter::kIsRate);
}

void ReimportSame(benchmark::State& state, const std::string& backend) {
  const std::string& csv = RosterCsv(static_cast<int>(state.range(0)));
  auto store = OpenFresh(state, backend);
  if (!store) return;
  if (!pl::ingest::ImportRoster(*store, csv, {}).ok()) state.SkipWithError("first import failed");
  for (auto _ : state) {
    auto r = pl::ingest::ImportRoster(*store, csv, {});
    if (!r.ok() || r->applied.unchanged != state.range(0))
      state.SkipWithError("re-import changed rows");
  }
  state.counters["rows/s"] = benchmark::Counter(
      static_cast<double>(state.range(0)) * state.iterations(), benchmark::Counter::kIsRate);
}

void BM_ImportFresh_SQLite(benchmark::State& s) { ImportFresh(s, "sqlite"); }
void BM_ImportFresh_PostgreSQL(benchmark::State& s) { ImportFresh(s, "postgresql"); }
void BM_ReimportSame_SQLite(benchmark::State& s) { ReimportSame(s, "sqlite"); }
void BM_ReimportSame_PostgreSQL(benchmark::State& s) { ReimportSame(s, "postgresql"); }

}  // namespace

BENCHMARK(BM_ParseValidate)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ImportFresh_SQLite)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK(BM_ImportFresh_PostgreSQL)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK(BM_ReimportSame_SQLite)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK(BM_ReimportSame_PostgreSQL)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK_MAIN();
