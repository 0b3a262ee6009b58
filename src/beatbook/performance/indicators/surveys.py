"""Indicators from the public confidence surveys: the standard questions' favourable shares, each with
its Wilson interval, counted from the answers given in the period."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.utils import timezone

from beatbook.analysis.proportions import MIN_GROUP_RESPONSES, share
from beatbook.performance.figures import SHARE_RULE, plural, share_detail, trend_months
from beatbook.performance.registry import Aim, Figure, Good, Period, Scope, indicator
from beatbook.surveys.models import Answer, SurveyKind
from beatbook.surveys.templates_standard import CONFIDENCE, StandardQuestion

OWNER = "Communications and Engagement"
GOOD_JOB = CONFIDENCE[0]
SAFE_AFTER_DARK = next(q for q in CONFIDENCE if "after dark" in q.text)


def _answers(scope: Scope, question: StandardQuestion, months: list[date]) -> dict[date, list[bool]]:
    """Whether each answer to the standard ``question`` in the scope's wards was favourable, by month."""
    answers = Answer.objects.filter(
        question__text=question.text,
        question__survey__kind=SurveyKind.CONFIDENCE,
        response__ward_id__in=scope.ward_ids,
    ).exclude(choice="")
    found: dict[date, list[bool]] = defaultdict(list)
    for submitted, choice in answers.values_list("response__submitted", "choice"):
        month = timezone.localtime(submitted).date().replace(day=1)
        if month in months:
            found[month].append(choice in question.favourable)
    return found


def _share_figure(scope: Scope, period: Period, question: StandardQuestion) -> Figure:
    months = trend_months(period)
    by_month = _answers(scope, question, sorted({*months, *period.months}))
    series = []
    for m in months:
        monthly = share(sum(by_month[m]), len(by_month[m]), min_base=MIN_GROUP_RESPONSES)
        series.append(None if monthly.value is None else 100.0 * monthly.value)
    answers = [a for m in period.months for a in by_month[m]]
    result = share(sum(answers), len(answers), min_base=MIN_GROUP_RESPONSES, unit="answers")
    if result.value is None or result.lower is None or result.upper is None:
        why = f"{plural(len(answers), 'answer')} in {period.label}: fewer than {MIN_GROUP_RESPONSES} are not reported"
        return Figure(None, missing=why, series=tuple(series), series_months=tuple(months))
    detail = share_detail(result.part, result.base, result.lower, result.upper, f"said {question.measure}")
    interval = (100.0 * result.lower, 100.0 * result.upper)
    return Figure(
        100.0 * result.value, detail=detail, interval=interval, series=tuple(series), series_months=tuple(months)
    )


@indicator(
    code="confidence",
    name="Confidence: police doing a good job",
    aim=Aim.TRUST,
    unit="% excellent or good",
    good=Good.UP,
    owner=OWNER,
    definition="Answers to the standard question 'Taking everything into account, how good a job do you think "
    "the police in this area are doing?' (Crime Survey for England and Wales wording) in public confidence "
    "surveys, from respondents placing themselves in the scope's wards, in the period: the share answering "
    f"excellent or good, with its 95% Wilson interval. Under {MIN_GROUP_RESPONSES} answers: not reported. "
    "Default target 75%, amber from 70%. " + SHARE_RULE,
    target=75.0,
    tolerance=5.0,
)
def confidence(scope: Scope, period: Period) -> Figure:
    return _share_figure(scope, period, GOOD_JOB)


@indicator(
    code="feeling-safe",
    name="Feeling safe after dark",
    aim=Aim.TRUST,
    unit="% very or fairly safe",
    good=Good.UP,
    owner=OWNER,
    definition="Answers to the standard question 'How safe do you feel walking alone in this area after dark?' "
    "in public confidence surveys, from respondents in the scope's wards, in the period: the share feeling "
    f"very or fairly safe, with its 95% Wilson interval. Under {MIN_GROUP_RESPONSES} answers: not reported. "
    "After dark rather than by day, because that is where the night-time economy's harm shows. Default target "
    "80%, amber from 75%. " + SHARE_RULE,
    target=80.0,
    tolerance=5.0,
)
def feeling_safe(scope: Scope, period: Period) -> Figure:
    return _share_figure(scope, period, SAFE_AFTER_DARK)
