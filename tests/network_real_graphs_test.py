#!/usr/bin/python3
"""`peerlearn network` on the real networks graph-tool ships (Newman's and others' collection:
Zachary's karate club, Les Misérables, the C. elegans neural network, political blogs, the US
power grid, co-authorship networks, ...), as graph-tool itself writes them, against python-igraph
on the same ties.

  network_real_graphs_test.py PEERLEARN [NAME ...]

Each network is read from the collection's own file (graph-tool's binary gt format, gzipped), and
written by graph-tool as GraphML (its own attribute types: vector_float positions and the like),
as GML (its strings with \\" and several lines) and as DOT (read with Graphviz's cgraph), and as
a KONECT out-file ("% sym|asym ..." and numbers from 1) — above 5,000 nodes as GraphML only, to
keep igraph's side of the run short; each is read as it is and, where the network has edge
values ("value": co-appearances, synapses, co-authorship strength), weighted by them (GraphML,
DOT and gt: --weight value; GML and KONECT: --weighted). Every run's CSV
is compared with python-igraph on the ties graph-tool holds (repeated ties summed, self-loops
out) by check_export.compare — PageRank, betweenness, closeness, harmonic closeness,
constraint, strengths, coreness and clustering to 1e-6 relative, effective size against
NetworkX's — and the modularity printed must be igraph's of the CSV's communities, over all runs
at most 0.005 below igraph's own Leiden's (median and mean).
Exit 0 when every run matches, 77 (skipped) where graph-tool is not installed.
"""
import os
import subprocess
import sys
import tempfile
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_export  # noqa: E402

# The collection's networks, small to large (nodes, edges): each run costs igraph's exact
# betweenness and closeness on it, so the largest (astro-ph, cond-mat-2003/2005, email-Enron,
# pgp-strong-2009: 16,000 to 40,000 nodes and up to 300,000 edges) are left to a named run.
DEFAULT = ["karate", "dolphins", "lesmis", "polbooks", "adjnoun", "football", "serengeti-foodweb",
           "celegansneural", "polblogs", "netscience", "power", "hep-th"]


def collection_file(name):
    """The collection's own file of the network: graph-tool's binary gt format, gzipped."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import graph_tool.all as gt
    return os.path.join(os.path.dirname(gt.__file__), "collection", name + ".gt.gz")


def load(name):
    import graph_tool.all as gt
    return gt.load_graph(collection_file(name))


def gml_names(g):
    """Names as NetworkX (and peerlearn) take them from graph-tool's GML: the labels where every
    node has a distinct, non-empty one, else the ids (0, 1, ...). graph-tool writes a label as it
    holds it, so a character reference in it (polblogs' "&#38;") is decoded as NetworkX's reader
    decodes it."""
    from networkx.readwrite.gml import unescape
    label = g.vp.get("label")
    if label is not None and label.value_type() == "string":
        names = [unescape(label[v]) for v in g.vertices()]
        if all(names) and len(set(names)) == len(names):
            return names
    return [str(i) for i in range(g.num_vertices())]


def write_konect(g, path, value):
    """KONECT's out-file of g: its size line counts every node, so those without an edge
    (polblogs has some) are nodes of the network as in the other formats."""
    with open(path, "w") as f:
        f.write(f"% {'asym' if g.is_directed() else 'sym'} "
                f"{'posweighted' if value is not None else 'unweighted'}\n")
        f.write(f"% {g.num_edges()} {g.num_vertices()} {g.num_vertices()}\n")
        for e in g.edges():
            w = f" {value[e]!r}" if value is not None else ""
            f.write(f"{int(e.source()) + 1} {int(e.target()) + 1}{w}\n")


def run(binary, path, flags, work):
    out = os.path.join(work, "nodes.csv")
    p = subprocess.run([binary, "network", path, "--exact", "--out", out] + flags,
                       capture_output=True, text=True)
    return (out if p.returncode == 0 else None), p.stderr.strip()


def main():
    binary = sys.argv[1]
    names = sys.argv[2:] or DEFAULT
    try:
        load("karate")
    except Exception as e:  # noqa: BLE001 - any import or load failure means no graph-tool
        print(f"SKIP: graph-tool's collection is not readable here ({e}); "
              "scripts/setup.sh installs python3-graph-tool")
        sys.exit(77)
    runs = 0
    with tempfile.TemporaryDirectory() as work:
        for name in names:
            g = load(name)
            value = g.ep.get("value")
            n = g.num_vertices()
            files = {
                "graphml": ([f"n{i}" for i in range(n)], ["--weight", "value"]),
                "gml": (gml_names(g), ["--weighted"]),
                "konect": ([str(i + 1) for i in range(n)], ["--weighted"]),
                "dot": ([str(i) for i in range(n)], ["--weight", "value"]),
                "gt": ([str(i) for i in range(n)], ["--weight", "value"]),
            }
            if n > 5000:  # igraph's weighted betweenness and closeness take 20 s a run here
                files = {"graphml": files["graphml"]}
            for fmt, (node_names, weight_flags) in files.items():
                path = os.path.join(work, f"{name}.{fmt}")
                if fmt == "konect":
                    write_konect(g, path, value)
                elif fmt == "gt":  # the collection's file itself, as graph-tool wrote it
                    path = collection_file(name)
                else:
                    g.save(path, fmt=fmt)
                for weighted in ([False, True] if value is not None else [False]):
                    flags = weight_flags if weighted else []
                    tag = f"{name} ({fmt}{', ' + ' '.join(flags) if flags else ''})"
                    out, said = run(binary, path, flags, work)
                    runs += 1
                    before = len(check_export.failures)
                    if out is None:
                        check_export.failures.append(f"{tag}: peerlearn refused it: {said}")
                        continue
                    ties = [(int(e.source()), int(e.target()),
                             float(value[e]) if weighted else 1.0)
                            for e in g.edges() if e.source() != e.target()]
                    print(f"{tag}: ", end="")
                    check_export.compare(out, node_names, ties, weighted, g.is_directed())
                    check_export.communities(said, out, node_names, ties, weighted,
                                             g.is_directed())
                    for i in range(before, len(check_export.failures)):
                        check_export.failures[i] = f"{tag}: {check_export.failures[i]}"
    median, mean, lowest = check_export.modularity_gaps()
    for f in check_export.failures[:40]:
        print("FAIL:", f)
    print(f"{len(names)} networks, {runs} runs: {len(check_export.failures)} failures; modularity "
          f"less igraph's Leiden's: median {median:.2g}, mean {mean:.2g}, lowest {lowest:.2g}")
    sys.exit(1 if check_export.failures else 0)


if __name__ == "__main__":
    main()
