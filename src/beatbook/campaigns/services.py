"""A campaign's reach, computed from its records, and the verbs that change a campaign."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest

from beatbook.campaigns.models import Campaign, PremisesSignUp
from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.messaging.models import OutboxEmail, OutboxStatus
from beatbook.premises.models import LicensedPremises


@dataclass(frozen=True)
class Reach:
    events: int
    people_attended: int  # the attendance recorded after its events; events without a figure count 0
    events_without_attendance: int
    messages: int
    messages_delivered: int  # emails the outbox has sent, not those still waiting or failed
    premises_signed_up: int


def reach(campaign: Campaign) -> Reach:
    events = campaign.events.filter(cancelled=False)
    held = events.filter(attendance__isnull=False)
    delivered = OutboxEmail.objects.filter(message__in=campaign.messages.all(), status=OutboxStatus.SENT)
    return Reach(
        events=events.count(),
        people_attended=held.aggregate(n=Sum("attendance"))["n"] or 0,
        events_without_attendance=events.filter(attendance__isnull=True).count(),
        messages=campaign.messages.count(),
        messages_delivered=delivered.count(),
        premises_signed_up=campaign.sign_ups.count(),
    )


def target_premises(campaign: Campaign, force_slug: str) -> Any:
    """The premises of the force's licensing registers of the kinds the campaign targets, not yet signed up."""
    types = campaign.premises_types()
    if not types:
        return LicensedPremises.objects.none()
    signed = campaign.sign_ups.exclude(premises=None).values("premises")
    return (
        LicensedPremises.objects.filter(register__force_slug=force_slug, premises_type__in=types)
        .exclude(pk__in=signed)
        .select_related("ward")
        .order_by("name")
    )


@transaction.atomic
def save_campaign(request: HttpRequest, campaign: Campaign, form: Any) -> Campaign:
    adding = campaign._state.adding
    campaign.stamp(request.user)
    campaign.save()
    form.save_m2m()
    changes = audit.form_changes(form)
    audit.record(request, AuditAction.CREATE if adding else AuditAction.CHANGE, campaign, changes=changes)
    return campaign


@transaction.atomic
def sign_up(
    request: HttpRequest, campaign: Campaign, premises: LicensedPremises, on: dt.date
) -> tuple[PremisesSignUp, bool]:
    """Sign the premises up (once: a second sign-up of the same premises keeps the first)."""
    row, created = PremisesSignUp.objects.get_or_create(
        campaign=campaign,
        name=premises.name,
        address=premises.address,
        defaults={"premises": premises, "ward": premises.ward, "signed_up": on, "created_by": request.user},
    )
    if created:
        audit.record(request, AuditAction.CREATE, row, campaign=campaign.pk)
    return row, created
