"""Where crime gathers in the year: the persistent and new hotspots (hub/hot_change.py: Gi* cells of
the year against the twelve months before) and the pubs, bars and nightclubs with the most crime near
them (the Hub's premises page on the shipped FSA register)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from beatbook.hub import services
from beatbook.hub.analyses import AnalysisError
from beatbook.hub.cache import cached
from beatbook.hub.export import from_bng
from beatbook.hub.hot_change import NEW, PERSISTENT, hot_change
from beatbook.hub.premises import PremisesFileError
from beatbook.hub.premises_page import premises_page
from beatbook.premises.registers import FSA, registers
from beatbook.reports.year import ReportYear

HOTSPOTS_LISTED = 10
PREMISES_LISTED = 10


@dataclass(frozen=True)
class Hotspot:
    kind: str  # persistent | new
    streets: tuple[str, ...]  # the streets of its map points, most crimes first
    crimes: int  # in the year's published months
    before: int  # in the twelve months before
    lat: float
    lng: float


@dataclass(frozen=True)
class Hotspots:
    places: list[Hotspot]
    cell_size: float
    before_months: int  # published months of the twelve before the year
    n_hot: int  # hot cells with a map point, all listed or not
    note: str  # why there are none

    def count(self, kind: str) -> int:
        return sum(p.kind == kind for p in self.places)


@dataclass(frozen=True)
class PremisesRow:
    name: str
    address: str
    crimes: int
    map_point: str
    sharing: int  # premises with the same nearest map point


@dataclass(frozen=True)
class Premises:
    rows: list[PremisesRow]
    register: str
    radius: float
    with_crime: int
    n_premises: int
    note: str


@dataclass(frozen=True)
class Places:
    hotspots: Hotspots
    premises: Premises


def _before(year: ReportYear) -> list[date]:
    published = services.published_months(year.force_slug)
    return [m for m in published if m.year == year.year - 1]


def _hotspots(year: ReportYear) -> Hotspots:
    before = _before(year)
    span = services.select(year.force_slug, (), date(year.year - 1, 1, 1), date(year.year, 12, 1))
    try:
        hot = hot_change(services.crime_points(span), list(year.published), before, services.map_point_spacing(span))
    except AnalysisError as exc:
        return Hotspots([], 0.0, len(before), 0, f"No hotspot analysis: {exc}.")
    cells = hot.listed()
    xs, ys = hot.grid.centres
    lngs, lats = from_bng(xs[cells], ys[cells]) if cells else (np.array([]), np.array([]))
    places = [
        Hotspot(hot.status(c), tuple(s for s, _ in hot.streets[c][:3]), int(hot.recent[c]), int(hot.before[c]), la, ln)
        for c, la, ln in zip(cells[:HOTSPOTS_LISTED], lats.tolist(), lngs.tolist())
    ]
    return Hotspots(places, float(hot.grid.cell_size), len(before), len(cells), "")


def _premises(year: ReportYear) -> Premises:
    register = {r.key: r for r in registers(year.force_slug)}[FSA]
    try:
        page = premises_page(year.selection, register, register.default_types(), None)
    except (AnalysisError, PremisesFileError) as exc:
        return Premises([], register.label, 0.0, 0, 0, f"No premises analysis: {exc}.")
    risk, ranked = page.risk, page.ranked_with_crime()
    rows = [
        PremisesRow(
            str(risk.premises.names[i]),
            str(risk.premises.addresses[i]),
            int(risk.result.counts[i]),
            str(risk.map_point[i]),
            int(risk.sharing[i]),
        )
        for i in ranked[:PREMISES_LISTED]
    ]
    return Premises(rows, register.label, float(risk.result.radius), len(ranked), risk.premises.n, "")


def places(year: ReportYear) -> Places:
    """Cached by data version, as the Hub's own analyses are."""
    return cached("report-places", year.selection, {}, lambda: Places(_hotspots(year), _premises(year)))


KINDS = (PERSISTENT, NEW)
