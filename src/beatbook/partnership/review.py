"""What a plan's page and its annual review pack show of each priority, for one reader: the framework's
figures for the plan's period with their red/amber/green, the SARA problems the reader may see with
their stage and assessment verdict, the campaigns with their reach, and the actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from beatbook.campaigns.models import Campaign
from beatbook.campaigns.services import Reach, reach
from beatbook.geography.models import Force
from beatbook.partnership.models import Action, Plan, Priority
from beatbook.partnership.plain import plain_words
from beatbook.performance.registry import Figure, Indicator, Period, Scope, Status
from beatbook.performance.scopes import force_scope
from beatbook.performance.services import Row, effective_indicator, target_text
from beatbook.problems.models import Problem, Section


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator as the review pack shows it, to partners too: in the dashboard's words, without
    the setting names and admin advice its definition holds for the force's supervisors."""

    code: str
    indicator: Indicator | None  # None: no indicator of the framework has this code (yet)
    figure: Figure | None
    status: Status

    @property
    def row(self) -> Row | None:
        """The dashboard's row of this figure, whose words the pack reuses; None for an undefined code."""
        if self.indicator is None or self.figure is None:
            return None
        return Row(self.indicator, self.figure, self.status)

    @property
    def value_text(self) -> str:
        if self.indicator is None:
            return "Indicator not defined"
        return self.row.figure_text if self.row else "No data"

    @property
    def target_text(self) -> str:
        return target_text(self.indicator) if self.indicator else "–"

    @property
    def status_word(self) -> str:
        return self.row.status_word if self.row else "No data"

    @property
    def counts(self) -> str:
        """The counts behind the figure ("41 repeat victims of 71 victims in the period")."""
        return plain_words(self.figure.detail) if self.figure and self.figure.has_data else ""

    @property
    def missing(self) -> str:
        return plain_words(self.figure.missing) if self.figure and not self.figure.has_data else ""

    @property
    def how_measured(self) -> str:
        return plain_words(self.indicator.definition) if self.indicator else ""


@dataclass(frozen=True)
class ProblemLine:
    problem: Problem
    verdict: str  # the latest assessment's headline, or why there is none to show


@dataclass(frozen=True)
class CampaignLine:
    campaign: Campaign
    reach: Reach


@dataclass(frozen=True)
class PriorityReview:
    priority: Priority
    indicators: list[IndicatorLine]
    problems: list[ProblemLine]
    campaigns: list[CampaignLine]
    actions: list[Action]
    overdue: int


def indicator_line(code: str, scope: Scope | None, period: Period) -> IndicatorLine:
    try:
        found = effective_indicator(code)
    except KeyError:
        return IndicatorLine(code, None, None, Status.NONE)
    figure = Figure.no_data("the force's geography is not loaded") if scope is None else found.compute(scope, period)
    return IndicatorLine(code, found, figure, found.status(figure))


def problem_line(problem: Problem, user: Any) -> ProblemLine:
    if not problem.shows(Section.ASSESSMENT, user):
        return ProblemLine(problem, "The assessment is not shared with your organisation.")
    assessment = problem.assessments.first()
    if assessment is None:
        return ProblemLine(problem, "Not assessed yet.")
    return ProblemLine(problem, str(assessment.result.get("verdict", {}).get("headline", "Assessed.")))


def scope_of(plan: Plan) -> Scope | None:
    force = Force.objects.filter(slug=plan.partnership.force_slug).first()
    return force_scope(force) if force is not None else None


def review(plan: Plan, user: Any, today: dt.date) -> list[PriorityReview]:
    """Every priority of ``plan`` as ``user`` may see it: problems through ``Problem.objects.visible_to``,
    campaigns through ``Campaign.objects.visible_to``."""
    scope, period = scope_of(plan), plan.period
    reviews = []
    for priority in plan.priorities.all():
        problems = priority.problems.all() & Problem.objects.visible_to(user)
        campaigns = priority.campaigns.all() & Campaign.objects.visible_to(user)
        actions = list(priority.actions.select_related("owner"))
        reviews.append(
            PriorityReview(
                priority=priority,
                indicators=[indicator_line(code, scope, period) for code in priority.indicator_codes],
                problems=[problem_line(p, user) for p in problems.order_by("title")],
                campaigns=[CampaignLine(c, reach(c)) for c in campaigns.order_by("title")],
                actions=actions,
                overdue=sum(a.is_overdue(today) for a in actions),
            )
        )
    return reviews
