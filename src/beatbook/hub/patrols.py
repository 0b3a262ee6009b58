"""Places for a tasking briefing, and the patrol areas it suggests, each with its evidence in words.

A place is either a hot grid cell (named by the streets of its police.uk map points) or one
map point that is a repeat location outside the hot cells. Suggestions are ranked by a rule a
sergeant can check: by crimes in the month, and at equal counts persistent hotspots before
new ones before other repeat locations. (Ranking every hotspot before any repeat location put
hot squares with no crime that month above a point with 27 on the City's data.)

No Django here: briefing.py gives the places, the crimes and the premises.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import numpy as np

from beatbook.crime.police_uk.categories import category_name
from beatbook.hub.artefacts import WHY, place_type
from beatbook.hub.hot_change import HOT, NEW, PERSISTENT
from beatbook.hub.selection import CrimePoints

REPEAT = "repeat"
TIERS = {PERSISTENT: 0, NEW: 1, HOT: 1, REPEAT: 2}
#: A category is said to be up at a place when it has at least this many more crimes than a year earlier.
CATEGORY_RISE = 3
SUGGESTIONS = 5
#: Marks the nearest street added to a map point named after a type of place: "On or near Supermarket (near X)".
NEAR = " (near "


def police_uk_text(location: str) -> str:
    """police.uk's own text of a location named here (the nearest street taken off)."""
    return location.split(NEAR)[0]


@dataclass(frozen=True)
class Place:
    """A findable place: a hot cell (``cell`` >= 0) or a single map point (``cell`` = -1)."""

    kind: str  # persistent | new | repeat
    streets: tuple[str, ...]  # street names of its map points, busiest first
    locations: tuple[str, ...]  # police.uk's "On or near ..." texts of its map points
    ward: str
    xy: tuple[float, float]  # British National Grid: the map point, or the cell's centre
    lat: float
    lng: float
    month_crimes: int
    year_earlier: int | None  # the same month a year earlier (None when not published)
    recent: int = 0  # hot cells: crimes in the recent months ...
    before: int = 0  # ... and in the twelve months before
    hot_months: int = 0  # recent months in which the cell was hot on that month's crimes alone
    cell: int = -1

    @property
    def name(self) -> str:
        return " / ".join(self.streets[:3]) + (" and more" if len(self.streets) > 3 else "")

    @property
    def recorded_at_station(self) -> bool:
        """Every map point is a police station: crimes recorded there, not a place to patrol."""
        return bool(self.locations) and all(place_type(police_uk_text(t)) in WHY for t in self.locations)


@dataclass(frozen=True)
class PremisesChange:
    """Night-time-economy crimes near one premises in the recent months against a year earlier."""

    name: str
    address: str
    postcode: str
    crimes: int
    previous: int
    p_value: float
    clearly_up: bool
    map_point: str  # the police.uk map point nearest the premises ("" when none within the radius)
    sharing: int  # premises whose nearest map point is that same point
    xy: tuple[float, float]  # that map point (NaN when none)


@dataclass(frozen=True)
class Patrol:
    rank: int
    place: Place
    evidence: str


@dataclass(frozen=True)
class Period:
    """The months the evidence speaks of."""

    month: date
    recent: tuple[date, ...]  # the recent months (the month last)
    year_earlier_published: bool  # the same month a year earlier
    recent_a_year_earlier_published: bool
    before_published: int  # published months among the twelve before the recent ones


def months_text(months: tuple[date, ...] | list[date]) -> str:
    """ "December 2025" or "Oct-Dec 2025" (or "Nov 2025-Jan 2026")."""
    if not months:
        return "no month"
    first, last = months[0], months[-1]
    if first == last:
        return f"{first:%B %Y}"
    if first.year == last.year:
        return f"{first:%b}–{last:%b %Y}"
    return f"{first:%b %Y}–{last:%b %Y}"


def a_year_earlier(month: date) -> date:
    return date(month.year - 1, month.month, 1)


def _months_of(points: CrimePoints, months) -> np.ndarray:
    return np.isin(points.month.astype("datetime64[M]"), np.array(list(months), dtype="datetime64[M]"))


def _hot_words(place: Place, period: Period) -> str:
    n = len(period.recent)
    window = months_text(period.recent)
    alone = f", and hot on its own in {place.hot_months} of those {n} months" if n > 1 else ""
    before = (
        "the 12 months before"
        if period.before_published == 12
        else f"the {period.before_published} published months before"
    )
    if place.kind == PERSISTENT:
        return f"a hotspot in {window} and in {before} (persistent){alone}"
    if place.kind == NEW:
        return f"a hotspot in {window} but not in {before} (new){alone}"
    if place.kind == HOT:
        return f"a hotspot in {window} (no earlier month was published to compare with){alone}"
    return "a repeat location, not part of a hotspot cell"


def _category_words(points: CrimePoints, at: np.ndarray, period: Period) -> str:
    """The category most up on the recent months a year earlier, or the commonest one."""
    recent = Counter(points.category[at & _months_of(points, period.recent)].tolist())
    if period.recent_a_year_earlier_published:
        earlier = Counter(points.category[at & _months_of(points, [a_year_earlier(m) for m in period.recent])].tolist())
        rises = sorted(((recent[c] - earlier[c], c) for c in recent), reverse=True)
        if rises and rises[0][0] >= CATEGORY_RISE:
            c = rises[0][1]
            window = months_text(period.recent)
            return f"{category_name(c).lower()}: {recent[c]} in {window} against {earlier[c]} a year earlier"
    if not recent:
        return ""
    c, n = recent.most_common(1)[0]
    return f"most often {category_name(c).lower()} ({n} of {sum(recent.values())} in {months_text(period.recent)})"


def _premises_words(place: Place, premises: list[PremisesChange], inside) -> str:
    here = [p for p in premises if p.map_point and inside(p.xy)]
    if not here:
        return ""
    named = "; ".join(
        f"{p.name} ({p.crimes} night-time crimes, {p.previous} a year earlier{', clearly up' if p.clearly_up else ''})"
        for p in here[:2]
    )
    return f"pubs and bars here with more crime than a year earlier: {named}"


def evidence(place: Place, points: CrimePoints, at: np.ndarray, period: Period, premises_words: str) -> str:
    """One sentence: crimes in the month, the hotspot status, what is up, and premises."""
    month = f"{period.month:%B %Y}"
    counted = f"{place.month_crimes} crime{'s' if place.month_crimes != 1 else ''} in {month}"
    if place.year_earlier is not None:
        counted += f" ({place.year_earlier} in {a_year_earlier(period.month):%B %Y})"
    parts = [counted, _hot_words(place, period), _category_words(points, at, period), premises_words]
    return "; ".join(p for p in parts if p) + "."


def suggest(
    places: list[Place],
    points: CrimePoints,
    masks: list[np.ndarray],
    period: Period,
    premises: list[PremisesChange],
    contains: list,
    n: int = SUGGESTIONS,
) -> list[Patrol]:
    """The top ``n`` places (``masks[i]`` selects the crimes of ``places[i]``; ``contains[i](xy)``
    says whether a point lies in it), each with its evidence. Places whose every map point is a
    police station are left out: their crimes were recorded there."""
    order = sorted(
        (i for i, p in enumerate(places) if not p.recorded_at_station),
        key=lambda i: (-places[i].month_crimes, TIERS[places[i].kind], places[i].name),
    )
    return [
        Patrol(
            rank,
            places[i],
            evidence(places[i], points, masks[i], period, _premises_words(places[i], premises, contains[i])),
        )
        for rank, i in enumerate(order[:n], start=1)
    ]
