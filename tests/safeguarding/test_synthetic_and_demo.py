"""The synthetic log: real map points and months, seeded, labelled on every row, imported as synthetic; and
the demo that flags repeat people and ASB Case Review candidates and refers a DASH assessment to the MARAC."""

from __future__ import annotations

import csv

import pytest

from beatbook.crime.ingest import ingest_paths
from beatbook.crime.models import Crime
from beatbook.demo.accounts import ensure_demo_accounts
from beatbook.demo.safeguarding import ensure_demo_safeguarding
from beatbook.safeguarding import services
from beatbook.safeguarding.importer import import_log
from beatbook.safeguarding.models import DashAssessment, Incident, MaracReferral
from beatbook.safeguarding.synthesise import map_points, synthesise, write_log
from tests.conftest import shipped_street_file

pytestmark = pytest.mark.django_db
MONTHS = ("2025-10", "2025-11", "2025-12")


@pytest.fixture
def crimes(city):
    ingest_paths([shipped_street_file(m) for m in MONTHS])


def test_synthetic_rows_sit_on_real_map_points_and_are_seeded(crimes, tmp_path):
    points = map_points(3)
    rows = synthesise(points, seed=7)
    assert rows == synthesise(points, seed=7) and rows != synthesise(points, seed=8)
    assert all(r["synthetic"] == "yes" for r in rows)
    assert all(p.startswith("SYN-") for r in rows for p in (r["caller"], r["victim"]) if p)
    real = {(round(a, 6), round(b, 6)) for a, b in Crime.objects.filter(lat__isnull=False).values_list("lat", "lng")}
    assert all((round(float(r["lat"]), 6), round(float(r["lng"]), 6)) in real for r in rows)
    assert {r["occurred_at"][:7] for r in rows} == set(MONTHS)


def test_the_synthetic_flag_survives_the_round_trip(crimes, tmp_path):
    path = tmp_path / "synthetic.csv"
    write_log(synthesise(map_points(3), seed=1), path)
    with path.open(encoding="utf-8") as handle:
        count = sum(1 for _ in csv.DictReader(handle))
    report = import_log(path, "city-of-london")
    assert report.rows_stored == count and report.quarantined == 0
    assert Incident.objects.filter(synthetic=False).count() == 0
    assert services.case_review_candidates(Incident.objects.all())  # the planted repeat ASB caller


def test_the_demo_flags_people_and_refers_to_the_marac_once(crimes, settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.VAR_DIR = tmp_path
    ensure_demo_accounts()
    first = ensure_demo_safeguarding()
    assert "stored" in first[0] and "referred to the MARAC" in first[1]
    assert ensure_demo_safeguarding() == [first[0].replace("stored", "identical")]
    assert services.repeat_register(Incident.objects.all(), "victim")
    assert services.case_review_candidates(Incident.objects.all())
    assessment = DashAssessment.objects.get()
    assert assessment.final_level == "high" and assessment.synthetic
    assert MaracReferral.objects.get().assessment == assessment
