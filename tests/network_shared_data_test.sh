#!/usr/bin/env bash
# Real networks through the whole product: roster + interactions (email-Eu-core, self-loops left
# out) and peer nominations (Krackhardt's advice network) imported with the CLI, analysed,
# exported as CSV, and people.csv compared with the peers' reference values (igraph 0.10.2 /
# NetworkX 2.8.8) in ../shared/data to 1e-6; and Enron's timestamped e-mail log imported as it
# is (its own header, self-loops, repeated rows), analysed over 2001 with and without tie
# strengths, and compared with python-igraph on the same window built from the raw file; and the
# same real networks as GraphML, GML and Pajek files.
# Skips (exit 77) where ../shared/data is absent.
set -uo pipefail
BIN=$1; TESTS=$2; DATA=$3
if [[ ! -d $DATA/snap-email-eu-core || ! -d $DATA/krackhardt-hightech || ! -d $DATA/enron-igraphdata ]]; then
  echo "SKIP: $DATA is absent (the shared real data sets are not beside this checkout)"
  exit 77
fi
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
failures=0
run() { "$@" >"$WORK/out" 2>&1 || { echo "FAIL: $*"; cat "$WORK/out"; failures=$((failures + 1)); }; }
said() {  # said TEXT WHAT: the last run's output holds TEXT
  grep -qF -- "$1" "$WORK/out" || { echo "FAIL: $2"; cat "$WORK/out"; failures=$((failures + 1)); }
}
against() {  # against TITLE NODES.csv REFERENCE.csv: per-node metrics against the peers' values
  echo "$1, peerlearn network:"
  /usr/bin/python3 "$TESTS/check_export.py" reference "$2" "$3" || failures=$((failures + 1))
}

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
# The same two networks straight from their files, without a store: `peerlearn network`.
run "$BIN" network "$E/email-Eu-core.txt" --out "$WORK/eu_nodes.csv"
grep -q "25571 lines (whitespace-separated), 642 self-loops left out → 1005 nodes, 24929 ties" "$WORK/out" ||
  { echo "FAIL: email-Eu-core's edge list"; cat "$WORK/out"; failures=$((failures + 1)); }
echo "email-Eu-core, peerlearn network:"
/usr/bin/python3 "$TESTS/check_export.py" reference "$WORK/eu_nodes.csv" "$E/peer_reference_without_self_loops/node_metrics.csv" || failures=$((failures + 1))
run "$BIN" network "$K/advice_edges.csv" --out "$WORK/k_nodes.csv"
echo "Krackhardt advice, peerlearn network:"
/usr/bin/python3 "$TESTS/check_export.py" reference "$WORK/k_nodes.csv" "$K/peer_reference/advice/node_metrics.csv" || failures=$((failures + 1))

# wiki-Vote as SNAP ships it (gzip, CRLF), directed; and a weighted undirected variant of its
# first 20,000 lines, each against python-igraph on the same file.
W=$DATA/large-graphs/wiki-Vote.txt.gz
if [[ -f $W ]]; then
  run "$BIN" network "$W" --out "$WORK/wv.csv"
  echo "wiki-Vote, peerlearn network:"
  /usr/bin/python3 "$TESTS/check_export.py" edgelist "$WORK/wv.csv" "$W" || failures=$((failures + 1))
  gzip -dc "$W" | tr -d '\r' | grep -v '^#' | head -20000 | awk '{ print $1, $2, 1 + NR % 5 }' >"$WORK/wv_w.txt"
  run "$BIN" network "$WORK/wv_w.txt" --weighted --undirected --out "$WORK/wv_w.csv"
  echo "wiki-Vote, 20,000 lines, weighted, undirected, peerlearn network:"
  /usr/bin/python3 "$TESTS/check_export.py" edgelist "$WORK/wv_w.csv" "$WORK/wv_w.txt" weighted undirected ||
    failures=$((failures + 1))
else
  echo "FAIL: $W is absent"; failures=$((failures + 1))
fi

# The same networks in the formats graph tools write, as NetworkX writes them: email-Eu-core as
# GraphML and Krackhardt's advice network as GML (both against the peers' reference values and
# against python-igraph on what NetworkX reads back), ego-Facebook (undirected) as Pajek, and
# the weighted undirected wiki-Vote sample as GraphML with a weight attribute.
F=$DATA/large-graphs/facebook_combined.txt.gz
/usr/bin/python3 - "$DATA" "$WORK" <<'PYEOF' || { echo "FAIL: writing the graph files"; failures=$((failures + 1)); }
import csv, gzip, json, sys
import networkx as nx
data, work = sys.argv[1:3]
eu = nx.DiGraph()
for line in open(f"{data}/snap-email-eu-core/email-Eu-core.txt"):
    eu.add_edge(*line.split())
nx.write_graphml(eu, f"{work}/eu.graphml")
nx.write_gexf(eu, f"{work}/eu.gexf")
json.dump(nx.node_link_data(eu), open(f"{work}/eu.json", "w"))
k = nx.DiGraph()
rows = csv.reader(open(f"{data}/krackhardt-hightech/advice_edges.csv"))
next(rows)
k.add_edges_from(rows)
nx.write_gml(k, f"{work}/k.gml")
nx.write_gexf(k, f"{work}/k.gexf")
fb = nx.Graph()
for line in gzip.open(f"{data}/large-graphs/facebook_combined.txt.gz", "rt"):
    fb.add_edge(*line.split())
nx.write_pajek(fb, f"{work}/fb.net")
wv = nx.Graph()
for line in open(f"{work}/wv_w.txt"):
    a, b, w = line.split()
    if a != b:
        wv.add_edge(a, b, weight=wv.edges[a, b]["weight"] + float(w) if wv.has_edge(a, b) else float(w))
nx.write_graphml(wv, f"{work}/wv.graphml")
PYEOF
run "$BIN" network "$WORK/k.gml" --out "$WORK/k_g.csv"
against "Krackhardt advice as GML" "$WORK/k_g.csv" "$K/peer_reference/advice/node_metrics.csv"
/usr/bin/python3 "$TESTS/check_export.py" graphfile "$WORK/k_g.csv" "$WORK/k.gml" || failures=$((failures + 1))
# email-Eu-core as NetworkX writes it in GraphML, GEXF (Gephi's format) and node-link JSON, and
# Krackhardt's advice network as GEXF.
for f in graphml:GraphML gexf:GEXF json:"node-link JSON"; do
  ext=${f%%:*} name=${f#*:}
  run "$BIN" network "$WORK/eu.$ext" --out "$WORK/eu_$ext.csv"
  said "$name, 25571 edges, 642 self-loops left out → 1005 nodes, 24929 ties (directed" "email-Eu-core as $name"
  against "email-Eu-core as $name" "$WORK/eu_$ext.csv" "$E/peer_reference_without_self_loops/node_metrics.csv"
  /usr/bin/python3 "$TESTS/check_export.py" graphfile "$WORK/eu_$ext.csv" "$WORK/eu.$ext" || failures=$((failures + 1))
done
run "$BIN" network "$WORK/k.gexf" --out "$WORK/k_gexf.csv"
against "Krackhardt advice as GEXF" "$WORK/k_gexf.csv" "$K/peer_reference/advice/node_metrics.csv"
# Krackhardt's three relations as the data set gives them, adjacency matrices written by R's
# write.csv (an empty corner cell, quoted names), read as they are.
for rel in advice friendship reportto; do
  run "$BIN" network "$K/${rel}_matrix.csv" --out "$WORK/k_${rel}_matrix.csv"
  against "Krackhardt $rel as an adjacency matrix" "$WORK/k_${rel}_matrix.csv" "$K/peer_reference/$rel/node_metrics.csv"
done
said "adjacency matrix (CSV), 20 edges, 0 self-loops left out → 21 nodes, 20 ties (directed" "Krackhardt reports-to as a matrix"
# Krackhardt's advice matrix as UCINET DL (a full 0/1 matrix with its labels) and email-Eu-core
# as Matrix Market (SciPy's mmwrite; nodes are the matrix's 1-based rows, the reference's are
# 0-based): both against the peers' reference values.
/usr/bin/python3 - "$DATA" "$WORK" <<'PYEOF' || { echo "FAIL: writing the DL and Matrix Market files"; failures=$((failures + 1)); }
import csv, sys
import numpy as np, scipy.io, scipy.sparse
data, work = sys.argv[1:3]
rows = list(csv.reader(open(f"{data}/krackhardt-hightech/advice_matrix.csv")))
with open(f"{work}/k.dl", "w") as f:
    f.write(f"DL N={len(rows) - 1}\nformat = fullmatrix\nlabels:\n{','.join(rows[0][1:])}\ndata:\n")
    f.writelines(" ".join(r[1:]) + "\n" for r in rows[1:])
e = np.loadtxt(f"{data}/snap-email-eu-core/email-Eu-core.txt", dtype=np.int64)
n = int(e.max()) + 1
scipy.io.mmwrite(f"{work}/eu.mtx", scipy.sparse.coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n)), field="pattern")
PYEOF
run "$BIN" network "$WORK/k.dl" --out "$WORK/k_dl.csv"
said "UCINET DL, 190 edges, 0 self-loops left out → 21 nodes, 190 ties (directed" "Krackhardt advice as DL"
against "Krackhardt advice as UCINET DL" "$WORK/k_dl.csv" "$K/peer_reference/advice/node_metrics.csv"
run "$BIN" network "$WORK/eu.mtx" --out "$WORK/eu_mtx.csv"
said "Matrix Market, 25571 edges, 642 self-loops left out → 1005 nodes, 24929 ties (directed" "email-Eu-core as Matrix Market"
awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } { $1 = $1 - 1; print }' "$WORK/eu_mtx.csv" >"$WORK/eu_mtx0.csv"
against "email-Eu-core as Matrix Market" "$WORK/eu_mtx0.csv" "$E/peer_reference_without_self_loops/node_metrics.csv"
if [[ -f $F ]]; then
  run "$BIN" network "$WORK/fb.net" --out "$WORK/fb.csv"
  grep -q "Pajek, 88234 edges (an undirected graph), 0 self-loops left out → 4039 nodes, 176468 ties" "$WORK/out" ||
    { echo "FAIL: ego-Facebook as Pajek"; cat "$WORK/out"; failures=$((failures + 1)); }
  echo "ego-Facebook as Pajek, peerlearn network:"
  /usr/bin/python3 "$TESTS/check_export.py" graphfile "$WORK/fb.csv" "$WORK/fb.net" || failures=$((failures + 1))
else
  echo "FAIL: $F is absent"; failures=$((failures + 1))
fi
if [[ -f $WORK/wv.graphml ]]; then
  run "$BIN" network "$WORK/wv.graphml" --weighted --out "$WORK/wv_g.csv"
  echo "wiki-Vote sample as weighted undirected GraphML, peerlearn network:"
  /usr/bin/python3 "$TESTS/check_export.py" graphfile "$WORK/wv_g.csv" "$WORK/wv.graphml" weighted || failures=$((failures + 1))
fi

# Enron (igraphdata): 184 people, 125,409 rows "from","to","Time","Reciptype",... imported without
# rewriting: 16,483 rows are mail to oneself (left out and counted), and of the rest 34,469 are
# distinct (from, to, time) — the others repeat one (a cc and its bcc, one message per topic).
N=$DATA/enron-igraphdata
awk -F'"' 'NR > 1 { sub(",", "", $1); print $1 ",\"" $4 "\"," $2 "@enron.com,\"" ($6 == "NA" ? "" : $6) "\"" }' \
  "$N/enron_nodes.csv" | sed '1i employee_id,name,email,title' >"$WORK/n_roster.csv"
DB="sqlite:$WORK/n.db"
run "$BIN" import roster "$WORK/n_roster.csv" --db "$DB"
grep -q "184 rows, 184 added" "$WORK/out" || { echo "FAIL: expected 184 people"; cat "$WORK/out"; failures=$((failures + 1)); }
run "$BIN" import interactions "$N/enron_edges.csv" --db "$DB"
grep -q "125409 rows, 34469 interactions added, 74457 already present, 16483 self-interactions left out, 0 skipped" "$WORK/out" ||
  { echo "FAIL: Enron's import counts"; cat "$WORK/out"; failures=$((failures + 1)); }
for mode in unweighted weighted; do
  run "$BIN" analyze --db "$DB" --from 2001-01-01 --to 2002-01-01 $([[ $mode == weighted ]] && echo --weighted)
  grep -q "21342 interactions" "$WORK/out" || { echo "FAIL: expected 21,342 interactions in 2001"; cat "$WORK/out"; failures=$((failures + 1)); }
  run "$BIN" export --format csv --out "$WORK/n_$mode" --db "$DB"
  echo "Enron e-mail, 2001, $mode:"
  /usr/bin/python3 "$TESTS/check_export.py" stream "$WORK/n_$mode" "$N/enron_edges.csv" "2001-01-01 00:00:00" "2002-01-01 00:00:00" $mode ||
    failures=$((failures + 1))
done
[[ $failures == 0 ]]
