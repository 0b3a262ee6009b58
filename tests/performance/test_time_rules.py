"""Periods against the clock (23 November 2026 here): none offered that starts after today, the one
under way shown to date and not rated, events still to come not held, and a figure "on" a day to
come read on today."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from beatbook.performance.registry import Period, Status, get
from beatbook.performance.scopes import cluster_scope, force_scope
from beatbook.performance.services import period_choices
from beatbook.workforce.models import Duty, Rank
from beatbook.workforce.records import Qualification, QualificationType
from tests.engagement.factories import make_event, make_officer

NOW = timezone.make_aware(dt.datetime(2026, 11, 23, 12, 0))
Q4 = Period.parse("2026Q4")


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def _at(month: int, day: int, year: int = 2026) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 18, 0))


def test_no_period_that_starts_after_today_is_offered_and_the_one_under_way_is_marked(city) -> None:
    choices = period_choices(city.slug, today=dt.date(2026, 11, 23))
    assert choices[:6] == [
        ("2026Q4", "2026Q4 (to date)"),
        ("2026Q3", "2026Q3"),
        ("2026Q2", "2026Q2"),
        ("2026Q1", "2026Q1"),
        ("2026", "2026 (to date)"),
        ("2025Q4", "2025Q4"),
    ]
    before = [label for label, _ in period_choices(city.slug, today=dt.date(2026, 9, 30))]
    assert before[0] == "2026Q3" and "2026Q4" not in before


def test_the_dashboard_labels_the_period_under_way_to_date(personas, clock) -> None:
    make_event(personas.cluster_a, start=_at(10, 8), attendance=20)
    response = personas.client("analyst").get("/performance/", {"period": "2026Q4"})
    page = response.content.decode()
    assert '<option value="2026Q4" selected>2026Q4 (to date)</option>' in page
    assert "Performance: City of London Police, 2026Q4 to date (to 23 November 2026)" in page
    assert "Not rated: 2026Q4 is not over (figures to 23 November 2026)" in page
    statuses = {row.indicator.code: row.status for group in response.context["aims"] for row in group.rows}
    assert statuses["events-held"] == Status.UNRATED and "○</span> Not rated" in page
    assert not {Status.GREEN, Status.AMBER, Status.RED} & set(statuses.values())  # no figure is judged
    future = personas.client("analyst").get("/performance/", {"period": "2027Q1"})
    assert future.status_code == 400 and "Select a valid choice. 2027Q1" in future.content.decode()


def test_events_still_to_come_are_not_held_and_the_quarter_to_date_is_not_rated(personas, clock) -> None:
    a = personas.cluster_a
    make_event(a, start=_at(10, 8), attendance=20)
    make_event(a, start=_at(11, 20), attendance=10)
    make_event(a, start=_at(11, 30))  # next week: not held yet
    make_event(a, start=_at(12, 10))
    held = get("events-held").compute(cluster_scope(a), Q4)
    assert held.value == 2.0 and held.detail == "2 events. Not rated: 2026Q4 is not over (figures to 23 November 2026)"
    assert get("events-held").status(held) == Status.UNRATED  # 2 against a target of 6 is no verdict yet
    came = get("event-attendance").compute(cluster_scope(a), Q4)
    assert came.value == 30.0 and came.detail.startswith("2 events with attendance recorded. Not rated")
    # The last quarter that is over is rated as before
    make_event(a, start=_at(8, 8))
    earlier = get("events-held").compute(cluster_scope(a), Period.parse("2026Q3"))
    assert earlier.value == 1.0 and get("events-held").status(earlier) == Status.RED


def test_a_figure_on_a_day_to_come_is_read_on_today(city, clock) -> None:
    cluster = city.sectors.first().clusters.order_by("name").first()
    special = {"rank": Rank.SPECIAL_CONSTABLE, "duty": Duty.TEAM_OFFICER}
    make_officer(cluster, name="SC One", start_date=dt.date(2022, 1, 1), **special)
    make_officer(cluster, name="SC Two", start_date=dt.date(2023, 1, 1), end_date=dt.date(2023, 12, 31), **special)
    make_officer(cluster, name="SC Three", start_date=dt.date(2026, 11, 30), **special)  # joins next week
    specials = get("workforce-specials-aim").compute(force_scope(city), Q4)
    assert specials.detail.startswith("1 serving on 23 November 2026; the aim is 4 by 1 April 2026")
    assert specials.value == 25.0 and specials.series[-1] is None  # December has not begun
    dwo = make_officer(cluster, name="PC One", start_date=dt.date(2025, 1, 1), planned_hours_per_week=Decimal(40))
    for kind in QualificationType.objects.filter(required_of_dwos=True):
        Qualification.objects.create(officer=dwo, kind=kind, achieved=dt.date(2025, 6, 1))
    qualified = get("workforce-dwos-qualified").compute(cluster_scope(cluster), Q4)
    assert qualified.detail.startswith("1 of 1 DWO on 23 November 2026 (95% interval 21% to 100%)")
