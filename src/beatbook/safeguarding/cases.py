"""The verbs of repeat-victim support plans and Community MARAC cases, each in one transaction and audited.

A partner changes nothing of a case but marks their own organisation's actions done (`complete_marac_action`);
which actions are theirs is `MaracAction.objects.visible_to`'s decision, made by the view before calling here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.core.references import new_reference
from beatbook.safeguarding.models import (
    MaracAction,
    MaracAttendance,
    MaracCase,
    SupportAction,
    SupportPlan,
)
from beatbook.safeguarding.services import is_synthetic, review_date


def open_support_plan(request: HttpRequest, data: dict[str, Any]) -> SupportPlan:
    with transaction.atomic():
        plan = SupportPlan(
            victim=data["victim"],
            summary=data["summary"],
            owner=data["owner"],
            next_review_on=data["next_review_on"],
            synthetic=is_synthetic(data["victim"]),
            review_date=review_date(),
        )
        plan.stamp(request.user)
        plan.save()
        audit.record(request, AuditAction.CREATE, plan, owner=plan.owner_id)
    return plan


def add_support_action(request: HttpRequest, plan: SupportPlan, data: dict[str, Any]) -> SupportAction:
    with transaction.atomic():
        action = SupportAction(plan=plan, text=data["text"], owner_name=data["owner_name"], due_on=data["due_on"])
        action.stamp(request.user)
        action.save()
        audit.record(request, AuditAction.CREATE, action, plan=plan.pk)
    return action


def complete_support_action(request: HttpRequest, action: SupportAction) -> None:
    with transaction.atomic():
        action.done_on = timezone.localdate()
        action.stamp(request.user)
        action.save()
        audit.record(request, AuditAction.CHANGE, action, changes={"done_on": ["", str(action.done_on)]})


def review_support_plan(request: HttpRequest, plan: SupportPlan, *, next_review_on: date, status: str) -> None:
    with transaction.atomic():
        before = [str(plan.next_review_on), plan.status]
        plan.next_review_on, plan.status = next_review_on, status
        plan.stamp(request.user)
        plan.save()
        after = [str(next_review_on), status]
        changes = {"next_review_on": [before[0], after[0]], "status": [before[1], after[1]]}
        audit.record(request, AuditAction.CHANGE, plan, changes=changes)


def open_marac_case(request: HttpRequest, data: dict[str, Any]) -> MaracCase:
    """A case for the Community MARAC, with the partner organisations invited to its meeting."""
    with transaction.atomic():
        case = MaracCase(
            reference=new_reference(MaracCase, "MC"),
            referral=data.get("referral"),
            victim=data["victim"],
            meeting_on=data["meeting_on"],
            shared_summary=data["shared_summary"],
            risk_notes=data.get("risk_notes") or "",
            synthetic=is_synthetic(data["victim"]),
            review_date=review_date(),
        )
        case.stamp(request.user)
        case.save()
        invited = list(data["organisations"])
        MaracAttendance.objects.bulk_create(MaracAttendance(case=case, organisation=o) for o in invited)
        audit.record(request, AuditAction.CREATE, case, invited=[o.pk for o in invited])
    return case


def record_marac_meeting(
    request: HttpRequest, case: MaracCase, *, attended: list[Any], outcome: str, status: str
) -> None:
    """Who came (of those invited), what was decided, and whether the case stays open."""
    with transaction.atomic():
        present = {o.pk for o in attended}
        for attendance in case.attendances.all():
            attendance.attended = attendance.organisation_id in present
            attendance.save(update_fields=["attended"])
        before = case.status
        case.outcome, case.status = outcome, status
        case.stamp(request.user)
        case.save()
        audit.record(request, AuditAction.CHANGE, case, changes={"status": [before, status]}, attended=sorted(present))


def add_marac_action(request: HttpRequest, case: MaracCase, data: dict[str, Any]) -> MaracAction:
    """An action for an organisation (invited to the case if it was not) or, with none, for the police."""
    with transaction.atomic():
        organisation = data.get("organisation")
        if organisation is not None:
            MaracAttendance.objects.get_or_create(case=case, organisation=organisation)
        action = MaracAction(
            case=case,
            text=data["text"],
            organisation=organisation,
            owner_name=data["owner_name"],
            due_on=data["due_on"],
        )
        action.stamp(request.user)
        action.save()
        audit.record(request, AuditAction.CREATE, action, case=case.pk, organisation=getattr(organisation, "pk", None))
    return action


def complete_marac_action(request: HttpRequest, action: MaracAction) -> None:
    with transaction.atomic():
        action.done_on = timezone.localdate()
        action.stamp(request.user)
        action.save()
        audit.record(request, AuditAction.CHANGE, action, changes={"done_on": ["", str(action.done_on)]})
