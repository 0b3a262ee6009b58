"""Benchmark: Knox test (beatbook.analysis.knox) on Davies' 45,319 Chicago burglaries.

Cases (goals from the analysis brief):
  A. 2014 only (12,334 events), one 200 m band x one 7-day band, 99 permutations: <= 1 s.
  B. all 45,319 events, 3 x 3 bands (100 m, 2 days), 999 permutations: <= 60 s on two
     cores, peak memory < 2 GB.

The reference is the plain all-pairs method (every pair's distance and, per permutation, every
pair's time difference, tabulated with numpy) run in this process on a random subsample and
scaled by the ratio of pair counts; its tables are checked against knox_test on that subsample.
Prints medians of --runs runs, and peak RSS (resource.getrusage) before the reference runs.

    .venv/bin/python benchmarks/knox.py [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import platform
import resource
from pathlib import Path

import numpy as np

from beatbook.analysis.knox import knox_test
from timing import median_time

REFERENCE = Path(__file__).resolve().parents[1] / "tests" / "reference"
DATA = REFERENCE / "nearrepeat_davies" / "chicago_burglary_2014_2017.csv"
CASES = {
    "A: 2014, 200 m x 7 d, 99 perms": {
        "year": 2014,
        "space": [0, 200],
        "time": [0, 7],
        "perms": 99,
        "goal": 1.0,
        "sub": 3_000,
    },
    "B: all, 3x3 (100 m, 2 d), 999 perms": {
        "year": None,
        "space": [0, 100, 200, 300],
        "time": [0, 2, 4, 6],
        "perms": 999,
        "goal": 60.0,
        "sub": 1_000,
    },
}


def load() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    with DATA.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    dates = [dt.datetime.strptime(r["date_single"], "%d/%m/%Y").date() for r in rows]
    x = np.array([float(r["x"]) for r in rows])
    y = np.array([float(r["y"]) for r in rows])
    t = np.array([(d - dt.date(1970, 1, 1)).days for d in dates], dtype=float)
    return x, y, t, np.array([d.year for d in dates])


def all_pairs_knox(x, y, t, s_edges, t_edges, perms, seed):
    """The plain method: all n(n-1)/2 pairs, every permutation re-tabulated over all of them."""
    i, j = np.triu_indices(x.size, 1)
    s_band = np.searchsorted(s_edges, np.hypot(x[i] - x[j], y[i] - y[j]), side="right") - 1
    n_s, n_t = len(s_edges) - 1, len(t_edges) - 1
    s_band = np.where(s_band < n_s, s_band, -1)

    def table(times):
        t_band = np.searchsorted(t_edges, np.abs(times[i] - times[j]), side="right") - 1
        ok = (s_band >= 0) & (t_band >= 0) & (t_band < n_t)
        return np.bincount(s_band[ok] * n_t + t_band[ok], minlength=n_s * n_t).reshape(n_s, n_t)

    rng = np.random.default_rng(seed)
    observed = table(t)
    sims = [table(rng.permutation(t)) for _ in range(perms)]
    return observed, sims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    x, y, t, year = load()
    print(f"python {platform.python_version()} on {platform.machine()}, numpy {np.__version__}; {x.size:,} events")
    subsets = {}
    for name, c in CASES.items():
        keep = np.ones(x.size, bool) if c["year"] is None else year == c["year"]
        subsets[name] = (x[keep], y[keep], t[keep])

        def run(c=c, s=subsets[name]):
            return knox_test(*s, c["space"], c["time"], n_permutations=c["perms"], seed=1)

        c["seconds"], result = median_time(run, args.runs)
        c["close_pairs"] = int(result.observed.sum())
        print(
            f"{name}: n={keep.sum():,} knox_test {c['seconds']:.3f} s (goal <= {c['goal']:.0f} s), "
            f"observed {result.observed.tolist()}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS after the knox_test runs: {peak_mb:,.0f} MB (goal < 2,048 MB)")
    rng = np.random.default_rng(0)
    for name, c in CASES.items():
        sx, sy, st = subsets[name]
        m = c["sub"]
        pick = rng.choice(sx.size, m, replace=False)
        sub = (sx[pick], sy[pick], st[pick])
        ref_runs = 1 if c["perms"] > 100 else args.runs
        edges = np.array(c["space"], float), np.array(c["time"], float)
        ref_seconds, (ref_obs, ref_sims) = median_time(
            functools.partial(all_pairs_knox, *sub, *edges, c["perms"], 7), ref_runs
        )
        check = knox_test(*sub, c["space"], c["time"], n_permutations=c["perms"], seed=7)
        same = np.array_equal(check.observed, ref_obs) and np.allclose(check.expected, np.mean(ref_sims, axis=0))
        scale = sx.size * (sx.size - 1) / (m * (m - 1))
        scaled = ref_seconds * scale
        print(
            f"{name}: all-pairs reference on {m:,} events {ref_seconds:.2f} s x {scale:.0f} (pairs) "
            f"= {scaled:,.0f} s; ratio {scaled / c['seconds']:,.0f}x; same tables as knox_test: {same}"
        )


if __name__ == "__main__":
    main()
