"""The premises page's analysis: crimes near the premises of a register (risky facilities), the
police.uk map points those crimes were placed at and how many premises lie near each, every
premises' crimes per month, and its change against the same months a year earlier.

police.uk places each crime at one of a set of anonymous map points, so a premises' count is
the crimes placed at the map points nearest to it: when several premises lie near one point,
the count belongs to the point, not to one of them. The page says so with every count.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.spatial import cKDTree
from statsmodels.stats.multitest import multipletests

from beatbook.analysis.assessment import e_test
from beatbook.analysis.concentration import nearest_within
from beatbook.core.months import add_months
from beatbook.geography.projection import to_bng
from beatbook.hub import analyses, services
from beatbook.hub.analyses import PremisesRisk, street_name
from beatbook.hub.artefacts import CoverageNote, LocationArtefact, place_type
from beatbook.hub.cache import cached
from beatbook.hub.premises import Premises
from beatbook.hub.selection import CrimePoints, Selection, runs_text
from beatbook.premises.registers import Register, premises_of

ALPHA = 0.05


@dataclass(frozen=True)
class MapPointSource:
    """A police.uk map point whose crimes were counted at a premises (its nearest within the radius)."""

    name: str  # "On or near Victoria Avenue"
    easting: float
    northing: float
    crimes: int
    premises_near: int  # premises of the chosen types within the radius of the point
    any_near: int  # premises of the register, of any type, within the radius of the point

    @property
    def place_type(self) -> str | None:
        """The type of place police.uk names the point after ("Shopping Area"), or None for a street."""
        return place_type(self.name)


@dataclass(frozen=True)
class PremisesChange:
    """A premises' crimes in the period against the same months a year earlier (E-test, with the
    p-value adjusted for testing every premises with crime: Benjamini-Hochberg)."""

    current: int
    previous: int
    p_value: float
    p_adjusted: float

    @property
    def change(self) -> int:
        return self.current - self.previous

    @property
    def significant(self) -> bool:
        return self.p_adjusted < ALPHA


@dataclass(frozen=True)
class PremisesPage:
    selection: Selection
    register: Register
    types: tuple[str, ...]
    risk: PremisesRisk
    others: Premises  # the register's premises of other types in the area (the map's context layer)
    others_xy: np.ndarray
    months: list[date]
    published: np.ndarray
    monthly: np.ndarray  # premises x months of the period
    sources: tuple[tuple[MapPointSource, ...], ...]  # per premises, most crimes first
    near_any: int  # located crimes within the radius of a premises of the register, of any type
    changes: tuple[PremisesChange, ...] | None  # per premises; None when not comparable
    change_note: str
    artefacts: list[LocationArtefact]
    coverage: list[CoverageNote]

    @property
    def premises(self) -> Premises:
        return self.risk.premises

    def ranked_with_crime(self) -> list[int]:
        counts = self.risk.result.counts
        return [int(i) for i in self.risk.ranked() if counts[i] > 0]

    @property
    def kind_label(self) -> str:
        """The premises analysed, in the plural: "Pub/bar/nightclub premises", "premises of the chosen types"."""
        return f"{self.types[0]} premises" if len(self.types) == 1 else "premises of the chosen types"

    @property
    def kind_described(self) -> str:
        """ "Pub/bar/nightclub premises", "premises of the types Bar, Pub, Club and Nightclub"."""
        if len(self.types) == 1:
            return self.kind_label
        return f"premises of the types {', '.join(self.types[:-1])} and {self.types[-1]}"

    @property
    def counted_share(self) -> float:
        r = self.risk.result
        return r.crimes_assigned / r.crimes_total if r.crimes_total else 0.0

    @property
    def near_any_share(self) -> float:
        total = self.risk.result.crimes_total
        return self.near_any / total if total else 0.0

    def nearest_point_sharing(self) -> str:
        """How many premises share their nearest map point with another (police.uk pools their crimes there)."""
        shared, n = self.risk.sharing > 1, self.premises.n
        if not shared.any():
            return f"none of the {n:,} premises shares its nearest map point with another"
        most = int(np.argmax(self.risk.sharing))
        where = street_name(str(self.risk.map_point[most])) or "one point"
        return (
            f"{int(shared.sum()):,} of the {n:,} premises share their nearest map point with another premises "
            f"(up to {int(self.risk.sharing[most])} at {where})"
        )

    def shared_points(self) -> int:
        """Map points with crimes counted at a premises that lie within the radius of two or more premises."""
        return len({(s.easting, s.northing) for row in self.sources for s in row if s.premises_near > 1})


def page_options(register: Register, types: tuple[str, ...], radius: float | None) -> dict[str, object]:
    """What, besides the selection and the crime data, a cached result of the page depends on."""
    return {"register": register.version, "types": sorted(types), "radius": radius}


def premises_page(selection: Selection, register: Register, types: tuple[str, ...], radius: float | None):
    """The page's analysis, cached by data version, register version and options."""
    options = page_options(register, types, radius)
    return cached("premises", selection, options, lambda: _compute(selection, register, types, radius))


def types_label(types: tuple[str, ...]) -> str:
    return "; ".join(types) if types else "all types"


def _compute(selection: Selection, register: Register, types: tuple[str, ...], radius: float | None) -> PremisesPage:
    every = premises_of(register, selection.force_slug)
    chosen = every.of_types(types, types_label(types))
    kept, xy, outside = services.premises_in_area(selection, chosen)
    points = services.crime_points(selection)
    spacing = services.map_point_spacing(selection)
    place_xy, place_names = services.places(selection, in_months=True)
    risk = analyses.premises_risk(points, kept, xy, outside, radius, spacing, place_xy, place_names)
    assigned = nearest_within(xy, points.xy, risk.result.radius) if points.n else np.zeros(0, dtype=int)
    names = dict(zip(map(tuple, place_xy.tolist()), place_names.tolist()))
    others, others_xy, _ = services.premises_in_area(selection, _other_types(every, types))
    every_xy = _located_bng(every)
    changes, note = _changes(selection, xy, risk)
    return PremisesPage(
        selection=selection,
        register=register,
        types=types,
        risk=risk,
        others=others,
        others_xy=others_xy,
        months=selection.months,
        published=selection.published_mask,
        monthly=_monthly(assigned, points, selection, kept.n),
        sources=_sources(assigned, points, names, xy, every_xy, risk.result.radius),
        near_any=_near_any(every_xy, points, risk.result.radius),
        changes=changes,
        change_note=note,
        artefacts=services.location_artefacts(selection),
        coverage=services.coverage_notes(selection),
    )


def _other_types(every: Premises, types: tuple[str, ...]) -> Premises:
    """The register's premises not of ``types`` (none when every type is chosen)."""
    chosen = {t.casefold() for t in types}
    keep = np.array([bool(types) and t.casefold() not in chosen for t in every.types.tolist()], dtype=bool)
    return dataclasses.replace(every.subset(keep), business_type="other types", unlocated_types=())


def _located_bng(premises: Premises) -> np.ndarray:
    eastings, northings = to_bng(premises.lng, premises.lat)
    return np.column_stack([eastings, northings]).reshape(-1, 2)


def _near_any(every_xy: np.ndarray, points: CrimePoints, radius: float) -> int:
    """Crimes within ``radius`` of some premises of the register: the share to read the premises' own against."""
    if len(every_xy) == 0 or points.n == 0:
        return 0
    return int(np.sum(nearest_within(every_xy, points.xy, radius) < len(every_xy)))


def _monthly(assigned: np.ndarray, points: CrimePoints, selection: Selection, n: int) -> np.ndarray:
    """Crimes counted at each premises in each month of the period."""
    months = len(selection.months)
    table = np.zeros((n, months), dtype=np.int64)
    counted = assigned < n
    first = np.datetime64(f"{selection.first:%Y-%m}", "M").astype(np.int64)
    position = points.month.astype("datetime64[M]").astype(np.int64) - first
    np.add.at(table, (assigned[counted], position[counted]), 1)
    return table


def _sources(
    assigned: np.ndarray,
    points: CrimePoints,
    names: dict[tuple[float, float], str],
    xy: np.ndarray,
    every_xy: np.ndarray,
    radius: float,
) -> tuple[tuple[MapPointSource, ...], ...]:
    """For each premises, the map points whose crimes were counted at it, with the premises near each."""
    n = len(xy)
    counted = assigned < n
    if n == 0 or not counted.any():
        return tuple(() for _ in range(n))
    rows = np.column_stack([assigned[counted], points.x[counted], points.y[counted]])
    groups, crimes = np.unique(rows, axis=0, return_counts=True)
    reach = np.nextafter(radius, np.inf)
    chosen_tree, every_tree = cKDTree(xy), cKDTree(every_xy) if len(every_xy) else None
    found: list[list[MapPointSource]] = [[] for _ in range(n)]
    for (premises, x, y), count in zip(groups.tolist(), crimes.tolist()):
        near_any = len(every_tree.query_ball_point((x, y), reach)) if every_tree is not None else 0
        near = len(chosen_tree.query_ball_point((x, y), reach))
        found[int(premises)].append(MapPointSource(names.get((x, y), ""), x, y, int(count), near, max(near, near_any)))
    return tuple(tuple(sorted(f, key=lambda s: (-s.crimes, s.name))) for f in found)


def _previous_window(selection: Selection) -> tuple[date, date, list[date]]:
    first, last = add_months(selection.first, -12), add_months(selection.last, -12)
    published = set(services.published_months(selection.force_slug))
    missing = [m for m in selection.months if add_months(m, -12) not in published]
    return first, last, missing


def _changes(selection: Selection, xy: np.ndarray, risk: PremisesRisk) -> tuple[tuple[PremisesChange, ...] | None, str]:
    """Each premises' crimes against the same months a year earlier, or why they cannot be compared."""
    first, last, missing = _previous_window(selection)
    if missing:
        gaps = runs_text([add_months(m, -12) for m in missing])
        return None, f"No comparison with a year earlier: no data are published for {gaps}."
    if selection.unpublished:
        return None, f"No comparison with a year earlier: no data are published for {runs_text(selection.unpublished)}."
    earlier = dataclasses.replace(
        selection, first=first, last=last, published=tuple(add_months(m, -12) for m in selection.months)
    )
    points = services.crime_points(earlier)
    n = len(xy)
    assigned = nearest_within(xy, points.xy, risk.result.radius) if points.n and n else np.zeros(0, dtype=int)
    previous = np.bincount(assigned[assigned < n], minlength=n)
    return _tested(risk.result.counts, previous), (
        f"Against {first:%Y-%m}..{last:%Y-%m}, counted the same way. police.uk moves some map points "
        "between years, so a change at one premises can be a moved point: read it with the map points."
    )


def _tested(current: np.ndarray, previous: np.ndarray) -> tuple[PremisesChange, ...]:
    """E-tests of every premises with a crime in either year, adjusted together (Benjamini-Hochberg)."""
    tested = np.flatnonzero((current + previous) > 0)
    p = np.ones(len(current))
    adjusted = np.ones(len(current))
    if tested.size:
        p[tested] = [e_test(int(current[i]), int(previous[i])).p_value for i in tested]
        adjusted[tested] = multipletests(p[tested], alpha=ALPHA, method="fdr_bh")[1]
    return tuple(
        PremisesChange(int(c), int(b), float(pv), float(pa))
        for c, b, pv, pa in zip(current.tolist(), previous.tolist(), p, adjusted)
    )
