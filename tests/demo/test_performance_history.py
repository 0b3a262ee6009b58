"""The demo's performance history: after the demo's records are made on nine months of the shipped crime
data, the dashboard's default quarter has activity figures for the force and every cluster, computed by
the framework from labelled demonstration records; a second run adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from beatbook.demo.history_time import history_quarter, year_to
from beatbook.demo.setup import _demo_records
from beatbook.engagement.models import Event
from beatbook.geography.models import Cluster, Force
from beatbook.intel.models import Intel, IntelShare
from beatbook.performance.registry import get
from beatbook.performance.scopes import cluster_scope, force_scope
from beatbook.performance.services import latest_complete_quarter
from beatbook.problems.models import Assessment, Problem, ProblemChange
from beatbook.surveys.models import Response, Survey
from tests.conftest import loaded_for_module, shipped_street_file

MONTHS = [f"2025-{m:02d}" for m in range(4, 13)]  # the assessments' two quarters and the quarter shown
COUNTS = ["problems-opened", "problems-closed-assessed", "events-held", "event-attendance", "intel-received",
          "intel-shared", "workforce-volunteer-hours"]  # fmt: skip
SHARES = ["problems-reduced", "intel-graded-in-time", "confidence", "feeling-safe", "workforce-abstraction-rate",
          "workforce-dwos-qualified"]  # fmt: skip


@pytest.fixture(scope="module")
def crime(django_db_setup, django_db_blocker):
    with loaded_for_module(django_db_blocker, [shipped_street_file(m) for m in MONTHS]):
        yield


@pytest.fixture
def demo(crime, db, settings):
    """Every demo module's records, in the order `beatbook demo` makes them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    force = Force.objects.get(slug="city-of-london")
    for make_records in _demo_records(force):
        make_records()
    return force


def _counts() -> dict[str, int]:
    models = [Problem, ProblemChange, Assessment, Event, Intel, IntelShare, Survey, Response]
    return {m.__name__: m.objects.count() for m in models}


def test_the_default_quarter_is_the_latest_with_crime_and_the_history_fills_the_year_to_it(demo):
    quarter = history_quarter(demo)
    assert quarter == latest_complete_quarter(demo.slug) and quarter.label == "2025Q4"
    assert [p.label for p in year_to(quarter)] == ["2025Q1", "2025Q2", "2025Q3", "2025Q4"]


def test_the_default_quarter_has_activity_figures_for_the_force_and_each_cluster(demo):
    quarter = latest_complete_quarter(demo.slug)
    force = {code: get(code).compute(force_scope(demo), quarter) for code in COUNTS + SHARES}
    assert all(force[code].value and force[code].value > 0 for code in COUNTS), force
    assert all(force[code].value is not None for code in SHARES), force
    assert force["problems-closed-assessed"].value == 6.0 and force["problems-opened"].value == 6.0
    assert 0 < force["intel-graded-in-time"].value < 100  # some graded within the target, some after it
    for cluster in Cluster.objects.filter(sector__force=demo):
        scope = cluster_scope(cluster)
        figures = {code: get(code).compute(scope, quarter) for code in COUNTS + SHARES}
        missing = {code: f.missing for code, f in figures.items() if f.value is None}
        assert not missing, (cluster.name, missing)
        assert figures["events-held"].value >= 4 and figures["problems-closed-assessed"].value == 1.0


def test_every_month_of_the_year_to_the_default_quarter_has_workforce_records(demo):
    quarter = latest_complete_quarter(demo.slug)
    for code in ("workforce-abstraction-rate", "workforce-volunteer-hours", "workforce-dwos-qualified"):
        figure = get(code).compute(force_scope(demo), quarter)
        assert figure.has_data and None not in figure.series, (code, figure)  # twelve months, no gap
    assert 0 < get("workforce-dwos-qualified").compute(force_scope(demo), quarter).value < 100


def test_each_synthetic_response_is_submitted_within_its_wave_and_not_after_now(demo):
    responses = Response.objects.select_related("wave")
    assert responses.count() > 500
    for response in responses:
        day = timezone.localtime(response.submitted).date()
        assert response.wave.opens <= day <= response.wave.closes and response.submitted <= timezone.now()
    days = {timezone.localtime(r.submitted).date() for r in responses}
    assert len(days) > 30  # spread over the waves' days, not stamped on the day the demo ran


def test_the_assessments_are_computed_from_the_crime_data_and_every_record_is_labelled(demo):
    closed = Problem.objects.filter(title__endswith="(past record)", stage="closed")
    assert closed.count() == 6
    for problem in closed:
        result = problem.assessments.get().result
        assert (result["options"]["before"], result["options"]["after"]) == ("2025-04:2025-06", "2025-07:2025-09")
        assert result["options"]["control"] and result["options"]["category"] == problem.categories
        assert sum(result["counts"]["response"].values()) > 0  # counted from the stored crimes, not typed
        assert dt.date(2025, 4, 1) <= problem.created.date() < dt.date(2025, 5, 1)
    history = Problem.objects.filter(title__endswith="(past record)")
    assert all(p.title.startswith("Demonstration: ") and "Demonstration record" in p.description for p in history)
    assert all("Demonstration record" in e.description for e in Event.objects.filter(start__year=2025))
    assert all(i.original_text.startswith("[Synthetic demonstration record]") for i in Intel.objects.all())
    assert Survey.objects.get(title="City confidence survey 2025Q4 (demonstration)").demonstration
    assert not Response.objects.filter(demonstration=False).exists()


def test_running_the_demo_again_adds_nothing(demo):
    before = _counts()
    for make_records in _demo_records(demo):
        make_records()
    assert _counts() == before
