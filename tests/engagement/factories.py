"""Engagement records for tests, named by their state (an internal event, an unpublished priority)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from beatbook.engagement.models import AttendanceRequest, Event, EventType, IssueRaised, Priority
from beatbook.workforce.models import Duty, Officer, Rank, Team


def event_type(slug: str = "cluster-panel-meeting") -> EventType:
    """The shipped type (migration 0003); made again when a transactional test has flushed the table."""
    return EventType.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").capitalize()})[0]


def at(days: int, hour: int = 18) -> datetime:
    """A London time `days` from today."""
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(hour)))


def make_event(cluster: Any, title: str = "Panel meeting", days: int = 7, **fields: Any) -> Event:
    start = fields.pop("start", at(days))
    values = {
        "event_type": event_type(),
        "address": "Community room, Example Street",
        "end": start + timedelta(hours=1, minutes=30),
        **fields,
    }
    return Event.objects.create(title=title, start=start, cluster=cluster, **values)


def make_officer(cluster: Any, name: str = "PC Sam Example", **fields: Any) -> Officer:
    values = {"rank": Rank.CONSTABLE, "duty": Duty.DWO, "contact_email": "team@example.org", "cluster": cluster}
    return Officer.objects.create(force=cluster.sector.force, name=name, **{**values, **fields})


def make_team(force: Any, slug: str = "business", name: str = "Business") -> Team:
    """The Business team works the requests for attendance and writes to businesses."""
    business = slug == "business"
    return Team.objects.create(
        force=force,
        slug=slug,
        name=name,
        contact_email=f"{slug}@example.org",
        handles_attendance_requests=business,
        serves="business" if business else "",
    )


def make_priority(ward: Any, issue: str = "Bikes stolen near the station", **fields: Any) -> Priority:
    return Priority.objects.create(
        ward=ward, issue=issue, issue_date=fields.pop("issue_date", date(2025, 3, 1)), **fields
    )


def make_request(**fields: Any) -> AttendanceRequest:
    values = {
        "organisation": "Example Security Forum",
        "contact_name": "Pat Requester",
        "contact_email": "pat@example.org",
        "date": timezone.localdate() + timedelta(days=10),
        "start_time": time(9),
        "end_time": time(10),
        "place": "1 Example Square",
        "topic": "Shoplifting and how to report it",
        **fields,
    }
    return AttendanceRequest.objects.create(**values)


def engagement_samples(personas: Any, marker: str) -> dict[str, dict]:
    """Objects holding `marker` for the permission matrix, and its URL arguments."""
    cluster = personas.cluster_a
    ward = cluster.wards.first()
    force = cluster.sector.force
    make_officer(cluster, user=personas["officer_a"]).teams.add(make_team(force))  # officer_a: Business team
    event = make_event(cluster, title=f"Internal briefing {marker}", is_public=False, description=marker)
    issue = IssueRaised.objects.create(event=event, ward=ward, text=marker)
    priority = make_priority(ward, issue=marker)
    request = make_request(topic=marker)
    code = {"code": cluster.code}
    return {
        "engagement:event": {"pk": event.pk},
        "engagement:event_edit": {"pk": event.pk},
        "engagement:event_outcome": {"pk": event.pk},
        "engagement:issue_priority": {"pk": issue.pk},
        "engagement:issue_problem": {"pk": issue.pk},
        "engagement:priority_edit": {"pk": priority.pk},
        "engagement:priority_publish": {"pk": priority.pk},
        "engagement:request": {"pk": request.pk},
        "engagement:request_assign": {"pk": request.pk},
        "engagement:request_accept": {"pk": request.pk},
        "engagement:request_decline": {"pk": request.pk},
        "engagement:ward_events": {"slug": ward.slug},
        "engagement:ward_calendar": {"slug": ward.slug},
        "engagement:cluster_events": code,
        "engagement:cluster_calendar": code,
        "api:police-uk-force-people": {"force_id": force.slug},
        "api:police-uk-neighbourhood-people": {"force_id": force.slug, "neighbourhood_id": ward.code},
        "api:police-uk-neighbourhood-events": {"force_id": force.slug, "neighbourhood_id": ward.code},
        "api:police-uk-neighbourhood-priorities": {"force_id": force.slug, "neighbourhood_id": ward.code},
    }
