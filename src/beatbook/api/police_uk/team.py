"""data.police.uk's neighbourhood team, events and priorities, and a force's senior officers, from
beatbook's own records: the same paths and JSON shapes, so a police.uk client reads them unchanged.

Wards are the neighbourhoods (their ONS code is the id); the force id is the force's slug. Text
goes out as HTML, as police.uk's does; dates as local ISO date-times without an offset.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, linebreaks
from ninja import Field, Router, Schema

from beatbook.api.police_uk import schemas as out
from beatbook.api.police_uk.places import get_force, get_ward
from beatbook.engagement.models import Event, Priority
from beatbook.engagement.public import public_events, ward_officers
from beatbook.workforce.models import SENIOR_RANKS, Officer

router = Router(tags=["police.uk: neighbourhood team, events, priorities"])
POLICE_UK_TIME = "%Y-%m-%dT%H:%M:%S"


class Person(Schema):
    name: str
    rank: str
    bio: str | None = Field(description="HTML")
    contact_details: dict[str, str]
    photo: str | None = Field(
        None, description="beatbook's addition: the address of the photo the officer agreed to publish, else null"
    )


class NeighbourhoodEvent(Schema):
    contact_details: dict[str, str]
    description: str | None = Field(description="HTML")
    title: str
    address: str
    type: str
    start_date: str = Field(description="Local date-time, YYYY-MM-DDTHH:MM:SS")
    end_date: str | None = Field(description="Local date-time, YYYY-MM-DDTHH:MM:SS")


class NeighbourhoodPriority(Schema):
    issue: str = Field(description="HTML")
    issue_date: str = Field(alias="issue-date", description="YYYY-MM-DDT00:00:00")
    action: str | None = Field(description="HTML")
    action_date: str | None = Field(alias="action-date", description="YYYY-MM-DDT00:00:00")


@router.get(
    "/forces/{force_id}/people",
    response={200: list[Person], 404: out.ErrorBody},
    url_name="police-uk-force-people",
    auth=None,
    summary="Senior officers of a force (police.uk forces/{id}/people)",
)
def force_people(request: HttpRequest, force_id: str) -> list[dict[str, Any]]:
    force = get_force(force_id)
    officers = Officer.objects.serving().filter(force=force, rank__in=SENIOR_RANKS).order_by("name")
    return [_person(request, o) for o in officers.prefetch_related("teams")]


@router.get(
    "/{force_id}/{neighbourhood_id}/people",
    response={200: list[Person], 404: out.ErrorBody},
    url_name="police-uk-neighbourhood-people",
    auth=None,
    summary="The neighbourhood's team (police.uk neighbourhood-team): the ward's cluster's Dedicated Ward Officers",
)
def neighbourhood_people(request: HttpRequest, force_id: str, neighbourhood_id: str) -> list[dict[str, Any]]:
    return [_person(request, o) for o in ward_officers(get_ward(force_id, neighbourhood_id))]


@router.get(
    "/{force_id}/{neighbourhood_id}/events",
    response={200: list[NeighbourhoodEvent], 404: out.ErrorBody},
    url_name="police-uk-neighbourhood-events",
    auth=None,
    summary="Public events from now on in the neighbourhood (police.uk neighbourhood-events)",
)
def neighbourhood_events(request: HttpRequest, force_id: str, neighbourhood_id: str) -> list[dict[str, Any]]:
    events = public_events().for_ward(get_ward(force_id, neighbourhood_id)).upcoming(timezone.now())
    # An organiser without an inbox of their own shows their team's: their teams come in one query.
    events = events.select_related("organiser", "team").prefetch_related("organiser__teams")
    return [_event(e) for e in events]


@router.get(
    "/{force_id}/{neighbourhood_id}/priorities",
    response={200: list[NeighbourhoodPriority], 404: out.ErrorBody},
    by_alias=True,
    url_name="police-uk-neighbourhood-priorities",
    auth=None,
    summary="Published ward priorities: issue raised and action taken (police.uk neighbourhood-priorities)",
)
def neighbourhood_priorities(request: HttpRequest, force_id: str, neighbourhood_id: str) -> list[dict[str, Any]]:
    ward = get_ward(force_id, neighbourhood_id)
    return [_priority(p) for p in Priority.objects.published().filter(ward=ward)]


def _html(text: str) -> str | None:
    return linebreaks(escape(text)) if text else None


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime(POLICE_UK_TIME)


def _day(day: date | None) -> str | None:
    return datetime.combine(day, time()).strftime(POLICE_UK_TIME) if day else None


def _person(request: HttpRequest, officer: Officer) -> dict[str, Any]:
    photo = reverse("workforce:photo", args=[officer.pk]) if officer.has_public_photo else None
    return {
        "name": officer.name,
        "rank": officer.get_rank_display(),
        "bio": _html(officer.bio),
        "contact_details": officer.public_contact(),
        "photo": request.build_absolute_uri(photo) if photo else None,
    }


def _event(event: Event) -> dict[str, Any]:
    contact = event.organiser.public_contact() if event.organiser else {}
    if not contact and event.team and event.team.contact_email:
        contact = {"email": event.team.contact_email}
    return {
        "contact_details": contact,
        "description": _html(event.description),
        "title": event.title,
        "address": event.address,
        "type": event.event_type.slug,
        "start_date": _local(event.start),
        "end_date": _local(event.end),
    }


def _priority(priority: Priority) -> dict[str, Any]:
    return {
        "issue": _html(priority.issue),
        "issue-date": _day(priority.issue_date),
        "action": _html(priority.action),
        "action-date": _day(priority.action_date),
    }
