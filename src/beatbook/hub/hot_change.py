"""New and persistent hotspots: the Gi* hot cells of recent months against the twelve months before.

Both periods are counted on one grid (built over the crimes of both, cells at the map-point
spacing, as the hotspot map chooses them), so that a cell means the same place in each. A
cell is *persistent* when it is hot in the recent months and in the months before, *new*
when it is hot only now. Only cells holding a map point with crime in the recent months are
listed: a hot cell without one is the neighbour of a busy point, not a place to go.

No Django here: briefing.py gives the crimes and the months.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np

from beatbook.analysis.getis_ord import HOT as HOT_CLASS
from beatbook.analysis.getis_ord import hotspots
from beatbook.analysis.grid import Grid, default_cell_size, make_grid
from beatbook.analysis.spacing import automatic_cell_size
from beatbook.hub.analyses import AnalysisError, street_name
from beatbook.hub.selection import CrimePoints

PERSISTENT, NEW = "persistent", "new"
HOT = "hot"  # hot now, with no earlier month published to compare with


@dataclass(frozen=True)
class HotChange:
    """Gi* of each grid cell in the recent months and in the twelve months before.

    Arrays are per cell, in the grid's order. ``hot_by_month`` has a row per recent month:
    whether the cell was hot on that month's crimes alone (a steadier place is hot in most).
    """

    grid: Grid
    spacing: float
    recent_months: tuple[date, ...]  # published months of the recent window
    before_months: tuple[date, ...]  # published months of the twelve before it
    recent: np.ndarray  # crimes per cell in the recent months
    before: np.ndarray  # crimes per cell in the months before
    z: np.ndarray  # Gi* z of the recent months
    hot_recent: np.ndarray
    hot_before: np.ndarray
    hot_by_month: np.ndarray
    streets: tuple[tuple[tuple[str, int], ...], ...]  # (street, crimes) per cell, recent months, most first
    locations: tuple[tuple[str, ...], ...]  # police.uk location texts per cell, recent months
    map_points: np.ndarray  # distinct map points with a recent crime per cell
    alpha: float
    fdr: bool

    @property
    def comparable(self) -> bool:
        """False when no month before the recent ones was published: nothing is 'new' then."""
        return bool(self.before_months)

    def status(self, cell: int) -> str:
        if not self.hot_recent[cell]:
            return ""
        if not self.comparable:
            return HOT
        return PERSISTENT if self.hot_before[cell] else NEW

    def listed(self) -> list[int]:
        """Hot cells of the recent months with a map point: persistent first, then by z."""
        cells = np.flatnonzero(self.hot_recent & (self.map_points > 0))
        return sorted(cells.tolist(), key=lambda c: (not self.hot_before[c], -self.z[c], -self.recent[c]))

    def n_former(self) -> int:
        """Cells hot before and not now, with a map point then (places that have cooled)."""
        return int(np.sum(self.hot_before & ~self.hot_recent & (self.before > 0)))


def _hot(grid: Grid, counts: np.ndarray, alpha: float, fdr: bool) -> tuple[np.ndarray, np.ndarray]:
    """Hot flags and z of the counts on the grid (all False when there is no crime)."""
    if counts.sum() == 0:
        return np.zeros(grid.n_cells, bool), np.full(grid.n_cells, np.nan)
    result = hotspots(grid.to_array(counts), mask=grid.mask, alpha=alpha, fdr=fdr)
    return result.classification[grid.rows, grid.cols] == HOT_CLASS, result.z[grid.rows, grid.cols]


def _month_counts(grid: Grid, points: CrimePoints, keep: np.ndarray) -> np.ndarray:
    return grid.count(points.x[keep], points.y[keep])


def _cell_streets(grid: Grid, points: CrimePoints, keep: np.ndarray):
    """Street names (with crimes), location texts and distinct map points per cell, of the kept crimes."""
    names: dict[int, Counter] = defaultdict(Counter)
    texts: dict[int, set] = defaultdict(set)
    spots: dict[int, set] = defaultdict(set)
    cells = grid.locate(points.x[keep], points.y[keep]).tolist()
    for cell, x, y, location in zip(cells, points.x[keep].tolist(), points.y[keep].tolist(), points.location[keep]):
        names[cell][street_name(str(location))] += 1
        texts[cell].add(str(location))
        spots[cell].add((x, y))
    streets = tuple(tuple(names[c].most_common()) for c in range(grid.n_cells))
    locations = tuple(tuple(sorted(texts[c])) for c in range(grid.n_cells))
    return streets, locations, np.array([len(spots[c]) for c in range(grid.n_cells)], dtype=np.int64)


def hot_change(
    points: CrimePoints,
    recent_months: list[date],
    before_months: list[date],
    spacing: float,
    alpha: float = 0.05,
    fdr: bool = True,
) -> HotChange:
    """Hot cells of ``recent_months`` against ``before_months`` (published months only).

    ``points`` holds the crimes of both periods. Cells are sfhotspot's automatic size over
    them, never smaller than the map-point ``spacing``; Gi* with queen neighbours, two-sided,
    at ``alpha`` with the Benjamini-Hochberg correction when ``fdr``.
    """
    month = points.month.astype("datetime64[M]")
    in_recent = np.isin(month, np.array(recent_months, dtype="datetime64[M]"))
    in_before = np.isin(month, np.array(before_months, dtype="datetime64[M]"))
    if in_recent.sum() < 3:
        raise AnalysisError(
            f"a hotspot grid needs at least 3 located crimes in these months; there are {in_recent.sum()}"
        )
    both = in_recent | in_before
    try:
        size = automatic_cell_size(default_cell_size(points.x[both], points.y[both]), spacing)
        grid = make_grid(points.x[both], points.y[both], size)
    except ValueError as exc:
        raise AnalysisError(f"no hotspot grid for these crimes: {exc}") from None
    recent = grid.count(points.x[in_recent], points.y[in_recent])
    before = grid.count(points.x[in_before], points.y[in_before])
    hot_recent, z = _hot(grid, recent, alpha, fdr)
    hot_before, _ = _hot(grid, before, alpha, fdr)
    by_month = [
        _hot(grid, _month_counts(grid, points, month == np.datetime64(m, "M")), alpha, fdr)[0] for m in recent_months
    ]
    streets, locations, map_points = _cell_streets(grid, points, in_recent)
    return HotChange(
        grid=grid,
        spacing=spacing,
        recent_months=tuple(recent_months),
        before_months=tuple(before_months),
        recent=recent,
        before=before,
        z=z,
        hot_recent=hot_recent,
        hot_before=hot_before,
        hot_by_month=np.array(by_month, dtype=bool).reshape(len(recent_months), grid.n_cells),
        streets=streets,
        locations=locations,
        map_points=map_points,
        alpha=alpha,
        fdr=fdr,
    )
