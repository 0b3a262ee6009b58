"""The parameters of the police.uk methods, read as police.uk reads them; a bad one raises
BadParameters naming it (400 with the API's one error body)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from beatbook.api.errors import BadParameters
from beatbook.api.police_uk.locations import LocationId, point_of
from beatbook.core.months import parse_month
from beatbook.crime.police_uk.categories import CATEGORY_NAMES

ALL_CRIME = "all-crime"
MOST_POLY_POINTS = 10_000  # a GET is capped at 4,094 characters anyway; a POST could send more


def month(value: str | None, name: str = "date") -> date | None:
    """YYYY-MM as the first day of the month; None when not given (the latest month is used)."""
    if value is None or value == "":
        return None
    try:
        return parse_month(value)
    except ValueError:
        raise BadParameters({name: f"{value!r} is not a month written YYYY-MM, e.g. 2024-01"}) from None


def category(value: str) -> str | None:
    """A police.uk crime category slug; None for all-crime."""
    if value == ALL_CRIME:
        return None
    if value not in CATEGORY_NAMES:
        raise BadParameters({"category": f"{value!r} is not a police.uk crime category (see crime-categories)"})
    return value


def coordinate(value: str | None, name: str, limit: float, what: str) -> float:
    """A number of degrees within ±`limit`; `what` names it when it is missing."""
    if value is None or not value.strip():
        raise BadParameters({name: f"is required: the {what}, in decimal degrees"})
    try:
        number = float(value)
    except ValueError:
        raise BadParameters({name: f"{value!r} is not a number of degrees"}) from None
    if not math.isfinite(number) or abs(number) > limit:
        raise BadParameters({name: f"{value!r} is not a {name} between -{limit:g} and {limit:g}"})
    return number


def latitude(value: str | None, name: str = "lat") -> float:
    return coordinate(value, name, 90, "latitude (e.g. 51.5155)")


def longitude(value: str | None, name: str = "lng") -> float:
    return coordinate(value, name, 180, "longitude (e.g. -0.0922)")


def lat_lng_pair(text: str, name: str) -> tuple[float, float]:
    """ "lat,lng" as two numbers."""
    parts = text.split(",")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise BadParameters({name: f"{text!r} is not a latitude and longitude written lat,lng"})
    return latitude(parts[0].strip(), name), longitude(parts[1].strip(), name)


def polygon(value: str) -> BaseGeometry:
    """police.uk's poly: lat,lng pairs joined by colons, at least three; closed by a straight line."""
    pairs = [p for p in value.strip().split(":") if p.strip()]
    if len(pairs) < 3:
        raise BadParameters(
            {"poly": "give at least three lat,lng points joined by colons, e.g. 52.2,0.5:52.8,0.2:52.1,0.8"}
        )
    if len(pairs) > MOST_POLY_POINTS:
        raise BadParameters({"poly": f"{len(pairs):,} points; at most {MOST_POLY_POINTS:,} are accepted"})
    points = [lat_lng_pair(p, "poly") for p in pairs]
    shape = shapely.make_valid(Polygon([(lng, lat) for lat, lng in points]))
    if shape.area == 0:
        raise BadParameters({"poly": "the points enclose no area"})
    return shape


@dataclass(frozen=True)
class Area:
    """Where to look: a point (and the mile around it), a custom area, or one map point."""

    point: tuple[float, float] | None = None
    shape: BaseGeometry | None = None
    location: LocationId | None = None


def area(values: dict[str, str], allow_location: bool = False, allow_poly: bool = True) -> Area:
    """lat and lng, or poly, or (where the method takes it) location_id: exactly one of them."""
    given = [k for k in ("lat", "lng", "poly", "location_id") if values.get(k) not in (None, "")]
    if allow_location and "location_id" in given:
        if len(given) > 1:
            raise BadParameters({"location_id": "give location_id alone, without lat, lng or poly"})
        return Area(location=point_of(values["location_id"]))
    if allow_poly and "poly" in given:
        if "lat" in given or "lng" in given:
            raise BadParameters({"poly": "give either poly or lat and lng, not both"})
        return Area(shape=polygon(values["poly"]))
    if "lat" in given or "lng" in given:
        return Area(point=(latitude(values.get("lat")), longitude(values.get("lng"))))
    wanted = "lat and lng" + (", or poly" if allow_poly else "") + (", or location_id" if allow_location else "")
    raise BadParameters({"lat": f"give {wanted}"})


def required(values: dict[str, str], name: str) -> str:
    value = (values.get(name) or "").strip()
    if not value:
        raise BadParameters({name: "is required"})
    return value
