"""The public form's limit per address. The address itself is never stored: only an HMAC of it under
the deployment's SECRET_KEY (so the hashes cannot be reversed by trying every address without the
key), and only for as long as the window lasts. The audit log's own address column is not used for
public submissions, which are audited without the request (see docs/adr/0008)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from beatbook.core.audit import client_ip
from beatbook.core.public_forms import keyed_address_hash
from beatbook.intel.models import SubmissionAttempt


def address_hash(request: HttpRequest) -> str:
    return keyed_address_hash(client_ip(request))


def take_a_turn(request: HttpRequest) -> bool:
    """Count this submission and say whether it is within the limit (True) or over it (False)."""
    now = timezone.now()
    window_start = now - timedelta(minutes=settings.BEATBOOK_INTEL_SUBMISSION_WINDOW_MINUTES)
    SubmissionAttempt.objects.filter(at__lt=window_start).delete()  # nothing is kept past its window
    key = address_hash(request)
    if SubmissionAttempt.objects.filter(address_hash=key).count() >= settings.BEATBOOK_INTEL_SUBMISSIONS_PER_ADDRESS:
        return False
    SubmissionAttempt.objects.create(address_hash=key, at=now)
    return True


def limit_message() -> str:
    return (
        f"You have sent {settings.BEATBOOK_INTEL_SUBMISSIONS_PER_ADDRESS} reports in the last "
        f"{settings.BEATBOOK_INTEL_SUBMISSION_WINDOW_MINUTES} minutes, the most we accept from one connection. "
        "Please try again later, or call 101 (999 in an emergency)."
    )
