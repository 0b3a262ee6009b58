"""Pages of officers' time: abstractions (an officer's own, and the supervisors' list, entry and roster
import), abstraction rates by cluster and month, volunteers' deployments and the Special Constabulary."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.months import add_months
from beatbook.core.roles import (
    ABSTRACTION_MANAGERS,
    ABSTRACTION_RECORDERS,
    WORKFORCE_EDITORS,
    WORKFORCE_RATE_READERS,
    has_role,
)
from beatbook.geography.models import Cluster, Force
from beatbook.performance.scopes import cluster_scope, force_scope
from beatbook.workforce import importer, measures, services
from beatbook.workforce.access import get_abstraction_for_user
from beatbook.workforce.charts import specials_chart
from beatbook.workforce.forms import AbstractionForm, DeploymentForm, RosterUploadForm
from beatbook.workforce.models import Officer
from beatbook.workforce.records import Abstraction, AbstractionReason, Deployment

PER_PAGE = 30
RATE_MONTHS = 12
FORMATS = {"abstractions": importer.ABSTRACTIONS, "deployments": importer.DEPLOYMENTS}


def _last_months(count: int) -> list[date]:
    this_month = timezone.localdate().replace(day=1)
    return [add_months(this_month, n) for n in range(-count + 1, 1)]


@role_required(*ABSTRACTION_RECORDERS)
def my_abstractions(request: HttpRequest) -> HttpResponse:
    """An officer's own abstractions, and the form to add one (their account names their officer record)."""
    own = Officer.objects.filter(user_id=request.user.pk or 0).first()  # signed in: role_required
    today = {"date": timezone.localdate()}  # most are recorded on the day
    form = AbstractionForm(request.POST or None, own=own, initial=today) if own else None
    if request.method == "POST" and form is not None and form.is_valid():
        saved = services.save_entry(request, form, officer=own)
        messages.success(request, f"Added: {saved.hours} hours of {saved.reason} on {saved.date:%d %B %Y}.")
        return redirect("workforce:my_abstractions")
    records = Abstraction.objects.filter(officer=own).select_related("reason") if own else Abstraction.objects.none()
    month = timezone.localdate().replace(day=1)
    context = {
        "own": own,
        "form": form,
        "page": Paginator(records, PER_PAGE).get_page(request.GET.get("page")),
        "rate": measures.rate_of([own], month, measures.month_end(month)) if own else None,
        "month": month,
    }
    return render(request, "workforce/my_abstractions.html", context, status=400 if form and form.is_bound else 200)


@role_required(*ABSTRACTION_MANAGERS)
def abstractions(request: HttpRequest) -> HttpResponse:
    """Every abstraction, newest first, with this month's rate per DWO; the read is audited (names and hours)."""
    records = Abstraction.objects.visible_to(request.user).filter(officer__force__slug=settings.BEATBOOK_FORCE)
    page = Paginator(records.select_related("officer", "reason"), PER_PAGE).get_page(request.GET.get("page"))
    audit.record(request, AuditAction.VIEW, object_type="workforce.abstraction", page=page.number)
    month = timezone.localdate().replace(day=1)
    officers = Officer.objects.of_force(settings.BEATBOOK_FORCE).dwos().serving(month).select_related("cluster")
    context = {"page": page, "month": month, "officer_rates": measures.officer_rates(officers, month)}
    return render(request, "workforce/abstractions.html", context)


@role_required(*ABSTRACTION_MANAGERS)
def abstraction_new(request: HttpRequest) -> HttpResponse:
    form = AbstractionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = services.save_entry(request, form)
        messages.success(request, f"Added: {saved}.")
        return redirect("workforce:abstractions")
    context = {"form": form, "title": "Add an abstraction", "back": "workforce:abstractions"}
    return render(request, "workforce/entry.html", context, status=400 if form.is_bound else 200)


@role_required(*ABSTRACTION_RECORDERS)
def abstraction_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """One abstraction, for its officer or a supervisor (anyone else: 404); each read is audited."""
    record = get_abstraction_for_user(request, pk)
    own = None if has_role(request.user, *ABSTRACTION_MANAGERS) else record.officer
    form = AbstractionForm(request.POST or None, instance=record, own=own)
    if request.method == "POST" and form.is_valid():
        services.save_entry(request, form, officer=own)
        messages.success(request, f"Saved: {record}.")
        return redirect("workforce:abstractions" if own is None else "workforce:my_abstractions")
    if request.method != "POST":
        audit.record(request, AuditAction.VIEW, record)
    back = "workforce:abstractions" if own is None else "workforce:my_abstractions"
    context = {"form": form, "title": f"Abstraction of {record.officer}", "back": back}
    return render(request, "workforce/entry.html", context, status=400 if form.is_bound else 200)


@role_required(*WORKFORCE_EDITORS)
def roster_import(request: HttpRequest, kind: str) -> HttpResponse:
    """Upload a roster export of abstractions or deployments; bad rows named by line, nothing stored."""
    fmt = FORMATS.get(kind)
    if fmt is None:
        raise Http404(f"No import of {kind!r}: abstractions or deployments.")
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = services.import_roster(request, form.cleaned_data["file"], fmt)
        if not report.refused:
            messages.success(request, report.summary())
            return redirect("workforce:abstractions" if kind == "abstractions" else "workforce:volunteers")
    context = {"form": form, "fmt": fmt, "report": report, "reasons": AbstractionReason.objects.filter(active=True)}
    bad = form.is_bound and (report is None or report.refused)
    return render(request, "workforce/import.html", context, status=400 if bad else 200)


@role_required(*WORKFORCE_RATE_READERS)
def rates(request: HttpRequest) -> HttpResponse:
    """Abstraction rates by cluster and month (no individual record): internal."""
    force = Force.objects.filter(slug=settings.BEATBOOK_FORCE).first()
    months = _last_months(RATE_MONTHS)
    rows: list[dict[str, Any]] = []
    unrecorded = set(months) if force is None else set(measures.months_without_abstractions(force.slug, months))
    if force is not None:
        clusters = Cluster.objects.filter(sector__force=force).select_related("sector__force").order_by("name")
        scopes = [force_scope(force)] + [cluster_scope(c) for c in clusters]
        for scope in scopes:  # a month the force recorded no abstraction in is unrecorded, not 0%
            rates = zip(months, measures.monthly_abstraction_rates(scope, months), strict=True)
            rows.append({"scope": scope, "rates": [None if m in unrecorded else r for m, r in rates]})
    recorded = len(unrecorded) < len(months)
    return render(request, "workforce/rates.html", {"rows": rows, "months": months, "recorded": recorded})


@role_required(*WORKFORCE_RATE_READERS)
def volunteers(request: HttpRequest) -> HttpResponse:
    """The Special Constabulary's size by month against the aim, and volunteers' hours; supervisors also
    see each deployment."""
    force_slug = settings.BEATBOOK_FORCE
    aim = measures.specials_aim(force_slug)
    first = min(aim.baseline_date.replace(day=1), _last_months(RATE_MONTHS)[0])
    last = max(aim.target_date.replace(day=1), timezone.localdate().replace(day=1))
    sizes = measures.specials_by_month(force_slug, first, min(last, timezone.localdate().replace(day=1)))
    rows = [{"month": m, "serving": n, "expected": round(aim.expected_on(m), 1)} for m, n in sizes]
    deployments = Deployment.objects.visible_to(request.user).filter(officer__force__slug=force_slug)
    force = Force.objects.filter(slug=force_slug).first()
    months = _last_months(RATE_MONTHS)
    hours = measures.volunteer_hours(force_scope(force), months) if force else []
    context = {
        "hours": list(zip(months, hours)),
        "aim": aim,
        "rows": rows,
        "chart": specials_chart(rows, aim) if measures.specials_recorded(force_slug) else "",
        "manager": has_role(request.user, *WORKFORCE_EDITORS),
        "page": Paginator(deployments.select_related("officer", "cluster"), PER_PAGE).get_page(request.GET.get("page")),
    }
    return render(request, "workforce/volunteers.html", context)


@role_required(*WORKFORCE_EDITORS)
def deployment_new(request: HttpRequest) -> HttpResponse:
    form = DeploymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = services.save_entry(request, form)
        messages.success(request, f"Added: {saved}.")
        return redirect("workforce:volunteers")
    context = {"form": form, "title": "Add a volunteer's deployment", "back": "workforce:volunteers"}
    return render(request, "workforce/entry.html", context, status=400 if form.is_bound else 200)
