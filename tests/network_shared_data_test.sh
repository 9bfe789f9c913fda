#!/usr/bin/env bash
# Real networks through the whole product: roster + interactions (email-Eu-core, self-loops left
# out) and peer nominations (Krackhardt's advice network) imported with the CLI, analysed,
# exported as CSV, and people.csv compared with the peers' reference values (igraph 0.10.2 /
# NetworkX 2.8.8) in ../shared/data to 1e-6. Skips (exit 77) where ../shared/data is absent.
set -uo pipefail
BIN=$1; TESTS=$2; DATA=$3
if [[ ! -d $DATA/snap-email-eu-core || ! -d $DATA/krackhardt-hightech ]]; then
  echo "SKIP: $DATA is absent (the shared real data sets are not beside this checkout)"
  exit 77
fi
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
failures=0
run() { "$@" >"$WORK/out" 2>&1 || { echo "FAIL: $*"; cat "$WORK/out"; failures=$((failures + 1)); }; }

# email-Eu-core: node ids as employee ids; one e-mail tie per line, self-loops dropped.
E=$DATA/snap-email-eu-core
awk 'BEGIN { print "employee_id,name" } { for (i = 1; i <= 2; i++) if (!($i in s)) { s[$i]; print $i ",Node " $i } }' "$E/email-Eu-core.txt" >"$WORK/eu_roster.csv"
awk 'BEGIN { print "source,target,timestamp,layer" } $1 != $2 { print $1 "," $2 ",2026-01-01T00:00:00Z,reply" }' "$E/email-Eu-core.txt" >"$WORK/eu_ties.csv"
DB="sqlite:$WORK/eu.db"
run "$BIN" import roster "$WORK/eu_roster.csv" --db "$DB"
run "$BIN" import interactions "$WORK/eu_ties.csv" --db "$DB"
grep -q "24929" "$WORK/out" || { echo "FAIL: expected 24,929 ties imported"; cat "$WORK/out"; failures=$((failures + 1)); }
run "$BIN" analyze --db "$DB"
run "$BIN" export --format csv --out "$WORK/eu" --db "$DB"
echo "email-Eu-core (1,005 people, 24,929 ties):"
/usr/bin/python3 "$TESTS/check_export.py" reference "$WORK/eu" "$E/peer_reference_without_self_loops/node_metrics.csv" || failures=$((failures + 1))

# Krackhardt's advice network as peer nominations ("who do you go to for advice?").
K=$DATA/krackhardt-hightech
awk -F, 'NR > 1 { gsub(/"/, ""); print $1 ",Manager " $1 ",," $4 }' "$K/attributes.csv" | sed '1i employee_id,name,email,level' >"$WORK/k_roster.csv"
awk -F, 'NR > 1 { gsub(/"/, ""); print $1 "," $2 ",2026-03-01,advice" }' "$K/advice_edges.csv" | sed '1i nominator_employee_id,nominee_employee_id,date,question' >"$WORK/k_noms.csv"
DB="sqlite:$WORK/k.db"
run "$BIN" import roster "$WORK/k_roster.csv" --db "$DB"
run "$BIN" import nominations "$WORK/k_noms.csv" --db "$DB"
run "$BIN" analyze --db "$DB"
run "$BIN" export --format csv --out "$WORK/k" --db "$DB"
echo "Krackhardt advice (21 managers, 190 nominations):"
/usr/bin/python3 "$TESTS/check_export.py" reference "$WORK/k" "$K/peer_reference/advice/node_metrics.csv" || failures=$((failures + 1))
[[ $failures == 0 ]]
