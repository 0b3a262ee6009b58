"""Knox test of space-time interaction ("near repeats") with Monte Carlo permutations.

Every pair of events is put in a space band (distance apart) and a time band (days apart);
the table of observed pair counts is compared with tables in which the event times were
shuffled among the events (Knox 1964; Johnson & Bowers 2004). Bands are given by their
edges and are half-open ``[lo, hi)`` unless ``closed="right"`` (``(lo, hi]``, lowest edge
included, which is Davies' ``interval_side="left"``).

``convention="nrc"`` reproduces the contents of Ratcliffe's Near Repeat Calculator tables:
coordinates rounded to float32, a first "same location" row for distance exactly 0, whole
days, and a final "more than" row and column. (The NRC *labels* its bands "1 to 100",
"0 to 7", "8 to 14", ... but fills them as ``(0, 100)``, ``[0, 7)``, ``[7, 14)``, ...; the
labels here describe the contents.)

Speed: only pairs closer than the top space edge are enumerated (``cKDTree.query_pairs``).
The column totals over *all* pairs do not change when times are permuted (the multiset of
pairwise time differences is fixed), so the NRC "more than" row is a subtraction, and each
permutation only re-tabulates the close pairs by indexing a permuted time array.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from beatbook.analysis.results import Result

Metric = Literal["euclidean", "manhattan"]
Convention = Literal["standard", "nrc"]
Closed = Literal["left", "right"]
MINKOWSKI_P = {"euclidean": 2.0, "manhattan": 1.0}
MAX_LAG_BINS = 200_001  # whole-day times use a histogram of lags while it stays this small


@dataclass(frozen=True)
class KnoxResult(Result):
    """Knox table: space bands in rows, time bands in columns.

    Attributes
    ----------
    observed : ndarray of int
        Pairs of events in each space-time band.
    expected : ndarray
        Mean of the permuted tables (NaN without permutations).
    expected_exact : ndarray
        Exact permutation mean: row total x column total / number of pairs, the totals being
        over *all* pairs (a row total includes pairs outside every time band).
    ratio : ndarray
        ``observed / expected`` (the Knox ratio; NaN where ``expected`` is 0).
    p_value : ndarray
        ``(#permutations with count >= observed + 1) / (n_permutations + 1)``.
    space_labels, time_labels : tuple of str
        Interval of each row and column.
    n_events, n_pairs, n_permutations : int
        ``n_pairs`` counts all ``n (n - 1) / 2`` pairs.
    metric, convention, closed : str
    """

    observed: np.ndarray
    expected: np.ndarray
    expected_exact: np.ndarray
    ratio: np.ndarray
    p_value: np.ndarray
    space_labels: tuple[str, ...]
    time_labels: tuple[str, ...]
    n_events: int
    n_pairs: int
    n_permutations: int
    metric: str
    convention: str
    closed: str


@dataclass(frozen=True)
class Bands:
    """Bands between ascending ``edges``, optionally with a "0" band first and an open top band."""

    edges: np.ndarray
    closed: Closed = "left"
    zero_band: bool = False
    open_top: bool = False

    @property
    def size(self) -> int:
        """Number of bands."""
        return len(self.edges) - 1 + int(self.zero_band) + int(self.open_top)

    @property
    def n_bounded(self) -> int:
        """Number of bands with a finite upper edge (all but the open top band)."""
        return self.size - int(self.open_top)

    def index(self, values: np.ndarray) -> np.ndarray:
        """Band of each value, -1 when it falls in none."""
        e = self.edges
        if self.closed == "left":
            k = np.searchsorted(e, values, side="right") - 1
        else:
            k = np.searchsorted(e, values, side="left") - 1
            k[values == e[0]] = 0  # the lowest edge is included, like R's cut(include.lowest=TRUE)
        top = len(e) - 1
        k = np.where(k >= top, top if self.open_top else -1, k)
        if self.zero_band:
            k = np.where(values == 0, 0, np.where(k >= 0, k + 1, -1))
        return k

    def totals(self, count_below: Callable[[float, bool], int], n_pairs: int) -> np.ndarray:
        """Pairs per band, from ``count_below(edge, inclusive)`` = pairs with value < (<=) edge."""
        inclusive = self.closed == "right"
        below = np.array([count_below(float(e), inclusive) for e in self.edges])
        if inclusive:
            below[0] = count_below(float(self.edges[0]), False)
        counts = list(np.diff(below))
        if self.zero_band:
            zeros = count_below(0.0, True)
            counts = [zeros, counts[0] - zeros] + counts[1:]
        if self.open_top:
            counts.append(n_pairs - below[-1])
        return np.array(counts, dtype=np.int64)

    def labels(self) -> tuple[str, ...]:
        """Interval notation for each band, e.g. ``"[0, 7)"``, ``">= 21"``."""
        e = [f"{v:g}" for v in self.edges]
        lo, hi = ("[", ")") if self.closed == "left" else ("(", "]")
        body = [f"{lo}{a}, {b}{hi}" for a, b in zip(e[:-1], e[1:])]
        if self.closed == "right":
            body[0] = "[" + body[0][1:]
        if self.zero_band:
            body = ["0", "(" + body[0][1:]] + body[1:]
        if self.open_top:
            body.append((">= " if self.closed == "left" else "> ") + e[-1])
        return tuple(body)


@dataclass(frozen=True)
class _ClosePairs:
    """Pairs ``i < j`` closer than the top space edge, sorted by space band."""

    i: np.ndarray
    j: np.ndarray
    starts: np.ndarray  # starts[s]:starts[s + 1] are the pairs of bounded space band s


class _TimeCoder(Protocol):
    times: np.ndarray
    n_codes: int

    def codes(self, tp: np.ndarray, pairs: _ClosePairs) -> np.ndarray: ...

    def collapse(self, hist: np.ndarray) -> np.ndarray: ...


class _LagCoder:
    """Whole-number times: code each pair by its signed lag, map lags to bands afterwards."""

    def __init__(self, t: np.ndarray, bands: Bands) -> None:
        self.times = (t - t.min()).astype(np.int64)
        self.span = int(self.times.max())
        self.n_codes = 2 * self.span + 1
        band = bands.index(np.abs(np.arange(-self.span, self.span + 1)))
        self.lut = np.where(band < 0, bands.size, band)  # one spare column for "no band"
        self.n_bands = bands.size

    def codes(self, tp: np.ndarray, pairs: _ClosePairs) -> np.ndarray:
        lag = np.take(tp + self.span, pairs.i)  # shifted so every lag is a valid bin
        lag -= np.take(tp, pairs.j)
        return lag

    def collapse(self, hist: np.ndarray) -> np.ndarray:
        return np.rint(np.bincount(self.lut, weights=hist, minlength=self.n_bands + 1)[:-1]).astype(np.int64)


class _BandCoder:
    """Fractional times: code each pair by its time band directly."""

    def __init__(self, t: np.ndarray, bands: Bands) -> None:
        self.times = t.astype(float)
        self.bands = bands
        self.n_codes = bands.size + 1

    def codes(self, tp: np.ndarray, pairs: _ClosePairs) -> np.ndarray:
        band = self.bands.index(np.abs(np.take(tp, pairs.i) - np.take(tp, pairs.j)))
        return np.where(band < 0, self.bands.size, band)

    def collapse(self, hist: np.ndarray) -> np.ndarray:
        return hist[:-1].astype(np.int64)


def knox_test(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    t: npt.ArrayLike,
    space_bands: npt.ArrayLike,
    time_bands: npt.ArrayLike,
    *,
    metric: Metric = "euclidean",
    n_permutations: int = 999,
    seed: int | np.random.SeedSequence | None = None,
    convention: Convention = "standard",
    closed: Closed = "left",
) -> KnoxResult:
    """Knox test for space-time clustering of events, with a permutation p-value per band.

    Parameters
    ----------
    x, y : array_like
        Projected coordinates (metres).
    t : array_like
        Event times in days (e.g. days since 1970-01-01).
    space_bands, time_bands : array_like
        Ascending band edges, e.g. ``[0, 100, 200, 300]`` and ``[0, 7, 14, 21]``. Pairs
        beyond the last edge are left out, except with ``convention="nrc"``.
    metric : {"euclidean", "manhattan"}
    n_permutations : int
        Monte Carlo replicates; times are shuffled among events with
        ``np.random.default_rng(seed)``.
    seed : int, optional
    convention : {"standard", "nrc"}
        "nrc" reproduces the Near Repeat Calculator (see the module docstring); it needs
        ``closed="left"`` and edges starting at 0.
    closed : {"left", "right"}
        "left": ``[lo, hi)`` (R ``cut(right=FALSE)``, NearRepeat, Davies ``interval_side="right"``);
        "right": ``(lo, hi]`` with the lowest edge included (Davies ``interval_side="left"``).

    Returns
    -------
    KnoxResult

    References
    ----------
    Knox (1964) Applied Statistics 13:25; Johnson & Bowers (2004) European Journal of
    Criminology 1:237; Ratcliffe (2009) Near Repeat Calculator; Steenbeek, NearRepeat
    R package 0.1.1 (github.com/wsteenbeek/NearRepeat); Davies, Knox test in Python
    (github.com/tobydavies/NearRepeat).
    """
    xs, ys, t_days = _events(x, y, t)
    space, timeb = _bands(space_bands, time_bands, convention, closed)
    _check_options(metric, n_permutations)
    xy = np.column_stack([xs, ys])
    if convention == "nrc":
        xy, t_days = xy.astype(np.float32).astype(float), np.floor(t_days)
    pairs = _close_pairs(xy, space, metric)
    n_pairs = t_days.size * (t_days.size - 1) // 2
    col_totals = timeb.totals(_lag_counter(t_days), n_pairs)
    row_totals = _row_totals(pairs, space, n_pairs)
    coder = _time_coder(t_days, timeb)

    def tabulate(tp: np.ndarray) -> np.ndarray:
        return _complete(_close_table(tp, pairs, coder), col_totals, space.open_top)

    observed = tabulate(coder.times)
    rng = np.random.default_rng(seed)
    sims = np.array([tabulate(rng.permutation(coder.times)) for _ in range(n_permutations)])
    expected, ratio, p_value = _monte_carlo(observed, sims)
    return KnoxResult(
        observed=observed,
        expected=expected,
        expected_exact=np.outer(row_totals, col_totals) / n_pairs,
        ratio=ratio,
        p_value=p_value,
        space_labels=space.labels(),
        time_labels=timeb.labels(),
        n_events=int(t_days.size),
        n_pairs=int(n_pairs),
        n_permutations=int(n_permutations),
        metric=metric,
        convention=convention,
        closed=closed,
    )


def _events(x: npt.ArrayLike, y: npt.ArrayLike, t: npt.ArrayLike) -> tuple[np.ndarray, ...]:
    arrays = tuple(np.asarray(a, dtype=float).ravel() for a in (x, y, t))
    if len({a.size for a in arrays}) != 1:
        raise ValueError(f"x, y and t must have the same length, got {[a.size for a in arrays]}")
    if arrays[0].size < 2:
        raise ValueError("the Knox test needs at least two events")
    for name, a in zip("xyt", arrays):
        if not np.isfinite(a).all():
            raise ValueError(f"{name} must be finite (drop events without a location or date first)")
    return arrays


def _bands(
    space_edges: npt.ArrayLike, time_edges: npt.ArrayLike, convention: str, closed: Closed
) -> tuple[Bands, Bands]:
    if convention not in ("standard", "nrc"):
        raise ValueError(f"convention must be 'standard' or 'nrc', got {convention!r}")
    if closed not in ("left", "right"):
        raise ValueError(f"closed must be 'left' or 'right', got {closed!r}")
    nrc = convention == "nrc"
    if nrc and closed != "left":
        raise ValueError("the NRC convention uses [lo, hi) bands: closed must be 'left'")
    space = Bands(_edges(space_edges, "space_bands", nrc), closed, zero_band=nrc, open_top=nrc)
    return space, Bands(_edges(time_edges, "time_bands", nrc), closed, open_top=nrc)


def _edges(values: npt.ArrayLike, name: str, from_zero: bool) -> np.ndarray:
    e = np.asarray(values, dtype=float).ravel()
    if e.size < 2 or not np.isfinite(e).all() or (e < 0).any() or (np.diff(e) <= 0).any():
        raise ValueError(
            f"{name} must be at least two finite, non-negative, strictly increasing edges, got {e.tolist()}"
        )
    if from_zero and e[0] != 0:
        raise ValueError(f"with the NRC convention {name} must start at 0, got {e[0]:g}")
    return e


def _check_options(metric: str, n_permutations: int) -> None:
    if metric not in MINKOWSKI_P:
        raise ValueError(f"metric must be one of {tuple(MINKOWSKI_P)}, got {metric!r}")
    if int(n_permutations) != n_permutations or n_permutations < 0:
        raise ValueError(f"n_permutations must be a non-negative integer, got {n_permutations!r}")


def _close_pairs(xy: np.ndarray, space: Bands, metric: str) -> _ClosePairs:
    p = MINKOWSKI_P[metric]
    reach = space.edges[-1] * (1 + 1e-9) + 1e-9  # a little wider; exact bands come next
    ij = cKDTree(xy).query_pairs(reach, p=p, output_type="ndarray")
    # Month-resolution data can give tens of millions of close pairs: 32-bit indices and
    # one axis at a time keep the peak near 40 bytes a pair instead of 80.
    index_type = np.int32 if len(xy) < 2**31 else np.int64
    i, j = ij[:, 0].astype(index_type), ij[:, 1].astype(index_type)
    del ij
    distance = _pair_distance(xy, i, j, p)
    band = space.index(distance)
    del distance
    keep = (band >= 0) & (band < space.n_bounded)
    order = np.argsort(band[keep], kind="stable")
    starts = np.searchsorted(band[keep][order], np.arange(space.n_bounded + 1))
    return _ClosePairs(i=i[keep][order], j=j[keep][order], starts=starts)


def _pair_distance(xy: np.ndarray, i: np.ndarray, j: np.ndarray, p: float) -> np.ndarray:
    distance = np.abs(xy[i, 0] - xy[j, 0])
    dy = np.abs(xy[i, 1] - xy[j, 1])
    if p == 2:
        return np.hypot(distance, dy, out=distance)
    return np.add(distance, dy, out=distance)


def _lag_counter(t: np.ndarray) -> Callable[[float, bool], int]:
    ts = np.sort(t)
    position = np.arange(ts.size)

    def count_below(edge: float, inclusive: bool) -> int:
        # pairs (a < b in sorted order) with ts[b] - ts[a] < edge (or <= edge)
        reach = np.searchsorted(ts, ts + edge, side="right" if inclusive else "left")
        return int(np.maximum(reach - position - 1, 0).sum())

    return count_below


def _row_totals(pairs: _ClosePairs, space: Bands, n_pairs: int) -> np.ndarray:
    bounded = np.diff(pairs.starts)
    if not space.open_top:
        return bounded
    return np.append(bounded, n_pairs - bounded.sum())


def _time_coder(t: np.ndarray, bands: Bands) -> _TimeCoder:
    whole = np.array_equal(t, np.floor(t))
    if whole and 2 * (t.max() - t.min()) + 1 <= MAX_LAG_BINS:
        return _LagCoder(t, bands)
    return _BandCoder(t, bands)


def _close_table(tp: np.ndarray, pairs: _ClosePairs, coder: _TimeCoder) -> np.ndarray:
    codes = coder.codes(tp, pairs)
    segments = zip(pairs.starts[:-1], pairs.starts[1:])
    return np.array([coder.collapse(np.bincount(codes[a:b], minlength=coder.n_codes)) for a, b in segments])


def _complete(close: np.ndarray, col_totals: np.ndarray, open_top: bool) -> np.ndarray:
    if not open_top:
        return close
    # Column totals over all pairs are permutation-invariant: the far row is what is left.
    return np.vstack([close, col_totals - close.sum(axis=0)])


def _monte_carlo(observed: np.ndarray, sims: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if sims.size == 0:
        nan = np.full(observed.shape, np.nan)
        return nan, nan.copy(), nan.copy()
    expected = sims.mean(axis=0)
    ratio = np.full(observed.shape, np.nan)
    np.divide(observed, expected, out=ratio, where=expected > 0)
    p_value = ((sims >= observed).sum(axis=0) + 1) / (len(sims) + 1)
    return expected, ratio, p_value
