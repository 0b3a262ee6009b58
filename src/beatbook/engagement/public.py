"""What the public pages show of engagement: a ward's named team, its next events, "you said, we did"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from beatbook.engagement.models import Event, Priority
from beatbook.workforce.models import Duty, Officer, Team

NEXT_EVENTS = 5
PRIORITIES_SHOWN = 6


@dataclass(frozen=True)
class WardEngagement:
    ward: Any
    officers: list[Officer]
    teams: list[Team]
    events: list[Event]
    priorities: list[Priority]


def ward_engagement(ward: Any) -> WardEngagement:
    force = ward.cluster.sector.force
    teams = Team.objects.filter(force=force).order_by("name")
    return WardEngagement(
        ward=ward,
        officers=list(ward_officers(ward)),
        teams=list(teams),
        events=list(public_events().for_ward(ward).upcoming(timezone.now())[:NEXT_EVENTS]),
        priorities=list(Priority.objects.published().filter(ward=ward)[:PRIORITIES_SHOWN]),
    )


def ward_officers(ward: Any) -> QuerySet[Officer]:
    """The ward's team: the serving Dedicated Ward Officers of its cluster, by name, with their teams
    (an officer without an inbox of their own shows their team's)."""
    officers = Officer.objects.serving().filter(cluster=ward.cluster_id, duty=Duty.DWO).order_by("name")
    return officers.prefetch_related("teams")


def public_events() -> Any:
    return Event.objects.filter(is_public=True).select_related("event_type", "cluster")
