"""Repeat victimisation, domestic abuse (the VAWG measure) and ASB affecting residents, from a
hand-made incident log."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone

from beatbook.geography.models import Cluster
from beatbook.performance.registry import Period, Status, get
from beatbook.performance.scopes import cluster_scope, force_scope
from tests.safeguarding.conftest import incident, stored_log

Q4 = Period.parse("2025Q4")


def _at(year: int, month: int, day: int = 10) -> datetime:
    return timezone.make_aware(datetime(year, month, day, 20, 0))


@pytest.fixture
def log(city):
    """In cluster A's first ward: V1 has 3 incidents (2025-06, -08, -11): a repeat victim in Q4;
    V2 and V3 one each in Q4; V4 one in 2024Q4 and 2 in 2025Q4 (domestic abuse).
    A business (no victim) reports ASB twice in Q4. The log begins with a theft in 2024-10."""
    ward = Cluster.objects.order_by("sector__name", "name").first().wards.first()
    stored = stored_log()
    rows = [
        ("V1", _at(2025, 6)),
        ("V1", _at(2025, 8)),
        ("V1", _at(2025, 11)),
        ("V2", _at(2025, 10)),
        ("V3", _at(2025, 12)),
    ]
    made = [(victim, when, {}) for victim, when in rows]
    made += [
        ("V4", when, {"asb": False, "domestic_abuse": True})
        for when in (_at(2024, 11), _at(2025, 10), _at(2025, 12, 1))
    ]
    made += [("", when, {}) for when in (_at(2025, 10, 2), _at(2025, 11, 2))]
    incident(stored, 99, _at(2024, 10, 5), ward=ward, victim="", asb=False, incident_type="Theft")
    for n, (victim, when, flags) in enumerate(made):
        incident(stored, n, when, ward=ward, victim=victim, **flags)
    return ward


def test_repeat_victimisation_is_the_share_of_the_periods_victims_who_are_repeats(log) -> None:
    item = get("repeat-victimisation")
    figure = item.compute(cluster_scope(log.cluster), Q4)
    # Victims in Q4: V1 (3 incidents within 365 days: a repeat), V2, V3, V4 (2: not a repeat). 1 of 4.
    assert figure.value == pytest.approx(25.0)
    # Wilson 95% interval of 1/4: 0.046 to 0.699.
    assert figure.detail == "1 repeat victim of 4 victims in the period (95% interval 5% to 70%)"
    assert item.status(figure) == Status.AMBER  # target 20%, amber up to 25%
    # The look-back of Q4 runs from 1 January 2025, after the log's first incident (5 October 2024): rated.
    assert figure.not_rated == ""
    assert figure.series[-1] == pytest.approx(0.0)  # December: V3 and V4, neither a repeat by then


def test_domestic_abuse_doubled_on_a_year_before_and_has_no_colour(log) -> None:
    item = get("vawg-domestic-abuse")
    figure = item.compute(force_scope(log.cluster.sector.force), Q4)
    assert figure.value == pytest.approx(100.0)  # 2 against 1
    # A base under 10: the counts head the figure and the percentage is in the detail.
    assert (figure.headline, figure.headline_unit) == ("1 → 2", "domestic-abuse incidents, a year before → now")
    assert figure.detail.startswith("+100.0%: 2 domestic-abuse incidents against 1 a year before")
    assert item.target is None and item.status(figure) == Status.NONE
    assert "police.uk street data carry no sex of victim" in item.definition


def test_asb_affecting_residents_counts_incidents_with_a_victim_only(log) -> None:
    figure = get("asb-residents").compute(cluster_scope(log.cluster), Q4)
    # ASB with a victim: V1's November, V2, V3 in Q4 (3); none a year before: no percentage.
    assert figure.value is None and figure.missing.startswith("no ASB incidents with a victim in the same months")
    assert "(3 now)" in figure.missing


def test_a_look_back_reaching_before_the_log_is_shown_but_not_rated(log) -> None:
    item = get("repeat-victimisation")
    # 2025Q3's look-back: the 365 days to 30 September 2025, from 1 October 2024; the log starts on 5 October
    figure = item.compute(cluster_scope(log.cluster), Period.parse("2025Q3"))
    assert figure.value == 0.0  # V1, the only victim in Q3: 2 incidents by the end of September
    assert figure.not_rated == (
        "the incident log starts on 5 October 2024; a full 12-month look-back needs records from 1 October 2024"
    )
    assert item.status(figure) == Status.UNRATED  # not green: an understated first year is no verdict
    assert figure.series == (None,) * 12  # no month of the trend has its whole look-back in the log
    # Q4's trend: October to December have their look-back (from November 2024 on) in the log
    q4 = item.compute(cluster_scope(log.cluster), Q4).series
    assert q4[:9] == (None,) * 9 and None not in q4[9:]


def test_months_outside_the_log_have_no_figure(log) -> None:
    figure = get("repeat-victimisation").compute(cluster_scope(log.cluster), Period.parse("2026Q1"))
    assert figure.value is None and figure.missing == "the incident log does not cover 2026-01..2026-03"
    other = Cluster.objects.exclude(pk=log.cluster.pk).first()
    assert get("repeat-victimisation").compute(cluster_scope(other), Q4).missing == (
        "no victim is named in the period's incidents"
    )


@pytest.mark.parametrize("code", ["repeat-victimisation", "vawg-domestic-abuse", "asb-residents"])
def test_without_a_log_every_figure_says_so(city, code) -> None:
    figure = get(code).compute(force_scope(city), Q4)
    assert figure.value is None and figure.missing == "no incident log has been imported (beatbook incidents import)"
