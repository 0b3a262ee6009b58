"""Bikes marked per cluster and event beside the stored bicycle thefts of the same months and cluster."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from beatbook.bikes.counts import counts
from beatbook.crime.models import Crime, DataKind, SourceFile
from tests.bikes.factories import marked_bike
from tests.engagement.factories import make_event

pytestmark = pytest.mark.django_db
OCT = dt.date(2025, 10, 1)


def _thefts(ward, month: dt.date, n: int, category: str = "bicycle-theft") -> None:
    source, _ = SourceFile.objects.get_or_create(
        force_slug="city-of-london", month=month, kind=DataKind.STREET, defaults={"name": "f", "sha256": "0", "size": 1}
    )
    for i in range(n):
        Crime.objects.create(
            source_file=source,
            line=Crime.objects.count() + 2,
            month=month,
            category=category,
            ward=ward,
            crime_id=f"{category}-{month}-{ward.pk}-{i}",
        )


def test_counts_put_bikes_marked_beside_thefts_of_the_same_cluster_and_months(personas):
    a, b = personas.cluster_a, personas.cluster_b
    start = timezone.make_aware(dt.datetime(2025, 10, 4, 10))
    event = make_event(a, title="Marking at the station", start=start)
    for code in ("A1A1", "A2A2", "A3A3"):
        marked_bike(code=code, event=event, marked_on=dt.date(2025, 10, 4))
    marked_bike(code="B1B1", ward=b.wards.first(), marked_on=dt.date(2025, 11, 2))
    marked_bike(code="NOWHERE", marked_on=dt.date(2025, 11, 3))
    _thefts(a.wards.first(), OCT, 4)
    _thefts(a.wards.first(), OCT, 2, category="shoplifting")
    _thefts(b.wards.first(), dt.date(2025, 11, 1), 1)
    _thefts(b.wards.first(), dt.date(2025, 12, 1), 9)  # outside the months asked for

    got = counts("city-of-london", OCT, dt.date(2025, 11, 1))

    rows = {r.cluster: (r.bikes_marked, r.bicycle_thefts) for r in got.clusters}
    assert rows[a] == (3, 4) and rows[b] == (1, 1) and got.unplaced == 1
    assert [(r.event, r.bikes_marked, r.bicycle_thefts) for r in got.events] == [(event, 3, 4)]
    assert got.months_without_data == []


def test_a_month_with_no_stored_data_is_named_not_counted(personas):
    start = timezone.make_aware(dt.datetime(2026, 3, 4, 10))
    event = make_event(personas.cluster_a, title="Spring marking", start=start)
    marked_bike(code="S1S1", event=event, marked_on=dt.date(2026, 3, 4))
    got = counts("city-of-london", dt.date(2026, 3, 1), dt.date(2026, 3, 1))
    assert got.months_without_data == [dt.date(2026, 3, 1)] and got.events[0].bicycle_thefts is None


def test_the_page_refuses_a_malformed_month(personas):
    response = personas.client("analyst").get("/bikes/counts/", {"from": "October"})
    assert response.status_code == 400 and "YYYY-MM" in response.content.decode()


def test_the_page_is_empty_before_any_bike(personas):
    response = personas.client("analyst").get("/bikes/counts/")
    assert response.status_code == 200 and "No bikes are registered yet" in response.content.decode()
