"""Crime concentration: Gini coefficients, repeat locations and risky facilities.

Counts are crimes per place (street segment, map point, grid cell, premises). Places that
had no crime matter: a share "in the top 10% of places" is only meaningful against all
places, so the functions here take the number of places separately from the counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.spatial import cKDTree

from beatbook.analysis.results import Result

#: Percentages of places (or facilities) at which shares of crime are reported by default.
DEFAULT_TOP_PERCENT: tuple[float, ...] = (1.0, 5.0, 10.0, 20.0)


def _as_counts(counts: ArrayLike, name: str = "counts") -> np.ndarray:
    """Return ``counts`` as a 1-D float array, refusing negative or non-finite values."""
    x = np.asarray(counts, dtype=float).ravel()
    if not np.all(np.isfinite(x)):
        raise ValueError(f"{name} must be finite numbers")
    if np.any(x < 0):
        raise ValueError(f"{name} must not be negative")
    return x


def _biased_gini(x: np.ndarray) -> float:
    """Gini of ``x`` as sum_i (2i - n - 1) x_(i) / (n sum x), x sorted ascending."""
    n = x.size
    ranks = np.arange(1, n + 1)
    return float(np.sum((2 * ranks - n - 1) * np.sort(x)) / (n * x.sum()))


def gini(counts: ArrayLike, generalized: bool = False, unbiased: bool = False) -> float:
    """Gini coefficient of crime concentration over places.

    Parameters
    ----------
    counts : array_like
        Crimes per place, one value per place, *including places with no crime*.
    generalized : bool
        Use the generalized Gini of Bernasco & Steenbeek (2017), which measures concentration
        against the most even spread that is possible when there are fewer crimes than
        places (C < N): ``max(1, N/C) * (G - 1) + 1``. Counts must then be whole numbers.
    unbiased : bool
        Apply the small-sample correction: ``n/(n-1)`` for the plain Gini, and
        ``min(N, C) / (min(N, C) - 1)`` for the generalized one.

    Returns
    -------
    float
        A value in [0, 1]: 0 is crime spread as evenly as possible, 1 all at one place.

    Raises
    ------
    ValueError
        If there is no crime, counts are negative, or the unbiased correction is
        undefined (fewer than two places, or fewer than two crimes when generalized).

    Notes
    -----
    Bernasco, W. & Steenbeek, W. (2017). More places than crimes: implications for
    evaluating the law of crime concentration at place. *Journal of Quantitative
    Criminology* 33, 451-467. doi:10.1007/s10940-016-9324-7. Formulas and example values
    as in the R package lorenzgini 0.1.2 (github.com/wsteenbeek/lorenzgini); the biased
    Gini is that of ``DescTools::Gini``.
    """
    x = _as_counts(counts)
    if x.size == 0 or x.sum() == 0:
        raise ValueError("Gini is undefined without any crime")
    value = _biased_gini(x)
    n_places, n_crimes = x.size, x.sum()
    if generalized:
        if not np.all(x == np.round(x)):
            raise ValueError("the generalized Gini needs whole-number counts")
        value = max(1.0, n_places / n_crimes) * (value - 1.0) + 1.0
    if unbiased:
        n = min(n_places, n_crimes) if generalized else n_places
        if n < 2:
            raise ValueError("the unbiased Gini needs at least two places (and two crimes)")
        value *= n / (n - 1)
    # Rounding error can put an exact 0 or 1 a hair outside the range.
    return float(np.clip(value, 0.0, 1.0))


def counts_per_place(place_ids: ArrayLike) -> np.ndarray:
    """Crimes per place from one place identifier per crime (places with crime only)."""
    _, counts = np.unique(np.asarray(place_ids), return_counts=True)
    return counts


def share_in_top(counts: ArrayLike, n_places: int, percent: float) -> float:
    """Share of all crime at the top ``percent``% of ``n_places`` places.

    ``counts`` may list only places with crime; the other ``n_places - len(counts)`` places
    count as crime-free. A fractional number of places is linearly interpolated along
    the concentration curve, so the share grows smoothly with ``percent``. With no crime
    at all the share is 0. Counting crime-free places follows Weisburd (2015), see
    :func:`repeat_locations`.
    """
    curve = _cumulative_shares(_padded_desc(_as_counts(counts), n_places))
    position = float(np.clip(percent, 0.0, 100.0)) / 100.0 * n_places
    return float(np.interp(position, np.arange(n_places + 1), curve))


def _padded_desc(x: np.ndarray, n_places: int) -> np.ndarray:
    """Counts sorted largest first and padded with zeros for the crime-free places."""
    if n_places < x.size:
        raise ValueError(f"n_places ({n_places}) is smaller than the number of counts ({x.size})")
    return np.concatenate([np.sort(x)[::-1], np.zeros(n_places - x.size)])


def _cumulative_shares(desc: np.ndarray) -> np.ndarray:
    """Cumulative share of crime, starting at 0, over places sorted largest first."""
    total = desc.sum()
    cumulative = np.concatenate([[0.0], np.cumsum(desc)])
    # No crime: report zero shares rather than dividing by zero.
    return cumulative / total if total > 0 else cumulative


@dataclass(frozen=True)
class RepeatLocations(Result):
    """Repeat-location statistics for one set of places.

    ``repeat_rate`` is repeat places over places with crime; ``repeat_share`` is the share
    of crime at repeat places; ``repeat_incident_share`` is the share of crimes that were
    not the first at their place (crimes minus places with crime, over crimes).
    ``top_share[i]`` is the share of crime at the top ``top_percent[i]``% of all places.
    """

    n_places: int
    places_with_crime: int
    repeat_places: int
    crimes: float
    repeat_rate: float
    repeat_share: float
    repeat_incident_share: float
    top_percent: tuple[float, ...]
    top_share: tuple[float, ...]


def _ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, or 0 when the denominator is 0 (nothing to share)."""
    return float(numerator / denominator) if denominator else 0.0


def repeat_locations(
    counts: ArrayLike,
    n_places: int | None = None,
    top_percent: Sequence[float] = DEFAULT_TOP_PERCENT,
) -> RepeatLocations:
    """Repeat-location rate and shares of crime at repeat and top places.

    Parameters
    ----------
    counts : array_like
        Crimes per place; may omit crime-free places.
    n_places : int, optional
        Number of places, including crime-free ones (default: ``len(counts)``).
    top_percent : sequence of float
        Percentages of places for the shares of crime in the top places.

    Notes
    -----
    Repeat places are places with two or more crimes (Farrell, G. & Pease, K. (1993).
    *Once bitten, twice bitten: repeat victimisation and its implications for crime
    prevention*. Home Office Crime Prevention Unit Paper 46). The share of crime at the
    top x% of places counting crime-free places follows Weisburd, D. (2015). The law of
    crime concentration and the criminology of place. *Criminology* 53(2), 133-157.
    """
    x = _as_counts(counts)
    n = x.size if n_places is None else int(n_places)
    with_crime, repeats = int(np.sum(x > 0)), x[x >= 2]
    crimes = float(x.sum())
    return RepeatLocations(
        n_places=n,
        places_with_crime=with_crime,
        repeat_places=int(repeats.size),
        crimes=crimes,
        repeat_rate=_ratio(repeats.size, with_crime),
        repeat_share=_ratio(repeats.sum(), crimes),
        repeat_incident_share=_ratio(crimes - with_crime, crimes),
        top_percent=tuple(float(p) for p in top_percent),
        top_share=tuple(share_in_top(x, n, p) for p in top_percent),
    )


@dataclass(frozen=True)
class RiskyFacilities(Result):
    """Crimes per facility and their concentration curve.

    ``counts`` is in the order facilities were given. ``facility_share`` and ``crime_share``
    trace the concentration curve over facilities sorted from most to least crime, starting
    at (0, 0). Each crime counts once, at the nearest facility within ``radius``.
    """

    radius: float
    counts: np.ndarray
    crimes_total: int
    crimes_assigned: int
    facility_share: np.ndarray
    crime_share: np.ndarray
    top_percent: tuple[float, ...]
    top_share: tuple[float, ...]
    assignment: str = "each crime to its nearest facility within the radius"


def nearest_within(facility_xy: np.ndarray, crime_xy: np.ndarray, radius: float) -> np.ndarray:
    """Nearest facility within ``radius`` of each crime; ``len(facilities)`` where there is none."""
    tree = cKDTree(facility_xy)
    # nextafter makes a crime exactly ``radius`` away count as inside.
    _, index = tree.query(crime_xy, k=1, distance_upper_bound=np.nextafter(radius, np.inf))
    return np.asarray(index, dtype=int)


def _as_xy(xy: ArrayLike, name: str) -> np.ndarray:
    """Coordinates as an (n, 2) float array."""
    a = np.asarray(xy, dtype=float)
    if a.size == 0:
        return a.reshape(0, 2)
    if a.ndim != 2 or a.shape[1] != 2:
        raise ValueError(f"{name} must be an (n, 2) array of x, y coordinates")
    return a


def risky_facilities(
    facility_xy: ArrayLike,
    crime_xy: ArrayLike,
    radius: float,
    top_percent: Sequence[float] = DEFAULT_TOP_PERCENT,
) -> RiskyFacilities:
    """Crimes per facility within ``radius`` and the concentration of crime over facilities.

    Parameters
    ----------
    facility_xy, crime_xy : array_like, shape (n, 2)
        Projected coordinates in metres (e.g. British National Grid).
    radius : float
        Distance in metres within which a crime is attributed to a facility. police.uk
        points are snapped to anonymous map points, so a radius of some tens of metres
        is needed to catch crimes "on or near" a premises.
    top_percent : sequence of float
        Percentages of facilities for which the share of their crime is reported.

    Notes
    -----
    Eck, J. E., Clarke, R. V. & Guerette, R. T. (2007). Risky facilities: crime
    concentration in homogeneous sets of establishments and facilities. *Crime
    Prevention Studies* 21, 225-264: a few facilities of a type account for most of the
    crime at all facilities of that type. Neighbours are found with scipy's cKDTree.
    """
    facilities, crimes = _as_xy(facility_xy, "facility_xy"), _as_xy(crime_xy, "crime_xy")
    if len(facilities) == 0:
        raise ValueError("risky_facilities needs at least one facility")
    if radius < 0:
        raise ValueError("radius must not be negative")
    index = nearest_within(facilities, crimes, float(radius))
    counts = np.bincount(index[index < len(facilities)], minlength=len(facilities))
    curve = _cumulative_shares(np.sort(counts)[::-1].astype(float))
    return RiskyFacilities(
        radius=float(radius),
        counts=counts,
        crimes_total=len(crimes),
        crimes_assigned=int(counts.sum()),
        facility_share=np.arange(len(facilities) + 1) / len(facilities),
        crime_share=curve,
        top_percent=tuple(float(p) for p in top_percent),
        top_share=tuple(share_in_top(counts, len(facilities), p) for p in top_percent),
    )


def concentration_curve(counts: ArrayLike, n_places: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The concentration (Lorenz) curve from (0, 0): share of places, busiest first, and share of crime."""
    x = _as_counts(counts)
    n = x.size if n_places is None else int(n_places)
    return np.arange(n + 1) / max(n, 1), _cumulative_shares(_padded_desc(x, n))
