"""Survey results of the year: each public-confidence survey's answers submitted in the year, by wave,
the share giving the favourable answer to each question with its 95% Wilson interval, for all respondents
and by respondent group. A response belongs to the year it was submitted in, as on the performance
dashboard, so a wave that spans two years is split between them. Groups under 10 answers are suppressed,
and their complements withheld, as the surveys app does (surveys/results.py); victim feedback is left out
(its results are narrower)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from beatbook.reports.charts import unique_ids
from beatbook.surveys.charts import results_chart
from beatbook.surveys.models import Survey, SurveyKind
from beatbook.surveys.results import BREAKDOWNS, QuestionResult, Row, SurveyResults, survey_results

SHOWN_BREAKDOWNS = BREAKDOWNS[:2]  # all respondents and respondent group: wards are too small for a profile


@dataclass(frozen=True)
class SurveyOfYear:
    results: SurveyResults  # only the responses submitted in the year, and the waves they answered
    chart: str  # inline SVG

    @property
    def demonstration(self) -> bool:
        return self.results.survey.demonstration

    def rows(self, question: QuestionResult) -> list[Row]:
        return [r for r in question.rows if r.breakdown in SHOWN_BREAKDOWNS]


def surveys(year: int) -> list[SurveyOfYear]:
    """Confidence surveys with a response submitted in the year, oldest first."""
    chosen = (
        Survey.objects.filter(kind=SurveyKind.CONFIDENCE, waves__responses__submitted__year=year)
        .distinct()
        .order_by("created")
    )
    found = []
    for survey in chosen:
        results = survey_results(survey, submitted=(date(year, 1, 1), date(year, 12, 31)))
        chart = results_chart(results, f"{survey.title}: answers submitted in {year}")
        found.append(SurveyOfYear(results, unique_ids(chart, f"survey-{survey.pk}")))
    return found
