"""The demo's support plan and Community MARAC case, made for the demonstration assessment's repeat victim:
SYNTHETIC records (the victim is a SYN- pseudonym of the synthetic log), labelled in their texts.

The case invites the demo partner's organisation and a second demonstration organisation, each with an
action, so that signing in as demo-partner shows the shared summary and that organisation's action only.
Idempotent: each record is made once, known by its label.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import timezone

from beatbook.accounts.models import OrganisationKind, PartnerOrganisation
from beatbook.demo.accounts import DEMO_ORGANISATION
from beatbook.safeguarding import cases
from beatbook.safeguarding.models import DashAssessment, MaracCase, SupportPlan

LABEL = "[Synthetic demonstration record]"
OTHER_ORGANISATION = "Demo: Housing association (demonstration)"


def ensure_demo_cases() -> list[str]:
    assessment = DashAssessment.objects.filter(notes__startswith=LABEL).first()
    if assessment is None:
        return ["Safeguarding: no demonstration assessment; no support plan or MARAC case."]
    request = _request()
    return [_plan(request, assessment.victim), _case(request, assessment)]


def _request() -> Any:
    request: Any = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_USER_AGENT="beatbook demo")
    request.user = get_user_model().objects.get(username="demo-safeguarding")
    return request


def _plan(request: Any, victim: str) -> str:
    plan = SupportPlan.objects.filter(summary__startswith=LABEL).first()
    if plan is None:
        today = timezone.localdate()
        summary = f"{LABEL} Wants to feel safe at home and to be told before the caller is released."
        data = {"victim": victim, "summary": summary, "owner": request.user, "next_review_on": today + timedelta(28)}
        plan = cases.open_support_plan(request, data)
        for text, owner, days in (
            ("Fit a video doorbell and window alarms", "Demo Target Hardening Officer", 7),
            ("Weekly call from the Independent Domestic Violence Adviser", "Demo IDVA service", 14),
        ):
            cases.add_support_action(
                request, plan, {"text": text, "owner_name": owner, "due_on": today + timedelta(days)}
            )
    return f"Safeguarding: demonstration support plan {plan.pk} for {victim}."


def _case(request: Any, assessment: DashAssessment) -> str:
    case = MaracCase.objects.filter(shared_summary__startswith=LABEL).first()
    if case is None:
        partner = PartnerOrganisation.objects.get(name=DEMO_ORGANISATION)
        housing, _ = PartnerOrganisation.objects.get_or_create(
            name=OTHER_ORGANISATION, defaults={"kind": OrganisationKind.HOUSING}
        )
        today = timezone.localdate()
        data = {
            "referral": getattr(assessment, "marac_referral", None),
            "victim": assessment.victim,
            "meeting_on": today + timedelta(days=7),
            "shared_summary": f"{LABEL} Repeated threats at a shared entrance of a residential block; "
            "the victim asks for the entrance to be made safer.",
            "risk_notes": f"{LABEL} High risk by DASH score; threats to kill reported.",
            "organisations": [partner, housing],
        }
        case = cases.open_marac_case(request, data)
        for organisation, text, owner in (
            (partner, "Review CCTV coverage of the shared entrance", "Demo Community Safety Officer"),
            (housing, "Repair the entrance door's lock and intercom", "Demo Housing Officer"),
            (None, "Flag the address for an urgent response", "Demo Sergeant"),
        ):
            action = {"organisation": organisation, "text": text, "owner_name": owner, "due_on": today + timedelta(14)}
            cases.add_marac_action(request, case, action)
    return f"Safeguarding: demonstration Community MARAC case {case.reference}, shared with {DEMO_ORGANISATION}."
