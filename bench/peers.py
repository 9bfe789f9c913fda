#!/usr/bin/python3
"""One operation of one peer library on one prepared edge list ("u v", dense ids), timed
without the load: prints "OP SECONDS RESULT" like bench_network.

  peers.py FILE igraph|graph-tool|networkx OP [DUMP]   (DUMP: per-node values, one per line)
OPs as bench_network: pagerank components constraint leiden betweenness sampled_betweenness closeness
aggregate (igraph: a multigraph of the file's lines simplified, repeats summed into weights)
Run with Debian's /usr/bin/python3 (python3-igraph, python3-graph-tool, python3-networkx).
"""
import sys
import time

path, tool, op = sys.argv[1], sys.argv[2], sys.argv[3]
values = None
edges = []
with open(path) as f:
    for line in f:
        u, v = line.split()
        edges.append((int(u), int(v)))
n = 1 + max(max(u, v) for u, v in edges)


def finite_sum(xs):
    return sum(x for x in xs if x == x and abs(x) != float("inf"))


if tool == "igraph":
    import igraph as ig
    g = ig.Graph(n=n, edges=edges, directed=True)
    t = time.perf_counter()
    if op == "pagerank":
        values = g.pagerank(damping=0.85)
        r = finite_sum(values)
    elif op == "components":
        r = len(g.connected_components(mode="weak"))
    elif op == "strong_components":
        r = len(g.connected_components(mode="strong"))
    elif op == "constraint":
        values = g.constraint()
        r = finite_sum(values)
    elif op in ("leiden", "leiden_2t", "leiden_1it", "leiden_2it"):  # one thread either way
        # "leiden": igraph's default, n_iterations=2 (as our two runs); leiden_1it and
        # leiden_2it: 1 and 2 iterations, set against 1 and 2 of our runs. (n_iterations=-1,
        # documented as "until stable", stops after the first iteration in igraph 0.10: the loop
        # ends once an iteration changes something, igraph/igraph#2798.)
        iterations = {"leiden_1it": 1}.get(op, 2)
        u = g.as_undirected(mode="each")
        r = u.community_leiden(objective_function="modularity",
                               n_iterations=iterations).modularity
    elif op == "betweenness":
        values = g.betweenness(directed=True)
        r = finite_sum(values)
    elif op == "closeness":  # harmonic, ties either way, divided by n - 1
        values = g.harmonic_centrality(mode="all", normalized=True)
        r = finite_sum(values)
    elif op == "aggregate":  # repeated interactions summed into weighted ties
        g.es["weight"] = 1
        g.simplify(multiple=True, loops=True, combine_edges="sum")
        r = g.ecount()
    else:
        raise SystemExit(f"igraph: no {op}")
elif tool == "graph-tool":
    import graph_tool as gt
    import graph_tool.centrality
    import graph_tool.topology
    g = gt.Graph(directed=True)
    g.add_vertex(n)
    g.add_edge_list(edges)
    t = time.perf_counter()
    if op == "pagerank":
        r = float(gt.centrality.pagerank(g, damping=0.85, epsilon=1e-10).a.sum())
    elif op == "components":
        comp, hist = gt.topology.label_components(g, directed=False)
        r = len(hist)
    elif op == "strong_components":
        comp, hist = gt.topology.label_components(g, directed=True)
        r = len(hist)
    elif op in ("betweenness", "betweenness_2t"):  # threads: OMP_NUM_THREADS
        vb, eb = gt.centrality.betweenness(g, norm=False)
        r = float(vb.a.sum())
    else:
        raise SystemExit(f"graph-tool: no {op}")
elif tool == "networkx":
    import networkx as nx
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    t = time.perf_counter()
    if op == "pagerank":
        r = finite_sum(nx.pagerank(g, alpha=0.85).values())
    elif op == "components":
        r = nx.number_weakly_connected_components(g)
    elif op == "strong_components":
        r = nx.number_strongly_connected_components(g)
    elif op == "sampled_betweenness":
        r = finite_sum(nx.betweenness_centrality(g, k=256, normalized=False, seed=1).values())
    elif op == "constraint":
        r = finite_sum(nx.constraint(g).values())
    else:
        raise SystemExit(f"networkx: no {op}")
else:
    raise SystemExit(f"unknown tool {tool}")
print(f"{op} {time.perf_counter() - t:.6f} {r:.10g}")
if len(sys.argv) > 4 and values is not None:
    with open(sys.argv[4], "w") as f:
        f.writelines(f"{v!r}\n" for v in values)
