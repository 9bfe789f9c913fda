#!/usr/bin/env bash
# The knowledge-network commands end to end, on SQLite and on the throw-away PostgreSQL server:
# analyze (windows, layer weights, refusals), snapshots, diff, and export in every format, each
# read back by an independent reader (NetworkX) that recomputes PageRank from the file.
set -uo pipefail
BIN=$1; TESTS=$2
source "$(dirname "$0")/lib.sh"

for sub in analyze snapshots diff export; do
  expect 0 "help for $sub" -- "$BIN" $sub --help; has "$OUT" "--db"
done

# `network FILE`: an edge list analysed without a store. A path a - b - c - d written both ways
# in a gzip file, with a comment, a repeated line and a self-loop; undirected and weighted
# variants; every refusal names the line.
expect 0 "help for network" -- "$BIN" network --help; has "$OUT" "--undirected"
printf '# a path\na b\nb a\nb c\nc b\nc d\nd c\nc d\nd d\n' | gzip >"$WORK/path.txt.gz"
expect 0 "network on a gzip edge list" -- "$BIN" network "$WORK/path.txt.gz"
has "$ERR" "8 lines (whitespace-separated), 1 self-loops left out → 4 nodes, 6 ties"
has "$OUT" "node,in_degree,out_degree,in_strength,out_strength,pagerank,betweenness,closeness"
# b and c each lie on the shortest paths of 4 ordered pairs; c -> d was written twice.
has "$OUT" "b,2,2,2,2,"
has "$OUT" "c,2,2,2,3,"
checks=$((checks + 1))
[[ $(awk -F, '$1 == "b" { print $7 } $1 == "a" { print $7 }' <<<"$OUT" | tr '\n' ' ') == "0 4 " ]] || fail "betweenness of a and b: $OUT"
# The same from standard input ("-"), compressed or not; a zip there is refused, naming why.
expect 0 "network on stdin" -- bash -c 'exec "$0" network - <"$1"' "$BIN" "$WORK/path.txt.gz"
has "$ERR" "stdin: 8 lines (whitespace-separated), 1 self-loops left out → 4 nodes, 6 ties"
has "$OUT" "c,2,2,2,3,"
printf 'PK\003\004rest' >"$WORK/stdin.zip"
expect 1 "network on a zip from stdin" -- bash -c 'exec "$0" network - <"$1"' "$BIN" "$WORK/stdin.zip"
has "$ERR" "stdin: a zip (or a workbook) is read from its file, not from standard input"
printf 'from,to,weight\n"a",b,1\nb,c,1\nc,d,4\n' >"$WORK/path.csv"
expect 0 "network, undirected" -- "$BIN" network "$WORK/path.csv" --undirected --out "$WORK/path_nodes.csv"
has "$ERR" "3 lines (comma-separated, a header)"
checks=$((checks + 1))
[[ $(awk -F, '$1 == "b" { print $2, $3, $7 }' "$WORK/path_nodes.csv") == "2 2 2" ]] || fail "undirected b: $(cat "$WORK/path_nodes.csv")"
expect 0 "network, weighted" -- "$BIN" network "$WORK/path.csv" --weighted --undirected
has "$ERR" "weighted"
has "$OUT" "c,2,2,5,5,"
# A file where no tie runs both ways (an undirected network written a line per tie, perhaps) is
# read as directed, and the summary says how to read it otherwise; not where one tie does.
printf 'a b\nb c\na c\n' >"$WORK/once.txt"
expect 0 "network on ties listed once" -- "$BIN" network "$WORK/once.txt"
has "$ERR" "once.txt: note: none of the 3 ties also runs the other way; if each line is an undirected tie, --undirected reads it both ways"
expect 0 "network on ties listed once, undirected" -- "$BIN" network "$WORK/once.txt" --undirected
checks=$((checks + 1)); [[ $ERR != *"note: none of"* ]] || fail "a note with --undirected: $ERR"
printf 'a b\nb c\nc b\n' >"$WORK/twice.txt"
expect 0 "network on a tie both ways" -- "$BIN" network "$WORK/twice.txt"
checks=$((checks + 1)); [[ $ERR != *"note: none of"* ]] || fail "a note though b - c runs both ways: $ERR"
printf 'a b\nb\n' >"$WORK/bad.txt"
expect 1 "network on a bad line" -- "$BIN" network "$WORK/bad.txt"; has "$ERR" "bad.txt: line 2: has 1 field"
printf 'a b x\n' >"$WORK/badw.txt"
expect 1 "network, bad weight" -- "$BIN" network "$WORK/badw.txt" --weighted
has "$ERR" "line 1: weight 'x' is not a number above 0"
# --lengths: the weights are lengths in paths, a repeated tie at its shortest (a -> c: 5 and 3,
# so 3, longer than a -> b -> c's 1 + 1: b is on the shortest path); as strengths a -> c's 8 is
# the strongest, a length of 1/8, and b is on no shortest path. Without weights it is refused.
printf 'a b 1\nb c 1\na c 5\na c 3\n' >"$WORK/lengths.txt"
betweenness_of_b() { awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "betweenness") k = i }
                              $1 == "b" { print $k }' <<<"$1"; }
expect 0 "network --lengths" -- "$BIN" network "$WORK/lengths.txt" --weighted --lengths
checks=$((checks + 1)); [[ $(betweenness_of_b "$OUT") == 1 ]] || fail "--lengths: b's betweenness: $OUT"
has "$ERR" "weighted, the weights lengths in paths"
expect 0 "network --weighted" -- "$BIN" network "$WORK/lengths.txt" --weighted
checks=$((checks + 1)); [[ $(betweenness_of_b "$OUT") == 0 ]] || fail "--weighted: b's betweenness: $OUT"
expect 1 "network --lengths without weights" -- "$BIN" network "$WORK/lengths.txt" --lengths
has "$ERR" "--lengths reads the weights as lengths: give --weighted or --weight NAME too"
printf 'a b\n' | gzip | head -c 20 >"$WORK/cut.gz"
expect 1 "network on a cut gzip file" -- "$BIN" network "$WORK/cut.gz"; has "$ERR" "gzip data is damaged"
expect 1 "network on a missing file" -- "$BIN" network "$WORK/none.txt"; has "$ERR" "is not a readable file"
# The same path as GraphML (undirected, gzip, weights on the edges) and as GML: the format is
# told from the text; an undirected file's edges count both ways.
cat <<'XML' | gzip >"$WORK/path.graphml.gz"
<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="w" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="undirected">
    <node id="a"/><node id="b"/><node id="c"/><node id="d"/>
    <edge source="a" target="b"><data key="w">1</data></edge>
    <edge source="b" target="c"><data key="w">1</data></edge>
    <edge source="c" target="d"><data key="w">4</data></edge>
    <edge source="d" target="d"><data key="w">1</data></edge>
  </graph>
</graphml>
XML
expect 0 "network on GraphML" -- "$BIN" network "$WORK/path.graphml.gz" --weighted
has "$ERR" "GraphML, 4 edges (an undirected graph), 1 self-loops left out → 4 nodes, 6 ties (each edge both ways, weighted)"
has "$OUT" "c,2,2,5,5,"
printf 'graph [\n directed 1\n node [ id 1 label "a" ]\n node [ id 2 label "b" ]\n edge [ source 1 target 2 ]\n]\n' >"$WORK/ab.gml"
expect 0 "network on GML" -- "$BIN" network "$WORK/ab.gml"
has "$ERR" "GML, 1 edges, 0 self-loops left out → 2 nodes, 1 ties (directed"
has "$OUT" "b,1,0,1,0,"
printf 'graph [\n directed 1\n node [ id 1 ]\n edge [ source 1 target 9 ]\n]\n' >"$WORK/bad.gml"
expect 1 "network on a bad GML file" -- "$BIN" network "$WORK/bad.gml"
has "$ERR" "bad.gml: not a readable GML file: Unknown target node id found in an edge in GML file, line 4"

# Matrix Market (SuiteSparse, Network Repository): a symmetric weighted matrix with a diagonal
# entry and an isolated node; PageRank as NetworkX gives it on the same file read by SciPy.
printf '%%%%MatrixMarket matrix coordinate real symmetric\n%% a small network\n6 6 7\n2 1 2.5\n3 2 1\n3 1 4\n4 3 0.5\n5 4 3\n6 5 1\n6 6 9\n' >"$WORK/small.mtx"
expect 0 "network on Matrix Market" -- "$BIN" network "$WORK/small.mtx" --weighted --out "$WORK/small_nodes.csv"
has "$ERR" "Matrix Market, 7 edges (an undirected graph), 1 self-loops left out → 6 nodes, 12 ties (each edge both ways, weighted)"
checks=$((checks + 1))
/usr/bin/python3 - "$WORK/small.mtx" "$WORK/small_nodes.csv" <<'PY' || fail "Matrix Market PageRank differs from NetworkX's"
import csv, sys
import networkx as nx, scipy.io
g = nx.from_scipy_sparse_array(scipy.io.mmread(sys.argv[1]))
g.remove_edges_from(nx.selfloop_edges(g))
pr = nx.pagerank(g, weight="weight", tol=1e-12, max_iter=10000)
rows = list(csv.DictReader(open(sys.argv[2])))
assert [r["node"] for r in rows] == ["1", "2", "3", "4", "5", "6"], [r["node"] for r in rows]
worst = max(abs(float(r["pagerank"]) - pr[int(r["node"]) - 1]) for r in rows)
assert worst < 1e-8, worst
PY
# As Network Repository distributes it: the file zipped with a readme beside it, read as the
# file; a zip of two networks is refused, naming them.
/usr/bin/python3 - "$WORK" <<'PY' || fail "could not write the zips"
import sys, zipfile
w = sys.argv[1]
with zipfile.ZipFile(f"{w}/small.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.write(f"{w}/small.mtx", "small/small.mtx")
    z.writestr("small/readme.html", "<p>a small network</p>")
with zipfile.ZipFile(f"{w}/two.zip", "w") as z:
    z.write(f"{w}/small.mtx", "a.mtx")
    z.write(f"{w}/small.mtx", "b.mtx")
PY
expect 0 "network on a zipped Matrix Market file" -- "$BIN" network "$WORK/small.zip" --weighted --out "$WORK/small_zip_nodes.csv"
checks=$((checks + 1)); cmp -s "$WORK/small_nodes.csv" "$WORK/small_zip_nodes.csv" || fail "the zipped file read differently"
expect 1 "network on a zip of two networks" -- "$BIN" network "$WORK/two.zip"
has "$ERR" "two.zip: the zip holds 2 files ('a.mtx', 'b.mtx'): unzip it and name the one to analyse"
# As Netzschleuder distributes it (csv.zip): edges.csv under a commented header, nodes.csv listing
# every node (two without ties) and gprops.csv. The nodes without ties count: PageRank as
# NetworkX gives it on all seven nodes, weighted by the header's "weight" column.
checks=$((checks + 1))
/usr/bin/python3 - "$WORK" <<'PY' || fail "could not write Netzschleuder's csv.zip"
import sys, zipfile
w = sys.argv[1]
with zipfile.ZipFile(f"{w}/nz.csv.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("edges.csv", "# source, target, weight\n0,1,2\n1,2,1\n2,0,3\n2,3,1\n3,4,0.5\n")
    z.writestr("nodes.csv", "# index, name, _pos\n" + "".join(
        f'{i},"n{i}","array([{i}.0, 1.0])"\n' for i in range(7)))
    z.writestr("gprops.csv", '# prop_name, value\nname,"nz"\n')
PY
expect 0 "network on Netzschleuder's csv.zip" -- "$BIN" network "$WORK/nz.csv.zip" --weight weight --out "$WORK/nz.csv"
has "$ERR" "nz.csv.zip: 5 lines (comma-separated, a header), 2 nodes without ties from nodes.csv, 0 self-loops left out → 7 nodes, 5 ties (directed, weighted by 'weight')"
/usr/bin/python3 - "$WORK" <<'PY' || fail "Netzschleuder's csv.zip: PageRank differs from NetworkX's"
import csv, sys
import networkx as nx
w = sys.argv[1]
g = nx.DiGraph()
g.add_nodes_from(str(i) for i in range(7))
for a, b, x in [(0, 1, 2), (1, 2, 1), (2, 0, 3), (2, 3, 1), (3, 4, 0.5)]:
    g.add_edge(str(a), str(b), weight=x)
want = nx.pagerank(g, tol=1e-14, max_iter=10000)
rows = {r["node"]: r for r in csv.DictReader(open(f"{w}/nz.csv"))}
assert sorted(rows) == sorted(want), sorted(rows)
for v, p in want.items():
    assert abs(float(rows[v]["pagerank"]) - p) < 1e-9, (v, rows[v]["pagerank"], p)
PY
# As KONECT distributes it: out.NAME ("% sym" makes it undirected) in a .tar.bz2 beside its
# README and meta files; and the same file compressed as zstd (Netzschleuder's) and xz: each gives
# the rows the plain file with --undirected gives. A tar of two networks is refused, naming them.
mkdir -p "$WORK/konect/moreno"
printf '%% sym unweighted\n%% 5 4 4\n1 2\n2 3\n3 1\n3 4\n4 4\n' >"$WORK/konect/moreno/out.moreno"
printf 'A small network.\n' >"$WORK/konect/moreno/README.moreno"
printf 'name: small\n' >"$WORK/konect/moreno/meta.moreno"
tar -C "$WORK/konect" -cjf "$WORK/moreno.tar.bz2" moreno
zstd -q -c "$WORK/konect/moreno/out.moreno" >"$WORK/out.moreno.zst"
xz -c "$WORK/konect/moreno/out.moreno" >"$WORK/out.moreno.xz"
grep -v '^%' "$WORK/konect/moreno/out.moreno" >"$WORK/moreno.txt"
expect 0 "network on a plain edge list, --undirected" -- "$BIN" network "$WORK/moreno.txt" --undirected --out "$WORK/moreno_nodes.csv"
for f in moreno.tar.bz2 out.moreno.zst out.moreno.xz; do
  expect 0 "network on $f" -- "$BIN" network "$WORK/$f" --out "$WORK/${f}_nodes.csv"
  checks=$((checks + 1)); cmp -s "$WORK/moreno_nodes.csv" "$WORK/${f}_nodes.csv" || fail "$f read differently"
done
has "$ERR" "undirected as the file says"
cp "$WORK/konect/moreno/out.moreno" "$WORK/konect/moreno/out.other"
tar -C "$WORK/konect" -cjf "$WORK/two.tar.bz2" moreno
expect 1 "network on a tar of two networks" -- "$BIN" network "$WORK/two.tar.bz2"
has "$ERR" "two.tar.bz2: the tar archive holds 2 files ("
# graph-tool's binary format as Netzschleuder distributes it (.gt.zst): an undirected graph of 4
# vertices with a self-loop gives the rows its edge list gives with --undirected.
python3 - "$WORK" <<'PY'
import struct, sys
adjacency = [[1], [2], [0, 3], [3]]  # one byte a neighbour: fewer than 256 vertices
gt = b"\xe2\x9b\xbe gt" + bytes([1, 0]) + struct.pack("<Q", 4) + b"made" + bytes([0])
gt += struct.pack("<Q", len(adjacency))
for out in adjacency:
    gt += struct.pack("<Q", len(out)) + bytes(out)
gt += struct.pack("<Q", 0)  # no property maps
open(f"{sys.argv[1]}/small.gt", "wb").write(gt)
PY
zstd -q -c "$WORK/small.gt" >"$WORK/small.gt.zst"
printf '0 1\n1 2\n2 0\n2 3\n3 3\n' >"$WORK/small_gt.txt"
expect 0 "network on the gt file's edge list, --undirected" -- "$BIN" network "$WORK/small_gt.txt" --undirected --out "$WORK/small_gt_txt.csv"
expect 0 "network on a gt.zst file" -- "$BIN" network "$WORK/small.gt.zst" --out "$WORK/small_gt.csv"
has "$ERR" "graph-tool (gt), 5 edges (an undirected graph), 1 self-loops left out → 4 nodes, 8 ties"
checks=$((checks + 1)); cmp -s "$WORK/small_gt_txt.csv" "$WORK/small_gt.csv" || fail "the gt file read differently"
head -c 65 "$WORK/small.gt" >"$WORK/cut.gt"
expect 1 "network on a cut gt file" -- "$BIN" network "$WORK/cut.gt"
has "$ERR" "cut.gt: the gt file ends early, at byte 65, in vertex 3's neighbours"
printf 'a b\n' | zstd -q -c | head -c 12 >"$WORK/cut.zst"
expect 1 "network on a cut zstd file" -- "$BIN" network "$WORK/cut.zst"; has "$ERR" "zstd data is damaged"
printf '%%%%MatrixMarket matrix coordinate real general\n2 3 1\n1 2 1\n' >"$WORK/wide.mtx"
expect 1 "network on a non-square matrix" -- "$BIN" network "$WORK/wide.mtx"
has "$ERR" "line 2: a 2 × 3 matrix is not a network's: it has as many rows as columns"

# GEXF (Gephi), node-link JSON (NetworkX, D3) and Cytoscape JSON: NetworkX writes Les Misérables
# (weighted, undirected) as GML, GEXF, node-link and Cytoscape JSON and a random directed
# weighted graph as GEXF and both JSONs; each file gives the same rows as its twin, and PageRank and weighted betweenness
# (lengths 1 / weight) as NetworkX computes them.
checks=$((checks + 1))
/usr/bin/python3 - "$WORK" <<'PY' || fail "NetworkX could not write the GEXF and JSON files"
import json, sys
import networkx as nx
w = sys.argv[1]
g = nx.les_miserables_graph()
nx.write_gml(g, f"{w}/lesmis.gml"); nx.write_gexf(g, f"{w}/lesmis.gexf")
json.dump(nx.node_link_data(g), open(f"{w}/lesmis.json", "w"))
json.dump(nx.cytoscape_data(g), open(f"{w}/lesmis.cyjs", "w"))
d = nx.gnp_random_graph(60, 0.08, seed=3, directed=True)
for i, (u, v) in enumerate(d.edges()):
    d[u][v]["weight"] = 1 + i % 5
nx.write_gexf(d, f"{w}/random.gexf")
json.dump(nx.node_link_data(d), open(f"{w}/random.json", "w"))
json.dump(nx.cytoscape_data(d), open(f"{w}/random.cyjs", "w"))
PY
for f in lesmis.gml lesmis.gexf lesmis.json lesmis.cyjs random.gexf random.cyjs random.json; do
  expect 0 "network on $f" -- "$BIN" network "$WORK/$f" --weighted --out "$WORK/$f.csv"
done
has "$ERR" "random.json: node-link JSON, 266 edges, 0 self-loops left out → 60 nodes, 266 ties (directed, weighted)"
expect 0 "network on lesmis.gexf" -- "$BIN" network "$WORK/lesmis.gexf" --weighted --out "$WORK/lesmis.gexf.csv"
has "$ERR" "lesmis.gexf: GEXF, 254 edges (an undirected graph), 0 self-loops left out → 77 nodes, 508 ties (each edge both ways, weighted)"
for pair in "lesmis.gml lesmis.gexf" "lesmis.gml lesmis.json" "lesmis.gml lesmis.cyjs" "random.gexf random.json" "random.gexf random.cyjs"; do
  set -- $pair
  checks=$((checks + 1)); cmp -s "$WORK/$1.csv" "$WORK/$2.csv" || fail "$2 and $1 give different rows"
done
checks=$((checks + 1))
/usr/bin/python3 - "$WORK" <<'PY' || fail "GEXF PageRank or betweenness differs from NetworkX's"
import csv, sys
import networkx as nx
w = sys.argv[1]
for name, directed in (("lesmis", False), ("random", True)):
    g = nx.read_gexf(f"{w}/{name}.gexf")
    assert g.is_directed() == directed
    rows = {r["node"]: r for r in csv.DictReader(open(f"{w}/{name}.gexf.csv"))}
    assert list(rows) == list(g.nodes()), (list(rows)[:5], list(g.nodes())[:5])
    pr = nx.pagerank(g, weight="weight", tol=1e-13, max_iter=10000)
    worst = max(abs(float(rows[n]["pagerank"]) - pr[n]) for n in g)
    assert worst < 1e-9, (name, "pagerank", worst)
    for u, v, a in g.edges(data=True):
        a["length"] = 1 / a["weight"]
    bt = nx.betweenness_centrality(g, weight="length", normalized=False)
    # NetworkX compares path lengths exactly; sums of fractions such as 1/3 + 1/5 that differ in
    # the last bit split ties it counts as equal here (as igraph does). Les Misérables has none.
    if name == "lesmis":
        worst = max(abs(float(rows[n]["betweenness"]) - bt[n]) for n in g)
        assert worst < 1e-9, (name, "betweenness", worst)
PY
# The results written for other tools (--out's name chooses): GraphML, GEXF and node-link JSON,
# each node with its results as attributes, the ties with their summed weights (an undirected
# network's once each). NetworkX reads each back with every value the CSV holds and the ties the
# input has; `network` reads each back to the CSV it came from, byte for byte.
for f in lesmis.gexf random.json; do
  for out in graphml gexf json; do
    expect 0 "network $f --out .$out" -- "$BIN" network "$WORK/$f" --weighted --out "$WORK/$f.out.$out"
    expect 0 "network on its own .$out" -- "$BIN" network "$WORK/$f.out.$out" --weighted --out "$WORK/$f.out.$out.csv"
    checks=$((checks + 1)); cmp -s "$WORK/$f.csv" "$WORK/$f.out.$out.csv" || fail "$f written as .$out reads back to other rows"
  done
done
expect 0 "network --out .gexf" -- "$BIN" network "$WORK/lesmis.gexf" --out "$WORK/lesmis.out.gexf"
has "$ERR" "; laid out for Gephi in"
checks=$((checks + 1)); [[ $(grep -c "<viz:position" "$WORK/lesmis.out.gexf") == 77 ]] || fail "lesmis.out.gexf: not 77 positions"
# A write that fails half way (a file size limit, as a full disk) leaves the file as it was.
printf 'old\n' >"$WORK/kept.graphml"
expect 1 "network --out over a file size limit" -- bash -c 'trap "" XFSZ; ulimit -f 4; exec "$0" network "$1" --out "$2"' "$BIN" "$WORK/lesmis.gexf" "$WORK/kept.graphml"
has "$ERR" "cannot write '$WORK/kept.graphml': File too large"
checks=$((checks + 1)); [[ $(cat "$WORK/kept.graphml") == old && ! -e "$WORK/kept.graphml.part" ]] || fail "a failed --out changed the file or left its part"
checks=$((checks + 1))
/usr/bin/python3 - "$WORK" <<'PY' || fail "NetworkX reads the written results otherwise"
import csv, json, math, sys
import networkx as nx
w = sys.argv[1]
for name, given in (("lesmis", nx.read_gexf(f"{w}/lesmis.gexf")),
                    ("random", nx.node_link_graph(json.load(open(f"{w}/random.json"))))):
    src = "lesmis.gexf" if name == "lesmis" else "random.json"
    rows = {r["node"]: r for r in csv.DictReader(open(f"{w}/{src}.csv"))}
    for out, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf),
                      ("json", lambda p: nx.node_link_graph(json.load(open(p))))):
        g = read(f"{w}/{src}.out.{out}")
        assert g.is_directed() == given.is_directed(), (name, out)
        assert list(g.nodes()) == list(rows), (name, out, list(g.nodes())[:5])
        want = {(str(u), str(v)): a.get("weight", 1) for u, v, a in given.edges(data=True)}
        got = {(u, v): a["weight"] for u, v, a in g.edges(data=True)}
        if not g.is_directed():
            want = {tuple(sorted(k)): x for k, x in want.items()}
            got = {tuple(sorted(k)): x for k, x in got.items()}
        assert got == want, (name, out, len(got), len(want))
        for n, a in g.nodes(data=True):
            for col, text in rows[n].items():
                if col == "node":
                    continue
                if text == "":
                    assert a.get(col) is None, (name, out, n, col, a.get(col))
                else:
                    assert float(a[col]) == float(text), (name, out, n, col, a[col], text)
        if out == "gexf":
            assert all("viz" in a and "position" in a["viz"] for _, a in g.nodes(data=True))
PY
printf '<?xml version="1.0"?>\n<!DOCTYPE gexf [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<gexf><graph><nodes><node id="&x;"/></nodes></graph></gexf>\n' >"$WORK/entity.gexf"
expect 1 "network on a GEXF file with a DOCTYPE" -- "$BIN" network "$WORK/entity.gexf"
has "$ERR" "entity.gexf: line 2: a document type declaration (<!DOCTYPE>) is not read"
printf '{"nodes": [{"id": "a"}], "links": [{"source": "a", "target": "b"}]}' >"$WORK/stray.json"
expect 1 "network on a JSON link to no node" -- "$BIN" network "$WORK/stray.json"
has "$ERR" "stray.json: link 1: target 'b' is not among the nodes"

# An adjacency matrix as R's write.csv writes one (an empty corner, quoted names, rows in any
# order): the same rows as the edge list of its ties; a row missing is refused.
printf '"","a","b","c","d"\n"b",0,0,1,0\n"a",0,1,0,0\n"c",0,1,0,1\n"d",0,0,1,0\n' >"$WORK/path_matrix.csv"
printf 'a b\nb c\nc b\nc d\nd c\n' >"$WORK/path_edges.txt"
expect 0 "network on an adjacency matrix" -- "$BIN" network "$WORK/path_matrix.csv" --out "$WORK/path_matrix_nodes.csv"
has "$ERR" "adjacency matrix (CSV), 5 edges, 0 self-loops left out → 4 nodes, 5 ties (directed,"
expect 0 "network on the matrix's edge list" -- "$BIN" network "$WORK/path_edges.txt" --out "$WORK/path_edges_nodes.csv"
checks=$((checks + 1)); cmp -s "$WORK/path_matrix_nodes.csv" "$WORK/path_edges_nodes.csv" || fail "the matrix and its edge list give different rows"
# The same matrix saved from a spreadsheet: as an .xlsx workbook (openpyxl, numbers as numbers)
# and as write.csv2's semicolons; each gives the same rows.
/usr/bin/python3 - "$WORK/path_matrix.csv" "$WORK/path_matrix.xlsx" "$WORK/path_matrix_semi.csv" <<'PY' || fail "could not write the workbook"
import csv, sys
import openpyxl
rows = list(csv.reader(open(sys.argv[1], newline="")))
book = openpyxl.Workbook()
sheet = book.active
sheet.append([None] + rows[0][1:])
for r in rows[1:]:
    sheet.append([r[0]] + [int(x) for x in r[1:]])
book.save(sys.argv[2])
with open(sys.argv[3], "w", newline="") as f:
    csv.writer(f, delimiter=";", quoting=csv.QUOTE_NONNUMERIC).writerows(
        [rows[0]] + [[r[0]] + [int(x) for x in r[1:]] for r in rows[1:]])
PY
for f in path_matrix.xlsx path_matrix_semi.csv; do
  expect 0 "network on $f" -- "$BIN" network "$WORK/$f" --out "$WORK/$f.nodes.csv"
  checks=$((checks + 1)); cmp -s "$WORK/path_matrix_nodes.csv" "$WORK/$f.nodes.csv" || fail "$f read other than the matrix"
done
# --format when the text does not tell: the matrix named as such reads as before; named as JSON
# it is refused as JSON; a name that is no format is refused, listing the formats.
expect 0 "network --format matrix" -- "$BIN" network "$WORK/path_matrix.csv" --format MATRIX --out "$WORK/path_matrix_named.csv"
checks=$((checks + 1)); cmp -s "$WORK/path_matrix_nodes.csv" "$WORK/path_matrix_named.csv" || fail "--format matrix read the matrix differently"
expect 1 "network --format json on a CSV" -- "$BIN" network "$WORK/path_matrix.csv" --format json
has "$ERR" "path_matrix.csv: not readable JSON"
expect 1 "network --format xml" -- "$BIN" network "$WORK/path_matrix.csv" --format xml
has "$ERR" "--format must be edgelist, graphml, gml, pajek, dl, mtx, gexf, json, matrix, dot or gt (got 'xml')"
printf ',a,b,c\na,0,1,0\nb,1,0,0\n' >"$WORK/short_matrix.csv"
expect 1 "network on a matrix without a row" -- "$BIN" network "$WORK/short_matrix.csv"
has "$ERR" "short_matrix.csv: the header names 3 people, the rows 2 (no row for 'c')"

# A demo made as of a given day: the same seed and day give the same organisation, truth and
# findings, whenever it is run; a day that is no date is refused.
for run in 1 2; do
  expect 0 "demo as of a day ($run)" -- "$BIN" demo --people 150 --seed 9 --today 2026-03-02 --no-serve --password 0123456789ab --traces-dir "$WORK/asof$run" --truth-out "$WORK/asof$run.json" --db "sqlite:$WORK/asof$run.db"
  grep "^knowledge network: snapshot\|^    " <<<"$OUT" | sed 's/ ([0-9.]* s)$//' >"$WORK/asof$run.txt"
done
checks=$((checks + 1)); cmp -s "$WORK/asof1.json" "$WORK/asof2.json" || fail "the same seed and day gave different truths"
checks=$((checks + 1)); cmp -s "$WORK/asof1.txt" "$WORK/asof2.txt" || fail "the same seed and day gave different findings"
checks=$((checks + 1)); grep -q '"today": "2026-03-02"' "$WORK/asof1.json" || fail "the truth is not as of --today"
checks=$((checks + 1)); (( $(sqlite3 "$WORK/asof1.db" "SELECT max(ts) FROM interactions") < $(date -ud 2026-03-03 +%s) * 1000000 )) || fail "interactions after --today"
checks=$((checks + 1)); (( $(sqlite3 "$WORK/asof1.db" "SELECT taken_at FROM network_snapshots") / 86400000000 == $(date -ud 2026-03-02 +%s) / 86400 )) || fail "the demo's snapshot is not taken on --today"
expect 1 "demo as of no day" -- "$BIN" demo --people 150 --today 2026-02-30 --no-serve --db "sqlite:$WORK/asof3.db"
has "$ERR" "--today: '2026-02-30' is not a valid calendar date"

PG=$(cat "$PL_TEST_STATE_DIR/pg_url" 2>/dev/null || true)
[[ -n $PG ]] || { echo "FAIL: no PostgreSQL test server (run through ctest)"; exit 1; }
psql -q "$PG" -c "CREATE DATABASE net_test_$$" -c "CREATE DATABASE net_empty_$$" || exit 1

for DB in "sqlite:$WORK/net.db" "${PG%/*}/net_test_$$"; do
  EMPTY=$([[ $DB == sqlite:* ]] && echo "sqlite:$WORK/empty.db" || echo "${PG%/*}/net_empty_$$")
  echo "== $DB"
  expect 1 "analyze without a roster" -- "$BIN" analyze --db "$EMPTY"; has "$ERR" "import a roster first"
  expect 1 "export without a snapshot" -- "$BIN" export --format csv --out "$WORK/none" --db "$EMPTY"
  has "$ERR" "run 'peerlearn analyze' first"

  rm -rf "$WORK/traces" "$WORK/ex"
  expect 0 "demo" -- "$BIN" demo --people 150 --no-serve --password 0123456789ab --traces-dir "$WORK/traces" --truth-out "$WORK/truth.json" --db "$DB"
  has "$OUT" "knowledge network: snapshot 1 of"; has "$OUT" "against the planted truth"
  # Its past mentoring pairings carry the score the matching gives the two (they read 0.000).
  expect 0 "the demo's past pairings" -- "$BIN" mentors pairs --db "$DB"
  has "$OUT" "ended"
  checks=$((checks + 1))
  if grep -q ' ended .* score 0\(\.0*\)\? ' <<<"$OUT" || ! grep -q ' ended .* score 0\.[0-9]*[1-9]' <<<"$OUT"; then
    fail "the demo's past pairings are not scored: $OUT"
  fi
  # The findings against the planted truth: every count, precision and recall as Python works them
  # out from the snapshot's JSON export and the truth file; a truth naming nobody is refused.
  expect 0 "check-findings" -- "$BIN" check-findings "$WORK/truth.json" --snapshot 1 --json --db "$DB"
  printf '%s' "$OUT" >"$WORK/scores.json"
  expect 0 "export json of snapshot 1" -- "$BIN" export --format json --snapshot 1 --out "$WORK/ex1" --db "$DB"
  checks=$((checks + 1))
  /usr/bin/python3 - "$WORK" <<'PY' || fail "check-findings disagrees with the export and the truth"
import json, math, sys
w = sys.argv[1]
truth = json.load(open(f"{w}/truth.json"))
snap = json.load(open(f"{w}/ex1/network.json"))
got = {s["finding"]: s for s in json.load(open(f"{w}/scores.json"))["scores"]}
eid = {p["id"]: p["employee_id"] for p in snap["people"]}
members = {t["team"]: t["members"] for t in snap["teams"]}
f = snap["findings"]
floor = snap["params"]["min_team_size"]
cases = {
    "hidden champions": ({eid[c["person"]] for c in f["champions"]}, set(truth["hidden_champions"]), 0),
    "brokers": ({eid[b["person"]] for b in f["brokers"]}, set(truth["brokers"]), 0),
    "isolated newcomers": ({eid[n["person"]] for n in f["newcomers"] if n["isolated"]},
                           set(truth["isolated_newcomers"]), 0),
    "silo teams": ({s["team"] for s in f["silos"]},
                   {t for t in truth["silo_teams"] if members[t] >= floor},
                   sum(1 for t in truth["silo_teams"] if members[t] < floor)),
}
assert sorted(got) == sorted(cases), sorted(got)
for name, (found, known, small) in cases.items():
    g, hits = got[name], len(found & known)
    assert (g["found"], g["known"], g["hits"], g["unreportable"]) == (len(found), len(known), hits, small), (name, g)
    assert g["missed"] == sorted(known - found) and g["unexpected"] == sorted(found - known), (name, g)
    assert ("unexpected_champions" in g) == (name == "brokers"), (name, g)
    if name == "brokers":
        champions = set(truth["hidden_champions"])
        assert g["unexpected_champions"] == len((found - known) & champions), g
        assert g.get("unexpected_recognised", 0) == len((found - known) & set(truth["recognised_helpers"])), g
    # The demo plants recognised helpers (sought, and thanked for it): scored with the champions,
    # none of them reported as hidden.
    assert ("recognised_helpers" in g) == (name == "hidden champions"), (name, g)
    if name == "hidden champions":
        recognised = set(truth["recognised_helpers"])
        assert g["recognised_helpers"] == len(recognised) > 0, g
        assert g["recognised_reported"] == sorted(found & recognised) == [], g
    for key, den in (("precision", len(found)), ("recall", len(known))):
        assert (g[key] is None) if den == 0 else math.isclose(g[key], hits / den), (name, key, g)
assert got["isolated newcomers"]["recall"] >= 0.8 and got["silo teams"]["recall"] >= 0.8, got
PY
  printf '{"hidden_champions": ["E000001", "E999999"]}' >"$WORK/bad_truth.json"
  expect 1 "check-findings naming nobody" -- "$BIN" check-findings "$WORK/bad_truth.json" --db "$DB"
  has "$ERR" "bad_truth.json: \"hidden_champions\"[1]: 'E999999' is nobody in the roster"
  expect 0 "check-findings as text" -- "$BIN" check-findings "$WORK/truth.json" --db "$DB"
  has "$OUT" "hidden champions: found"; has "$OUT" "silo teams: found"
  has "$OUT" " the truth lists (sought, and thanked for it), 0 reported as hidden"
  # The brokers line says how many found beyond the truth are its hidden champions and recognised
  # helpers (the JSON's unexpected_champions and unexpected_recognised, checked above), where any is.
  known_champions=$(/usr/bin/python3 -c 'import json, sys
b = {x["finding"]: x for x in json.load(open(sys.argv[1]))["scores"]}["brokers"]
n, r, k = b["unexpected_champions"], b.get("unexpected_recognised", 0), len(b["unexpected"])
parts = (["hidden champions the truth lists: %d of the %d beyond it" % (n, k)] if n else []) + \
        (["recognised helpers it lists: %d" % r + ("" if n else " of the %d beyond it" % k)] if r else [])
print("(%s; they link communities too)" % ", ".join(parts) if parts else "")' "$WORK/scores.json")
  checks=$((checks + 1))
  if [[ -n $known_champions ]]; then
    grep "^  brokers: found" <<<"$OUT" | grep -qF "$known_champions" || fail "check-findings: no '$known_champions'"
  elif grep -q "hidden champions the truth lists\|recognised helpers it lists" <<<"$OUT"; then
    fail "check-findings: brokers said to be hidden champions or recognised helpers where none is"
  fi
  expect 0 "analyze last 60 days" -- "$BIN" analyze --days 60 --layers nomination=3,reaction=0.5 --db "$DB"
  has "$OUT" "snapshot 2 stored"; has "$OUT" "hidden champions"; has "$OUT" "150 people"
  has "$OUT" "sought as widely, and already seen by the structure:"; has "$OUT" "people; seen by the structure: kudos from "
  # A list longer than the ten printed says so, with how many there are (the snapshot's count).
  points=$(grep -o "single points of failure [0-9]*" <<<"$OUT" | grep -o "[0-9]*$")
  has "$OUT" "knowledge at risk (single points of failure), most teammates cut off first (the first 10 of $points; \`peerlearn export --format csv\` has them all):"
  has "$OUT" "alone nearby with "
  has "$OUT" "brokers between communities, most pairs linked first"
  printf '%s\n' "$OUT" >"$WORK/analyze2.txt"
  expect 0 "dry run" -- "$BIN" analyze --quarter 2026Q4 --dry-run --db "$DB"; has "$OUT" "dry run, nothing stored"
  has "$OUT" "interactions, 2026-10-01 to 2026-12-31 (92 days)"  # a quarter by its first and last day
  expect 0 "three Leiden runs" -- "$BIN" analyze --community-runs 3 --dry-run --db "$DB"; has "$OUT" "dry run, nothing stored"
  expect 1 "no Leiden run" -- "$BIN" analyze --community-runs 0 --db "$DB"; has "$ERR" "community-runs"
  expect 1 "skill level 5" -- "$BIN" analyze --skill-level 5 --db "$DB"; has "$ERR" "skill-level"
  expect 1 "eleven steps" -- "$BIN" analyze --skill-steps 11 --db "$DB"; has "$ERR" "skill-steps"
  # Numbers that must be above 0 say so, and what they got (not CLI11's range to the largest double).
  expect 1 "no days" -- "$BIN" analyze --days 0 --db "$DB"; has "$ERR" "--days: must be a whole number above 0 (got '0')"
  expect 1 "days and a half" -- "$BIN" analyze --days 1.5 --db "$DB"; has "$ERR" "--days: must be a whole number above 0 (got '1.5')"
  expect 1 "a negative resolution" -- "$BIN" analyze --resolution -0.5 --db "$DB"; has "$ERR" "--resolution: must be a number above 0 (got '-0.5')"
  expect 0 "a resolution of a half" -- "$BIN" analyze --resolution 0.5 --dry-run --db "$DB"
  expect 1 "snapshot 0" -- "$BIN" diff 0 --db "$DB"; has "$ERR" "from: must be a whole number above 0 (got '0')"
  # Teammates only: more people alone with a skill than within two steps (the check above).
  expect 0 "skills, team only" -- "$BIN" analyze --skill-steps 0 --dry-run --db "$DB"
  team_only=$(grep -oE "single points of failure [0-9]+" <<<"$OUT" | grep -oE "[0-9]+$")
  expect 0 "skills, two steps" -- "$BIN" analyze --dry-run --db "$DB"
  two_steps=$(grep -oE "single points of failure [0-9]+" <<<"$OUT" | grep -oE "[0-9]+$")
  checks=$((checks + 1)); (( team_only > two_steps )) || fail "--skill-steps 0 found $team_only, two steps $two_steps"
  # Newcomers: hired within 365 days instead of 90 are more; with no settling-in days, at least as
  # many not yet connected.
  newcomers() { grep -oE "newcomers [0-9]+ \([0-9]+ not yet" <<<"$OUT" | grep -oE "[0-9]+" | sed -n "$1p"; }
  usual_new=$(newcomers 1); usual_alone=$(newcomers 2)
  expect 0 "newcomers within a year" -- "$BIN" analyze --newcomer-days 365 --dry-run --db "$DB"
  checks=$((checks + 1)); (( $(newcomers 1) > usual_new )) || fail "--newcomer-days 365 found $(newcomers 1) newcomers, 90 days $usual_new"
  expect 0 "no settling in" -- "$BIN" analyze --newcomer-grace-days 0 --dry-run --db "$DB"
  checks=$((checks + 1)); (( $(newcomers 1) == usual_new && $(newcomers 2) >= usual_alone )) || fail "--newcomer-grace-days 0: $OUT"
  expect 1 "settling in as long as newcomers" -- "$BIN" analyze --newcomer-days 30 --newcomer-grace-days 30 --db "$DB"
  has "$ERR" "--newcomer-grace-days (30) must be fewer than --newcomer-days (30)"
  expect 1 "a year and a day settling in" -- "$BIN" analyze --newcomer-grace-days 366 --db "$DB"; has "$ERR" "newcomer-grace-days"
  before=$(count "$DB" network_snapshots)
  expect 1 "bad quarter" -- "$BIN" analyze --quarter 2026Q9 --db "$DB"; has "$ERR" "--quarter must look like 2026Q3"
  expect 1 "two windows" -- "$BIN" analyze --days 5 --quarter 2026Q1 --db "$DB"; has "$ERR" "give one of"
  expect 1 "unknown layer" -- "$BIN" analyze --layers chat=2 --db "$DB"; has "$ERR" "unknown layer 'chat'"
  expect 1 "half-life without window" -- "$BIN" analyze --half-life 30 --db "$DB"; has "$ERR" "needs a time window"
  expect 1 "bad --from" -- "$BIN" analyze --from 2026-13-01 --db "$DB"; has "$ERR" "--from"
  checks=$((checks + 1)); [[ $(count "$DB" network_snapshots) == "$before" ]] || fail "a refused analyze stored a snapshot"

  expect 0 "snapshots" -- "$BIN" snapshots --db "$DB"; has "$OUT" "all time"; has "$OUT" "150"; has "$OUT" "Z (60 days)"
  # Which were analysed unlike the newest, and how.
  has "$OUT" "analysed unlike the newest (2), so their numbers are not like for like:"
  checks=$((checks + 1)); grep -qx "  1: window all time → 60 days; weight of nomination 1.0 → 3.0; weight of reaction 1.0 → 0.5" <<<"$OUT" || fail "snapshot 1's settings unlike the newest: $OUT"
  # One person across the snapshots: a planted isolated newcomer that snapshot 1 (all time) found.
  newcomer=$(/usr/bin/python3 -c 'import json, sys
missed = {s["finding"]: s for s in json.load(open(sys.argv[2]))["scores"]}["isolated newcomers"]["missed"]
print([e for e in json.load(open(sys.argv[1]))["isolated_newcomers"] if e not in missed][0])' "$WORK/truth.json" "$WORK/scores.json")
  expect 0 "a person over time" -- "$BIN" snapshots --person "$newcomer" --db "$DB"
  has "$OUT" "$newcomer "; has "$OUT" "in 2 snapshots, oldest first:"
  has "$OUT" "analysed unlike the newest (2), so their numbers are not like for like:"
  checks=$((checks + 1)); grep -qx "  1: window all time → 60 days; weight of nomination 1.0 → 3.0; weight of reaction 1.0 → 0.5" <<<"$OUT" || fail "snapshot 1's settings unlike the newest in the person's history: $OUT"
  checks=$((checks + 1)); grep -qE "^1 +[0-9TZ:-]+ +[0-9]+ +[0-9]+ +[0-9]+%  .*newcomer not yet connected.*all time$" <<<"$OUT" || fail "snapshot 1 does not call $newcomer a newcomer not yet connected: $OUT"
  expect 1 "a person nobody has" -- "$BIN" snapshots --person E999999 --db "$DB"; has "$ERR" "no person with employee id 'E999999'"
  expect 0 "diff" -- "$BIN" diff --db "$DB"; has "$OUT" "snapshot 1 ("
  # The second was analysed over 60 days with two layers weighed differently: the diff says so.
  has "$OUT" "analysed differently (changes below partly reflect this): window all time → 60 days; weight of nomination 1.0 → 3.0; weight of reaction 1.0 → 0.5"
  # The ties line: whole numbers, the change signed and equal to after - before.
  checks=$((checks + 1))
  [[ $OUT =~ ties:\ ([0-9]+)\ →\ ([0-9]+)\ \(([+−])([0-9]+)\) ]] || fail "diff has no ties line like 'ties: 10 → 8 (−2)': $OUT"
  change=$(( BASH_REMATCH[2] - BASH_REMATCH[1] ))
  [[ ${BASH_REMATCH[3]}${BASH_REMATCH[4]} == "$([[ $change -gt 0 ]] && echo "+$change" || echo "−${change#-}")" ]] || fail "diff's ties change is not after - before: $OUT"
  expect 0 "diff json" -- "$BIN" diff 1 2 --json --db "$DB"
  checks=$((checks + 1))
  /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); assert d["from"]["id"]==1 and d["to"]["id"]==2 and "ties" in d["summary"]; assert [c["setting"] for c in d["settings_changed"]] == ["window_days", "layer_weight:nomination", "layer_weight:reaction"], d["settings_changed"]' <<<"$OUT" || fail "diff --json is not the comparison"
  expect 1 "diff of a missing snapshot" -- "$BIN" diff 1 99 --db "$DB"; has "$ERR" "no network snapshot 99"

  for f in csv json graphml gexf; do
    expect 0 "export $f" -- "$BIN" export --format "$f" --snapshot 2 --out "$WORK/ex/$f" --db "$DB"
    has "$OUT" "snapshot 2"
  done
  checks=$((checks + 1)); /usr/bin/python3 "$TESTS/check_export.py" formats "$WORK/ex" || fail "exports disagree"
  # Skills nobody nearby holds and the cut points, against a search of its own on the exported
  # ties and teams and the roster's skills read from the store.
  skills_sql="SELECT p.external_id, s.name, ps.level FROM person_skills ps
    JOIN people p ON p.id = ps.person_id JOIN skills s ON s.id = ps.skill_id"
  if [[ $DB == sqlite:* ]]; then
    sqlite3 -csv "${DB#sqlite:}" "$skills_sql" >"$WORK/skills.csv"
  else
    psql -qAt --csv "$DB" -c "$skills_sql" >"$WORK/skills.csv"
  fi
  checks=$((checks + 1))
  /usr/bin/python3 "$TESTS/check_export.py" single_points "$WORK/ex/csv" "$WORK/skills.csv" 3 2 ||
    fail "single_points.csv disagrees with the roster's skills and the ties"
  # The brokers, against a count of open pairs across communities of its own.
  checks=$((checks + 1))
  /usr/bin/python3 "$TESTS/check_export.py" brokers "$WORK/ex" ||
    fail "the brokers disagree with the exported ties and communities"
  # analyze printed snapshot 2's first broker as the export has them.
  checks=$((checks + 1))
  first_broker=$(/usr/bin/python3 -c 'import json, sys
s = json.load(open(sys.argv[1])); b = s["findings"]["brokers"][0]
e = {p["id"]: p["employee_id"] for p in s["people"]}
x = b["bridge"]
bridge = "; holds %d of the %d %s between their community and community %d (people of their community have %s there on average)" % (
    x["contacts"], x["ties_between"], "tie" if x["ties_between"] == 1 else "ties", x["community"],
    "under 0.1" if x["expected"] < 0.1 else "%.1f" % x["expected"])
also = "; also a hidden champion" if any(c["person"] == b["person"] for c in s["findings"]["champions"]) else ""
print(e[b["person"]], format(b["brokerage"], ","), b["communities_reached"], bridge + also)' "$WORK/ex/json/network.json")
  read -r broker_id broker_pairs broker_reach broker_also <<<"$first_broker"
  grep -A1 "brokers between communities" "$WORK/analyze2.txt" | grep -q "^    $broker_id .*: links $broker_pairs pairs of contacts in different communities, tied into $broker_reach communities besides their own${broker_also}\$" ||
    fail "analyze's first broker is not the export's ($first_broker)"
  # The GEXF export read back by `network` (its own reader) gives what the GraphML one gives
  # (igraph's reader): the same people in the same order, the same metrics.
  expect 0 "network on the GEXF export" -- "$BIN" network "$WORK/ex/gexf/network.gexf" --weighted --out "$WORK/ex/gexf.csv"
  expect 0 "network on the GraphML export" -- "$BIN" network "$WORK/ex/graphml/network.graphml" --weighted --out "$WORK/ex/graphml.csv"
  checks=$((checks + 1)); cmp -s "$WORK/ex/gexf.csv" "$WORK/ex/graphml.csv" || fail "the GEXF and GraphML exports read back differently"
  checks=$((checks + 1)); [[ $(($(wc -l <"$WORK/ex/gexf.csv") - 1)) == 150 ]] || fail "the GEXF export read back without its 150 people"
  checks=$((checks + 1)); [[ $(($(wc -l <"$WORK/ex/csv/people.csv") - 1)) == 150 ]] || fail "people.csv rows"
  expect 0 "export without names" -- "$BIN" export --format csv --no-names --out "$WORK/anon" --db "$DB"
  checks=$((checks + 1)); head -1 "$WORK/anon/people.csv" | grep -q "name" && fail "--no-names kept names"
  checks=$((checks + 1)); grep -q "northwind.example" "$WORK/anon/edges.csv" && fail "--no-names kept e-mails"
  expect 1 "bad format" -- "$BIN" export --format xml --out "$WORK/bad" --db "$DB"; has "$ERR" "--format must be"
  expect 1 "missing snapshot" -- "$BIN" export --format csv --snapshot 99 --out "$WORK/bad" --db "$DB"
  has "$ERR" "no network snapshot 99"
  checks=$((checks + 1)); [[ -z $(ls "$WORK/bad" 2>/dev/null) ]] || fail "a refused export wrote files"

  # Deleting snapshots: refusals delete nothing; a deleted id is never given again.
  expect 0 "a third snapshot" -- "$BIN" analyze --db "$DB"; has "$OUT" "snapshot 3 stored"
  expect 1 "delete a missing snapshot" -- "$BIN" snapshots --delete 1 --delete 99 --db "$DB"
  has "$ERR" "no snapshot 99"
  expect 1 "delete and keep" -- "$BIN" snapshots --delete 1 --keep 1 --db "$DB"; has "$ERR" "one at a time"
  expect 0 "keep one, dry run" -- "$BIN" snapshots --keep 1 --dry-run --db "$DB"
  has "$OUT" "dry run: would delete snapshots 1, 2"
  checks=$((checks + 1)); [[ $(count "$DB" network_snapshots) == 3 ]] || fail "a refused or dry-run delete deleted"
  expect 0 "delete snapshot 1" -- "$BIN" snapshots --delete 1 --db "$DB"; has "$OUT" "deleted snapshot 1 ("
  checks=$((checks + 1)); [[ $(count "$DB" network_snapshots) == 2 ]] || fail "snapshot 1 not deleted"
  checks=$((checks + 1)); [[ $(count "$DB" "snapshot_people WHERE snapshot_id = 1") == 0 ]] || fail "snapshot 1's people left"
  expect 1 "diff of a deleted snapshot" -- "$BIN" diff 1 2 --db "$DB"; has "$ERR" "no network snapshot 1"
  expect 0 "keep the newest" -- "$BIN" snapshots --keep 1 --db "$DB"; has "$OUT" "deleted snapshot 2 ("
  expect 0 "nothing more to delete" -- "$BIN" snapshots --keep 1 --db "$DB"; has "$OUT" "nothing to delete: 1 snapshot stored"
  expect 0 "delete the newest" -- "$BIN" snapshots --delete 3 --db "$DB"; has "$OUT" "no snapshots yet"
  expect 0 "analyze after deleting" -- "$BIN" analyze --db "$DB"; has "$OUT" "snapshot 4 stored"
done

psql -q "$PG" -c "DROP DATABASE net_test_$$" -c "DROP DATABASE net_empty_$$" >/dev/null 2>&1
finish
