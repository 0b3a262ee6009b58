"""Signed-in pages: record intelligence, the triage queue, an item, what is shared with you, the review queue.

Every page is audited (a view, or a search when the queue is filtered); a page without the
intelligence role is given `SanitisedView`s, never items.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from beatbook.accounts.models import profile_of
from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.forms import ReviewForm
from beatbook.core.models import AuditAction
from beatbook.core.roles import (
    INTEL_HANDLING_APPROVERS,
    INTEL_OWNERS,
    INTEL_READERS,
    INTEL_RECORDERS,
    INTEL_SANITISED_READERS,
    Role,
    has_role,
)
from beatbook.intel import services
from beatbook.intel.access import get_item_for_user, sanitised_view
from beatbook.intel.forms import (
    GradeForm,
    LinksForm,
    ProblemSearchForm,
    QueueFilterForm,
    SanitiseForm,
    ShareForm,
    StaffSubmissionForm,
)
from beatbook.intel.models import Intel, Source, Status
from beatbook.problems.picker import choice_for
from beatbook.problems.references import reference_of

PER_PAGE = 25


@role_required(*INTEL_RECORDERS)
def record(request: HttpRequest) -> HttpResponse:
    form = StaffSubmissionForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "intel/record.html", {"form": form}, status=400)
        partner = has_role(request.user, Role.PARTNER)
        profile = profile_of(request.user)
        data = {**form.cleaned_data, "organisation": profile.organisation if partner and profile else None}
        receipt = services.receive(request, Source.PARTNER if partner else Source.OFFICER, data)
        messages.success(request, f"Received, reference {receipt.item.reference}. An intelligence officer grades it.")
        return redirect("intel:record")
    return render(request, "intel/record.html", {"form": form})


@role_required(*INTEL_OWNERS)
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    items = Intel.objects.visible_to(request.user).select_related("ward__cluster").prefetch_related("themes")
    filters: dict[str, str] = {}
    if form.is_valid():
        items, filters = _filtered(items, form.cleaned_data)
    else:
        items = items.none() if form.is_bound else items.exclude(status=Status.CLOSED)
    audit.record(
        request, AuditAction.SEARCH if filters else AuditAction.VIEW, object_type="intel.intel", filters=filters
    )
    page = Paginator(items.order_by("received_at", "id"), PER_PAGE).get_page(request.GET.get("page"))
    status = 400 if form.is_bound and not form.is_valid() else 200
    context = {"form": form, "page": page, "query": _query(request), "target": _target()}
    return render(request, "intel/queue.html", context, status=status)


def _filtered(items: Any, data: dict[str, Any]) -> tuple[Any, dict[str, str]]:
    filters = {k: str(v) for k, v in data.items() if v}
    if data.get("cluster"):
        items = items.in_cluster(data["cluster"].pk)
    items = items.filter(status=data["status"]) if data.get("status") else items.exclude(status=Status.CLOSED)
    if data.get("q"):
        q = data["q"]
        items = items.filter(Q(reference__iexact=q) | Q(original_text__icontains=q) | Q(sanitised_text__icontains=q))
    return items, filters


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _target() -> int:
    return settings.BEATBOOK_INTEL_GRADING_TARGET_HOURS


@role_required(*INTEL_READERS)
def item(request: HttpRequest, pk: int) -> HttpResponse:
    found, lens = get_item_for_user(request, pk)
    audit.record(request, AuditAction.VIEW, found, lens=lens)
    if lens == "original":
        return render(request, "intel/item.html", owner_context(found, picked=request.GET.get("problem", "")))
    approve = _approver(request) and found.status == Status.AWAITING_HANDLING
    context = {"item": sanitised_view(found), "can_approve": approve, "list_title": _list_title(request)}
    return render(request, "intel/item_sanitised.html", context)


def _list_title(request: HttpRequest) -> str:
    """Supervisors' list holds items not yet shared (awaiting their approval): not "shared with you"."""
    return "Sanitised intelligence" if _approver(request) else "Intelligence shared with you"


def _approver(request: HttpRequest) -> bool:
    return has_role(request.user, *INTEL_HANDLING_APPROVERS)


def owner_context(found: Intel, **forms: Any) -> dict[str, Any]:
    """The intelligence officer's page: the original, its follow-ups, shares, and a form per verb. `picked` is
    a problem reference chosen in the picker, put in the links form to be saved."""
    picked = str(forms.get("picked", ""))
    linked = choice_for(reference_of(found.problem_id)) if found.problem_id else None
    initial_links = {
        "ward": found.ward,
        "premises": found.premises,
        "themes": list(found.themes.all()),
        "problem": picked[:64] or (linked.reference if linked else ""),
    }
    return {
        "item": found,
        "linked_problem": linked,
        "problem_search_form": ProblemSearchForm(initial={"item": found.pk}),
        "additions": list(found.additions.all()),
        "shares": list(found.shares.select_related("organisation", "shared_by")),
        "target": _target(),
        "grade_form": forms.get("grade_form") or GradeForm(initial=_grade_initial(found)),
        "sanitise_form": forms.get("sanitise_form") or SanitiseForm(initial={"sanitised_text": found.sanitised_text}),
        "share_form": forms.get("share_form") or ShareForm(found),
        "links_form": forms.get("links_form") or LinksForm(initial=initial_links),
        "review_form": forms.get("review_form") or ReviewForm(),
        "error": forms.get("error", ""),
    }


def _grade_initial(found: Intel) -> dict[str, str]:
    fields = ("source_evaluation", "assessment", "handling_code", "handling_conditions")
    return {f: getattr(found, f) for f in fields} if found.graded_at else {}


@role_required(*INTEL_SANITISED_READERS)
def shared(request: HttpRequest) -> HttpResponse:
    """The sanitised texts this person may read (partners: shared with their organisation)."""
    items = Intel.objects.visible_to(request.user).select_related("ward__cluster").prefetch_related("themes")
    audit.record(request, AuditAction.VIEW, object_type="intel.intel", listing="sanitised")
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    views = [sanitised_view(i) for i in page.object_list]
    context = {
        "page": page,
        "items": views,
        "query": "",
        "list_title": _list_title(request),
        "approver": _approver(request),
        "synthetic": any(v.synthetic for v in views),
    }
    return render(request, "intel/shared.html", context)


@role_required(*INTEL_OWNERS)
def review_queue(request: HttpRequest) -> HttpResponse:
    items = Intel.objects.visible_to(request.user).due_for_review().order_by("review_date", "id")
    audit.record(request, AuditAction.VIEW, object_type="intel.intel", listing="due for review")
    page = Paginator(items.select_related("ward"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "intel/review_queue.html", {"page": page, "query": ""})
