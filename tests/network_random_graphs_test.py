#!/usr/bin/python3
"""`peerlearn network` on generated graphs with the shapes that break graph code, against
python-igraph on the graph as generated.

  network_random_graphs_test.py PEERLEARN [FIRST_SEED COUNT]

Each seed draws one graph: random (sparse or dense), a star, a tree, a chain, a near-complete
core, a bipartite graph, planted clusters joined by a few ties, a few ties repeated many times,
or a single tie or pair, or no tie at all (self-loops only, or nodes alone); of 2 to 400 nodes, with self-loops now and then, names that are
numbers or words (spaces and accents included in graph files), weights from 0.001 to 100. It
is written as an edge list (read four ways: as it is, --weighted, --undirected, both; every other
seed also --weighted --lengths, directed or not) and, as
NetworkX writes them, as GraphML (every other seed with whole weights as ints, which NetworkX
writes as a second "weight" key), GML, GEXF, node-link JSON or Pajek, or as Matrix Market
(general or symmetric) or UCINET DL edge list (nodes by number), directed or not, with parallel
edges (a multigraph) or not, isolated nodes kept (read as it is and --weighted).
Every run's CSV is compared with python-igraph on the same ties (repeated ties summed,
self-loops out) by check_export.compare: PageRank, betweenness, closeness, harmonic closeness,
constraint, strengths, coreness and clustering, to 1e-6 relative, and effective size against
NetworkX's; the modularity printed must be igraph's modularity of the CSV's communities, and
over all runs at most 0.005 below igraph's own Leiden's (median and mean).
Exit 0 when every run matches; else each failure is printed, with the seed that makes it.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

import networkx as nx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_export  # noqa: E402

runs = {}  # how many runs read each format

SHAPES = ["sparse", "dense", "star", "tree", "chain", "core", "bipartite", "clusters", "repeats",
          "pair", "none"]
WEIGHTS = [1, 1, 2, 3, 0.5, 7.25, 100, 0.001]


def pairs_of(r, shape, n):
    """Index pairs (self-loops possible) of a graph of that shape on about n nodes."""
    if shape == "sparse":
        return [(r.randrange(n), r.randrange(n)) for _ in range(r.randint(1, 2 * n))]
    if shape == "dense":
        return [(r.randrange(n), r.randrange(n)) for _ in range(n * 8)]
    if shape == "star":
        return [(0, i) if r.random() < 0.5 else (i, 0) for i in range(1, n)]
    if shape == "tree":
        return [(r.randrange(i), i) for i in range(1, n)]
    if shape == "chain":
        return [(i, i + 1) if r.random() < 0.7 else (i + 1, i) for i in range(n - 1)]
    if shape == "core":
        k = min(n, 12)
        return [(i, j) for i in range(k) for j in range(k) if i != j and r.random() < 0.9]
    if shape == "bipartite":
        a = max(1, n // 3)
        return [(r.randrange(a), a + r.randrange(max(1, n - a))) for _ in range(2 * n)]
    if shape == "clusters":
        c = r.randint(2, 5)
        size = n // c + 1
        out = []
        for _ in range(3 * n):
            g = r.randrange(c)
            out.append((g * size + r.randrange(size), g * size + r.randrange(size)))
        out += [(r.randrange(c * size), r.randrange(c * size)) for _ in range(r.randint(0, 3))]
        return out
    if shape == "repeats":
        base = [(r.randrange(n), r.randrange(n)) for _ in range(n)]
        return [r.choice(base) for _ in range(5 * n)]
    if shape == "none":
        return [(i, i) for i in range(r.choice([0, 1, 2]))]
    return [(0, 1)] if r.random() < 0.5 else [(0, 1), (1, 0)]


def draw(seed):
    r = random.Random(seed)
    shape = r.choice(SHAPES)
    n = r.choice([2, 3, 4, 5, 8, 13, 30, 60, 150, 400])
    pairs = pairs_of(r, shape, n)
    if r.random() < 0.3:
        pairs += [(a, a) for a, _ in pairs[: r.randint(1, 3)]]
    if all(a == b for a, b in pairs) and shape != "none":
        pairs.append((0, 1))
    r.shuffle(pairs)
    nodes = sorted({x for p in pairs for x in p})
    isolated = [max(nodes, default=-1) + 1 + i
                for i in range(r.choice([2, 3]) if shape == "none" else r.choice([0, 0, 1, 3]))]
    return r, shape, pairs, nodes + isolated


def run(binary, path, flags, work):
    out = os.path.join(work, "nodes.csv")
    p = subprocess.run([binary, "network", path, "--exact", "--out", out] + flags,
                       capture_output=True, text=True)
    return out if p.returncode == 0 else None, p.stderr.strip()


def check(tag, binary, path, flags, names, ties, weighted, directed, work, lengths=False):
    before = len(check_export.failures)
    fmt = os.path.splitext(path)[1][1:]
    runs[fmt] = runs.get(fmt, 0) + 1
    out, said = run(binary, path, flags, work)
    if out is None:
        check_export.failures.append(f"{tag}: peerlearn refused it: {said}")
        return
    sys.stdout = open(os.devnull, "w")  # compare prints a summary line per run
    try:
        check_export.compare(out, names, ties, weighted, directed, lengths)
    finally:
        sys.stdout.close()
        sys.stdout = sys.__stdout__
    check_export.communities(said, out, names, ties, weighted, directed)
    for i in range(before, len(check_export.failures)):
        check_export.failures[i] = f"{tag}: {check_export.failures[i]}"


def edge_list_runs(binary, seed, work):
    r, shape, pairs, _ = draw(seed)
    if not pairs:
        return  # an edge list without a line names no node
    label = {}
    for x in sorted({x for p in pairs for x in p}):
        label[x] = str(r.randint(0, 10**6)) if r.random() < 0.5 else f"n{x}"
    if len(set(label.values())) < len(label):
        label = {x: f"n{x}" for x in label}
    path = os.path.join(work, "edges.txt")
    lines = [(label[a], label[b], r.choice(WEIGHTS)) for a, b in pairs]
    with open(path, "w") as f:
        f.writelines(f"{a} {b} {w}\n" for a, b, w in lines)
    names, at = [], {}
    for a, b, _ in lines:
        for x in (a, b):
            if x not in at:
                at[x] = len(names)
                names.append(x)
    for weighted in (False, True):
        for undirected in (False, True):
            flags = (["--weighted"] if weighted else []) + (["--undirected"] if undirected else [])
            ties = [(at[a], at[b], float(w) if weighted else 1.0) for a, b, w in lines if a != b]
            check(f"seed {seed} ({shape}, edge list {' '.join(flags) or 'as it is'})", binary,
                  path, flags, names, ties, weighted, not undirected, work)
    # Every other seed, the weights as lengths (--lengths), one way or both: the path metrics
    # against igraph's with the weights as lengths, a repeated tie at its shortest.
    if seed % 2 == 0:
        undirected = seed % 4 == 0
        flags = ["--weighted", "--lengths"] + (["--undirected"] if undirected else [])
        ties = [(at[a], at[b], float(w)) for a, b, w in lines if a != b]
        check(f"seed {seed} ({shape}, edge list {' '.join(flags)})", binary, path, flags, names,
              ties, True, not undirected, work, lengths=True)


def graph_file_runs(binary, seed, work):
    r, shape, pairs, nodes = draw(seed)
    directed, multi = r.random() < 0.5, r.random() < 0.4
    kind = {(True, True): nx.MultiDiGraph, (True, False): nx.DiGraph,
            (False, True): nx.MultiGraph, (False, False): nx.Graph}[(directed, multi)]
    g = kind()
    words = lambda x: r.choice([f"v{x}", str(7 * x + 3), f"p {x}", f"é{x}", f"a&b {x}"])
    label = {x: words(x) for x in nodes}
    if len(set(label.values())) < len(label):
        label = {x: f"v{x}" for x in nodes}
    g.add_nodes_from(label[x] for x in nodes)
    for a, b in pairs:
        g.add_edge(label[a], label[b], weight=float(r.choice(WEIGHTS)))
    fmt = r.choice(["graphml", "gml", "gexf", "json", "pajek"])
    path = os.path.join(work, "graph." + fmt)
    if fmt == "graphml":
        # Every other seed with whole weights as ints: NetworkX then writes two keys named
        # "weight" (long and double), which must read as one.
        if seed % 2:
            for _, _, d in g.edges(data=True):
                if d["weight"].is_integer():
                    d["weight"] = int(d["weight"])
        nx.write_graphml(g, path)
    elif fmt == "gml":
        nx.write_gml(g, path)
    elif fmt == "gexf":
        nx.write_gexf(g, path)
    elif fmt == "json":
        with open(path, "w") as f:
            json.dump(nx.node_link_data(g), f)
    else:
        nx.write_pajek(g, path)
    names = [str(v) for v in g.nodes]
    at = {v: i for i, v in enumerate(g.nodes)}
    if r.random() < 0.3:  # Matrix Market or UCINET DL instead: nodes by number, from 1
        fmt = "mtx" if r.random() < 0.5 else "dl"
        directed = directed or fmt == "dl"  # a DL file is read as directed
        path = os.path.join(work, "graph." + fmt)
        entries = [(at[a] + 1, at[b] + 1, d["weight"]) for a, b, d in g.edges(data=True)]
        if not directed:  # symmetric: one entry an edge, in the lower triangle
            entries = [(max(a, b), min(a, b), w) for a, b, w in entries]
        with open(path, "w") as f:
            if fmt == "mtx":
                f.write("%%MatrixMarket matrix coordinate real "
                        f"{'general' if directed else 'symmetric'}\n% generated\n"
                        f"{len(names)} {len(names)} {len(entries)}\n")
            else:
                f.write(f"DL N={len(names)}\nformat = edgelist1\ndata:\n")
            f.writelines(f"{a} {b} {w}\n" for a, b, w in entries)
        names = [str(i + 1) for i in range(len(names))]
    for weighted in (False, True):
        ties = [(at[a], at[b], d["weight"] if weighted else 1.0)
                for a, b, d in g.edges(data=True) if a != b]
        flags = ["--weighted"] if weighted else []
        what = f"{'directed' if directed else 'undirected'}{', multigraph' if multi else ''}"
        check(f"seed {seed} ({shape}, {fmt}, {what}{', --weighted' if weighted else ''})", binary,
              path, flags, names, ties, weighted, directed, work)


def main():
    binary = sys.argv[1]
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 80
    with tempfile.TemporaryDirectory() as work:
        for seed in range(first, first + count):
            edge_list_runs(binary, seed, work)
            graph_file_runs(binary, seed, work)
    median, mean, lowest = check_export.modularity_gaps()
    for f in check_export.failures[:40]:
        print("FAIL:", f)
    print(f"{count} graphs (seeds {first}..{first + count - 1}), {sum(runs.values())} runs (",
          ", ".join(f"{k} {v}" for k, v in sorted(runs.items())), f"): "
          f"{len(check_export.failures)} failures; modularity less igraph's Leiden's: median "
          f"{median:.2g}, mean {mean:.2g}, lowest {lowest:.2g}", sep="")
    sys.exit(1 if check_export.failures else 0)


if __name__ == "__main__":
    main()
