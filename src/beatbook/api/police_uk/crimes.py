"""police.uk's crime methods: crimes-street, crimes-at-location, crimes-no-location,
crime-categories, crime-last-updated, crimes-street-dates and the outcome methods."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field as Param
from ninja import Form, Query, Router, Schema
from ninja.errors import HttpError

from beatbook.api.police_uk import params, services
from beatbook.api.police_uk import schemas as out
from beatbook.api.police_uk.places import no_force
from beatbook.crime.police_uk.categories import CATEGORY_NAMES

router = Router(tags=["police.uk: crimes"], auth=None)
ERRORS = {400: out.ErrorBody, 404: out.ErrorBody}
AREA_ERRORS = {400: out.ErrorBody, 503: out.ErrorBody}
RETIRED_CATEGORIES = frozenset({"public-disorder-weapons"})  # used before May 2013
# police.uk's order of today's categories: CATEGORY_NAMES keeps it.
CATEGORY_ORDER = tuple(slug for slug in CATEGORY_NAMES if slug not in RETIRED_CATEGORIES)

DATE = "Optional. YYYY-MM; the latest month by default"


class AreaParams(Schema):
    lat: str | None = Param(None, description="Latitude of the centre of a one-mile circle")
    lng: str | None = Param(None, description="Longitude of the centre of a one-mile circle")
    poly: str | None = Param(
        None, description="A custom area: lat,lng pairs joined by colons, e.g. 51.52,-0.09:51.51,-0.08:51.51,-0.1"
    )
    date: str | None = Param(None, description=DATE)


class AreaLocationParams(AreaParams):
    location_id: str | None = Param(None, description="A map point's street id, from another method")


class LocationParams(Schema):
    location_id: str | None = Param(None, description="A map point's street id, from another method")
    lat: str | None = Param(None, description="Latitude: the crimes at the nearest map point (within a mile)")
    lng: str | None = Param(None, description="Longitude")
    date: str | None = Param(None, description=DATE)


class NoLocationParams(Schema):
    force: str | None = Param(None, description="The force's id, e.g. city-of-london (required)")
    category: str = Param("all-crime", description="A crime category's url, or all-crime")
    date: str | None = Param(None, description=DATE)


class CategoryParams(Schema):
    date: str | None = Param(None, description="Optional. YYYY-MM")


def month_or_latest(value: str | None, kind: str = "street") -> date | None:
    return params.month(value) or services.latest_month(kind)


def _street(category: str, values: dict[str, Any]) -> list[dict[str, Any]]:
    slug = params.category(category)
    area = params.area(values, allow_location=True)
    month = month_or_latest(values.get("date"))
    return services.street_crimes(area, month, slug) if month else []


STREET_SUMMARY = "Street-level crimes within a mile of a point, or in a custom area"
STREET_DESCRIPTION = (
    "police.uk's crimes-street/{category}: `lat` and `lng`, or `poly` (POST it as a form when long). "
    "More than 10,000 crimes answers 503, as police.uk does. {category} is a url of crime-categories."
)


@router.get(
    "/crimes-street/{category}",
    url_name="police-uk-crimes-street",
    response={200: list[out.Crime], **AREA_ERRORS},
    summary=STREET_SUMMARY,
    description=STREET_DESCRIPTION,
)
def crimes_street(request: HttpRequest, category: str, query: Query[AreaLocationParams]) -> list[dict[str, Any]]:
    return _street(category, query.dict())


@router.post(
    "/crimes-street/{category}",
    url_name="police-uk-crimes-street",
    response={200: list[out.Crime], **AREA_ERRORS},
    summary=STREET_SUMMARY,
    description=STREET_DESCRIPTION,
)
def crimes_street_post(request: HttpRequest, category: str, form: Form[AreaLocationParams]) -> list[dict[str, Any]]:
    return _street(category, form.dict())


@router.get(
    "/crimes-at-location",
    url_name="police-uk-crimes-at-location",
    response={200: list[out.Crime], **AREA_ERRORS},
    summary="The crimes at one map point: a location_id, or the nearest map point to lat/lng",
)
def crimes_at_location(request: HttpRequest, query: Query[LocationParams]) -> list[dict[str, Any]]:
    values = query.dict()
    area = params.area(values, allow_location=True, allow_poly=False)
    month = month_or_latest(values["date"])
    return services.crimes_at(area, month) if month else []


@router.get(
    "/crimes-no-location",
    url_name="police-uk-crimes-no-location",
    response={200: list[out.Crime], **ERRORS},
    summary="A force's crimes that could not be mapped to a location",
)
def crimes_no_location(request: HttpRequest, query: Query[NoLocationParams]) -> list[dict[str, Any]]:
    values = query.dict()
    force = params.required(values, "force")
    slug = params.category(values["category"])
    month = month_or_latest(values["date"])
    if not services.force_is_known(force):
        raise no_force(force)
    return services.crimes_without_location(force, month, slug) if month else []


@router.get(
    "/crime-categories",
    url_name="police-uk-crime-categories",
    response={200: list[out.Category], 400: out.ErrorBody},
    summary="The crime categories (all-crime first)",
    description="police.uk's categories since May 2013; `date` is checked but does not change the list.",
)
def crime_categories(request: HttpRequest, query: Query[CategoryParams]) -> list[dict[str, str]]:
    params.month(query.date)
    return [{"url": params.ALL_CRIME, "name": "All crime"}] + [
        {"url": slug, "name": CATEGORY_NAMES[slug]} for slug in CATEGORY_ORDER
    ]


@router.get(
    "/crime-last-updated",
    url_name="police-uk-crime-last-updated",
    response={200: out.LastUpdated, 404: out.ErrorBody},
    summary="The latest month of street-level crime, as YYYY-MM-01",
)
def crime_last_updated(request: HttpRequest) -> dict[str, str]:
    latest = services.latest_month()
    if latest is None:
        raise HttpError(404, "No street-level crime has been loaded.")
    return {"date": latest.isoformat()}


@router.get(
    "/crimes-street-dates",
    url_name="police-uk-crimes-street-dates",
    response=list[out.Availability],
    by_alias=True,
    summary="The months with street-level crime, newest first, with the forces that published stop and search",
)
def crimes_street_dates(request: HttpRequest) -> list[dict[str, Any]]:
    return services.available_months()


@router.get(
    "/outcomes-for-crime/{persistent_id}",
    url_name="police-uk-outcomes-for-crime",
    response={200: out.CrimeWithOutcomes, 404: out.ErrorBody},
    summary="A crime (by its 64-character persistent id) and its outcomes",
)
def outcomes_for_crime(request: HttpRequest, persistent_id: str) -> dict[str, Any]:
    found = services.crime_with_outcomes(persistent_id)
    if found is None:
        raise HttpError(404, f"No crime with the persistent id {persistent_id!r}.")
    return found


@router.get(
    "/outcomes-at-location",
    url_name="police-uk-outcomes-at-location",
    response={200: list[out.OutcomeAtLocation], **AREA_ERRORS},
    summary="Outcomes at a map point (location_id), within a mile of a point, or in a custom area",
)
def outcomes_at_location(request: HttpRequest, query: Query[AreaLocationParams]) -> list[dict[str, Any]]:
    values = query.dict()
    area = params.area(values, allow_location=True)
    month = month_or_latest(values["date"], "outcomes")
    return services.outcomes_at(area, month) if month else []
