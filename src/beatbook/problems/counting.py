"""Counting the stored crimes of an assessment's areas, month by month.

Every count is of police.uk map points: a crime belongs to the response area, the buffer ring
or the control area by where its map point lies, in British National Grid metres. Only crimes
placed in the force's own wards are counted: another force's crimes are not in this data, so a
ring reaching over the force's boundary is counted inside it only (said in the notes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import shapely
from shapely.geometry import Point, shape
from shapely.ops import unary_union

from beatbook.crime.models import Crime
from beatbook.geography.models import Ward
from beatbook.geography.projection import geometry_to_bng, to_bng
from beatbook.problems.spec import AssessmentSpec, SpecError

AREAS = ("response", "buffer", "control")


@dataclass(frozen=True)
class StoredCrimes:
    """Located crimes of the force's wards in the assessment's months."""

    x: np.ndarray
    y: np.ndarray
    month: np.ndarray  # first day of the month, datetime64[D]
    category: np.ndarray
    ward_id: np.ndarray


@dataclass(frozen=True)
class Masks:
    """For each stored crime: is it in the response area, the buffer ring, the control area."""

    response: np.ndarray
    buffer: np.ndarray
    control: np.ndarray

    def of(self, name: str) -> np.ndarray:
        return getattr(self, name)


def wards_by_code(force_slug: str, codes: tuple[str, ...], option: str) -> list[Ward]:
    """The force's wards with these ONS codes, refusing an unknown code by name."""
    wards = {w.code: w for w in Ward.objects.of_force(force_slug)}
    unknown = [c for c in codes if c not in wards]
    if unknown:
        raise SpecError(option, f"no ward {', '.join(unknown)} in this force")
    return [wards[c] for c in codes]


def _ward_union(wards: list[Ward]):
    return unary_union([geometry_to_bng(w.geometry) for w in wards])


def response_geometry(spec: AssessmentSpec):
    """The response area on British National Grid."""
    if spec.area_wards:
        return _ward_union(wards_by_code(spec.force_slug, spec.area_wards, "area"))
    if spec.polygon is not None:
        geometry = geometry_to_bng(shape(spec.polygon))
        if geometry.is_empty or not geometry.is_valid or geometry.area == 0:
            raise SpecError("polygon", "the polygon is empty or crosses itself")
        return geometry
    assert spec.radius is not None
    lat, lng, metres = spec.radius
    x, y = to_bng([lng], [lat])
    return Point(float(x[0]), float(y[0])).buffer(metres, quad_segs=64)


def stored_crimes(spec: AssessmentSpec) -> StoredCrimes:
    """The force's located crimes of the two periods (and categories), read once."""
    months = spec.before.months + spec.after.months
    rows = Crime.objects.filter(
        ward__in=Ward.objects.of_force(spec.force_slug), easting__isnull=False, month__in=months
    )
    if spec.categories:
        rows = rows.filter(category__in=spec.categories)
    values = list(rows.order_by().values_list("easting", "northing", "month", "category", "ward_id"))
    x, y, month, category, ward = zip(*values) if values else ((),) * 5
    return StoredCrimes(
        x=np.array(x, dtype=float),
        y=np.array(y, dtype=float),
        month=np.array(month, dtype="datetime64[D]"),
        category=np.array(category, dtype=str),
        ward_id=np.array(ward, dtype=np.int64),
    )


def _in_response(spec: AssessmentSpec, crimes: StoredCrimes, geometry) -> np.ndarray:
    if spec.radius is not None:  # a circle is measured exactly, not as a polygon drawn round it
        centre = geometry.centroid
        return np.hypot(crimes.x - centre.x, crimes.y - centre.y) <= spec.radius[2]
    if spec.area_wards:  # the ward the ingest placed the crime in, as every Hub page counts it
        ids = [w.pk for w in wards_by_code(spec.force_slug, spec.area_wards, "area")]
        return np.isin(crimes.ward_id, ids)
    return shapely.contains_xy(geometry, crimes.x, crimes.y)


def _in_ring(spec: AssessmentSpec, crimes: StoredCrimes, geometry, response: np.ndarray) -> np.ndarray:
    if spec.buffer_m <= 0:
        return np.zeros(crimes.x.size, dtype=bool)
    if spec.radius is not None:
        centre = geometry.centroid
        return ~response & (np.hypot(crimes.x - centre.x, crimes.y - centre.y) <= spec.radius[2] + spec.buffer_m)
    outer = geometry.buffer(spec.buffer_m, quad_segs=32)
    return ~response & shapely.contains_xy(outer, crimes.x, crimes.y)


def masks(spec: AssessmentSpec, crimes: StoredCrimes) -> Masks:
    """Where each crime lies. The control area leaves out the response area and its ring, so
    that no crime is counted twice."""
    geometry = response_geometry(spec)
    response = _in_response(spec, crimes, geometry)
    ring = _in_ring(spec, crimes, geometry, response)
    control_ids = [w.pk for w in wards_by_code(spec.force_slug, spec.control_wards, "control")]
    control = np.isin(crimes.ward_id, control_ids)
    if spec.control_polygon is not None:  # a drawn control area counts by map point, like a drawn response area
        drawn = geometry_to_bng(shape(spec.control_polygon))
        control |= shapely.contains_xy(drawn, crimes.x, crimes.y)
    return Masks(response, ring, control & ~response & ~ring)


def monthly(crimes: StoredCrimes, mask: np.ndarray, months: list[date]) -> np.ndarray:
    """Crimes of ``mask`` per month of ``months``."""
    keys = np.array(months, dtype="datetime64[D]")
    return np.array([int(np.sum(mask & (crimes.month == k))) for k in keys], dtype=np.int64)


def by_category(crimes: StoredCrimes, mask: np.ndarray, months: list[date]) -> dict[str, int]:
    """Crimes of ``mask`` in ``months``, by category."""
    keep = mask & np.isin(crimes.month, np.array(months, dtype="datetime64[D]"))
    slugs, counts = np.unique(crimes.category[keep], return_counts=True)
    return {str(s): int(n) for s, n in zip(slugs, counts)}
