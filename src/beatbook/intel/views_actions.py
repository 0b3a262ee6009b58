"""The verbs of an item, by POST: grade, link, sanitise, approve, share, review; each through
`get_item_for_user`, each audited by its service. A refused form comes back on the item's page with
status 400 and the field's message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from beatbook.core import audit, retention
from beatbook.core.access import role_required
from beatbook.core.forms import ReviewForm
from beatbook.core.models import AuditAction
from beatbook.core.roles import INTEL_HANDLING_APPROVERS, INTEL_OWNERS
from beatbook.intel import services
from beatbook.intel.access import get_item_for_user
from beatbook.intel.forms import GradeForm, LinksForm, SanitiseForm, ShareForm
from beatbook.intel.models import Intel
from beatbook.intel.views import owner_context


def _act(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form],
    form_name: str,
    verb: Callable[[Intel, dict[str, Any]], str],
) -> HttpResponse:
    item, _ = get_item_for_user(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            messages.success(request, verb(item, form.cleaned_data))
            return redirect("intel:item", pk=item.pk)
        except (services.NotAllowed, ValueError) as refused:
            return _refused(request, item, form_name, form, str(refused))
    return _refused(request, item, form_name, form)


def _refused(request: HttpRequest, item: Intel, form_name: str, form: forms.Form, error: str = "") -> HttpResponse:
    return render(request, "intel/item.html", owner_context(item, **{form_name: form}, error=error), status=400)


@role_required(*INTEL_OWNERS)
@require_POST
def grade(request: HttpRequest, pk: int) -> HttpResponse:
    def verb(item: Intel, data: dict[str, Any]) -> str:
        services.grade(request, item, data)
        return f"{item.reference} graded {item.grade}."

    return _act(request, pk, GradeForm, "grade_form", verb)


@role_required(*INTEL_OWNERS)
@require_POST
def link(request: HttpRequest, pk: int) -> HttpResponse:
    def verb(item: Intel, data: dict[str, Any]) -> str:
        services.link(request, item, data)
        return f"The links of {item.reference} are saved."

    return _act(request, pk, LinksForm, "links_form", verb)


@role_required(*INTEL_OWNERS)
@require_POST
def sanitise(request: HttpRequest, pk: int) -> HttpResponse:
    def verb(item: Intel, data: dict[str, Any]) -> str:
        services.sanitise(request, item, data["sanitised_text"])
        return f"The sanitised text of {item.reference} is saved: another intelligence officer approves it."

    return _act(request, pk, SanitiseForm, "sanitise_form", verb)


@role_required(*INTEL_OWNERS)
@require_POST
def approve_sanitised(request: HttpRequest, pk: int) -> HttpResponse:
    def verb(item: Intel, data: dict[str, Any]) -> str:
        services.approve_sanitised(request, item)
        return f"The sanitised text of {item.reference} is approved."

    return _act(request, pk, forms.Form, "error_form", verb)


@role_required(*INTEL_OWNERS)
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    """Two steps: the form shows what will be shared, and with whom; only its confirmation records it."""
    item, _ = get_item_for_user(request, pk)
    form = ShareForm(item, request.POST)
    if not form.is_valid():
        return _refused(request, item, "share_form", form)
    organisation, reason = form.cleaned_data["organisation"], form.cleaned_data["reason"]
    refusal = services.share_refusal(item, organisation)
    if refusal:
        return _refused(request, item, "share_form", form, refusal)
    if request.POST.get("confirmed") != "yes":
        audit.record(request, AuditAction.VIEW, item, lens="sanitised", part="share confirmation")
        return render(request, "intel/share_confirm.html", {"item": item, "form": form, "organisation": organisation})
    try:
        services.share(request, item, organisation, reason)
    except services.NotAllowed as refused:  # shared by someone else between the two steps
        return _refused(request, item, "share_form", form, str(refused))
    messages.success(request, f"The sanitised text of {item.reference} is shared with {organisation}.")
    return redirect("intel:item", pk=item.pk)


@role_required(*INTEL_OWNERS)
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    def verb(item: Intel, data: dict[str, Any]) -> str:
        return retention.apply_review(item, request, data)

    return _act(request, pk, ReviewForm, "review_form", verb)


@role_required(*INTEL_HANDLING_APPROVERS)
@require_POST
def approve_handling(request: HttpRequest, pk: int) -> HttpResponse:
    item, _ = get_item_for_user(request, pk)
    try:
        services.approve_handling(request, item)
    except services.NotAllowed as refused:
        messages.error(request, str(refused))
        return redirect("intel:item", pk=item.pk)
    messages.success(request, f"The handling conditions of {item.reference} are approved: it may now be shared.")
    return redirect("intel:item", pk=item.pk)
