"""Street crime of a scope by month: the figures the crime indicators and benchmarking read."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from beatbook.crime.ingest import ingest_paths
from beatbook.geography.models import Cluster
from beatbook.performance.crime import monthly_crimes, period_crimes, unpublished
from beatbook.performance.registry import Period, Scope
from beatbook.performance.scopes import cluster_scope, force_scope, scopes_of
from tests.conftest import shipped_street_file

MONTH = "2024-03"


def _rows(month: str) -> list[dict[str, str]]:
    with shipped_street_file(month).open(newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def march(city):
    report = ingest_paths([shipped_street_file(MONTH)])
    assert not report.refused
    return city


def test_the_force_counts_the_crimes_in_its_wards_and_unpublished_months_are_none(march) -> None:
    scope = force_scope(march)
    months = [date(2024, 2, 1), date(2024, 3, 1)]
    counts = monthly_crimes(scope, months)
    assert counts[date(2024, 2, 1)] is None
    assert 0 < (counts[date(2024, 3, 1)] or 0) <= len(_rows(MONTH))


def test_clusters_add_up_to_the_force(march) -> None:
    scopes = scopes_of(march)
    march_only = Period(date(2024, 3, 1), date(2024, 3, 1), MONTH)
    force = period_crimes(scopes[0], march_only)
    clusters = [s for s in scopes if s.kind == "cluster"]
    assert len(clusters) == Cluster.objects.count() == 6
    assert sum(period_crimes(s, march_only) or 0 for s in clusters) == force


def test_a_period_with_an_unpublished_month_has_no_total(march) -> None:
    scope = cluster_scope(Cluster.objects.first())
    quarter = Period.parse("2024Q1")
    assert period_crimes(scope, quarter) is None
    assert unpublished(scope, quarter) == [date(2024, 1, 1), date(2024, 2, 1)]


def test_a_category_filter_counts_only_that_category(march) -> None:
    scope = force_scope(march)
    month = [date(2024, 3, 1)]
    everything = monthly_crimes(scope, month)[month[0]] or 0
    asb = monthly_crimes(scope, month, ["anti-social-behaviour"])[month[0]] or 0
    assert 0 < asb < everything


def test_a_force_without_wards_counts_every_row_of_its_files(city) -> None:
    scope = Scope("elsewhere", "force", "A force without wards", ())
    assert monthly_crimes(scope, [date(2024, 3, 1)]) == {date(2024, 3, 1): None}
