"""The assessment page of a problem, and its plan as HTML and PDF."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import PROBLEM_VIEWERS
from beatbook.hub.pdf import OwnStaticFetcher, html_to_pdf
from beatbook.hub.services import published_months
from beatbook.problems import services
from beatbook.problems.access import get_problem_for_user
from beatbook.problems.area_map import area_map
from beatbook.problems.controls import suggest_controls
from beatbook.problems.forms import AssessmentForm
from beatbook.problems.models import Problem
from beatbook.problems.plan import plan_context
from beatbook.problems.spec import Period, SpecError

SUGGEST_BUFFER_M = 200


def _default_periods() -> dict[str, str]:
    """The latest 12 published months after, and the 12 before them (fewer, halved, when fewer are stored)."""
    force = services.force_slug()
    months = published_months(force) if force else []
    n = min(12, len(months) // 2)
    if n == 0:
        return {}
    return {
        "before": Period(months[-2 * n], months[-n - 1]).text(),
        "after": Period(months[-n], months[-1]).text(),
    }


def _initial(problem: Problem) -> dict[str, Any]:
    """The last run's inputs (to run it again), else the default periods and buffer."""
    last = problem.assessments.first()
    if last is None:
        return {**_default_periods(), "buffer": SUGGEST_BUFFER_M}
    inputs = last.inputs
    return {
        "before": inputs["before"],
        "after": inputs["after"],
        "buffer": int(inputs["buffer"]),
        "control": inputs["control"],
        "control_polygon": json.dumps(inputs["control_polygon"]) if inputs.get("control_polygon") else "",
    }


def _suggestions(problem: Problem, form: AssessmentForm) -> list[dict[str, Any]]:
    """Control wards matched to the problem's area over the before period (shown, not chosen)."""
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    periods = _default_periods()
    before = data.get("before") or (Period.parse(periods["before"], "before") if periods else None)
    if before is None:
        return []
    try:
        spec = services.spec_of_problem(
            problem,
            before=before,
            after=Period(before.last, before.last).shifted(1),
            buffer_m=float(data.get("buffer") or SUGGEST_BUFFER_M),
        )
        return [m.as_dict() for m in suggest_controls(spec, published_months(spec.force_slug))]
    except SpecError:
        return []


def _drawing(problem: Problem) -> dict[str, Any]:
    """The map on which a control area is drawn, with the problem's own area for reference."""
    legend = "Draw the control area on the map"
    return {"area_map": area_map(problem), "map_after": "control_polygon", "map_polygon_field": "id_control_polygon",
            "map_radius": False, "map_reference": True, "map_legend": legend}  # fmt: skip


@role_required(*PROBLEM_VIEWERS)
def assessment_page(request: HttpRequest, pk: int) -> HttpResponse:
    problem, can_change = get_problem_for_user(request, pk)
    form = AssessmentForm(request.POST or None, initial=_initial(problem))
    status = 200
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied("Only the problem's owner and supervisors assess it.")
        if form.is_valid():
            try:
                spec = services.spec_of_problem(
                    problem,
                    before=form.cleaned_data["before"],
                    after=form.cleaned_data["after"],
                    buffer_m=float(form.cleaned_data["buffer"]),
                    control_wards=tuple(w.code for w in form.cleaned_data["control"]),
                    control_polygon=form.cleaned_data["control_polygon"],
                )
                services.run_assessment(request, problem, spec, by=request.user)
            except SpecError as exc:
                form.add_error(exc.option if exc.option in form.fields else None, exc.message)
            else:
                messages.success(request, "Assessment run and saved with its inputs and data version.")
                return redirect("problems:assessment", pk=problem.pk)
        status = 400
    audit.record(request, AuditAction.VIEW, problem, page="assessment")
    context = plan_context(request.user, problem)
    context.update(form=form, can_change=can_change, suggested=_suggestions(problem, form) if can_change else [])
    if can_change:
        context.update(_drawing(problem))
    return render(request, "problems/assessment.html", context, status=status)


@role_required(*PROBLEM_VIEWERS)
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    problem, _ = get_problem_for_user(request, pk)
    audit.record(request, AuditAction.VIEW, problem, page="plan")
    return render(request, "problems/plan.html", {**plan_context(request.user, problem), "printable": False})


@role_required(*PROBLEM_VIEWERS)
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    problem, _ = get_problem_for_user(request, pk)
    html = render_to_string(
        "problems/plan.html", {**plan_context(request.user, problem), "printable": True}, request=request
    )
    fetcher = OwnStaticFetcher()
    pdf = html_to_pdf(html, fetcher)
    audit.record(request, AuditAction.EXPORT, problem, format="pdf", bytes=len(pdf), refused_urls=fetcher.refused)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="problem-{problem.pk}-{slugify(problem.title)[:50]}.pdf"'
    return response
