"""The demo's community intelligence: SYNTHETIC items, invented for the demonstration (no real person,
report or source), one in each state of the flow, made through the same verbs as the pages.

A second intelligence account, `demo-intelligence-2`, approves sanitised texts: the writer of a text
may not approve it. Idempotent: items are known by their reference.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import timezone

from beatbook.accounts.models import PartnerOrganisation
from beatbook.core.roles import Role
from beatbook.demo.accounts import DEMO_ORGANISATION, ensure_extra_account
from beatbook.geography.models import Ward
from beatbook.intel import services
from beatbook.intel.models import Intel, Source, Theme

LABEL = "[Synthetic demonstration record] "
#: The start of every demonstration item's reference (no real reference has an O: REFERENCE_ALPHABET).
PREFIX = "CI-DEMO-"
#: The second intelligence officer's surname: pages name both officers of four-eyes approval.
SECOND_OFFICER = "Second intelligence officer"
DEMO_ITEMS: list[dict[str, Any]] = [
    {
        "reference": "CI-DEMO-RCVD",
        "ward": "Cheap",
        "original_text": "Young people are being driven to the alley behind the shops on weekday evenings and "
        "handed small parcels by two men in a grey car.",
        "submitter_contact": "demo-contact@example.invalid",
        "stage": "received",
    },
    {
        "reference": "CI-DEMO-GRDC",
        "ward": "Aldgate",
        "original_text": "Staff at a hand car wash appear to sleep on site and never leave; the manager holds "
        "their passports, according to a neighbour.",
        "theme": "Modern slavery and human trafficking",
        "stage": "awaiting_handling",
        "sanitised": "Possible labour exploitation reported at a hand car wash in the ward.",
    },
    {
        "reference": "CI-DEMO-SHRD",
        "ward": "Bishopsgate",
        "original_text": "A regular at the bar on the corner deals cocaine in the toilets on Friday nights; I "
        "work the door there.",
        "theme": "Drugs",
        "stage": "shared",
        "sanitised": "Drug supply is reported in licensed premises in the ward on Friday nights.",
    },
]


def ensure_demo_intelligence() -> list[str]:
    if not Ward.objects.exists():
        return ["Intelligence: no geography loaded, no demonstration items."]
    writer = get_user_model().objects.get(username="demo-intelligence")
    approver = ensure_extra_account("demo-intelligence-2", Role.INTELLIGENCE, SECOND_OFFICER)
    mark_synthetic()
    made = [_ensure(spec, writer, approver) for spec in DEMO_ITEMS]
    return [f"Intelligence: {sum(made)} synthetic demonstration items added ({len(DEMO_ITEMS)} in all)."]


def mark_synthetic() -> int:
    """Flag the demonstration items synthetic: those an earlier demo made lack the flag. How many were flagged."""
    return Intel.objects.filter(reference__startswith=PREFIX, synthetic=False).update(synthetic=True)


def _ensure(spec: dict[str, Any], writer: Any, approver: Any) -> bool:
    if Intel.objects.filter(reference=spec["reference"]).exists():
        return False
    as_writer, as_approver = _request(writer), _request(approver)
    data = {"original_text": LABEL + spec["original_text"], "ward": Ward.objects.filter(name=spec["ward"]).first()}
    item = services.receive(as_writer, Source.PUBLIC, {**data, **_contact(spec)}).item
    received = timezone.now() - timedelta(days=2)
    Intel.objects.filter(pk=item.pk).update(reference=spec["reference"], received_at=received, synthetic=True)
    item.refresh_from_db()
    if spec.get("theme"):
        item.themes.add(*Theme.objects.filter(name=spec["theme"]))
    if spec["stage"] == "received":
        return True
    code = "C" if spec["stage"] == "awaiting_handling" else "P"
    conditions = "Police and the council's licensing team only; not to be put to the premises." if code == "C" else ""
    grading = {"source_evaluation": "2", "assessment": "B", "handling_code": code, "handling_conditions": conditions}
    services.grade(as_writer, item, grading)
    services.sanitise(as_writer, item, LABEL + spec["sanitised"])
    services.approve_sanitised(as_approver, item)
    if spec["stage"] == "shared":
        organisation = PartnerOrganisation.objects.get(name=DEMO_ORGANISATION)
        services.share(as_writer, item, organisation, "Demonstration: their wardens patrol the night-time economy")
    return True


def _contact(spec: dict[str, Any]) -> dict[str, str]:
    return {"submitter_contact": spec["submitter_contact"]} if spec.get("submitter_contact") else {}


def _request(user: Any) -> Any:
    request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_USER_AGENT="beatbook demo")
    request.user = user
    return request
