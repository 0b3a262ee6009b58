"""What an assessment compares: the response area, its buffer ring, the control wards and the
before and after periods. Plain data, shared by the page, the API and `beatbook assess`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from beatbook.core.months import add_months, month_range

PERIOD = re.compile(r"^(\d{4})-(\d{2}):(\d{4})-(\d{2})$")


class SpecError(ValueError):
    """An assessment input that cannot be used; ``option`` names the field or option at fault."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option, self.message = option, message


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @classmethod
    def parse(cls, text: str, option: str) -> Period:
        """``YYYY-MM:YYYY-MM``, first month to last month inclusive."""
        match = PERIOD.match(text.strip())
        if match is None:
            raise SpecError(option, f"{text!r} is not YYYY-MM:YYYY-MM (e.g. 2023-01:2023-12)")
        y1, m1, y2, m2 = map(int, match.groups())
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            raise SpecError(option, f"{text!r} has a month outside 01..12")
        period = cls(date(y1, m1, 1), date(y2, m2, 1))
        if period.first > period.last:
            raise SpecError(option, f"{text!r} ends before it starts")
        return period

    @property
    def months(self) -> list[date]:
        return month_range(self.first, self.last)

    def text(self) -> str:
        return f"{self.first:%Y-%m}:{self.last:%Y-%m}"

    def shifted(self, months: int) -> Period:
        return Period(add_months(self.first, months), add_months(self.last, months))


@dataclass(frozen=True)
class AssessmentSpec:
    """The inputs of one assessment. Wards are ONS codes; the polygon is a GeoJSON geometry (WGS84)."""

    force_slug: str
    before: Period
    after: Period
    buffer_m: float = 0.0
    area_wards: tuple[str, ...] = ()
    polygon: dict[str, Any] | None = None
    radius: tuple[float, float, float] | None = None  # lat, lng, metres
    control_wards: tuple[str, ...] = ()
    control_polygon: dict[str, Any] | None = None  # a control area drawn on the map, with or without wards
    categories: tuple[str, ...] = field(default=())
    alpha: float = 0.1

    def __post_init__(self) -> None:
        given = sum(bool(x) for x in (self.area_wards, self.polygon, self.radius))
        if given != 1:
            raise SpecError("area", "give exactly one response area: wards, a polygon or a radius")
        if self.buffer_m < 0 or self.buffer_m > 5000:
            raise SpecError("buffer", f"{self.buffer_m:g} m is not between 0 and 5000 m")
        if self.radius is not None and not 0 < self.radius[2] <= 5000:
            raise SpecError("radius", f"{self.radius[2]:g} m is not between 1 and 5000 m")
        if self.after.first <= self.before.last:
            raise SpecError("after", "the after period must start after the before period ends")
        if not 0 < self.alpha < 1:
            raise SpecError("alpha", "must be between 0 and 1")

    def options(self) -> dict[str, Any]:
        """The inputs as JSON values, in the words of `beatbook assess`."""
        return {
            "force": self.force_slug,
            "area": list(self.area_wards) or None,
            "polygon": self.polygon,
            "radius": list(self.radius) if self.radius else None,
            "buffer": self.buffer_m,
            "control": list(self.control_wards),
            "control_polygon": self.control_polygon,
            "before": self.before.text(),
            "after": self.after.text(),
            "category": list(self.categories),
            "alpha": self.alpha,
        }

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> AssessmentSpec:
        """The spec ``options()`` wrote (a saved assessment is re-run from its inputs)."""
        radius = options.get("radius")
        return cls(
            force_slug=options["force"],
            before=Period.parse(options["before"], "before"),
            after=Period.parse(options["after"], "after"),
            buffer_m=float(options.get("buffer") or 0),
            area_wards=tuple(options.get("area") or ()),
            polygon=options.get("polygon"),
            radius=(float(radius[0]), float(radius[1]), float(radius[2])) if radius else None,
            control_wards=tuple(options.get("control") or ()),
            control_polygon=options.get("control_polygon"),
            categories=tuple(options.get("category") or ()),
            alpha=float(options.get("alpha", 0.1)),
        )


def parse_polygon(text: str, option: str = "polygon") -> dict[str, Any]:
    """A GeoJSON Polygon or MultiPolygon geometry (a Feature or a one-feature collection is unwrapped)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SpecError(option, f"not GeoJSON: {exc}") from None
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        if len(features) != 1:
            raise SpecError(option, f"a collection of {len(features)} features; give one polygon")
        data = features[0]
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in ("Polygon", "MultiPolygon"):
        raise SpecError(option, "the GeoJSON is not a Polygon or MultiPolygon")
    _check_shape(data, option)
    return data


def _check_shape(geometry: dict[str, Any], option: str) -> None:
    """Refuse a polygon that cannot bound an area: too few corners, crossing itself, or empty."""
    from shapely.geometry import shape

    try:
        polygon = shape(geometry)
    except (ValueError, TypeError, IndexError, KeyError, AttributeError):
        raise SpecError(
            option, "the polygon's coordinates are not [longitude, latitude] rings of 4 points or more"
        ) from None
    if not polygon.is_empty and not polygon.is_valid:
        raise SpecError(option, "the polygon crosses itself: draw its corners in order around the area")
    if polygon.is_empty or polygon.area == 0:
        raise SpecError(option, "the polygon is empty")


def parse_radius(text: str, option: str = "radius") -> tuple[float, float, float]:
    """``LAT,LNG,METRES``."""
    parts = [p.strip() for p in text.split(",")]
    try:
        lat, lng, metres = (float(p) for p in parts)
    except ValueError:
        raise SpecError(option, f"{text!r} is not LAT,LNG,METRES (e.g. 51.5178,-0.0823,200)") from None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise SpecError(option, f"{lat}, {lng} is not a latitude and longitude")
    return lat, lng, metres
