"""The one way a view gets a safeguarding record: through its model's `visible_to` (docs/adr/0009)."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from beatbook.core.access import get_for_user
from beatbook.safeguarding.models import CaseReview, DashAssessment, Incident, MaracAction, MaracCase, SupportPlan


def get_assessment_for_user(request: HttpRequest, pk: int) -> DashAssessment:
    return get_for_user(request, DashAssessment.objects.select_related("marac_referral"), pk)


def get_case_review_for_user(request: HttpRequest, pk: int) -> CaseReview:
    return get_for_user(request, CaseReview.objects.all(), pk)


def get_person_incidents_for_user(request: HttpRequest, pseudonym: str) -> list[Incident]:
    """The person's incidents, or 404 when there are none the user may see (the person is not theirs to know)."""
    found = list(Incident.objects.involving(pseudonym).visible_to(request.user).select_related("ward"))
    if not found:
        raise Http404("No such person that you may see.")
    return found


def get_plan_for_user(request: HttpRequest, pk: int) -> SupportPlan:
    return get_for_user(request, SupportPlan.objects.select_related("owner"), pk)


def get_marac_case_for_user(request: HttpRequest, pk: int) -> MaracCase:
    return get_for_user(request, MaracCase.objects.all(), pk)


def get_marac_action_for_user(request: HttpRequest, pk: int) -> MaracAction:
    return get_for_user(request, MaracAction.objects.select_related("case"), pk)
