"""One access helper per object type of engagement (see core.access)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from beatbook.core.access import get_for_user
from beatbook.engagement.models import AttendanceRequest, Event, IssueRaised, Priority


def get_event_for_user(request: HttpRequest, pk: Any) -> tuple[Event, bool]:
    event = get_for_user(request, Event.objects.select_related("event_type", "cluster", "organiser", "team"), pk)
    return event, event.can_be_changed_by(request.user)


def get_issue_for_user(request: HttpRequest, pk: Any) -> tuple[IssueRaised, bool]:
    """An issue is seen with its event, and changed by who may change the event."""
    issue = get_for_user(request, IssueRaised.objects.select_related("event", "ward"), pk)
    return issue, issue.event.can_be_changed_by(request.user)


def get_priority_for_user(request: HttpRequest, pk: Any) -> tuple[Priority, bool]:
    priority = get_for_user(request, Priority.objects.select_related("ward__cluster"), pk)
    return priority, priority.can_be_changed_by(request.user)


def get_request_for_user(request: HttpRequest, pk: Any) -> AttendanceRequest:
    return get_for_user(request, AttendanceRequest.objects.select_related("assigned_to", "event"), pk)
