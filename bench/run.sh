#!/usr/bin/env bash
# Runs every benchmark and prints the numbers that bench/RESULTS.md quotes.
#   bench/run.sh            (after scripts/build.sh release)
# Starts its own PostgreSQL 15 with durable settings (fsync on) for the PostgreSQL cases.
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=$(mktemp -d)
trap 'scripts/pg-harness.sh stop "$STATE" >/dev/null; rm -rf "$STATE"' EXIT
PG_HARNESS_DURABLE=1 scripts/pg-harness.sh start "$STATE"
echo "== roster import, 100k people (Google Benchmark; medians of ${REPS:-5})"
PL_BENCH_PG_URL=$(cat "$STATE/pg_url") build/release/bench/bench_roster \
  --benchmark_repetitions="${REPS:-5}" --benchmark_report_aggregates_only=true 2>/dev/null |
  grep -E "Benchmark|median|ParseValidate"
echo "== HTTP under wrk (SQLite store)"
bench/http_bench.sh
