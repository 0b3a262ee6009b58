"""Survey results of the year: each public-confidence survey's waves that closed in the year, the
share giving the favourable answer to each question with its 95% Wilson interval, for all respondents
and by respondent group. Groups under 10 answers are suppressed, and their complements withheld, as
the surveys app does (surveys/results.py); victim feedback is left out (its results are narrower)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from beatbook.reports.charts import unique_ids
from beatbook.surveys.charts import results_chart
from beatbook.surveys.models import Survey, SurveyKind
from beatbook.surveys.results import BREAKDOWNS, QuestionResult, Row, SurveyResults, survey_results

SHOWN_BREAKDOWNS = BREAKDOWNS[:2]  # all respondents and respondent group: wards are too small for a profile


@dataclass(frozen=True)
class SurveyOfYear:
    results: SurveyResults  # only the waves that closed in the year
    chart: str  # inline SVG

    @property
    def demonstration(self) -> bool:
        return self.results.survey.demonstration

    def rows(self, question: QuestionResult) -> list[Row]:
        return [r for r in question.rows if r.breakdown in SHOWN_BREAKDOWNS]


def _of_year(results: SurveyResults, year: int) -> SurveyResults:
    keep = [i for i, w in enumerate(results.waves) if w.closes.year == year]

    def trimmed(row: Row) -> Row:
        n = len(results.waves)
        change = row.change if keep[-2:] == [n - 2, n - 1] else None  # the app's change is of the last two
        return dataclasses.replace(row, cells=[row.cells[i] for i in keep], change=change)

    questions = [QuestionResult(q.question, [trimmed(r) for r in q.rows]) for q in results.questions]
    return SurveyResults(
        results.survey, [results.waves[i] for i in keep], [results.responses[i] for i in keep], questions
    )


def surveys(year: int) -> list[SurveyOfYear]:
    """Confidence surveys with a wave that closed in the year, oldest first."""
    chosen = Survey.objects.filter(kind=SurveyKind.CONFIDENCE, waves__closes__year=year).distinct().order_by("created")
    found = []
    for survey in chosen:
        results = _of_year(survey_results(survey), year)
        chart = unique_ids(results_chart(results, f"{survey.title}: waves closed in {year}"), f"survey-{survey.pk}")
        found.append(SurveyOfYear(results, chart))
    return found
