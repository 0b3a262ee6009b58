"""Crime, ASB and acquisitive crime against a year before, on hand-made counts checked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from beatbook.geography.models import Cluster
from beatbook.performance.registry import Period, Status, get
from beatbook.performance.scopes import cluster_scope, force_scope
from tests.performance.factories import crimes, publish

THEN = [date(2024, 10, 1), date(2024, 11, 1), date(2024, 12, 1)]
NOW = [date(2025, 10, 1), date(2025, 11, 1), date(2025, 12, 1)]
Q4 = Period.parse("2025Q4")


@pytest.fixture
def counts(city):
    """Cluster A's first ward: 10 thefts a month in 2024Q4, 20 in 2025Q4; 2 ASB a month then, 1 now.
    Cluster B's first ward: 5 burglaries a month in both quarters."""
    a, b = Cluster.objects.order_by("sector__name", "name")[:2]
    files = publish(city.slug, *THEN, *NOW)
    for month in THEN:
        crimes(files, month, a.wards.first(), "theft-from-the-person", 10)
        crimes(files, month, a.wards.first(), "anti-social-behaviour", 2)
        crimes(files, month, b.wards.first(), "burglary", 5)
    for month in NOW:
        crimes(files, month, a.wards.first(), "theft-from-the-person", 20)
        crimes(files, month, a.wards.first(), "anti-social-behaviour", 1)
        crimes(files, month, b.wards.first(), "burglary", 5)
    return city, a, b


def test_crime_doubled_in_a_cluster_is_significant_and_red(counts) -> None:
    _, a, _ = counts
    item = get("crime")
    figure = item.compute(cluster_scope(a), Q4)
    assert figure.value == pytest.approx(100.0)  # 60 thefts against 30
    assert figure.detail.startswith("60 crimes against 30 a year before")
    assert "a significant change" in figure.detail  # E-test of 60 v 30: p ~ 0.001
    assert figure.headline == ""  # 30 a year before: the percentage heads the figure
    assert item.status(figure) == Status.RED
    # The sparkline: the twelve months to December 2025, 2025-01..09 unpublished.
    assert len(figure.series) == 12 and figure.series[:9] == (None,) * 9 and figure.series[9:] == (20, 20, 20)


def test_the_force_adds_its_clusters_and_asb_is_counted_apart(counts) -> None:
    city, _, b = counts
    force = force_scope(city)
    crime = get("crime").compute(force, Q4)
    assert crime.value == pytest.approx(100.0 * (75 - 45) / 45)  # (60 + 15) against (30 + 15)
    asb = get("asb").compute(force, Q4)
    assert asb.value == pytest.approx(-50.0)  # 3 against 6
    assert "not told apart from chance" in asb.detail
    assert get("asb").status(asb) == Status.GREEN
    unchanged = get("acquisitive-crime").compute(cluster_scope(b), Q4)
    assert unchanged.value == 0.0 and get("acquisitive-crime").status(unchanged) == Status.GREEN


def test_a_rise_that_chance_alone_could_give_is_amber_not_red(city) -> None:
    files = publish(city.slug, *THEN, *NOW)
    ward = Cluster.objects.first().wards.first()
    crimes(files, THEN[0], ward, "robbery", 2)
    crimes(files, NOW[0], ward, "robbery", 4)
    figure = get("acquisitive-crime").compute(force_scope(city), Q4)
    assert figure.value == pytest.approx(100.0) and figure.significant is False  # 4 v 2: p ~ 0.7
    assert get("acquisitive-crime").status(figure) == Status.AMBER
    # Under 10 a year before: "2 → 4" heads the figure, not "+100.0%", which stays in the detail
    assert (figure.headline, figure.headline_unit) == ("2 → 4", "acquisitive crimes, a year before → now")
    assert figure.detail.startswith("+100.0%: 4 acquisitive crimes against 2 a year before (E-test p = ")
    crimes(files, THEN[1], ward, "anti-social-behaviour", 3)
    crimes(files, NOW[1], ward, "anti-social-behaviour", 1)
    asb = get("asb").compute(force_scope(city), Q4)
    assert asb.headline == "3 → 1" and asb.detail.startswith("-66.7%: 1 ASB incident against 3 a year before")


def test_a_period_with_an_unpublished_month_says_which(city) -> None:
    cluster = Cluster.objects.first()
    publish(city.slug, *THEN[:1], *THEN[2:], *NOW)  # 2024-11 was never published
    figure = get("crime").compute(cluster_scope(cluster), Q4)
    assert figure.value is None and not figure.has_data
    assert figure.missing == (
        "police.uk published no street-level data for 2024-11, so 2025Q4 cannot be compared with a year before"
    )


def test_the_citys_gap_is_named_not_counted_as_zero(city) -> None:
    publish(city.slug, date(2020, 10, 1), date(2020, 11, 1))
    figure = get("asb").compute(force_scope(city), Period.parse("2021Q4"))
    assert figure.value is None and "no street-level data for 2020-12, 2021-10..2021-12" in figure.missing


def test_nothing_a_year_before_has_no_percentage(city) -> None:
    files = publish(city.slug, *THEN, *NOW)
    crimes(files, NOW[0], Cluster.objects.first().wards.first(), "robbery", 4)
    figure = get("acquisitive-crime").compute(force_scope(city), Q4)
    assert figure.value is None and "a change from zero has no percentage" in figure.missing
