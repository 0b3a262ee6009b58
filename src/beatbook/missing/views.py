"""Briefings on vulnerable and missing people: the patrol list (phone-first), a briefing, its photo,
a new briefing, and the verbs renew, found and remove-at-review. Every view and change is audited."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import MISSING_FINDERS, MISSING_OWNERS, MISSING_READERS, has_role
from beatbook.missing import services
from beatbook.missing.access import get_briefing_for_user, may_record_found
from beatbook.missing.forms import BriefingForm, FoundForm, RemoveForm, RenewForm
from beatbook.missing.models import MissingBriefing, Risk

PER_PAGE = 20
#: The list's order: the highest risk first (the stored values would sort high, low, medium).
RISK_ORDER = Case(
    *(When(risk=risk, then=Value(rank)) for rank, risk in enumerate(Risk)),
    default=Value(len(Risk)),
    output_field=IntegerField(),
)


@role_required(*MISSING_READERS)
def briefings(request: HttpRequest) -> HttpResponse:
    visible = MissingBriefing.objects.visible_to(request.user).prefetch_related("clusters")
    audit.record(request, AuditAction.VIEW, object_type="missing.missingbriefing", listing="briefings")
    active = visible.active().order_by(RISK_ORDER, "-last_seen_at", "id")
    page = Paginator(active, PER_PAGE).get_page(request.GET.get("page"))
    inactive = visible.inactive().select_related("found_by").order_by("-modified")[:PER_PAGE] if _owner(request) else []
    synthetic = any(b.synthetic for b in [*page.object_list, *inactive])
    context = {"page": page, "inactive": inactive, "owner": _owner(request), "query": "", "synthetic": synthetic}
    return render(request, "missing/briefings.html", context)


def _owner(request: HttpRequest) -> bool:
    return has_role(request.user, *MISSING_OWNERS)


@role_required(*MISSING_OWNERS)
def briefing_new(request: HttpRequest) -> HttpResponse:
    form = BriefingForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "missing/briefing_new.html", {"form": form}, status=400)
        briefing = services.create(request, form.cleaned_data, form.cleaned_data["photo"])
        messages.success(request, f"Briefing {briefing.reference} is shown to the officers of its clusters.")
        return redirect("missing:briefing", pk=briefing.pk)
    return render(request, "missing/briefing_new.html", {"form": form})


@role_required(*MISSING_READERS)
def briefing(request: HttpRequest, pk: int) -> HttpResponse:
    found, can_change = get_briefing_for_user(request, pk)
    audit.record(request, AuditAction.VIEW, found)
    return _page(request, found, can_change)


def _page(request: HttpRequest, found: MissingBriefing, can_change: bool, **bound: object) -> HttpResponse:
    context = {
        "b": found,
        "can_change": can_change,
        "can_record_found": can_change or may_record_found(request),
        "found_form": bound.get("found_form") or FoundForm(),
        "renew_form": bound.get("renew_form") or RenewForm(),
        "remove_form": bound.get("remove_form") or RemoveForm(),
        "error": bound.get("error", ""),
    }
    return render(request, "missing/briefing.html", context, status=400 if bound else 200)


@role_required(*MISSING_READERS)
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    found, _ = get_briefing_for_user(request, pk)
    if not found.photo:
        return HttpResponse("This briefing has no photo.", status=404, content_type="text/plain")
    audit.record(request, AuditAction.VIEW, found, part="photo")
    response = HttpResponse(bytes(found.photo), content_type=found.photo_type)
    response["Cache-Control"] = "private, no-store"  # a shared device must not keep it
    return response


def _verb(
    request: HttpRequest, pk: int, form_class: type, form_name: str, act: Callable, *, to_list: bool = False
) -> HttpResponse:
    """Apply `act`; then back to the briefing, or (`to_list`) to the list, when the briefing has left
    the person's view."""
    found, can_change = get_briefing_for_user(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return _page(request, found, can_change, **{form_name: form})
    try:
        messages.success(request, act(found, form.cleaned_data))
    except ValueError as refused:
        return _page(request, found, can_change, **{form_name: form, "error": str(refused)})
    return redirect("missing:briefings") if to_list else redirect("missing:briefing", pk=found.pk)


@role_required(*MISSING_OWNERS)
@require_POST
def renew(request: HttpRequest, pk: int) -> HttpResponse:
    def act(found: MissingBriefing, data: dict) -> str:
        services.renew(request, found, data["review_at"])
        return f"{found.reference} renewed: officers see it until {data['review_at']:%H:%M on %d %B}."

    return _verb(request, pk, RenewForm, "renew_form", act)


@role_required(*MISSING_FINDERS)
@require_POST
def found(request: HttpRequest, pk: int) -> HttpResponse:
    def act(briefing: MissingBriefing, data: dict) -> str:
        told = _author_told(briefing, services.mark_found(request, briefing))
        return f"{briefing.reference}: the person is found; officers no longer see the briefing.{told}"

    # An officer no longer sees a found briefing: they land on the list, not on a page they may not open.
    return _verb(request, pk, FoundForm, "found_form", act, to_list=not _owner(request))


def _author_told(briefing: MissingBriefing, told: bool) -> str:
    author = briefing.created_by
    if told and author is not None:
        return f" {author.get_full_name() or author.get_username()}, who wrote it, has been told by email."
    if author is None or author == briefing.found_by:
        return ""
    return " The safeguarding officer who wrote it has no email address on record: tell the safeguarding team."


@role_required(*MISSING_OWNERS)
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    def act(briefing: MissingBriefing, data: dict) -> str:
        services.remove_personal_data(request, briefing, data["reason"])
        return f"{briefing.reference}: personal data and photo removed; the audit log records it."

    return _verb(request, pk, RemoveForm, "remove_form", act)
