"""The verbs of school notifications: open one after an incident, send it, and measure timeliness.

`open_school_notification` is the one way a notification is made: the officers' form calls it today,
and the incident-log import will call it for each domestic-abuse incident with children present.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.core.references import new_reference
from beatbook.core.retention import default_review_date
from beatbook.schools import deadline
from beatbook.schools.models import NotificationStatus, School, SchoolClosure, SchoolNotification


class NotSent(Exception):
    """The notification could not be sent (already sent, or the mail server refused it)."""


@dataclass(frozen=True)
class ChildAtSchool:
    """The child an incident involved, as their school knows them."""

    child_name: str
    school: School
    year_group: str = ""


def due_at(occurred_at: datetime, school: School | None) -> datetime:
    """The start of the school's next school day after `occurred_at` (of every school's, while not assigned)."""
    every_school = Q(school__isnull=True)
    closures = SchoolClosure.objects.filter(every_school | Q(school=school) if school else every_school)
    closed = deadline.closed_days(closures.values_list("first_day", "last_day"), settings.BEATBOOK_SCHOOL_BANK_HOLIDAYS)
    starts = deadline.parse_start(settings.BEATBOOK_SCHOOL_DAY_STARTS)
    return deadline.next_school_day_start(occurred_at, closed, starts, ZoneInfo(settings.TIME_ZONE))


def open_school_notification(
    incident_ref: str,
    occurred_at: datetime,
    child_school: ChildAtSchool,
    by: Any,
    *,
    ward: Any = None,
    request: Any = None,
    synthetic: bool = False,
) -> SchoolNotification:
    """A notification task for the key adult of the child's school, due before its next school day.
    `synthetic`: a demonstration record, kept out of the real timeliness figures."""
    if occurred_at > timezone.now():
        raise ValueError("The incident's date and time is in the future.")
    with transaction.atomic():
        notification = SchoolNotification(
            reference=new_reference(SchoolNotification, "SN"),
            incident_ref=incident_ref,
            occurred_at=occurred_at,
            ward=ward,
            school=child_school.school,
            child_name=child_school.child_name,
            year_group=child_school.year_group,
            due_at=due_at(occurred_at, child_school.school),
            review_date=default_review_date(settings.BEATBOOK_SCHOOL_REVIEW_DAYS),
            synthetic=synthetic,
        )
        notification.stamp(by)
        notification.save()
        audit.record(request, AuditAction.CREATE, notification, user=by, school=child_school.school.pk)
    return notification


def open_from_incident_log(incidents: Iterable[Any], by: Any = None) -> list[SchoolNotification]:
    """A task "to assign" for each incident given (domestic abuse, children present) that has none yet.

    The log names no school, so the safeguarding officer assigns it; the due time is the next school day
    of every school until then. Known by the incident's id, so a re-imported log opens nothing twice."""
    incidents = list(incidents)
    known = set(
        SchoolNotification.objects.filter(
            from_incident_log=True, incident_ref__in=[i.incident_id for i in incidents]
        ).values_list("incident_ref", flat=True)
    )
    opened = []
    for incident in incidents:
        if incident.incident_id in known:
            continue
        known.add(incident.incident_id)
        opened.append(_open_to_assign(incident, by))
    return opened


def _open_to_assign(incident: Any, by: Any) -> SchoolNotification:
    with transaction.atomic():
        notification = SchoolNotification(
            reference=new_reference(SchoolNotification, "SN"),
            incident_ref=incident.incident_id,
            occurred_at=incident.occurred_at,
            ward=incident.ward,
            status=NotificationStatus.TO_ASSIGN,
            due_at=due_at(incident.occurred_at, None),
            review_date=default_review_date(settings.BEATBOOK_SCHOOL_REVIEW_DAYS),
            from_incident_log=True,
            synthetic=incident.synthetic,
        )
        notification.stamp(by)
        notification.save()
        audit.record(None, AuditAction.CREATE, notification, user=by, source="incident log")
    return notification


def assign_school(notification: SchoolNotification, request: Any, child_school: ChildAtSchool) -> None:
    """Name the child and their school on a task from the log: it becomes due before that school's day."""
    with transaction.atomic():
        locked = SchoolNotification.objects.select_for_update().get(pk=notification.pk)
        if locked.status != NotificationStatus.TO_ASSIGN:
            raise NotSent(f"{locked.reference} already has its school.")
        locked.school, locked.child_name = child_school.school, child_school.child_name
        locked.year_group, locked.status = child_school.year_group, NotificationStatus.DUE
        locked.due_at = due_at(locked.occurred_at, child_school.school)
        locked.stamp(request.user)
        locked.save()
        audit.record(
            request, AuditAction.CHANGE, locked, changes={"status": ["assign", "due"]}, school=locked.school_id
        )
    notification.refresh_from_db()


def message_of(notification: SchoolNotification) -> tuple[str, str]:
    """The subject and text of the email: the fixed template, nothing of the incident but its time."""
    context = {"n": notification, "force": settings.BEATBOOK_SCHOOL_SENDER_NAME}
    subject = f"Operation Encompass notification {notification.reference}"
    return subject, render_to_string("schools/notification_email.txt", context)


def send(notification: SchoolNotification, request: Any) -> None:
    """Email the school's team address and mark the notification sent, with the time."""
    with transaction.atomic():
        locked = SchoolNotification.objects.select_for_update().get(pk=notification.pk)
        if locked.status == NotificationStatus.SENT:
            raise NotSent(f"{locked.reference} was already sent at {timezone.localtime(locked.sent_at):%H:%M %d %b}.")
        if locked.school is None:
            raise NotSent(f"{locked.reference} has no school yet: assign the child's school first.")
        subject, text = message_of(locked)
        try:
            send_mail(subject, text, None, [locked.school.team_email])
        except OSError as refused:  # smtplib's errors are OSErrors: the mail server is down or refused it
            raise NotSent(f"The email could not be sent ({refused}). Nothing was marked sent.") from refused
        locked.status, locked.sent_at, locked.sent_to = (
            NotificationStatus.SENT,
            timezone.now(),
            locked.school.team_email,
        )
        locked.sent_by = request.user
        locked.stamp(request.user)
        locked.save()
        audit.record(request, AuditAction.SHARE, locked, school=locked.school.pk, in_time=locked.sent_in_time)
    notification.refresh_from_db()


@dataclass(frozen=True)
class Timeliness:
    total: int
    sent_in_time: int
    sent_late: int
    overdue: int
    waiting: int
    median_hours: float | None

    @property
    def share_in_time(self) -> float | None:
        """Of the notifications whose deadline has passed or which were sent: the share sent in time."""
        decided = self.sent_in_time + self.sent_late + self.overdue
        return None if decided == 0 else self.sent_in_time / decided


def timeliness(first: date, last: date, *, synthetic: bool = False) -> Timeliness:
    """Counts of incidents between `first` and `last`: sent before the next school day, late, not yet sent.

    Real notifications only, or (`synthetic=True`) only those opened from a synthetic incident log: the
    two are never counted together."""
    now = timezone.now()
    notifications = SchoolNotification.objects.occurred_between(first, last).filter(synthetic=synthetic)
    rows = list(notifications.values("occurred_at", "due_at", "sent_at"))
    sent = [r for r in rows if r["sent_at"] is not None]
    unsent = [r for r in rows if r["sent_at"] is None]
    hours = [(r["sent_at"] - r["occurred_at"]).total_seconds() / 3600 for r in sent]
    return Timeliness(
        total=len(rows),
        sent_in_time=sum(1 for r in sent if r["sent_at"] < r["due_at"]),
        sent_late=sum(1 for r in sent if r["sent_at"] >= r["due_at"]),
        overdue=sum(1 for r in unsent if r["due_at"] <= now),
        waiting=sum(1 for r in unsent if r["due_at"] > now),
        median_hours=statistics.median(hours) if hours else None,
    )
