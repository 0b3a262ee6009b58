"""The verbs of a briefing: write it, renew it, mark the person found, and remove its personal data
at review. Each runs in a transaction and writes an audit event."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from beatbook.core import audit, retention
from beatbook.core.models import AuditAction
from beatbook.core.references import new_reference
from beatbook.core.retention import default_review_date
from beatbook.messaging import outbox
from beatbook.messaging.services import public_url
from beatbook.missing.models import MissingBriefing

#: The outbox purpose of the email telling a briefing's author that the person is found.
FOUND_PURPOSE = "missing-found"

FIELDS = ("kind", "name", "age", "description", "last_seen_place", "last_seen_at", "risk", "if_found", "review_at")


def create(request: HttpRequest, data: dict[str, Any], photo: bytes | None) -> MissingBriefing:
    with transaction.atomic():
        briefing = MissingBriefing(
            reference=new_reference(MissingBriefing, "MB"),
            review_date=default_review_date(settings.BEATBOOK_MISSING_REVIEW_DAYS),
            **{name: data[name] for name in FIELDS},
        )
        if photo:
            briefing.photo, briefing.photo_type = photo, "image/jpeg"
        briefing.stamp(request.user)
        briefing.save()
        briefing.clusters.set(data["clusters"])
        audit.record(
            request, AuditAction.CREATE, briefing, clusters=[c.pk for c in data["clusters"]], photo=bool(photo)
        )
    return briefing


def renew(request: HttpRequest, briefing: MissingBriefing, until: datetime) -> None:
    """Keep the briefing in officers' view until `until` (the person is still missing or at risk)."""
    if briefing.found_at or briefing.personal_data_removed:
        raise ValueError("The person has been found: the briefing cannot be renewed.")
    if until <= timezone.now():
        raise ValueError("The new review time must be in the future.")
    with transaction.atomic():
        before = briefing.review_at
        briefing.review_at = until
        briefing.stamp(request.user)
        briefing.save()
        audit.record(request, AuditAction.CHANGE, briefing, changes={"review_at": [str(before), str(until)]})


def mark_found(request: HttpRequest, briefing: MissingBriefing) -> bool:
    """The person is found: the briefing leaves every officer's view at once. Whether its author was emailed."""
    if briefing.found_at:
        raise ValueError(f"Already marked found at {timezone.localtime(briefing.found_at):%H:%M on %d %B}.")
    if briefing.personal_data_removed:
        raise ValueError("The briefing's personal data was removed at review: it can no longer be marked found.")
    with transaction.atomic():
        briefing.found_at, briefing.found_by = timezone.now(), request.user  # type: ignore[assignment]  # signed in: role_required
        briefing.stamp(request.user)
        briefing.save()
        audit.record(request, AuditAction.CHANGE, briefing, changes={"found_at": ["", str(briefing.found_at)]})
        return _tell_the_author(request, briefing)


def _tell_the_author(request: HttpRequest, briefing: MissingBriefing) -> bool:
    """The safeguarding officer who wrote the briefing learns that someone else recorded the person found.

    The email names the briefing by reference only: no name, description or place of the person."""
    author, finder_user = briefing.created_by, briefing.found_by
    if author is None or finder_user is None or author == finder_user or not author.email:
        return False
    finder = finder_user.get_full_name() or finder_user.get_username()
    when = timezone.localtime(briefing.found_at)
    body = (
        f"{finder} recorded at {when:%H:%M on %d %B %Y} that the person of briefing {briefing.reference} is found.\n"
        f"Review the briefing: {public_url('missing:briefing', briefing.pk)}\n"
    )
    outbox.queue(author.email, f"Briefing {briefing.reference}: the person is found", body, FOUND_PURPOSE)
    return True


def remove_personal_data(request: HttpRequest, briefing: MissingBriefing, reason: str) -> None:
    """At review, once the briefing is no longer active (`MissingBriefing.removal_refused`): its name,
    description, places and photo go."""
    retention.remove_personal_data(briefing, request, reason=reason)
