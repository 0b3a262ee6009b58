"""What communities raised and what the police did: the ward priorities of the year ("you said, we
did") and the engagement events held, by type and cluster, with their attendance and the actions
promised at them. Counts only: no person is named, and internal events appear only in the counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum

from beatbook.engagement.models import Event, IssueRaised, Priority

SOURCE = "beatbook engagement records of the force (events, issues raised, ward priorities)"


@dataclass(frozen=True)
class PriorityRow:
    ward: str
    issue: str
    raised: date
    action: str  # "" while nothing is recorded as done
    done: date | None
    source: str


@dataclass(frozen=True)
class EventCount:
    label: str  # an event type or a cluster
    events: int
    attendance: int  # people counted at the events that recorded it
    counted: int  # events that recorded their attendance


@dataclass(frozen=True)
class Engagement:
    priorities: list[PriorityRow]  # published, raised in the year
    unpublished: int  # priorities raised in the year not (yet) published
    by_type: list[EventCount]
    by_cluster: list[EventCount]
    issues_raised: int  # issues the public raised at the year's events
    with_actions: int  # events at which the police promised something
    with_outcome: int  # events whose outcome was recorded
    demonstration: bool  # the records include the demo's

    @property
    def events(self) -> int:
        return sum(r.events for r in self.by_type)

    @property
    def attendance(self) -> int:
        return sum(r.attendance for r in self.by_type)

    @property
    def acted_on(self) -> int:
        return sum(1 for p in self.priorities if p.action)


def _events(force_slug: str, year: int):
    return Event.objects.of_force(force_slug).filter(start__year=year, cancelled=False)


def _counts(events, field: str) -> list[EventCount]:
    rows = events.values_list(field).annotate(
        n=Count("pk"), people=Sum("attendance"), counted=Count("pk", filter=Q(attendance__isnull=False))
    )
    return sorted(
        (EventCount(label, n, people or 0, counted) for label, n, people, counted in rows.order_by()),
        key=lambda r: (-r.events, r.label),
    )


def _priorities(force_slug: str, year: int) -> tuple[list[PriorityRow], int]:
    raised = Priority.objects.of_force(force_slug).filter(issue_date__year=year).select_related("ward")
    published = raised.published().order_by("ward__name", "issue_date", "pk")
    rows = [
        PriorityRow(p.ward.name, p.issue, p.issue_date, p.action, p.action_date, p.get_source_display())
        for p in published
    ]
    return rows, raised.count() - len(rows)


def engagement(force_slug: str, year: int) -> Engagement:
    events = _events(force_slug, year)
    priorities, unpublished = _priorities(force_slug, year)
    actions = Counter(bool(e.strip()) for e in events.values_list("actions_promised", flat=True))
    return Engagement(
        priorities=priorities,
        unpublished=unpublished,
        by_type=_counts(events, "event_type__name"),
        by_cluster=_counts(events, "cluster__name"),
        issues_raised=IssueRaised.objects.filter(event__in=events).count(),
        with_actions=actions[True],
        with_outcome=events.filter(outcome_recorded_at__isnull=False).count(),
        demonstration=_has_demonstration(events),
    )


def _has_demonstration(events) -> bool:
    """The demo labels its events in their description (demo/engagement.py)."""
    return events.filter(description__icontains="demonstration").exists()
