#!/usr/bin/env bash
# The network engine against python-igraph, graph-tool and NetworkX (Debian's packages) on the
# same prepared edge lists, the same operation, one thread, runs interleaved (ours, then each
# peer, per repetition), medians printed with ratios (peer time / our time: above 1 = faster).
#   REPS=5 bench/network_bench.sh            (after scripts/build.sh release)
#   GRAPHS="enron slashdot ba100k" OPS="pagerank components" bench/network_bench.sh
# Needs ../shared/data/large-graphs. Times exclude loading the file, include converting to the
# engine's structures where the engine does that on every call.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=build/release/bench/bench_network
DATA=../shared/data/large-graphs
WORK=${WORK:-$(mktemp -d)}
REPS=${REPS:-3}
GRAPHS=${GRAPHS:-"enron slashdot ba100k"}
OPS=${OPS:-"pagerank components constraint leiden sampled_betweenness"}
PY=/usr/bin/python3
export OMP_NUM_THREADS=1  # graph-tool: one thread, as the others

for g in $GRAPHS; do
  f=$WORK/$g.txt
  [[ -s $f ]] && continue
  case $g in
    enron) $BIN prepare "$DATA/email-Enron.txt.gz" "$f" ;;
    slashdot) $BIN prepare "$DATA/soc-Slashdot0902.txt.gz" "$f" ;;
    ba100k) $BIN ba 100000 1000000 1 "$f" ;;
    ba1m) $BIN ba 1000000 10000000 1 "$f" ;;
  esac
done

peers() {  # the peers that have OP (NetworkX only where it finishes in minutes)
  case $1 in
    pagerank|components) echo "igraph graph-tool networkx" ;;
    constraint|leiden) echo "igraph" ;;
    betweenness) echo "igraph graph-tool" ;;
    sampled_betweenness) [[ $2 == enron ]] && echo "networkx" || echo "" ;;
  esac
}

results=$WORK/results.txt
: >"$results"
for rep in $(seq 1 "$REPS"); do
  for g in $GRAPHS; do
    for op in $OPS; do
      echo "$g peerlearn $($BIN run "$WORK/$g.txt" "$op")" >>"$results"
      for p in $(peers "$op" "$g"); do
        echo "$g $p $($PY bench/peers.py "$WORK/$g.txt" "$p" "$op" 2>/dev/null)" >>"$results"
      done
    done
  done
  echo "repetition $rep of $REPS done" >&2
done

$PY - "$results" <<'PYEOF'
import collections, statistics, sys
runs = collections.defaultdict(list)
value = {}
for line in open(sys.argv[1]):
    g, tool, op, secs, result = line.split()
    runs[(g, op, tool)].append(float(secs))
    value[(g, op, tool)] = result
print(f"{'graph':9} {'operation':20} {'tool':11} {'median s':>9} {'runs':>5} {'peer/ours':>9}  result")
for (g, op, tool) in sorted(runs, key=lambda k: (k[0], k[1], k[2] != "peerlearn", k[2])):
    med = statistics.median(runs[(g, op, tool)])
    ours = statistics.median(runs[(g, op, "peerlearn")])
    ratio = "" if tool == "peerlearn" else f"{med / ours:9.2f}"
    print(f"{g:9} {op:20} {tool:11} {med:9.3f} {len(runs[(g, op, tool)]):5} {ratio:>9}  {value[(g, op, tool)]}")
PYEOF
