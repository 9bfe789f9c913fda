#!/usr/bin/python3
"""python-igraph's Leiden (modularity) on an edge list ("u v" lines, directed; made undirected
with as_undirected(mode="each") as bench/peers.py does) for n_iterations = 1, 2, 3, 5, 10 and -1
(documented as "until stable"; in igraph 0.10 it stops after the first iteration, whatever the next
would change, igraph/igraph#2798), seed 1: time, modularity and community count for each; with N,
the modularity of n_iterations=ITERATIONS (default 2, python-igraph's default and what
bench/peers.py runs for "leiden") for seeds 1..N and their median.
  leiden_iterations.py GRAPH.txt [N [ITERATIONS]]
"""
import random
import sys
import time

import igraph as ig

edges = [tuple(map(int, line.split())) for line in open(sys.argv[1])]
ids = {}
for u, v in edges:
    ids.setdefault(u, len(ids))
    ids.setdefault(v, len(ids))
g = ig.Graph(n=len(ids), edges=[(ids[u], ids[v]) for u, v in edges], directed=True)
und = g.as_undirected(mode="each")
if len(sys.argv) > 2:
    iterations = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    qs = []
    for seed in range(1, int(sys.argv[2]) + 1):
        ig.set_random_number_generator(random.Random(seed))
        qs.append(und.community_leiden(objective_function="modularity", n_iterations=iterations).modularity)
        print(f"{qs[-1]:.5f}", end=" ")
    qs.sort()
    k = len(qs)
    print(f"median {(qs[k // 2] if k % 2 else (qs[k // 2 - 1] + qs[k // 2]) / 2):.5f}")
    sys.exit(0)
for n_iterations in [1, 2, 3, 5, 10, -1]:
    ig.set_random_number_generator(random.Random(1))
    t = time.perf_counter()
    c = und.community_leiden(objective_function="modularity", n_iterations=n_iterations)
    print(f"n_iterations {n_iterations:3d}: {time.perf_counter() - t:7.3f} s  "
          f"modularity {c.modularity:.5f}  {len(c)} communities")
