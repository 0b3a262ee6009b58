"""/api/problems/{id}/assessment: a problem's latest saved assessment, as `beatbook assess --json` prints it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from beatbook.api.auth import RoleSession
from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.core.roles import PROBLEM_VIEWERS
from beatbook.problems.models import Problem, Section

#: The options that give the problem's own area away: served only to those who read its area section.
AREA_OPTIONS = ("area", "polygon", "radius")

router = Router(tags=["problems"], auth=RoleSession(*PROBLEM_VIEWERS))


@router.get(
    "/{int:problem_id}/assessment",
    url_name="problem-assessment",
    summary="A problem's latest assessment: counts per area and period, every statistic with its interval, "
    "the options and the data version",
)
def assessment(request: HttpRequest, problem_id: int) -> dict[str, Any]:
    problem = Problem.objects.visible_to(request.user).filter(pk=problem_id).first()
    if problem is None:
        raise HttpError(404, f"No problem with id {problem_id} that you may see.")
    if not problem.shows(Section.ASSESSMENT, request.user):
        raise HttpError(404, f"The assessment of problem {problem_id} is not shared with your organisation.")
    saved = problem.assessments.first()
    if saved is None:
        raise HttpError(404, f"Problem {problem_id} has not been assessed yet.")
    audit.record(request, AuditAction.VIEW, problem, api="assessment", section=Section.ASSESSMENT.value)
    result = {**saved.result, "problem": problem.pk, "assessed": saved.created.isoformat(timespec="seconds")}
    result.pop("suggested_controls", None)  # kept by runs saved before it left the result: not a field of it
    if not problem.shows(Section.AREA, request.user):
        result["options"] = {k: v for k, v in result["options"].items() if k not in AREA_OPTIONS}
    return result
