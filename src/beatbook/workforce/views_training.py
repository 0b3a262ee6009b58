"""The supervisors' training page: each serving DWO against each required qualification, with when it
is due, and the share of DWOs holding all of them against the target."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from beatbook.core.access import role_required
from beatbook.core.months import add_months
from beatbook.core.roles import WORKFORCE_EDITORS
from beatbook.workforce import measures, services
from beatbook.workforce.forms import QualificationForm
from beatbook.workforce.models import Officer
from beatbook.workforce.records import Qualification, QualificationType

SOON_DAYS = 90  # a qualification expiring within this is shown as due soon


def _status(officer: Officer, kind: QualificationType, held: dict[int, Qualification], today: date) -> dict[str, Any]:
    """One cell: held (until when), expired, or missing and due by (start date + the grace months)."""
    holding = held.get(kind.pk)
    if holding is not None and holding.valid_on(today):
        soon = holding.expires is not None and holding.expires <= today + timedelta(days=SOON_DAYS)
        return {"state": "due soon" if soon else "held", "holding": holding, "due": holding.expires}
    start = officer.start_date or today
    due = holding.expires if holding and holding.expires else add_months(start, settings.BEATBOOK_TRAINING_DUE_MONTHS)
    return {"state": "expired" if holding else "missing", "holding": holding, "due": due, "late": due < today}


@role_required(*WORKFORCE_EDITORS)
def training(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    required = measures.required_types()
    officers = Officer.objects.of_force(settings.BEATBOOK_FORCE).dwos().serving(today)
    rows = []
    for officer in officers.select_related("cluster").prefetch_related("qualifications"):
        held = {q.kind_id: q for q in officer.qualifications.all()}
        cells = [_status(officer, kind, held, today) for kind in required]
        rows.append(
            {"officer": officer, "cells": cells, "complete": all(c["state"] in ("held", "due soon") for c in cells)}
        )
    qualified = sum(1 for row in rows if row["complete"])
    context = {
        "required": required,
        "rows": rows,
        "qualified": qualified,
        "percent": round(100 * qualified / len(rows)) if rows else None,
        "target": settings.BEATBOOK_DWO_QUALIFIED_TARGET_PERCENT,
        "due_months": settings.BEATBOOK_TRAINING_DUE_MONTHS,
        "others": QualificationType.objects.filter(active=True, required_of_dwos=False),
    }
    return render(request, "workforce/training.html", context)


def _held(data: Any) -> Qualification | None:
    """The holding a renewal replaces: recording a qualification the officer holds already updates it."""
    try:
        return Qualification.objects.filter(officer_id=int(data["officer"]), kind_id=int(data["kind"])).first()
    except (KeyError, ValueError):
        return None


@role_required(*WORKFORCE_EDITORS)
def qualification_new(request: HttpRequest) -> HttpResponse:
    form = QualificationForm(request.POST or None, instance=_held(request.POST))
    if request.method == "POST" and form.is_valid():
        saved = services.save_entry(request, form)
        messages.success(request, f"Recorded: {saved}.")
        return redirect("workforce:training")
    context = {"form": form, "title": "Record a qualification", "back": "workforce:training"}
    return render(request, "workforce/entry.html", context, status=400 if form.is_bound else 200)
