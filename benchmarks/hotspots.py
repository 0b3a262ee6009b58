"""Benchmark: Gi* hotspots on a 1,000,000-cell grid and quartic KDE of 100,000 points.

Goals (analysis brief): Gi* (queen neighbours, star) on 1000 x 1000 cells <= 2 s; KDE of
100,000 points at the centres of a 500 x 500 grid (20 m cells over 10 km, bandwidth 200 m,
about 29 million point-cell pairs) <= 5 s.

References, run in this process and checked against the fast results on the cells they cover:
Gi* as a plain Python loop over each cell's neighbours (a sample of cells, scaled); KDE as a
dense numpy sum over all points for a sample of cells, scaled. Synthetic seeded data: crime-
like clusters (50 Gaussian clusters, sd 600 m) plus 20% uniform background.

    .venv/bin/python benchmarks/hotspots.py [--runs 5]
"""

from __future__ import annotations

import argparse
import math
import platform

import numpy as np

from beatbook.analysis.getis_ord import hotspots
from beatbook.analysis.grid import Grid
from beatbook.analysis.kde import kde
from timing import median_time

GI_SIDE, GI_SAMPLE = 1000, 20_000
KDE_POINTS, KDE_SIDE, KDE_CELL, KDE_BANDWIDTH, KDE_SAMPLE = 100_000, 500, 20.0, 200.0, 1_000


def clustered_points(n: int, extent: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    centres = rng.uniform(0, extent, (50, 2))
    n_bg = n // 5
    pts = centres[rng.integers(0, 50, n - n_bg)] + rng.normal(0, 600, (n - n_bg, 2))
    pts = np.vstack([pts, rng.uniform(0, extent, (n_bg, 2))])
    return pts[:, 0], pts[:, 1]


def loop_gi_star(counts: np.ndarray, cells: np.ndarray) -> np.ndarray:
    """Textbook Gi* (Ord & Getis 1995, binary queen weights with self) one cell at a time."""
    rows, cols = counts.shape
    n, mean, sd = counts.size, counts.mean(), counts.std()
    z = []
    for cell in cells:
        r, c = divmod(int(cell), cols)
        total, k = 0.0, 0
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                if 0 <= r + dr < rows and 0 <= c + dc < cols:
                    total += counts[r + dr, c + dc]
                    k += 1
        z.append((total - mean * k) / (sd * math.sqrt((n * k - k * k) / (n - 1))))
    return np.array(z)


def bench_gi(runs: int, rng: np.random.Generator) -> None:
    x, y = clustered_points(3_000_000, GI_SIDE, rng)  # one "event" per ~0.3 cells of 1 unit
    counts = np.histogram2d(y, x, bins=GI_SIDE, range=[[0, GI_SIDE], [0, GI_SIDE]])[0]
    seconds, result = median_time(lambda: hotspots(counts), runs)
    sample = rng.choice(counts.size, GI_SAMPLE, replace=False)
    ref_seconds, ref_z = median_time(lambda: loop_gi_star(counts, sample), 1)
    same = np.allclose(result.z.ravel()[sample], ref_z, rtol=1e-9)
    scaled = ref_seconds * counts.size / GI_SAMPLE
    print(
        f"Gi* {GI_SIDE}x{GI_SIDE} = {counts.size:,} cells: hotspots() {seconds:.3f} s (goal <= 2 s); "
        f"{(result.classification == 1).sum():,} hot, {(result.classification == -1).sum():,} cold"
    )
    print(
        f"  reference: Python loop over {GI_SAMPLE:,} cells {ref_seconds:.2f} s x {counts.size // GI_SAMPLE} "
        f"= {scaled:.0f} s; ratio {scaled / seconds:,.0f}x; same z: {same}"
    )


def full_grid(side: int, cell: float) -> Grid:
    rows, cols = np.divmod(np.arange(side * side), side)
    return Grid(0.0, 0.0, cell, side, side, rows, cols, np.zeros(side * side, dtype=np.int64))


def dense_kde(x: np.ndarray, y: np.ndarray, cx: np.ndarray, cy: np.ndarray, h: float) -> np.ndarray:
    """All points against each cell (chunked only to bound memory)."""
    out = []
    for a in range(0, cx.size, 50):
        d2 = (cx[a : a + 50, None] - x[None, :]) ** 2 + (cy[a : a + 50, None] - y[None, :]) ** 2
        u2 = d2 / (h * h)
        out.append(np.where(u2 <= 1, (1 - u2) ** 2, 0.0).sum(axis=1))
    return np.concatenate(out) * 3 / (math.pi * h * h)


def bench_kde(runs: int, rng: np.random.Generator) -> None:
    x, y = clustered_points(KDE_POINTS, KDE_SIDE * KDE_CELL, rng)
    grid = full_grid(KDE_SIDE, KDE_CELL)
    seconds, result = median_time(lambda: kde(x, y, grid, bandwidth=KDE_BANDWIDTH), runs)
    cx, cy = grid.centres
    sample = rng.choice(grid.n_cells, KDE_SAMPLE, replace=False)
    ref_seconds, ref = median_time(lambda: dense_kde(x, y, cx[sample], cy[sample], KDE_BANDWIDTH), 1)
    same = np.allclose(result.values[sample], ref, rtol=1e-9, atol=1e-15)
    scaled = ref_seconds * grid.n_cells / KDE_SAMPLE
    print(
        f"KDE {KDE_POINTS:,} points on {grid.n_cells:,} cells (h = {KDE_BANDWIDTH:g} m, cell {KDE_CELL:g} m): "
        f"kde() {seconds:.3f} s (goal <= 5 s)"
    )
    print(
        f"  reference: dense sum for {KDE_SAMPLE:,} cells {ref_seconds:.2f} s x {grid.n_cells // KDE_SAMPLE} "
        f"= {scaled:.0f} s; ratio {scaled / seconds:,.0f}x; same values: {same}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, numpy {np.__version__}")
    rng = np.random.default_rng(20261122)
    bench_gi(args.runs, rng)
    bench_kde(args.runs, rng)


if __name__ == "__main__":
    main()
