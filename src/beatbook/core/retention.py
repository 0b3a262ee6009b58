"""Retention of personal data under the Management of Police Information (MoPI): every record that
holds personal data has a review date; at review it is either kept (with a new date and a reason)
or its personal data is removed, leaving the record's skeleton (dates, area, grading) for counts
and an audit entry saying who removed what and why.

A model takes part by extending `Reviewable` (its QuerySet extending `ReviewableQuerySet`), naming its
personal fields in `PERSONAL_FIELDS` (text fields, blanked), overriding `remove_related_personal_data`
for rows held elsewhere, and `removal_refused` when its data must stay for now (an active missing-person
briefing). Every way of removing personal data goes through `remove_personal_data`, which asks it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from beatbook.core import audit
from beatbook.core.models import AuditAction


class ReviewRefused(ValueError):
    """The review cannot be applied to this record now; the message says why."""


class ReviewableQuerySet(models.QuerySet):
    """The QuerySet (or a base of it) of every Reviewable model."""

    def due_for_review(self, today: date | None = None) -> Any:
        """The records whose review date has come and whose personal data is still held."""
        return self.filter(personal_data_removed_at__isnull=True, review_date__lte=today or timezone.localdate())


class Reviewable(models.Model):
    review_date = models.DateField(help_text="When the record must be reviewed (MoPI): kept with a reason, or deleted")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The last review",
    )
    review_reason = models.CharField(max_length=500, blank=True, help_text="Why the record was kept at its review")
    personal_data_removed_at = models.DateTimeField(null=True, blank=True)

    PERSONAL_FIELDS: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    @property
    def personal_data_removed(self) -> bool:
        return self.personal_data_removed_at is not None

    def removal_refused(self) -> str | None:
        """Why the personal data may not be removed now (override), or None when it may."""
        return None

    def remove_related_personal_data(self) -> dict[str, int]:
        """Personal data held in other tables (override); returns what was removed, by kind."""
        return {}


def apply_review(record: Reviewable, request: HttpRequest, data: dict[str, Any]) -> str:
    """Apply a review form's decision (keep until a date, or remove the personal data); returns what was done."""
    if data["decision"] == "keep":
        keep(record, request, until=data["next_review"], reason=data["reason"])
        return f"{record} is kept until its next review on {data['next_review']:%-d %B %Y}."
    remove_personal_data(record, request, reason=data["reason"])
    return f"The personal data of {record} is deleted; the record stays, without it, for counts."


def _refuse_if_removed(record: Reviewable) -> None:
    if record.personal_data_removed:
        removed = timezone.localtime(record.personal_data_removed_at)
        raise ReviewRefused(f"The personal data of {record} was already deleted at review on {removed:%-d %B %Y}.")


def keep(record: Reviewable, request: HttpRequest, *, until: date, reason: str) -> None:
    """The review kept the record: a new review date and the reason, audited."""
    _refuse_if_removed(record)
    if until <= timezone.localdate():
        raise ValueError("The next review date must be in the future.")
    with transaction.atomic():
        before = str(record.review_date)
        record.review_date, record.review_reason = until, reason
        record.reviewed_at, record.reviewed_by = timezone.now(), _user(request)
        record.save()
        audit.record(request, AuditAction.CHANGE, record, changes={"review_date": [before, str(until)]}, review="kept")


def remove_personal_data(record: Reviewable, request: HttpRequest | None, *, reason: str, user: Any = None) -> None:
    """Blank the record's personal fields and related personal rows; the audit entry names the fields, not
    their content. Refused (ReviewRefused) when already removed or when the record's own rule refuses."""
    _refuse_if_removed(record)
    refused = record.removal_refused()
    if refused:
        raise ReviewRefused(refused)
    with transaction.atomic():
        cleared = [name for name in record.PERSONAL_FIELDS if getattr(record, name)]
        for name in record.PERSONAL_FIELDS:
            setattr(record, name, "")
        related = record.remove_related_personal_data()
        record.personal_data_removed_at = record.reviewed_at = timezone.now()
        record.reviewed_by = user if user is not None else _user(request)
        record.review_reason = reason
        record.save()
        audit.record(
            request,
            AuditAction.DELETE,
            record,
            user=user,
            review="personal data removed",
            fields=cleared,
            removed=related,
        )


def _user(request: HttpRequest | None) -> Any:
    return getattr(request, "user", None)


def default_review_date(days: int, start: date | None = None) -> date:
    return (start or timezone.localdate()) + timedelta(days=days)
