"""The Hub's analyses: crime arrays in, the library's results (beatbook.analysis) out.

No Django here: services.py gives the arrays, tables.py prints the results and export.py
writes them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.spatial import cKDTree

from beatbook.analysis.concentration import RepeatLocations, RiskyFacilities, gini, repeat_locations, risky_facilities
from beatbook.analysis.getis_ord import COLD, HOT, hotspots
from beatbook.analysis.grid import Grid, default_cell_size, make_grid
from beatbook.analysis.knox import KnoxResult, knox_test
from beatbook.analysis.seasonal import seasonal_anomalies
from beatbook.analysis.spacing import automatic_cell_size, cell_size_floor
from beatbook.analysis.trends import Forecast, YearOnYear, anomalies, forecast, month_label, year_on_year
from beatbook.core.months import add_months
from beatbook.hub.premises import Premises
from beatbook.hub.selection import CrimePoints

PLACE_TOP_PERCENT = (5.0, 10.0, 20.0)
PREMISES_TOP_PERCENT = (1.0, 5.0, 10.0, 20.0)
#: Beyond this many pairs of crimes within the top space band, the Knox permutations take minutes and gigabytes.
MAX_CLOSE_PAIRS = 30_000_000
#: Grids are refused beyond this many lattice cells (a --cell-size far too small for the area).
MAX_CELLS = 2_000_000


class AnalysisError(ValueError):
    """The selected crimes cannot be analysed this way (too few, all at one place, ...)."""


def _need(points: CrimePoints, at_least: int, what: str) -> None:
    if points.n == 0:
        raise AnalysisError("no located crime matches the selection (area, categories and months)")
    if points.n < at_least:
        raise AnalysisError(f"{what} needs at least {at_least} located crimes; the selection has {points.n}")


# Hotspots ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class HotspotCells:
    """Gi* per kept grid cell (arrays in the grid's cell order).

    ``map_points`` counts the distinct police.uk map points with a selected crime in each
    cell and ``streets`` names them ("Bishopsgate (412); Liverpool Street (300)"): a cell
    without a map point holds no crime, however high its z from busy neighbours.
    """

    grid: Grid
    automatic_size: bool
    rule_size: float  # sfhotspot's automatic size for these crimes
    spacing: float  # median distance between neighbouring map points (NaN when unknown)
    map_points: np.ndarray
    streets: np.ndarray
    z: np.ndarray
    p: np.ndarray
    p_adjusted: np.ndarray | None
    classes: np.ndarray  # 1 hot, -1 cold, 0 neither
    alpha: float
    fdr: bool

    def n_class(self, value: int) -> int:
        return int(np.sum(self.classes == value))

    def n_empty_hot(self) -> int:
        """Hot cells without a map point: the neighbours of busy points, not places."""
        return int(np.sum((self.classes == HOT) & (self.map_points == 0)))

    def ranked(self) -> np.ndarray:
        """Cells from the highest z to the lowest (undefined z last), then by count."""
        z = np.where(np.isfinite(self.z), self.z, -np.inf)
        return np.lexsort((-self.grid.counts, -z))

    def listed(self) -> np.ndarray:
        """The ranked cells that hold a map point: places an officer can find."""
        order = self.ranked()
        return order[self.map_points[order] > 0]


def hotspot_cells(
    points: CrimePoints, cell_size: float | None, alpha: float, fdr: bool, spacing: float = np.nan
) -> HotspotCells:
    """Getis-Ord Gi* with queen neighbours on a grid over the crimes.

    Without ``cell_size`` the cells are sfhotspot's automatic size, but never smaller than
    ``spacing``, the distance between neighbouring police.uk map points.
    """
    _need(points, 3, "a hotspot grid")
    try:
        rule_size = default_cell_size(points.x, points.y)
        size = automatic_cell_size(rule_size, spacing) if cell_size is None else cell_size
        _check_lattice(points, size)
        grid = make_grid(points.x, points.y, size)
        result = hotspots(grid.to_array(grid.counts), mask=grid.mask, alpha=alpha, fdr=fdr)
    except ValueError as exc:
        raise AnalysisError(f"no hotspot grid for these crimes: {exc}") from None

    def cells(lattice: np.ndarray) -> np.ndarray:
        return lattice[grid.rows, grid.cols]

    p_adjusted = None if result.p_adjusted is None else cells(result.p_adjusted)
    map_points, streets = _cell_map_points(grid, points)
    return HotspotCells(
        grid,
        cell_size is None,
        rule_size,
        spacing,
        map_points,
        streets,
        cells(result.z),
        cells(result.p),
        p_adjusted,
        cells(result.classification),
        alpha,
        fdr,
    )


def _check_lattice(points: CrimePoints, size: float) -> None:
    """Refuse cells so small that the lattice over the crimes would not fit in memory."""
    cells = (np.ptp(points.x) / size + 2) * (np.ptp(points.y) / size + 2)
    if cells > MAX_CELLS:
        raise AnalysisError(
            f"cells of {size:g} m would make a grid of about {cells:,.0f} cells over these crimes, "
            f"more than {MAX_CELLS:,}: choose a larger --cell-size"
        )


def street_name(location: str) -> str:
    """ "Bishopsgate" of police.uk's "On or near Bishopsgate"."""
    return location.removeprefix("On or near ").strip() or "(no name)"


def _cell_map_points(grid: Grid, points: CrimePoints) -> tuple[np.ndarray, np.ndarray]:
    """Distinct map points with crime in each cell, and their street names by crimes."""
    names: dict[int, Counter] = defaultdict(Counter)
    spots: dict[int, set] = defaultdict(set)
    cells = grid.locate(points.x, points.y).tolist()
    for cell, x, y, location in zip(cells, points.x.tolist(), points.y.tolist(), points.location.tolist()):
        names[cell][street_name(location)] += 1
        spots[cell].add((x, y))
    counts = np.zeros(grid.n_cells, dtype=np.int64)
    streets = np.full(grid.n_cells, "", dtype=object)
    for cell, counter in names.items():
        if cell >= 0:  # every crime is in a cell: the grid is built over them
            counts[cell] = len(spots[cell])
            streets[cell] = "; ".join(f"{name} ({n:,})" for name, n in counter.most_common())
    return counts, streets.astype(str)


CLASS_NAMES = {HOT: "hot", COLD: "cold", 0: "neither"}


# Near repeats -------------------------------------------------------------------------------


def month_lag_days(k: int) -> tuple[int, int]:
    """Shortest and longest number of days between the first days of months ``k`` apart."""
    starts = [date(year, month, 1) for year in (2023, 2024) for month in range(1, 13)]
    lags = [(add_months(s, k) - s).days for s in starts]
    return min(lags), max(lags)


def time_band_meaning(lo: float, hi: float) -> tuple[str, bool]:
    """What whole-month lags a ``[lo, hi)`` day band holds, and whether it splits a lag."""
    held, split = [], False
    for k in range(int(hi // 28) + 2):
        shortest, longest = month_lag_days(k)
        inside = lo <= shortest and longest < hi
        held += [k] if inside else []
        split |= not inside and shortest < hi and longest >= lo
    if not held:
        return "no whole-month lag", split
    if held == [0]:
        return "same month", split
    first, last = held[0], held[-1]
    span = f"{first}" if first == last else f"{first}-{last}"
    return f"{span} month{'s' if last != 1 else ''} apart", split


def close_pair_count(xy: np.ndarray, reach: float) -> int:
    """Pairs of crimes at most ``reach`` apart, counted over their distinct map points."""
    if len(xy) < 2:
        return 0
    points, weights = np.unique(xy, axis=0, return_counts=True)
    same = int(np.sum(weights * (weights - 1) // 2))
    ij = cKDTree(points).query_pairs(reach, output_type="ndarray")
    return same + int(np.sum(weights[ij[:, 0]] * weights[ij[:, 1]]))


@dataclass(frozen=True)
class NearRepeat:
    knox: KnoxResult
    time_meanings: tuple[str, ...]
    split_edges: bool  # True when a time edge splits the lags of some number of months


def near_repeat(
    points: CrimePoints, space_bands: list[float], time_bands: list[float], permutations: int, seed: int
) -> NearRepeat:
    """Knox test on map points and months (each dated its first day)."""
    _need(points, 2, "the Knox test")
    pairs = close_pair_count(points.xy, max(space_bands))
    if pairs > MAX_CLOSE_PAIRS:
        raise AnalysisError(
            f"{pairs:,} pairs of crimes lie within {max(space_bands):g} m of each other, more "
            f"than the {MAX_CLOSE_PAIRS:,} the permutations can handle here: narrow the "
            "selection with --from/--to, --category or an area"
        )
    try:
        knox = knox_test(
            points.x, points.y, points.days, space_bands, time_bands, n_permutations=permutations, seed=seed
        )
    except ValueError as exc:
        raise AnalysisError(str(exc)) from None
    meanings = [time_band_meaning(lo, hi) for lo, hi in zip(time_bands[:-1], time_bands[1:])]
    return NearRepeat(knox, tuple(m for m, _ in meanings), any(s for _, s in meanings))


# Concentration at places --------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceConcentration:
    """Crimes per police.uk map point of the area, including points without a selected crime."""

    xy: np.ndarray
    names: np.ndarray
    counts: np.ndarray
    gini: float
    generalized: bool  # fewer crimes than places: the generalized Gini differs from the plain one
    repeats: RepeatLocations

    def ranked(self) -> np.ndarray:
        return np.lexsort((self.names, -self.counts))


def place_concentration(points: CrimePoints, place_xy: np.ndarray, place_names: np.ndarray) -> PlaceConcentration:
    """Gini, repeat locations and shares in the top places of the selected crimes."""
    _need(points, 1, "concentration")
    index = {xy: i for i, xy in enumerate(map(tuple, place_xy.tolist()))}
    counts = np.bincount([index[xy] for xy in zip(points.x.tolist(), points.y.tolist())], minlength=len(place_xy))
    return concentration_at_places(place_xy, place_names, counts)


def concentration_at_places(place_xy: np.ndarray, place_names: np.ndarray, counts: np.ndarray) -> PlaceConcentration:
    """Gini, repeat locations and shares in the top places of ``counts`` crimes per place."""
    return PlaceConcentration(
        xy=place_xy,
        names=place_names,
        counts=counts,
        gini=gini(counts, generalized=True),
        generalized=bool(counts.sum() < counts.size),
        repeats=repeat_locations(counts, len(counts), PLACE_TOP_PERCENT),
    )


# Trends ---------------------------------------------------------------------------------------


SEASONAL = "seasonal"


@dataclass(frozen=True)
class MonthFlags:
    """Anomalous months of the period, by whichever rule: counts outside ``[lower, upper]``
    (for the control charts, their charted ``statistic`` outside them)."""

    rule: str  # what was done, in words
    rate: str  # the false alarms to expect, in words
    months: list[date]
    counts: np.ndarray
    statistic: np.ndarray
    expected: np.ndarray | None
    lower: np.ndarray
    upper: np.ndarray
    high: np.ndarray
    low: np.ndarray


@dataclass(frozen=True)
class Trends:
    months: list[date]
    counts: np.ndarray
    published: np.ndarray
    year_on_year: YearOnYear | None
    year_on_year_note: str
    by_category: tuple[tuple[str, YearOnYear], ...]
    anomalies: MonthFlags | None
    anomaly_note: str
    forecast: Forecast | None
    forecast_months: list[date]


def _month_numbers(months: list[date]) -> np.ndarray:
    return np.array([m.year * 12 + m.month - 1 for m in months], dtype=np.int64)


def _year_on_year(counts: np.ndarray, months: list[date], published: np.ndarray) -> tuple[YearOnYear | None, str]:
    if not published.any():
        return None, "no published month in the range"
    last = int(np.flatnonzero(published)[-1])
    try:
        return year_on_year(
            counts, _month_numbers(months), end=f"{months[last]:%Y-%m}", span=12, published=published
        ), ""
    except ValueError as exc:
        return None, f"not computed: {exc}"


def _category_changes(months: list[date], published: np.ndarray, series: dict[str, np.ndarray]):
    changes = [(c, _year_on_year(counts, months, published)[0]) for c, counts in series.items()]
    return tuple(sorted(((c, y) for c, y in changes if y is not None), key=lambda cy: -cy[1].current))


def _forecast(counts: np.ndarray, months: list[date], published: np.ndarray, horizon: int):
    if not published.any():
        return None, []
    last = int(np.flatnonzero(published)[-1])
    result = forecast(counts[: last + 1], horizon=horizon, published=published[: last + 1])
    return result, [add_months(months[last], k + 1) for k in range(horizon)]


def _seasonal_flags(
    counts: np.ndarray, months: list[date], published: np.ndarray, start: int, false_alarms: float
) -> MonthFlags:
    assess = np.arange(len(months)) >= start
    r = seasonal_anomalies(counts, _month_numbers(months), assess, published, false_alarms)
    baseline = f"{len(r.baseline)} published months {month_label(r.baseline[0])}..{month_label(r.baseline[-1])}"
    where = "the period itself (too few months before it)" if r.retrospective else baseline
    rule = (
        f"{r.model} (scale {r.scale:.2f}) fitted on {where}; a month is flagged when its count lies "
        f"in a tail of probability {r.tail_probability:.3f} of its prediction"
    )
    rate = f"{r.false_alarms_per_year:g} false alarms a year expected when nothing changes"
    shown = [m for m, a, p in zip(months, assess, published) if a and p]
    return MonthFlags(rule, rate, shown, r.counts, r.counts, r.expected, r.lower, r.upper, r.high, r.low)


def _chart_flags(counts: np.ndarray, months: list[date], rule: str) -> MonthFlags:
    chart = anomalies(counts, rule)
    return MonthFlags(
        f"{chart.rule}, centre {chart.centre:,.1f} from {chart.baseline_months} published months",
        "false alarms not controlled: the chart assumes Poisson counts without season",
        months,
        chart.counts,
        chart.statistic,
        None,
        chart.lower,
        chart.upper,
        chart.high,
        chart.low,
    )


def _flags(
    counts: np.ndarray, months: list[date], published: np.ndarray, start: int, rule: str, false_alarms: float
) -> tuple[MonthFlags | None, str]:
    shown = published[start:]
    if not shown.any():
        return None, "no published month to assess"
    if rule != SEASONAL:
        period = [m for m, p in zip(months[start:], shown) if p]
        return _chart_flags(counts[start:][shown], period, rule), ""
    try:
        return _seasonal_flags(counts, months, published, start, false_alarms), ""
    except ValueError as exc:
        return None, f"not computed: {exc}"


def trends(
    months: list[date],
    published: np.ndarray,
    series: dict[str, np.ndarray],
    first: date,
    rule: str,
    horizon: int,
    false_alarms: float = 0.5,
    by_category: bool = True,
) -> Trends:
    """Monthly series of the months from ``first`` (gaps are unpublished months), year on
    year, anomalies and a forecast; the months before ``first`` are history for the
    comparisons, the anomaly baseline and the forecast."""
    start = months.index(first)
    counts = sum(series.values(), np.zeros(len(months), dtype=np.int64))
    yoy, note = _year_on_year(counts, months, published)
    flags, flag_note = _flags(counts, months, published, start, rule, false_alarms)
    result, ahead = _forecast(counts, months, published, horizon)
    return Trends(
        months[start:],
        counts[start:],
        published[start:],
        yoy,
        note,
        _category_changes(months, published, series) if by_category else (),
        flags,
        flag_note,
        result,
        ahead,
    )


# Risky facilities -----------------------------------------------------------------------------


#: Crime categories linked to the night-time economy: the default of the premises analysis.
NIGHT_TIME_ECONOMY = ("violent-crime", "public-order", "theft-from-the-person", "anti-social-behaviour", "drugs")


@dataclass(frozen=True)
class PremisesRisk:
    premises: Premises
    xy: np.ndarray  # British National Grid of each premises
    outside_area: int
    result: RiskyFacilities
    spacing: float  # median distance between neighbouring map points
    automatic_radius: bool
    map_point_xy: np.ndarray  # each premises' nearest map point within the radius (NaN when none)
    map_point: np.ndarray  # name of each premises' nearest map point within the radius ("" when none)
    sharing: np.ndarray  # premises with that same nearest map point (0 when none)

    def ranked(self) -> np.ndarray:
        return np.lexsort((self.premises.names, -self.result.counts))

    def curve_at(self, percent: float) -> float:
        """Share of the crimes at the top ``percent``% of premises, read off the concentration curve."""
        return float(np.interp(percent / 100, self.result.facility_share, self.result.crime_share))


def _shared_map_points(
    xy: np.ndarray, place_xy: np.ndarray, place_names: np.ndarray, radius: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each premises' nearest map point within ``radius``, and how many premises share it:
    police.uk puts the crimes of all of them at that one point."""
    none = np.full((len(xy), 2), np.nan)
    if len(place_xy) == 0 or len(xy) == 0:
        return none, np.full(len(xy), "", dtype=str), np.zeros(len(xy), dtype=np.int64)
    distance, nearest = cKDTree(place_xy).query(xy)
    found = distance <= radius
    nearest = np.where(found, nearest, -1)
    per_point = np.bincount(nearest[found], minlength=len(place_xy))
    names = np.where(found, place_names[nearest.clip(0)], "")
    point_xy = np.where(found[:, None], place_xy[nearest.clip(0)], none)
    return point_xy, names.astype(str), np.where(found, per_point[nearest.clip(0)], 0)


def premises_risk(
    points: CrimePoints,
    premises: Premises,
    xy: np.ndarray,
    outside_area: int,
    radius: float | None,
    spacing: float = np.nan,
    place_xy: np.ndarray | None = None,
    place_names: np.ndarray | None = None,
) -> PremisesRisk:
    """Crimes within ``radius`` of each premises, each crime counted at its nearest one.

    Without ``radius``, the map-point ``spacing``: a premises' crimes are placed at the map
    point nearest it, about that far away.
    """
    if premises.n == 0:
        raise AnalysisError(f"none of the {premises.business_type!r} premises of {premises.source} lies in the area")
    if radius is None and not np.isfinite(spacing):
        raise AnalysisError("too few map points to choose a radius: give --radius")
    chosen = float(cell_size_floor(spacing)) if radius is None else radius
    result = risky_facilities(xy, points.xy, chosen, PREMISES_TOP_PERCENT)
    if place_xy is None or place_names is None:
        place_xy, place_names = np.unique(points.xy, axis=0), np.full(len(np.unique(points.xy, axis=0)), "")
    point_xy, names, sharing = _shared_map_points(xy, place_xy, place_names, chosen)
    return PremisesRisk(premises, xy, outside_area, result, spacing, radius is None, point_xy, names, sharing)
