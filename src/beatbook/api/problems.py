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
from beatbook.problems.plan import plan_context

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
    context = plan_context(request.user, problem)
    if not context["show_assessment"]:
        raise HttpError(404, f"The assessment of problem {problem_id} is not shared with your organisation.")
    saved = problem.assessments.first()
    if saved is None:
        raise HttpError(404, f"Problem {problem_id} has not been assessed yet.")
    audit.record(request, AuditAction.VIEW, problem, api="assessment", section=Section.ASSESSMENT.value)
    return {**saved.result, "problem": problem.pk, "assessed": saved.created.isoformat(timespec="seconds")}
