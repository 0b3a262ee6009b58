"""How far apart the anonymous map points of police.uk data lie.

police.uk does not publish where a crime happened: it moves each crime to the nearest of
a fixed set of anonymous map points ("On or near ..."), each covering at least a few
addresses (data.police.uk, About: "Location anonymisation"). A grid cell smaller than
the typical spacing of those points cannot say anything finer than the points do: it only
adds empty cells around each point. :func:`map_point_spacing` measures that spacing from
the data, so that any force gets its own floor.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

#: Automatic cell sizes are rounded up to a multiple of this many metres, for readable output.
CELL_ROUNDING = 10.0


def map_point_spacing(x: npt.ArrayLike, y: npt.ArrayLike) -> float:
    """Median distance from each distinct map point to its nearest other map point.

    Parameters
    ----------
    x, y : array_like
        Projected coordinates (metres) of crimes; repeated points count once.

    Returns
    -------
    float
        The median nearest-neighbour distance, in the units of ``x`` and ``y``; NaN
        when there are fewer than two distinct points.

    Notes
    -----
    The median rather than the mean: a few isolated points (a park, the river bank) would
    pull a mean up. On City of London Police data of 2025 it is 51 m over 218 points.
    """
    xy = np.unique(np.column_stack([np.asarray(x, float).ravel(), np.asarray(y, float).ravel()]), axis=0)
    if len(xy) < 2:
        return math.nan
    distances, _ = cKDTree(xy).query(xy, k=2)
    return float(np.median(distances[:, 1]))


def cell_size_floor(spacing: float) -> float:
    """The smallest cell side worth using: the map-point spacing, in whole metres (0 when unknown)."""
    return float(math.floor(spacing)) if math.isfinite(spacing) else 0.0


def automatic_cell_size(rule_size: float, spacing: float) -> float:
    """The larger of a rule's cell size (e.g. sfhotspot's) and the spacing floor, rounded up
    to a multiple of ``CELL_ROUNDING`` when the floor decides."""
    floor = cell_size_floor(spacing)
    if rule_size >= floor:
        return rule_size
    return math.ceil(floor / CELL_ROUNDING) * CELL_ROUNDING
