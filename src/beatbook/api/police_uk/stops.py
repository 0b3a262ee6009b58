"""police.uk's stop-and-search methods: stops-street, stops-at-location, stops-no-location, stops-force."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field as Param
from ninja import Query, Router, Schema

from beatbook.api.police_uk import params, services
from beatbook.api.police_uk import schemas as out
from beatbook.api.police_uk.crimes import DATE, AreaParams, month_or_latest
from beatbook.api.police_uk.places import no_force
from beatbook.crime.models import DataKind

router = Router(tags=["police.uk: stop and search"], auth=None)
AREA_ERRORS = {400: out.ErrorBody, 503: out.ErrorBody}
FORCE_ERRORS = {400: out.ErrorBody, 404: out.ErrorBody}


class LocationParams(Schema):
    location_id: str | None = Param(None, description="A map point's street id (required)")
    date: str | None = Param(None, description=DATE)


class ForceParams(Schema):
    force: str | None = Param(None, description="The force's id, e.g. city-of-london (required)")
    date: str | None = Param(None, description=DATE)


def _month(value: str | None) -> date | None:
    return month_or_latest(value, DataKind.STOP_AND_SEARCH)


def _force(values: dict[str, Any]) -> str:
    force = params.required(values, "force")
    if not services.force_is_known(force):
        raise no_force(force)
    return force


@router.get(
    "/stops-street",
    url_name="police-uk-stops-street",
    response={200: list[out.Stop], **AREA_ERRORS},
    summary="Stop and searches within a mile of a point, or in a custom area",
)
def stops_street(request: HttpRequest, query: Query[AreaParams]) -> list[dict[str, Any]]:
    values = query.dict()
    area = params.area(values)
    month = _month(values["date"])
    return services.stops_in(area, month) if month else []


@router.get(
    "/stops-at-location",
    url_name="police-uk-stops-at-location",
    response={200: list[out.Stop], **AREA_ERRORS},
    summary="Stop and searches at one map point",
)
def stops_at_location(request: HttpRequest, query: Query[LocationParams]) -> list[dict[str, Any]]:
    values = query.dict()
    params.required(values, "location_id")
    area = params.area(values, allow_location=True, allow_poly=False)
    month = _month(values["date"])
    return services.stops_in(area, month) if month else []


@router.get(
    "/stops-no-location",
    url_name="police-uk-stops-no-location",
    response={200: list[out.Stop], **FORCE_ERRORS},
    summary="A force's stop and searches that could not be mapped to a location",
)
def stops_no_location(request: HttpRequest, query: Query[ForceParams]) -> list[dict[str, Any]]:
    values = query.dict()
    force = _force(values)
    month = _month(values["date"])
    return services.stops_of_force(force, month, located=False) if month else []


@router.get(
    "/stops-force",
    url_name="police-uk-stops-force",
    response={200: list[out.Stop], **FORCE_ERRORS},
    summary="All the stop and searches a force reported in a month",
)
def stops_force(request: HttpRequest, query: Query[ForceParams]) -> list[dict[str, Any]]:
    values = query.dict()
    force = _force(values)
    month = _month(values["date"])
    return services.stops_of_force(force, month, located=None) if month else []
