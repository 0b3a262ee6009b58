"""A survey's results: the share giving the favourable answers to each question, by wave, for the
whole survey and per ward, cluster and respondent group, with 95% Wilson intervals and the change
between the last two waves. Groups with fewer than 10 answers are not shown on their own; where one
row of a breakdown is hidden, the next smallest is withheld too, so that the total less the rows shown
(all respondents less the groups, a cluster less its wards) cannot reveal it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from beatbook.analysis.proportions import MIN_GROUP_RESPONSES, Change, Share, change, share
from beatbook.surveys.models import Answer, Question, RespondentGroup, Response, Survey, Wave
from beatbook.workforce.models import PublicGroup

BREAKDOWNS = ("All respondents", "Respondent group", "Cluster", "Ward")
GROUP_LABELS = {str(value): str(label) for value, label in PublicGroup.choices}


@dataclass(frozen=True)
class Cell:
    """One wave's figure for a row: its proportion, or None when no one or fewer than 10 answered, or
    when it is `withheld` to protect a smaller row (complementary suppression)."""

    n: int
    proportion: Share | None
    withheld: bool = False

    @property
    def suppressed(self) -> bool:
        return 0 < self.n < MIN_GROUP_RESPONSES


@dataclass
class Row:
    breakdown: str
    label: str
    cells: list[Cell]
    change: Change | None = None


@dataclass
class QuestionResult:
    question: Question
    rows: list[Row] = field(default_factory=list)

    @property
    def overall(self) -> Row:
        return self.rows[0]


@dataclass
class SurveyResults:
    survey: Survey
    waves: list[Wave]
    responses: list[int]  # per wave
    questions: list[QuestionResult]

    @property
    def compared(self) -> tuple[Wave, Wave] | None:
        return (self.waves[-2], self.waves[-1]) if len(self.waves) >= 2 else None


def survey_results(survey: Survey, submitted: tuple[date, date] | None = None) -> SurveyResults:
    """The survey's results by wave; with ``submitted`` (first and last day), only the responses submitted
    then, and only the waves that have one: a response belongs to the day it was submitted."""
    within = Q(submitted__date__range=submitted) if submitted else Q()
    responses = dict(
        Response.objects.filter(within, wave__survey=survey)
        .values_list("wave")
        .annotate(n=Count("id"))
        .values_list("wave", "n")
    )
    waves = [w for w in survey.waves.order_by("opens", "pk") if submitted is None or w.pk in responses]
    counts, clusters = _choice_counts(survey, Q(response__submitted__date__range=submitted) if submitted else Q())
    questions = [
        QuestionResult(q, _rows(q, waves, counts.get(q.pk, {}), clusters)) for q in survey.questions.all() if q.counted
    ]
    return SurveyResults(survey, waves, [responses.get(w.pk, 0) for w in waves], questions)


#: (question id) -> (breakdown, label) -> wave id -> choice -> count
Counts = dict[int, dict[tuple[str, str], dict[int, dict[str, int]]]]


def _choice_counts(survey: Survey, within: Q) -> tuple[Counts, dict[str, str]]:
    """Answers (``within`` a time) counted in the database, grouped by question, wave, ward, cluster, group
    and choice; and the cluster of each ward answered from."""
    rows = (
        Answer.objects.filter(within, question__survey=survey)
        .exclude(choice="")
        .values_list(
            "question",
            "response__wave",
            "response__ward__name",
            "response__ward__cluster__name",
            "response__group",
            "choice",
        )
        .annotate(n=Count("id"))
    )
    counts: Counts = defaultdict(lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(int))))
    clusters: dict[str, str] = {}
    for question, wave, ward, cluster, group, choice, n in rows:
        clusters[ward] = cluster
        for key in (
            (BREAKDOWNS[0], "All"),
            (BREAKDOWNS[1], GROUP_LABELS.get(group, group)),
            (BREAKDOWNS[2], cluster),
            (BREAKDOWNS[3], ward),
        ):
            counts[question][key][wave][choice] += n
    return counts, clusters


def _rows(
    question: Question,
    waves: list[Wave],
    counts: dict[tuple[str, str], dict[int, dict[str, int]]],
    clusters: dict[str, str],
) -> list[Row]:
    keys = sorted(counts, key=lambda k: (BREAKDOWNS.index(k[0]), _group_order(k)))
    if (BREAKDOWNS[0], "All") not in counts:
        keys.insert(0, (BREAKDOWNS[0], "All"))
    rows = [
        Row(b, label, [_cell(question, counts.get((b, label), {}).get(w.pk, {})) for w in waves]) for b, label in keys
    ]
    for family in _families(rows, clusters):
        for wave in range(len(waves)):
            _withhold_complement(family, wave)
    for row in rows:
        cells = row.cells
        if len(cells) >= 2 and cells[-2].proportion and cells[-1].proportion:
            row.change = change(cells[-2].proportion, cells[-1].proportion)
    return rows


def _families(rows: list[Row], clusters: dict[str, str]) -> list[list[Row]]:
    """Rows that add up to a row shown: the groups and the clusters (to all respondents), and the wards
    of each cluster (to their cluster)."""
    wards: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.breakdown == BREAKDOWNS[3]:
            wards[clusters.get(row.label, "")].append(row)
    return [
        [r for r in rows if r.breakdown == BREAKDOWNS[1]],
        [r for r in rows if r.breakdown == BREAKDOWNS[2]],
    ] + list(wards.values())


def _withhold_complement(family: list[Row], wave: int) -> None:
    """When exactly one row of the family is hidden in this wave, withhold the next smallest shown too:
    the total less the rows shown would otherwise give the hidden one."""
    hidden = [r for r in family if r.cells[wave].suppressed or r.cells[wave].withheld]
    shown = [r for r in family if r.cells[wave].proportion is not None]
    if len(hidden) == 1 and shown:
        smallest = min(shown, key=lambda r: r.cells[wave].n)
        smallest.cells[wave] = Cell(smallest.cells[wave].n, None, withheld=True)


def _group_order(key: tuple[str, str]) -> tuple[int, str]:
    labels = [GROUP_LABELS[g] for g in RespondentGroup.values]
    return (labels.index(key[1]), "") if key[1] in labels else (len(labels), key[1])


def _cell(question: Question, choices: dict[str, int]) -> Cell:
    n = sum(choices.values())
    if n < MIN_GROUP_RESPONSES:
        return Cell(n, None)
    favourable = sum(c for choice, c in choices.items() if choice in question.favourable)
    return Cell(n, share(favourable, n, MIN_GROUP_RESPONSES, unit="responses"))
