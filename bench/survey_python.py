"""The survey-scoring peer: the same statistics as BM_ScoreWave, vectorised with numpy.

Reads the wave written by `bench_surveys --dump N FILE` (and scores a second copy of it as the
previous wave, as the C++ benchmark scores two waves), then per group of the three-level
hierarchy plus the whole organisation: item n / mean / sd / distribution / favourable share,
scale scores under the half-answered rule, group scale mean / sd, rwg(j); per scale Cronbach's
alpha (listwise, which is cheaper than the pairwise alpha peerlearn computes) and ICC(1)/ICC(2)
over teams; Welch change intervals per group and scale. No anonymity guard (peerlearn runs one).
Prints the median of REPS timed runs (loading the CSV is not timed).
    /usr/bin/python3 bench/survey_python.py FILE [REPS]
"""
import sys
import time

import numpy as np
from scipy import stats

LO, HI, FAV = 1, 5, 4


def load(path):
    groups, rows = [], []
    with open(path) as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split(",")
            groups.append(parts[0])
            rows.append([float(x) if x else np.nan for x in parts[1:]])
    return groups, np.array(rows)


def group_ids(groups):
    """Respondent -> group index for every level: org, D, D/G, D/G/T."""
    names, ids = {"": 0}, [np.zeros(len(groups), dtype=np.int64)]
    for depth in (1, 2, 3):
        col = np.empty(len(groups), dtype=np.int64)
        for r, g in enumerate(groups):
            key = "/".join(g.split("/")[:depth])
            col[r] = names.setdefault(key, len(names))
        ids.append(col)
    return ids, len(names)


def score(groups, x):
    keyed = x.copy()
    keyed[:, [4, 9]] = LO + HI - keyed[:, [4, 9]]
    ids, ng = group_ids(groups)
    answered = ~np.isnan(keyed)
    v = np.nan_to_num(keyed)
    out = {}
    # items: n, mean, sd, distribution, favourable per group
    for col in range(10):
        n = np.zeros(ng); s = np.zeros(ng); ss = np.zeros(ng); dist = np.zeros(ng * 5)
        fav = np.zeros(ng)
        a = answered[:, col]
        for gid in ids:
            g = gid[a]
            n += np.bincount(g, minlength=ng)
            s += np.bincount(g, weights=v[a, col], minlength=ng)
            ss += np.bincount(g, weights=v[a, col] ** 2, minlength=ng)
            dist += np.bincount(g * 5 + (v[a, col].astype(int) - 1), minlength=ng * 5)
            fav += np.bincount(g, weights=(v[a, col] >= FAV), minlength=ng)
        mean = s / np.maximum(n, 1)
        var = (ss - n * mean ** 2) / np.maximum(n - 1, 1)
        out[("item", col)] = (n, mean, np.sqrt(np.maximum(var, 0)), dist.reshape(ng, 5), fav / np.maximum(n, 1), var)
    # scales: half-answered rule, group mean / sd, rwg(j), alpha, ICC
    for sub, cols in (("a", range(0, 5)), ("b", range(5, 10))):
        cols = list(cols)
        k = answered[:, cols].sum(1)
        sc = np.where(k >= 2.5, np.nansum(keyed[:, cols], 1) / np.maximum(k, 1), np.nan)
        ok = ~np.isnan(sc)
        n = np.zeros(ng); s = np.zeros(ng); ss = np.zeros(ng)
        for gid in ids:
            n += np.bincount(gid[ok], minlength=ng)
            s += np.bincount(gid[ok], weights=sc[ok], minlength=ng)
            ss += np.bincount(gid[ok], weights=sc[ok] ** 2, minlength=ng)
        mean = s / np.maximum(n, 1)
        var = (ss - n * mean ** 2) / np.maximum(n - 1, 1)
        mean_item_var = np.mean([out[("item", c)][5] for c in cols], axis=0)
        j, sigma = len(cols), ((HI - LO + 1) ** 2 - 1) / 12
        ratio = mean_item_var / sigma
        rwg = j * (1 - ratio) / (j * (1 - ratio) + ratio)
        complete = answered[:, cols].all(1)
        c = keyed[complete][:, cols]
        item_var = c.var(0, ddof=1).sum()
        alpha = j / (j - 1) * (1 - item_var / c.sum(1).var(ddof=1))
        # ICC from a one-way ANOVA of scale scores by team (the deepest level)
        team = ids[3][ok]
        tn = np.bincount(team, minlength=ng); ts = np.bincount(team, weights=sc[ok], minlength=ng)
        used = tn > 0
        tm = ts[used] / tn[used]
        grand = sc[ok].mean()
        msb = np.sum(tn[used] * (tm - grand) ** 2) / (used.sum() - 1)
        msw = np.sum((sc[ok] - (ts / np.maximum(tn, 1))[team]) ** 2) / (ok.sum() - used.sum())
        n0 = (ok.sum() - np.sum(tn[used] ** 2) / ok.sum()) / (used.sum() - 1)
        icc1 = (msb - msw) / (msb + (n0 - 1) * msw)
        icc2 = (msb - msw) / msb
        out[("scale", sub)] = (n, mean, np.sqrt(np.maximum(var, 0)), rwg, alpha, icc1, icc2)
    return out


def change(now, before):
    res = []
    for sub in ("a", "b"):
        n1, m1, s1 = before[("scale", sub)][:3]
        n2, m2, s2 = now[("scale", sub)][:3]
        v1, v2 = s1 ** 2 / n1, s2 ** 2 / n2
        df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
        half = stats.t.ppf(0.975, df) * np.sqrt(v1 + v2)
        res.append((m2 - m1 - half, m2 - m1 + half))
    return res


def main():
    groups, x = load(sys.argv[1])
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        now = score(groups, x)
        before = score(groups, x[::-1].copy())
        change(now, before)
        times.append(time.perf_counter() - t)
    times.sort()
    print(f"numpy peer: {len(groups)} respondents x 10 items, median {1000 * times[len(times) // 2]:.1f} ms "
          f"of {reps} (alpha {now[('scale', 'a')][4]:.3f})")


if __name__ == "__main__":
    main()
