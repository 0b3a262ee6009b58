"""Partnership pages: the partnerships and plans a reader may see, a plan with its implementation plan,
supervisors' forms for actions and priorities, and the annual review pack (page and PDF)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import PARTNERSHIP_EDITORS, PARTNERSHIP_VIEWERS
from beatbook.hub.pdf import OwnStaticFetcher, html_to_pdf
from beatbook.partnership import services
from beatbook.partnership.access import get_action_for_user, get_plan_for_user, get_priority_for_user
from beatbook.partnership.forms import ActionForm, PriorityForm
from beatbook.partnership.models import Partnership, Plan
from beatbook.partnership.review import review


@role_required(*PARTNERSHIP_VIEWERS)
def index(request: HttpRequest) -> HttpResponse:
    partnerships = Partnership.objects.visible_to(request.user).prefetch_related("members", "plans")
    return render(request, "partnership/index.html", {"partnerships": partnerships})


def _plan_context(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "plan": plan,
        "partnership": plan.partnership,
        "members": plan.partnership.members.select_related("organisation"),
        "priorities": review(plan, request.user, today),
        "today": today,
        "data_attribution": settings.BEATBOOK_DATA_ATTRIBUTION,
    }


@role_required(*PARTNERSHIP_VIEWERS)
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    found, can_change = get_plan_for_user(request, pk)
    return render(request, "partnership/plan.html", {**_plan_context(request, found), "can_change": can_change})


@role_required(*PARTNERSHIP_VIEWERS)
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    found, _ = get_plan_for_user(request, pk)
    return render(request, "partnership/review.html", {**_plan_context(request, found), "printable": False})


@role_required(*PARTNERSHIP_VIEWERS)
def review_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    found, _ = get_plan_for_user(request, pk)
    html = render_to_string(
        "partnership/review.html", {**_plan_context(request, found), "printable": True}, request=request
    )
    fetcher = OwnStaticFetcher()
    pdf = html_to_pdf(html, fetcher)
    audit.record(request, AuditAction.EXPORT, found, format="pdf", bytes=len(pdf), refused_urls=fetcher.refused)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="annual-review-{slugify(found.title)[:60]}.pdf"'
    return response


@role_required(*PARTNERSHIP_EDITORS)
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_priority_for_user(request, pk)
    form = ActionForm(request.POST or None, priority=priority)
    form.instance.priority = priority
    if request.method == "POST" and form.is_valid():
        services.save_action(request, form)
        messages.success(request, f"Action added to “{priority.title}”.")
        return redirect("partnership:plan", priority.plan_id)
    context = {"form": form, "priority": priority, "plan": priority.plan}
    return render(request, "partnership/action_form.html", context, status=400 if form.is_bound else 200)


@role_required(*PARTNERSHIP_EDITORS)
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk)
    form = ActionForm(request.POST or None, instance=action, priority=action.priority)
    if request.method == "POST" and form.is_valid():
        services.save_action(request, form)
        messages.success(request, "Action saved.")
        return redirect("partnership:plan", action.priority.plan_id)
    context = {"form": form, "priority": action.priority, "plan": action.priority.plan, "action": action}
    return render(request, "partnership/action_form.html", context, status=400 if form.is_bound else 200)


@role_required(*PARTNERSHIP_EDITORS)
def priority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_priority_for_user(request, pk)
    form = PriorityForm(request.POST or None, instance=priority)
    if request.method == "POST" and form.is_valid():
        services.save_priority(request, form)
        messages.success(request, "Priority saved.")
        return redirect("partnership:plan", priority.plan_id)
    context = {"form": form, "priority": priority, "plan": priority.plan}
    return render(request, "partnership/priority_form.html", context, status=400 if form.is_bound else 200)
