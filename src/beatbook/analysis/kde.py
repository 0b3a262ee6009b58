"""Quartic-kernel density estimation at grid-cell centres, and the kernels of hotspotting.

Two conventions are offered:

``rule="normal-reference"`` (default)
    Bandwidth ``h`` (the kernel's radius) is the mean over the two axes of the normal
    reference rule ``MASS::bandwidth.nrd`` (Silverman 1986, eq. 3.31, times the factor 4 that
    ``MASS::kde2d`` applies), and the kernel is the *normalised* quartic
    ``3 / (pi h^2) (1 - (d/h)^2)^2``, so values are events per unit area.
``rule="sfhotspot"``
    Exactly what sfhotspot 1.0.0 ``hotspot_kde`` computes: bandwidth ``bandwidth.nrd`` of the
    x coordinate only (its ``mean(bw(x), bw(y))`` passes ``bw(y)`` as ``mean``'s ``trim``
    argument) and SpatialKDE's unscaled quartic ``sum_i w_i (1 - (d_i/h)^2)^2`` for ``d_i <= h``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from beatbook.analysis.grid import Grid
from beatbook.analysis.results import Result

Rule = Literal["normal-reference", "sfhotspot"]
RULES: tuple[str, ...] = ("normal-reference", "sfhotspot")
PAIRS_PER_CHUNK = 4_000_000  # about 100 MB of scipy's (i, j, distance) records per chunk


@dataclass(frozen=True)
class KDE(Result):
    """Kernel density at each evaluation point (grid cell centre).

    Attributes
    ----------
    values : ndarray
        Density (``normalised``) or unscaled kernel sum per cell.
    bandwidth : float
        Kernel radius ``h``: points further than ``h`` from a cell contribute nothing.
    rule : str
        ``"normal-reference"`` or ``"sfhotspot"`` (see the module docstring).
    normalised : bool
        True when the kernel integrates to one, making ``values`` events per unit area.
    """

    values: np.ndarray
    bandwidth: float
    rule: str
    normalised: bool


def bandwidth_nrd(values: npt.ArrayLike) -> float:
    """Normal-reference bandwidth of one coordinate, as ``MASS::bandwidth.nrd``.

    ``4 * 1.06 * min(sd, IQR / 1.34) * n ** (-1/5)``, with the sample standard deviation and
    R's default (type 7) quartiles (Venables & Ripley 2002; Silverman 1986).

    Parameters
    ----------
    values : array_like
        One coordinate of the points.

    Returns
    -------
    float
        The bandwidth, in the units of ``values``.
    """
    v = np.asarray(values, dtype=float).ravel()
    if v.size < 2:
        raise ValueError("a bandwidth needs at least two points")
    q1, q3 = np.quantile(v, [0.25, 0.75])
    return float(4 * 1.06 * min(np.std(v, ddof=1), (q3 - q1) / 1.34) * v.size ** (-1 / 5))


def default_bandwidth(x: npt.ArrayLike, y: npt.ArrayLike, rule: Rule = "normal-reference") -> float:
    """Kernel radius chosen from the points by ``rule``.

    Parameters
    ----------
    x, y : array_like
        Projected point coordinates.
    rule : {"normal-reference", "sfhotspot"}
        Mean of :func:`bandwidth_nrd` over both axes, or (sfhotspot 1.0.0) over x only.

    Returns
    -------
    float
    """
    _check_rule(rule)
    if rule == "sfhotspot":
        return bandwidth_nrd(x)
    return (bandwidth_nrd(x) + bandwidth_nrd(y)) / 2


def quartic_kernel(distance: npt.ArrayLike, bandwidth: float) -> np.ndarray:
    """Unnormalised quartic (biweight) kernel ``(1 - (d/h)^2)^2`` for ``d <= h``, else 0.

    The kernel of SpatialKDE (``kernel="quartic"``, ``scaled=FALSE``) and QGIS's heatmap.
    """
    u2 = (np.asarray(distance, dtype=float) / bandwidth) ** 2
    return np.where(u2 <= 1, (1 - np.minimum(u2, 1)) ** 2, 0.0)


def quartic_weight(dx: npt.ArrayLike, dy: npt.ArrayLike, bandwidth: float = 200.0) -> np.ndarray:
    """Retrospective hotspotting weight of an event at offset ``(dx, dy)`` from a cell.

    ``(1 - (dx^2 + dy^2) / h^2)^2`` inside the disc of radius ``h`` (default 200), else 0,
    as the quartic weight of open_cp's ``retrohotspot`` (QuantCrimAtLeeds/PredictCode).
    """
    return quartic_kernel(np.hypot(dx, dy), bandwidth)


def prospective_weight(
    dt: npt.ArrayLike, dd: npt.ArrayLike, time_bandwidth: float = 8, space_bandwidth: float = 8
) -> np.ndarray:
    """Prospective hotspotting weight ``1 / ((1 + dd)(1 + dt))`` of Bowers, Johnson & Pease (2004).

    ``dt`` is the event's age in whole time units (open_cp: weeks) and ``dd`` its distance in
    grid cells; the weight is zero unless ``dt < time_bandwidth`` and ``dd < space_bandwidth``
    (open_cp ``prohotspot.ClassicWeight``, defaults 8 weeks and 8 cells).
    """
    dt, dd = np.asarray(dt, dtype=float), np.asarray(dd, dtype=float)
    inside = (dt < time_bandwidth) & (dd < space_bandwidth)
    return np.where(inside, 1.0 / ((1 + np.abs(dd)) * (1 + np.abs(dt))), 0.0)


def kde(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    grid: Grid | tuple[npt.ArrayLike, npt.ArrayLike],
    bandwidth: float | None = None,
    weights: npt.ArrayLike | None = None,
    rule: Rule = "normal-reference",
) -> KDE:
    """Quartic-kernel density of points at the centres of grid cells.

    Only points within ``bandwidth`` of a cell centre are summed: neighbours come from
    ``scipy.spatial.cKDTree``, in chunks that bound memory. Coincident points (police.uk's
    snapped map points) are merged first with their weights added.

    Parameters
    ----------
    x, y : array_like
        Projected point coordinates.
    grid : Grid or (cx, cy)
        A :class:`~beatbook.analysis.grid.Grid` (its cell centres) or arrays of evaluation points.
    bandwidth : float, optional
        Kernel radius ``h``; by default :func:`default_bandwidth` with ``rule``.
    weights : array_like, optional
        Weight per point (e.g. harm scores); default 1.
    rule : {"normal-reference", "sfhotspot"}
        Bandwidth rule *and* kernel scaling, see the module docstring.

    Returns
    -------
    KDE

    References
    ----------
    Silverman (1986) Density Estimation, ch. 4; sfhotspot 1.0.0 ``hotspot_kde``;
    SpatialKDE (JanCaha/SpatialKDE) ``kde`` with ``kernel="quartic"``.
    """
    _check_rule(rule)
    px, py = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    h = float(bandwidth) if bandwidth is not None else default_bandwidth(px, py, rule)
    if not h > 0:
        raise ValueError(f"bandwidth must be greater than zero, got {h}")
    points, w = _merge_coincident(px, py, weights)
    targets = _targets(grid)
    sums = _kernel_sums(points, w, targets, h)
    normalised = rule == "normal-reference"
    values = sums * 3 / (np.pi * h * h) if normalised else sums
    return KDE(values=values, bandwidth=h, rule=rule, normalised=normalised)


def _check_rule(rule: str) -> None:
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, got {rule!r}")


def _targets(grid: Grid | tuple[npt.ArrayLike, npt.ArrayLike]) -> np.ndarray:
    cx, cy = grid.centres if isinstance(grid, Grid) else grid
    return np.column_stack([np.asarray(cx, dtype=float).ravel(), np.asarray(cy, dtype=float).ravel()])


def _merge_coincident(x: np.ndarray, y: np.ndarray, weights: npt.ArrayLike | None) -> tuple[np.ndarray, np.ndarray]:
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    w = np.ones(x.size) if weights is None else np.asarray(weights, dtype=float).ravel()
    if w.shape != x.shape:
        raise ValueError(f"weights must have one value per point ({x.size}), got {w.size}")
    if not (np.isfinite(x).all() and np.isfinite(y).all() and np.isfinite(w).all()):
        raise ValueError("coordinates and weights must be finite")
    unique, inverse = np.unique(np.column_stack([x, y]), axis=0, return_inverse=True)
    return unique, np.bincount(inverse.ravel(), weights=w, minlength=len(unique))


def _kernel_sums(points: np.ndarray, w: np.ndarray, targets: np.ndarray, h: float) -> np.ndarray:
    out = np.zeros(len(targets))
    if len(points) == 0 or len(targets) == 0:
        return out
    tree = cKDTree(points)
    # Exact neighbour counts per target let each chunk hold a bounded number of pairs.
    n_near = tree.query_ball_point(targets, h, return_length=True, workers=-1)
    for lo, hi in _chunks(n_near):
        near = cKDTree(targets[lo:hi]).sparse_distance_matrix(tree, h, output_type="ndarray")
        contrib = quartic_kernel(near["v"], h) * w[near["j"]]
        out[lo:hi] = np.bincount(near["i"], weights=contrib, minlength=hi - lo)
    return out


def _chunks(n_near: np.ndarray) -> list[tuple[int, int]]:
    ends = np.searchsorted(np.cumsum(n_near), np.arange(1, 1 + n_near.sum() // PAIRS_PER_CHUNK) * PAIRS_PER_CHUNK)
    edges = np.unique(np.concatenate([[0], ends + 1, [len(n_near)]]).clip(0, len(n_near)))
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:])]
