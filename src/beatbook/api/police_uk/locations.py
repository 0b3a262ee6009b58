"""The `street.id` of a police.uk map point, derived from its coordinates.

police.uk numbers its anonymous map points; its files carry only their coordinates (six decimal
places) and names. beatbook derives a stable id from the coordinates alone, so the same point has
the same id in every month and every method, and `location_id` turns back into the point without
a lookup table: the microdegrees north of 49.8° times 2^24, plus the microdegrees east of -8.7°.
Inside the box the ingest accepts (latitude 49.8..61, longitude -8.7..2) the id is below 2^48,
exact in every JSON reader (JavaScript's too).
"""

from __future__ import annotations

from dataclasses import dataclass

from beatbook.api.errors import BadParameters
from beatbook.crime.police_uk.rows import UK_LAT, UK_LNG

MICRO = 1_000_000
SHIFT = 1 << 24
LAT_ORIGIN = round(UK_LAT[0] * MICRO)
LNG_ORIGIN = round(UK_LNG[0] * MICRO)
TOLERANCE = 0.5 / MICRO  # half a microdegree: the stored float of a six-decimal coordinate


@dataclass(frozen=True)
class LocationId:
    lat: float
    lng: float


def street_id(lat: float, lng: float) -> int:
    north = round(lat * MICRO) - LAT_ORIGIN
    east = round(lng * MICRO) - LNG_ORIGIN
    return north * SHIFT + east


def point_of(value: str) -> LocationId:
    """The map point of a `location_id`; BadParameters for anything that is not one."""
    try:
        number = int(value)
    except ValueError:
        raise BadParameters({"location_id": f"{value!r} is not a location id (a whole number)"}) from None
    north, east = divmod(number, SHIFT)
    if number < 0 or north > round((UK_LAT[1] - UK_LAT[0]) * MICRO) or east > round((UK_LNG[1] - UK_LNG[0]) * MICRO):
        raise BadParameters({"location_id": f"{value!r} is not the id of a map point"})
    return LocationId((north + LAT_ORIGIN) / MICRO, (east + LNG_ORIGIN) / MICRO)
