"""The verbs of engagement: plan an event, record what happened, turn an issue into a ward priority,
publish it. Each changes the database inside one transaction and writes the audit log.

`propose_priority` and `publish_priority` are the entry points other apps call (surveys and SARA
problems raise ward priorities through them too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.core.roles import PRIORITY_PUBLISHERS, has_role
from beatbook.engagement.models import Event, IssueRaised, Priority, PrioritySource
from beatbook.problems.models import Problem, Source
from beatbook.problems.services import open_problem


@dataclass(frozen=True)
class RaisedIssue:
    ward: Any
    text: str


@transaction.atomic
def save_event(request: HttpRequest, event: Event, wards: list[Any]) -> Event:
    """Store a new or changed event with the wards it serves (none: the whole cluster)."""
    adding = event._state.adding
    event.stamp(request.user)
    event.save()
    event.wards.set(wards)
    audit.record(request, AuditAction.CREATE if adding else AuditAction.CHANGE, event)
    return event


@transaction.atomic
def record_outcome(
    request: HttpRequest, event: Event, attendance: int | None, actions_promised: str, issues: list[RaisedIssue]
) -> list[IssueRaised]:
    """After the event: how many came, what was promised, and the issues raised (added to any before)."""
    event.attendance = attendance
    event.actions_promised = actions_promised
    event.outcome_recorded_at = timezone.now()
    event.stamp(request.user)
    event.save()
    created = []
    for issue in issues:
        raised = IssueRaised(event=event, ward=issue.ward, text=issue.text)
        raised.stamp(request.user)
        raised.save()
        created.append(raised)
    audit.record(request, AuditAction.CHANGE, event, attendance=attendance, issues_added=len(created))
    return created


def propose_priority(
    *,
    ward: Any,
    issue: str,
    issue_date: date,
    by: Any,
    source: PrioritySource | str = PrioritySource.OTHER,
    reference: str = "",
    action: str = "",
    action_date: date | None = None,
    event: Event | None = None,
) -> Priority:
    """A ward priority, not yet public: a supervisor publishes it (`publish_priority`)."""
    priority = Priority(
        ward=ward,
        issue=issue,
        issue_date=issue_date,
        action=action,
        action_date=action_date,
        source=source,
        source_reference=reference,
        event=event,
    )
    priority.stamp(by)
    priority.save()
    audit.record(None, AuditAction.CREATE, priority, user=by, source=str(source), reference=reference)
    return priority


@transaction.atomic
def priority_from_issue(request: HttpRequest, raised: IssueRaised) -> Priority:
    """An issue raised at an event becomes its ward's priority, in one step (once)."""
    raised = IssueRaised.objects.select_for_update().select_related("event").get(pk=raised.pk)
    if raised.priority_id is not None:
        return raised.priority  # type: ignore[return-value]
    priority = propose_priority(
        ward=raised.ward,
        issue=raised.text,
        issue_date=timezone.localtime(raised.event.start).date(),
        by=request.user,
        source=PrioritySource.EVENT,
        reference=f"event {raised.event_id}",
        event=raised.event,
    )
    raised.priority = priority
    raised.save(update_fields=["priority", "modified"])
    return priority


#: The event type whose issues open problems as "Cluster panel meeting"; the others as other engagement.
PANEL_EVENT_TYPE = "cluster-panel-meeting"


@transaction.atomic
def problem_from_issue(request: HttpRequest, raised: IssueRaised) -> Problem:
    """An issue raised at an event opens a SARA problem of its ward, owned by the officer, in one step (once)."""
    raised = IssueRaised.objects.select_for_update().select_related("event__event_type", "ward").get(pk=raised.pk)
    if raised.problem_id is not None:
        return raised.problem  # type: ignore[return-value]
    event = raised.event
    held = f"{event.event_type.name}, {timezone.localtime(event.start):%d %B %Y}"
    fields = {
        "title": f"{raised.ward.name}: {raised.text}"[:200],
        "description": f"Raised by the public at {event.title} ({held}):\n{raised.text}",
        "source": Source.PANEL if event.event_type.slug == PANEL_EVENT_TYPE else Source.ENGAGEMENT,
        "owner": request.user,
        "wards": [raised.ward],
    }
    problem = open_problem(request, fields, by=request.user, note=f"From an issue raised at event {event.pk}")
    raised.problem = problem
    raised.save(update_fields=["problem", "modified"])
    return problem


@transaction.atomic
def publish_priority(priority: Priority, by: Any, *, request: HttpRequest | None = None) -> Priority:
    """Show the priority on its public ward page, the API and the feeds; only supervisors publish."""
    if not has_role(by, *PRIORITY_PUBLISHERS):
        raise PermissionDenied("Only a supervisor publishes a ward priority.")
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    if not priority.published:
        priority.published, priority.published_by, priority.published_at = True, by, timezone.now()
        priority.stamp(by)
        priority.save()
        audit.record(request, AuditAction.CHANGE, priority, user=by, changes={"published": [False, True]})
    return priority


@transaction.atomic
def withdraw_priority(priority: Priority, by: Any, *, request: HttpRequest | None = None) -> Priority:
    """Take a priority off the public pages (kept, with who published it before)."""
    if not has_role(by, *PRIORITY_PUBLISHERS):
        raise PermissionDenied("Only a supervisor withdraws a ward priority.")
    if priority.published:
        priority.published = False
        priority.stamp(by)
        priority.save()
        audit.record(request, AuditAction.CHANGE, priority, user=by, changes={"published": [True, False]})
    return priority


@transaction.atomic
def save_priority(request: HttpRequest, priority: Priority) -> Priority:
    """Store changes to the issue or what was done about it (a published priority stays published)."""
    priority.stamp(request.user)
    priority.save()
    audit.record(request, AuditAction.CHANGE, priority)
    return priority


@transaction.atomic
def save_and_publish_priority(request: HttpRequest, priority: Priority) -> Priority:
    """Store what was just typed and publish it, in one step: publishing alone would show the public
    the priority as it was before (and throw away the change)."""
    save_priority(request, priority)
    return publish_priority(priority, request.user, request=request)
