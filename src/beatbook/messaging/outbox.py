"""The outbox: emails are stored first and sent after; a failing mail server only delays them.

`deliver_due()` sends the emails whose time has come through Django's email backend. A failure
is recorded on the email and retried later, waiting 1, 2, 4 ... minutes (at most a day) between
attempts; after `BEATBOOK_OUTBOX_MAX_ATTEMPTS` it is marked failed, and kept. Each email is
claimed before it is sent, so two runs at once (cron and a request) never send it twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from beatbook.messaging.models import OutboxEmail, OutboxStatus

LEASE = dt.timedelta(minutes=10)  # a claimed email is left alone this long by other runs
MAX_WAIT = dt.timedelta(days=1)


@dataclass
class Delivery:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def queue(
    to: str, subject: str, body: str, purpose: str, headers: dict[str, str] | None = None, message=None
) -> OutboxEmail:
    return OutboxEmail.objects.create(
        to=to, subject=subject, body=body, purpose=purpose, headers=headers or {}, message=message
    )


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failure: 1, 2, 4, ... minutes, at most a day."""
    return min(dt.timedelta(minutes=2 ** (attempts - 1)), MAX_WAIT)


def deliver_due(limit: int | None = None, now: dt.datetime | None = None) -> Delivery:
    now = now or timezone.now()
    due = OutboxEmail.objects.filter(status=OutboxStatus.PENDING, next_attempt__lte=now).order_by("next_attempt", "id")
    report = Delivery()
    connection = get_connection(fail_silently=False)
    for email in list(due[:limit] if limit else due):
        if _claim(email, now):
            _attempt(email, connection, now, report)
    return report


def deliver_after_commit(limit: int = 50) -> None:
    """Send the first emails as soon as the transaction that queued them commits; cron sends the rest."""
    transaction.on_commit(lambda: deliver_due(limit=limit))


def _claim(email: OutboxEmail, now: dt.datetime) -> bool:
    claimed = OutboxEmail.objects.filter(pk=email.pk, status=OutboxStatus.PENDING, next_attempt=email.next_attempt)
    return claimed.update(next_attempt=now + LEASE) == 1


def _attempt(email: OutboxEmail, connection, now: dt.datetime, report: Delivery) -> None:
    mail = EmailMessage(
        email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to], headers=email.headers, connection=connection
    )
    try:
        mail.send(fail_silently=False)
    except Exception as error:  # any failure of the mail server: recorded on the email, and retried
        _failed(email, error, now, report)
        return
    email.status, email.sent, email.attempts = OutboxStatus.SENT, timezone.now(), email.attempts + 1
    email.last_error = ""
    email.save(update_fields=["status", "sent", "attempts", "last_error"])
    report.sent += 1


def _failed(email: OutboxEmail, error: Exception, now: dt.datetime, report: Delivery) -> None:
    email.attempts += 1
    email.last_error = f"{type(error).__name__}: {error}"[:300]
    if email.attempts >= settings.BEATBOOK_OUTBOX_MAX_ATTEMPTS:
        email.status = OutboxStatus.FAILED
        report.failed += 1
    else:
        email.next_attempt = now + backoff(email.attempts)
        report.retrying += 1
    email.save(update_fields=["attempts", "last_error", "status", "next_attempt"])


def retry_failed() -> int:
    """Put every failed email back in the queue (after the mail server is mended)."""
    return OutboxEmail.objects.filter(status=OutboxStatus.FAILED).update(
        status=OutboxStatus.PENDING, attempts=0, next_attempt=timezone.now()
    )
