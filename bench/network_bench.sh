#!/usr/bin/env bash
# The network engine against python-igraph, graph-tool and NetworkX (Debian's packages) on the
# same prepared edge lists, the same operation, one thread, runs interleaved (ours, then each
# peer, per repetition), medians printed with ratios (peer time / our time: above 1 = faster).
#   REPS=5 bench/network_bench.sh            (after scripts/build.sh release)
#   GRAPHS="enron slashdot ba100k ba1m" OPS="pagerank components" bench/network_bench.sh
#   GRAPHS=org100k OPS="aggregate pagerank components constraint leiden sampled_betweenness" \
#     bench/network_bench.sh   (a generated organisation: 100,000 people, 10M interactions;
#     "aggregate" times summing the repeats into weighted ties, on the raw interactions)
# Leiden: "leiden" is ours as it runs by default (two runs) against python-igraph's default
# (n_iterations=2), the same work on each side; OPS="leiden_1it" sets one run against one
# iteration ("leiden_2it" is "leiden" again, under the name earlier results used).
# Exact betweenness and closeness run on email-Enron only (igraph needs minutes there, hours on
# the others); OPS="closeness closeness_2t" GRAPHS=enron. PEERS="igraph" runs only the peers
# named (graph-tool's exact betweenness takes over five minutes on email-Enron).
# Needs ../shared/data/large-graphs. Times exclude loading the file, include converting to the
# engine's structures where the engine does that on every call.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=build/release/bench/bench_network
DATA=../shared/data/large-graphs
WORK=${WORK:-$(mktemp -d)}
REPS=${REPS:-3}
GRAPHS=${GRAPHS:-"enron slashdot ba100k"}
OPS=${OPS:-"pagerank components strong_components constraint leiden leiden_2t sampled_betweenness betweenness betweenness_2t"}
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
    org100k) $BIN org 100000 10000000 1 "$WORK/$g.raw.txt" && $BIN prepare "$WORK/$g.raw.txt" "$f" ;;
  esac
done

peers() {  # the peers that have OP (NetworkX only where it finishes in minutes)
  case $1 in
    pagerank|components|strong_components) [[ $2 == ba1m ]] && echo "igraph graph-tool" || echo "igraph graph-tool networkx" ;;
    constraint|leiden|leiden_2t|leiden_1it|leiden_2it) echo "igraph" ;;  # igraph's Leiden: no threads
    betweenness) echo "igraph graph-tool" ;;
    betweenness_2t) echo "graph-tool" ;;  # igraph has no threads; graph-tool uses OpenMP
    closeness) echo "igraph" ;;  # harmonic; graph-tool's takes over 5 minutes on email-Enron
    closeness_2t) echo "" ;;
    sampled_betweenness) [[ $2 == enron ]] && echo "networkx" || echo "" ;;
    aggregate) echo "igraph" ;;
  esac
}
# Exact betweenness and closeness (O(people × ties)) only where igraph finishes in minutes.
skip() { [[ ($1 == betweenness || $1 == betweenness_2t || $1 == closeness || $1 == closeness_2t) && $2 != enron ]] || [[ $1 == aggregate && ! -s $WORK/$2.raw.txt ]]; }

results=$WORK/results.txt
: >"$results"
for rep in $(seq 1 "$REPS"); do
  for g in $GRAPHS; do
    for op in $OPS; do
      skip "$op" "$g" && continue
      # The first repetition keeps per-node values for the agreement check below.
      dump=() pdump=()
      [[ $rep == 1 ]] && dump=("$WORK/$g.$op.peerlearn") pdump=("$WORK/$g.$op.igraph")
      input=$WORK/$g.txt
      [[ $op == aggregate ]] && input=$WORK/$g.raw.txt dump=() pdump=()
      echo "$g peerlearn $($BIN run "$input" "$op" "${dump[@]}")" >>"$results"
      for p in $(peers "$op" "$g"); do
        [[ -n ${PEERS:-} && " $PEERS " != *" $p "* ]] && continue
        threads=1
        [[ $op == betweenness_2t ]] && threads=2
        args=()
        [[ $p == igraph ]] && args=("${pdump[@]}")
        echo "$g $p $(OMP_NUM_THREADS=$threads $PY bench/peers.py "$input" "$p" \
          "$op" "${args[@]}" 2>/dev/null)" >>"$results"
      done
    done
  done
  echo "repetition $rep of $REPS done" >&2
done

$PY - "$results" "$WORK" <<'PYEOF'
import collections, glob, math, os, statistics, sys
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
print("\nagreement with igraph, per node (NaN where both are NaN):")
for ours in sorted(glob.glob(os.path.join(sys.argv[2], "*.peerlearn"))):
    ref = ours[: -len("peerlearn")] + "igraph"
    if not os.path.exists(ref):
        continue
    a = [float(x) for x in open(ours)]
    b = [float(x) for x in open(ref)]
    if len(a) != len(b):
        print(f"{os.path.basename(ours)}: {len(a)} values against {len(b)}")
        continue
    both_nan = sum(1 for x, y in zip(a, b) if math.isnan(x) and math.isnan(y))
    one_nan = sum(1 for x, y in zip(a, b) if math.isnan(x) != math.isnan(y))
    pairs = [(x, y) for x, y in zip(a, b) if not (math.isnan(x) or math.isnan(y))]
    # Relative to the peer's value where that is not 0; absolute where it is.
    rel = max((abs(x - y) / (abs(y) if y != 0 else 1.0) for x, y in pairs), default=0.0)
    diff = max((abs(x - y) for x, y in pairs), default=0.0)
    l1 = sum(abs(x - y) for x, y in pairs)
    name = os.path.basename(ours)[: -len(".peerlearn")]
    print(f"  {name:28} nodes {len(a):8}  max relative difference {rel:.2e}  max absolute"
          f" {diff:.2e}  L1 {l1:.2e}  NaN in both {both_nan}, in one {one_nan}")
PYEOF
