"""Problems, engagement, surveys and intelligence indicators on hand-made records, and each one's
words when its records are missing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from beatbook.intel.models import Intel, IntelShare
from beatbook.performance.registry import Period, Status, get
from beatbook.performance.scopes import cluster_scope, force_scope
from beatbook.problems.models import Assessment, Problem, ProblemChange, Stage
from beatbook.surveys.models import Answer, Question, Response, Wave
from beatbook.surveys.services import create_survey
from beatbook.surveys.templates_standard import CONFIDENCE
from tests.engagement.factories import make_event
from tests.problems.conftest import make_problem

Q4 = Period.parse("2025Q4")


def _at(month: int, day: int = 10, year: int = 2025) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 12, 0))


def _closed(problem: Problem, when: dt.datetime, by, high_ci: float | None) -> None:  # type: ignore[no-untyped-def]
    """Close ``problem`` at ``when``, with an assessment whose WDD interval tops out at ``high_ci``."""
    change = problem.move_to(Stage.CLOSED, by=by)
    ProblemChange.objects.filter(pk=change.pk).update(at=when)
    if high_ci is not None:
        result = {"statistics": {"wdd": {"high_ci": high_ci, "low_ci": high_ci - 4}}}
        Assessment.objects.create(problem=problem, inputs={}, data_version="v", result=result)


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("problems-opened", "no SARA problem is recorded in beatbook yet"),
        ("problems-closed-assessed", "no SARA problem is recorded in beatbook yet"),
        ("problems-reduced", "no SARA problem is recorded in beatbook yet"),
        ("events-held", "no engagement event is recorded in beatbook yet"),
        ("event-attendance", "no engagement event is recorded in beatbook yet"),
        ("intel-received", "no community intelligence is recorded in beatbook yet"),
        ("intel-graded-in-time", "no community intelligence is recorded in beatbook yet"),
        ("intel-shared", "no community intelligence is recorded in beatbook yet"),
        ("confidence", "0 answers in 2025Q4: fewer than 10 are not reported"),
        ("feeling-safe", "0 answers in 2025Q4: fewer than 10 are not reported"),
    ],
)
def test_without_records_a_figure_says_why_and_is_never_zero(city, code, why) -> None:
    figure = get(code).compute(force_scope(city), Q4)
    assert figure.value is None and figure.missing == why
    assert get(code).status(figure) == Status.NONE


def test_problems_opened_closed_with_an_assessment_and_reduced(personas) -> None:
    officer, a = personas["officer_a"], personas.cluster_a
    ward_a = a.wards.first()
    made = [make_problem(officer, title=f"P{i}") for i in range(4)]
    _closed(made[0], _at(11, 20), officer, high_ci=-0.5)  # reduced
    _closed(made[1], _at(12, 5), officer, high_ci=1.2)  # not told apart from chance
    _closed(made[3], _at(12, 6), officer, high_ci=None)  # closed without an assessment: not counted
    for problem, created in zip(made, [_at(10), _at(11), _at(12), _at(6)], strict=True):
        problem.wards.set([ward_a])
        Problem.objects.filter(pk=problem.pk).update(created=created)
    scope = cluster_scope(a)
    assert get("problems-opened").compute(scope, Q4).value == 3.0  # June's is not in Q4
    assert get("problems-closed-assessed").compute(scope, Q4).value == 2.0
    reduced = get("problems-reduced").compute(scope, Q4)
    # Wilson 95% interval of 1/2: 0.095 to 0.905.
    assert reduced.value == pytest.approx(50.0)
    assert reduced.detail == "1 of 2 closed problems (95% interval 9% to 91%)"
    assert reduced.interval == pytest.approx((9.45, 90.55), abs=0.01)
    assert get("problems-reduced").status(reduced) == Status.GREEN
    other = cluster_scope(personas.cluster_b)
    assert get("problems-opened").compute(other, Q4).value == 0.0  # problems exist: a true zero
    assert get("problems-reduced").compute(other, Q4).missing == "no problem was closed with an assessment in 2025Q4"


def test_events_held_and_attendance_by_cluster(personas) -> None:
    a = personas.cluster_a
    make_event(a, start=_at(10), attendance=12)
    make_event(a, start=_at(11), attendance=30)
    make_event(a, start=_at(12))  # attendance not recorded
    make_event(a, start=_at(12, 12), attendance=99, cancelled=True)
    make_event(personas.cluster_b, start=_at(10), attendance=7)
    held = get("events-held").compute(cluster_scope(a), Q4)
    assert held.value == 3.0 and get("events-held").status(held) == Status.RED  # target 6, amber from 4
    came = get("event-attendance").compute(cluster_scope(a), Q4)
    assert came.value == 42.0 and came.detail == "2 events with attendance recorded, 1 without"
    force = get("events-held").compute(force_scope(a.sector.force), Q4)
    assert force.value == pytest.approx(4 / 6) and force.detail == "4 events in 6 clusters"  # per cluster


def _answer(survey, ward, question_text: str, choice: str, when: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    wave = survey.waves.first()
    response = Response.objects.create(wave=wave, ward=ward, group="resident", submitted=when)
    Answer.objects.create(
        response=response, question=Question.objects.get(survey=survey, text=question_text), choice=choice
    )


def test_confidence_is_the_favourable_share_with_its_wilson_interval(personas) -> None:
    survey = create_survey("Confidence 2025", "confidence", "open", "", personas["analyst"])
    Wave.objects.create(survey=survey, name="Autumn", opens=dt.date(2025, 10, 1), closes=dt.date(2025, 12, 31))
    ward = personas.cluster_a.wards.first()
    choices = ["Excellent"] * 3 + ["Good"] * 5 + ["Fair"] * 2 + ["Poor"] * 2  # 8 of 12 favourable
    for i, choice in enumerate(choices):
        _answer(survey, ward, CONFIDENCE[0].text, choice, _at(10, 1 + i))
    figure = get("confidence").compute(cluster_scope(personas.cluster_a), Q4)
    assert figure.value == pytest.approx(100 * 8 / 12)
    # Wilson 95% interval of 8/12: 0.391 to 0.862 (Wilson 1927; statsmodels proportion_confint).
    assert figure.detail == "8 of 12 said excellent or good (95% interval 39% to 86%)"
    # 66.7% against 75% (amber from 70%), but 75% lies within the interval: chance could give it, so amber.
    assert get("confidence").status(figure) == Status.AMBER
    safe = get("feeling-safe").compute(cluster_scope(personas.cluster_a), Q4)
    assert safe.value is None and safe.missing.startswith("0 answers")


def test_intelligence_received_graded_in_time_and_shared(personas) -> None:
    ward = personas.cluster_a.wards.first()

    def item(n: int, received: dt.datetime, graded_after_hours: float | None) -> Intel:
        graded = None if graded_after_hours is None else received + dt.timedelta(hours=graded_after_hours)
        return Intel.objects.create(
            reference=f"CI-T-{n}",
            source="public",
            original_text="x",
            ward=ward,
            received_at=received,
            graded_at=graded,
            grading_target_hours=72 if graded else None,
            review_date=dt.date(2030, 1, 1),
        )

    items = [item(1, _at(10), 10), item(2, _at(11), 100), item(3, _at(12), None), item(4, _at(6), 5)]
    IntelShare.objects.create(
        item=items[0],
        organisation=personas.organisation_x,
        shared_by=personas["intelligence"],
        shared_at=_at(10, 20),
        reason="r",
    )
    IntelShare.objects.create(
        item=items[0],
        organisation=personas.organisation_y,
        shared_by=personas["intelligence"],
        shared_at=_at(11, 20),
        reason="r",
    )
    scope = cluster_scope(personas.cluster_a)
    assert get("intel-received").compute(scope, Q4).value == 3.0
    graded = get("intel-graded-in-time").compute(scope, Q4)
    # Wilson 95% interval of 1/3: (1/3 + z²/6 ± z·sqrt(2/27 + z²/36)) / (1 + z²/3), z = 1.96: 0.061 to 0.792.
    assert graded.value == pytest.approx(100 / 3)
    assert graded.detail == "1 of 3 items graded within the target time (95% interval 6% to 79%)"
    assert get("intel-graded-in-time").status(graded) == Status.RED  # 90% is above the whole interval
    assert get("intel-shared").compute(scope, Q4).value == 1.0  # one item, shared twice
    assert get("intel-received").compute(cluster_scope(personas.cluster_b), Q4).value == 0.0


def test_a_period_that_ended_before_the_first_record_has_no_data_not_zero(personas) -> None:
    a = personas.cluster_a
    make_event(a, start=_at(10, 8), attendance=12)  # the first event recorded: 8 October 2025
    problem = make_problem(personas["officer_a"], title="P")
    problem.wards.set([a.wards.first()])
    Problem.objects.filter(pk=problem.pk).update(created=_at(11, 3))  # the first problem: 3 November 2025
    Intel.objects.create(
        reference="CI-T-1",
        source="public",
        original_text="x",
        ward=a.wards.first(),
        received_at=_at(12, 2),  # the first item: 2 December 2025
        review_date=dt.date(2030, 1, 1),
    )
    scope, old = cluster_scope(a), Period.parse("2017Q1")
    for code in ("events-held", "event-attendance"):
        assert (
            get(code).compute(scope, old).missing
            == "records of engagement events start on 8 October 2025, after 2017Q1"
        )
    for code in ("problems-opened", "problems-closed-assessed", "problems-reduced"):
        assert (
            get(code).compute(scope, old).missing == "records of SARA problems start on 3 November 2025, after 2017Q1"
        )
    for code in ("intel-received", "intel-graded-in-time", "intel-shared"):
        assert get(code).compute(scope, old).missing == (
            "records of community intelligence start on 2 December 2025, after 2017Q1"
        )
    assert get("events-held").status(get("events-held").compute(scope, old)) == Status.NONE  # not red
    # The quarter recording began in is counted; its trend leaves the months before the first record as gaps
    held = get("events-held").compute(scope, Q4)
    assert held.value == 1.0 and held.series == (None,) * 9 + (1.0, 0.0, 0.0)
    assert get("problems-opened").compute(scope, Q4).series == (None,) * 10 + (1.0, 0.0)
    assert get("intel-received").compute(scope, Q4).series == (None,) * 11 + (1.0,)
