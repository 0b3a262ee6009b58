"""What the cached public ward page must change with: the force's officers, teams, public events and
priorities.

A digest of each table's row count and latest change (a deletion changes the count, an edit the
time; internal events are left out: the public never sees them), the end of the next public event
(when it passes, the list of next events changes), and today's local date, so that no page outlives
the day it was drawn on.
"""

from __future__ import annotations

from django.db.models import Count, Max, Min
from django.utils import timezone

from beatbook.engagement.models import Event, Priority
from beatbook.workforce.models import Officer, Team


def engagement_stamp(force_slug: str) -> list[object]:
    tables = [
        Officer.objects.of_force(force_slug),
        Team.objects.filter(force__slug=force_slug),
        Event.objects.of_force(force_slug).filter(is_public=True),
        Priority.objects.of_force(force_slug),
    ]
    stamp: list[object] = [list(t.aggregate(n=Count("pk"), at=Max("modified")).values()) for t in tables]
    public = Event.objects.of_force(force_slug).filter(is_public=True, cancelled=False, end__gte=timezone.now())
    stamp.append(public.aggregate(next_end=Min("end"))["next_end"])
    stamp.append(Officer.teams.through.objects.filter(officer__force__slug=force_slug).count())  # team memberships
    stamp.append(timezone.localdate().isoformat())
    return stamp
