"""The records inside an area are read again by id within their month: on PostgreSQL the month
condition keeps that read to the month's partitions (ADR 4), rather than every month's leaves."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.police_uk.conftest import BANK

LAT, LNG = BANK
AROUND_BANK = f"lat={LAT}&lng={LNG}&date=2023-01"
METHODS = {
    "crimes-street": ("crime_crime", f"/api/crimes-street/all-crime?{AROUND_BANK}"),
    "outcomes-at-location": ("crime_outcome", f"/api/outcomes-at-location?{AROUND_BANK}"),
    "stops-street": ("crime_stopsearch", f"/api/stops-street?{AROUND_BANK}"),
}


def _rereads(api, table: str, url: str) -> list[str]:
    """The statements reading rows of `table` by id while answering `url`."""
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url)
    assert response.status_code == 200, response.content
    assert response.json(), f"{url} answered nothing: the sample data should give it something to show"
    return [q["sql"] for q in captured.captured_queries if f'"{table}"."id" IN (' in q["sql"]]


def _months_planned(sql: str, table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return set(re.findall(rf"\b{table}_(\d{{4}}_\d{{2}})", plan))


def _location_url(api) -> tuple[str, str]:
    crimes = api.get(f"/api/crimes-street/all-crime?{AROUND_BANK}").json()
    return "crime_crime", f"/api/crimes-at-location?location_id={crimes[0]['location']['street']['id']}&date=2023-01"


@pytest.mark.parametrize("method", [*sorted(METHODS), "crimes-at-location"])
def test_an_area_is_read_again_within_its_month(api, method):
    table, url = _location_url(api) if method == "crimes-at-location" else METHODS[method]
    rereads = _rereads(api, table, url)
    assert rereads, f"{method} read no {table} rows by id"
    for sql in rereads:
        assert f'"{table}"."month" = ' in sql, sql
        if connection.vendor == "postgresql":
            # The slice holds street files of 2023-01, 2025-11 and 2025-12: only January's is read.
            assert _months_planned(sql, table) == {"2023_01"}, sql
