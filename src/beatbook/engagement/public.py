"""What the public pages show of engagement: a ward's named team, its next events, "you said, we did"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
    officers = Officer.objects.serving().filter(cluster=ward.cluster, duty=Duty.DWO).order_by("name")
    officers = officers.prefetch_related("teams")  # an officer without an inbox of their own shows their team's
    teams = Team.objects.filter(force=force).order_by("name")
    return WardEngagement(
        ward=ward,
        officers=list(officers),
        teams=list(teams),
        events=list(public_events().for_ward(ward).upcoming(timezone.now())[:NEXT_EVENTS]),
        priorities=list(Priority.objects.published().filter(ward=ward)[:PRIORITIES_SHOWN]),
    )


def public_events() -> Any:
    return Event.objects.filter(is_public=True).select_related("event_type", "cluster")
