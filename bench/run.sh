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
echo "== survey scoring: 100k respondents x 10 items, every group statistic (medians of ${REPS:-5}); numpy peer"
build/release/bench/bench_surveys --benchmark_repetitions="${REPS:-5}" --benchmark_report_aggregates_only=true 2>/dev/null |
  grep -E "median"
build/release/bench/bench_surveys --dump 100000 "$STATE/wave.csv"
/usr/bin/python3 bench/survey_python.py "$STATE/wave.csv" "${REPS:-5}"
echo "== survey submissions over HTTP on loopback, 8 concurrent clients (medians of 3 runs)"
build/release/bench/bench_survey_load sqlite --people 2000 --clients 8 --runs 3 2>&1 | grep -v "^\["
PL_BENCH_PG_URL=$(cat "$STATE/pg_url") build/release/bench/bench_survey_load postgresql --people 2000 --clients 8 --runs 3 2>&1 | grep -v "^\["
echo "== mentor matching: 50,000 mentees x 10,000 mentors, optimum vs greedy (medians of 3)"
build/release/bench/bench_matching 50000 10000 3
echo "== learning circles: 10,000 volunteers over 100 challenges, formation vs greedy (medians of 3)"
build/release/bench/bench_matching circles 10000 100 3
echo "== Slack ingestion: the 3,000-person demo export, side by side with reading, simdjson and Python (medians of 5)"
build/release/src/cli/peerlearn demo --people 3000 --no-serve --db "sqlite:$STATE/slack.db" >/dev/null
build/release/bench/bench_ingest slack "$STATE/slack.db.traces/slack-export" "sqlite:$STATE/slack.db" --reps 5 --python
echo "== Slack ingestion of the same export laid out as Slack's own exports are today (bench/slack_modernize.py)"
/usr/bin/python3 bench/slack_modernize.py "$STATE/slack.db.traces/slack-export" "$STATE/slack-modern"
build/release/bench/bench_ingest slack "$STATE/slack-modern" "sqlite:$STATE/slack.db" --reps 5 --python
echo "== Slack ingestion of the same export zipped (as Slack delivers it), read in place; Python with zipfile"
(cd "$STATE/slack.db.traces/slack-export" && zip -qr "$STATE/slack-export.zip" .)
build/release/bench/bench_ingest slack "$STATE/slack-export.zip" "sqlite:$STATE/slack.db" --reps 5 --python
echo "== writing the import's rows on SQLite (dry runs): into the demo's store, which holds them all, and"
echo "   into a copy without them (every row new), three runs each"
cp "$STATE/slack.db" "$STATE/fresh.db"
sqlite3 "$STATE/fresh.db" "DELETE FROM interactions; VACUUM;"
for r in 1 2 3; do
  for db in slack fresh; do
    build/release/src/cli/peerlearn import slack "$STATE/slack-export.zip" --dry-run --db "sqlite:$STATE/$db.db" |
      grep -E "stored:|time:"
  done
done
echo "== loading aggregated edges (a snapshot's ties) into the store: 2M ties among 100k people (medians of 5)"
build/release/bench/bench_ingest load sqlite --edges 2000000 --people 100000 --reps 5
PL_BENCH_PG_URL=$(cat "$STATE/pg_url") build/release/bench/bench_ingest load postgresql --edges 2000000 --people 100000 --reps 5
echo "== network kernels: fixed-seed instruction counts (callgrind) against bench/callgrind-baseline.txt"
bench/callgrind.sh --check || echo "(an instruction count rose more than 3% above its baseline)"
echo "== network engine against python-igraph, graph-tool and NetworkX: one thread, interleaved, medians of 3"
mkdir -p "$STATE/graphs"
WORK=$STATE/graphs REPS=3 GRAPHS="enron slashdot ba100k org100k" \
  OPS="pagerank components strong_components constraint leiden sampled_betweenness" bench/network_bench.sh
echo "== peak engine memory, bytes per aggregated edge (graph build + the operation)"
for g in enron slashdot ba100k org100k; do
  for op in pagerank all_components constraint leiden sampled_betweenness; do
    build/release/bench/bench_network memory "$STATE/graphs/$g.txt" "$op"
  done
done
build/release/bench/bench_network memory "$STATE/graphs/enron.txt" betweenness_2t
echo "== the network map at 10,000 people in Debian's Chromium (WebGL on the CPU), an admin's person-level map"
PL_BIN=$PWD/build/release/src/cli/peerlearn node web/bench/map.mjs --people 10000 --rounds 3
