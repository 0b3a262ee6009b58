"""What a problem's page and its plan (HTML and PDF) show to a reader: everything for the
police team, only the shared sections for a partner."""

from __future__ import annotations

from typing import Any

from beatbook.core.roles import PROBLEM_READERS, has_role
from beatbook.crime.police_uk.categories import category_name
from beatbook.hub.cache import data_version_token
from beatbook.problems import presenters
from beatbook.problems.models import Problem, Section, Stage
from beatbook.problems.services import force_slug as problem_force


def plan_context(user: Any, problem: Problem) -> dict[str, Any]:
    partner_view = not has_role(user, *PROBLEM_READERS)
    shown = {section: problem.shows(section, user) for section in Section.values}
    assessment = problem.assessments.first() if shown[Section.ASSESSMENT] else None
    return {
        "problem": problem,
        "stages": Stage.choices,
        "partner_view": partner_view,
        "show_area": shown[Section.AREA],
        "show_analysis": shown[Section.ANALYSIS],
        "show_responses": shown[Section.RESPONSES],
        "show_assessment": shown[Section.ASSESSMENT],
        "category_names": [category_name(c) for c in problem.categories] or ["All categories"],
        "responses": problem.responses.select_related("kind", "owner", "partner") if shown[Section.RESPONSES] else [],
        "history": [] if partner_view else problem.history.select_related("by"),
        "snapshots": problem.snapshots.all() if shown[Section.ANALYSIS] else [],
        "data_version_now": data_version_token(problem_force()),
        "assessment": assessment,
        **(assessment_context(assessment.result) if assessment is not None else {}),
    }


def assessment_context(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "result": result,
        "chart": presenters.chart(result),
        "rows": presenters.table_rows(result),
        "control_names": presenters.control_ward_names(result),
        "confidence_level": round(100 * (1 - result["statistics"]["wdd"]["alpha"])),
    }
