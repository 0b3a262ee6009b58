"""The workforce's indicators on a small fixture whose figures were worked out by hand, and the
reasons each gives when a scope or period has no records (never a zero)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from beatbook.performance import registry
from beatbook.performance.registry import Aim, Good, Period
from beatbook.performance.scopes import cluster_scope, force_scope
from beatbook.workforce.models import Duty, Rank
from beatbook.workforce.records import Abstraction, AbstractionReason, Deployment, Qualification, QualificationType
from tests.engagement.factories import make_officer

pytestmark = pytest.mark.django_db
Q1 = Period.parse("2025Q1")  # 90 days: January 31, February 28, March 31


@pytest.fixture
def clusters(city):
    a, b = city.sectors.first().clusters.order_by("name")[:2]
    return a, b


@pytest.fixture
def dwos(clusters):
    """Cluster A: one 40-hour DWO all quarter, one 35-hour DWO from 1 March; cluster B: one 40-hour DWO."""
    a, b = clusters
    return (
        make_officer(a, name="PC One", start_date=date(2025, 1, 1), planned_hours_per_week=Decimal(40)),
        make_officer(a, name="PC Two", start_date=date(2025, 3, 1), planned_hours_per_week=Decimal(35)),
        make_officer(b, name="PC Three", start_date=date(2024, 1, 1), planned_hours_per_week=Decimal(40)),
    )


def _abstract(officer, day: date, hours: str, code: str) -> Abstraction:
    return Abstraction.objects.create(
        officer=officer, date=day, hours=Decimal(hours), reason=AbstractionReason.objects.get(code=code)
    )


def _compute(code: str, scope, period=Q1):
    return registry.get(code).compute(scope, period)


def test_the_four_indicators_are_registered_under_their_aims():
    codes = {i.code: i for i in registry.indicators()}
    assert (
        codes["workforce-abstraction-rate"].aim == Aim.PREVENT and codes["workforce-abstraction-rate"].good == Good.DOWN
    )
    assert codes["workforce-abstraction-rate"].owner == "Neighbourhood policing lead"
    assert codes["workforce-volunteer-hours"].aim == Aim.TRUST
    assert codes["workforce-specials-aim"].aim == Aim.TRUST and codes["workforce-specials-aim"].target == 100
    assert codes["workforce-dwos-qualified"].aim == Aim.PREVENT and codes["workforce-dwos-qualified"].target == 100


def test_the_abstraction_rate_is_hours_abstracted_over_planned_hours(city, clusters, dwos):
    one, two, three = dwos
    _abstract(one, date(2025, 1, 10), "8", "response-cover")
    _abstract(one, date(2025, 2, 3), "6", "court")
    _abstract(two, date(2025, 3, 5), "4.5", "events")
    _abstract(three, date(2025, 3, 1), "10", "public-order")
    _abstract(three, date(2025, 4, 1), "10", "public-order")  # after the quarter: not counted
    cluster = _compute("workforce-abstraction-rate", cluster_scope(clusters[0]))
    # planned: 40 x 90/7 + 35 x 31/7 = 4685/7 hours; abstracted 18.5
    assert cluster.value == pytest.approx(100 * 18.5 * 7 / 4685)
    assert cluster.value == pytest.approx(2.76414, abs=1e-5)
    # by month: 8 / (40 x 31/7); 6 / (40 x 28/7); 4.5 / ((40 + 35) x 31/7)
    assert cluster.series == pytest.approx((100 * 8 * 7 / 1240, 3.75, 100 * 4.5 * 7 / 2325))
    assert cluster.series_months == tuple(Q1.months)
    force = _compute("workforce-abstraction-rate", force_scope(city))
    assert force.value == pytest.approx(100 * 28.5 * 7 / 8285)  # cluster B adds 40 x 90/7 planned, 10 abstracted
    assert "28.5 of 1,183.6 planned hours" in force.detail


def test_an_officer_planned_part_of_a_month_counts_only_the_days_served(clusters):
    officer = make_officer(clusters[0], start_date=date(2025, 1, 1), end_date=date(2025, 1, 14))
    _abstract(officer, date(2025, 1, 2), "4", "training")
    figure = _compute("workforce-abstraction-rate", cluster_scope(clusters[0]))
    assert figure.value == pytest.approx(100 * 4 / (40 * 14 / 7))  # 14 days of 40 hours a week: 80 hours


def test_no_abstraction_data_says_why_and_is_not_zero(city, clusters, dwos):
    no_officer = _compute("workforce-abstraction-rate", cluster_scope(clusters[0]), Period.parse("2024Q1"))
    assert no_officer.value is None and "No Dedicated Ward Officer" in no_officer.missing
    unrecorded = _compute("workforce-abstraction-rate", cluster_scope(clusters[1]), Period.parse("2024Q1"))
    assert unrecorded.value is None and "No abstraction was recorded in 2024Q1" in unrecorded.missing


def test_a_scope_without_abstractions_in_a_recording_force_is_a_true_zero(clusters, dwos):
    _abstract(dwos[2], date(2025, 2, 1), "5", "court")  # cluster B recorded; cluster A had none
    figure = _compute("workforce-abstraction-rate", cluster_scope(clusters[0]))
    assert figure.value == 0.0 and figure.missing == ""


@pytest.fixture
def volunteers(clusters):
    a, _ = clusters
    special = {"rank": Rank.SPECIAL_CONSTABLE, "duty": Duty.TEAM_OFFICER}
    return (
        make_officer(a, name="SC One", start_date=date(2022, 1, 1), **special),
        make_officer(a, name="SC Two", start_date=date(2023, 1, 1), end_date=date(2023, 12, 31), **special),
        make_officer(a, name="SC Three", start_date=date(2025, 2, 10), **special),
        make_officer(a, name="Cadet One", rank=Rank.POLICE_CADET, duty=Duty.TEAM_OFFICER, start_date=date(2024, 9, 1)),
    )


def test_volunteer_hours_sum_the_deployments_of_the_scope(city, clusters, volunteers):
    a, b = clusters
    special, _, _, cadet = volunteers
    for officer, day, hours, cluster in [
        (special, date(2025, 1, 10), 5, a),
        (special, date(2025, 2, 2), 4, b),
        (special, date(2025, 3, 3), 6, None),  # force-wide duty: the force's total only
        (cadet, date(2025, 3, 20), 3, a),
    ]:
        Deployment.objects.create(officer=officer, date=day, hours=hours, activity="Patrol", cluster=cluster)
    assert _compute("workforce-volunteer-hours", force_scope(city)).value == 18
    in_a = _compute("workforce-volunteer-hours", cluster_scope(a))
    assert in_a.value == 8 and in_a.series == (5, 0, 3)
    assert _compute("workforce-volunteer-hours", cluster_scope(b)).value == 4
    none = _compute("workforce-volunteer-hours", force_scope(city), Period.parse("2024Q1"))
    assert none.value is None and "No volunteer deployment was recorded" in none.missing


def test_the_special_constabulary_against_the_doubling_aim(city, clusters, volunteers):
    figure = _compute("workforce-specials-aim", force_scope(city))
    # serving on 1 April 2023: SC One and SC Two, so the aim is 4; on 1 March 2025: SC One and SC Three
    assert figure.value == 50.0 and figure.series == (1, 1, 2)
    assert "2 serving on 01 March 2025; the aim is 4 by 01 April 2026 (2 x 2 on 01 April 2023)" in figure.detail
    cluster = _compute("workforce-specials-aim", cluster_scope(clusters[0]))
    assert cluster.value is None and "force as a whole" in cluster.missing


def test_the_specials_aim_follows_its_settings(city, volunteers, settings):
    settings.BEATBOOK_SPECIALS_BASELINE_DATE = "2025-03-01"  # SC One and SC Three serving: 2
    settings.BEATBOOK_SPECIALS_MULTIPLE = 3
    assert _compute("workforce-specials-aim", force_scope(city)).value == pytest.approx(100 * 2 / 6)


def test_no_specials_is_no_data(city):
    figure = _compute("workforce-specials-aim", force_scope(city))
    assert figure.value is None and "No Special Constable is recorded" in figure.missing


def _hold_all(officer, but: str = "", expires: dict | None = None) -> None:
    for kind in QualificationType.objects.filter(required_of_dwos=True):
        if kind.name != but:
            ends = (expires or {}).get(kind.name)
            Qualification.objects.create(officer=officer, kind=kind, achieved=date(2024, 6, 1), expires=ends)


def test_the_share_of_dwos_holding_every_required_qualification(city, clusters, dwos):
    one, two, three = dwos
    vulnerability = QualificationType.objects.get(name__startswith="Vulnerability")
    assert QualificationType.objects.filter(required_of_dwos=True).count() == 5
    _hold_all(one)
    _hold_all(two, but="Child sexual exploitation and abuse awareness")
    _hold_all(three, expires={vulnerability.name: date(2025, 2, 28)})  # lapsed before 31 March
    cluster = _compute("workforce-dwos-qualified", cluster_scope(clusters[0]))
    assert cluster.value == 50.0 and "1 of 2 DWOs on 31 March 2025" in cluster.detail
    assert cluster.series == (100.0, 100.0, 50.0)  # PC Two served from March
    assert _compute("workforce-dwos-qualified", force_scope(city)).value == pytest.approx(100 / 3)


def test_no_qualification_data_says_why(city, clusters, dwos):
    unrecorded = _compute("workforce-dwos-qualified", force_scope(city))
    assert unrecorded.value is None and "No officer's qualifications are recorded" in unrecorded.missing
    _hold_all(dwos[0])
    nobody = _compute("workforce-dwos-qualified", cluster_scope(clusters[0]), Period.parse("2024Q1"))
    assert nobody.value is None and "No Dedicated Ward Officer" in nobody.missing
    QualificationType.objects.update(required_of_dwos=False)
    assert "No qualification is marked as required" in _compute("workforce-dwos-qualified", force_scope(city)).missing


def test_the_current_month_plans_only_the_days_so_far(clusters, dwos, monkeypatch):
    from beatbook.workforce import measures

    monkeypatch.setattr(measures.timezone, "localdate", lambda: date(2025, 1, 14))
    _abstract(dwos[0], date(2025, 1, 10), "8", "response-cover")
    figure = _compute("workforce-abstraction-rate", cluster_scope(clusters[0]), Period.parse("2025Q1"))
    assert figure.value == pytest.approx(100 * 8 / 80)  # 14 days of 40 hours a week so far
