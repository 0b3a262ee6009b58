"""Registering a marked bike (by an officer, or by its owner on the public form), the audited search,
and the public form's limit per address."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from beatbook.bikes.models import MarkedBike, Source
from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.core.public_forms import over_limit_in_audit_log

#: Bikes one address may register in REGISTER_WINDOW: a family's bikes, not a script's.
REGISTRATIONS_PER_ADDRESS = 5
REGISTER_WINDOW = timedelta(hours=1)
OBJECT_TYPE = MarkedBike._meta.label_lower


def too_many_registrations(request: HttpRequest) -> bool:
    """The public's registrations only: officers registering bikes at a station share its address."""
    return over_limit_in_audit_log(
        request, OBJECT_TYPE, REGISTRATIONS_PER_ADDRESS, REGISTER_WINDOW, anonymous_only=True
    )


@transaction.atomic
def register(request: HttpRequest, bike: MarkedBike, source: Source) -> MarkedBike:
    bike.source = source
    bike.stamp(request.user)
    bike.save()
    audit.record(request, AuditAction.CREATE, bike, source=source)
    return bike


#: The owner's personal data: the audit log records that these changed, never their values.
PERSONAL_FIELDS = ("owner_name", "owner_email", "owner_phone")


@transaction.atomic
def change(request: HttpRequest, form: Any) -> MarkedBike:
    bike = form.save(commit=False)
    bike.stamp(request.user)
    bike.save()
    audit.record(request, AuditAction.CHANGE, bike, changes=audit.form_changes(form, unlogged=PERSONAL_FIELDS))
    return bike


@transaction.atomic
def delete(request: HttpRequest, bike: MarkedBike, reason: str) -> None:
    """Delete the record and with it the owner's name and contact details: the audit entry keeps only
    the marking code, who deleted it and why."""
    audit.record(request, AuditAction.DELETE, bike, reason=reason)
    bike.delete()


def search(request: HttpRequest, text: str) -> list[MarkedBike]:
    """The bikes with this frame number or marking code; the search and what it found are audited."""
    found = list(MarkedBike.objects.visible_to(request.user).matching(text).select_related("event", "cluster"))
    audit.record(
        request,
        AuditAction.SEARCH,
        object_type=OBJECT_TYPE,
        object_repr=f"frame number or marking code {text[:60]}",
        query=text[:60],
        found=[b.pk for b in found],
    )
    return found
