"""police.uk's forces and neighbourhoods: forces, forces/{id}, {force}/neighbourhoods,
{force}/{neighbourhood}, its boundary, and locate-neighbourhood. beatbook's wards are the
neighbourhoods, identified by their ONS code; a force's id is its slug."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field as Param
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from beatbook.api.police_uk import params
from beatbook.api.police_uk import schemas as out
from beatbook.geography.locate import WardLocator
from beatbook.geography.models import Denominator, DenominatorKind, Force, Ward

router = Router(tags=["police.uk: forces and neighbourhoods"], auth=None)
NOT_FOUND = {404: out.ErrorBody}


class LocateParams(Schema):
    q: str | None = Param(None, description="lat,lng, e.g. 51.5155,-0.0922")


def no_force(slug: str) -> HttpError:
    """police.uk's 404 for a force it does not know, pointing at the list of forces."""
    return HttpError(404, f"No force {slug!r}: see /api/forces.")


def get_force(slug: str) -> Force:
    force = Force.objects.filter(slug=slug).first()
    if force is None:
        raise no_force(slug)
    return force


def get_ward(force_slug: str, code: str) -> Ward:
    force = get_force(force_slug)
    ward = Ward.objects.of_force(force).select_related("cluster__sector").filter(code=code).first()
    if ward is None:
        raise HttpError(404, f"No neighbourhood {code!r} in {force.name}: see /api/{force.slug}/neighbourhoods.")
    return ward


def point(lat: float, lng: float) -> dict[str, str]:
    return {"latitude": f"{lat:.6f}", "longitude": f"{lng:.6f}"}


@router.get("/forces", url_name="police-uk-forces", response=list[out.ForceRef], summary="The forces")
def forces(request: HttpRequest) -> list[dict[str, str]]:
    return [{"id": f.slug, "name": f.name} for f in Force.objects.order_by("slug")]


@router.get(
    "/forces/{force}",
    url_name="police-uk-force",
    response={200: out.Force, **NOT_FOUND},
    summary="A force",
    description="beatbook keeps no force description, website, telephone or engagement methods: they are empty.",
)
def force(request: HttpRequest, force: str) -> dict[str, Any]:
    found = get_force(force)
    return {
        "description": None,
        "url": "",
        "engagement_methods": [],
        "telephone": "",
        "id": found.slug,
        "name": found.name,
    }


@router.get(
    "/{force}/neighbourhoods",
    url_name="police-uk-neighbourhoods",
    response={200: list[out.NeighbourhoodRef], **NOT_FOUND},
    summary="A force's neighbourhoods: its wards, by ONS code",
)
def neighbourhoods(request: HttpRequest, force: str) -> list[dict[str, str]]:
    wards = Ward.objects.of_force(get_force(force)).order_by("name")
    return [{"id": w.code, "name": w.name} for w in wards]


@router.get(
    "/{force}/{neighbourhood}/boundary",
    url_name="police-uk-boundary",
    response={200: list[out.Point], **NOT_FOUND},
    summary="A neighbourhood's boundary: its outer ring of lat/lng points",
)
def boundary(request: HttpRequest, force: str, neighbourhood: str) -> list[dict[str, str]]:
    geometry = get_ward(force, neighbourhood).geometry
    polygons = getattr(geometry, "geoms", [geometry])
    return [point(lat, lng) for polygon in polygons for lng, lat in polygon.exterior.coords]


@router.get(
    "/locate-neighbourhood",
    url_name="police-uk-locate-neighbourhood",
    response={200: out.Located, 400: out.ErrorBody, 404: out.ErrorBody},
    summary="The force and neighbourhood (ward) holding a point",
)
def locate_neighbourhood(request: HttpRequest, query: Query[LocateParams]) -> dict[str, str]:
    lat, lng = params.lat_lng_pair(params.required(query.dict(), "q"), "q")
    ward = WardLocator(Ward.objects.select_related("cluster__sector__force")).locate(lat, lng)
    if ward is None:
        raise HttpError(404, f"No neighbourhood holds {lat},{lng}.")
    return {"force": ward.force.slug, "neighbourhood": ward.code}


def population(ward: Ward) -> str:
    """The ward's residents (the latest figure loaded as a denominator); "0" when none, as police.uk."""
    residents = Denominator.objects.of_area(ward.force, "ward", ward.code).filter(kind=DenominatorKind.RESIDENTS)
    latest = residents.filter(group="").order_by("-as_of").values_list("value", flat=True).first()
    return str(round(latest)) if latest is not None else "0"


@router.get(
    "/{force}/{neighbourhood}",
    url_name="police-uk-neighbourhood",
    response={200: out.Neighbourhood, **NOT_FOUND},
    summary="A neighbourhood (a ward): name, centre, population and its page",
    description="`url_force` is the ward's public page on beatbook; `population` its residents when loaded. "
    "Its team, events and priorities are served at /people, /events and /priorities.",
)
def neighbourhood(request: HttpRequest, force: str, neighbourhood: str) -> dict[str, Any]:
    ward = get_ward(force, neighbourhood)
    cluster = ward.cluster
    return {
        "id": ward.code,
        "name": ward.name,
        "url_force": request.build_absolute_uri(reverse("public:ward", kwargs={"slug": ward.slug})),
        "contact_details": {},
        "links": [],
        "centre": point(ward.centroid_lat, ward.centroid_lng),
        "locations": [],
        "description": f"{ward.name} ward, in the {cluster.name} cluster of the {cluster.sector.name} sector.",
        "population": population(ward),
    }
