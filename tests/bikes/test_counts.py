"""Bikes marked per cluster and event beside the stored bicycle thefts of the same months and cluster."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from beatbook.bikes.counts import counts
from beatbook.crime.ingest import ingest_paths
from beatbook.crime.models import Crime
from beatbook.geography.models import Ward
from tests.bikes.factories import marked_bike
from tests.crime.csvs import street_row, write_csv
from tests.engagement.factories import make_event

pytestmark = pytest.mark.django_db
OCT = dt.date(2025, 10, 1)


def _ingest(tmp_path, *months: tuple[str, list[tuple[str, int, tuple[str, str]]]]) -> None:
    """Store police.uk street files (as the ingest does on either database): per month, (category, n, place)."""
    paths, n = [], 0
    for month, groups in months:
        rows = []
        for category, count, place in groups:
            for _ in range(count):
                n += 1
                rows.append(street_row(n, month=month, category=category, lng_lat=place))
        paths.append(write_csv(tmp_path, month, "street", rows))
    assert not ingest_paths(paths).refused


def _centre(ward) -> tuple[str, str]:
    return (f"{ward.centroid_lng:.6f}", f"{ward.centroid_lat:.6f}")


def test_counts_put_bikes_marked_beside_thefts_of_the_same_cluster_and_months(personas, tmp_path):
    in_a, in_b = (
        Ward.objects.filter(cluster=c).order_by("name").first() for c in (personas.cluster_a, personas.cluster_b)
    )
    _ingest(
        tmp_path,
        ("2025-10", [("Bicycle theft", 4, _centre(in_a)), ("Shoplifting", 2, _centre(in_a))]),
        ("2025-11", [("Bicycle theft", 1, _centre(in_b))]),
        ("2025-12", [("Bicycle theft", 9, _centre(in_b))]),  # outside the months asked for
    )
    a = Crime.objects.filter(month=OCT).first().ward.cluster
    b = Crime.objects.filter(month=dt.date(2025, 11, 1)).first().ward.cluster
    assert (a, b) == (personas.cluster_a, personas.cluster_b)
    start = timezone.make_aware(dt.datetime(2025, 10, 4, 10))
    event = make_event(a, title="Marking at the station", start=start)
    for code in ("A1A1", "A2A2", "A3A3"):
        marked_bike(code=code, event=event, marked_on=dt.date(2025, 10, 4))
    marked_bike(code="B1B1", ward=in_b, marked_on=dt.date(2025, 11, 2))
    marked_bike(code="NOWHERE", marked_on=dt.date(2025, 11, 3))

    got = counts("city-of-london", OCT, dt.date(2025, 11, 1))

    rows = {r.cluster: (r.bikes_marked, r.bicycle_thefts) for r in got.clusters}
    assert rows[a] == (3, 4) and rows[b] == (1, 1) and got.unplaced == 1
    assert [(r.event, r.bikes_marked, r.bicycle_thefts) for r in got.events] == [(event, 3, 4)]
    assert got.months_without_data == []
    assert [(r.month, r.bikes_marked, r.bicycle_thefts) for r in got.months] == [
        (OCT, 3, 4),
        (dt.date(2025, 11, 1), 2, 1),
    ]


def test_the_chart_names_unpublished_months_and_the_table_sits_beside_it(personas, tmp_path):
    ward = personas.cluster_a.wards.order_by("name").first()
    _ingest(tmp_path, ("2025-10", [("Bicycle theft", 2, _centre(ward))]))
    marked_bike(code="C1C1", ward=ward, marked_on=dt.date(2025, 10, 4))
    marked_bike(code="C2C2", ward=ward, marked_on=dt.date(2025, 12, 1))

    got = counts("city-of-london", OCT, dt.date(2025, 12, 1))
    page = personas.client("analyst").get("/bikes/counts/", {"from": "2025-10", "to": "2025-12"}).content.decode()

    assert [r.bicycle_thefts for r in got.months] == [2, None, None]  # November and December: no file stored
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert "No data published" in chart and "Bikes marked" in chart and "Bicycle thefts" in chart
    table = page[page.index("<caption>By month</caption>") :].split("</table>")[0]
    assert "<td>Oct 2025</td><td>1</td><td>2</td>" in table
    assert "<td>Nov 2025</td><td>0</td><td>no data published</td>" in table


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


def test_an_event_counts_in_its_local_month(personas):
    """Half past midnight on 1 July in London is still 30 June in UTC: the event belongs to July."""
    start = timezone.make_aware(dt.datetime(2025, 7, 1, 0, 30))
    event = make_event(personas.cluster_a, title="Midnight marking", start=start)
    marked_bike(code="M1M1", event=event, marked_on=dt.date(2025, 7, 1))
    got = counts("city-of-london", dt.date(2025, 6, 1), dt.date(2025, 7, 1))
    assert [row.month for row in got.events] == [dt.date(2025, 7, 1)]


@pytest.mark.parametrize("month", ["9999-12", "1999-12", "0001-01"])
def test_the_page_refuses_a_month_out_of_range(personas, month):
    response = personas.client("analyst").get("/bikes/counts/", {"from": month, "to": month})
    assert response.status_code == 400 and "out of range" in response.content.decode()
