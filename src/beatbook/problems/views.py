"""SARA problem pages: thin views over services.py; every view of a problem is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import PROBLEM_EDITORS, PROBLEM_OWNERS, PROBLEM_READERS, PROBLEM_VIEWERS, Role, has_role
from beatbook.hub.views import hub_form
from beatbook.intel.linked import shown_linked
from beatbook.problems import scanning, services
from beatbook.problems.access import get_problem_for_user
from beatbook.problems.area_map import area_map
from beatbook.problems.forms import AttachForm, MoveForm, ProblemForm, ResponseForm, SnapshotForm
from beatbook.problems.models import Problem, Stage
from beatbook.problems.plan import plan_context
from beatbook.problems.priority import PriorityForm, initial_priority, propose_from_problem

PER_PAGE = 20


def _editable(request: HttpRequest, pk: int) -> Problem:
    problem, can_change = get_problem_for_user(request, pk)
    if not can_change:
        raise PermissionDenied("Only the problem's owner and supervisors change it.")
    return problem


def _extendable(request: HttpRequest, pk: int) -> Problem:
    problem = _editable(request, pk)
    if not problem.can_extend(request.user):
        raise PermissionDenied("A closed problem takes no new responses or Hub pages: reopen it first.")
    return problem


@role_required(*PROBLEM_VIEWERS)
def problem_list(request: HttpRequest) -> HttpResponse:
    problems = Problem.objects.visible_to(request.user).select_related("owner")
    stage = request.GET.get("stage", "")
    if stage in Stage.values:
        problems = problems.filter(stage=stage)
    page = Paginator(problems, PER_PAGE).get_page(request.GET.get("page"))
    audit.record(request, AuditAction.SEARCH, object_type="problems.problem", stage=stage)
    context: dict[str, Any] = {"page": page, "stage": stage, "stages": Stage.choices}
    context["query"] = f"stage={stage}" if stage else ""
    context["can_open"] = has_role(request.user, *PROBLEM_EDITORS)
    return render(request, "problems/list.html", context)


@role_required(*PROBLEM_EDITORS)
def problem_new(request: HttpRequest) -> HttpResponse:
    initial = {"owner": request.user.pk} if has_role(request.user, Role.OFFICER) else {}
    form = ProblemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        problem = services.open_problem(request, _form_fields(form), by=request.user)
        messages.success(request, f"Problem “{problem}” opened at Scanning.")
        return redirect("problems:detail", pk=problem.pk)
    context = {"form": form, "heading": "Open a problem", **_drawing()}
    return render(request, "problems/form.html", context, status=_status(form))


def _drawing() -> dict[str, Any]:
    """The context of the map on which the problem's area is drawn (after its polygon field)."""
    return {"area_map": area_map(), "map_after": "polygon", "map_polygon_field": "id_polygon", "map_radius": True,
            "map_legend": "Draw the area on the map"}  # fmt: skip


def _form_fields(form: ProblemForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


def _status(form: Any) -> int:
    return 400 if form.is_bound and form.errors else 200


@role_required(*PROBLEM_READERS)
def scanning_page(request: HttpRequest) -> HttpResponse:
    form = hub_form(request)
    found = scanning.suggestions(form) if form is not None and form.selection is not None else []
    context: dict[str, Any] = {"form": form, "suggestions": found, "query": form.query() if form is not None else ""}
    context["can_take_up"] = has_role(request.user, *PROBLEM_OWNERS)
    status = 400 if form is not None and form.errors else 200
    return render(request, "problems/scanning.html", context, status=status)


@require_POST
@role_required(*PROBLEM_OWNERS)
def take_up(request: HttpRequest) -> HttpResponse:
    """Turn a suggestion into a problem owned by the officer, in one step; the suggestion is
    found again from the Hub filters, so nothing the browser sends becomes evidence."""
    form = hub_form(request)
    key = request.POST.get("key", "")
    found = {s.key: s for s in scanning.suggestions(form)} if form is not None and form.selection is not None else {}
    suggestion = found.get(key)
    if suggestion is None:
        messages.error(request, "That suggestion is no longer offered: it may have been taken up already.")
        return redirect(f"{reverse('problems:scanning')}?{form.query() if form else ''}")
    try:
        problem = services.open_problem(
            request,
            {**suggestion.problem_fields(), "owner": request.user},
            by=request.user,
            note="From the Hub's scanning",
        )
    except IntegrityError:
        messages.error(request, "That suggestion has just been taken up by someone else.")
        return redirect("problems:scanning")
    messages.success(request, f"Problem “{problem}” opened from the Hub's suggestion.")
    return redirect("problems:detail", pk=problem.pk)


@role_required(*PROBLEM_VIEWERS)
def problem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    problem, can_change = get_problem_for_user(request, pk)
    audit.record(request, AuditAction.VIEW, problem)
    context = plan_context(request.user, problem)
    context.update(can_change=can_change, can_extend=problem.can_extend(request.user))
    context["move_form"] = MoveForm(initial={"stage": _next_stage(problem.stage)})
    context["linked_intel"] = shown_linked(request, problem.pk)
    return render(request, "problems/detail.html", context)


def _next_stage(stage: str) -> str:
    order = list(Stage.values)
    return order[min(order.index(stage) + 1, len(order) - 1)]


@role_required(*PROBLEM_EDITORS)
def problem_edit(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _editable(request, pk)
    form = ProblemForm(request.POST or None, instance=problem)
    if request.method == "POST" and form.is_valid():
        fields = _form_fields(form)
        problem.refresh_from_db()  # the form wrote into the instance: compare against what is stored
        services.change_problem(request, problem, fields, note=request.POST.get("note", ""))
        messages.success(request, "Changes saved; the history keeps what they replaced.")
        return redirect("problems:detail", pk=problem.pk)
    context = {"form": form, "problem": problem, "heading": f"Change “{problem}”", **_drawing()}
    return render(request, "problems/form.html", context, status=_status(form))


@require_POST
@role_required(*PROBLEM_EDITORS)
def problem_move(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _editable(request, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move_problem(request, problem, form.cleaned_data["stage"], form.cleaned_data["note"])
        except ValueError as exc:
            messages.error(request, f"Stage: {exc}.")
        else:
            messages.success(request, f"Moved to {problem.get_stage_display()}.")
    else:
        messages.error(request, "Stage: choose one of " + ", ".join(Stage.labels) + ".")
    return redirect("problems:detail", pk=problem.pk)


@role_required(*PROBLEM_EDITORS)
def response_new(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _extendable(request, pk)
    form = ResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_response(request, problem, form.save(commit=False), by=request.user)
        messages.success(request, "Response added.")
        return redirect("problems:detail", pk=problem.pk)
    context = {"form": form, "problem": problem, "heading": f"Add a response to “{problem}”"}
    return render(request, "problems/form.html", context, status=_status(form))


@role_required(*PROBLEM_EDITORS)
def snapshot_new(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _extendable(request, pk)
    form = SnapshotForm(request.POST or None, initial={"address": request.GET.get("address", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.attach_snapshot(request, problem, data["address"], data["title"], data["note"], by=request.user)
        messages.success(request, "Hub page attached to the analysis, with its filters and today's data version.")
        return redirect("problems:detail", pk=problem.pk)
    context = {"form": form, "problem": problem, "heading": f"Attach a Hub page to “{problem}”"}
    return render(request, "problems/form.html", context, status=_status(form))


@require_POST
@role_required(*PROBLEM_EDITORS)
def attach(request: HttpRequest) -> HttpResponse:
    """The Hub pages' "Attach to a problem" control: back to the Hub page once attached; the
    form again, with its errors, when something is wrong."""
    form = AttachForm(request.POST, user=request.user)
    if not form.is_valid():
        context = {"form": form, "heading": "Attach a Hub page to a problem"}
        return render(request, "problems/form.html", context, status=400)
    data = form.cleaned_data
    problem = data["problem"]
    services.attach_snapshot(request, problem, data["address"], data["title"], data["note"], by=request.user)
    messages.success(request, f"Attached to “{problem}”, with its filters and today's data version.")
    return redirect(data["address"][1] + (f"?{data['address'][2]}" if data["address"][2] else ""))


@role_required(*PROBLEM_EDITORS)
def priority_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose the problem as a ward priority ("You said, we did"); a supervisor publishes it."""
    problem = _editable(request, pk)
    form = PriorityForm(request.POST or None, initial=initial_priority(problem, services.force_slug()))
    if request.method == "POST" and form.is_valid():
        propose_from_problem(request, problem, form.cleaned_data)
        messages.success(request, "Proposed as a ward priority: a supervisor publishes it on the ward's page.")
        return redirect("problems:detail", pk=problem.pk)
    context = {"form": form, "problem": problem, "heading": f"Propose “{problem}” as a ward priority"}
    return render(request, "problems/form.html", context, status=_status(form))
