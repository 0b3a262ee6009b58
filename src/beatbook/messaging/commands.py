"""`beatbook outbox send`: send the emails whose time has come (run it from cron every minute or so)."""

from __future__ import annotations

import click

from beatbook.django_setup import setup_django


@click.group()
def outbox() -> None:
    """The outbox of emails to subscribers: every email is stored first, then sent and retried until it goes."""


@outbox.command("send")
@click.option("--limit", type=click.IntRange(min=1), help="Send at most this many emails in this run.")
def send(limit: int | None) -> None:
    """Send every email that is due; a failure waits 1, 2, 4 ... minutes before the next attempt. Also
    deletes the subscriptions asked for whose confirmation link has expired (they keep an address)."""
    setup_django()
    from beatbook.messaging.outbox import deliver_due
    from beatbook.messaging.services import forget_unconfirmed

    forget_unconfirmed()

    report = deliver_due(limit=limit)
    click.echo(f"Sent {report.sent}; {report.retrying} will be tried again later; {report.failed} failed for good.")


@outbox.command("status")
def status() -> None:
    """How many emails are waiting, sent and failed (with the latest error)."""
    setup_django()
    from django.db.models import Count

    from beatbook.messaging.models import OutboxEmail

    counts = dict(OutboxEmail.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    click.echo(", ".join(f"{s}: {counts.get(s, 0)}" for s in ("pending", "sent", "failed")))
    latest = OutboxEmail.objects.exclude(last_error="").order_by("-next_attempt").first()
    if latest is not None:
        click.echo(f"Latest error: {latest.last_error}")


@outbox.command("retry-failed")
def retry_failed() -> None:
    """Queue again every email that failed for good (after the mail server is mended)."""
    setup_django()
    from beatbook.messaging.outbox import retry_failed as retry

    click.echo(f"{retry()} failed emails queued again.")
