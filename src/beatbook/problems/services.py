"""Business rules of SARA problems: opening one, changing it, responses and assessments, each
inside a transaction and written to the problem's history and the audit log."""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.geography.models import Force
from beatbook.hub.cache import data_version_token
from beatbook.problems.assessment import assess
from beatbook.problems.models import TRACKED_RELATIONS, Assessment, ChangeKind, Problem, Response, Snapshot
from beatbook.problems.spec import AssessmentSpec


def _set_relations(problem: Problem, relations: dict[str, Any]) -> None:
    for name in TRACKED_RELATIONS:
        if name in relations:
            getattr(problem, name).set(relations[name])


def open_problem(request: HttpRequest | None, fields: dict[str, Any], *, by: Any, note: str = "") -> Problem:
    """Create a problem (at Scanning unless told) from model fields and its relations."""
    relations = {k: fields.pop(k) for k in TRACKED_RELATIONS if k in fields}
    with transaction.atomic():
        problem = Problem(**fields)
        before = problem.snapshot()
        problem.stamp(by)
        problem.save()
        _set_relations(problem, relations)
        problem.record_change(before, by=by, kind=ChangeKind.CREATE, note=note)
        audit.record(request, AuditAction.CREATE, problem, user=by)
    return problem


def change_problem(request: HttpRequest, problem: Problem, fields: dict[str, Any], note: str = "") -> Problem:
    """Change fields and relations of a problem, keeping before and after in its history."""
    relations = {k: fields.pop(k) for k in TRACKED_RELATIONS if k in fields}
    with transaction.atomic():
        before = problem.snapshot()
        for name, value in fields.items():
            setattr(problem, name, value)
        problem.stamp(request.user)
        problem.save()
        _set_relations(problem, relations)
        change = problem.record_change(before, by=request.user, kind=ChangeKind.EDIT, note=note)
        audit.record(request, AuditAction.CHANGE, problem, changes=change.changes)
    return problem


def move_problem(request: HttpRequest, problem: Problem, stage: str, note: str) -> None:
    with transaction.atomic():
        change = problem.move_to(stage, by=request.user, note=note)
        audit.record(request, AuditAction.CHANGE, problem, changes=change.changes, note=note)


def add_response(request: HttpRequest | None, problem: Problem, response: Response, *, by: Any) -> Response:
    """Add a response to the problem, written to its history and the audit log."""
    with transaction.atomic():
        response.problem = problem
        response.stamp(by)
        response.save()
        problem.log(by=by, kind=ChangeKind.RESPONSE, note=f"Response added: {response.action}")
        audit.record(request, AuditAction.CREATE, response, user=by)
    return response


def attach_snapshot(
    request: HttpRequest | None, problem: Problem, address: tuple[str, str, str], title: str, note: str, *, by: Any
) -> Snapshot:
    """Attach a Hub page with its options and the data version of today, to be drawn again later."""
    page, path, query = address
    with transaction.atomic():
        snapshot = Snapshot(problem=problem, title=title, page=page, path=path, query=query, note=note)
        snapshot.data_version = data_version_token(force_slug())
        snapshot.stamp(by)
        snapshot.save()
        problem.log(by=by, kind=ChangeKind.SNAPSHOT, note=f"Hub snapshot attached: {title}")
        audit.record(request, AuditAction.CREATE, snapshot, user=by)
    return snapshot


def force_slug() -> str:
    force = Force.objects.configured()
    return force.slug if force is not None else ""


def spec_of_problem(problem: Problem, **inputs: Any) -> AssessmentSpec:
    """An assessment of the problem's own area: its radius, else its polygon, else its wards (the
    problem form takes one kind of area only; a problem stored with several is counted on the first)."""
    slug = force_slug()
    wards = tuple(problem.wards.values_list("code", flat=True))
    area: dict[str, Any] = {}
    if problem.radius_m and problem.centre_lat is not None and problem.centre_lng is not None:
        area["radius"] = (problem.centre_lat, problem.centre_lng, float(problem.radius_m))
    elif problem.polygon:
        area["polygon"] = json.loads(problem.polygon)
    else:
        area["area_wards"] = wards
    return AssessmentSpec(force_slug=slug, categories=tuple(problem.categories or ()), **area, **inputs)


def run_assessment(request: HttpRequest | None, problem: Problem, spec: AssessmentSpec, *, by: Any) -> Assessment:
    """Assess, and save the result with its inputs and data version."""
    result = assess(spec)
    with transaction.atomic():
        saved = Assessment(problem=problem, inputs=spec.options(), data_version=result["data_version"], result=result)
        saved.stamp(by)
        saved.save()
        problem.log(by=by, kind=ChangeKind.ASSESSMENT, note=f"Assessment run: {result['verdict']['headline']}")
        audit.record(request, AuditAction.CREATE, saved, user=by)
    return saved
