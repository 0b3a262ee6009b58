"""The records of a month inside an area: a mile around a point, a custom polygon, or one map
point. The database narrows to the area's bounding box (on the (month, ...) indexes); numpy and
shapely then keep the records truly inside."""

from __future__ import annotations

import math

import numpy as np
import shapely
from django.db.models import QuerySet
from ninja.errors import HttpError

from beatbook.api.police_uk.locations import TOLERANCE
from beatbook.api.police_uk.params import Area

MILE_M = 1609.344
EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG)
MOST_RECORDS = 10_000  # police.uk answers 503 above this
MOST_IN_BOX = 200_000  # the bounding box read to count a custom area exactly


class TooMany(HttpError):
    """police.uk's 503 for an area holding too much."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            503, f"{detail}; at most {MOST_RECORDS:,} are served, as on police.uk: ask for a smaller area."
        )


def metres_from(lat: float, lng: float, lats: np.ndarray, lngs: np.ndarray) -> np.ndarray:
    """Great-circle distances (haversine)."""
    p1, p2 = math.radians(lat), np.radians(lats)
    dp, dl = p2 - p1, np.radians(lngs - lng)
    a = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def box_around(qs: QuerySet, lat: float, lng: float, metres: float) -> QuerySet:
    dlat = math.degrees(metres / EARTH_RADIUS_M)
    dlng = dlat / max(math.cos(math.radians(lat)), 1e-6)
    return qs.filter(lat__range=(lat - dlat, lat + dlat), lng__range=(lng - dlng, lng + dlng))


def ids_inside(qs: QuerySet, area: Area) -> list[int]:
    """The ids of the records of ``qs`` inside ``area``; TooMany past police.uk's limit."""
    if area.location is not None:
        point = area.location
        near = qs.filter(
            lat__range=(point.lat - TOLERANCE, point.lat + TOLERANCE),
            lng__range=(point.lng - TOLERANCE, point.lng + TOLERANCE),
        )
        return _limited(list(near.values_list("id", flat=True)))
    if area.point is not None:
        box = box_around(qs, *area.point, MILE_M)
        ids, lats, lngs = _columns(box)
        return _limited(ids[metres_from(*area.point, lats, lngs) <= MILE_M].tolist())
    assert area.shape is not None
    west, south, east, north = area.shape.bounds
    ids, lats, lngs = _columns(qs.filter(lat__range=(south, north), lng__range=(west, east)))
    return _limited(ids[shapely.intersects_xy(area.shape, lngs, lats)].tolist())


def nearest_point(qs: QuerySet, lat: float, lng: float) -> tuple[float, float] | None:
    """The map point of ``qs`` nearest to (lat, lng), within a mile."""
    ids, lats, lngs = _columns(box_around(qs, lat, lng, MILE_M))
    if ids.size == 0:
        return None
    distances = metres_from(lat, lng, lats, lngs)
    best = int(np.argmin(distances))
    return (float(lats[best]), float(lngs[best])) if distances[best] <= MILE_M else None


def _columns(qs: QuerySet) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = list(qs.values_list("id", "lat", "lng")[: MOST_IN_BOX + 1])
    if len(rows) > MOST_IN_BOX:
        raise TooMany(f"The bounding box of the area holds more than {MOST_IN_BOX:,} records")
    if not rows:
        return np.empty(0, dtype=np.int64), np.empty(0), np.empty(0)
    table = np.array(rows, dtype=float)
    return table[:, 0].astype(np.int64), table[:, 1], table[:, 2]


def _limited(ids: list[int]) -> list[int]:
    if len(ids) > MOST_RECORDS:
        raise TooMany(f"The area holds {len(ids):,} records")
    return ids
