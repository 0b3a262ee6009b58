"""Getis-Ord local G and G* statistics, grid hotspots and hotspot classification over time.

``local_g`` follows the conventions of esda's ``G_Local`` (pysal/esda): ``star`` puts a
self-weight on the diagonal, ``transform="R"`` row-standardises after that, z-scores come from
the analytic randomisation moments, and ``p_one_sided`` is esda's ``p_norm``
(``norm.sf(|z|)``). ``hotspots`` and ``classify_hotspots`` follow sfhotspot 1.0.0
(``hotspot_gistar``, ``hotspot_classify``): queen neighbours on a grid, Gi* with the cell
itself included, two-sided p-values.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.stats import norm
from statsmodels.stats.multitest import multipletests

from beatbook.analysis.results import Result

Transform = Literal["B", "R"]
Variance = Literal["ord-getis", "esda"]
QUEEN_OFFSETS = [(dr, dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]  # row-major: sorted columns

HOT, COLD, NEITHER = 1, -1, 0
NO_PATTERN = "no pattern"
MIXED = "mixed hot/coldspot"


@dataclass(frozen=True)
class LocalG(Result):
    """Local G (or G*) per observation.

    Attributes
    ----------
    g : ndarray
        ``sum_j w_ij x_j / sum_j x_j`` (``j != i`` in both sums unless ``star``).
    z : ndarray
        Standardised statistic under randomisation; NaN where undefined (no variance).
    p_one_sided : ndarray
        ``norm.sf(|z|)``, esda's ``p_norm``.
    p_two_sided : ndarray
        ``2 * norm.sf(|z|)``, as sfhotspot reports.
    star : bool
    transform : str
    """

    g: np.ndarray
    z: np.ndarray
    p_one_sided: np.ndarray
    p_two_sided: np.ndarray
    star: bool
    transform: str


@dataclass(frozen=True)
class Hotspots(Result):
    """Gi* hot and cold spots on a grid; arrays have the grid's shape, NaN outside the mask.

    Attributes
    ----------
    z : ndarray
    p : ndarray
        Two-sided p-values.
    p_adjusted : ndarray or None
        Benjamini-Hochberg adjusted p-values when ``fdr`` was requested.
    classification : ndarray of int8
        1 hot spot, -1 cold spot, 0 neither (at ``alpha``, on the adjusted p when ``fdr``).
    alpha : float
    fdr : bool
    """

    z: np.ndarray
    p: np.ndarray
    p_adjusted: np.ndarray | None
    classification: np.ndarray
    alpha: float
    fdr: bool


@dataclass(frozen=True)
class HotspotClassification(Result):
    """Per-cell category over time periods (sfhotspot ``hotspot_classify``), grid-shaped.

    Attributes
    ----------
    category : ndarray of str
        "persistent", "emerging", "former" or "intermittent" hot/coldspot, "mixed hot/coldspot",
        "no pattern"; empty string outside the mask.
    hot_periods, cold_periods : ndarray of int
        Number of periods in which the cell was a significant hot (cold) spot.
    n_periods, n_recent : int
    """

    category: np.ndarray
    hot_periods: np.ndarray
    cold_periods: np.ndarray
    n_periods: int
    n_recent: int


def local_g(
    values: npt.ArrayLike,
    weights: sp.sparray | sp.spmatrix,
    star: bool | float = True,
    transform: Transform = "B",
    variance: Variance = "ord-getis",
) -> LocalG:
    """Getis-Ord local G (``star=False``) or G* (``star=True``) with analytic z-scores.

    Parameters
    ----------
    values : array_like
        One value per observation (e.g. counts per grid cell).
    weights : scipy.sparse matrix, shape (n, n)
        Spatial weights; its diagonal is replaced (see ``star``).
    star : bool or float
        True puts a self-weight of 1 on the diagonal (G*); a float puts that value; False
        zeroes the diagonal and leaves each observation out of its own mean and variance (G).
    transform : {"B", "R"}
        "B" binary weights as given; "R" row-standardised (after the self-weight).
    variance : {"ord-getis", "esda"}
        Identical for binary weights. "ord-getis" is the general formula of Ord & Getis
        (1995) with ``sum_j w_ij^2`` (as ``spdep::localG``); "esda" reproduces esda's
        ``G_Local``, which uses ``sum_j w_ij`` there and so differs for "R" weights.

    Returns
    -------
    LocalG

    References
    ----------
    Getis & Ord (1992) Geographical Analysis 24:189; Ord & Getis (1995) Geographical
    Analysis 27:286; pysal/esda ``esda/getisord.py`` (``G_Local``).
    """
    if variance not in ("ord-getis", "esda"):
        raise ValueError(f"variance must be 'ord-getis' or 'esda', got {variance!r}")
    x = np.asarray(values, dtype=float).ravel()
    w = _prepare_weights(weights, x.size, star, transform)
    others = 0.0 if star is not False else 1.0  # 1: leave x_i out of its own moments
    n_ref = x.size - others
    xc = x - x.mean()  # centred values keep the moments accurate; z is shift-invariant anyway
    mean = (xc.sum() - others * xc) / n_ref
    var = ((xc * xc).sum() - others * xc * xc) / n_ref - mean**2
    var = np.where(var > 1e-12 * (xc * xc).mean(), var, np.nan)  # constant data: z undefined
    w_sum = np.asarray(w.sum(axis=1)).ravel()
    spread = np.asarray(w.multiply(w).sum(axis=1)).ravel() if variance == "ord-getis" else w_sum
    with np.errstate(divide="ignore", invalid="ignore"):  # islands and empty sums give NaN
        z = (w @ xc - w_sum * mean) / np.sqrt(var * (n_ref * spread - w_sum**2) / (n_ref - 1))
        g = (w @ x) / (x.sum() - others * x)
    p = norm.sf(np.abs(z))
    return LocalG(g=g, z=z, p_one_sided=p, p_two_sided=2 * p, star=star is not False, transform=transform)


def queen_weights(mask: npt.ArrayLike, include_self: bool = False) -> sp.csr_array:
    """Binary queen-contiguity weights between the True cells of a 2D ``mask``.

    Cells are numbered in row-major order of ``mask[mask]``. This is sfhotspot's default
    neighbourhood, ``spdep::dnearneigh(centroids, 0, cell_size * sqrt(2))``.

    Parameters
    ----------
    mask : array_like of bool, shape (rows, cols)
    include_self : bool
        Put 1 on the diagonal (G*).

    Returns
    -------
    scipy.sparse.csr_array
    """
    mask = np.asarray(mask, dtype=bool)
    if mask.ndim != 2:
        raise ValueError(f"mask must be two-dimensional, got shape {mask.shape}")
    index = np.full(mask.shape, -1, dtype=np.int64)
    index[mask] = np.arange(int(mask.sum()))
    rows, cols = np.nonzero(mask)
    offsets = [o for o in QUEEN_OFFSETS if include_self or o != (0, 0)]
    neighbours = np.column_stack([_shifted(index, rows + dr, cols + dc) for dr, dc in offsets])
    present = neighbours >= 0  # row-major offsets keep each row's column indices sorted
    indptr = np.concatenate([[0], np.cumsum(present.sum(axis=1))])
    data = np.ones(int(indptr[-1]))
    return sp.csr_array((data, neighbours[present], indptr), shape=(rows.size, rows.size))


def hotspots(
    grid_counts: npt.ArrayLike,
    *,
    mask: npt.ArrayLike | None = None,
    star: bool = True,
    alpha: float = 0.05,
    fdr: bool = False,
) -> Hotspots:
    """Gi* hot and cold spots of counts on a regular grid with queen neighbours.

    Cells outside ``mask`` (by default the non-finite cells of ``grid_counts``) are neither
    neighbours nor part of the mean and variance, like cells outside sfhotspot's grid.

    Parameters
    ----------
    grid_counts : array_like, shape (rows, cols)
        Counts per cell, e.g. ``Grid.to_array(grid.counts)``.
    mask : array_like of bool, optional
        Cells that belong to the study area.
    star : bool
        Include the cell itself (Gi*, sfhotspot's ``include_self=TRUE``).
    alpha : float
        Significance level for ``classification``.
    fdr : bool
        Adjust p-values with Benjamini-Hochberg (``statsmodels`` ``fdr_bh``) before classifying.

    Returns
    -------
    Hotspots

    References
    ----------
    Ord & Getis (1995); sfhotspot 1.0.0 ``hotspot_gistar``; Benjamini & Hochberg (1995).
    """
    counts, mask = _counts_and_mask(grid_counts, mask)
    result = local_g(counts[mask], queen_weights(mask, include_self=star), star=star)
    p_adj = _adjust(result.p_two_sided, "fdr_bh") if fdr else None
    p_used = result.p_two_sided if p_adj is None else p_adj
    classes = np.where(p_used < alpha, np.where(result.z > 0, HOT, COLD), NEITHER).astype(np.int8)
    return Hotspots(
        z=_spread(result.z, mask),
        p=_spread(result.p_two_sided, mask),
        p_adjusted=None if p_adj is None else _spread(p_adj, mask),
        classification=_spread(classes, mask, fill=NEITHER),
        alpha=alpha,
        fdr=fdr,
    )


def classify_hotspots(
    period_counts: Sequence[npt.ArrayLike] | np.ndarray,
    *,
    mask: npt.ArrayLike | None = None,
    hotspot_prop: float = 0.1,
    persistent_prop: float = 0.8,
    recent_prop: float = 0.2,
    critical_p: float = 0.05,
    include_self: bool = True,
    p_adjust_method: str | None = None,
    sfhotspot_recent_window: bool = False,
) -> HotspotClassification:
    """Classify grid cells as persistent, emerging, former or intermittent hot/coldspots.

    For each period, Gi* on queen neighbours gives two-sided p-values; a cell is a significant
    hot (cold) spot in a period when ``p < critical_p`` and ``z > 0`` (``z <= 0``). With ``P``
    periods, the last ``r = floor(recent_prop * P)`` are recent (at least 1). Then, as in
    sfhotspot 1.0.0, separately for hot and cold, taking the first category that holds:

    - persistent: significant in at least ``persistent_prop`` of all periods;
    - emerging: in under ``hotspot_prop`` of the older periods and at least ``recent_prop`` of
      the recent ones;
    - former: in at least ``hotspot_prop`` of the older and under ``hotspot_prop`` of the recent;
    - intermittent: in at least ``hotspot_prop`` of all periods;
    - otherwise no pattern. A cell with both a hot and a cold category is "mixed hot/coldspot".

    Parameters
    ----------
    period_counts : array_like, shape (periods, rows, cols)
        Counts per cell for each consecutive period, oldest first.
    mask : array_like of bool, optional
        Study-area cells; by default those finite in every period.
    hotspot_prop, persistent_prop, recent_prop, critical_p, include_self
        sfhotspot ``hotspot_classify_params`` defaults.
    p_adjust_method : str, optional
        A ``statsmodels.stats.multitest.multipletests`` method (e.g. "fdr_bh"); applied, as in
        sfhotspot, across cells within each period and then across periods within each cell.
    sfhotspot_recent_window : bool
        sfhotspot 1.0.0 sums the recent proportion over ``r + 1`` periods (its R index range
        ``(P - r):P``) while dividing by ``r``; True reproduces that, False (default) uses the
        last ``r`` periods.

    Returns
    -------
    HotspotClassification

    References
    ----------
    M. P. J. Ashby, sfhotspot 1.0.0, R/hotspot_classify.R and R/hotspot_classify_params.R.
    """
    stack, mask = _period_stack(period_counts, mask)
    n_periods = stack.shape[0]
    n_recent = _n_recent(n_periods, recent_prop)
    hot, cold = _significant_periods(stack, mask, critical_p, include_self, p_adjust_method)
    window = n_recent + 1 if sfhotspot_recent_window else n_recent
    props = {"hotspot_prop": hotspot_prop, "persistent_prop": persistent_prop, "recent_prop": recent_prop}
    cat_hot = _categorise(hot, n_recent, window, "hotspot", **props)
    cat_cold = _categorise(cold, n_recent, window, "coldspot", **props)
    both = (cat_hot != NO_PATTERN) & (cat_cold != NO_PATTERN)
    category = np.where(both, MIXED, np.where(cat_hot != NO_PATTERN, cat_hot, cat_cold))
    return HotspotClassification(
        category=_spread(category.astype(object), mask, fill="").astype(str),
        hot_periods=_spread(hot.sum(axis=0), mask, fill=0),
        cold_periods=_spread(cold.sum(axis=0), mask, fill=0),
        n_periods=n_periods,
        n_recent=n_recent,
    )


def _prepare_weights(weights: sp.sparray | sp.spmatrix, n: int, star: bool | float, transform: str) -> sp.csr_array:
    if transform not in ("B", "R"):
        raise ValueError(f"transform must be 'B' or 'R', got {transform!r}")
    w = sp.csr_array(weights, dtype=float)
    if w.shape != (n, n):
        raise ValueError(f"weights must be {n} x {n} for {n} values, got {w.shape}")
    self_weight = 0.0 if star is False else (1.0 if star is True else float(star))
    w = _with_diagonal(w, self_weight)
    if transform == "R":
        rows = np.asarray(w.sum(axis=1)).ravel()
        with np.errstate(divide="ignore"):  # islands keep an all-zero row
            w = sp.csr_array(sp.diags_array(np.where(rows > 0, 1 / rows, 0.0)) @ w)
    return w


def _with_diagonal(w: sp.csr_array, value: float) -> sp.csr_array:
    diagonal = w.diagonal()
    if np.all(diagonal == value):
        return w
    n = w.shape[0]
    fixed = w - sp.diags_array(diagonal) + sp.diags_array(np.full(n, value))
    fixed = sp.csr_array(fixed)
    fixed.eliminate_zeros()
    return fixed


def _shifted(index: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    inside = (rows >= 0) & (rows < index.shape[0]) & (cols >= 0) & (cols < index.shape[1])
    return np.where(inside, index[rows.clip(0, index.shape[0] - 1), cols.clip(0, index.shape[1] - 1)], -1)


def _counts_and_mask(grid_counts: npt.ArrayLike, mask: npt.ArrayLike | None) -> tuple[np.ndarray, np.ndarray]:
    counts = np.asarray(grid_counts, dtype=float)
    if counts.ndim != 2:
        raise ValueError(f"grid_counts must be two-dimensional, got shape {counts.shape}")
    mask = np.isfinite(counts) if mask is None else np.asarray(mask, dtype=bool)
    if mask.shape != counts.shape:
        raise ValueError(f"mask shape {mask.shape} differs from grid_counts shape {counts.shape}")
    if not np.isfinite(counts[mask]).all():
        raise ValueError("grid_counts must be finite inside the mask")
    if mask.sum() < 3:
        raise ValueError("Gi* needs at least three cells in the study area")
    return counts, mask


def _spread(values: np.ndarray, mask: np.ndarray, fill: object = np.nan) -> np.ndarray:
    dtype = values.dtype if fill is not np.nan else np.result_type(values.dtype, float)
    out = np.full(mask.shape, fill, dtype=dtype)
    out[mask] = values
    return out


def _adjust(p: np.ndarray, method: str) -> np.ndarray:
    out = p.copy()
    finite = np.isfinite(p)  # cells with undefined z keep NaN rather than poisoning the ranks
    if finite.any():
        out[finite] = multipletests(p[finite], method=method)[1]
    return out


def _period_stack(
    period_counts: Sequence[npt.ArrayLike] | np.ndarray, mask: npt.ArrayLike | None
) -> tuple[np.ndarray, np.ndarray]:
    stack = np.asarray(period_counts, dtype=float)
    if stack.ndim != 3:
        raise ValueError(f"period_counts must be (periods, rows, cols), got shape {stack.shape}")
    mask = np.isfinite(stack).all(axis=0) if mask is None else np.asarray(mask, dtype=bool)
    for period in stack:
        _counts_and_mask(period, mask)  # same checks as a single grid, for every period
    return stack, mask


def _n_recent(n_periods: int, recent_prop: float) -> int:
    n_recent = int(np.floor(recent_prop * n_periods))
    if n_periods - max(n_recent, 1) < 1:
        raise ValueError(f"{n_periods} period(s): at least one recent and one older period are needed")
    if n_recent < 1:
        warnings.warn(
            "no period is recent at this recent_prop: the final period is treated as recent", UserWarning, stacklevel=3
        )
        n_recent = 1
    return n_recent


def _significant_periods(
    stack: np.ndarray, mask: np.ndarray, critical_p: float, include_self: bool, method: str | None
) -> tuple[np.ndarray, np.ndarray]:
    weights = queen_weights(mask, include_self=include_self)
    stats = [local_g(period[mask], weights, star=include_self) for period in stack]
    z = np.array([s.z for s in stats])
    p = np.array([s.p_two_sided if method is None else _adjust(s.p_two_sided, method) for s in stats])
    if method is not None:
        p = np.column_stack([_adjust(p[:, k], method) for k in range(p.shape[1])])
    significant = p < critical_p  # NaN (no variance in a period) is never significant
    return significant & (z > 0), significant & ~(z > 0)


def _categorise(
    sig: np.ndarray,
    n_recent: int,
    window: int,
    kind: str,
    *,
    hotspot_prop: float,
    persistent_prop: float,
    recent_prop: float,
) -> np.ndarray:
    n_periods = sig.shape[0]
    overall = sig.mean(axis=0)
    recent = sig[-window:].sum(axis=0) / n_recent
    older = sig[: n_periods - n_recent].mean(axis=0)
    rules = [
        (overall >= persistent_prop, f"persistent {kind}"),
        ((older < hotspot_prop) & (recent >= recent_prop), f"emerging {kind}"),
        ((older >= hotspot_prop) & (recent < hotspot_prop), f"former {kind}"),
        (overall >= hotspot_prop, f"intermittent {kind}"),
    ]
    return np.select([cond for cond, _ in rules], [label for _, label in rules], default=NO_PATTERN)
