"""The workforce's indicators on a small fixture whose figures were worked out by hand, and the
reasons each gives when a scope or period has no records (never a zero)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from beatbook.performance import registry
from beatbook.performance.figures import trend_months
from beatbook.performance.registry import Aim, Good, Period, Status
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
    # by month: 8 / (40 x 31/7); 6 / (40 x 28/7); 4.5 / ((40 + 35) x 31/7); the nine months before the
    # quarter, when the force recorded no abstraction, are gaps in the trend, not zeros
    assert cluster.series[:9] == (None,) * 9
    assert cluster.series[9:] == pytest.approx((100 * 8 * 7 / 1240, 3.75, 100 * 4.5 * 7 / 2325))
    assert cluster.series_months == tuple(trend_months(Q1))
    force = _compute("workforce-abstraction-rate", force_scope(city))
    assert force.value == pytest.approx(100 * 28.5 * 7 / 8285)  # cluster B adds 40 x 90/7 planned, 10 abstracted
    assert "28.5 of 1,183.6 planned hours" in force.detail


def test_an_officer_planned_part_of_a_month_counts_only_the_days_served(clusters):
    officer = make_officer(clusters[0], start_date=date(2025, 1, 1), end_date=date(2025, 1, 14))
    _abstract(officer, date(2025, 1, 2), "4", "training")
    elsewhere = make_officer(clusters[1], name="PC Elsewhere", start_date=date(2024, 1, 1))
    for day in (date(2025, 2, 5), date(2025, 3, 5)):  # the force recorded abstractions every month
        _abstract(elsewhere, day, "1", "court")
    figure = _compute("workforce-abstraction-rate", cluster_scope(clusters[0]))
    assert figure.value == pytest.approx(100 * 4 / (40 * 14 / 7))  # 14 days of 40 hours a week: 80 hours


def test_no_abstraction_data_says_why_and_is_not_zero(city, clusters, dwos):
    no_officer = _compute("workforce-abstraction-rate", cluster_scope(clusters[0]), Period.parse("2024Q1"))
    assert (
        no_officer.value is None
        and no_officer.missing == "no Dedicated Ward Officer of Fenchurch Street served in 2024Q1"
    )
    unrecorded = _compute("workforce-abstraction-rate", cluster_scope(clusters[1]), Period.parse("2024Q1"))
    assert unrecorded.value is None
    assert unrecorded.missing == (
        "no abstraction was recorded in any month from January 2024 to March 2024: enter them or import the roster"
    )


def test_a_month_without_any_abstraction_recorded_is_missing_not_zero(city, clusters, dwos):
    _abstract(dwos[0], date(2025, 1, 10), "8", "response-cover")  # January and March recorded, February not
    _abstract(dwos[2], date(2025, 3, 1), "10", "public-order")
    figure = _compute("workforce-abstraction-rate", force_scope(city))
    assert figure.value is None and not figure.has_data
    assert figure.missing == "no abstraction was recorded in February 2025: enter them or import the roster"
    assert figure.series[-3] is not None and figure.series[-2] is None and figure.series[-1] is not None
    assert registry.get("workforce-abstraction-rate").status(figure) == Status.NONE
    _abstract(dwos[0], date(2025, 3, 3), "2", "court")  # March again: two months still missing in the year
    year = _compute("workforce-abstraction-rate", force_scope(city), Period.parse("2025"))
    assert year.missing.startswith("no abstraction was recorded in February 2025 or any month from April 2025 to ")


def test_a_scope_without_abstractions_in_a_recording_force_is_a_true_zero(clusters, dwos):
    for day in (date(2025, 1, 6), date(2025, 2, 1), date(2025, 3, 3)):  # cluster B recorded; cluster A had none
        _abstract(dwos[2], day, "5", "court")
    figure = _compute("workforce-abstraction-rate", cluster_scope(clusters[0]))
    assert figure.value == 0.0 and figure.missing == ""
    assert figure.series[9:] == (0.0, 0.0, 0.0)


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
    assert in_a.value == 8 and in_a.series == (None,) * 9 + (5, 0, 3) and in_a.detail == "deployments in 3 months"
    assert _compute("workforce-volunteer-hours", cluster_scope(b)).value == 4
    none = _compute("workforce-volunteer-hours", force_scope(city), Period.parse("2024Q1"))
    assert none.value is None
    assert none.missing == "no volunteer deployment was recorded in any month from January 2024 to March 2024"
    Deployment.objects.filter(date__month=2).delete()
    gap = _compute("workforce-volunteer-hours", force_scope(city))
    assert gap.value is None and gap.missing == "no volunteer deployment was recorded in February 2025"


def test_the_special_constabulary_against_the_doubling_aim(city, clusters, volunteers):
    figure = _compute("workforce-specials-aim", force_scope(city))
    # serving on 1 April 2023: SC One and SC Two, so the aim is 4; on 1 March 2025: SC One and SC Three;
    # on the first day of each month from April 2024 to February 2025: SC One
    assert figure.value == 50.0 and figure.series == (1,) * 11 + (2,)
    assert figure.detail == "2 serving on 1 March 2025; the aim is 4 by 1 April 2026 (2 x 2 on 1 April 2023)"
    cluster = _compute("workforce-specials-aim", cluster_scope(clusters[0]))
    assert cluster.value is None and "force as a whole" in cluster.missing


def test_before_the_first_specials_record_the_count_is_no_data_not_zero(city, volunteers):
    # SC One, the first Special recorded, started on 1 January 2022
    before = _compute("workforce-specials-aim", force_scope(city), Period.parse("2021Q4"))
    assert before.value is None
    assert before.missing == "records of Special Constables start on 1 January 2022, after 2021Q4"
    assert _compute("workforce-specials-aim", force_scope(city), Period.parse("2022Q1")).value == 25.0  # 1 of 4


def test_the_specials_aim_follows_its_settings(city, volunteers, settings):
    settings.BEATBOOK_SPECIALS_BASELINE_DATE = "2025-03-01"  # SC One and SC Three serving: 2
    settings.BEATBOOK_SPECIALS_MULTIPLE = 3
    assert _compute("workforce-specials-aim", force_scope(city)).value == pytest.approx(100 * 2 / 6)


def test_no_specials_is_no_data(city):
    figure = _compute("workforce-specials-aim", force_scope(city))
    assert figure.value is None and figure.missing == "no Special Constable is recorded among the officers"


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
    # Wilson 95% interval of 1/2: 9% to 91%; the target of 100% is above it: red
    assert cluster.value == 50.0 and cluster.detail == "1 of 2 DWOs on 31 March 2025 (95% interval 9% to 91%)"
    assert registry.get("workforce-dwos-qualified").status(cluster) == Status.RED
    # April and May 2024 ended before the first qualification recorded (1 June 2024): gaps; June to December
    # 2024 had no DWO in cluster A; PC Two served from March
    assert cluster.series == (None,) * 9 + (100.0, 100.0, 50.0)
    assert _compute("workforce-dwos-qualified", force_scope(city)).value == pytest.approx(100 / 3)


def test_no_qualification_data_says_why(city, clusters, dwos):
    unrecorded = _compute("workforce-dwos-qualified", force_scope(city))
    assert unrecorded.value is None and unrecorded.missing == "no officer's qualifications are recorded"
    _hold_all(dwos[0])  # achieved on 1 June 2024
    before = _compute("workforce-dwos-qualified", cluster_scope(clusters[0]), Period.parse("2024Q1"))
    assert before.missing == "records of officers' qualifications start on 1 June 2024, after 2024Q1"
    nobody = _compute("workforce-dwos-qualified", cluster_scope(clusters[0]), Period.parse("2024Q3"))
    assert nobody.value is None
    assert nobody.missing == "no Dedicated Ward Officer of Fenchurch Street was serving on 30 September 2024"
    QualificationType.objects.update(required_of_dwos=False)
    assert _compute("workforce-dwos-qualified", force_scope(city)).missing == (
        "no qualification is marked as required of DWOs"
    )


def test_the_current_month_plans_only_the_days_so_far(clusters, dwos, monkeypatch):
    from beatbook.workforce import measures

    monkeypatch.setattr(measures.timezone, "localdate", lambda: date(2025, 1, 14))
    _abstract(dwos[0], date(2025, 1, 10), "8", "response-cover")
    figure = _compute("workforce-abstraction-rate", cluster_scope(clusters[0]), Period.parse("2025Q1"))
    # 14 days of 40 hours a week so far; February and March have not begun, so they are not missing
    assert figure.value == pytest.approx(100 * 8 / 80)
    assert figure.series[-2:] == (None, None)
    assert figure.not_rated == "2025Q1 is not over (figures to 14 January 2025)"
