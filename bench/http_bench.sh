#!/usr/bin/env bash
# The server under wrk on loopback: an authenticated small JSON read (/api/v1/me) and a
# directory page that reads the store (/api/v1/people?limit=20), 64 keep-alive connections,
# RUNS runs of DURATION each; prints every run and the median requests/s and p99.
#   bench/http_bench.sh [BIN] ; env RUNS=5 DURATION=10s CONNECTIONS=64 DB=sqlite|postgresql
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/release/src/cli/peerlearn}
RUNS=${RUNS:-5}; DURATION=${DURATION:-10s}; CONNECTIONS=${CONNECTIONS:-64}
W=$(mktemp -d); trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$W"' EXIT
URL="sqlite:$W/bench.db"
if [[ ${DB:-sqlite} == postgresql ]]; then URL=${PL_BENCH_PG_DB:?set PL_BENCH_PG_DB to an empty database URL}; fi
"$BIN" demo --no-serve --people 2000 --seed 1 --db "$URL" --password bench-password-1 >/dev/null
"$BIN" serve --db "$URL" --listen 127.0.0.1:0 --log-level warn >"$W/serve.out" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q "listening on" "$W/serve.out" && break; sleep 0.1; done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$W/serve.out" | head -1)
COOKIE=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"employee","password":"bench-password-1"}' "$BASE/api/v1/auth/login" |
  grep -i '^set-cookie:' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//')
[[ $COOKIE == pl_session=* ]] || { echo "login failed"; exit 1; }
echo "server: $BASE ($(nproc) cores shared with wrk), store: ${DB:-sqlite}, $CONNECTIONS connections, $RUNS x $DURATION"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for path in /api/v1/me "/api/v1/people?limit=20"; do
  : >"$W/rps"; : >"$W/p99"
  for i in $(seq 1 "$RUNS"); do
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $COOKIE" "$BASE$path")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    [[ -z $non2xx ]] || { echo "$path: $non2xx non-2xx responses"; exit 1; }
    echo "  $path run $i: $rps req/s, p99 ${p99} ms"
    echo "$rps" >>"$W/rps"; echo "$p99" >>"$W/p99"
  done
  echo "$path: median $(median <"$W/rps") req/s, median p99 $(median <"$W/p99") ms"
done
