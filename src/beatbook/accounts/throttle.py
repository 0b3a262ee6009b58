"""Back-off after failed sign-ins, counted from the audit log's own record of them.

Two limits, both over a sliding window: per account (guessing one person's password) and,
much higher, per address (one address trying many accounts; police stations share addresses,
so a low per-address limit would lock a whole building out). Written here rather than taken
from django-axes because the audit log already holds every failure, and the two limits differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from beatbook.core.models import AuditAction, AuditEvent


@dataclass(frozen=True)
class Block:
    reason: str
    until: datetime

    def message(self) -> str:
        local = timezone.localtime(self.until)
        return (
            f"Too many failed sign-ins {self.reason}. Try again after {local:%H:%M}. "
            "If you have forgotten your password, reset it."
        )


def sign_in_block(username: str, ip: str | None, now: datetime | None = None) -> Block | None:
    """Why sign-in is refused now for this account or address, or None when it is allowed."""
    now = now or timezone.now()
    window = timedelta(minutes=settings.BEATBOOK_LOGIN_WINDOW_MINUTES)
    # Attempts refused during a block are LOGIN_BLOCKED events, not failures: retrying does not extend a block.
    failures = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, at__gt=now - window)
    checks = [
        (failures.filter(username__iexact=username), settings.BEATBOOK_LOGIN_FAILURES_PER_ACCOUNT, "for this account"),
    ]
    if ip:
        checks.append((failures.filter(ip=ip), settings.BEATBOOK_LOGIN_FAILURES_PER_ADDRESS, "from this address"))
    for recent, limit, reason in checks:
        times = list(recent.order_by("-at").values_list("at", flat=True)[:limit])
        if len(times) >= limit:
            return Block(reason, times[-1] + window)
    return None
