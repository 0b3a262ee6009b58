"""The verbs of community intelligence: receive, grade, sanitise, approve, share and link.

Every verb runs in one transaction and writes its audit event; an event names fields and grades,
never the text of an item, because supervisors read the audit log and must not read originals.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from beatbook.accounts.models import PartnerOrganisation
from beatbook.core import audit, references
from beatbook.core.models import AuditAction
from beatbook.core.retention import default_review_date
from beatbook.intel.models import HandlingCode, Intel, IntelAddition, IntelShare, Source, Status
from beatbook.problems.references import reference_of

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read out over the telephone


class NotAllowed(Exception):
    """A verb refused by the rules of 3x5x2 and sanitisation; the message says which rule."""


@dataclass(frozen=True)
class Receipt:
    item: Intel
    follow_up_token: str  # empty when no contact details were left


def new_reference() -> str:
    """CI-K7QD-M2XA: given to the person who told us, who may read it out over the telephone."""
    return references.new_reference(Intel, "CI", length=8, alphabet=REFERENCE_ALPHABET, group=4)


def follow_up_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def receive(request: HttpRequest, source: Source, data: dict[str, Any]) -> Receipt:
    """Store what was told. A public submission is audited without its request, so that the audit log
    holds no address of an anonymous source."""
    signed_in = _user(request) if request.user.is_authenticated else None
    token = secrets.token_urlsafe(24) if source == Source.PUBLIC and data.get("submitter_contact") else ""
    with transaction.atomic():
        item = Intel(
            reference=new_reference(),
            source=source,
            review_date=default_review_date(settings.BEATBOOK_INTEL_REVIEW_DAYS),
            follow_up_key=follow_up_key(token) if token else "",
            **{k: data.get(k) or v for k, v in _RECEIVED_FIELDS.items()},
        )
        item.stamp(signed_in)
        item.save()
        if data.get("themes"):
            item.themes.set(data["themes"])
        if source == Source.PUBLIC:
            audit.record(None, AuditAction.CREATE, item, username="public form", source=source)
        else:
            audit.record(request, AuditAction.CREATE, item, source=source)
    return Receipt(item, token)


_RECEIVED_FIELDS: dict[str, Any] = {
    "original_text": "",
    "place": "",
    "submitter_name": "",
    "submitter_contact": "",
    "organisation": None,
    "lat": None,
    "lng": None,
    "ward": None,
}


def add_follow_up(item: Intel, text: str) -> IntelAddition:
    with transaction.atomic():
        addition = IntelAddition.objects.create(item=item, text=text)
        audit.record(None, AuditAction.CHANGE, item, username="public follow-up link", added="follow-up")
    return addition


def grade(request: HttpRequest, item: Intel, data: dict[str, Any]) -> None:
    """Grade (or re-grade) with 3x5x2. Handling code C needs written conditions, and a changed code or
    conditions need a supervisor's approval again."""
    code, conditions = data["handling_code"], data.get("handling_conditions", "").strip()
    if code == HandlingCode.C and not conditions:
        raise NotAllowed("Handling code C needs its conditions written down.")
    if code == HandlingCode.P and conditions:
        raise NotAllowed("Conditions belong to handling code C; with P, sharing is permitted without them.")
    with transaction.atomic():
        before = {f: getattr(item, f) for f in ("source_evaluation", "assessment", "handling_code")}
        if (code, conditions) != (item.handling_code, item.handling_conditions):
            item.handling_approved_at, item.handling_approved_by = None, None
        item.source_evaluation, item.assessment = data["source_evaluation"], data["assessment"]
        item.handling_code, item.handling_conditions = code, conditions
        if item.graded_at is None:  # the time to grade is the first grading's
            item.graded_at, item.grading_target_hours = timezone.now(), settings.BEATBOOK_INTEL_GRADING_TARGET_HOURS
        item.graded_by = _user(request)
        _save(request, item, _changes(before, item), verb="graded")


def sanitise(request: HttpRequest, item: Intel, text: str) -> None:
    """Write the text that may be shared; a changed text needs approving again."""
    if not item.graded_at:
        raise NotAllowed("Grade the item before writing its sanitised text: the handling code decides the sharing.")
    with transaction.atomic():
        if text != item.sanitised_text:
            item.sanitisation_approved_at, item.sanitisation_approved_by = None, None
        item.sanitised_text, item.sanitised_at, item.sanitised_by = text, timezone.now(), _user(request)
        _save(request, item, {}, verb="sanitised text written")


def approve_sanitised(request: HttpRequest, item: Intel) -> None:
    """A second intelligence officer checks the text against the original: four eyes, never the writer's own."""
    if not item.sanitised_text:
        raise NotAllowed("There is no sanitised text to approve.")
    if item.sanitised_by_id == _user(request).pk:
        raise NotAllowed("Another intelligence officer must approve the sanitised text you wrote.")
    with transaction.atomic():
        item.sanitisation_approved_at, item.sanitisation_approved_by = timezone.now(), _user(request)
        _save(request, item, {}, verb="sanitised text approved")


def approve_handling(request: HttpRequest, item: Intel) -> None:
    if item.handling_code != HandlingCode.C or not item.needs_handling_approval:
        raise NotAllowed("Only handling code C, graded and not yet approved, needs a supervisor's approval.")
    with transaction.atomic():
        item.handling_approved_at, item.handling_approved_by = timezone.now(), _user(request)
        _save(request, item, {}, verb="handling conditions approved")


def share_refusal(item: Intel, organisation: PartnerOrganisation) -> str | None:
    """Why the item may not be shared with `organisation` now, or None."""
    if item.current_status() != Status.READY:
        return f"This item cannot be shared yet: {Status(item.current_status()).label.lower()}."
    if item.shares.filter(organisation=organisation).exists():
        return f"This item is already shared with {organisation}."
    return None


def share(request: HttpRequest, item: Intel, organisation: PartnerOrganisation, reason: str) -> IntelShare:
    refusal = share_refusal(item, organisation)
    if refusal:
        raise NotAllowed(refusal)
    with transaction.atomic():
        shared = IntelShare.objects.create(
            item=item, organisation=organisation, shared_by=_user(request), reason=reason
        )
        audit.record(request, AuditAction.SHARE, item, organisation=organisation.name, reason=reason[:200])
    return shared


def link(request: HttpRequest, item: Intel, data: dict[str, Any]) -> None:
    """Ward, premises, themes and the SARA problem (a `ProblemChoice`). Linking a problem replaces a text
    reference kept from before problems could be linked; the audit names the problem by reference only."""
    choice = data.get("problem")
    with transaction.atomic():
        before = _link_values(item)
        item.ward, item.premises = data.get("ward"), data.get("premises")
        item.premises_name = str(item.premises) if item.premises else ""
        item.problem_id = choice.pk if choice else None
        if choice:
            item.problem_ref = ""
        item.themes.set(data.get("themes") or [])
        after = _link_values(item)
        changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
        _save(request, item, changes, verb="links changed", themes=[t.name for t in item.themes.all()])


def _link_values(item: Intel) -> dict[str, str]:
    return {
        "ward": str(item.ward or ""),
        "premises": item.premises_name,
        "problem": reference_of(item.problem_id),
        "problem_ref": item.problem_ref,
    }


def _user(request: HttpRequest) -> Any:
    """The signed-in person (the views that call these verbs are role-guarded)."""
    return request.user


def _save(request: HttpRequest, item: Intel, changes: dict[str, list[Any]], verb: str, **detail: Any) -> None:
    item.stamp(_user(request))
    item.save()
    audit.record(request, AuditAction.CHANGE, item, changes=changes, verb=verb, status=item.status, **detail)


def _changes(before: dict[str, Any], item: Intel) -> dict[str, list[Any]]:
    return {f: [v, getattr(item, f)] for f, v in before.items() if v != getattr(item, f)}
