#!/usr/bin/env bash
# Fixed-seed instruction counts of the network engine's kernels under callgrind: numbers that do
# not move with a neighbour's load, for catching regressions on this noisy machine. The input is
# a Barabási–Albert graph of 10,000 nodes and 50,000 edges (igraph's generator, seed 7); only the
# kernel is counted (callgrind's collection is on inside RunOp alone, not while loading).
#   bench/callgrind.sh            print the counts
#   bench/callgrind.sh --check    compare with bench/callgrind-baseline.txt; fail above +3%
#   bench/callgrind.sh --update   write the counts to bench/callgrind-baseline.txt
# Needs valgrind and a release build (scripts/build.sh release).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=build/release/bench/bench_network
BASELINE=bench/callgrind-baseline.txt
MODE=${1:-}
OPS="pagerank components constraint sampled_betweenness betweenness closeness leiden"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
"$BIN" ba 10000 50000 7 "$DIR/ba.txt" >/dev/null
: >"$DIR/counts.txt"
for op in $OPS; do
  valgrind --tool=callgrind --toggle-collect='*RunOp*' --callgrind-out-file="$DIR/cg.$op" \
    "$BIN" run "$DIR/ba.txt" "$op" >/dev/null 2>"$DIR/log.$op" || { cat "$DIR/log.$op"; exit 1; }
  ir=$(grep -E '^(summary|totals):' "$DIR/cg.$op" | tail -1 | awk '{print $2}')
  printf '%s %s\n' "$op" "$ir" | tee -a "$DIR/counts.txt"
done
case "$MODE" in
  --update) cp "$DIR/counts.txt" "$BASELINE"; echo "wrote $BASELINE" ;;
  --check)
    status=0
    while read -r op ir; do
      base=$(awk -v o="$op" '$1 == o {print $2}' "$BASELINE")
      [ -n "$base" ] || { echo "$op: no baseline"; continue; }
      change=$(awk -v a="$ir" -v b="$base" 'BEGIN {printf "%+.2f", 100 * (a - b) / b}')
      verdict=ok
      if awk -v a="$ir" -v b="$base" 'BEGIN {exit !(a > 1.03 * b)}'; then verdict=REGRESSION; status=1; fi
      printf '%-20s %14s instructions, baseline %14s (%s%%) %s\n' "$op" "$ir" "$base" "$change" "$verdict"
    done <"$DIR/counts.txt"
    exit $status ;;
esac
