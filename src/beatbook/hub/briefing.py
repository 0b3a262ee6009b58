"""The tasking briefing: what changed in an area in one month, on one page.

Anomalies of the month (the seasonal rule of the trends, for all crimes and for each
category), new and persistent hotspots (hot_change.py), repeat locations of the month,
pubs and bars with more night-time crime than a year earlier (the premises analysis on the
recent months and the same months a year earlier), and the patrol areas these suggest
(patrols.py). Computed once per data version.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Count
from scipy.spatial import cKDTree

from beatbook.analysis.assessment import e_test
from beatbook.analysis.seasonal import seasonal_anomalies
from beatbook.analysis.trends import YearOnYear, year_on_year
from beatbook.core.months import add_months, month_range
from beatbook.crime.models import Crime
from beatbook.crime.police_uk.categories import category_name
from beatbook.geography.locate import locator_for_force
from beatbook.hub import analyses, services
from beatbook.hub.artefacts import PREFIX, CoverageNote, LocationArtefact, place_type
from beatbook.hub.cache import cached
from beatbook.hub.export import from_bng
from beatbook.hub.hot_change import HOT, NEW, PERSISTENT, HotChange, hot_change
from beatbook.hub.patrols import NEAR, REPEAT, Patrol, Period, Place, PremisesChange, a_year_earlier, suggest
from beatbook.hub.premises import PUBS_BARS_NIGHTCLUBS, PremisesFileError, read_premises
from beatbook.hub.selection import CrimePoints, Selection

#: Months before the recent ones that hotspots are compared with.
BEFORE_MONTHS = 12
REPEATS_LISTED = 10
PREMISES_LISTED = 5
#: Flags a year of one series in which nothing changes (the trends' default).
FALSE_ALARMS = 0.5
PREMISES_ALPHA = 0.05


@dataclass(frozen=True)
class MonthCount:
    """One series (all crimes or a category) in the month, against what the seasonal rule expected."""

    slug: str
    name: str
    count: int
    expected: float
    lower: float
    upper: float
    flag: str  # "higher than expected", "lower than expected" or ""
    year_earlier: int | None


@dataclass(frozen=True)
class Anomalies:
    total: MonthCount | None
    rows: list[MonthCount]  # every category, flagged ones first

    @property
    def flagged(self) -> list[MonthCount]:
        return [r for r in self.rows if r.flag]

    @property
    def assessed(self) -> int:
        return len(self.rows)

    baseline: str  # the months the rule learnt from, in words
    note: str  # why there is no assessment

    @property
    def chance_flags_a_month(self) -> float:
        """Category flags to expect in a month when nothing has changed."""
        return self.assessed * FALSE_ALARMS / 12


@dataclass(frozen=True)
class PremisesRise:
    changes: list[PremisesChange]  # premises with more crimes than a year earlier, clearest first
    compared: int  # premises with a crime in either period
    n_premises: int
    radius: float
    source: str
    months: tuple[date, ...]
    note: str  # why there is no comparison

    @property
    def clearly_up(self) -> list[PremisesChange]:
        return [c for c in self.changes if c.clearly_up]

    @property
    def chance_rises(self) -> float:
        """Premises to expect "clearly up" by chance alone (a rise at two-sided alpha: half of it)."""
        return self.compared * PREMISES_ALPHA / 2


@dataclass(frozen=True)
class Briefing:
    selection: Selection  # the month
    window: int  # recent months compared for hotspots and premises
    period: Period
    total: int
    year_on_year: YearOnYear | None
    comparison_note: str
    anomalies: Anomalies
    hot: HotChange | None
    hot_note: str
    hot_places: list[Place]
    repeats: list[Place]
    premises: PremisesRise
    patrols: list[Patrol]
    artefacts: list[LocationArtefact]
    coverage: list[CoverageNote]
    unpublished: list[date]  # months of the recent and earlier windows without data
    renamed: int  # crimes at map points police.uk left unnamed in their month, named from other months

    @property
    def hot_counts(self) -> list[tuple[str, int]]:
        kinds = Counter(p.kind for p in self.hot_places)
        return [(kind, kinds[kind]) for kind in (PERSISTENT, NEW, HOT) if kinds[kind] or kind != HOT]


def _span(selection: Selection, first: date, last: date, categories: tuple[str, ...] | None = None) -> Selection:
    published = set(services.published_months(selection.force_slug))
    return dataclasses.replace(
        selection,
        first=first,
        last=last,
        published=tuple(m for m in month_range(first, last) if m in published),
        categories=selection.categories if categories is None else categories,
        default_period=False,
    )


# Anomalies -------------------------------------------------------------------------------------


def _month_count(slug: str, counts: np.ndarray, history: Selection, month: date) -> tuple[MonthCount, np.ndarray]:
    """The month's count against the seasonal rule's range, and the months the rule learnt from."""
    numbers = np.array([m.year * 12 + m.month - 1 for m in history.months])
    assess = np.array([m == month for m in history.months])
    r = seasonal_anomalies(counts, numbers, assess, history.published_mask, FALSE_ALARMS)
    flag = "higher than expected" if r.high[0] else ("lower than expected" if r.low[0] else "")
    earlier = a_year_earlier(month)
    year_earlier = int(counts[history.months.index(earlier)]) if earlier in history.published else None
    name = category_name(slug) if slug else "All crimes"
    row = MonthCount(
        slug,
        name,
        int(counts[assess][0]),
        float(r.expected[0]),
        float(r.lower[0]),
        float(r.upper[0]),
        flag,
        year_earlier,
    )
    return row, (np.array([]) if r.retrospective else r.baseline)


def _baseline_words(baseline: np.ndarray) -> str:
    if baseline.size == 0:
        return "too few published months before it to learn from, so the month was compared with itself"
    first, last = (date(int(n) // 12, int(n) % 12 + 1, 1) for n in (baseline[0], baseline[-1]))
    return f"the {baseline.size} published months {first:%b %Y}–{last:%b %Y}"


def _year_on_year(total: np.ndarray, history: Selection) -> tuple[YearOnYear | None, str]:
    """The month against the same month a year earlier (E-test), or why it cannot be."""
    months = np.array([m.year * 12 + m.month - 1 for m in history.months])
    try:
        return year_on_year(total, months, f"{history.last:%Y-%m}", 1, history.published_mask), ""
    except ValueError as exc:
        return None, f"no comparison with a year earlier: {exc}"


def _anomalies(history: Selection, series: dict[str, np.ndarray], total: np.ndarray) -> Anomalies:
    month = history.last
    try:
        overall, baseline = _month_count("", total, history, month)
        rows = [_month_count(slug, counts, history, month)[0] for slug, counts in series.items()]
    except ValueError as exc:
        return Anomalies(None, [], "", f"No anomaly assessment: {exc}.")
    order = {"higher than expected": 0, "lower than expected": 1, "": 2}
    rows.sort(key=lambda r: (order[r.flag], -r.count, r.name))
    return Anomalies(overall, rows, _baseline_words(baseline), "")


# Places ------------------------------------------------------------------------------------------


def _unnamed(location: str) -> bool:
    return not location.removeprefix(PREFIX).strip()


def _point_names(selection: Selection) -> dict[tuple[float, float], str]:
    """The name each map point of the area has most often, over every stored month, among its
    non-empty names: police.uk leaves some points unnamed ("On or near ") in some months."""
    stored = Crime.objects.filter(ward_id__in=selection.area.ward_ids, easting__isnull=False)
    rows = stored.values_list("easting", "northing", "location").annotate(n=Count("pk")).order_by()
    best: dict[tuple[float, float], tuple[int, str]] = {}
    for easting, northing, location, n in rows:
        if not _unnamed(location) and n > best.get((easting, northing), (0, ""))[0]:
            best[(easting, northing)] = (n, location)
    return {xy: name for xy, (_, name) in best.items()}


class _Namer:
    """Findable names of map points: police.uk's own, the point's name of other months when
    police.uk left it unnamed, and the nearest street for points named after a type of place
    ("On or near Supermarket (near Cheapside)")."""

    def __init__(self, names: dict[tuple[float, float], str]) -> None:
        self.names = names
        streets = [(xy, n) for xy, n in names.items() if place_type(n) is None]
        self.street_xy = np.array([xy for xy, _ in streets], dtype=float).reshape(-1, 2)
        self.street_names = [n.removeprefix(PREFIX) for _, n in streets]
        self.tree = cKDTree(self.street_xy) if streets else None

    def __call__(self, location: str, xy: tuple[float, float]) -> str:
        text = location if not _unnamed(location) else self.names.get(xy, "Unnamed map point")
        if place_type(text) is None and not text.startswith("Unnamed"):
            return text
        near = self._nearest_street(xy)
        return f"{text}{NEAR}{near})" if near else text

    def _nearest_street(self, xy: tuple[float, float]) -> str:
        if self.tree is None:
            return ""
        k = min(2, len(self.street_names))
        distances, indices = self.tree.query(xy, k=k)
        for distance, i in zip(np.atleast_1d(distances), np.atleast_1d(indices)):
            if distance > 0:
                return self.street_names[int(i)]
        return ""


def _named(points: CrimePoints, namer: _Namer) -> tuple[CrimePoints, int]:
    """The crimes with findable location names, and how many were at points police.uk left unnamed."""
    keys = list(zip(points.location.tolist(), points.x.tolist(), points.y.tolist()))
    display = {key: namer(key[0], (key[1], key[2])) for key in set(keys)}
    unnamed = sum(_unnamed(text) for text, _, _ in keys)
    return dataclasses.replace(points, location=np.array([display[k] for k in keys], dtype=str)), unnamed


def _ward_names(selection: Selection, xy: np.ndarray) -> list[str]:
    if len(xy) == 0:
        return []
    lngs, lats = from_bng(xy[:, 0], xy[:, 1])
    locator = locator_for_force(selection.force_slug)
    names = {w.pk: w.name for w in locator.wards}
    return [names.get(int(i), "") for i in locator.locate_many(lats, lngs)]


def _lat_lng(xy: np.ndarray) -> tuple[list[float], list[float]]:
    if len(xy) == 0:
        return [], []
    lngs, lats = from_bng(xy[:, 0], xy[:, 1])
    return lats.tolist(), lngs.tolist()


def _in_month(points: CrimePoints, month: date) -> np.ndarray:
    return points.month.astype("datetime64[M]") == np.datetime64(month, "M")


def _busiest_point(points: CrimePoints, at: np.ndarray) -> tuple[float, float]:
    xy, n = np.unique(points.xy[at], axis=0, return_counts=True)
    return (float(xy[np.argmax(n)][0]), float(xy[np.argmax(n)][1])) if len(xy) else (np.nan, np.nan)


def _hot_places(hot: HotChange, points: CrimePoints, period: Period, selection: Selection) -> list[Place]:
    cells = hot.listed()
    located = hot.grid.locate(points.x, points.y)
    recent = np.isin(points.month.astype("datetime64[M]"), np.array(period.recent, dtype="datetime64[M]"))
    spots = np.array([_busiest_point(points, (located == c) & recent) for c in cells]).reshape(-1, 2)
    wards = _ward_names(selection, spots)
    lats, lngs = _lat_lng(spots)
    month, earlier = _in_month(points, period.month), _in_month(points, a_year_earlier(period.month))
    return [
        Place(
            kind=hot.status(c),
            streets=tuple(s for s, _ in hot.streets[c]),
            locations=hot.locations[c],
            ward=ward,
            xy=(float(x), float(y)),
            lat=float(lat),
            lng=float(lng),
            month_crimes=int(np.sum(month & (located == c))),
            year_earlier=int(np.sum(earlier & (located == c))) if period.year_earlier_published else None,
            recent=int(hot.recent[c]),
            before=int(hot.before[c]),
            hot_months=int(hot.hot_by_month[:, c].sum()),
            cell=c,
        )
        for c, (x, y), ward, lat, lng in zip(cells, spots.tolist(), wards, lats, lngs)
    ]


def _repeats(selection: Selection, points: CrimePoints, period: Period) -> list[Place]:
    """Map points with two or more crimes in the month, most first (the busiest ``REPEATS_LISTED``)."""
    month = _in_month(points, period.month)
    xy, counts = np.unique(points.xy[month], axis=0, return_counts=True)
    rows = []
    for (x, y), n in zip(xy.tolist(), counts.tolist()):
        if n >= 2:
            texts = Counter(points.location[month & (points.x == x) & (points.y == y)].tolist())
            rows.append((-n, texts.most_common(1)[0][0], x, y))
    top = sorted(rows)[:REPEATS_LISTED]
    spots = np.array([(x, y) for _, _, x, y in top], dtype=float).reshape(-1, 2)
    wards = _ward_names(selection, spots)
    lats, lngs = _lat_lng(spots)
    earlier = _in_month(points, a_year_earlier(period.month))
    return [
        Place(
            kind=REPEAT,
            streets=(analyses.street_name(name),),
            locations=(name,),
            ward=ward,
            xy=(x, y),
            lat=lat,
            lng=lng,
            month_crimes=-n,
            year_earlier=int(np.sum(earlier & (points.x == x) & (points.y == y)))
            if period.year_earlier_published
            else None,
        )
        for (n, name, x, y), ward, lat, lng in zip(top, wards, lats, lngs)
    ]


# Premises ----------------------------------------------------------------------------------------


def _premises_counts(selection: Selection, kept, xy, outside: int, spacing: float) -> analyses.PremisesRisk:
    place_xy, place_names = services.places(selection, in_months=True)
    return analyses.premises_risk(
        services.crime_points(selection), kept, xy, outside, None, spacing, place_xy, place_names
    )


def _changes(now: analyses.PremisesRisk, then: analyses.PremisesRisk) -> list[PremisesChange]:
    p = now.premises
    rows = []
    for i in np.flatnonzero(now.result.counts > then.result.counts):
        crimes, previous = int(now.result.counts[i]), int(then.result.counts[i])
        p_value = e_test(crimes, previous).p_value
        xy = (float(now.map_point_xy[i][0]), float(now.map_point_xy[i][1]))
        rows.append(
            PremisesChange(
                str(p.names[i]), str(p.addresses[i]), str(p.postcodes[i]), crimes, previous, p_value,
                p_value < PREMISES_ALPHA, str(now.map_point[i]), int(now.sharing[i]), xy,
            )
        )  # fmt: skip
    return sorted(rows, key=lambda r: (r.p_value, -r.crimes, r.name))


def _premises(selection: Selection, period: Period, window: int, spacing: float) -> PremisesRise:
    from beatbook.hub.commands import DEFAULT_PREMISES

    recent = tuple(month_range(add_months(period.month, 1 - window), period.month))
    empty = PremisesRise([], 0, 0, 0.0, DEFAULT_PREMISES.name, recent, "")
    if len(period.recent) < window or not period.recent_a_year_earlier_published:
        return dataclasses.replace(
            empty, note="No comparison: a month of these or of the same months a year earlier was not published."
        )
    try:
        kept, xy, outside = services.premises_in_area(selection, read_premises(DEFAULT_PREMISES, PUBS_BARS_NIGHTCLUBS))
        nte = analyses.NIGHT_TIME_ECONOMY
        now = _premises_counts(_span(selection, recent[0], recent[-1], nte), kept, xy, outside, spacing)
        earlier = [a_year_earlier(m) for m in recent]
        then = _premises_counts(_span(selection, earlier[0], earlier[-1], nte), kept, xy, outside, spacing)
    except (PremisesFileError, analyses.AnalysisError) as exc:
        return dataclasses.replace(empty, note=f"No premises comparison: {exc}.")
    compared = int(np.sum((now.result.counts > 0) | (then.result.counts > 0)))
    return PremisesRise(
        _changes(now, then)[:PREMISES_LISTED], compared, kept.n, now.result.radius, DEFAULT_PREMISES.name, recent, ""
    )


# Patrols -------------------------------------------------------------------------------------------


def _patrols(
    hot: HotChange | None,
    hot_places: list[Place],
    repeats: list[Place],
    points: CrimePoints,
    period: Period,
    premises: list[PremisesChange],
) -> list[Patrol]:
    located = hot.grid.locate(points.x, points.y) if hot is not None else np.full(points.n, -1)
    in_hot = {p.cell for p in hot_places}
    others = [r for r in repeats if hot is None or int(hot.grid.locate([r.xy[0]], [r.xy[1]])[0]) not in in_hot]
    places = hot_places + others
    masks = [(located == p.cell) if p.cell >= 0 else ((points.x == p.xy[0]) & (points.y == p.xy[1])) for p in places]
    return suggest(places, points, masks, period, premises, [_contains(hot, p) for p in places])


def _contains(hot: HotChange | None, place: Place) -> Callable[[tuple[float, float]], bool]:
    if place.cell >= 0 and hot is not None:
        grid, cell = hot.grid, place.cell
        return lambda xy: bool(np.isfinite(xy[0])) and int(grid.locate([xy[0]], [xy[1]])[0]) == cell
    return lambda xy: xy == place.xy


# The briefing ----------------------------------------------------------------------------------------


def _period(selection: Selection, window: int) -> Period:
    published = set(services.published_months(selection.force_slug))
    month = selection.last
    recent = tuple(m for m in month_range(add_months(month, 1 - window), month) if m in published)
    return Period(
        month=month,
        recent=recent,
        year_earlier_published=a_year_earlier(month) in published,
        recent_a_year_earlier_published=all(a_year_earlier(m) in published for m in recent),
        before_published=sum(
            m in published
            for m in month_range(add_months(month, -(window + BEFORE_MONTHS - 1)), add_months(month, -window))
        ),
    )


def _hot(span: Selection, points: CrimePoints, period: Period, spacing: float) -> tuple[HotChange | None, str]:
    before = [m for m in span.published if m < period.recent[0]] if period.recent else []
    try:
        return hot_change(points, list(period.recent), before, spacing), ""
    except analyses.AnalysisError as exc:
        return None, f"No hotspots: {exc}."


def _compute(selection: Selection, window: int) -> Briefing:
    month = selection.last
    span = _span(selection, add_months(month, -(window + BEFORE_MONTHS - 1)), month)
    namer = _Namer(_point_names(selection))
    points, renamed = _named(services.crime_points(span), namer)
    period = _period(selection, window)
    spacing = services.map_point_spacing(span)
    hot, hot_note = _hot(span, points, period, spacing)
    hot_places = _hot_places(hot, points, period, selection) if hot is not None else []
    repeats = _repeats(selection, points, period)
    premises = _premises(selection, period, window, spacing)
    history = services.with_history(selection)
    series = services.category_series(history)
    total = sum(series.values(), np.zeros(len(history.months), dtype=np.int64))
    year_on_year, comparison_note = _year_on_year(total, history)
    return Briefing(
        selection=selection,
        window=window,
        period=period,
        total=int(total[-1]),
        year_on_year=year_on_year,
        comparison_note=comparison_note,
        anomalies=_anomalies(history, series, total),
        hot=hot,
        hot_note=hot_note,
        hot_places=hot_places,
        repeats=repeats,
        premises=premises,
        patrols=_patrols(hot, hot_places, repeats, points, period, premises.changes),
        artefacts=services.location_artefacts(selection),
        coverage=services.coverage_notes(selection),
        unpublished=span.unpublished,
        renamed=renamed,
    )


def briefing(selection: Selection, window: int) -> Briefing:
    """The briefing of the selection's (last) month, cached by data version."""
    return cached("briefing", selection, {"window": window}, lambda: _compute(selection, window))
