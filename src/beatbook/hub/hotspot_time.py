"""Gi* hotspot classes over time: emerging, persistent, former and intermittent cells.

The selected months are cut into time slices of equal length (quarters by default),
counted back from the last month so that the latest slice is complete; Gi* is computed in
each slice on the same grid as the whole period, and each cell is classified by the
periods in which it was a significant hot (or cold) spot. With ``P`` slices, the last
``r = max(1, floor(0.2 P))`` are *recent*; taking the first category that holds:

- persistent: significant in at least 80% of all slices;
- emerging: significant in under 10% of the older slices and in at least
  ``max(20%, 1/P)`` of the recent ones (with four quarters: only in the latest);
- former: significant in at least 10% of the older slices and under 10% of the recent;
- intermittent: significant in at least 10% of all slices;
- otherwise no pattern; a cell both hot and cold by these rules is "mixed".

This is the rule of ``hotspot_classify()`` in sfhotspot 1.0.0 (M. P. J. Ashby, R package
sfhotspot, R/hotspot_classify.R; implemented in ``beatbook.analysis.getis_ord.classify_hotspots``),
a simplified form of the categories of ArcGIS Pro's Emerging Hot Spot Analysis (Esri,
"How Emerging Hot Spot Analysis works": new, consecutive, intensifying, persistent,
diminishing, sporadic, oscillating and historical hot spots, with a Mann-Kendall trend
test), which needs many more time slices than a year of monthly police.uk data gives.
The recent share is at least ``1/P`` so that at least one slice is recent.

No Django here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from beatbook.analysis.getis_ord import classify_hotspots
from beatbook.analysis.grid import Grid
from beatbook.hub.selection import CrimePoints

#: Months per time slice offered on the hotspot page; quarters by default.
SLICE_MONTHS = (1, 2, 3, 6)
DEFAULT_SLICE_MONTHS = 3
RECENT_PROP = 0.2  # sfhotspot's default share of recent slices


@dataclass(frozen=True)
class TimeSlice:
    first: date
    last: date

    def label(self) -> str:
        return f"{self.first:%b %Y}" if self.first == self.last else f"{self.first:%b %Y}–{self.last:%b %Y}"


@dataclass(frozen=True)
class ClassesOverTime:
    """The class of each grid cell over the time slices (arrays in the grid's cell order)."""

    slices: tuple[TimeSlice, ...]
    category: np.ndarray  # "persistent hotspot", ..., "no pattern"
    hot_periods: np.ndarray  # slices in which each cell was a significant hot spot
    cold_periods: np.ndarray
    n_recent: int
    left_out: tuple[date, ...]  # months of the period before the first whole slice, or unpublished slices

    def describe(self) -> str:
        first, last = self.slices[0], self.slices[-1]
        recent = "the latest slice" if self.n_recent == 1 else f"the latest {self.n_recent} slices"
        return f"{len(self.slices)} slices from {first.label()} to {last.label()}; recent: {recent}"


def time_slices(months: list[date], published: list[bool], length: int) -> tuple[list[TimeSlice], tuple[date, ...]]:
    """Slices of ``length`` months counted back from the last month, and the months left out:
    those before the first whole slice and those of slices without any published month."""
    slices, left_out = [], []
    end = len(months)
    while end - length >= 0:
        chunk = slice(end - length, end)
        if any(published[chunk]):
            slices.append(TimeSlice(months[end - length], months[end - 1]))
        else:
            left_out += months[chunk]
        end -= length
    left_out += months[:end]
    return slices[::-1], tuple(sorted(left_out))


def recent_prop(n_slices: int) -> float:
    """sfhotspot's 20%, but never so small that no slice is recent."""
    return max(RECENT_PROP, 1 / n_slices)


def classes_over_time(
    points: CrimePoints, grid: Grid, slices: list[TimeSlice], left_out: tuple[date, ...], alpha: float, fdr: bool
) -> ClassesOverTime:
    """Gi* per slice on ``grid`` (hot/cold at ``alpha``, Benjamini-Hochberg when ``fdr``) and
    each cell's class over the slices (see the module docstring)."""
    if len(slices) < 2:
        raise ValueError("classes over time need at least two time slices")
    months = points.month.astype("datetime64[M]")
    stack = []
    for s in slices:
        inside = (months >= np.datetime64(s.first, "M")) & (months <= np.datetime64(s.last, "M"))
        stack.append(grid.to_array(grid.count(points.x[inside], points.y[inside]), fill=0))
    share = recent_prop(len(slices))
    result = classify_hotspots(
        np.array(stack), mask=grid.mask, recent_prop=share, critical_p=alpha, p_adjust_method="fdr_bh" if fdr else None
    )
    return ClassesOverTime(
        slices=tuple(slices),
        category=result.category[grid.rows, grid.cols],
        hot_periods=result.hot_periods[grid.rows, grid.cols],
        cold_periods=result.cold_periods[grid.rows, grid.cols],
        n_recent=max(1, math.floor(share * len(slices))),
        left_out=left_out,
    )
