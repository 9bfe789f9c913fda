#!/usr/bin/python3
"""Reads peerlearn's exports with independent readers and checks what they say.

  check_export.py formats DIR          GraphML and GEXF load in NetworkX; their nodes, ties and
                                       metrics agree with people.csv / edges.csv / network.json;
                                       NetworkX's own PageRank on the loaded graph matches ours.
  check_export.py reference DIR REF    people.csv (employee ids = node ids) against a peer
                                       reference node_metrics.csv, to 1e-6 relative; DIR may
                                       also be the CSV that `peerlearn network` writes.
  check_export.py edgelist NODES EDGES [weighted] [undirected]
                                       `peerlearn network`'s CSV against python-igraph (and
                                       NetworkX's effective size, up to 3,000 nodes) on the
                                       same edge list read here (whitespace-separated, '#'
                                       comments, self-loops out, repeated ties summed).
  check_export.py graphfile NODES FILE [weighted]
                                       `peerlearn network`'s CSV on a GraphML, GML or Pajek file
                                       against python-igraph on the graph NetworkX reads from it
                                       (node names: GraphML ids, GML labels, Pajek labels; an
                                       undirected file's edges both ways; self-loops out).
  check_export.py single_points DIR SKILLS LEVEL STEPS
                                       single_points.csv against a search written here: from
                                       people.csv's teams, edges.csv's ties (either way) and
                                       SKILLS (employee_id,skill,level rows), each person's
                                       skills at LEVEL or above that no teammate and nobody
                                       within STEPS steps holds at LEVEL, with how many others
                                       hold them; cuts_network against NetworkX's articulation
                                       points.
  check_export.py brokers DIR          the brokers in DIR/json/network.json against a count
                                       written here from DIR/csv's people.csv (communities) and
                                       edges.csv (ties either way): each person's pairs of
                                       contacts in different communities with no tie between
                                       them, above Q3 + 3 IQR of everyone's, tied into two
                                       communities besides their own; most brokerage first;
                                       DIR/csv/brokers.csv the same, with their links.
  check_export.py stream DIR EDGES FROM TO weighted|unweighted
                                       people.csv against python-igraph on a graph built here
                                       from a raw e-mail log (from, to, Time): self-loops left
                                       out, a repeated (from, to, Time) counted once, Time in
                                       [FROM, TO), tie strength = messages; to 1e-6 relative.
Exit 0 when every check holds; otherwise each failure is printed and the exit code is 1.
"""
import csv
import json
import math
import sys

failures = []
gaps = []  # per run, our partition's modularity less igraph's Leiden's on the same graph


def check(ok, what):
    if not ok:
        failures.append(what)


def close(a, b, tol=1e-6):
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)) or (
            isinstance(b, float) and math.isnan(b)):
        return (a is None or math.isnan(a)) and (b is None or math.isnan(b))
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def num(s):
    return float(s) if s not in ("", None) else None


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def formats(d):
    import networkx as nx
    people = {r["employee_id"]: r for r in read_csv(f"{d}/csv/people.csv")}
    edges = read_csv(f"{d}/csv/edges.csv")
    with open(f"{d}/json/network.json", encoding="utf-8") as f:
        doc = json.load(f)
    check(len(doc["people"]) == len(people), "json and csv hold different people")
    check(len(doc["edges"]) == len(edges), "json and csv hold different ties")
    by_emp = {p["employee_id"]: p for p in doc["people"]}
    for emp, row in people.items():
        for m in ("pagerank", "betweenness", "constraint", "effective_size", "harmonic"):
            check(close(num(row[m]), by_emp[emp][m]), f"{emp} {m}: csv {row[m]} json {by_emp[emp][m]}")

    for kind, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        g = reader(f"{d}/{kind}/network.{kind}")
        check(g.is_directed(), f"{kind}: not directed")
        check(g.number_of_nodes() == len(people), f"{kind}: {g.number_of_nodes()} nodes, want {len(people)}")
        check(g.number_of_edges() == len(edges), f"{kind}: {g.number_of_edges()} edges, want {len(edges)}")
        emp_of = {n: a["employee_id"] for n, a in g.nodes(data=True)}
        check(set(emp_of.values()) == set(people), f"{kind}: employee ids differ from people.csv")
        for n, a in g.nodes(data=True):
            row = people[a["employee_id"]]
            for m in ("pagerank", "betweenness", "in_degree"):
                check(close(float(a[m]), num(row[m])), f"{kind} {a['employee_id']} {m}: {a[m]} vs {row[m]}")
            check(a.get("team", "") == row["team"], f"{kind} {a['employee_id']}: team {a.get('team')}")
        # Each node's finding flags (booleans) are its place in the snapshot's findings.
        lists = {"hidden_champion": [c["employee_id"] for c in doc["findings"]["champions"]],
                 "visible_helper": [c["employee_id"] for c in doc["findings"]["visible_helpers"]],
                 "broker": [b["employee_id"] for b in doc["findings"]["brokers"]],
                 "single_point": [p["employee_id"] for p in doc["findings"]["single_points"]],
                 "isolated_newcomer": [n["employee_id"] for n in doc["findings"]["newcomers"]
                                       if n["isolated"]]}
        for flag, listed in lists.items():
            in_csv = sorted(e for e, r in people.items() if r[flag] == "true")
            check(all(r[flag] in ("true", "false") for r in people.values()), f"people.csv: {flag} not true/false")
            check(in_csv == sorted(listed), f"people.csv: {flag} on {in_csv}, the findings list {sorted(listed)}")
            flagged = sorted(a["employee_id"] for _, a in g.nodes(data=True) if a[flag] is True)
            check(all(type(a[flag]) is bool for _, a in g.nodes(data=True)), f"{kind}: {flag} not boolean")
            check(flagged == sorted(listed), f"{kind}: {flag} on {flagged}, the findings list {sorted(listed)}")
        want = {(e["source_employee_id"], e["target_employee_id"]): float(e["weight"]) for e in edges}
        for u, v, a in g.edges(data=True):
            key = (emp_of[u], emp_of[v])
            check(key in want and close(float(a["weight"]), want[key]), f"{kind}: tie {key}")
        # An independent PageRank on the graph as the file describes it.
        pr = nx.pagerank(g, alpha=0.85, weight=None, tol=1e-12, max_iter=1000)
        for n, v in pr.items():
            check(close(v, float(g.nodes[n]["pagerank"]), 1e-6), f"{kind}: NetworkX PageRank of {emp_of[n]} {v}")
    finding_files(d, people, edges, doc)


def finding_files(d, people, edges, doc):
    """communities.csv, champions.csv, visible_helpers.csv and newcomers.csv against people.csv,
    edges.csv and the JSON export's findings."""
    from collections import Counter
    from datetime import date, timedelta
    # communities.csv: each community's size and teams, counted here from people.csv.
    rows = read_csv(f"{d}/csv/communities.csv")
    size = Counter(r["community"] for r in people.values())
    teams = {c: Counter(r["team"] for r in people.values() if r["community"] == c and r["team"])
             for c in size}
    said = {}
    for r in rows:
        said.setdefault(r["community"], []).append(r)
    check(set(said) == set(size), f"communities.csv: communities {sorted(said)}, people.csv's {sorted(size)}")
    order = list(dict.fromkeys(r["community"] for r in rows))
    check(order == sorted(order, key=int), "communities.csv: not by community number")
    for c, rs in said.items():
        check(all(int(r["size"]) == size.get(c) for r in rs), f"communities.csv: community {c} of {rs[0]['size']}, people.csv has {size.get(c)}")
        listed = {r["team"]: int(r["members"]) for r in rs if r["team"]}
        check(listed == dict(teams.get(c, {})), f"communities.csv: community {c}'s teams {listed}, people.csv's {dict(teams.get(c, {}))}")
        check([int(r["members"]) for r in rs] == sorted((int(r["members"]) for r in rs), reverse=True),
              f"communities.csv: community {c}'s teams not largest first")
    check(len(said) > 1, "communities.csv: fewer than two communities, nothing much was checked")
    # champions.csv and visible_helpers.csv: the JSON's lists, in order, with their scores.
    for file, key in (("champions.csv", "champions"), ("visible_helpers.csv", "visible_helpers")):
        rows = read_csv(f"{d}/csv/{file}")
        listed = doc["findings"][key]
        check([r["employee_id"] for r in rows] == [c["employee_id"] for c in listed], f"{file}: not the JSON's {key} in order")
        for r, c in zip(rows, listed):
            check(close(num(r["score"]), c["score"]) and int(float(r["askers"])) == c["signals"]["askers"] and
                  r["reasons"] == "; ".join(c["reasons"]), f"{file}: {r['employee_id']}: {r} against {c}")
    check(len(read_csv(f"{d}/csv/visible_helpers.csv")) > 0, "visible_helpers.csv: nobody, nothing was checked")
    # newcomers.csv: the JSON's newcomers in order; contacts counted here from edges.csv;
    # not yet connected only with no contact beyond their manager, past the settling-in days.
    contacts = {e: set() for e in people}
    for e in edges:
        a, b = e["source_employee_id"], e["target_employee_id"]
        if a != b:
            contacts[a].add(b)
            contacts[b].add(a)
    rows = read_csv(f"{d}/csv/newcomers.csv")
    listed = doc["findings"]["newcomers"]
    check([r["employee_id"] for r in rows] == [n["employee_id"] for n in listed], "newcomers.csv: not the JSON's newcomers in order")
    today = date.fromisoformat(doc["params"]["today"])
    grace = doc["params"]["newcomer_grace_days"]
    for r in rows:
        v = r["employee_id"]
        days = int(r["days_since_hire"])
        check(date.fromisoformat(r["hire_date"]) + timedelta(days=days) == today,
              f"newcomers.csv: {v}: hired {r['hire_date']}, {days} days before {today}?")
        check(int(r["contacts"]) == len(contacts[v]), f"newcomers.csv: {v}: {r['contacts']} contacts, edges.csv has {len(contacts[v])}")
        alone = contacts[v] <= {r["manager_employee_id"]}
        check(r["isolated"] == ("true" if alone and days >= grace else "false") and
              r["settling_in"] == ("true" if alone and days < grace else "false"),
              f"newcomers.csv: {v}: isolated {r['isolated']}, settling in {r['settling_in']}, contacts {sorted(contacts[v])}")
        steps = [int(r[k]) for k in ("days_to_first", "days_to_third", "days_to_fifth") if r[k] != ""]
        check(steps == sorted(steps) and all(0 <= x <= days for x in steps), f"newcomers.csv: {v}: days to contacts {steps}")
    check(sorted(r["employee_id"] for r in rows if r["isolated"] == "true") ==
          sorted(e for e, r in people.items() if r["isolated_newcomer"] == "true"),
          "newcomers.csv: the isolated are not people.csv's isolated_newcomer")
    check(any(r["isolated"] == "true" for r in rows) and any(r["isolated"] == "false" for r in rows),
          "newcomers.csv: not both kinds of newcomer, little was checked")


def reference(d, ref):
    # An export's people.csv (keyed by employee id), or `peerlearn network`'s CSV (by node).
    path = d if d.endswith(".csv") else f"{d}/people.csv"
    people = {r.get("employee_id", r.get("node")): r for r in read_csv(path)}
    rows = read_csv(ref)
    check(len(people) == len(rows), f"{len(people)} people, the reference has {len(rows)} nodes")
    pairs = [("in_degree", "in_degree"), ("out_degree", "out_degree"),
             ("pagerank", "pagerank_igraph"), ("betweenness", "betweenness_igraph"),
             ("constraint", "constraint_igraph"), ("closeness", "closeness_undirected_igraph")]
    worst = {ours: 0.0 for ours, _ in pairs}
    for r in rows:
        p = people.get(r["node"])
        if p is None:
            check(False, f"node {r['node']} missing")
            continue
        for ours, theirs in pairs:
            a, b = num(p[ours]), num(r[theirs])
            check(close(a, b), f"node {r['node']} {ours}: {a} vs {theirs} {b}")
            if a is not None and b is not None:
                worst[ours] = max(worst[ours], abs(a - b))
    print("largest absolute differences:", ", ".join(f"{k} {v:.3g}" for k, v in worst.items()))


def stream(d, edges_csv, lo, hi, weighted):
    import igraph as ig
    people = {r["employee_id"]: r for r in read_csv(f"{d}/people.csv")}
    seen, strength = set(), {}
    for r in read_csv(edges_csv):
        key = (r["from"], r["to"], r["Time"])
        if r["from"] == r["to"] or key in seen:
            continue
        seen.add(key)
        if lo <= r["Time"] < hi:
            strength[key[:2]] = strength.get(key[:2], 0) + 1
    ids = sorted(people)
    at = {p: i for i, p in enumerate(ids)}
    ties = sorted(strength)
    g = ig.Graph(n=len(ids), edges=[(at[a], at[b]) for a, b in ties], directed=True)
    w = [float(strength[t]) for t in ties]
    length = [1.0 / x for x in w] if weighted else None
    simple = g.as_undirected().simplify()
    partners = [set(g.neighbors(v, mode="all")) for v in range(len(ids))]
    mutual = [set(g.neighbors(v, mode="out")) & set(g.neighbors(v, mode="in")) for v in range(len(ids))]
    expected = {
        "in_degree": g.degree(mode="in"),
        "out_degree": g.degree(mode="out"),
        "in_strength": g.strength(mode="in", weights=w),
        "out_strength": g.strength(mode="out", weights=w),
        "pagerank": g.pagerank(damping=0.85, weights=w if weighted else None),
        "betweenness": g.betweenness(directed=True, weights=length),
        "closeness": g.closeness(mode="all", weights=length, normalized=True),
        "harmonic": g.harmonic_centrality(mode="all", weights=length, normalized=True),
        "constraint": g.constraint(weights=w if weighted else None),
        "coreness": g.coreness(),
        "clustering": simple.transitivity_local_undirected(mode="zero"),
        "reciprocity": [len(m) / len(p) if p else 0.0 for m, p in zip(mutual, partners)],
    }
    check(len(ties) > 0, "no ties in the window")
    worst = {}
    for m, values in expected.items():
        worst[m] = 0.0
        for p, b in zip(ids, values):
            a = num(people[p][m])
            check(close(a, b), f"{p} {m}: ours {a}, igraph {b}")
            if a is not None and b is not None and not math.isnan(b):
                worst[m] = max(worst[m], abs(a - b) / max(1.0, abs(b)))
    print(f"{len(ids)} people, {len(ties)} ties, {sum(w):.0f} messages in [{lo}, {hi});",
          "largest relative differences:", ", ".join(f"{k} {v:.2g}" for k, v in worst.items()))


def edgelist(nodes_csv, edges, weighted, undirected):
    import gzip
    raw = open(edges, "rb").read()
    text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode()
    names, at, ties = [], {}, []
    for line in text.split("\n"):
        f = line.split()
        if not f or f[0].startswith(("#", "%")):
            continue
        for x in f[:2]:
            if x not in at:
                at[x] = len(names)
                names.append(x)
        if f[0] != f[1]:
            ties.append((at[f[0]], at[f[1]], float(f[2]) if weighted else 1.0))
    compare(nodes_csv, names, ties, weighted, not undirected)


def reciprocity(g):
    """Per node, the share of its partners with whom ties run both ways (0 without partners)."""
    out = []
    for v in range(g.vcount()):
        succ, pred = set(g.successors(v)), set(g.predecessors(v))
        partners = succ | pred
        out.append(len(succ & pred) / len(partners) if partners else 0.0)
    return out


def compare(nodes_csv, names, ties, weighted, directed, lengths=False):
    """Our CSV against python-igraph on `ties` (index pairs into `names`, with weights); with
    `lengths` (peerlearn's --lengths), the weights are lengths in the path metrics, a repeated
    tie keeping its shortest."""
    import igraph as ig
    g = ig.Graph(n=len(names), edges=[t[:2] for t in ties], directed=directed)
    g.es["weight"] = [t[2] for t in ties]
    paths = g.copy().simplify(combine_edges="min") if lengths else None
    g = g.simplify(combine_edges="sum")  # repeated ties add up, as peerlearn's strengths do
    w = g.es["weight"] if weighted else None
    length = [1.0 / x for x in w] if weighted else None
    if lengths:
        length = paths.es["weight"]
    else:
        paths = g
    simple = g.as_undirected().simplify()
    expected = {
        "pagerank": g.pagerank(damping=0.85, weights=w),
        "betweenness": paths.betweenness(weights=length),
        "closeness": paths.closeness(mode="all", weights=length, normalized=True),
        "harmonic": paths.harmonic_centrality(mode="all", weights=length, normalized=True),
        "constraint": g.constraint(weights=w),
        "in_strength": g.strength(mode="in", weights=g.es["weight"]),
        "coreness": g.coreness(),
        "clustering": simple.transitivity_local_undirected(mode="zero"),
        "in_degree": g.degree(mode="in"),
        "out_degree": g.degree(mode="out"),
        "out_strength": g.strength(mode="out", weights=g.es["weight"]),
        "reciprocity": reciprocity(g),
    }
    ours = {r["node"]: r for r in read_csv(nodes_csv)}
    if g.vcount() <= 3000:
        # Effective size against NetworkX's, for the nodes it computes quickly (a sum over the
        # partners of their partners, each scaled over the node's); NetworkX leaves it
        # undefined (nan) for a node without out-ties (it looks at the successors), peerlearn
        # defines it for anyone with ties either way: those, and the nodes not computed, are
        # given our own value.
        import networkx as nx
        x = nx.DiGraph() if directed else nx.Graph()
        x.add_nodes_from(range(g.vcount()))
        # Unweighted as weights of 1: the general formula, which for a simple undirected graph
        # is Borgatti's, the one NetworkX uses without weights (copying the graph per node).
        x.add_weighted_edges_from((e.source, e.target, e["weight"] if weighted else 1.0)
                                  for e in g.es)
        partners = {v: set(nx.all_neighbors(x, v)) - {v} for v in x}
        small = [v for v in x  # NetworkX's work for v: its partners' partners, each with v's
                 if sum(len(partners[u]) * (len(partners[u]) + len(partners[v]))
                        for u in partners[v]) <= 1500]
        size = nx.effective_size(x, nodes=small, weight="weight")
        expected["effective_size"] = [
            size[v] if v in size and not (math.isnan(size[v]) and x.degree(v) > 0)
            else num(ours[name]["effective_size"]) if name in ours else None
            for v, name in enumerate(names)]
    check(len(ours) == len(names), f"{len(ours)} nodes, the file names {len(names)}")
    worst = {}
    for m, values in expected.items():
        worst[m] = 0.0
        for name, b in zip(names, values):
            a = num(ours[name][m]) if name in ours else None
            check(close(a, b), f"{name} {m}: ours {a}, "
                               f"{'NetworkX' if m == 'effective_size' else 'igraph'} {b}")
            if a is not None and not math.isnan(b):
                worst[m] = max(worst[m], abs(a - b) / max(1.0, abs(b)))
    print(f"{len(names)} nodes, {g.ecount()} ties;", "largest relative differences:",
          ", ".join(f"{k} {v:.2g}" for k, v in worst.items()))


def communities(said, nodes_csv, names, ties, weighted, directed):
    """The modularity printed is igraph's modularity of the communities in the CSV (on the ties
    either way, a pair's strengths summed; each distinct tie 1 unweighted), and is set beside
    igraph's own Leiden's on the same graph (in `gaps`; see modularity_gaps)."""
    import igraph as ig
    import random
    import re
    m = re.search(r"modularity (-?[0-9.]+(?:e-?[0-9]+)?)", said)
    if m is None:
        failures.append(f"no modularity in {said!r}")
        return
    at = {r["node"]: int(r["community"]) for r in read_csv(nodes_csv)}
    g = ig.Graph(n=len(names), edges=[t[:2] for t in ties], directed=directed)
    g.es["weight"] = [t[2] for t in ties]
    g = g.simplify(combine_edges="sum")
    if not weighted:
        g.es["weight"] = [1.0] * g.ecount()
    if directed:
        g = g.as_undirected(combine_edges="sum")
    if g.ecount() == 0:  # no tie: modularity is undefined (igraph's NaN), printed as 0
        if float(m.group(1)) != 0:
            failures.append(f"no tie, but modularity {m.group(1)}")
        return
    ours = g.modularity([at[n] for n in names], weights="weight")
    if abs(ours - float(m.group(1))) > 6e-4:
        failures.append(f"modularity printed {m.group(1)}, igraph's of our "
                                     f"communities {ours}")
    random.seed(len(gaps))
    # igraph's default, two iterations, as ours (its -1 stops after the first in 0.10).
    theirs = g.community_leiden(objective_function="modularity", weights="weight").modularity
    gaps.append(ours - theirs)


def modularity_gaps():
    """Median, mean and lowest of `gaps`; a failure where the median or mean is below -0.005."""
    gaps.sort()
    median, mean = gaps[len(gaps) // 2], sum(gaps) / len(gaps)
    if median < -0.005 or mean < -0.005:
        failures.append(f"modularity below igraph's Leiden's by {-median} (median), "
                        f"{-mean} (mean)")
    return median, mean, gaps[0]


def graphfile(nodes_csv, path, weighted):
    import networkx as nx
    head = open(path, "rb").read(4096).lstrip()
    if head.startswith(b"<") and b"<gexf" in head:
        g = nx.read_gexf(path)
    elif head.startswith(b"<"):
        g = nx.read_graphml(path)
    elif head.startswith(b"{"):
        data = json.load(open(path, encoding="utf-8"))
        g = nx.node_link_graph(data, directed=data.get("directed", False), multigraph=False)
    elif head.lower().startswith((b"*vertices", b"*network")):
        g = nx.read_pajek(path)
    else:
        try:
            g = nx.read_gml(path)  # labels as names
        except nx.NetworkXError:
            g = nx.read_gml(path, label="id")
    names = [str(v) for v in g.nodes]
    at = {v: i for i, v in enumerate(g.nodes)}
    ties = []
    for a, b, data in g.edges(data=True):
        if a == b:
            continue
        x = float(data.get("weight", data.get("value", 1.0))) if weighted else 1.0
        ties.append((at[a], at[b], x))
    compare(nodes_csv, names, ties, weighted, g.is_directed())


def single_points(d, skills_csv, level, steps):
    import networkx as nx
    people = read_csv(f"{d}/people.csv")
    team = {p["employee_id"]: p["team"] for p in people}
    g = nx.Graph()
    g.add_nodes_from(team)
    for e in read_csv(f"{d}/edges.csv"):
        g.add_edge(e["source_employee_id"], e["target_employee_id"])
    held = {}
    with open(skills_csv, newline="") as f:
        for eid, skill, lvl in csv.reader(f):
            if eid in team and int(lvl) >= level:
                held.setdefault(eid, {})[skill] = int(lvl)
    holders = {}
    for eid, skills in held.items():
        for skill in skills:
            holders[skill] = holders.get(skill, 0) + 1
    want = {}
    for v, skills in held.items():
        near = set(nx.single_source_shortest_path_length(g, v, cutoff=steps))
        if team[v]:
            near |= {u for u in team if team[u] == team[v]}
        near.discard(v)
        alone = {s: (lv, holders[s] - 1) for s, lv in skills.items()
                 if not any(s in held.get(u, {}) for u in near)}
        if alone:
            want[v] = alone
    got, cuts = {}, set()
    for row in read_csv(f"{d}/single_points.csv"):
        if row["cuts_network"] == "true":
            cuts.add(row["employee_id"])
        if row["sole_skills"]:
            got[row["employee_id"]] = {
                k.split(":")[0]: (int(k.split(":")[1]), int(k.split(":")[2]))
                for k in row["sole_skills"].split(";")}
    check(len(want) > 0, "the roster has no skill nobody nearby holds: nothing was checked")
    for v in sorted(set(want) | set(got)):
        check(want.get(v) == got.get(v), f"{v}: skills nobody nearby holds {got.get(v)}, expected {want.get(v)}")
    check(cuts == set(nx.articulation_points(g)),
          f"cuts_network: {sorted(cuts ^ set(nx.articulation_points(g)))[:10]} differ from NetworkX's")
    print(f"single points: {len(want)} people with skills nobody nearby holds, {len(cuts)} cut points")


def brokers(d):
    from itertools import combinations
    people = read_csv(f"{d}/csv/people.csv")
    community = {p["employee_id"]: p["community"] for p in people}
    contacts = {v: set() for v in community}
    for e in read_csv(f"{d}/csv/edges.csv"):
        a, b = e["source_employee_id"], e["target_employee_id"]
        if a != b:
            contacts[a].add(b)
            contacts[b].add(a)
    brokerage = {v: sum(1 for a, b in combinations(sorted(c), 2)
                        if community[a] != community[b] and b not in contacts[a])
                 for v, c in contacts.items()}
    values = sorted(brokerage.values())
    q = lambda p: values[int(p * (len(values) - 1))]
    fence = q(0.75) + 3 * (q(0.75) - q(0.25))
    # Each person's bridge: for the other community B with the highest surprise (then most
    # contacts, then the highest score, then the lowest id), score = min(own, contacts in B) ×
    # contacts in B / pairs of contacts between the two; expected = those pairs / the size of
    # their own community; surprise = x ln(x / expected) - (x - expected) for x contacts in B
    # above expected, else 0.
    size = {}
    for c in community.values():
        size[c] = size.get(c, 0) + 1
    ties = {}
    for a, c in contacts.items():
        for b in c:
            if a < b and community[a] != community[b]:
                k = tuple(sorted((int(community[a]), int(community[b]))))
                ties[k] = ties.get(k, 0) + 1
    bridge = {}
    for v, c in contacts.items():
        own = sum(1 for u in c if community[u] == community[v])
        best = (0.0, 0, 0.0, None, 0, 0.0)  # surprise, contacts, score, community, ties, expected
        for b in sorted({int(community[u]) for u in c} - {int(community[v])}):
            k = sum(1 for u in c if int(community[u]) == b)
            t = ties[tuple(sorted((b, int(community[v]))))]
            score = min(own, k) * k / t
            expected = t / size[community[v]]
            surprise = k * math.log(k / expected) - (k - expected) if k > expected else 0.0
            if (surprise, k, score) > best[:3]:
                best = (surprise, k, score, b, t, expected)
        bridge[v] = {"community": best[3], "contacts": best[1], "own_contacts": own,
                     "ties_between": best[4], "score": best[2], "expected": best[5],
                     "surprise": best[0]}
    want = [v for v in community if (brokerage[v] > fence or bridge[v]["score"] > 2.5 or
                                     bridge[v]["surprise"] > 25) and
            len({community[u] for u in contacts[v]} - {community[v]}) >= 2]
    want.sort(key=lambda v: -brokerage[v])
    snap = json.load(open(f"{d}/json/network.json"))
    eid = {p["id"]: p["employee_id"] for p in snap["people"]}
    got = [(eid[b["person"]], b["brokerage"]) for b in snap["findings"]["brokers"]]
    check(len(want) > 0, "nobody stands out as a broker: nothing was checked")
    check(sorted(v for v, _ in got) == sorted(want),
          f"brokers {sorted(v for v, _ in got)}, expected {sorted(want)}")
    for v, n in got:
        check(n == brokerage[v], f"{v}: brokerage {n}, expected {brokerage[v]}")
    for b in snap["findings"]["brokers"]:
        v, x = eid[b["person"]], bridge[eid[b["person"]]]
        got_bridge = b["bridge"]
        check(got_bridge is not None and
              {k: got_bridge[k] for k in ("community", "contacts", "own_contacts", "ties_between")} ==
              {k: x[k] for k in ("community", "contacts", "own_contacts", "ties_between")} and
              all(abs(got_bridge[k] - x[k]) <= 1e-12 * max(1.0, x[k])
                  for k in ("score", "expected", "surprise")),
              f"{v}: bridge {got_bridge}, expected {x}")
    check([brokerage[v] for v, _ in got] == sorted((brokerage[v] for v, _ in got), reverse=True),
          "brokers are not listed most brokerage first")
    # brokers.csv says the same as the JSON export, row for row.
    rows = read_csv(f"{d}/csv/brokers.csv")
    check([r["employee_id"] for r in rows] == [v for v, _ in got], "brokers.csv: not the JSON's brokers in order")
    for r, b in zip(rows, snap["findings"]["brokers"]):
        v = r["employee_id"]
        links = ";".join(f'{l["community"]}:{l["contacts"]}' for l in b["links"])
        check((int(r["brokerage"]), r["community"], int(r["communities_reached"]), r["links"]) ==
              (brokerage[v], community[v], len(b["links"]), links),
              f"brokers.csv: {v}: {r} against the JSON's {b}")
        x = bridge[v]
        check((int(r["bridge_community"]), int(r["bridge_contacts"]), int(r["bridge_own_contacts"]),
               int(r["bridge_ties_between"])) ==
              (x["community"], x["contacts"], x["own_contacts"], x["ties_between"]) and
              all(abs(float(r["bridge_" + k]) - x[k]) <= 1e-9 * max(1.0, x[k])
                  for k in ("score", "expected", "surprise")),
              f"brokers.csv: {v}: bridge {r}, expected {x}")
        check(sum(int(x.split(":")[1]) for x in r["links"].split(";")) ==
              sum(1 for u in contacts[v] if community[u] != community[v]),
              f"brokers.csv: {v}: contacts in other communities do not add up")
    by_bridge = sum(1 for v in want if brokerage[v] <= fence and bridge[v]["score"] > 2.5)
    by_surprise = sum(1 for v in want if brokerage[v] <= fence and bridge[v]["score"] <= 2.5)
    print(f"brokers: {len(want)}, {len(want) - by_bridge - by_surprise} above {fence:g} open pairs "
          f"across communities, {by_bridge} by a bridge above 2.5 alone, {by_surprise} by a "
          f"surprise above 25 alone")


if __name__ == "__main__":
    if sys.argv[1] == "formats":
        formats(sys.argv[2])
    elif sys.argv[1] == "edgelist":
        edgelist(sys.argv[2], sys.argv[3], "weighted" in sys.argv[4:], "undirected" in sys.argv[4:])
    elif sys.argv[1] == "graphfile":
        graphfile(sys.argv[2], sys.argv[3], "weighted" in sys.argv[4:])
    elif sys.argv[1] == "single_points":
        single_points(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif sys.argv[1] == "brokers":
        brokers(sys.argv[2])
    elif sys.argv[1] == "stream":
        stream(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6] == "weighted")
    else:
        reference(sys.argv[2], sys.argv[3])
    for f in failures[:30]:
        print("FAIL:", f)
    print(f"{len(failures)} failures")
    sys.exit(1 if failures else 0)
