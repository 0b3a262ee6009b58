"""A small year whose every figure can be counted by hand (2023: 14 crimes, 1 ASB), and the shipped
City data of 2024-2025 for the rendered profile."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime

import pytest
from django.utils import timezone

from beatbook.crime.ingest import ingest_paths
from beatbook.geography.denominators import load_denominators
from beatbook.geography.models import Ward
from beatbook.surveys.models import Access, Answer, Response, SurveyKind, Wave
from beatbook.surveys.services import create_survey
from tests.conftest import DATA_DIR, loaded_for_module, shipped_street_file
from tests.crime.csvs import street_row, write_csv
from tests.engagement.factories import event_type, make_event, make_priority

DENOMINATORS = DATA_DIR / "population" / "city-of-london-denominators.csv"
SHIPPED_MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13)]


def at_centre(ward: Ward) -> tuple[str, str]:
    return (f"{ward.centroid_lng:.6f}", f"{ward.centroid_lat:.6f}")


@pytest.fixture
def small_year(city, tmp_path):
    """2023, every month published: one other theft in Bishopsgate a month; in January also two
    shoplifting crimes and one ASB incident in Cheap. Denominators as shipped."""
    load_denominators(DENOMINATORS, city)
    bishopsgate, cheap = Ward.objects.get(name="Bishopsgate"), Ward.objects.get(name="Cheap")
    n = 0
    paths = []
    for month in range(1, 13):
        label = f"2023-{month:02d}"
        rows = [street_row(n := n + 1, label, "Other theft", at_centre(bishopsgate))]
        if month == 1:
            rows += [street_row(n := n + 1, label, "Shoplifting", at_centre(cheap)) for _ in range(2)]
            rows.append(street_row(n := n + 1, label, "Anti-social behaviour", at_centre(cheap)))
        paths.append(write_csv(tmp_path, label, "street", rows))
    assert not ingest_paths(paths).refused
    return city


def _at(day: date, hour: int = 18) -> datetime:
    return timezone.make_aware(datetime.combine(day, dt.time(hour)))


@pytest.fixture
def engagement_2023(city):
    """Three events held in 2023 (attendance 20 and 15 at two panel meetings, none counted at a
    surgery), one cancelled and one in 2024 left out; two published priorities of 2023 (one acted
    on), one unpublished, one of 2022; three issues raised at the first meeting."""
    cluster_a, cluster_b = list(city.sectors.first().clusters.order_by("name"))[:2]
    first = make_event(cluster_a, "Panel A1", start=_at(date(2023, 3, 1)), attendance=20, actions_promised="Patrols")
    make_event(cluster_a, "Panel A2", start=_at(date(2023, 9, 1)), attendance=15)
    make_event(cluster_b, "Surgery B", start=_at(date(2023, 5, 2)), event_type=event_type("neighbourhood-surgery"))
    make_event(cluster_b, "Cancelled", start=_at(date(2023, 6, 1)), attendance=99, cancelled=True)
    make_event(cluster_b, "Next year", start=_at(date(2024, 2, 1)), attendance=50)
    ward = cluster_a.wards.order_by("name").first()
    for text in ("Bikes", "Noise", "Begging"):
        first.issues.create(ward=ward, text=text)
    make_priority(ward, "Bike thefts", issue_date=date(2023, 3, 2), published=True, action="Bike marking",
                  action_date=date(2023, 4, 1))  # fmt: skip
    make_priority(ward, "Late-night noise", issue_date=date(2023, 9, 2), published=True)
    make_priority(ward, "Not yet published", issue_date=date(2023, 10, 1))
    make_priority(ward, "Older", issue_date=date(2022, 10, 1), published=True)
    return cluster_a, cluster_b


@pytest.fixture
def survey_2023(personas):
    """A wave closed in 2023: 12 residents (9 'Good') and 3 workers (3 'Good'), so all respondents
    are 12 of 15 = 80%; the workers are under 10 and the residents withheld to protect them."""
    survey = create_survey("City confidence", SurveyKind.CONFIDENCE, Access.OPEN, "", personas["analyst"])
    wave = Wave.objects.create(survey=survey, name="Autumn 2023", opens=date(2023, 9, 1), closes=date(2023, 10, 31))
    Wave.objects.create(survey=survey, name="Spring 2024", opens=date(2024, 3, 1), closes=date(2024, 4, 30))
    ward = personas.cluster_a.wards.first()
    answers = [("resident", "Good")] * 9 + [("resident", "Poor")] * 3 + [("worker", "Good")] * 3
    first = survey.questions.order_by("position").first()
    submitted = timezone.make_aware(datetime(2023, 10, 2, 12))
    for group, choice in answers:  # the wave is closed: stored as the answering form would have
        response = Response.objects.create(wave=wave, ward=ward, group=group, submitted=submitted)
        Answer.objects.create(response=response, question=first, choice=choice)
    return survey


@pytest.fixture(scope="module")
def shipped(django_db_setup, django_db_blocker):
    """The City geography and its street crimes of 2024-01..2025-12, once for the module."""
    with loaded_for_module(django_db_blocker, [shipped_street_file(m) for m in SHIPPED_MONTHS]):
        yield


@pytest.fixture
def data(shipped, db, city):
    """The shipped data for one test, with the shipped denominators."""
    load_denominators(DENOMINATORS, city)
    return city
