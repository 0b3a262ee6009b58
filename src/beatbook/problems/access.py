"""The one way a view reaches a problem: through the people who may see it."""

from __future__ import annotations

from django.http import HttpRequest

from beatbook.core.access import get_for_user
from beatbook.problems.models import Problem


def get_problem_for_user(request: HttpRequest, pk: int) -> tuple[Problem, bool]:
    """The problem ``pk`` if the user may see it (else 404), and whether they may change it."""
    problem = get_for_user(request, Problem.objects.select_related("owner"), pk)
    return problem, problem.can_change(request.user)
