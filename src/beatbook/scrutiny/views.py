"""Scrutiny pages: the public list and summary of published meetings; supervisors' forms to record a
meeting (beatbook draws its sample), the group's findings and the force's response."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from beatbook.core.access import role_required
from beatbook.core.roles import SCRUTINY_RECORDERS, has_role
from beatbook.scrutiny import services
from beatbook.scrutiny.access import get_meeting_for_user
from beatbook.scrutiny.forms import CaseForm, FindingsForm, MeetingForm, SearchFindingFormSet
from beatbook.scrutiny.models import Meeting, Verdict
from beatbook.scrutiny.sampling import HOW_DRAWN, EmptyPeriod

PER_PAGE = 20


def index(request: HttpRequest) -> HttpResponse:
    meetings = (
        Meeting.objects.published()
        .annotate(drawn=Count("sampled"), reviewed=Count("sampled", filter=~Q(sampled__verdict=Verdict.NOT_REVIEWED)))
        .order_by("-held_on", "-pk")  # as Meta.ordering, which an aggregate drops
    )
    page = Paginator(meetings, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "scrutiny/index.html", {"page": page})


def _reviewed(rows: list[Any]) -> list[Any]:
    """The rows the group gave its view of: a search drawn but not yet discussed is not reviewed."""
    return [r for r in rows if r.verdict != Verdict.NOT_REVIEWED]


def _verdict_counts(rows: list[Any]) -> list[tuple[str, int]]:
    """How many of the reviewed rows had each view, in the order of the choices."""
    counts = Counter(r.verdict for r in _reviewed(rows))
    return [(str(label), counts[value]) for value, label in Verdict.choices if counts[value]]


def summary(request: HttpRequest, pk: int) -> HttpResponse:
    """The public summary (supervisors also preview a draft)."""
    meeting = get_meeting_for_user(request, pk)
    sampled, cases = list(meeting.sampled.all()), list(meeting.cases.all())
    context = {
        "meeting": meeting,
        "sampled": sampled,
        "reviewed": len(_reviewed(sampled)),
        "not_reviewed": len(sampled) - len(_reviewed(sampled)),
        "cases": cases,
        "search_verdicts": _verdict_counts(sampled),
        "case_verdicts": _verdict_counts(cases),
        "how_drawn": HOW_DRAWN,
        "can_record": has_role(request.user, *SCRUTINY_RECORDERS),
    }
    return render(request, "scrutiny/summary.html", context)


@role_required(*SCRUTINY_RECORDERS)
def manage(request: HttpRequest) -> HttpResponse:
    page = Paginator(Meeting.objects.visible_to(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "scrutiny/manage.html", {"page": page})


@role_required(*SCRUTINY_RECORDERS)
def new(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.force_slug = settings.BEATBOOK_FORCE
        try:
            services.create_meeting(meeting, by=request.user, request=request)
        except EmptyPeriod as exc:
            form.add_error("first_month", str(exc))
        else:
            messages.success(
                request, f"Meeting recorded: {meeting.sampled.count()} searches drawn (seed {meeting.seed})."
            )
            return redirect("scrutiny:record", meeting.pk)
    return render(request, "scrutiny/new.html", {"form": form}, status=400 if form.is_bound else 200)


def _record_page(request: HttpRequest, meeting: Meeting, status: int = 200, **forms: Any) -> HttpResponse:
    context = {
        "meeting": meeting,
        "form": forms.get("form") or FindingsForm(instance=meeting),
        "formset": forms.get("formset") or SearchFindingFormSet(queryset=meeting.sampled.all()),
        "case_form": forms.get("case_form") or CaseForm(),
        "cases": meeting.cases.all(),
        "how_drawn": HOW_DRAWN,
    }
    return render(request, "scrutiny/record.html", context, status=status)


@role_required(*SCRUTINY_RECORDERS)
def record(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk)
    if request.method != "POST":
        return _record_page(request, meeting)
    form = FindingsForm(request.POST, instance=meeting)
    formset = SearchFindingFormSet(request.POST, queryset=meeting.sampled.all())
    if form.is_valid() and formset.is_valid():
        services.save_findings(request, form, formset)
        messages.success(request, "Findings saved." + (" The summary is published." if meeting.published else ""))
        return redirect("scrutiny:record", meeting.pk)
    return _record_page(request, meeting, 400, form=form, formset=formset)


@role_required(*SCRUTINY_RECORDERS)  # before the method: the public is sent to sign in, not told 405
@require_POST
def case_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk)
    case_form = CaseForm(request.POST)
    if case_form.is_valid():
        services.add_case(request, meeting, case_form)
        messages.success(request, "Case added.")
        return redirect("scrutiny:record", meeting.pk)
    return _record_page(request, meeting, 400, case_form=case_form)
