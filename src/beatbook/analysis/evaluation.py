"""Evaluating hotspot predictions: hit rate, PAI, PEI and RRI.

Hit rate and the top slice follow open_cp (QuantCrimAtLeeds/PredictCode,
``open_cp/evaluation.py``): the ``floor(N * fraction)`` riskiest cells are selected. The PAI
table follows ptools 2.0.0 ``pai`` (apwheele/ptools, R/pai.R), whose RRI is
``cumulative predicted / cumulative observed`` (Wheeler & Steenbeek 2021), not Levine's
recapture rate index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from beatbook.analysis.results import Result

FRACTION_SLACK = 1e-9  # so that 0.29 * 100 cells selects 29, not 28, despite rounding


@dataclass(frozen=True)
class PAITable(Result):
    """Cells ranked by predicted density, with cumulative PAI, PEI and RRI (ptools ``pai``).

    Every array is in ranking order; ``order[k]`` is the input index of the k-th cell.
    """

    order: np.ndarray
    count: np.ndarray
    cum_count: np.ndarray
    pred: np.ndarray
    cum_pred: np.ndarray
    area: np.ndarray
    cum_area: np.ndarray
    pai: np.ndarray
    pei: np.ndarray
    rri: np.ndarray


def top_slice(risk: npt.ArrayLike, fraction: float) -> np.ndarray:
    """Select the ``floor(N * fraction)`` cells of highest risk (open_cp ``top_slice``).

    Among tied risks the cell later in C order is taken first (a stable ascending sort,
    cut from the top), which is what open_cp's tests pin down. Non-finite risks (cells
    outside the study area) are never selected and do not count in ``N``.

    Parameters
    ----------
    risk : array_like
        Risk per cell, any shape.
    fraction : float
        Share of the cells to select, between 0 and 1.

    Returns
    -------
    ndarray of bool
        Same shape as ``risk``.
    """
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction}")
    r = np.asarray(risk, dtype=float)
    flat = r.ravel()
    finite = np.flatnonzero(np.isfinite(flat))
    k = int(np.floor(finite.size * fraction + FRACTION_SLACK))
    ranked = finite[np.argsort(flat[finite], kind="stable")]
    selected = np.zeros(flat.size, dtype=bool)
    selected[ranked[ranked.size - k :]] = True
    return selected.reshape(r.shape)


def hit_rate(observed: npt.ArrayLike, selected: npt.ArrayLike) -> float:
    """Share of the observed events that fall in the selected cells.

    Parameters
    ----------
    observed : array_like
        Events per cell.
    selected : array_like of bool
        Cells flagged as hotspots.

    Returns
    -------
    float
        NaN when there are no events.
    """
    obs, sel = _observed_and_selection(observed, selected)
    total = obs.sum()
    return float(obs[sel].sum() / total) if total > 0 else float("nan")


def hit_rates(risk: npt.ArrayLike, observed: npt.ArrayLike, coverage_pct: Iterable[float]) -> dict[float, float]:
    """Hit rate at each coverage percentage, selecting cells with :func:`top_slice` (open_cp ``hit_rates``).

    Returns
    -------
    dict
        Coverage percentage -> hit rate.
    """
    return {float(c): hit_rate(observed, top_slice(risk, c / 100)) for c in coverage_pct}


def pai_score(observed: npt.ArrayLike, selected: npt.ArrayLike, area: npt.ArrayLike | None = None) -> float:
    """Predictive Accuracy Index ``(n / N) / (a / A)`` of a selection (Chainey, Tompson & Uhlig 2008).

    Parameters
    ----------
    observed : array_like
        Events per cell.
    selected : array_like of bool
    area : array_like, optional
        Area per cell; equal areas by default.

    Returns
    -------
    float
    """
    obs, sel = _observed_and_selection(observed, selected)
    a = np.ones_like(obs) if area is None else np.asarray(area, dtype=float).ravel()
    if a.sum() <= 0 or a[sel].sum() <= 0 or obs.sum() <= 0:
        return float("nan")
    return float((obs[sel].sum() / obs.sum()) / (a[sel].sum() / a.sum()))


def pei_score(observed: npt.ArrayLike, selected: npt.ArrayLike) -> float:
    """Predictive Efficiency Index: PAI over the best PAI of as many cells (Hunt 2016).

    For equal-sized cells, the best selection of ``n`` cells is the ``n`` with most events,
    so PEI = events captured / most events any ``n`` cells hold.
    """
    obs, sel = _observed_and_selection(observed, selected)
    best = np.sort(obs)[::-1][: int(sel.sum())].sum()
    return float(obs[sel].sum() / best) if best > 0 else float("nan")


def pai(obs: npt.ArrayLike, pred: npt.ArrayLike, area: npt.ArrayLike | None = None) -> PAITable:
    """PAI, PEI and RRI for every cut-off of cells ranked by predicted density (ptools ``pai``).

    Cells are sorted by ``pred / area`` descending, ties by observed count ascending (the
    least favourable order). ``PAI_k = (CumCount_k / C) / (CumArea_k / A)``;
    ``PEI_k = PAI_k / PAI*_k`` where ``PAI*`` ranks cells by observed density (a perfect
    oracle; ptools warns it "may behave funny" with unequal areas); ``RRI_k = CumPred_k /
    CumCount_k``.

    Parameters
    ----------
    obs : array_like
        Observed (out-of-sample) counts per cell.
    pred : array_like
        Predicted counts per cell.
    area : array_like, optional
        Area (or street length) per cell; ones by default.

    Returns
    -------
    PAITable

    References
    ----------
    Wheeler & Steenbeek (2021) J Quant Criminol 37:445; Drawve & Wooditch (2019) J Crim
    Justice 64:101625; ptools 2.0.0 R/pai.R.
    """
    count, predicted, a = _pai_inputs(obs, pred, area)
    order = np.lexsort((count, -(predicted / a)))  # last key sorts first; lexsort is stable
    c, p, ar = count[order], predicted[order], a[order]
    cum_count, cum_area = np.cumsum(c), np.cumsum(ar)
    pai_k = _ratio(cum_count / count.sum(), cum_area / a.sum())
    best = np.argsort(-(c / ar), kind="stable")
    perfect = _ratio(np.cumsum(c[best]) / count.sum(), np.cumsum(ar[best]) / a.sum())
    return PAITable(
        order=order,
        count=c,
        cum_count=cum_count,
        pred=p,
        cum_pred=np.cumsum(p),
        area=ar,
        cum_area=cum_area,
        pai=pai_k,
        pei=_ratio(pai_k, perfect),
        rri=_ratio(np.cumsum(p), cum_count),
    )


def _observed_and_selection(observed: npt.ArrayLike, selected: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    obs = np.asarray(observed, dtype=float).ravel()
    sel = np.asarray(selected, dtype=bool).ravel()
    if obs.shape != sel.shape:
        raise ValueError(f"observed and selected must have the same size, got {obs.size} and {sel.size}")
    return obs, sel


def _pai_inputs(obs: npt.ArrayLike, pred: npt.ArrayLike, area: npt.ArrayLike | None) -> tuple[np.ndarray, ...]:
    count = np.asarray(obs, dtype=float).ravel()
    predicted = np.asarray(pred, dtype=float).ravel()
    a = np.ones_like(count) if area is None else np.asarray(area, dtype=float).ravel()
    if not count.shape == predicted.shape == a.shape:
        raise ValueError(f"obs, pred and area must have the same size, got {count.size}, {predicted.size}, {a.size}")
    if (a <= 0).any():
        raise ValueError("every area must be greater than zero")
    return count, predicted, a


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den != 0)  # RRI with no events yet is undefined, not an error
    return out
