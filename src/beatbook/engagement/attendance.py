"""Requests for police attendance: a group asks, the Business team accepts (an event is made),
declines with a reason, or assigns an officer; the requester is told by email (through the messaging
outbox) each time it is decided.

The public form is limited per address, counted from the audit log's own record of submissions
(as sign-in back-off is), so no address is stored on the request itself.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.core.public_forms import over_limit_in_audit_log
from beatbook.engagement.models import AttendanceRequest, Event, EventType, RequestStatus
from beatbook.messaging import outbox

#: Requests one address may send in REQUEST_WINDOW: enough for a forum's secretary, not for a script.
REQUESTS_PER_ADDRESS = 5
REQUEST_WINDOW = timedelta(hours=1)
OBJECT_TYPE = AttendanceRequest._meta.label_lower
PURPOSE = "attendance"  # the outbox's label for these emails


class AlreadyDecided(Exception):
    """The request was accepted or declined before: a second decision is refused."""


def too_many_requests(request: HttpRequest) -> bool:
    return over_limit_in_audit_log(request, OBJECT_TYPE, REQUESTS_PER_ADDRESS, REQUEST_WINDOW)


@transaction.atomic
def submit_request(request: HttpRequest, attendance: AttendanceRequest) -> AttendanceRequest:
    attendance.stamp(request.user)
    attendance.save()
    audit.record(request, AuditAction.CREATE, attendance)
    return attendance


@transaction.atomic
def assign_request(request: HttpRequest, attendance: AttendanceRequest, officer: Any) -> AttendanceRequest:
    attendance = _locked_open(attendance)
    before = attendance.assigned_to_id
    attendance.assigned_to = officer
    attendance.status = RequestStatus.ASSIGNED
    attendance.stamp(request.user)
    attendance.save()
    audit.record(request, AuditAction.CHANGE, attendance, changes={"assigned_to": [before, officer.pk]})
    return attendance


@transaction.atomic
def accept_request(
    request: HttpRequest, attendance: AttendanceRequest, officer: Any, event_type: EventType, cluster: Any
) -> Event:
    """Accept: the meeting becomes an (internal) event organised by `officer`, and the requester is told."""
    attendance = _locked_open(attendance)
    event = Event(
        event_type=event_type,
        title=f"{attendance.organisation}: {attendance.topic[:120]}",
        description=attendance.topic,
        address=attendance.place,
        start=_aware(attendance.date, attendance.start_time),
        end=_aware(attendance.date, attendance.end_time),
        cluster=cluster,
        organiser=officer,
        team=officer.teams.filter(handles_attendance_requests=True).first() or officer.teams.first(),
        audiences=["businesses"],
        is_public=False,
    )
    event.stamp(request.user)
    event.save()
    _decide(request, attendance, RequestStatus.ACCEPTED, assigned_to=officer, event=event)
    _tell_requester(attendance, "accepted", _accepted_text(attendance, officer))
    return event


@transaction.atomic
def decline_request(request: HttpRequest, attendance: AttendanceRequest, reason: str) -> AttendanceRequest:
    attendance = _locked_open(attendance)
    _decide(request, attendance, RequestStatus.DECLINED, decline_reason=reason)
    body = f"We are sorry that no officer can attend.\n\nThe reason: {reason}\n"
    _tell_requester(attendance, "declined", body)
    return attendance


def _locked_open(attendance: AttendanceRequest) -> AttendanceRequest:
    locked = AttendanceRequest.objects.select_for_update().get(pk=attendance.pk)
    if locked.status in (RequestStatus.ACCEPTED, RequestStatus.DECLINED):
        raise AlreadyDecided(f"This request was already {locked.get_status_display().lower()}.")
    return locked


def _decide(request: HttpRequest, attendance: AttendanceRequest, status: str, **fields: Any) -> None:
    before = attendance.status
    for name, value in {"status": status, **fields}.items():
        setattr(attendance, name, value)
    attendance.decided_by = request.user if request.user.is_authenticated else None
    attendance.decided_at = timezone.now()
    attendance.stamp(request.user)
    attendance.save()
    audit.record(request, AuditAction.CHANGE, attendance, changes={"status": [before, status]})


def _aware(day: Any, time: Any) -> datetime:
    return timezone.make_aware(datetime.combine(day, time))


def _accepted_text(attendance: AttendanceRequest, officer: Any) -> str:
    contact = officer.public_contact().get("email", "")
    return (
        f"{officer.name} will attend your meeting on {attendance.date:%A %-d %B %Y} at "
        f"{attendance.start_time:%H:%M}, {attendance.place}.\n"
        + (f"You can reach the team at {contact}.\n" if contact else "")
    )


def _tell_requester(attendance: AttendanceRequest, outcome: str, body: str) -> None:
    """Queued in the outbox in the decision's transaction: a rolled-back decision emails nobody, and a
    failing mail server only delays the email (the outbox retries it)."""
    subject = f"Your request for police attendance on {attendance.date:%-d %B %Y}: {outcome}"
    text = f"Dear {attendance.contact_name},\n\n{body}\nThank you for asking.\n"
    outbox.queue(attendance.contact_email, subject, text, PURPOSE)
    outbox.deliver_after_commit()
