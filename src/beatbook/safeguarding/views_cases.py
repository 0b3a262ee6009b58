"""Support plans of repeat victims (safeguarding only) and Community MARAC cases (safeguarding, and partners
for the cases naming their organisation: a page of the shared fields and their own actions only)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import MARAC_VIEWERS, SAFEGUARDING_OWNERS, has_role
from beatbook.safeguarding import cases
from beatbook.safeguarding.access import get_marac_action_for_user, get_marac_case_for_user, get_plan_for_user
from beatbook.safeguarding.forms_cases import (
    ActionForm,
    MaracActionForm,
    MaracCaseForm,
    MaracMeetingForm,
    PlanReviewForm,
    SupportPlanForm,
)
from beatbook.safeguarding.models import MaracAction, MaracCase, SupportPlan

PER_PAGE = 25


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


@role_required(*SAFEGUARDING_OWNERS)
def plans(request: HttpRequest) -> HttpResponse:
    items = SupportPlan.objects.visible_to(request.user).select_related("owner")
    audit.record(request, AuditAction.VIEW, object_type="safeguarding.supportplan", listing="plans")
    synthetic = items.filter(synthetic=True).exists()
    return render(request, "safeguarding/plans.html", {"page": _page(request, items), "synthetic": synthetic})


@role_required(*SAFEGUARDING_OWNERS)
def plan_new(request: HttpRequest) -> HttpResponse:
    form = SupportPlanForm(request.POST or None, initial={"victim": request.GET.get("victim", "")[:64]})
    if request.method == "POST" and form.is_valid():
        plan = cases.open_support_plan(request, form.cleaned_data)
        messages.success(request, f"Support plan {plan.pk} opened: add its actions.")
        return redirect("safeguarding:plan", pk=plan.pk)
    return render(request, "safeguarding/plan_new.html", {"form": form}, status=400 if form.is_bound else 200)


@role_required(*SAFEGUARDING_OWNERS)
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan; POST adds an action (form=action), marks one done (done=<id>) or records a review."""
    found = get_plan_for_user(request, pk)
    action_form, review_form = ActionForm(), PlanReviewForm(initial={"next_review_on": found.next_review_on})
    if request.method == "POST" and found.personal_data_removed:
        return _removed(request, found, "safeguarding:plan")
    if request.method == "POST":
        if "done" in request.POST:
            action = found.actions.filter(pk=request.POST["done"] if request.POST["done"].isdigit() else 0).first()
            if action is not None and action.done_on is None:
                cases.complete_support_action(request, action)
                messages.success(request, "Action marked done.")
            return redirect("safeguarding:plan", pk=found.pk)
        if request.POST.get("form") == "review":
            review_form = PlanReviewForm(request.POST)
            if review_form.is_valid():
                cases.review_support_plan(request, found, **review_form.cleaned_data)
                messages.success(request, "Plan reviewed.")
                return redirect("safeguarding:plan", pk=found.pk)
        else:
            action_form = ActionForm(request.POST)
            if action_form.is_valid():
                cases.add_support_action(request, found, action_form.cleaned_data)
                messages.success(request, "Action added to the plan.")
                return redirect("safeguarding:plan", pk=found.pk)
    else:
        audit.record(request, AuditAction.VIEW, found)
    context = {"plan": found, "action_form": action_form, "review_form": review_form, "synthetic": found.synthetic}
    return render(request, "safeguarding/plan.html", context, status=400 if request.method == "POST" else 200)


@role_required(*MARAC_VIEWERS)
def marac_cases(request: HttpRequest) -> HttpResponse:
    items = MaracCase.objects.visible_to(request.user)
    audit.record(request, AuditAction.VIEW, object_type="safeguarding.maraccase", listing="cases")
    owner = has_role(request.user, *SAFEGUARDING_OWNERS)
    context = {"page": _page(request, items), "owner": owner, "synthetic": items.filter(synthetic=True).exists()}
    return render(request, "safeguarding/marac_cases.html", context)


@role_required(*SAFEGUARDING_OWNERS)
def marac_case_new(request: HttpRequest) -> HttpResponse:
    referral = request.GET.get("referral", "")
    initial = {"victim": request.GET.get("victim", "")[:64], "referral": referral if referral.isdigit() else None}
    form = MaracCaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        case = cases.open_marac_case(request, form.cleaned_data)
        messages.success(request, f"Community MARAC case {case.reference} opened.")
        return redirect("safeguarding:marac_case", pk=case.pk)
    return render(request, "safeguarding/marac_case_new.html", {"form": form}, status=400 if form.is_bound else 200)


@role_required(*MARAC_VIEWERS)
def marac_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_marac_case_for_user(request, pk)
    if not has_role(request.user, *SAFEGUARDING_OWNERS):
        return _partner_case(request, case)
    action_form, meeting_form = MaracActionForm(), MaracMeetingForm(case=case, initial=_meeting_initial(case))
    if request.method == "POST" and case.personal_data_removed:
        return _removed(request, case, "safeguarding:marac_case")
    if request.method == "POST":
        if request.POST.get("form") == "meeting":
            meeting_form = MaracMeetingForm(request.POST, case=case)
            if meeting_form.is_valid():
                cases.record_marac_meeting(request, case, **meeting_form.cleaned_data)
                messages.success(request, "The meeting is recorded.")
                return redirect("safeguarding:marac_case", pk=case.pk)
        else:
            action_form = MaracActionForm(request.POST)
            if action_form.is_valid():
                cases.add_marac_action(request, case, action_form.cleaned_data)
                messages.success(request, "Action added.")
                return redirect("safeguarding:marac_case", pk=case.pk)
    else:
        audit.record(request, AuditAction.VIEW, case)
    context = {
        "case": case,
        "attendances": case.attendances.select_related("organisation"),
        "actions": case.actions.select_related("organisation"),
        "action_form": action_form,
        "meeting_form": meeting_form,
        "synthetic": case.synthetic,
    }
    return render(request, "safeguarding/marac_case.html", context, status=400 if request.method == "POST" else 200)


def _removed(request: HttpRequest, record: SupportPlan | MaracCase, page: str) -> HttpResponse:
    """Nothing is added to a record whose personal data was deleted at review (it would hold some again)."""
    messages.error(request, f"The personal data of {record} was deleted at review: nothing more is recorded on it.")
    return redirect(page, pk=record.pk)


def _meeting_initial(case: MaracCase) -> dict[str, Any]:
    attended = [a.organisation_id for a in case.attendances.all() if a.attended]
    return {"attended": attended, "outcome": case.outcome, "status": case.status}


def _partner_case(request: HttpRequest, case: MaracCase) -> HttpResponse:
    """A partner's page: the reference, meeting date, summary for partners, who was invited, their actions."""
    audit.record(request, AuditAction.VIEW, case, view="partner")
    actions = MaracAction.objects.visible_to(request.user).filter(case=case).select_related("organisation")
    context = {
        "case": case,
        "attendances": case.attendances.select_related("organisation"),
        "actions": actions,
        "synthetic": case.synthetic,
    }
    return render(request, "safeguarding/marac_case_partner.html", context)


@role_required(*MARAC_VIEWERS)
@require_POST
def marac_action_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an action done: safeguarding any action, a partner their own organisation's."""
    action = get_marac_action_for_user(request, pk)
    if action.done_on is None:
        cases.complete_marac_action(request, action)
        messages.success(request, "Action marked done.")
    return redirect("safeguarding:marac_case", pk=action.case_id)
