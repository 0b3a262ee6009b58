"""Indicators from SARA problem solving: problems opened, closed with an assessment, and the share of
those whose assessment measured a reduction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db.models import Min, QuerySet
from django.utils import timezone

from beatbook.performance.figures import SHARE_RULE, gaps_before, percent_share, plural, records_start, trend_months
from beatbook.performance.registry import Aim, Figure, Good, Period, Scope, indicator
from beatbook.problems.models import ChangeKind, Problem, ProblemChange, Stage

OWNER = "Neighbourhood Policing inspector"
NO_PROBLEMS = "no SARA problem is recorded in beatbook yet"


def _month(moment: datetime) -> date:
    return timezone.localtime(moment).date().replace(day=1)


def _problems(scope: Scope) -> QuerySet[Problem]:
    """Problems of the scope: every problem for the force, those naming one of its wards otherwise."""
    if scope.kind == "force":
        return Problem.objects.all()
    return Problem.objects.filter(wards__in=scope.ward_ids).distinct()


def _monthly(moments: Iterable, months: list[date]) -> tuple[float | None, ...]:
    counted = [_month(m) for m in moments]
    return tuple(float(counted.count(m)) for m in months)


def closed_in(scope: Scope, months: list[date]) -> dict[int, date]:
    """Each problem of the scope moved to Closed in ``months`` (its last closing), with the month."""
    closings = ProblemChange.objects.filter(problem__in=_problems(scope), kind=ChangeKind.STAGE)
    found: dict[int, date] = {}
    for problem_id, changes, at in closings.order_by("at").values_list("problem_id", "changes", "at"):
        if (changes.get("stage") or [None, None])[1] == Stage.CLOSED and _month(at) in months:
            found[problem_id] = _month(at)
    return found


def _first_problem() -> date | None:
    """The day of the first SARA problem opened; None without one."""
    first = Problem.objects.aggregate(first=Min("created"))["first"]
    return timezone.localtime(first).date() if first is not None else None


def measured_reduction(problem: Problem) -> bool | None:
    """Whether the problem's latest assessment measured a fall told apart from chance (the WDD's
    interval below zero); None without an assessment."""
    latest = problem.assessments.order_by("-created").first()
    if latest is None:
        return None
    wdd = latest.result.get("statistics", {}).get("wdd", {})
    return wdd.get("high_ci") is not None and wdd["high_ci"] < 0


@indicator(
    code="problems-opened",
    name="Problems opened",
    aim=Aim.PREVENT,
    unit="problems",
    good=Good.UP,
    owner=OWNER,
    definition="SARA problems created in the period, in the scope (a problem belongs to a cluster when it names "
    "one of its wards). No target: a count of work begun, read with the crime figures.",
)
def problems_opened(scope: Scope, period: Period) -> Figure:
    first = _first_problem()
    before = records_start(first, period, "records of SARA problems", NO_PROBLEMS)
    if before is not None:
        return before
    months = trend_months(period)
    created = list(_problems(scope).values_list("created", flat=True))
    count = sum(1 for c in created if _month(c) in period.months)
    return gaps_before(first, Figure(float(count), series=_monthly(created, months), series_months=tuple(months)))


def _closed_assessed(scope: Scope, months: list[date]) -> dict[Problem, date]:
    closed = closed_in(scope, months)
    problems = Problem.objects.filter(pk__in=closed).prefetch_related("assessments")
    return {p: closed[p.pk] for p in problems if p.assessments.exists()}


@indicator(
    code="problems-closed-assessed",
    name="Problems closed with an assessment",
    aim=Aim.PREVENT,
    unit="problems",
    good=Good.UP,
    owner=OWNER,
    definition="SARA problems moved to Closed in the period that hold at least one assessment (the before/after "
    "comparison with a control area). No target: a count of work finished and measured.",
)
def problems_closed_assessed(scope: Scope, period: Period) -> Figure:
    first = _first_problem()
    before = records_start(first, period, "records of SARA problems", NO_PROBLEMS)
    if before is not None:
        return before
    months = trend_months(period)
    closed = _closed_assessed(scope, months)
    count = sum(1 for m in closed.values() if m in period.months)
    return gaps_before(
        first, Figure(float(count), series=_monthly_dates(closed.values(), months), series_months=tuple(months))
    )


def _monthly_dates(months_of: Iterable[date], months: list[date]) -> tuple[float | None, ...]:
    counted = list(months_of)
    return tuple(float(counted.count(m)) for m in months)


@indicator(
    code="problems-reduced",
    name="Closed problems with a measured reduction",
    aim=Aim.PREVENT,
    unit="% of problems closed with an assessment",
    good=Good.UP,
    owner=OWNER,
    definition="Of the problems closed with an assessment in the period, the share whose latest assessment "
    "measured a fall in crime relative to the control area told apart from chance (the weighted displacement "
    "difference's interval wholly below zero), with its 95% Wilson interval. Default target 50%, amber from 40%. "
    + SHARE_RULE,
    target=50.0,
    tolerance=10.0,
)
def problems_reduced(scope: Scope, period: Period) -> Figure:
    first = _first_problem()
    before = records_start(first, period, "records of SARA problems", NO_PROBLEMS)
    if before is not None:
        return before
    closed = [p for p, m in _closed_assessed(scope, period.months).items()]
    if not closed:
        return Figure.no_data(f"no problem was closed with an assessment in {period.label}")
    reduced = sum(1 for p in closed if measured_reduction(p))
    return percent_share(reduced, len(closed), f"{reduced} of {plural(len(closed), 'closed problem')}")
